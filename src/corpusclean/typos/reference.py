"""Reference statistics shipped with the package: what general Chinese looks like, without a corpus.

Non-word typo detection needs to know which strings are words and how common
each is, which names must be left alone, which characters look alike and which
are variants of each other. ``tools/build_typo_reference.py`` gathers these from
``jieba``'s word list, ``pycorrector``'s data files and OpenCC's character
tables into one compressed numpy file, ``corpusclean/data/typo_reference.npz``
(about 2 MB; see ``docs/typo-reference.md`` for the sources and their
licences). Nothing is fetched at run time; the file is read once per process,
and its arrays are checked against the SHA-256 digests its header declares.

>>> ref = reference()
>>> ref.freq("计划") > 0, ref.freq("己划"), ref.is_name("毛泽东")
(True, 0, True)
>>> ref.variants_of("计")
'計'
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import CorpusCleanError
from .arrays import fourgram_of
from .keyset import KeySet
from .ngrams import distinct, string_codes
from .readings import CHAR_BITS

#: The package data file (in ``corpusclean/data``) that holds the reference.
REFERENCE_FILE = "typo_reference.npz"
#: Where the build script writes it in a source checkout.
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / REFERENCE_FILE
#: Version of the file's layout; a loader refuses any other.
FORMAT = 1

#: Bits of a word's ``tags``: proper nouns (people, places, organizations, other), people's names
#: and places among them, idioms and set phrases (jieba's ``i`` and ``l``), numerals (``m``, ``mq``).
PROPER, PERSON, IDIOM, NUMERAL, PLACE = 1, 2, 4, 8, 16
#: jieba's part-of-speech tags and the bits they set.
TAG_BITS: Mapping[str, int] = {
    "nr": PROPER | PERSON,
    "nrt": PROPER | PERSON,
    "nrfg": PROPER | PERSON,
    "ns": PROPER | PLACE,
    "nt": PROPER,
    "nz": PROPER,
    "i": IDIOM,
    "l": IDIOM,
    "m": NUMERAL,
    "mq": NUMERAL,
}
#: The arrays of the file (besides ``header``), in the order their digests are listed.
ARRAYS = ("words", "freqs", "tags", "shapes", "names", "variants")


def is_han_word(word: str) -> bool:
    """True when every character of ``word`` is a CJK unified ideograph of the main or extension A block.

    >>> is_han_word("计划"), is_han_word("U盘"), is_han_word("")
    (True, False, False)
    """
    return bool(word) and all("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in word)


def encode_lines(lines: Iterable[str]) -> np.ndarray:
    """Strings as one UTF-8 byte array, a newline after each (how the file stores text).

    >>> decode_lines(encode_lines(["计划", "首都"]))
    ['计划', '首都']
    """
    return np.frombuffer("".join(f"{line}\n" for line in lines).encode("utf-8"), dtype=np.uint8)


def decode_lines(data: np.ndarray) -> list[str]:
    """The strings of :func:`encode_lines`."""
    return bytes(data).decode("utf-8").splitlines()


def digest(array: np.ndarray) -> str:
    """SHA-256 of an array's dtype, shape and bytes."""
    h = hashlib.sha256(f"{array.dtype.str}{array.shape}".encode())
    h.update(np.ascontiguousarray(array).tobytes())
    return h.hexdigest()


def header_for(arrays: Mapping[str, np.ndarray], sources: Mapping[str, str]) -> np.ndarray:
    """The ``header`` array: JSON with the format, sources, counts and every array's digest."""
    header = {
        "format": FORMAT,
        "sources": dict(sources),
        "words": len(arrays["freqs"]),
        "digests": {name: digest(arrays[name]) for name in ARRAYS},
    }
    return np.frombuffer(json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8"), np.uint8)


def gram_keys(columns: list[np.ndarray]) -> np.ndarray:
    """One integer per row of one to four code-point columns: exact up to three, hashed for four.

    The same keys as :mod:`~corpusclean.typos.ngrams` gives character n-grams
    (a bigram is ``a << 21 | b``, a four-gram a 64-bit hash), so a table of
    words and a text are keyed alike.

    >>> from corpusclean.typos.ngrams import fourgram_codes
    >>> codes = string_codes("首都北京")
    >>> int(gram_keys([codes[:1], codes[1:2]])[0]) == (ord("首") << 21) | ord("都")
    True
    >>> gram_keys([codes[i : i + 1] for i in range(4)]).tolist() == fourgram_codes(codes).tolist()
    True
    """
    if len(columns) == 4:
        return fourgram_of(*columns)
    key = columns[0]
    for column in columns[1:]:
        key = (key << CHAR_BITS) | column
    return np.asarray(key)


@dataclass(frozen=True)
class WordTable:
    """The words of one length: their keys, and each key's row in the reference."""

    keys: KeySet
    rows: np.ndarray

    def find(self, keys: np.ndarray) -> np.ndarray:
        """The reference row of each key, -1 where it is not a word."""
        at = self.keys.index(keys)
        return np.where(at >= 0, self.rows[np.maximum(at, 0)], -1)


@dataclass(frozen=True)
class Reference:
    """Words of one to four Han characters with frequencies and tags, names, shapes and variants."""

    #: Code points of each word, zero-padded to four columns.
    chars: np.ndarray
    #: Number of characters of each word.
    lengths: np.ndarray
    #: The word list's frequency of each word.
    freqs: np.ndarray
    #: Tag bits of each word (:data:`PROPER`, :data:`PERSON`, :data:`IDIOM`, :data:`NUMERAL`).
    tags: np.ndarray
    #: The words of every length, keyed by :func:`gram_keys` (keys of different lengths never meet:
    #: a character is below 2**21, a bigram of Han characters above 2**34, a trigram above 2**55,
    #: and four-grams are 64-bit hashes).
    table: WordTable
    #: Keys of the names of people and places of two to four characters.
    name_keys: KeySet
    #: Groups of similar-looking characters.
    shapes: tuple[str, ...]
    #: Sorted codes ``a << 21 | b`` (``a < b``) of pairs of variant characters.
    variant_codes: np.ndarray
    #: The parsed header (sources, counts, digests).
    header: Mapping[str, object]

    @cached_property
    def log_probs(self) -> np.ndarray:
        """Natural log of each word's share of the word list's total frequency."""
        return np.log(self.freqs.astype(np.float64) / float(self.freqs.sum())).astype(np.float32)

    @cached_property
    def floor_log_prob(self) -> float:
        """The log-probability given to a character the word list does not have (half the rarest word's)."""
        return float(math.log(0.5 / float(self.freqs.sum())))

    def word(self, row: int) -> str:
        """The word at a reference row."""
        return "".join(map(chr, self.chars[row, : self.lengths[row]].tolist()))

    def row(self, word: str) -> int:
        """The reference row of ``word``, -1 when it is not a word of one to four characters."""
        if not 1 <= len(word) <= 4:
            return -1
        return int(self.table.find(word_key(word))[0])

    def freq(self, word: str) -> int:
        """The word list's frequency of ``word`` (0 when it is not a word)."""
        row = self.row(word)
        return int(self.freqs[row]) if row >= 0 else 0

    def is_name(self, word: str) -> bool:
        """True when ``word`` is a listed name of a person or place (pycorrector's lists)."""
        return 2 <= len(word) <= 4 and int(word_key(word)[0]) in self.name_keys

    def variants_of(self, char: str) -> str:
        """The characters OpenCC treats as variants of ``char`` (simplified, traditional, regional)."""
        c = ord(char)
        lo = self.variant_codes >> CHAR_BITS
        hi = self.variant_codes & ((1 << CHAR_BITS) - 1)
        return "".join(sorted({chr(int(b)) for b in hi[lo == c]} | {chr(int(a)) for a in lo[hi == c]}))


def word_key(word: str) -> np.ndarray:
    """The key of one word of one to four characters, as a one-element array."""
    codes = string_codes(word)
    return gram_keys([codes[i : i + 1] for i in range(len(word))])


def _keys_of(words: list[str], length: int) -> np.ndarray:
    codes = string_codes("".join(words)).reshape(-1, length)
    return gram_keys([codes[:, i] for i in range(length)])


def _char_table(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The code points of newline-ended UTF-8 words, zero-padded to four columns, and their lengths.

    Done on arrays, without a Python string per word (hundreds of thousands of
    them would take tens of megabytes for a moment).
    """
    codes = string_codes(bytes(data).decode("utf-8"))
    ends = np.flatnonzero(codes == ord("\n"))
    starts = np.concatenate([[0], ends[:-1] + 1])
    lengths = (ends - starts).astype(np.uint8)
    chars = np.zeros((len(ends), 4), dtype=np.uint64)
    for i in range(4):
        inside = lengths > i
        chars[inside, i] = codes[starts[inside] + i]
    return chars, lengths


def _check(arrays: Mapping[str, np.ndarray], where: str) -> dict[str, object]:
    if "header" not in arrays:
        raise CorpusCleanError(f"{where} has no header: rebuild it with tools/build_typo_reference.py")
    header: dict[str, object] = json.loads(bytes(arrays["header"]).decode("utf-8"))
    if header.get("format") != FORMAT:
        raise CorpusCleanError(
            f"{where} has format {header.get('format')}, this version reads format {FORMAT}: "
            "rebuild it with tools/build_typo_reference.py"
        )
    digests = header.get("digests")
    assert isinstance(digests, dict)
    for name in ARRAYS:
        if name not in arrays or digest(arrays[name]) != digests.get(name):
            raise CorpusCleanError(
                f"{where}: array {name!r} does not match the digest in its header (a damaged or "
                "hand-edited file); rebuild it with tools/build_typo_reference.py"
            )
    return header


def load_reference(path: str | Path | None = None) -> Reference:
    """Read and check a reference file (default: the one shipped in the package)."""
    if path is None:
        source = resources.files("corpusclean.data").joinpath(REFERENCE_FILE)
        where = f"corpusclean/data/{REFERENCE_FILE}"
        with source.open("rb") as f, np.load(f, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    else:
        where = str(path)
        with np.load(path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    header = _check(arrays, where)
    chars, lengths = _char_table(arrays["words"])
    all_keys, all_rows = [], []
    for length in range(1, 5):
        rows = np.flatnonzero(lengths == length)
        all_keys.append(gram_keys([chars[rows, i] for i in range(length)]))
        all_rows.append(rows)
    keys = np.concatenate(all_keys)
    order = np.argsort(keys, kind="stable")
    names = decode_lines(arrays["names"])
    name_keys = KeySet.of(
        np.concatenate([_keys_of([n for n in names if len(n) == length], length) for length in range(2, 5)])
    )
    pairs = decode_lines(arrays["variants"])
    variant_codes = distinct(
        (np.array([ord(p[0]) for p in pairs], np.uint64) << CHAR_BITS)
        | np.array([ord(p[1]) for p in pairs], np.uint64)
    )
    return Reference(
        chars=chars,
        lengths=lengths,
        freqs=arrays["freqs"].astype(np.int64),
        tags=arrays["tags"],
        table=WordTable(KeySet.of(keys[order]), np.concatenate(all_rows)[order]),
        name_keys=name_keys,
        shapes=tuple(decode_lines(arrays["shapes"])),
        variant_codes=variant_codes,
        header=header,
    )


@cache
def reference() -> Reference:
    """The shipped reference, read and checked once per process."""
    return load_reference()
