"""decode_html: declared charsets in every place real Chinese pages put them, and none."""

from __future__ import annotations

import codecs

import pytest

from corpusclean.formats.encoding import codec_for_label
from corpusclean.formats.html_encoding import declared_encoding, decode_html

BODY = "<p>中文网页正文，简体字。</p>"
BIG5_BODY = "<p>繁體中文網頁正文。</p>"


def page(head: str, body: str = BODY) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


CASES = [
    # (id, bytes, expected codec, expected text inside)
    ("meta-charset", page('<meta charset="gbk">').encode("gbk"), "gb18030", BODY),
    (
        "meta-http-equiv",
        page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">').encode("gbk"),
        "gb18030",
        BODY,
    ),
    (
        "crawl-wrapper",
        ('<text id="http://a.cn/1.html" title="标题" encoding="gb2312">\n' + page("")).encode("gbk"),
        "gb18030",
        BODY,
    ),
    (
        "xml-declaration",
        ('<?xml version="1.0" encoding="GBK"?>' + page("")).encode("gbk"),
        "gb18030",
        BODY,
    ),
    ("bom-utf8", codecs.BOM_UTF8 + page("").encode("utf-8"), "utf-8", BODY),
    ("bom-utf16le", codecs.BOM_UTF16_LE + page("").encode("utf-16-le"), "utf-16-le", BODY),
    ("undeclared-utf8", page("").encode("utf-8"), "utf-8", BODY),
    ("undeclared-gbk-is-gb18030", page("").encode("gbk"), "gb18030", BODY),
    ("meta-big5", page('<meta charset="big5">', BIG5_BODY).encode("big5"), "big5hkscs", BIG5_BODY),
    (
        "script-charset-ignored",
        page('<script charset="gb2312" src="a.js"></script><meta charset="utf-8">').encode("utf-8"),
        "utf-8",
        BODY,
    ),
    (
        "charset-inside-script-ignored",
        page('<script>document.write("<meta charset=gbk>")</script>').encode("utf-8"),
        "utf-8",
        BODY,
    ),
    (
        "charset-in-comment-ignored",
        page('<!-- <meta charset="big5"> --><meta charset="gbk">').encode("gbk"),
        "gb18030",
        BODY,
    ),
    (
        "unknown-label-ignored",
        ('<text id="u" encoding="unset">' + page("")).encode("utf-8"),
        "utf-8",
        BODY,
    ),
    (
        "gb2312-label-reads-gbk-only-characters",  # 镕 and 喆 are in GBK, not in GB2312
        page('<meta charset="gb2312">', "<p>朱镕基、陶喆。</p>").encode("gbk"),
        "gb18030",
        "<p>朱镕基、陶喆。</p>",
    ),
    (
        "declared-gbk-but-utf8-bytes",
        page('<meta charset="gbk">').encode("utf-8"),
        "utf-8",
        BODY,
    ),
    (
        "declared-utf8-but-gbk-bytes",
        page('<meta charset="utf-8">').encode("gbk"),
        "gb18030",
        BODY,
    ),
]


@pytest.mark.parametrize(("data", "codec", "inside"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_decode_html(data: bytes, codec: str, inside: str) -> None:
    text, used = decode_html(data)
    assert used == codec
    assert inside in text
    assert "\ufeff" not in text


def test_bad_gbk_bytes_are_replaced_not_fatal() -> None:
    data = page('<meta charset="gbk">').encode("gbk").replace("正文".encode("gbk"), b"\xd5\xfd\xff")
    text, used = decode_html(data)
    assert used == "gb18030"
    assert "正\ufffd" in text
    assert text.count("\ufffd") == 1


@pytest.mark.parametrize(
    ("label", "codec"),
    [("GB2312", "gb18030"), ("gbk", "gb18030"), ("x-gbk", "gb18030"), ("utf8", "utf-8"), ("UTF-8", "utf-8"),
     ("big5", "big5hkscs"), ("unset", None), ("", None)],
)  # fmt: skip
def test_codec_for_label(label: str, codec: str | None) -> None:
    assert codec_for_label(label) == codec


def test_meta_far_into_the_head_is_found() -> None:
    head = "<style>" + "td{font-size:12px}\n" * 300 + "</style>" + '<meta charset="gbk">'
    assert declared_encoding(page(head).encode("gbk")) == "gb18030"
