"""Array helpers of the detector: lookups in sorted tables, row expansion, leave-one-out counts.

>>> keys = np.array([3, 5, 9], dtype=np.uint64)
>>> member(keys, np.array([5, 6], dtype=np.uint64)).tolist()
[True, False]
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .ngrams import CHAR_BITS, CountTable, fourgram_codes, member

__all__ = ["dominant_next", "expand", "fourgram_of", "lookup", "member", "rest_counter", "where"]

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


def where(f: dict[str, np.ndarray], keep: np.ndarray) -> dict[str, np.ndarray]:
    """The rows of every array in ``f`` where ``keep``."""
    return {k: v[keep] for k, v in f.items()}


def fourgram_of(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """:func:`fourgram_codes` of four code-point arrays, position by position."""
    return fourgram_codes(np.stack([a, b, c, d], axis=1).reshape(-1))[::4]


def lookup(sorted_keys: np.ndarray, values: np.ndarray, q: np.ndarray) -> np.ndarray:
    """``values`` at each of ``q`` in ``sorted_keys``, 0 where absent."""
    at = np.minimum(np.searchsorted(sorted_keys, q), len(sorted_keys) - 1)
    return np.where(sorted_keys[at] == q, values[at], 0)


def rest_counter(table: CountTable, own: np.ndarray | None) -> Callable[[np.ndarray], np.ndarray]:
    """Counts in ``table`` less the document's own n-grams ``own`` (when it was fitted)."""
    if own is None:
        return table.get
    own_keys, own_counts = np.unique(own, return_counts=True)

    def rest(q: np.ndarray) -> np.ndarray:
        at = np.minimum(np.searchsorted(own_keys, q), len(own_keys) - 1)
        mine = np.where(own_keys[at] == q, own_counts[at], 0)
        return np.asarray(np.maximum(table.get(q) - mine, 0))

    return rest
