"""flag_redactions and flag_punctuation: the text stays, flags point at what to check."""

from __future__ import annotations

import pytest
from corpus_helpers import seed_doc, seed_text

from corpusclean import Document
from corpusclean.cleaners.flags import FlagPunctuation, FlagRedactions

REDACTIONS = [
    pytest.param("今天，*机关召开会议。", ["*机关"], id="asterisk-office"),
    pytest.param("这方面，X书记为我们作出了表率。", ["X书记"], id="x-secretary"),
    pytest.param("XX同志发言。", ["XX同志"], id="xx-comrade"),
    pytest.param("ＸＸ市委召开会议。", ["ＸＸ市"], id="full-width-x-city"),
    pytest.param("×××同志指出，要抓落实。", ["×××同志"], id="crosses-comrade"),
    pytest.param("张××说了这件事。", ["××"], id="surname-crosses"),
    pytest.param("据某某透露。", ["某某"], id="moumou"),
    pytest.param("○○县的干部。", ["○○县"], id="circles-county"),
]

NOT_REDACTIONS = [
    pytest.param("他去医院拍了X光片。", id="x-ray"),
    pytest.param("X射线衍射实验。", id="x-ray-diffraction"),
    pytest.param("型号为XX-200的设备。", id="model-number"),
    pytest.param("3×4＝12，2×3米的房间。", id="multiplication"),
    pytest.param("使用Linux系统和Windows XP系统。", id="latin-words"),
    pytest.param("这是**重点**内容。", id="markdown-emphasis"),
    pytest.param("见附注*说明。", id="footnote-mark-after-word"),
    pytest.param("某些同志在某种程度上。", id="single-mou"),
    pytest.param("二〇一九年的工作。", id="ling-numeral"),
    pytest.param("他的任期将于二○○二年结束，二○○○年长城将竖立倒计时牌。", id="circle-zero-in-years"),
]


@pytest.mark.parametrize(("text", "flagged"), REDACTIONS)
def test_flags_redactions(text: str, flagged: list[str]) -> None:
    doc = FlagRedactions()(Document(id="t", text=text))
    assert doc is not None
    assert doc.text == text
    assert [f.text for f in doc.flags] == flagged
    assert {f.kind for f in doc.flags} == {"redaction"}


@pytest.mark.parametrize("text", NOT_REDACTIONS)
def test_no_false_redactions(text: str) -> None:
    doc = FlagRedactions()(Document(id="t", text=text))
    assert doc is not None
    assert doc.flags == ()


def test_004_has_two_redactions() -> None:
    doc = FlagRedactions()(seed_doc("004_4df8a98fcc7cfd4c"))
    assert doc is not None
    assert [f.text for f in doc.flags] == ["*机关", "X书记"]
    assert doc.text == seed_text("004_4df8a98fcc7cfd4c")


# (text, the stray marks by offset)
UNBALANCED = [
    pytest.param("是党的初心，也是党的恒心。”彰显出", [13], id="stray-closing-quote"),
    pytest.param("他说：“好。”“对。”吗？”", [13], id="stray-after-pairs"),
    pytest.param("各级党委（党组要加强指导。", [4], id="unclosed-bracket"),
    pytest.param("学习《共产党宣言。", [2], id="unclosed-book-title"),
    pytest.param("“（引文”）", [1, 5], id="crossing-pairs"),
    pytest.param("“第一段。\n第二段。", [0], id="open-quote-not-continued"),
    pytest.param("【通知】会议】", [6], id="stray-lenticular"),
    pytest.param("“第一段。\n\n“第二段没有结束。", [7], id="continued-then-unclosed"),
    pytest.param("她感到”她应该回去。”", [3, 10], id="closing-quote-for-opening"),
    pytest.param("举办“剪’廉洁窗花’，过年”活动。", [4, 9], id="closing-single-for-opening"),
    pytest.param("学习《共产党宣言。\n新的一段》。", [2, 14], id="title-open-at-a-sentence-end"),
    pytest.param("第一段没有结束（\n\n）第二段。", [7, 10], id="bracket-across-a-blank-line"),
    # the corner quotes of Taiwan and Hong Kong text
    pytest.param("他說：「好的。\n下一段。", [3], id="unclosed-corner-quote"),
    pytest.param("他說：『好的。」", [3, 7], id="crossing-corner-quotes"),
]

BALANCED = [
    pytest.param("他说：“要把‘改’字贯穿始终。”", id="nested-quotes"),
    pytest.param("他說：「要把『改』字貫穿始終。」", id="nested-corner-quotes"),
    pytest.param("“第一段。\n“第二段。\n“第三段。”", id="quotation-over-paragraphs"),
    pytest.param("“第一段。\n\n“第二段。”", id="quotation-over-paragraphs-blank-line"),
    pytest.param("北大方正’９７业绩发布会", id="year-apostrophe"),
    pytest.param("He said “don’t”. 他说不要。", id="english-apostrophe"),
    pytest.param("各级党委（党组）要把主体责任扛起来。", id="brackets"),
    pytest.param("", id="empty"),
    pytest.param("包括像《一九八四》和《古拉格群岛\n》这样的经典著作。", id="title-wrapped-before-its-close"),
    pytest.param("但是，“此时无声胜有声\n”。有人因为坚持原则。", id="quote-wrapped-before-its-close"),
    pytest.param("52.0％（389\n人）出现喉结。", id="bracket-wrapped"),
    pytest.param("【推荐\n】\n凡本网注明的作品。", id="lenticular-wrapped"),
    pytest.param(
        "霍弗尔说：“自由的主要目标之一是使一个人\n首先感到他是一个人，\n那还不够。”我决不否认。",
        id="quote-over-three-lines",
    ),
    pytest.param("它“用比所谓‘资产\n阶级’自由主义更彻底的方式。\n”它“以一种交易。”", id="nested-wrapped"),
]


@pytest.mark.parametrize(("text", "stray"), UNBALANCED)
def test_flags_unbalanced(text: str, stray: list[int]) -> None:
    doc = FlagPunctuation()(Document(id="t", text=text))
    assert doc is not None
    assert doc.text == text
    assert sorted(f.start for f in doc.flags) == stray
    assert all(f.end == f.start + 1 and f.kind == "unbalanced_punctuation" for f in doc.flags)


@pytest.mark.parametrize("text", BALANCED)
def test_no_false_unbalanced(text: str) -> None:
    doc = FlagPunctuation()(Document(id="t", text=text))
    assert doc is not None
    assert doc.flags == ()


def test_004_has_one_stray_closing_quote() -> None:
    text = seed_text("004_4df8a98fcc7cfd4c")
    doc = FlagPunctuation()(seed_doc("004_4df8a98fcc7cfd4c"))
    assert doc is not None
    assert [f.text for f in doc.flags] == ["”"]
    assert (
        text[doc.flags[0].start - 17 : doc.flags[0].start + 4] == "心连心，是党的初心，也是党的恒心。”彰显出"
    )


@pytest.mark.parametrize("seed_id", ["000_577c4fc611a7163a", "001_fb883f36b7aad704", "003_ce72efe48c9e2142"])
def test_clean_seeds_raise_no_flags(seed_id: str) -> None:
    doc = FlagPunctuation()(FlagRedactions()(seed_doc(seed_id)))  # type: ignore[arg-type]
    assert doc is not None
    assert doc.flags == ()


def test_flags_are_not_raised_twice() -> None:
    once = FlagPunctuation()(seed_doc("004_4df8a98fcc7cfd4c"))
    assert once is not None
    assert FlagPunctuation()(once) == once
