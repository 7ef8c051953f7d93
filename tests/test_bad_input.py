"""The bad-input matrix: each broken input gets a clear error naming the file and line,
goes to the rejects file (``--on-error skip``, exit status 1) or stops the run
(``--on-error fail``, exit status 2, no output), and never costs a good document."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
import zstandard

from corpusclean.cli import main
from corpusclean.document import Document
from corpusclean.registry import available

GOOD = "　　不忘初心，牢记使命。中国共产党人的初心和使命，是为中国人民谋幸福。\n第二段：“守初心、担使命”！"
TRADITIONAL = "不忘初心，牢記使命。中國共產黨人的初心和使命，是為中國人民謀幸福。"
SRC = Path(__file__).resolve().parent.parent / "src"


def jsonl(*records: dict[str, object]) -> bytes:
    return b"".join(orjson.dumps(r) + b"\n" for r in records)


def zeros_zstd_bomb(frame_mib: int = 128, frames: int = 40) -> bytes:
    """A few KB of zstd frames that inflate to ``frame_mib * frames`` MiB of NUL bytes."""
    out = io.BytesIO()
    compressor = zstandard.ZstdCompressor().compressobj()
    chunk = bytes(2**20)
    for _ in range(frame_mib):
        out.write(compressor.compress(chunk))
    out.write(compressor.flush())
    return out.getvalue() * frames


def zeros_gzip_bomb(member_mib: int = 16, members: int = 320) -> bytes:
    """gzip members of NUL bytes; deflate cannot beat 1032:1, so 5 MB inflate to 5 GiB."""
    return gzip.compress(bytes(member_mib * 2**20), compresslevel=9) * members


RECORDS = jsonl(
    {"id": "j1", "text": "第一篇。"}, {"id": "j2", "text": "第二篇。"}, {"id": "j3", "text": "第三篇。"}
)


def _truncated(compress: Callable[[bytes], bytes]) -> bytes:
    many = jsonl(*({"id": f"t{i}", "text": f"第{i}篇：{GOOD}"} for i in range(2000)))
    data = compress(many)
    return data[: len(data) * 2 // 3]


# (id, file name, content, what the message says, the line it names or None, documents kept from it)
REJECTED = [
    pytest.param(
        "image.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "this is a PNG image",
        None,
        0,
        id="png-named-txt",
    ),
    pytest.param(
        "in.jsonl",
        RECORDS.replace(b'{"id":"j2"', b'{"id":"j2" oops'),
        "not valid JSON",
        2,
        2,
        id="jsonl-malformed-line",
    ),
    pytest.param(
        "in.jsonl",
        RECORDS.replace(b'"text":"\xe7\xac\xac\xe4\xba\x8c', b'"body":"\xe7\xac\xac\xe4\xba\x8c'),
        "the text field 'text' is missing; pass --text-key",
        2,
        2,
        id="jsonl-no-text-key",
    ),
    pytest.param(
        "in.jsonl",
        jsonl({"id": "j1", "text": "一"}, {"id": "j2", "text": ["第二篇"]}),
        "is a list, not a string",
        2,
        1,
        id="jsonl-non-string-text",
    ),
    pytest.param(
        "in.jsonl",
        b'{"id": "j1", "text": "first"}\n{"id": "j2", "text": "\xe7\xac\xac\xe4\xba\x8c", "text": "other"}\n',
        "the key 'text' appears more than once with different values",
        2,
        1,
        id="jsonl-duplicate-key",
    ),
    pytest.param(
        "in.jsonl",
        b'{"id": "j1", "text": "first"}\n{"id": "j2", "text": "one", "\\u0074ext": "two"}\n',
        "the key 'text' appears more than once with different values",
        2,
        1,
        id="jsonl-duplicate-key-spelt-with-escapes",
    ),
    pytest.param(
        "in.jsonl.gz",
        _truncated(gzip.compress),
        "ends too early (truncated)",
        "after-last-good",
        "some",
        id="truncated-gzip",
    ),
    pytest.param(
        "in.jsonl.zst",
        _truncated(zstandard.ZstdCompressor().compress),
        "ends too early (truncated)",
        "after-last-good",
        "some",
        id="truncated-zstd",
    ),
    pytest.param("in.jsonl.gz", b"this is not gzip at all", "cannot read the file", None, 0, id="not-gzip"),
    pytest.param(
        "in.jsonl.zst", b"\x28\xb5\x2f\xfd garbage", "not valid zstd data", None, 0, id="corrupt-zstd"
    ),
]


@pytest.mark.parametrize(("name", "content", "message", "line", "kept"), REJECTED)
def test_bad_input_is_rejected_by_file_and_line_and_the_rest_is_cleaned(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    message: str,
    line: int | str | None,
    kept: int | str,
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a_good.txt").write_text(GOOD, encoding="utf-8")
    bad = inputs / name
    bad.write_bytes(content)
    (inputs / "z_good.txt").write_text("最后一篇。", encoding="utf-8")
    out = tmp_path / "out.jsonl"

    only = ["--only", "normalize_lines"]  # reading is under test: no document set aside as a duplicate
    assert main(["clean", str(inputs), "-o", str(out), "-q", *only]) == 1
    ids = [orjson.loads(x)["id"] for x in out.read_bytes().splitlines()]
    assert ids[0] == "a_good" and ids[-1] == "z_good"
    from_bad = len(ids) - 2
    assert from_bad == kept if isinstance(kept, int) else from_bad > 0
    (reject,) = [orjson.loads(x) for x in (tmp_path / "out.rejects.jsonl").read_bytes().splitlines()]
    assert reject["source"] == str(bad)
    assert message in reject["error"]
    expected_line = from_bad + 1 if line == "after-last-good" else line
    assert reject["line"] == expected_line
    where = f"{bad}:{expected_line}: " if expected_line else f"{bad}: "
    assert where + reject["error"] in capsys.readouterr().err

    failed_out = tmp_path / "failed.jsonl"
    assert main(["clean", str(inputs), "-o", str(failed_out), "-q", "--on-error", "fail", *only]) == 2
    assert where in capsys.readouterr().err
    assert not failed_out.exists(), "a failed run must not leave a partial output"


# (id, file name, content, expected text of the one document, metadata it must carry)
ACCEPTED = [
    pytest.param("gb.txt", GOOD.encode("gb18030"), GOOD, {"encoding": "gb18030"}, id="gb18030-undeclared"),
    pytest.param(
        "big5.txt", TRADITIONAL.encode("big5"), TRADITIONAL, {"encoding": "big5"}, id="big5-undeclared"
    ),
    pytest.param("u16.txt", GOOD.encode("utf-16-le"), GOOD, {"encoding": "utf-16-le"}, id="utf16-no-bom"),
    pytest.param(
        "damaged.txt",
        GOOD.encode()[:30] + b"\xff\xfe" + GOOD.encode()[30:],
        None,
        {"encoding": "utf-8", "decode_errors": 2},
        id="invalid-utf8-bytes-in-utf8",
    ),
    pytest.param(
        "damaged.jsonl",
        b'{"text": "' + GOOD.encode()[:30] + b"\xff" + GOOD.encode()[30:].replace(b"\n", b"\\n") + b'"}\n',
        None,
        {"decode_errors": 1},
        id="invalid-utf8-bytes-in-jsonl",
    ),
    pytest.param(
        "gb.jsonl",
        jsonl({"text": "x"}).replace(b'"x"', '"中文，测试"'.encode("gb18030")),
        "中文，测试",
        {"encoding": "gb18030"},
        id="gb18030-jsonl-line",
    ),
    pytest.param(
        "bom.jsonl", b"\xef\xbb\xbf" + jsonl({"text": "中文"}), "中文", {}, id="jsonl-with-utf8-bom"
    ),
    pytest.param(
        "big.jsonl",
        b'{"text": "\xe4\xb8\xad", "n": 1180591620717411303424, "m": [-1180591620717411303425]}\n',
        "中",
        {"n": 2**70, "m": [-(2**70) - 1]},
        id="2-to-the-70",
    ),
    pytest.param(
        "same.jsonl",
        b'{"text": "\xe4\xb8\xad", "k": 1, "k": 1}\n',
        "中",
        {"k": 1},
        id="duplicate-key-same-value",
    ),
    pytest.param(
        "spaced.jsonl",
        b'{ "text" : "\xe4\xb8\xad" , "k" : 1 }\n',
        "中",
        {"k": 1},
        id="jsonl-spaces-before-colons",
    ),
    pytest.param(
        "quote.jsonl",
        b'{"text": "\\":\xe4\xb8\xad", "k": 1}\n',
        '":中',
        {"k": 1},
        id="jsonl-quote-colon-in-text",
    ),
    pytest.param("empty.txt", b"", "", {"encoding": "utf-8"}, id="empty-file"),
    pytest.param(
        "blank.txt", b" \n\t\r\n\xe3\x80\x80\n", "", {"encoding": "utf-8"}, id="whitespace-only-file"
    ),
]


@pytest.mark.parametrize(("name", "content", "text", "metadata"), ACCEPTED)
def test_odd_but_readable_input_is_cleaned_not_rejected(
    tmp_path: Path, name: str, content: bytes, text: str | None, metadata: dict[str, object]
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_bytes(content)
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(tmp_path / "in"), "-o", str(out), "-q", "--only", "normalize_lines"]) == 0
    (record,) = [json.loads(x) for x in out.read_bytes().splitlines()]  # json: integers of any size
    if text is not None:
        assert record["text"] == text.strip()
    else:
        assert "为中国人民谋幸福" in record["text"] and "\ufffd" in record["text"]
    assert record["metadata"].items() >= metadata.items()
    assert not (tmp_path / "out.rejects.jsonl").exists()


def test_empty_jsonl_file_gives_no_documents_and_no_error(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_bytes(b"\n  \n\n")
    out = tmp_path / "out.jsonl"
    assert (
        main(["clean", str(tmp_path / "in.jsonl"), str(tmp_path / "blank.jsonl"), "-o", str(out), "-q"]) == 0
    )
    assert out.read_bytes() == b""


@pytest.mark.parametrize(
    ("name", "bomb"),
    [
        pytest.param("bomb.jsonl.zst", zeros_zstd_bomb, id="zstd-5GiB-from-KB"),
        pytest.param("bomb.jsonl.gz", zeros_gzip_bomb, id="gzip-5GiB-from-5MB"),
    ],
)
def test_decompression_bomb_is_stopped_early(tmp_path: Path, name: str, bomb: Callable[[], bytes]) -> None:
    data = bomb()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    baseline = _run_measured(tmp_path, [str(tmp_path / "in"), "-o", str(tmp_path / "base.jsonl")], expect=0)
    (tmp_path / "in" / name).write_bytes(data)
    out = tmp_path / "out.jsonl"
    rss = _run_measured(tmp_path, [str(tmp_path / "in"), "-o", str(out)], expect=1)
    (reject,) = [orjson.loads(x) for x in (tmp_path / "out.rejects.jsonl").read_bytes().splitlines()]
    assert reject["source"] == str(tmp_path / "in" / name) and "decompression bomb" in reject["error"]
    assert [orjson.loads(x)["id"] for x in out.read_bytes().splitlines()] == ["good"]
    # The guard stops a stream past 64 MiB of output: memory grows by about that, never by gigabytes.
    grown = rss - baseline
    assert grown < 160 * 2**20, (
        f"peak memory grew by {grown / 2**20:.0f} MiB reading a {len(data):,}-byte bomb"
    )


def _run_measured(tmp_path: Path, args: list[str], *, expect: int) -> int:
    """Run ``corpusclean clean ARGS`` in a fresh process; return its peak resident memory in bytes."""
    rss_file = tmp_path / "rss"
    code = (
        "import resource, sys\n"
        "from corpusclean.cli import main\n"
        "status = main(sys.argv[2:])\n"
        "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
        "sys.exit(status)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.run(
        [sys.executable, "-c", code, str(rss_file), "clean", *args, "-q"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == expect, proc.stderr
    return int(rss_file.read_text()) * 1024  # ru_maxrss is in KiB on Linux


def _write_big_line(path: Path, size: int, *, jsonl_record: bool) -> None:
    chunk = ("中" * (2**20 // 3)).encode()  # about 1 MiB of Chinese
    with path.open("wb") as f:
        if jsonl_record:
            f.write(jsonl({"id": "before", "text": "前一篇。"}) + b'{"id": "huge", "text": "')
        written = 0
        while written < size:
            f.write(chunk)
            written += len(chunk)
        if jsonl_record:
            f.write(b'"}\n' + jsonl({"id": "after", "text": "后一篇。"}))


@pytest.mark.skipif(sys.platform != "linux", reason="peak memory is read from ru_maxrss, in KiB on Linux")
@pytest.mark.parametrize("kind", ["jsonl"])
def test_100mb_single_line_document_is_refused_in_bounded_memory(tmp_path: Path, kind: str) -> None:
    (tmp_path / "in").mkdir()
    small = tmp_path / "in" / f"small.{kind}"
    _write_big_line(small, 2**20, jsonl_record=kind == "jsonl")
    baseline = _run_measured(tmp_path, [str(small), "-o", str(tmp_path / "small.jsonl")], expect=0)

    big = tmp_path / "in" / f"big.{kind}"
    _write_big_line(big, 100 * 10**6, jsonl_record=kind == "jsonl")
    small.unlink()
    out = tmp_path / "out.jsonl"
    rss = _run_measured(tmp_path, [str(big), "-o", str(out)], expect=1)

    (reject,) = [orjson.loads(x) for x in (tmp_path / "out.rejects.jsonl").read_bytes().splitlines()]
    assert reject["source"] == str(big)
    assert reject["line"] == (2 if kind == "jsonl" else None)
    assert "over the 16,777,216-byte limit for one document" in reject["error"]
    kept = [orjson.loads(x)["id"] for x in out.read_bytes().splitlines()]
    assert kept == (["before", "after"] if kind == "jsonl" else [])
    # Reading the line whole would need 100 MB for the bytes alone; the reader holds at most 16 MiB.
    assert rss - baseline < 48 * 2**20, f"peak memory grew by {(rss - baseline) / 2**20:.0f} MiB"


@pytest.mark.skipif(sys.platform != "linux", reason="peak memory is read from ru_maxrss, in KiB on Linux")
def test_100mb_single_line_text_comes_through_in_pieces_in_bounded_memory(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    small = tmp_path / "in" / "small.txt"
    _write_big_line(small, 2**20, jsonl_record=False)
    only = ["--only", "normalize_lines"]
    baseline = _run_measured(tmp_path, [str(small), "-o", str(tmp_path / "small.jsonl"), *only], expect=0)

    big = tmp_path / "in" / "big.txt"
    _write_big_line(big, 100 * 10**6, jsonl_record=False)
    small.unlink()
    out = tmp_path / "out.jsonl"
    rss = _run_measured(tmp_path, [str(big), "-o", str(out), *only], expect=0)

    records = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    assert [r["id"] for r in records] == [f"big#{n}" for n in range(1, len(records) + 1)]
    assert sum(len(r["text"]) for r in records) * 3 == big.stat().st_size  # every character came through
    assert max(len(r["text"]) for r in records) <= 200_000
    # The text is streamed: memory grows by a few pieces, never by the 100 MB file.
    assert rss - baseline < 64 * 2**20, f"peak memory grew by {(rss - baseline) / 2**20:.0f} MiB"


def test_big_integers_survive_a_round_trip_exactly(tmp_path: Path) -> None:
    doc = Document(id="a", text="中文", metadata={"n": 2**70, "neg": -(2**80)})
    from corpusclean.formats import Corpus, JsonlWriter

    with JsonlWriter(tmp_path / "out.jsonl") as writer:
        writer.write(doc)
    assert b'"n":1180591620717411303424' in (tmp_path / "out.jsonl").read_bytes()
    assert list(Corpus([tmp_path / "out.jsonl"])) == [doc]


# -- HTML: the markup cleaner must survive what the web serves ------------------------------------

HTML_CASES = [
    pytest.param("<div>" * 10_000 + "深层的正文。" + "</div>" * 10_000, ["深层的正文。"], id="nested-10000"),
    pytest.param("<p>第一段<p>第二段<div><b>加粗的字", ["第一段", "第二段", "加粗的字"], id="unclosed-tags"),
    pytest.param(
        "第一段。</div>第二段。</div></div></span>", ["第一段。", "第二段。"], id="stray-closing-tags"
    ),
]


@pytest.mark.parametrize(("html", "kept"), HTML_CASES)
def test_broken_html_is_stripped_and_every_word_kept(html: str, kept: list[str]) -> None:
    if "strip_html" not in available():
        pytest.skip("strip_html is not registered in this build")
    from corpusclean.registry import make_cleaner

    doc = make_cleaner("strip_html")(Document(id="page", text=html))
    assert doc is not None
    for piece in kept:
        assert piece in doc.text
    assert "<" not in doc.text and ">" not in doc.text


@pytest.mark.parametrize(
    ("html", "words"),
    [
        pytest.param(
            "<div><span style='a:1>正文一</span></div>\n<div><span>正文二</span></div>",
            ["正文一", "正文二"],
            id="unclosed-attribute-quote",
        ),
        pytest.param(
            '<p title="图片：新华社">正文</p>',
            ["图片：新华社", "正文"],
            id="chinese-attribute-value",
        ),
        pytest.param("<script>var a = '中文';</script>正文", ["中文", "正文"], id="script-recorded"),
    ],
)
def test_chinese_inside_markup_is_kept_or_recorded(html: str, words: list[str]) -> None:
    if "strip_html" not in available():
        pytest.skip("strip_html is not registered in this build")
    from corpusclean.registry import make_cleaner

    doc = make_cleaner("strip_html")(Document(id="page", text=html))
    assert doc is not None
    kept = doc.text + "".join(r.text for r in doc.removed)
    assert all(word in kept for word in words), (doc.text, doc.removed)


def test_html_nested_10000_levels_through_the_cli(tmp_path: Path) -> None:
    if "strip_html" not in available():
        pytest.skip("strip_html is not registered in this build")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "deep.html").write_text("<div>" * 10_000 + "深层的正文。" + "</div>" * 10_000)
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(tmp_path / "in"), "-o", str(out), "-q"]) == 0
    (record,) = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    assert "深层的正文。" in record["text"] and "<div>" not in record["text"]
