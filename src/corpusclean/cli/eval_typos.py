"""``corpusclean eval-typos CORPUS``: measure typo flagging on slips injected into a corpus.

Imports are absolute so that the module also loads before ``cli/__init__.py`` exists.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import orjson

from corpusclean.errors import InputError
from corpusclean.typos.detect import DEFAULT_THRESHOLD
from corpusclean.typos.evaluate import CURVE_THRESHOLDS, evaluate

EPILOG = """example:
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
        "corpus", metavar="CORPUS", help="a .txt file, a directory of .txt files, or a .jsonl file"
    )
    parser.add_argument("--rate", type=float, default=1 / 2000, help="slips per character (default: 1/2000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the injection (default: 0)")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                        help=f"confidence threshold to report on (default: {DEFAULT_THRESHOLD})")  # fmt: skip
    parser.set_defaults(func=run)
    return parser


def read_texts(path: str | Path) -> list[str]:
    """The texts of a ``.txt`` file, a directory of ``.txt`` files, or ``.jsonl`` with a ``text`` key."""
    path = Path(path)
    if path.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(path.rglob("*.txt"))]
    if path.suffix == ".jsonl":
        texts = []
        with path.open("rb") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    texts.append(orjson.loads(line)["text"])
                except (orjson.JSONDecodeError, KeyError, TypeError):
                    raise InputError("not a JSON object with a \"text\" key; fix or drop the line",
                                     path=str(path), line=number) from None  # fmt: skip
        return texts
    try:
        return [path.read_text(encoding="utf-8")]
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read as UTF-8 text ({exc}); give a .txt, .jsonl or directory", path=str(path)
        ) from None


def run(args: argparse.Namespace) -> int:
    """Run the evaluation and print the curve; 0 on success."""
    texts = read_texts(args.corpus)
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
