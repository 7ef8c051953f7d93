"""Toneless pinyin readings, derived from ``pypinyin`` and shipped with the package.

Typo flagging needs the reading of every character it looks at, and the
word-level reading of the words whose characters read otherwise on their own
(行 reads *xing*, but 银行 is *yin hang*). Both come from the dictionaries of
``pypinyin``; importing that package costs every process about 57 MB and a
fraction of a second, while the readings themselves fit in about 150 KB. So
:func:`readings_from_pypinyin` derives them once, ``python -m
corpusclean.typos.readings`` writes them to the package's data file, and a
test checks that the file agrees with the installed ``pypinyin``.

>>> readings = shipped_readings()
>>> readings.char_syllable("行"), readings.word_syllables("银行"), readings.word_syllables("出行")
('xing', ('yin', 'hang'), ('chu', 'xing'))
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import CorpusCleanError

#: The package data file (in ``corpusclean/data``) that holds the readings.
READINGS_FILE = "pinyin_readings.txt"
#: Size of the code-point lookup tables: every Unicode code point.
CODE_POINTS = 0x110000
#: Bits of one code point in an n-gram key (every code point is below ``2**21``): a bigram is ``a << 21 | b``.
CHAR_BITS = 21
_CHARS, _WORDS = "[characters]", "[words]"


@dataclass(frozen=True)
class Readings:
    """Each character's most common toneless reading, and the words that read otherwise."""

    #: Toneless syllables, by id; id 0 is none.
    syllables: tuple[str, ...]
    #: The syllable id of each code point's most common reading (0: no reading), by code point.
    char_ids: np.ndarray
    #: Words whose phrase-dictionary reading is not their characters' most common readings.
    words: dict[str, tuple[str, ...]]

    def char_syllable(self, char: str) -> str | None:
        """The most common toneless reading of a character, or ``None``."""
        sid = int(self.char_ids[ord(char)])
        return self.syllables[sid] if sid else None

    def word_syllables(self, word: str) -> tuple[str, ...] | None:
        """The toneless readings of ``word``, word-level where the phrase dictionary has it."""
        found = self.words.get(word)
        if found is not None:
            return found
        syllables = tuple(self.char_syllable(ch) for ch in word)
        return None if None in syllables else syllables  # type: ignore[return-value]


def readings_from_pypinyin() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Every character's most common toneless reading, and the words that read otherwise.

    A word is kept when the phrase dictionary reads it (first reading of each
    syllable, tones dropped) differently from its characters' most common
    readings, or when one of its characters has no reading of its own; the
    words that read as their characters need no entry.
    """
    try:
        from pypinyin.contrib.tone_convert import to_normal
        from pypinyin.phrases_dict import phrases_dict
        from pypinyin.pinyin_dict import pinyin_dict
    except ImportError as exc:
        raise CorpusCleanError(
            "deriving the pinyin readings needs the package 'pypinyin' (flagging typos does not: "
            "the readings ship with corpusclean); install it with: pip install pypinyin"
        ) from exc

    chars = {chr(point): str(to_normal(readings.split(",")[0])) for point, readings in pinyin_dict.items()}
    words: dict[str, tuple[str, ...]] = {}
    for word, phrase in phrases_dict.items():
        if len(phrase) != len(word):
            continue
        syllables = tuple(str(to_normal(options[0])) for options in phrase)
        if syllables != tuple(chars.get(ch) for ch in word):
            words[word] = syllables
    return chars, words


def format_readings(chars: dict[str, str], words: dict[str, tuple[str, ...]], source: str) -> str:
    """The data file's text: characters grouped by reading, then the words, one a line."""
    by_syllable: dict[str, list[str]] = {}
    for char in sorted(chars):
        by_syllable.setdefault(chars[char], []).append(char)
    lines = [f"# Toneless pinyin readings derived from {source} by corpusclean.typos.readings", _CHARS]
    lines += [f"{syllable}\t{''.join(members)}" for syllable, members in sorted(by_syllable.items())]
    lines.append(_WORDS)
    lines += [f"{word}\t{' '.join(syllables)}" for word, syllables in sorted(words.items())]
    return "\n".join(lines) + "\n"


def parse_readings(text: str) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """The characters and words of a data file's text (the inverse of :func:`format_readings`)."""
    chars: dict[str, str] = {}
    words: dict[str, tuple[str, ...]] = {}
    section = ""
    for line in text.splitlines():
        if line.startswith("#") or not line:
            continue
        if line in (_CHARS, _WORDS):
            section = line
            continue
        key, value = line.split("\t")
        if section == _CHARS:
            chars.update(dict.fromkeys(value, key))
        else:
            words[key] = tuple(value.split(" "))
    return chars, words


@cache
def shipped_readings() -> Readings:
    """The readings of the package's data file, read once per process (a few milliseconds)."""
    chars, words = parse_readings(
        resources.files("corpusclean.data").joinpath(READINGS_FILE).read_text(encoding="utf-8")
    )
    syllables = ("", *sorted(set(chars.values())))
    ids = {s: i for i, s in enumerate(syllables)}
    char_ids = np.zeros(CODE_POINTS, dtype=np.uint16)
    char_ids[np.fromiter(map(ord, chars), dtype=np.int64, count=len(chars))] = [
        ids[s] for s in chars.values()
    ]
    return Readings(syllables, char_ids, words)


def write_readings(path: Path | None = None) -> Path:
    """Write :func:`readings_from_pypinyin` to ``path`` (default: the package's data file)."""
    chars, words = readings_from_pypinyin()
    import pypinyin

    target = path or Path(str(resources.files("corpusclean.data").joinpath(READINGS_FILE)))
    target.write_text(format_readings(chars, words, f"pypinyin {pypinyin.__version__}"), "utf-8")
    return target


if __name__ == "__main__":
    write_readings()
