"""Typo flagging: input-method slips of both kinds, and a user's confusion list.

``flag_typos`` flags two kinds of slip through one threshold
(:class:`~corpusclean.typos.check.TypoChecker`): a string that is no word but
reads like a common one (己划 for 计划), from the reference statistics shipped
with the library, so a single page is checked; and a word whose loose-pinyin
neighbour is far more common in the same context in the *other* documents of
the corpus (出行 for 初心), from counts of the corpus made in a fit pass.
``flag_known_typos`` applies a list the user wrote. Both flag by default;
an option applies the suggestions, and each replacement goes into ``removed``.

>>> from corpusclean.document import Document
>>> page = Document(id="p", text="我们要制定工作己划。")
>>> [(f.text, f.suggestion) for f in FlagTypos()(page).flags]  # no corpus: the reference alone
[('己', '计')]
>>> docs = [Document(id=str(i), text="党的初心和使命。") for i in range(3)]
>>> docs.append(Document(id="x", text="人的出行和使命。"))
>>> cleaner = FlagTypos(threshold=0.0, nonwords=False)  # four sentences are weak evidence
>>> cleaner.fit(docs)
>>> [(f.text, f.suggestion) for f in cleaner(docs[-1]).flags]
[('出行', '初心')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ..cleaner import Cleaner, Drop
from ..document import Document, Edit, Flag
from ..script_chars import to_simplified
from ..typos.check import TypoChecker
from ..typos.detect import DEFAULT_THRESHOLD, TypoDetector
from ..typos.ngrams import MAX_NGRAMS, NgramStats
from ..typos.nonword import NonWordDetector
from ..typos.rules import Confusion, ConfusionList, TermMatcher, load_rules, load_terms

Found = tuple[int, int, str, float, str]
"""A typo found: ``(start, end, suggestion, confidence, reason)``."""


def _finish(
    cleaner: Cleaner, doc: Document, found: list[Found], fix_above: float | None, never: TermMatcher
) -> Document:
    """Flag each typo found outside the ``never`` terms; replace those at or above ``fix_above``."""
    spans = never.covers(doc.text) if found else []
    flags, edits = [], []
    for start, end, suggestion, conf, reason in found:
        if any(s < end and start < e for s, e in spans):
            continue
        if fix_above is not None and conf >= fix_above:
            edits.append(Edit(start, end, suggestion, reason=f"typo fixed to {suggestion!r}: {reason}"))
        else:
            flags.append(
                Flag(
                    kind="typo",
                    start=start,
                    end=end,
                    text=doc.text[start:end],
                    suggestion=suggestion,
                    confidence=conf,
                    cleaner=cleaner.name,
                    reason=reason,
                )
            )
    return doc.add_flags(flags).edit(edits, cleaner=cleaner.name)


class FlagTypos(Cleaner):
    """Flag input-method slips: a non-word that reads like a common word, or a sound-alike word.

    A word is flagged when its sound-alike is far more common in the same context in the other documents.

    Before: ``党人的出行和使命`` in a corpus that writes ``初心和使命`` elsewhere; after: the same
    text with a ``typo`` flag on ``出行`` suggesting ``初心`` (nothing edited unless ``fix_above``).
    """

    name = "flag_typos"

    def __init__(
        self,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        fix_above: float | None = None,
        stats_path: str | None = None,
        never_flag: list[str] | None = None,
        never_flag_path: str | None = None,
        l_n: bool = False,
        f_h: bool = False,
        max_ngrams: int = MAX_NGRAMS,
        nonwords: bool = True,
        words_only: bool = False,
    ) -> None:
        # One threshold for both kinds of slip: see docs/typos.md for what it gives on news
        # text, on the csc-dev sentences and on web pages.
        # The default max_ngrams bounds the counts to 72 MB, which the n-grams of 1 GB of
        # news text do not reach (docs/typos.md). words_only counts only the n-grams around
        # listed words and checks listed words only: faster, fewer slips found.
        self.threshold = threshold
        self.fix_above = fix_above
        self.changes_text = fix_above is not None
        self.checker = TypoChecker(
            threshold=threshold,
            corpus=TypoDetector(
                threshold=threshold, l_n=l_n, f_h=f_h, max_ngrams=max_ngrams, words_only=words_only
            ),
            nonword=NonWordDetector(threshold=threshold, l_n=l_n, f_h=f_h) if nonwords else None,
        )
        terms = list(never_flag or [])
        if never_flag_path is not None:
            terms += load_terms(never_flag_path)
        self._never = TermMatcher(terms, fold=to_simplified)  # a term covers either script
        self._loaded = False
        if stats_path is not None:
            self.load_stats(stats_path)

    @property
    def needs_fit(self) -> bool:  # type: ignore[override]
        """A fit pass is wanted unless statistics were loaded (unfitted, the reference alone serves)."""
        return not self._loaded

    @classmethod
    def fits_in_parts(cls) -> bool:
        """Always: the counts of parts add up (``needs_fit`` is an instance property here)."""
        return True

    def preload(self) -> None:
        """Read the word list (a third of a second) before workers start: forked ones share it."""
        self.checker.preload()

    # The detector owns its statistics; the cleaner only hands it the texts.

    def fit_partial(self, docs: Iterable[Document]) -> NgramStats:
        """The raw n-gram counts and document fingerprints of one part of the corpus (no text)."""
        return self.checker.count(doc.text for doc in docs)

    def merge_states(self, states: list[NgramStats]) -> NgramStats:
        """The counts of consecutive parts added up; n-grams seen once are kept until :meth:`set_state`."""
        return self.checker.merge(states)

    def set_state(self, state: NgramStats) -> None:
        """Use the counts of the whole corpus (n-grams seen once in it are dropped)."""
        self.checker.use_counts(state)

    def save_stats(self, path: str | Path) -> None:
        """Write the fitted statistics to ``path``, to clean another corpus later."""
        self.checker.save(path)

    def load_stats(self, path: str | Path) -> None:
        """Use statistics saved by :meth:`save_stats` (fitted on this or a larger reference corpus)."""
        self.checker.load(path)
        self._loaded = True

    def apply_many(self, docs: Sequence[Document]) -> list[Document | Drop]:
        """Flag a batch of documents: the detectors scan their texts as one (numpy's cost per call, once)."""
        hits = self.checker.find_many([doc.text for doc in docs])
        return [
            _finish(self, doc, [(h.start, h.end, h.suggestion, h.confidence, h.reason) for h in found],
                    self.fix_above, self._never)
            for doc, found in zip(docs, hits, strict=True)
        ]  # fmt: skip


class FlagKnownTypos(Cleaner):
    """Flag the typos of a user's confusion list (TSV or TOML), skipping never-flag terms.

    Before: ``党人的出行和使命`` with the rule ``出行和使命 → 初心和使命``; after: the same text
    with a ``typo`` flag on ``出行`` suggesting ``初心`` (or the fix, with ``fix=True``).
    """

    name = "flag_known_typos"

    def __init__(
        self,
        *,
        path: str | None = None,
        confusions: dict[str, str] | None = None,
        never_flag: list[str] | None = None,
        fix: bool = False,
    ) -> None:
        rules = [Confusion(wrong, right) for wrong, right in (confusions or {}).items()]
        terms = list(never_flag or [])
        if path is not None:
            listed, listed_never = load_rules(path)
            rules += listed
            terms += listed_never
        self.fix = fix
        self.changes_text = fix
        self._rules = ConfusionList(rules)
        self._never = TermMatcher(terms, fold=to_simplified)  # a term covers either script

    def apply(self, doc: Document) -> Document | Drop:
        found = [
            (m.start, m.end, m.suggestion, 1.0, f"listed confusion {m.rule.wrong!r} → {m.rule.right!r}")
            for m in self._rules.find(doc.text)
        ]
        return _finish(self, doc, found, 1.0 if self.fix else None, self._never)
