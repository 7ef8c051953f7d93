"""Speed of ``score_quality``, in MB of UTF-8 text per CPU second, on one core.

Usage::

    PYTHONPATH=src python benchmarks/bench_quality.py [--mb 4] [--repeat 3] [--sizes] [--against SRC]

The corpus is the plain corpus of ``benchmarks/bench_cleaners.py`` (the seeds
but the HTML one, and the People's Daily of January 1998 at 20 paragraphs a
document, about 6 KB; cycled to ``--mb``). ``score_quality`` cleans every
document ``--repeat`` times as a pipeline runs it: ``Pipeline.clean`` hands it
the documents in batches (``corpusclean.cleaner.batches``) through
``process_many``, so the signals of a batch are computed at once
(``quality_signals_many``). The best run counts, in CPU time
(``time.process_time``), which other jobs on a shared machine disturb less
than wall-clock time. The target is 20 MB per CPU second.

``--sizes`` also times the signals alone (``quality_signals_many``, in the
pipeline's batches) on People's Daily documents of 5 to 320 paragraphs: the
fixed cost of a document against the cost of its characters.

``--against SRC`` times ``score_quality`` in a pipeline, of this ``src`` and of another
(say an earlier commit's, from ``git archive COMMIT src | tar -x -C /tmp/old``),
each in a fresh process, in turns, so that both see the same load; the best
of the turns counts.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from bench_cleaners import best_seconds, plain_corpus

from corpusclean import Document, Pipeline, make_cleaner
from corpusclean.cleaner import batches
from corpusclean.quality import preload_tables
from corpusclean.reference import peoples_daily_paragraphs

#: Paragraphs of the People's Daily a document, for ``--sizes``.
SIZES = (5, 20, 80, 320)


def score_quality_rate(megabytes: float, repeat: int = 3) -> float:
    """``score_quality``'s MB per CPU second (best of ``repeat``) over the plain corpus of ``megabytes``."""
    preload_tables()
    texts = plain_corpus(megabytes, peoples_daily_paragraphs())
    docs = [Document(id=str(i), text=t) for i, t in enumerate(texts)]
    pipeline = Pipeline([make_cleaner("score_quality")])
    seconds = best_seconds(lambda: sum(1 for _ in pipeline.clean(docs)), repeat, time.process_time)
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6 / seconds


def rates_by_size(repeat: int = 3, paragraphs: int = 6400) -> list[tuple[float, float]]:
    """(KB a document, MB per CPU second) of the signals alone on documents of each of :data:`SIZES`."""
    from corpusclean.quality import quality_signals_many  # here, so that the main figure runs with any src

    preload_tables()
    source = peoples_daily_paragraphs()[:paragraphs]
    out = []
    for size in SIZES:
        docs = ["\n\n".join(source[i : i + size]) for i in range(0, len(source), size)]
        megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6
        groups = [[d.text for d in group] for group in batches(Document(id="", text=d) for d in docs)]
        seconds = best_seconds(
            lambda groups=groups: [quality_signals_many(g) for g in groups], repeat, time.process_time
        )
        out.append((megabytes / len(docs) * 1e3, megabytes / seconds))
    return out


#: Times score_quality in a pipeline over the plain corpus in a fresh process; prints MB per CPU second.
_TIME_SIGNALS = """
import sys, time
sys.path.insert(0, {benchmarks!r})
from bench_cleaners import plain_corpus
from corpusclean import Document, Pipeline, make_cleaner
from corpusclean.quality import preload_tables
from corpusclean.reference import peoples_daily_paragraphs
preload_tables()
texts = plain_corpus({megabytes}, peoples_daily_paragraphs())
docs = [Document(id=str(i), text=t) for i, t in enumerate(texts)]
pipeline = Pipeline([make_cleaner("score_quality")])
began = time.process_time()
sum(1 for _ in pipeline.clean(docs))
print(sum(len(t.encode("utf-8")) for t in texts) / 1e6 / (time.process_time() - began))
"""


def rates_against(other_src: str, megabytes: float, turns: int = 3) -> tuple[float, float]:
    """(this ``src``, ``other_src``): the best MB per CPU second of ``turns`` alternating runs of each."""
    here = str(Path(__file__).resolve().parent.parent / "src")
    code = _TIME_SIGNALS.format(benchmarks=str(Path(__file__).resolve().parent), megabytes=megabytes)
    best = {here: 0.0, other_src: 0.0}
    for _ in range(turns):
        for src in best:
            env = {**os.environ, "PYTHONPATH": src}
            out = subprocess.run(
                [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
            )
            best[src] = max(best[src], float(out.stdout))
    return best[here], best[other_src]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=4.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", action="store_true", help="also time documents of 5 to 320 paragraphs")
    parser.add_argument("--against", metavar="SRC", help="also time score_quality of another src, in turns")
    args = parser.parse_args()
    rate = score_quality_rate(args.mb, args.repeat)
    print(f"score_quality: {rate:.1f} MB per CPU second ({args.mb} MB, best of {args.repeat})")
    if args.sizes:
        for size, (kb, per_second) in zip(SIZES, rates_by_size(args.repeat), strict=True):
            print(f"  {size:3d} paragraphs a document ({kb:5.1f} KB): {per_second:5.1f} MB per CPU second")
    if args.against:
        here, other = rates_against(args.against, min(args.mb, 2.0), args.repeat)
        print(
            f"score_quality in a pipeline: {here:.1f} MB per CPU second here, {other:.1f} in {args.against}"
        )


if __name__ == "__main__":
    main()
