"""Local parallel runs: units of work cleaned in worker processes, results in input order.

Each worker reads a unit of the input itself, cleans it document by document
and writes the result straight into shard files, so memory stays at a few
documents per worker whatever the corpus size, and the main process only puts
finished units in place. Results are taken in input order (an ordered
``imap``), so the output is the same for any number of workers; with one
worker everything runs in the calling process.

Corpus-level cleaners are fitted before cleaning, one after the other: a
cleaner that learns in parts (:meth:`~corpusclean.cleaner.Cleaner.fits_in_parts`)
gets one partial state per unit from the workers, merged in input order; any
other is fitted in the main process over the whole corpus.

>>> import tempfile, pathlib
>>> from corpusclean import Pipeline, make_cleaner
>>> from corpusclean.units import find_files, plan_units
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("标题  \\n\\n\\n正文。", encoding="utf-8")
>>> engine = LocalEngine(workers=1)
>>> pipeline = Pipeline([make_cleaner("normalize_lines")])
>>> (result,) = engine.clean(pipeline, plan_units(find_files([folder])), folder / "tmp")
>>> result.read, result.written, [pathlib.Path(f).name for f in result.files["part"]]
(1, 1, ['part-0000.jsonl.zst'])
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .cleaner import Cleaner, not_counted
from .document import Document
from .errors import InputError
from .exporters import document_record
from .pipeline import Pipeline
from .shards import SHARD_BYTES, UnitResult, UnitWriter, reject_record
from .units import Unit, read_unit

T = TypeVar("T")


@dataclass(frozen=True)
class ReadOptions:
    """How input records are read: the JSONL fields of the text and the id."""

    text_key: str = "text"
    id_key: str = "id"


DEFAULT_READ = ReadOptions()


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def clean_unit(
    pipeline: Cleaner,
    unit: Unit,
    tmp: Path,
    *,
    options: ReadOptions = DEFAULT_READ,
    shard_bytes: int = SHARD_BYTES,
    compress: bool = True,
) -> UnitResult:
    """Read and clean one unit into shard files under ``tmp``; the stats count this unit only."""
    pipeline.reset_stats()
    writer = UnitWriter(tmp / f"unit-{unit.index:07d}", shard_bytes=shard_bytes, compress=compress)
    result = UnitResult(unit.index)
    errors: list[InputError] = []

    def set_aside(doc: Document, reason: str) -> None:
        result.dropped += 1
        writer.write("dropped", document_record(doc.replace(metadata={**doc.metadata, "dropped": reason})))

    def failed(doc: Document, exc: Exception) -> None:
        errors.append(cleaning_failure(doc, exc))

    try:
        docs = read_unit(unit, text_key=options.text_key, id_key=options.id_key, on_error=errors.append)
        for doc in pipeline.clean(_counted(docs, result), on_drop=set_aside, on_error=failed):
            if "duplicate_of" in doc.metadata:
                result.duplicates += 1
                writer.write("duplicates", document_record(doc))
            else:
                result.written += 1
                writer.write("part", document_record(doc))
        for err in errors:
            result.rejects.append((err.path, err.line, err.reason))
            writer.write("rejects", reject_record(err.path, err.line, err.reason))
    finally:
        result.files = writer.close()
    result.stats = pipeline.all_stats()
    return result


def cleaning_failure(doc: Document, exc: Exception) -> InputError:
    """The reject of a document whose cleaning raised: its source and id, and the error."""
    return InputError(
        f"document {doc.id!r} could not be cleaned ({type(exc).__name__}: {exc}); "
        "it is left out of the output, the other documents are cleaned",
        path=doc.source,
    )


def _counted(docs: Iterable[Document], result: UnitResult) -> Iterator[Document]:
    for doc in docs:
        result.read += 1
        yield doc


def fit_unit(pipeline: Pipeline, position: int, unit: Unit, options: ReadOptions = DEFAULT_READ) -> Any:
    """The partial state of the ``position``-th cleaner of ``pipeline`` on one unit."""
    cleaner = pipeline.cleaners[position]
    docs = read_unit(unit, text_key=options.text_key, id_key=options.id_key, on_error=lambda err: None)
    with not_counted():
        return cleaner.fit_partial(pipeline.fit_input(position, docs))


def as_pipeline(cleaner: Cleaner) -> Pipeline:
    """``cleaner`` itself when it is a pipeline, else a pipeline of it alone."""
    return cleaner if isinstance(cleaner, Pipeline) else Pipeline([cleaner])


def fit_in_parts(
    pipeline: Cleaner,
    units: list[Unit],
    map_units: Callable[[Pipeline, int, list[Unit]], list[Any]],
    options: ReadOptions = DEFAULT_READ,
) -> None:
    """Fit every corpus-level cleaner of ``pipeline``, in parts where it can learn in parts.

    ``map_units(pipeline, position, units)`` returns the partial states of the
    cleaner at ``position`` on each unit, in unit order; it is where an engine
    puts its workers.
    """
    flat = as_pipeline(pipeline)
    for position, cleaner in enumerate(flat.cleaners):
        if not cleaner.needs_fit:
            continue
        if cleaner.fits_in_parts():
            cleaner.set_state(cleaner.merge_states(map_units(flat, position, units)))
            continue

        def everything() -> Iterator[Document]:
            for unit in units:
                yield from read_unit(
                    unit, text_key=options.text_key, id_key=options.id_key, on_error=lambda err: None
                )

        with not_counted():
            cleaner.fit(flat.fit_input(position, everything()))


# -- the local engine ------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _start_worker(pipeline: bytes, settings: dict[str, Any]) -> None:
    _WORKER["pipeline"] = pickle.loads(pipeline)
    _WORKER.update(settings)


def _clean_in_worker(unit: Unit) -> UnitResult:
    w = _WORKER
    return clean_unit(
        w["pipeline"],
        unit,
        w["tmp"],
        options=w["options"],
        shard_bytes=w["shard_bytes"],
        compress=w["compress"],
    )


def _fit_in_worker(unit: Unit) -> Any:
    return fit_unit(_WORKER["pipeline"], _WORKER["position"], unit, _WORKER["options"])


class LocalEngine:
    """Run units in ``workers`` processes on this machine (in this process when ``workers == 1``)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or default_workers()

    def fit(self, pipeline: Cleaner, units: list[Unit], options: ReadOptions = DEFAULT_READ) -> None:
        """Fit the corpus-level cleaners of ``pipeline`` on ``units``."""

        def map_units(flat: Pipeline, position: int, todo: list[Unit]) -> list[Any]:
            if self.workers == 1 or len(todo) == 1:
                return [fit_unit(flat, position, unit, options) for unit in todo]
            settings = {"position": position, "options": options}
            return list(self._map(flat, settings, _fit_in_worker, todo))

        fit_in_parts(pipeline, units, map_units, options)

    def clean(
        self,
        pipeline: Cleaner,
        units: list[Unit],
        tmp: Path,
        *,
        options: ReadOptions = DEFAULT_READ,
        shard_bytes: int = SHARD_BYTES,
        compress: bool = True,
    ) -> Iterator[UnitResult]:
        """Clean ``units`` into shard files under ``tmp``; results come in unit order."""
        if self.workers == 1 or len(units) <= 1:
            for unit in units:
                yield clean_unit(
                    pipeline, unit, tmp, options=options, shard_bytes=shard_bytes, compress=compress
                )
            return
        settings = {"tmp": tmp, "options": options, "shard_bytes": shard_bytes, "compress": compress}
        yield from self._map(pipeline, settings, _clean_in_worker, units)

    def _map(
        self, pipeline: Cleaner, settings: dict[str, Any], task: Callable[[Unit], T], units: list[Unit]
    ) -> Iterator[T]:
        blob = pickle.dumps(pipeline)  # fails here, not in a worker, when a cleaner cannot be pickled
        processes = min(self.workers, len(units))
        with multiprocessing.get_context().Pool(processes, _start_worker, (blob, settings)) as pool:
            # ordered: unit i's result comes before unit i+1's, whoever finishes first
            yield from pool.imap(task, units, chunksize=1)
