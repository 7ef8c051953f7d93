"""The quality rules: which signal, which side of which threshold, under which name.

A rule fires when every one of its conditions holds; a document is dropped
by the first rule that fires, and the drop names that rule and the values
that made it fire (``few_han: han_share=0.12 < 0.3``).

The thresholds start from FineWeb-2's Mandarin (``cmn_Hani``) settings and
Gopher's, carried over from words to characters, and from the Chinese web
pipelines (ChineseWebText's 30% of Chinese characters); each default says
where it comes from and what changed (``docs/quality.md`` has the table and
the evaluation behind it).

>>> failures({"han_chars": 8, "han_share": 0.9}, Thresholds())[0].reason
'too_short: han_chars=8 < 20'
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields

#: The comparisons a condition may use.
_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    ">": operator.gt,
    ">=": operator.ge,
}


@dataclass(frozen=True)
class Thresholds:
    """Every threshold of :data:`RULES`, with its default (see each field's comment)."""

    # Length and script: ChineseWebText and MNBVC drop fragments and text with little Chinese.
    min_han_chars: int = 20  # a five-character quatrain has 20 Han characters
    min_han_share: float = 0.3  # ChineseWebText's "at least 30% Chinese characters"
    # Mis-decoded text.
    max_broken_share: float = 0.01  # private-use and U+FFFD: one in a hundred characters
    max_latin1_share: float = 0.1  # GBK read as Latin-1 (real text: 0 to 0.01)
    max_gbk_mojibake_share: float = 0.5  # UTF-8 read as GBK (real text: at most 0.2 measured)
    # Repetition, Gopher's line and paragraph thresholds.
    max_dup_line_share: float = 0.5  # Gopher 0.3, FineWeb-2 0.287: lists repeat short items (同上)
    max_dup_line_char_share: float = 0.2
    max_dup_paragraph_share: float = 0.3
    max_dup_paragraph_char_share: float = 0.2
    # Repetition over character n-grams: FineWeb-2 cmn's word values 0.256 / 0.201 / 0.171 for
    # the top 2/3/4-gram, the 4-gram raised to 0.2; its duplicated 5- to 10-gram values
    # (0.198 down to 0.127) raised for characters (news repeats names and set phrases).
    max_top_2gram_share: float = 0.25
    max_top_3gram_share: float = 0.2
    max_top_4gram_share: float = 0.2
    max_dup_8gram_share: float = 0.5
    max_dup_13gram_share: float = 0.35  # ChineseWebText drops 13-grams repeated over 50%
    # Disorder: shuffled characters, shuffled words and their punctuation.
    min_fluency: float = 0.45
    max_misplaced_punct_share: float = 0.1
    # Clauses opened by a particle (的, 了, 吗, ...) that opens no word: not one in 1,949 People's
    # Daily documents, nor in 35,000 customer reviews more than once; words in random order
    # put one at the head of about one clause in twenty.
    max_particle_starts: int = 1
    max_particle_start_share: float = 0.015
    # Lines that are not prose (FineWeb-2 cmn: at least 0.106 of lines ending in punctuation).
    max_link_list_share: float = 0.5
    # Ads give contact details line after line (代开发票 ... 电话138..., QQ...); written text gives
    # them on a line of a notice at most (no People's Daily document, no five reviews, over 0.1).
    max_contact_line_share: float = 0.5
    min_punct_end_line_share: float = 0.2  # with stop characters below min_stop_char_share
    # ... and less than this of the text in lines that end a sentence: an official notice's numbered
    # items and a law's table of contents end no sentence, its articles do (menus: at most 0.18 measured)
    min_sentence_char_share: float = 0.3
    min_stop_char_share: float = 0.1
    min_verse_line_share: float = 0.75  # no_prose spares verse: this share of 5- or 7-character lines
    long_line: float = 50.0  # mean line length from which unpunctuated lines are not a list
    min_lines: int = 3  # unfinished_lines judges documents of at least this many lines
    # Non-text.
    max_digit_share: float = 0.4
    max_symbol_share: float = 0.2
    max_emoji_share: float = 0.1


@dataclass(frozen=True)
class Condition:
    """``signal op thresholds.<threshold>``."""

    signal: str
    op: str
    threshold: str

    def holds(self, signals: Mapping[str, float], thresholds: Thresholds) -> bool:
        return _OPERATORS[self.op](signals[self.signal], getattr(thresholds, self.threshold))

    def describe(self, signals: Mapping[str, float], thresholds: Thresholds) -> str:
        value = signals[self.signal]
        return f"{self.signal}={_number(value)} {self.op} {_number(getattr(thresholds, self.threshold))}"


@dataclass(frozen=True)
class Rule:
    """A named rule: it fires when all of its conditions hold."""

    name: str
    conditions: tuple[Condition, ...]
    doc: str

    def fires(self, signals: Mapping[str, float], thresholds: Thresholds) -> bool:
        return all(c.holds(signals, thresholds) for c in self.conditions)

    def reason(self, signals: Mapping[str, float], thresholds: Thresholds) -> str:
        return f"{self.name}: " + ", ".join(c.describe(signals, thresholds) for c in self.conditions)


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _rule(name: str, doc: str, *conditions: tuple[str, str, str]) -> Rule:
    return Rule(name, tuple(Condition(*c) for c in conditions), doc)


#: The rules in the order they are tried: cheap, certain ones first.
RULES: tuple[Rule, ...] = (
    _rule("too_short", "fewer Han characters than a short poem", ("han_chars", "<", "min_han_chars")),
    _rule("few_han", "too little of the text is Chinese", ("han_share", "<", "min_han_share")),
    _rule("broken_chars", "private-use characters or U+FFFD", ("broken_share", ">", "max_broken_share")),
    _rule("latin1_mojibake", "GBK bytes read as Latin-1", ("latin1_share", ">", "max_latin1_share")),
    _rule("gbk_mojibake", "UTF-8 bytes read as GBK", ("gbk_mojibake_share", ">", "max_gbk_mojibake_share")),
    _rule("dup_lines", "lines repeated", ("dup_line_share", ">", "max_dup_line_share")),
    _rule(
        "dup_line_chars", "text in repeated lines", ("dup_line_char_share", ">", "max_dup_line_char_share")
    ),
    _rule("dup_paragraphs", "paragraphs repeated", ("dup_paragraph_share", ">", "max_dup_paragraph_share")),
    _rule(
        "dup_paragraph_chars",
        "text in repeated paragraphs",
        ("dup_paragraph_char_share", ">", "max_dup_paragraph_char_share"),
    ),
    _rule("top_2gram", "one 2-gram fills the text", ("top_2gram_share", ">", "max_top_2gram_share")),
    _rule("top_3gram", "one 3-gram fills the text", ("top_3gram_share", ">", "max_top_3gram_share")),
    _rule("top_4gram", "one 4-gram fills the text", ("top_4gram_share", ">", "max_top_4gram_share")),
    _rule("dup_8grams", "phrases repeated", ("dup_8gram_share", ">", "max_dup_8gram_share")),
    _rule("dup_13grams", "clauses repeated", ("dup_13gram_share", ">", "max_dup_13gram_share")),
    _rule("low_fluency", "characters in an order Chinese does not write", ("fluency", "<", "min_fluency")),
    _rule(
        "misplaced_punct",
        "punctuation where no sentence puts it (shuffled words)",
        ("misplaced_punct_share", ">", "max_misplaced_punct_share"),
    ),
    _rule(
        "particle_starts",
        "clauses opened by a particle (的, 了, 吗): words out of order",
        ("particle_starts", ">", "max_particle_starts"),
        ("particle_start_share", ">", "max_particle_start_share"),
    ),
    _rule(
        "link_list", "mostly links, navigation or list items", ("link_list_share", ">", "max_link_list_share")
    ),
    _rule(
        "contact_lines",
        "contact details (phone, QQ, WeChat, e-mail) on most lines: advertising",
        ("contact_line_share", ">", "max_contact_line_share"),
        ("lines", ">=", "min_lines"),
    ),
    _rule(
        "no_prose",
        "lines that do not end like sentences and few function characters: a list, not prose (nor verse)",
        ("punct_end_line_share", "<", "min_punct_end_line_share"),
        ("stop_char_share", "<", "min_stop_char_share"),
        ("verse_line_share", "<", "min_verse_line_share"),
        ("sentence_char_share", "<", "min_sentence_char_share"),
    ),
    _rule(
        "unfinished_lines",
        "long lines that do not end like sentences (shuffled or cut text)",
        ("punct_end_line_share", "<", "min_punct_end_line_share"),
        ("mean_line_length", ">", "long_line"),
        ("lines", ">=", "min_lines"),
    ),
    _rule("digits", "mostly digits: a table of numbers", ("digit_share", ">", "max_digit_share")),
    _rule("symbols", "mostly symbols", ("symbol_share", ">", "max_symbol_share")),
    _rule("emoji", "mostly emoji", ("emoji_share", ">", "max_emoji_share")),
)

#: The signals some rule reads.
RULE_SIGNALS: frozenset[str] = frozenset(c.signal for r in RULES for c in r.conditions)


@dataclass(frozen=True)
class Failure:
    """A rule that fired on a document, and why."""

    rule: str
    reason: str


def failures(signals: Mapping[str, float], thresholds: Thresholds, *, first: bool = False) -> list[Failure]:
    """The rules that fire on ``signals``, in :data:`RULES` order (only the first with ``first``).

    A rule whose signals are missing from ``signals`` does not fire.
    """
    found = []
    for rule in RULES:
        if all(c.signal in signals for c in rule.conditions) and rule.fires(signals, thresholds):
            found.append(Failure(rule.name, rule.reason(signals, thresholds)))
            if first:
                break
    return found


def threshold_names() -> tuple[str, ...]:
    """The names of every threshold, as :class:`Thresholds` declares them."""
    return tuple(f.name for f in fields(Thresholds))


__all__ = [
    "RULES",
    "RULE_SIGNALS",
    "Condition",
    "Failure",
    "Rule",
    "Thresholds",
    "failures",
    "threshold_names",
]
