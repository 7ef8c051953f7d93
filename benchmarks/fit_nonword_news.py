"""Fit the non-word detector's weights: without a corpus on csc-dev, with one on csc-dev and news.

Usage::

    python benchmarks/fit_nonword_news.py CSC_DIR [--cache FILE] [--seeds 1000 1001 1002 1003]
        [--calibrate-seeds 1000 1001] [--check SEED ...] [--write]

``CSC_DIR`` holds the csc-dev files (``law.train``, ``med.train``, ...). Three fits go into
``src/corpusclean/typos/nonword_weights.json`` (with ``--write``):

- ``reference``, the weights without a corpus: fitted on the ``*.train`` sentences of
  csc-dev as ``benchmarks/eval_csc.py --fit`` fits them (real writers' errors, each
  sentence checked alone);
- ``corpus_words_only`` and ``corpus``, the weights with a corpus (counted around listed
  words only, as ``flag_typos`` counts, or every n-gram), fitted on two kinds of swap
  together: those of the csc-dev ``*.train`` sentences, each half of them with the other
  half's correct sides as its corpus (as ``eval_csc.py --fit`` does), and those of the
  People's Daily text of January 1998 as the default pipeline leaves it (every step before
  ``flag_typos``; ``--cache`` keeps that text in a file, as ``bench_typos.py --cache``
  does), its even-numbered documents only, with one-character sound-alike slips injected at
  one per 2,000 characters (``--seeds``) and the checker fitted on each noisy copy as
  ``flag_typos`` fits it. Every candidate swap that passes the guards and makes its window
  more likely is labelled right when it restores the error.

Why both: csc-dev alone is a few hundred sentences with one misspelt character in 54, so a
fit on it alone cannot learn how much the gain, the frequencies and the corpus counts weigh
when the corpus is a month of a newspaper and slips are rare; fitted on it alone, 12% of the
flags on the People's Daily text were no slips. The news text cannot teach which kinds of swap
writers make, since the injected slips are sound-alikes by construction: the weights of
``exact_reading``, ``shape`` and ``shape_other_reading`` are those of the csc-dev fit with a
corpus, and only the others are fitted on both.

Last, the intercept is moved so that at the default threshold, on the news documents with the
slips of ``--calibrate-seeds``, the checker restores as many injected slips as it does with the
csc-dev fit with a corpus: the weights are asked to flag as much, more precisely. The
odd-numbered documents are held out: ``--check SEED`` prints the figures there with both
fits, and ``benchmarks/bench_typos.py --figure SEED`` those of the whole month.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_typos import cleaned_by_default_pipeline
from eval_csc import FILES, fit, labelled_swaps, read

from corpusclean.reference import peoples_daily
from corpusclean.typos import nonword
from corpusclean.typos.check import TypoChecker
from corpusclean.typos.detect import DEFAULT_THRESHOLD, TypoDetector
from corpusclean.typos.evaluate import evaluate, find_in_batches, undoes_slip
from corpusclean.typos.inject import Slip, inject_char_slips
from corpusclean.typos.ngrams import string_codes
from corpusclean.typos.nonword import FEATURES, WEIGHTS_FILE, NonWordDetector, Weights
from corpusclean.typos.reference import reference
from corpusclean.typos.score import fit_weights

#: The features whose weights the csc-dev fit with a corpus sets: what kind of swap it is.
KINDS = ("exact_reading", "shape", "shape_other_reading")
#: The injection rate, as in issue 16's figure.
RATE = 1 / 2000


class Injected:
    """One noisy copy of the fitting documents, and a checker fitted on it as ``flag_typos`` fits."""

    def __init__(self, docs: Sequence[str], seed: int, *, words_only: bool) -> None:
        self.noisy, self.slips = inject_char_slips(docs, rate=RATE, seed=seed)
        self.original = list(docs)
        self.checker = TypoChecker(corpus=TypoDetector(words_only=words_only)).fit(self.noisy)
        self.at = {(s.doc, s.start): s for s in self.slips}
        self.by_doc: dict[int, list[Slip]] = {}
        for slip in self.slips:
            self.by_doc.setdefault(slip.doc, []).append(slip)

    @property
    def detector(self) -> NonWordDetector:
        assert isinstance(self.checker.nonword, NonWordDetector)
        return self.checker.nonword

    def labelled(self) -> tuple[np.ndarray, np.ndarray]:
        """Features of every guarded swap that makes its window more likely, and whether it is right."""
        ref = reference()
        xs, ys = [], []
        for d, text in enumerate(self.noisy):
            scored = self.detector.candidates(text, min_gain=0.0)
            if scored is None:
                continue
            swaps, features, _ = scored
            suggested = ref.chars[swaps.row, swaps.at - swaps.start]
            original = string_codes(self.original[d])[swaps.at]
            slipped = np.array([(d, int(at)) in self.at for at in swaps.at], dtype=bool)
            xs.append(features)
            ys.append(slipped & (suggested == original))
        return np.concatenate(xs), np.concatenate(ys).astype(np.float64)

    def recall(self, weights: Weights) -> float:
        """The share of the injected slips the checker restores at the default threshold with ``weights``."""
        detector = NonWordDetector(weights=weights)
        detector.use_corpus(self.checker.stats)
        checker = TypoChecker(corpus=self.checker.corpus, nonword=detector)
        found = find_in_batches(checker, self.noisy, DEFAULT_THRESHOLD)
        right = sum(
            1
            for d, hits in enumerate(found)
            for h in hits
            if undoes_slip(self.original[d], self.noisy[d], self.by_doc.get(d, []), h)
        )
        return right / max(len(self.slips), 1)


def fit_both(news: list[Injected], csc_swaps: tuple[np.ndarray, np.ndarray], csc: Weights) -> Weights:
    """Weights fitted on the swaps of ``news`` and ``csc_swaps``, those of :data:`KINDS` kept from ``csc``."""
    parts = [copy.labelled() for copy in news] + [csc_swaps]
    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    kinds = [FEATURES.index(name) for name in KINDS]
    free = [i for i in range(len(FEATURES)) if i not in kinds]
    offset = x[:, kinds] @ np.array([csc.weights[i] for i in kinds])
    w = fit_weights(np.column_stack([x[:, free], np.ones(len(x))]), y, l2=1.0, offset=offset)
    weights = np.zeros(len(FEATURES))
    weights[free] = w[:-1]
    weights[kinds] = [csc.weights[i] for i in kinds]
    print(f"  {len(y)} swaps ({len(csc_swaps[1])} of csc-dev), {int(y.sum())} right", file=sys.stderr)
    return Weights(tuple(round(float(v), 4) for v in weights), round(float(w[-1]), 4), RATE)


def calibrated(weights: Weights, copies: list[Injected], target: float) -> Weights:
    """``weights``, the intercept moved (to 0.01) so that the mean recall of ``copies`` reaches ``target``."""

    def recall(shift: float) -> float:
        moved = replace(weights, intercept=round(weights.intercept + shift, 4))
        return float(np.mean([copy.recall(moved) for copy in copies]))

    low, high = -2.0, 4.0
    while high - low > 0.01:
        middle = (low + high) / 2
        low, high = (low, middle) if recall(middle) >= target else (middle, high)
    return replace(weights, intercept=round(weights.intercept + high, 4))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csc", type=Path, help="the csc-dev folder")
    parser.add_argument("--cache", type=Path, help="the People's Daily text as the pipeline leaves it")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1000, 1001, 1002, 1003])
    parser.add_argument("--calibrate-seeds", type=int, nargs="+", default=[1000, 1001])
    parser.add_argument("--check", type=int, nargs="*", default=[], metavar="SEED", help="held-out figures")
    parser.add_argument("--write", action="store_true", help="write the weights to the package")
    args = parser.parse_args(argv)

    train = [row for name in FILES if name.endswith(".train") for row in read(args.csc / name)]
    detector = NonWordDetector()
    detector.preload()
    # the csc-dev swaps of each fit with a corpus are labelled once: fitted alone, then with the news text's
    swaps = {name: labelled_swaps(train, detector, corpus=name) for name in ("corpus_words_only", "corpus")}
    csc = {"reference": fit(train, detector, corpus=None)}
    csc |= {name: fit(train, detector, corpus=name, swaps=swaps[name]) for name in swaps}
    texts = cleaned_by_default_pipeline(peoples_daily(), args.cache)
    fitting, held_out = texts[0::2], texts[1::2]
    fits = {"reference": csc["reference"]}
    for name, words_only in (("corpus_words_only", True), ("corpus", False)):
        print(f"{name}: fitting on {len(fitting)} documents, seeds {args.seeds}", file=sys.stderr)
        seeds = sorted({*args.seeds, *args.calibrate_seeds})
        copies = {s: Injected(fitting, s, words_only=words_only) for s in seeds}
        news = fit_both([copies[s] for s in args.seeds], swaps[name], csc[name])
        calibrating = [copies[s] for s in args.calibrate_seeds]
        target = float(np.mean([copy.recall(csc[name]) for copy in calibrating]))
        fits[name] = calibrated(news, calibrating, target)
        print(f"  recall at {DEFAULT_THRESHOLD} with the csc-dev fit: {target:.3f}", file=sys.stderr)
        for seed in args.check:
            for label, weights in (("csc-dev fit", csc[name]), ("csc-dev and news fit", fits[name])):
                result = evaluate(
                    held_out, rate=RATE, seed=seed, nonword=NonWordDetector(weights=weights),
                    detector_options={"words_only": words_only},
                )  # fmt: skip
                at = result.at_threshold
                assert at is not None
                print(
                    f"  held out, seed {seed}, {label}: precision {at.precision:.3f}, recall "
                    f"{at.recall:.3f}, false flags per 10k untouched {at.untouched_false_per_10k:.3f}",
                    file=sys.stderr,
                )
    text = json.dumps(
        {
            "fitted_on": {
                "reference": "csc-dev law.train + med.train (benchmarks/eval_csc.py --fit)",
                "corpus": (
                    "csc-dev law.train + med.train, and People's Daily 1998-01, even documents, "
                    f"one-character slips, seeds {args.seeds}; {', '.join(KINDS)} from the csc-dev fit; "
                    f"intercept calibrated on seeds {args.calibrate_seeds} (benchmarks/fit_nonword_news.py)"
                ),
            },
            "features": list(FEATURES),
            "fits": {name: asdict(fits[name]) for name in nonword.FITS},
        },
        indent=1,
    )
    print(text)
    if args.write:
        target_file = Path(nonword.__file__).with_name(WEIGHTS_FILE)
        target_file.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {target_file}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
