"""The word list: which strings are words, and how common each is.

The detector only suggests real words, and leaves alone a span that sits inside
a longer known word (an idiom, a set phrase); the slip injector picks common
words and the input-method candidates a typist could have chosen instead. Both
read the word list with frequencies that ships in the ``jieba`` package
(``jieba/dict.txt``, one ``word frequency tag`` a line), read directly so that
jieba's segmenter is never loaded.

>>> lex = lexicon()
>>> "初心" in lex.words, "的初" in lex.words, "再接再厉" in lex.long_words
(True, False, True)
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from ..errors import CorpusCleanError
from .ngrams import CHAR_BITS, string_codes

#: The word list's tags of proper nouns: people (nr, nrt, nrfg), places (ns), organizations (nt), other (nz).
PROPER_NOUN_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})


@dataclass(frozen=True)
class Lexicon:
    """Two-character words with their frequencies, and the longer words as a set."""

    #: Two-character words made of Han characters, with the list's frequency.
    words: dict[str, int]
    #: Words of three or four characters (idioms, set phrases).
    long_words: frozenset[str]
    #: Two-character words tagged as names of people, places, organizations or other proper nouns.
    proper: frozenset[str]
    #: ``words`` as sorted bigram codes (see :mod:`corpusclean.typos.ngrams`).
    codes: np.ndarray
    #: The share of the word list's total frequency that each of ``codes`` has.
    shares: np.ndarray
    #: ``proper`` as sorted bigram codes: never flagged, never suggested.
    proper_codes: np.ndarray


def _dict_path() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise CorpusCleanError(
            "typo flagging reads the word list of the package 'jieba', which is not installed; "
            "install it with: pip install jieba"
        )
    return Path(spec.origin).parent / "dict.txt"


def _is_han(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in word)


@cache
def lexicon() -> Lexicon:
    """The word list, read once per process (about a third of a second)."""
    words: dict[str, int] = {}
    proper: list[str] = []
    long_words: set[str] = set()
    with _dict_path().open(encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split()
            if len(word) == 2:
                if _is_han(word):
                    words[word] = int(freq)
                    if tag in PROPER_NOUN_TAGS:
                        proper.append(word)
            elif 3 <= len(word) <= 4:
                long_words.add(word)
    codes = _codes(words)
    order = np.argsort(codes)
    freqs = np.fromiter(words.values(), dtype=np.float64, count=len(words))[order]
    total = float(sum(words.values()))
    return Lexicon(
        words, frozenset(long_words), frozenset(proper), codes[order], freqs / total, np.sort(_codes(proper))
    )


def _codes(words: Iterable[str]) -> np.ndarray:
    pairs = string_codes("".join(words)).reshape(-1, 2)
    return np.asarray((pairs[:, 0] << CHAR_BITS) | pairs[:, 1])
