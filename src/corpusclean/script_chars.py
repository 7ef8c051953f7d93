"""The characters only one script writes, and the Simplified form of each Traditional one.

The word lists the engines read (jieba's, the typo reference) are Simplified.
Folded to Simplified one character for one (``為`` → ``为``), a Traditional
text reads the same words: the fluency of :mod:`corpusclean.quality` and its
navigation phrases then judge 為人民服務 as they judge 为人民服务.

The characters are what OpenCC says (``t2s`` changes a Traditional-only
character; ``s2t``, ``s2tw`` and ``s2hk`` all change a Simplified-only one),
derived by :func:`corpusclean.cleaners.script.script_markers_from_opencc` and
shipped in the package's ``script_markers.txt``: reading them loads no OpenCC
converter (building them takes about 0.3 s and 40 MB).

>>> to_simplified("為人民服務，著書立說")
'为人民服务，著书立说'
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import NamedTuple

import numpy as np

#: The package data file that holds the markers (``corpusclean/data``).
SCRIPT_MARKERS_FILE = "script_markers.txt"


class ScriptMarkers(NamedTuple):
    """The characters only one script writes."""

    #: Characters OpenCC's ``t2s`` changes, in code-point order.
    traditional: str
    #: Characters ``s2t``, ``s2tw`` and ``s2hk`` all change, in code-point order (none of ``traditional``).
    simplified: str
    #: What ``t2s`` makes of each character of :attr:`traditional`, one character for one.
    simplified_of: str


@cache
def shipped_script_markers() -> ScriptMarkers:
    """The markers of the package's data file."""
    text = resources.files("corpusclean.data").joinpath(SCRIPT_MARKERS_FILE).read_text(encoding="utf-8")
    fields = dict(line.split("\t", 1) for line in text.splitlines() if "\t" in line)
    return ScriptMarkers(fields["traditional"], fields["simplified"], fields["simplified_of"])


@cache
def _simplified_translation() -> dict[int, int]:
    markers = shipped_script_markers()
    return {ord(t): ord(s) for t, s in zip(markers.traditional, markers.simplified_of, strict=True)}


def to_simplified(text: str) -> str:
    """``text`` with each Traditional-only character replaced by its Simplified form.

    One character for one, so positions are kept; no phrase is rewritten
    (OpenCC's ``t2s`` does that: use :func:`corpusclean.cleaners.script.convert_script`
    to convert a text for good).
    """
    return text.translate(_simplified_translation())


def either_script(pattern: str) -> str:
    """A regular expression of literal Simplified phrases that also matches them in Traditional.

    Each character with Traditional forms becomes a class of it and them (one
    character for one, so the phrases keep their length). Only for patterns
    whose Han characters stand outside any class, as in a list of phrases.

    >>> import re
    >>> either_script("首页|关于我们")
    '首[页頁]|[关關][于於]我[们們]'
    >>> bool(re.fullmatch(either_script("首页|关于我们"), "首頁"))
    True
    """
    forms = _traditional_forms()
    return "".join(f"[{ch}{forms[ch]}]" if ch in forms else ch for ch in pattern)


@cache
def _traditional_forms() -> dict[str, str]:
    """The Traditional characters that fold to each Simplified one."""
    markers = shipped_script_markers()
    forms: dict[str, str] = {}
    for traditional, simplified in zip(markers.traditional, markers.simplified_of, strict=True):
        forms[simplified] = forms.get(simplified, "") + traditional
    return forms


@cache
def simplified_code_table() -> np.ndarray:
    """By code point, the code point of its Simplified form (its own where it has none), ``uint32``.

    >>> table = simplified_code_table()
    >>> chr(table[ord("國")]), chr(table[ord("国")]), chr(table[ord("a")])
    ('国', '国', 'a')
    """
    table = np.arange(0x110000, dtype=np.uint32)
    folded = _simplified_translation()
    table[list(folded)] = list(folded.values())
    return table


__all__ = [
    "SCRIPT_MARKERS_FILE",
    "ScriptMarkers",
    "either_script",
    "shipped_script_markers",
    "simplified_code_table",
    "to_simplified",
]
