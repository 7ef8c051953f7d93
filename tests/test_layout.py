"""Lines found one by one agree with the list of every content line.

:func:`~corpusclean.layout.line_around`, :func:`~corpusclean.layout.next_line`,
:func:`~corpusclean.layout.previous_line` and :func:`~corpusclean.layout.drop_lines_at`
let a cleaner look at a few lines of a long text without splitting all of it;
these tests hold them against :func:`~corpusclean.layout.content_lines` and
:func:`~corpusclean.layout.drop_lines`.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpusclean.layout import (
    Line,
    content_lines,
    drop_lines,
    drop_lines_at,
    first_line,
    line_around,
    next_line,
    previous_line,
)
from corpusclean.reference import peoples_daily_paragraphs

LINE_CHARS = "中。 \t\n\r\u3000\u00a0\u2028\x1c\x85a"


def _walked(text: str) -> list[Line]:
    """Every content line, from the first by next_line."""
    lines = []
    line = first_line(text)
    while line is not None:
        lines.append(line)
        line = next_line(text, line)
    return lines


def _same_lines(text: str) -> None:
    lines = content_lines(text)
    assert _walked(text) == lines
    assert [previous_line(text, ln) for ln in lines] == [None, *lines][: len(lines)]
    for line in lines:
        for pos in range(line.start, line.hi):  # any offset of the line, its indent too
            assert line_around(text, pos) == line


CASES = [
    pytest.param("标题\n\n　　正文。 \n\n责任编辑：张三", id="paragraphs"),
    pytest.param("\n\n  \n", id="only-white-space"),
    pytest.param("", id="empty"),
    pytest.param("a\rb\u2028c\n\x1c\n d", id="other-line-ends-stay-inside"),
    pytest.param("\n　标题\n正文", id="leading-break"),
]


@pytest.mark.parametrize("text", CASES)
def test_lines_one_by_one_are_the_content_lines(text: str) -> None:
    _same_lines(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=LINE_CHARS, max_size=60))
def test_lines_one_by_one_agree_on_generated_text(text: str) -> None:
    _same_lines(text)


def test_lines_one_by_one_agree_on_real_text() -> None:
    paragraphs = peoples_daily_paragraphs()[:2000]
    for k in range(0, len(paragraphs), 20):
        _same_lines("\n\n".join(paragraphs[k : k + 20]))
        _same_lines("\n　　".join(paragraphs[k : k + 20]))


def test_a_blank_line_has_no_content() -> None:
    text = "标题\n \n正文"
    assert line_around(text, 3) == Line(3, 4, 4)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=LINE_CHARS, max_size=60), st.sets(st.integers(0, 12)))
def test_drop_lines_at_gives_what_drop_lines_gives(text: str, picks: set[int]) -> None:
    lines = content_lines(text)
    dropped = {i: f"reason {i}" for i in picks if i < len(lines)}
    assert list(drop_lines_at(text, {lines[i]: r for i, r in dropped.items()})) == list(
        drop_lines(text, lines, dropped)
    )


@pytest.mark.parametrize(
    "picks",
    [
        pytest.param({0}, id="first"),
        pytest.param({0, 1}, id="first-two"),
        pytest.param({2}, id="middle"),
        pytest.param({1, 2, 4}, id="run-and-single"),
        pytest.param({4}, id="last"),
        pytest.param({0, 1, 2, 3, 4}, id="all"),
    ],
)
def test_drop_lines_at_on_paragraphs(picks: set[int]) -> None:
    text = "标题\n\n　　第一段。\n第二段。 \n\n第三段。\n\n责任编辑：张三\n"
    lines = content_lines(text)
    dropped: dict[int, str | None] = {i: None if i == 0 else "credit line" for i in picks}
    expected = list(drop_lines(text, lines, dropped))
    assert expected  # every pick drops something
    assert list(drop_lines_at(text, {lines[i]: r for i, r in dropped.items()})) == expected
