"""What the document-level cleaners cannot do without, against a plain JSONL pass.

Usage: ``PYTHONPATH=src python benchmarks/scan_costs.py [--mb 50] [--repeat 3]``

The cleaners' speed target is relative: together they should run at no less
than a quarter of the speed of reading and writing the same corpus as JSONL
(``bench_cleaners.py --pipeline-mb``), so they have four plain passes' CPU time
in all. This script builds the same corpus, runs the default document-level
cleaners once to see the text each of them is given, and times, over those
texts, the one look at every character that each cleaner needs before it can
say it has nothing to do (the scan it opens with, in the standard ``re``
module). What the budget leaves after those scans is what all the rest of the
cleaners' work (the logic around the scans, the edits, the documents) may take.

Figures are CPU seconds, best of ``--repeat`` runs, and nanoseconds a character.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson
from bench_cleaners import best_seconds, document_level_pipeline, plain_corpus, plain_pass

from corpusclean.cleaners.flags import REDACTION_PATTERNS
from corpusclean.document import Document
from corpusclean.headers.patterns import LINE_DATELINE_RE
from corpusclean.patterns import (
    FULLWIDTH_ALNUM_RE,
    LINE_END_SPACE_RE,
    PAIRED_MARK_OR_BREAK_RE,
    SENTENCE_RE,
    SPACE_WORK_RE,
)
from corpusclean.reference import peoples_daily_paragraphs
from corpusclean.script_chars import script_marker_patterns

_REDACTION_STARTS = "".join(starts for *_, starts in REDACTION_PATTERNS)


def _script_markers(text: str) -> object:
    traditional, simplified = script_marker_patterns()
    head = text[:2000]
    return traditional.search(head), simplified.search(head)


#: For each cleaner, the scan it opens with: what it must read of every character at the least.
SCANS: dict[str, tuple[str, Callable[[str], object]]] = {
    "normalize_spaces": ("any space, zero-width or separator character", SPACE_WORK_RE.search),
    "normalize_width": ("every run of full-width letters and digits", FULLWIDTH_ALNUM_RE.split),
    "normalize_lines": (
        "a carriage return, a blank-line run, a space ending a line",
        lambda t: "\r" in t or "\n\n\n" in t or LINE_END_SPACE_RE.search(t),
    ),
    "remove_headers": ("every line that opens with a dateline", LINE_DATELINE_RE.findall),
    "remove_repeats": ("every sentence", SENTENCE_RE.findall),
    "flag_redactions": (
        "the characters a placeholder starts with",
        lambda t: [c in t for c in _REDACTION_STARTS],
    ),
    "flag_punctuation": ("every quote, bracket and line break", PAIRED_MARK_OR_BREAK_RE.findall),
    "detect_script": ("a script-only character in the first 2000", _script_markers),
}


def best_cpu(texts: list[str], scan: Callable[[str], object], repeat: int) -> float:
    """The fewest CPU seconds of ``repeat`` runs of ``scan`` over every text."""

    def run() -> None:
        for text in texts:
            scan(text)

    return best_seconds(run, repeat, time.process_time)


def texts_each_cleaner_gets(texts: list[str]) -> dict[str, list[str]]:
    """The texts as each document-level cleaner of the default pipeline is given them."""
    pipeline = document_level_pipeline()
    given: dict[str, list[str]] = {c.name: [] for c in pipeline}
    for i, text in enumerate(texts):
        doc: Document | None = Document(id=str(i), text=text)
        for cleaner in pipeline:
            if doc is None:
                break
            given[cleaner.name].append(doc.text)
            doc = cleaner(doc)
    return given


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the best counts")
    args = parser.parse_args()
    texts = plain_corpus(args.mb, peoples_daily_paragraphs())
    chars = sum(map(len, texts))
    script_marker_patterns()  # compiled once on first use
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("wb") as f:
            for i, text in enumerate(texts):
                f.write(orjson.dumps({"id": f"d{i}", "text": text}, option=orjson.OPT_APPEND_NEWLINE))
        plain = min(plain_pass(corpus, Path(tmp) / "plain.jsonl").cpu for _ in range(args.repeat))
    given = texts_each_cleaner_gets(texts)

    def ns(seconds: float) -> str:
        return f"{seconds / chars * 1e9:.1f}"

    print(f"{len(texts)} documents, {chars:,} characters; CPU seconds, best of {args.repeat}")
    print("| pass | CPU seconds | ns a character |")
    print("| --- | --- | --- |")
    print(f"| plain pass: read and write JSONL | {plain:.3f} | {ns(plain)} |")
    seconds = best_cpu(texts, lambda t: "@" in t, args.repeat)
    print(f"| for scale: `'@' in text`, one literal character, absent | {seconds:.3f} | {ns(seconds)} |")
    total = 0.0
    for name, (what, scan) in SCANS.items():
        seconds = best_cpu(given[name], scan, args.repeat)
        total += seconds
        print(f"| `{name}`: {what} | {seconds:.3f} | {ns(seconds)} |")
    budget = 4 * plain
    left = budget - total
    pairs = len(SCANS) * len(texts)
    print(f"| the cleaners' scans together | {total:.3f} | {ns(total)} |")
    print(f"| the budget: four plain passes | {budget:.3f} | {ns(budget)} |")
    print(
        f"\nLeft for everything else: {left:.3f} s, {left / pairs * 1e6:.1f} us for each of the "
        f"{pairs:,} times a cleaner is given a document."
    )


if __name__ == "__main__":
    main()
