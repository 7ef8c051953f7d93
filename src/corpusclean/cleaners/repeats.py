"""Repeated sentences inside one document: the first stays, later copies go.

Scraped and converted text repeats itself: a photo caption repeated as the
first body sentence, a paragraph pasted twice, a summary box repeating the
lead. A later copy of a prose sentence already seen in the same document
adds nothing and is removed with its reason. Short sentences (``是。``,
``好！``, a slogan) repeat for good reasons and are left alone.

Structured text repeats for good reasons too, and is never touched: the
``地点：`` line of every session of an agenda, the specifications of a second
car, a heading that the introduction listed, a list item, a row of a table.
Only a sentence that ends as prose ends (``。！？…``) on a line that is none of
these (:func:`is_structured_line`) is taken for a copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..cleaner import Cleaner
from ..edits import Edit, edit_text
from ..layout import Line, content_lines, drop_lines
from ..patterns import (
    CELL_SEPARATOR_RE,
    FIELD_LINE_RE,
    INLINE_SPACE_RE,
    LIST_MARKER_RE,
    PROSE_END_RE,
    SENTENCE_RE,
    WORD_RUN_RE,
)

#: Sentences shorter than this (not counting spaces) are never treated as repeats.
MIN_SENTENCE_CHARS = 12
REASON = "repeats an earlier sentence"
#: A heading or a field line is at most this long (not counting spaces): a longer line is a paragraph.
SHORT_LINE_CHARS = 50


def is_prose_sentence(sentence: str) -> bool:
    """Whether ``sentence`` ends as a prose sentence ends: ``。！？`` or an ellipsis, then closing quotes.

    The rest of a line without such an end is a heading, a label or a cell, not prose.

    >>> is_prose_sentence("他说：“我们一定要坚持到底。” "), is_prose_sentence("第二章 历史背景")
    (True, False)
    """
    return PROSE_END_RE.search(sentence.rstrip()) is not None


def _is_short(line: str) -> bool:
    return len(line) - line.count(" ") <= SHORT_LINE_CHARS


def is_field_line(line: str) -> bool:
    """Whether ``line`` is a short ``label：value`` field (``地点：第三会议室``, ``发行：滚石唱片``).

    >>> is_field_line("地点：国际会议中心第三会议室"), is_field_line("他说：“我们一定要坚持到底。”")
    (True, False)
    """
    return _is_short(line) and FIELD_LINE_RE.match(line) is not None


def is_heading(line: str) -> bool:
    """Whether ``line`` is a heading: short, with no full stop (``。``) or ellipsis in it.

    A heading may ask or exclaim (``怎样判断自己是否属于脂溢性脱发呢？``), which is
    why only ``。`` and ``…`` mark a line as prose.

    >>> is_heading("怎样判断自己是否属于脂溢性脱发呢？"), is_heading("会议在北京召开，习近平出席。")
    (True, False)
    """
    return _is_short(line) and "。" not in line and "…" not in line


def is_list_item(line: str) -> bool:
    """Whether ``line`` opens with a list marker: ``1、``, ``2.``, ``（三）``, ``①``, ``●``, ``- ``.

    >>> is_list_item("4、艺术美学与哲学经典阅读"), is_list_item("1.5亿元的投资已经到位。")
    (True, False)
    """
    return LIST_MARKER_RE.match(line) is not None


def line_shape(line: str) -> str:
    """The shape of a line: its separators and punctuation, each run of words as ``x``.

    >>> line_shape("最大功率：51Kw／6000rpm"), line_shape("2001年  滚石唱片  《七里香》")
    ('x：x／x', 'x x 《x》')
    """
    return " ".join(WORD_RUN_RE.sub("x", line).split())


def in_table_run(line: str, neighbours: Iterable[str]) -> bool:
    """Whether ``line`` is a row of a table-like run: a neighbour line has its shape, with cells in it.

    A shape with cells holds a separator (spaces, ``|``, a field colon) and
    does not end as prose does; two lines of prose of one shape are no table.

    >>> in_table_run("发行时间 2003年 唱片公司 滚石", ["发行时间 2001年 唱片公司 华纳"])
    True
    >>> in_table_run("会议在北京召开，习近平出席。", ["会议在上海召开，李鹏出席。"])
    False
    """
    shape = line_shape(line)
    if CELL_SEPARATOR_RE.search(shape) is None or is_prose_sentence(line):
        return False
    return any(line_shape(n) == shape for n in neighbours)


def is_structured_line(line: str, neighbours: Iterable[str] = ()) -> bool:
    """Whether ``line`` (its content, without the white space around) is structure, not prose.

    A field, a heading, a list item or a row of a table-like run (``neighbours``
    are the lines before and after it): :func:`repeat_edits` never touches one.

    >>> is_structured_line("地点：第三会议室"), is_structured_line("会议在北京召开，习近平出席。")
    (True, False)
    """
    return is_field_line(line) or is_heading(line) or is_list_item(line) or in_table_run(line, neighbours)


def _neighbours(text: str, lines: list[Line], n: int) -> list[str]:
    """The content of the lines before and after ``lines[n]`` (blank lines are not lines here)."""
    around = lines[n - 1 : n] + lines[n + 1 : n + 2] if n else lines[1:2]
    return [text[ln.lo : ln.hi] for ln in around]


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
    """The edits that remove every prose sentence of ``text`` that repeats an earlier one.

    Sentences end at ``。！？`` or an ellipsis, with the closing quotes after it,
    and never cross a line. A line that only repeats goes with its line break.
    A sentence without such an end, and any sentence on a structured line
    (:func:`is_structured_line`), stays.
    """
    spaced = INLINE_SPACE_RE.search(text) is not None  # without spaces a sentence is its own key
    if not has_repeats(SENTENCE_RE.findall(text), min_chars=min_chars, spaced=spaced):
        return  # most documents: their sentences as strings, no match objects and no spans
    seen: set[str] = set()
    repeats: list[tuple[int, int]] = []
    for m in SENTENCE_RE.finditer(text):
        key = sentence_key(m.group()) if spaced else m.group()
        if len(key) < min_chars or not is_prose_sentence(key):
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
        if not in_line or is_structured_line(text[line.lo : line.hi], _neighbours(text, lines, n)):
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
    after: ``"会议在北京召开，习近平出席。"``. Only prose sentences go: field lines
    (``地点：第三会议室``), headings, list items and rows of a table-like run
    stay however often they repeat.
    """

    name = "remove_repeats"

    def __init__(self, *, min_chars: int = MIN_SENTENCE_CHARS) -> None:
        # Twelve characters: long enough that parallel short clauses (是。好！同志们！)
        # are never taken for copies, short enough for a one-clause caption sentence.
        self.min_chars = min_chars

    def find_edits(self, text: str) -> Iterator[Edit]:
        return repeat_edits(text, min_chars=self.min_chars)
