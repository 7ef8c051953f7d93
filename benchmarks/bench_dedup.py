"""Benchmarks of duplicate detection: the threshold curve, the sketch, throughput and memory.

Run from the repository root (needs the ``test`` extra: snownlp, datasketch)::

    python benchmarks/bench_dedup.py curve                 # precision/recall over the threshold
    python benchmarks/bench_dedup.py sketch --mb 5         # numpy MinHash vs datasketch, same texts
    python benchmarks/bench_dedup.py throughput            # 10, 50 and 200 MB, one process each
    python benchmarks/bench_dedup.py throughput --mb 10    # one size

Targets (see docs/duplicates.md): near-duplicate detection at least 5 MB/s on
one core (MB per CPU second of the process), linear in corpus size; pair
recall >= 0.95 and precision >= 0.99 on the People's Daily near-copy corpus at
the default threshold. MB are 10**6
bytes of UTF-8 text. Timings on a shared machine are noisy: run twice, keep the best.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from duplicate_corpus import (  # noqa: E402
    COPY_KINDS,
    build_corpus,
    near_copy,
    peoples_daily_articles,
    precision_recall,
)

from corpusclean.dedup import DuplicateIndex, MinHasher, fold_for_comparison  # noqa: E402


def curve(seeds: list[int]) -> None:
    """Pair precision and recall of the People's Daily near-copy corpus at each threshold."""
    corpora = [build_corpus(seed=s) for s in seeds]
    print(f"corpora: seeds {seeds}, {[len(c) for c in corpora]} documents")
    print("| threshold | bands × rows | precision (min over seeds) | recall (min over seeds) |")
    print("|---|---|---|---|")
    for threshold in (0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9):
        scores = []
        for corpus in corpora:
            index = DuplicateIndex(threshold=threshold)
            for d in corpus:
                index.add(d.id, d.text)
            clusters = {d.id: d.id for d in corpus}
            clusters.update({doc_id: m.cluster for (doc_id, _), m in index.resolve().items()})
            scores.append(precision_recall(clusters, {d.id: d.family for d in corpus}))
        p, r = min(s[0] for s in scores), min(s[1] for s in scores)
        print(f"| {threshold} | {index.bands} × {index.rows} | {p:.4f} | {r:.4f} |")


def synthetic_corpus(megabytes: float, seed: int = 0, copies: float = 0.3) -> Iterator[tuple[str, str]]:
    """``(id, text)`` pairs adding up to ``megabytes`` of UTF-8, made from People's Daily articles.

    The articles are used again and again, each time with the Han characters
    put through a new random permutation: the text keeps the length and
    character statistics of Chinese news, but every round is new text, so the
    share of duplicates stays the same at every size (``copies`` of the
    articles get a near copy: new header, edits, reordered paragraphs).
    """
    rng = random.Random(seed)
    articles = peoples_daily_articles()
    han = sorted({c for a in articles for p in a for c in p if "\u4e00" <= c <= "\u9fff"})
    budget, n = megabytes * 1e6, 0
    while budget > 0:
        shuffled = han[:]
        rng.shuffle(shuffled)
        table = str.maketrans(dict(zip(han, shuffled, strict=True)))
        for a in rng.sample(range(len(articles)), len(articles)):
            paragraphs = tuple(p.translate(table) for p in articles[a])
            texts = ["\n".join(paragraphs)]
            if rng.random() < copies:
                texts.append(near_copy(paragraphs, rng.choice(COPY_KINDS), rng))
            for text in texts:
                n += 1
                budget -= len(text.encode("utf-8"))
                yield f"doc{n:08d}", text
                if budget <= 0:
                    return


def throughput_one(megabytes: float, repeat: int) -> dict[str, float]:
    """Time DuplicateIndex.add and resolve over a synthetic corpus (generation not timed)."""
    best: dict[str, float] | None = None
    for _ in range(repeat):
        index = DuplicateIndex()
        wall, cpu, size, docs = 0.0, 0.0, 0, 0
        for doc_id, text in synthetic_corpus(megabytes):
            began, began_cpu = time.perf_counter(), time.process_time()
            index.add(doc_id, text)
            wall += time.perf_counter() - began
            cpu += time.process_time() - began_cpu
            size += len(text.encode("utf-8"))
            docs += 1
        began, began_cpu = time.perf_counter(), time.process_time()
        found = index.resolve()
        resolve = time.perf_counter() - began
        cpu += time.process_time() - began_cpu
        seconds = wall + resolve
        row = {
            "mb": round(size / 1e6, 1),
            "docs": docs,
            "marked": sum(m.duplicate_of is not None for m in found.values()),
            "seconds": round(seconds, 2),
            "resolve_seconds": round(resolve, 2),
            "mb_per_s": round(size / 1e6 / seconds, 2),
            "cpu_seconds": round(cpu, 2),
            "mb_per_cpu_s": round(size / 1e6 / cpu, 2),
            "signature_mb": round(index.signatures().nbytes / 1e6, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
        if best is None or row["cpu_seconds"] < best["cpu_seconds"]:
            best = row
    assert best is not None
    return best


def throughput(sizes: list[float], repeat: int) -> None:
    """One fresh process per size, so each peak memory is its own."""
    print(
        "| MB | documents | marked | wall s (resolve) | MB/s wall | CPU s | MB/s per CPU s "
        "| signatures MB | peak RSS MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for mb in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "throughput-child", "--mb", str(mb), "--repeat", str(repeat)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out)
        print(
            f"| {r['mb']} | {r['docs']} | {r['marked']} | {r['seconds']} ({r['resolve_seconds']}) "
            f"| {r['mb_per_s']} | {r['cpu_seconds']} | {r['mb_per_cpu_s']} "
            f"| {r['signature_mb']} | {r['peak_rss_mb']} |"
        )


def sketch(megabytes: float) -> None:
    """Signatures of the same folded texts with MinHasher and with datasketch.MinHash."""
    from datasketch import MinHash

    texts = [fold_for_comparison(t) for _, t in synthetic_corpus(megabytes)]
    size = sum(len(t.encode("utf-8")) for t in texts)
    hasher = MinHasher(num_perm=128, ngram=5)
    began = time.process_time()
    ours = hasher.signatures(texts)
    numpy_seconds = time.process_time() - began
    began = time.process_time()
    theirs = []
    for t in texts:
        m = MinHash(num_perm=128)
        m.update_batch([t[i : i + 5].encode("utf-8") for i in range(len(t) - 4)])
        theirs.append(m)
    datasketch_seconds = time.process_time() - began
    # both estimate the same Jaccard: compare their errors on neighbours (often an article and its copy)
    errors_ours, errors_theirs = [], []
    for i in range(0, min(600, len(texts) - 1), 2):
        j = i + 1
        a = {texts[i][k : k + 5] for k in range(len(texts[i]) - 4)}
        b = {texts[j][k : k + 5] for k in range(len(texts[j]) - 4)}
        true = len(a & b) / len(a | b)
        errors_ours.append(abs(float((ours[i] == ours[j]).mean()) - true))
        errors_theirs.append(abs(theirs[i].jaccard(theirs[j]) - true))
    print(f"{len(texts)} texts, {size / 1e6:.1f} MB folded, 128 permutations, 5-gram shingles")
    print("| sketch | CPU seconds | MB/s per CPU s | mean abs. error of Jaccard (300 neighbour pairs) |")
    print("|---|---|---|---|")
    for name, seconds, errors in [
        ("corpusclean MinHasher (numpy)", numpy_seconds, errors_ours),
        ("datasketch.MinHash", datasketch_seconds, errors_theirs),
    ]:
        print(f"| {name} | {seconds:.2f} | {size / 1e6 / seconds:.1f} | {sum(errors) / len(errors):.4f} |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=["curve", "sketch", "throughput", "throughput-child"])
    parser.add_argument("--mb", type=float, action="append", help="corpus size(s) in MB")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest is shown")
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 8, 9])
    args = parser.parse_args()
    if args.what == "curve":
        curve(args.seeds)
    elif args.what == "sketch":
        sketch((args.mb or [5.0])[0])
    elif args.what == "throughput":
        throughput(args.mb or [10.0, 50.0, 200.0], args.repeat)
    else:
        print(json.dumps(throughput_one(args.mb[0], args.repeat)))


if __name__ == "__main__":
    main()
