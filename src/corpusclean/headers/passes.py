"""When a second pass of the header finder over its own result cannot find more.

``remove_headers`` runs the finder again on the text it has just cleaned, as
taking furniture off the top can bring more furniture to the top. In most
documents the second pass finds nothing, and :func:`settled` can say so from a
few lines of the cleaned text instead of scanning all of it.

Why the checks suffice, for the default rules (a recipe's extra patterns may
reach across lines, so the second pass then always runs):

- With no photo credit anywhere, the second pass neither cuts credits nor splits
  a one-line news item, and no line ends with a credit (a credit found within a
  line is also found in the whole text).
- Its first line is not a file name, not a credit line and, while the document
  has no title, cannot start a title: so nothing is dropped at the top.
- Its last line is not a credit line: nothing is dropped at the bottom.
- Datelines: a dateline never spans two lines, so whether a line opens with one
  depends on that line alone. The first pass looked for datelines on every line
  it kept (the lines above its body were all dropped), so a line it kept as it
  was opens with none; every line it edited is read again here.

After splitting a one-line news item (headline, caption and dateline in one
line) the second pass always runs.
"""

from __future__ import annotations

from ..layout import first_line, line_around
from ..script_chars import to_simplified
from .patterns import (
    BRACKETED_PHOTO_CREDIT_RE,
    CREDIT_LINE_RE,
    DATELINE_RE,
    FILE_NAME_LINE_RE,
    PHOTO_CREDIT_CHAR,
    PLAIN_PHOTO_CREDIT_RE,
)
from .plan import HeaderPlan, may_be_title
from .rules import HeaderRules


def settled(
    plan: HeaderPlan, after: str, rules: HeaderRules, *, title_open: bool, max_title_chars: int
) -> bool:
    """Whether the finder finds nothing in ``after``, the text ``plan`` made with ``rules``.

    ``title_open``: the document still has no title, so the next pass looks for
    title lines. ``False`` means "run the pass to know", never "it finds more";
    it is always ``False`` for rules other than the defaults.

    >>> from corpusclean.headers import DEFAULT_RULES, find_headers
    >>> from corpusclean.edits import edit_text
    >>> before = "标题\\n\\n会议召开。\\n\\n新华社北京5月31日电 会议在北京召开。\\n\\n他说。"
    >>> plan = find_headers(before)
    >>> settled(plan, edit_text(before, plan.edits), DEFAULT_RULES, title_open=False, max_title_chars=60)
    True
    """
    if not rules.default or plan.edited_lines is None:
        return False
    if plan.folded:
        after = to_simplified(after)  # as the finder reads it
    if PHOTO_CREDIT_CHAR in after and (
        BRACKETED_PHOTO_CREDIT_RE.search(after) or PLAIN_PHOTO_CREDIT_RE.search(after)
    ):
        return False
    first = first_line(after)
    if first is None:
        return True
    top = after[first.lo : first.hi]
    if FILE_NAME_LINE_RE.fullmatch(top) or CREDIT_LINE_RE.fullmatch(top):
        return False
    if title_open and may_be_title(top, max_title_chars):
        return False
    last = line_around(after, len(after.rstrip()) - 1)
    if CREDIT_LINE_RE.fullmatch(after, last.lo, last.hi):
        return False
    for line in plan.edited_lines:
        shift = sum(e.end - e.start - len(e.replacement) for e in plan.edits if e.end <= line.start)
        now = line_around(after, line.start - shift)
        if DATELINE_RE.match(after, now.lo, now.hi):
            return False
    return True
