"""Edits: the one way a cleaner changes text while keeping every span right.

A cleaner that changes text describes the change as a list of :class:`Edit`
(replace ``text[start:end]`` by ``replacement``). Applying them in one place
lets the document remap the spans of flags raised earlier and the positions of
earlier removals, so no cleaner has to do that bookkeeping itself.

>>> text, positions = apply_edits("中文 ，测试", [Edit(2, 3), Edit(3, 4, ",")])
>>> text
'中文,测试'
>>> positions.start(4), positions.end(5)
(3, 4)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import regex


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``.

    An edit with a ``reason`` is a removal: the replaced text is recorded in the
    document's ``removed`` list with that reason. An edit without one is a
    normalization (width, spacing) that is only counted.
    """

    start: int
    end: int
    replacement: str = ""
    reason: str | None = None


class PositionMap:
    """Maps code-point offsets of the text before some edits to the text after."""

    __slots__ = ("_ends", "_new_ends", "_new_starts", "_starts")

    def __init__(self, edits: list[Edit]) -> None:
        self._starts = [e.start for e in edits]
        self._ends = [e.end for e in edits]
        self._new_starts: list[int] = []
        self._new_ends: list[int] = []
        shift = 0
        for e in edits:
            new_start = e.start + shift
            self._new_starts.append(new_start)
            self._new_ends.append(new_start + len(e.replacement))
            shift += len(e.replacement) - (e.end - e.start)

    def start(self, pos: int) -> int:
        """Where a span that starts at ``pos`` starts after the edits.

        Edits that begin at ``pos`` fall inside the span; an insertion at ``pos``
        stays before it.
        """
        j = bisect_right(self._starts, pos) - 1
        if j < 0:
            return pos
        if self._starts[j] < pos:
            return self._past(j, pos, inside=self._new_starts[j])
        k = bisect_left(self._starts, pos)
        if self._ends[k] == pos:  # an insertion right at pos goes before the span
            return self._new_ends[k]
        return self._new_starts[k]

    def end(self, pos: int) -> int:
        """Where a span (or a point) that ends at ``pos`` ends after the edits.

        Edits that begin at ``pos`` fall outside the span.
        """
        j = bisect_right(self._starts, pos) - 1
        if j < 0:
            return pos
        if self._starts[j] < pos:
            return self._past(j, pos, inside=self._new_ends[j])
        return self._new_starts[bisect_left(self._starts, pos)]

    def _past(self, j: int, pos: int, *, inside: int) -> int:
        if pos >= self._ends[j]:
            return self._new_ends[j] + (pos - self._ends[j])
        return inside


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, PositionMap]:
    """Apply non-overlapping edits to ``text``; return the new text and a position map.

    >>> apply_edits("ab", [Edit(1, 1, "-")])[0]
    'a-b'
    """
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    pieces: list[str] = []
    last = 0
    for e in ordered:
        if e.start < last or e.end < e.start or e.end > len(text):
            raise ValueError(f"edits overlap or fall outside the text: {e!r}")
        pieces.append(text[last : e.start])
        pieces.append(e.replacement)
        last = e.end
    pieces.append(text[last:])
    return "".join(pieces), PositionMap(ordered)


@dataclass(frozen=True, slots=True)
class Rewrite:
    """The whole new text of a change that removes nothing, with its edits made only on demand.

    A normalization (the width fold) records no removals, so a document with
    no flags and no removal positions to move needs only the new text:
    :meth:`~corpusclean.document.Document.edit` takes it as it is and skips
    building an :class:`Edit` per change. Iterating a rewrite yields the edits
    (none with a reason), which turn ``old`` into ``new``; a document with spans
    to move gets those.

    >>> r = Rewrite("１９年", "19年", lambda: [Edit(0, 2, "19")])
    >>> edit_text(r.old, r) == r.new
    True
    """

    old: str
    new: str
    make_edits: Callable[[], Iterable[Edit]]

    def __iter__(self) -> Iterator[Edit]:
        return iter(self.make_edits())


def sub_edits(
    pattern: regex.Pattern[str],
    replacement: str | Callable[[regex.Match[str]], str],
    text: str,
    *,
    reason: str | None = None,
) -> Iterator[Edit]:
    """One edit per match of ``pattern`` whose replacement differs from the match.

    ``replacement`` is a template with group references, as in :func:`regex.sub`,
    or a function of the match.

    >>> list(sub_edits(regex.compile(r"(\\d),"), r"\\1，", "1,2"))
    [Edit(start=0, end=2, replacement='1，', reason=None)]
    """
    for m in pattern.finditer(text):
        new = replacement(m) if callable(replacement) else m.expand(replacement)
        if new != m.group():
            yield Edit(m.start(), m.end(), new, reason)


def edit_text(text: str, edits: Iterable[Edit]) -> str:
    """Apply ``edits`` to ``text`` and return only the new text.

    >>> edit_text("中 文", [Edit(1, 2)])
    '中文'
    """
    return apply_edits(text, edits)[0]
