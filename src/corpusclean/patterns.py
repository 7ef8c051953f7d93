"""Compiled regular expressions, one place for all of them (``*_RE`` names).

Patterns are compiled once at import. Character classes are built from named
pieces so that a reader can see what each range is.
"""

from __future__ import annotations

import re

import regex

from .chars import (
    char_class,
    fullwidth_alnum_table,
    line_separators,
    stray_controls,
    unicode_spaces,
    zero_width_chars,
)

# -- character classes -----------------------------------------------------------
#: Han ideographs (all CJK Unified Ideographs blocks and the compatibility block).
HAN = r"\p{Han}"
#: CJK punctuation and full-width forms that sit between Chinese characters.
CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"

# -- lines and paragraphs (normalize_lines) -------------------------------------
#: Leading or trailing white space of the document, or a run of line breaks with
#: the horizontal white space before them (trailing spaces, blank lines).
LINE_BREAK_RUN_RE = regex.compile(r"\A\s+|\s+\Z|(?:[^\S\r\n]*(?:\r\n?|\n))+")

# -- spaces and width (normalize_spaces, normalize_width) ------------------------
#: Horizontal spaces: ASCII space, tab, NBSP, U+3000 and every other space separator.
SPACES = char_class(unicode_spaces())
#: The same without the plain ASCII space (a run containing one always needs work).
ODD_SPACES = char_class(unicode_spaces().replace(" ", ""))
#: Zero-width characters and stray control characters: nothing a reader sees.
INVISIBLE = char_class(zero_width_chars() + stray_controls())
#: CJK characters that never take a space between them: Han, kana, CJK punctuation.
#: Hangul is not here on purpose: Korean separates words with spaces.
CJK = HAN + r"\p{Hiragana}\p{Katakana}" + CJK_PUNCT

#: A run of spaces and invisible characters that may need work: one that holds an
#: unusual space or an invisible character, two or more ASCII spaces, a space at
#: the edge of a line, or a space next to a CJK character. A single ASCII space
#: between Latin words does not match, so English text costs almost nothing.
#: Characters other than ``\r`` and ``\n`` that end a line (vertical tab, form feed, U+2028...).
LINE_SEPARATORS = char_class(line_separators())
LINE_SEPARATOR_RE = regex.compile(f"[{LINE_SEPARATORS}]")
SPACE_GAP_RE = regex.compile(
    rf"[{SPACES}{INVISIBLE}]*[{ODD_SPACES}{INVISIBLE}][{SPACES}{INVISIBLE}]*"
    rf"| {{2,}}| (?<=(?:^|[\r\n{LINE_SEPARATORS}]) )| (?=[\r\n{LINE_SEPARATORS}]|$)"
    rf"| (?<=[{CJK}] )| (?=[{CJK}])"  # each branch starts with a character, so scanning is fast
)
#: Any character :data:`SPACE_GAP_RE` could start with: a text without one skips the scan.
#: The standard :mod:`re` module finds one in a character class faster than :mod:`regex`.
SPACE_WORK_RE = re.compile(f"[{SPACES}{INVISIBLE}{LINE_SEPARATORS}]")
#: One CJK character (tested on the neighbours of a space or a mark).
CJK_CHAR_RE = regex.compile(f"[{CJK}]")
#: ZWJ and ZWNJ join or part letters in emoji sequences and some scripts.
JOINER_CHARS = "\u200c\u200d"

#: A run of full-width digits and Latin letters (``１９９８``, ``ＣＰＵ``); a
#: full-width point between full-width digits (``１．５``) belongs to the run.
#: (Only character classes, so the faster standard :mod:`re` runs it.)
FULLWIDTH_ALNUM_RE = re.compile(
    rf"[{char_class(''.join(map(chr, fullwidth_alnum_table())))}]+(?:．(?=[０-９])[０-９]+)*"
)
#: A half-width ``,;:?!`` followed by optional spaces and a CJK character; the
#: cleaner also checks that a CJK character comes before it.
#: Any half-width mark that :data:`HALFWIDTH_PUNCT_RE` or :data:`HALFWIDTH_PARENS_RE` starts with.
HALFWIDTH_MARK_RE = re.compile(r"[,;:?!(]")
HALFWIDTH_PUNCT_RE = regex.compile(rf"[,;:?!][{SPACES}]*(?=[{CJK}])")
#: A pair of half-width parentheses on one line with CJK text at both inner edges.
HALFWIDTH_PARENS_RE = regex.compile(rf"\((?=[{CJK}])[^()\n]*(?<=[{CJK}])\)")

# -- markup (strip_html) ------------------------------------------------------------
#: Something that looks like a tag, a comment or a doctype: ``<p>``, ``</div>``,
#: ``<br/>``, ``<!-- -->``. ``a<b`` and ``x < y`` do not match.
HTML_TAG_RE = regex.compile(
    r"<(?:[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>"  # an opening or empty tag
    r"|/[A-Za-z][\w:-]*\s*>"  # a closing tag
    r"|!--|!(?i:doctype))"  # a comment or a doctype
)
#: A character reference: ``&nbsp;``, ``&#12288;``, ``&#x3000;``.
HTML_ENTITY_RE = regex.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")

# -- headers and footers (remove_headers) ------------------------------------------

# -- sentences (remove_repeats) --------------------------------------------------------

# -- flags (flag_redactions, flag_punctuation) -------------------------------------------
