"""The header finder: one pass over one text, collecting what ``remove_headers`` removes.

A :class:`HeaderFinder` reads the lines of a text where the patterns of a
:class:`~corpusclean.headers.rules.HeaderRules` say something may be found
(the top, the bottom and the lines where a dateline or credit starts), finding
each line from its offsets rather than splitting the whole text, and returns a
:class:`HeaderPlan`: the edits that remove the file-name line, title lines,
header captions, datelines, photo credits and credit lines, and the headline
for the title.

>>> from corpusclean.headers import find_headers
>>> plan = find_headers("标题\\n\\n新华社北京5月31日电 会议在北京召开。\\n责任编辑：张三")
>>> plan.title, [e.reason for e in plan.edits if e.reason]
('标题', ['news dateline', 'credit line'])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property

import regex

from ..edits import Edit
from ..layout import Line, drop_lines_at, first_line, line_around, next_line, previous_line
from ..script_chars import to_simplified
from .patterns import CAPTION_DATE_RE, DATELINE_BYLINE_RE, DATELINE_RE, LINE_DATELINE_RE, SENTENCE_END_RE
from .plan import HeaderPlan, Match, fullmatch_any, join_title, match_any, may_be_title
from .rules import HeaderRules, Pattern

#: How far into a one-line news item its headline, caption and dateline may run.
MAX_HEADER_CHARS = 400
#: Title lines are at most this many lines at the top of a document.
MAX_TITLE_LINES = 3
_SPACE = " \t\u3000\u00a0"


def _ends_with_credit(rules: HeaderRules, text: str, line: Line) -> regex.Match[str] | None:
    """The photo credit that closes ``line``, if one does."""
    for p in rules.photo_credits:
        for m in p.finditer(text, line.lo, line.hi):
            if m.end() == line.hi:
                return m
    return None


class HeaderFinder:
    """One pass over one text; collects dropped lines and edits inside lines.

    Lines are :class:`~corpusclean.layout.Line` records found on demand: a
    document of many paragraphs has furniture in only a few of them.
    """

    def __init__(self, text: str, rules: HeaderRules, *, has_title: bool, max_title_chars: int) -> None:
        # the patterns read the text folded to Simplified (新華社 as 新华社), which keeps every
        # position; what the finder keeps of it (the title) is read from the text as written
        self.text = to_simplified(text)
        self.written = text
        self.rules = rules
        self.has_title = has_title
        self.max_title_chars = max_title_chars
        self.first: Line | None = None
        self.one_line = False  # a one-line news item was split
        self.dropped: dict[Line, str | None] = {}  # line -> reason (None: moved to title)
        self.inline: list[Edit] = []
        self.edited: dict[Line, None] = {}  # lines that inline edits change, in order
        self.title_parts: list[str] = []

    def content(self, line: Line) -> str:
        return self.written[line.lo : line.hi]

    def next(self, line: Line) -> Line | None:
        """The line with content after ``line``, or ``None`` at the end."""
        return next_line(self.text, line)

    def find(self) -> HeaderPlan:
        # One scan of the whole text for each kind says whether going line by line can find anything.
        text = self.text
        self.first = first_line(text)
        if self.first is None:
            return HeaderPlan()
        has_credit = self.rules.photo_credit_char in text and any(
            p.search(text) for p in self.rules.photo_credits
        )
        # cheapest first: the dateline check stops at the first one, a credit-label search seldom does
        if not (
            has_credit
            or self.first_line_may_go(self.first)
            or self.dateline_may_open_a_line()
            or self.has_credit_label()
        ):
            return HeaderPlan()
        top = self.header_lines(self.first)
        body = (
            self.next(top)
            if top is not None and has_credit and self.has_dateline and self.one_line_news(top)
            else top
        )
        if body is not None:
            if self.rules.default:  # no need to know first whether there is one
                self.datelines(self.lines_opening_with_dateline(body))
            elif self.has_dateline:
                self.datelines(self.lines_with(self.rules.datelines, body, at_start=True))
            if has_credit:
                self.credits(body)
        if top is not None:
            self.footer_lines(top)
        gone = [(line.lo, line.hi) for line in self.dropped]
        inline = [e for e in self.inline if not any(lo <= e.start < hi for lo, hi in gone)]
        edits = inline + list(self.line_edits())
        title = join_title(self.title_parts) if self.title_parts and not self.has_title else None
        folded = self.text is not self.written
        return HeaderPlan(sorted(edits, key=lambda e: e.start), title, self.edited_in_place(), folded)

    @cached_property
    def has_dateline(self) -> bool:
        """Whether a dateline stands anywhere (one scan of the whole text, made when needed)."""
        return any(p.search(self.text) for p in self.rules.datelines)

    def dateline_may_open_a_line(self) -> bool:
        """Whether a dateline opens some line: all a text without photo credits needs to know.

        Without a photo credit no one-line news item is split, and a dateline is
        only removed where it opens a line. For the default rules one scan from
        line break to line break says so, far faster than looking for a dateline
        anywhere (:attr:`has_dateline`).
        """
        if not self.rules.default or self.first is None:
            return self.has_dateline
        return next(self.lines_opening_with_dateline(self.first), None) is not None

    def first_line_may_go(self, first: Line) -> bool:
        """Whether the first line is short (a title, a credit line) or a file name."""
        return first.hi - first.lo <= self.max_title_chars or fullmatch_any(
            self.rules.file_names, self.text, first.lo, first.hi
        )

    def has_credit_label(self) -> bool:
        """Whether a credit label stands anywhere (without one, no line is a credit line)."""
        text = self.text.lstrip()
        return any(p.search(text) for p in self.rules.credit_hints)

    # -- the top --------------------------------------------------------------------

    def header_lines(self, line: Line) -> Line | None:
        """Drop the file-name line, title lines, header captions and credits; return the first body line."""
        text = self.text
        top: Line | None = line
        if fullmatch_any(self.rules.file_names, text, line.lo, line.hi):
            self.dropped[line] = "file-name line"
            top = self.next(line)
        if top is not None and not self.has_title:
            top = self.title_lines(top)
        while top is not None and (after := self.next(top)) is not None:  # never the last line
            if fullmatch_any(self.rules.credit_lines, text, top.lo, top.hi):
                self.dropped[top] = "credit line"
            elif _ends_with_credit(self.rules, text, top) and not match_any(
                self.rules.datelines, text, top.lo, top.hi
            ):
                self.dropped[top] = "photo caption in the header"
            else:
                break
            top = after
        return top

    def title_lines(self, line: Line) -> Line | None:
        """Take up to three short lines at the top, set off by a blank line, as the title."""
        text = self.text
        block = [line]
        after = self.next(line)
        while (
            after is not None
            and len(block) <= MAX_TITLE_LINES
            and text.count("\n", block[-1].hi, after.lo) == 1
        ):
            block.append(after)
            after = self.next(after)
        if len(block) > MAX_TITLE_LINES or after is None:
            return line  # no blank line after a short block, or nothing after it
        for b in block:
            s = self.content(b)
            if (
                not may_be_title(s, self.max_title_chars)
                or match_any(self.rules.datelines, text, b.lo, b.hi)
                or fullmatch_any(self.rules.credit_lines, text, b.lo, b.hi)
            ):
                return line
        for b in block:
            self.dropped[b] = None
            self.title_parts.append(self.content(b))
        return after

    def one_line_news(self, line: Line) -> bool:
        """Headline, photo caption and dateline run together in ``line`` with no break (``001_*``)."""
        text = self.text
        limit = min(line.hi, line.lo + MAX_HEADER_CHARS)
        for p in self.rules.photo_credits:
            for credit in p.finditer(text, line.lo, limit):
                after = credit.end()
                while after < line.hi and text[after] in _SPACE:
                    after += 1
                dateline = match_any(self.rules.datelines, text, after, line.hi)
                if dateline:
                    self.split_one_line(line, credit, dateline)
                    return True
        return False

    def split_one_line(self, line: Line, credit: regex.Match[str], dateline: Match) -> None:
        text = self.text
        self.one_line = True
        date = CAPTION_DATE_RE.search(text, line.lo, credit.start())
        if date:
            caption_start = date.start()
        else:  # the caption is the sentence the credit closes
            ends = [m.end() for m in SENTENCE_END_RE.finditer(text, line.lo, credit.start())]
            if ends and ends[-1] == credit.start():
                ends.pop()
            caption_start = ends[-1] if ends else line.lo
        headline = self.written[line.lo : caption_start].strip(_SPACE)
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
        self.edited[line] = None
        while dateline:
            self.cut_one_dateline(line, dateline)
            dateline = match_any(self.rules.datelines, self.text, self.inline[-1].end, line.hi)

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

    def lines_with(self, patterns: Iterable[Pattern], top: Line, *, at_start: bool) -> list[Line]:
        """The lines from ``top`` on where a pattern matches (at the start with ``at_start``), in order.

        One scan of the whole text per pattern instead of one per line: most lines have nothing.
        """
        text = self.text
        found: dict[int, Line] = {}
        for p in patterns:
            for m in p.finditer(text, top.lo):
                pos = m.start()
                line = line_around(text, pos)
                if line.lo < line.hi and (pos == line.lo if at_start else line.lo <= pos < line.hi):
                    found[line.lo] = line
        return [found[lo] for lo in sorted(found)]

    def lines_opening_with_dateline(self, top: Line) -> Iterator[Line]:
        """The lines from ``top`` on that open with a dateline of the default rules, in order.

        What :meth:`lines_with` finds for :data:`~corpusclean.headers.patterns.DATELINE_RE`, by a
        faster scan (see :data:`~corpusclean.headers.patterns.LINE_DATELINE_RE`).
        """
        text = self.text
        if DATELINE_RE.match(text, top.lo):
            yield top
        for m in LINE_DATELINE_RE.finditer(text, top.lo):
            yield line_around(text, m.start(1))

    def datelines(self, lines: Iterable[Line]) -> None:
        """Remove the datelines that open ``lines`` (a paragraph of only a dateline goes whole)."""
        for line in lines:
            dateline = match_any(self.rules.datelines, self.text, line.lo, line.hi)
            if dateline:
                before = len(self.inline)
                self.cut_dateline(line, dateline)
                if self.inline[-1].end >= line.hi:
                    del self.inline[before:]
                    self.dropped[line] = "news dateline"

    def credits(self, top: Line) -> None:
        """Remove photo credits: any in brackets, others where they close a line."""
        text = self.text
        body_starts = {e.start: e.end for e in self.inline}
        for line in self.lines_with(self.rules.photo_credits, top, at_start=False):
            if line in self.dropped:
                continue
            begin = line.lo
            while begin in body_starts:  # after the dateline and byline cut from this line
                begin = body_starts[begin]
            credits = self.credits_in(begin, line.hi)
            if credits and "".join(m.group() for m in credits) == text[line.lo : line.hi]:
                self.dropped[line] = "photo credit"  # the line is only credits
                continue
            if credits:
                self.edited[line] = None
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

    def footer_lines(self, top: Line) -> None:
        """Drop credit and footer lines (``版式设计：``, ``责任编辑：``) at the end, never the first line."""
        text = self.text
        line: Line | None = line_around(text, len(text.rstrip()) - 1)  # the last line with content
        lowest = max(top.lo, self.first.lo + 1) if self.first else top.lo
        while line is not None and line.lo >= lowest:
            if line not in self.dropped:  # a photo credit line at the end: look above it
                if not fullmatch_any(self.rules.credit_lines, text, line.lo, line.hi):
                    break
                self.dropped[line] = "credit line"
            line = previous_line(text, line)

    # -- edits ----------------------------------------------------------------------

    def edited_in_place(self) -> tuple[Line, ...] | None:
        """The lines that inline edits change and that stay, or ``None`` after splitting a one-line news item.

        An inline edit starts inside its line, so the edits of a dropped line are
        the ones :meth:`find` leaves out.
        """
        if self.one_line:
            return None
        return tuple(line for line in self.edited if line not in self.dropped)

    def line_edits(self) -> Iterable[Edit]:
        """Edits that drop whole lines with the line breaks around them, keeping paragraph breaks."""
        return drop_lines_at(self.text, self.dropped)
