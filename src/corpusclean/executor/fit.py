"""Fitting the corpus-level cleaners of a pipeline, in parts where they can learn in parts.

Cleaners that learn in parts (:meth:`~corpusclean.cleaner.Cleaner.fits_in_parts`)
get one partial state per part of the corpus from an engine's workers, merged
in input order as they arrive (:class:`StateMerger`), and those that learn from
the same text share one read of the corpus (:func:`fit_groups`); any other is
fitted in the main process over the whole corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..cleaner import Cleaner, not_counted
from ..document import Document
from ..errors import InputError
from ..pipeline import Pipeline
from .engine import DEFAULT_READ, Progress, ReadOptions, track
from .units import Unit, read_unit


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
    ``progress`` shows each read of the corpus (a progress bar), or is ``None``.
    """
    flat = as_pipeline(pipeline)
    for positions in fit_groups(flat):
        first = flat.cleaners[positions[0]]
        desc = "learning (" + ", ".join(flat.cleaners[p].name for p in positions) + ")"
        if first.fits_in_parts():
            cleaners = [flat.cleaners[p] for p in positions]
            merges = [StateMerger(c) for c in cleaners]
            for states in track(progress, desc, units, map_units(flat, positions, units)):
                for merger, state in zip(merges, states, strict=True):
                    merger.add(state)
            for cleaner, merger in zip(cleaners, merges, strict=True):
                cleaner.set_state(merger.result())
            continue
        with not_counted():
            first.fit(flat.fit_input(positions[0], _read_all(track(progress, desc, units, units), options)))


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
