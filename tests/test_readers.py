"""Readers: files, directories, JSONL in three compressions, the encodings Chinese text comes in."""

from __future__ import annotations

import gzip
from pathlib import Path

import orjson
import pytest
import zstandard

from corpusclean import Document, Flag, InputError
from corpusclean.formats import Corpus
from corpusclean.formats.encoding import decode_bytes

SAMPLE = (
    "　　不忘初心，牢记使命。中国共产党人的初心和使命，是为中国人民谋幸福。\n第二段：“守初心、担使命”！\n"
)
TRADITIONAL = (
    "　　不忘初心，牢記使命。中國共產黨人的初心和使命，是為中國人民謀幸福。\n第二段：「守初心、擔使命」！\n"
)


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        pytest.param(SAMPLE, "utf-8", "utf-8", id="utf-8"),
        pytest.param(SAMPLE, "utf-8-sig", "utf-8-sig", id="utf-8-bom"),
        pytest.param(SAMPLE, "gb18030", "gb18030", id="gb18030"),
        pytest.param(SAMPLE, "gbk", "gb18030", id="gbk-read-as-gb18030"),
        pytest.param(SAMPLE, "gb2312", "gb18030", id="gb2312-read-as-gb18030"),
        pytest.param(TRADITIONAL, "big5", "big5", id="big5"),
        pytest.param(SAMPLE, "utf-16", "utf-16", id="utf-16-bom"),
        pytest.param(SAMPLE, "utf-16-le", "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(SAMPLE, "utf-16-be", "utf-16-be", id="utf-16-be-no-bom"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, text: str, codec: str, expected: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(codec))
    (doc,) = Corpus([path])
    assert doc.text == text
    assert doc.metadata["encoding"] == expected


def test_real_seed_survives_each_legacy_encoding(seed_texts: dict[str, str]) -> None:
    text = seed_texts["004_4df8a98fcc7cfd4c"]
    assert decode_bytes(text.encode("gb18030")) == (text, "gb18030")


def test_damaged_utf8_is_read_with_replacements_and_counted(tmp_path: Path) -> None:
    data = SAMPLE.encode("utf-8")
    (tmp_path / "bad.txt").write_bytes(data[:30] + b"\xff" + data[30:])
    (doc,) = Corpus([tmp_path])
    assert doc.metadata["encoding"] == "utf-8"
    assert doc.metadata["decode_errors"] >= 1
    assert "为中国人民谋幸福" in doc.text


def test_binary_file_is_rejected_by_name_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("第一篇。", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "c.txt").write_text("第三篇。", encoding="utf-8")
    errors: list[InputError] = []
    docs = list(Corpus([tmp_path], on_error=errors.append))
    assert [d.id for d in docs] == ["a", "c"]
    assert len(errors) == 1 and errors[0].path == str(tmp_path / "b.txt")
    assert "PNG image" in str(errors[0])
    with pytest.raises(InputError, match=r"b\.txt: this is a PNG image"):
        list(Corpus([tmp_path]))


def test_ids_are_relative_paths_without_extension(tmp_path: Path, seeds_dir: Path) -> None:
    (tmp_path / "news" / "2019").mkdir(parents=True)
    (tmp_path / "news" / "2019" / "a.html").write_text("<p>中文</p>", encoding="utf-8")
    assert [d.id for d in Corpus([tmp_path])] == ["news/2019/a"]
    seeds = list(Corpus([seeds_dir]))
    assert seeds[0].id == "000_577c4fc611a7163a"
    assert seeds[0].source == str(seeds_dir / "000_577c4fc611a7163a.txt")


def _write_jsonl(path: Path, records: list[dict]) -> None:
    data = b"".join(orjson.dumps(r) + b"\n" for r in records)
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    elif path.name.endswith(".zst"):
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)


@pytest.mark.parametrize("name", ["in.jsonl", "in.jsonl.gz", "in.jsonl.zst"])
def test_jsonl_keys_ids_and_metadata(tmp_path: Path, name: str) -> None:
    _write_jsonl(
        tmp_path / name,
        [{"content": "第一篇。", "url": "http://a", "doc": 7}, {"content": "第二篇。"}],
    )
    docs = list(Corpus([tmp_path / name], text_key="content", id_key="doc"))
    assert [(d.id, d.text, d.metadata) for d in docs] == [
        ("7", "第一篇。", {"url": "http://a"}),
        (f"{name}:2", "第二篇。", {}),
    ]


def test_own_output_schema_reads_back_as_the_same_document(tmp_path: Path) -> None:
    doc = Document(
        id="x",
        text="中国共产党人的出行和使命",
        title="标题",
        flags=(Flag(kind="typo", start=7, end=9, text="出行", suggestion="初心", cleaner="c", reason="r"),),
        steps=("c",),
    )
    (tmp_path / "out.jsonl").write_bytes(doc.model_dump_json().encode() + b"\n")
    (back,) = Corpus([tmp_path / "out.jsonl"])
    assert back == doc


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param(b"{not json", "not valid JSON", id="malformed"),
        pytest.param(b'{"body": "x"}', "text field 'text' is missing; pass --text-key", id="missing-text"),
        pytest.param(b'{"text": 5}', "is a int, not a string", id="non-string-text"),
        pytest.param(b'["text"]', "must be a JSON object", id="not-an-object"),
    ],
)
def test_bad_jsonl_lines_name_file_and_line(tmp_path: Path, line: bytes, message: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "good"}\n' + line + b'\n{"text": "also good"}\n')
    errors: list[InputError] = []
    docs = list(Corpus([path], on_error=errors.append))
    assert [d.text for d in docs] == ["good", "also good"]
    assert [e.line for e in errors] == [2]
    assert f"{path}:2: " in str(errors[0]) and message in str(errors[0])


def test_html_files_use_the_page_declaration(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="gb2312"><script charset="utf-8"></script></head>'
        "<body><p>中文网页</p></body></html>"
    )
    (tmp_path / "page.html").write_bytes(page.encode("gbk"))
    (doc,) = Corpus([tmp_path])
    assert doc.metadata["encoding"] == "gb18030"
    assert "中文网页" in doc.text
