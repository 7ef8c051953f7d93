"""Loose pinyin: which words an input method could have confused.

A pinyin input method turns typed syllables into characters; a slip picks a
word whose syllables sound the same, or nearly the same when the typist (or a
regional accent) blurs ``in/ing``, ``en/eng``, ``an/ang``, ``z/zh``, ``c/ch``,
``s/sh``, and optionally ``l/n`` and ``f/h``. A *loose key* folds those
differences away, so two words that share a key are input-method neighbours.

Readings come from the dictionaries of ``pypinyin`` (shipped with this package
as :mod:`corpusclean.typos.readings` derives them): the word-level phrase
dictionary where it has the word (so 行 in 银行 reads *hang*), the character's
most common reading otherwise.

>>> loose_syllable("xing"), loose_syllable("zhong"), loose_syllable("ng")
('xin', 'zon', 'ng')
>>> word_syllables("初心"), word_syllables("出行"), word_syllables("银行")
(['chu', 'xin'], ['chu', 'xing'], ['yin', 'hang'])
>>> loose_key("初心") == loose_key("出行"), loose_key("银行") == loose_key("隐形")
(True, False)
"""

from __future__ import annotations

from functools import cache

import numpy as np

from .arrays import CHAR_MASK, lookup
from .ngrams import member
from .readings import CHAR_BITS, shipped_readings

#: Loose syllable ids fit in this many bits, so a two-syllable key is one integer.
SYLLABLE_BITS = 10


@cache
def loose_syllable(syllable: str, *, l_n: bool = False, f_h: bool = False) -> str:
    """Fold the common input-method confusions out of a toneless syllable.

    Retroflex initials lose their ``h`` (zh→z, ch→c, sh→s) and nasal finals lose
    their ``g`` (ang→an, eng→en, ing→in, and iang, uang, ong alike).

    >>> loose_syllable("shang"), loose_syllable("nan", l_n=True), loose_syllable("fu", f_h=True)
    ('san', 'lan', 'hu')
    """
    s = syllable
    if s[:2] in ("zh", "ch", "sh"):
        s = s[0] + s[2:]
    if len(s) > 2 and s.endswith("ng"):
        s = s[:-1]
    if l_n and s.startswith("n") and s != "ng":
        s = "l" + s[1:]
    if f_h and s.startswith("f"):
        s = "h" + s[1:]
    return s


def char_syllable(char: str) -> str | None:
    """The most common toneless reading of a Han character, or ``None``.

    >>> char_syllable("行"), char_syllable("A")
    ('xing', None)
    """
    return shipped_readings().char_syllable(char)


def word_syllables(word: str) -> list[str] | None:
    """Toneless readings of ``word``, word-level where the phrase dictionary has it.

    ``None`` when a character has no reading (not a Han character).
    """
    syllables = shipped_readings().word_syllables(word)
    return None if syllables is None else list(syllables)


def fuzzy_steps(word: str, other: str) -> int:
    """How many syllables of two same-length words differ in their exact (toneless) reading.

    0 for true homophones; each loose confusion (in/ing, s/sh, ...) counts one.

    >>> fuzzy_steps("初心", "出新"), fuzzy_steps("初心", "出行"), fuzzy_steps("时限", "思想")
    (0, 1, 2)
    """
    mine, theirs = word_syllables(word) or [], word_syllables(other) or []
    if len(mine) != len(theirs):
        return max(len(mine), len(theirs))
    return sum(1 for a, b in zip(mine, theirs, strict=True) if a != b)


@cache
def syllable_ids(*, l_n: bool = False, f_h: bool = False) -> dict[str, int]:
    """Small integer ids of the loose syllables (id 0 is never used)."""
    names = sorted({loose_syllable(s, l_n=l_n, f_h=f_h) for s in shipped_readings().syllables[1:]})
    ids = {name: i + 1 for i, name in enumerate(names)}
    assert len(ids) < 1 << SYLLABLE_BITS
    return ids


def loose_key(word: str, *, l_n: bool = False, f_h: bool = False) -> int | None:
    """One integer for the loose reading of a word of up to six syllables, or ``None``."""
    syllables = word_syllables(word)
    if syllables is None:
        return None
    ids = syllable_ids(l_n=l_n, f_h=f_h)
    key = 0
    for s in syllables:
        key = (key << SYLLABLE_BITS) | ids.get(loose_syllable(s, l_n=l_n, f_h=f_h), 0)
    return key


@cache
def syllable_table(*, l_n: bool = False, f_h: bool = False) -> np.ndarray:
    """Loose syllable id of every code point's most common reading (0 for none), by code point.

    Built once per process from the shipped readings; a numpy table so that a
    whole document is looked up at once.
    """
    readings = shipped_readings()
    ids = syllable_ids(l_n=l_n, f_h=f_h)
    loose = np.array(
        [0] + [ids[loose_syllable(s, l_n=l_n, f_h=f_h)] for s in readings.syllables[1:]], np.uint64
    )
    return np.asarray(loose[readings.char_ids])


def bigram_loose_keys(
    codes: np.ndarray, *, l_n: bool = False, f_h: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`loose_key` of each two-character word given as bigram codes, and whether it has one.

    The characters' readings are looked up in one go, then the words that read
    otherwise (the phrase dictionary's) are put in; a word without a key (a
    character without a reading) has key 0 and ``False``.

    >>> from corpusclean.typos.ngrams import bigram_codes, string_codes
    >>> codes = np.concatenate([bigram_codes(string_codes(w)) for w in ("银行", "初心", "A心")])
    >>> keys, known = bigram_loose_keys(codes)
    >>> keys[:2].tolist() == [loose_key("银行"), loose_key("初心")], known.tolist()
    (True, [True, True, False])
    """
    table = syllable_table(l_n=l_n, f_h=f_h)
    first, second = table[codes >> CHAR_BITS], table[codes & CHAR_MASK]
    read = (first > 0) & (second > 0)
    keys = np.where(read, (first << SYLLABLE_BITS) | second, 0)
    words, word_keys = _two_character_words(l_n=l_n, f_h=f_h)
    listed = member(words, codes)
    keys[listed] = lookup(words, word_keys, codes[listed])
    return np.asarray(keys, dtype=np.uint64), read | listed


@cache
def _two_character_words(*, l_n: bool, f_h: bool) -> tuple[np.ndarray, np.ndarray]:
    """The two-character words that read otherwise than their characters: sorted codes, loose keys."""
    pairs = sorted(
        ((ord(w[0]) << CHAR_BITS) | ord(w[1]), loose_key(w, l_n=l_n, f_h=f_h) or 0)
        for w in shipped_readings().words
        if len(w) == 2
    )
    return np.array([c for c, _ in pairs], np.uint64), np.array([k for _, k in pairs], np.uint64)
