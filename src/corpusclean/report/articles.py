"""The documents part of the review page: one ``<article>`` per shown document, and the filters.

Each article carries what the filters need as attributes (``data-id``,
``data-cleaners``, ``data-kinds``, ``data-status``), so the inline script only
reads attributes and never parses text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape

from ..executor.outcome import outcome_of
from .markup import flag_title, mark_up, removal_html
from .survey import Shown, Survey


def number(value: float | None, digits: int = 0) -> str:
    """``value`` with thousands separators, or a dash when it is unknown.

    >>> number(12345), number(0.5, 2), number(None)
    ('12,345', '0.50', '—')
    """
    return "—" if value is None else f"{value:,.{digits}f}"


def duration(value: float | None) -> str:
    """Seconds, in milliseconds when under a tenth of a second so that short runs do not read as zero.

    >>> duration(12.345), duration(0.00042), duration(None)
    ('12.35 s', '0.42 ms', '—')
    """
    if value is None:
        return "—"
    return f"{value:,.2f} s" if value >= 0.1 else f"{value * 1000:.2f} ms"


def table(head: Sequence[str], rows: Iterable[tuple[str, Sequence[str]]], *, cls: str = "") -> str:
    """A table with header cells ``head`` and ``(row attributes, cells)`` rows; cells are HTML already.

    >>> table(["a"], [('data-x="1"', ["<b>2</b>"])])
    '<table><thead><tr><th>a</th></tr></thead><tbody><tr data-x="1"><td><b>2</b></td></tr></tbody></table>'
    """
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join(
        f"<tr {attrs}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>" for attrs, cells in rows
    )
    opening = f'<table class="{cls}">' if cls else "<table>"
    return f"{opening}<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _document(item: Shown, colors: Mapping[str, int], max_doc_chars: int) -> str:
    doc = item.doc
    status = outcome_of(doc)
    cleaners = sorted({*doc.steps, *(r.cleaner for r in doc.removed), *(f.cleaner for f in doc.flags)})
    kinds = sorted({f.kind for f in doc.flags})
    removed_chars = sum(len(r.text) for r in doc.removed)
    head = [f"<h3>{escape(doc.id)}</h3>", f'<span class="status {status}">{status}</span>']
    if status == "dropped":
        head.append(f'<span class="why">{escape(str(doc.metadata["dropped"]))}</span>')
    if status == "duplicate":
        head.append(f'<span class="why">duplicate of {escape(str(doc.metadata["duplicate_of"]))}</span>')
    if doc.title:
        head.append(f'<span class="title">{escape(doc.title)}</span>')
    if doc.source:
        head.append(f'<span class="source">{escape(doc.source)}</span>')
    head.append(
        f'<span class="counts">{len(doc.flags):,} flags · {len(doc.removed):,} removals '
        f"({removed_chars:,} characters)</span>"
    )
    steps = "".join(f'<span class="chip c{colors.get(s, 0)}">{escape(s)}</span>' for s in doc.steps)
    parts = [f'<header>{"".join(head)}<div class="steps">{steps}</div></header>']
    parts.append(f'<div class="text" lang="zh">{mark_up(doc, colors=colors, max_chars=max_doc_chars)}</div>')
    outside = [r for r in doc.removed if r.at is None]
    if outside:
        items = "".join(f"<li>{removal_html(r, colors)}" for r in outside)
        parts.append(
            f"<details class=outside><summary>removed outside the text ({len(outside):,})</summary>"
            f"<ul>{items}</ul></details>"
        )
    if doc.flags:
        rows = (
            (
                f'data-kind="{escape(f.kind)}" data-cleaner="{escape(f.cleaner)}" '
                f'title="{escape(flag_title(f))}"',
                [
                    escape(f.kind),
                    escape(f.text),
                    escape(f.suggestion or ""),
                    number(f.confidence, 2) if f.confidence is not None else "",
                    f"{f.start}–{f.end}",
                    escape(f.cleaner),
                    escape(f.reason),
                ],
            )
            for f in doc.flags
        )
        head = ["kind", "text", "suggestion", "confidence", "span", "cleaner", "reason"]
        parts.append(f"<details class=flaglist><summary>flags</summary>{table(head, rows)}</details>")
    return (
        f'<article class="doc" data-id="{escape(doc.id)}" data-status="{status}" '
        f'data-cleaners="{escape(" ".join(cleaners))}" data-kinds="{escape(" ".join(kinds))}"'
        f"{' data-priority' if item.priority else ''}>{''.join(parts)}</article>"
    )


def documents_section(s: Survey, colors: Mapping[str, int], *, max_doc_chars: int, max_bytes: int) -> str:
    rendered: dict[int, str] = {}
    used = 0
    for item in sorted(s.shown, key=lambda it: not it.priority):  # priority documents claim space first
        html = _document(item, colors, max_doc_chars)
        if used + len(html.encode()) > max_bytes:
            break
        used += len(html.encode())
        rendered[item.index] = html
    kinds = " or ".join(s.priority_kinds) or "a priority kind"
    note = (
        f"Showing <b data-stat=docs_shown>{len(rendered):,}</b> of {s.counts.records:,} records: "
        f"{s.priority_shown:,} of {s.priority_total:,} with a {escape(kinds)} flag, and a random sample "
        f"(seed {s.seed}) of up to {s.max_docs:,} others."
    )
    if len(rendered) < len(s.shown):
        note += f" {len(s.shown) - len(rendered):,} picked documents were left out to keep the page small."
    options = {
        "cleaner": sorted(colors),
        "kind": sorted(s.counts.flags_by_kind),
        "doc": [item.doc.id for item in s.shown if item.index in rendered],
    }
    selects = "".join(
        f'<label>{label} <select id="f-{key}"><option value="">all</option>'
        + "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)
        + "</select></label>"
        for key, label, values in (
            ("cleaner", "cleaner", options["cleaner"]),
            ("kind", "flag kind", ["any", *options["kind"]]),
            ("doc", "document", options["doc"]),
        )
    )
    filters = (
        f'<form id="filters" onsubmit="return false">{selects}'
        '<label>search <input id="f-search" type="search" placeholder="text, id or title"></label>'
        '<label><input id="f-removed" type="checkbox" checked> show removed text</label>'
        '<span id="shown-count" aria-live="polite"></span></form>'
    )
    body = "".join(rendered[i] for i in sorted(rendered))
    return f'<section id="documents"><h2>Documents</h2><p class="note">{note}</p>{filters}{body}</section>'
