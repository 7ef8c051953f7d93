"""The default pipeline's cleaner names, in order.

The order matters:

1. ``extract_main_text`` first: a whole web page is cut down to its main text
   (the menus and footers around an article are not text to normalize);
   fragments and plain text pass through untouched.
2. ``strip_html`` next: it rebuilds the text from the parsed markup, so nothing
   before it may have flagged spans, and every later cleaner should read text,
   not tags. Its output keeps indents and ``&nbsp;`` lines for the next steps.
3. ``normalize_spaces``: U+3000 indents, NBSP lines left by the markup,
   zero-width characters and spaces between Chinese characters go before any
   pattern looks for datelines or sentences.
4. ``normalize_width`` after it: a half-width comma widens only between CJK
   characters, which is easier to see once stray spaces are gone, and full-width
   digits (``１２月３１日电``) are ASCII before the header patterns run.
5. ``normalize_lines`` after both: removing spaces and NBSP-only lines leaves
   blank lines that fold into one paragraph break here.
6. Headers go before repeated sentences (a photo caption often repeats the first
   body sentence, and the caption is what should go), and flags come after
   every cleaner that edits, so no later edit has to move them. ``flag_typos``
   learns its n-gram statistics from the text as those cleaners leave it, so
   datelines and credits do not count as the corpus's usage.
7. ``mask_pii`` after every cleaner that edits the text and before the flaggers:
   full-width digits are ASCII by then (``normalize_width``), the offsets it
   records in ``metadata["pii"]`` hold in the output, it masks what earlier
   cleaners put in ``removed`` (a header line with a phone number), and no flag
   is raised on a value that is about to go. It is in the default pipeline
   because a number counts only when its check digits or a cue word say what it
   is: over the whole People's Daily of January 1998 it changes one landline
   number with its area code and nothing else.
8. ``detect_script`` and ``mark_duplicates`` last: they only write metadata
   about the final text, so they never move a flag. Duplicates are marked on
   the text every other cleaner has finished with (a copy under another header
   is only recognised once the header is gone). ``detect_script`` is in the
   default pipeline because it is cheap and never touches the text, and a
   corpus that mixes Simplified and Traditional documents is something to
   know before choosing ``convert_script``, which is not in the default
   pipeline (conversion changes names and wording).
9. ``score_quality`` and ``filter_quality`` are not in the default pipeline:
   the signals are read at 6 to 7 MB a CPU second (docs/benchmarks.md), which
   the default pipeline cannot afford on every document, and dropping a
   document is the corpus builder's decision. A recipe adds ``score_quality`` (metadata only) or
   ``filter_quality`` (which computes what it needs, or reuses the signals of a
   ``score_quality`` before it); the default thresholds drop 1 to 2% of the
   People's Daily, mostly its stock and price tables (docs/quality.md).
"""

from __future__ import annotations

DEFAULT_PIPELINE: tuple[str, ...] = (
    "extract_main_text",
    "strip_html",
    "normalize_spaces",
    "normalize_width",
    "normalize_lines",
    "remove_headers",
    "remove_repeats",
    "mask_pii",
    "flag_redactions",
    "flag_punctuation",
    "flag_typos",
    "detect_script",
    "mark_duplicates",
)
