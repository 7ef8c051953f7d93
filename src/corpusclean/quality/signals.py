"""Cheap per-document quality signals for Chinese text, computed on characters.

:func:`quality_signals` returns one flat dict of numbers (the dict that
``score_quality`` writes to ``metadata["quality"]``); :data:`SIGNALS` says what
each key means. Nothing here splits on whitespace or asks ``isalpha``: shares
are over characters, classed by one array lookup (:mod:`.classes`);
repetition is counted over character n-grams (:mod:`.repetition`); fluency
uses the pairs of jieba's word list (:mod:`.fluency`).

>>> s = quality_signals("床前明月光，疑是地上霜。\\n举头望明月，低头思故乡。")
>>> s["han_chars"], s["han_share"], s["punct_end_line_share"], s["dup_line_share"]
(20, 0.8333, 1.0, 0.0)
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import numpy as np
import regex

from . import classes as c
from .fluency import known_pair_share, known_pairs
from .repetition import repetition_shares

#: Each signal and what it measures. Shares are in [0, 1]; "characters" never count spaces.
SIGNALS: dict[str, str] = {
    "length": "characters of the text, white space included (tells whether the signals fit a text)",
    "chars": "characters other than white space",
    "han_chars": "Han characters",
    "lines": "non-empty lines",
    "han_share": "Han characters / characters",
    "cjk_punct_share": "CJK and full-width punctuation / characters",
    "punct_end_line_share": "lines ending in punctuation that ends a sentence or a clause, or opening "
    "with a bullet (a list item) / lines",
    "mean_line_length": "characters / non-empty lines",
    "mean_sentence_length": "characters / sentences (runs ending in 。！？!? or …)",
    "dup_line_share": "lines that repeat an earlier line / lines",
    "dup_line_char_share": "characters in lines that repeat an earlier line / characters",
    "dup_paragraph_share": "paragraphs (blocks between blank lines) that repeat an earlier one / paragraphs",
    "dup_paragraph_char_share": "characters in repeated paragraphs / characters",
    "top_2gram_share": "characters in the most common character 2-gram (punctuation, symbols left out)",
    "top_3gram_share": "the same for 3-grams",
    "top_4gram_share": "the same for 4-grams",
    "dup_5gram_share": "characters covered by repeats of a character 5-gram seen before",
    "dup_8gram_share": "the same for 8-grams",
    "dup_13gram_share": "the same for 13-grams",
    "symbol_share": "symbols (math, currency, arrows, dingbats; emoji apart) / characters",
    "digit_share": "digits (any width) / characters",
    "latin_share": "Latin letters (any width) / characters",
    "emoji_share": "emoji / characters",
    "link_list_share": "characters in link-like or list-like lines (URLs, navigation, bullets) / characters",
    "stop_char_share": "common function characters (的, 了, 是, 在, ...) / Han characters",
    "broken_share": "private-use characters and U+FFFD / characters",
    "latin1_share": "characters of U+0080-U+00FF Chinese text does not use / characters (GBK as Latin-1)",
    "gbk_mojibake_share": "Han characters that are UTF-8 Chinese read as GBK / Han characters (first 500)",
    "misplaced_punct_share": "clause marks opening a line or after another clause mark / clause marks",
    "verse_line_share": "lines of just five or just seven Han characters (classical verse, couplets) / lines",
    "fluency": "adjacent Han pairs found inside a word of jieba's word list / adjacent Han pairs",
}

#: Frequent function characters of Chinese, modern and classical (FineWeb-2 asks for two
#: stop words in Mandarin; a character share is the equivalent without a segmenter).
STOP_CHARS = "的了是在和有我你不这也就都他们为到说要着以与之而其吗呢吧"

#: Punctuation that can end a line of running text (a sentence, a clause, a quotation).
LINE_END_CHARS = frozenset("。！？!?…；;：:，,、.”’」』）)》】")
#: Bullets that open the items of a list in Chinese typesetting (``●一九九七年，……``): an item
#: longer than :data:`SHORT_LINE` may be several sentences and need not end in punctuation.
#: (``·``, ``-`` and ``*`` are left out: menus use them; short bulleted lines are menus and ads.)
LIST_ITEM_BULLETS = frozenset("●■◆▲")
#: What ends a sentence; a run of them (``！？``, ``……``) ends one sentence.
SENTENCE_END_CHARS = "。！？!?…"
#: Clause punctuation; one is out of place opening a line or after another (``，。``) or an
#: opening mark (``（，``), as when the words of a text were shuffled with their punctuation.
CLAUSE_MARKS = "，。、；：？！"
_OPENERS = "（“《\n"
#: The marks a character can carry (four bits), and the characters that carry each.
_SENTENCE_END, _CLAUSE, _OPENER, _EMPHASIS = 1, 2, 4, 8
_MARKS = (
    (SENTENCE_END_CHARS, _SENTENCE_END),
    (CLAUSE_MARKS, _CLAUSE),
    (_OPENERS, _OPENER),
    ("。！？", _EMPHASIS),  # repeated, these are emphasis (！！, 。。。), not disorder
)

# A character's properties, one uint16 looked up once per character: its class
# (:mod:`.classes`) in bits 0-3, its marks in bits 4-7, bit 8 for a stop character and
# bit 9, the highest, for a letter (neither white space nor punctuation nor a symbol: what
# the repetition measures count; ``~~~~`` or ``★★★`` is decoration, not a repeated word),
# so that ``props >= _LETTER_BIT`` picks the letters.
_MARK_SHIFT, _STOP_BIT, _LETTER_BIT, _PROPERTIES = 4, 1 << 8, 1 << 9, 1 << 10
#: The marks of each property value.
_MARKS_OF = ((np.arange(_PROPERTIES) >> _MARK_SHIFT) & 15).astype(np.uint8)


def _with_bit(counts: np.ndarray, bit: int) -> int:
    """Of ``counts`` by property value, the sum over the values that have ``bit`` (a power of two).

    >>> _with_bit(np.arange(8), 2)  # values 2, 3, 6, 7
    18
    """
    return int(counts.reshape(-1, 2, bit)[:, 1].sum())


def _pair_tally() -> np.ndarray:
    """What each pair of neighbours' marks (``prev << 4 | next``) adds to: sentences, misplaced marks.

    A sentence starts at a sentence end after something else (a run ``！？`` is one); a clause
    mark is misplaced after an opener or a clause mark, unless both are marks of emphasis.
    """
    prev, cur = np.arange(256) >> 4, np.arange(256) & 15
    starts = (cur & _SENTENCE_END > 0) & (prev & _SENTENCE_END == 0)
    emphasis = (cur & _EMPHASIS > 0) & (prev & _EMPHASIS > 0)
    misplaced = (cur & _CLAUSE > 0) & (prev & (_CLAUSE | _OPENER) > 0) & ~emphasis
    return np.stack((starts, misplaced), axis=1).astype(np.int64)


_PAIR_TALLY = _pair_tally()


@cache
def properties_table() -> np.ndarray:
    """Every code point's properties (class, marks, stop character, letter) as a ``uint16`` array."""
    classes = c.class_table()
    table = classes.astype(np.uint16)
    table[~np.isin(classes, (c.SPACE, c.PUNCT, c.CJK_PUNCT, c.SYMBOL))] |= _LETTER_BIT
    for chars, bit in _MARKS:
        table[[ord(ch) for ch in chars]] |= bit << _MARK_SHIFT
    table[[ord(ch) for ch in STOP_CHARS]] |= _STOP_BIT
    return table


URL_RE = re.compile(r"https?://|www\.|\.(?:com|cn|net|org|cc|top|html?)\b", re.I)
#: Navigation and footer phrases of Chinese web pages; they count only on a short line
#: without end punctuation, so "注册资本" in a sentence is not navigation.
NAV_RE = re.compile(
    "首页|上一页|下一页|上一篇|下一篇|返回顶部|返回首页|返回列表|版权所有|版权声明|[Cc]opyright|©|ICP|备案号|"
    "关于我们|联系我们|网站地图|免责声明|设为首页|加入收藏|登录|注册|点击进入|点击查看|更多|打印本页|关闭窗口|"
    "责任编辑|相关新闻|相关阅读|相关文章|热门推荐|分享到|扫一扫|评论|发表于|浏览次数|阅读数|当前位置"
)
LIST_MARK_RE = re.compile(r"\s*(?:[•·●○■□◆◇▪►▶★☆>»\-*]|\d{1,3}[.、)）]|[（(]\d{1,3}[)）])")
SEPARATORS_RE = re.compile(r"[|｜/>»›]|\s{2,}|\t")
#: A line this short (characters) with no end punctuation may be navigation or a list item.
SHORT_LINE = 30


def _link_or_list(line: str) -> bool:
    """Whether ``line`` (stripped, not ending in punctuation) is a link, navigation or a list item."""
    if ("." in line or ":" in line) and URL_RE.search(line):
        return True
    if len(line) > SHORT_LINE:
        return False
    return bool(NAV_RE.search(line) or LIST_MARK_RE.match(line) or len(SEPARATORS_RE.findall(line)) >= 2)


def _verse_lines(lines: list[str]) -> int:
    """How many of ``lines`` are a line of classical verse: five or seven Han characters, nothing else."""
    return sum(len(line) in (5, 7) and _VERSE_RE.fullmatch(line) is not None for line in lines)


def _dup_shares(parts: list[str]) -> tuple[float, float]:
    """Share of ``parts`` that repeat an earlier part, and share of their characters."""
    if len(parts) < 2 or len(set(parts)) == len(parts):
        return 0.0, 0.0
    seen: Counter[str] = Counter(parts)
    dup = sum(n - 1 for n in seen.values())
    dup_chars = sum((n - 1) * len(p) for p, n in seen.items())
    return dup / len(parts), dup_chars / max(1, sum(map(len, parts)))


#: Characters read for the mojibake test: a document mis-decoded at all is mis-decoded from the start.
MOJIBAKE_SAMPLE = 500


def gbk_mojibake_share(text: str) -> float:
    """The share of the text's Han characters that are UTF-8 Chinese read as GBK.

    UTF-8 Chinese read as GBK (``浜烘皯`` for ``人民``) turns back into Chinese
    when encoded as GBK and decoded as UTF-8: three Han characters of the real
    text for every two Han characters of the mojibake. Real Chinese encoded as
    GBK rarely forms a valid UTF-8 sequence that decodes to Han. Only the first
    :data:`MOJIBAKE_SAMPLE` characters are read.

    >>> gbk_mojibake_share("人民日报社论")
    0.0
    >>> gbk_mojibake_share("人民日报社论".encode("utf-8").decode("gbk", "replace")) > 0.8
    True
    """
    head = text[:MOJIBAKE_SAMPLE]
    return _gbk_mojibake_share(head, _han_count(head))


def _gbk_mojibake_share(head: str, han: int) -> float:
    """:func:`gbk_mojibake_share` of ``head``, the sample, which has ``han`` Han characters."""
    if not han:
        return 0.0
    back = head.encode("gb18030", "ignore").decode("utf-8", "replace")
    return min(1.0, _han_count(back) * 3 / 2 / han)


def _han_count(text: str) -> int:
    return int(np.count_nonzero(c.class_table()[c.code_points(text)] == c.HAN))


def preload_tables() -> None:
    """Build the character tables and the fluency table now (workers forked later share them)."""
    properties_table()
    known_pairs()


def quality_signals(text: str) -> dict[str, float]:
    """Every signal of :data:`SIGNALS` for ``text``, rounded to four places.

    One table lookup gives each character's class, marks and stop-character
    bit; one ``bincount`` of those, and one of the marks of neighbouring pairs,
    give every count; the repetition measures share one sort.
    """
    codes = c.code_points(text)
    props = properties_table()[codes]
    counts = np.bincount(props, minlength=_PROPERTIES)
    by_class = counts.reshape(-1, 16).sum(axis=0).tolist()  # the class is the low four bits
    han, stops = by_class[c.HAN], _with_bit(counts, _STOP_BIT)
    clause_marks = _with_bit(counts, _CLAUSE << _MARK_SHIFT)
    chars = len(codes) - by_class[c.SPACE]
    per_char = 1 / chars if chars else 0.0
    # the marks of each character and the one before it (a line break before the first)
    marks = np.concatenate(([np.uint8(_OPENER)], _MARKS_OF[props]))
    sentences, misplaced = (np.bincount((marks[:-1] << 4) | marks[1:], minlength=256) @ _PAIR_TALLY).tolist()
    if misplaced:  # a run of three or more of one mark (，，，) is typed ellipsis, not disorder
        misplaced -= sum(m.end() - m.start() - 1 for m in _MARK_RUN_RE.finditer(text))
    han_mask = (props & 15) == c.HAN
    tops_and_dups = repetition_shares(codes[props >= _LETTER_BIT])
    lines = [s for s in (line.strip() for line in text.split("\n")) if s]
    unpunctuated = [line for line in lines if line[-1] not in LINE_END_CHARS]
    unfinished = [s for s in unpunctuated if s[0] not in LIST_ITEM_BULLETS or len(s) <= SHORT_LINE]
    paragraphs = [p.strip() for p in _BLANK_LINE_RE.split(text) if p.strip()]
    dup_line, dup_line_chars = _dup_shares(lines)
    dup_par, dup_par_chars = _dup_shares(paragraphs)
    head = text[:MOJIBAKE_SAMPLE]
    signals = {
        "length": len(text),
        "chars": chars,
        "han_chars": han,
        "lines": len(lines),
        "han_share": han * per_char,
        "cjk_punct_share": by_class[c.CJK_PUNCT] * per_char,
        "punct_end_line_share": (len(lines) - len(unfinished)) / len(lines) if lines else 0.0,
        "mean_line_length": chars / len(lines) if lines else 0.0,
        "mean_sentence_length": chars / max(1, sentences),
        "dup_line_share": dup_line,
        "dup_line_char_share": dup_line_chars,
        "dup_paragraph_share": dup_par,
        "dup_paragraph_char_share": dup_par_chars,
        **dict(zip(_REPETITION_SIGNALS, tops_and_dups, strict=True)),
        "symbol_share": by_class[c.SYMBOL] * per_char,
        "digit_share": by_class[c.DIGIT] * per_char,
        "latin_share": by_class[c.LATIN] * per_char,
        "emoji_share": by_class[c.EMOJI] * per_char,
        "link_list_share": sum(len(line) for line in unpunctuated if _link_or_list(line))
        / (sum(map(len, lines)) or 1),
        "stop_char_share": stops / han if han else 0.0,
        "broken_share": by_class[c.BROKEN] * per_char,
        "latin1_share": by_class[c.LATIN1] * per_char,
        "gbk_mojibake_share": _gbk_mojibake_share(head, int(np.count_nonzero(han_mask[: len(head)])))
        if han
        else 0.0,
        "misplaced_punct_share": misplaced / clause_marks if clause_marks else 0.0,
        "fluency": known_pair_share(codes, han_mask) if han > 1 else 0.0,
        "verse_line_share": _verse_lines(lines) / len(lines) if lines else 0.0,
    }
    return {k: v if isinstance(v, int) else round(v, 4) for k, v in signals.items()}


_REPETITION_SIGNALS = (
    "top_2gram_share",
    "top_3gram_share",
    "top_4gram_share",
    "dup_5gram_share",
    "dup_8gram_share",
    "dup_13gram_share",
)
_BLANK_LINE_RE = re.compile(r"\n\s*\n")
#: Three or more of one clause mark but the marks of emphasis, which the pair tally already spares.
_MARK_RUN_RE = re.compile(r"([，、；：])\1\1+")
#: A line of classical verse or of a couplet: five or seven Han characters (五言, 七言).
_VERSE_RE = regex.compile(r"\p{Han}{5}|\p{Han}{7}")


__all__ = [
    "LINE_END_CHARS",
    "LIST_ITEM_BULLETS",
    "SIGNALS",
    "STOP_CHARS",
    "gbk_mojibake_share",
    "preload_tables",
    "properties_table",
    "quality_signals",
]
