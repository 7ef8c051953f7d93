"""What the header finder returns, and the small tests it is built from.

:class:`HeaderPlan` is the result of one pass of
:class:`~corpusclean.headers.finder.HeaderFinder`; the functions here
apply a list of patterns to a stretch of text and judge title lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeAlias

import regex

from ..edits import Edit
from ..layout import Line
from .patterns import SENTENCE_END_RE
from .rules import Pattern

#: Lines that end in one of these close a sentence or a clause, so they are no title.
TITLE_ENDS = "。！？…；;：:，,"


Match: TypeAlias = "re.Match[str] | regex.Match[str]"


@dataclass
class HeaderPlan:
    """What :func:`find_headers` found: the edits to make and the headline for the title.

    ``edited_lines`` are the lines that edits change without dropping them
    (``None`` after splitting a one-line news item): besides the new top and
    bottom, what a second pass over the edited text must look at again
    (:func:`~corpusclean.headers.passes.settled`).
    """

    edits: list[Edit] = field(default_factory=list)
    title: str | None = None
    edited_lines: tuple[Line, ...] | None = None
    #: Whether the text holds Traditional-only characters, so that the finder read it folded to
    #: Simplified (the edited text, which holds no others, then needs folding too).
    folded: bool = False


def match_any(patterns: Iterable[Pattern], text: str, pos: int, end: int) -> Match | None:
    """The first of ``patterns`` to match ``text[pos:end]`` at its start."""
    for p in patterns:
        m = p.match(text, pos, end)
        if m:
            return m
    return None


def fullmatch_any(patterns: Iterable[Pattern], text: str, pos: int, end: int) -> bool:
    """Whether one of ``patterns`` matches all of ``text[pos:end]``."""
    return any(p.fullmatch(text, pos, end) for p in patterns)


def may_be_title(line: str, max_title_chars: int) -> bool:
    """Whether a line's content is short and open enough to be (part of) a title.

    >>> may_be_title("会议在北京召开", 60), may_be_title("会议在北京召开。", 60)
    (True, False)
    """
    return not (len(line) > max_title_chars or line[-1] in TITLE_ENDS or SENTENCE_END_RE.search(line))


def join_title(parts: list[str]) -> str:
    """Join title lines; inner runs of spaces (the U+3000 between two decks) become one space."""
    parts = [" ".join(p.split()) for p in parts]
    title = parts[0]
    for part in parts[1:]:
        latin = title[-1:].isascii() and title[-1:].isalnum() and part[:1].isascii() and part[:1].isalnum()
        title += (" " if latin else "") + part
    return title
