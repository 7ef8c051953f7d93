"""What the typo detector must leave alone: numbers, non-Han text, pairs where both words are right,
spans that are part of a longer word or name, spans that straddle two words.

>>> both_correct("制订", "制定"), both_correct("出行", "初心")
(True, False)
>>> bool(NUMERAL_TABLE[ord("三")]), bool(NUMERAL_TABLE[ord("山")])
(True, False)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container
from functools import cache

import numpy as np

from .readings import CODE_POINTS

#: Characters that write numbers: a slip between 十 and 时 is not worth the false flags
#: on dates and amounts (一九九八年, 十二月三十一日).
NUMERALS = "〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟"

#: Pairs of words that sound alike and are both correct, each in its own sense
#: (which one is meant depends on meaning, not on how often each appears).
BOTH_CORRECT_PAIRS: tuple[tuple[str, ...], ...] = (
    ("制定", "制订"),
    ("权利", "权力"),
    ("必须", "必需"),
    ("其他", "其它"),
    ("做出", "作出"),
    ("截止", "截至"),
    ("反映", "反应"),
    ("启用", "起用"),
    ("定金", "订金"),
    ("法制", "法治"),
    ("利害", "厉害"),
    ("界限", "界线"),
    ("实行", "施行", "实施"),
    ("事实", "实事"),
    ("工夫", "功夫"),
    ("人士", "人世"),
    ("需要", "须要"),
    ("以致", "以至"),
    ("形式", "形势"),
    ("化妆", "化装"),
    ("发愤", "发奋"),
    ("交代", "交待"),
    ("品位", "品味"),
    ("意义", "异议"),
    ("申明", "声明"),
    ("查询", "查寻"),
    ("考查", "考察"),
    ("检查", "检察"),
    ("爆发", "暴发"),
    ("年轻", "年青"),
    ("部署", "布署"),
    ("他们", "她们", "它们"),
)


@cache
def _pairs() -> frozenset[frozenset[str]]:
    return frozenset(
        frozenset((a, b)) for group in BOTH_CORRECT_PAIRS for a in group for b in group if a != b
    )


def both_correct(word: str, other: str) -> bool:
    """True when ``word`` and ``other`` are a known pair of sound-alike words that are both correct."""
    return frozenset((word, other)) in _pairs()


def _table(chars: str) -> np.ndarray:
    table = np.zeros(CODE_POINTS, dtype=bool)
    table[[ord(ch) for ch in chars]] = True
    return table


NUMERAL_TABLE = _table(NUMERALS)


@cache
def is_han_table() -> np.ndarray:
    """True at the code point of every CJK unified ideograph (the candidates for a slip).

    Built from ``unicodedata`` names over the CJK blocks, so ASCII, digits,
    punctuation and markup are never candidates.
    """
    table = np.zeros(CODE_POINTS, dtype=bool)
    for lo, hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x2A6DF)):
        points = [cp for cp in range(lo, hi + 1) if unicodedata.name(chr(cp), "").startswith("CJK UNIFIED")]
        table[points] = True
    return table


def overlaps_longer_word(text: str, start: int, end: int, long_words: Container[str]) -> bool:
    """True when a listed word of three or four characters overlaps ``text[start:end]``.

    Inside an idiom, a set phrase or a name (再接再厉, 胡志明), or straddling its
    edge (明主 of 胡志明主席), a span is part of something longer that the
    writer meant as a whole.

    >>> words = frozenset({"胡志明", "再接再厉"})
    >>> overlaps_longer_word("读胡志明主席的信", 3, 5, words), overlaps_longer_word("主席的信", 0, 2, words)
    (True, False)
    """
    for size in (3, 4):
        for first in range(max(0, start - size + 1), end):
            if text[first : first + size] in long_words:
                return True
    return False


def between_two_words(text: str, start: int, is_word: Callable[[str], bool]) -> bool:
    """True when the two-character span at ``start`` ends one word and starts the next.

    In 我国礼貌 the span 国礼 closes 我国 and opens 礼貌: it is two halves of two
    words, not a word of its own, and a sound-alike of it (国历) is no correction.

    >>> words = {"我国", "礼貌"}.__contains__
    >>> between_two_words("在我国礼貌长期", 2, words), between_two_words("在国礼上", 1, words)
    (True, False)
    """
    return start >= 1 and is_word(text[start - 1 : start + 1]) and is_word(text[start + 1 : start + 3])


#: A character is a surname when the word list's three-character names of people that start
#: with it are, together, at least this many times as frequent as the character as a word of its own.
SURNAME_SHARE = 1.0
#: ... and when at least this many such names start with it (so that one famous name does not
#: make a surname).
SURNAME_MIN_NAMES = 5


@cache
def surname_table() -> np.ndarray:
    """True at the code point of every surname (:func:`common_surnames`).

    Read from ``jieba``'s word list through the shipped reference: its
    three-character names tagged ``nr``, ``nrfg`` or ``nrt``, and the frequency
    of each character as a word of one character. So the table comes from data,
    not from a pasted list. Counting names alone would make surnames of 和, 于
    and 大, which start hundreds of names (和珅) but are far more often a word of
    their own: a character after them is seldom a given name. 孟, 邢 and 葛 start
    fewer names, but are seldom anything else.
    """
    from .reference import PERSON, reference  # here: the reference reads this module through ngrams

    ref = reference()
    first = ref.chars[:, 0].astype(np.int64)
    freqs = ref.freqs.astype(np.float64)
    names, alone = (ref.lengths == 3) & ((ref.tags & PERSON) != 0), ref.lengths == 1
    name_counts = np.bincount(first[names], minlength=CODE_POINTS)
    name_freqs = np.bincount(first[names], weights=freqs[names], minlength=CODE_POINTS)
    alone_freqs = np.bincount(first[alone], weights=freqs[alone], minlength=CODE_POINTS)
    return np.asarray((name_counts >= SURNAME_MIN_NAMES) & (name_freqs >= SURNAME_SHARE * alone_freqs))


@cache
def common_surnames() -> frozenset[str]:
    """The characters that the word list uses more to start a person's name than as a word alone.

    >>> {"王", "李", "张", "孟", "邢"} <= common_surnames(), {"的", "和", "于", "大"} & common_surnames()
    (True, set())
    """
    return frozenset(map(chr, np.flatnonzero(surname_table()).tolist()))


def in_name_shape(
    text: str, start: int, is_word: Callable[[str], bool], surnames: Container[str] | None = None
) -> bool:
    """True when ``text[start]`` is one or two characters after a surname that opens no word.

    Given names are any characters at all, so a rare character after 王 or 李
    is far more often a name (王珣章, 李喜华) than a slip. A surname character
    that forms a word with its right or left neighbour (王国, 称王) is taken as
    part of that word instead. ``surnames`` defaults to :func:`common_surnames`.

    >>> words = {"提高", "高效"}.__contains__
    >>> in_name_shape("记者王珣章报道", 3, words), in_name_shape("提高笑率", 2, words)
    (True, False)
    """
    surnames = common_surnames() if surnames is None else surnames
    for at in (start - 1, start - 2):
        if at < 0 or text[at] not in surnames:
            continue
        if is_word(text[at : at + 2]) or (at >= 1 and is_word(text[at - 1 : at + 1])):
            continue
        return True
    return False


#: A character that makes a word at least this common (in the word list) with a neighbour,
#: as written, is no non-word slip: 任 of 负责任 (责任), 住 of 守不住 (不住).
COMMON_WORD_FREQ = 1000


def makes_common_word(text: str, at: int, freq: Callable[[str], int]) -> bool:
    """True when ``text[at]`` forms a common two-character word with its left or right neighbour.

    >>> freq = {"责任": 5946, "负责": 13745}.get
    >>> [makes_common_word(t, at, lambda w: freq(w, 0)) for t, at in (("负责任", 2), ("工作己划", 2))]
    [True, False]
    """
    left, right = text[max(0, at - 1) : at + 1], text[at : at + 2]
    return max(freq(left), freq(right)) >= COMMON_WORD_FREQ


def written_again(text: str, at: int) -> bool:
    """True when ``text[at]`` with its left or its right neighbour occurs again elsewhere in ``text``.

    A slip is an accident; a pair the writer writes twice is meant, as in a
    parallel construction (为政之要……落实之要; 为党之责、强党之志 after 怀忧党之心).

    >>> written_again("为政之要，贵在落实。落实之要，重在执行", 2), written_again("我们要制定工作己划", 7)
    (True, False)
    """
    pairs = [p for p in (text[max(0, at - 1) : at + 1], text[at : at + 2]) if len(p) == 2]
    return any(text.count(p) >= 2 for p in pairs)


#: The longest parenthesis (inside the marks) that :func:`in_byline` takes for a byline.
BYLINE_CHARS = 15
#: A short parenthesis that closes a paragraph (（记者诸葛仓麟）, （辛闻）, （新华社供稿）), or that
#: follows the 电 or 讯 of a dispatch line (新华社北京1月22日电（记者苏会志、冯瑛冰）, 本报讯（记者 ...）).
BYLINE_RE = re.compile(
    rf"(?<=[电讯])[（(][^（()）\n]{{1,{BYLINE_CHARS}}}[）)]"
    rf"|[（(][^（()）\n]{{1,{BYLINE_CHARS}}}[）)][ \t\u3000]*(?:\n|$)"
)


def in_byline(text: str, start: int, end: int) -> bool:
    r"""True when ``text[start:end]`` is inside a short parenthesis closing a paragraph or opening a dispatch.

    News and web text end a paragraph with its writer or source in brackets, and
    open a dispatch with them (新华社北京1月22日电（记者苏会志、冯瑛冰）今天……):
    names the word lists do not know (诸葛仓麟, 桂运东), often run together, where
    a rare character is a name far more often than a slip.

    >>> in_byline("取得了新进展。（记者诸葛仓麟）\n下一段", 13, 14)
    True
    >>> in_byline("新华社北京1月22日电（记者苏会志、冯瑛冰）今天", 14, 15)
    True
    >>> in_byline("这是（工作己划）的一部分", 5, 6)
    False
    """
    offset = max(0, start - BYLINE_CHARS - 1)
    paragraph_end = text.find("\n", end)
    stop = len(text) if paragraph_end < 0 else paragraph_end + 1
    # searched from ``offset`` in the whole text, so that the look-behind sees the 电 before it
    return any(m.start() < start and end < m.end() for m in BYLINE_RE.finditer(text, offset, stop))
