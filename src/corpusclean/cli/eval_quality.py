"""``corpusclean eval-quality CORPUS``: how many documents each quality rule would drop, with samples."""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field

from ..errors import RecipeError
from ..formats import Corpus
from ..quality import RULES, Thresholds, failures, quality_signals, threshold_names

EPILOG = """Example:
  corpusclean eval-quality crawl/ --samples 3 --set min_fluency=0.5
  (prints, for each rule, the documents it would drop and a few of them)"""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add the ``eval-quality`` command to ``subparsers``."""
    parser = subparsers.add_parser(
        "eval-quality",
        help="show how many documents each filter_quality rule would drop, with samples",
        description="Score every document of CORPUS and print, for each rule of filter_quality, how many "
        "documents it would drop (first: the rule that would name the drop; any: every document on "
        "which it fires) and samples of them with the values, so that thresholds can be set "
        "before a run. Nothing is written.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "corpus", metavar="CORPUS", help="a file or directory, read as `corpusclean clean` reads its inputs"
    )
    parser.add_argument("--text-key", default="text", help="JSONL field that holds the text (default: text)")
    parser.add_argument("--samples", type=int, default=3, help="documents shown for each rule (default: 3)")
    parser.add_argument("--chars", type=int, default=80, help="characters shown of each sample (default: 80)")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        dest="settings",
        help="a filter_quality threshold to try instead of its default (repeatable)",
    )
    parser.set_defaults(func=run)
    return parser


def parse_settings(settings: list[str]) -> Thresholds:
    """Thresholds with ``NAME=VALUE`` settings applied over the defaults."""
    names = threshold_names()
    values: dict[str, float] = {}
    for setting in settings:
        name, sep, value = setting.partition("=")
        if not sep or name not in names:
            raise RecipeError(
                f"--set {setting!r}: expected NAME=VALUE with NAME one of {', '.join(names)}; "
                "for example --set min_fluency=0.5"
            )
        try:
            values[name] = float(value)
        except ValueError:
            raise RecipeError(f"--set {setting!r}: {value!r} is not a number") from None
    return Thresholds(**values)  # type: ignore[arg-type]


@dataclass
class RuleReport:
    """What the rules do to a corpus: counts by rule and samples."""

    documents: int = 0
    dropped: int = 0
    first: Counter[str] = field(default_factory=Counter)
    fired: Counter[str] = field(default_factory=Counter)
    samples: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)

    def add(self, doc_id: str, text: str, thresholds: Thresholds, samples: int) -> None:
        """Judge one document."""
        self.documents += 1
        found = failures(quality_signals(text), thresholds)
        if not found:
            return
        self.dropped += 1
        self.first[found[0].rule] += 1
        for failure in found:
            self.fired[failure.rule] += 1
            shown = self.samples.setdefault(failure.rule, [])
            if len(shown) < samples:
                shown.append((doc_id, failure.reason, text))

    def lines(self, chars: int) -> list[str]:
        """The report as printed lines."""
        kept = self.documents - self.dropped
        share = kept / self.documents if self.documents else 1.0
        out = [f"{self.documents} documents: {kept} kept ({share:.1%}), {self.dropped} dropped", ""]
        out.append(f"{'rule':22} {'first':>7} {'any':>7}")
        for rule in RULES:
            if self.fired[rule.name]:
                out.append(f"{rule.name:22} {self.first[rule.name]:7d} {self.fired[rule.name]:7d}")
        for rule in RULES:
            for doc_id, reason, text in self.samples.get(rule.name, []):
                snippet = text[:chars].replace("\n", " ⏎ ")
                out.append(f"\n[{rule.name}] {doc_id}: {reason}\n  {snippet}")
        return out


def run(args: argparse.Namespace) -> int:
    """Score the corpus and print the rule table and samples; 0 on success."""
    thresholds = parse_settings(args.settings)
    report = RuleReport()
    for doc in Corpus([args.corpus], text_key=args.text_key):
        report.add(doc.id, doc.text, thresholds, args.samples)
    print("\n".join(report.lines(args.chars)))
    return 0
