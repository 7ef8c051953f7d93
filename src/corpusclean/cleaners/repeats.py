"""Repeated sentences inside one document: the first stays, later copies go.

Scraped and converted text repeats itself: a photo caption repeated as the
first body sentence, a paragraph pasted twice, a summary box repeating the
lead. A later copy of a sentence already seen in the same document adds
nothing and is removed with its reason. Short sentences (``是。``, ``好！``,
a slogan) repeat for good reasons and are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..cleaner import Cleaner
from ..edits import Edit, edit_text
from ..layout import content_lines, drop_lines
from ..patterns import INLINE_SPACE_RE, SENTENCE_RE

#: Sentences shorter than this (not counting spaces) are never treated as repeats.
MIN_SENTENCE_CHARS = 12
REASON = "repeats an earlier sentence"


def sentence_key(sentence: str) -> str:
    """What two sentences must share to be the same sentence: their text without any spaces.

    >>> sentence_key("会议 在北京召开。") == sentence_key("会议在北京\u3000召开。")
    True
    """
    return "".join(sentence.split())


def has_repeats(sentences: list[str], *, min_chars: int = MIN_SENTENCE_CHARS, spaced: bool = True) -> bool:
    """Whether a sentence of at least ``min_chars`` repeats in ``sentences``.

    With ``spaced=False`` the caller knows no sentence holds white space, and the
    sentences are their own keys.

    >>> has_repeats(["会议在北京召开，习近平出席。", "会议在北京 召开，习近平出席。"])
    True
    >>> has_repeats(["他强调。", "他强调。"])
    False
    """
    keys = [sentence_key(s) for s in sentences] if spaced else sentences
    if len(set(keys)) == len(keys):  # most documents: no sentence at all repeats (a set, in C)
        return False
    long = [k for k in keys if len(k) >= min_chars]
    return len(set(long)) < len(long)


def repeat_edits(text: str, *, min_chars: int = MIN_SENTENCE_CHARS) -> Iterator[Edit]:
    """The edits that remove every sentence of ``text`` that repeats an earlier one.

    Sentences end at ``。！？`` or an ellipsis, with the closing quotes after it,
    and never cross a line. A line that only repeats goes with its line break.
    """
    spaced = INLINE_SPACE_RE.search(text) is not None  # without spaces a sentence is its own key
    if not has_repeats(SENTENCE_RE.findall(text), min_chars=min_chars, spaced=spaced):
        return  # most documents: their sentences as strings, no match objects and no spans
    seen: set[str] = set()
    repeats: list[tuple[int, int]] = []
    for m in SENTENCE_RE.finditer(text):
        key = sentence_key(m.group()) if spaced else m.group()
        if len(key) < min_chars:
            continue
        if key in seen:
            repeats.append(m.span())
        else:
            seen.add(key)
    if not repeats:
        return
    lines = content_lines(text)
    whole: dict[int, str | None] = {}
    k = 0
    for n, line in enumerate(lines):
        in_line = []
        while k < len(repeats) and repeats[k][0] < line.hi:
            in_line.append(repeats[k])
            k += 1
        if not in_line:
            continue
        gaps = zip([line.lo] + [e for _, e in in_line], [s for s, _ in in_line] + [line.hi], strict=True)
        if not any(text[a:b].strip() for a, b in gaps):  # nothing but repeats on this line
            whole[n] = REASON
        else:
            yield from _sentence_edits(text, in_line)
    yield from drop_lines(text, lines, whole)


def _sentence_edits(text: str, spans: list[tuple[int, int]]) -> Iterator[Edit]:
    starts = {start for start, _ in spans}
    prev_end, prev_at_line_start = -1, False
    for start, end in spans:
        # removed sentences from the start of a line on leave the line's start open
        at_line_start = start == 0 or text[start - 1] == "\n" or (prev_at_line_start and start == prev_end)
        prev_end, prev_at_line_start = end, at_line_start
        core = text[start:end].strip()
        lead = text.index(core, start) if core else start
        if lead > start:
            yield Edit(start, lead)
        yield Edit(lead, lead + len(core), reason=REASON)
        if lead + len(core) < end:
            yield Edit(lead + len(core), end)
        if at_line_start and end not in starts:
            # the sentence after a removed first sentence would start its line with a space
            after = end
            while after < len(text) and text[after] != "\n" and text[after].isspace():
                after += 1
            if after > end:
                yield Edit(end, after)


def remove_repeated_sentences(text: str, *, min_chars: int = MIN_SENTENCE_CHARS) -> str:
    """Remove each sentence that repeats an earlier one in ``text``; the first copy stays.

    >>> remove_repeated_sentences("会议在北京召开，习近平出席。会议在北京召开，习近平出席。他强调。他强调。")
    '会议在北京召开，习近平出席。他强调。他强调。'
    """
    return edit_text(text, repeat_edits(text, min_chars=min_chars))


class RemoveRepeats(Cleaner):
    """Remove sentences that repeat an earlier sentence of the same document; keep the first.

    Before: ``"会议在北京召开，习近平出席。会议在北京召开，习近平出席。"``;
    after: ``"会议在北京召开，习近平出席。"``.
    """

    name = "remove_repeats"

    def __init__(self, *, min_chars: int = MIN_SENTENCE_CHARS) -> None:
        # Twelve characters: long enough that parallel short clauses (是。好！同志们！)
        # are never taken for copies, short enough for a one-clause caption sentence.
        self.min_chars = min_chars

    def find_edits(self, text: str) -> Iterator[Edit]:
        return repeat_edits(text, min_chars=self.min_chars)
