"""Cheap per-document quality signals for Chinese text, computed on characters.

:func:`quality_signals` returns one flat dict of numbers (the dict that
``score_quality`` writes to ``metadata["quality"]``); :data:`SIGNALS` says what
each key means. Nothing here splits on whitespace or asks ``isalpha``: shares
are over characters, classed by one array lookup (:mod:`.classes`);
repetition is counted over character n-grams (:mod:`.repetition`); fluency
uses the pairs of jieba's word list (:mod:`.fluency`).

>>> s = quality_signals("床前明月光，疑是地上霜。\\n举头望明月，低头思故乡。")
>>> s["han_chars"], s["han_share"], s["punct_end_line_share"], s["dup_line_share"]
(20, 0.8333, 1.0, 0.0)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import numpy as np

from ..script_chars import script_marker_patterns, simplified_code_table
from . import classes as c
from .fluency import PARTICLES, known_pair_shares, known_pairs, particle_starts, particle_words
from .lines import LINE_END_CHARS, LIST_ITEM_BULLETS, line_counts, warm_contacts
from .repetition import repetition_shares_many

#: Each signal and what it measures. Shares are in [0, 1]; "characters" never count spaces.
SIGNALS: dict[str, str] = {
    "length": "characters of the text, white space included (tells whether the signals fit a text)",
    "chars": "characters other than white space",
    "han_chars": "Han characters",
    "lines": "non-empty lines, those of a hard-wrapped text joined back into the lines its writer wrote",
    "han_share": "Han characters / characters",
    "cjk_punct_share": "CJK and full-width punctuation / characters",
    "punct_end_line_share": "lines ending in punctuation that ends a sentence or a clause, or opening "
    "with a bullet (a list item) / lines",
    "sentence_char_share": "characters in lines that end a sentence (。！？；, or a closing quote) / "
    "characters in lines",
    "mean_line_length": "characters / non-empty lines",
    "mean_sentence_length": "characters / sentences (runs ending in 。！？!? or …)",
    "dup_line_share": "lines that repeat an earlier line / lines",
    "dup_line_char_share": "characters in lines that repeat an earlier line / characters",
    "dup_paragraph_share": "paragraphs (blocks between blank lines) that repeat an earlier one / paragraphs",
    "dup_paragraph_char_share": "characters in repeated paragraphs / characters",
    "top_2gram_share": "characters in the most common character 2-gram (punctuation, symbols left out)",
    "top_3gram_share": "the same for 3-grams",
    "top_4gram_share": "the same for 4-grams",
    "dup_5gram_share": "characters covered by repeats of a character 5-gram seen before",
    "dup_8gram_share": "the same for 8-grams",
    "dup_13gram_share": "the same for 13-grams",
    "symbol_share": "symbols (math, currency, arrows, dingbats; emoji apart) / characters",
    "digit_share": "digits (any width) / characters",
    "latin_share": "Latin letters (any width) / characters",
    "emoji_share": "emoji / characters",
    "link_list_share": "characters in link-like or list-like lines (URLs, navigation, bullets) / characters",
    "contact_line_share": "lines with a phone number, QQ number, WeChat id or e-mail address (as mask_pii "
    "finds them, or its placeholders) / lines",
    "stop_char_share": "common function characters (的, 了, 是, 在, ..., in either script) / Han characters",
    "broken_share": "private-use characters and U+FFFD / characters",
    "latin1_share": "characters of U+0080-U+00FF Chinese text does not use / characters (GBK as Latin-1)",
    "gbk_mojibake_share": "Han characters that are UTF-8 Chinese read as GBK / Han characters (first 500)",
    "misplaced_punct_share": "clause marks opening a line or after another clause mark / clause marks",
    "particle_starts": "clauses opened by a particle that follows words (的, 了, 着, 吗, 呢, 吧, 么, 嘛) "
    "and opens no word of the word list (了解, 的确 do)",
    "particle_start_share": "particle_starts / clause marks",
    "verse_line_share": "lines of just five or just seven Han characters (classical verse, couplets) / lines",
    "fluency": "adjacent Han pairs found inside a word of jieba's word list / adjacent Han pairs",
}

#: Frequent function characters of Chinese, modern and classical (FineWeb-2 asks for two
#: stop words in Mandarin; a character share is the equivalent without a segmenter).
STOP_CHARS = "的了是在和有我你不这也就都他们为到说要着以与之而其吗呢吧"

#: What ends a sentence; a run of them (``！？``, ``……``) ends one sentence.
SENTENCE_END_CHARS = "。！？!?…"
#: Clause punctuation; one is out of place opening a line or after another (``，。``) or an
#: opening mark (``（，``), as when the words of a text were shuffled with their punctuation.
CLAUSE_MARKS = "，。、；：？！"
_OPENERS = "（“《\n"
#: The marks a character can carry (four bits), and the characters that carry each.
_SENTENCE_END, _CLAUSE, _OPENER, _EMPHASIS = 1, 2, 4, 8
_MARKS = (
    (SENTENCE_END_CHARS, _SENTENCE_END),
    (CLAUSE_MARKS, _CLAUSE),
    (_OPENERS, _OPENER),
    ("。！？", _EMPHASIS),  # repeated, these are emphasis (！！, 。。。), not disorder
)

# A character's properties, one uint16 looked up once per character: its class
# (:mod:`.classes`) in bits 0-3, its marks in bits 4-7, bit 8 for a stop character and
# bit 9, the highest, for a letter (neither white space nor punctuation nor a symbol: what
# the repetition measures count; ``~~~~`` or ``★★★`` is decoration, not a repeated word),
# so that ``props >= _LETTER_BIT`` picks the letters.
_MARK_SHIFT, _STOP_BIT, _LETTER_BIT, _PROPERTIES = 4, 1 << 8, 1 << 9, 1 << 10
#: The marks of each property value.
_MARKS_OF = ((np.arange(_PROPERTIES) >> _MARK_SHIFT) & 15).astype(np.uint8)


#: The rows of ``counts.reshape(64, 16)`` (a property value without its class) that hold a
#: stop character, and those that hold a clause mark.
_STOP_ROWS = [row for row in range(64) if row << _MARK_SHIFT & _STOP_BIT]
_CLAUSE_ROWS = [row for row in range(64) if row & _CLAUSE]
#: Whether a property value is a Han character's.
_IS_HAN = (np.arange(_PROPERTIES) & 15) == c.HAN


def _character_counts(
    props: np.ndarray, owner: np.ndarray, count: int
) -> tuple[list[list[int]], list[int], list[int]]:
    """Each text's characters by class, stop characters and clause marks, from one count of properties.

    ``owner`` is the text of each character, ``count`` the number of texts.

    >>> props = properties_table()[c.code_points("书的纸，")]
    >>> by_class, stops, clause_marks = _character_counts(props, np.zeros(4, dtype=np.int64), 1)
    >>> by_class[0][c.HAN], stops, clause_marks
    (3, [1], [1])
    """
    keys = (owner << 10) | props  # the text, then the property value
    counts = np.bincount(keys, minlength=count << 10).reshape(count, 64, 16)  # the class is the low four bits
    by_rest = np.add.reduce(counts, axis=2)
    stops = np.add.reduce(by_rest.take(_STOP_ROWS, axis=1), axis=1).tolist()
    clause_marks = np.add.reduce(by_rest.take(_CLAUSE_ROWS, axis=1), axis=1).tolist()
    return np.add.reduce(counts, axis=1).tolist(), stops, clause_marks


def _pair_tally() -> np.ndarray:
    """What each pair of neighbours' marks (``prev << 8 | next``) adds to: 1 a sentence, 2 a misplaced mark.

    Marks are four bits, so a pair is below 2**12. A sentence starts at a sentence end after
    something else (a run ``！？`` is one); a clause mark is misplaced after an opener or a
    clause mark, unless both are marks of emphasis.
    """
    prev, cur = np.arange(1 << 12) >> 8, np.arange(1 << 12) & 255
    starts = (cur & _SENTENCE_END > 0) & (prev & _SENTENCE_END == 0)
    emphasis = (cur & _EMPHASIS > 0) & (prev & _EMPHASIS > 0)
    misplaced = (cur & _CLAUSE > 0) & (prev & (_CLAUSE | _OPENER) > 0) & ~emphasis
    return (starts + 2 * misplaced).astype(np.uint8)  # type: ignore[no-any-return]


_PAIR_TALLY = _pair_tally()


def _sentences_and_misplaced(
    props: np.ndarray, owner: np.ndarray, starts: np.ndarray, texts: Sequence[str]
) -> list[tuple[int, int]]:
    """How many sentences each of ``texts`` has and how many clause marks are out of place.

    ``props`` are the properties of the texts' characters one after another,
    ``owner`` the text of each, ``starts`` where each text starts. The marks
    of each character follow those of the one before, or of a line break
    at the start of a text; each two, read as one 16-bit number, look up what
    they add in :data:`_PAIR_TALLY`.
    """
    marks = _MARKS_OF.take(props)
    pairs = np.empty(len(marks), dtype=np.uint16)
    pairs[1:] = marks[:-1]
    pairs[starts[starts < len(marks)]] = _OPENER
    pairs <<= 8
    pairs |= marks
    tally = np.bincount((owner << 2) | _PAIR_TALLY.take(pairs), minlength=4 * len(texts)).reshape(-1, 4)
    out = []
    for text, (_, sentence, misplaced, both) in zip(texts, tally.tolist(), strict=True):
        misplaced += both
        if misplaced:  # a run of three or more of one mark (，，，) is typed ellipsis, not disorder
            misplaced -= sum(m.end() - m.start() - 1 for m in _MARK_RUN_RE.finditer(text))
        out.append((sentence + both, misplaced))
    return out


@cache
def properties_table() -> np.ndarray:
    """Every code point's properties (class, marks, stop character, letter) as a ``uint16`` array."""
    classes = c.class_table()
    table = classes.astype(np.uint16)
    table[~np.isin(classes, (c.SPACE, c.PUNCT, c.CJK_PUNCT, c.SYMBOL))] |= _LETTER_BIT
    for chars, bit in _MARKS:
        table[[ord(ch) for ch in chars]] |= bit << _MARK_SHIFT
    # the stop characters and their Traditional forms (這, 們, 為, 說, 與, 嗎): Traditional text
    # writes as many function characters
    table[np.isin(simplified_code_table(), [ord(ch) for ch in STOP_CHARS])] |= _STOP_BIT
    return table


#: Characters read for the mojibake test: a document mis-decoded at all is mis-decoded from the start.
MOJIBAKE_SAMPLE = 500


def gbk_mojibake_share(text: str) -> float:
    """The share of the text's Han characters that are UTF-8 Chinese read as GBK.

    UTF-8 Chinese read as GBK (``浜烘皯`` for ``人民``) turns back into Chinese
    when encoded as GBK and decoded as UTF-8: three Han characters of the real
    text for every two Han characters of the mojibake. Real Chinese encoded as
    GBK rarely forms a valid UTF-8 sequence that decodes to Han. Only the first
    :data:`MOJIBAKE_SAMPLE` characters are read.

    >>> gbk_mojibake_share("人民日报社论")
    0.0
    >>> gbk_mojibake_share("人民日报社论".encode("utf-8").decode("gbk", "replace")) > 0.8
    True
    """
    head = text[:MOJIBAKE_SAMPLE]
    return _gbk_mojibake_shares(
        [head], [int(np.count_nonzero(c.class_table().take(c.code_points(head)) == c.HAN))]
    )[0]


def _gbk_mojibake_shares(heads: list[str], hans: list[int]) -> list[float]:
    """:func:`gbk_mojibake_share` of each of ``heads``, the samples, which have ``hans`` Han characters."""
    backs = [
        head.encode("gb18030", "ignore").decode("utf-8", "replace") if han else ""
        for head, han in zip(heads, hans, strict=True)
    ]
    codes = c.code_points("".join(backs))
    owner = np.repeat(np.arange(len(backs)), [len(back) for back in backs])
    back_hans = np.bincount(owner[c.class_table().take(codes) == c.HAN], minlength=len(backs)).tolist()
    return [min(1.0, back * 3 / 2 / han) if han else 0.0 for back, han in zip(back_hans, hans, strict=True)]


def preload_tables() -> None:
    """Build the character tables and the word-list tables now (workers forked later share them)."""
    properties_table()
    _contact_table()
    warm_contacts()  # the numbering plans a phone number is checked against
    known_pairs()
    particle_words()
    script_marker_patterns()  # what folds Traditional text to Simplified: a class of 3,761 characters


def quality_signals(text: str) -> dict[str, float]:
    """Every signal of :data:`SIGNALS` for ``text``, rounded to four places (a batch of one)."""
    return quality_signals_many([text])[0]


def quality_signals_many(texts: Sequence[str]) -> list[dict[str, float]]:
    """:func:`quality_signals` of each of ``texts``, the array work done for all of them at once.

    The texts' code points make one array, with the text of each character
    (``owner``); counts per text are one ``bincount`` of the text and the value.

    1. One table lookup gives each character's class, marks, stop-character
       and letter bits; one ``bincount`` of those gives every count.
    2. One ``bincount`` of the marks of neighbouring pairs gives the
       sentences and the misplaced marks (a text's first character follows
       a line break, never the text before).
    3. The letters go to the repetition measures (one sort a text, the
       longer n-grams of all texts in one sort), the Han pairs within a
       text to fluency (one lookup), the first characters to the mojibake test.
    4. The lines and paragraphs are counted as strings, text by text
       (:func:`.lines.line_counts`).
    5. The few clauses that open with a particle character are looked up in
       the word list one by one (:func:`.fluency.particle_starts`).
    """
    if not texts:
        return []
    sizes = [len(text) for text in texts]
    count = len(texts)
    joined = "".join(texts)
    codes = c.code_points(joined)
    props = properties_table().take(codes)
    owner = np.repeat(np.arange(count), sizes)
    ends = np.cumsum(sizes, dtype=np.int64)
    starts = ends - sizes
    by_class, stops, clause_marks = _character_counts(props, owner, count)
    marks = _sentences_and_misplaced(props, owner, starts, texts)
    han_mask = _IS_HAN.take(props)
    letters = props >= _LETTER_BIT
    repetition = repetition_shares_many(codes[letters], np.bincount(owner[letters], minlength=count).tolist())
    fluency = known_pair_shares(codes, han_mask, sizes)
    heads = [text[:MOJIBAKE_SAMPLE] for text in texts]
    han_sums = np.concatenate(([0], np.cumsum(han_mask, dtype=np.int64)))
    head_hans = (han_sums.take(starts + np.minimum(sizes, MOJIBAKE_SAMPLE)) - han_sums.take(starts)).tolist()
    mojibake = _gbk_mojibake_shares(heads, head_hans)
    after_clause = np.flatnonzero(_MARKS_OF.take(props[:-1]) & _CLAUSE) + 1
    particles = particle_starts(joined, codes, after_clause, owner, ends)
    cues = contact_cues(codes, owner, count)
    return [
        _signals(text, *parts)
        for text, *parts in zip(
            texts,
            by_class,
            stops,
            clause_marks,
            marks,
            repetition,
            fluency,
            mojibake,
            particles,
            cues,
            strict=True,
        )
    ]


#: Digits in a row from which a number may be a phone number (landlines have seven or more; a QQ
#: number, five or more, comes with its cue QQ).
CONTACT_DIGITS = 7
_DIGIT, _CONTACT_MARK, _NUMBER_GAP = 1, 2, 3
_WEI, _XIN = ord("微"), ord("信")
_QS = np.array([ord(q) for q in "QqＱｑ"], np.uint32)
_VS = np.array([ord(v) for v in "VvＶｖ"], np.uint32)
_AFTER_V = np.array([ord(x) for x in "XxＸｘ信"], np.uint32)


@cache
def _contact_table() -> np.ndarray:
    """By code point: 1 for a digit of either width, 2 for ``@``, ``[`` and the first character of
    a QQ or WeChat cue, 3 for what may stand between a number's digits (a space, a hyphen), else 0."""
    table = np.zeros(c.class_table().shape, np.uint8)
    table[np.r_[0x30:0x3A, 0xFF10:0xFF1A]] = _DIGIT
    table[[ord(ch) for ch in "@＠[微QqＱｑVvＶｖ"]] = _CONTACT_MARK
    table[[ord(ch) for ch in " -－\u3000"]] = _NUMBER_GAP
    return table


def contact_cues(codes: np.ndarray, owner: np.ndarray, count: int) -> list[int]:
    """For each text, its numbers of :data:`CONTACT_DIGITS` or more characters (digits, with single
    spaces or hyphens between them), and its ``@``, ``[``, 微信, QQ and VX.

    Contact details hold one of them each (a number, an e-mail address, a
    QQ or WeChat cue, ``mask_pii``'s placeholder), so the lines of a text with
    none are not searched for them.

    >>> text = "电话13812345678，138 1234 5678，QQ 12345，VX：ab，加V，[手机号]，1998年，微笑，加微信，Quick"
    >>> contact_cues(c.code_points(text), np.zeros(len(text), np.int64), 1)
    [6]
    """
    kind = _contact_table().take(codes)
    digit = kind == _DIGIT
    number = digit.copy()  # digits, and a single space or hyphen between two of them
    number[1:-1] |= (kind[1:-1] == _NUMBER_GAP) & digit[:-2] & digit[2:]
    edges = np.flatnonzero(np.diff(number, prepend=False, append=False))  # run starts, ends in turn
    runs_start, runs_end = edges[0::2], edges[1::2]
    long_runs = runs_start[runs_end - runs_start >= CONTACT_DIGITS]
    marks = np.flatnonzero(kind == _CONTACT_MARK)
    # 微 counts only in 微信 (微笑, 细微 are common), Q only in QQ, V only in VX or V信
    first, following = codes.take(marks), codes.take(np.minimum(marks + 1, len(codes) - 1))
    q, v = np.isin(first, _QS), np.isin(first, _VS)
    cue = np.where(first == _WEI, following == _XIN, True)
    cue &= ~q | np.isin(following, _QS)
    cue &= ~v | np.isin(following, _AFTER_V)
    marks = marks[cue]
    found = np.bincount(owner[long_runs], minlength=count) + np.bincount(owner[marks], minlength=count)
    return list(found.tolist())


def _signals(
    text: str,
    by_class: list[int],
    stops: int,
    clause_marks: int,
    marks: tuple[int, int],
    tops_and_dups: tuple[float, ...],
    fluency: float,
    mojibake: float,
    particles: int,
    cues: int,
) -> dict[str, float]:
    """The signals of ``text`` from its counts and measures, and its lines counted here."""
    han = by_class[c.HAN]
    chars = len(text) - by_class[c.SPACE]
    per_char = 1 / chars if chars else 0.0
    sentences, misplaced = marks
    lines = line_counts(text, contacts=cues > 0)
    shares = (
        han * per_char,
        by_class[c.CJK_PUNCT] * per_char,
        lines.punctuated / lines.lines if lines.lines else 0.0,
        lines.sentence_chars / lines.line_chars if lines.line_chars else 0.0,
        chars / lines.lines if lines.lines else 0.0,
        chars / max(1, sentences),
        lines.dup_line_share,
        lines.dup_line_char_share,
        lines.dup_paragraph_share,
        lines.dup_paragraph_char_share,
        *tops_and_dups,
        by_class[c.SYMBOL] * per_char,
        by_class[c.DIGIT] * per_char,
        by_class[c.LATIN] * per_char,
        by_class[c.EMOJI] * per_char,
        lines.link_list_chars / (lines.line_chars or 1),
        lines.contact / lines.lines if lines.lines else 0.0,
        stops / han if han else 0.0,
        by_class[c.BROKEN] * per_char,
        by_class[c.LATIN1] * per_char,
        mojibake if han else 0.0,
        misplaced / clause_marks if clause_marks else 0.0,
        particles / clause_marks if clause_marks else 0.0,
        fluency if han > 1 else 0.0,
        lines.verse / lines.lines if lines.lines else 0.0,
    )
    counts = {
        "length": len(text),
        "chars": chars,
        "han_chars": han,
        "lines": lines.lines,
        "particle_starts": particles,
    }
    return {**counts, **dict(zip(_SHARES, map(round, shares, _FOUR_PLACES), strict=True))}


#: The signals that are shares (or means), in the order :func:`quality_signals` gives them.
_SHARES = (
    "han_share",
    "cjk_punct_share",
    "punct_end_line_share",
    "sentence_char_share",
    "mean_line_length",
    "mean_sentence_length",
    "dup_line_share",
    "dup_line_char_share",
    "dup_paragraph_share",
    "dup_paragraph_char_share",
    "top_2gram_share",
    "top_3gram_share",
    "top_4gram_share",
    "dup_5gram_share",
    "dup_8gram_share",
    "dup_13gram_share",
    "symbol_share",
    "digit_share",
    "latin_share",
    "emoji_share",
    "link_list_share",
    "contact_line_share",
    "stop_char_share",
    "broken_share",
    "latin1_share",
    "gbk_mojibake_share",
    "misplaced_punct_share",
    "particle_start_share",
    "fluency",
    "verse_line_share",
)
_FOUR_PLACES = (4,) * len(_SHARES)
#: Three or more of one clause mark but the marks of emphasis, which the pair tally already spares.
_MARK_RUN_RE = re.compile(r"([，、；：])\1\1+")


__all__ = [
    "LINE_END_CHARS",
    "LIST_ITEM_BULLETS",
    "PARTICLES",
    "SIGNALS",
    "STOP_CHARS",
    "gbk_mojibake_share",
    "preload_tables",
    "properties_table",
    "quality_signals",
    "quality_signals_many",
]
