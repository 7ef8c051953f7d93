"""Whole web pages: keep the main text, not the menus, footers and link lists around it."""

from __future__ import annotations

from ..cleaner import Cleaner, Drop
from ..document import Document, Removal
from ..headers.furniture import DEFAULT_FURNITURE_RULES
from ..patterns import WHOLE_PAGE_RE
from ..webpage import extract_page

NO_MAIN_TEXT = "no main text found"


def is_whole_page(text: str) -> bool:
    """Whether ``text`` is a whole page (``<html>``, ``<body>`` or the crawl wrapper), not a fragment.

    >>> is_whole_page("<html><body><p>正文</p></body></html>"), is_whole_page("<p>正文</p>")
    (True, False)
    """
    return "<" in text and WHOLE_PAGE_RE.search(text) is not None


def summarize_dropped(kind: str, texts: list[str]) -> tuple[str, str]:
    """The text and reason of the one removal recorded for all dropped blocks of ``kind``.

    The text is every block in full, one per line: nothing removed is lost,
    however large the page (the review page shows a shortened view).

    >>> summarize_dropped("navigation and link lists", ["首页 新闻", "体育"])
    ('首页 新闻\\n体育', 'navigation and link lists: 2 blocks, 8 characters')
    """
    joined = "\n".join(texts)
    return joined, f"{kind}: {len(texts)} block{'s' if len(texts) != 1 else ''}, {len(joined)} characters"


class ExtractMainText(Cleaner):
    """Keep the main text of whole web pages; drop navigation, footers, link lists and share bars.

    Before: ``"<html><body><div class=nav><a href=/>首页</a></div><p>正文，第一段。</p></body></html>"``;
    after: ``"正文，第一段。"``. The headline goes to ``title``, a date and an
    author to ``metadata``, each kind of dropped block to one ``removed`` entry.
    Only whole pages (``<html>``, ``<body>`` or the legacy crawl wrapper) are
    touched: fragments and plain text are left for ``strip_html``. A page with
    no main text is dropped (``no main text found``). With ``enabled = false``
    in a recipe, whole pages get the plain tag stripping of ``strip_html``.
    """

    name = "extract_main_text"

    def __init__(
        self,
        *,
        enabled: bool = True,
        extra_furniture_patterns: list[str] | None = None,
        replies: bool = False,
    ) -> None:
        #: keep a thread's replies (a blog post's comments) after its first post
        self.replies = replies
        #: furniture lines inside the article (share prompts, credits, floor labels...) and a recipe's own,
        #: each a regular expression for a line at the article's edge
        self.furniture = DEFAULT_FURNITURE_RULES.extended(extra_furniture_patterns or ())
        #: off: every document passes through unchanged (pages then get plain stripping)
        self.enabled = enabled

    def apply(self, doc: Document) -> Document | Drop:
        if not self.enabled or not is_whole_page(doc.text):
            return doc
        found = extract_page(doc.text, self.furniture, replies=self.replies)
        if not found.text:
            return Drop(NO_MAIN_TEXT)
        metadata = dict(doc.metadata)
        if found.date:
            metadata.setdefault("date", found.date)
        if found.author:
            metadata.setdefault("author", found.author)
        removed = [
            Removal(cleaner=self.name, text=text, reason=reason)
            for kind, texts in found.dropped.items()
            for text, reason in [summarize_dropped(kind, texts)]
        ]
        return doc.replace(
            text=found.text,
            title=doc.title or found.title,
            metadata=metadata,
            removed=(*doc.removed, *removed),
            flags=(),  # offsets into the markup mean nothing in the extracted text
        )

    def __repr__(self) -> str:
        return f"ExtractMainText(enabled={self.enabled!r})"
