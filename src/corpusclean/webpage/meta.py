"""A page's title, publication date and author, from its head and the lines around the main text.

>>> normalize_date("发布时间：2005年8月16日 09:30")
'2005-08-16 09:30'
>>> find_author("2005-08-16 记者：李金泽 来源：新华网")
'李金泽'
>>> trim_site_name("农机专家李金泽：为农机行业搭建现代化信息平台_振兴东北")
'农机专家李金泽：为农机行业搭建现代化信息平台'
"""

from __future__ import annotations

from lxml import etree

from ..patterns import HAN_RE, PAGE_AUTHOR_RE, PAGE_DATE_RE, SITE_NAME_SEPARATOR_RE, SPACE_RUN_RE

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
    """The name after a byline label (作者, 记者, 文/) in ``text``, or ``None``."""
    m = PAGE_AUTHOR_RE.search(text)
    return m.group(1).strip() if m else None


def trim_site_name(title: str) -> str:
    """The longest part of a ``<title>`` split at site-name separators (``_``, ``|``, ``--``, `` - ``)."""
    parts = [p.strip() for p in SITE_NAME_SEPARATOR_RE.split(title) if p.strip()]
    return max(parts, key=len) if parts else title.strip()


def head_info(root: etree._Element) -> dict[str, str]:
    """The ``<title>`` text and the ``<meta>`` name/content pairs of a parsed page (lower-cased names)."""
    info: dict[str, str] = {}
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        info["title"] = clean_space(title.text_content())
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = clean_space(meta.get("content") or "")
        if name and content and name not in info:
            info[name] = content
    return info


def page_title(info: dict[str, str], headings: list[str], wrapper_title: str | None) -> str | None:
    """The headline: a heading that the ``<title>`` contains, else the ``<title>`` without the site name."""
    title = info.get("title") or clean_space(wrapper_title or "")
    inside = [h for h in headings if len(h) >= 2 and h in title]
    if inside:
        return max(inside, key=len)
    if title:
        return trim_site_name(title)
    return headings[0] if headings else None


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
