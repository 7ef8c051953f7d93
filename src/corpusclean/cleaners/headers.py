"""Header and footer removal: file-name lines, datelines, photo captions, credits, headlines.

News and document text carries furniture around the body: the file name a
document was saved under, the ``新华社北京5月31日电`` dateline, photo captions
closed by ``新华社记者鞠鹏摄``, ``责任编辑：`` lines. The body is what a corpus
wants; the furniture goes into ``doc.removed`` with its reason, and a headline
moves to ``doc.title``.

Only furniture in its place is removed: a dateline at the start of a paragraph
(or right after a photo caption in a one-line news item), captions in the
header, credit lines at the very top or bottom. A body sentence that merely
mentions 新华社 or 记者 stays. The pattern lists are data that a recipe can
extend (``extra_dateline_patterns``, ``extra_photo_credit_patterns``,
``extra_credit_patterns``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ..cleaner import Cleaner
from ..document import Document
from ..edits import edit_text
from ..patterns import (
    BRACKETED_PHOTO_CREDIT_RE,
    CREDIT_LABEL_RE,
    CREDIT_LINE_RE,
    DATELINE_RE,
    FILE_NAME_LINE_RE,
    PHOTO_CREDIT_CHAR,
    PLAIN_PHOTO_CREDIT_RE,
    UserPattern,
    compile_user_pattern,
)
from .header_finder import HeaderFinder
from .header_passes import settled
from .header_plan import HeaderPlan, Pattern

_PHOTO_CREDITS: tuple[Pattern, ...] = (BRACKETED_PHOTO_CREDIT_RE, PLAIN_PHOTO_CREDIT_RE)


@dataclass(frozen=True)
class HeaderRules:
    """The compiled pattern lists that recognize furniture; extend them through a recipe."""

    datelines: tuple[Pattern, ...] = (DATELINE_RE,)
    photo_credits: tuple[Pattern, ...] = _PHOTO_CREDITS
    credit_lines: tuple[Pattern, ...] = (CREDIT_LINE_RE,)
    #: Quick checks: without a match of one of these anywhere, no line is a credit line.
    credit_hints: tuple[Pattern, ...] = (CREDIT_LABEL_RE,)
    file_names: tuple[regex.Pattern[str], ...] = (FILE_NAME_LINE_RE,)

    @property
    def photo_credit_char(self) -> str:
        """A character every photo credit holds: a text without it is not scanned for them.

        ``摄`` for the default patterns (each ends in it); empty, which every text
        holds, when the patterns are others.
        """
        return PHOTO_CREDIT_CHAR if self.photo_credits == _PHOTO_CREDITS else ""

    def extended(
        self, *, datelines: Sequence[str] = (), photo_credits: Sequence[str] = (), credits: Sequence[str] = ()
    ) -> HeaderRules:
        """These rules with extra patterns (regular expressions as strings) added."""
        extra_credits = _compile(credits, "extra_credit_patterns")
        return HeaderRules(
            datelines=self.datelines + _compile(datelines, "extra_dateline_patterns"),
            photo_credits=self.photo_credits + _compile(photo_credits, "extra_photo_credit_patterns"),
            credit_lines=self.credit_lines + extra_credits,
            file_names=self.file_names,
            credit_hints=self.credit_hints + extra_credits,
        )


def _compile(patterns: Sequence[str], option: str) -> tuple[UserPattern, ...]:
    """Recipe patterns, each run with a time limit (a catastrophic one cannot hang a run)."""
    return tuple(
        compile_user_pattern(p, source=f"remove_headers option {option}[{i}]") for i, p in enumerate(patterns)
    )


DEFAULT_RULES = HeaderRules()


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


class RemoveHeaders(Cleaner):
    """Remove news and document furniture: file-name line, datelines, header captions, credit lines.

    Before: ``"标题\\n\\n新华社北京5月31日电 会议在北京召开。\\n责任编辑：张三"``;
    after: ``"会议在北京召开。"`` with ``title="标题"``.
    """

    name = "remove_headers"

    def __init__(
        self,
        *,
        extra_dateline_patterns: list[str] | None = None,
        extra_photo_credit_patterns: list[str] | None = None,
        extra_credit_patterns: list[str] | None = None,
        max_title_chars: int = 60,
    ) -> None:
        self.rules = DEFAULT_RULES.extended(
            datelines=extra_dateline_patterns or (),
            photo_credits=extra_photo_credit_patterns or (),
            credits=extra_credit_patterns or (),
        )
        self.max_title_chars = max_title_chars

    def apply(self, doc: Document) -> Document:
        while True:  # a removal can bring more furniture to the top; each pass shortens the text
            plan = find_headers(
                doc.text, self.rules, has_title=doc.title is not None, max_title_chars=self.max_title_chars
            )
            if not plan.edits:
                break
            doc = doc.edit(plan.edits, cleaner=self.name)
            if plan.title is not None:
                doc = doc.replace(title=plan.title)
            if self.rules == DEFAULT_RULES and settled(
                plan, doc.text, title_open=doc.title is None, max_title_chars=self.max_title_chars
            ):
                break  # what a second pass would read shows it cannot find more
        return doc


__all__ = ["DEFAULT_RULES", "HeaderPlan", "HeaderRules", "RemoveHeaders", "find_headers", "remove_headers"]
