"""Cut a parsed page into text blocks, with what each block's place in the page says about it.

A block is the text between two block-level boundaries (``<p>``, ``<div>``,
``<td>``, ``<br>``, ...), in document order. Each block knows how much of its
text sits inside links, and whether a class or id around it names a menu, a
footer or an article body. Scoring them is :mod:`corpusclean.webpage.select`'s
job; this module only measures.

>>> blocks = page_blocks(parse_page("<html><body><div id=nav><a href=/>首页</a></div>"
...                                 "<p>正文第一段，有标点。</p></body></html>")[0])
>>> [(b.text, b.link_chars, b.hint) for b in blocks]
[('首页', 2, -1), ('正文第一段，有标点。', 0, 0)]
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import lxml.html
from lxml import etree

from ..patterns import (
    BOILERPLATE_HINT_RE,
    CJK_PUNCT_MARK_RE,
    CONTENT_HINT_RE,
    HAN_RUN_RE,
    HTML_END_TAG_RE,
    PAGE_WRAPPER_TEXT_RE,
    SPACE_RUN_RE,
)

#: Elements whose text is never page text: code, styling, form controls, embedded objects.
SKIPPED_TAGS = (
    "script", "style", "noscript", "template", "iframe", "frame", "object", "embed", "svg",
    "select", "option", "textarea", "button", "input", "title", "base", "link", "meta",
)  # fmt: skip

#: Elements that end one text block and start another.
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCK_TAGS = HEADING_TAGS | {
    "address", "article", "aside", "blockquote", "body", "br", "center", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "html", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
# lxml's plain HTML parser: lxml.html's element classes cost a lookup per element and are not needed.
_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)


@dataclass(slots=True)
class Block:
    """One block of page text and its measures."""

    index: int
    text: str
    #: characters of ``text`` that are not white space
    chars: int
    #: of those, characters inside ``<a>`` links
    link_chars: int
    #: Han characters and CJK sentence punctuation (，。！？；：、)
    han: int
    punct: int
    #: -1 under a class/id naming page furniture (nav, footer, comment...), +1 under one naming
    #: the article body, 0 otherwise; the innermost such class/id decides
    hint: int
    #: the tag that opened the block (``p``, ``h1``, ``td``, ...)
    tag: str

    @property
    def link_density(self) -> float:
        """The share of the block's characters that sit in links."""
        return self.link_chars / self.chars if self.chars else 0.0

    @property
    def is_heading(self) -> bool:
        return self.tag in HEADING_TAGS


def parse_page(html: str) -> tuple[etree._Element, str | None]:
    """Parse a whole page with lxml; return the root and the crawl wrapper's title, if any.

    The legacy crawl wrapper ``<text id=... title=... encoding=...>`` is cut
    first, and byte-order marks left inside the text are dropped, and so are ``</html>``
    end tags, where lxml would stop reading (a pasted-in header template ends with one).
    """
    wrapper_title = None
    m = PAGE_WRAPPER_TEXT_RE.match(html)
    if m:
        wrapper = lxml.html.fragment_fromstring(m.group() + "</text>")
        wrapper_title = wrapper.get("title")
        html = html[m.end() :]
    html = HTML_END_TAG_RE.sub("", html.replace("\ufeff", ""))
    # lxml refuses a str with an XML declaration; UTF-8 bytes with the encoding
    # fixed in the parser are read as they are, whatever the page declares.
    root = etree.fromstring(html.encode("utf-8", "surrogatepass"), _PARSER) if html.strip() else None
    if root is None:  # nothing but white space or stray end tags
        root = lxml.html.document_fromstring("<html></html>")
    return root, wrapper_title


def _hint(el: etree._Element) -> int:
    """+1, -1 or 0: what the element's id and class names say it holds."""
    ident, classes = el.get("id"), el.get("class")
    return _names_hint(ident or "", classes or "") if ident or classes else 0


@functools.lru_cache(maxsize=4096)
def _names_hint(ident: str, classes: str) -> int:
    """The hint of an id and a class attribute (a page repeats a few of them many times).

    An id that names only one of the two decides first: an id names the element itself,
    while a class is as often a script's hook (``<div class="BSHARE_POP" id="artibody">``
    is an article body that a share button acts on). Otherwise furniture names win.
    """
    names = f"{classes} {ident}"
    if not names.strip():
        return 0
    if ident:
        furniture, content = BOILERPLATE_HINT_RE.search(ident), CONTENT_HINT_RE.search(ident)
        if content and not furniture:
            return 1
        if furniture and not content:
            return -1
    if BOILERPLATE_HINT_RE.search(names):
        return -1
    if CONTENT_HINT_RE.search(names):
        return 1
    return 0


class _Builder:
    """Collects text pieces until a block boundary, then measures them as a block."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pieces: list[str] = []
        self.chars = 0
        self.link_chars = 0
        self.tag = "body"
        self.hint = 0

    def add(self, text: str, in_link: bool) -> None:
        self.pieces.append(text)
        if in_link:
            self.link_chars += len(text) - text.count(" ") - text.count("\n") - text.count("\t")

    def flush(self, next_tag: str, hint: int) -> None:
        if self.pieces:
            text = SPACE_RUN_RE.sub(" ", "".join(self.pieces)).strip()
            chars = len(text) - text.count(" ")
            if chars:
                self.blocks.append(
                    Block(
                        index=len(self.blocks),
                        text=text,
                        chars=chars,
                        link_chars=min(self.link_chars, chars),
                        han=sum(map(len, HAN_RUN_RE.findall(text))),  # runs: 4x faster than chars
                        punct=len(CJK_PUNCT_MARK_RE.findall(text)),
                        hint=self.hint,
                        tag=self.tag,
                    )
                )
        self.pieces.clear()
        self.link_chars = 0
        self.tag = next_tag
        self.hint = hint


def page_blocks(root: etree._Element) -> list[Block]:
    """The text blocks of a parsed page, in document order (scripts, styles, forms controls cut)."""
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *SKIPPED_TAGS, with_tail=False)
    builder = _Builder()
    hints: list[int] = [0]
    links = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if event == "start":
            h = _hint(el)
            hints.append(h or hints[-1])
            if tag in BLOCK_TAGS:
                builder.flush(tag, hints[-1])
            if tag == "a":
                links += 1
            if el.text:
                builder.add(el.text, links > 0)
        else:
            if tag == "a":
                links -= 1
            hints.pop()
            if tag in BLOCK_TAGS:
                builder.flush("tail", hints[-1])
            if el.tail:
                builder.add(el.tail, links > 0)
    builder.flush("end", 0)
    return builder.blocks
