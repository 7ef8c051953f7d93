"""The default pipeline's cleaner names, in order.

The order matters: a whole web page is cut down to its main text first (the
menus and footers around an article are not text to normalize), markup goes
before anything else reads the text, spacing and
width are normalized before the header patterns look for datelines, headers go
before repeated sentences (a photo caption often repeats the first body
sentence, and the caption is what should go), and flags come last so that no
later edit has to move them.
"""

from __future__ import annotations

DEFAULT_PIPELINE: tuple[str, ...] = (
    "extract_main_text",
    "normalize_lines",
    "remove_headers",
    "remove_repeats",
    "flag_redactions",
    "flag_punctuation",
)
