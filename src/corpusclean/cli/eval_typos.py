"""``corpusclean eval-typos CORPUS``: measure typo flagging on slips injected into a corpus."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..formats import Corpus
from ..typos.detect import DEFAULT_THRESHOLD
from ..typos.evaluate import CURVE_THRESHOLDS, evaluate
from ..typos.inject import PICKS, READINGS

EPILOG = """Example:
  corpusclean eval-typos articles/ --rate 0.0005 --seed 1
  (prints precision, recall and false flags per 10,000 characters of untouched text, for
  one-character and whole-word slips, with the corpus fitted and with the reference only)
  corpusclean eval-typos articles/ --kind char --pick uniform --reading loose
  (the same with one-character slips made another way: any sound-alike as likely as any
  other, z/zh, an/ang and the like blurred)"""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add the ``eval-typos`` command to ``subparsers``."""
    parser = subparsers.add_parser(
        "eval-typos",
        help="inject input-method slips into a copy of a corpus and measure typo flagging",
        description="Inject realistic input-method slips into a copy of CORPUS: one character of a "
        "word replaced by a common sound-alike (计划 → 己划: mostly non-words), and whole words replaced "
        "by sound-alike words (初心 → 出行). Check the copy with flag_typos' checker fitted on it, and "
        "with the reference statistics alone, and print precision, recall and false flags per 10,000 "
        "characters of the untouched text at each confidence threshold.",
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
    parser.add_argument(
        "--kind",
        choices=("char", "word", "both"),
        default="both",
        help="slips to inject: one character, whole words, or both in turn (default)",
    )
    parser.add_argument(
        "--corpus",
        dest="with_corpus",
        choices=("yes", "no", "both"),
        default="both",
        help="fit on the corpus, use the reference only, or both in turn (default)",
    )
    parser.add_argument(
        "--pick",
        choices=PICKS,
        default=PICKS[0],
        help="one-character slips: pick a sound-alike in proportion to how common it is (default), "
        "or each alike",
    )
    parser.add_argument(
        "--reading",
        choices=READINGS,
        default=READINGS[0],
        help="one-character slips: sound-alikes of the same toneless reading (default), or of the same "
        "loose one (z/zh, c/ch, s/sh, an/ang, en/eng, in/ing)",
    )
    parser.add_argument("--curve", action="store_true", help="print the whole curve, not only the threshold")
    parser.set_defaults(func=run)
    return parser


def read_texts(path: str | Path, *, text_key: str = "text") -> list[str]:
    """The texts of the documents under ``path``, read as ``corpusclean clean`` reads them."""
    return [doc.text for doc in Corpus([path], text_key=text_key)]


def run(args: argparse.Namespace) -> int:
    """Run the evaluations asked for and print what each measured; 0 on success."""
    texts = read_texts(args.corpus, text_key=args.text_key)
    print(f"{len(texts)} documents, {sum(map(len, texts))} characters")
    kinds = ("char", "word") if args.kind == "both" else (args.kind,)
    fits = (True, False) if args.with_corpus == "both" else (args.with_corpus == "yes",)
    thresholds = sorted({*CURVE_THRESHOLDS, args.threshold})
    for kind in kinds:
        for corpus in fits:
            options = {"pick": args.pick, "reading": args.reading} if kind == "char" else {}
            result = evaluate(
                texts,
                rate=args.rate,
                seed=args.seed,
                kind=kind,
                corpus=corpus,
                threshold=args.threshold,
                thresholds=thresholds,
                slip_options=options,
            )
            at = result.at_threshold
            print(
                f"{SLIP_NAMES[kind]}, {'corpus fitted' if corpus else 'reference only'}: "
                f"{result.slips} slips (seed {args.seed}); at threshold {result.threshold}: "
                f"precision {result.precision:.3f}, recall {result.recall:.3f}, "
                f"false flags per 10,000 characters of untouched text "
                f"{at.untouched_false_per_10k if at else 0.0:.3f}"
            )
            if args.curve:
                print(result.table())
    return 0


SLIP_NAMES = {"char": "one-character slips", "word": "whole-word slips"}
