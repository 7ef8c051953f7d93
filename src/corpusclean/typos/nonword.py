"""Non-word slips: a character that turns a common word into a string that is no word at all.

A typist who means 计划 and picks 己 from the input method's list writes 己划,
which no dictionary has. For every Han character of a text, the detector looks
up the words of two to four characters that the character would complete if it
were swapped for one of the same loose reading (see
:mod:`~corpusclean.typos.pinyin`) or, optionally, of a similar shape, where the
span as written is not a word. Each such swap is scored by how much more
probable it makes the best segmentation of a small window around it: a
unigram segmentation (as ``jieba`` does) over the shipped word list
(:mod:`~corpusclean.typos.reference`), with and without the swap. So 己划
becomes 计划 (one common word instead of two rare characters), while 不施工
stays (不是/工 is no better than 不/施工: the span straddles a word boundary).

How it stays fast: every slip form of every word is indexed once per process
as an integer key (the word with the swapped character replaced by its loose
syllable id); a text is scanned with one vectorised lookup per word length and
position, and only the few candidates found are segmented, all at once, in numpy.

Guards: nothing is flagged inside a listed name (jieba's proper nouns,
pycorrector's person and place names), an idiom or set phrase of the text as
written, in a window with a numeral, across non-Han text, or between two
characters that OpenCC treats as variants (計/计); names of people are never
suggested.

Calibration: the confidence is a logistic function of the segmentation gain
and a few properties of the swap (:data:`WEIGHTS`), fitted by
``benchmarks/eval_csc.py --fit`` on the ``*.train`` files of the csc-dev set (law
and medicine; the ``*.test`` files are held out). The default threshold,
:data:`DEFAULT_NONWORD_THRESHOLD`, is where the fitted confidences give a flag
precision near 0.9 on the training files; see ``docs/typo-reference.md`` for
the held-out figures.

>>> detector = NonWordDetector()
>>> [(h.text, h.suggestion) for h in detector.find("这是程序正档原则的要求")]
[('档', '当')]
>>> detector.find("这是程序正当原则的要求")
[]
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import numpy as np

from .guards import NUMERAL_TABLE, is_han_table
from .ngrams import CHAR_BITS, NgramStats, member, string_codes
from .pinyin import loose_syllable, syllable_ids, syllable_table
from .readings import shipped_readings
from .reference import IDIOM, NUMERAL, PERSON, PROPER, Reference, gram_keys, reference

#: Flag at or above this confidence by default (precision near 0.9 on the calibration data).
DEFAULT_NONWORD_THRESHOLD = 0.5
#: A word is suggested only if the word list has seen it at least this often.
MIN_TARGET_FREQ = 20
#: Characters of context on each side of the span in the segmentation window.
CONTEXT = 3
#: The features a swap is scored on (:meth:`NonWordDetector.features`).
FEATURES = ("gain", "target_log_prob", "exact_reading", "shape", "length_3", "length_4")
#: Logistic weights of :data:`FEATURES`, then the intercept.
WEIGHTS: tuple[float, ...] = (0.459, 0.161, 1.915, 2.132, 1.31, 0.698, -3.634)


@dataclass(frozen=True)
class NonWordHit:
    """A flagged character, the character suggested for it, and why."""

    start: int
    end: int
    text: str
    suggestion: str
    confidence: float
    reason: str


@dataclass(frozen=True)
class SlipIndex:
    """Every slip form of every suggestible word, as sorted integer keys per word length.

    A pinyin slip form is the word with one character replaced by its loose
    syllable id (a small integer, never a Han code point), so a text window
    matches it whenever its character there reads alike; a shape slip form is
    the word with one character replaced by a similar-looking one.
    """

    #: Per length (index 2 to 4): sorted pinyin slip keys, the target row and the position of each.
    sound_keys: tuple[np.ndarray, ...]
    sound_rows: tuple[np.ndarray, ...]
    sound_pos: tuple[np.ndarray, ...]
    #: The same for shape slips (exact keys of the slipped string).
    shape_keys: tuple[np.ndarray, ...]
    shape_rows: tuple[np.ndarray, ...]
    shape_pos: tuple[np.ndarray, ...]


def _word_syllable_ids(ref: Reference, *, l_n: bool, f_h: bool) -> np.ndarray:
    """Loose syllable id of every character of every word, word-level where the phrase dictionary has it."""
    ids = np.asarray(syllable_table(l_n=l_n, f_h=f_h)[ref.chars])
    ids[ref.chars == 0] = 0
    names = syllable_ids(l_n=l_n, f_h=f_h)
    for word, syllables in shipped_readings().words.items():
        if len(word) <= 4 and (row := ref.row(word)) >= 0:
            ids[row, : len(word)] = [names.get(loose_syllable(s, l_n=l_n, f_h=f_h), 0) for s in syllables]
    return ids


def _sorted(keys: list[np.ndarray], rows: list[np.ndarray], pos: list[np.ndarray]) -> tuple[np.ndarray, ...]:
    k, r, p = np.concatenate(keys), np.concatenate(rows), np.concatenate(pos)
    order = np.argsort(k, kind="stable")
    return k[order], r[order], p[order].astype(np.uint8)


@cache
def slip_index(*, l_n: bool = False, f_h: bool = False) -> SlipIndex:
    """The slip forms of the shipped reference's words, built once per process (about a second)."""
    ref = reference()
    syllables = _word_syllable_ids(ref, l_n=l_n, f_h=f_h)
    target = (ref.freqs >= MIN_TARGET_FREQ) & ((ref.tags & (PERSON | NUMERAL)) == 0)
    shape_of = _shape_neighbours(ref)
    empty = np.zeros(0, np.uint64)
    sound: list[tuple[np.ndarray, ...]] = [(empty, empty, empty)] * 2
    shape: list[tuple[np.ndarray, ...]] = [(empty, empty, empty)] * 2
    for length in range(2, 5):
        rows = np.flatnonzero(target & (ref.lengths == length))
        chars = ref.chars[rows, :length]
        keys, kept, where = [], [], []
        s_keys, s_kept, s_where = [], [], []
        for p in range(length):
            ok = syllables[rows, p] > 0
            columns = [chars[ok, i] for i in range(length)]
            columns[p] = syllables[rows[ok], p]
            keys.append(gram_keys(columns))
            kept.append(rows[ok])
            where.append(np.full(ok.sum(), p))
            # shape slips: one row per similar-looking character of the character at p
            lo, hi = shape_of.span(chars[:, p])
            reps = hi - lo
            if reps.sum():
                expanded = np.repeat(np.arange(len(rows)), reps)
                first = np.repeat(np.cumsum(reps) - reps, reps)
                similar = shape_of.values[np.repeat(lo, reps) + (np.arange(len(expanded)) - first)]
                columns = [chars[expanded, i] for i in range(length)]
                columns[p] = similar
                s_keys.append(gram_keys(columns))
                s_kept.append(rows[expanded])
                s_where.append(np.full(len(expanded), p))
        sound.append(_sorted(keys, kept, where))
        shape.append(_sorted(s_keys, s_kept, s_where) if s_keys else (empty, empty, empty))
    return SlipIndex(
        tuple(s[0] for s in sound),
        tuple(s[1] for s in sound),
        tuple(s[2] for s in sound),
        tuple(s[0] for s in shape),
        tuple(s[1] for s in shape),
        tuple(s[2] for s in shape),
    )


@dataclass(frozen=True)
class _Neighbours:
    """Sorted (character, neighbour) pairs: the similar-looking characters of each character."""

    keys: np.ndarray
    values: np.ndarray

    def span(self, chars: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.searchsorted(self.keys, chars, "left"), np.searchsorted(self.keys, chars, "right")


def _shape_neighbours(ref: Reference) -> _Neighbours:
    pairs = {(ord(a), ord(b)) for group in ref.shapes for a in group for b in group if a != b}
    ordered = sorted(pairs)
    return _Neighbours(
        np.array([a for a, _ in ordered], np.uint64), np.array([b for _, b in ordered], np.uint64)
    )


@dataclass
class _Candidates:
    """Swaps found in one text, one row each."""

    start: np.ndarray  # first character of the word the swap would complete
    length: np.ndarray
    at: np.ndarray  # the swapped character
    row: np.ndarray  # the word's reference row
    shape: np.ndarray  # True for a shape slip

    def where(self, keep: np.ndarray) -> _Candidates:
        return _Candidates(
            self.start[keep], self.length[keep], self.at[keep], self.row[keep], self.shape[keep]
        )

    def __len__(self) -> int:
        return len(self.start)


def _windows(codes: np.ndarray, length: int) -> list[np.ndarray]:
    n = len(codes) - length + 1
    return [codes[i : i + n] for i in range(length)]


def _lookup(keys: np.ndarray, table: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions of ``keys`` found in ``table`` and, for each match, the index of the table entry."""
    lo = np.searchsorted(table, keys, "left")
    hi = np.searchsorted(table, keys, "right")
    found = np.flatnonzero(hi > lo)
    lo, hi = lo[found], hi[found]
    reps = hi - lo
    positions = np.repeat(found, reps)
    first = np.repeat(np.cumsum(reps) - reps, reps)
    return positions, np.repeat(lo, reps) + (np.arange(len(positions)) - first), reps


class NonWordDetector:
    """Flags characters that turn a word into a non-word, with the word's character as the suggestion.

    Uses the shipped reference alone; :meth:`use_corpus` adds the counts of a
    corpus. ``shapes`` also considers similar-looking characters (pycorrector's
    ``same_stroke.txt``); ``l_n`` and ``f_h`` also treat l/n and f/h as confusable.
    """

    def __init__(
        self,
        *,
        threshold: float = DEFAULT_NONWORD_THRESHOLD,
        shapes: bool = True,
        l_n: bool = False,
        f_h: bool = False,
        never_flag: Iterable[str] = (),
        weights: tuple[float, ...] = WEIGHTS,
    ) -> None:
        self.threshold = threshold
        self.shapes = shapes
        self.l_n, self.f_h = l_n, f_h
        self.never_flag = tuple(never_flag)
        self.weights = np.asarray(weights, dtype=np.float64)
        self.corpus: NgramStats | None = None

    def preload(self) -> None:
        """Load the reference and build the slip index now rather than on the first text."""
        slip_index(l_n=self.l_n, f_h=self.f_h)
        syllable_table(l_n=self.l_n, f_h=self.f_h)
        is_han_table()

    def use_corpus(self, stats: NgramStats) -> None:
        """Combine the reference with a corpus's counts (``None`` to go back to the reference alone)."""
        self.corpus = stats

    def find(self, text: str, *, threshold: float | None = None) -> list[NonWordHit]:
        """The flagged characters of ``text``, left to right, at or above the threshold."""
        limit = self.threshold if threshold is None else threshold
        scored = self.candidates(text)
        if scored is None:
            return []
        cands, features, gains = scored
        confidence = self.confidence(features)
        return self._pick(text, cands, confidence, gains, limit)

    def confidence(self, features: np.ndarray) -> np.ndarray:
        """The logistic confidence of each row of features (see :data:`WEIGHTS`)."""
        z = features @ self.weights[:-1] + self.weights[-1]
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def candidates(self, text: str) -> tuple[_Candidates, np.ndarray, np.ndarray] | None:
        """The swaps of ``text`` that pass the guards, their features and segmentation gains."""
        if len(text) < 2:
            return None
        ref = reference()
        codes = string_codes(text)
        han = is_han_table()[codes]
        if han.sum() < 2:
            return None
        cands = self._scan(codes, han)
        if not len(cands):
            return None
        cands = self._guard(ref, codes, han, cands)
        if not len(cands):
            return None
        gains = self._gains(ref, codes, han, cands)
        keep = gains > 0
        if not keep.any():
            return None
        cands, gains = cands.where(keep), gains[keep]
        return cands, self.features(ref, codes, cands, gains), gains

    def _scan(self, codes: np.ndarray, han: np.ndarray) -> _Candidates:
        index = slip_index(l_n=self.l_n, f_h=self.f_h)
        syllable = syllable_table(l_n=self.l_n, f_h=self.f_h)[codes]
        starts, lengths, ats, rows, shapes = [], [], [], [], []
        run = np.concatenate([[0], np.cumsum(~han)])  # non-Han characters so far
        for length in range(2, 5):
            if len(codes) < length:
                break
            n = len(codes) - length + 1
            all_han = run[length : length + n] == run[:n]
            windows = _windows(codes, length)
            tables = [(index.sound_keys[length], index.sound_rows[length], index.sound_pos[length], False)]
            if self.shapes:
                tables.append(
                    (index.shape_keys[length], index.shape_rows[length], index.shape_pos[length], True)
                )
            for keys_table, rows_table, pos_table, is_shape in tables:
                if not len(keys_table):
                    continue
                queries: list[tuple[np.ndarray, int | None]] = []
                if is_shape:
                    queries.append((gram_keys(windows), None))
                else:
                    for slot_p in range(length):
                        columns = list(windows)
                        columns[slot_p] = syllable[slot_p : slot_p + n]
                        queries.append((gram_keys(columns), slot_p))
                for keys, p in queries:
                    where = np.flatnonzero(all_han)
                    pos, entry, _ = _lookup(keys[where], keys_table)
                    if not len(pos):
                        continue
                    start = where[pos]
                    slot = pos_table[entry].astype(np.int64)
                    if p is not None:
                        keep = slot == p
                        start, slot, entry = start[keep], slot[keep], entry[keep]
                    starts.append(start)
                    lengths.append(np.full(len(start), length))
                    ats.append(start + slot)
                    rows.append(rows_table[entry].astype(np.int64))
                    shapes.append(np.full(len(start), is_shape))
        if not starts:
            empty = np.zeros(0, np.int64)
            return _Candidates(empty, empty, empty, empty, np.zeros(0, bool))
        return _Candidates(
            np.concatenate(starts),
            np.concatenate(lengths),
            np.concatenate(ats),
            np.concatenate(rows),
            np.concatenate(shapes),
        )

    def _guard(self, ref: Reference, codes: np.ndarray, han: np.ndarray, c: _Candidates) -> _Candidates:
        target_char = ref.chars[c.row, c.at - c.start]
        keep = target_char != codes[c.at]  # the span as written is the word itself
        c = c.where(keep)
        if not len(c):
            return c
        # the span as written must not be a word
        spans = np.zeros(len(c), np.int64)
        for length in range(2, 5):
            sel = c.length == length
            if sel.any():
                cols = [codes[c.start[sel] + i] for i in range(length)]
                spans[sel] = ref.tables[length].find(gram_keys(cols))
        keep = spans < 0
        # no numeral in the span, no variant pair
        numeral = np.zeros(len(c), bool)
        for i in range(4):
            inside = i < c.length
            numeral |= inside & NUMERAL_TABLE[codes[np.minimum(c.start + i, len(codes) - 1)]]
        keep &= ~numeral
        target_char = ref.chars[c.row, c.at - c.start]
        a, b = np.minimum(target_char, codes[c.at]), np.maximum(target_char, codes[c.at])
        keep &= ~member(ref.variant_codes, (a << CHAR_BITS) | b)
        # nothing inside a name, idiom or never-flag term of the text as written
        protected = self._protected(ref, codes, han)
        keep &= ~protected[c.at]
        return c.where(keep)

    def _protected(self, ref: Reference, codes: np.ndarray, han: np.ndarray) -> np.ndarray:
        """True at each character covered by a name, a proper noun or an idiom of the text as written."""
        covered = np.zeros(len(codes) + 1, np.int64)
        for length in range(2, 5):
            if len(codes) < length:
                break
            keys = gram_keys(_windows(codes, length))
            rows = ref.tables[length].find(keys)
            tag = np.where(rows >= 0, ref.tags[np.maximum(rows, 0)], 0)
            hit = (tag & PROPER) > 0
            if length >= 3:
                hit |= (tag & IDIOM) > 0
            hit |= member(ref.name_keys[length], keys)
            for start in np.flatnonzero(hit).tolist():
                covered[start] += 1
                covered[start + length] -= 1
        text = None
        for term in self.never_flag:
            text = text if text is not None else "".join(map(chr, codes.tolist()))
            at = text.find(term)
            while at >= 0:
                covered[at] += 1
                covered[at + len(term)] -= 1
                at = text.find(term, at + 1)
        return np.asarray(np.cumsum(covered)[:-1] > 0)

    def _gains(self, ref: Reference, codes: np.ndarray, han: np.ndarray, c: _Candidates) -> np.ndarray:
        """How much the swap raises the log-probability of the best segmentation of its window."""
        k = len(c)
        width = 4 + 2 * CONTEXT
        # the window: CONTEXT characters each side of the span, within its run of Han characters
        run_id = np.cumsum(~han)
        offsets = np.arange(-CONTEXT, 4 + CONTEXT)
        pos = c.start[:, None] + offsets[None, :]
        inside = (pos >= 0) & (pos < len(codes)) & (offsets[None, :] < (c.length[:, None] + CONTEXT))
        safe = np.clip(pos, 0, len(codes) - 1)
        inside &= han[safe] & (run_id[safe] == run_id[c.start][:, None])
        # left-align each window: drop the leading positions outside it
        lead = np.argmax(inside, axis=1)
        length = inside.sum(axis=1)
        col = np.arange(width)[None, :]
        src = np.clip(safe[np.arange(k)[:, None], np.minimum(lead[:, None] + col, width - 1)], 0, None)
        valid = col < length[:, None]
        original = np.where(valid, codes[src], 0)
        swapped = original.copy()
        at_col = c.at - (c.start - CONTEXT + lead)
        swapped[np.arange(k), at_col] = ref.chars[c.row, c.at - c.start]
        both = np.concatenate([original, swapped])
        best = self._segment(ref, both, np.concatenate([length, length]))
        return np.asarray(best[k:] - best[:k])

    @staticmethod
    def _segment(ref: Reference, windows: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The log-probability of the best segmentation of each row's first ``lengths`` characters."""
        k, width = windows.shape
        log_probs = ref.log_probs
        floor = ref.floor_log_prob
        best = np.full((k, width + 1), -np.inf)
        best[:, 0] = 0.0
        for end in range(1, width + 1):
            for size in range(1, 5):
                begin = end - size
                if begin < 0:
                    break
                rows = ref.tables[size].find(gram_keys([windows[:, begin + i] for i in range(size)]))
                lp = np.where(rows >= 0, log_probs[np.maximum(rows, 0)], floor if size == 1 else -np.inf)
                best[:, end] = np.maximum(best[:, end], best[:, begin] + lp)
        return np.asarray(best[np.arange(k), lengths])

    def features(self, ref: Reference, codes: np.ndarray, c: _Candidates, gains: np.ndarray) -> np.ndarray:
        readings = shipped_readings().char_ids
        target_char = ref.chars[c.row, c.at - c.start]
        exact = readings[codes[c.at]] == readings[target_char]
        return np.column_stack(
            [
                gains,
                ref.log_probs[c.row].astype(np.float64),
                exact & ~c.shape,
                c.shape,
                c.length == 3,
                c.length == 4,
            ]
        ).astype(np.float64)

    def _pick(
        self, text: str, c: _Candidates, confidence: np.ndarray, gains: np.ndarray, limit: float
    ) -> list[NonWordHit]:
        """The best swap at each character, then the best of overlapping words, at or above ``limit``."""
        ref = reference()
        order = np.lexsort((-gains, -confidence))
        taken = np.zeros(len(text), bool)
        hits = []
        for i in order.tolist():
            if confidence[i] < limit:
                break
            start, length, at = int(c.start[i]), int(c.length[i]), int(c.at[i])
            if taken[start : start + length].any():
                continue
            taken[start : start + length] = True
            word = ref.word(int(c.row[i]))
            kind = "shape" if c.shape[i] else "sound"
            hits.append(
                NonWordHit(
                    at,
                    at + 1,
                    text[at],
                    word[at - start],
                    round(float(confidence[i]), 4),
                    f"{text[start : start + length]!r} is not a word; {word!r} (alike in {kind}) "
                    f"makes the passage {math.exp(min(gains[i], 50.0)):.3g} times as likely",
                )
            )
        return sorted(hits, key=lambda h: h.start)
