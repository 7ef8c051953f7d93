"""Protected spans: URLs, e-mail addresses, mentions, hashtags, file paths and code.

Normalization that is right for Chinese prose breaks these tokens: widening the
``()`` of ``https://zh.wikipedia.org/wiki/北京(城市)`` makes another address,
and dropping the space of ``@小红同学 你好`` makes the mention ``@小红同学你好``.
:func:`protected_spans` finds the tokens and :func:`outside_protected` keeps
edits off them: an edit inside a token is dropped, and white space that ends a
token before more text on its line is never removed (it may become one plain
space). The cleaner base class applies this to the edits of every cleaner that
sets ``keeps_tokens`` (width, spaces, lines, script), and the ``str -> str``
functions of those cleaners through :func:`edit_unprotected`, so no cleaner
writes it again.

>>> from corpusclean.edits import Edit
>>> edit_unprotected("@小红同学 你好", [Edit(5, 6)])
'@小红同学 你好'

Limits: a URL written straight before Chinese text, with no space or
punctuation between (``我在http://x.cn/blog/上维护``), takes that text into its
span, which is then left as it is too; a Weibo topic with a space inside
(``#春节 快乐#``) is read as a hashtag and text; a ``www.`` address without
``/`` or ``:`` is not looked for (nothing in it is changed by normalization).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from .edits import Edit, Rewrite, edit_text
from .patterns import PROTECTED_MARK_RE, PROTECTED_MARKS, PROTECTED_SPAN_RE, TOKEN_SEPARATOR_RE


def protected_spans(text: str) -> list[tuple[int, int]]:
    """The ``[start, end)`` spans of the protected tokens of ``text``, in order.

    A text without any of ``: @ # / \\`` and the backtick has none (:func:`has_protected_marks`).
    Only the lines that hold one are scanned (a token never crosses a line, but
    a fenced code block, which makes the whole text scanned).

    >>> text = "见https://zh.wikipedia.org/wiki/北京(城市)。@小红同学 你好，C# 和 9:00"
    >>> [text[a:b] for a, b in protected_spans(text)]
    ['https://zh.wikipedia.org/wiki/北京(城市)', '@小红同学']
    """
    if not has_protected_marks(text):
        return []
    if "```" in text:
        return [m.span() for m in PROTECTED_SPAN_RE.finditer(text)]
    spans: list[tuple[int, int]] = []
    end = 0
    while (mark := PROTECTED_MARK_RE.search(text, end)) is not None:
        start = text.rfind("\n", 0, mark.start()) + 1
        end = text.find("\n", mark.end())
        end = len(text) if end < 0 else end
        spans.extend(m.span() for m in PROTECTED_SPAN_RE.finditer(text, start, end))
    return spans


def has_protected_marks(text: str) -> bool:
    """Whether ``text`` holds a character that every protected token has one of (a quick check).

    >>> has_protected_marks("北京：首都。"), has_protected_marks("见 https://x.cn")
    (False, True)
    """
    return any(mark in text for mark in PROTECTED_MARKS)


def touches(edit: Edit, starts: list[int], ends: list[int]) -> bool:
    """Whether ``edit`` overlaps one of the sorted spans ``zip(starts, ends)`` (or inserts inside one).

    >>> touches(Edit(4, 6), [0], [5]), touches(Edit(5, 6), [0], [5]), touches(Edit(3, 3, "x"), [0], [5])
    (True, False, True)
    """
    i = bisect_right(starts, edit.start) - 1  # the last span that starts at or before the edit
    if i >= 0 and edit.start < ends[i] and (edit.end > edit.start or edit.start > starts[i]):
        return True
    return i + 1 < len(starts) and starts[i + 1] < edit.end


def _kept(text: str, edits: list[Edit], spans: list[tuple[int, int]]) -> list[Edit]:
    starts, ends = [a for a, _ in spans], [b for _, b in spans]
    kept = sorted((e for e in edits if not touches(e, starts, ends)), key=lambda e: (e.start, e.end))
    kept_starts = [e.start for e in kept]
    for end in set(ends).intersection(kept_starts):  # a token whose separator some edit touches
        separator = TOKEN_SEPARATOR_RE.match(text, end)
        if separator is None:
            continue
        first, last = bisect_left(kept_starts, end), bisect_left(kept_starts, separator.end())
        left = separator.end() - end - sum(e.end - e.start - len(e.replacement) for e in kept[first:last])
        if left <= 0:  # every character of the separator would go: the first edit leaves a plain space
            e = kept[first]
            kept[first] = Edit(e.start, e.end, " " + e.replacement, e.reason)
    return kept


def outside_protected(text: str, edits: Iterable[Edit]) -> Iterable[Edit]:
    """``edits`` of ``text``, kept off its protected tokens.

    An edit inside a token is dropped; one that removes the white space right
    after a token, with more text after it on the line, leaves a plain space
    instead. Most text has no token and gets its edits back as they are (a
    :class:`~corpusclean.edits.Rewrite` stays a rewrite); tokens are looked
    for only when some edit was made.

    >>> from corpusclean.edits import edit_text
    >>> text = "见https://zh.wikipedia.org/wiki/北京(城市)，即(首都)"
    >>> edits = [Edit(i, i + 1, "（" if ch == "(" else "）") for i, ch in enumerate(text) if ch in "()"]
    >>> edit_text(text, outside_protected(text, edits))
    '见https://zh.wikipedia.org/wiki/北京(城市)，即（首都）'
    """
    if isinstance(edits, Rewrite):
        if edits.new == text:
            return edits
    else:
        edits = list(edits)
        if not edits:
            return edits
    spans = protected_spans(text)
    return _kept(text, list(edits), spans) if spans else edits


def edit_unprotected(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with ``edits`` applied as :func:`outside_protected` keeps them.

    What the ``str -> str`` normalizing functions return, so that they agree with their cleaners.

    >>> from corpusclean.edits import Edit
    >>> edit_unprotected("写信给 abc@x.cn　吧", [Edit(3, 4), Edit(12, 13)])
    '写信给abc@x.cn 吧'
    """
    kept = outside_protected(text, edits)
    return kept.new if isinstance(kept, Rewrite) else edit_text(text, kept)


__all__ = ["edit_unprotected", "has_protected_marks", "outside_protected", "protected_spans", "touches"]
