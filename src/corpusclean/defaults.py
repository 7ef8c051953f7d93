"""The default pipeline's cleaner names, in order.

The order matters: markup goes before anything reads the text, spacing and
width are normalized before the header patterns look for datelines, headers go
before repeated sentences (a photo caption often repeats the first body
sentence, and the caption is what should go), flags come after the edits so
that no later edit has to move them, and duplicates are marked last, on the
text every other cleaner has finished with (a copy under another header is
only recognised once the header is gone). Marking changes no text, only
metadata, so it never moves a flag.
"""

from __future__ import annotations

DEFAULT_PIPELINE: tuple[str, ...] = ("normalize_lines", "mark_duplicates")
