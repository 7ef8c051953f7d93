"""The word list: which strings are words, and how common each is.

The detector only suggests real words, and leaves alone a span that sits inside
a longer known word (an idiom, a set phrase); the slip injector picks common
words and the input-method candidates a typist could have chosen instead. Both
read the word list with frequencies that ships in the ``jieba`` package
(``jieba/dict.txt``, one ``word frequency tag`` a line), through the shipped
reference (:mod:`~corpusclean.typos.reference`), which holds its words of one
to four Han characters with their frequencies and tags: the arrays are sliced,
not the 349,000 lines parsed again, and jieba's segmenter is never loaded.

>>> lex = lexicon()
>>> "初心" in lex.words, "的初" in lex.words, "再接再厉" in lex.long_words
(True, False, True)
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np

from ..errors import CorpusCleanError
from .arrays import CHAR_MASK
from .ngrams import distinct, member
from .readings import CHAR_BITS
from .reference import PROPER, Reference, gram_keys, reference, word_key


@dataclass(frozen=True)
class LongWords:
    """Words of three or four characters (idioms, set phrases) as sorted codes.

    About 2 MB, where a set of the same 216,000 strings takes about 25 MB in
    every process. Three characters make an exact code; four are hashed into
    64 bits (see :func:`~corpusclean.typos.ngrams.fourgram_codes`), so a
    four-character string that is not a word is taken for one about once in
    10^14 lookups.

    >>> words = LongWords.from_reference(reference())
    >>> "一丝不苟" in words, "总书记" in words, "总书" in words, "一丝不狗" in words
    (True, True, False, False)
    """

    threes: np.ndarray
    fours: np.ndarray

    @classmethod
    def from_reference(cls, ref: Reference) -> LongWords:
        """The reference's words of three or four characters, keyed as :func:`.word_key` keys a word."""
        threes, fours = (ref.chars[ref.lengths == n] for n in (3, 4))
        return cls(
            distinct(gram_keys([threes[:, i] for i in range(3)])),
            distinct(gram_keys([fours[:, i] for i in range(4)])),
        )

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or len(word) not in (3, 4):
            return False
        return bool(member(self.threes if len(word) == 3 else self.fours, word_key(word))[0])

    def __len__(self) -> int:
        return len(self.threes) + len(self.fours)


@dataclass(frozen=True)
class Lexicon:
    """Two-character words with their frequencies as sorted codes, and the longer words."""

    #: Two-character words made of Han characters, as sorted bigram codes (:mod:`~corpusclean.typos.ngrams`).
    codes: np.ndarray
    #: The word list's frequency of each of ``codes``.
    freqs: np.ndarray
    #: The share of the word list's total frequency that each of ``codes`` has.
    shares: np.ndarray
    #: The two-character words tagged as names of people, places, organizations or other
    #: proper nouns, as sorted bigram codes: never flagged, never suggested.
    proper_codes: np.ndarray
    #: Words of three or four characters (idioms, set phrases).
    long_words: LongWords

    @cached_property
    def words(self) -> dict[str, int]:
        """The two-character words with their frequencies, as strings (for the slip injector)."""
        return dict(zip(_decode(self.codes), self.freqs.tolist(), strict=True))

    @cached_property
    def proper(self) -> frozenset[str]:
        """The proper nouns among the two-character words, as strings."""
        return frozenset(_decode(self.proper_codes))


def _dict_path() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise CorpusCleanError(
            "typo flagging reads the word list of the package 'jieba', which is not installed; "
            "install it with: pip install jieba"
        )
    return Path(spec.origin).parent / "dict.txt"


@cache
def lexicon() -> Lexicon:
    """The word list, taken once per process from the shipped reference (a few hundredths of a second)."""
    ref = reference()
    two = np.flatnonzero(ref.lengths == 2)
    codes = gram_keys([ref.chars[two, 0], ref.chars[two, 1]])
    order = np.argsort(codes)
    freqs = ref.freqs[two][order]
    proper = distinct(codes[(ref.tags[two] & PROPER) != 0])
    return Lexicon(codes[order], freqs, freqs / float(freqs.sum()), proper, LongWords.from_reference(ref))


def listed_freq(word: str) -> int:
    """The word list's frequency of a two-character word (0 when it is not one).

    >>> listed_freq("责任") > 1000, listed_freq("的初"), listed_freq("初")
    (True, 0, 0)
    """
    if len(word) != 2:
        return 0
    lex = lexicon()
    code = np.array([(ord(word[0]) << CHAR_BITS) | ord(word[1])], dtype=np.uint64)
    at = min(int(np.searchsorted(lex.codes, code)[0]), len(lex.codes) - 1)
    return int(lex.freqs[at]) if lex.codes[at] == code[0] else 0


def is_listed_word(word: str) -> bool:
    """Whether a two-character string of Han characters is a word of the word list.

    >>> is_listed_word("初心"), is_listed_word("的初"), is_listed_word("初")
    (True, False, False)
    """
    return listed_freq(word) > 0


def _decode(codes: np.ndarray) -> list[str]:
    return [chr(code >> CHAR_BITS) + chr(code & CHAR_MASK) for code in codes.tolist()]
