"""The document model: frozen, validated, lossless in JSON."""

from __future__ import annotations

import pydantic
import pytest

from corpusclean import Document, Flag, Removal
from corpusclean.errors import FlagSpanError


def make_doc() -> Document:
    text = "中国共产党人的出行和使命"
    return Document(
        id="004",
        text=text,
        title="标题",
        source="seeds/004.txt",
        metadata={"encoding": "utf-8", "nested": {"a": [1, 2]}},
        flags=(
            Flag(
                kind="typo",
                start=7,
                end=9,
                text="出行",
                suggestion="初心",
                confidence=0.9,
                cleaner="flag_typos",
                reason="r",
            ),
        ),
        removed=(Removal(cleaner="remove_headers", text="新华社北京5月31日电", reason="dateline", at=0),),
        steps=("remove_headers", "flag_typos"),
    )


def test_json_round_trip_is_lossless() -> None:
    doc = make_doc()
    assert Document.model_validate_json(doc.model_dump_json()) == doc


def test_documents_are_frozen() -> None:
    doc = make_doc()
    with pytest.raises(pydantic.ValidationError):
        doc.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        pytest.param(7, 9, "初心", id="wrong-text"),
        pytest.param(8, 10, "出行", id="shifted-span"),
        pytest.param(11, 14, "使命", id="past-the-end"),
    ],
)
def test_flag_span_invariant_is_validated(start: int, end: int, text: str) -> None:
    flag = Flag(kind="typo", start=start, end=end, text=text, cleaner="c", reason="r")
    with pytest.raises((FlagSpanError, pydantic.ValidationError)):
        Document(id="a", text="中国共产党人的出行和使命", flags=(flag,))


def test_replace_validates_what_model_copy_would_not() -> None:
    doc = make_doc()
    assert doc.model_copy(update={"text": "别的文本"}).text == "别的文本"  # unvalidated: the trap
    with pytest.raises(FlagSpanError):
        doc.replace(text="别的文本")


def test_replace_rejects_unknown_fields() -> None:
    with pytest.raises(TypeError, match="no field"):
        make_doc().replace(body="x")
