"""remove_repeats: a later copy of a sentence goes, the first stays, short sentences stay."""

from __future__ import annotations

import re

import pytest
from corpus_helpers import assert_nothing_lost, seed_doc, seed_text, shared_data
from hypothesis import given, settings
from hypothesis import strategies as st

from corpusclean import Document, Pipeline
from corpusclean.cleaners.headers import RemoveHeaders
from corpusclean.cleaners.repeats import RemoveRepeats, is_structured_line, remove_repeated_sentences
from corpusclean.patterns import SENTENCE_RE
from corpusclean.reference import peoples_daily, peoples_daily_paragraphs

S = "中共中央总书记习近平出席会议并发表重要讲话。"

CHANGES = [
    pytest.param(S + "他强调，要守初心。" + S, S + "他强调，要守初心。", id="later-copy-in-line"),
    pytest.param(
        S + "\n\n" + S + "\n\n结尾一句话也很长很长。", S + "\n\n结尾一句话也很长很长。", id="whole-paragraph"
    ),
    pytest.param(
        "开头一段话写得也很长。\n\n" + S + "\n\n" + S, "开头一段话写得也很长。\n\n" + S, id="last-paragraph"
    ),
    pytest.param(S + "\n" + S + "\n" + S, S, id="three-copies-keep-first"),
    pytest.param(
        "他说：“我们一定要坚持到底，决不放弃。”大家鼓掌。他说：“我们一定要坚持到底，决不放弃。”",
        "他说：“我们一定要坚持到底，决不放弃。”大家鼓掌。",
        id="closing-quote-belongs-to-sentence",
    ),
    pytest.param(S + " " + S, S, id="copy-after-space"),
    pytest.param(
        "我们的目标一定能够实现……" + "我们的目标一定能够实现……", "我们的目标一定能够实现……", id="ellipsis"
    ),
]

KEEPS = [
    pytest.param("好！好！好！同志们！同志们！", id="short-sentences"),
    pytest.param("要守初心。要担使命。要找差距。要抓落实。", id="parallel-short-clauses"),
    pytest.param(S + "\n" + S.replace("习近平", "李克强"), id="near-copy-is-not-a-copy"),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize(("text", "expected"), CHANGES)
def test_removes_repeats(text: str, expected: str) -> None:
    doc = RemoveRepeats()(Document(id="t", text=text))
    assert doc is not None
    assert doc.text == expected
    assert all(r.reason == "repeats an earlier sentence" for r in doc.removed)
    assert doc.removed
    assert_nothing_lost(text, doc)


@pytest.mark.parametrize("text", KEEPS)
def test_keeps(text: str) -> None:
    doc = RemoveRepeats()(Document(id="t", text=text))
    assert doc is not None
    assert (doc.text, doc.removed) == (text, ())


def test_min_chars_option() -> None:
    text = "要守初心。要守初心。"
    assert RemoveRepeats(min_chars=4)(Document(id="t", text=text)).text == "要守初心。"  # type: ignore[union-attr]


CAPTION_SENTENCE = "中共中央总书记、国家主席、中央军委主席习近平出席会议并发表重要讲话。"


def test_order_matters_on_001() -> None:
    """Headers first: the caption goes with the header and the body's copy stays.

    Repeats first: the caption is taken for the original and the body's copy goes.
    """
    text = seed_text("001_fb883f36b7aad704")
    headers_first = Pipeline([RemoveHeaders(), RemoveRepeats()])(seed_doc("001_fb883f36b7aad704"))
    repeats_first = Pipeline([RemoveRepeats(), RemoveHeaders()])(seed_doc("001_fb883f36b7aad704"))
    assert headers_first is not None and repeats_first is not None

    assert [r.cleaner for r in headers_first.removed] == ["remove_headers", "remove_headers"]
    assert headers_first.text.startswith(
        "“不忘初心、牢记使命”主题教育工作会议31日在北京召开。" + CAPTION_SENTENCE
    )

    assert repeats_first.removed[0].cleaner == "remove_repeats"
    assert repeats_first.removed[0].text == CAPTION_SENTENCE
    assert headers_first.text.count(CAPTION_SENTENCE) == 1
    assert repeats_first.text.count(CAPTION_SENTENCE) == 0  # the sentence is gone from the body
    for doc in (headers_first, repeats_first):
        assert_nothing_lost(text, doc)


def test_line_of_only_repeats_goes_with_its_break() -> None:
    text = f"{S}\n他强调，要守初心担使命。\n{S} 他强调，要守初心担使命。\n结尾一句话也很长很长。"
    doc = RemoveRepeats()(Document(id="t", text=text))
    assert doc is not None
    assert doc.text == f"{S}\n他强调，要守初心担使命。\n结尾一句话也很长很长。"


def test_removing_the_first_sentences_of_a_line_leaves_no_leading_space() -> None:
    sentence = "为中国人民谋幸福，为中华民族谋复兴。"
    text = f"{sentence}\n{sentence}另一句话在这里说完。 1. 践行宗旨守初心"
    assert remove_repeated_sentences(text) == f"{sentence}\n另一句话在这里说完。 1. 践行宗旨守初心"
    assert (
        remove_repeated_sentences(f"{sentence}\n{sentence} 1. 践行宗旨守初心")
        == f"{sentence}\n1. 践行宗旨守初心"
    )


#: The sentence pattern as two branches (a sentence with its end, the rest of a line):
#: SENTENCE_RE makes the end optional instead, and must find the same sentences.
TWO_BRANCH_SENTENCE_RE = re.compile(r"[^。！？…\n]*(?:[。！？]+|…+)[”’」』）)]*|[^。！？…\n]+")


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("他说。她说！", id="two-sentences"),
        pytest.param("没有句号的一行\n下一行。", id="line-without-an-end"),
        pytest.param("。。！…“”\n\n……”）又一句", id="ends-only"),
        pytest.param("“好。”他说……然后？！」", id="quotes-and-ellipsis"),
        pytest.param("", id="empty"),
    ],
)
def test_sentence_pattern_finds_the_two_branch_sentences(text: str) -> None:
    assert _spans(SENTENCE_RE, text) == _spans(TWO_BRANCH_SENTENCE_RE, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="中文。！？…”’」』）)（ \n\r", max_size=60))
def test_sentence_pattern_agrees_on_generated_text(text: str) -> None:
    assert _spans(SENTENCE_RE, text) == _spans(TWO_BRANCH_SENTENCE_RE, text)


def test_sentence_pattern_agrees_on_peoples_daily() -> None:
    documents = peoples_daily()[::5]
    assert all(SENTENCE_RE.findall(t) == TWO_BRANCH_SENTENCE_RE.findall(t) for t in documents)


# -- structured text repeats for good reasons and stays (#17) ---------------------------------

#: Real prose: paragraphs of the People's Daily, January 1998.
PD = peoples_daily_paragraphs()
#: Four paragraphs that each open with a sentence fit for a heading (我们要更好地坚持……).
POINTS = PD[21:25]


def _first_sentence(paragraph: str) -> str:
    """The first sentence of ``paragraph`` without its end mark."""
    return re.split("[。！？]", paragraph, maxsplit=1)[0]


def agenda() -> str:
    """A conference agenda: every session has its room, most sessions the same room."""
    rooms = ["北京国际会议中心第三会议室", "北京国际会议中心第三会议室", "人民大会堂东大厅"]
    sessions = [
        f"第{n}场\n议题：{_first_sentence(p)}\n时间：1月{n}日上午9:00—11:30\n"
        f"地点：{rooms[n % 3]}\n主持人：李鹏"
        for n, p in enumerate(PD[5:14], start=1)
    ]
    return PD[17] + "\n\n" + "\n\n".join(sessions)


def discography() -> str:
    """Albums with a sentence of prose each; the label line repeats, sometimes with a full stop."""
    albums = [
        f"《专辑之{n}》\n发行时间：199{n}年\n唱片公司：中国唱片总公司上海公司。\n{_first_sentence(p)}。"
        for n, p in enumerate(PD[30:35], start=1)
    ]
    return "\n\n".join(albums)


def intro_lists_headings(*, questions: bool) -> str:
    """An article whose introduction lists its section headings, then the sections under them."""
    titles = [_first_sentence(p).removeprefix("我们要更好地") for p in POINTS]
    if questions:
        headings = [f"为什么要{t}？" for t in titles]
        intro = "本文回答四个问题。" + "".join(headings)
    else:
        headings = titles
        intro = "目录\n" + "\n".join(headings)
    sections = [f"{h}\n{p}" for h, p in zip(headings, POINTS, strict=True)]
    return intro + "\n\n" + "\n\n".join(sections)


def course_list() -> str:
    """Two courses of study whose numbered lists share an item."""
    return (
        "艺术学原理\n1、英语或俄语或日语\n2、艺术概论\n3、中国艺术史基础知识\n4、艺术美学与哲学经典阅读\n"
        "艺术美学\n1、同上\n2、同上\n3、艺术思潮与流派\n4、艺术美学与哲学经典阅读\n"
        "要求\n1、坚持以经济建设为中心不动摇。\n2、坚持改革开放。\n"
        "说明\n① 坚持以经济建设为中心不动摇。"
    )


#: A row of a table written as text, its cells apart by ideographic spaces.
TABLE_ROW = "上午　分组讨论，各代表团审议政府工作报告。　各代表团驻地"


def timetable() -> str:
    """A table written as text: the same row on two days."""
    first, last = "1月5日　开幕大会，听取政府工作报告。　人民大会堂", "1月7日　闭幕大会。　人民大会堂"
    return f"日程安排\n{first}\n{TABLE_ROW}\n{TABLE_ROW}\n{last}"


def test_a_table_row_is_structure_by_its_neighbours_alone() -> None:
    assert not is_structured_line(TABLE_ROW)
    assert is_structured_line(TABLE_ROW, ["1月5日　开幕大会，听取政府工作报告。　人民大会堂"])


STRUCTURED = [
    pytest.param(agenda(), id="agenda-rooms"),
    pytest.param(discography(), id="discography-labels"),
    pytest.param(intro_lists_headings(questions=True), id="headings-asked-in-introduction"),
    pytest.param(intro_lists_headings(questions=False), id="headings-in-table-of-contents"),
    pytest.param(course_list(), id="list-items"),
    pytest.param(timetable(), id="table-rows"),
]


@pytest.mark.parametrize("text", STRUCTURED)
def test_structured_text_is_never_removed(text: str) -> None:
    assert remove_repeated_sentences(text) == text


def test_a_pasted_paragraph_goes_and_the_headings_stay() -> None:
    """Must change beside must not change: the same article, one paragraph pasted twice."""
    article = intro_lists_headings(questions=True)
    pasted = article + "\n" + POINTS[1]
    doc = RemoveRepeats()(Document(id="t", text=pasted))
    assert doc is not None
    assert doc.text == article
    assert [r.text for r in doc.removed] == [POINTS[1]]


def test_a_repeated_sentence_inside_a_field_value_stays_and_a_prose_copy_goes() -> None:
    sentence = PD[34]  # 演出结束后，江泽民等党和国家领导人走上舞台……
    text = f"图片说明：{sentence[:20]}\n{sentence}\n{sentence[:20]}。{sentence}"
    assert remove_repeated_sentences(text) == f"图片说明：{sentence[:20]}\n{sentence}\n{sentence[:20]}。"


def test_second_car_keeps_its_specifications() -> None:
    """A real car comparison page: both cars have the same engine, listed field by field."""
    page = (shared_data("html-dev") / "cleaned" / "93498c29-594f-4e98-a1e9-f34fa8706d7c.txt").read_text(
        "utf-8"
    )
    specs = page[page.index("动力系统主要参数") :]
    assert specs.count("最大功率：51Kw／6000rpm") == 2
    assert remove_repeated_sentences(page) == page


@pytest.mark.parametrize(
    ("line", "structured"),
    [
        ("地点：北京国际会议中心第三会议室", True),
        ("唱片公司：中国唱片总公司上海公司。", True),
        ("怎样判断自己是否属于脂溢性脱发呢？", True),
        ("4、艺术美学与哲学经典阅读", True),
        ("（三）坚持以经济建设为中心不动摇。", True),
        ("他说：“我们一定要坚持到底，决不放弃。”", False),
        ("1.5亿元的投资已经到位，工程将于年内完工。", False),
        ("会议在北京召开，习近平出席。", False),
        (PD[34], False),
    ],
)
def test_structured_lines(line: str, structured: bool) -> None:
    assert is_structured_line(line) is structured
