"""Character width normalization that is safe for Chinese.

Full-width digits and Latin letters (``１９９８``, ``ＣＰＵ``) are the same
characters as ASCII in another width, so they fold to ASCII. Full-width Chinese
punctuation (``，。：；！？（）“”《》％``) is the correct form in Chinese text and is
never folded; the other way round, a half-width ``,;:?!`` or a pair of ``()``
sitting between Chinese characters was typed on the wrong keyboard and widens.
That is why this is not NFKC, which would turn ``，`` into ``,``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from ..chars import fullwidth_alnum_table, halfwidth_to_fullwidth_table
from ..cleaner import Cleaner
from ..edits import Edit, Rewrite, sub_edits
from ..patterns import (
    CJK_CHAR_RE,
    FULLWIDTH_ALNUM_RE,
    HALFWIDTH_MARKS,
    HALFWIDTH_PARENS_RE,
    HALFWIDTH_PUNCT_RE,
)
from ..protected import edit_unprotected

#: Full-width digits and letters to ASCII, and the full-width point to ``.``
#: (the pattern only lets it in between two full-width digits: ``１．５``).
_NARROW = {**fullwidth_alnum_table(), ord("．"): "."}
_WIDE = halfwidth_to_fullwidth_table(",;:?!()")


def _is_cjk(ch: str) -> bool:
    return CJK_CHAR_RE.match(ch) is not None


def fold_alnum_edits(text: str) -> Iterator[Edit]:
    """The edits :func:`fold_fullwidth_alnum` makes."""
    for m in FULLWIDTH_ALNUM_RE.finditer(text):
        yield Edit(m.start(), m.end(), m.group().translate(_NARROW))


def _fold(text: str) -> str:
    parts = FULLWIDTH_ALNUM_RE.split(text)  # text between runs, a run, text between runs...
    parts[1::2] = [run.translate(_NARROW) for run in parts[1::2]]
    return "".join(parts)


def fold_rewrite(text: str) -> Rewrite:
    """The fold of :func:`fold_fullwidth_alnum` as a rewrite: the new text now, its edits on demand."""
    return Rewrite(text, _fold(text), lambda: fold_alnum_edits(text))


def fold_fullwidth_alnum(text: str) -> str:
    """Turn full-width digits and Latin letters into ASCII; leave punctuation as it is.

    ``７％`` becomes ``7％``: ``％`` is full-width punctuation, like ``，``, and
    Chinese typesetting uses it with either width of digits, so it stays.

    >>> fold_fullwidth_alnum("新华社北京１２月３１日电，ＧＤＰ增长７．８％。")
    '新华社北京12月31日电，GDP增长7.8％。'
    """
    return edit_unprotected(text, fold_rewrite(text))


def _widen_mark(m: regex.Match[str], widened: frozenset[int] = frozenset()) -> str:
    """The mark of ``m`` widened, with the spaces after it gone, when a CJK character stands before it.

    ``widened`` holds the positions of ``)`` that widen in the same pass: a ``）`` is CJK too.
    """
    start, found = m.start(), str(m.group())
    if start == 0 or not (_is_cjk(m.string[start - 1]) or start - 1 in widened):
        return found
    return found[0].translate(_WIDE)  # spaces after the mark go with it


def _parens_edits(text: str) -> Iterator[Edit]:
    for m in HALFWIDTH_PARENS_RE.finditer(text):
        start, end = m.span()
        if (start > 0 and _is_cjk(text[start - 1])) or (end < len(text) and _is_cjk(text[end])):
            # only the two marks change, so edits inside (full-width digits) do not overlap
            yield Edit(start, start + 1, "（")
            yield Edit(end - 1, end, "）")


def widen_punct_edits(text: str) -> Iterator[Edit]:
    """The edits :func:`widen_cjk_punctuation` makes."""
    if not any(mark in text for mark in HALFWIDTH_MARKS):
        return
    parens = list(_parens_edits(text)) if "(" in text else []
    yield from parens
    # "北京(城市),我们": the comma follows a ")" that widens now, so it widens now too
    widened = frozenset(e.start for e in parens[1::2])
    yield from sub_edits(HALFWIDTH_PUNCT_RE, lambda m: _widen_mark(m, widened), text)


def widen_cjk_punctuation(text: str) -> str:
    """Widen a half-width ``,;:?!`` between CJK characters, and ``()`` around CJK text.

    A mark widens only with a CJK character on both sides (spaces after it go
    too), so ``3:00``, ``190.1万``, ``1,000``, URLs and English sentences stay.
    Parentheses widen as a pair, when CJK text fills them edge to edge and a
    CJK character sits outside: ``(1)`` and ``(China)`` stay, and a lone
    ``(`` is left alone rather than half-converted.

    >>> widen_cjk_punctuation("回望98年的奋斗历程,我们党之所以能够取得胜利, 根本原因(一)")
    '回望98年的奋斗历程，我们党之所以能够取得胜利，根本原因（一）'
    >>> widen_cjk_punctuation("时间3:00, see https://x.cn/a?b=1 (1)第一")
    '时间3:00, see https://x.cn/a?b=1 (1)第一'

    URLs, e-mail addresses, mentions, hashtags, paths and code stay as they
    are (:mod:`corpusclean.protected`):

    >>> widen_cjk_punctuation("见https://zh.wikipedia.org/wiki/北京(城市)")
    '见https://zh.wikipedia.org/wiki/北京(城市)'
    """
    return edit_unprotected(text, widen_punct_edits(text))


class NormalizeWidth(Cleaner):
    """Fold full-width digits and letters to ASCII; widen half-width ``,;:?!()`` between CJK characters.

    Before: ``"１９９８年的历程,我们党"``; after: ``"1998年的历程，我们党"``.
    Full-width Chinese punctuation is never folded, and URLs, e-mail addresses,
    mentions, hashtags, file paths and code are left as they are.
    """

    name = "normalize_width"
    keeps_tokens = True

    def __init__(self, *, fold_alnum: bool = True, widen_punct: bool = True) -> None:
        self.fold_alnum = fold_alnum
        self.widen_punct = widen_punct

    def find_edits(self, text: str) -> Iterable[Edit]:
        widen = list(widen_punct_edits(text)) if self.widen_punct else []
        if not self.fold_alnum:
            return widen
        if not widen:  # the common case: only the fold, which removes nothing; edits on demand
            return fold_rewrite(text)
        return [*fold_alnum_edits(text), *widen]


__all__ = ["NormalizeWidth", "fold_fullwidth_alnum", "widen_cjk_punctuation"]
