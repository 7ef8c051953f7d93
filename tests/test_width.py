"""normalize_width: full-width digits and letters fold, Chinese punctuation never does."""

from __future__ import annotations

import pytest
from seedtools import cjk_kept, peoples_daily, seed

from corpusclean.cleaners.width import NormalizeWidth, fold_fullwidth_alnum, widen_cjk_punctuation
from corpusclean.document import Document, Flag

MUST_CHANGE = [
    pytest.param("１９９８年", "1998年", id="full-width-year"),
    pytest.param("新华社北京１２月３１日电", "新华社北京12月31日电", id="full-width-dateline"),
    pytest.param("ＣＰＵ和ｗｉｆｉ", "CPU和wifi", id="full-width-letters"),
    pytest.param("增长１．５倍", "增长1.5倍", id="full-width-decimal"),
    pytest.param("历程,我们党", "历程，我们党", id="comma-between-han"),
    pytest.param("取得胜利, 根本原因", "取得胜利，根本原因", id="comma-and-space-between-han"),
    pytest.param("红旗渠;山西", "红旗渠；山西", id="semicolon-between-han"),
    pytest.param("指出:要坚持", "指出：要坚持", id="colon-between-han"),
    pytest.param("为什么?因为", "为什么？因为", id="question-mark-between-han"),
    pytest.param("好!我们", "好！我们", id="exclamation-between-han"),
    pytest.param("讲过,“不干,半点", "讲过，“不干，半点", id="comma-before-cjk-quote"),
    pytest.param("经济(上)册", "经济（上）册", id="parentheses-around-han"),
    pytest.param("永葆初心(辉煌历程)", "永葆初心（辉煌历程）", id="parentheses-at-line-end"),
    pytest.param("(一)加强领导", "（一）加强领导", id="parenthesised-list-marker-in-han"),
    pytest.param("(第１章)的", "（第1章）的", id="parentheses-and-full-width-digit"),
    pytest.param("北京(城市),我们", "北京（城市），我们", id="comma-after-widened-parenthesis"),
]

MUST_NOT_CHANGE = [
    pytest.param("为中国人民谋幸福，为中华民族谋复兴。", id="clean-chinese"),
    pytest.param(
        "“守初心、担使命，找差距、抓落实”（辉煌历程）《人民日报》！？；：", id="full-width-punctuation"
    ),
    pytest.param("认为苏共代表劳动人民的只占7％。", id="full-width-percent-stays"),
    pytest.param("退出低保对象190.1万人", id="decimal-number"),
    pytest.param("1. 践行宗旨守初心", id="numbered-heading"),
    pytest.param("2.知重负重担使命", id="numbered-heading-no-space"),
    pytest.param("会议于3:00开始", id="clock-time"),
    pytest.param("共1,000人", id="thousands-separator"),
    pytest.param("He said: yes, we can (and will)!", id="english-sentence"),
    pytest.param("访问https://www.example.com/a?b=1&c=2获取", id="url"),
    pytest.param("(1)加强学习", id="ascii-list-marker-with-digit"),
    pytest.param("中国(China)代表", id="parentheses-around-latin"),
    pytest.param("左括号(未闭合的文字", id="lone-parenthesis"),
    pytest.param("你好?\n", id="question-mark-at-line-end"),
]


@pytest.mark.parametrize(("text", "expected"), MUST_CHANGE)
def test_must_change(text: str, expected: str) -> None:
    assert NormalizeWidth()(Document(id="t", text=text)).text == expected


@pytest.mark.parametrize("text", MUST_NOT_CHANGE)
def test_must_not_change(text: str) -> None:
    doc = Document(id="t", text=text)
    assert NormalizeWidth()(doc) is doc


@pytest.mark.parametrize("text", [p.values[0] for p in MUST_CHANGE + MUST_NOT_CHANGE])
def test_idempotent(text: str) -> None:
    cleaner = NormalizeWidth()
    once = cleaner(Document(id="t", text=text))
    assert cleaner(once) is once


def test_options_switch_behaviours_off() -> None:
    text = "１９９８年的历程,我们党"
    assert NormalizeWidth(fold_alnum=False)(Document(id="t", text=text)).text == "１９９８年的历程，我们党"
    assert NormalizeWidth(widen_punct=False)(Document(id="t", text=text)).text == "1998年的历程,我们党"


def test_the_two_functions_do_one_thing_each() -> None:
    assert fold_fullwidth_alnum("１９９８年,我们") == "1998年,我们"
    assert widen_cjk_punctuation("１９９８年,我们") == "１９９８年，我们"


def test_width_changes_are_not_removals_and_flags_follow() -> None:
    flag = Flag(kind="redaction", start=6, end=8, text="某某", cleaner="t", reason="r")
    doc = NormalizeWidth()(Document(id="t", text="１２３４５,某某说", flags=(flag,)))
    assert doc.text == "12345,某某说"  # a digit is not CJK, so the comma after it stays
    assert doc.removed == ()
    assert doc.flags[0].text == "某某"


def test_seed_000_half_width_commas_widen() -> None:
    doc = seed("000")
    out = NormalizeWidth()(doc)
    assert "历程,我们党" in doc.text
    assert "历程，我们党" in out.text
    assert "“立限责事，以事责人，务责实效”的考成法，实现了" in out.text
    assert "红旗渠；山西" in out.text
    assert "7％" in out.text and "1. 践行宗旨守初心" in out.text and "2.知重负重担使命" in out.text
    assert cjk_kept(doc, out)


def test_peoples_daily_full_width_digits_fold_and_no_cjk_is_lost() -> None:
    paragraphs = peoples_daily(3000)
    assert sum("１" in p for p in paragraphs) > 100
    for i, text in enumerate(paragraphs):
        doc = Document(id=str(i), text=text)
        out = NormalizeWidth()(doc)
        assert cjk_kept(doc, out), text
        assert not any("０" <= c <= "９" for c in out.text), text
        assert out.text.count("，") >= text.count("，")  # Chinese punctuation never folds
