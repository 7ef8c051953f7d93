"""extract_main_text: the article of a whole page, its title, date and author; fragments untouched."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from corpus_helpers import shared_data
from hypothesis import given, settings
from hypothesis import strategies as st

from corpusclean import Document, Pipeline, make_cleaner, parse_recipe
from corpusclean.cleaners.webpage import ExtractMainText, is_whole_page
from corpusclean.defaults import DEFAULT_PIPELINE
from corpusclean.formats.html_encoding import decode_html
from corpusclean.recipe import build_pipeline
from corpusclean.webpage import extract_page
from corpusclean.webpage.blocks import page_blocks, parse_page

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))

PARAGRAPHS = [
    "今年春节，各地举办了丰富多彩的庆祝活动，群众参与热情高涨，街头巷尾洋溢着节日的气氛。",
    "专家表示，节日期间消费市场明显回暖，餐饮、旅游、电影等行业的收入都创下了新高。",
    "据统计，全国共接待国内游客三亿多人次，同比增长一成以上，各地景区秩序良好。",
]
MENU = "".join(
    f'<a href="/{i}">{w}</a> | '
    for i, w in enumerate(["首页", "新闻", "体育", "娱乐", "财经", "科技", "汽车"])
)
RELATED = "".join(f'<li><a href="/r{i}">相关报道之{i}：节日消费持续升温</a></li>' for i in range(5))

NEWS_PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>春节消费创新高_某某新闻网</title>
<script charset="gb2312">var s = "脚本里的中文，不是正文。";</script><style>p {{ color: red }}</style></head>
<body><div id="nav">{MENU}</div>
<div class="article"><h1>春节消费创新高</h1>
<div class="info">2024年02月18日 09:30 来源：某某新闻网 记者：王小明</div>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
<div class="share">分享到：微博 微信 【打印】【关闭】</div></div>
<div class="related"><h3>相关新闻</h3><ul>{RELATED}</ul></div>
<div id="footer"><a href="/about">关于我们</a> | <a href="/contact">联系我们</a><br>
Copyright © 2024 某某新闻网 版权所有 京ICP备00000000号</div></body></html>"""

# an old table-layout page in the legacy crawl wrapper, with no <html> or <body> tag
TABLE_PAGE = f"""<text id="http://old.example.cn/a.htm" title="旧网页的标题--某站" encoding="gb2312">
<table><tr><td class="left">{MENU.replace(" | ", "<br>")}</td>
<td class="content"><b>旧网页的标题</b><br>{"<br>".join(PARAGRAPHS)}</td></tr></table>
<table><tr><td>版权所有：某站 2005</td></tr></table>"""

MENU_ONLY_PAGE = f"<html><body><div>{MENU * 3}</div><div>{MENU}</div></body></html>"


def test_news_page_keeps_the_article_only() -> None:
    doc = make_cleaner("extract_main_text")(Document(id="n", text=NEWS_PAGE))
    assert doc is not None
    assert doc.text == "\n".join(PARAGRAPHS)
    assert doc.title == "春节消费创新高"
    assert doc.metadata == {"date": "2024-02-18 09:30", "author": "王小明"}
    assert doc.steps == ("extract_main_text",)


def test_news_page_dropped_blocks_are_recorded_by_kind() -> None:
    doc = make_cleaner("extract_main_text")(Document(id="n", text=NEWS_PAGE))
    assert doc is not None
    reasons = [r.reason.split(":")[0] for r in doc.removed]
    assert len(reasons) == len(set(reasons)), "one removal per kind of dropped block"
    assert {
        "navigation and link lists",
        "copyright and contact lines",
        "share and print buttons",
        "headline (moved to the title)",
    } <= set(reasons)
    removed_text = "\n".join(r.text for r in doc.removed)
    for seen in ["首页", "相关报道之3", "京ICP备00000000号", "分享到", "来源：某某新闻网"]:
        assert seen in removed_text
    assert all(r.cleaner == "extract_main_text" and r.at is None for r in doc.removed)
    assert "脚本里的中文" not in doc.text + removed_text


def test_wrapped_table_page_without_html_tag() -> None:
    assert is_whole_page(TABLE_PAGE)
    found = extract_page(TABLE_PAGE)
    assert found.text == "\n".join(PARAGRAPHS)
    assert found.title == "旧网页的标题"


def test_page_without_main_text_is_dropped_with_the_reason_counted() -> None:
    cleaner = ExtractMainText()
    assert extract_page(MENU_ONLY_PAGE).text == ""
    assert cleaner(Document(id="m", text=MENU_ONLY_PAGE)) is None
    assert cleaner.stats.drop_reasons == {"no main text found": 1}
    kept = list(Pipeline([cleaner]).clean([Document(id="m", text=MENU_ONLY_PAGE)]))
    assert kept == []


def test_removed_record_holds_every_dropped_block_in_full_on_a_huge_page() -> None:
    links = "".join(f'<li><a href="/{i}">第{i}条导航链接</a></li>' for i in range(3000))
    html = f"<html><body><ul>{links}</ul>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</body></html>"
    doc = ExtractMainText()(Document(id="h", text=html))
    assert doc is not None
    assert doc.text == "\n".join(PARAGRAPHS)
    (nav,) = [r for r in doc.removed if r.reason.startswith("navigation")]
    assert nav.text == "\n".join(f"第{i}条导航链接" for i in range(3000))
    assert nav.reason == f"navigation and link lists: 3000 blocks, {len(nav.text)} characters"


def _page_characters(text: str) -> Counter[str]:
    """The characters of ``text`` but white space (blocks are joined by line breaks)."""
    return Counter(ch for ch in text if not ch.isspace())


@pytest.mark.parametrize(
    "page",
    # the two pages whose dropped navigation runs past 2,000 characters, and a news page
    [
        "35687fb1-3d1f-46ac-a1c1-30ae027b2ae4",
        "54e89e4e-6d47-424f-b172-12b7e360c25c",
        "b26fbb82-9d98-42f0-af75-7439c1706bcd",
    ],
)
def test_kept_and_removed_text_account_for_every_character_of_a_real_page(page: str) -> None:
    text, _ = decode_html((shared_data("html-dev") / "original" / f"{page}.html").read_bytes())
    page_text = "\n".join(b.text for b in page_blocks(parse_page(text)[0]))
    doc = ExtractMainText()(Document(id=page, text=text))
    assert doc is not None
    out = _page_characters(doc.text) + sum((_page_characters(r.text) for r in doc.removed), Counter())
    assert out == _page_characters(page_text)


def test_a_title_already_set_is_kept() -> None:
    doc = ExtractMainText()(Document(id="n", text=NEWS_PAGE, title="读入时的标题"))
    assert doc is not None and doc.title == "读入时的标题"


UNTOUCHED = [
    ("plain-text", "中文正文，没有任何标记。\n第二段。"),
    ("p-fragment", "<p>只是一个段落，<a href='/x'>一个链接</a>。</p>"),
    ("div-fragment", "<div class='nav'><a href='/'>首页</a></div><div>正文。</div>"),
    ("angle-brackets-in-prose", "数学里 a<b 且 b>c，并不是网页。"),
    *[(f"seed-{p.name[:3]}", p.read_text(encoding="utf-8")) for p in SEEDS],
]


@pytest.mark.parametrize("text", [t for _, t in UNTOUCHED], ids=[i for i, _ in UNTOUCHED])
def test_fragments_and_plain_text_are_left_alone(text: str) -> None:
    doc = Document(id="f", text=text)
    assert ExtractMainText()(doc) is doc


def test_seeds_are_all_fragments() -> None:
    assert len(SEEDS) == 5
    assert not any(is_whole_page(p.read_text(encoding="utf-8")) for p in SEEDS)


def test_switched_off_leaves_pages_alone() -> None:
    doc = Document(id="n", text=NEWS_PAGE)
    assert ExtractMainText(enabled=False)(doc) is doc
    recipe = parse_recipe("[extract_main_text]\nenabled = false\n")
    rest = [name for name in DEFAULT_PIPELINE if name != "extract_main_text"]
    plain_stripping = build_pipeline(parse_recipe(f"pipeline = {rest!r}".replace("'", '"')))
    assert build_pipeline(recipe).run([doc]) == plain_stripping.run([doc])


def test_first_in_the_default_pipeline() -> None:
    assert DEFAULT_PIPELINE[0] == "extract_main_text"
    (doc,) = build_pipeline().run([Document(id="n", text=NEWS_PAGE)])
    assert doc is not None and doc.text == "\n".join(PARAGRAPHS)


def test_gbk_bytes_end_to_end() -> None:
    data = NEWS_PAGE.replace('charset="utf-8"', 'charset="gb2312"').encode("gb18030")  # © is not in GBK
    text, codec = decode_html(data)
    doc = ExtractMainText()(Document(id="g", text=text))
    assert codec == "gb18030"
    assert doc is not None and doc.text == "\n".join(PARAGRAPHS)


def test_output_is_stable_when_run_again() -> None:
    once = ExtractMainText()(Document(id="n", text=NEWS_PAGE))
    assert once is not None
    assert ExtractMainText()(once) is once  # the extracted text is no longer a page


TAG_SOUP = st.lists(
    st.sampled_from(
        ["<html>", "<body>", "<div class=nav>", "</div>", "<p>", "</p>", "<a href=x>", "</a>", "<br>",
         "<table><tr><td>", "</td></tr></table>", "<script>", "</script>", "<!--", "-->", "<h1>", "</h1>",
         "<?xml version='1.0' encoding='utf-8'?>", "\ufeff", "首页", "正文，有标点。", "二〇二四年", " ",
         "&amp;", "2024年1月2日 作者：张三", "版权所有", "<", ">"]
    ),
    max_size=40,
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(TAG_SOUP)
def test_never_crashes_and_never_invents_text(parts: list[str]) -> None:
    html = "".join(parts)
    found = extract_page(html)
    for char in set(found.text) - set(" \n"):
        assert found.text.count(char) <= html.count(char) or char == "&"


@pytest.mark.parametrize(
    ("line", "dropped"),
    [
        ("记者：王小明 2024-02-18", True),
        ("2022-02-13 07:00:00来源：央广网", True),
        ("编辑:李楠", True),
        ("记者：你们的农机大市场在哪里？", False),  # an interview question, not a byline
        ("作者认为，这个问题值得讨论。", False),
    ],
)
def test_byline_lines(line: str, dropped: bool) -> None:
    html = f"<html><body><p>{line}</p>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</body></html>"
    assert (line not in extract_page(html).text) is dropped
