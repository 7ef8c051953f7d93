"""The batch adapter under Hugging Face datasets and Dask gives the pipeline's own result."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from corpusclean.document import Document
from corpusclean.engines.records import BatchCleaner, clean_records, read_document
from corpusclean.formats import Corpus
from corpusclean.pipeline import Pipeline
from corpusclean.recipe import default_pipeline

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
