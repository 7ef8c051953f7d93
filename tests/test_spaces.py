"""normalize_spaces: what must change, what must not, on rows and on the seeds."""

from __future__ import annotations

import pytest
from seedtools import cjk_kept, peoples_daily, seed

from corpusclean.cleaners.spaces import NormalizeSpaces, normalize_spaces
from corpusclean.document import Document, Flag

MUST_CHANGE = [
    pytest.param("水中月。 古人曰", "水中月。古人曰", id="space-after-cjk-full-stop"),
    pytest.param("这是中 文句子。", "这是中文句子。", id="space-between-han-in-a-sentence"),
    pytest.param("韩正出席\u3000王沪宁讲话", "韩正出席 王沪宁讲话", id="ideographic-space-in-a-headline"),
    pytest.param("标题\u3000\u3000副题", "标题 副题", id="ideographic-spaces-fold-to-one"),
    pytest.param("　　不忘初心方能行稳致远。", "不忘初心方能行稳致远。", id="ideographic-indent"),
    pytest.param("标题\n　　正文。\n \u3000第二段。", "标题\n正文。\n第二段。", id="indent-of-every-line"),
    pytest.param("\xa0", "", id="nbsp-only-line"),
    pytest.param("Hello,  world", "Hello, world", id="latin-double-space"),
    pytest.param("Hello\u3000world", "Hello world", id="ideographic-space-between-latin"),
    pytest.param("Hello\xa0\u2009world", "Hello world", id="nbsp-thin-space-between-latin"),
    pytest.param("中\u200b文", "中文", id="zero-width-space"),
    pytest.param("\ufeff标题", "标题", id="byte-order-mark"),
    pytest.param("中\u2060文\u200c。", "中文。", id="word-joiner-and-zwnj-next-to-han"),
    pytest.param("甲\x07乙\x00丙", "甲乙丙", id="control-characters"),
    pytest.param("第一页\f第二页", "第一页\n第二页", id="form-feed-becomes-line-break"),
    pytest.param("一段\u2028二段", "一段\n二段", id="line-separator-becomes-line-break"),
    pytest.param("“ 中文 ”", "“中文”", id="spaces-inside-cjk-quotes"),
    pytest.param("这是中 \u200b 文。", "这是中文。", id="zero-width-inside-space-run"),
]

MUST_NOT_CHANGE = [
    pytest.param("为中国人民谋幸福，为中华民族谋复兴。", id="clean-chinese"),
    pytest.param(
        "“守初心、担使命，找差距、抓落实”（辉煌历程）《人民日报》！？；：", id="full-width-punctuation"
    ),
    pytest.param("He said the results were good, and we agree.", id="english-sentence"),
    pytest.param("访问 https://www.example.com/a?b=1 获取", id="url-with-spaces-around"),
    pytest.param("1. 践行宗旨守初心", id="numbered-heading"),
    pytest.param("永葆初心本色 践行使命担当（辉煌历程）", id="headline-phrase-space"),
    pytest.param("2.知重负重担使命", id="numbered-heading-no-space"),
    pytest.param("下午3:00 在 Beijing 开会", id="time-and-latin-word"),
    pytest.param("共 3 人", id="space-between-han-and-digit"),
    pytest.param("한국어 문장입니다", id="korean-keeps-word-spaces"),
    pytest.param("👨\u200d👩\u200d👧 family", id="emoji-zwj-sequence"),
    pytest.param("第一段。\n\n第二段。", id="paragraph-break"),
]


@pytest.mark.parametrize(("text", "expected"), MUST_CHANGE)
def test_must_change(text: str, expected: str) -> None:
    assert normalize_spaces(text) == expected


@pytest.mark.parametrize("text", MUST_NOT_CHANGE)
def test_must_not_change(text: str) -> None:
    doc = Document(id="t", text=text)
    assert NormalizeSpaces()(doc) is doc


@pytest.mark.parametrize("text", [p.values[0] for p in MUST_CHANGE + MUST_NOT_CHANGE])
def test_idempotent(text: str) -> None:
    once = normalize_spaces(text)
    assert normalize_spaces(once) == once


@pytest.mark.parametrize(
    ("options", "text", "expected"),
    [
        pytest.param({"strip_indent": False}, "　　正文", " 正文", id="keep-indent"),
        pytest.param({"join_cjk": False}, "中 文", "中 文", id="keep-cjk-space"),
        pytest.param({"fold_spaces": False}, "a\u3000 b", "a\u3000 b", id="keep-odd-spaces"),
        pytest.param({"remove_invisible": False}, "中\u200b文", "中\u200b文", id="keep-zero-width"),
    ],
)
def test_options_switch_behaviours_off(options: dict[str, bool], text: str, expected: str) -> None:
    assert normalize_spaces(text, **options) == expected
    assert NormalizeSpaces(**options)(Document(id="t", text=text)).text == expected


def test_invisible_characters_are_recorded_with_a_reason() -> None:
    doc = NormalizeSpaces()(Document(id="t", text="中\u200b文\x07。"))
    assert doc.text == "中文。"
    assert [(r.cleaner, r.text, r.reason, r.at) for r in doc.removed] == [
        ("normalize_spaces", "\u200b", "zero-width character U+200B", 1),
        ("normalize_spaces", "\x07", "control character U+0007", 2),
    ]
    assert doc.steps == ("normalize_spaces",)


def test_flags_follow_the_text() -> None:
    text = "　　某某 同志说。"
    flag = Flag(kind="redaction", start=2, end=4, text="某某", cleaner="t", reason="r")
    doc = NormalizeSpaces()(Document(id="t", text=text, flags=(flag,)))
    assert doc.text == "某某同志说。"
    assert (doc.flags[0].start, doc.flags[0].text) == (0, "某某")


def test_seed_000_space_after_full_stop_goes() -> None:
    doc = seed("000")
    assert "。 古人曰" in doc.text
    out = NormalizeSpaces()(doc)
    assert "。古人曰" in out.text and "。 古人曰" not in out.text
    assert "1. 践行宗旨守初心" in out.text  # a heading's space after the number stays
    assert cjk_kept(doc, out)


def test_seed_003_indents_and_odd_spaces_go() -> None:
    doc = seed("003")
    assert doc.text.count("\u3000") > 60 and "\xa0" in doc.text
    out = NormalizeSpaces()(doc)
    assert "\u3000" not in out.text and "\xa0" not in out.text
    assert not any(line.startswith(" ") for line in out.text.splitlines())
    assert out.text.count("\n") == doc.text.count("\n")  # lines stay lines
    assert cjk_kept(doc, out)


def test_peoples_daily_loses_no_cjk_character() -> None:
    for i, text in enumerate(peoples_daily(3000)):
        doc = Document(id=str(i), text=text)
        out = NormalizeSpaces()(doc)
        assert cjk_kept(doc, out), text
        assert normalize_spaces(out.text) == out.text
