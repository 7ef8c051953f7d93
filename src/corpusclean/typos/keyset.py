"""Sorted integer keys behind a bit filter: the lookups of words, spans and slip forms.

Most lookups of a text miss: of the bigrams of running text about a third are
words, and far fewer of its windows are slip forms. A one-hash bit filter
turns most misses away with one multiply, shift and gather each; only the rest
go on to a binary search over the sorted keys.

>>> words = KeySet.of(np.array([20, 10, 30], dtype=np.uint64))
>>> words.has(np.array([10, 11, 30], dtype=np.uint64)).tolist()
[True, False, True]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .readings import CHAR_BITS

#: The multiplier of the filter's hash (odd; the fractional part of the golden ratio, in 64 bits).
_MIX = np.uint64(0x9E3779B97F4A7C15)


#: A key set's filter has at least this many bits per key (rounded up to a power of two): with one
#: hash, about one query in thirty that is not a key gets past it to the binary search.
FILTER_BITS_PER_KEY = 32


@dataclass(frozen=True)
class KeySet:
    """Sorted integer keys (repeats allowed) behind a one-hash bit filter.

    Most queries of a text are not keys; the filter turns them away with one
    multiply, shift and gather each, so that only a few go on to the binary
    search (which costs a cache miss per step over a table of megabytes).

    >>> keys = KeySet.of(np.array([9, 3, 5], dtype=np.uint64))
    >>> keys.index(np.array([5, 6, 9], dtype=np.uint64)).tolist()
    [1, -1, 2]
    """

    #: The distinct keys, sorted.
    keys: np.ndarray
    #: Where each key's run of repeats starts in the full sorted order, and its length (None when
    #: no key repeats: a key's place is then its position, and its run is 1).
    first: np.ndarray | None
    runs: np.ndarray | None
    bits: np.ndarray
    shift: int

    @classmethod
    def of(cls, keys: np.ndarray) -> KeySet:
        """A key set of ``keys`` (sorted here, repeats kept in a stable order)."""
        keys = np.asarray(keys, dtype=np.uint64)
        first: np.ndarray | None = None
        runs: np.ndarray | None = None
        if len(keys) and bool(np.all(keys[1:] > keys[:-1])):  # distinct and sorted already (a count table's)
            distinct = keys
        else:
            distinct, first, runs = np.unique(
                np.sort(keys, kind="stable"), return_index=True, return_counts=True
            )
            if len(distinct) == len(keys):  # no repeats
                first = runs = None
        size = max(int(len(distinct) * FILTER_BITS_PER_KEY - 1).bit_length(), 6)
        bits = _bit_array(1 << size, _slots(distinct, 64 - size))
        if first is not None and runs is not None:
            first, runs = first.astype(np.int32), runs.astype(np.int32)
        return cls(distinct, first, runs, bits, 64 - size)

    def maybe(self, queries: np.ndarray) -> np.ndarray:
        """False for each query that is certainly not a key."""
        slots = _slots(queries, self.shift)
        return np.asarray(self.bits[slots >> 3] & _BIT[slots & 7], dtype=bool)

    def found(self, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The positions of the queries that are keys, in order, and each one's place among the distinct keys.

        >>> KeySet.of(np.array([9, 3, 5], dtype=np.uint64)).found(np.array([5, 6, 9], dtype=np.uint64))
        (array([0, 2]), array([1, 2]))
        """
        if not len(self.keys) or not len(queries):
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        sel = np.flatnonzero(self.maybe(queries))
        q = queries[sel]
        order = np.argsort(q)  # sorted needles make the binary searches cheaper
        at = np.empty(len(q), np.int64)
        at[order] = np.minimum(np.searchsorted(self.keys, q[order]), len(self.keys) - 1)
        ok = self.keys[at] == q
        return sel[ok], at[ok]

    def index(self, queries: np.ndarray) -> np.ndarray:
        """The position in the sorted keys of the first equal key, -1 where there is none."""
        out = np.full(len(queries), -1, np.int64)
        where, at = self.found(queries)
        out[where] = at if self.first is None else self.first[at]
        return out

    def has(self, queries: np.ndarray) -> np.ndarray:
        """Whether each query is a key."""
        found = np.zeros(len(queries), bool)
        found[self.found(queries)[0]] = True
        return found

    def ranges(self, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each match of a query: the query's position and the key's position, one row each.

        >>> keys = KeySet.of(np.array([4, 4, 7], dtype=np.uint64))
        >>> [a.tolist() for a in keys.ranges(np.array([7, 1, 4], dtype=np.uint64))[:2]]
        [[0, 2, 2], [2, 0, 1]]
        """
        where, at = self.found(queries)
        if self.first is None or self.runs is None:  # no key repeats: one row a match
            return where, at, np.ones(len(at), np.int32)
        reps = self.runs[at]
        positions = np.repeat(where, reps)
        first = np.repeat(np.cumsum(reps) - reps, reps)
        entries = np.repeat(self.first[at], reps) + (np.arange(len(positions)) - first)
        return positions, entries, reps

    def __contains__(self, key: object) -> bool:
        return isinstance(key, int) and bool(self.index(np.array([key], np.uint64))[0] >= 0)


#: The bit of each place in a byte of a filter.
_BIT = (1 << np.arange(8)).astype(np.uint8)


def _slots(keys: np.ndarray, shift: int) -> np.ndarray:
    # integer arrays wrap around silently (only numpy scalars warn): no errstate needed
    return np.asarray((np.asarray(keys, np.uint64) * _MIX) >> np.uint64(shift)).astype(np.intp)


@dataclass(frozen=True)
class PairSet:
    """Pairs of characters, as bigram keys ``a << 21 | b``, kept as bits of a matrix.

    The matrix has a row for each character that starts a pair of the set and a
    column for each one that ends one, and one more of each, all zeros, for the
    characters that start or end none. Whether a bigram of a text is in the set
    is a gather for each of its characters and one for the bit: no search, no
    sorting. A word list's pairs of Han characters take a few megabytes.

    >>> pairs = PairSet.of(np.array([(20 << 21) | 7, (3 << 21) | 7], dtype=np.uint64))
    >>> pairs.has(np.array([(20 << 21) | 7, (3 << 21) | 20, (9 << 21) | 7, 7], dtype=np.uint64)).tolist()
    [True, False, False, False]
    """

    #: By code point: where the character's row starts in the matrix as the first of a pair.
    rows: np.ndarray
    #: By code point: the character's column as the second of a pair.
    columns: np.ndarray
    #: The matrix, row by row: bit ``rows[a] + columns[b]`` is set for each pair ``a, b``.
    bits: np.ndarray

    @classmethod
    def of(cls, pairs: np.ndarray) -> PairSet:
        """The set of ``pairs`` (bigram keys; repeats allowed)."""
        pairs = np.asarray(pairs, dtype=np.uint64)
        first, second = (pairs >> np.uint64(CHAR_BITS)).astype(np.intp), (pairs & _CHAR_MASK).astype(np.intp)
        row_of, height = _numbered(first)
        columns, width = _numbered(second)
        rows = row_of.astype(np.int64) * width
        return cls(rows, columns, _bit_array(height * width, rows[first] + columns[second]))

    def has(self, queries: np.ndarray) -> np.ndarray:
        """Whether each query (a bigram key) is a pair of the set."""
        queries = np.asarray(queries, dtype=np.uint64)
        first = np.minimum(queries >> np.uint64(CHAR_BITS), len(self.rows) - 1)
        second = np.minimum(queries & _CHAR_MASK, len(self.columns) - 1)
        cell = self.rows[first] + self.columns[second]
        return np.asarray(self.bits[cell >> 3] & _BIT[cell & 7], dtype=bool)


_CHAR_MASK = np.uint64((1 << CHAR_BITS) - 1)


def _bit_array(size: int, on: np.ndarray) -> np.ndarray:
    """``size`` bits (rounded up to whole bytes), those at the positions ``on`` set.

    Bit ``s`` is bit ``s & 7`` of byte ``s >> 3``; the bits of each byte are or-ed together at once.
    """
    on = np.sort(on)
    byte = on >> 3
    starts = np.flatnonzero(np.r_[True, byte[1:] != byte[:-1]]) if len(byte) else byte
    bits = np.zeros((size + 7) // 8, np.uint8)
    bits[byte[starts]] = np.bitwise_or.reduceat(_BIT[on & 7], starts)
    return bits


def _numbered(chars: np.ndarray) -> tuple[np.ndarray, int]:
    """A number for each distinct code point of ``chars``, by code point, and how many numbers there are.

    Every other code point (up to one past the largest of ``chars``, which stands for all
    above it) gets the last number, which no character of ``chars`` has.
    """
    distinct = np.flatnonzero(np.bincount(chars)) if len(chars) else chars
    table = np.full(int(distinct.max(initial=-1)) + 2, len(distinct), np.int32)
    table[distinct] = np.arange(len(distinct), dtype=np.int32)
    return table, len(distinct) + 1
