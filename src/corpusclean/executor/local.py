"""The local engine: units of work cleaned in worker processes, results in input order.

Each worker reads a unit of the input itself, cleans it a batch of documents at
a time (:func:`~corpusclean.executor.outcome.clean_documents`) and writes the result
straight into shard files, so memory stays at a batch of documents per worker
whatever the corpus size, and the main process only puts finished units in
place. Results are taken in input order (an ordered ``imap``), so the output is
the same for any number of workers; with one worker everything runs in the
calling process. Corpus-level cleaners are fitted first
(:mod:`corpusclean.executor.fit`), by the workers where they learn in parts.

>>> import tempfile, pathlib
>>> from corpusclean import Pipeline, make_cleaner
>>> from corpusclean.executor.units import find_files, plan_units
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("标题  \\n\\n\\n正文。", encoding="utf-8")
>>> engine = LocalEngine(workers=1)
>>> pipeline = Pipeline([make_cleaner("normalize_lines")])
>>> (result,) = engine.clean(pipeline, plan_units(find_files([folder])), folder / "tmp")
>>> result.read, result.written, [pathlib.Path(f).name for f in result.files["part"]]
(1, 1, ['part-0000.jsonl.zst'])
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from ..cleaner import Cleaner
from ..errors import InputError
from ..formats import document_record
from ..pipeline import Pipeline
from .engine import DEFAULT_READ, Progress, ReadOptions, default_workers
from .fit import fit_in_parts, fit_unit
from .outcome import SHARD_KIND, clean_documents
from .shards import SHARD_BYTES, UnitResult, UnitWriter, reject_record
from .units import Unit, read_unit

T = TypeVar("T")


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
    try:
        for outcome, out in clean_documents(pipeline, read_unit(unit, options, on_error=errors.append)):
            result.tally(outcome)
            writer.write(SHARD_KIND[outcome], document_record(out))
        for err in errors:
            result.rejects.append((err.path, err.line, err.reason))
            writer.write("rejects", reject_record(err.path, err.line, err.reason))
    finally:
        result.files = writer.close()
    result.stats = pipeline.all_stats()
    return result


# -- the local engine ------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _start_worker(pipeline: bytes | None, settings: dict[str, Any]) -> None:
    if pipeline is not None:  # a spawned worker: the pipeline comes pickled
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


def _fit_in_worker(unit: Unit) -> list[Any]:
    return fit_unit(_WORKER["pipeline"], _WORKER["positions"], unit, _WORKER["options"])


class LocalEngine:
    """Run units in ``workers`` processes on this machine (in this process when ``workers == 1``)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or default_workers()

    def fit(
        self,
        pipeline: Cleaner,
        units: list[Unit],
        options: ReadOptions = DEFAULT_READ,
        progress: Progress | None = None,
    ) -> None:
        """Fit the corpus-level cleaners of ``pipeline`` on ``units``."""

        def map_units(flat: Pipeline, positions: list[int], todo: list[Unit]) -> Iterator[list[Any]]:
            if self.workers == 1 or len(todo) == 1:
                return (fit_unit(flat, positions, unit, options) for unit in todo)
            settings = {"positions": positions, "options": options}
            return self._map(flat, settings, _fit_in_worker, todo)

        fit_in_parts(pipeline, units, map_units, options, progress)

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
        context = multiprocessing.get_context()
        processes = min(self.workers, len(units))
        # Forked workers inherit the pipeline, fitted state included, and share its pages with
        # this process: no pickled copy here, no unpickled copy in each worker. (A fork server
        # would give each worker its own copy of the library too, which costs more memory in all.)
        # Where processes are spawned (macOS, Windows), the pipeline goes pickled.
        forked = context.get_start_method() == "fork"
        # pickled here when it must be, so that a cleaner that cannot be pickled fails here, not in a worker
        blob = None if forked else pickle.dumps(pipeline)
        if forked:
            pipeline.preload()  # word lists and tables read once, here, and shared with the workers
        _WORKER["pipeline"] = pipeline  # while the pool lives: a worker that replaces one inherits it too
        try:
            gc.freeze()  # the children's collector leaves inherited objects alone: no copy-on-write of them
            try:
                pool = context.Pool(processes, _start_worker, (blob, settings))
            finally:
                gc.unfreeze()
            with pool:
                # ordered: unit i's result comes before unit i+1's, whoever finishes first
                yield from pool.imap(task, units, chunksize=1)
        finally:
            _WORKER.clear()
