"""Lines of a text with their offsets, and edits that drop whole lines cleanly.

Cleaners that remove whole lines (a credit line, a repeated paragraph) must
also remove the line breaks around them without joining the neighbours or
leaving blank lines behind; this module does that once.

>>> text = "标题\\n\\n正文。\\n\\n责任编辑：张三"
>>> lines = content_lines(text)
>>> [text[ln.lo : ln.hi] for ln in lines]
['标题', '正文。', '责任编辑：张三']
>>> from corpusclean.edits import edit_text
>>> edit_text(text, drop_lines(text, lines, {2: "credit line"}))
'标题\\n\\n正文。'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise
from typing import NamedTuple

from .edits import Edit


class Line(NamedTuple):
    """One line: it starts at ``start``; ``lo``/``hi`` bound its content without the white space."""

    start: int
    lo: int
    hi: int


#: The first character that is not white space (``\\s`` of :mod:`re` is :meth:`str.isspace`).
_NOT_SPACE_RE = re.compile(r"\S")

#: Builds a :class:`Line` from a tuple in C; a text has many lines, and this is the
#: cheapest immutable record with names (``Line(...)`` or a frozen dataclass cost more).
_new_line = tuple.__new__


def content_lines(text: str) -> list[Line]:
    """The lines of ``text`` that hold more than white space, with their offsets.

    A line ends at ``\\n`` only; its content runs from its first to its last
    character that is not white space (:meth:`str.isspace`). Splitting and
    stripping in C costs about a fifth less than a pattern with groups.
    """
    lines = []
    start = 0
    for raw in text.split("\n"):
        content = raw.lstrip()
        if content:
            lo = start + len(raw) - len(content)
            lines.append(_new_line(Line, (start, lo, lo + len(content.rstrip()))))
        start += len(raw) + 1
    return lines


def line_around(text: str, pos: int) -> Line:
    """The line of ``text`` that holds offset ``pos`` (a line break belongs to the line it ends).

    Its content is empty (``lo == hi``) when the line holds only white space.
    Finding one line this way costs the same whatever the length of the text.

    >>> line_around("标题\\n\\n　正文。 ", 6)
    Line(start=4, lo=5, hi=8)
    """
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    if end < 0:
        end = len(text)
    content = text[start:end].lstrip()
    lo = end - len(content)
    return _new_line(Line, (start, lo, lo + len(content.rstrip())))


def first_line(text: str) -> Line | None:
    """The first line of ``text`` with content, or ``None``.

    >>> first_line("\\n 标题\\n正文。")
    Line(start=1, lo=2, hi=4)
    """
    m = _NOT_SPACE_RE.search(text)
    return line_around(text, m.start()) if m else None


def next_line(text: str, line: Line) -> Line | None:
    """The first line with content after ``line``, or ``None``.

    >>> next_line("标题\\n\\n正文。", Line(0, 0, 2))
    Line(start=4, lo=4, hi=7)
    """
    end = text.find("\n", line.hi)
    m = _NOT_SPACE_RE.search(text, end + 1) if end >= 0 else None
    return line_around(text, m.start()) if m else None


def previous_line(text: str, line: Line) -> Line | None:
    """The last line with content before ``line``, or ``None``.

    >>> previous_line("标题\\n\\n正文。", Line(4, 4, 7))
    Line(start=0, lo=0, hi=2)
    """
    start = line.start
    while start > 0:
        before = line_around(text, start - 1)
        if before.lo < before.hi:
            return before
        start = before.start
    return None


def drop_lines(text: str, lines: list[Line], dropped: Mapping[int, str | None]) -> Iterator[Edit]:
    """Edits that remove the content lines ``dropped`` names (index -> reason) and their line breaks.

    Each line's content is removed with its reason (``None``: not a removal,
    e.g. a title moved out of the text); the white space around goes without
    one. A run of dropped lines at the top or bottom takes the blank lines next
    to it; a run in the middle leaves the break that stood before it.
    """
    n = len(lines)
    i = 0
    while i < n:
        if i not in dropped:
            i += 1
            continue
        j = i
        while j + 1 < n and j + 1 in dropped:
            j += 1
        run = lines[i : j + 1]
        before, after = lines[i - 1] if i else None, lines[j + 1] if j + 1 < n else None
        yield from _drop_run(text, run, [dropped[k] for k in range(i, j + 1)], before, after)
        i = j + 1


def drop_lines_at(text: str, dropped: Mapping[Line, str | None]) -> Iterator[Edit]:
    """:func:`drop_lines` for lines found one by one (:func:`line_around`), without a list of all.

    Gives the same edits as :func:`drop_lines` given every content line; only
    the dropped lines and their neighbours are looked at.

    >>> text = "标题\\n\\n正文。\\n\\n责任编辑：张三"
    >>> [e.reason for e in drop_lines_at(text, {line_around(text, 9): "credit line"})]
    [None, 'credit line']
    """
    ordered = sorted(dropped)
    k = 0
    while k < len(ordered):
        run = [ordered[k]]
        after = next_line(text, run[-1])
        while k + 1 < len(ordered) and after == ordered[k + 1]:
            k += 1
            run.append(after)
            after = next_line(text, after)
        yield from _drop_run(text, run, [dropped[line] for line in run], previous_line(text, run[0]), after)
        k += 1


def _drop_run(
    text: str, run: list[Line], reasons: list[str | None], before: Line | None, after: Line | None
) -> Iterator[Edit]:
    """The edits that drop one run of consecutive content lines, given the lines around it (if any)."""
    if before is None:
        start, end = 0, after.start if after else len(text)
    elif after is None:
        start, end = before.hi, len(text)
    else:
        start, end = run[0].start, after.start
    pos = start
    for line, reason in zip(run, reasons, strict=True):
        if line.lo > pos:
            yield Edit(pos, line.lo)
        yield Edit(line.lo, line.hi, reason=reason)
        pos = line.hi
    if end > pos:
        yield Edit(pos, end)


# -- hard-wrapped text ---------------------------------------------------------------------

#: A text is hard-wrapped (from a PDF, or a file of fixed width) when at least WRAP_SHARE of its
#: non-empty lines, and WRAP_MIN_LINES, have one length of WRAP_MIN_WIDTH characters or more
#: (headlines and menu items are shorter); a line within WRAP_SLACK characters of that width was
#: cut by the wrap (a wrap by display width makes a line with half-width characters a few longer).
WRAP_SHARE, WRAP_MIN_LINES, WRAP_MIN_WIDTH, WRAP_SLACK = 0.3, 3, 26, 3
#: What ends a paragraph: a line of the wrap width that ends otherwise (in a clause mark, in the
#: middle of a word) runs on into the next.
PARAGRAPH_END_CHARS = frozenset("。！？!?…”’」』）)》】")


def wrap_width(lengths: Sequence[int]) -> int | None:
    """The width the lines of these ``lengths`` (non-empty, stripped) were hard-wrapped at, or None.

    >>> wrap_width([36, 36, 36, 12, 36, 20]), wrap_width([15, 15, 15, 15]), wrap_width([40, 52, 61])
    (36, None, None)
    """
    need = max(WRAP_MIN_LINES, WRAP_SHARE * len(lengths))
    if len(lengths) < WRAP_MIN_LINES or len(set(lengths)) > len(lengths) - need + 1:
        return None  # too few lines, or too many lengths for one of them to be that common
    width, count = Counter(lengths).most_common(1)[0]
    if width < WRAP_MIN_WIDTH or count < need:
        return None
    return int(width)


def runs_on(line: str, width: int) -> bool:
    """Whether ``line`` (stripped) of a text hard-wrapped at ``width`` goes on in the next line.

    >>> runs_on("不少西方学者已经对相关的问题进行过不同的研究，提出过不同的理论解释了。其", 36)
    True
    >>> runs_on("其中最重要的两种是规范理论和结构理论。", 36)
    False
    """
    return width - WRAP_SLACK <= len(line) <= width + WRAP_SLACK and line[-1] not in PARAGRAPH_END_CHARS


def unwrapped(lines: list[str]) -> list[str]:
    """``lines`` (non-empty, stripped) with a hard-wrapped text's lines joined back into the lines
    its writer wrote.

    Text taken from a PDF or a plain-text file of fixed width breaks every
    line at one width, so its lines end in the middle of sentences and would
    read as a list. When the lines are hard-wrapped
    (:func:`wrap_width`), a line that
    :func:`runs_on` is joined to the next. Other lines come
    back as they are.

    >>> para = (
    ...     "我们知道，还在奥尔森的理论提出之前，不少西方学者已经对相关的问题进行过不同的研究，提出过不同的"
    ...     "理论解释了。其中最重要的两种是规范理论和结构理论，前者强调社会公德与道德约束的作用。"
    ... )
    >>> lines = [para[i : i + 26] for i in range(0, len(para), 26)] + ["一、规范理论"]
    >>> [len(line) for line in lines], unwrapped(lines) == [para, "一、规范理论"]
    ([26, 26, 26, 11, 6], True)
    """
    width = wrap_width([len(line) for line in lines])
    if width is None:
        return lines
    joined: list[str] = []
    run_on = False
    for line in lines:
        if run_on:
            joined[-1] += line
        else:
            joined.append(line)
        run_on = runs_on(line, width)
    return joined


def wrap_breaks(text: str) -> list[tuple[int, int]]:
    """Where a hard wrap broke ``text``'s lines: the spans of each line break it put in, with the
    white space around it. Empty for a text that is not hard-wrapped (:func:`wrap_width`).

    A break is a single line break between two lines of content, after a line that
    :func:`runs_on`; a blank line is always the writer's.

    >>> para = (
    ...     "我们知道，还在奥尔森的理论提出之前，不少西方学者已经对相关的问题进行过不同的研究，提出过不同的"
    ...     "理论解释了。其中最重要的两种是规范理论和结构理论，前者强调社会公德与道德约束的作用。"
    ... )
    >>> text = "\\n".join(para[i : i + 26] for i in range(0, len(para), 26)) + "\\n\\n一、规范理论"
    >>> [(text[a - 1], text[b]) for a, b in wrap_breaks(text)]
    [('经', '对'), ('了', '。'), ('会', '公')]
    """
    if text.count("\n") < WRAP_MIN_LINES - 1:
        return []
    width = wrap_width([len(line) for line in map(str.strip, text.split("\n")) if line])
    if width is None:
        return []
    lines = content_lines(text)
    return [
        (line.hi, after.lo)
        for line, after in pairwise(lines)
        if runs_on(text[line.lo : line.hi], width) and text.count("\n", line.hi, after.lo) == 1
    ]
