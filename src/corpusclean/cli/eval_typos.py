"""``corpusclean eval-typos CORPUS``: measure typo flagging on slips injected into a corpus."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..formats import Corpus
from ..typos.detect import DEFAULT_THRESHOLD
from ..typos.evaluate import CURVE_THRESHOLDS, evaluate

EPILOG = """Example:
  corpusclean eval-typos articles/ --rate 0.0005 --seed 1
  (prints precision, recall and false flags per 10,000 characters over thresholds)"""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add the ``eval-typos`` command to ``subparsers``."""
    parser = subparsers.add_parser(
        "eval-typos",
        help="inject input-method slips into a copy of a corpus and measure typo flagging",
        description="Inject realistic input-method slips (loose-pinyin substitutions of common words) "
        "into a copy of CORPUS, fit and run the typo detector, and print precision, recall and "
        "false flags per 10,000 characters at each confidence threshold.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "corpus", metavar="CORPUS", help="a file or directory, read as `corpusclean clean` reads its inputs"
    )
    parser.add_argument("--text-key", default="text", help="JSONL field that holds the text (default: text)")
    parser.add_argument("--rate", type=float, default=1 / 2000, help="slips per character (default: 1/2000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the injection (default: 0)")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                        help=f"confidence threshold to report on (default: {DEFAULT_THRESHOLD})")  # fmt: skip
    parser.set_defaults(func=run)
    return parser


def read_texts(path: str | Path, *, text_key: str = "text") -> list[str]:
    """The texts of the documents under ``path``, read as ``corpusclean clean`` reads them."""
    return [doc.text for doc in Corpus([path], text_key=text_key)]


def run(args: argparse.Namespace) -> int:
    """Run the evaluation and print the curve; 0 on success."""
    texts = read_texts(args.corpus, text_key=args.text_key)
    result = evaluate(texts, rate=args.rate, seed=args.seed, detector_options={"threshold": args.threshold},
                      thresholds=sorted({*CURVE_THRESHOLDS, args.threshold}))  # fmt: skip
    print(
        f"{len(texts)} documents, {result.chars} characters, {result.slips} slips injected (seed {args.seed})"
    )
    false = result.at_threshold.false_per_10k if result.at_threshold else 0.0
    print(
        f"at threshold {result.threshold}: precision {result.precision:.3f}, recall {result.recall:.3f}, "
        f"false flags per 10,000 characters {false:.3f}"
    )
    print(result.table())
    return 0
