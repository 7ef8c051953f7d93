"""A cleaned document as HTML: removals struck through in place, flags highlighted.

Removed text goes back where it stood (``Removal.at``), inside ``<del>``; each
flag becomes a ``<mark>`` with its suggestion and confidence written after it,
so a reader sees both without hovering. Flags may overlap: the text is cut at
every flag boundary and each piece is wrapped in the marks that cover it.

Long documents are shown as windows around their marks, like the hunks of a
diff, so that one huge document cannot fill the page.

>>> from corpusclean.document import Document, Edit, Flag
>>> doc = Document(id="a", text="甲 乙丙").edit([Edit(1, 2, reason="space")], cleaner="s")
>>> doc = doc.add_flags([Flag(kind="typo", start=1, end=2, text="乙", suggestion="己",
...                           confidence=0.8, cleaner="t", reason="near form")])
>>> html = mark_up(doc, colors={"s": 0, "t": 1})
>>> "<del" in html and "<mark" in html and "己" in html
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from html import escape

from ..document import Document, Flag, Removal

#: Characters of removed white space, shown as visible symbols.
_VISIBLE_SPACE = str.maketrans({" ": "␣", "\u3000": "□", "\t": "→", "\n": "↵\n", "\r": "␍"})


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def removal_html(r: Removal, colors: Mapping[str, int], *, max_chars: int = 300) -> str:
    """One removal as a ``<del>``; white space made visible, long text cut with its length noted.

    >>> removal_html(Removal(cleaner="s", text=" ", reason="space", at=0), {"s": 2})
    '<del class="rm c2" data-cleaner="s" title="s: space">␣</del>'
    """
    text = r.text
    shown = text if not text.isspace() else text.translate(_VISIBLE_SPACE)
    cut = ""
    if len(shown) > max_chars:
        cut = f'<span class="more">…(+{len(shown) - max_chars:,} characters)</span>'
        shown = shown[:max_chars]
    return (
        f'<del class="rm c{colors.get(r.cleaner, 0)}" data-cleaner="{_attr(r.cleaner)}" '
        f'title="{_attr(r.cleaner)}: {_attr(r.reason)}">{escape(shown)}{cut}</del>'
    )


def flag_title(f: Flag) -> str:
    """The hover text of a flag: kind, cleaner, suggestion, confidence and reason."""
    parts = [f"{f.kind} from {f.cleaner}"]
    if f.suggestion is not None:
        parts.append(f"suggestion: {f.suggestion}")
    if f.confidence is not None:
        parts.append(f"confidence: {f.confidence:.2f}")
    parts.append(f.reason)
    return "\n".join(parts)


def flag_label(f: Flag) -> str:
    """The suggestion and confidence written right after a flag's text."""
    bits = []
    if f.suggestion is not None:
        bits.append(f"→{escape(f.suggestion)}" if f.suggestion else "→(delete)")
    if f.confidence is not None:
        bits.append(f"{f.confidence:.2f}")
    label = " ".join(bits) or escape(f.kind)
    return f'<sup class="sugg" data-kind="{_attr(f.kind)}">{label}</sup>'


def _open_flag(f: Flag, colors: Mapping[str, int]) -> str:
    return (
        f'<mark class="flag c{colors.get(f.cleaner, 0)}" data-kind="{_attr(f.kind)}" '
        f'data-cleaner="{_attr(f.cleaner)}" title="{_attr(flag_title(f))}">'
    )


def visible_windows(doc: Document, *, max_chars: int, context: int) -> list[tuple[int, int]]:
    """The ``(start, end)`` ranges of ``doc.text`` to show: all of it when short, else text around marks.

    Each mark gets at least ``context`` characters on either side, more when the
    budget of ``max_chars`` allows; windows closer than ``context`` merge.

    >>> visible_windows(Document(id="a", text="x" * 100), max_chars=10, context=3)
    [(0, 10)]
    """
    n = len(doc.text)
    if n <= max_chars:
        return [(0, n)]
    spots = sorted(
        [(f.start, f.end) for f in doc.flags] + [(r.at, r.at) for r in doc.removed if r.at is not None]
    )
    if not spots:
        return [(0, max_chars)]
    reach = max(context, max_chars // (2 * len(spots)))
    merged: list[tuple[int, int]] = []
    for start, end in spots:
        a, b = max(0, start - reach), min(n, end + reach)
        if merged and a <= merged[-1][1] + context:
            a, b = merged[-1][0], max(b, merged[-1][1])
            merged.pop()
        merged.append((a, b))
    windows: list[tuple[int, int]] = []
    budget = max_chars
    for a, b in merged:
        b = min(b, a + budget)
        if b <= a:
            break
        windows.append((a, b))
        budget -= b - a
    return windows


def mark_up(doc: Document, *, colors: Mapping[str, int], max_chars: int = 3000, context: int = 150) -> str:
    """The HTML of ``doc.text`` with its removals and flags in place (see the module docs)."""
    text = doc.text
    n = len(text)
    removals: dict[int, list[Removal]] = defaultdict(list)
    for r in doc.removed:
        if r.at is not None:
            removals[r.at].append(r)
    cuts = {0, n, *removals}
    for f in doc.flags:
        cuts.update((f.start, f.end))
    flags = sorted(doc.flags, key=lambda f: (f.start, -f.end))
    out: list[str] = []
    last_end = 0
    for a, b in visible_windows(doc, max_chars=max_chars, context=context):
        if a > last_end:
            out.append(f'<span class="gap">〔{a - last_end:,} characters not shown〕</span>')
        points = sorted({a, b, *(c for c in cuts if a < c < b)})
        for i, p in enumerate(points):
            out.extend(removal_html(r, colors) for r in removals.pop(p, ()))
            out.extend(
                _open_flag(f, colors) + "</mark>" + flag_label(f) for f in flags if f.start == f.end == p
            )
            if p == b:
                break
            q = points[i + 1]
            covering = [f for f in flags if f.start <= p and f.end >= q and f.end > f.start]
            piece = escape(text[p:q])
            for f in reversed(covering):
                piece = _open_flag(f, colors) + piece + "</mark>" + (flag_label(f) if f.end == q else "")
            out.append(piece)
        last_end = b
    if last_end < n:
        out.append(f'<span class="gap">〔{n - last_end:,} characters not shown〕</span>')
    return "".join(out)
