"""A whole cleaning run: read, fit, clean, write, with side files for what was set aside.

Kept documents go to the output. Nothing is dropped silently: documents marked
as duplicates (``metadata["duplicate_of"]``) go to a ``duplicates`` side file,
documents a cleaner dropped go, unchanged and with the reason in
``metadata["dropped"]``, to a ``dropped`` side file, and unreadable inputs go
with their error to a ``rejects`` side file. Side files sit beside a file
output (``out.jsonl`` → ``out.duplicates.jsonl``) or inside a directory output,
and are only created when they have something in them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import orjson

from .cleaner import Cleaner, CleanerStats
from .document import Document
from .errors import InputError, OutputError
from .exporters import JsonlWriter, TextDirWriter, TextFileWriter, atomic_file
from .readers import Corpus, document_suffix

Format = Literal["jsonl", "txt"]


def infer_format(output: str) -> Format:
    """The output format an output path implies: JSONL for ``-`` and ``.jsonl[.gz|.zst]``, else text.

    >>> infer_format("out/seeds.jsonl.zst"), infer_format("out/texts"), infer_format("-")
    ('jsonl', 'txt', 'jsonl')
    """
    if output == "-" or (document_suffix(Path(output)) or "").startswith(".jsonl"):
        return "jsonl"
    return "txt"


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

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready summary of the run."""
        return {
            "documents_read": self.read,
            "documents_written": self.written,
            "duplicates": self.duplicates,
            "dropped": self.dropped,
            "rejected": len(self.rejected),
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

    >>> side_path("out/seeds.jsonl.gz", "jsonl", "duplicates").as_posix()
    'out/seeds.duplicates.jsonl.gz'
    >>> side_path("out/texts", "txt", "rejects").as_posix()
    'out/texts/rejects.jsonl'
    """
    path = Path(output)
    suffix = document_suffix(path)
    if fmt == "jsonl" and suffix:
        stem = path.name[: -len(suffix)]
        return path.with_name(f"{stem}.{kind}{suffix}")
    if fmt == "txt" and path.name.lower().endswith(".txt"):
        return path.with_name(f"{path.name[:-4]}.{kind}.jsonl")
    return path / f"{kind}.jsonl"


class _Outputs(contextlib.ExitStack):
    """The main writer plus side writers opened on first use."""

    def __init__(self, output: str, fmt: Format, result: RunResult) -> None:
        super().__init__()
        self.output, self.fmt, self.result = output, fmt, result
        self.main: Any = None
        self._sides: dict[str, JsonlWriter] = {}

    def open_main(self) -> None:
        if self.fmt == "jsonl":
            target = self.output
            if self.output != "-" and document_suffix(Path(self.output)) is None:
                target = str(Path(self.output) / "documents.jsonl")
            self.main = self.enter_context(JsonlWriter(target))
        elif self.output.lower().endswith(".txt"):
            self.main = self.enter_context(TextFileWriter(self.output))
        else:
            self.main = self.enter_context(TextDirWriter(self.output))
        self.result.files["documents"] = self.output

    def side(self, kind: str) -> JsonlWriter:
        if self.output == "-":
            return self.main  # type: ignore[no-any-return]  # stdout: everything in one stream
        if kind not in self._sides:
            path = side_path(self.output, self.fmt, kind)
            self._sides[kind] = self.enter_context(JsonlWriter(path))
            self.result.files[kind] = str(path)
        return self._sides[kind]


def clean_files(
    inputs: list[str | Path],
    output: str,
    *,
    pipeline: Cleaner,
    fmt: Format | None = None,
    text_key: str = "text",
    id_key: str = "id",
    on_error: Literal["skip", "fail"] = "skip",
    progress: Any = None,
) -> RunResult:
    """Clean the files under ``inputs`` into ``output``; see the module docs for side files.

    ``progress`` is called as ``progress(iterable, desc)`` to wrap the document
    streams (a progress bar), or ``None``.
    """
    fmt = fmt or infer_format(output)
    check_output_path(inputs, output)
    result = RunResult()

    def reject(err: InputError) -> None:
        if on_error == "fail":
            raise err
        result.rejected.append(err)

    corpus = Corpus(inputs, text_key=text_key, id_key=id_key, on_error=reject)
    if pipeline.needs_fit:
        pipeline.fit(_wrap(progress, corpus, "fitting"))
        result.rejected.clear()  # the cleaning pass meets the same errors again

    with _Outputs(output, fmt, result) as outputs:
        outputs.open_main()

        def set_aside(doc: Document, reason: str) -> None:
            result.dropped += 1
            marked = doc.replace(metadata={**doc.metadata, "dropped": reason})
            outputs.side("dropped").write(marked)

        for doc in pipeline.clean(_count(_wrap(progress, corpus, "cleaning"), result), on_drop=set_aside):
            if "duplicate_of" in doc.metadata:
                result.duplicates += 1
                outputs.side("duplicates").write(doc)
            else:
                result.written += 1
                outputs.main.write(doc)
        if result.rejected and output != "-":
            path = side_path(output, fmt, "rejects")
            with atomic_file(path) as stream:
                for err in result.rejected:
                    stream.write(orjson.dumps(_reject_record(err), option=orjson.OPT_APPEND_NEWLINE))
            result.files["rejects"] = str(path)
    result.stats = pipeline.all_stats()
    return result


def _reject_record(err: InputError) -> dict[str, Any]:
    return {"source": err.path, "line": err.line, "error": err.reason}


def _wrap(progress: Any, docs: Iterable[Document], desc: str) -> Iterable[Document]:
    return docs if progress is None else progress(docs, desc)


def _count(docs: Iterable[Document], result: RunResult) -> Iterator[Document]:
    for doc in docs:
        result.read += 1
        yield doc
