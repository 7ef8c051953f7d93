"""Edits and the position map that keeps flag spans right."""

from __future__ import annotations

import pytest

from corpusclean.document import Document, Flag
from corpusclean.edits import Edit, apply_edits

TEXT = "甲乙 丙丁，戊己"


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param([], TEXT, id="no-edit"),
        pytest.param([Edit(2, 3)], "甲乙丙丁，戊己", id="delete"),
        pytest.param([Edit(5, 6, ",")], "甲乙 丙丁,戊己", id="replace"),
        pytest.param([Edit(0, 0, "【"), Edit(8, 8, "】")], "【甲乙 丙丁，戊己】", id="insert-both-ends"),
        pytest.param([Edit(5, 6, ","), Edit(2, 3)], "甲乙丙丁,戊己", id="unsorted"),
    ],
)
def test_apply_edits(edits: list[Edit], expected: str) -> None:
    assert apply_edits(TEXT, edits)[0] == expected


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(ValueError, match="overlap"):
        apply_edits(TEXT, [Edit(0, 3), Edit(2, 4)])


@pytest.mark.parametrize(
    ("edits", "span", "expected"),
    [
        pytest.param([Edit(2, 3)], (3, 5), "丙丁", id="shift-left-after-delete"),
        pytest.param([Edit(0, 0, "前言")], (3, 5), "丙丁", id="shift-right-after-insert"),
        pytest.param([Edit(3, 3, "X")], (3, 5), "丙丁", id="insert-at-start-stays-outside"),
        pytest.param([Edit(5, 5, "X")], (3, 5), "丙丁", id="insert-at-end-stays-outside"),
        pytest.param([Edit(4, 5, "T")], (3, 5), "丙T", id="edit-inside-follows"),
        pytest.param([Edit(2, 4)], (3, 5), "丁", id="partly-deleted"),
    ],
)
def test_flag_spans_follow_edits(edits: list[Edit], span: tuple[int, int], expected: str) -> None:
    start, end = span
    flag = Flag(kind="t", start=start, end=end, text=TEXT[start:end], cleaner="c", reason="r")
    doc = Document(id="d", text=TEXT, flags=(flag,)).edit(edits, cleaner="e")
    (moved,) = doc.flags
    assert moved.text == expected
    assert doc.text[moved.start : moved.end] == expected


def test_flag_whose_text_is_deleted_goes_and_its_text_is_in_removed() -> None:
    flag = Flag(kind="t", start=3, end=5, text="丙丁", cleaner="c", reason="r")
    doc = Document(id="d", text=TEXT, flags=(flag,)).edit([Edit(2, 5, reason="x")], cleaner="e")
    assert doc.flags == ()
    assert [r.text for r in doc.removed] == [" 丙丁"]


def test_removal_positions_follow_later_edits() -> None:
    doc = Document(id="d", text=TEXT).edit([Edit(5, 6, reason="comma")], cleaner="a")
    assert doc.removed[0].at == 5
    doc = doc.edit([Edit(0, 2, reason="head")], cleaner="b")
    first = doc.removed[0]
    assert first.at == 3
    assert doc.text[: first.at] + first.text + doc.text[first.at :] == " 丙丁，戊己"
