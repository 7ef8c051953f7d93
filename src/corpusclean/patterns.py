"""Compiled regular expressions, one place for all of them (``*_RE`` names).

Patterns are compiled once at import. Character classes are built from named
pieces so that a reader can see what each range is.
"""

from __future__ import annotations

import regex

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

# -- markup (strip_html) ------------------------------------------------------------

# -- headers and footers (remove_headers) ------------------------------------------

# -- sentences (remove_repeats) --------------------------------------------------------

# -- flags (flag_redactions, flag_punctuation) -------------------------------------------

# -- duplicates (mark_duplicates, remove_common_paragraphs) ------------------------------
#: A run of characters NFKC changes whatever their neighbours, punctuation and
#: spaces left out (folded by the patterns below): full-width letters and digits,
#: circled numbers, compatibility ideographs. NFKC on these runs alone gives NFKC's
#: result at a seventh of its cost on Chinese text.
DEDUP_COMPAT_RUN_RE = regex.compile(r"[[\p{NFKC_QC=N}]--[\p{P}\s]]+", flags=regex.V1)
#: A combining mark or a character that may compose with the one before it: where
#: one occurs, NFKC has to see the whole text.
DEDUP_COMBINING_RE = regex.compile(r"[\p{M}\p{NFKC_QC=M}]")
#: White space and invisible format characters (zero-width spaces, BOM): dropped
#: from the comparison form, so spacing never decides whether texts are the same.
DEDUP_SPACE_RE = regex.compile(r"[\s\p{Cf}]+")
#: A run of punctuation: one mark in the comparison form, so ``。”`` equals ``”。``.
DEDUP_PUNCT_RUN_RE = regex.compile(r"\p{P}+")
#: A paragraph: a line with something on it (common paragraphs are counted per line).
PARAGRAPH_RE = regex.compile(r"[^\n]*\S[^\n]*")
