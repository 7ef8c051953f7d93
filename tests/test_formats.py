"""The table of formats, and the inputs users really pass: .json files, nested records, empty folders."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest
from seedtools import peoples_daily

from corpusclean.cli import build_parser, main
from corpusclean.errors import InputError
from corpusclean.executor.units import plan_units
from corpusclean.formats import FORMATS, OUTPUT_FORMATS, Corpus, find_files, infer_format
from corpusclean.formats.encoding import codec_for_label

PARAGRAPHS = peoples_daily(40)


def _help(command: str) -> str:
    parser = build_parser()
    sub = parser._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    return str(sub.format_help())


def test_every_format_in_the_table_is_in_the_cli_help() -> None:
    text = _help("clean")
    for fmt in FORMATS:
        for suffix in fmt.suffixes:
            assert suffix in text, suffix
        assert fmt.description in text.replace("\n", " ") or fmt.description[:30] in text
    assert f"{{{','.join(OUTPUT_FORMATS)}}}" in text  # --format choices come from the writers


def test_a_new_row_is_read_planned_chosen_and_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One row added to the table is enough for the reader, the unit planner, the output choice and help."""
    import dataclasses

    from corpusclean.formats import table
    from corpusclean.formats.jsonl import cut_jsonl, read_jsonl
    from corpusclean.formats.writers import JsonlWriter

    row = dataclasses.replace(
        table.FORMATS[0], name="ndjson", suffixes=(".ndjson",), description="newline-delimited JSON"
    )
    monkeypatch.setattr(table, "FORMATS", (*table.FORMATS, row))
    monkeypatch.setattr(table, "SUFFIXES", (*table.SUFFIXES, ".ndjson"))
    monkeypatch.setattr(table, "_BY_SUFFIX", {**table._BY_SUFFIX, ".ndjson": row})
    assert row.read is read_jsonl and row.cut is cut_jsonl and row.write is JsonlWriter
    data = b"".join(orjson.dumps({"id": str(i), "text": p}) + b"\n" for i, p in enumerate(PARAGRAPHS))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.ndjson").write_bytes(data)
    files = find_files([tmp_path / "in"])
    assert [f.suffix for f in files] == [".ndjson"]
    assert [d.text for d in Corpus([tmp_path / "in"])] == PARAGRAPHS
    units = plan_units(files, unit_bytes=len(data) // 3)
    assert len(units) >= 3  # cut like JSON Lines, because the row says so
    assert infer_format(str(tmp_path / "out.ndjson")) == "ndjson"
    assert ".ndjson" in table.input_help()


def test_json_lines_named_json_are_read_as_records(tmp_path: Path) -> None:
    path = tmp_path / "train.json"  # a Hugging Face export: JSON Lines under a .json name
    path.write_bytes(b"".join(orjson.dumps({"text": p, "source": "rmrb"}) + b"\n" for p in PARAGRAPHS[:5]))
    docs = list(Corpus([path]))
    assert [d.text for d in docs] == PARAGRAPHS[:5]
    assert [d.id for d in docs] == [f"train.json:{n}" for n in range(1, 6)]
    assert all(d.metadata == {"source": "rmrb"} for d in docs)


def test_a_json_array_is_read_record_by_record(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    records = [
        {"id": f"rmrb-{i}", "text": p, "meta": {"tags": ["新闻"], "n": 2**70}}
        for i, p in enumerate(PARAGRAPHS)
    ]
    path.write_text(json.dumps(records, ensure_ascii=False, indent=2), encoding="utf-8")
    docs = list(Corpus([path]))
    assert [(d.id, d.text) for d in docs] == [(r["id"], r["text"]) for r in records]
    assert docs[3].metadata == {"meta": {"tags": ["新闻"], "n": 2**70}}  # nested, every digit


def test_a_broken_json_array_keeps_what_came_before(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text(
        json.dumps([{"text": p} for p in PARAGRAPHS[:3]], ensure_ascii=False)[:-5], encoding="utf-8"
    )
    errors: list[InputError] = []
    docs = list(Corpus([path], on_error=errors.append))
    assert [d.text for d in docs] == PARAGRAPHS[:2]
    assert len(errors) == 1 and "not closed" in errors[0].reason


def test_content_key_with_nested_metadata_kept_as_it_came(tmp_path: Path) -> None:
    """CCI and WanJuan name the text ``content`` and nest their metadata."""
    path = tmp_path / "cci.jsonl"
    record = {
        "content": PARAGRAPHS[1],
        "meta": {"id": "cci-7", "source": {"site": "people.com.cn"}},
        "score": 0.9,
    }
    path.write_bytes(orjson.dumps(record) + b"\n")
    (doc,) = Corpus([path], text_key="content", id_key="meta.id")
    assert doc.text == PARAGRAPHS[1] and doc.id == "cci-7"
    assert doc.metadata == {"meta": {"source": {"site": "people.com.cn"}}, "score": 0.9}
    (kept,) = Corpus([path], text_key="content")
    assert kept.metadata["meta"] == record["meta"]  # without an id path, the nested fields are untouched


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda folder: None, id="empty-folder"),
        pytest.param(lambda folder: (folder / "a.png").write_bytes(b"\x89PNG\r\n"), id="no-readable-file"),
    ],
)  # fmt: skip
def test_a_folder_with_nothing_to_read_is_one_line_and_status_2(
    tmp_path: Path, make: object, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    make(folder)  # type: ignore[operator]
    assert main(["clean", str(folder), "-o", str(tmp_path / "out.jsonl"), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("corpusclean: error: no file to read in ")
    assert ".jsonl" in err and "Traceback" not in err


def test_a_wrong_text_key_stops_the_file_with_one_message_naming_the_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"".join(orjson.dumps({"content": p, "url": "u"}) + b"\n" for p in PARAGRAPHS))
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(path), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert err.count("skipped") == 1, err  # one message, not one per line
    assert "the text field 'text' is missing" in err and "fields here: content, url" in err
    rejects = (tmp_path / "out.rejects.jsonl").read_bytes().splitlines()
    assert len(rejects) == 1


def test_a_record_missing_the_text_later_in_the_file_is_one_reject_and_the_rest_is_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "in.jsonl"
    lines = [orjson.dumps({"text": p}) for p in PARAGRAPHS[:4]]
    lines[2] = orjson.dumps({"body": PARAGRAPHS[2]})
    path.write_bytes(b"\n".join(lines) + b"\n")
    errors: list[InputError] = []
    docs = list(Corpus([path], on_error=errors.append))
    assert [d.text for d in docs] == [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[3]]
    assert [e.line for e in errors] == [3]


@pytest.mark.parametrize(
    ("label", "web", "codec"),
    [("GB2312", True, "gb18030"), ("GBK", False, "gb18030"), ("x-gbk", False, "gb18030"),
     ("cp936", True, "gb18030"), ("big5", True, "big5hkscs"), ("big5", False, "big5"),
     ("csbig5", False, "big5"), ("utf8", False, "utf-8"), ("nonsense", True, None),
     ("nonsense", False, None)],
)  # fmt: skip
def test_one_label_map_for_pages_and_files(label: str, web: bool, codec: str | None) -> None:
    assert codec_for_label(label, web=web) == codec


@pytest.mark.parametrize("block", [1, 7, 4096])
def test_array_elements_are_found_across_reads_of_any_size(block: int) -> None:
    import io

    from corpusclean.formats.jsonl import array_elements
    from corpusclean.formats.source import ReadSettings

    records = [{"text": p, "n": i, "big": 2**70, "q": '引号"和,]'} for i, p in enumerate(PARAGRAPHS[:12])]
    data = json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
    found = list(array_elements(io.BytesIO(data), ReadSettings(), "a.json", block=block))
    assert [json.loads(e) for e in found] == records


def test_a_json_file_holding_one_record_over_several_lines_is_one_document(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    record = {"id": "rmrb-1", "text": PARAGRAPHS[3], "meta": {"版面": 1}}
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8"))
    (doc,) = Corpus([path])
    assert (doc.id, doc.text, doc.metadata) == ("rmrb-1", PARAGRAPHS[3], {"meta": {"版面": 1}})
    errors: list[InputError] = []
    assert list(Corpus([path], text_key="content", on_error=errors.append)) == []
    assert (
        len(errors) == 1 and "fields here: id, text, meta" in errors[0].reason
    )  # one message, not one a line
