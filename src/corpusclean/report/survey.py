"""One pass over a run's documents: the counts for the summary and the sample to show.

A run can hold millions of documents, so the review page never keeps them all:
:func:`survey` counts everything in a single pass and keeps only the documents
it will show, which are every document with a flag of a priority kind (typos by
default, up to a limit, because those are the ones a person must look at) and
a seeded random sample of the others.

>>> from corpusclean.document import Document, Flag
>>> typo = Flag(kind="typo", start=0, end=2, text="出行", suggestion="初心", cleaner="t", reason="r")
>>> docs = [Document(id=str(i), text="出行" if i == 7 else "正文") for i in range(50)]
>>> docs[7] = docs[7].add_flags([typo])
>>> s = survey(docs, max_docs=3, seed=1)
>>> s.counts.records, s.counts.flags_by_kind["typo"], len(s.shown)
(50, 1, 4)
>>> [item.doc.id for item in s.shown if item.priority]
['7']
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..cleaner import CLEANER_ERROR
from ..document import Document
from ..executor.outcome import outcome_of

#: Flag kinds whose documents are always shown (up to ``max_priority_docs``): typos, and
#: documents a cleaner raised on (they went on without it, and need a look).
PRIORITY_KINDS: tuple[str, ...] = ("typo", CLEANER_ERROR)


@dataclass
class RecordCounts:
    """What the documents given to the report hold, counted over all of them."""

    records: int = 0
    status: Counter[str] = field(default_factory=Counter)
    flags_by_kind: Counter[str] = field(default_factory=Counter)
    flags_by_cleaner: Counter[str] = field(default_factory=Counter)
    removals_by_cleaner: Counter[str] = field(default_factory=Counter)
    removed_chars_by_cleaner: Counter[str] = field(default_factory=Counter)
    docs_with_flags: int = 0
    docs_changed: int = 0

    def add(self, doc: Document) -> None:
        """Count one document."""
        self.records += 1
        self.status[outcome_of(doc)] += 1
        if doc.steps:
            self.docs_changed += 1
        if doc.flags:
            self.docs_with_flags += 1
        for f in doc.flags:
            self.flags_by_kind[f.kind] += 1
            self.flags_by_cleaner[f.cleaner] += 1
        for r in doc.removed:
            self.removals_by_cleaner[r.cleaner] += 1
            self.removed_chars_by_cleaner[r.cleaner] += len(r.text)


@dataclass(frozen=True)
class Shown:
    """A document picked for the page: its position in the input and why it was picked."""

    index: int
    doc: Document
    priority: bool


@dataclass
class Survey:
    """The counts of every document and the documents to show, in input order."""

    counts: RecordCounts
    shown: list[Shown]
    priority_total: int
    priority_kinds: tuple[str, ...]
    max_docs: int
    seed: int

    @property
    def priority_shown(self) -> int:
        """How many shown documents were picked for a priority flag."""
        return sum(1 for s in self.shown if s.priority)


def survey(
    docs: Iterable[Document],
    *,
    max_docs: int = 100,
    max_priority_docs: int = 300,
    priority_kinds: Collection[str] = PRIORITY_KINDS,
    seed: int = 0,
) -> Survey:
    """Count ``docs`` and pick the ones to show in one pass, keeping only those in memory.

    Documents with a flag of a ``priority_kinds`` kind are all kept, up to
    ``max_priority_docs``; of the rest, a uniform sample of ``max_docs`` is kept
    (reservoir sampling, seeded, so the same run gives the same page).
    """
    counts = RecordCounts()
    rng = random.Random(seed)
    priority: list[Shown] = []
    priority_total = 0
    reservoir: list[Shown] = []
    others = 0
    kinds = frozenset(priority_kinds)
    for index, doc in enumerate(docs):
        counts.add(doc)
        if any(f.kind in kinds for f in doc.flags):
            priority_total += 1
            if len(priority) < max_priority_docs:
                priority.append(Shown(index, doc, priority=True))
                continue
        others += 1
        if len(reservoir) < max_docs:
            reservoir.append(Shown(index, doc, priority=False))
        else:
            j = rng.randrange(others)
            if j < max_docs:
                reservoir[j] = Shown(index, doc, priority=False)
    shown = sorted(priority + reservoir, key=lambda s: s.index)
    return Survey(counts, shown, priority_total, tuple(sorted(kinds)), max_docs, seed)


def split_stats(
    stats: Iterable[Mapping[str, Any]] | Mapping[str, Any] | None,
) -> tuple[list[Mapping[str, Any]], Mapping[str, Any]]:
    """Per-cleaner rows and run totals from either form a run's stats come in.

    ``stats`` is a list of per-cleaner dicts (:meth:`CleanerStats.as_dict`) or a
    whole run's summary, a dict with totals (``documents_read``, ``duplicates``,
    ...) and the rows under ``"cleaners"``.

    >>> rows, totals = split_stats({"documents_read": 5, "cleaners": [{"name": "a"}]})
    >>> [r["name"] for r in rows], totals["documents_read"]
    (['a'], 5)
    >>> split_stats(None)
    ([], {})
    """
    if stats is None:
        return [], {}
    if isinstance(stats, Mapping):
        return list(stats.get("cleaners", [])), {k: v for k, v in stats.items() if k != "cleaners"}
    return list(stats), {}
