"""Both kinds of slip through one threshold: real-word slips from the corpus, non-words from the reference.

A :class:`TypoChecker` asks two detectors and keeps, for each stretch of text,
the most confident hit (:func:`best_hits`): the corpus detector
(:class:`~corpusclean.typos.detect.TypoDetector`, a word whose sound-alike is far
more common in the same context in the other documents: 出行 for 初心) and the
non-word detector (a string that is no word but reads like a common one: 己划
for 计划), which needs only the shipped reference statistics. Both give a
probability that the suggestion is what was meant, so one threshold serves
both. With a corpus, a non-word hit also needs its correction to be written
in the other documents (:meth:`TypoChecker.attested`), beside the same
neighbour where they use it often (:meth:`TypoChecker.in_context`). The
checker owns the corpus statistics: it counts parts of a corpus, adds them
up, saves and loads them, and hands them to both detectors. The guards of
:func:`guarded` hold for the hits of both.

>>> checker = TypoChecker(nonword=None).fit(["党的初心和使命。"] * 3 + ["人的出行和使命。"])
>>> [(h.text, h.suggestion) for h in checker.find("人的出行和使命。", threshold=0.0)]
[('出行', '初心')]
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Literal, Protocol, TypeVar

import numpy as np

from ..edits import Edit, PositionMap, apply_edits
from ..layout import wrap_breaks
from ..script_chars import detect_script, read_as_simplified, to_traditional
from .arrays import lookup
from .batch import TextBatch
from .detect import DEFAULT_THRESHOLD, MIN_CONTEXT, TypoDetector
from .guards import (
    common_surnames,
    in_byline,
    in_name_shape,
    makes_common_word,
    overlaps_longer_word,
    written_again,
)
from .lexicon import is_listed_word, lexicon, listed_freq
from .ngrams import NgramStats, bigram_codes, string_codes, trigram_codes
from .nonword import NonWordDetector
from .readings import CHAR_BITS


class Hit(Protocol):
    """What a detector finds: a span, the text meant there, a confidence and why."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def suggestion(self) -> str: ...
    @property
    def confidence(self) -> float: ...
    @property
    def reason(self) -> str: ...


H = TypeVar("H", bound=Hit)


class Detector(Protocol):
    """A detector the checker can ask (the non-word one)."""

    def find(self, text: str, *, threshold: float | None = None) -> Sequence[Hit]: ...
    def find_many(
        self, texts: Sequence[str], *, threshold: float | None = None
    ) -> Sequence[Sequence[Hit]]: ...
    def preload(self) -> None: ...


def best_hits(hits: Iterable[H]) -> list[H]:
    """The most confident hits that do not overlap a more confident one, left to right.

    >>> from types import SimpleNamespace as H
    >>> found = [H(start=2, end=4, confidence=0.7), H(start=3, end=5, confidence=0.9)]
    >>> found.append(H(start=5, end=6, confidence=0.8))
    >>> [(h.start, h.end) for h in best_hits(found)]
    [(3, 5), (5, 6)]
    """
    kept: list[H] = []
    for hit in sorted(hits, key=lambda h: (-h.confidence, h.start, h.end)):
        if all(hit.end <= k.start or k.end <= hit.start for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def as_written(written: str, folded: str, hits: list[H]) -> list[H]:
    """The hits found in ``folded`` (``written`` folded to Simplified), in ``written``'s script.

    Each hit's span is given as written (劃, not 划). In a text written mostly in
    Traditional (more Traditional-only than Simplified-only characters in its
    first 2,000: :func:`~corpusclean.script_chars.detect_script`) the
    suggestion is converted to Traditional too, within the word it makes (the
    计 of 计划 is the 計 of 計劃), and so is that word; in a Simplified text
    with a few Traditional characters it stays Simplified. Hits of a
    detector of the caller's that are no dataclasses come back as they are.

    >>> from corpusclean.typos.nonword import NonWordHit
    >>> hit = NonWordHit(7, 8, "己", "计", 0.9, "", word="计划", word_start=7)
    >>> (found,) = as_written("我們要制定工作己劃", "我们要制定工作己划", [hit])
    >>> found.text, found.suggestion, found.word
    ('己', '計', '計劃')
    """
    if written is folded:
        return hits
    traditional = detect_script(written, min_han=1, threshold=0.5) == "traditional"
    out = []
    for hit in hits:
        if not is_dataclass(hit) or isinstance(hit, type):
            out.append(hit)
            continue
        changes = {"text": written[hit.start : hit.end]}
        if traditional:
            changes |= _in_traditional(hit, {f.name for f in fields(hit)})
        out.append(replace(hit, **changes))
    return out


def without_breaks(text: str, breaks: Sequence[tuple[int, int]]) -> str:
    """``text`` without the spans ``breaks`` (a hard wrap's: :func:`~corpusclean.layout.wrap_breaks`).

    >>> without_breaks("计\\n划已经完成", [(1, 2)])
    '计划已经完成'
    """
    return apply_edits(text, [Edit(start, end) for start, end in breaks])[0] if breaks else text


def put_back(text: str, breaks: Sequence[tuple[int, int]]) -> PositionMap:
    """Where each position of :func:`without_breaks` of ``text`` is in ``text``: each break put
    back as an insertion.

    >>> back = put_back("计\\n划已经完成", [(1, 2)])
    >>> back.start(1), back.end(1)
    (2, 1)
    """
    inserted, removed = [], 0
    for start, end in breaks:
        inserted.append(Edit(start - removed, start - removed, text[start:end]))
        removed += end - start
    return PositionMap(inserted)


def across_breaks(hits: list[H], back: PositionMap) -> list[H]:
    """The hits found in :func:`without_breaks` of a text, at their places in the text itself
    (``back``: :func:`put_back`).

    A hit whose span would hold a break is left out (its text is not a span of the
    text as written); so is a hit that is no dataclass (a detector of the caller's)
    and would have to move.

    >>> from corpusclean.typos.nonword import NonWordHit
    >>> hit = NonWordHit(7, 8, "己", "计", 0.9, "", word="计划", word_start=7)
    >>> text = "我们要\\n\\n制定工作己划"
    >>> moved = across_breaks([hit], put_back(text, [(3, 5)]))[0]
    >>> moved.start, moved.end, moved.word_start, text[moved.start : moved.end]
    (9, 10, 9, '己')
    >>> across_breaks([replace(hit, end=9)], put_back("我们要制定工作己\\n划", [(8, 9)]))
    []
    """
    out = []
    for hit in hits:
        start, end = back.start(hit.start), back.end(hit.end)
        if end - start != hit.end - hit.start:  # a break inside the span
            continue
        if start == hit.start:
            out.append(hit)
        elif is_dataclass(hit) and not isinstance(hit, type):
            changes = {"start": start, "end": end}
            word_start = getattr(hit, "word_start", -1)
            if isinstance(word_start, int) and word_start >= 0:
                changes["word_start"] = back.start(word_start)
            out.append(replace(hit, **changes))
    return out


def _in_traditional(hit: Hit, names: set[str]) -> dict[str, str]:
    """A hit's suggestion (and the word it makes, and its reason) in Traditional, where OpenCC keeps
    their length; a reason computed from the suggestion follows it. ``names``: the hit's fields."""
    changes = {"reason": to_traditional(hit.reason)} if "reason" in names else {}
    word, start = str(getattr(hit, "word", "")), int(getattr(hit, "word_start", -1))
    if word and start >= 0:
        converted, at = to_traditional(word), hit.start - start
        if len(converted) == len(word):
            changes |= {"word": converted, "suggestion": converted[at : at + len(hit.suggestion)]}
        return changes
    converted = to_traditional(hit.suggestion)
    return changes | ({"suggestion": converted} if len(converted) == len(hit.suggestion) else {})


def default_nonword() -> Detector:
    """The non-word detector on the shipped reference statistics."""
    return NonWordDetector()


def _without_corpus(nonword: Detector | None) -> Detector | None:
    """A copy of ``nonword`` that scores with the reference alone (``nonword`` when it takes no corpus)."""
    use_corpus = getattr(nonword, "use_corpus", None)
    if nonword is None or use_corpus is None:
        return nonword
    alone = copy.copy(nonword)
    alone.use_corpus(None)  # type: ignore[attr-defined]
    return alone


def guarded(text: str, start: int, end: int) -> bool:
    """The guards on any hit, whichever detector found it.

    Left alone: a span just after a surname that opens no word (a given name),
    a span inside a short parenthesis that closes a paragraph (a byline:
    （记者诸葛仓麟）), a span that is part of a listed word of three or four
    characters as written (an idiom, a set phrase, a name), and a single
    character that makes a common word with a neighbour as written (任 of 负责任:
    责任 is a word, so this is no non-word), or that makes with a neighbour a
    pair the text writes again elsewhere (之 of 为政之要……落实之要: a slip is an
    accident, a repeated pair is meant).

    >>> guarded("对三个人都负责任的决定", 6, 7), guarded("我们要制定工作己划", 7, 8)
    (True, False)
    """
    return (
        in_name_shape(text, start, is_listed_word)
        or in_byline(text, start, end)
        or overlaps_longer_word(text, start, end, lexicon().long_words)
        or (end - start == 1 and (makes_common_word(text, start, listed_freq) or written_again(text, start)))
    )


#: How many uses of a word the other documents must be expected to have (from the word
#: list's frequency and the corpus's size) before they can speak against a correction.
EXPECTED_USES = 10
#: Characters per word token of running Chinese text, roughly: turns a corpus's characters
#: into the word tokens the word list's frequencies are shares of.
CHARS_PER_WORD = 1.5
#: A non-word hit at least this confident stands without :meth:`TypoChecker.in_context`: on the
#: People's Daily text with injected slips, the rule stopped 5 to 11 right flags a seed at or above
#: it, and no false one (``docs/typos.md``).
SURE_WITHOUT_CONTEXT = 0.97
#: How often the other documents must use a suggested two-character word before they can
#: say that it is never written beside the flagged span's neighbours (:meth:`TypoChecker.in_context`).
CONTEXT_USES = 10


class TypoChecker:
    """The corpus detector and the non-word detector, their statistics, one threshold."""

    def __init__(
        self,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        corpus: TypoDetector | None = None,
        nonword: Detector | Literal["reference"] | None = "reference",
    ) -> None:
        self.threshold = threshold
        self.corpus = corpus if corpus is not None else TypoDetector(threshold=threshold)
        self.nonword: Detector | None = default_nonword() if isinstance(nonword, str) else nonword

    def __eq__(self, other: object) -> bool:
        """Checkers with the same threshold, corpus counts and kind of non-word detector flag the same."""
        if not isinstance(other, TypoChecker):
            return NotImplemented
        return (self.threshold, self.corpus, type(self.nonword)) == (
            other.threshold,
            other.corpus,
            type(other.nonword),
        )

    __hash__ = None  # type: ignore[assignment]

    def preload(self) -> None:
        """Read the word list and the reference now, before workers start (forked ones share them)."""
        common_surnames()
        self.corpus.preload()
        if self.nonword is not None:
            self.nonword.preload()

    # -- the corpus statistics ---------------------------------------------------------

    @property
    def stats(self) -> NgramStats:
        """The corpus counts in use (empty until fitted or loaded)."""
        return self.corpus.stats

    def fit(self, texts: Iterable[str]) -> TypoChecker:
        """Count a whole corpus and use its counts."""
        return self.use_counts(self.count(texts))

    def count(self, texts: Iterable[str]) -> NgramStats:
        """The raw counts of one part of the corpus (no text kept), read as :meth:`find_many` reads a text."""
        return self.corpus.count(
            read_as_simplified(without_breaks(text, wrap_breaks(text))) for text in texts
        )

    def merge(self, parts: Sequence[NgramStats]) -> NgramStats:
        """The raw counts of consecutive parts, added up in corpus order."""
        return self.corpus.merge(parts)

    def use_counts(self, counts: NgramStats) -> TypoChecker:
        """Use the raw counts of the whole corpus (n-grams seen once in it are dropped)."""
        self.corpus.use_counts(counts)
        return self._share()

    def save(self, path: str | Path) -> None:
        """Write the corpus statistics to ``path`` (numpy ``.npz``, no pickle)."""
        self.corpus.save(path)

    def load(self, path: str | Path) -> TypoChecker:
        """Use corpus statistics written by :meth:`save`."""
        self.corpus.load(path)
        return self._share()

    def _share(self) -> TypoChecker:
        use_corpus = getattr(self.nonword, "use_corpus", None)
        if use_corpus is not None:
            use_corpus(self.corpus.stats)
        return self

    # -- finding -----------------------------------------------------------------------

    def find(self, text: str, *, threshold: float | None = None) -> list[Hit]:
        """Slips of both kinds in ``text`` at or above ``threshold``, the best per stretch, left to right.

        Unfitted, the corpus detector finds nothing and the non-word detector works
        from the reference alone.
        """
        return self.find_many([text], threshold=threshold)[0]

    def find_many(self, texts: Sequence[str], *, threshold: float | None = None) -> list[list[Hit]]:
        """:meth:`find` of each of ``texts``: both detectors scan them as one batch.

        The guards and the corpus's checks then look at each text's few hits on their own.
        The word list and the reference are Simplified, so a text is read in Simplified,
        every position kept (工作己劃 as 工作己划: :func:`~corpusclean.script_chars.read_as_simplified`);
        its hits are given back in its own script (:func:`as_written`). A text that is
        the whole corpus (:meth:`without_evidence`) is checked with the reference alone.
        A hard-wrapped text (:func:`~corpusclean.layout.wrap_breaks`) is read with its
        lines joined back, so that a word broken by the wrap (群\\n众) is one word; its
        hits are given back at their places in the text (:func:`across_breaks`).
        """
        threshold = self.threshold if threshold is None else threshold
        breaks = [wrap_breaks(text) for text in texts]
        if not any(breaks):
            return self._find_unbroken(texts, threshold)
        found = self._find_unbroken(
            [without_breaks(text, cut) for text, cut in zip(texts, breaks, strict=True)], threshold
        )
        return [
            across_breaks(hits, put_back(text, cut)) if cut else hits
            for text, cut, hits in zip(texts, breaks, found, strict=True)
        ]

    def _find_unbroken(self, texts: Sequence[str], threshold: float) -> list[list[Hit]]:
        """:meth:`find_many` of texts whose lines are as their writer broke them."""
        folded = [read_as_simplified(text) for text in texts]
        alone = self.without_evidence(folded)
        if not alone.any():
            return self._find_folded(texts, folded, threshold)
        found: list[list[Hit]] = [[] for _ in texts]
        unfitted = TypoChecker(threshold=self.threshold, nonword=_without_corpus(self.nonword))
        for checker, rows in ((self, np.flatnonzero(~alone)), (unfitted, np.flatnonzero(alone))):
            picked = rows.tolist()
            hits = checker._find_folded([texts[i] for i in picked], [folded[i] for i in picked], threshold)
            for i, text_hits in zip(picked, hits, strict=True):
                found[i] = text_hits
        return found

    def without_evidence(self, texts: Sequence[str]) -> np.ndarray:
        """Whether each of ``texts`` (read in Simplified) is all the fitted corpus holds: no other
        document to compare it with. All False when nothing is fitted.

        A corpus of one document (a single file, a single book) is the common case. Its
        counts are all the text's own, and those are left out, so against the corpus every
        word of the text would look unwritten: such a text is checked as an unfitted
        checker checks it, with the reference alone.

        >>> checker = TypoChecker(nonword=None).fit(["党的初心和使命。"])
        >>> checker.without_evidence(["党的初心和使命。", "别的文字"]).tolist()
        [True, False]
        """
        alone = np.zeros(len(texts), bool)
        if not self.corpus.fitted:
            return alone
        stats = self.corpus.stats
        # only a text as long as the whole corpus can be all of it: the others are not fingerprinted
        # here (the detectors fingerprint a batch once, for its own counts)
        rows = [i for i, text in enumerate(texts) if len(text) >= stats.chars]
        if rows:
            own = np.where(stats.counted_many([texts[i] for i in rows]), [len(texts[i]) for i in rows], 0)
            alone[rows] = stats.chars - own <= 0
        return alone

    def _find_folded(self, written: Sequence[str], texts: list[str], threshold: float) -> list[list[Hit]]:
        """:meth:`find_many` of ``written``, read in Simplified as ``texts``."""
        batch = TextBatch.of(texts)  # both detectors scan one batch: its n-grams are computed once
        found: list[list[Hit]] = [list(hits) for hits in self.corpus.find_batch(batch, threshold=threshold)]
        if self.nonword is not None:
            find_batch = getattr(self.nonword, "find_batch", None)  # a detector of the caller's has find_many
            more_hits = (
                find_batch(batch, threshold=threshold)
                if find_batch is not None
                else self.nonword.find_many(texts, threshold=threshold)
            )
            for text, hits, more in zip(texts, found, more_hits, strict=True):
                hits += (
                    [h for h in more if self.attested(text, h) and self.in_context(text, h)]
                    if self.corpus.fitted
                    else more
                )
        return [
            as_written(original, text, best_hits(h for h in hits if not guarded(text, h.start, h.end)))
            for original, text, hits in zip(written, texts, found, strict=True)
        ]

    def in_context(self, text: str, hit: Hit) -> bool:
        """Whether the corpus writes the corrected word beside the same neighbour, where it can say.

        A non-word hit suggests a two-character word (计划 for 己划 in 工作己划);
        when the other documents use that word at least :data:`CONTEXT_USES`
        times, they must write it at least once beside the span's left or right
        neighbour (作计划 or 计划。). 记着孩子 is no slip for 记者孩子: a corpus of news
        writes 记者 thousands of times, but never 记者孩. On the People's Daily text
        with injected slips (seeds 55 and 101) this removed about half of the false
        flags on the untouched text for one right flag in twelve (``docs/typos.md``).

        Hits of other lengths, and words the other documents use less, stand; so do
        hits at least :data:`SURE_WITHOUT_CONTEXT` confident, for a missing trigram is
        weaker evidence than that (这里保括未来 is a slip for 包括, though the People's
        Daily never writes 里包括 or 包括未 elsewhere).
        """
        word, start = str(getattr(hit, "word", "")), int(getattr(hit, "word_start", -1))
        if len(word) != 2 or start < 0 or hit.confidence >= SURE_WITHOUT_CONTEXT:
            return True
        stats = self.corpus.stats
        own = stats.counted(text)  # leave the document's own uses out
        # the word bigrams, not every pair as written (as :meth:`attested` asks): beside a word the word
        # list tags a proper noun, trigrams are counted only where the neighbour makes a word, so for
        # such a word the corpus cannot say
        uses = int(stats.bigrams.get(bigram_codes(string_codes(word)))[0]) - (text.count(word) if own else 0)
        if uses < CONTEXT_USES:
            return True
        grams = [
            g for g in (text[start - 1 : start] + word, word + text[start + 2 : start + 3]) if len(g) == 3
        ]
        if not grams:
            return True
        counts = stats.trigrams.get(np.concatenate([trigram_codes(string_codes(g)) for g in grams]))
        if own:
            counts = counts - np.array([text.count(g) for g in grams])
        return bool(counts.max() >= 1)

    def attested(self, text: str, hit: Hit) -> bool:
        """Whether the corpus does not speak against the correction of a one-character hit.

        The corrected character makes, with its left or its right neighbour, a
        two-character word (计 of 己划 makes 计划). Where the word list makes that
        word common enough that the other documents should use it at least
        :data:`EXPECTED_USES` times, they must use it at least
        :data:`~corpusclean.typos.detect.MIN_CONTEXT` times (the evidence the
        corpus detector asks of its suggestions); where they are too few to say,
        the hit stands. Longer hits, and corrections that make no listed word with
        a neighbour, stand too. The uses are those of the pair as written
        (:meth:`~corpusclean.typos.ngrams.NgramStats.pair_counts`): counted around
        listed words, the corpus keeps the words the word list tags as proper
        nouns among its pairs, and jieba tags common words so (城市 a place, 明白 a
        name), which the other documents then seemed never to write.
        """
        if hit.end - hit.start != 1:
            return True
        s = hit.start
        around = (text[s - 1 : s] + hit.suggestion, hit.suggestion + text[s + 1 : s + 2])
        pairs = [p for p in around if len(p) == 2]
        codes = np.array([(ord(p[0]) << CHAR_BITS) | ord(p[1]) for p in pairs], dtype=np.uint64)
        stats, lex = self.corpus.stats, lexicon()
        own = stats.counted(text)  # leave the document's own uses and characters out
        other_chars = stats.chars - (len(text) if own else 0)
        expected = lookup(lex.codes, lex.shares, codes) * other_chars / CHARS_PER_WORD
        if not len(codes) or expected.max() < EXPECTED_USES:
            return True
        counts = stats.pair_counts(codes)
        if own:
            counts = counts - np.array([text.count(p) for p in pairs])
        return int(counts[expected >= EXPECTED_USES].max()) >= MIN_CONTEXT
