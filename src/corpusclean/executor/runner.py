"""A whole cleaning run: read, fit, clean, write, with side files for what was set aside.

Kept documents go to the output. Nothing is dropped silently: documents marked
as duplicates (``metadata["duplicate_of"]``) go to a ``duplicates`` side file,
documents a cleaner dropped go, as they were read (through the pipeline's
:meth:`~corpusclean.cleaner.Cleaner.scrub`: personal data masked) and with the
reason in ``metadata["dropped"]``, to a ``dropped`` side file, and unreadable inputs go
with their error to a ``rejects`` side file. Side files sit beside a file
output (``out.jsonl`` → ``out.duplicates.jsonl``) or inside a directory output,
and are only created when they have something in them.

A directory output in the jsonl format is a set of resumable shards instead
(``part-00000.jsonl.zst``, ``duplicates-00000.jsonl.zst``, ...; see
:mod:`corpusclean.executor.shards`). Every run cleans units of the input
(:mod:`corpusclean.executor.units`) on an engine: worker processes on this machine
(:mod:`corpusclean.executor.local`) or a Ray cluster (:mod:`corpusclean.executor.ray`),
and the output does not depend on which, nor on the number of workers. A JSONL
file output is the workers' records, copied as they wrote them.

A cleaner that raised on a document did not cost the document: it is written
with a ``cleaner_error`` flag, and :attr:`RunResult.cleaner_errors` counts them.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..cleaner import Cleaner, CleanerStats
from ..document import Document
from ..errors import InputError, OutputError
from ..formats import JsonlWriter, TextDirWriter, atomic_file, document_suffix, find_files, format_named
from ..formats import infer_format as infer_format  # the output choice lives with the formats
from .engine import Progress, ReadOptions, UnitEngine, track
from .fit import as_pipeline
from .local import LocalEngine
from .shards import SHARD_BYTES, ShardDirectory, UnitResult, add_stats, reject_record, stats_from_dict
from .units import Unit, input_fingerprint, plan_units, total_bytes, unit_size

#: An output format: the name of a row of :data:`~corpusclean.formats.FORMATS` that has a writer.
Format = str


@dataclass
class RunResult:
    """What a run did: counts, the rejected inputs, per-cleaner stats and the files written."""

    read: int = 0
    written: int = 0
    duplicates: int = 0
    dropped: int = 0
    rejected: list[InputError] = field(default_factory=list)
    stats: list[CleanerStats] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)

    @property
    def cleaner_errors(self) -> int:
        """How many times a cleaner raised on a document (each such document is written, flagged)."""
        return sum(s.errors for s in self.stats)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready summary of the run."""
        return {
            "documents_read": self.read,
            "documents_written": self.written,
            "duplicates": self.duplicates,
            "dropped": self.dropped,
            "rejected": len(self.rejected),
            "cleaner_errors": self.cleaner_errors,
            "files": self.files,
            "cleaners": [s.as_dict() for s in self.stats],
        }


def check_output_path(inputs: Iterable[str | Path], output: str) -> None:
    """Refuse an output that would overwrite an input or be read back as one."""
    if output == "-":
        return
    out = Path(output).resolve()
    for item in inputs:
        source = Path(item).resolve()
        if out == source or (source.is_dir() and out.is_relative_to(source)):
            raise OutputError(
                f"the output {output} would overwrite or sit inside the input {item}; "
                "choose an output path outside the inputs"
            )
        if source.is_relative_to(out) and out.is_dir():
            raise OutputError(
                f"the input {item} is inside the output directory {output}; "
                "choose an output directory that holds no input"
            )


def side_path(output: str, fmt: Format, kind: str) -> Path:
    """Where the ``kind`` side file (duplicates, dropped, rejects) of ``output`` goes.

    Duplicates and dropped documents follow the main output's format when it
    keeps whole records (JSONL, Parquet), else JSON Lines; rejects (errors, not
    documents) are always JSON Lines.

    >>> side_path("out/seeds.jsonl.gz", "jsonl", "duplicates").as_posix()
    'out/seeds.duplicates.jsonl.gz'
    >>> side_path("out/rows.parquet", "parquet", "dropped").as_posix()
    'out/rows.dropped.parquet'
    >>> side_path("out/rows.parquet", "parquet", "rejects").as_posix()
    'out/rows.rejects.jsonl'
    >>> side_path("out/texts", "txt", "rejects").as_posix()
    'out/texts/rejects.jsonl'
    """
    path = Path(output)
    suffix = document_suffix(path)
    if suffix is None:
        return path / f"{kind}.jsonl"
    stem = path.name[: -len(suffix)]
    if format_named(fmt).whole_records and kind != "rejects":
        return path.with_name(f"{stem}.{kind}{suffix}")
    return path.with_name(f"{stem}.{kind}.jsonl")


class _Outputs(contextlib.ExitStack):
    """The main writer plus side writers opened on first use."""

    def __init__(self, output: str, fmt: Format, result: RunResult) -> None:
        super().__init__()
        self.output, self.fmt, self.result = output, fmt, result
        self.main: Any = None
        self._sides: dict[str, Any] = {}

    def open_main(self) -> None:
        writer = format_named(self.fmt).write
        if self.output == "-" or (writer is not None and document_suffix(Path(self.output))):
            # a file or stdout; a directory gets shards, or one text file per document
            self.main = self.enter_context((writer or JsonlWriter)(Path(self.output)))
        else:
            self.main = self.enter_context(TextDirWriter(self.output))
        self.result.files["documents"] = self.output

    def side(self, kind: str) -> Any:
        if self.output == "-":
            return self.main  # type: ignore[no-any-return]  # stdout: everything in one stream
        if kind not in self._sides:
            path = side_path(self.output, self.fmt, kind)
            main = format_named(self.fmt)
            writer = main.write if main.whole_records and main.write is not None else JsonlWriter
            self._sides[kind] = self.enter_context(writer(path))
            self.result.files[kind] = str(path)
        return self._sides[kind]


Engine = Literal["local", "ray"]


def is_sharded(output: str, fmt: Format) -> bool:
    """True when ``output`` is a directory of shards (a directory output in JSONL or a format with shards).

    >>> is_sharded("out/shards", "jsonl"), is_sharded("out/a.jsonl", "jsonl"), is_sharded("out/t", "txt")
    (True, False, False)
    >>> is_sharded("out/shards", "parquet")
    True
    """
    has_shards = fmt == "jsonl" or format_named(fmt).from_jsonl is not None
    return has_shards and output != "-" and document_suffix(Path(output)) is None


def clean_files(
    inputs: list[str | Path],
    output: str,
    *,
    pipeline: Cleaner,
    fmt: Format | None = None,
    text_key: str = "text",
    id_key: str = "id",
    split_text: bool = False,
    on_error: Literal["skip", "fail"] = "skip",
    progress: Progress | None = None,
    workers: int = 1,
    engine: Engine = "local",
    unit_bytes: int | None = None,
    shard_bytes: int = SHARD_BYTES,
) -> RunResult:
    """Clean the files under ``inputs`` into ``output``; see the module docs for side files.

    The inputs are cut into units of about ``unit_bytes`` (by default chosen
    from the input size, :func:`~corpusclean.executor.units.unit_size`; :mod:`corpusclean.executor.units`)
    cleaned by ``workers`` processes (``engine="local"``) or on a Ray cluster
    (``engine="ray"``); the output is the same either way. A directory output in
    the jsonl format is written as resumable shards (:mod:`corpusclean.executor.shards`).
    ``progress`` opens a bar for each pass over the input, advanced by the
    bytes of input done (:class:`~corpusclean.executor.engine.Progress`), or is ``None``.
    """
    fmt = fmt or infer_format(output)
    check_output_path(inputs, output)
    if fmt not in ("jsonl", "txt") and output == "-":
        raise OutputError(f"the {fmt} format is not written to stdout; give -o a file or a directory")
    options = ReadOptions(text_key=text_key, id_key=id_key, split_text=split_text)
    files = find_files(inputs)
    unit_bytes = unit_bytes or unit_size(total_bytes(files))
    units = plan_units(files, unit_bytes=unit_bytes)
    runner = _engine(engine, workers)
    if is_sharded(output, fmt):
        fingerprint = {
            "inputs": input_fingerprint(files),
            "pipeline": as_pipeline(pipeline).names,
            "read": [text_key, id_key, split_text],
            "unit_bytes": unit_bytes,
            "shard_bytes": shard_bytes,
        }
        convert = format_named(fmt).from_jsonl
        shards = ShardDirectory(
            output,
            fingerprint={**fingerprint, "format": fmt},
            convert=None if convert is None else (format_named(fmt).suffixes[0], convert),
        )
        return _clean_to_shards(pipeline, units, shards, runner, options, on_error, progress, shard_bytes)
    result = RunResult()
    if pipeline.needs_fit:
        runner.fit(pipeline, units, options, progress)
    with _Outputs(output, fmt, result) as outputs, _scratch(output) as tmp:
        outputs.open_main()
        finished = runner.clean(
            pipeline, units, tmp, options=options, shard_bytes=shard_bytes, compress=False
        )
        for unit in track(progress, "cleaning", units, finished):
            _fail_on_reject(unit, on_error)
            _copy_unit(unit, outputs, result)
        if result.rejected and output != "-":
            path = side_path(output, fmt, "rejects")
            with atomic_file(path) as stream:
                for err in result.rejected:
                    stream.write(reject_record(err.path, err.line, err.reason))
            result.files["rejects"] = str(path)
    return result


def _engine(engine: Engine, workers: int) -> UnitEngine:
    if engine == "ray":
        from .ray import RayEngine

        return RayEngine(workers=workers)
    return LocalEngine(workers=workers)


def _clean_to_shards(
    pipeline: Cleaner,
    units: list[Unit],
    shards: ShardDirectory,
    runner: UnitEngine,
    options: ReadOptions,
    on_error: str,
    progress: Progress | None,
    shard_bytes: int,
) -> RunResult:
    shards.open()
    todo = units[shards.done :]
    if todo and pipeline.needs_fit:  # a restart fits again: the same inputs give the same state
        runner.fit(pipeline, units, options, progress)
    finished = runner.clean(pipeline, todo, shards.tmp, options=options, shard_bytes=shard_bytes)
    for unit in track(progress, "cleaning", todo, finished):
        _fail_on_reject(unit, on_error)
        shards.commit(unit)
    shards.finish()
    totals = shards.manifest["totals"]
    result = RunResult(
        read=totals.get("read", 0),
        written=totals.get("written", 0),
        duplicates=totals.get("duplicates", 0),
        dropped=totals.get("dropped", 0),
        rejected=shards.rejected(),
        stats=[stats_from_dict(s) for s in shards.manifest["stats"]],
        files={"documents": str(shards.directory)},
    )
    return result


def _fail_on_reject(unit: UnitResult, on_error: str) -> None:
    if on_error == "fail" and unit.rejects:
        path, line, reason = unit.rejects[0]
        raise InputError(reason, path=path, line=line)


def _copy_unit(unit: UnitResult, outputs: _Outputs, result: RunResult) -> None:
    """Write a finished unit's documents to the outputs, then delete its shard files."""
    result.read += unit.read
    result.written += unit.written
    result.duplicates += unit.duplicates
    result.dropped += unit.dropped
    result.stats = add_stats(result.stats, unit.stats)
    result.rejected += [InputError(reason, path=path, line=line) for path, line, reason in unit.rejects]
    for kind, target in (("part", None), ("duplicates", "duplicates"), ("dropped", "dropped")):
        for name in unit.files.get(kind, []):
            writer = outputs.main if target is None else outputs.side(target)
            with open(name, "rb") as stream:
                # JSON Lines out: the records as the worker wrote them; other writers need each
                # record's fields
                if getattr(writer, "copies_records", False):
                    writer.copy_records(stream)
                else:
                    for number, line in enumerate(stream, start=1):
                        writer.write(Document.from_json(line, path=name, line_number=number))
    for names in unit.files.values():
        for name in names:
            Path(name).unlink()


@contextlib.contextmanager
def _scratch(output: str) -> Iterator[Path]:
    """A temporary folder for units in progress, beside the output (on the same disk)."""
    parent = None if output == "-" else Path(output).resolve().parent
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
    folder = tempfile.mkdtemp(prefix=".corpusclean-", dir=parent)
    try:
        yield Path(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
