"""Compiled regular expressions, one place for all of them (``*_RE`` names).

Patterns are compiled once at import. Character classes are built from named
pieces so that a reader can see what each range is. Patterns a user gives (in a
recipe) are compiled with :func:`compile_user_pattern`, which runs every search
with a time limit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

from .chars import (
    char_class,
    fullwidth_alnum_table,
    han_ranges,
    line_separators,
    stray_controls,
    unicode_spaces,
    white_space,
    zero_width_chars,
)
from .errors import PatternTimeoutError, RecipeError

# -- character classes -----------------------------------------------------------
#: Han ideographs (all CJK Unified Ideographs blocks and the compatibility block).
HAN = r"\p{Han}"
#: The same class for the standard :mod:`re` module, which has no script classes.
HAN_CLASS = f"[{han_ranges()}]"
#: CJK punctuation and full-width forms that sit between Chinese characters.
CJK_PUNCT = (
    r"\u3000-\u303f"  # CJK symbols and punctuation: 、。〈〉《》「」『』【】〔〕
    r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"  # full-width punctuation: ！（），．：；？
    r"\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"  # ‘’“”—…·
)

# -- lines and paragraphs (normalize_lines) -------------------------------------
#: Leading or trailing white space of the document, or a run of line breaks with
#: the horizontal white space before them (trailing spaces, blank lines).
LINE_BREAK_RUN_RE = regex.compile(r"\A\s+|\s+\Z|(?:[^\S\r\n]*(?:\r\n?|\n))+")

# -- spaces and width (normalize_spaces, normalize_width) ------------------------
#: Horizontal spaces: ASCII space, tab, NBSP, U+3000 and every other space separator.
SPACES = char_class(unicode_spaces())
#: The same without the plain ASCII space (a run containing one always needs work).
ODD_SPACES = char_class(unicode_spaces().replace(" ", ""))
#: Zero-width characters and stray control characters: nothing a reader sees.
INVISIBLE = char_class(zero_width_chars() + stray_controls())
#: CJK characters that never take a space between them: Han, kana, CJK punctuation.
#: Hangul is not here on purpose: Korean separates words with spaces.
CJK = HAN + r"\p{Hiragana}\p{Katakana}" + CJK_PUNCT

#: Characters other than ``\r`` and ``\n`` that end a line (vertical tab, form feed, U+2028...).
LINE_SEPARATORS = char_class(line_separators())
LINE_SEPARATOR_RE = regex.compile(f"[{LINE_SEPARATORS}]")
#: White space but the line break ``\n``: spaces, tab, ``\r``, line separators (as
#: :meth:`str.isspace` has it, which counts a little more than the :mod:`regex` ``\s``).
INLINE_SPACE = char_class(white_space().replace("\n", ""))
#: One white-space character inside a line (sentences hold none of them unless it matches).
INLINE_SPACE_RE = re.compile(f"[{INLINE_SPACE}]")
#: A line that ends in white space (a space, a tab, U+3000, a ``\r``...): with a ``\r``
#: elsewhere, three line breaks in a row or white space at either end of the text, what
#: :data:`LINE_BREAK_RUN_RE` would change. A text with none of them skips that scan.
#: (It matches the line break and looks behind it for the space: :mod:`re` finds a pattern
#: that opens with one literal character by a fast search for it, about five times faster
#: here than trying a class of spaces at every character.)
LINE_END_SPACE_RE = re.compile(f"\n(?<=[{INLINE_SPACE}]\n)")
#: A run of spaces and invisible characters that may need work: one that holds an
#: unusual space or an invisible character, two or more ASCII spaces, a space at
#: the edge of a line, or a space next to a CJK character. A single ASCII space
#: between Latin words does not match, so English text costs almost nothing.
SPACE_GAP_RE = regex.compile(
    rf"[{SPACES}{INVISIBLE}]*[{ODD_SPACES}{INVISIBLE}][{SPACES}{INVISIBLE}]*"
    rf"| {{2,}}| (?<=(?:^|[\r\n{LINE_SEPARATORS}]) )| (?=[\r\n{LINE_SEPARATORS}]|$)"
    rf"| (?<=[{CJK}] )| (?=[{CJK}])"  # each branch starts with a character, so scanning is fast
)
#: Any character :data:`SPACE_GAP_RE` could start with: a text without one skips the scan.
#: The standard :mod:`re` module finds one in a character class faster than :mod:`regex`.
SPACE_WORK_RE = re.compile(f"[{SPACES}{INVISIBLE}{LINE_SEPARATORS}]")
#: One CJK character (tested on the neighbours of a space or a mark).
CJK_CHAR_RE = regex.compile(f"[{CJK}]")
#: One Han ideograph (not punctuation).
HAN_CHAR_RE = regex.compile(f"[{HAN}]")
#: A run of Han ideographs (counting runs is several times faster than counting characters).
HAN_RUN_RE = regex.compile(f"[{HAN}]+")
#: What makes a line running text rather than a headline: sentence punctuation or Latin letters.
RUNNING_TEXT_RE = regex.compile(r"[。！？!?…；;A-Za-z]")
#: ZWJ and ZWNJ join or part letters in emoji sequences and some scripts.
JOINER_CHARS = "\u200c\u200d"

#: A run of full-width digits and Latin letters (``１９９８``, ``ＣＰＵ``); a
#: full-width point between full-width digits (``１．５``) belongs to the run.
#: (Only character classes, so the faster standard :mod:`re` runs it; the group
#: makes :meth:`re.Pattern.split` keep the runs. The run is written ``[x][x]*``, not
#: ``[x]+``: :mod:`re` skips ahead to a possible start with a fast scan only when a
#: pattern opens with a single character class, which halves the cost of the split.)
_FULLWIDTH_ALNUM = f"[{char_class(''.join(map(chr, fullwidth_alnum_table())))}]"
FULLWIDTH_ALNUM_RE = re.compile(rf"({_FULLWIDTH_ALNUM}{_FULLWIDTH_ALNUM}*(?:．(?=[０-９])[０-９]+)*)")
#: A half-width ``,;:?!`` followed by optional spaces and a CJK character; the
#: cleaner also checks that a CJK character comes before it.
#: The half-width marks :data:`HALFWIDTH_PUNCT_RE` and :data:`HALFWIDTH_PARENS_RE` start with.
#: Looking for each with ``in`` (a C loop over the text) is several times faster than a
#: pattern scan, and Chinese text usually has none of them.
HALFWIDTH_MARKS = ",;:?!("
HALFWIDTH_PUNCT_RE = regex.compile(rf"[,;:?!][{SPACES}]*(?=[{CJK}])")
#: A pair of half-width parentheses on one line with CJK text at both inner edges.
HALFWIDTH_PARENS_RE = regex.compile(rf"\((?=[{CJK}])[^()\n]*(?<=[{CJK}])\)")

# -- markup (strip_html) ------------------------------------------------------------
#: Something that looks like a tag, a comment or a doctype: ``<p>``, ``</div>``,
#: ``<br/>``, ``<!-- -->``. ``a<b`` and ``x < y`` do not match.
HTML_TAG_RE = regex.compile(
    r"<(?:[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>"  # an opening or empty tag
    r"|/[A-Za-z][\w:-]*\s*>"  # a closing tag
    r"|!--|!(?i:doctype))"  # a comment or a doctype
)
#: A character reference: ``&nbsp;``, ``&#12288;``, ``&#x3000;``.
HTML_ENTITY_RE = regex.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")

# -- sentences (remove_repeats) --------------------------------------------------------
#: One sentence: text up to ``。！？`` or an ellipsis, with the closing quotes and
#: brackets that follow; the rest of a line without a sentence end is one too.
#: (Only character classes, so the faster standard :mod:`re` runs it.) The same
#: sentences as ``[^。！？…\n]*(?:[。！？]+|…+)[”’」』）)]*|[^。！？…\n]+``, with the sentence
#: end made optional instead of a second branch, so a line without one is read once,
#: not twice: 16% faster over the benchmark corpus.
SENTENCE_RE = re.compile(r"(?=[^\n])[^。！？…\n]*(?:(?:[。！？]+|…+)[”’」』）)]*)?")

# -- protected spans (tokens that normalization leaves alone) ---------------------------
#: Characters one of which every protected token holds (``:`` of a URL or a drive, ``@``, ``#``,
#: ``/``, ``\``, a backtick): a text without any of them has no protected span and skips the
#: scan. Looking for each with ``in`` is about three times faster than a pattern's class.
PROTECTED_MARKS = ":@#/\\`"
#: One of :data:`PROTECTED_MARKS` (to find the lines that may hold a token).
PROTECTED_MARK_RE = re.compile(f"[{re.escape(PROTECTED_MARKS)}]")
#: Where a URL (or a path) written in Chinese text stops: white space, zero-width characters, code,
#: quotes, brackets and the full-width punctuation around it. Half-width ``()`` stay in
#: (``/wiki/北京(城市)``).
_TOKEN_STOP = rf"\s{INVISIBLE}`<>\"'“”‘’「」『』【】《》〈〉（），。；！？、"
#: Latin letters and digits in both widths: one of them right before ``@``, a scheme, a drive
#: letter or a ``/`` makes it part of a word, not the start of a token. (Both widths, since
#: ``normalize_width`` folds one into the other and a token must not appear or vanish when it does.)
_ALNUM_BOTH_WIDTHS = "A-Za-z0-9Ａ-Ｚａ-ｚ０-９"
#: A URL with a scheme or ``www.``, Chinese in its path included; a final ``.,;:!?`` is the
#: sentence's, not the URL's.
URL_RE = re.compile(
    rf"(?<![{_ALNUM_BOTH_WIDTHS}])(?:(?:https?|ftp)://|www\.)[^{_TOKEN_STOP}]*[^{_TOKEN_STOP}.,;:!?]"
)
#: An e-mail address (its local part in ASCII, so ``联系abc@x.cn`` finds ``abc@x.cn``).
EMAIL_RE = re.compile(
    rf"(?<![{_ALNUM_BOTH_WIDTHS}._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,}}"
)
#: A Weibo topic, closed by a second ``#``: ``#北京冬奥会#`` (no white space inside).
WEIBO_TOPIC_RE = re.compile(r"#[^#\s]{1,60}#")
#: A mention ``@小红同学`` (a nickname of letters, digits, Han, ``_``, ``-`` or ``·``), not the
#: middle of an e-mail address; the space after it ends it.
MENTION_RE = re.compile(rf"(?<![{_ALNUM_BOTH_WIDTHS}._%+-])@[\w·-]{{1,30}}")
#: A hashtag ``#tag`` ended by a space or punctuation (not ``C#``, not ``&#12288;``).
HASHTAG_RE = re.compile(r"(?<![\w&#])#[\w-]{1,50}")
#: A Windows path: ``C:\Users\张三\文档``, or a network path ``\\server\share``.
WINDOWS_PATH_RE = re.compile(rf"(?:(?<![{_ALNUM_BOTH_WIDTHS}])[A-Za-z]:|\\\\[\w.-]+)\\[^{_TOKEN_STOP}:|?*]*")
#: A Unix path: ``/usr/local/bin`` (two parts at least), ``~/data/``, ``./run.sh``; not
#: ``和/或``, ``1/2`` or ``km/h`` (one part, or a Latin letter or digit before the slash).
UNIX_PATH_RE = re.compile(
    rf"(?<![{_ALNUM_BOTH_WIDTHS}_/.~:-])(?:(?:~|\.{1, 2})/|/(?=[\w.-]+/))(?:[\w.-]+/)*[\w.-]*"
)
#: Code: a fenced block (```` ``` ```` to ```` ``` ````) or an inline span in backticks.
CODE_RE = re.compile(r"```.*?```|`[^`\n]+`", re.S)
#: The protected tokens, in the order they are tried at each position (code first: a URL
#: inside backticks is part of the code).
PROTECTED_TOKENS = (
    CODE_RE,
    URL_RE,
    EMAIL_RE,
    WEIBO_TOPIC_RE,
    MENTION_RE,
    HASHTAG_RE,
    WINDOWS_PATH_RE,
    UNIX_PATH_RE,
)
#: The characters a protected token can start with.
PROTECTED_TOKEN_FIRST = r"A-Za-z0-9._%+\-`#@\\/~"
#: Every protected token. The lookahead of the first characters changes nothing it finds (a test
#: checks) but makes the scan about ten times faster on Chinese text: :mod:`re` skips ahead to
#: a possible start instead of trying every alternative at every character.
PROTECTED_SPAN_RE = re.compile(
    f"(?=[{PROTECTED_TOKEN_FIRST}])(?:{'|'.join(p.pattern for p in PROTECTED_TOKENS)})", re.S
)
#: The white space and invisible characters after a token, when more text follows on its line:
#: they end the token (``@小红同学 你好``), and removing them would join the next word to it.
TOKEN_SEPARATOR_RE = re.compile(rf"(?:[^\S\n]|[{INVISIBLE}])+(?=[^\s{INVISIBLE}])")

# -- structured lines (remove_repeats leaves them alone) ---------------------------------
#: A field line ``label：value`` at the start of a line: a label of up to twelve characters
#: without spaces or punctuation (``地点``, ``发动机型式``, ``Label``), a colon and a value that
#: does not open with a quotation mark (``他说：“……”`` is speech, not a field).
FIELD_LINE_RE = re.compile(r"[^\s，。！？；：:、,.;!?“”‘’「」『』（）()]{1,12}[：:][^\S\n]*(?![“‘「『\"'])\S")
#: A list marker at the start of a line: ``1、``, ``2.``, ``（三）``, ``(a)``, ``一、``, ``①``,
#: ``●``, ``- `` (a number followed by a digit, ``1.5亿``, is not one).
LIST_MARKER_RE = re.compile(
    r"[（(](?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3}|[A-Za-z])[）)]"
    r"|(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3}|[A-Za-z])(?:[、)）]|[.．](?![0-9０-９]))"
    r"|[\u2460-\u2473\u2474-\u249b•·●○◦▪■□◆◇►▶★☆※]|[-*+][^\S\n]"
)
#: The marks that end a prose sentence (closing quotes and brackets may follow them).
PROSE_END_RE = re.compile(r"(?:[。！？]|…)[”’」』）)]*$")
#: A run of word characters (Han, letters, digits): what a line's shape leaves out.
WORD_RUN_RE = re.compile(r"\w+")
#: What separates the cells of a table row written as text: a run of white space, a ``|``,
#: a field colon.
CELL_SEPARATOR_RE = re.compile(r"[\s|｜：:]")

# -- flags (flag_redactions, flag_punctuation) -------------------------------------------
#: Titles and offices that a Latin ``X`` placeholder stands before (``X书记``, ``XX同志``);
#: a list, so that ``X光``, ``X射线`` and ``XX-200`` are never taken for placeholders.
_TITLE_WORDS = (
    "书记 同志 主任 局长 处长 科长 部长 厅长 省长 市长 县长 "
    "区长 乡长 镇长 村长 厂长 校长 院长 所长 经理 董事长 总裁 "
    "主席 委员 先生 女士 老师 同学 师傅 机关 单位 公司 集团 省 "
    "市 县 区 镇 乡 村 街道 医院 学校 大学 银行"
)
REDACTED_TITLES: tuple[str, ...] = tuple(_TITLE_WORDS.split())
_TITLES = "|".join(sorted(REDACTED_TITLES, key=len, reverse=True))
_LATIN_OR_DIGIT = r"A-Za-z0-9Ａ-Ｚａ-ｚ０-９"
#: ``X书记``, ``XX同志``, ``ＸＸ市``: Latin X's and the title after them, not inside a Latin word or number.
X_PLACEHOLDER_RE = regex.compile(rf"(?<![{_LATIN_OR_DIGIT}\-_./])(?:[Xx]{{1,3}}|[Ｘｘ]{{1,3}})(?:{_TITLES})")
#: Chinese numerals, and the circle that years use as a zero (``二○○二年``).
_CHINESE_NUMERAL = "〇零一二三四五六七八九十百千万○"
#: ``×××``, ``张××``, ``○○``: multiplication signs not between numbers (``3×4`` is arithmetic),
#: circles not inside a Chinese number (``二○○二年``), with a title after them.
CROSS_PLACEHOLDER_RE = regex.compile(
    rf"(?<![{_LATIN_OR_DIGIT}])×+(?![{_LATIN_OR_DIGIT}])(?:{_TITLES})?"
    rf"|(?<![{_LATIN_OR_DIGIT}{_CHINESE_NUMERAL}])○{{2,}}(?![{_LATIN_OR_DIGIT}{_CHINESE_NUMERAL}年])(?:{_TITLES})?"
)
#: ``某某``: a doubled 某 (a single 某 is an ordinary word: 某些, 某种), with a title after it.
MOUMOU_RE = regex.compile(rf"某{{2,}}(?:{_TITLES})?")
#: ``*机关``: one to three asterisks before a Chinese word, not after a word (a footnote mark)
#: and not closed again on the line (Markdown emphasis ``**重点**``), with a title after them.
ASTERISK_PLACEHOLDER_RE = regex.compile(
    rf"(?<![\w*＊])[*＊]{{1,3}}(?={HAN})(?![^*＊\n]{{1,40}}[*＊])(?:{_TITLES})?"
)
#: The quote and bracket marks flag_punctuation pairs, opening mark to closing mark.
PAIRED_MARKS: dict[str, str] = {
    "“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "《": "》", "【": "】",
}  # fmt: skip
#: Any of the paired marks.
PAIRED_MARK_RE = regex.compile("[" + regex.escape("".join(k + v for k, v in PAIRED_MARKS.items())) + "]")
#: Any of the paired marks, or a line break (for the quick balance check; the standard
#: :mod:`re` module collects them from a whole text about twice as fast as :mod:`regex`).
PAIRED_MARK_OR_BREAK_RE = re.compile(PAIRED_MARK_RE.pattern[:-1] + "\n]")
#: An opening mark right before its closing mark (what the quick balance check takes away).
ADJACENT_PAIR_RE = re.compile("|".join(re.escape(k + v) for k, v in PAIRED_MARKS.items()))
#: A line break inside a hard-wrapped paragraph (web and e-mail text cut at a fixed width): the
#: line before it does not end a sentence (。！？…；, maybe followed by closing marks), or the
#: line after it opens with punctuation no sentence starts with (，。”）…). Not a blank line.
WRAPPED_BREAK_RE = re.compile(
    r"(?<![。！？!?…；;\n])(?<![。！？!?…；;][”’）)》】」』])\n(?=[^\n])"
    r"|(?<!\n)\n(?=[，、。；：！？,;:!?”’）)》】」』])"
)

# -- whole web pages (extract_main_text, decode_html) -------------------------------
# The encoding patterns work on bytes: they run before the page is decoded.
#: The legacy crawl wrapper ``<text id=URL title=... encoding=...>`` at the start of a page.
PAGE_WRAPPER_RE = regex.compile(rb"\A\s*<text\b[^>]*?\bencoding\s*=\s*[\"']?([\w.:-]*)", regex.I)
#: The same wrapper as decoded text, with the whole opening tag.
PAGE_WRAPPER_TEXT_RE = regex.compile(r"\A\s*<text\b[^>]*\bencoding\s*=[^>]*>", regex.I)
#: An ``</html>`` end tag: lxml's HTML parser stops reading at the first one, and pages that
#: paste in a header template hold one before their article.
HTML_END_TAG_RE = regex.compile(r"</html\s*>", regex.I)
#: An XML declaration with an encoding: ``<?xml version="1.0" encoding="gbk"?>``.
XML_ENCODING_RE = regex.compile(rb"\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']?([\w.:-]+)", regex.I)
#: A ``<meta>`` tag; its charset is read by :data:`META_CHARSET_RE` inside it.
META_TAG_RE = regex.compile(rb"<meta\b[^>]*>", regex.I)
#: ``charset=gbk`` in a meta tag, in either form (``<meta charset>`` or http-equiv content).
META_CHARSET_RE = regex.compile(rb"""charset\s*=\s*["']?\s*([\w.:-]+)""", regex.I)
#: Script and style bodies and comments, whose ``charset`` text must never be trusted.
RAW_TEXT_RE = regex.compile(
    rb"<script\b.*?(?:</script\s*>|\Z)|<style\b.*?(?:</style\s*>|\Z)|<!--.*?(?:-->|\Z)", regex.I | regex.S
)
#: A whole page: an ``<html>`` or ``<body>`` start tag, or the legacy crawl wrapper.
WHOLE_PAGE_RE = regex.compile(r"<(?:html|body)\b|\A\s*<text\b[^>]*\bencoding\s*=", regex.I)
#: One Han character (counted per block: prose is mostly Han).
HAN_RE = regex.compile(HAN)
#: CJK sentence punctuation, the mark of running prose (menus and link lists have almost none).
CJK_PUNCT_MARK_RE = regex.compile(r"[，。！？；：、“”]")
#: A run of white space inside a block (folded to one space).
SPACE_RUN_RE = regex.compile(r"[\s\u00a0\u3000]+")
#: A class or id naming page furniture: menus, footers, sidebars, comments, share bars, ads,
#: the feedback boxes under an article (``feedback_box``, ``action-dislike``, ``uninterested``),
#: an account's or author's profile card and the tipping box (``profile_meta``, ``reward_area``).
BOILERPLATE_HINT_RE = regex.compile(
    r"nav|menu|footer|sidebar|comment|related|share|copyright|breadcrumb|crumb|banner|toolbar"
    r"|advert|login|recommend|friendlink|hotnews|feedback|dislike|uninterest|profile|reward|donate|author"
    r"|(?<![a-z])(?:foot|side|ads?|tags?|links?|rank|reply)(?![a-z])",
    regex.I,
)
#: A class or id naming the article body.
CONTENT_HINT_RE = regex.compile(
    r"article|content|entry|detail|story|zhengwen|endtext|artibody|maintext|newstext"
    r"|(?<![a-z])(?:post|text|txt|body|main)(?![a-z])",
    regex.I,
)


def notice_label(labels: str) -> str:
    """A pattern for the contact label of a notice (``labels``, an alternation) that opens its
    line or a sentence and is followed by a colon or the number: ``举报电话：010-…``,
    ``违法和不良信息举报电话 12377``, never the ``开通举报电话，`` of a sentence that reports a hotline.

    >>> bool(regex.search(notice_label("举报电话"), "侵权必究。举报电话：010-12345678"))
    True
    >>> bool(regex.search(notice_label("举报电话"), "同时开通举报电话，实行举报奖励。"))
    False
    """
    # the label first and what opens it behind: a scan for the label is many times faster
    opens = r"(?:\A[^\p{Han}]{0,4}|[，。；！？\s])(?:[^\s，。；！？、]{0,8}?信息)?"  # 违法和不良信息…
    return rf"(?:{labels})(?<={opens}(?:{labels}))\s*[:：0-9０-９]"


#: A copyright, licence or contact line of a page footer.
COPYRIGHT_LINE_RE = regex.compile(
    r"版权所有(?!者|人|权)|copyright|©|\(c\)\s*\d{4}|ICP[备证]|公网安备|联系我们|关于我们|免责声明|法律声明"
    rf"|广告服务|网站地图|违法和不良信息|{notice_label('举报电话')}|未经授权.{{0,8}}(?:转载|复制)|版权(?:声明|归)"
    r"|禁止.{0,6}转载|转载.{0,10}(?:请联系|须注明|申请)",
    regex.I,
)
#: A share, print or font-size bar.
SHARE_LINE_RE = regex.compile(
    r"分享到|打印本页|打印此文|关闭窗口|[【\[](?:打印|关闭|收藏)[】\]]|收藏本文|加入收藏|推荐给(?:好友|朋友)"
    r"|字号[:：]?\s*[大中小]"
)
#: The heading of a related-articles list.
RELATED_LINE_RE = regex.compile(
    r"\A\W*(?:相关(?:新闻|文章|阅读|链接|报道|专题|评论|推荐|资讯)|推荐阅读|延伸\W{0,3}(?:阅读|推荐)|热门(?:文章|推荐|新闻)|猜你喜欢"
    r"|为你推荐|为您推荐|你可能(?:会)?喜欢|(?:热点|精彩)推荐|上一篇|下一篇)"
)
#: The heading of a comment section: ``4,060 条评论``, ``0条评论|0人参与网友评论``, ``热门评论``,
#: ``评论（12）``, ``发表评论``, ``登录后发表评论``; a short line with no sentence in it.
COMMENT_HEADING_RE = regex.compile(
    r"\A\W*(?:[\d,]+\s*条评论|(?:网友|热门|最热|最新|精彩|全部|读者|用户)评论|评论(?:区|列表)?\s*(?:[(（]\s*[\d,]+\s*[)）])?\Z"
    r"|发表(?:评论|你的看法)|我要评论|我来说两句|写评论|登录后(?:发表|评论|参与))"
)
#: A publication date: ``2005年8月16日``, ``2005-08-16 09:30``, ``2005/8/16``.
PAGE_DATE_RE = regex.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})[:：](\d{2})(?:[:：]\d{2})?)?(?!\d)"
)
#: A byline: ``作者：张三``, ``记者 李四``, ``文/王五``.
PAGE_AUTHOR_RE = regex.compile(
    r"(?:作者|记者|撰文|撰稿|编辑|(?<![\p{Han}])文)\s*[:：/]\s*"
    r"((?:[\p{Han}·]{2,5}|[A-Za-z][\w.\- ]{1,30}?)(?:[、，, ]+[\p{Han}·]{2,4}){0,3})(?=$|[\s　)）\]】|,，])"
)
#: Where a ``<title>`` joins the headline and the site name: ``_``, ``|``, ``--``, `` - ``,
#: ``»``, ``>``, ``::``; a hyphen with a space on one side (``CCTV.com- 央视论坛``) too.
SITE_NAME_SEPARATOR_RE = regex.compile(r"\s*(?:_|\||｜|-{2,}|——|»|›|>|::|\s[-–—]\s?|(?<=\S)[-–—]\s)\s*")
#: A ``<title>`` part that names no article: a domain, a "powered by" line, a placeholder
#: (``null``, ``1``, ``首页``), a short name ending like a site, channel or forum name, or a
#: portal's channel (``网易娱乐``).
SITE_TITLE_PART_RE = regex.compile(
    r"\A(?:(?:https?://)?(?:[\w-]+\.)+(?:com|cn|net|org|gov|edu|info|cc|tv|me|io|hk|tw)\b\S*"
    r"|.*\bpowered\s+by\b.*|null|none|undefined|untitled|无标题|首页|主页|[\W\d_]*|[A-Za-z\d]{1,3}"
    r"|.{0,10}?(?:网|网站|官网|官方网站|论坛|社区|博客|频道|门户|在线|bbs|BBS|Blog|blog|首页|主页)"
    r"|(?:网易|新浪|搜狐|腾讯|凤凰|新华|人民|央视|百度|天涯|和讯|中新)\p{Han}{0,4})\Z",
    regex.I,
)
#: A line that says when the page was published: ``发布时间：``, ``发表于``, ``日期：``,
#: ``来源：新华网 2005-08-16``; only such lines (and the page's metadata) give ``metadata.date``.
DATE_LABEL_RE = regex.compile(
    r"(?:发布|发表|更新|上传|录入|添加|发帖|刊发|出版)(?:时间|日期|于)|发表于|发布于|(?<![\p{Han}])(?:时间|日期)\s*[:：]"
    r"|来源\s*[:：]|作者\s*[:：]|记者|编辑\s*[:：]|责任编辑|浏览|点击|阅读\s*[:：(（\d]|posted|published",
    regex.I,
)
#: A byline or dateline: ``编辑：李楠``, ``2022-02-13 07:00 来源：央广网``, ``发布时间：...``.
BYLINE_LINE_RE = regex.compile(
    r"\A\W*(?:责任编辑|编辑|作者|记者|来源|出处|发布时间|发布日期|更新时间|时间|日期)\s*[:：]"
    r"|(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}.{0,30}(?:来源|作者|记者|编辑|发布|浏览|点击|阅读)"
)
#: Sentence punctuation that no byline or dateline contains.
PROSE_PUNCT_RE = regex.compile(r"[，。？！；?!]")

# -- duplicates (mark_duplicates, remove_common_paragraphs) ------------------------------
#: A run of characters NFKC changes whatever their neighbours, punctuation and
#: spaces left out (folded by the patterns below): full-width letters and digits,
#: circled numbers, compatibility ideographs. NFKC on these runs alone gives NFKC's
#: result at a seventh of its cost on Chinese text.
DEDUP_COMPAT_RUN_RE = regex.compile(r"[[\p{NFKC_QC=N}]--[\p{P}\s]]+", flags=regex.V1)
#: A combining mark or a character that may compose with the one before it: where
#: one occurs, NFKC has to see the whole text.
DEDUP_COMBINING_RE = regex.compile(r"[\p{M}\p{NFKC_QC=M}]")
#: White space and invisible format characters (zero-width spaces, BOM): dropped
#: from the comparison form, so spacing never decides whether texts are the same.
DEDUP_SPACE_RE = regex.compile(r"[\s\p{Cf}]+")
#: A run of punctuation: one mark in the comparison form, so ``。”`` equals ``”。``.
DEDUP_PUNCT_RUN_RE = regex.compile(r"\p{P}+")
#: A paragraph: a line with something on it (common paragraphs are counted per line).
PARAGRAPH_RE = regex.compile(r"[^\n]*\S[^\n]*")

# -- user-supplied patterns (recipes) ---------------------------------------------------
#: Seconds one search of a user-supplied pattern may take on one text. Built-in
#: patterns need no limit: they are written and tested here not to backtrack.
USER_PATTERN_TIMEOUT = 2.0


@dataclass(frozen=True)
class UserPattern:
    """A user-supplied pattern whose every search runs with a time limit.

    It has the reading methods of a compiled pattern (``search``, ``match``,
    ``fullmatch``, ``finditer``, ``sub``), with the same arguments, so it can
    stand wherever a built-in ``*_RE`` pattern is used. A search that runs out
    of time raises :class:`~corpusclean.errors.PatternTimeoutError`
    naming the pattern and where it came from, instead of hanging the run.
    """

    pattern: regex.Pattern[str]
    source: str
    timeout: float = USER_PATTERN_TIMEOUT

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        """Like :meth:`regex.Pattern.search`, within the time limit."""
        return self._timed(self.pattern.search, text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        """Like :meth:`regex.Pattern.match`, within the time limit."""
        return self._timed(self.pattern.match, text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        """Like :meth:`regex.Pattern.fullmatch`, within the time limit."""
        return self._timed(self.pattern.fullmatch, text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
        """Like :meth:`regex.Pattern.finditer`; the time limit covers the whole scan."""
        matches = self.pattern.finditer(text, pos, endpos, timeout=self.timeout)
        while True:
            try:
                found = next(matches)
            except StopIteration:
                return
            except TimeoutError:
                raise self._timed_out(text) from None
            yield found

    def sub(self, replacement: str | Callable[[regex.Match[str]], str], text: str, count: int = 0) -> str:
        """Like :meth:`regex.Pattern.sub`, within the time limit."""
        try:
            result: str = self.pattern.sub(replacement, text, count, timeout=self.timeout)
        except TimeoutError:
            raise self._timed_out(text) from None
        return result

    def _timed(
        self, method: Callable[..., regex.Match[str] | None], text: str, pos: int, endpos: int | None
    ) -> regex.Match[str] | None:
        try:
            return method(text, pos, endpos, timeout=self.timeout)
        except TimeoutError:
            raise self._timed_out(text) from None

    def _timed_out(self, text: str) -> PatternTimeoutError:
        return PatternTimeoutError(
            f"the pattern {self.pattern.pattern!r} from {self.source} ran longer than "
            f"{self.timeout:g} s on a text of {len(text):,} characters; it probably backtracks "
            "catastrophically (a repeat inside a repeat, like (a|aa)+): rewrite it without nested "
            "repeats, or anchor it to a line"
        )


def compile_user_pattern(
    pattern: str, *, source: str, flags: int = 0, timeout: float = USER_PATTERN_TIMEOUT
) -> UserPattern:
    """Compile a pattern a user gave (``source`` says where, for messages) with a time limit.

    A pattern that does not compile raises :class:`~corpusclean.errors.RecipeError`.

    >>> pattern = compile_user_pattern(r"^本报讯", source="remove_headers.patterns[0]")
    >>> pattern.search("本报讯 北京").group()
    '本报讯'
    >>> compile_user_pattern("(", source="recipe.toml [remove_headers] patterns[1]")
    Traceback (most recent call last):
    ...
    corpusclean.errors.RecipeError: recipe.toml [remove_headers] patterns[1]: the pattern '(' is not ...
    """
    try:
        compiled = regex.compile(pattern, flags)
    except (regex.error, TypeError) as exc:
        raise RecipeError(
            f"{source}: the pattern {pattern!r} is not a valid regular expression ({exc}); fix it"
        ) from None
    return UserPattern(compiled, source, timeout)
