"""Character n-gram counts of a corpus: counted fast, kept small, saved and loaded.

Every code point fits in 21 bits, so a bigram is one 42-bit integer and a
trigram one 63-bit integer: counting is a numpy sort, and looking counts up is a
binary search over a sorted array, for a whole document at once. A table costs
12 bytes per distinct n-gram kept (8 for the code, 4 for the count).

Memory stays bounded: n-grams seen once are dropped at the end of a fit (a
document's own n-grams never count as evidence for it, so nothing is lost), and
when a table outgrows ``max_ngrams`` while counting, the rarest entries are
dropped until it fits (the lowest count still kept is in ``floor``).

>>> stats = NgramStats.fit(["初心和使命", "初心和使命", "出行"])
>>> stats.bigrams.get(bigram_codes(string_codes("初心"))).tolist()
[2]
>>> stats.docs, stats.chars
(3, 12)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import CorpusCleanError

CHAR_BITS = 21
#: Separates documents when counting, so that no n-gram spans two of them.
_SEPARATOR = "\x00"


def string_codes(text: str) -> np.ndarray:
    """The code points of ``text`` as a ``uint64`` array."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def bigram_codes(codes: np.ndarray) -> np.ndarray:
    """Code of the bigram starting at each position but the last."""
    return np.asarray((codes[:-1] << CHAR_BITS) | codes[1:])


def trigram_codes(codes: np.ndarray) -> np.ndarray:
    """Code of the trigram starting at each position but the last two."""
    return np.asarray((codes[:-2] << (2 * CHAR_BITS)) | (codes[1:-1] << CHAR_BITS) | codes[2:])


_MIX_A = np.uint64(0x9E3779B97F4A7C15)
_MIX_B = np.uint64(0xC2B2AE3D27D4EB4F)


def fourgram_codes(codes: np.ndarray) -> np.ndarray:
    """A 64-bit hash of the four-gram starting at each position but the last three.

    Four code points need 84 bits, so they are mixed into 64; with a few
    million distinct four-grams a collision is a one-in-millions event.
    """
    with np.errstate(over="ignore"):
        return np.asarray(trigram_codes(codes[:-1]) * _MIX_A + codes[3:] * _MIX_B)


def text_id(text: str) -> int:
    """A stable 64-bit fingerprint of a text (the same in every process)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


@dataclass
class CountTable:
    """Sorted n-gram codes and their counts."""

    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    counts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))
    #: Counts below this were dropped to bound memory (1: nothing dropped).
    floor: int = 1

    @classmethod
    def count(cls, codes: np.ndarray) -> CountTable:
        """Count the codes of an array."""
        keys, counts = np.unique(codes, return_counts=True)
        return cls(keys, counts.astype(np.uint32))

    def get(self, queries: np.ndarray) -> np.ndarray:
        """The count of each query code (0 when absent), as ``int64``."""
        if not len(self.keys):
            return np.zeros(len(queries), np.int64)
        at = np.minimum(np.searchsorted(self.keys, queries), len(self.keys) - 1)
        return np.where(self.keys[at] == queries, self.counts[at], 0).astype(np.int64)

    def merge(self, other: CountTable) -> CountTable:
        """The sum of two tables."""
        if not len(self.keys):
            return other
        keys, inverse = np.unique(np.concatenate([self.keys, other.keys]), return_inverse=True)
        counts = np.bincount(inverse, weights=np.concatenate([self.counts, other.counts]))
        return CountTable(keys, counts.astype(np.uint32), max(self.floor, other.floor))

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


@dataclass
class NgramStats:
    """Character, bigram and trigram counts of a corpus, and fingerprints of its documents."""

    unigrams: CountTable = field(default_factory=CountTable)
    bigrams: CountTable = field(default_factory=CountTable)
    trigrams: CountTable = field(default_factory=CountTable)
    fourgrams: CountTable = field(default_factory=CountTable)
    #: Fingerprints (:func:`text_id`) of the documents counted, to leave each one out.
    doc_ids: set[int] = field(default_factory=set)
    docs: int = 0
    chars: int = 0

    @classmethod
    def fit(
        cls, texts: Iterable[str], *, max_ngrams: int = 20_000_000, chunk_chars: int = 4_000_000
    ) -> NgramStats:
        """Count the n-grams of ``texts``, ``chunk_chars`` characters at a time.

        ``max_ngrams`` bounds each table (bigrams, trigrams) while counting; the
        default holds about 240 MB per table at most.
        """
        stats = cls()
        chunk: list[str] = []
        size = 0
        for text in texts:
            stats.doc_ids.add(text_id(text))
            stats.docs += 1
            stats.chars += len(text)
            chunk.append(text)
            size += len(text) + 1
            if size >= chunk_chars:
                stats._add_chunk(chunk, max_ngrams)
                chunk, size = [], 0
        if chunk:
            stats._add_chunk(chunk, max_ngrams)
        stats.bigrams = stats.bigrams.prune(2)
        stats.trigrams = stats.trigrams.prune(2)
        stats.fourgrams = stats.fourgrams.prune(2)
        return stats

    def _add_chunk(self, texts: list[str], max_ngrams: int) -> None:
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
        self.bigrams = self.bigrams.merge(CountTable.count(bigrams[pairs])).bound(max_ngrams)
        trigrams = (bigrams[:-1] << CHAR_BITS) | codes[2:]
        triples = pairs[:-1] & inside[2:]
        self.trigrams = self.trigrams.merge(CountTable.count(trigrams[triples])).bound(max_ngrams)
        with np.errstate(over="ignore"):
            fourgrams = trigrams[:-1] * _MIX_A + codes[3:] * _MIX_B
        quads = triples[:-1] & inside[3:]
        self.fourgrams = self.fourgrams.merge(CountTable.count(fourgrams[quads])).bound(max_ngrams)

    @property
    def nbytes(self) -> int:
        """Memory the counts hold, in bytes (the fingerprints add 8 bytes a document on disk)."""
        return sum(t.nbytes for t in (self.unigrams, self.bigrams, self.trigrams, self.fourgrams))

    # -- saving and loading ---------------------------------------------------

    def save(self, path: str | Path) -> None:
        """Write the statistics to ``path`` (a numpy ``.npz`` file, no pickle inside)."""
        meta = {"format": 1, "docs": self.docs, "chars": self.chars,
                "floors": [self.bigrams.floor, self.trigrams.floor, self.fourgrams.floor]}  # fmt: skip
        with open(path, "wb") as f:
            np.savez(
                f,
                meta=np.array(json.dumps(meta)),
                unigram_keys=self.unigrams.keys,
                unigram_counts=self.unigrams.counts,
                bigram_keys=self.bigrams.keys,
                bigram_counts=self.bigrams.counts,
                trigram_keys=self.trigrams.keys,
                trigram_counts=self.trigrams.counts,
                fourgram_keys=self.fourgrams.keys,
                fourgram_counts=self.fourgrams.counts,
                doc_ids=np.array(sorted(self.doc_ids), dtype=np.uint64),
            )

    @classmethod
    def load(cls, path: str | Path) -> NgramStats:
        """Read statistics written by :meth:`save`."""
        try:
            with np.load(path, allow_pickle=False) as z:
                meta = json.loads(str(z["meta"]))
                if meta.get("format") != 1:
                    raise ValueError(f"unknown format {meta.get('format')!r}")
                return cls(
                    unigrams=CountTable(z["unigram_keys"], z["unigram_counts"]),
                    bigrams=CountTable(z["bigram_keys"], z["bigram_counts"], meta["floors"][0]),
                    trigrams=CountTable(z["trigram_keys"], z["trigram_counts"], meta["floors"][1]),
                    fourgrams=CountTable(z["fourgram_keys"], z["fourgram_counts"], meta["floors"][2]),
                    doc_ids={int(x) for x in z["doc_ids"]},
                    docs=meta["docs"],
                    chars=meta["chars"],
                )
        except (OSError, KeyError, ValueError) as exc:
            raise CorpusCleanError(
                f"{path}: cannot read typo statistics ({exc}); write them with "
                "FlagTypos.save_stats() or fit again on a reference corpus"
            ) from exc
