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
so the longer ones are hashed and sorted only at those places (less than one
in ten in news). They agree with the one-``n`` functions (a test checks it).

>>> codes = code_points("今天天气很好今天天气很好今天天气很好")
>>> round(top_ngram_share(codes, 2), 3), round(duplicated_ngram_share(codes, 5), 3)
(0.333, 0.667)
"""

from __future__ import annotations

from functools import cache

import numpy as np

from .classes import code_points

#: The base of the polynomial hash of n-grams longer than three (odd, so it has an inverse modulo 2**64).
_BASE = np.uint64(0x100000001B3)
_BASE_INVERSE = np.uint64(pow(0x100000001B3, -1, 2**64))
#: The multiplier that spreads four-character keys over the buckets of :func:`_repeat_candidates`.
_MIX = np.uint64(0x9E3779B97F4A7C15)


@cache
def _powers(length: int) -> tuple[np.ndarray, np.ndarray]:
    """``BASE**i`` and ``BASE**-i`` modulo 2**64 for ``i < length`` (``length`` a power of two)."""
    with np.errstate(over="ignore"):
        up = np.cumprod(np.full(length, _BASE, dtype=np.uint64)) * _BASE_INVERSE
        down = np.cumprod(np.full(length, _BASE_INVERSE, dtype=np.uint64)) * _BASE
    return up, down


class NgramHashes:
    """The hash of any n-gram of one sequence of code points, read off one prefix sum.

    The hash of the n-gram at ``i`` is ``sum(c[i + k] * BASE**k)`` modulo
    2**64 (array arithmetic wraps without a warning): the difference of two
    prefix sums of ``c[j] * BASE**j``, times ``BASE**-i``, whatever ``n`` is.
    Memory stays one 64-bit number a character however many places are asked for.
    """

    def __init__(self, codes: np.ndarray) -> None:
        size = len(codes)
        up, self._down = _powers(1 << max(4, size).bit_length())
        self._prefix = np.zeros(size + 1, dtype=np.uint64)
        np.cumsum(codes * up[:size], out=self._prefix[1:])

    def at(self, n: int, positions: np.ndarray) -> np.ndarray:
        """The hash of the n-gram at each of ``positions`` (each with room for ``n`` characters)."""
        prefix = self._prefix
        return (prefix.take(positions + n) - prefix.take(positions)) * self._down.take(positions)  # type: ignore[no-any-return]


def ngram_codes(codes: np.ndarray, n: int) -> np.ndarray:
    """One 64-bit code per n-gram of ``codes`` (exact up to three characters, hashed beyond)."""
    count = len(codes) - n + 1
    if n > 3:
        return NgramHashes(codes).at(n, np.arange(max(0, count)))
    wide = codes.astype(np.uint64)
    out = wide[:count]
    for k in range(1, n):  # 21 bits a character
        out = (out << np.uint64(21)) | wide[k : k + count]
    return out


def top_ngram_share(codes: np.ndarray, n: int) -> float:
    """The share of characters in the occurrences of the most common n-gram (Gopher's top n-gram).

    Occurrences are counted where they start, so overlapping ones each count:
    the measure is Gopher's for words, with characters for words.
    """
    if len(codes) < n + 1:
        return 0.0
    ranked = np.sort(ngram_codes(codes, n))
    bounds = np.flatnonzero(ranked[1:] != ranked[:-1])
    if len(bounds) == len(ranked) - 1:  # every n-gram once
        return 0.0
    edges = np.concatenate(([-1], bounds, [len(ranked) - 1]))
    top = int((edges[1:] - edges[:-1]).max())
    return min(1.0, top * n / len(codes))


def duplicated_ngram_share(codes: np.ndarray, n: int) -> float:
    """The share of characters covered by repeats of an n-gram seen before (Gopher's duplicated n-grams).

    The first occurrence of each n-gram does not count, so a text written out
    twice scores 0.5, as in Gopher and datatrove; overlapping repeats count
    each character once.
    """
    return duplicated_ngram_shares(codes, (n,))[0]


def top_ngram_shares(codes: np.ndarray) -> tuple[float, float, float]:
    """:func:`top_ngram_share` for n = 2, 3 and 4, from one sort of four-character prefixes."""
    return repetition_shares(codes)[:3]  # type: ignore[return-value]


def duplicated_ngram_shares(codes: np.ndarray, ns: tuple[int, ...] = (5, 8, 13)) -> tuple[float, ...]:
    """:func:`duplicated_ngram_share` for each of ``ns`` (ascending)."""
    size = len(codes)
    places, owner = np.arange(size), np.zeros(size, dtype=np.int64)
    shares = _duplicated_shares(codes, places, owner, np.array([size]), [size], ns)
    return tuple(share[0] for share in shares)


def repetition_shares(codes: np.ndarray) -> tuple[float, float, float, float, float, float]:
    """The top 2-, 3- and 4-gram shares and the duplicated 5-, 8- and 13-gram shares (a batch of one).

    >>> [round(s, 3) for s in repetition_shares(code_points("为中国人民谋幸福" * 2))]
    [0.25, 0.375, 0.5, 0.5, 0.5, 0.0]
    """
    return repetition_shares_many(codes, [len(codes)])[0]


def repetition_shares_many(
    codes: np.ndarray, sizes: list[int]
) -> list[tuple[float, float, float, float, float, float]]:
    """:func:`repetition_shares` of each of several sequences, given one after another in ``codes``.

    ``sizes`` are the sequences' lengths (they add up to ``len(codes)``).

    1. Each position's next four characters make one 64-bit key of 16 bits a
       character (code points past U+FFFF folded into 16 bits, so a character
       of the supplementary planes may be taken for another in the top shares:
       rare enough for a share), 0 past the end of its sequence.
    2. Each sequence's keys are sorted in place: every n-gram's occurrences
       lie side by side for n <= 4, and the runs of equal keys, cut at the
       sequences' ends, give the top shares of all of them at once.
    3. An n-gram longer than four can only repeat where the 4-grams at ``i``
       and ``i + 1`` both repeat in the same sequence; one count of the keys
       (with their sequence) by hash bucket finds those places (and a few
       more, which cost nothing but time), fewer than one in ten in news,
       and only there are the longer n-grams hashed and sorted, all
       sequences in one sort (:func:`_duplicated_shares`).

    Sequences shorter than three characters have every share 0. Sequences
    of more than :data:`_GROUP_CHARS` characters in all are measured in
    groups, so that the buckets of step 3 stay several times more than the keys.
    """
    if len(sizes) > 1 and len(codes) > _GROUP_CHARS:
        return [
            shares for group, part in _groups(codes, sizes) for shares in repetition_shares_many(part, group)
        ]
    out = [(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)] * len(sizes)
    kept = [i for i, size in enumerate(sizes) if size >= 3]
    if not kept:
        return out
    ends = np.cumsum(sizes)
    if len(kept) < len(sizes):  # leave the short sequences out
        spans = [(int(ends[i]) - sizes[i], int(ends[i])) for i in kept]
        codes = np.concatenate([codes[a:b] for a, b in spans])
        sizes = [sizes[i] for i in kept]
        ends = np.cumsum(sizes)
    owner = np.repeat(np.arange(len(sizes)), sizes)
    keys = _four_char_keys(codes, sizes)
    candidates = _repeat_candidates(keys, owner)
    start = 0
    for end in ends.tolist():
        keys[start:end].sort()
        start = end
    change = keys[1:] ^ keys[:-1]  # the bits where sorted neighbours differ
    tops = [_top_shares(change, ends, sizes, n) for n in (2, 3, 4)]
    dups = _duplicated_shares(codes, candidates, owner, ends, sizes, (5, 8, 13))
    for i, shares in zip(kept, zip(*tops, *dups, strict=True), strict=True):
        out[i] = shares  # type: ignore[assignment]
    return out


def _groups(codes: np.ndarray, sizes: list[int]) -> list[tuple[list[int], np.ndarray]]:
    """Consecutive sequences in groups of at most :data:`_GROUP_CHARS` characters (or of one sequence),
    each as its sizes and its code points."""
    groups: list[tuple[list[int], np.ndarray]] = []
    group: list[int] = []
    start = end = 0
    for size in sizes:
        if group and end + size - start > _GROUP_CHARS:
            groups.append((group, codes[start:end]))
            group, start = [], end
        group.append(size)
        end += size
    groups.append((group, codes[start:end]))
    return groups


def _four_char_keys(codes: np.ndarray, sizes: list[int]) -> np.ndarray:
    """Each position's next four code points, 16 bits each (folded), the first highest; 0 past its sequence.

    The folded characters are written once as big-endian 16-bit numbers, three
    zeros after each sequence, and the keys read as overlapping big-endian
    64-bit numbers, two bytes apart.
    """
    size = len(codes)
    if len(sizes) == 1:
        folded = np.zeros(size + 3, dtype=">u2")
        folded[:size] = codes  # keeps the low 16 bits
        return np.ndarray((size,), dtype=">u8", buffer=folded, strides=(2,)).astype(np.uint64)  # type: ignore[no-any-return]
    places = np.arange(size) + 3 * np.repeat(np.arange(len(sizes)), sizes)  # after the zeros of those before
    folded = np.zeros(size + 3 * len(sizes), dtype=">u2")
    folded[places] = codes
    every = np.ndarray((len(folded) - 3,), dtype=">u8", buffer=folded, strides=(2,))
    return every.take(places).astype(np.uint64)  # type: ignore[no-any-return]


def _top_shares(change: np.ndarray, ends: np.ndarray, sizes: list[int], n: int) -> list[float]:
    """Each sequence's top n-gram share, from the bits where sorted four-character keys differ.

    A run of keys equal in their first ``n`` characters ends where they differ
    that much, and at the end of each sequence.
    """
    last = np.empty(len(change) + 1, dtype=bool)
    np.greater_equal(change, _GROUP_BITS[n], out=last[:-1])
    last[ends - 1] = True
    run_ends = last.nonzero()[0]
    runs = np.empty(len(run_ends), dtype=np.int64)
    runs[0] = run_ends[0] + 1
    np.subtract(run_ends[1:], run_ends[:-1], out=runs[1:])
    if len(sizes) == 1:
        tops = [int(np.maximum.reduce(runs))]
    else:
        first_runs = run_ends.searchsorted(ends - sizes)  # each sequence's first run
        tops = np.maximum.reduceat(runs, first_runs).tolist()
    return [
        0.0 if size < n + 1 or top < 2 else min(1.0, top * n / size)
        for top, size in zip(tops, sizes, strict=True)
    ]


#: Keys of four 16-bit characters differ in their first n characters when they differ by this much.
_GROUP_BITS = {n: np.uint64(1 << (16 * (4 - n))) for n in (2, 3, 4)}


def _repeat_candidates(keys: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """Positions ``i`` (ascending) where the keys at ``i`` and ``i + 1`` may both occur more than once.

    ``owner`` is the sequence of each key; a key falls in one of eight times
    as many buckets as there are keys, by its value and its sequence; a key
    alone in its bucket occurs once in its sequence. Every place where both
    keys repeat in the same sequence is among those returned, with a few of
    the others (in news, one in fifty; each costs a little in
    :func:`_duplicated_shares`, more buckets cost more to count).
    """
    bits = min(_MAX_BUCKET_BITS, (8 * len(keys)).bit_length())
    mixed = keys ^ (owner.view(np.uint64) * _MIX) if owner[-1] else keys  # arrays wrap without a warning
    buckets = ((mixed * _MIX) >> np.uint64(64 - bits)).view(np.int64)
    repeating = np.bincount(buckets, minlength=1 << bits).take(buckets) > 1
    return (repeating[:-1] & repeating[1:]).nonzero()[0]  # type: ignore[no-any-return]


#: At most 2**20 buckets (8 MB of counts): past a million letters more places are candidates.
_MAX_BUCKET_BITS = 20
#: The most characters measured at once when there are several sequences: 16 buckets a key.
_GROUP_CHARS = 1 << (_MAX_BUCKET_BITS - 4)


def _duplicated_shares(
    codes: np.ndarray,
    candidates: np.ndarray,
    owner: np.ndarray,
    ends: np.ndarray,
    sizes: list[int],
    ns: tuple[int, ...],
) -> list[list[float]]:
    """For each of ``ns``, each sequence's duplicated n-gram share, counting only at ``candidates``.

    ``candidates`` (ascending) hold every place where an n-gram could repeat
    within its sequence (``owner`` gives the sequence of each position). The
    hash of each n-gram that fits in its sequence is mixed with the sequence's
    number (an exclusive or, so that equal n-grams of one sequence stay equal)
    and all are sorted at once.
    """
    out = [[0.0] * len(sizes) for _ in ns]
    if len(candidates) < 2:
        return out
    hashes = NgramHashes(codes)
    whose = owner.take(candidates)
    room = ends.take(whose) - candidates  # characters from each candidate to the end of its sequence
    mix = whose.view(np.uint64) * _MIX if len(sizes) > 1 else None
    for shares, n in zip(out, ns, strict=True):
        fits = room >= n
        places = candidates[fits]
        if len(places) < 2:
            break
        keys = hashes.at(n, places)
        later = _later(keys if mix is None else keys ^ mix[fits], places)
        if not len(later):
            break
        covered = _covered(later, owner.take(later), n, len(sizes))
        for i in covered.nonzero()[0].tolist():
            shares[i] = int(covered[i]) / sizes[i]
    return out


def _later(keys: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Those of ``positions`` (ascending) whose key occurred at an earlier one, ascending.

    In a stable sort the first of each group of equal keys is its first occurrence.
    """
    order = keys.argsort(kind="stable")
    ranked = keys.take(order)
    later: np.ndarray = positions.take(order[1:][ranked[1:] == ranked[:-1]])
    later.sort()
    return later


def _covered(starts: np.ndarray, whose: np.ndarray, n: int, count: int) -> np.ndarray:
    """How many characters of each of ``count`` sequences lie under some n-gram starting at ``starts``.

    ``starts`` are ascending, ``whose`` their sequences: each start covers up
    to the next start, at most n characters; the last covers n. An n-gram
    ends within its sequence, so the next sequence's first start is n or
    more away and never cuts it short.
    """
    reach = np.full(len(starts), n, dtype=np.int64)
    np.minimum(starts[1:] - starts[:-1], n, out=reach[:-1])
    return np.bincount(whose, weights=reach, minlength=count).astype(np.int64)  # type: ignore[no-any-return]


__all__ = [
    "NgramHashes",
    "code_points",
    "duplicated_ngram_share",
    "duplicated_ngram_shares",
    "ngram_codes",
    "repetition_shares",
    "repetition_shares_many",
    "top_ngram_share",
    "top_ngram_shares",
]
