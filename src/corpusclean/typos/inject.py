"""Realistic input-method slips, injected at a chosen rate, to measure a detector.

Two kinds are injected. :func:`inject_char_slips` replaces one character of a
word of the word list by a common character with the same toneless reading,
as a typist picks the wrong candidate of a single syllable: 计划 becomes 己划
(a *non-word*) or, now and then, another word (a *real-word* slip).
:func:`inject_slips` replaces a whole word by a sound-alike word (出行 for 初心):
always a real-word slip.

A word slip replaces a common two-character word by another word the input method
offers for (nearly) the same syllables: the same loose pinyin key
(:mod:`corpusclean.typos.pinyin`), picked with probability proportional to the
word list's frequency, as an input method ranks its candidates. Pairs where
both words are correct (制定/制订) are never used, nor are proper nouns (names are
not what a typist picks by mistake) and words with numerals.

>>> texts, slips = inject_slips(["今天我们坚持改革开放的方针，继续前进。" * 20], rate=1 / 100, seed=1)
>>> [(s.original, s.typo) for s in slips]
[('继续', '积蓄'), ('前进', '前景'), ('坚持', '渐次')]
>>> all(texts[s.doc][s.start : s.end] == s.typo for s in slips)
True

>>> texts, slips = inject_char_slips(["今天我们坚持改革开放的方针，继续前进。" * 20], rate=1 / 100, seed=1)
>>> sorted({s.kind for s in slips}) <= ["nonword", "realword"] and all(s.end - s.start == 1 for s in slips)
True

Limits: words are found by matching the word list, not by segmenting, so a slip
can now and then straddle two words; word slips replace two-character words only.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .guards import NUMERALS, both_correct
from .lexicon import lexicon
from .pinyin import char_syllable, fuzzy_steps, loose_key, loose_syllable

#: A one-character slip picks among this many most common characters (by the word list).
COMMON_CHARS = 3500


@dataclass(frozen=True)
class Slip:
    """One injected slip: ``texts[doc][start:end]`` is ``typo`` where the text had ``original``."""

    doc: int
    start: int
    end: int
    original: str
    typo: str
    #: ``"word"`` (a word swapped for a sound-alike word), or for a one-character slip
    #: ``"nonword"`` or ``"realword"`` (whether the word it lands in became another listed word).
    kind: str = "word"


@cache
def _usable() -> frozenset[str]:
    """Words a slip can replace or produce: no numerals, no proper nouns."""
    lex = lexicon()
    return frozenset(w for w in lex.words if w not in lex.proper and not any(ch in NUMERALS for ch in w))


@cache
def _by_key() -> dict[int, list[str]]:
    groups: dict[int, list[str]] = defaultdict(list)
    for word in sorted(_usable()):
        key = loose_key(word)
        if key is not None:
            groups[key].append(word)
    return dict(groups)


def ime_neighbours(word: str, *, max_fuzzy: int = 1) -> list[str]:
    """Words an input method offers for the same loose syllables, ``word`` and both-correct partners excluded.

    At most ``max_fuzzy`` syllables may differ by a loose confusion (the rest
    are exact homophones). Neither ``word`` nor its neighbours are proper nouns or contain numerals.

    >>> "出行" in ime_neighbours("初心")
    True
    """
    key = loose_key(word)
    if key is None:
        return []
    return [
        w
        for w in _by_key().get(key, ())
        if w != word and not both_correct(word, w) and fuzzy_steps(word, w) <= max_fuzzy
    ]


def inject_slips(
    texts: Sequence[str], *, rate: float = 1 / 2000, seed: int = 0, min_word_freq: int = 0
) -> tuple[list[str], list[Slip]]:
    """A copy of ``texts`` with about ``rate`` slips per character, and the slips made.

    Positions are drawn uniformly, so words are hit as often as the corpus uses
    them: its common words most. ``min_word_freq`` can further require a
    frequency in the word list (0: any listed word). Slips are at least two characters apart.
    """
    rng = random.Random(seed)
    words = lexicon().words
    usable = _usable()
    out: list[str] = []
    slips: list[Slip] = []
    for d, text in enumerate(texts):
        want = int(len(text) * rate + rng.random())
        taken: list[tuple[int, str, str]] = []
        tries = 0
        while len(taken) < want and tries < 50 * want and len(text) > 2:
            tries += 1
            p = rng.randrange(len(text) - 1)
            word = text[p : p + 2]
            if word not in usable or words[word] < min_word_freq or any(abs(p - q) < 4 for q, _, _ in taken):
                continue
            options = ime_neighbours(word)
            if not options:
                continue
            typo = rng.choices(options, weights=[words[w] for w in options])[0]
            taken.append((p, word, typo))
        pieces = list(text)
        for p, word, typo in taken:
            pieces[p : p + 2] = typo
            slips.append(Slip(d, p, p + 2, word, typo))
        out.append("".join(pieces))
    slips.sort(key=lambda s: (s.doc, s.start))
    return out, slips


@cache
def _char_freqs() -> dict[str, int]:
    """How common each character is: the summed word-list frequency of the two-character words it is in."""
    freqs: dict[str, int] = defaultdict(int)
    for word, freq in lexicon().words.items():
        for ch in word:
            freqs[ch] += freq
    return dict(freqs)


@cache
def _common_by_syllable() -> dict[str, tuple[list[str], list[int]]]:
    """The common characters of each toneless syllable, with their frequencies."""
    freqs = _char_freqs()
    groups: dict[str, tuple[list[str], list[int]]] = defaultdict(lambda: ([], []))
    for ch in sorted(freqs, key=lambda c: (-freqs[c], c))[:COMMON_CHARS]:
        syllable = char_syllable(ch)
        if syllable is not None and ch not in NUMERALS:
            groups[syllable][0].append(ch)
            groups[syllable][1].append(freqs[ch])
    return dict(groups)


#: How :func:`inject_char_slips` picks among a character's sound-alikes: in proportion to how
#: common each is (as an input method ranks its candidates), or each alike.
PICKS = ("frequency", "uniform")
#: Which characters count as sound-alikes: the same toneless reading, or the same loose one
#: (z/zh, c/ch, s/sh, an/ang, en/eng, in/ing blurred, as fuzzy-pinyin input methods allow).
READINGS = ("exact", "loose")


def char_neighbours(char: str, *, reading: str = "exact") -> tuple[list[str], list[int]]:
    """Common characters that read as ``char`` does (tones aside), and their frequencies.

    With ``reading="loose"``, those of the same loose reading (:func:`~.pinyin.loose_syllable`).

    >>> "己" in char_neighbours("计")[0], "计" in char_neighbours("计")[0]
    (True, False)
    >>> "正" in char_neighbours("真")[0], "正" in char_neighbours("真", reading="loose")[0]
    (False, True)
    """
    if reading not in READINGS:
        raise ValueError(f"reading must be one of {', '.join(READINGS)}, not {reading!r}")
    syllable = char_syllable(char) or ""
    groups = _common_by_syllable()
    if reading == "loose":
        syllable, groups = loose_syllable(syllable), _common_by_loose_syllable()
    chars, freqs = groups.get(syllable, ([], []))
    pairs = [(c, f) for c, f in zip(chars, freqs, strict=True) if c != char]
    return [c for c, _ in pairs], [f for _, f in pairs]


@cache
def _common_by_loose_syllable() -> dict[str, tuple[list[str], list[int]]]:
    """:func:`_common_by_syllable`'s groups merged by loose syllable."""
    groups: dict[str, tuple[list[str], list[int]]] = defaultdict(lambda: ([], []))
    for syllable, (chars, freqs) in sorted(_common_by_syllable().items()):
        group = groups[loose_syllable(syllable)]
        group[0].extend(chars)
        group[1].extend(freqs)
    return dict(groups)


def _word_at(text: str, p: int) -> tuple[int, int] | None:
    """The longest listed word (two to four characters, no name, no numeral) covering ``text[p]``."""
    lex, usable = lexicon(), _usable()
    for size in (4, 3, 2):
        for start in range(max(0, p - size + 1), p + 1):
            word = text[start : start + size]
            if len(word) < size or any(ch in NUMERALS for ch in word):
                continue
            if (word in usable) if size == 2 else (word in lex.long_words):
                return start, start + size
    return None


def inject_char_slips(
    texts: Sequence[str],
    *,
    rate: float = 1 / 2000,
    seed: int = 0,
    pick: str = "frequency",
    reading: str = "exact",
) -> tuple[list[str], list[Slip]]:
    """A copy of ``texts`` with about ``rate`` one-character slips per character, and the slips made.

    A position is drawn uniformly; when a listed word covers it, its character there
    is replaced by a common character of the same toneless reading, picked in
    proportion to how common it is. The slip is a ``realword`` one when the word
    became another listed two-character word, a ``nonword`` one otherwise.
    Slips are at least four characters apart.

    ``pick="uniform"`` picks each sound-alike alike, and ``reading="loose"`` takes
    those of the same loose reading (:data:`PICKS`, :data:`READINGS`): other
    writers, other slips, to check that a figure does not hang on one way of
    making them.
    """
    if pick not in PICKS:
        raise ValueError(f"pick must be one of {', '.join(PICKS)}, not {pick!r}")
    rng = random.Random(seed)
    words = lexicon().words
    out: list[str] = []
    slips: list[Slip] = []
    for d, text in enumerate(texts):
        want = int(len(text) * rate + rng.random())
        pieces = list(text)
        taken: list[int] = []
        tries = 0
        while len(taken) < want and tries < 50 * want and len(text) > 2:
            tries += 1
            p = rng.randrange(len(text))
            word = _word_at(text, p)
            if word is None or any(abs(p - q) < 4 for q in taken):
                continue
            chars, freqs = char_neighbours(text[p], reading=reading)
            if not chars:
                continue
            typo = rng.choices(chars, weights=freqs if pick == "frequency" else None)[0]
            start, end = word
            new = text[start:p] + typo + text[p + 1 : end]
            if both_correct(text[start:end], new):
                continue
            kind = "realword" if new in words else "nonword"
            taken.append(p)
            pieces[p] = typo
            slips.append(Slip(d, p, p + 1, text[p], typo, kind))
        out.append("".join(pieces))
    slips.sort(key=lambda s: (s.doc, s.start))
    return out, slips
