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
CJK_PUNCT = (
    r"\u3000-\u303f"  # CJK symbols and punctuation: 、。〈〉《》「」『』【】〔〕
    r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"  # full-width punctuation: ！（），．：；？
    r"\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"  # ‘’“”—…·
)

# -- lines and paragraphs (normalize_lines) -------------------------------------
#: Leading or trailing white space of the document, or a run of line breaks with
#: the horizontal white space before them (trailing spaces, blank lines).
LINE_BREAK_RUN_RE = regex.compile(r"\A\s+|\s+\Z|(?:[^\S\r\n]*(?:\r\n?|\n))+")

# -- spaces and width (normalize_spaces, normalize_width) ------------------------

# -- markup (strip_html) ------------------------------------------------------------

# -- headers and footers (remove_headers) ------------------------------------------

# -- sentences (remove_repeats) --------------------------------------------------------

# -- flags (flag_redactions, flag_punctuation) -------------------------------------------
