"""The Gopher repetition measures over characters, for text that does not separate words.

Gopher (Rae et al., 2021) measures repetition over words: the share of the
text in its most common n-gram, and the share covered by n-grams that occur
more than once. Chinese has no spaces between words, so here the units are
characters (punctuation and spaces left out): a character n-gram of 2 to 4 is
about a word or two, one of 5 to 13 a phrase or a clause. Every n-gram is one
64-bit code and counting is a numpy sort, so a document costs a few array
passes per ``n``.

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


#: Positions of n-grams travel in the low bits of their sort keys, so one plain sort orders
#: them by code and, among equal codes, by position (24 bits: texts of up to 16 million characters).
_POSITION_BITS = np.uint64(24)


def later_occurrences(keys: np.ndarray) -> np.ndarray:
    """The positions of ``keys`` that repeat a key seen at an earlier position, in any order.

    Keys are 64-bit codes; the top 40 bits decide equality, so two different
    n-grams of a text of a million characters share them about once in a
    million texts.
    """
    if len(keys) >= 1 << 24:
        order = np.argsort(keys, kind="stable")
        same = keys[order][1:] == keys[order][:-1]
        return np.asarray(order[1:][same])
    packed = np.sort(((keys >> _POSITION_BITS) << _POSITION_BITS) | np.arange(len(keys), dtype=np.uint64))
    high = packed >> _POSITION_BITS
    same = high[1:] == high[:-1]
    return np.asarray((packed[1:][same] & np.uint64((1 << 24) - 1)).astype(np.int64))


def duplicated_ngram_share(codes: np.ndarray | Grams, n: int) -> float:
    """The share of characters covered by repeats of an n-gram seen before (Gopher's duplicated n-grams).

    The first occurrence of each n-gram does not count, so a text written out
    twice scores 0.5, as in Gopher and datatrove; overlapping repeats count
    each character once.
    """
    grams = codes if isinstance(codes, Grams) else Grams(codes)
    if len(grams) - n + 1 < 2:
        return 0.0
    starts = later_occurrences(grams.of(n))
    if not len(starts):
        return 0.0
    # a character is covered when some repeat starting at or before it reaches past it
    reach = np.full(len(grams), -1, dtype=np.int64)
    reach[starts] = starts + n
    covered = np.maximum.accumulate(reach) > np.arange(len(grams))
    return float(np.count_nonzero(covered) / len(grams))


__all__ = [
    "Grams",
    "code_points",
    "duplicated_ngram_share",
    "later_occurrences",
    "ngram_codes",
    "top_ngram_share",
]
