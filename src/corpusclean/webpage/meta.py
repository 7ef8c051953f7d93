"""A page's title, publication date and author, from its head and the lines around the main text.

>>> normalize_date("发布时间：2005年8月16日 09:30")
'2005-08-16 09:30'
>>> find_author("2005-08-16 记者：李金泽 来源：新华网")
'李金泽'
>>> trim_site_name("农机专家李金泽：为农机行业搭建现代化信息平台_振兴东北")
'农机专家李金泽：为农机行业搭建现代化信息平台'
>>> trim_site_name("海姑娘 | blog.wenxuecity.com"), trim_site_name("CCTV.com- 央视论坛 :: null")
('海姑娘', None)
"""

from __future__ import annotations

from lxml import etree

from ..patterns import (
    DATE_LABEL_RE,
    HAN_RE,
    PAGE_AUTHOR_RE,
    PAGE_DATE_RE,
    PROSE_PUNCT_RE,
    SITE_NAME_SEPARATOR_RE,
    SITE_TITLE_PART_RE,
    SPACE_RUN_RE,
)
from ..script_chars import to_simplified

#: ``<meta name=...>`` (or ``property``) values that hold the publication date, most specific first.
DATE_META_NAMES = (
    "article:published_time", "publishdate", "pubdate", "publish_date", "publishtime",
    "og:release_date", "dc.date", "date",
)  # fmt: skip
AUTHOR_META_NAMES = ("article:author", "author", "dc.creator")


def clean_space(text: str) -> str:
    """``text`` with white-space runs folded to one space and the ends trimmed."""
    return str(SPACE_RUN_RE.sub(" ", text)).strip()


def normalize_date(text: str) -> str | None:
    """The first plausible date in ``text`` as ``YYYY-MM-DD`` (with `` HH:MM`` when given), or ``None``."""
    for m in PAGE_DATE_RE.finditer(text):
        year, month, day, hour, minute = m.groups()
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            date = f"{year}-{int(month):02d}-{int(day):02d}"
            if hour is not None and int(hour) < 24 and int(minute) < 60:
                date += f" {int(hour):02d}:{minute}"
            return date
    return None


def find_author(text: str) -> str | None:
    """The name after a byline label (作者, 记者, 文/; 記者 too) in ``text``, as written, or ``None``.

    >>> find_author("新华网 记者：伊琳"), find_author("新華網 記者：伊琳")
    ('伊琳', '伊琳')
    """
    m = PAGE_AUTHOR_RE.search(to_simplified(text))  # positions are kept
    return text[m.start(1) : m.end(1)].strip() if m else None


def title_parts(title: str) -> list[str]:
    """The parts of a ``<title>`` that may name the article: not a domain, a site or forum name, a
    "powered by" line or a placeholder.

    >>> title_parts("标题 - 某某论坛 - Powered by Discuz!"), title_parts("標題 - 某某論壇")
    (['标题'], ['標題'])
    """
    parts = (p.strip() for p in SITE_NAME_SEPARATOR_RE.split(title))
    return [p for p in parts if p and not SITE_TITLE_PART_RE.match(to_simplified(p))]


def trim_site_name(title: str) -> str | None:
    """The longest part of a ``<title>`` that may name the article (see :func:`title_parts`), or ``None``."""
    parts = title_parts(title)
    return max(parts, key=len) if parts else None


def head_info(root: etree._Element) -> dict[str, str]:
    """The ``<title>`` text and the ``<meta>`` name/content pairs of a parsed page (lower-cased names)."""
    info: dict[str, str] = {}
    title = root.find(".//title")
    text = "".join(title.itertext()) if title is not None else ""
    if text.strip():
        info["title"] = clean_space(text)
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = clean_space(meta.get("content") or "")
        if name and content and name not in info:
            info[name] = content
    return info


def page_title(info: dict[str, str], headings: list[str], wrapper_title: str | None) -> str | None:
    """The headline: a heading that the ``<title>`` holds, else the ``<title>``'s article part.

    A heading counts when the ``<title>`` contains it (``大标题`` in ``大标题_某某网``); else
    the part of the ``<title>`` that some heading holds (``大标题`` of ``主题: 大标题``), else
    the longest part that names no site. A heading that is itself a site name never counts.
    With no ``<title>``, the first heading.
    """
    title = info.get("title") or clean_space(wrapper_title or "")
    headings = [h for h in headings if len(h) >= 2 and not SITE_TITLE_PART_RE.match(to_simplified(h))]
    if not title:
        return headings[0] if headings else None
    inside = [h for h in headings if h in title]
    if inside:
        return max(inside, key=len)
    parts = title_parts(title)
    held = [p for p in parts if len(p) >= 4 and any(p in h for h in headings)]
    return max(held or parts, key=len) if parts else None


def is_dateline(text: str, *, labelled_only: bool = False) -> bool:
    """Whether a line says when the page was published: a labelled line (``发布时间：…``,
    ``来源：… 2005-08-16``) or, unless ``labelled_only``, a short line with a date and a time, or
    with nothing but a date, and no sentence.

    >>> is_dateline("发布时间：2005-08-16 09:30"), is_dateline("AUTO.SOHU.COM 2003年11月12日16:36")
    (True, True)
    >>> is_dateline("1995年9月1日，他以歌手身份出道，发行首张专辑。"), is_dateline("出道日期 1995年9月1日")
    (False, False)
    """
    if len(text) > 120 or not (m := PAGE_DATE_RE.search(text)):
        return False
    text = to_simplified(text)  # 發佈時間, 來源: the labels are Simplified; positions are kept
    if DATE_LABEL_RE.search(text) and len(PROSE_PUNCT_RE.findall(text)) <= 1:
        return True
    if labelled_only or len(text) > 60 or PROSE_PUNCT_RE.search(text):
        return False
    return m.group(4) is not None or not HAN_RE.search(text[: m.start()] + text[m.end() :])


def meta_date(info: dict[str, str]) -> str | None:
    for name in DATE_META_NAMES:
        if name in info and (date := normalize_date(info[name])):
            return date
    return None


def meta_author(info: dict[str, str]) -> str | None:
    for name in AUTHOR_META_NAMES:
        value = info.get(name)
        if value and HAN_RE.search(value) and len(value) <= 20:  # a site name or a domain is no author
            return value
    return None
