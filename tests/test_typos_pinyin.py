"""Loose pinyin keys, word-level readings and the guards' tables."""

from __future__ import annotations

import pytest

from corpusclean.typos.guards import NUMERAL_TABLE, both_correct, is_han_table
from corpusclean.typos.pinyin import fuzzy_steps, loose_key, loose_syllable, word_syllables


@pytest.mark.parametrize(
    ("syllable", "options", "expected"),
    [
        pytest.param("xing", {}, "xin", id="ing-to-in"),
        pytest.param("xin", {}, "xin", id="in-unchanged"),
        pytest.param("zheng", {}, "zen", id="zh-and-eng"),
        pytest.param("chuang", {}, "cuan", id="ch-and-uang"),
        pytest.param("shi", {}, "si", id="sh"),
        pytest.param("ng", {}, "ng", id="bare-ng-kept"),
        pytest.param("nan", {}, "nan", id="l-n-off-by-default"),
        pytest.param("nan", {"l_n": True}, "lan", id="l-n-on"),
        pytest.param("fu", {"f_h": True}, "hu", id="f-h-on"),
        pytest.param("lü", {}, "lü", id="no-change-without-rule"),
    ],
)
def test_loose_syllable(syllable: str, options: dict[str, bool], expected: str) -> None:
    assert loose_syllable(syllable, **options) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        pytest.param("银行", ["yin", "hang"], id="phrase-dict-hang"),
        pytest.param("行走", ["xing", "zou"], id="char-default-xing"),
        pytest.param("初心", ["chu", "xin"], id="plain"),
        pytest.param("A心", None, id="not-han"),
    ],
)
def test_word_syllables(word: str, expected: list[str] | None) -> None:
    assert word_syllables(word) == expected


@pytest.mark.parametrize(
    ("a", "b", "same_key", "steps"),
    [
        pytest.param("初心", "出行", True, 1, id="in-ing"),
        pytest.param("初心", "出新", True, 0, id="homophone"),
        pytest.param("时限", "思想", True, 2, id="two-confusions"),
        pytest.param("银行", "隐形", False, 1, id="hang-not-xing"),
        pytest.param("初心", "出门", False, 1, id="different-syllable"),
    ],
)
def test_loose_key_and_fuzzy_steps(a: str, b: str, same_key: bool, steps: int) -> None:
    assert (loose_key(a) == loose_key(b)) is same_key
    assert fuzzy_steps(a, b) == steps


@pytest.mark.parametrize(
    ("char", "han", "numeral"),
    [
        pytest.param("中", True, False, id="han"),
        pytest.param("三", True, True, id="numeral"),
        pytest.param("A", False, False, id="ascii"),
        pytest.param("１", False, False, id="fullwidth-digit"),
        pytest.param("，", False, False, id="punctuation"),
        pytest.param("<", False, False, id="markup"),
    ],
)
def test_character_tables(char: str, han: bool, numeral: bool) -> None:
    assert bool(is_han_table()[ord(char)]) is han
    assert bool(NUMERAL_TABLE[ord(char)]) is numeral


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param("制定", "制订", True, id="both-correct"),
        pytest.param("制订", "制定", True, id="symmetric"),
        pytest.param("他们", "它们", True, id="pronouns"),
        pytest.param("出行", "初心", False, id="slip"),
    ],
)
def test_both_correct(a: str, b: str, expected: bool) -> None:
    assert both_correct(a, b) is expected
