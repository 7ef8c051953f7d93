"""The Ray engine gives the local engine's output, byte for byte (a local Ray with 2 CPUs)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

ray = pytest.importorskip("ray", reason="the Ray engine needs pip install 'corpusclean[ray]'")

import corpus_cleaners  # noqa: E402
from corpus_cleaners import corpus_pipeline  # noqa: E402

import corpusclean  # noqa: E402
from corpusclean.executor.runner import RunResult, clean_files  # noqa: E402
from corpusclean.pipeline import Pipeline  # noqa: E402
from corpusclean.recipe import default_pipeline  # noqa: E402
from corpusclean.registry import make_cleaner  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def local_ray() -> Iterator[None]:
    # the workers import corpusclean (from a source tree too) and the test cleaners
    paths = [str(Path(corpusclean.__file__).parents[1]), str(Path(corpus_cleaners.__file__).parent)]
    env = {"PYTHONPATH": os.pathsep.join([*paths, os.environ.get("PYTHONPATH", "")])}
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, runtime_env={"env_vars": env})
    yield
    ray.shutdown()


def comparable(result: RunResult) -> dict[str, Any]:
    """A run's summary without what differs between engines: file paths and timings."""
    summary = result.as_dict()
    summary.pop("files")
    for row in summary["cleaners"]:
        row.pop("seconds")
    return summary


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != "manifest.json"}


def test_seeds_give_the_local_output(seeds_dir: Path, tmp_path: Path) -> None:
    for engine in ("local", "ray"):
        clean_files([seeds_dir], str(tmp_path / engine), fmt="jsonl", pipeline=default_pipeline(),
                    engine=engine, workers=2, unit_bytes=20_000)  # fmt: skip
    assert files_of(tmp_path / "ray") == files_of(tmp_path / "local")
    assert "part-00000.jsonl.zst" in files_of(tmp_path / "ray")


@pytest.mark.slow  # three Ray Data executions: about 30 s on a shared 2-core machine
def test_corpus_level_cleaners_fit_on_ray_and_give_the_local_output(seeds_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, seed in enumerate(sorted(seeds_dir.glob("*.txt"))):
        text = seed.read_text(encoding="utf-8")
        (corpus / f"a{i}.txt").write_text(text, encoding="utf-8")
        (corpus / f"b{i}.txt").write_text(text, encoding="utf-8")  # a duplicate
        (corpus / f"c{i}.txt").write_text("短。", encoding="utf-8")  # dropped
    (corpus / "d.jsonl").write_bytes(
        b'{"text": "\xe4\xb8\xad\xe6\x96\x87\xe6\xae\xb5\xe8\x90\xbd"}\n{broken\n'
    )
    results = {}
    for engine in ("local", "ray"):
        results[engine] = clean_files([corpus], str(tmp_path / engine), fmt="jsonl",
                                      pipeline=corpus_pipeline(), engine=engine, workers=2,
                                      unit_bytes=15_000)  # fmt: skip
    assert files_of(tmp_path / "ray") == files_of(tmp_path / "local")
    names = files_of(tmp_path / "ray")
    assert {"duplicates-00000.jsonl.zst", "dropped-00000.jsonl.zst", "rejects-00000.jsonl.zst"} <= set(names)
    local, remote = comparable(results["local"]), comparable(results["ray"])
    assert remote == local
    assert local["duplicates"] == 5 and local["dropped"] == 6 and local["rejected"] == 1  # 中文段落 is short


def test_batches_that_span_many_units_give_the_local_output_and_stats(
    seed_texts: dict[str, str], tmp_path: Path
) -> None:
    # 1,200 records in units of about 60 records: a batch of 1,000 records spans many units, and the
    # units it covers but does not end in carry no stats of their own
    paragraphs = [p for text in seed_texts.values() for p in text.splitlines() if len(p) > 10]
    corpus = tmp_path / "corpus.jsonl"
    records = [
        orjson.dumps({"id": f"r{i}", "text": paragraphs[i % len(paragraphs)] + f"（{i}）"})
        for i in range(1200)
    ]
    corpus.write_bytes(b"\n".join(records) + b"\n")
    pipeline = Pipeline(make_cleaner(n) for n in ("normalize_spaces", "normalize_width", "remove_headers"))
    results, unit_bytes = {}, corpus.stat().st_size // 20
    for engine in ("local", "ray"):
        results[engine] = clean_files([corpus], str(tmp_path / engine), fmt="jsonl", pipeline=pipeline,
                                      engine=engine, workers=2, unit_bytes=unit_bytes)  # fmt: skip
    assert files_of(tmp_path / "ray") == files_of(tmp_path / "local")
    local, remote = comparable(results["local"]), comparable(results["ray"])
    assert remote == local
    assert local["documents_read"] == 1200 and {row["seen"] for row in local["cleaners"]} == {1200}


def test_a_cleaner_that_raises_on_ray_leaves_the_document_flagged_as_locally(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(5):
        (corpus / f"{n}.txt").write_text(("炸弹新闻" if n == 2 else "正文") + f"第{n}篇。", encoding="utf-8")
    pipeline = Pipeline([make_cleaner("normalize_width"), corpus_cleaners.RaiseOnMarker()])
    options: dict[str, Any] = {"fmt": "jsonl", "pipeline": pipeline, "workers": 2, "unit_bytes": 40}
    results = {e: clean_files([corpus], str(tmp_path / e), engine=e, **options) for e in ("local", "ray")}
    assert files_of(tmp_path / "ray") == files_of(tmp_path / "local")
    assert comparable(results["ray"]) == comparable(results["local"])
    assert (results["ray"].written, results["ray"].cleaner_errors, results["ray"].rejected) == (5, 1, [])


@pytest.mark.slow  # starts a Ray instance of its own in a subprocess: about 25 s
def test_quiet_means_quiet_on_ray(seeds_dir: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}
    command = ["clean", str(seeds_dir), "-o", str(tmp_path / "out"), "--format", "jsonl", "--engine", "ray"]
    done = subprocess.run(
        [sys.executable, "-m", "corpusclean", *command, "-q"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    noise = [
        line for line in done.stderr.splitlines() if any(w in line for w in ("INFO", "WARNING", "Warning"))
    ]
    assert noise == []  # before: 41 lines of Ray's logging, progress and warnings
