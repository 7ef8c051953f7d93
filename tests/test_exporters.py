"""Exporters: JSONL (plain, gzip, zstd), text files, safe names, atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from seedtools import peoples_daily

from corpusclean import Document
from corpusclean.formats import Corpus, JsonlWriter, TextDirWriter, TextFileWriter
from corpusclean.formats.writers import DOCUMENT_SEPARATOR, safe_relative_path

DOCS = [
    Document(id="a", text="中文，全角　空格（测试）！", metadata={"k": "值"}),
    Document(id="b", text="第二篇。"),
]


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz", "out.jsonl.zst"])
def test_jsonl_round_trips_through_the_reader(tmp_path: Path, name: str) -> None:
    with JsonlWriter(tmp_path / name) as writer:
        writer.write_all(DOCS)
    assert list(Corpus([tmp_path / name])) == DOCS


def test_jsonl_keeps_chinese_readable_with_exactly_the_model_fields(tmp_path: Path) -> None:
    with JsonlWriter(tmp_path / "out.jsonl") as writer:
        writer.write(DOCS[0])
    line = (tmp_path / "out.jsonl").read_text(encoding="utf-8")
    assert "中文，全角　空格（测试）！" in line and "\\u" not in line
    assert line.startswith('{"id":"a","text":')
    assert list(__import__("orjson").loads(line)) == [
        "id",
        "text",
        "title",
        "source",
        "metadata",
        "flags",
        "removed",
        "steps",
    ]


def test_a_failed_write_leaves_no_file_under_the_final_name(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError), JsonlWriter(target) as writer:
        writer.write(DOCS[0])
        raise RuntimeError("crash in the middle")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_text_file_separates_documents_by_a_separator_line(tmp_path: Path) -> None:
    with TextFileWriter(tmp_path / "all.txt") as writer:
        writer.write_all(DOCS)
    assert (tmp_path / "all.txt").read_text(encoding="utf-8") == (
        "中文，全角　空格（测试）！\n<|endoftext|>\n第二篇。\n"
    )


def test_documents_with_paragraphs_and_titles_can_be_told_apart_in_one_text_file(tmp_path: Path) -> None:
    paragraphs = peoples_daily(12)
    docs = [
        Document(id=str(i), title=paragraphs[i * 4], text="\n\n".join(paragraphs[i * 4 + 1 : i * 4 + 4]))
        for i in range(3)
    ]
    with TextFileWriter(tmp_path / "all.txt") as writer:
        writer.write_all(docs)
    written = (tmp_path / "all.txt").read_text(encoding="utf-8")
    parts = written.split(f"\n{DOCUMENT_SEPARATOR}\n")
    assert len(parts) == 3
    for part, doc in zip(parts, docs, strict=True):
        assert part.rstrip("\n") == f"{doc.title}\n{doc.text}"  # the title first, then the text


def test_the_title_is_the_first_line_of_a_text_file(tmp_path: Path) -> None:
    with TextDirWriter(tmp_path / "out") as writer:
        writer.write(Document(id="a", title="迈向充满希望的新世纪", text="在１９９８年来临之际……"))
        writer.write(Document(id="b", title="标题", text="标题\n正文"))  # a title still in the text: once
    assert (tmp_path / "out" / "a.txt").read_text(
        encoding="utf-8"
    ) == "迈向充满希望的新世纪\n在１９９８年来临之际……\n"
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") == "标题\n正文\n"


@pytest.mark.parametrize(
    "doc_id",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "a\x00b",
        "CON",
        "nul.txt",
        "..",
        "x/../../y",
        "C:\\Windows\\x",
        "长" * 300,
    ],
)
def test_ids_never_write_outside_the_directory(tmp_path: Path, doc_id: str) -> None:
    out = tmp_path / "out"
    with TextDirWriter(out) as writer:
        writer.write(Document(id=doc_id, text="内容"))
    (written,) = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written.resolve().is_relative_to(out.resolve())
    assert written.read_text(encoding="utf-8") == "内容\n"
    assert all(part not in ("..", ".") for part in safe_relative_path(doc_id).parts)


def test_ids_that_clean_to_the_same_name_do_not_overwrite_each_other(tmp_path: Path) -> None:
    with TextDirWriter(tmp_path) as writer:
        writer.write(Document(id="a?", text="一"))
        writer.write(Document(id="a*", text="二"))
    assert sorted(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.txt")) == ["一\n", "二\n"]
