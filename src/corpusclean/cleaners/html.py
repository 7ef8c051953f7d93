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

Two paths read the same tree. Building a beautifulsoup4 tree costs more than
the rest of the cleaning, so a fragment of plain body markup (paragraphs,
spans, tables: no page head, script, comment, ``<pre>`` or doctype, see
:func:`is_plain_fragment`) is walked in lxml's own tree, which libxml2 builds
exactly as it builds the events beautifulsoup4 reads; everything else goes
through beautifulsoup4. Both give the same output (a test holds them to it on
every seed, test case and development page).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import regex
from lxml import etree

from ..cleaner import Cleaner, Drop
from ..document import Document, Removal
from ..edits import Edit, edit_text, sub_edits
from ..errors import RecipeError
from ..patterns import HAN_CHAR_RE, HAN_RUN_RE, HTML_ENTITY_RE, HTML_TAG_RE

# beautifulsoup4 reads the markup that is more than a plain fragment. It is imported when the
# first such markup comes (about 0.08 s), so that a run over plain text does without it.
if TYPE_CHECKING:
    from bs4.element import PageElement, Tag

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
_COLLAPSIBLE_RE = re.compile(r"[ \t\n\r\f]+")
#: A line break with the spaces and tabs around it, and more than two breaks in a row.
_LINE_BREAK_RE = re.compile(r"[ \t]*\n[ \t]*")
_BREAKS_RUN_RE = re.compile(r"\n{3,}")
#: A ``<`` that does not open a tag, a comment or a doctype (``a<b，则``).
_STRAY_LT_RE = regex.compile("<(?!" + HTML_TAG_RE.pattern.removeprefix("<") + ")")

#: How the text inside an element is read: running text, preformatted, or page head.
_TEXT, _PRE, _HEAD = "text", "pre", "head"
#: How many line breaks an element puts around itself.
_LINE, _PARAGRAPH = 1, 2
_BREAKS = {name: _LINE for name in LINE_ELEMENTS} | {name: _PARAGRAPH for name in PARAGRAPH_ELEMENTS}

#: Elements after which beautifulsoup4's tree would be read differently from lxml's: the page
#: head and what goes into it, dropped and preformatted elements, and the document's own frame.
_SPECIAL_ELEMENTS = frozenset(
    {
        *DROPPED_ELEMENTS, *PREFORMATTED_ELEMENTS,
        *("html", "body", "title", "meta", "link", "base", "xmp", "frameset", "frame", "noframes"),
        *("noembed", "iframe", "svg", "math", "select", "option", "optgroup", "rt", "rp"),
    }
)  # fmt: skip
#: A start or end tag with a plain ASCII name, the only kind of ``<`` a plain fragment has.
_PLAIN_TAG_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)(?=[ \t\n\r\f/>])")


@cache
def _list_attributes() -> dict[str, set[str]]:
    """Attributes that beautifulsoup4 splits into lists of words, by tag (``"*"``: on every tag)."""
    from bs4.builder import HTMLTreeBuilder

    return dict(HTMLTreeBuilder.DEFAULT_CDATA_LIST_ATTRIBUTES)


_WORD_RE = re.compile(r"\S+")


def is_plain_fragment(markup: str) -> bool:
    """Whether ``markup`` (stray ``<`` escaped) is plain body markup, read alike by lxml and beautifulsoup4.

    Plain means: every ``<`` opens or closes a tag with a plain ASCII name, and
    none of them is a page frame, head, script, style, preformatted or embedded
    element; no comment, doctype, CDATA section or processing instruction.

    >>> is_plain_fragment("<div><span style='x'>　　正文</span></div>")
    True
    >>> is_plain_fragment("<p>正文</p><!-- 广告 -->"), is_plain_fragment("<pre> 代码</pre>")
    (False, False)
    """
    names = _PLAIN_TAG_RE.findall(markup)
    if len(names) != markup.count("<") or markup.startswith("\ufeff"):
        return False
    return _SPECIAL_ELEMENTS.isdisjoint(name.lower() for name in set(names))


#: The inline elements of a simple fragment: they put nothing around their text.
_SIMPLE_INLINE = ("span", "b", "strong", "i", "em", "u", "font", "sub", "sup", "small", "big")
#: A tag of a simple fragment: a plain name, attributes in ASCII without ``<`` or ``>``; an end
#: tag has none. Each such tag is one that :data:`HTML_TAG_RE` finds, so none is escaped as stray.
_SIMPLE_TAG_RE = re.compile(
    r"<(?:/([A-Za-z]+)[ \t\n\r\f]*"
    r"|([A-Za-z]+)(?:[ \t\n\r\f]+[A-Za-z_:][-A-Za-z0-9_:.]*"
    r"(?:[ \t\n\r\f]*=[ \t\n\r\f]*(?:\"[\x20\x21\x23-\x3b\x3d\x3f-\x7e]*\""
    r"|'[\x20-\x26\x28-\x3b\x3d\x3f-\x7e]*'|[-A-Za-z0-9_.:#%;,]+))?)*"
    r"[ \t\n\r\f]*(/?))>"
)
#: The tags of a simple fragment by what they become: a line break, a paragraph break, nothing.
_LINE_TAG_RE = re.compile(r"<(?:div|br)\b[^>]*>|</div[^>]*>", re.IGNORECASE)
_PARAGRAPH_TAG_RE = re.compile(r"</?p\b[^>]*>", re.IGNORECASE)
_INLINE_TAG_RE = re.compile(rf"</?(?:{'|'.join(_SIMPLE_INLINE)})\b[^>]*>", re.IGNORECASE)
_LINE_MARK, _PARAGRAPH_MARK = "\x01", "\x02"  # control characters a simple fragment never has
#: The breaks between two texts: from a paragraph break on, and from a line break on; with the
#: spaces after them. The spaces before them go after (a gap takes the white space around it).
_PARAGRAPH_GAP_RE = re.compile("\x02[ \x01\x02]*")
_LINE_GAP_RE = re.compile("\x01[ \x01]*")
_SPACES_BEFORE_BREAK_RE = re.compile(" +\n")
#: The character references a simple fragment may have, and the characters it must not have:
#: controls (the two marks among them), surrogates and non-characters, on which parsers differ.
_SIMPLE_ENTITY_RE = re.compile(r"&(?:(nbsp|amp|lt|gt|quot)|#([0-9]{1,5})|#[xX]([0-9A-Fa-f]{1,4}));")
_UNSAFE_CHAR_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_NAMED = {"nbsp": "\xa0", "amp": "&", "lt": "<", "gt": ">", "quot": '"'}


class _NotSimple(Exception):
    """The fragment is not simple after all: it takes the parser's path."""


def _simple_entity(m: re.Match[str]) -> str:
    name, decimal, hexadecimal = m.groups()
    if name:
        return _NAMED[name]
    char = chr(int(decimal, 10) if decimal else int(hexadecimal, 16))
    if char <= " " or _UNSAFE_CHAR_RE.match(char):  # a space would change how spaces collapse
        raise _NotSimple
    return char


def _is_simple_tree(tags: list[tuple[str, str, str]]) -> bool:
    """Whether the tags nest as written: each closed in order, no block inside ``p`` or inline text."""
    open_tags: list[str] = []
    inline = 0  # how many of the open elements are ``p`` or inline
    for closed, opened, empty in tags:
        if closed:
            name = closed.lower()
            if not open_tags or open_tags.pop() != name:
                return False  # a stray end tag, ``</br>`` among them, or tags closed out of order
            inline -= name != "div"
            continue
        name = opened.lower()
        if name == "br":
            continue
        if empty or (name != "div" and name != "p" and name not in _SIMPLE_INLINE):
            return False
        if inline and (name == "div" or name == "p"):
            return False  # the parser would close the paragraph or move the block
        inline += name != "div"
        open_tags.append(name)
    return not open_tags


def simple_fragment_text(markup: str) -> str | None:
    """The text of a simple fragment, read without a parser; ``None`` when ``markup`` is not one.

    A simple fragment has only ``div``, ``p``, ``br`` and inline text elements
    (``span``, ``b``, ``font``, ...), each closed in order, with no ``div`` or
    ``p`` inside ``p`` or inline elements; attributes in ASCII; character
    references among ``&nbsp;`` ``&amp;`` ``&lt;`` ``&gt;`` ``&quot;`` and
    numeric ones. Paragraphs cut from news sites mostly are. Such a tree is its
    tag sequence, so the text comes from the tags as :class:`_TextBuilder` would
    read it from the tree: white space collapsed in each text, inline tags
    joining texts without a space, and the breaks between two texts (a line,
    or a paragraph if one of them is) as one gap.

    >>> simple_fragment_text("<div><span style='a:1'>　　第一段。</span></div><div>&nbsp;</div>")
    '　　第一段。\\n\\xa0'
    >>> simple_fragment_text("<div><a href='/'>链接</a></div>") is None
    True
    """
    if markup.startswith("\ufeff") or _UNSAFE_CHAR_RE.search(markup):
        return None
    markup = _collapse_spaces(markup)  # no run of white space spans a tag
    tags = _SIMPLE_TAG_RE.findall(markup)
    if len(tags) != markup.count("<") or not _is_simple_tree(tags):
        return None
    text = _LINE_TAG_RE.sub(_LINE_MARK, markup)
    text = _INLINE_TAG_RE.sub("", _PARAGRAPH_TAG_RE.sub(_PARAGRAPH_MARK, text))
    if "&" in text:
        if text.count("&") != len(_SIMPLE_ENTITY_RE.findall(text)):
            return None
        try:
            text = _SIMPLE_ENTITY_RE.sub(_simple_entity, text)
        except _NotSimple:
            return None
    # a paragraph break and a line break in one gap give "\n\n\n": the paragraph wins
    text = _LINE_GAP_RE.sub("\n", _PARAGRAPH_GAP_RE.sub("\n\n", text)).replace("\n\n\n", "\n\n")
    if " \n" in text:
        text = _SPACES_BEFORE_BREAK_RE.sub("\n", text)
    return text.strip(" \n")


def _collapse_spaces(text: str) -> str:
    """``text`` with each run of HTML white space as one space (U+3000 and NBSP stay).

    >>> _collapse_spaces("一 \\t\\n 二　三")
    '一 二　三'
    """
    if "\n" in text or "\t" in text or "\r" in text or "\f" in text or "  " in text:
        return _COLLAPSIBLE_RE.sub(" ", text)
    return text


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

    def attribute_values(self, values: Iterable[str | list[str]]) -> None:
        for value in values:  # alt and title texts, or text a broken quote swallowed
            value = " ".join(value) if isinstance(value, list) else value
            if HAN_CHAR_RE.search(value):
                self.drop(value, "HTML attribute value")

    def walk_lxml(self, root: etree._Element) -> None:
        """Walk a tree of plain body markup (see :func:`is_plain_fragment`) as :meth:`walk` walks a soup."""
        add, gap, collapse = self.add, self.gap, _COLLAPSIBLE_RE.sub
        for event, el in etree.iterwalk(root, events=("start", "end")):
            name = el.tag
            if event == "start":
                if el.attrib:
                    self._lxml_attributes(name, el.attrib)
                if name in CELL_ELEMENTS:
                    add(" ")
                if breaks := _BREAKS.get(name):
                    gap(breaks)
                if el.text:
                    add(collapse(" ", el.text))
            else:
                if breaks := _BREAKS.get(name):
                    gap(breaks)
                if el.tail:
                    add(collapse(" ", el.tail))

    def _lxml_attributes(self, tag: str, attrib: Mapping[str, str]) -> None:
        """Drop the values with Chinese in them as beautifulsoup4 holds them (``class`` as a word list)."""
        for name, value in attrib.items():
            if HAN_CHAR_RE.search(value):
                listed = name in _list_attributes().get("*", ()) or name in _list_attributes().get(tag, ())
                self.attribute_values([_WORD_RE.findall(value) if listed else value])

    def walk(self, root: Tag) -> None:
        from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

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
        self.attribute_values(tag.attrs.values())
        if name == "title" and mode == _HEAD:
            self.title_parts.append(tag.get_text())
            return
        if name in DROPPED_ELEMENTS and name != "head":
            self.drop(_all_text(tag), DROPPED_ELEMENTS[name])
            return
        if name in CELL_ELEMENTS:
            self.add(" ")
        breaks = _BREAKS.get(name, 0)
        if breaks:
            self.gap(breaks)
            stack.append((breaks, mode))
        inner = _HEAD if name == "head" else _PRE if name in PREFORMATTED_ELEMENTS and mode == _TEXT else mode
        stack.extend((child, inner) for child in reversed(tag.contents))


def _all_text(tag: Tag) -> str:
    """Every string inside ``tag``, scripts and style sheets included (``get_text`` skips them)."""
    from bs4.element import Declaration, Doctype, NavigableString, ProcessingInstruction

    return "".join(
        str(s)
        for s in tag.descendants
        if isinstance(s, NavigableString) and not isinstance(s, (Doctype, Declaration, ProcessingInstruction))
    )


def _join_blocks(text: str) -> str:
    """Each gap between blocks (breaks, spaces and tabs) as one line break, or two when it has several.

    >>> _join_blocks("一 \\t\\n 二\\n \\n\\n三")
    '一\\n二\\n\\n三'
    """
    if "\n" not in text:
        return text
    return _BREAKS_RUN_RE.sub("\n\n", _LINE_BREAK_RE.sub("\n", text))


def _plain_tree(markup: str) -> etree._Element | None:
    """lxml's tree of ``markup``, parsed as beautifulsoup4 has libxml2 parse it (one feed, recovering)."""
    parser = etree.HTMLParser(recover=True)
    parser.feed(markup)
    root: etree._Element | None = parser.close()
    return root


def html_to_text(markup: str, *, fast: bool = True) -> HtmlText:
    """Parse ``markup`` and rebuild its text with paragraphs, indents and entities decoded.

    ``fast=False`` reads every input through beautifulsoup4; the output is the
    same, and the option is there to check that it is.

    >>> r = html_to_text("<p>　　正文&nbsp;一<b>段</b>。</p><script>x()</script><p>二</p>")
    >>> r.text, r.removed
    ('　　正文\\xa0一段。\\n\\n二', [('x()', 'HTML script')])
    """
    if fast and (simple := simple_fragment_text(markup)) is not None:
        return HtmlText(simple)  # no Chinese sits in its tags, so none can be lost
    escaped = _escape_stray_lt(markup)
    builder = _TextBuilder()
    root = _plain_tree(escaped) if fast and is_plain_fragment(escaped) else None
    if root is not None:
        builder.walk_lxml(root)
    else:
        from bs4 import BeautifulSoup

        builder.walk(BeautifulSoup(escaped, "lxml"))
    text = _join_blocks("".join(builder.pieces)).strip(" \t\n")
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
