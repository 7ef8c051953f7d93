"""Non-word slip detection on the csc-dev spelling-check set, sentence by sentence.

Usage::

    python benchmarks/eval_csc.py DIR [--threshold T] [--corpus] [--fit] [--limit N]

``DIR`` holds ``law.train``, ``law.test``, ``med.train``, ``med.test``, each a
line ``N<TAB>wrong<TAB>correct`` (``N`` misspelt characters, 0 for a correct
sentence; both sides of the same length). ``--files`` may name other files of
``DIR`` in the same format, or as lines ``wrong<TAB>correct``: the SIGHAN 2015
test set as the ``pycorrector`` wheel ships it (Simplified), an independent
check the weights were never fitted on::

    pip download --no-deps pycorrector==1.1.4 -d /tmp/pc
    mkdir -p /tmp/sighan && unzip -p /tmp/pc/pycorrector-1.1.4-py3-none-any.whl \
        pycorrector/data/sighan2015_test.tsv > /tmp/sighan/sighan2015_test.tsv
    python benchmarks/eval_csc.py /tmp/sighan --files sighan2015_test.tsv

Each ``wrong`` sentence is checked
alone with :class:`~corpusclean.typos.nonword.NonWordDetector` and the shipped
reference; with ``--corpus`` the detector also gets the counts of the
``correct`` sides of the file's ``*.train`` partner (for a ``*.train`` file
itself, that is its own text: only the ``*.test`` figures are fair then).

Printed per file:

- character-level detection: precision, recall and F1 of flagged positions
  against the positions where ``wrong`` and ``correct`` differ;
- sentence-level correction, as in the SIGHAN 2015 bake-off: a sentence is
  *corrected* when the suggestions applied to ``wrong`` give exactly
  ``correct``; precision is corrected sentences with errors over sentences
  that got any flag (a flagged correct sentence counts against it), recall is
  corrected sentences over sentences with errors;
- the share of correct sentences (``N`` = 0) that get any flag.

``--checker`` checks with ``flag_typos``'s checker instead
(:class:`~corpusclean.typos.check.TypoChecker`: both detectors, its guards,
and with ``--corpus`` its corpus rules, the counts kept as ``flag_typos``
keeps them).

``--fit`` fits the confidence weights on the ``*.train`` files only (every
candidate swap that passes the guards and makes its window more likely, below
the evidence floor too, labelled right when it is at a
misspelt position and suggests the correct character) and prints them with
the precision of the training candidates at each threshold; the ``*.test``
files are the held-out figures, scored with the weights just fitted. The
shipped weights are written by ``benchmarks/fit_nonword_news.py``, which makes
the fit without a corpus here and those with a corpus on news text.
``--fit-on`` fits on some training files only: a domain left out of the fit is
then a domain the weights never saw::

    python benchmarks/eval_csc.py ../shared/csc-dev --checker --fit --fit-on law.train --files med.test
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from corpusclean.typos import nonword
from corpusclean.typos.check import TypoChecker
from corpusclean.typos.detect import span_words
from corpusclean.typos.ngrams import NgramStats, string_codes
from corpusclean.typos.nonword import (
    DEFAULT_NONWORD_THRESHOLD,
    FEATURES,
    NonWordDetector,
    Weights,
)
from corpusclean.typos.reference import reference
from corpusclean.typos.score import fit_weights

FILES = ("law.train", "med.train", "law.test", "med.test")


def read(path: Path) -> list[tuple[int, str, str]]:
    """The ``(N, wrong, correct)`` lines of a file, skipping any whose sides differ in length.

    A line is ``N<TAB>wrong<TAB>correct`` (csc-dev) or ``wrong<TAB>correct`` (``N`` is then
    counted).
    """
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2:
            parts = [str(sum(a != b for a, b in zip(*parts, strict=False))), *parts]
        if len(parts) == 3 and len(parts[1]) == len(parts[2]):
            rows.append((int(parts[0]), parts[1], parts[2]))
    return rows


@dataclass
class Scores:
    """Counts of one file, and the figures derived from them."""

    flagged_chars: int = 0
    right_chars: int = 0
    wrong_chars: int = 0
    flagged_sentences: int = 0
    corrected: int = 0
    error_sentences: int = 0
    clean_sentences: int = 0
    clean_flagged: int = 0
    chars: int = 0
    seconds: float = 0.0

    def add(self, wrong: str, correct: str, hits: list[tuple[int, str]]) -> None:
        gold = {i for i, (a, b) in enumerate(zip(wrong, correct, strict=True)) if a != b}
        flagged = {at for at, _ in hits}
        self.chars += len(wrong)
        self.flagged_chars += len(flagged)
        self.right_chars += len(flagged & gold)
        self.wrong_chars += len(gold)
        fixed = list(wrong)
        for at, suggestion in hits:
            fixed[at] = suggestion
        if hits:
            self.flagged_sentences += 1
        if gold:
            self.error_sentences += 1
            self.corrected += bool(hits) and "".join(fixed) == correct
        else:
            self.clean_sentences += 1
            self.clean_flagged += bool(hits)

    def line(self, name: str) -> str:
        cp = _ratio(self.right_chars, self.flagged_chars)
        cr = _ratio(self.right_chars, self.wrong_chars)
        sp = _ratio(self.corrected, self.flagged_sentences)
        sr = _ratio(self.corrected, self.error_sentences)
        return (
            f"{name:10} char P {cp:.3f} R {cr:.3f} F1 {_f1(cp, cr):.3f} ({self.right_chars}/"
            f"{self.flagged_chars} flagged, {self.wrong_chars} misspelt) | sentence correction "
            f"P {sp:.3f} R {sr:.3f} F1 {_f1(sp, sr):.3f} ({self.corrected}/{self.flagged_sentences} "
            f"flagged, {self.error_sentences} with errors) | correct sentences flagged "
            f"{_ratio(self.clean_flagged, self.clean_sentences):.3f} ({self.clean_flagged}/"
            f"{self.clean_sentences}) | {self.chars / max(self.seconds, 1e-9) / 1e3:.0f}k chars/s CPU"
        )


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(
    rows: list[tuple[int, str, str]], detector: NonWordDetector | TypoChecker, thresholds: list[float]
) -> list[Scores]:
    """Check each ``wrong`` sentence alone and score the flags against ``correct``, at each threshold.

    The flags at a threshold are those found at the lowest one with at least
    that confidence (the detector picks among overlapping swaps by confidence,
    so raising the threshold only drops flags).
    """
    scores = [Scores() for _ in thresholds]
    for _, wrong, correct in rows:
        start = time.process_time()
        hits = detector.find(wrong, threshold=min(thresholds))
        seconds = time.process_time() - start
        for t, s in zip(thresholds, scores, strict=True):
            s.seconds += seconds
            # a real-word hit of the checker spans two characters: each one it changes counts
            changed = [
                (h.start + i, ch)
                for h in hits
                if h.confidence >= t
                for i, ch in enumerate(h.suggestion)
                if wrong[h.start + i] != ch
            ]
            s.add(wrong, correct, changed)
    return scores


def training_rows(
    rows: list[tuple[int, str, str]], detector: NonWordDetector
) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of every guarded candidate swap of ``rows``."""
    ref = reference()
    xs, ys = [], []
    for _, wrong, correct in rows:
        scored = detector.candidates(wrong, min_gain=0.0)
        if scored is None:
            continue
        cands, features, _ = scored
        suggested = ref.chars[cands.row, cands.at - cands.start]
        truth = string_codes(correct)[cands.at]
        xs.append(features)
        ys.append((suggested == truth) & (string_codes(wrong)[cands.at] != truth))
    return np.concatenate(xs), np.concatenate(ys).astype(np.float64)


def labelled_swaps(
    rows: list[tuple[int, str, str]], detector: NonWordDetector, *, corpus: str | None
) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of the swaps of ``rows``: alone, or against the other half's ``correct`` sides.

    With a corpus, each half of ``rows`` is scored against the counts of the
    other half (so a sentence never vouches for itself); for
    ``corpus_words_only`` they are counted as ``flag_typos`` counts them, around
    listed words only (a span of three or four characters as written is
    then counted only when it holds a word).
    """
    parts = []
    if corpus is None:
        detector.use_corpus(None)
        parts.append(training_rows(rows, detector))
    else:
        words = span_words() if corpus == "corpus_words_only" else None
        halves = rows[::2], rows[1::2]
        for mine, other in (halves, halves[::-1]):
            detector.use_corpus(NgramStats.fit((correct for _, _, correct in other), words=words))
            parts.append(training_rows(mine, detector))
        detector.use_corpus(None)
    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    if corpus is None:
        x[:, [FEATURES.index("corpus_target"), FEATURES.index("corpus_span")]] = 0.0
    return x, y


def fit(
    rows: list[tuple[int, str, str]],
    detector: NonWordDetector,
    *,
    corpus: str | None,
    swaps: tuple[np.ndarray, np.ndarray] | None = None,
) -> Weights:
    """Weights fitted on the swaps of ``rows`` (:func:`labelled_swaps`, unless given as ``swaps``)."""
    x, y = labelled_swaps(rows, detector, corpus=corpus) if swaps is None else swaps
    w = fit_weights(np.column_stack([x, np.ones(len(x))]), y, l2=1.0)
    misspelt = sum(a != b for _, wrong, correct in rows for a, b in zip(wrong, correct, strict=True))
    slip_rate = round(misspelt / sum(len(wrong) for _, wrong, _ in rows), 5)
    weights = Weights(tuple(round(float(v), 4) for v in w[:-1]), round(float(w[-1]), 4), slip_rate)
    conf = NonWordDetector(weights=weights).confidence(x)
    print(f"{corpus or 'reference'}: {len(y)} candidates, {int(y.sum())} right")
    for t in (0.5, 0.6, 0.7, 0.8, 0.9):
        sel = conf >= t
        right, total = int(y[sel].sum()), int(sel.sum())
        print(f"  threshold {t:.1f}: {total} candidates, precision {_ratio(right, total):.3f}")
    return weights


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--threshold", type=float, nargs="+", default=[DEFAULT_NONWORD_THRESHOLD])
    parser.add_argument("--corpus", action="store_true", help="also use the *.train correct sides")
    parser.add_argument("--fit", action="store_true", help="fit the weights on the *.train files")
    parser.add_argument("--no-shapes", action="store_true", help="sound-alike swaps only")
    parser.add_argument("--checker", action="store_true", help="check with flag_typos's TypoChecker")
    parser.add_argument("--files", nargs="+", default=list(FILES), help="which files to score")
    training = [name for name in FILES if name.endswith(".train")]
    parser.add_argument("--fit-on", nargs="+", default=training, help="with --fit: the training files")
    parser.add_argument("--limit", type=int, default=None, help="only the first N lines of each file")
    args = parser.parse_args(argv)
    names = dict.fromkeys([*FILES, *args.files, *args.fit_on])  # csc-dev's, then any other file asked for
    data = {name: read(args.dir / name)[: args.limit] for name in names if (args.dir / name).exists()}
    detector = NonWordDetector(shapes=not args.no_shapes)
    detector.preload()
    fitted: dict[str, Weights] = {}
    if args.fit:
        train = [row for name in args.fit_on for row in data[name]]
        fits = {
            name: fit(train, detector, corpus=None if name == "reference" else name) for name in nonword.FITS
        }
        text = json.dumps(
            {
                "fitted_on": f"csc-dev {' + '.join(args.fit_on)} (benchmarks/eval_csc.py --fit)",
                "features": list(FEATURES),
                "fits": {name: asdict(weights) for name, weights in fits.items()},
            },
            indent=1,
        )
        print(text)
        fitted = fits
    # the fit the detector picks for itself (flag_typos's checker counts around listed words only)
    kind = "corpus_words_only" if args.checker else "corpus"
    if fitted:  # score with the weights just fitted
        weights = fitted[kind if args.corpus else "reference"]
        detector = NonWordDetector(shapes=not args.no_shapes, weights=weights)
    for name, rows in data.items():
        if name not in args.files:
            continue
        detector.use_corpus(None)
        finder: NonWordDetector | TypoChecker = TypoChecker(nonword=detector) if args.checker else detector
        if args.corpus:
            stem = name.split(".")[0]
            train_rows = data.get(stem + ".train") or read(args.dir / (stem + ".train"))
            sides = [correct for _, _, correct in train_rows]
            if isinstance(finder, TypoChecker):
                finder.fit(sides)
            else:
                detector.use_corpus(NgramStats.fit(sides))
        for t, scores in zip(args.threshold, evaluate(rows, finder, args.threshold), strict=True):
            print(f"{t:.2f} " + scores.line(name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
