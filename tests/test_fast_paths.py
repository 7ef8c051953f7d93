"""Quick checks and fast paths give exactly what the full work gives.

Each cleaner skips work a document does not need (a quick check before a scan,
a new text instead of one edit per change). These tests hold each shortcut
against the slow way it replaces, on hand-picked cases and on generated text
made of the characters that matter to it.
"""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from corpusclean.cleaners.flags import (
    REDACTION_PATTERNS,
    _is_apostrophe,
    all_paired,
    find_redactions,
    find_unbalanced,
    unpaired_marks,
    unwrap,
)
from corpusclean.cleaners.lines import has_tidy_lines, line_break_edits, normalize_line_breaks
from corpusclean.cleaners.repeats import has_repeats, repeat_edits, sentence_key
from corpusclean.cleaners.width import NormalizeWidth, fold_alnum_edits, fold_fullwidth_alnum
from corpusclean.document import Document, Flag, Removal
from corpusclean.edits import Edit, Rewrite, apply_edits, edit_text
from corpusclean.headers.patterns import DATELINE_RE
from corpusclean.layout import content_lines
from corpusclean.patterns import (
    FULLWIDTH_ALNUM_RE,
    HAN,
    HAN_CLASS,
    INLINE_SPACE,
    INLINE_SPACE_RE,
    LINE_END_SPACE_RE,
    PAIRED_MARK_RE,
    PAIRED_MARKS,
    SENTENCE_RE,
)
from corpusclean.reference import peoples_daily
from corpusclean.script_chars import detect_script, script_marker_patterns

FAST = settings(max_examples=300, deadline=None)


def texts(alphabet: str, max_size: int = 40) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, max_size=max_size)


# -- normalize_lines: the tidy check ----------------------------------------------------

LINE_CHARS = "中文。\n\r \t\u3000\u00a0\u2028\x0b\x1c\x1f"


@pytest.mark.parametrize(
    ("text", "tidy"),
    [
        pytest.param("标题\n\n正文。\n第二行", True, id="paragraphs"),
        pytest.param("", True, id="empty"),
        pytest.param("标题 \n正文", False, id="space-before-break"),
        pytest.param("标题\u3000\n正文", False, id="ideographic-space-before-break"),
        pytest.param("标题\r\n正文", False, id="crlf"),
        pytest.param("标题\r正文", False, id="lone-cr"),
        pytest.param("标题\n\n\n正文", False, id="three-breaks"),
        pytest.param("\n标题", False, id="leading-break"),
        pytest.param("标题\u3000", False, id="trailing-space"),
        pytest.param("　　正文", False, id="leading-indent"),
    ],
)
def test_tidy_lines(text: str, tidy: bool) -> None:
    assert has_tidy_lines(text) is tidy
    if tidy:
        assert normalize_line_breaks(text) == text


@FAST
@given(texts(LINE_CHARS))
def test_tidy_text_has_no_line_break_edits(text: str) -> None:
    if has_tidy_lines(text):
        assert not list(line_break_edits(text))
        assert normalize_line_breaks(text) == text


# -- normalize_width: the fold as a rewrite ------------------------------------------------

WIDTH_CHARS = "中１２Ａｚ．.,(（)：1 "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("１９９８年", "1998年", id="digits"),
        pytest.param("增长７．８％", "增长7.8％", id="point-between-digits"),
        pytest.param("第Ａ．５项", "第A.5项", id="point-after-a-letter"),
        pytest.param("第１．项", "第1．项", id="point-without-a-digit-after"),
        pytest.param("．５", "．5", id="point-without-a-run-before"),
        pytest.param("中文，全角（测试）！", "中文，全角（测试）！", id="punctuation-stays"),
    ],
)
def test_fold_fullwidth_alnum(text: str, expected: str) -> None:
    assert fold_fullwidth_alnum(text) == expected == edit_text(text, fold_alnum_edits(text))


@FAST
@given(texts(WIDTH_CHARS))
def test_fold_matches_its_edits(text: str) -> None:
    assert fold_fullwidth_alnum(text) == edit_text(text, fold_alnum_edits(text))


@FAST
@given(texts(WIDTH_CHARS))
def test_width_rewrite_holds_its_edits(text: str) -> None:
    found = NormalizeWidth().find_edits(text)
    if isinstance(found, Rewrite):
        edits = list(found)
        assert found.old == text
        assert edit_text(text, edits) == found.new
        assert all(e.reason is None for e in edits)


# -- Document.edit: a rewrite taken as it is, or through its edits ---------------------------

REWRITE = Rewrite("中１２文ＡＢ", "中12文AB", lambda: fold_alnum_edits("中１２文ＡＢ"))


def _flag(text: str, start: int, end: int) -> Flag:
    return Flag(kind="t", start=start, end=end, text=text[start:end], cleaner="c", reason="r")


@pytest.mark.parametrize(
    "doc",
    [
        pytest.param(Document(id="d", text=REWRITE.old), id="no-spans"),
        pytest.param(
            Document(id="d", text=REWRITE.old, removed=(Removal(cleaner="c", text="x", reason="r"),)),
            id="removal-without-position",
        ),
        pytest.param(Document(id="d", text=REWRITE.old, flags=(_flag(REWRITE.old, 0, 3),)), id="flag"),
        pytest.param(
            Document(id="d", text=REWRITE.old, flags=(_flag(REWRITE.old, 2, 5),)), id="flag-inside-a-run"
        ),
        pytest.param(
            Document(id="d", text=REWRITE.old, removed=(Removal(cleaner="c", text="x", reason="r", at=2),)),
            id="removal-inside-a-run",
        ),
    ],
)
def test_rewrite_gives_what_its_edits_give(doc: Document) -> None:
    assert doc.edit(REWRITE, cleaner="w") == doc.edit(list(REWRITE), cleaner="w")


def test_rewrite_of_another_text_is_refused() -> None:
    with pytest.raises(ValueError, match="Rewrite of another text"):
        Document(id="d", text="中文").edit(REWRITE, cleaner="w")


def test_rewrite_that_changes_nothing_keeps_the_document() -> None:
    doc = Document(id="d", text="中文")
    assert doc.edit(Rewrite("中文", "中文", list), cleaner="w") is doc


# -- Document.edit: spans that do not move are kept as they are, not copied ----------------------

SPANNED = Document(
    id="d",
    text="标题。正文里有一个错字。",
    flags=(_flag("标题。正文里有一个错字。", 0, 2), _flag("标题。正文里有一个错字。", 9, 11)),
    removed=(
        Removal(cleaner="c", text="x", reason="r", at=1),
        Removal(cleaner="c", text="y", reason="r", at=11),
        Removal(cleaner="c", text="z", reason="r"),
    ),
)


def _edited_by_copying(doc: Document, edits: list[Edit]) -> Document:
    """Document.edit as it was: every flag and placed removal copied to its new place."""
    text, positions = apply_edits(doc.text, edits)
    removed = [r if r.at is None else r.model_copy(update={"at": positions.end(r.at)}) for r in doc.removed]
    removed += [
        Removal(cleaner="e", text=doc.text[e.start : e.end], reason=e.reason, at=positions.start(e.start))
        for e in edits
        if e.reason is not None
    ]
    flags = []
    for f in doc.flags:
        start, end = positions.start(f.start), positions.end(f.end)
        if end > start or f.end == f.start:
            flags.append(f.model_copy(update={"start": start, "end": end, "text": text[start:end]}))
    return doc.replace(text=text, flags=flags, removed=removed)


@pytest.mark.parametrize(
    "edits",
    [
        pytest.param([Edit(5, 6, reason="r")], id="between-the-spans"),
        pytest.param([Edit(0, 1, reason="r")], id="inside-the-first-flag"),
        pytest.param([Edit(12, 12, "！")], id="insertion-at-the-end"),
        pytest.param([Edit(3, 5, reason="r"), Edit(9, 10, "别")], id="one-flag-changes-its-text"),
        pytest.param([Edit(9, 11, reason="r")], id="a-flag-deleted"),
    ],
)
def test_edit_keeps_unmoved_spans_and_gives_what_copying_gives(edits: list[Edit]) -> None:
    edited = SPANNED.edit(edits, cleaner="e")
    assert edited == _edited_by_copying(SPANNED, edits)
    kept = {id(x) for x in (*SPANNED.flags, *SPANNED.removed)}
    for new in (*edited.flags, *edited.removed):
        same = next((old for old in (*SPANNED.flags, *SPANNED.removed) if old == new), None)
        assert (id(new) in kept) is (same is not None)  # unmoved: the same object; moved: a copy


@FAST
@given(
    st.lists(
        st.tuples(st.integers(0, 12), st.integers(0, 3), st.sampled_from(["", "字", "两字"])), max_size=4
    )
)
def test_edit_agrees_with_copying_on_generated_edits(raw: list[tuple[int, int, str]]) -> None:
    edits, last = [], -1
    for start, length, replacement in sorted(raw):
        end = min(start + length, len(SPANNED.text))
        if start > last and end >= start:
            edits.append(Edit(start, end, replacement, reason="r" if end > start else None))
            last = end
    edits = [e for e in edits if e.replacement != SPANNED.text[e.start : e.end]]
    if edits:
        assert SPANNED.edit(edits, cleaner="e") == _edited_by_copying(SPANNED, edits)


# -- detect_script: one search per script before counting ----------------------------------


def _counted(text: str, *, min_han: int = 20, sample: int = 2000, threshold: float = 0.95) -> str | None:
    """detect_script as it was before the shortcut: always count both scripts' markers."""
    head = text[:sample]
    if len(re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]", head)) < min_han:
        return None
    traditional_re, simplified_re = script_marker_patterns()
    trad, simp = len(traditional_re.findall(head)), len(simplified_re.findall(head))
    if trad + simp == 0:
        return None
    if simp >= threshold * (trad + simp):
        return "simplified"
    if trad >= threshold * (trad + simp):
        return "traditional"
    return "mixed"


@FAST
@given(texts("国國为為发發人中的", max_size=60), st.sampled_from([0.5, 0.95, 1.0, 1.5]))
def test_detect_script_agrees_with_counting(text: str, threshold: float) -> None:
    assert detect_script(text, min_han=5, threshold=threshold) == _counted(
        text, min_han=5, threshold=threshold
    )


# -- flag_redactions: patterns run only when a character they start with is there ----------


@FAST
@given(texts("XxＸｘ×○某*＊书记同志二年张中 \n3"))
def test_redaction_patterns_start_with_their_characters(text: str) -> None:
    for pattern, _, _, starts in REDACTION_PATTERNS:
        assert all(text[m.start()] in starts for m in pattern.finditer(text))
    everything = sorted(
        (m.start(), m.end()) for pattern, *_ in REDACTION_PATTERNS for m in pattern.finditer(text)
    )
    assert [(f.start, f.end) for f in find_redactions(text)] == everything


def test_redactions_found_with_and_without_start_characters() -> None:
    assert list(find_redactions("为中国人民谋幸福，为中华民族谋复兴。")) == []
    assert [f.start for f in find_redactions("张某某说，X书记来了。")] == [1, 5]


def test_width_rewrite_on_a_dateline() -> None:
    text = "新华社北京１２月３１日电　ＧＤＰ增长７．８％。"
    rewrite = NormalizeWidth().find_edits(text)
    assert isinstance(rewrite, Rewrite)
    assert edit_text(text, rewrite) == rewrite.new == "新华社北京12月31日电　GDP增长7.8％。"
    assert list(rewrite) == list(fold_alnum_edits(text))


# -- remove_repeats: sentences as strings first, spans only for a repeat ---------------------


def test_inline_space_is_all_white_space_but_the_line_break() -> None:
    found = {chr(c) for c in range(0x10000) if INLINE_SPACE_RE.match(chr(c))}
    assert found == {chr(c) for c in range(0x10000) if chr(c).isspace()} - {"\n"}


@FAST
@given(texts("会议在北京召开。习近平出席！ \u3000\n…”", max_size=80), st.sampled_from([1, 4, 12]))
def test_has_repeats_agrees_with_the_sentence_scan(text: str, min_chars: int) -> None:
    keys = [sentence_key(m.group()) for m in SENTENCE_RE.finditer(text)]
    long = [k for k in keys if len(k) >= min_chars]
    repeated = len(set(long)) < len(long)
    spaced = INLINE_SPACE_RE.search(text) is not None
    sentences = SENTENCE_RE.findall(text)
    assert has_repeats(sentences, min_chars=min_chars, spaced=spaced) is repeated
    # the quick check is necessary, not sufficient: headings, fields and list items repeat and stay
    assert repeated or not list(repeat_edits(text, min_chars=min_chars))


# -- remove_headers: the dateline pattern in the standard re module ----------------------------


def test_han_class_is_the_regex_module_han() -> None:
    every = "".join(map(chr, range(0x110000)))  # every code point, all seventeen planes
    assert re.findall(HAN_CLASS, every) == regex.findall(HAN, every)


DATELINE_IN_REGEX = regex.compile(DATELINE_RE.pattern.replace(HAN_CLASS, HAN))


@FAST
@given(texts("新华社本报记者北京（约旦）１２0月日电讯话·a \n〇𠀀", max_size=60))
def test_dateline_pattern_matches_as_in_regex(text: str) -> None:
    assert DATELINE_RE.pattern.count(HAN_CLASS) == 2
    assert [m.span() for m in DATELINE_RE.finditer(text)] == [
        m.span() for m in DATELINE_IN_REGEX.finditer(text)
    ]
    assert [m.span() for m in DATELINE_RE.finditer(text, 1, len(text) - 1)] == [
        m.span() for m in DATELINE_IN_REGEX.finditer(text, 1, len(text) - 1)
    ]


# -- normalize_width: the run pattern written to open with one character class ----------------

_FULLWIDTH_CLASS = FULLWIDTH_ALNUM_RE.pattern[1 : FULLWIDTH_ALNUM_RE.pattern.index("]") + 1]
FULLWIDTH_RUN_AS_PLUS = re.compile(
    FULLWIDTH_ALNUM_RE.pattern.replace(_FULLWIDTH_CLASS * 2 + "*", _FULLWIDTH_CLASS + "+", 1)
)


def test_fullwidth_run_pattern_is_the_plain_repeat() -> None:
    assert FULLWIDTH_ALNUM_RE.pattern.startswith("(" + _FULLWIDTH_CLASS * 2 + "*")
    assert FULLWIDTH_RUN_AS_PLUS.pattern.startswith("(" + _FULLWIDTH_CLASS + "+(?:．")


@FAST
@given(texts(WIDTH_CHARS + "Ｚ０９", max_size=60))
def test_fullwidth_run_pattern_splits_as_the_plain_repeat(text: str) -> None:
    assert FULLWIDTH_ALNUM_RE.split(text) == FULLWIDTH_RUN_AS_PLUS.split(text)


# -- layout: content lines by splitting and stripping ------------------------------------------

CONTENT_LINE_RE = re.compile(r"^[^\S\n]*(\S(?:[^\n]*\S)?)", re.MULTILINE)


def _content_lines_by_pattern(text: str) -> list[tuple[int, int, int]]:
    return [(m.start(), m.start(1), m.end(1)) for m in CONTENT_LINE_RE.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("标题\n\n　　正文。 \n", id="indent-and-trailing-space"),
        pytest.param("\n\n", id="only-breaks"),
        pytest.param("a\rb\u2028c\n\x1c\n d", id="other-line-ends-stay-inside"),
        pytest.param("", id="empty"),
    ],
)
def test_content_lines_cases(text: str) -> None:
    assert [tuple(ln) for ln in content_lines(text)] == _content_lines_by_pattern(text)


@FAST
@given(texts("中。 \t\n\r\u3000\u00a0\u2028\x1c\x85a", max_size=60))
def test_content_lines_agree_with_the_pattern(text: str) -> None:
    assert [tuple(ln) for ln in content_lines(text)] == _content_lines_by_pattern(text)


# -- flag_punctuation: only paragraphs whose marks do not all pair up are read mark by mark ------


def _unbalanced_every_paragraph(text: str) -> list[tuple[int, str]]:
    """find_unbalanced as it was before the shortcut: every paragraph read mark by mark."""
    if all_paired(text):
        return []
    found = []
    text = unwrap(text)
    paragraphs = text.split("\n")
    pos = 0
    for n, para in enumerate(paragraphs):
        stack: list[tuple[str, int]] = []
        for m in PAIRED_MARK_RE.finditer(para):
            mark, at = m.group(), pos + m.start()
            if mark in PAIRED_MARKS:
                stack.append((mark, at))
                continue
            if mark == "’" and "‘" not in (o for o, _ in stack) and _is_apostrophe(text, at):
                continue
            opener = next(
                (k for k in range(len(stack) - 1, -1, -1) if PAIRED_MARKS[stack[k][0]] == mark), None
            )
            if opener is None:
                found.append((at, f"closing {mark} without an opening mark"))
                continue
            found += [
                (inner_at, f"{inner} is not closed before {mark}") for inner, inner_at in stack[opener + 1 :]
            ]
            del stack[opener:]
        following = next((p.lstrip() for p in paragraphs[n + 1 :] if p.strip()), "")
        for mark, at in stack:
            if not (mark == "“" and following.startswith("“")):
                found.append((at, f"{mark} is not closed in its paragraph"))
        pos += len(para) + 1
    return found


def _unbalanced(text: str) -> list[tuple[int, str]]:
    return [(f.start, f.reason) for f in find_unbalanced(text)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("他说：“好。”\n“对。\n“接着说。”", id="continued-quotation"),
        pytest.param("（一）“甲”\n‘乙’don’t\n《丙】", id="crossed-marks-in-one-paragraph"),
        pytest.param("’97年\n“他说‘好’。”\n）", id="apostrophe-and-a-stray-closer"),
        pytest.param("“第一段。\n\n第二段。”", id="pair-across-paragraphs"),
    ],
)
def test_unbalanced_reads_only_paragraphs_left_open(text: str) -> None:
    assert _unbalanced(text) == _unbalanced_every_paragraph(text)
    left = unpaired_marks(text).split("\n")
    assert len(left) == len(text.split("\n")) and any(left)


@FAST
@given(texts("“”‘’（）《》【】\n中a1 ", max_size=60))
def test_unbalanced_agrees_with_reading_every_paragraph(text: str) -> None:
    assert _unbalanced(text) == _unbalanced_every_paragraph(text)


def test_unbalanced_agrees_on_real_text(seed_texts: dict[str, str]) -> None:
    documents = [*seed_texts.values(), *peoples_daily(20)[:300]]
    flagged = [doc for doc in documents if not all_paired(doc)]
    assert flagged  # the real text has stray marks to find
    for doc in flagged:
        assert _unbalanced(doc) == _unbalanced_every_paragraph(doc)


# -- normalize_lines: a line ending in white space, found from the line break -----------------

LINE_END_SPACE_BY_CLASS = re.compile(f"[{INLINE_SPACE}]\n")


@FAST
@given(texts(LINE_CHARS + "\u2002\x85", max_size=60))
def test_line_end_space_pattern_finds_what_the_class_finds(text: str) -> None:
    assert bool(LINE_END_SPACE_RE.search(text)) is bool(LINE_END_SPACE_BY_CLASS.search(text))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("标题 \n正文", True, id="space"),
        pytest.param("标题\u3000\n正文", True, id="ideographic-space"),
        pytest.param("标题\r\n正文", True, id="carriage-return"),
        pytest.param("\n标题\n\n正文\n", False, id="breaks-only"),
        pytest.param("标题 正文\n", False, id="space-inside-a-line"),
    ],
)
def test_line_end_space_pattern(text: str, found: bool) -> None:
    assert bool(LINE_END_SPACE_RE.search(text)) is found


# -- character tables: one pass over the plane gives what a test of each character gives --------


def _plane() -> list[str]:
    return [chr(code) for code in range(0x10000)]


def test_character_tables_are_what_each_character_says_of_itself() -> None:
    import unicodedata

    from corpusclean import chars

    plane = _plane()
    category = [unicodedata.category(c) for c in plane]
    assert chars.unicode_spaces() == "\t" + "".join(
        c for c, k in zip(plane, category, strict=True) if k == "Zs"
    )
    assert chars.white_space() == "".join(c for c in plane if c.isspace())
    assert chars.line_separators() == "".join(
        c for c in plane if c not in "\r\n" and len(("a" + c + "b").splitlines()) == 2
    )
    controls = "".join(c for c, k in zip(plane, category, strict=True) if k == "Cc")
    assert chars.stray_controls() == "".join(
        c for c in controls if c not in "\t\r\n" + chars.line_separators()
    )
    names = {c: unicodedata.name(c, "") for c in plane}
    assert chars.zero_width_chars() == "".join(
        c
        for c, k in zip(plane, category, strict=True)
        if k == "Cf" and (names[c].startswith("ZERO WIDTH") or names[c] == "WORD JOINER")
    )
    assert chars.fullwidth_alnum_table() == {
        ord(c): unicodedata.normalize("NFKC", c)
        for c in plane
        if names[c].startswith(("FULLWIDTH DIGIT", "FULLWIDTH LATIN"))
    }


def test_plain_text_is_cleaned_without_beautifulsoup4_and_a_whole_page_imports_it() -> None:
    """beautifulsoup4 costs about 0.08 s to import: a run over plain text does without it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from corpusclean.recipe import build_pipeline\n"
        "from corpusclean.document import Document\n"
        "from corpusclean.cleaners.html import html_to_text\n"
        "build_pipeline().run([Document(id='a', text='<p>第一段。</p>\\n第二段，正文。')])\n"
        "print('bs4' in sys.modules)\n"
        "html_to_text('<html><head><title>题</title></head><body><p>正文。</p></body></html>')\n"
        "print('bs4' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
