"""remove_headers: furniture goes with its reason, the headline moves to the title, the body stays."""

from __future__ import annotations

import pytest
from corpus_helpers import assert_nothing_lost, seed_doc, seed_text

from corpusclean import Document, RecipeError, make_cleaner
from corpusclean.cleaners.headers import RemoveHeaders, remove_headers

#: A first line too long to be a title: only the credit-label check can send the finder to the footer.
LONG_BODY = "会议指出，" + "坚持以人民为中心的发展思想，推动高质量发展，" * 4 + "取得新的成绩。"
ONE_LINE_NEWS = (
    "会议强调守初心担使命　王沪宁讲话5月31日，主题教育工作会议在北京召开。习近平出席会议并发表重要讲话。"
    "新华社记者鞠鹏摄新华社北京5月31日电主题教育工作会议31日在北京召开。"
)

# (input, expected text, expected title, expected removal reasons in text order)
CHANGES = [
    pytest.param(
        "62牢牢把握主题教育总要求.txt\n开展主题教育。",
        "开展主题教育。",
        None,
        ["file-name line"],
        id="file-name-line",
    ),
    pytest.param(
        "新华社北京5月31日电 会议在北京召开。",
        "会议在北京召开。",
        None,
        ["news dateline"],
        id="dateline-ascii-digits",
    ),
    pytest.param(
        "新华社北京１２月３１日电　（记者 刘子富）会议在北京召开。",
        "会议在北京召开。",
        None,
        ["news dateline", "byline"],
        id="dateline-full-width-with-byline",
    ),
    pytest.param(
        "本报济南十二月三十一日电截至昨天，全省完成任务。",
        "截至昨天，全省完成任务。",
        None,
        ["news dateline"],
        id="dateline-chinese-numerals",
    ),
    pytest.param(
        "本报苏州１月１日电记者龚雯报道：新年的钟声敲响了。",
        "新年的钟声敲响了。",
        None,
        ["news dateline", "byline"],
        id="dateline-reported-by",
    ),
    pytest.param(
        "本报讯　苏丹总统发表讲话。", "苏丹总统发表讲话。", None, ["news dateline"], id="dateline-benbao-xun"
    ),
    pytest.param(
        "新华社杰里科（约旦河西岸）１月２５日电（记者戚德良）部长举行记者会。",
        "部长举行记者会。",
        None,
        ["news dateline", "byline"],
        id="dateline-place-with-country",
    ),
    pytest.param(
        "第一段。\n新华社北京１月２日电\n第二段。",
        "第一段。\n第二段。",
        None,
        ["news dateline"],
        id="dateline-alone-on-its-line",
    ),
    pytest.param(
        "正文。\n图为会议现场。（新华社记者兰红光摄）",
        "正文。\n图为会议现场。",
        None,
        ["photo credit"],
        id="credit-closing-a-caption",
    ),
    pytest.param(
        "正文。\n（新华社记者陈建力摄）（传真照片）\n下一段。",
        "正文。\n下一段。",
        None,
        ["photo credit"],
        id="credit-line-with-tag",
    ),
    pytest.param(
        "１２月３１日，主席发表新年讲话。（新华社记者兰红光摄）\n新华社北京１２月３１日电　讲话全文如下。",
        "讲话全文如下。",
        None,
        ["photo caption in the header", "news dateline"],
        id="caption-line-in-header",
    ),
    pytest.param(
        "正文。\n\n责任编辑：张三",
        "正文。",
        None,
        ["credit line"],
        id="footer-editor",
    ),
    pytest.param(
        "正文。\n　　版式设计：张芳曼\xa0\xa0沈亦伶\n",
        "正文。",
        None,
        ["credit line"],
        id="footer-layout-nbsp",
    ),
    pytest.param(
        LONG_BODY + "\n\n责任编辑\u3000：张三",
        LONG_BODY,
        None,
        ["credit line"],
        id="footer-ideographic-space-before-colon-long-first-line",
    ),
    pytest.param(
        "正文。\n（责任编辑：张三）\n校对：李四",
        "正文。",
        None,
        ["credit line", "credit line"],
        id="footer-run",
    ),
    pytest.param(
        "主题教育——\n永葆初心本色 践行使命担当（辉煌历程）\n\n　　不忘初心方能行稳致远。",
        "　　不忘初心方能行稳致远。",
        "主题教育——永葆初心本色 践行使命担当（辉煌历程）",
        [],
        id="two-title-lines",
    ),
    pytest.param(
        ONE_LINE_NEWS,
        "主题教育工作会议31日在北京召开。",
        "会议强调守初心担使命 王沪宁讲话",
        ["photo caption in the header", "news dateline"],
        id="one-line-headline-caption-dateline",
    ),
]

KEEPS = [
    pytest.param("他说，新华社记者昨天到了现场。", id="body-mentions-xinhua-reporter"),
    pytest.param("据新华社北京１月１１日电（记者胡旭东）德国气温很高。", id="quoted-dateline-after-ju"),
    pytest.param("本报记者最近电话采访了他。", id="benbao-reporter-phone"),
    pytest.param("第一段。\n记者：你怎么看？\n答：很好。", id="interview-reporter-colon"),
    pytest.param("第一段。\n来源：国家统计局的数据显示，物价稳定。\n第三段。", id="source-sentence-in-body"),
    pytest.param("今天气温１８（摄氏度）。", id="sheshidu-in-brackets"),
    pytest.param("他们（正在拍摄）一部电影。", id="filming-in-brackets"),
    pytest.param("1. 践行宗旨守初心\n不忘初心，方得始终。", id="heading-without-blank-line"),
    pytest.param("不忘初心，方得始终。\n\n1. 践行宗旨守初心\n\n正文。", id="heading-in-body"),
    pytest.param("新华社记者潘大成\n正文。", id="xinhua-reporter-line-is-no-dateline"),
    pytest.param("本报北京电视台今天播出节目。", id="dian-shi-is-no-dateline"),
]


@pytest.mark.parametrize(("text", "expected", "title", "reasons"), CHANGES)
def test_removes_furniture(text: str, expected: str, title: str | None, reasons: list[str]) -> None:
    doc = RemoveHeaders()(Document(id="t", text=text))
    assert doc is not None
    assert doc.text == expected
    assert doc.title == title
    assert [r.reason for r in doc.removed] == reasons
    assert_nothing_lost(text, doc)


@pytest.mark.parametrize("text", KEEPS)
def test_keeps_body_text(text: str) -> None:
    doc = RemoveHeaders()(Document(id="t", text=text))
    assert doc is not None
    assert (doc.text, doc.title, doc.removed) == (text, None, ())


def test_str_function_matches_cleaner() -> None:
    text = seed_text("001_fb883f36b7aad704")
    doc = RemoveHeaders()(Document(id="t", text=text))
    assert doc is not None
    assert remove_headers(text) == doc.text


def test_existing_title_keeps_title_lines_and_records_headline() -> None:
    doc = RemoveHeaders()(Document(id="t", text=ONE_LINE_NEWS, title="已有标题"))
    assert doc is not None
    assert doc.title == "已有标题"
    assert doc.removed[0].reason == "headline (the document already has a title)"
    assert doc.removed[0].text == "会议强调守初心担使命　王沪宁讲话"
    assert_nothing_lost(ONE_LINE_NEWS, doc.replace(title=None))


# -- the seeds -------------------------------------------------------------------------

SEED_EXPECTATIONS = [
    pytest.param("000_577c4fc611a7163a", None, [], id="000-speech-no-furniture"),
    pytest.param(
        "001_fb883f36b7aad704",
        "习近平在“不忘初心、牢记使命”主题教育工作会议上强调守初心担使命找差距抓落实"
        "确保主题教育取得扎扎实实的成效李克强栗战书汪洋赵乐际韩正出席 王沪宁讲话",
        [
            (
                "photo caption in the header",
                "5月31日，“不忘初心、牢记使命”主题教育工作会议在北京召开。"
                "中共中央总书记、国家主席、中央军委主席习近平出席会议并发表重要讲话。新华社记者鞠鹏摄",
            ),
            ("news dateline", "新华社北京5月31日电"),
        ],
        id="001-one-line-news",
    ),
    pytest.param(
        "002_9cb982ee1453307f", None, [("file-name line", "62牢牢把握主题教育总要求.txt")], id="002-file-name"
    ),
    pytest.param(
        "003_ce72efe48c9e2142",
        "“不忘初心、牢记使命”主题教育——永葆初心本色 践行使命担当（辉煌历程）",
        [("credit line", "版式设计：张芳曼\xa0\xa0沈亦伶")],
        id="003-title-lines-and-footer",
    ),
    pytest.param("004_4df8a98fcc7cfd4c", None, [], id="004-speech-no-furniture"),
]


@pytest.mark.parametrize(("seed_id", "title", "removed"), SEED_EXPECTATIONS)
def test_seeds(seed_id: str, title: str | None, removed: list[tuple[str, str]]) -> None:
    doc = RemoveHeaders()(seed_doc(seed_id))
    assert doc is not None
    assert doc.title == title
    assert [(r.reason, r.text) for r in doc.removed] == removed
    assert_nothing_lost(seed_text(seed_id), doc)


def test_001_body_starts_after_the_dateline() -> None:
    doc = RemoveHeaders()(seed_doc("001_fb883f36b7aad704"))
    assert doc is not None
    assert doc.text.startswith("“不忘初心、牢记使命”主题教育工作会议31日在北京召开。中共中央总书记")


# -- options: pattern lists are data -------------------------------------------------------


def test_recipe_extends_credit_patterns() -> None:
    text = "正文。\n文/张三 图/李四"
    assert RemoveHeaders()(Document(id="t", text=text)).text == text  # type: ignore[union-attr]
    cleaner = make_cleaner("remove_headers", extra_credit_patterns=[r"文/\S+\s+图/\S+"])
    doc = cleaner(Document(id="t", text=text))
    assert doc is not None
    assert doc.text == "正文。"
    assert doc.removed[0].reason == "credit line"


def test_recipe_extends_dateline_patterns() -> None:
    text = "央广网北京5月31日消息 会议召开。"
    cleaner = make_cleaner("remove_headers", extra_dateline_patterns=[r"央广网\p{Han}{0,6}\d+月\d+日消息"])
    doc = cleaner(Document(id="t", text=text))
    assert doc is not None
    assert doc.text == "会议召开。"


def test_bad_pattern_says_which_option() -> None:
    with pytest.raises(RecipeError, match=r"extra_credit_patterns.*not a valid regular expression"):
        make_cleaner("remove_headers", extra_credit_patterns=["(unclosed"])
