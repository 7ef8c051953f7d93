"""How likely a sequence of Han characters is as Chinese, from the word list jieba ships.

Every pair of adjacent characters inside a word of ``jieba/dict.txt`` (349,000
words and set phrases) is a pair that Chinese writes; the table of those pairs
is built from the word list when first needed (about half a second; an 8 MB
bit table; nothing downloaded, nothing shipped). A document's *fluency* is the share of
its adjacent Han pairs found in the table: news and literary text score about
0.6 to 0.75, because most pairs sit inside a word or form a common phrase;
text whose characters were shuffled scores about 0.25, since a random pair is
rarely a word. Text whose *words* were shuffled keeps most pairs and scores
about as high as real text: its disorder shows in the punctuation signals
instead (see ``docs/quality.md``).

>>> round(known_pair_share(code_points("我们要坚持改革开放的基本国策")), 2)
0.69
>>> round(known_pair_share(code_points("策国本基的放开革改持坚要们我")), 2)
0.23
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import numpy as np

from ..script_chars import simplified_code_table
from ..typos.lexicon import _dict_path
from .classes import HAN, class_table, code_points

_BITS = 21


#: Bits of the pair table: 2**26 bits (8 MB) for the word list's 299,000 pairs, so a pair
#: that is not in the word list is taken for one about once in 220 lookups.
TABLE_BITS = 26
_MIX = np.uint64(0x9E3779B97F4A7C15)


def _han_pair_slots(codes: np.ndarray, both: np.ndarray) -> np.ndarray:
    """The table slot of each pair of neighbours where ``both`` holds."""
    wide = codes.astype(np.uint64)
    return _slots(((wide[:-1] << np.uint64(_BITS)) | wide[1:])[both])


def _pair_slots_at(codes: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The table slot of the pair of neighbours that starts at each of ``at``."""
    first, second = codes.take(at).astype(np.uint64), codes.take(at + 1).astype(np.uint64)
    return _slots((first << np.uint64(_BITS)) | second)


def _slots(keys: np.ndarray) -> np.ndarray:
    """The slot of each pair key: a multiplicative hash (array arithmetic wraps modulo 2**64 silently)."""
    # signed, as numpy indexes without a conversion (the slots are below 2**TABLE_BITS)
    return ((keys * _MIX) >> np.uint64(64 - TABLE_BITS)).view(np.int64)  # type: ignore[no-any-return]


def _listed_words() -> Iterator[str]:
    """The words of jieba's word list, in its order."""
    with _dict_path().open(encoding="utf-8") as f:
        for line in f:
            yield line.split(" ", 1)[0]


@cache
def known_pairs() -> np.ndarray:
    """A bit table of the Han pairs inside the word list's words (one bit per hash slot, packed)."""
    codes = code_points("\n".join(_listed_words()))
    han = class_table()[codes] == HAN
    slots = _han_pair_slots(codes, han[:-1] & han[1:])
    table = np.zeros(1 << TABLE_BITS, dtype=bool)
    table[slots] = True
    return np.packbits(table, bitorder="little")


def known_pair_share(codes: np.ndarray, han: np.ndarray | None = None) -> float:
    """The share of adjacent Han pairs in ``codes`` that occur inside a word; 0.0 without any pair.

    ``han`` is the mask of Han characters when the caller already has it.
    """
    if han is None:
        han = class_table()[codes] == HAN
    return known_pair_shares(codes, han, [len(codes)])[0]


def known_pair_shares(codes: np.ndarray, han: np.ndarray, sizes: list[int]) -> list[float]:
    """:func:`known_pair_share` of each of several texts, given one after another in ``codes``.

    ``han`` is the mask of Han characters, ``sizes`` the texts' lengths; no pair
    spans two texts.
    """
    both = han[:-1] & han[1:]
    ends = np.cumsum(sizes)
    if len(sizes) > 1:
        inner = ends[(ends > 0) & (ends < len(han))]
        both[inner - 1] = False  # a text's last character and the next one's first
    places = both.nonzero()[0]
    if not len(places):
        return [0.0] * len(sizes)
    found = _known(codes, both, places)
    if len(sizes) == 1:
        return [int(np.count_nonzero(found)) / len(found)]
    known = np.zeros(len(found) + 1, dtype=np.int64)
    np.cumsum(found.astype(bool), out=known[1:])
    firsts = places.searchsorted(ends - sizes).tolist()  # each text's first pair, if it has one
    lasts = [*firsts[1:], len(places)]
    counts = known.take(firsts + lasts).tolist()
    return [
        (k1 - k0) / (b - a) if b > a else 0.0
        for a, b, k0, k1 in zip(firsts, lasts, counts[: len(sizes)], counts[len(sizes) :], strict=True)
    ]


def _known(codes: np.ndarray, both: np.ndarray, places: np.ndarray) -> np.ndarray:
    """Whether each pair of neighbours where ``both`` holds (at ``places``) is in the table.

    The word list is Simplified; a pair with a Traditional character (國家) is
    looked up again with its characters folded to Simplified (国家), so that
    Traditional text reads as fluent as the same text in Simplified. A pair is
    known when either form is (乾坤 is a word as written, 干坤 is not). Only
    the pairs around a Traditional character are looked up again: Simplified
    text has few or none.
    """
    table = known_pairs()
    slots = _han_pair_slots(codes, both)
    found = table.take(slots >> 3) & _BIT_OF.take(slots & 7)
    folded = simplified_code_table().take(codes)
    changed = np.flatnonzero(folded != codes)
    if len(changed):
        # the pairs a changed character ends or starts, among those looked up
        around = np.sort(np.concatenate([changed - 1, changed]))
        around = around[(around >= 0) & (around < len(both)) & np.r_[True, around[1:] != around[:-1]]]
        again = places.searchsorted(around[both.take(around)])
        slots = _pair_slots_at(folded, places.take(again))
        found[again] |= table.take(slots >> 3) & _BIT_OF.take(slots & 7)
    return np.asarray(found)


#: Particles that follow what they belong to and so never open a clause, unless they start a
#: word (了解, 的确, 着手); in Simplified and Traditional script. After a clause mark, one
#: that starts no word of the word list shows words out of order: shuffled text puts one at
#: the head of about one clause in twenty, written Chinese almost never.
PARTICLES = "的了着吗呢吧么嘛嗎麼"
_PARTICLE_CODES = np.array([ord(ch) for ch in PARTICLES], dtype=np.int64)


@cache
def particle_words() -> frozenset[str]:
    """The words of the word list (two to four characters) that start with one of :data:`PARTICLES`."""
    return frozenset(w for w in _listed_words() if 1 < len(w) <= 4 and w[0] in PARTICLES)


def particle_starts(
    joined: str, codes: np.ndarray, after_clause: np.ndarray, owner: np.ndarray, ends: np.ndarray
) -> list[int]:
    """How many clauses of each text open with a particle (:data:`PARTICLES`) that starts no word.

    ``joined`` is the texts one after another, ``codes`` its code points,
    ``after_clause`` the positions that follow a clause mark, ``owner`` the
    text of each character and ``ends`` where each text ends. Few clauses open
    with a particle character, so only those are looked up, one by one, with
    their characters folded to Simplified (the word list's script).

    >>> def starts(text):
    ...     codes = code_points(text)
    ...     after = np.array([i + 1 for i, ch in enumerate(text[:-1]) if ch in "，。"])
    ...     return particle_starts(text, codes, after, np.zeros(len(text), np.int64), np.array([len(text)]))
    >>> starts("我们要坚持改革开放，了解国情，的确如此。")
    [0]
    >>> starts("坚持的，了改革开放要，的我们。")
    [2]
    """
    counts = [0] * len(ends)
    if not len(after_clause):
        return counts
    at = after_clause[
        np.isin(codes.take(after_clause), _PARTICLE_CODES)
        & (owner.take(after_clause) == owner.take(after_clause - 1))
    ]
    if not len(at):
        return counts
    words, folded = particle_words(), simplified_code_table()
    for start, text in zip(at.tolist(), owner.take(at).tolist(), strict=True):
        window = "".join(map(chr, folded.take(codes[start : min(start + 4, int(ends[text]))])))
        counts[text] += not any(window[:n] in words for n in (2, 3, 4))
    return counts


#: The bit of a byte that slot ``i`` of the table takes (``i % 8``, least significant first).
_BIT_OF = (1 << np.arange(8)).astype(np.uint8)


__all__ = [
    "PARTICLES",
    "TABLE_BITS",
    "known_pair_share",
    "known_pair_shares",
    "known_pairs",
    "particle_starts",
    "particle_words",
]
