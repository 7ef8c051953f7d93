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
``extra_credit_patterns``). The work is done by :mod:`corpusclean.headers`;
this module applies it to documents.
"""

from __future__ import annotations

from ..cleaner import Cleaner
from ..document import Document
from ..headers import DEFAULT_RULES, HeaderPlan, HeaderRules, find_headers, remove_headers
from ..headers.passes import settled


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
            if settled(
                plan, doc.text, self.rules, title_open=doc.title is None, max_title_chars=self.max_title_chars
            ):
                break  # what a second pass would read shows it cannot find more
        return doc


__all__ = ["DEFAULT_RULES", "HeaderPlan", "HeaderRules", "RemoveHeaders", "find_headers", "remove_headers"]
