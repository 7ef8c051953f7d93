"""The header finder: one pass over one text, collecting what ``remove_headers`` removes.

A :class:`HeaderFinder` reads a text line by line where the patterns of a
:class:`~corpusclean.cleaners.headers.HeaderRules` say something may be found,
and returns a :class:`HeaderPlan`: the edits that remove the file-name line,
title lines, header captions, datelines, photo credits and credit lines, and
the headline for the title.

>>> from corpusclean.cleaners.headers import find_headers
>>> plan = find_headers("标题\\n\\n新华社北京5月31日电 会议在北京召开。\\n责任编辑：张三")
>>> plan.title, [e.reason for e in plan.edits if e.reason]
('标题', ['news dateline', 'credit line'])
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias

import regex

from ..edits import Edit
from ..layout import Line, content_lines, drop_lines
from ..patterns import CAPTION_DATE_RE, DATELINE_BYLINE_RE, SENTENCE_END_RE, UserPattern

if TYPE_CHECKING:
    from .headers import HeaderRules

#: How far into a one-line news item its headline, caption and dateline may run.
MAX_HEADER_CHARS = 400
#: Title lines are at most this many lines at the top of a document.
MAX_TITLE_LINES = 3
_TITLE_ENDS = "。！？…；;：:，,"
_SPACE = " \t\u3000\u00a0"


#: The default patterns run in :mod:`re` or :mod:`regex`, whichever is faster for each;
#: patterns from a recipe are compiled with :mod:`regex`.
Pattern: TypeAlias = "re.Pattern[str] | regex.Pattern[str] | UserPattern"
Match: TypeAlias = "re.Match[str] | regex.Match[str]"


@dataclass
class HeaderPlan:
    """What :func:`find_headers` found: the edits to make and the headline for the title."""

    edits: list[Edit] = field(default_factory=list)
    title: str | None = None


def _match_any(patterns: Iterable[Pattern], text: str, pos: int, end: int) -> Match | None:
    for p in patterns:
        m = p.match(text, pos, end)
        if m:
            return m
    return None


def _fullmatch_any(patterns: Iterable[Pattern], text: str, pos: int, end: int) -> bool:
    return any(p.fullmatch(text, pos, end) for p in patterns)


def _ends_with_credit(rules: HeaderRules, text: str, line: Line) -> regex.Match[str] | None:
    """The photo credit that closes ``line``, if one does."""
    for p in rules.photo_credits:
        for m in p.finditer(text, line.lo, line.hi):
            if m.end() == line.hi:
                return m
    return None


def _join_title(parts: list[str]) -> str:
    """Join title lines; inner runs of spaces (the U+3000 between two decks) become one space."""
    parts = [" ".join(p.split()) for p in parts]
    title = parts[0]
    for part in parts[1:]:
        latin = title[-1:].isascii() and title[-1:].isalnum() and part[:1].isascii() and part[:1].isalnum()
        title += (" " if latin else "") + part
    return title


class HeaderFinder:
    """One pass over one text; collects dropped lines and edits inside lines."""

    def __init__(self, text: str, rules: HeaderRules, *, has_title: bool, max_title_chars: int) -> None:
        self.text = text
        self.rules = rules
        self.has_title = has_title
        self.max_title_chars = max_title_chars
        self.lines: list[Line] = []
        self.los: list[int] = []  # where the content of each line starts, for bisecting
        self.dropped: dict[int, str | None] = {}  # content-line index -> reason (None: moved to title)
        self.inline: list[Edit] = []
        self.title_parts: list[str] = []

    def content(self, i: int) -> str:
        return self.text[self.lines[i].lo : self.lines[i].hi]

    def find(self) -> HeaderPlan:
        # One scan of the whole text for each kind says whether going line by line can find anything.
        text = self.text
        has_credit = any(p.search(text) for p in self.rules.photo_credits)
        has_dateline = any(p.search(text) for p in self.rules.datelines)
        if not (has_credit or has_dateline or self.may_have_lines_to_drop()):
            return HeaderPlan()
        self.lines = content_lines(text)
        if not self.lines:
            return HeaderPlan()
        self.los = [ln.lo for ln in self.lines]
        top = self.header_lines(0)
        body = (
            top + 1
            if top < len(self.lines) and has_credit and has_dateline and self.one_line_news(top)
            else top
        )
        if body < len(self.lines):
            if has_dateline:
                self.datelines(body)
            if has_credit:
                self.credits(body)
        self.footer_lines(top)
        gone = [(self.lines[k].lo, self.lines[k].hi) for k in self.dropped]
        inline = [e for e in self.inline if not any(lo <= e.start < hi for lo, hi in gone)]
        edits = inline + list(self.line_edits())
        title = _join_title(self.title_parts) if self.title_parts and not self.has_title else None
        return HeaderPlan(sorted(edits, key=lambda e: e.start), title)

    def may_have_lines_to_drop(self) -> bool:
        """Whether the first line is short or a file name, or a credit label stands anywhere."""
        text = self.text.lstrip()
        first = text[: text.find("\n")] if "\n" in text else text
        return (
            len(first.rstrip()) <= self.max_title_chars
            or any(p.fullmatch(first.rstrip()) for p in self.rules.file_names)
            or any(p.search(text) for p in self.rules.credit_hints)
        )

    # -- the top --------------------------------------------------------------------

    def header_lines(self, i: int) -> int:
        """Drop the file-name line, title lines, header captions and credits; return the first body line."""
        text, lines, n = self.text, self.lines, len(self.lines)
        if _fullmatch_any(self.rules.file_names, text, lines[i].lo, lines[i].hi):
            self.dropped[i] = "file-name line"
            i += 1
        if i < n and not self.has_title:
            i = self.title_lines(i)
        while i < n - 1:
            line = lines[i]
            if _fullmatch_any(self.rules.credit_lines, text, line.lo, line.hi):
                self.dropped[i] = "credit line"
            elif _ends_with_credit(self.rules, text, line) and not _match_any(
                self.rules.datelines, text, line.lo, line.hi
            ):
                self.dropped[i] = "photo caption in the header"
            else:
                break
            i += 1
        return i

    def title_lines(self, i: int) -> int:
        """Take up to three short lines at the top, set off by a blank line, as the title."""
        text, lines = self.text, self.lines
        block = [i]
        while (
            block[-1] + 1 < len(lines)
            and len(block) <= MAX_TITLE_LINES
            and text.count("\n", lines[block[-1]].hi, lines[block[-1] + 1].lo) == 1
        ):
            block.append(block[-1] + 1)
        if len(block) > MAX_TITLE_LINES or block[-1] + 1 >= len(lines):
            return i  # no blank line after a short block, or nothing after it
        for j in block:
            s = self.content(j)
            if (
                len(s) > self.max_title_chars
                or s[-1] in _TITLE_ENDS
                or SENTENCE_END_RE.search(s)
                or _match_any(self.rules.datelines, text, lines[j].lo, lines[j].hi)
                or _fullmatch_any(self.rules.credit_lines, text, lines[j].lo, lines[j].hi)
            ):
                return i
        for j in block:
            self.dropped[j] = None
            self.title_parts.append(self.content(j))
        return block[-1] + 1

    def one_line_news(self, i: int) -> bool:
        """Headline, photo caption and dateline run together in line ``i`` with no break (``001_*``)."""
        text, line = self.text, self.lines[i]
        limit = min(line.hi, line.lo + MAX_HEADER_CHARS)
        for p in self.rules.photo_credits:
            for credit in p.finditer(text, line.lo, limit):
                after = credit.end()
                while after < line.hi and text[after] in _SPACE:
                    after += 1
                dateline = _match_any(self.rules.datelines, text, after, line.hi)
                if dateline:
                    self.split_one_line(line, credit, dateline)
                    return True
        return False

    def split_one_line(self, line: Line, credit: regex.Match[str], dateline: Match) -> None:
        text = self.text
        date = CAPTION_DATE_RE.search(text, line.lo, credit.start())
        if date:
            caption_start = date.start()
        else:  # the caption is the sentence the credit closes
            ends = [m.end() for m in SENTENCE_END_RE.finditer(text, line.lo, credit.start())]
            if ends and ends[-1] == credit.start():
                ends.pop()
            caption_start = ends[-1] if ends else line.lo
        headline = text[line.lo : caption_start].strip(_SPACE)
        if headline:
            self.title_parts.append(headline)
            reason = "headline (the document already has a title)" if self.has_title else None
            self.inline.append(Edit(line.lo, caption_start, reason=reason))
        self.inline.append(Edit(caption_start, credit.end(), reason="photo caption in the header"))
        if dateline.start() > credit.end():
            self.inline.append(Edit(credit.end(), dateline.start()))
        self.cut_dateline(line, dateline)

    def cut_dateline(self, line: Line, dateline: Match | None) -> None:
        """Remove datelines, their bylines and the spaces after them from the start of ``line``'s body."""
        while dateline:
            self.cut_one_dateline(line, dateline)
            dateline = _match_any(self.rules.datelines, self.text, self.inline[-1].end, line.hi)

    def cut_one_dateline(self, line: Line, dateline: Match) -> None:
        text = self.text
        self.inline.append(Edit(dateline.start(), dateline.end(), reason="news dateline"))
        pos = dateline.end()
        byline = DATELINE_BYLINE_RE.match(text, pos, line.hi)
        if byline:
            lead = len(byline.group()) - len(byline.group().lstrip(_SPACE))
            if lead:
                self.inline.append(Edit(pos, pos + lead))
            self.inline.append(Edit(pos + lead, byline.end(), reason="byline"))
            pos = byline.end()
        rest = pos
        while rest < line.hi and text[rest] in _SPACE:
            rest += 1
        if rest > pos:
            self.inline.append(Edit(pos, rest))

    # -- the body -------------------------------------------------------------------

    def lines_with(self, patterns: Iterable[Pattern], top: int, *, at_start: bool) -> list[int]:
        """Indices of the lines from ``top`` on where a pattern matches (at the start with ``at_start``).

        One scan of the whole text per pattern instead of one per line: most lines have nothing.
        """
        los = self.los
        found = set()
        for p in patterns:
            for m in p.finditer(self.text, self.lines[top].lo):
                i = bisect_right(los, m.start()) - 1
                if i >= top and (m.start() == los[i] if at_start else m.start() < self.lines[i].hi):
                    found.add(i)
        return sorted(found)

    def datelines(self, top: int) -> None:
        """Remove the datelines that open paragraphs (a paragraph of only a dateline goes whole)."""
        for i in self.lines_with(self.rules.datelines, top, at_start=True):
            line = self.lines[i]
            dateline = _match_any(self.rules.datelines, self.text, line.lo, line.hi)
            if dateline:
                before = len(self.inline)
                self.cut_dateline(line, dateline)
                if self.inline[-1].end >= line.hi:
                    del self.inline[before:]
                    self.dropped[i] = "news dateline"

    def credits(self, top: int) -> None:
        """Remove photo credits: any in brackets, others where they close a line."""
        text = self.text
        body_starts = {e.start: e.end for e in self.inline}
        for i in self.lines_with(self.rules.photo_credits, top, at_start=False):
            line = self.lines[i]
            if i in self.dropped:
                continue
            begin = line.lo
            while begin in body_starts:  # after the dateline and byline cut from this line
                begin = body_starts[begin]
            credits = self.credits_in(begin, line.hi)
            if credits and "".join(m.group() for m in credits) == text[line.lo : line.hi]:
                self.dropped[i] = "photo credit"  # the line is only credits
                continue
            for credit in credits:
                start = credit.start()
                while start > begin and text[start - 1] in _SPACE:
                    start -= 1
                if start < credit.start():
                    self.inline.append(Edit(start, credit.start()))
                self.inline.append(Edit(credit.start(), credit.end(), reason="photo credit"))
                begin = credit.end()

    def credits_in(self, start: int, end: int) -> list[regex.Match[str]]:
        """Photo credits in ``text[start:end]``: any in brackets, others only where they close the line."""
        found: list[regex.Match[str]] = []
        for p in self.rules.photo_credits:
            for m in p.finditer(self.text, start, end):
                if m.group()[0] in "（(" or m.end() == end:
                    found.append(m)
        found.sort(key=lambda m: (m.start(), -m.end()))
        kept: list[regex.Match[str]] = []
        for m in found:
            if not kept or m.start() >= kept[-1].end():
                kept.append(m)
        return kept

    # -- the bottom -----------------------------------------------------------------

    def footer_lines(self, top: int) -> None:
        """Drop credit and footer lines (``版式设计：``, ``责任编辑：``) at the end."""
        for i in range(len(self.lines) - 1, max(top, 1) - 1, -1):
            if i in self.dropped:  # a photo credit line at the end: look above it
                continue
            line = self.lines[i]
            if not _fullmatch_any(self.rules.credit_lines, self.text, line.lo, line.hi):
                break
            self.dropped[i] = "credit line"

    # -- edits ----------------------------------------------------------------------

    def line_edits(self) -> Iterable[Edit]:
        """Edits that drop whole lines with the line breaks around them, keeping paragraph breaks."""
        return drop_lines(self.text, self.lines, self.dropped)
