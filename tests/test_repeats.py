"""remove_repeats: a later copy of a sentence goes, the first stays, short sentences stay."""

from __future__ import annotations

import re

import pytest
from corpus_helpers import assert_nothing_lost, seed_doc, seed_text
from hypothesis import given, settings
from hypothesis import strategies as st

from corpusclean import Document, Pipeline
from corpusclean.cleaners.headers import RemoveHeaders
from corpusclean.cleaners.repeats import RemoveRepeats, remove_repeated_sentences
from corpusclean.patterns import SENTENCE_RE
from corpusclean.reference import peoples_daily

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
