"""Find and remove the furniture of one text: :func:`find_headers` makes one pass,
:func:`remove_headers` repeats it until nothing more is found.
"""

from __future__ import annotations

from ..edits import edit_text
from .finder import HeaderFinder
from .plan import HeaderPlan
from .rules import DEFAULT_RULES, HeaderRules


def find_headers(
    text: str,
    rules: HeaderRules = DEFAULT_RULES,
    *,
    has_title: bool = False,
    max_title_chars: int = 60,
) -> HeaderPlan:
    """The edits that remove the furniture of ``text``, and the headline found.

    With ``has_title`` the document already has a title: title lines stay in the
    text and a run-together headline is removed with its reason instead.
    """
    return HeaderFinder(text, rules, has_title=has_title, max_title_chars=max_title_chars).find()


def remove_headers(text: str, rules: HeaderRules = DEFAULT_RULES) -> str:
    """Remove file-name lines, titles, datelines, header captions and credit lines from ``text``.

    The title and what was removed are dropped; use the ``remove_headers`` cleaner
    to keep them in ``doc.title`` and ``doc.removed``.

    >>> remove_headers("新华社北京１２月３１日电　（记者 张三）今天，北京下雪了。\\n责任编辑：李四")
    '今天，北京下雪了。'
    >>> remove_headers("他说，新华社记者昨天到了现场。")
    '他说，新华社记者昨天到了现场。'
    """
    while edits := find_headers(text, rules).edits:  # every pass shortens the text
        text = edit_text(text, edits)
    return text
