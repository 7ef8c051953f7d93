"""Loose pinyin keys, word-level readings, the shipped readings and word list, and the guards' tables."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import numpy as np
import pytest

from corpusclean.typos.guards import NUMERAL_TABLE, both_correct, is_han_table
from corpusclean.typos.lexicon import _dict_path, lexicon
from corpusclean.typos.pinyin import bigram_loose_keys, fuzzy_steps, loose_key, loose_syllable, word_syllables
from corpusclean.typos.readings import (
    CHAR_BITS,
    READINGS_FILE,
    format_readings,
    parse_readings,
    readings_from_pypinyin,
)
from corpusclean.typos.reference import is_han_word


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


# -- the shipped readings ------------------------------------------------------------


def test_the_shipped_readings_are_what_pypinyin_says() -> None:
    text = resources.files("corpusclean.data").joinpath(READINGS_FILE).read_text(encoding="utf-8")
    chars, words = parse_readings(text)
    assert len(chars) > 40_000 and words["银行"] == ("yin", "hang")
    assert (chars, words) == readings_from_pypinyin(), (
        "the installed pypinyin reads otherwise: run python -m corpusclean.typos.readings"
    )


def test_readings_survive_the_file_format() -> None:
    chars = {"行": "xing", "星": "xing", "银": "yin", "𠼞": "a"}
    words = {"银行": ("yin", "hang"), "一了百了": ("yi", "liao", "bai", "liao")}
    assert parse_readings(format_readings(chars, words, "a test")) == (chars, words)


def test_loose_keys_of_all_listed_words_at_once_equal_one_by_one() -> None:
    lex = lexicon()
    codes = np.concatenate([lex.codes, np.array([(ord("A") << CHAR_BITS) | ord("心")], np.uint64)])
    for options in ({}, {"l_n": True, "f_h": True}):
        keys, known = bigram_loose_keys(codes, **options)
        one_by_one = [
            loose_key(chr(c >> CHAR_BITS) + chr(c & ((1 << CHAR_BITS) - 1)), **options)
            for c in codes.tolist()
        ]
        assert [k if ok else None for k, ok in zip(keys.tolist(), known.tolist(), strict=True)] == one_by_one


def test_flagging_never_imports_pypinyin() -> None:
    # the readings ship with the package: a run carries none of pypinyin's 57 MB of dictionaries
    script = (
        "import sys; from corpusclean import make_cleaner; from corpusclean.document import Document\n"
        "flag = make_cleaner('flag_typos')\n"
        "docs = [Document(id=str(i), text='党的初心和使命。' * 3) for i in range(4)]\n"
        "docs.append(Document(id='x', text='人的出行和使命。'))\n"
        "out = flag.run(docs)\n"
        "print(len(out), 'pypinyin' in sys.modules, 'jieba' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["5", "False", "False"]


def test_long_words_hold_every_han_idiom_of_the_word_list_and_nothing_shorter() -> None:
    listed = [
        w
        for w, _, _ in (line.split() for line in _dict_path().open(encoding="utf-8"))
        if 3 <= len(w) <= 4 and is_han_word(w)
    ]
    long_words = lexicon().long_words
    assert all(w in long_words for w in listed)
    assert len(long_words) == len(set(listed))
    assert "IP电话" not in long_words  # the word list's few words with Latin letters are left out
    assert not any(w in long_words for w in ("初心", "再接再", "党的初心", "初心使命担当", ""))
