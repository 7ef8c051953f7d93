"""The Gopher repetition measures over characters, for text that does not separate words.

Gopher (Rae et al., 2021) measures repetition over words: the share of the
text in its most common n-gram, and the share covered by n-grams that occur
more than once. Chinese has no spaces between words, so here the units are
characters (punctuation and spaces left out): a character n-gram of 2 to 4 is
about a word or two, one of 5 to 13 a phrase or a clause. Every n-gram is one
64-bit code and counting is a numpy sort.

:func:`repetition_shares` gives the six measures of a document from one
sort: the sort of four-character prefixes groups every 2-, 3- and 4-gram at
once, and a longer n-gram can only repeat where the 4-grams inside it repeat,
so the longer ones are hashed and sorted only at those places (a few in a
hundred in news). They agree with the one-``n`` functions (a test checks it).

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
    prefix sums in three array operations whatever ``n`` is. The prefix sums
    are taken when a hash is first asked for.
    """

    def __init__(self, codes: np.ndarray) -> None:
        self.codes = codes.astype(np.uint64)
        self._sums_and_powers: tuple[np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.codes)

    def _sums(self) -> tuple[np.ndarray, np.ndarray]:
        """The prefix sums of ``c[i] * BASE**i`` and the powers ``BASE**-i``."""
        if self._sums_and_powers is None:
            size = len(self.codes)
            up, down = _powers(1 << max(4, size).bit_length())
            prefix = np.zeros(size + 1, dtype=np.uint64)
            np.cumsum(self.codes * up[:size], out=prefix[1:])  # wraps modulo 2**64 (arrays never warn)
            self._sums_and_powers = prefix, down
        return self._sums_and_powers

    def of(self, n: int) -> np.ndarray:
        """One 64-bit code per n-gram."""
        count = len(self.codes) - n + 1
        wide = self.codes
        if n <= 3:
            out = wide[:count]
            for k in range(1, n):
                out = (out << np.uint64(21)) | wide[k : k + count]
            return out
        return self.at(n, np.arange(count))

    def at(self, n: int, positions: np.ndarray) -> np.ndarray:
        """The hash of the n-gram at each of ``positions`` (the same code :meth:`of` gives for n > 3)."""
        prefix, down = self._sums()
        return (prefix[positions + n] - prefix[positions]) * down[positions]  # type: ignore[no-any-return]


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
    return duplicated_ngram_shares(codes, (n,))[0]


def top_ngram_shares(codes: np.ndarray) -> tuple[float, float, float]:
    """:func:`top_ngram_share` for n = 2, 3 and 4, from one sort of four-character prefixes."""
    return repetition_shares(codes)[:3]  # type: ignore[return-value]


def duplicated_ngram_shares(codes: np.ndarray | Grams, ns: tuple[int, ...] = (5, 8, 13)) -> tuple[float, ...]:
    """:func:`duplicated_ngram_share` for each of ``ns`` (ascending)."""
    grams = codes if isinstance(codes, Grams) else Grams(codes)
    return _duplicated_shares(grams, np.arange(len(grams)), ns)


def repetition_shares(codes: np.ndarray) -> tuple[float, float, float, float, float, float]:
    """The top 2-, 3- and 4-gram shares and the duplicated 5-, 8- and 13-gram shares, from one sort.

    Each position's next four characters make one 64-bit key of 16 bits a
    character (code points past U+FFFF folded into 16 bits, so a character of
    the supplementary planes may be taken for another in the top shares: rare
    enough for a share). Sorted, every n-gram's occurrences lie side by side
    for n <= 4, which gives the top shares. An n-gram longer than four can
    only repeat where the 4-grams at ``i`` and ``i + 1`` both repeat, so the
    duplicated n-grams are hashed and sorted only at those places (a few in a
    hundred in news).

    >>> [round(s, 3) for s in repetition_shares(code_points("为中国人民谋幸福" * 2))]
    [0.25, 0.375, 0.5, 0.5, 0.5, 0.0]
    """
    size = len(codes)
    if size < 3:
        return 0.0, 0.0, 0.0, 0.0, 0.0, 0.0
    folded = codes.astype(np.uint64) & np.uint64(0xFFFF)
    keys = folded << np.uint64(48)
    for k in (1, 2, 3):  # 0 after the end: no letter is NUL
        keys[: size - k] |= folded[k:] << np.uint64(48 - 16 * k)
    order = keys.argsort()
    ranked = keys[order]
    # the bits where sorted neighbours differ: two n-grams differ when the high 16 * n bits do
    change = ranked[1:] ^ ranked[:-1]
    tops = [_top_share(change, n) for n in (2, 3, 4)]
    same = change == 0
    repeating = np.zeros(size, dtype=bool)  # where the 4-gram (folded) occurs more than once
    repeating[order[1:][same]] = True
    repeating[order[:-1][same]] = True
    candidates = np.flatnonzero(repeating[:-1] & repeating[1:])
    dup = _duplicated_shares(Grams(codes), candidates, (5, 8, 13))
    return tops[0], tops[1], tops[2], dup[0], dup[1], dup[2]


def _top_share(change: np.ndarray, n: int) -> float:
    """The top n-gram share, from the bits where sorted four-character keys differ."""
    size = len(change) + 1
    if size < n + 1:
        return 0.0
    ends = (change >= _GROUP_BITS[n]).nonzero()[0]  # the last of each group but the last
    if not len(ends):
        top = size
    else:
        top = max(int(ends[0]) + 1, size - 1 - int(ends[-1]), int((ends[1:] - ends[:-1]).max(initial=0)))
    return 0.0 if top < 2 else min(1.0, top * n / size)


#: Keys of four 16-bit characters differ in their first n characters when they differ by this much.
_GROUP_BITS = {n: np.uint64(1 << (16 * (4 - n))) for n in (2, 3, 4)}


def _duplicated_shares(grams: Grams, candidates: np.ndarray, ns: tuple[int, ...]) -> tuple[float, ...]:
    """The duplicated n-gram share for each of ``ns`` (ascending), counting only at ``candidates``.

    ``candidates`` (ascending) hold every place where an n-gram could repeat;
    once no n-gram repeats, no longer one does.
    """
    size = len(grams)
    out: list[float] = []
    for n in ns:
        positions = candidates[: np.searchsorted(candidates, size - n + 1)]  # room for an n-gram
        later = _later(grams.at(n, positions), positions) if len(positions) > 1 else positions[:0]
        if not len(later):
            break
        out.append(_covered(later, n, size))
    return (*out, *[0.0] * (len(ns) - len(out)))


def _later(keys: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Those of ``positions`` (ascending) whose key occurred at an earlier one, ascending.

    In a stable sort the first of each group of equal keys is its first occurrence.
    """
    order = keys.argsort(kind="stable")
    ranked = keys[order]
    later: np.ndarray = positions[order[1:][ranked[1:] == ranked[:-1]]]
    later.sort()
    return later


def _covered(starts: np.ndarray, n: int, size: int) -> float:
    """The share of ``size`` characters under some n-gram starting at ``starts`` (ascending)."""
    if not len(starts):
        return 0.0
    # each start covers up to the next start, at most n characters; the last covers n
    return float((int(np.minimum(starts[1:] - starts[:-1], n).sum()) + n) / size)


__all__ = [
    "Grams",
    "code_points",
    "duplicated_ngram_share",
    "duplicated_ngram_shares",
    "ngram_codes",
    "repetition_shares",
    "top_ngram_share",
    "top_ngram_shares",
]
