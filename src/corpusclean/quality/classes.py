"""Every code point's class for quality signals, as one array lookup.

A text's characters become a ``uint8`` class array with one indexing
operation (``CLASS_TABLE[codes]``), and the count of each class is one
``np.bincount``: the shares of Han, punctuation, digits, Latin letters,
symbols and emoji cost the same whatever the mix. The table is built from the
:mod:`regex` module's Unicode properties (never hand-pasted ranges), once per
process, in about a tenth of a second.

>>> classes_of("中文，ab12 ＋\ue000").tolist() == [HAN, HAN, CJK_PUNCT, LATIN, LATIN, DIGIT, DIGIT, SPACE,
...                                               SYMBOL, BROKEN]
True
"""

from __future__ import annotations

from array import array
from functools import cache

import numpy as np
import regex

#: The classes. :func:`class_table` assigns them in the order of :data:`_CLASS_PATTERNS` (a later one wins).
OTHER, SPACE, HAN, CJK_PUNCT, PUNCT, DIGIT, LATIN, LATIN1, SYMBOL, EMOJI, BROKEN = range(11)
N_CLASSES = 11

#: What each class holds, as a pattern over one character; ``BROKEN`` is set by ranges below.
_CLASS_PATTERNS: tuple[tuple[int, str], ...] = (
    (SPACE, r"[\s\p{Zs}\u200b-\u200d\ufeff]"),
    (HAN, r"\p{Han}"),
    (PUNCT, r"\p{P}"),
    # CJK symbols and punctuation, full-width punctuation, and the quotes, dashes, ellipsis and
    # middle dot that Chinese typesetting shares with Western text
    (
        CJK_PUNCT,
        r"[\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
        r"\u2018\u2019\u201c\u201d\u2014\u2026\u00b7]",
    ),
    (DIGIT, r"\p{Nd}"),
    (LATIN, r"[A-Za-z\uff21-\uff3a\uff41-\uff5a]"),
    (SYMBOL, r"[\p{S}]"),
    # letters and signs of U+0080-U+00FF other than the few Chinese text uses (¥ § ° ± · × ÷):
    # GBK bytes read as Latin-1 turn into runs of these
    (LATIN1, r"[\u0080-\u00a4\u00a6\u00a8-\u00af\u00b2-\u00b6\u00b8-\u00d6\u00d8-\u00f6\u00f8-\u00ff]"),
    (EMOJI, r"[\p{Extended_Pictographic}\u200d\ufe0f\U0001f1e6-\U0001f1ff]"),
)
#: Private-use areas and the replacement character: what a failed decoding leaves.
_BROKEN_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0x10FFFF), (0xFFFD, 0xFFFD))


@cache
def class_table() -> np.ndarray:
    """The class of every code point, as a ``uint8`` array of 0x110000 entries."""
    table = np.zeros(0x110000, dtype=np.uint8)
    # planes 0 to 3 as one string, built in C; everything classed here lives in them
    planes = array("I", range(0x40000)).tobytes().decode("utf-32-le", "surrogatepass")
    for cls, pattern in _CLASS_PATTERNS:
        for m in regex.finditer(f"{pattern}+", planes):
            table[m.start() : m.end()] = cls
    for first, last in _BROKEN_RANGES:
        table[first : last + 1] = BROKEN
    return table


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as a ``uint32`` array (one C-level copy)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def classes_of(text: str) -> np.ndarray:
    """The class of each character of ``text``."""
    return np.asarray(class_table()[code_points(text)])
