"""Speed of ``score_quality``, in MB of UTF-8 text per CPU second, on one core.

Usage::

    PYTHONPATH=src python benchmarks/bench_quality.py [--mb 4] [--repeat 3] [--sizes]

The corpus is the plain corpus of ``benchmarks/bench_cleaners.py`` (the seeds
but the HTML one, and the People's Daily of January 1998 at 20 paragraphs a
document, about 6 KB; cycled to ``--mb``). ``score_quality`` runs over every
document ``--repeat`` times; the best run counts, in CPU time
(``time.process_time``), which other jobs on a shared machine disturb less
than wall-clock time. The target is 20 MB per CPU second.

``--sizes`` also times the signals alone on People's Daily documents of 5 to
320 paragraphs: the fixed cost of a document (a few hundred array operations)
against the cost of its characters.
"""

from __future__ import annotations

import argparse
import time

from bench_cleaners import best_rate, best_seconds, plain_corpus

from corpusclean.quality import preload_tables, quality_signals
from corpusclean.reference import peoples_daily_paragraphs

#: Paragraphs of the People's Daily a document, for ``--sizes``.
SIZES = (5, 20, 80, 320)


def score_quality_rate(megabytes: float, repeat: int = 3) -> float:
    """``score_quality``'s MB per CPU second (best of ``repeat``) over the plain corpus of ``megabytes``."""
    preload_tables()
    texts = plain_corpus(megabytes, peoples_daily_paragraphs())
    rate, _ = best_rate("score_quality", texts, repeat, time.process_time)
    return rate


def rates_by_size(repeat: int = 3, paragraphs: int = 6400) -> list[tuple[float, float]]:
    """(KB a document, MB per CPU second) of the signals alone on documents of each of :data:`SIZES`."""
    preload_tables()
    source = peoples_daily_paragraphs()[:paragraphs]
    out = []
    for size in SIZES:
        docs = ["\n\n".join(source[i : i + size]) for i in range(0, len(source), size)]
        megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6
        seconds = best_seconds(lambda docs=docs: list(map(quality_signals, docs)), repeat, time.process_time)
        out.append((megabytes / len(docs) * 1e3, megabytes / seconds))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=4.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", action="store_true", help="also time documents of 5 to 320 paragraphs")
    args = parser.parse_args()
    rate = score_quality_rate(args.mb, args.repeat)
    print(f"score_quality: {rate:.1f} MB per CPU second ({args.mb} MB, best of {args.repeat})")
    if args.sizes:
        for size, (kb, per_second) in zip(SIZES, rates_by_size(args.repeat), strict=True):
            print(f"  {size:3d} paragraphs a document ({kb:5.1f} KB): {per_second:5.1f} MB per CPU second")


if __name__ == "__main__":
    main()
