"""``corpusclean report``: the review page of a run already written as JSONL or Parquet."""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path
from typing import Any

# Absolute imports: this module is also imported on its own (doctest collection).
from corpusclean.errors import InputError, OutputError
from corpusclean.executor.runner import side_path
from corpusclean.formats import atomic_file
from corpusclean.report import read_documents, read_stats, render_report

EXAMPLE = """\
Examples:
  corpusclean report out/seeds.jsonl -o out/seeds.html
  corpusclean report out/shards -o out/shards.html
  corpusclean report out/seeds.jsonl out/seeds.duplicates.jsonl out/seeds.dropped.jsonl \\
      --stats out/seeds.stats.json -o out/seeds.html
"""


def add_parser(commands: Any) -> None:
    """Add the ``report`` command to the ``corpusclean`` subparsers."""
    parser = commands.add_parser(
        "report",
        help="write the review page (one HTML file) of a run's JSONL or Parquet output",
        description=(
            "Write one self-contained HTML page (no network) showing a run: the summary, per-cleaner\n"
            "stats and charts, and each document's text with every removal struck through in place\n"
            "and every flag highlighted with its suggestion. With one input, the side files a run\n"
            "wrote beside it (OUT.duplicates.jsonl, OUT.dropped.jsonl, or .parquet) are read too; a\n"
            "shard directory (clean -o DIR --format jsonl or parquet) is read whole. On big runs\n"
            "the page shows every document with a typo flag (up to --max-priority-docs) and a random\n"
            "sample of the others."
        ),
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="OUTPUT",
        help="output files of a run (.jsonl[.gz|.zst] or .parquet), or the shard directory it wrote",
    )
    parser.add_argument("-o", "--output", required=True, metavar="HTML", help="the HTML page to write")
    parser.add_argument("--stats", metavar="FILE", help="the run's stats JSON (from clean --stats)")
    parser.add_argument("--title", default=None, help="page title (default: the first input's name)")
    parser.add_argument(
        "--max-docs",
        type=int,
        default=100,
        metavar="N",
        help="random sample of documents to show (default: 100)",
    )
    parser.add_argument(
        "--max-priority-docs",
        type=int,
        default=300,
        metavar="N",
        help="documents with a typo flag always shown, up to this many (default: 300)",
    )
    parser.add_argument(
        "--seed", type=int, default=0, metavar="N", help="seed of the random sample (default: 0)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the page; return 0."""
    inputs = [Path(p) for p in args.inputs]
    if len(inputs) == 1:
        inputs = run_outputs(inputs[0])
    stats = read_stats(args.stats) if args.stats else None
    write_report(
        inputs,
        Path(args.output),
        stats,
        title=args.title or inputs[0].name,
        max_docs=args.max_docs,
        max_priority_docs=args.max_priority_docs,
        seed=args.seed,
    )
    return 0


#: What the page shows, as a run names its shards: kept documents, duplicates, dropped ones.
SHARD_KINDS = ("part", "duplicates", "dropped")


def run_outputs(output: Path) -> list[Path]:
    """The files of a run's ``output``: a file and its side files, or a shard directory's shards."""
    if not output.is_dir():
        return [output, *side_files(output)]
    shards = [
        path
        for kind in SHARD_KINDS
        for pattern in (f"{kind}-*.jsonl*", f"{kind}-*.parquet")
        for path in sorted(output.glob(pattern))
    ]
    if not shards:
        raise InputError(
            "no part-*.jsonl[.zst] or part-*.parquet shards here; give the directory a run wrote "
            "with --format jsonl or --format parquet",
            path=str(output),
        )
    return shards


def side_files(output: Path) -> list[Path]:
    """The duplicates and dropped side files that a run wrote beside ``output``, if any."""
    fmt = "parquet" if output.suffix == ".parquet" else "jsonl"
    found = (side_path(str(output), fmt, kind) for kind in ("duplicates", "dropped"))
    return [path for path in found if path.is_file()]


def write_report(
    inputs: list[Path], output: Path, stats: list[dict[str, Any]] | dict[str, Any] | None, **options: Any
) -> None:
    """Render the review page of the documents in ``inputs`` and write it atomically to ``output``."""
    docs = itertools.chain.from_iterable(read_documents(path) for path in inputs)
    html = render_report(docs, stats, **options)
    try:
        with atomic_file(output) as stream:
            stream.write(html.encode("utf-8"))
    except OSError as exc:
        raise OutputError(
            f"cannot write the report to {output}: {exc.strerror}; choose another path"
        ) from None
    print(f"corpusclean: wrote {output} ({len(html.encode()):,} bytes)", file=sys.stderr)
