"""Furniture inside a web page's article: the lines around and between the text that are no part of it.

Share and reading prompts, reader counters, portal disclaimers, ``原标题：`` lines,
copyright notices, reporter and staff credit lines, picture-source notes,
datelines above the text, forum signatures, floor labels and controls, a
public account's profile and tipping lines, the button rows (收藏 举报), promotions (``【点击投票】``,
calls to follow an account) and tag lines at the edges. Each rule
names its kind (the reason recorded in ``removed``), the longest line it applies
to, and where it applies: kinds that no article sentence could be (``您是本文第
154 个阅览者``, ``沙发``) anywhere in the article, the others only at its edges,
and a dateline only at its top (a letter or a notice may end with a date). A
line with a sentence in it (``，。``) is never a credit, a label or a prompt. The credit lines of
:mod:`corpusclean.headers` (``责任编辑：``, ``来源：``) are among the rules, so
news text and web pages share one vocabulary; a recipe adds its own rules with
:meth:`FurnitureRules.extended`.

>>> furniture_kind("光明日报记者 王建宏 张文攀", at_edge=True)
'reporter credit line'
>>> furniture_kind("记者从会上获悉，声明将于明日发布。", at_edge=True) is None
True
>>> furniture_kind("（責任編輯：黃帥）", at_edge=True)
'credit line'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..patterns import UserPattern, compile_user_pattern
from ..script_chars import to_simplified
from .patterns import (
    ACCOUNT_LINE_RE,
    AD_LABEL_RE,
    ARTICLE_ACTION_RE,
    AUTHOR_SOURCE_LINE_RE,
    CREDIT_LINE_RE,
    DATE_LINE_RE,
    DISCLAIMER_RE,
    FLOOR_LABEL_RE,
    FORUM_CONTROL_RE,
    IMAGE_SOURCE_RE,
    ORIGINAL_TITLE_RE,
    PROMOTION_RE,
    READER_COUNTER_RE,
    REPORTER_CREDIT_RE,
    RIGHTS_NOTICE_RE,
    SHARE_PROMPT_RE,
    SIGNATURE_RE,
    STAFF_CREDIT_RE,
    TAG_LINE_RE,
)
from .rules import Pattern

#: Sentence punctuation: a line with it reads as text, and only kinds that say so take such lines.
_SENTENCE_MARKS = "，。；！？"


@dataclass(frozen=True)
class LineRule:
    """One kind of furniture line: its reason, its pattern (searched in the line), where it applies."""

    reason: str
    pattern: Pattern
    #: the longest line the rule applies to, in characters
    max_chars: int
    #: ``True``: anywhere in the article (and between forum posts); ``False``: only at its edges
    anywhere: bool = False
    #: whether a line with sentence punctuation can be of this kind (a disclaimer is a sentence)
    sentences: bool = False
    #: ``True``: only at the article's top edge (a letter or notice may end with its date)
    top_only: bool = False


CREDIT = "credit line"  # as remove_headers records it
DATELINE = "bylines and datelines above the article"
#: The kind that marks where a forum post or a blog comment begins.
FLOOR_LABEL = "forum floor labels and post headers"

DEFAULT_FURNITURE = (
    LineRule("share and reading prompts", SHARE_PROMPT_RE, 40, anywhere=True),
    LineRule("reader counters", READER_COUNTER_RE, 60, anywhere=True),
    LineRule("advertisement labels", AD_LABEL_RE, 20, anywhere=True),
    LineRule("forum controls", FORUM_CONTROL_RE, 60, anywhere=True),
    LineRule("account profile and tipping lines", ACCOUNT_LINE_RE, 40, anywhere=True),
    LineRule(FLOOR_LABEL, FLOOR_LABEL_RE, 80, anywhere=True),
    LineRule("forum signature", SIGNATURE_RE, 120, anywhere=True, sentences=True),
    LineRule("portal disclaimer", DISCLAIMER_RE, 240, sentences=True),
    LineRule("original title line", ORIGINAL_TITLE_RE, 80, sentences=True),
    LineRule("copyright notice", RIGHTS_NOTICE_RE, 160, sentences=True),
    LineRule("article action buttons", ARTICLE_ACTION_RE, 30),
    LineRule("promotions and account calls", PROMOTION_RE, 120, sentences=True),
    LineRule("tag and keyword lines", TAG_LINE_RE, 60),
    LineRule("reporter credit line", REPORTER_CREDIT_RE, 40),
    LineRule(CREDIT, CREDIT_LINE_RE, 60),
    LineRule(CREDIT, STAFF_CREDIT_RE, 40),
    LineRule(CREDIT, IMAGE_SOURCE_RE, 30),
    LineRule(DATELINE, DATE_LINE_RE, 50, top_only=True),
    LineRule(DATELINE, AUTHOR_SOURCE_LINE_RE, 20, top_only=True),
)


@dataclass(frozen=True)
class FurnitureRules:
    """The furniture line rules, in the order they are tried; extend them through a recipe."""

    rules: tuple[LineRule, ...] = DEFAULT_FURNITURE

    def extended(self, patterns: Sequence[str]) -> FurnitureRules:
        """These rules and a rule for each pattern (a line at an article's edge that it matches)."""
        extra = tuple(
            LineRule("furniture line (recipe pattern)", _compile(p, i), 200, sentences=True)
            for i, p in enumerate(patterns)
        )
        return FurnitureRules(self.rules + extra)

    def kind(self, line: str, *, at_edge: bool, at_top: bool = False) -> str | None:
        """The kind of furniture ``line`` is (its reason), or ``None`` for article text;
        ``at_top``: the line is in the run at the article's top edge. A Traditional line is read
        folded to Simplified (來源 as 来源), as the patterns are written."""
        line = to_simplified(line.strip())
        sentence = any(mark in line for mark in _SENTENCE_MARKS)
        for rule in self.rules:
            if (
                (at_edge or rule.anywhere)
                and (at_top or not rule.top_only)
                and len(line) <= rule.max_chars
                and (rule.sentences or not sentence)
                and rule.pattern.search(line)
            ):
                return rule.reason
        return None


def _compile(pattern: str, i: int) -> UserPattern:
    # folded as the lines it reads are: a recipe may write its pattern in either script
    return compile_user_pattern(
        to_simplified(pattern), source=f"extract_main_text option extra_furniture_patterns[{i}]"
    )


DEFAULT_FURNITURE_RULES = FurnitureRules()


def furniture_kind(
    line: str, *, at_edge: bool, at_top: bool = False, rules: FurnitureRules = DEFAULT_FURNITURE_RULES
) -> str | None:
    """The kind of furniture ``line`` is, at an article's edge (its top edge) or inside it, or ``None``."""
    return rules.kind(line, at_edge=at_edge, at_top=at_top)
