"""Array helpers of the detector: lookups in sorted tables, row expansion, leave-one-out counts.

>>> keys = np.array([3, 5, 9], dtype=np.uint64)
>>> member(keys, np.array([5, 6], dtype=np.uint64)).tolist()
[True, False]
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .ngrams import MIX_A, MIX_B, CountTable, member
from .readings import CHAR_BITS

__all__ = [
    "OtherCounts",
    "dominant_next",
    "expand",
    "fourgram_of",
    "lookup",
    "matmul_rows",
    "member",
    "occurrences",
    "runs",
    "split_as",
    "where",
]

CHAR_MASK = (1 << CHAR_BITS) - 1


def dominant_next(trigrams: CountTable, words: np.ndarray) -> np.ndarray:
    """For each bigram, the share of its trigrams taken by its most common next character.

    Near 1 for a fragment of a longer word (总要 is nearly always 总要求): its
    counts are evidence for the longer word, not for itself.
    """
    lo = np.searchsorted(trigrams.keys, words << CHAR_BITS, "left")
    hi = np.searchsorted(trigrams.keys, (words << CHAR_BITS) | CHAR_MASK, "right")
    dominant = np.zeros(len(words))
    nonempty = hi > lo
    if nonempty.any():
        lo, hi = lo[nonempty], hi[nonempty]
        rows, index = expand(np.arange(len(lo)), lo, hi, np.arange(len(trigrams.counts)))
        counts = trigrams.counts[index].astype(np.float64)
        starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        dominant[nonempty] = np.maximum.reduceat(counts, starts) / np.add.reduceat(counts, starts)
    return dominant


def expand(
    positions: np.ndarray, lo: np.ndarray, hi: np.ndarray, words: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """One row per position and candidate: ``words[lo:hi]`` for each position."""
    reps = hi - lo
    pos = np.repeat(positions, reps)
    first = np.repeat(np.cumsum(reps) - reps, reps)
    return pos, words[np.repeat(lo, reps) + (np.arange(len(pos)) - first)]


#: Rows a matrix product is computed for at a time in :func:`matmul_rows`: few enough that
#: OpenBLAS runs it on one thread (it threads from about 65,536 multiply-adds times four).
PRODUCT_ROWS = 256


def matmul_rows(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``x @ w``, :data:`PRODUCT_ROWS` rows of ``x`` at a time.

    The products of the typo detectors are thin (a few dozen columns). Over a whole
    batch of documents BLAS would run them on several threads, which then spin
    for a while after each product, costing more CPU time than the product
    itself; row by row block, each row's result is what a single product gives.

    >>> x = np.arange(12.0).reshape(6, 2)
    >>> bool((matmul_rows(x, np.ones(2)) == x @ np.ones(2)).all())
    True
    """
    if len(x) <= PRODUCT_ROWS:
        return np.asarray(x @ w)
    return np.concatenate([x[k : k + PRODUCT_ROWS] @ w for k in range(0, len(x), PRODUCT_ROWS)])


def where(f: dict[str, np.ndarray], keep: np.ndarray) -> dict[str, np.ndarray]:
    """The rows of every array in ``f`` where ``keep``."""
    return {k: v[keep] for k, v in f.items()}


def fourgram_of(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """:func:`fourgram_codes` of four code-point arrays, position by position.

    >>> from corpusclean.typos.ngrams import fourgram_codes
    >>> codes = np.array([1, 2, 3, 4, 5], dtype=np.uint64)
    >>> fourgram_of(codes[:2], codes[1:3], codes[2:4], codes[3:]).tolist() == fourgram_codes(codes).tolist()
    True
    """
    with np.errstate(over="ignore"):
        return np.asarray(((a << (2 * CHAR_BITS)) | (b << CHAR_BITS) | c) * MIX_A + d * MIX_B)


def lookup(sorted_keys: np.ndarray, values: np.ndarray, q: np.ndarray) -> np.ndarray:
    """``values`` at each of ``q`` in ``sorted_keys``, 0 where absent."""
    at = np.minimum(np.searchsorted(sorted_keys, q), len(sorted_keys) - 1)
    return np.where(sorted_keys[at] == q, values[at], 0)


#: :func:`occurrences` sorts more queries than this before its two binary searches.
SORTED_NEEDLES = 4096


def occurrences(sorted_codes: np.ndarray, q: np.ndarray) -> np.ndarray:
    """How often each of ``q`` occurs in ``sorted_codes`` (sorted, repeats allowed).

    >>> occurrences(np.array([3, 5, 5], dtype=np.uint64), np.array([5, 4, 3], dtype=np.uint64)).tolist()
    [2, 0, 1]
    """
    if len(q) <= SORTED_NEEDLES:
        return np.asarray(
            np.searchsorted(sorted_codes, q, "right") - np.searchsorted(sorted_codes, q, "left")
        )
    # sorted needles walk the table in order: two searches cost less than one over needles in any order
    order = np.argsort(q)
    needles = q[order]
    out = np.empty(len(q), np.int64)
    out[order] = np.searchsorted(sorted_codes, needles, "right") - np.searchsorted(
        sorted_codes, needles, "left"
    )
    return out


def runs(ordered: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each run of equal values of ``ordered`` starts, and the run each value is in.

    Values looked up once a run are handed back to every row by ``looked_up[run]``.

    >>> first, run = runs(np.array([4, 4, 7, 9, 9, 9]))
    >>> first.tolist(), run.tolist()
    ([0, 2, 3], [0, 0, 1, 2, 2, 2])
    """
    new = np.ones(len(ordered), bool)
    new[1:] = ordered[1:] != ordered[:-1]
    return np.flatnonzero(new), np.cumsum(new) - 1


def split_as(values: np.ndarray, *parts: np.ndarray) -> list[np.ndarray]:
    """``values`` cut into pieces as long as each of ``parts`` (looked up at once, handed back apart)."""
    return np.split(values, np.cumsum([len(p) for p in parts[:-1]]))


class OtherCounts:
    """Counts in a table less the asking document's own n-grams: what the *other* documents saw.

    ``own(queries, docs)`` says how often the document ``docs[k]`` writes
    ``queries[k]`` itself (0 for a document that was not fitted; ``own=None`` when
    no document asking was). Several query arrays are looked up in one binary
    search, which matters where numpy's cost per call dominates.

    >>> table = CountTable(np.array([3, 5], dtype=np.uint64), np.array([4, 1], dtype=np.uint32))
    >>> own = lambda queries, docs: occurrences(np.array([3, 5, 5], dtype=np.uint64), queries)
    >>> asked_by = np.zeros(3, np.int64)  # the documents asking
    >>> [x.tolist() for x in OtherCounts(table, own)(asked_by, np.array([3, 5, 7], dtype=np.uint64))]
    [[3, 0, 0]]
    """

    def __init__(self, table: CountTable, own: Callable[[np.ndarray, np.ndarray], np.ndarray] | None) -> None:
        self.table = table
        self.own = own

    def less_own(self, totals: np.ndarray, queries: np.ndarray, docs: np.ndarray) -> np.ndarray:
        """``totals`` (the table's counts of ``queries``) less the asking documents' own counts."""
        if self.own is None:
            return totals
        # a query the table has not seen is not the document's own either: only the others are asked
        seen = np.flatnonzero(totals > 0)
        less: np.ndarray = totals.copy()
        less[seen] = np.maximum(totals[seen] - self.own(queries[seen], docs[seen]), 0)
        return less

    def __call__(self, docs: np.ndarray, *queries: np.ndarray) -> list[np.ndarray]:
        """The counts of each query array (asked by the documents ``docs``), in the other documents."""
        q = np.concatenate(queries) if len(queries) > 1 else queries[0]
        d = np.concatenate([docs] * len(queries)) if len(queries) > 1 else docs
        return split_as(self.less_own(self.table.get(q), q, d), *queries)
