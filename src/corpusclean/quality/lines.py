"""The signals of a text's lines and paragraphs: punctuated lines, repeats, link and list lines, verse.

They work on Python strings: a document has tens of lines, and ``str``
methods and compiled patterns handle that many in less time than array
operations take to set up. A line is a stripped, non-empty piece of the text
between line breaks, the pieces of a hard-wrapped text joined back
(:func:`corpusclean.layout.unwrapped`); a paragraph a block between blank lines. Besides
punctuation, a line is read for navigation (menus, footers, buttons, tagged
or numbered links), verse and contact details (the phone numbers and QQ
numbers of advertising).

>>> counts = line_counts("首页 | 新闻 | 体育\\n床前明月光，疑是地上霜。\\n床前明月光，疑是地上霜。")
>>> counts.lines, counts.punctuated, counts.link_list_chars, counts.dup_line_share
(3, 2, 12, 0.3333333333333333)
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

import regex

from ..layout import unwrapped
from ..patterns import COPYRIGHT_LINE_RE, PAGE_DATE_RE
from ..pii import PLACEHOLDERS, find_pii
from ..script_chars import to_simplified

#: Punctuation that can end a line of running text (a sentence, a clause, a quotation).
LINE_END_CHARS = frozenset("。！？!?…；;：:，,、.”’」』）)》】")
#: What ends a line that finishes a sentence: a full stop, a question or exclamation mark, a
#: semicolon, or a closing quotation mark. An ellipsis, a comma or a bracket is left out: it ends
#: a headline cut short or a label as often as a sentence.
LINE_SENTENCE_END_CHARS = frozenset("。！？!?；;”’」』")
#: Bullets that open the items of a list in Chinese typesetting (``●一九九七年，……``): an item
#: longer than :data:`SHORT_LINE` may be several sentences and need not end in punctuation.
#: (``·``, ``-`` and ``*`` are left out: menus use them; short bulleted lines are menus and ads.)
LIST_ITEM_BULLETS = frozenset("●■◆▲")

URL_RE = re.compile(r"https?://|www\.|\.(?:com|cn|net|org|cc|top|html?)\b", re.I)
#: Navigation and footer phrases of Chinese web pages; they count only on a short line
#: without end punctuation, so "注册资本" in a sentence is not navigation. A line is read folded
#: to Simplified (首頁 as 首页: :func:`corpusclean.script_chars.to_simplified`).
NAV_RE = re.compile(
    "首页|上一页|下一页|上一篇|下一篇|返回顶部|返回首页|返回列表|版权所有|版权声明|[Cc]opyright|©|ICP|备案号|"
    "关于我们|联系我们|网站地图|免责声明|设为首页|加入收藏|登录|注册|点击进入|点击查看|更多|打印本页|关闭窗口|"
    "责任编辑|相关新闻|相关阅读|相关文章|热门推荐|分享到|扫一扫|评论|发表于|浏览次数|阅读数|当前位置"
)
_BRACKET_CLOSERS = "】]］"
#: The brackets a furniture line may end in though it finishes no sentence (:func:`_closed_furniture`).
_FURNITURE_CLOSERS = frozenset(")）]】］")
#: A line of bracketed items (``【打印】【关闭】【返回顶部】``, a pager ``[1] [2] [3]``): buttons and
#: links, though it ends in a bracket; a line of one bracketed item counts when it names navigation.
BRACKET_ITEMS_RE = re.compile(r"(?:[【\[［][^】\]］\n]{1,12}[】\]］]\s*)+")
#: What opens a list item or a link of a list: a bullet, a number, or a category tag in brackets
#: (``[财经]``, ``【专题】``) before a headline.
LIST_MARK_RE = re.compile(
    r"\s*(?:[•·●○■□◆◇▪►▶★☆>»\-*]|\d{1,3}[.、)）]|[（(]\d{1,3}[)）]|[\[【［〔][^\]】］〕\n]{1,4}[\]】］〕])"
)
#: A line that is a date, with its time or not, and nothing else but brackets and spaces: the
#: stamp of a post or a comment in a list of them (``(2006-12-24 03:45:27)``, ``[2019-03-12]``).
STAMP_BRACKETS = "()（）[]【】［］ \u3000"
#: A short label and a number in brackets, and nothing else: a category, an archive month or a
#: tag with its count of posts (``未归类 (88)``, ``2006年12月（15）``).
COUNT_LABEL_RE = re.compile(r"[^，。！？、；：,.!?;:]{1,12}?\s*[（(][0-9]{1,5}[)）]")
SEPARATORS_RE = re.compile(r"[|｜/>»›]|\s{2,}|\t")
#: A line this short (characters) with no end punctuation may be navigation or a list item.
SHORT_LINE = 30
#: A line of at least this many items between separators, each at most MENU_ITEM characters, is a
#: menu bar however long it is (``首页 | 新闻 | 体育 | …``).
MENU_ITEMS, MENU_ITEM = 4, 8
#: A line longer than SHORT_LINE, up to this long and without the commas of prose, is a footer when it
#: holds a copyright, licence or contact notice (:data:`corpusclean.patterns.COPYRIGHT_LINE_RE`):
#: ``Copyright © 2005-2023 某某网 版权所有 京ICP备…``.
FOOTER_LINE = 200
#: The kinds of personal data that are contact details (:func:`corpusclean.pii.find_pii`), and
#: the placeholders ``mask_pii`` leaves for them: ads give them line after line.
CONTACT_KINDS = ("mobile", "landline", "qq", "wechat", "email")
CONTACT_PLACEHOLDERS = tuple(PLACEHOLDERS[kind] for kind in CONTACT_KINDS)
#: What a line with contact details holds: five digits or more (spaced or not), an ``@``, a QQ or
#: WeChat cue, a placeholder's bracket. Only such a line is searched.
CONTACT_CUE_RE = re.compile(r"[0-9０-９](?:[ -]?[0-9０-９]){4}|[@＠\[]|微信|[QqＱｑ]{2}|[VvＶｖ][XxＸｘ信]")
#: A line of classical verse or of a couplet: five or seven Han characters (五言, 七言).
VERSE_RE = regex.compile(r"\p{Han}{5}|\p{Han}{7}")
_BLANK_LINE_RE = re.compile(r"\n\s*\n")


class LineCounts(NamedTuple):
    """What the line signals of :func:`corpusclean.quality.quality_signals` are made of."""

    lines: int  #: non-empty lines
    line_chars: int  #: their characters (stripped)
    punctuated: int  #: lines ending in punctuation, and list items longer than SHORT_LINE
    sentence_chars: int  #: characters of the lines that end a sentence (LINE_SENTENCE_END_CHARS)
    link_list_chars: int  #: characters of unpunctuated lines that are links, navigation or list items
    verse: int  #: lines of classical verse
    contact: int  #: lines with a phone number, QQ number, WeChat id or e-mail address (or its mask)
    dup_line_share: float
    dup_line_char_share: float
    dup_paragraph_share: float
    dup_paragraph_char_share: float


def line_counts(text: str, *, contacts: bool = True) -> LineCounts:
    """The counts and shares of ``text``'s lines and paragraphs (see :class:`LineCounts`).

    Paragraphs are split only when some line repeats: a paragraph that
    repeats repeats its lines, so without a repeated line none does.
    ``contacts=False`` skips looking for contact details (the caller knows there
    are too few to count: :func:`corpusclean.quality.signals.contact_cues`).
    """
    lines = unwrapped(list(filter(None, map(str.strip, text.split("\n")))))
    unpunctuated = [line for line in lines if line[-1] not in LINE_END_CHARS or _closed_furniture(line)]
    unfinished = sum(line[0] not in LIST_ITEM_BULLETS or len(line) <= SHORT_LINE for line in unpunctuated)
    dup_lines = _dup_shares(lines)
    return LineCounts(
        len(lines),
        sum(map(len, lines)),
        len(lines) - unfinished,
        sum(len(line) for line in lines if line[-1] in LINE_SENTENCE_END_CHARS),
        sum(len(line) for line in unpunctuated if _link_or_list(line)),
        sum(len(line) in (5, 7) and VERSE_RE.fullmatch(line) is not None for line in lines),
        _contact_lines(lines) if contacts else 0,
        *dup_lines,
        *(_dup_shares(paragraphs(text)) if dup_lines[0] else (0.0, 0.0)),
    )


def _contact_lines(lines: list[str]) -> int:
    """How many of ``lines`` hold contact details as ``mask_pii`` finds them, or its placeholders.

    >>> _contact_lines(["代开发票，电话13812345678", "QQ：123456789", "[手机号]", "1998年1月1日"])
    3
    """
    return sum(
        CONTACT_CUE_RE.search(line) is not None
        and (any(mark in line for mark in CONTACT_PLACEHOLDERS) or bool(find_pii(line, CONTACT_KINDS)))
        for line in lines
    )


def warm_contacts() -> None:
    """Load what finding contact details needs (libphonenumber's numbering plans) now, not on first use."""
    _contact_lines(["电话13812345678，010-64365566"])


def paragraphs(text: str) -> list[str]:
    """The blocks of ``text`` between blank lines, stripped, empty ones left out.

    >>> paragraphs("第一段\\n仍是第一段\\n \\n\\n第二段\\n")
    ['第一段\\n仍是第一段', '第二段']
    """
    return [p for p in map(str.strip, _BLANK_LINE_RE.split(text)) if p]


def _bracket_menu(line: str) -> bool:
    """Whether ``line`` is bracketed items only: two or more, or one that names navigation.

    >>> lines = ("【打印】【关闭】", "[1] [2] [3]", "【返回顶部】", "【编者按】", "（完）")
    >>> [_bracket_menu(line) for line in lines]
    [True, True, True, False, False]
    """
    if line[-1] not in _BRACKET_CLOSERS or BRACKET_ITEMS_RE.fullmatch(line) is None:
        return False
    return sum(map(line.count, _BRACKET_CLOSERS)) >= 2 or NAV_RE.search(to_simplified(line)) is not None


def _closed_furniture(line: str) -> bool:
    """Whether ``line``, ending in a bracket, is page furniture all the same: buttons, a stamp, a count.

    >>> lines = ("【打印】【关闭】", "(2006-12-24 03:45:27)", "未归类 (88)", "（完）", "（新华社记者王军摄）")
    >>> [_closed_furniture(line) for line in lines]
    [True, True, True, False, False]
    """
    if line[-1] not in _FURNITURE_CLOSERS:
        return False
    return (
        _bracket_menu(line)
        or PAGE_DATE_RE.fullmatch(line.strip(STAMP_BRACKETS)) is not None
        or COUNT_LABEL_RE.fullmatch(line) is not None
    )


def _menu_bar(line: str) -> bool:
    """Whether ``line`` is :data:`MENU_ITEMS` or more short items between separators, however long.

    >>> _menu_bar("首页 | 新闻 | 体育 | 娱乐 | 财经 | 科技 | 汽车 | 房产 | 教育 | 旅游"), _menu_bar("甲 | 乙")
    (True, False)
    """
    items = [item for item in map(str.strip, SEPARATORS_RE.split(line)) if item]
    return len(items) >= MENU_ITEMS and max(map(len, items)) <= MENU_ITEM


def _footer_line(line: str) -> bool:
    """Whether ``line``, with no comma or full stop of prose, holds a copyright, licence or contact notice.

    >>> _footer_line("Copyright © 2005-2023 某某网 版权所有 京ICP备12345678号")
    True
    >>> _footer_line("一篇关于我们学校百年历史的文章，今天在报纸的第四版全文刊发了出来")
    False
    """
    return (
        len(line) <= FOOTER_LINE
        and "，" not in line
        and "。" not in line
        and COPYRIGHT_LINE_RE.search(line) is not None
    )


def _link_or_list(line: str) -> bool:
    """Whether ``line`` (stripped, not ending in punctuation) is a link, navigation or a list item."""
    if ("." in line or ":" in line) and URL_RE.search(line):
        return True
    if len(line) > SHORT_LINE:  # a menu bar and a footer's copyright and licence line run long
        return _menu_bar(line) or _footer_line(line)
    return bool(
        _closed_furniture(line)
        or NAV_RE.search(to_simplified(line))
        or LIST_MARK_RE.match(line)
        or len(SEPARATORS_RE.findall(line)) >= 2
    )


def _dup_shares(parts: list[str]) -> tuple[float, float]:
    """Share of ``parts`` that repeat an earlier part, and share of their characters."""
    if len(parts) < 2 or len(set(parts)) == len(parts):
        return 0.0, 0.0
    seen: Counter[str] = Counter(parts)
    dup = sum(n - 1 for n in seen.values())
    dup_chars = sum((n - 1) * len(p) for p, n in seen.items())
    return dup / len(parts), dup_chars / max(1, sum(map(len, parts)))


__all__ = [
    "LINE_END_CHARS",
    "LINE_SENTENCE_END_CHARS",
    "LIST_ITEM_BULLETS",
    "SHORT_LINE",
    "LineCounts",
    "line_counts",
    "paragraphs",
]
