"""The default pipeline's cleaner names, in order.

The order matters: markup goes before anything reads the text, spacing and
width are normalized before the header patterns look for datelines, headers go
before repeated sentences (a photo caption often repeats the first body
sentence, and the caption is what should go), and flags come last so that no
later edit has to move them.
"""

from __future__ import annotations

DEFAULT_PIPELINE: tuple[str, ...] = ("normalize_lines", "flag_typos")
