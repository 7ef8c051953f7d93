"""The pattern lists that recognize furniture, and the one fact of whether they are the defaults.

Several scans are exact only for the default patterns (a faster line-break scan
for datelines, a quick ``摄`` check before looking for photo credits, the check
that a second pass would find nothing). Each reads :attr:`HeaderRules.default`,
which :meth:`HeaderRules.extended` clears as soon as a recipe adds a pattern.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

import regex

from ..patterns import UserPattern, compile_user_pattern
from ..script_chars import to_simplified
from .patterns import (
    BRACKETED_PHOTO_CREDIT_RE,
    CREDIT_LABEL_RE,
    CREDIT_LINE_RE,
    DATELINE_RE,
    FILE_NAME_LINE_RE,
    PHOTO_CREDIT_CHAR,
    PLAIN_PHOTO_CREDIT_RE,
)

#: The default patterns run in :mod:`re` or :mod:`regex`, whichever is faster for each;
#: patterns from a recipe are compiled with :mod:`regex`.
Pattern: TypeAlias = "re.Pattern[str] | regex.Pattern[str] | UserPattern"


#: The default pattern lists, in the order of :class:`HeaderRules`'s fields.
_DEFAULTS: tuple[tuple[Pattern, ...], ...] = (
    (DATELINE_RE,),
    (BRACKETED_PHOTO_CREDIT_RE, PLAIN_PHOTO_CREDIT_RE),
    (CREDIT_LINE_RE,),
    (CREDIT_LABEL_RE,),
    (FILE_NAME_LINE_RE,),
)


@dataclass(frozen=True)
class HeaderRules:
    """The compiled pattern lists that recognize furniture; extend them through a recipe.

    >>> HeaderRules().default, HeaderRules().extended(credits=["供稿[：:].*"]).default
    (True, False)
    """

    datelines: tuple[Pattern, ...] = _DEFAULTS[0]
    photo_credits: tuple[Pattern, ...] = _DEFAULTS[1]
    credit_lines: tuple[Pattern, ...] = _DEFAULTS[2]
    #: Quick checks: without a match of one of these anywhere, no line is a credit line.
    credit_hints: tuple[Pattern, ...] = _DEFAULTS[3]
    file_names: tuple[Pattern, ...] = _DEFAULTS[4]
    #: Whether these are the default patterns, which the faster scans are exact for (read from
    #: the lists themselves, so rules built by hand with other patterns never take those scans).
    default: bool = field(init=False, compare=False)

    def __post_init__(self) -> None:
        lists = (self.datelines, self.photo_credits, self.credit_lines, self.credit_hints, self.file_names)
        object.__setattr__(self, "default", lists == _DEFAULTS)

    @property
    def photo_credit_char(self) -> str:
        """A character every photo credit holds: a text without it is not scanned for them.

        ``摄`` for the default patterns (each ends in it); empty, which every text
        holds, when the patterns are others.
        """
        return PHOTO_CREDIT_CHAR if self.default else ""

    def extended(
        self, *, datelines: Sequence[str] = (), photo_credits: Sequence[str] = (), credits: Sequence[str] = ()
    ) -> HeaderRules:
        """These rules with extra patterns (regular expressions as strings) added."""
        extra_credits = _compile(credits, "extra_credit_patterns")
        return HeaderRules(
            datelines=self.datelines + _compile(datelines, "extra_dateline_patterns"),
            photo_credits=self.photo_credits + _compile(photo_credits, "extra_photo_credit_patterns"),
            credit_lines=self.credit_lines + extra_credits,
            credit_hints=self.credit_hints + extra_credits,
            file_names=self.file_names,
        )


def _compile(patterns: Sequence[str], option: str) -> tuple[UserPattern, ...]:
    """Recipe patterns, each run with a time limit (a catastrophic one cannot hang a run).

    The finder reads a text folded to Simplified, so each pattern is folded too:
    ``責任編輯`` and ``责任编辑`` in a recipe both find either script.
    """
    return tuple(
        compile_user_pattern(to_simplified(p), source=f"remove_headers option {option}[{i}]")
        for i, p in enumerate(patterns)
    )


DEFAULT_RULES = HeaderRules()
