"""The characters only one script writes, and the Simplified form of each Traditional one.

The word lists and patterns the engines read (jieba's, the typo reference,
the furniture and header rules, the personal-data cues) are Simplified.
Folded to Simplified one character for one (``為`` → ``为``), a Traditional
text reads the same words, and every position found in the folded text is a
position of the text as written: the engines judge 為人民服務 as they judge
为人民服务, and report spans of the text they were given. :func:`detect_script`
says which script a text is mostly written in.

The characters are what OpenCC says (``t2s`` changes a Traditional-only
character, and ``hk2s`` the standard forms of Hong Kong that ``t2s`` leaves,
such as 衞; ``s2t``, ``s2tw`` and ``s2hk`` all change a Simplified-only one),
derived by :func:`corpusclean.cleaners.script.script_markers_from_opencc` and
shipped in the package's ``script_markers.txt``: reading them loads no OpenCC
converter (building them takes about 0.3 s and 40 MB). Only :func:`to_traditional`,
which converts words back for a Traditional text, and :func:`read_as_simplified`,
which reads a mostly Traditional text through ``t2s`` for typo flagging, load one.

>>> to_simplified("為人民服務，著書立說")
'为人民服务，著书立说'
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import NamedTuple

import numpy as np
import opencc

#: The package data file that holds the markers (``corpusclean/data``).
SCRIPT_MARKERS_FILE = "script_markers.txt"


class ScriptMarkers(NamedTuple):
    """The characters only one script writes."""

    #: Characters OpenCC's ``t2s`` or ``hk2s`` changes, in code-point order.
    traditional: str
    #: Characters ``s2t``, ``s2tw`` and ``s2hk`` all change, in code-point order (none of ``traditional``).
    simplified: str
    #: What ``t2s`` (or ``hk2s``) makes of each character of :attr:`traditional`, one character for one.
    simplified_of: str


@cache
def shipped_script_markers() -> ScriptMarkers:
    """The markers of the package's data file."""
    text = resources.files("corpusclean.data").joinpath(SCRIPT_MARKERS_FILE).read_text(encoding="utf-8")
    fields = dict(line.split("\t", 1) for line in text.splitlines() if "\t" in line)
    return ScriptMarkers(fields["traditional"], fields["simplified"], fields["simplified_of"])


@cache
def script_marker_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns matching one Traditional-only and one Simplified-only character.

    They use the standard :mod:`re`, which matches a class of thousands of
    characters about a thousand times faster than :mod:`regex`.

    >>> traditional_re, simplified_re = script_marker_patterns()
    >>> traditional_re.findall("為中國人民"), simplified_re.findall("为中国人民")
    (['為', '國'], ['为', '国'])
    """
    traditional, simplified, _ = shipped_script_markers()
    return re.compile(f"[{traditional}]"), re.compile(f"[{simplified}]")


@cache
def _enough_han(min_han: int) -> re.Pattern[str]:
    """Matches when a text has at least ``min_han`` Han characters (stops as soon as it has)."""
    han = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
    return re.compile(f"(?:[^{han}]*[{han}]){{{min_han}}}")


def detect_script(text: str, *, min_han: int = 20, sample: int = 2000, threshold: float = 0.95) -> str | None:
    """``"simplified"``, ``"traditional"`` or ``"mixed"``; ``None`` when the text says too little.

    Counts the characters that exist only in one script among the first
    ``sample`` characters. ``None`` for fewer than ``min_han`` Han characters
    or none that only one script has (``中国人民`` is both).

    >>> detect_script("为中国人民谋幸福，为中华民族谋复兴，是中国共产党人的初心和使命。")
    'simplified'
    >>> detect_script("為中國人民謀幸福，為中華民族謀復興，是中國共產黨人的初心和使命。")
    'traditional'
    >>> detect_script("短文") is None
    True
    """
    head = text[:sample]
    if _enough_han(min_han).match(head) is None:
        return None
    traditional_re, simplified_re = script_marker_patterns()
    # Most texts hold markers of one script only, and then one search for each says enough
    # (with a threshold of at most 1, all of one script passes it); counting every marker,
    # the costly part, is needed only for a mix.
    has_trad, has_simp = traditional_re.search(head) is not None, simplified_re.search(head) is not None
    if not (has_trad or has_simp):
        return None
    if not (has_trad and has_simp) and threshold <= 1:
        return "traditional" if has_trad else "simplified"
    trad, simp = len(traditional_re.findall(head)), len(simplified_re.findall(head))
    if simp >= threshold * (trad + simp):
        return "simplified"
    if trad >= threshold * (trad + simp):
        return "traditional"
    return "mixed"


def to_simplified(text: str) -> str:
    """``text`` with each Traditional-only character replaced by its Simplified form.

    One character for one, so every position of the text is a position of the
    result; no phrase is rewritten (OpenCC's ``t2s`` does that: use
    :func:`corpusclean.cleaners.script.convert_script` to convert a text for
    good). A text without a Traditional-only character is returned as it is,
    after one scan.
    """
    if script_marker_patterns()[0].search(text) is None:
        return text
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return simplified_code_table().take(codes).tobytes().decode("utf-32-le", "surrogatepass")


def read_as_simplified(text: str) -> str:
    """``text`` as a Simplified word list reads it, every position kept.

    A text written mostly in Traditional (:func:`detect_script`) is converted by
    OpenCC's ``t2s``, which rewrites words a character-for-character fold leaves
    as they are, all of them Simplified characters too (瞭解 as 了解, 反覆 as
    反复, 想像 as 想象), then folded character for character (:func:`to_simplified`:
    Hong Kong's standard forms such as 衞, which ``t2s`` keeps), when the
    conversion keeps the text's length. Any other text is folded character for
    character only, and a text without a Traditional-only character is
    returned as it is.

    >>> read_as_simplified("我們要瞭解情況"), to_simplified("我們要瞭解情況")
    ('我们要了解情况', '我们要瞭解情况')
    >>> read_as_simplified("瞭望塔")  # no Traditional-only character: read as written
    '瞭望塔'
    """
    if script_marker_patterns()[0].search(text) is None:  # no Traditional-only character: one scan
        return text
    if detect_script(text, min_han=1, threshold=0.5) == "traditional":
        converted = to_simplified(str(_t2s().convert(text)))
        if len(converted) == len(text):
            return converted
    return to_simplified(text)


def to_traditional(text: str) -> str:
    """``text`` converted to Traditional by OpenCC's ``s2t`` (words and phrases too: 计划 → 計劃).

    The converter is loaded on first use.

    >>> to_traditional("计划")
    '計劃'
    """
    return str(_s2t().convert(text))


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def simplified_code_table() -> np.ndarray:
    """By code point, the code point of its Simplified form (its own where it has none), ``uint32``.

    >>> table = simplified_code_table()
    >>> chr(table[ord("國")]), chr(table[ord("国")]), chr(table[ord("a")])
    ('国', '国', 'a')
    """
    markers = shipped_script_markers()
    table = np.arange(0x110000, dtype=np.uint32)
    table[[ord(c) for c in markers.traditional]] = [ord(c) for c in markers.simplified_of]
    return table


__all__ = [
    "SCRIPT_MARKERS_FILE",
    "ScriptMarkers",
    "detect_script",
    "read_as_simplified",
    "script_marker_patterns",
    "shipped_script_markers",
    "simplified_code_table",
    "to_simplified",
    "to_traditional",
]
