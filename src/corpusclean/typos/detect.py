"""The corpus typo detector: a rare word where a sound-alike is common in the same context.

For every two-character span of Han characters, the candidates are the words
that read the same under loose pinyin (:mod:`corpusclean.typos.pinyin`) and
occur in the fitted corpus. A candidate is scored when the *other* documents
have it beside the span's left or right character (a slip repeated in one
document must not vouch for itself); :mod:`corpusclean.typos.score` weighs its
counts in context against the span's, and the guards of
:mod:`corpusclean.typos.guards` and :meth:`TypoDetector.allowed` have the last
word.

>>> det = TypoDetector().fit(["党的初心和使命。"] * 3 + ["人的出行和使命。"])
>>> [(h.text, h.suggestion, h.evidence) for h in det.find("人的出行和使命。", threshold=0.0)]
[('出行', '初心', (3, 3, 0, 0))]

Four sentences are weak evidence, so the confidence stays far below the
default threshold here (about 0.001); on the five seed articles the three
出行 score above 0.99.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from ..errors import CorpusCleanError
from . import pinyin
from .arrays import (
    CHAR_MASK,
    OtherCounts,
    dominant_next,
    expand,
    fourgram_of,
    lookup,
    member,
    runs,
    split_as,
    where,
)
from .batch import TextBatch
from .guards import NUMERAL_TABLE, between_two_words, both_correct, is_han_table, overlaps_longer_word
from .keyset import PairSet
from .lexicon import is_listed_word, lexicon
from .ngrams import (
    MAX_NGRAMS,
    NgramStats,
    distinct,
)
from .readings import CHAR_BITS
from .score import confidence

#: The confidence above which a span is flagged, for both kinds of slip (see ``docs/typos.md``).
DEFAULT_THRESHOLD = 0.65

#: The model's weights were fitted on text with one whole-word slip per 2,000 characters;
#: in text as written (and in one-character slips injected at that rate) a slip that makes
#: another word is about a tenth as common, so its odds are scaled by this prior before
#: they are compared with the threshold shared with the non-word detector.
REAL_WORD_ODDS = 0.1


@dataclass(frozen=True)
class TypoHit:
    """A flagged span, its suggestion and the counts behind it."""

    start: int
    end: int
    text: str
    suggestion: str
    confidence: float
    #: Counts in the other documents: left+suggestion, suggestion+right, left+span, span+right.
    evidence: tuple[int, int, int, int]

    @property
    def reason(self) -> str:
        a, b, x1, x2 = self.evidence
        return (
            f"loose-pinyin neighbour {self.suggestion!r} is far more common in this context "
            f"in the other documents: left {a} vs {x1}, right {b} vs {x2}"
        )


#: How often the suggestion must be seen, in the other documents, with the
#: flagged word's left or right neighbour. Two sightings were too weak: on the
#: seeds' clean text they made 坚信 a slip for 践行 ("right 2 vs 0"); with three,
#: the People's Daily curve keeps precision 0.91 and recall 0.35 (docs/typos.md).
MIN_CONTEXT = 3


class TypoDetector:
    """Fit n-gram counts on a corpus, then find likely input-method slips in a text.

    Every n-gram is counted and every two-character span of Han characters that
    is no proper noun or numeral is checked, a word of the word list or not (己划
    as well as 出行). ``words_only=True`` counts only the n-grams around the word
    list's words and checks those words alone: smaller statistics, fewer slips
    found (``docs/typos.md``).
    """

    def __init__(
        self,
        *,
        min_suggestion_count: int = 2,
        min_context: int = MIN_CONTEXT,
        threshold: float = DEFAULT_THRESHOLD,
        weights: Sequence[float] | None = None,
        l_n: bool = False,
        f_h: bool = False,
        max_ngrams: int = MAX_NGRAMS,
        words_only: bool = False,
        max_fuzzy: int = 1,
        prior_odds: float = REAL_WORD_ODDS,
    ) -> None:
        self.max_fuzzy = max_fuzzy
        self.prior_odds = prior_odds
        self.weights = None if weights is None else tuple(weights)
        self.words_only = words_only
        self.min_suggestion_count = min_suggestion_count
        self.min_context = min_context
        self.threshold = threshold
        self.l_n = l_n
        self.f_h = f_h
        self.max_ngrams = max_ngrams
        self.stats = NgramStats()
        self._group_keys = np.zeros(0, np.uint64)
        self._group_words = np.zeros(0, np.uint64)
        self._group_starts = np.zeros(0, np.int32)
        self._span_words = np.zeros(0, np.uint64)

    def __eq__(self, other: object) -> bool:
        """Detectors with the same settings and the same counts flag the same."""
        if not isinstance(other, TypoDetector):
            return NotImplemented
        mine, theirs = vars(self), vars(other)
        return mine.keys() == theirs.keys() and all(
            np.array_equal(v, theirs[k]) if isinstance(v, np.ndarray) else v == theirs[k]
            for k, v in mine.items()
        )

    # -- statistics: counted in parts, added up, finished, saved and loaded ----------

    def preload(self) -> None:
        """Read the word list now rather than on the first count or the first :meth:`use_stats`."""
        span_words()
        span_word_set()

    @property
    def fitted(self) -> bool:
        """Whether the detector has corpus counts to compare against (fitted or loaded)."""
        return self.stats.docs > 0

    def fit(self, texts: Iterable[str]) -> TypoDetector:
        """Count the corpus and index its words by loose reading: :meth:`count`, then :meth:`use_counts`."""
        return self.use_counts(self.count(texts))

    def count(self, texts: Iterable[str]) -> NgramStats:
        """The raw counts of one part of the corpus (see :meth:`NgramStats.count`).

        With ``words_only``, only the n-grams around a word that may be flagged or
        suggested are counted: every count :meth:`features` looks up, and no other.
        Parts counted in any process add up with :meth:`merge`.
        """
        words = span_words() if self.words_only else None
        return NgramStats.count(texts, words=words, max_ngrams=self.max_ngrams)

    def merge(self, parts: Sequence[NgramStats]) -> NgramStats:
        """The raw counts of consecutive parts added up, in corpus order (n-grams seen once are kept).

        >>> det = TypoDetector()
        >>> det.merge([det.count(["初心和使命"]), det.count(["初心和使命"])]).bigrams.counts.tolist()
        [2, 2, 2, 2]
        """
        merged = parts[0]
        for part in parts[1:]:
            merged = merged.add(part, max_ngrams=self.max_ngrams)
        return merged

    def use_counts(self, counts: NgramStats) -> TypoDetector:
        """Use the raw counts of a whole corpus: drop the n-grams seen once in it, then :meth:`use_stats`."""
        return self.use_stats(counts.finish())

    def save(self, path: str | Path) -> None:
        """Write the statistics in use to ``path`` (numpy ``.npz``, no pickle), to use them later."""
        self.stats.save(path)

    def load(self, path: str | Path) -> TypoDetector:
        """Use statistics written by :meth:`save` (fitted on this corpus or a larger reference one)."""
        return self.use_stats(NgramStats.load(path))

    def use_stats(self, stats: NgramStats) -> TypoDetector:
        """Use finished counts (fitted earlier, on this corpus or a larger reference one)."""
        if stats.words_only and not self.words_only:
            raise CorpusCleanError(
                "these typo statistics hold only the n-grams around listed words (as flag_typos "
                "saved them before it counted every n-gram), and a detector with words_only=False "
                "looks up others; fit flag_typos on the corpus again, or give it words_only=True"
            )
        self.stats = stats
        bigrams = stats.bigrams
        self._span_words = span_words()
        common = bigrams.keys[bigrams.counts >= self.min_suggestion_count]
        words = common[member(self._span_words, common)]
        words = words[~NUMERAL_TABLE[words >> CHAR_BITS] & ~NUMERAL_TABLE[words & CHAR_MASK]]
        keys, known = pinyin.bigram_loose_keys(words, l_n=self.l_n, f_h=self.f_h)
        order = np.argsort(keys[known], kind="stable")
        self._group_keys = keys[known][order]
        self._group_words = words[known][order]
        # where each loose key's group starts among the words, for every key: one gather a lookup
        every_key = np.arange((1 << (2 * pinyin.SYLLABLE_BITS)) + 1, dtype=np.uint64)
        self._group_starts = np.searchsorted(self._group_keys, every_key).astype(np.int32)
        return self

    # -- finding -----------------------------------------------------------------

    def find(self, text: str, *, threshold: float | None = None) -> list[TypoHit]:
        """Likely slips in ``text`` with confidence at least ``threshold``, left to right."""
        return self.find_many([text], threshold=threshold)[0]

    def find_many(self, texts: Sequence[str], *, threshold: float | None = None) -> list[list[TypoHit]]:
        """:meth:`find` of each of ``texts``, scanned as one batch (:mod:`~corpusclean.typos.batch`)."""
        return self.find_batch(TextBatch.of(texts), threshold=threshold)

    def find_batch(self, batch: TextBatch, *, threshold: float | None = None) -> list[list[TypoHit]]:
        """:meth:`find_many` of the texts of ``batch`` (which another detector may scan too)."""
        found: list[list[TypoHit]] = [[] for _ in batch.texts]
        threshold = self.threshold if threshold is None else threshold
        f = self._features(batch)
        if f is None:
            return found
        conf = with_prior(confidence(f, self.stats.chars, self.weights), self.prior_odds)
        keep = conf >= threshold
        if not keep.any():
            return found
        f, conf = {k: v[keep] for k, v in f.items()}, conf[keep]
        doc = f.pop("doc")
        f["pos"] = f["pos"] - batch.starts[doc]  # where each span starts in its own text
        for d in distinct(doc).tolist():
            rows = doc == d
            found[d] = self._select(batch.texts[d], {k: v[rows] for k, v in f.items()}, conf[rows])
        return found

    def features(self, text: str) -> dict[str, np.ndarray] | None:
        """Every (span, candidate) pair of ``text`` worth scoring, with its counts.

        ``pos`` is where the span starts, ``cand`` the candidate's bigram code;
        ``a``/``b`` count left+candidate and candidate+right, ``x1``/``x2`` the
        same for the span, ``cy``/``cx`` the candidate and the span alone; all
        counts are over the other documents.
        """
        f = self._features(TextBatch.of([text]))
        if f is not None:
            del f["doc"]
        return f

    def _features(self, batch: TextBatch) -> dict[str, np.ndarray] | None:
        """:meth:`features` of every text of ``batch``: ``pos`` in the joined text, ``doc`` its text."""
        c = batch.codes
        if not len(self._group_keys):
            return None
        bi = batch.ngrams(2)
        i = batch.inside(1, 2)  # the span is c[i], c[i+1]; context c[i-1] and c[i+2], in one text
        han = is_han_table()
        usable = han[c] & ~NUMERAL_TABLE[c]
        i = i[usable[i] & usable[i + 1]]
        lex = lexicon()
        if self.words_only:
            i = i[span_word_set().has(bi[i])]
        else:
            i = i[~proper_word_set().has(bi[i])]
            unlisted = np.zeros(len(c), bool)  # the spans that are no listed word, by position
            unlisted[i] = ~span_word_set().has(bi[i])
        sid = pinyin.syllable_table(l_n=self.l_n, f_h=self.f_h)
        key = (sid[c[i]] << pinyin.SYLLABLE_BITS) | sid[c[i + 1]]
        lo, hi = self._group_starts[key], self._group_starts[key + 1]
        has = hi > lo
        pos, cand = expand(i[has], lo[has], hi[has], self._group_words)
        other = cand != bi[pos]  # a span's own word is in its group: no lookups for it
        pos, cand = pos[other], cand[other]
        # A cheap first cut on counts that still include this document: the candidate
        # must be seen beside the left or the right character somewhere.
        trigrams = self.stats.trigrams
        left_cand = (c[pos - 1] << (2 * CHAR_BITS)) | cand
        cand_right = (cand << CHAR_BITS) | c[pos + 2]
        with_left, with_right = split_as(trigrams.get(np.concatenate([left_cand, cand_right])), pos, pos)
        if not self.words_only:
            # Beside a span that is no listed word, only a Han neighbour is context: the corpus
            # writes 指出， often, which says nothing about 之初 in 成立之初，.
            with_left[unlisted[pos] & ~han[c[pos - 1]]] = 0
            with_right[unlisted[pos] & ~han[c[pos + 2]]] = 0
        keep = np.maximum(with_left, with_right) >= self.min_context
        if not keep.any():
            return None
        counted = batch.counted(self.stats)
        own = counted.any()
        tri = batch.ngrams(3)
        rest2 = OtherCounts(self.stats.bigrams, batch.own_counter(2, counted) if own else None)
        rest3 = OtherCounts(trigrams, batch.own_counter(3, counted) if own else None)
        f = {"pos": pos, "cand": cand, "span": bi[pos], "a": with_left, "b": with_right,
             "qa": left_cand, "qb": cand_right, "doc": batch.doc[pos]}  # fmt: skip
        f = where(f, keep)
        doc = f["doc"]
        f["a"] = rest3.less_own(f.pop("a"), f.pop("qa"), doc)
        f["b"] = rest3.less_own(f.pop("b"), f.pop("qb"), doc)
        f = where(f, np.maximum(f["a"], f["b"]) >= self.min_context)
        # What depends on the span alone is looked up once a span, not once a candidate
        # (the rows are in the order of their spans).
        first, run = runs(f["pos"])
        pos, doc = f["pos"][first], f["doc"][first]
        x1, x2 = rest3(doc, tri[pos - 1], tri[pos])
        f["x1"], f["x2"] = x1[run], x2[run]
        # The other documents must write the candidate beside at least one of the span's
        # neighbours more often than the span itself: a word they use less in both places is
        # no evidence against what is written. Most candidates end here, before the lookups
        # that follow (docs/typos.md, "More often than what is written").
        f = where(f, (f["a"] > f["x1"]) | (f["b"] > f["x2"]))
        (f["cy"],) = rest2(f["doc"], f["cand"])
        f = where(f, f["cy"] >= self.min_suggestion_count)
        # A candidate that is nearly always followed by one character is a fragment of a
        # longer word (总要 of 总要求); unless that character follows here, its counts prove nothing.
        fragment = (f["b"] == 0) & (f["cy"] >= 5)
        fragment[fragment] = dominant_next(trigrams, f["cand"][fragment]) >= 0.9
        f = where(f, ~fragment)
        first, run = runs(f["pos"])
        pos, doc, span = f["pos"][first], f["doc"][first], f["span"][first]
        four = batch.ngrams(4)
        rest4 = OtherCounts(self.stats.fourgrams, batch.own_counter(4, counted) if own else None)
        rest1 = OtherCounts(self.stats.unigrams, batch.own_counter(1, counted) if own else None)
        # Two characters of context: ll+l+span, span+r+rr (0 at the text's edges); the span
        # between both context characters: left+span+right. Two characters on a side exist
        # only for a span with two characters before and after it; elsewhere those counts
        # are 0 and nothing past the text's edges is read.
        local = pos - batch.starts[doc]
        inner = (local >= 2) & (local + 3 < batch.lengths[doc])
        p2 = pos[inner]
        x1_2, x2_2 = np.zeros(len(pos), np.int64), np.zeros(len(pos), np.int64)
        x1_2[inner], x2_2[inner] = rest4(doc[inner], four[p2 - 2], four[p2])
        (cx,) = rest2(doc, span)
        (xab,) = rest4(doc, four[pos - 1])
        ul, ur = rest1(doc, c[pos - 1], c[pos + 2])
        # A span whose first character ends a word on its left, or whose last starts one
        # on its right, may be two halves of two words (系[统合]作, 登[记时]).
        ends, starts = split_as(member(lex.codes, np.concatenate([bi[pos - 1], bi[pos + 1]])), pos, pos)
        fx = lookup(lex.codes, lex.shares, span)
        for name, values in (("cx", cx), ("x1_2", x1_2), ("x2_2", x2_2), ("xab", xab), ("ul", ul), ("ur", ur),
                             ("fx", fx), ("straddle", ends | starts)):  # fmt: skip
            f[name] = values[run]
        # The same with the candidate in the span's place.
        pos, cand, doc, inner = f["pos"], f["cand"], f["doc"], inner[run]
        p2 = pos[inner]
        c1, c2 = cand >> CHAR_BITS, cand & CHAR_MASK
        a2, b2 = rest4(
            doc[inner],
            fourgram_of(c[p2 - 2], c[p2 - 1], c1[inner], c2[inner]),
            fourgram_of(c1[inner], c2[inner], c[p2 + 2], c[p2 + 3]),
        )  # fmt: skip
        for name, counts in (("a2", a2), ("b2", b2)):
            f[name] = np.zeros(len(pos), np.int64)
            f[name][inner] = counts
        (f["ab"],) = rest4(doc, fourgram_of(c[pos - 1], c1, c2, c[pos + 2]))
        f["oy"] = batch.own_counts(2, cand, doc)
        f["fy"] = lookup(lex.codes, lex.shares, cand)
        return f

    def allowed(self, text: str, p: int, suggestion: str, long_words: Container[str]) -> bool:
        """The guards on one hit: not a both-correct pair, not part of a longer word, not two
        halves of two words, few fuzzy steps."""
        span = text[p : p + 2]
        return not (
            both_correct(span, suggestion)
            or overlaps_longer_word(text, p, p + 2, long_words)
            or between_two_words(text, p, is_listed_word)
            or pinyin.fuzzy_steps(span, suggestion) > self.max_fuzzy
        )

    def _select(self, text: str, f: dict[str, np.ndarray], conf: np.ndarray) -> list[TypoHit]:
        """Apply the guards and keep the best non-overlapping hit per span, left to right."""
        long_words = lexicon().long_words
        pos, cand, a, b, x1, x2 = f["pos"], f["cand"], f["a"], f["b"], f["x1"], f["x2"]
        hits: dict[int, TypoHit] = {}
        for k in np.argsort(-conf, kind="stable").tolist():
            p = int(pos[k])
            if p in hits or p - 1 in hits or p + 1 in hits:
                continue
            span = text[p : p + 2]
            code = int(cand[k])
            suggestion = chr(code >> CHAR_BITS) + chr(code & CHAR_MASK)
            if not self.allowed(text, p, suggestion, long_words):
                continue
            if pinyin.loose_key(span, l_n=self.l_n, f_h=self.f_h) != pinyin.loose_key(
                suggestion, l_n=self.l_n, f_h=self.f_h
            ):
                continue  # the span's word-level reading differs (行 in 银行 is hang)
            hits[p] = TypoHit(
                p, p + 2, span, suggestion, round(float(conf[k]), 4),
                (int(a[k]), int(b[k]), int(x1[k]), int(x2[k])),
            )  # fmt: skip
        return [hits[p] for p in sorted(hits)]


@cache
def span_words() -> np.ndarray:
    """The words that may be flagged or suggested: the word list's, less its proper nouns (sorted codes)."""
    lex = lexicon()
    return np.asarray(lex.codes[~member(lex.proper_codes, lex.codes)])


@cache
def proper_word_set() -> PairSet:
    """The word list's proper nouns of two characters as a set of pairs (never flagged, never suggested)."""
    return PairSet.of(lexicon().proper_codes)


@cache
def span_word_set() -> PairSet:
    """:func:`span_words` as a set of pairs: each bigram of a text is looked up without a search."""
    return PairSet.of(span_words())


def with_prior(conf: np.ndarray, odds: float) -> np.ndarray:
    """Probabilities with their odds multiplied by ``odds`` (a change of the prior).

    >>> with_prior(np.array([0.5, 0.9]), 0.1).round(3).tolist()
    [0.091, 0.474]
    """
    return np.asarray(conf * odds / (conf * odds + 1.0 - conf))
