"""The review page: one self-contained HTML file for a run (inline CSS and JS, no network).

The page is written on the server side, so everything is in the HTML itself and
readable with scripts off; the inline script only adds the filters (by cleaner,
flag kind, document and a search box). Filters can also be set from the URL
fragment, e.g. ``report.html#kind=typo``.

>>> from corpusclean.document import Document
>>> html = render_report([Document(id="a", text="正文")], None)
>>> html.startswith("<!doctype html>") and 'data-stat="docs_out">1<' in html
True
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from html import escape
from importlib.resources import files
from typing import Any

from ..document import Document
from .articles import documents_section, duration, number, table
from .survey import PRIORITY_KINDS, RecordCounts, split_stats, survey

#: Colors cycle after this many cleaners (see ``report.css``, classes ``c0`` to ``c9``).
PALETTE_SIZE = 10


def _asset(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def cleaner_colors(rows: Iterable[Mapping[str, Any]], counts: RecordCounts) -> dict[str, int]:
    """A palette index for every cleaner, in pipeline order, then in order of appearance."""
    names = [str(r["name"]) for r in rows]
    names += [
        *counts.removals_by_cleaner,
        *counts.flags_by_cleaner,
    ]
    colors: dict[str, int] = {}
    for name in names:
        colors.setdefault(name, len(colors) % PALETTE_SIZE)
    return colors


def _summary(counts: RecordCounts, totals: Mapping[str, Any]) -> str:
    status = counts.status
    from_run = bool(totals)
    cards = [
        ("docs_in", "documents in", totals.get("documents_read", counts.records)),
        ("docs_out", "documents out", totals.get("documents_written", status["kept"])),
        ("dropped", "dropped", totals.get("dropped", status["dropped"])),
        ("duplicates", "duplicates", totals.get("duplicates", status["duplicate"])),
        ("flags", "flags", counts.flags_by_kind.total()),
        ("removals", "removals", counts.removals_by_cleaner.total()),
        ("chars_removed", "characters removed", counts.removed_chars_by_cleaner.total()),
    ]
    items = "".join(
        f'<div class="card"><dt>{label}</dt><dd data-stat="{key}">{number(value)}</dd></div>'
        for key, label, value in cards
    )
    kinds = ", ".join(
        f'<span data-kind-count="{escape(k)}">{escape(k)}: {n:,}</span>'
        for k, n in counts.flags_by_kind.most_common()
    )
    where = (
        "Documents in, out, dropped and duplicates are the run's own counts."
        if from_run
        else "Counted from the records given to the report (pass the run's stats for the whole run's counts)."
    )
    note = f"<p class=note>{where} Flags, removals and characters are counted over all "
    note += f"{counts.records:,} records given.{' Flags by kind: ' + kinds + '.' if kinds else ''}</p>"
    return f'<section id="summary"><h2>Run summary</h2><dl class="cards">{items}</dl>{note}</section>'


def _chart(
    title: str, key: str, values: Mapping[str, float], colors: Mapping[str, int], fmt: Callable[[float], str]
) -> str:
    top = max(values.values(), default=0) or 1
    rows = "".join(
        f'<div class="bar-row"><span class="label">{escape(name)}</span>'
        f'<span class="track"><span class="bar c{colors.get(name, 0)}" '
        f'style="width:{100 * value / top:.1f}%"></span></span>'
        f'<span class="value">{fmt(value)}</span></div>'
        for name, value in values.items()
    )
    return f'<figure class="chart" data-chart="{key}"><figcaption>{title}</figcaption>{rows}</figure>'


Column = tuple[str, str, Callable[[Any], str]]

#: The per-cleaner columns of the stats table: key, header, how to write the value.
STATS_COLUMNS: tuple[Column, ...] = (
    ("seen", "seen", number),
    ("changed", "changed", number),
    ("dropped", "dropped", number),
    ("chars_removed", "chars removed", number),
    ("flags", "flags", number),
    ("seconds", "time", duration),
)


def _chip(name: str, colors: Mapping[str, int]) -> str:
    return f'<span class="chip c{colors.get(name, 0)}">{escape(name)}</span>'


def _cleaners(rows: list[Mapping[str, Any]], counts: RecordCounts, colors: Mapping[str, int]) -> str:
    if not rows:  # no run stats: what the records themselves say about each cleaner
        rows = [
            {
                "name": n,
                "removals": counts.removals_by_cleaner[n],
                "chars_removed": counts.removed_chars_by_cleaner[n],
                "flags": counts.flags_by_cleaner[n],
            }
            for n in colors
        ]
        columns: tuple[Column, ...] = (
            ("removals", "removals", number),
            ("chars_removed", "chars removed", number),
            ("flags", "flags", number),
        )
        source = "the records (no run stats were given, so no times and no drop counts)"
    else:
        columns, source = STATS_COLUMNS, "the run's stats"
    names = [str(r["name"]) for r in rows]
    cells = (
        (
            f'data-cleaner="{escape(name)}"',
            [_chip(name, colors)]
            + [fmt(r.get(key)) for key, _, fmt in columns]
            + ([_reasons(r.get("drop_reasons") or {})] if columns is STATS_COLUMNS else []),
        )
        for name, r in zip(names, rows, strict=True)
    )
    head = ["cleaner", *(h for _, h, _ in columns)] + (["drop reasons"] if columns is STATS_COLUMNS else [])
    charts = "".join(
        _chart(title, key, {n: r.get(key) or 0 for n, r in zip(names, rows, strict=True)}, colors, fmt)
        for key, title, fmt in (
            ("chars_removed", "characters removed", number),
            ("flags", "flags raised", number),
            ("seconds", "time", duration),
        )
        if any(key == k for k, _, _ in columns)
    )
    return (
        f'<section id="cleaners"><h2>Cleaners</h2><p class="note">From {source}.</p>'
        f'{table(head, cells, cls="stats")}<div class="charts">{charts}</div></section>'
    )


def _reasons(reasons: Mapping[str, int], limit: int = 5) -> str:
    top = sorted(reasons.items(), key=lambda kv: -kv[1])
    text = "; ".join(f"{escape(k)} ({v:,})" for k, v in top[:limit])
    return text + (f"; {len(top) - limit:,} more" if len(top) > limit else "")


def render_report(
    docs: Iterable[Document],
    stats: Iterable[Mapping[str, Any]] | Mapping[str, Any] | None = None,
    *,
    title: str = "corpusclean run",
    max_docs: int = 100,
    max_priority_docs: int = 300,
    priority_kinds: Collection[str] = PRIORITY_KINDS,
    max_doc_chars: int = 3000,
    max_bytes: int = 4_000_000,
    seed: int = 0,
) -> str:
    """One self-contained HTML page reviewing a run's documents and stats.

    ``docs`` are the run's records (kept ones, and the duplicates and dropped
    ones from the side files if you want them counted and shown); they are read
    once and only the shown ones are kept in memory. ``stats`` is the list of
    per-cleaner stats dicts or the run's stats dict (see :func:`split_stats`).
    Every document with a ``priority_kinds`` flag is shown up to
    ``max_priority_docs``, plus a random sample of ``max_docs`` others; each
    shows at most ``max_doc_chars`` characters of text (around its marks), and
    the documents together take at most about ``max_bytes`` of HTML.
    """
    rows, totals = split_stats(stats)
    s = survey(
        docs, max_docs=max_docs, max_priority_docs=max_priority_docs, priority_kinds=priority_kinds, seed=seed
    )
    colors = cleaner_colors(rows, s.counts)
    legend = "".join(
        f'<span class="chip c{i}" data-cleaner="{escape(n)}">{escape(n)}</span>' for n, i in colors.items()
    )
    return (
        '<!doctype html>\n<html lang="zh"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}: review</title><style>{_asset('report.css')}</style></head><body>"
        f'<header class="page"><h1>{escape(title)}</h1><p class="legend">{legend}</p>'
        '<p class="note">Struck-through text was removed (hover for the cleaner and the reason); '
        "highlighted text is flagged, with the suggestion and the confidence after it.</p></header>"
        f"{_summary(s.counts, totals)}{_cleaners(rows, s.counts, colors)}"
        f"{documents_section(s, colors, max_doc_chars=max_doc_chars, max_bytes=max_bytes)}"
        f"<script>{_asset('report.js')}</script></body></html>\n"
    )
