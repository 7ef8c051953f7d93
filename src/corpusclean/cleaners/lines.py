"""Line and paragraph normalization."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..cleaner import Cleaner
from ..edits import Edit, edit_text, sub_edits
from ..patterns import LINE_BREAK_RUN_RE


def _line_break_replacement(m: regex.Match[str]) -> str:
    if m.start() == 0 or m.end() == len(m.string):
        return ""
    breaks = m.group().replace("\r\n", "\n").replace("\r", "\n").count("\n")
    return "\n" if breaks == 1 else "\n\n"


def line_break_edits(text: str) -> Iterable[Edit]:
    """The edits :func:`normalize_line_breaks` makes."""
    return sub_edits(LINE_BREAK_RUN_RE, _line_break_replacement, text)


def normalize_line_breaks(text: str) -> str:
    """Use ``\\n`` line breaks, drop trailing spaces, fold blank-line runs into one paragraph break.

    Leading and trailing white space of the whole text goes too. Indentation at
    the start of inner lines is left to ``normalize_spaces``.

    >>> normalize_line_breaks("\\n标题  \\r\\n\\r\\n\\r\\n正文。\\r\\n第二行\\n")
    '标题\\n\\n正文。\\n第二行'
    """
    return edit_text(text, line_break_edits(text))


class NormalizeLines(Cleaner):
    """Normalize line breaks: ``\\r\\n`` to ``\\n``, no trailing spaces, one blank line between paragraphs.

    Before: ``"标题  \\r\\n\\r\\n\\r\\n正文。"``; after: ``"标题\\n\\n正文。"``.
    """

    name = "normalize_lines"

    def find_edits(self, text: str) -> Iterable[Edit]:
        return line_break_edits(text)
