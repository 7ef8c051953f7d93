"""HTML stripping that keeps paragraphs, indents and every character of the text.

The text is rebuilt from the parsed tree (beautifulsoup4 with lxml) instead of
``get_text(strip=True)``, which would strip the U+3000 indents and run the
paragraphs together. Block elements become line or paragraph breaks, inline
elements join without spaces (Chinese has none), entities are decoded. The
contents of ``script``, ``style``, ``noscript``, ``template``, comments and the
page head go into ``removed``; the page ``<title>`` becomes the document title
when it has none. Tag names and attributes are markup and are not recorded,
except attribute values with Chinese in them (``alt`` and ``title`` texts, or
running text that a broken quote turned into an attribute), which go into
``removed`` so that no Chinese disappears unseen.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex
from bs4 import BeautifulSoup
from bs4.element import (
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Tag,
)

from ..cleaner import Cleaner, Drop
from ..document import Document, Removal
from ..edits import Edit, edit_text, sub_edits
from ..errors import RecipeError
from ..patterns import HAN_CHAR_RE, HAN_RUN_RE, HTML_ENTITY_RE, HTML_TAG_RE

#: Elements whose contents are not running text, with the reason recorded for them.
DROPPED_ELEMENTS = {
    "script": "HTML script",
    "style": "HTML style sheet",
    "noscript": "HTML noscript fallback",
    "template": "HTML template",
    "head": "HTML page head",
}
#: Elements that stand as paragraphs: a blank line before and after.
PARAGRAPH_ELEMENTS = frozenset(
    {
        *("p", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote", "pre", "address"),
        *("table", "ul", "ol", "dl", "figure", "form", "fieldset"),
        *("section", "article", "header", "footer", "aside", "nav", "main"),
    }
)
#: Elements that stand on their own line.
LINE_ELEMENTS = frozenset(
    {
        *("div", "br", "li", "tr", "dt", "dd", "figcaption", "caption"),
        *("option", "legend", "summary", "details", "center", "title"),
    }
)
#: Table cells: a space between neighbouring cells.
CELL_ELEMENTS = frozenset({"td", "th"})
#: Elements whose white space is kept as it is.
PREFORMATTED_ELEMENTS = frozenset({"pre", "textarea", "listing", "plaintext"})

#: White space that HTML collapses to one space (U+3000 and NBSP are not among it).
_COLLAPSIBLE_RE = regex.compile(r"[ \t\n\r\f]+")
#: The breaks and collapsible spaces between two blocks.
_BLOCK_GAP_RE = regex.compile(r"[ \t]*(?:\n[ \t]*)+")
#: A ``<`` that does not open a tag, a comment or a doctype (``a<b，则``).
_STRAY_LT_RE = regex.compile("<(?!" + HTML_TAG_RE.pattern.removeprefix("<") + ")")

#: How the text inside an element is read: running text, preformatted, or page head.
_TEXT, _PRE, _HEAD = "text", "pre", "head"
#: How many line breaks an element puts around itself.
_LINE, _PARAGRAPH = 1, 2


def looks_like_html(text: str) -> bool:
    """Whether ``text`` has a tag, a comment or a doctype; ``a<b`` and ``x < y`` do not count.

    >>> looks_like_html("若a<b，则x < y"), looks_like_html("<p>正文</p>")
    (False, True)
    """
    return "<" in text and HTML_TAG_RE.search(text) is not None


def _escape_stray_lt(text: str) -> str:
    """Escape each ``<`` that does not start a tag, so the parser keeps it as text."""
    return str(_STRAY_LT_RE.sub("&lt;", text))


@dataclass
class HtmlText:
    """The text of an HTML document, the page title, and what was taken out (text, reason)."""

    text: str
    title: str | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)


class _TextBuilder:
    """Walks the tree in document order, collecting text and the breaks between blocks."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.pending = 0  # line breaks owed before the next text (the largest gap wins)
        self.title_parts: list[str] = []
        self.removed: list[tuple[str, str]] = []

    def drop(self, text: str, reason: str) -> None:
        if text.strip():
            self.removed.append((text, reason))

    def gap(self, breaks: int) -> None:
        self.pending = max(self.pending, breaks)

    def add(self, text: str) -> None:
        if not text.strip(" "):
            if not self.pending and text:
                self.pieces.append(" ")  # collapsible space between two inline runs
            return
        if self.pending and self.pieces:
            self.pieces.append("\n" * self.pending)
        self.pending = 0
        self.pieces.append(text)

    def walk(self, root: Tag) -> None:
        # (node, mode); an int in the stack is the gap to leave when a block ends
        stack: list[tuple[PageElement | int, str]] = [(root, _TEXT)]
        while stack:
            node, mode = stack.pop()
            if isinstance(node, int):
                self.gap(node)
            elif isinstance(node, Tag):
                self._open(node, mode, stack)
            elif isinstance(node, Comment):  # lxml reads CDATA sections as comments too
                self.drop(str(node), "HTML comment")
            elif isinstance(node, (Doctype, Declaration, ProcessingInstruction)):
                continue
            elif isinstance(node, NavigableString):
                if mode == _HEAD:
                    self.drop(str(node), DROPPED_ELEMENTS["head"])
                else:
                    self.add(str(node) if mode == _PRE else _COLLAPSIBLE_RE.sub(" ", node))

    def _open(self, tag: Tag, mode: str, stack: list[tuple[PageElement | int, str]]) -> None:
        name = tag.name
        for value in tag.attrs.values():  # alt and title texts, or text a broken quote swallowed
            value = " ".join(value) if isinstance(value, list) else value
            if HAN_CHAR_RE.search(value):
                self.drop(value, "HTML attribute value")
        if name == "title" and mode == _HEAD:
            self.title_parts.append(tag.get_text())
            return
        if name in DROPPED_ELEMENTS and name != "head":
            self.drop(_all_text(tag), DROPPED_ELEMENTS[name])
            return
        if name in CELL_ELEMENTS:
            self.add(" ")
        breaks = _PARAGRAPH if name in PARAGRAPH_ELEMENTS else _LINE if name in LINE_ELEMENTS else 0
        if breaks:
            self.gap(breaks)
            stack.append((breaks, mode))
        inner = _HEAD if name == "head" else _PRE if name in PREFORMATTED_ELEMENTS and mode == _TEXT else mode
        stack.extend((child, inner) for child in reversed(tag.contents))


def _all_text(tag: Tag) -> str:
    """Every string inside ``tag``, scripts and style sheets included (``get_text`` skips them)."""
    return "".join(
        str(s)
        for s in tag.descendants
        if isinstance(s, NavigableString) and not isinstance(s, (Doctype, Declaration, ProcessingInstruction))
    )


def _join_blocks(m: regex.Match[str]) -> str:
    return "\n\n" if m.group().count("\n") > 1 else "\n"


def html_to_text(markup: str) -> HtmlText:
    """Parse ``markup`` and rebuild its text with paragraphs, indents and entities decoded.

    >>> r = html_to_text("<p>　　正文&nbsp;一<b>段</b>。</p><script>x()</script><p>二</p>")
    >>> r.text, r.removed
    ('　　正文\\xa0一段。\\n\\n二', [('x()', 'HTML script')])
    """
    soup = BeautifulSoup(_escape_stray_lt(markup), "lxml")
    builder = _TextBuilder()
    builder.walk(soup)
    text = _BLOCK_GAP_RE.sub(_join_blocks, "".join(builder.pieces)).strip(" \t\n")
    title = _COLLAPSIBLE_RE.sub(" ", "".join(builder.title_parts)).strip() or None
    found = [text, title or "", *(t for t, _ in builder.removed)]
    if sum(_han_count(part) for part in found) < _han_count(markup):
        # Broken markup (a quote left open) can make the parser swallow running text.
        builder.removed.append((markup, UNREADABLE_MARKUP))
    return HtmlText(text, title, builder.removed)


#: The reason recorded with the whole input when the parser lost Chinese text from it.
UNREADABLE_MARKUP = (
    "markup the HTML parser could not read whole (some of its text is missing from the output)"
)


def _han_count(text: str) -> int:
    return sum(map(len, HAN_RUN_RE.findall(text)))


def entity_edits(text: str) -> Iterator[Edit]:
    """The edits :func:`decode_entities` makes."""
    return sub_edits(HTML_ENTITY_RE, lambda m: html.unescape(m.group()), text)


def decode_entities(text: str) -> str:
    """Decode character references (``&nbsp;``, ``&#12288;``); unknown ones stay.

    >>> decode_entities("AT&T 中&#x6587;&nbsp;&bogus;")
    'AT&T 中文\\xa0&bogus;'
    """
    return edit_text(text, entity_edits(text))


def strip_html(text: str) -> str:
    """The text of ``text`` without markup; text without markup only has its entities decoded.

    >>> strip_html("<div><span style='x'>　　第一段。</span></div><div>&nbsp;</div><div>第二段</div>")
    '　　第一段。\\n\\xa0\\n第二段'
    >>> strip_html("若a<b，则x < y")
    '若a<b，则x < y'
    """
    if looks_like_html(text):
        return html_to_text(text).text
    return decode_entities(text) if "&" in text else text


class StripHtml(Cleaner):
    """Strip HTML markup, keeping paragraphs and indents; scripts, styles and comments go to ``removed``.

    Before: ``"<div>　　正文<b>一</b>段。</div><div>&nbsp;</div>"``; after: ``"　　正文一段。\\n\\xa0"``.
    It rebuilds the text, so it must run before any cleaner that flags spans
    (a document that already has flags raises an error instead of losing them).
    A document without tags skips the parser: only its entities are decoded.
    """

    name = "strip_html"

    def apply(self, doc: Document) -> Document | Drop:
        text = doc.text
        if "&" not in text and "<" not in text:
            return doc
        if not looks_like_html(text):
            return doc.edit(entity_edits(text), cleaner=self.name)
        if doc.flags:
            raise RecipeError(
                f"document {doc.id!r} has flags, which strip_html cannot keep since it rebuilds "
                "the text; put strip_html before the cleaners that flag in the pipeline or recipe"
            )
        parsed = html_to_text(text)
        removed = [Removal(cleaner=self.name, text=t, reason=r) for t, r in parsed.removed]
        title = doc.title
        if parsed.title and title is None:
            title = parsed.title
        elif parsed.title:
            removed.append(Removal(cleaner=self.name, text=parsed.title, reason="HTML page title"))
        return doc.replace(text=parsed.text, title=title, removed=(*doc.removed, *removed))


__all__ = ["HtmlText", "StripHtml", "decode_entities", "html_to_text", "looks_like_html", "strip_html"]
