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

import numpy as np

from . import classes as c
from .fluency import known_pair_share, known_pairs
from .repetition import duplicated_ngram_shares, top_ngram_shares

#: Each signal and what it measures. Shares are in [0, 1]; "characters" never count spaces.
SIGNALS: dict[str, str] = {
    "length": "characters of the text, white space included (tells whether the signals fit a text)",
    "chars": "characters other than white space",
    "han_chars": "Han characters",
    "lines": "non-empty lines",
    "han_share": "Han characters / characters",
    "cjk_punct_share": "CJK and full-width punctuation / characters",
    "punct_end_line_share": "lines ending in punctuation that ends a sentence or a clause / lines",
    "mean_line_length": "characters / non-empty lines",
    "mean_sentence_length": "characters / sentences (runs ending in 。！？!? or …)",
    "dup_line_share": "lines that repeat an earlier line / lines",
    "dup_line_char_share": "characters in lines that repeat an earlier line / characters",
    "dup_paragraph_share": "paragraphs (blocks between blank lines) that repeat an earlier one / paragraphs",
    "dup_paragraph_char_share": "characters in repeated paragraphs / characters",
    "top_2gram_share": "characters in the most common character 2-gram (punctuation left out)",
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
    "fluency": "adjacent Han pairs found inside a word of jieba's word list / adjacent Han pairs",
}

#: Frequent function characters of Chinese, modern and classical (FineWeb-2 asks for two
#: stop words in Mandarin; a character share is the equivalent without a segmenter).
STOP_CHARS = "的了是在和有我你不这也就都他们为到说要着以与之而其吗呢吧"
_STOP = np.zeros(0x110000, dtype=bool)
_STOP[[ord(ch) for ch in STOP_CHARS]] = True

#: Punctuation that can end a line of running text (a sentence, a clause, a quotation).
LINE_END_CHARS = frozenset("。！？!?…；;：:，,、.”’」』）)》】")
#: What ends a sentence; a run of them (``！？``, ``……``) ends one sentence.
SENTENCE_END_CHARS = "。！？!?…"
#: Clause punctuation; one is out of place opening a line or after another (``，。``) or an
#: opening mark (``（，``), as when the words of a text were shuffled with their punctuation.
CLAUSE_MARKS = "，。、；：？！"
_OPENERS = "（“《\n"
_MARK = np.zeros(0x110000, dtype=np.uint8)
_SENTENCE_END, _CLAUSE, _OPENER, _EMPHASIS = 1, 2, 4, 8
for _chars, _bit in (
    (SENTENCE_END_CHARS, _SENTENCE_END),
    (CLAUSE_MARKS, _CLAUSE),
    (_OPENERS, _OPENER),
    ("。！？", _EMPHASIS),
):
    _MARK[[ord(ch) for ch in _chars]] |= _bit

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


def _link_or_list(line: str, urls: bool) -> bool:
    if line[-1] in LINE_END_CHARS:  # a sentence, even one that names a link
        return False
    if urls and URL_RE.search(line):
        return True
    if len(line) > SHORT_LINE:
        return False
    return bool(NAV_RE.search(line) or LIST_MARK_RE.match(line) or len(SEPARATORS_RE.findall(line)) >= 2)


def _dup_shares(parts: list[str]) -> tuple[float, float]:
    """Share of ``parts`` that repeat an earlier part, and share of their characters."""
    if len(parts) < 2:
        return 0.0, 0.0
    seen: Counter[str] = Counter(parts)
    if len(seen) == len(parts):
        return 0.0, 0.0
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
    han = _han_count(head)
    if not han:
        return 0.0
    back = head.encode("gb18030", "ignore").decode("utf-8", "replace")
    return min(1.0, _han_count(back) * 3 / 2 / han)


def _han_count(text: str) -> int:
    return int(np.count_nonzero(c.class_table()[c.code_points(text)] == c.HAN))


def preload_tables() -> None:
    """Build the character classes and the fluency table now (workers forked later share them)."""
    c.class_table()
    known_pairs()


def quality_signals(text: str) -> dict[str, float]:
    """Every signal of :data:`SIGNALS` for ``text``, rounded to four places."""
    codes = c.code_points(text)
    kinds = c.class_table()[codes]
    counts = np.bincount(kinds, minlength=c.N_CLASSES)
    chars = int(len(codes) - counts[c.SPACE])
    per_char = 1 / chars if chars else 0.0
    han_mask = kinds == c.HAN
    han = int(counts[c.HAN])
    lines = [s for s in (line.strip() for line in text.split("\n")) if s]
    line_chars = sum(map(len, lines)) or 1
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    dup_line, dup_line_chars = _dup_shares(lines)
    dup_par, dup_par_chars = _dup_shares(paragraphs)
    letters = codes[(kinds != c.SPACE) & (kinds != c.PUNCT) & (kinds != c.CJK_PUNCT)]
    top_2, top_3, top_4 = top_ngram_shares(letters)
    dup_5, dup_8, dup_13 = duplicated_ngram_shares(letters, (5, 8, 13))
    marks = _MARK[codes]
    ends = (marks & _SENTENCE_END).astype(bool)
    sentences = int(np.count_nonzero(ends[1:] & ~ends[:-1])) + int(ends[:1].sum())
    clause = (marks & _CLAUSE).astype(bool)
    clause_marks = int(np.count_nonzero(clause))
    # a clause mark opening a line, or after an opener or another, different clause mark
    # (``！！``, ``。。。`` and ``？！`` are emphasis, not disorder; ``，，`` is not)
    after = (marks[:-1] & (_CLAUSE | _OPENER)).astype(bool)
    after &= ~((marks[1:] & _EMPHASIS).astype(bool) & (marks[:-1] & _EMPHASIS).astype(bool))
    misplaced = int(np.count_nonzero(clause[1:] & after)) + int(clause[:1].sum())
    urls = ("." in text or "://" in text) and URL_RE.search(
        text
    ) is not None  # skip the scan when no URL can be
    signals = {
        "length": len(text),
        "chars": chars,
        "han_chars": han,
        "lines": len(lines),
        "han_share": han * per_char,
        "cjk_punct_share": counts[c.CJK_PUNCT] * per_char,
        "punct_end_line_share": sum(line[-1] in LINE_END_CHARS for line in lines) / len(lines)
        if lines
        else 0.0,
        "mean_line_length": chars / len(lines) if lines else 0.0,
        "mean_sentence_length": chars / max(1, sentences),
        "dup_line_share": dup_line,
        "dup_line_char_share": dup_line_chars,
        "dup_paragraph_share": dup_par,
        "dup_paragraph_char_share": dup_par_chars,
        "top_2gram_share": top_2,
        "top_3gram_share": top_3,
        "top_4gram_share": top_4,
        "dup_5gram_share": dup_5,
        "dup_8gram_share": dup_8,
        "dup_13gram_share": dup_13,
        "symbol_share": counts[c.SYMBOL] * per_char,
        "digit_share": counts[c.DIGIT] * per_char,
        "latin_share": counts[c.LATIN] * per_char,
        "emoji_share": counts[c.EMOJI] * per_char,
        "link_list_share": sum(len(line) for line in lines if _link_or_list(line, urls)) / line_chars,
        "stop_char_share": int(np.count_nonzero(_STOP[codes])) / han if han else 0.0,
        "broken_share": counts[c.BROKEN] * per_char,
        "latin1_share": counts[c.LATIN1] * per_char,
        "gbk_mojibake_share": gbk_mojibake_share(text) if han else 0.0,
        "misplaced_punct_share": misplaced / clause_marks if clause_marks else 0.0,
        "fluency": known_pair_share(codes, han_mask) if han > 1 else 0.0,
    }
    return {k: (v if isinstance(v, int) else round(float(v), 4)) for k, v in signals.items()}


__all__ = [
    "LINE_END_CHARS",
    "SIGNALS",
    "STOP_CHARS",
    "gbk_mojibake_share",
    "preload_tables",
    "quality_signals",
]
