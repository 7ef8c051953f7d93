"""Parquet in and out: columns kept, text cleaned as from JSON Lines, row groups cut into units."""

from __future__ import annotations

import itertools
import signal
import sys
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from corpus_cleaners import Slow, corpus_pipeline, same_names, stop_after_units
from seedtools import peoples_daily

from corpusclean.cli import main
from corpusclean.errors import MissingDependencyError
from corpusclean.executor.runner import clean_files
from corpusclean.executor.units import plan_units
from corpusclean.formats import Corpus, find_files
from corpusclean.formats.parquet import ParquetWriter

TESTS = Path(__file__).resolve().parent
PARAGRAPHS = [p for p in peoples_daily(600) if len(p) > 20][:300]


def table(paragraphs: list[str]) -> pa.Table:
    """A table as corpora publish them: text, id, a struct, a list column and an integer column."""
    n = len(paragraphs)
    return pa.table(
        {
            "text": paragraphs,
            "id": [f"rmrb-{i:04d}" for i in range(n)],
            "meta": [{"url": f"http://people.com.cn/{i}", "date": "1998-01"} for i in range(n)],
            "tags": [["新闻", f"第{i % 7}版"] for i in range(n)],
            "score": pa.array(range(n), type=pa.int64()),
        }
    )


def records(path: Path) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def test_parquet_cleaned_to_parquet_keeps_rows_and_columns_and_cleans_like_jsonl(tmp_path: Path) -> None:
    source = table(PARAGRAPHS)
    (tmp_path / "pq").mkdir()
    (tmp_path / "js").mkdir()
    pq.write_table(source, tmp_path / "pq" / "train.parquet", row_group_size=64)
    (tmp_path / "js" / "train.jsonl").write_bytes(
        b"".join(orjson.dumps(r) + b"\n" for r in source.to_pylist())
    )
    out, reference = tmp_path / "out.parquet", tmp_path / "out.jsonl"
    assert main(["clean", str(tmp_path / "pq"), "-o", str(out), "-q", "--skip", "mark_duplicates"]) == 0
    assert main(["clean", str(tmp_path / "js"), "-o", str(reference), "-q", "--skip", "mark_duplicates"]) == 0

    cleaned = pq.read_table(out)
    assert cleaned.num_rows == source.num_rows
    for column in ("id", "meta", "tags", "score"):
        assert cleaned.column(column).to_pylist() == source.column(column).to_pylist(), column
    assert cleaned.schema.field("score").type == pa.int64()
    assert pa.types.is_struct(cleaned.schema.field("meta").type)
    assert cleaned.column("text").to_pylist() == [r["text"] for r in records(reference)]  # byte-identical
    assert cleaned.column("text").to_pylist() != source.column("text").to_pylist()  # and it was cleaned
    assert [d.id for d in Corpus([out])] == source.column("id").to_pylist()  # corpusclean reads it back


def test_the_output_loads_with_datasets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    pq.write_table(table(PARAGRAPHS[:20]), tmp_path / "in.parquet")
    out = tmp_path / "out.parquet"
    assert main(["clean", str(tmp_path / "in.parquet"), "-o", str(out), "-q"]) == 0
    loaded = datasets.load_dataset(
        "parquet", data_files=str(out), split="train", cache_dir=str(tmp_path / "c")
    )
    assert len(loaded) == 20 and loaded[0]["id"] == "rmrb-0000" and loaded[0]["meta"]["date"] == "1998-01"


def test_columns_are_named_with_dotted_paths(tmp_path: Path) -> None:
    rows = pa.table(
        {"content": PARAGRAPHS[:3], "meta": [{"doc_id": f"cci-{i}", "site": "rmrb"} for i in range(3)]}
    )
    pq.write_table(rows, tmp_path / "cci.parquet")
    docs = list(Corpus([tmp_path / "cci.parquet"], text_key="content", id_key="meta.doc_id"))
    assert [(d.id, d.text) for d in docs] == [(f"cci-{i}", PARAGRAPHS[i]) for i in range(3)]
    assert docs[0].metadata == {"meta": {"site": "rmrb"}}


def test_a_large_file_is_cut_into_units_of_row_groups_and_workers_agree(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    pq.write_table(table(PARAGRAPHS), tmp_path / "in" / "big.parquet", row_group_size=25)
    files = find_files([tmp_path / "in"])
    size = files[0].path.stat().st_size
    units = plan_units(files, unit_bytes=size // 4)
    assert len(units) >= 3
    spans = [(p.start, p.end, p.first_line) for u in units for p in u.pieces]
    assert spans[0][0] == 0 and spans[-1][1] == 12  # every row group, once, in order
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.parquet"
        args = [
            "clean",
            str(tmp_path / "in"),
            "-o",
            str(out),
            "-q",
            "--workers",
            workers,
            "--only",
            "normalize_width",
        ]
        assert main(args) == 0
        outputs.append(pq.read_table(out).to_pylist())
    assert outputs[0] == outputs[1] and len(outputs[0]) == len(PARAGRAPHS)


def test_duplicates_go_to_a_parquet_side_file(tmp_path: Path) -> None:
    pq.write_table(table([*PARAGRAPHS[:5], PARAGRAPHS[0]]), tmp_path / "in.parquet")
    out = tmp_path / "out.parquet"
    assert main(["clean", str(tmp_path / "in.parquet"), "-o", str(out), "-q"]) == 0
    assert pq.read_table(out).num_rows == 5
    duplicates = pq.read_table(tmp_path / "out.duplicates.parquet").to_pylist()
    assert [d["id"] for d in duplicates] == ["rmrb-0005"]
    assert duplicates[0]["duplicate_of"] == "rmrb-0000"  # a metadata key of the first rows: a column


def test_rows_with_a_new_field_later_keep_it(tmp_path: Path) -> None:
    from corpusclean import Document

    out = tmp_path / "out.parquet"
    with ParquetWriter(out) as writer:
        writer.write(Document(id="a", text="一", metadata={"n": 1}))
        writer.write(Document(id="b", text="二", metadata={"n": "二", "new": [1]}))
    assert [d.metadata for d in Corpus([out])] == [{"n": 1}, {"n": "二", "new": [1]}]


def test_a_missing_pyarrow_names_the_pip_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pq.write_table(table(PARAGRAPHS[:2]), tmp_path / "in.parquet")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'corpusclean\[parquet\]'"):
        list(Corpus([tmp_path / "in.parquet"]))


def test_a_directory_output_gets_parquet_shards_like_jsonl_ones(tmp_path: Path) -> None:
    pq.write_table(table(PARAGRAPHS), tmp_path / "in.parquet", row_group_size=20)
    shards, jsonl = tmp_path / "shards", tmp_path / "out.jsonl"
    common = dict(pipeline=corpus_pipeline(), unit_bytes=4000, shard_bytes=20_000)
    clean_files([tmp_path / "in.parquet"], str(shards), fmt="parquet", **common)  # type: ignore[arg-type]
    clean_files([tmp_path / "in.parquet"], str(jsonl), **common)  # type: ignore[arg-type]
    parts = sorted(shards.glob("part-*.parquet"))
    assert len(parts) > 3 and parts[0].name == "part-00000.parquet"
    rows = [row for part in parts for row in pq.read_table(part).to_pylist()]
    assert [(r["id"], r["text"]) for r in rows] == [(r["id"], r["text"]) for r in records(jsonl)]


INTERRUPTED_RUN = """
import signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
sys.path[:0] = [{tests!r}, {src!r}]
from corpus_cleaners import Slow, corpus_pipeline, same_names, stop_after_units
from corpusclean.executor.runner import clean_files
clean_files([{source!r}], {out!r}, fmt="parquet", pipeline=corpus_pipeline(Slow(seconds=0.02)),
            workers=2, unit_bytes=4000, shard_bytes=20_000)
"""


def test_an_interrupted_parquet_run_resumes_to_the_same_output(tmp_path: Path) -> None:
    source = tmp_path / "in.parquet"
    pq.write_table(table(PARAGRAPHS), source, row_group_size=20)
    reference, out = tmp_path / "reference", tmp_path / "out"
    clean_files([source], str(reference), fmt="parquet", pipeline=corpus_pipeline(), workers=1,
                unit_bytes=4000, shard_bytes=20_000)  # fmt: skip
    code = INTERRUPTED_RUN.format(
        tests=str(TESTS), src=str(TESTS.parent / "src"), source=str(source), out=str(out)
    )
    left = stop_after_units(code, out, 2, signal.SIGKILL)
    assert not left["complete"], "the run must be stopped in the middle for this test to mean anything"
    clean_files([source], str(out), fmt="parquet", pipeline=corpus_pipeline(Slow(seconds=0)), workers=2,
                unit_bytes=4000, shard_bytes=20_000)  # fmt: skip
    for name in same_names(out, reference):
        assert pq.read_table(out / name).equals(pq.read_table(reference / name)), name
