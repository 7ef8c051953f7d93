"""The comparison form of a text: what two documents must share to count as the same.

Duplicates are found on a folded copy of the text, never on the text itself, so
folding can be bold here without touching a character of the corpus: width
variants (``ＡＢＣ１２３`` and ``ABC123``), spacing (``中 文`` and ``中文``),
punctuation variants (``，`` and ``,``; ``“”`` and ``""``; ``。”`` and ``”。``)
and the two scripts (``中國經濟`` and ``中国经济``) all compare equal: an article
and its Traditional rendering are one text written twice.

>>> fold_for_comparison("２０２４年，中国　经济。") == fold_for_comparison("2024年, 中國經濟.")
True
"""

from __future__ import annotations

import hashlib
import unicodedata

import regex

from ..patterns import DEDUP_COMBINING_RE, DEDUP_COMPAT_RUN_RE, DEDUP_PUNCT_RUN_RE, DEDUP_SPACE_RE
from ..script_chars import to_simplified

#: What every run of punctuation becomes in the comparison form.
PUNCT_MARK = "，"


def fold_for_comparison(text: str) -> str:
    """Fold width, case, spacing, punctuation and script variants; only for comparing texts.

    NFKC folds full-width Latin letters and digits (it would damage Chinese
    punctuation in a cleaned text, which is why it is used on this copy only;
    on text without combining marks it runs only on the characters it changes);
    Traditional characters become Simplified, one for one
    (:func:`corpusclean.script_chars.to_simplified`); white space and invisible
    format characters go; each run of punctuation becomes one mark, so swapped
    or replaced punctuation does not matter.

    >>> fold_for_comparison("他說：“好！” Ｏｋ ")
    '他说，好，ok'
    """
    if DEDUP_COMBINING_RE.search(text):
        text = unicodedata.normalize("NFKC", text)
    else:
        text = DEDUP_COMPAT_RUN_RE.sub(_nfkc, text)
    text = to_simplified(text).casefold()  # after NFKC, which turns 豈 (U+F900) into 豈 (U+8C48)
    text = DEDUP_SPACE_RE.sub("", text)
    folded: str = DEDUP_PUNCT_RUN_RE.sub(PUNCT_MARK, text)
    return folded


def _nfkc(match: regex.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def text_key(folded: str) -> bytes:
    """A 128-bit key of a folded text: equal keys mean exact duplicates.

    >>> text_key(fold_for_comparison("中文。")) == text_key(fold_for_comparison("中文．"))
    True
    """
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=16).digest()
