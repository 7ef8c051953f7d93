"""Character n-gram counts of a corpus: counted fast, kept small, learnt in parts, saved and loaded.

Every code point fits in 21 bits, so a bigram is one 42-bit integer and a
trigram one 63-bit integer: counting is a numpy sort, and looking counts up is a
binary search over a sorted array, for a whole document at once. A table costs
12 bytes per distinct n-gram kept (8 for the code, 4 for the count).

A corpus can be counted in parts (:meth:`NgramStats.count`, one per share of
the corpus, in any process), the parts added up in corpus order
(:meth:`NgramStats.add`), and the sum finished once (:meth:`NgramStats.finish`,
which drops the n-grams seen once in the whole corpus). Counts are sums, so
without the memory bound below the result is the same however the corpus was cut.

Memory stays bounded three ways. Given the words that will be looked up
(``words``), only the n-grams that contain one of them are counted: the detector
never asks for any other; the pairs of Han characters that are no word are
counted too, in a table of their own (:attr:`NgramStats.pairs`), so that the
corpus can say whether a pair that reads like a slip is written elsewhere.
N-grams seen once are dropped at the end (a document's own n-grams never
count as evidence for it). And when a table
outgrows ``max_ngrams`` while counting or adding, its rarest entries are
dropped until it fits (the lowest count still kept is in ``floor``); only then
can the result depend on how the corpus was cut.

>>> stats = NgramStats.fit(["初心和使命", "初心和使命", "出行"])
>>> stats.bigrams.get(bigram_codes(string_codes("初心"))).tolist()
[2]
>>> stats.docs, stats.chars
(3, 12)
>>> halves = NgramStats.count(["初心和使命"]).add(NgramStats.count(["初心和使命", "出行"]))
>>> halves.finish().bigrams.counts.tolist() == stats.bigrams.counts.tolist()
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from ..errors import CorpusCleanError
from .guards import is_han_table
from .keyset import KeySet, PairSet
from .readings import CHAR_BITS

#: Separates documents when counting, so that no n-gram spans two of them.
_SEPARATOR = "\x00"
#: The default bound on each table: at 12 bytes an entry, at most 24 MB a table and 96 MB
#: for the bigram, pair, trigram and four-gram tables together. Adding a part to tables at the
#: bound takes about as much again for a moment, so a process stays near 400 MB at worst;
#: the seeds and the People's Daily text never reach it (docs/typos.md, "Memory").
MAX_NGRAMS = 2_000_000
#: Characters counted at a time: the transient arrays of a chunk take about 60 bytes a character (30 MB).
CHUNK_CHARS = 500_000
#: :meth:`CountTable.get` looks up more queries than this through its key set (a bit filter, then a search).
SORTED_QUERIES = 256


def string_codes(text: str) -> np.ndarray:
    """The code points of ``text`` as a ``uint64`` array."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def bigram_codes(codes: np.ndarray) -> np.ndarray:
    """Code of the bigram starting at each position but the last."""
    return np.asarray((codes[:-1] << CHAR_BITS) | codes[1:])


def trigram_codes(codes: np.ndarray) -> np.ndarray:
    """Code of the trigram starting at each position but the last two."""
    return np.asarray((codes[:-2] << (2 * CHAR_BITS)) | (codes[1:-1] << CHAR_BITS) | codes[2:])


MIX_A = np.uint64(0x9E3779B97F4A7C15)
MIX_B = np.uint64(0xC2B2AE3D27D4EB4F)


def fourgram_codes(codes: np.ndarray) -> np.ndarray:
    """A 64-bit hash of the four-gram starting at each position but the last three.

    Four code points need 84 bits, so they are mixed into 64; with a few
    million distinct four-grams a collision is a one-in-millions event.
    """
    with np.errstate(over="ignore"):
        return np.asarray(trigram_codes(codes[:-1]) * MIX_A + codes[3:] * MIX_B)


def text_id(text: str) -> int:
    """A stable 64-bit fingerprint of a text (the same in every process)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values of an array, as ``np.unique`` gives them, by a sort.

    numpy 2.4's ``np.unique`` hashes an integer array when it is asked for the
    values alone, which takes about 20 times as long as sorting it (0.47 s
    against 0.02 s for a million 64-bit integers).

    >>> distinct(np.array([5, 3, 5, 1])).tolist()
    [1, 3, 5]
    """
    ordered = np.sort(values, axis=None)
    if len(ordered) < 2:
        return ordered
    return np.asarray(ordered[np.concatenate([[True], ordered[1:] != ordered[:-1]])])


def member(sorted_keys: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Whether each of ``q`` is in ``sorted_keys`` (a binary search)."""
    if not len(sorted_keys):
        return np.zeros(len(q), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, q), len(sorted_keys) - 1)
    return np.asarray(sorted_keys[at] == q)


@dataclass(eq=False)
class CountTable:
    """Sorted n-gram codes and their counts (equal to another with the same entries and floor)."""

    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    counts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))
    #: Counts below this were dropped to bound memory (1: nothing dropped).
    floor: int = 1

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CountTable):
            return NotImplemented
        return (
            self.floor == other.floor
            and np.array_equal(self.keys, other.keys)
            and np.array_equal(self.counts, other.counts)
        )

    @classmethod
    def count(cls, codes: np.ndarray) -> CountTable:
        """Count the codes of an array."""
        keys, counts = np.unique(codes, return_counts=True)
        return cls(keys, counts.astype(np.uint32))

    def get(self, queries: np.ndarray) -> np.ndarray:
        """The count of each query code (0 when absent), as ``int64``."""
        if not len(self.keys):
            return np.zeros(len(queries), np.int64)
        if len(queries) > SORTED_QUERIES:
            # most queries of a large batch are absent: the key set's filter turns them away
            # before its binary search
            out = np.zeros(len(queries), np.int64)
            where, at = self.key_set.found(queries)
            out[where] = self.counts[at]
            return out
        at = np.minimum(np.searchsorted(self.keys, queries), len(self.keys) - 1)
        return np.where(self.keys[at] == queries, self.counts[at], 0).astype(np.int64)

    @cached_property
    def key_set(self) -> KeySet:
        """The table's keys behind a bit filter (built on the first large lookup)."""
        return KeySet.of(self.keys)

    def merge(self, other: CountTable) -> CountTable:
        """The sum of two tables: the smaller one is looked up in the larger, new keys inserted."""
        floor = max(self.floor, other.floor)
        big, small = (self, other) if len(self.keys) >= len(other.keys) else (other, self)
        if not len(small.keys):
            return CountTable(big.keys, big.counts, floor)
        at = np.searchsorted(big.keys, small.keys)
        found = np.zeros(len(at), dtype=bool)
        inside = at < len(big.keys)
        found[inside] = big.keys[at[inside]] == small.keys[inside]
        counts = big.counts.copy()
        counts[at[found]] += small.counts[found]  # keys are unique, so no index repeats
        new = ~found
        keys = np.insert(big.keys, at[new], small.keys[new])
        return CountTable(keys, np.insert(counts, at[new], small.counts[new]), floor)

    def prune(self, min_count: int) -> CountTable:
        """Drop the entries counted fewer than ``min_count`` times."""
        keep = self.counts >= min_count
        return CountTable(self.keys[keep], self.counts[keep], max(self.floor, min_count))

    def bound(self, max_entries: int) -> CountTable:
        """Drop the rarest entries until at most ``max_entries`` are left."""
        if len(self.keys) <= max_entries:
            return self
        floor = int(np.partition(self.counts, len(self.counts) - max_entries)[len(self.counts) - max_entries])
        if np.count_nonzero(self.counts >= floor) > max_entries:  # ties at the floor: drop them too
            floor += 1
        return self.prune(floor)

    @property
    def nbytes(self) -> int:
        """Memory the table holds, in bytes."""
        return int(self.keys.nbytes + self.counts.nbytes)


_NO_IDS = np.zeros(0, np.uint64)


@dataclass(eq=False)
class NgramStats:
    """Character, bigram, trigram and four-gram counts of a corpus, and fingerprints of its documents."""

    unigrams: CountTable = field(default_factory=CountTable)
    bigrams: CountTable = field(default_factory=CountTable)
    trigrams: CountTable = field(default_factory=CountTable)
    fourgrams: CountTable = field(default_factory=CountTable)
    #: Counted around words only: the pairs of Han characters that are none of the words,
    #: as written (without words, the bigrams hold every pair and this stays empty).
    pairs: CountTable = field(default_factory=CountTable)
    #: Sorted fingerprints (:func:`text_id`) of the documents counted, to leave each one out.
    doc_ids: np.ndarray = field(default_factory=lambda: _NO_IDS)
    docs: int = 0
    chars: int = 0
    #: True when only the n-grams around given words were counted (see :meth:`count`).
    words_only: bool = False

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NgramStats):
            return NotImplemented
        return (
            (self.unigrams, self.bigrams, self.trigrams, self.fourgrams, self.pairs)
            == (other.unigrams, other.bigrams, other.trigrams, other.fourgrams, other.pairs)
            and np.array_equal(self.doc_ids, other.doc_ids)
            and (self.docs, self.chars, self.words_only) == (other.docs, other.chars, other.words_only)
        )

    @classmethod
    def fit(
        cls,
        texts: Iterable[str],
        *,
        words: np.ndarray | None = None,
        max_ngrams: int = MAX_NGRAMS,
        chunk_chars: int = CHUNK_CHARS,
    ) -> NgramStats:
        """Count the n-grams of ``texts`` and drop those seen once: :meth:`count`, then :meth:`finish`."""
        return cls.count(texts, words=words, max_ngrams=max_ngrams, chunk_chars=chunk_chars).finish()

    @classmethod
    def count(
        cls,
        texts: Iterable[str],
        *,
        words: np.ndarray | None = None,
        max_ngrams: int = MAX_NGRAMS,
        chunk_chars: int = CHUNK_CHARS,
    ) -> NgramStats:
        """The raw counts of one part of a corpus, ``chunk_chars`` characters at a time.

        With ``words`` (sorted bigram codes), a bigram is counted only when it is
        one of them, a trigram or four-gram only when two adjacent characters of
        it are; any other pair of Han characters goes to :attr:`pairs`; the
        unigrams are all counted. Nothing is dropped for being rare
        but the entries over ``max_ngrams`` a table.
        """
        stats = cls(words_only=words is not None)
        word_keys = None if words is None else PairSet.of(words)
        ids: list[int] = []
        chunk: list[str] = []
        size = 0
        for text in texts:
            ids.append(text_id(text))
            stats.chars += len(text)
            chunk.append(text)
            size += len(text) + 1
            if size >= chunk_chars:
                stats._add_chunk(chunk, word_keys, max_ngrams)
                chunk, size = [], 0
        if chunk:
            stats._add_chunk(chunk, word_keys, max_ngrams)
        stats.docs = len(ids)
        stats.doc_ids = distinct(np.array(ids, dtype=np.uint64))
        return stats

    def add(self, other: NgramStats, *, max_ngrams: int = MAX_NGRAMS) -> NgramStats:
        """The counts of this part and the next one together (raw, like :meth:`count`'s)."""
        if self.words_only != other.words_only:
            raise CorpusCleanError(
                "cannot add n-gram counts of the whole text to counts of word n-grams only; "
                "count every part with the same words"
            )
        return NgramStats(
            unigrams=self.unigrams.merge(other.unigrams),
            bigrams=self.bigrams.merge(other.bigrams).bound(max_ngrams),
            trigrams=self.trigrams.merge(other.trigrams).bound(max_ngrams),
            fourgrams=self.fourgrams.merge(other.fourgrams).bound(max_ngrams),
            pairs=self.pairs.merge(other.pairs).bound(max_ngrams),
            doc_ids=distinct(np.concatenate([self.doc_ids, other.doc_ids])),
            docs=self.docs + other.docs,
            chars=self.chars + other.chars,
            words_only=self.words_only,
        )

    def finish(self) -> NgramStats:
        """These counts without the n-grams seen once in the whole corpus: what flagging reads."""
        return NgramStats(
            self.unigrams, self.bigrams.prune(2), self.trigrams.prune(2), self.fourgrams.prune(2),
            self.pairs.prune(2), self.doc_ids, self.docs, self.chars, self.words_only,
        )  # fmt: skip

    def pair_counts(self, codes: np.ndarray) -> np.ndarray:
        """How often each pair (bigram codes) is written in the corpus, word or not, as ``int64``.

        >>> stats = NgramStats.fit(["记着孩子的生日"] * 2, words=bigram_codes(string_codes("孩子")))
        >>> stats.pair_counts(bigram_codes(string_codes("孩子记着"))).tolist()  # a word, no pair, a pair
        [2, 0, 2]
        """
        # a pair is in the bigrams (a word, or any pair when every n-gram is counted) or in
        # the pairs, never in both
        return np.asarray(self.bigrams.get(codes) + self.pairs.get(codes))

    def counted(self, text: str) -> bool:
        """Whether ``text`` is one of the documents counted (by its fingerprint)."""
        return bool(self.counted_many([text])[0])

    def counted_many(self, texts: Iterable[str]) -> np.ndarray:
        """Whether each of ``texts`` is one of the documents counted (by its fingerprint)."""
        return member(self.doc_ids, np.array([text_id(t) for t in texts], dtype=np.uint64))

    def _add_chunk(self, texts: list[str], words: PairSet | None, max_ngrams: int) -> None:
        codes = string_codes(_SEPARATOR.join(texts))
        if not codes.size:  # only empty texts: nothing to count
            return
        counts = np.bincount(codes.astype(np.int64))
        counts[0] = 0  # the separator
        chars = np.flatnonzero(counts)
        self.unigrams = self.unigrams.merge(
            CountTable(chars.astype(np.uint64), counts[chars].astype(np.uint32))
        )
        inside = codes != 0
        bigrams = bigram_codes(codes)
        pairs = inside[:-1] & inside[1:]
        # A word never holds the separator, so ``word`` implies ``pairs``.
        word = pairs if words is None else words.has(bigrams)
        triples = pairs[:-1] & inside[2:]
        quads = triples[:-1] & inside[3:]
        if words is not None:
            triples &= word[:-1] | word[1:]
            quads &= word[:-2] | word[1:-1] | word[2:]
        self.bigrams = self.bigrams.merge(CountTable.count(bigrams[word])).bound(max_ngrams)
        if words is not None:
            han = is_han_table()[codes]
            other = pairs & ~word & han[:-1] & han[1:]
            self.pairs = self.pairs.merge(CountTable.count(bigrams[other])).bound(max_ngrams)
        trigrams = (bigrams[:-1] << CHAR_BITS) | codes[2:]
        del bigrams
        self.trigrams = self.trigrams.merge(CountTable.count(trigrams[triples])).bound(max_ngrams)
        with np.errstate(over="ignore"):
            fourgrams = trigrams[:-1] * MIX_A + codes[3:] * MIX_B
        del trigrams
        self.fourgrams = self.fourgrams.merge(CountTable.count(fourgrams[quads])).bound(max_ngrams)

    @property
    def nbytes(self) -> int:
        """Memory the counts and fingerprints hold, in bytes."""
        tables = (self.unigrams, self.bigrams, self.trigrams, self.fourgrams, self.pairs)
        return sum(t.nbytes for t in tables) + int(self.doc_ids.nbytes)

    # -- saving and loading (:mod:`corpusclean.typos.store`) ----------------------

    def save(self, path: str | Path) -> None:
        """Write the statistics to ``path`` (a numpy ``.npz`` file, no pickle inside)."""
        from .store import save_stats

        save_stats(self, path)

    @classmethod
    def load(cls, path: str | Path) -> NgramStats:
        """Read statistics written by :meth:`save` (this format, or the first one)."""
        from .store import load_stats

        return load_stats(path)
