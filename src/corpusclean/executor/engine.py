"""What every engine shares: the engine protocol, how input is read, and progress.

An engine runs units of work (:mod:`corpusclean.executor.units`): the
:class:`~corpusclean.executor.local.LocalEngine` in worker processes on this
machine, the :class:`~corpusclean.executor.ray.RayEngine` on a Ray cluster.
Both fit the corpus-level cleaners (:mod:`corpusclean.executor.fit`) and clean
each document by the one rule of :mod:`corpusclean.executor.outcome`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from ..cleaner import Cleaner
from .shards import SHARD_BYTES, UnitResult
from .units import Unit, input_bytes

T = TypeVar("T")


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


class ProgressBar(Protocol):
    """One pass over the input on display: advanced by the bytes of input done."""

    def update(self, done_bytes: int, documents: int | None = None) -> None:
        """``done_bytes`` more of the input done, holding ``documents`` documents when known."""

    def close(self) -> None:
        """The pass is over."""


class Progress(Protocol):
    """Opens a :class:`ProgressBar` for a pass over ``total_bytes`` of input (a tqdm bar in the CLI)."""

    def __call__(self, desc: str, total_bytes: int) -> ProgressBar: ...


def track(
    progress: Progress | None,
    desc: str,
    units: list[Unit],
    results: Iterable[T],
) -> Iterator[T]:
    """``results`` (one per unit, in unit order) as they come, advancing a bar by each unit's bytes.

    A cleaning pass's results (:class:`~corpusclean.executor.shards.UnitResult`)
    also give the bar the number of documents read.
    """
    if progress is None:
        yield from results
        return
    sizes = [input_bytes(unit) for unit in units]
    bar = progress(desc, sum(sizes))
    left = iter(sizes)
    try:
        for result in results:
            read = result.read if isinstance(result, UnitResult) else None
            bar.update(next(left, 0), read)
            yield result
        bar.update(sum(left))  # an engine that gives fewer results than units (Ray's fit: per batch)
    finally:
        bar.close()


class UnitEngine(Protocol):
    """What runs units of work: :class:`~corpusclean.executor.local.LocalEngine`, ``RayEngine``."""

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
