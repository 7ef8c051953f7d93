"""strip_html: markup goes, paragraphs, indents and every character of the text stay."""

from __future__ import annotations

import pytest
from seedtools import cjk, cjk_kept, seed

from corpusclean.cleaners import html as html_module
from corpusclean.cleaners.html import StripHtml, looks_like_html, strip_html
from corpusclean.document import Document, Flag
from corpusclean.errors import RecipeError

MUST_CHANGE = [
    pytest.param("<p>第一段。</p><p>第二段。</p>", "第一段。\n\n第二段。", id="paragraphs"),
    pytest.param("<div>一行</div><div>二行</div>", "一行\n二行", id="divs-are-lines"),
    pytest.param("第一行<br>第二行<br/>第三行", "第一行\n第二行\n第三行", id="line-breaks"),
    pytest.param(
        "<p>中<b>华</b><span>人民</span>共和国</p>", "中华人民共和国", id="inline-joins-without-space"
    ),
    pytest.param("<p>　　首行缩进。</p>", "　　首行缩进。", id="ideographic-indent-survives"),
    pytest.param("<p>\n    正文\n    继续\n</p>", "正文 继续", id="source-line-breaks-collapse"),
    pytest.param("<p>A&amp;B &lt;标签&gt; &#x4e2d;&#25991;</p>", "A&B <标签> 中文", id="entities-decoded"),
    pytest.param("<ul><li>一</li> <li>二</li></ul>后文", "一\n二\n\n后文", id="list-items"),
    pytest.param(
        "<table><tr><td>甲</td><td>乙</td></tr><tr><td>丙</td></tr></table>", "甲 乙\n丙", id="table"
    ),
    pytest.param("<h1>标题</h1>正文", "标题\n\n正文", id="heading"),
    pytest.param("<p>若a<b，则c</p>", "若a<b，则c", id="stray-less-than-inside-markup"),
    pytest.param("只有实体&nbsp;没有标签", "只有实体\xa0没有标签", id="entities-without-tags"),
]

MUST_NOT_CHANGE = [
    pytest.param("为中国人民谋幸福，为中华民族谋复兴。", id="clean-chinese"),
    pytest.param("“守初心、担使命”（辉煌历程）《人民日报》", id="full-width-punctuation"),
    pytest.param("若a<b，则b>a", id="inequality"),
    pytest.param("x < y and y > z", id="spaced-inequality"),
    pytest.param("AT&T 和 R&D", id="ampersand-without-entity"),
    pytest.param("未知实体&bogus;保留", id="unknown-entity"),
    pytest.param("　　第一段。\n\n　　第二段。", id="plain-paragraphs-with-indent"),
]


@pytest.mark.parametrize(("text", "expected"), MUST_CHANGE)
def test_must_change(text: str, expected: str) -> None:
    assert strip_html(text) == expected
    assert StripHtml()(Document(id="t", text=text)).text == expected


@pytest.mark.parametrize("text", MUST_NOT_CHANGE)
def test_must_not_change(text: str) -> None:
    doc = Document(id="t", text=text)
    assert StripHtml()(doc) is doc


@pytest.mark.parametrize("text", [p.values[0] for p in MUST_CHANGE + MUST_NOT_CHANGE])
def test_idempotent(text: str) -> None:
    once = strip_html(text)
    assert strip_html(once) == once


def test_text_without_markup_skips_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_parser(markup: str) -> object:
        raise AssertionError("the parser ran on text without markup")

    monkeypatch.setattr(html_module, "html_to_text", no_parser)
    assert StripHtml()(Document(id="t", text="若a<b，则x < y&nbsp;")).text == "若a<b，则x < y\xa0"
    assert not looks_like_html("x < y 且 a<b")


def test_whole_page_drops_scripts_styles_comments_and_keeps_the_title() -> None:
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>新年讲话</title>"
        "<style>p { color: red }</style><script>var 标记 = 1;</script></head>"
        "<body><!-- 广告位 --><h1>迈向新世纪</h1><p>　　同胞们、朋友们：</p>"
        "<noscript>请启用脚本</noscript><script>track('访问')</script></body></html>"
    )
    doc = Document(id="t", text=page)
    out = StripHtml()(doc)
    assert out.text == "迈向新世纪\n\n　　同胞们、朋友们："
    assert out.title == "新年讲话"
    assert {(r.reason, r.text.strip()) for r in out.removed} == {
        ("HTML style sheet", "p { color: red }"),
        ("HTML script", "var 标记 = 1;"),
        ("HTML comment", "广告位"),
        ("HTML noscript fallback", "请启用脚本"),
        ("HTML script", "track('访问')"),
    }
    assert all(r.cleaner == "strip_html" for r in out.removed)
    assert cjk_kept(doc, out)


def test_an_existing_title_is_kept_and_the_page_title_recorded() -> None:
    doc = Document(id="t", text="<title>页面标题</title><p>正文</p>", title="原标题")
    out = StripHtml()(doc)
    assert out.title == "原标题"
    assert [(r.text, r.reason) for r in out.removed] == [("页面标题", "HTML page title")]


def test_refuses_documents_with_flags() -> None:
    flag = Flag(kind="k", start=3, end=5, text="正文", cleaner="t", reason="r")
    with pytest.raises(RecipeError, match="put strip_html before"):
        StripHtml()(Document(id="t", text="<p>正文</p>", flags=(flag,)))


def test_seed_002_fragment() -> None:
    doc = seed("002")
    out = StripHtml()(doc)
    assert "<" not in out.text and ">" not in out.text and "&nbsp;" not in out.text
    assert "style=" not in out.text
    lines = out.text.split("\n")
    assert lines[0] == "62牢牢把握主题教育总要求.txt"
    paragraphs = [line for line in lines if line.startswith("\u3000\u3000")]
    assert len(paragraphs) == doc.text.count("<span") == 4  # each paragraph keeps its indent
    assert all(line in ("\xa0", lines[0]) or line in paragraphs for line in lines)
    assert cjk(out.text) == cjk(doc.text)  # nothing lost: every CJK character is still there
    assert cjk_kept(doc, out)


def test_strip_html_leaves_plain_seeds_alone() -> None:
    for prefix in ("000", "001", "003", "004"):
        doc = seed(prefix)
        assert StripHtml()(doc) is doc
