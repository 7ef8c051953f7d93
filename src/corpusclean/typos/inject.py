"""Realistic input-method slips, injected at a chosen rate, to measure a detector.

A slip replaces a common two-character word by another word the input method
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

Limits: words are found by matching the word list, not by segmenting, so a slip
can now and then straddle two words; only two-character words are replaced.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .guards import NUMERALS, both_correct
from .lexicon import lexicon
from .pinyin import fuzzy_steps, loose_key


@dataclass(frozen=True)
class Slip:
    """One injected slip: ``texts[doc][start:end]`` is ``typo`` where the text had ``original``."""

    doc: int
    start: int
    end: int
    original: str
    typo: str


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
