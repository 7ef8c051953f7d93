"""Extract the main text of a whole web page: the article, not the menus around it.

:func:`extract_page` parses the page with lxml, cuts it into blocks
(:mod:`~corpusclean.webpage.blocks`), picks the main run of prose
(:mod:`~corpusclean.webpage.select`) and reads the headline, date and author
(:mod:`~corpusclean.webpage.meta`). :func:`main_text` is the ``str -> str``
shortcut.

>>> page = '''<html><head><title>春节消息_某某网</title></head><body>
... <div class="nav"><a href="/">首页</a> | <a href="/news">新闻</a> | <a href="/sports">体育</a></div>
... <h1>春节消息</h1><p>2024年2月9日 记者：张三</p>
... <p>今年春节，各地举办了丰富多彩的庆祝活动，群众热情高涨。</p>
... <p>专家表示，消费市场明显回暖，旅游人数创下新高。</p>
... <div class="footer">版权所有 某某网 京ICP备00000000号</div></body></html>'''
>>> print(main_text(page))
今年春节，各地举办了丰富多彩的庆祝活动，群众热情高涨。
专家表示，消费市场明显回暖，旅游人数创下新高。
>>> found = extract_page(page)
>>> found.title, found.date, found.author
('春节消息', '2024-02-09', '张三')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..headers.furniture import DATELINE, DEFAULT_FURNITURE_RULES, FurnitureRules
from .blocks import Block, page_blocks, parse_page
from .meta import find_author, head_info, is_dateline, meta_author, meta_date, normalize_date, page_title
from .select import BYLINE, Selection, select_main

#: How many blocks before the main text are searched for the byline (date, author).
BYLINE_BLOCKS_BEFORE = 8
#: How many blocks at each end of the main text are searched for a labelled dateline.
DATELINE_BLOCKS_INSIDE = 3
#: A ``<title>`` shorter than this (``1``, ``显示``) names no article; a line above the text may.
MIN_TITLE_CHARS = 4
HEADLINE = "headline (moved to the title)"
#: How many lines at the top of the text are searched for the headline.
HEADLINE_LINES = 3


@dataclass(frozen=True)
class MainText:
    """What :func:`extract_page` found: the main text, the page's metadata and what was dropped."""

    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    #: the texts of the dropped blocks, by kind (``"navigation and link lists"``, ...)
    dropped: dict[str, list[str]] = field(default_factory=dict)


def _byline(blocks: list[Block], start: int, end: int) -> str:
    near = blocks[max(0, start - BYLINE_BLOCKS_BEFORE) : min(end, start + 3)]
    return "\n".join(b.text for b in near)


def _byline_date(blocks: list[Block], chosen: Selection) -> str | None:
    """The date of the dateline nearest above the main text or at its top (kept or dropped as
    furniture), of a byline dropped from it, or of a labelled line at its end; never a date from
    the article's own sentences."""
    start, end = chosen.start, chosen.end
    kept = [b.text for b in chosen.kept if start <= b.index < end]
    first = next((b.index for b in chosen.kept if start <= b.index < end), end)
    above = [b.text for b in reversed(blocks[max(0, start - BYLINE_BLOCKS_BEFORE) : start])]
    head = [b.text for b in blocks[start:first]] + kept[:DATELINE_BLOCKS_INSIDE]
    bylines = [
        b.text for kind in (DATELINE, BYLINE) for b in chosen.dropped.get(kind, ()) if start <= b.index < end
    ]
    for text in above + head + bylines:
        if is_dateline(text):
            return normalize_date(text)
    for text in kept[DATELINE_BLOCKS_INSIDE:][-DATELINE_BLOCKS_INSIDE:]:
        if is_dateline(text, labelled_only=True):
            return normalize_date(text)
    return None


def _headline_above(blocks: list[Block], start: int) -> str | None:
    """A short line without links just above the main text, read as its headline."""
    for b in reversed(blocks[max(0, start - 3) : start]):
        if 4 <= b.chars <= 60 and b.link_chars == 0 and not b.text.endswith("。"):
            return b.text
    return None


def _headline_at(kept: list[Block], title: str | None) -> int | None:
    """Where the headline is among the first lines of the text: the first line when the title
    holds it, or a later one of the first :data:`HEADLINE_LINES` that is the title itself (a blog
    prints its date line above the post's headline)."""
    if not title:
        return None
    for i, b in enumerate(kept[:HEADLINE_LINES]):
        if b.chars <= 80 and (b.text == title or (i == 0 and b.text in title)):
            return i
    return None


def extract_page(
    html: str, furniture: FurnitureRules = DEFAULT_FURNITURE_RULES, *, replies: bool = False
) -> MainText:
    """Find the main text of a whole page and its title, date and author.

    The text has one block (paragraph, heading, table cell) per line. A page
    with no main text gives ``text == ""``, with everything in ``dropped``;
    furniture lines inside the article (see :mod:`corpusclean.headers.furniture`)
    are dropped by their kind. Of a forum thread or a blog post with comments,
    only the first post is kept unless ``replies``.
    """
    root, wrapper_title = parse_page(html)
    info = head_info(root)
    blocks = page_blocks(root)
    chosen = select_main(blocks, furniture, replies=replies)
    headings = [b.text for b in blocks if b.is_heading and b.chars <= 80]
    title = page_title(info, headings, wrapper_title)
    if (title is None or len(title) < MIN_TITLE_CHARS) and chosen.kept:
        title = _headline_above(blocks, chosen.start) or title
    kept = chosen.kept
    dropped = {kind: [b.text for b in found] for kind, found in chosen.dropped.items()}
    at = _headline_at(kept, title)
    if at is not None:
        dropped[HEADLINE] = [kept[at].text]
        kept = kept[:at] + kept[at + 1 :]
    byline = _byline(blocks, chosen.start, chosen.end) if kept else ""
    return MainText(
        text="\n".join(b.text for b in kept),
        title=title,
        date=meta_date(info) or (_byline_date(blocks, chosen) if kept else None),
        author=meta_author(info) or find_author(byline),
        dropped=dropped,
    )


def main_text(html: str) -> str:
    """The main text of a whole web page, one block per line (``""`` when it has none)."""
    return extract_page(html).text
