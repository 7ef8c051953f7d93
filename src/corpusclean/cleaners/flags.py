"""Flags for what a person should look at: redaction placeholders and unbalanced punctuation.

Neither is safe to fix by machine. A placeholder (``*机关``, ``X书记``,
``×××``, ``某某``) stands for a name someone took out; a stray ``”`` may be a
typo or the end of a quotation opened in a part of the text that was lost.
Both cleaners leave the text as it is and add a :class:`~corpusclean.document.Flag`.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..cleaner import Cleaner, FoundFlag
from ..patterns import (
    ADJACENT_PAIR_RE,
    ASTERISK_PLACEHOLDER_RE,
    CROSS_PLACEHOLDER_RE,
    MOUMOU_RE,
    PAIRED_MARK_OR_BREAK_RE,
    PAIRED_MARK_RE,
    PAIRED_MARKS,
    WRAPPED_BREAK_RE,
    X_PLACEHOLDER_RE,
)
from ..script_chars import to_simplified

REDACTION = "redaction"
UNBALANCED = "unbalanced_punctuation"

#: Each placeholder pattern with how sure a match is a redaction, what it looks like, and
#: the characters a match starts with: a text without any of them is not searched at all
#: (``in`` finds a character many times faster than a pattern scan, and most text has none).
REDACTION_PATTERNS: tuple[tuple[regex.Pattern[str], float, str, str], ...] = (
    (X_PLACEHOLDER_RE, 0.9, "Latin X in place of a name before a title", "XxＸｘ"),
    (CROSS_PLACEHOLDER_RE, 0.9, "crosses or circles in place of a name", "×○"),
    (MOUMOU_RE, 0.8, "某某 in place of a name", "某"),
    (ASTERISK_PLACEHOLDER_RE, 0.7, "asterisk in place of a name", "*＊"),
)


def find_redactions(text: str) -> Iterator[FoundFlag]:
    """Flags for the redaction placeholders in ``text``, in text order.

    >>> text = "今天，*机关开会，X书记讲话。X光片正常。"
    >>> [text[f.start : f.end] for f in find_redactions(text)]
    ['*机关', 'X书记']
    >>> text = "今天，*機關開會，X書記講話。"
    >>> [text[f.start : f.end] for f in find_redactions(text)]
    ['*機關', 'X書記']
    """
    present = [
        (p, confidence, what)
        for p, confidence, what, starts in REDACTION_PATTERNS
        if any(c in text for c in starts)
    ]
    if not present:
        return iter(())
    folded = to_simplified(text)  # the titles are Simplified (X書記 as X书记); positions are kept
    found = [
        FoundFlag(REDACTION, m.start(), m.end(), f"{what}: check the source", confidence=confidence)
        for pattern, confidence, what in present
        for m in pattern.finditer(folded)
    ]
    return iter(sorted(found, key=lambda f: f.start))


def _is_apostrophe(text: str, i: int) -> bool:
    """A ``’`` inside a Latin word (``don’t``) or before a year (``’97``) is not a quote."""
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    latin = before.isascii() and before.isalpha() and after.isascii() and after.isalpha()
    return latin or (after.isdigit() and not before.isdigit())


def unpaired_marks(text: str) -> str:
    """The marks of ``text`` with adjacent pairs taken away until none are left, paragraphs kept apart.

    The result holds a ``\\n`` for each line break of the text, so that split on
    ``\\n`` it gives what is left of each paragraph: ``""`` where every mark has
    its partner (a quick check in C, before looking mark by mark).

    >>> unpaired_marks("他说：“要把‘改’字贯穿始终。”\\n“第二段。\\n（三）")
    '\\n“\\n'
    """
    marks = "".join(PAIRED_MARK_OR_BREAK_RE.findall(text))
    while True:
        fewer = ADJACENT_PAIR_RE.sub("", marks)
        if fewer == marks:
            return marks
        marks = fewer


def all_paired(text: str) -> bool:
    """True when every mark of ``text`` has its partner in the same paragraph (a quick check).

    >>> all_paired("他说：“要把‘改’字贯穿始终。”"), all_paired("“第一段。\\n第二段。”")
    (True, False)
    """
    return not unpaired_marks(text).strip("\n")


def unwrap(text: str) -> str:
    """``text`` with each line break inside a hard-wrapped paragraph made a space (the same length).

    Web pages often cut paragraphs at a fixed width, so a book title or a quotation
    can open on one line and close on the next; such a break is not a paragraph's end.

    >>> unwrap("包括《古拉格群岛\\n》这样的著作。\\n第二段。")
    '包括《古拉格群岛 》这样的著作。\\n第二段。'
    """
    return WRAPPED_BREAK_RE.sub(" ", text)


def find_unbalanced(text: str) -> Iterator[FoundFlag]:
    """Flags for quote and bracket marks in ``text`` that have no partner, at the stray mark.

    Pairs never cross a paragraph, with one exception from Chinese typography: a
    quotation that runs over several paragraphs opens each with ``“`` and
    closes only at its end, so an open ``“`` is not flagged when the next
    paragraph opens with ``“`` too. A paragraph may run over several lines where
    the text is hard-wrapped (:func:`unwrap`).

    >>> [f.start for f in find_unbalanced("他说：“好。”“对。”吗？”")]
    [13]
    >>> list(find_unbalanced("“第一段。\\n“第二段。”"))
    []
    >>> list(find_unbalanced("但是，“此时无声胜有声\\n”。"))
    []
    """
    left = unpaired_marks(text)
    if not left.strip("\n"):
        return
    unwrapped = unwrap(text)  # read by paragraph, not by line; the offsets stay the same
    if unwrapped != text:  # a wrapped line joined: its marks may pair up now
        text, left = unwrapped, unpaired_marks(unwrapped)
        if not left.strip("\n"):
            return
    # A paragraph whose marks all pair up, nested as they should be, raises no flag: each
    # closing mark meets its opening mark on top of the stack. Only the others are read.
    left_in = left.split("\n")  # one entry per paragraph: a line break for each of the text's
    paragraphs = text.split("\n")
    pos = 0
    for n, para in enumerate(paragraphs):
        if not left_in[n]:
            pos += len(para) + 1
            continue
        stack: list[tuple[str, int]] = []
        for m in PAIRED_MARK_RE.finditer(para):
            mark, at = m.group(), pos + m.start()
            if mark in PAIRED_MARKS:
                stack.append((mark, at))
                continue
            if mark == "’" and "‘" not in (o for o, _ in stack) and _is_apostrophe(text, at):
                continue
            opener = next(
                (k for k in range(len(stack) - 1, -1, -1) if PAIRED_MARKS[stack[k][0]] == mark), None
            )
            if opener is None:
                yield FoundFlag(UNBALANCED, at, at + 1, f"closing {mark} without an opening mark")
                continue
            for inner, inner_at in stack[opener + 1 :]:
                yield FoundFlag(UNBALANCED, inner_at, inner_at + 1, f"{inner} is not closed before {mark}")
            del stack[opener:]
        following = ""  # the next paragraph with text, needed only when a “ is left open
        if any(mark == "“" for mark, _ in stack):
            following = next((p.lstrip() for p in paragraphs[n + 1 :] if p.strip()), "")
        for mark, at in stack:
            if mark == "“" and following.startswith("“"):
                continue  # a quotation continued in the next paragraph
            yield FoundFlag(UNBALANCED, at, at + 1, f"{mark} is not closed in its paragraph")
        pos += len(para) + 1


class FlagRedactions(Cleaner):
    """Flag redaction placeholders (``*机关``, ``X书记``, ``XX同志``, ``×××``, ``某某``) for review.

    Before: ``"今天，*机关召开会议。"``; after: the same text with a ``redaction``
    flag on ``*机关``.
    """

    name = "flag_redactions"
    changes_text = False

    def find_flags(self, text: str) -> Iterator[FoundFlag]:
        return find_redactions(text)


class FlagPunctuation(Cleaner):
    """Flag quote and bracket marks without a partner (“” ‘’ 「」 『』 （） 《》 【】).

    Before: ``"是党的初心。”彰显出"``; after: the same text with an
    ``unbalanced_punctuation`` flag on the stray ``”``.
    """

    name = "flag_punctuation"
    changes_text = False

    def find_flags(self, text: str) -> Iterator[FoundFlag]:
        return find_unbalanced(text)
