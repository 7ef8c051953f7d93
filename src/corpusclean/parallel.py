"""Local parallel runs: units of work cleaned in worker processes, results in input order.

Each worker reads a unit of the input itself, cleans it document by document
and writes the result straight into shard files, so memory stays at a few
documents per worker whatever the corpus size, and the main process only puts
finished units in place. Results are taken in input order (an ordered
``imap``), so the output is the same for any number of workers; with one
worker everything runs in the calling process.

Corpus-level cleaners are fitted before cleaning: cleaners that learn in parts
(:meth:`~corpusclean.cleaner.Cleaner.fits_in_parts`) get one partial state per
unit from the workers, merged in input order, and those that learn from the
same text share one read of the corpus (:func:`fit_groups`); any other is
fitted in the main process over the whole corpus.

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

import gc
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .cleaner import Cleaner, not_counted
from .document import Document
from .errors import InputError
from .formats import document_record
from .pipeline import Pipeline
from .shards import SHARD_BYTES, UnitResult, UnitWriter, reject_record
from .units import Unit, read_unit

T = TypeVar("T")
#: Wraps a stream of finished units, as ``progress(iterable, desc)``: a progress bar.
Progress = Callable[[Iterable[Any], str], Iterable[Any]]


def with_progress(progress: Progress | None, items: Iterable[T], desc: str) -> Iterable[T]:
    """``items`` wrapped by ``progress`` (when there is one), labelled ``desc``."""
    return items if progress is None else progress(items, desc)


@dataclass(frozen=True)
class ReadOptions:
    """How input records are read: the record fields of the text and the id, whether to split text files."""

    text_key: str = "text"
    id_key: str = "id"
    split_text: bool = False


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
        docs = read_unit(unit, options, on_error=errors.append)
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


def partial_states(pipeline: Pipeline, positions: list[int], docs: Iterable[Document]) -> list[Any]:
    """The partial states of the cleaners at ``positions`` (one fit group) on ``docs``.

    The cleaners before the group run once, and every cleaner of the group
    learns from the same documents; a part of the corpus (a unit, a batch) is
    held in memory for that.
    """
    with not_counted():
        seen = list(pipeline.fit_input(positions[0], docs))
        return [pipeline.cleaners[p].fit_partial(seen) for p in positions]


def fit_unit(
    pipeline: Pipeline, positions: list[int], unit: Unit, options: ReadOptions = DEFAULT_READ
) -> list[Any]:
    """The partial states of the cleaners at ``positions`` of ``pipeline`` on one unit."""
    return partial_states(pipeline, positions, _read_all([unit], options))


def fit_groups(pipeline: Pipeline) -> list[list[int]]:
    """The positions of the corpus-level cleaners, grouped by the text they learn from.

    Cleaners that learn in parts and see the same documents in a fit pass (no
    cleaner between them changes the text) form one group, fitted in one read
    of the corpus. Any other corpus-level cleaner is a group of its own.

    >>> from corpusclean.registry import make_cleaner
    >>> names = ["normalize_lines", "flag_typos", "mark_duplicates", "normalize_width", "flag_typos"]
    >>> fit_groups(Pipeline(make_cleaner(n) for n in names))
    [[1, 2], [4]]
    """
    groups: list[list[int]] = []
    joinable = False  # whether the next corpus-level cleaner may join the last group
    for position, cleaner in enumerate(pipeline.cleaners):
        if cleaner.needs_fit:
            if joinable and cleaner.fits_in_parts():
                groups[-1].append(position)
            else:
                groups.append([position])
            joinable = cleaner.fits_in_parts()
        joinable = joinable and not cleaner.changes_text
    return groups


def as_pipeline(cleaner: Cleaner) -> Pipeline:
    """``cleaner`` itself when it is a pipeline, else a pipeline of it alone."""
    return cleaner if isinstance(cleaner, Pipeline) else Pipeline([cleaner])


def fit_in_parts(
    pipeline: Cleaner,
    units: list[Unit],
    map_units: Callable[[Pipeline, list[int], list[Unit]], Iterable[list[Any]]],
    options: ReadOptions = DEFAULT_READ,
    progress: Progress | None = None,
) -> None:
    """Fit every corpus-level cleaner of ``pipeline``, in parts where it can learn in parts.

    ``map_units(pipeline, positions, units)`` yields, for each part of the
    corpus in order, the partial states of the cleaners at ``positions`` (one
    of :func:`fit_groups`); it is where an engine puts its workers.
    ``progress(iterable, desc)`` wraps each read of the corpus (a progress bar).
    """
    flat = as_pipeline(pipeline)
    for positions in fit_groups(flat):
        first = flat.cleaners[positions[0]]
        desc = "learning (" + ", ".join(flat.cleaners[p].name for p in positions) + ")"
        if first.fits_in_parts():
            cleaners = [flat.cleaners[p] for p in positions]
            merges = [StateMerger(c) for c in cleaners]
            for states in with_progress(progress, map_units(flat, positions, units), desc):
                for merger, state in zip(merges, states, strict=True):
                    merger.add(state)
            for cleaner, merger in zip(cleaners, merges, strict=True):
                cleaner.set_state(merger.result())
            continue
        with not_counted():
            first.fit(flat.fit_input(positions[0], _read_all(with_progress(progress, units, desc), options)))


class StateMerger:
    """Merges the partial states of consecutive parts as they arrive: a running total.

    One merged state is held, whatever the number of parts, and each arriving
    state is merged into it at once and let go. The corpus-level cleaners bound
    their states (the typo tables hold at most ``max_ngrams`` entries each, the
    duplicate index takes the other part's signatures without copying them), so
    each merge costs at most about as much as the bound, and holding the total
    alone keeps the main process's memory at that bound too. Merging is
    associative (see :mod:`corpusclean.cleaner`), so the result is the one of
    ``merge_states`` over all the parts at once.

    >>> from collections import Counter
    >>> class Sum:
    ...     def merge_states(self, states): return sum(states, Counter())
    >>> merger = StateMerger(Sum())
    >>> for k in range(5): merger.add(Counter({"parts": 1, k: 1}))
    >>> merger.held(), merger.result()["parts"]
    (1, 5)
    """

    def __init__(self, cleaner: Any) -> None:
        self.cleaner = cleaner
        self._total: list[Any] = []  # the merged state of the parts so far, once there is one

    def add(self, state: Any) -> None:
        """Take the state of the next part of the corpus."""
        self._total = [self.cleaner.merge_states([*self._total, state])] if self._total else [state]

    def held(self) -> int:
        """How many states are held (one once a part has come)."""
        return len(self._total)

    def result(self) -> Any:
        """The state of every part added, in order (an empty corpus: ``merge_states([])``).

        The merger lets its state go: what it held is now the caller's to keep or drop.
        """
        total, self._total = self._total, []
        return total[0] if total else self.cleaner.merge_states([])


def _read_all(units: Iterable[Unit], options: ReadOptions) -> Iterator[Document]:
    for unit in units:
        yield from read_unit(unit, options, on_error=_ignore)


def _ignore(error: InputError) -> None:
    """Unreadable input in a fit pass: the cleaning pass meets it again and reports it."""


class UnitEngine(Protocol):
    """What runs units of work: :class:`LocalEngine` here, ``RayEngine`` in :mod:`corpusclean.engines.ray`."""

    def fit(
        self,
        pipeline: Cleaner,
        units: list[Unit],
        options: ReadOptions = DEFAULT_READ,
        progress: Progress | None = None,
    ) -> None:
        """Fit the corpus-level cleaners of ``pipeline`` on ``units``."""

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
