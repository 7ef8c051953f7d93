"""Many texts scanned as one: their code points joined, with document boundaries no window crosses.

The detectors work on whole arrays, and on a document of a few thousand
characters numpy's cost per call, not per character, is most of their time: a
few hundred calls a document. A :class:`TextBatch` joins the texts with a
newline between each, so that both detectors scan a batch of documents with the
calls they would make for one. A newline is no Han character, so no span,
window or run of Han characters reaches from one document into the next; what
both detectors reckon per document (a position's distance from the document's
edges, the n-grams a document counts itself, which are left out of the corpus
counts, a span written twice) is kept per document through :attr:`TextBatch.doc`.
A batch of one text is the text itself: every position is its own.

>>> batch = TextBatch.of(["初心和使命", "出行"])
>>> batch.doc.tolist(), batch.starts.tolist()
([0, 0, 0, 0, 0, 0, 1, 1], [0, 6])
>>> batch.inside(1, 2).tolist()  # one character before, two after, in the same text
[1, 2]
>>> batch.own_counts(2, bigram_codes(string_codes("初心出行")), np.array([0, 0, 1])).tolist()
[1, 0, 1]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .arrays import fourgram_of, occurrences
from .keyset import KeySet
from .ngrams import NgramStats, bigram_codes, distinct, string_codes, trigram_codes
from .readings import CHAR_BITS

#: What joins the texts of a batch: no Han character, so nothing the detectors look for crosses it.
SEPARATOR = "\n"
#: :meth:`TextBatch.own_counts` puts a batch's n-grams through a bit filter of the keys asked
#: about when there are more than this many; fewer are sorted once.
FILTER_FROM = 4096


@dataclass(frozen=True)
class TextBatch:
    """Texts joined by :data:`SEPARATOR`, their code points, and the document of each position."""

    texts: tuple[str, ...]
    #: The texts joined; a position in it is a position in :attr:`codes`.
    joined: str
    codes: np.ndarray
    #: Where each text starts in :attr:`joined`, and how long it is.
    starts: np.ndarray
    lengths: np.ndarray
    #: The text of each position (the separator after a text counts as that text's).
    doc: np.ndarray
    #: N-gram keys by size, computed once (negative sizes: those inside a text, keyed with it).
    _grams: dict[int, np.ndarray] = field(default_factory=dict, compare=False, repr=False)
    #: The n-grams inside a text, keyed with it, sorted, by size (for a small batch, :meth:`own_counts`).
    _sorted: dict[int, np.ndarray] = field(default_factory=dict, compare=False, repr=False)
    #: :meth:`counted` for each table of counts asked about (both detectors ask about the same one).
    _counted: dict[int, tuple[NgramStats, np.ndarray]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def of(cls, texts: Sequence[str]) -> TextBatch:
        """A batch of ``texts``, in order."""
        lengths = np.array([len(t) for t in texts], np.int64)
        starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]]).astype(np.int64)
        joined = SEPARATOR.join(texts)
        doc = np.repeat(np.arange(len(texts)), lengths + 1)[: len(joined)]
        return cls(tuple(texts), joined, string_codes(joined), starts, lengths, doc)

    def __len__(self) -> int:
        return len(self.texts)

    def inside(self, before: int, after: int) -> np.ndarray:
        """The positions with ``before`` characters or more before them and ``after`` after, in their text."""
        local = np.arange(len(self.codes)) - self.starts[self.doc]
        return np.flatnonzero((local >= before) & (local + after < self.lengths[self.doc]))

    def ngrams(self, size: int) -> np.ndarray:
        """The key of the n-gram of ``size`` (1 to 4) characters at each position (:mod:`.ngrams`' keys)."""
        if size not in self._grams:
            c = self.codes
            if size == 1:
                grams = c
            elif size == 2:
                grams = bigram_codes(c)
            elif size == 3:
                grams = trigram_codes(c)
            else:
                grams = fourgram_of(c[:-3], c[1:-2], c[2:-1], c[3:])
            self._grams[size] = grams
        return self._grams[size]

    def own_counts(self, size: int, queries: np.ndarray, docs: np.ndarray) -> np.ndarray:
        """How often the text ``docs[k]`` itself writes ``queries[k]``, an n-gram of ``size`` characters.

        The batch's n-grams are keyed with their text once (:meth:`_keyed`). Up to
        :data:`FILTER_FROM` of them are sorted once and serve every query; more are put
        through a bit filter of the keys asked about at each call, which turns most of
        them away, and the rest are counted: sorting a batch of 256,000 characters'
        n-grams of four sizes took a quarter of the flagging.
        """
        if not len(queries):
            return np.zeros(0, np.int64)
        keyed = self._keyed(size, queries, docs)
        grams = self._own_keyed(size)
        if len(grams) <= FILTER_FROM:
            return np.asarray(occurrences(self._own_sorted(size), keyed), np.int64)
        asked = distinct(keyed)
        _, place = KeySet.of(asked).found(grams)
        return np.asarray(np.bincount(place, minlength=len(asked))[np.searchsorted(asked, keyed)], np.int64)

    def _own(self, size: int, where: np.ndarray) -> np.ndarray:
        """The positions of ``where`` whose n-gram of ``size`` ends inside its text."""
        doc = self.doc[where]
        return np.asarray(where[where + size <= self.starts[doc] + self.lengths[doc]])

    def _keyed(self, size: int, grams: np.ndarray, docs: np.ndarray) -> np.ndarray:
        """N-grams of ``size`` keyed with their text, one integer each (as they are in a batch of one text).

        A character or a bigram fits beside the text's number in 64 bits; the code of a
        trigram or a four-gram is mixed with it instead (:func:`_mixed_with_doc`).
        """
        if len(self.texts) == 1:
            return grams
        if size <= 2 and len(self.texts) <= 1 << (64 - CHAR_BITS * size):
            return _with_doc(grams, docs, CHAR_BITS * size)
        return _mixed_with_doc(grams, docs)

    def _own_keyed(self, size: int) -> np.ndarray:
        """Every n-gram of ``size`` characters inside a text, keyed with its text (:meth:`_keyed`)."""
        if -size not in self._grams:
            grams = self.ngrams(size)
            where = self._own(size, np.arange(len(grams)))
            self._grams[-size] = self._keyed(size, grams[where], self.doc[where])
        return self._grams[-size]

    def _own_sorted(self, size: int) -> np.ndarray:
        """:meth:`_own_keyed`, sorted."""
        if size not in self._sorted:
            self._sorted[size] = np.sort(self._own_keyed(size))
        return self._sorted[size]

    def own_counter(self, size: int, counted: np.ndarray) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
        """:meth:`own_counts` of n-grams of ``size``, 0 for the texts that are not ``counted``."""

        def own(queries: np.ndarray, docs: np.ndarray) -> np.ndarray:
            out = np.zeros(len(queries), np.int64)
            sel = counted[docs]
            out[sel] = self.own_counts(size, queries[sel], docs[sel])
            return out

        return own

    def counted(self, stats: NgramStats) -> np.ndarray:
        """Whether each text is one of the documents ``stats`` counted (by its fingerprint)."""
        known = self._counted.get(id(stats))
        if known is None or known[0] is not stats:
            known = self._counted[id(stats)] = (stats, stats.counted_many(self.texts))
        return known[1]

    def split(self, positions: np.ndarray) -> list[np.ndarray]:
        """For each text, the indices of ``positions`` (sorted) that fall in it."""
        cuts = np.searchsorted(positions, self.starts[1:])
        return np.split(np.arange(len(positions)), cuts)


#: The odd multipliers of :func:`_mixed_with_doc`: each multiplication is a bijection of 64-bit integers.
_GRAM_MIX = np.uint64(0xFF51AFD7ED558CCD)
_DOC_MIX = np.uint64(0xC4CEB9FE1A85EC53)


def _mixed_with_doc(keys: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """64-bit keys with the number of their text mixed in: ``key * a + doc * b``, wrapping around.

    Within one text, distinct keys stay distinct (multiplying by an odd number is a bijection
    of 64-bit integers). Two n-grams of different texts share a mixed key only when their
    keys differ by one particular 64-bit number for that pair of texts: about one chance in
    ``2**64`` a pair (four-gram keys are 64-bit hashes already).
    """
    return np.asarray(keys.astype(np.uint64) * _GRAM_MIX + docs.astype(np.uint64) * _DOC_MIX)


def _with_doc(keys: np.ndarray, docs: np.ndarray, bits: int) -> np.ndarray:
    """``keys`` (below ``2**bits``) with the number of their text above them, in one integer."""
    return np.asarray((docs.astype(np.uint64) << np.uint64(bits)) | keys.astype(np.uint64))
