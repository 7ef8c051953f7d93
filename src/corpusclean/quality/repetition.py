"""The Gopher repetition measures over characters, for text that does not separate words.

Gopher (Rae et al., 2021) measures repetition over words: the share of the
text in its most common n-gram, and the share covered by n-grams that occur
more than once. Chinese has no spaces between words, so here the units are
characters (punctuation and spaces left out): a character n-gram of 2 to 4 is
about a word or two, one of 5 to 13 a phrase or a clause. Every n-gram is one
64-bit code and counting is a numpy sort.

:func:`top_ngram_shares` and :func:`duplicated_ngram_shares` give the
measures for several ``n`` at the cost of about two sorts in all: one sort of
four-character prefixes groups every 2-, 3- and 4-gram at once, and an
n-gram can only repeat where the shorter n-grams inside it repeat, so the
longer ones are sorted only at those places. They agree with the one-``n``
functions (a test checks it).

>>> codes = code_points("今天天气很好今天天气很好今天天气很好")
>>> round(top_ngram_share(codes, 2), 3), round(duplicated_ngram_share(codes, 5), 3)
(0.333, 0.667)
"""

from __future__ import annotations

from functools import cache

import numpy as np

from .classes import code_points

#: The base of the polynomial hash (odd, so it has an inverse modulo 2**64).
_BASE = np.uint64(0x100000001B3)
_BASE_INVERSE = np.uint64(pow(0x100000001B3, -1, 2**64))


@cache
def _powers(length: int) -> tuple[np.ndarray, np.ndarray]:
    """``BASE**i`` and ``BASE**-i`` modulo 2**64 for ``i < length`` (``length`` a power of two)."""
    with np.errstate(over="ignore"):
        up = np.cumprod(np.full(length, _BASE, dtype=np.uint64)) * _BASE_INVERSE
        down = np.cumprod(np.full(length, _BASE_INVERSE, dtype=np.uint64)) * _BASE
    return up, down


class Grams:
    """The n-gram codes of one sequence of code points, for any ``n``, from one prefix sum.

    Up to three characters a code is exact (21 bits a character); beyond, it is
    the polynomial hash ``sum(c[i + k] * BASE**k)`` modulo 2**64, read off the
    prefix sums in three array operations whatever ``n`` is.
    """

    def __init__(self, codes: np.ndarray) -> None:
        self.codes = codes.astype(np.uint64)
        size = 1 << max(4, len(codes)).bit_length()
        up, self._down = _powers(size)
        with np.errstate(over="ignore"):
            self._prefix = np.concatenate(([np.uint64(0)], np.cumsum(self.codes * up[: len(codes)])))

    def __len__(self) -> int:
        return len(self.codes)

    def of(self, n: int) -> np.ndarray:
        """One 64-bit code per n-gram."""
        count = len(self.codes) - n + 1
        wide = self.codes
        if n <= 3:
            out = wide[:count]
            for k in range(1, n):
                out = (out << np.uint64(21)) | wide[k : k + count]
            return out
        with np.errstate(over="ignore"):
            return np.asarray((self._prefix[n : n + count] - self._prefix[:count]) * self._down[:count])


def ngram_codes(codes: np.ndarray, n: int) -> np.ndarray:
    """One 64-bit code per n-gram of ``codes`` (exact up to three characters, hashed beyond)."""
    return Grams(codes).of(n)


def top_ngram_share(codes: np.ndarray | Grams, n: int) -> float:
    """The share of characters in the occurrences of the most common n-gram (Gopher's top n-gram).

    Occurrences are counted where they start, so overlapping ones each count:
    the measure is Gopher's for words, with characters for words.
    """
    grams = codes if isinstance(codes, Grams) else Grams(codes)
    if len(grams) < n + 1:
        return 0.0
    ranked = np.sort(grams.of(n))
    bounds = np.flatnonzero(ranked[1:] != ranked[:-1])
    if len(bounds) == len(ranked) - 1:  # every n-gram once
        return 0.0
    edges = np.concatenate(([-1], bounds, [len(ranked) - 1]))
    top = int((edges[1:] - edges[:-1]).max())
    return min(1.0, top * n / len(grams))


def duplicated_ngram_share(codes: np.ndarray | Grams, n: int) -> float:
    """The share of characters covered by repeats of an n-gram seen before (Gopher's duplicated n-grams).

    The first occurrence of each n-gram does not count, so a text written out
    twice scores 0.5, as in Gopher and datatrove; overlapping repeats count
    each character once.
    """
    grams = codes if isinstance(codes, Grams) else Grams(codes)
    count = len(grams) - n + 1
    if count < 2:
        return 0.0
    later, _ = _repeats(grams.of(n), np.arange(count))
    return _covered(later, n, len(grams))


def top_ngram_shares(codes: np.ndarray) -> tuple[float, float, float]:
    """:func:`top_ngram_share` for n = 2, 3 and 4, from one sort of four-character prefixes.

    Each position's next four characters make one 64-bit key of 16 bits a
    character (code points past U+FFFF folded into 16 bits, so a character of
    the supplementary planes may be taken for another: rare enough for a
    share). Sorted, every n-gram's occurrences lie side by side for n <= 4.
    """
    size = len(codes)
    if size < 3:
        return 0.0, 0.0, 0.0
    folded = codes.astype(np.uint64) & np.uint64(0xFFFF)
    padded = np.concatenate((folded, np.zeros(3, dtype=np.uint64)))  # 0 after the end: no letter is NUL
    keys = padded[:size] << np.uint64(48)
    for k in (1, 2, 3):
        keys |= padded[k : k + size] << np.uint64(48 - 16 * k)
    ranked = np.sort(keys)
    shares = []
    for n in (2, 3, 4):
        prefix = ranked >> np.uint64(16 * (4 - n))
        ends = np.flatnonzero(np.concatenate((prefix[1:] != prefix[:-1], [True])))
        top = int(max(ends[0] + 1, (ends[1:] - ends[:-1]).max(initial=0)))
        shares.append(0.0 if top < 2 or size < n + 1 else min(1.0, top * n / size))
    return shares[0], shares[1], shares[2]


def _repeats(keys: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Of ``positions`` (ascending) with ``keys``: those that repeat an earlier key, and all that repeat."""
    order = np.argsort(keys)  # not stable: the first of each group is found below
    ranked = keys[order]
    same = ranked[1:] == ranked[:-1]
    if not same.any():
        return positions[:0], positions[:0]
    repeated = np.zeros(len(keys), dtype=bool)
    repeated[order[1:][same]] = True
    repeated[order[:-1][same]] = True
    # the earliest member of each group is its first occurrence
    starts = np.flatnonzero(np.concatenate(([True], ~same)))
    firsts = np.minimum.reduceat(order, starts)
    later = repeated.copy()
    later[firsts] = False
    return positions[later], positions[repeated]


def _covered(starts: np.ndarray, n: int, size: int) -> float:
    """The share of ``size`` characters under some n-gram starting at ``starts``."""
    if not len(starts):
        return 0.0
    reach = np.full(size, -1, dtype=np.int64)
    reach[starts] = starts + n
    return float(np.count_nonzero(np.maximum.accumulate(reach) > np.arange(size)) / size)


def duplicated_ngram_shares(codes: np.ndarray | Grams, ns: tuple[int, ...] = (5, 8, 13)) -> tuple[float, ...]:
    """:func:`duplicated_ngram_share` for each of ``ns`` (ascending), sorting only where repeats can be.

    An m-gram that occurs twice contains, at every offset, n-grams (n < m) that
    occur twice; for m <= 2n the n-grams at ``i`` and ``i + m - n`` cover the
    m-gram at ``i``, so only the places where both repeat are sorted.
    """
    grams = codes if isinstance(codes, Grams) else Grams(codes)
    size = len(grams)
    out: list[float] = []
    repeating: np.ndarray | None = None  # where the previous n-gram occurs more than once
    previous = 0
    for n in ns:
        count = size - n + 1
        if count < 2:
            out.append(0.0)
            continue
        if repeating is None or n > 2 * previous:
            positions = np.arange(count)
        else:
            shift = n - previous
            positions = np.flatnonzero(repeating[:count] & repeating[shift : shift + count])
        later, repeated = _repeats(grams.of(n)[positions], positions)
        out.append(_covered(later, n, size))
        repeating = np.zeros(size, dtype=bool)
        repeating[repeated] = True
        previous = n
    return tuple(out)


__all__ = [
    "Grams",
    "code_points",
    "duplicated_ngram_share",
    "duplicated_ngram_shares",
    "ngram_codes",
    "top_ngram_share",
    "top_ngram_shares",
]
