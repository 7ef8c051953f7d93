"""Line and paragraph normalization."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..cleaner import Cleaner
from ..edits import Edit, sub_edits
from ..patterns import LINE_BREAK_RUN_RE, LINE_END_SPACE_RE
from ..protected import edit_unprotected


def _line_break_replacement(m: regex.Match[str]) -> str:
    if m.start() == 0 or m.end() == len(m.string):
        return ""
    breaks = m.group().replace("\r\n", "\n").replace("\r", "\n").count("\n")
    return "\n" if breaks == 1 else "\n\n"


def has_tidy_lines(text: str) -> bool:
    """Whether :func:`normalize_line_breaks` would leave ``text`` as it is (a quick check).

    True when the text neither starts nor ends with white space and holds no
    ``\\r``, no line ending in white space and no three line breaks in a row:
    then every run of line breaks is a ``\\n`` or a ``\\n\\n`` that stays. False
    only means that the full scan has to look.

    >>> has_tidy_lines("标题\\n\\n正文。\\n第二行"), has_tidy_lines("标题 \\n正文")
    (True, False)
    """
    return not (
        text[:1].isspace()
        or text[-1:].isspace()
        or "\r" in text
        or "\n\n\n" in text
        or LINE_END_SPACE_RE.search(text)
    )


def line_break_edits(text: str) -> Iterable[Edit]:
    """The edits :func:`normalize_line_breaks` makes."""
    if has_tidy_lines(text):  # most text: one quick scan instead of a callback per paragraph
        return ()
    return sub_edits(LINE_BREAK_RUN_RE, _line_break_replacement, text)


def normalize_line_breaks(text: str) -> str:
    """Use ``\\n`` line breaks, drop trailing spaces, fold blank-line runs into one paragraph break.

    Leading and trailing white space of the whole text goes too. Indentation at
    the start of inner lines is left to ``normalize_spaces``. A fenced code
    block keeps its lines as they are.

    >>> normalize_line_breaks("\\n标题  \\r\\n\\r\\n\\r\\n正文。\\r\\n第二行\\n")
    '标题\\n\\n正文。\\n第二行'
    """
    return edit_unprotected(text, line_break_edits(text))


class NormalizeLines(Cleaner):
    """Normalize line breaks: ``\\r\\n`` to ``\\n``, no trailing spaces, one blank line between paragraphs.

    Before: ``"标题  \\r\\n\\r\\n\\r\\n正文。"``; after: ``"标题\\n\\n正文。"``.
    """

    name = "normalize_lines"
    keeps_tokens = True

    def find_edits(self, text: str) -> Iterable[Edit]:
        return line_break_edits(text)
