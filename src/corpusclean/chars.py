"""Character tables built from :mod:`unicodedata`, so no range is pasted by hand.

Each table is a small named function returning a string of characters (ready to
go into a regular-expression class with :func:`char_class`) or a translation
table. They run once, when :mod:`corpusclean.patterns` is imported.

>>> "\\u3000" in unicode_spaces() and "\\t" in unicode_spaces()
True
>>> fullwidth_alnum_table()[ord("１")]
'1'
"""

from __future__ import annotations

import unicodedata
from array import array
from functools import cache

import regex


@cache
def _bmp() -> str:
    """Every code point of the Basic Multilingual Plane, in order, as one string (built in C).

    Every character these tables look for lies in it; reading it whole, with
    one C call per character at most, keeps import time in milliseconds.
    """
    return array("I", range(0x10000)).tobytes().decode("utf-32-le", "surrogatepass")


@cache
def _by_category() -> dict[str, str]:
    """The characters of the Basic Multilingual Plane by general category (``Zs``, ``Cc``, …)."""
    found: dict[str, list[str]] = {}
    for c, category in zip(_bmp(), map(unicodedata.category, _bmp()), strict=True):
        found.setdefault(category, []).append(c)
    return {category: "".join(chars) for category, chars in found.items()}


def _category(category: str) -> str:
    """The characters of the Basic Multilingual Plane in one general category."""
    return _by_category().get(category, "")


@cache
def unicode_spaces() -> str:
    """The horizontal spaces: every space separator (category Zs) and the tab.

    That is the ASCII space, NBSP, the ideographic space U+3000, the
    typographic spaces U+2000–U+200A and their kin; line breaks are not here.
    """
    return "\t" + _category("Zs")


@cache
def white_space() -> str:
    """Every character :meth:`str.isspace` calls white space, which :meth:`str.split` splits on.

    The spaces, tab, line breaks and line separators, and the information
    separators U+001C–U+001F.
    """
    return "".join(filter(str.isspace, _bmp()))


@cache
def zero_width_chars() -> str:
    """Invisible format characters that carry no text: ``ZERO WIDTH *`` and the word joiner.

    U+200B–U+200D, U+2060 and U+FEFF (the byte-order mark, named ZERO WIDTH
    NO-BREAK SPACE).
    """
    return "".join(
        c
        for c in _category("Cf")
        if unicodedata.name(c, "").startswith("ZERO WIDTH") or unicodedata.name(c, "") == "WORD JOINER"
    )


@cache
def line_separators() -> str:
    """Characters other than ``\\r`` and ``\\n`` that end a line (:meth:`str.splitlines` splits on them)."""
    # each line but the last of the plane split into lines ends in one of them (no \r\n is in it)
    lines = _bmp().splitlines(keepends=True)
    return "".join(line[-1] for line in lines[:-1] if line[-1] not in "\r\n")


@cache
def stray_controls() -> str:
    """Control characters (category Cc) that are not tab, line breaks or line separators."""
    keep = "\t\r\n" + line_separators()
    return "".join(c for c in _category("Cc") if c not in keep)


@cache
def fullwidth_alnum_table() -> dict[int, str]:
    """A :meth:`str.translate` table from full-width digits and Latin letters to ASCII.

    Only ``FULLWIDTH DIGIT *`` and ``FULLWIDTH LATIN * LETTER *``: full-width
    punctuation (``，。％（）``) is left alone on purpose.
    """
    table: dict[int, str] = {}
    for c in _category("Nd") + _category("Lu") + _category("Ll"):  # digits and letters
        if unicodedata.name(c, "").startswith(("FULLWIDTH DIGIT", "FULLWIDTH LATIN")):
            table[ord(c)] = unicodedata.normalize("NFKC", c)
    return table


@cache
def halfwidth_to_fullwidth_table(chars: str) -> dict[int, str]:
    """A :meth:`str.translate` table from each ASCII character in ``chars`` to its full-width form.

    >>> "a,b".translate(halfwidth_to_fullwidth_table(","))
    'a，b'
    """
    return {ord(c): chr(ord(c) - 0x21 + 0xFF01) for c in chars if "!" <= c <= "~"}


@cache
def han_ranges() -> str:
    """Every character the :mod:`regex` module's ``\\p{Han}`` matches, as character-class ranges.

    The standard :mod:`re` module has no script classes; with these ranges it
    runs a pattern written for ``\\p{Han}`` and matches the same text. Han
    characters lie in the first four planes, so only those are read (a few
    milliseconds, once).

    >>> import re
    >>> han = re.compile(f"[{han_ranges()}]+")
    >>> han.fullmatch("汉字漢〇々\U00020000") is not None, han.match("a。") is None
    (True, True)
    """
    # every code point of planes 0 to 3 as one string, built in C (chr() one by one takes longer)
    planes = array("I", range(0x40000)).tobytes().decode("utf-32-le", "surrogatepass")
    return "".join(
        f"{char_class(chr(m.start()))}-{char_class(chr(m.end() - 1))}"
        for m in regex.finditer(r"\p{Han}+", planes)
    )


def char_class(chars: str) -> str:
    """A regular-expression character class body matching exactly ``chars``.

    >>> print(char_class("a-]"))
    \\u0061\\u002d\\u005d
    """
    return "".join(f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}" for c in chars)
