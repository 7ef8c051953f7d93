"""The header finder's faster scans find what the plain scans find.

Lines that open with a dateline are found by jumping from line break to line
break (:data:`~corpusclean.headers.patterns.LINE_DATELINE_RE`) instead of reading every
match of :data:`~corpusclean.headers.patterns.DATELINE_RE`; the two must agree. A text
without ``摄`` is not scanned for photo credits: every default one holds it.
"""

from __future__ import annotations

from functools import cache

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from corpusclean import Document
from corpusclean.cleaners.headers import DEFAULT_RULES, HeaderRules, RemoveHeaders, find_headers
from corpusclean.headers.finder import HeaderFinder
from corpusclean.headers.patterns import PHOTO_CREDIT_CHAR
from corpusclean.layout import first_line, next_line
from corpusclean.reference import peoples_daily_paragraphs


def _agree(text: str) -> int:
    """Compare both scans from every line on; the number of lines found from the first."""
    finder = HeaderFinder(text, DEFAULT_RULES, has_title=False, max_title_chars=60)
    found = -1
    top = first_line(text)
    while top is not None:
        fast = list(finder.lines_opening_with_dateline(top))
        assert fast == finder.lines_with(DEFAULT_RULES.datelines, top, at_start=True), (text, top)
        found = max(found, len(fast))
        top = next_line(text, top)
    return found


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        pytest.param("新华社北京5月31日电 会议召开。", 1, id="first-line"),
        pytest.param("标题\n\n　　新华社北京5月31日电 会议召开。", 1, id="indented"),
        pytest.param("标题\n新华社北京5月31日电\n本报讯 正文。", 2, id="two-in-a-row"),
        pytest.param("他说，据新华社北京5月31日电，会议召开。\n\n正文。", 0, id="inside-a-line"),
        pytest.param("标题\n \u3000\n新华社北京电\r\n正文。", 1, id="blank-line-and-cr"),
        pytest.param("本报北京电视台\n新华社北京电话", 0, id="dian-hua-and-dian-shi"),
    ],
)
def test_dateline_lines(text: str, lines: int) -> None:
    assert _agree(text) == lines


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="新华社本报北京５5月日电讯话（）记者 \u3000\n\r中。", max_size=60))
def test_dateline_lines_on_generated_text(text: str) -> None:
    _agree(text)


@cache
def _documents() -> list[str]:
    paragraphs = peoples_daily_paragraphs()
    return ["\n\n".join(paragraphs[k : k + 20]) for k in range(0, len(paragraphs), 20)]


def test_dateline_lines_on_peoples_daily() -> None:
    found = 0
    for text in _documents()[::4]:
        finder = HeaderFinder(text, DEFAULT_RULES, has_title=False, max_title_chars=60)
        top = first_line(text)
        assert top is not None
        fast = list(finder.lines_opening_with_dateline(top))
        assert fast == finder.lines_with(DEFAULT_RULES.datelines, top, at_start=True)
        found += len(fast)
    assert found > 100  # real datelines were compared, not only empty lists


CREDIT_CHARS = "（）(新华社本报记者特约驻张三·摄影像氏报道照片稿 \n。"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=CREDIT_CHARS, max_size=40))
def test_every_photo_credit_holds_the_credit_char(text: str) -> None:
    for pattern in DEFAULT_RULES.photo_credits:
        for m in pattern.finditer(text):
            assert PHOTO_CREDIT_CHAR in m.group()


def test_photo_credits_in_peoples_daily_hold_the_credit_char() -> None:
    found = 0
    for text in _documents()[::4]:
        for pattern in DEFAULT_RULES.photo_credits:
            for m in pattern.finditer(text):
                assert PHOTO_CREDIT_CHAR in m.group()
                found += 1
    assert found > 20


def test_recipe_credit_patterns_drop_the_quick_check() -> None:
    cleaner = RemoveHeaders(extra_photo_credit_patterns=[r"（[^（）]{1,8}供图）"])
    assert cleaner.rules.photo_credit_char == ""
    doc = cleaner(Document(id="t", text="第一段。\n\n会场一角。（张三供图）\n\n第二段。"))
    assert doc is not None
    assert doc.text == "第一段。\n\n会场一角。\n\n第二段。"
    assert [r.reason for r in doc.removed] == ["photo credit"]


def test_rules_built_with_other_credit_patterns_drop_the_quick_check() -> None:
    rules = HeaderRules(photo_credits=(regex.compile(r"（[^（）]{1,8}供图）"),))
    assert rules.photo_credit_char == ""
    assert DEFAULT_RULES.photo_credit_char == PHOTO_CREDIT_CHAR
    plan = find_headers("第一段。\n\n会场一角。（张三供图）\n\n第二段。", rules)
    assert [e.reason for e in plan.edits if e.reason] == ["photo credit"]
