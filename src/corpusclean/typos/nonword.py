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
syllable id, or by a look-alike); the windows of a text that are not words
are looked up in one vectorised pass through a bit filter, and only the few
candidates found are segmented, all at once, in numpy.

Guards: nothing is flagged inside a proper noun, idiom or set phrase of the
word list, or a name of pycorrector's lists, as written; right after a
surname or at one; in a span with a numeral or non-Han text; in a span
written the same way twice in the text; between two characters that OpenCC
treats as variants (計/计), or where a variant spells a word (富於). Numbers,
names of people and places of two characters are not suggested, but for the
common words jieba tags as names (顾问, 光荣: :data:`COMMON_NAME_FREQ`) and
the commonest places (中国, 北京: :data:`COMMON_PLACE_FREQ`).

Calibration: the confidence is a logistic function of :data:`FEATURES`, with
weights (``nonword_weights.json``, written by ``benchmarks/fit_nonword_news.py``)
of three fits. Without a corpus: fitted on the ``*.train`` files of the csc-dev
set (law and medicine; the ``*.test`` files are held out), real writers'
errors, as ``benchmarks/eval_csc.py --fit`` fits them; at the default
threshold the flagged characters of the held-out files are right 96% (law)
and 86% (medicine) of the time. With corpus counts, and with the counts
``flag_typos`` keeps (n-grams around listed words, and the pairs that are no
word): fitted on the same csc-dev swaps and on those of half of the People's
Daily text of January 1998 with slips injected, so that the weights know a
corpus of a newspaper's size where slips are rare; what kind of swap it is
keeps the csc-dev fit's weights, and the intercept is set so that the checker
restores as many injected slips as with the csc-dev fit alone, with about a
fifth fewer false flags. A look-alike that reads otherwise (堆 for 推) is
weaker evidence than one that also reads alike (仪 for 议): the fit gives
``shape_other_reading`` a weight of its own. ``slip_rate`` shifts the
log-odds for text with another rate of slips than the fit's. See
``docs/typo-reference.md`` for the figures and the commands.

>>> detector = NonWordDetector()
>>> [(h.text, h.suggestion) for h in detector.find("公司今年的生产己划已经完成")]
[('己', '计')]
>>> detector.find("公司今年的生产计划已经完成")
[]
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

import numpy as np

from ..errors import CorpusCleanError
from .arrays import matmul_rows, split_as
from .batch import TextBatch
from .guards import NUMERAL_TABLE, is_han_table, surname_table
from .keyset import KeySet, PairSet
from .ngrams import NgramStats, distinct, member, string_codes
from .pinyin import loose_syllable, syllable_ids, syllable_table
from .readings import CHAR_BITS, CODE_POINTS, shipped_readings
from .reference import IDIOM, PERSON, PLACE, PROPER, Reference, gram_keys, reference

#: Flag at or above this confidence by default (precision near 0.9 on the calibration data).
DEFAULT_NONWORD_THRESHOLD = 0.6
#: A word is suggested only if the word list has seen it at least this often.
MIN_TARGET_FREQ = 20
#: jieba tags many common words as names of people (文明, 道德, 顾问, 明白, 阳光: more than half
#: of its "names" seen 1,000 times or more are common words; the rarer ones are mostly names):
#: from this frequency on, such a word is suggested unless pycorrector's lists of names hold it.
COMMON_NAME_FREQ = 500
#: A place of two characters is suggested from this frequency on (中国, 北京, 美国, 日本): a
#: non-word one sound-alike away from one of them is its slip far more often than another name.
COMMON_PLACE_FREQ = 5000
#: A span written the same way this many times in one text is taken as meant, not flagged.
REPEATS = 2
#: Corpus counts are taken per this many characters of a larger corpus (a smaller one's as they are).
CORPUS_SCALE = 100_000
#: The margin feature's cap: a swap without a rival scores this.
MAX_MARGIN = 10.0
#: A proper noun of the word list protects the characters it covers from this frequency on.
MIN_PROPER_FREQ = 50
#: Characters of context on each side of the span in the segmentation window.
CONTEXT = 3
#: Swaps whose rough gain (the word's log-probability less those of the span's characters as
#: words of their own) is below this are dropped before the segmentation, to save its cost: a
#: word not much more likely than its characters apart is no evidence of a slip.
MIN_ROUGH_GAIN = 4.0
#: A swap is flagged only if it makes its window at least ``exp(MIN_GAIN)`` (about 400) times as
#: likely. Slips are rare in edited text (one character in hundreds to thousands), so weaker
#: evidence is more often a rare word, a name or a classical phrase than a slip: on news text
#: with injected slips this floor removed about a quarter of the false flags for a twentieth
#: of the right ones (``docs/typos.md``). Rivals below it still count in the margin feature.
MIN_GAIN = 6.0
#: The features a swap is scored on (:meth:`NonWordDetector.features`); the last two are zero
#: without a corpus.
FEATURES = (
    "gain",
    "target_log_prob",
    "exact_reading",
    "shape",
    "shape_other_reading",
    "length_3",
    "length_4",
    "span_inside_word",
    "written_char_log_freq",
    "written_single_log_prob",
    "target_char_log_freq",
    "margin",
    "corpus_target",
    "corpus_span",
)
#: Where the fitted weights are, beside this module (written by ``benchmarks/fit_nonword_news.py --write``).
WEIGHTS_FILE = "nonword_weights.json"
#: The fits of :data:`WEIGHTS_FILE`: without a corpus, with one counted whole, with one counted
#: around listed words only (as ``flag_typos`` counts).
FITS = ("reference", "corpus", "corpus_words_only")


@dataclass(frozen=True)
class Weights:
    """Logistic weights of :data:`FEATURES`, an intercept, and the slip rate of the data fitted on."""

    weights: tuple[float, ...]
    intercept: float
    #: Misspelt characters per character in the calibration data: the prior the intercept holds.
    slip_rate: float


@cache
def fitted_weights() -> dict[str, Weights]:
    """The shipped weights: ``reference`` (no corpus), ``corpus`` and ``corpus_words_only``.

    ``corpus_words_only`` serves statistics counted around listed words only
    (as ``flag_typos`` counts), where a span of three or four characters that
    holds no word is not counted.
    """
    data = json.loads(resources.files(__package__).joinpath(WEIGHTS_FILE).read_text(encoding="utf-8"))
    if data["features"] != list(FEATURES):
        raise CorpusCleanError(
            f"{WEIGHTS_FILE} was fitted on other features; "
            "refit it with benchmarks/fit_nonword_news.py --write"
        )
    return {
        name: Weights(tuple(fit["weights"]), fit["intercept"], fit["slip_rate"])
        for name, fit in data["fits"].items()
    }


@dataclass(frozen=True)
class NonWordHit:
    """A flagged character, the character suggested for it, and why."""

    start: int
    end: int
    text: str
    suggestion: str
    confidence: float
    reason: str
    #: The word the suggestion makes, and where it starts in the text (计划 at the 己 of 己划).
    word: str = ""
    word_start: int = -1


@dataclass(frozen=True)
class SlipIndex:
    """Every slip form of every suggestible word, as one key set.

    A sound slip form is the word with one character replaced by its loose
    syllable id (a small integer, never a Han code point), so a text window
    matches it wherever its character there reads alike; a shape slip form is
    the word with one character replaced by a similar-looking one. Forms of
    different lengths and positions never share a key (see
    :attr:`~corpusclean.typos.reference.Reference.table`).
    """

    keys: KeySet
    #: For each key: the word's reference row, the swapped position, whether it is a shape slip.
    rows: np.ndarray
    pos: np.ndarray
    shape: np.ndarray
    #: For each key: the word's log-probability less those of its other characters as words of
    #: their own; less the written character's, it is the swap's rough gain.
    base: np.ndarray


def _word_syllable_ids(ref: Reference, *, l_n: bool, f_h: bool) -> np.ndarray:
    """Loose syllable id of every character of every word, word-level where the phrase dictionary has it."""
    ids = np.asarray(syllable_table(l_n=l_n, f_h=f_h)[ref.chars])
    ids[ref.chars == 0] = 0
    names = syllable_ids(l_n=l_n, f_h=f_h)
    readings = shipped_readings().words
    for length in range(1, 5):  # the words of each length looked up at once
        read = [(word, syllables) for word, syllables in readings.items() if len(word) == length]
        codes = string_codes("".join(word for word, _ in read)).reshape(-1, length)
        rows = ref.table.find(gram_keys([codes[:, i] for i in range(length)]))
        for (_, syllables), row in zip(read, rows.tolist(), strict=True):
            if row >= 0:
                ids[row, :length] = [names.get(loose_syllable(s, l_n=l_n, f_h=f_h), 0) for s in syllables]
    return ids


@cache
def slip_index(*, l_n: bool = False, f_h: bool = False) -> SlipIndex:
    """The slip forms of the shipped reference's words, built once per process (about a second)."""
    ref = reference()
    syllables = _word_syllable_ids(ref, l_n=l_n, f_h=f_h)
    # names of people and places are not suggested: 江苏 for 将苏 in 学生将苏康码 is a guess at a name;
    # but a place of three or four characters is (东南亚 for 动南亚: two characters already agree),
    # and so are the most common places, and the common words jieba tags as names
    place = ((ref.tags & PLACE) != 0) & (ref.lengths < 3) & (ref.freqs < COMMON_PLACE_FREQ)
    person = ((ref.tags & PERSON) != 0) & ((ref.freqs < COMMON_NAME_FREQ) | _listed_names(ref))
    target = (ref.freqs >= MIN_TARGET_FREQ) & ~person & ~place
    # nor are numbers (三个 for 散个); jieba's numerals without a numeral character (许多, 很多) are
    target &= ~NUMERAL_TABLE[ref.chars.astype(np.int64)].any(axis=1)
    shape_keys, shape_values = _shape_neighbours(ref)
    keys, rows, pos, shape = [], [], [], []
    for length in range(2, 5):
        words = np.flatnonzero(target & (ref.lengths == length))
        chars = ref.chars[words, :length]
        for p in range(length):
            ok = syllables[words, p] > 0
            columns = [chars[ok, i] for i in range(length)]
            columns[p] = syllables[words[ok], p]
            keys.append(gram_keys(columns))
            rows.append(words[ok])
            pos.append(np.full(len(rows[-1]), p))
            shape.append(np.zeros(len(rows[-1]), bool))
            # one shape slip form per similar-looking character of the character at p
            lo = np.searchsorted(shape_keys, chars[:, p], "left")
            reps = np.searchsorted(shape_keys, chars[:, p], "right") - lo
            which = np.repeat(np.arange(len(words)), reps)
            first = np.repeat(np.cumsum(reps) - reps, reps)
            columns = [chars[which, i] for i in range(length)]
            columns[p] = shape_values[np.repeat(lo, reps) + (np.arange(len(which)) - first)]
            keys.append(gram_keys(columns))
            rows.append(words[which])
            pos.append(np.full(len(which), p))
            shape.append(np.ones(len(which), bool))
    all_keys = np.concatenate(keys)
    order = np.argsort(all_keys, kind="stable")
    all_rows = np.concatenate(rows)[order].astype(np.int32)
    all_pos = np.concatenate(pos)[order].astype(np.int8)
    # per word of the reference, then per slip form: a word has many forms
    singles = single_log_probs()[ref.chars.astype(np.int64)]
    others = np.where(np.arange(4)[None, :] < ref.lengths[:, None].astype(np.int64), singles, 0.0).sum(axis=1)
    base = (ref.log_probs - others)[all_rows] + singles[all_rows, all_pos]
    del singles, others
    return SlipIndex(
        KeySet.of(all_keys[order]), all_rows, all_pos, np.concatenate(shape)[order], base.astype(np.float32)
    )


def _listed_names(ref: Reference) -> np.ndarray:
    """Whether each word of the reference is a name of pycorrector's lists (江泽民, 李鹏)."""
    return ref.name_keys.has(_keys([ref.chars[:, i] for i in range(4)], ref.lengths.astype(np.int64)))


def _shape_neighbours(ref: Reference) -> tuple[np.ndarray, np.ndarray]:
    """Sorted (character, similar-looking character) pairs as two code arrays."""
    pairs = sorted({(ord(a), ord(b)) for group in ref.shapes for a in group for b in group if a != b})
    return np.array([a for a, _ in pairs], np.uint64), np.array([b for _, b in pairs], np.uint64)


@cache
def single_log_probs() -> np.ndarray:
    """The log-probability of every code point as a word of its own (the floor for those not listed)."""
    ref = reference()
    table = np.full(CODE_POINTS, ref.floor_log_prob, np.float32)
    singles = np.flatnonzero(ref.lengths == 1)
    table[ref.chars[singles, 0].astype(np.int64)] = ref.log_probs[singles]
    return table


@cache
def char_log_freqs() -> np.ndarray:
    """The log of each code point's total frequency in the words of the reference (0 when absent)."""
    ref = reference()
    inside = np.arange(4)[None, :] < ref.lengths[:, None].astype(np.int64)
    weights = np.broadcast_to(ref.freqs[:, None], inside.shape)[inside].astype(np.float64)
    totals = np.bincount(ref.chars[inside].astype(np.int64), weights=weights, minlength=CODE_POINTS)
    return np.log1p(totals).astype(np.float32)


@cache
def inner_spans() -> KeySet:
    """Keys of the strings of two or three characters found inside longer words of the reference.

    A span as written that is part of a listed word (宫腔 of 宫腔镜) is more
    likely a term the word list lacks than a slip.
    """
    ref = reference()
    keys = []
    for length in (3, 4):
        chars = ref.chars[ref.lengths == length]
        for size in range(2, length):
            for begin in range(length - size + 1):
                keys.append(gram_keys([chars[:, begin + i] for i in range(size)]))
    return KeySet.of(distinct(np.concatenate(keys)))


@cache
def word_pairs() -> PairSet:
    """The reference's words of two characters, as pairs."""
    ref = reference()
    chars = ref.chars[ref.lengths == 2]
    return PairSet.of(gram_keys([chars[:, 0], chars[:, 1]]))


@cache
def inner_pairs() -> PairSet:
    """The pairs of characters found inside longer words of the reference (:func:`inner_spans`' bigrams)."""
    keys = inner_spans().keys
    return PairSet.of(keys[keys < np.uint64(1 << (2 * CHAR_BITS))])


@dataclass
class Swaps:
    """Swaps found in one text, one row each (the candidates :meth:`NonWordDetector.candidates` scores)."""

    #: First character of the word the swap would complete, and its length.
    start: np.ndarray
    length: np.ndarray
    #: The swapped character.
    at: np.ndarray
    #: The word's row in the reference.
    row: np.ndarray
    #: True for a look-alike, False for a sound-alike.
    shape: np.ndarray

    def where(self, keep: np.ndarray) -> Swaps:
        return Swaps(self.start[keep], self.length[keep], self.at[keep], self.row[keep], self.shape[keep])

    def __len__(self) -> int:
        return len(self.start)


def _span_keys(codes: np.ndarray, start: np.ndarray, length: np.ndarray) -> np.ndarray:
    """Keys of the spans of ``length`` (2 to 4) characters starting at each of ``start``."""
    last = len(codes) - 1
    return _keys([codes[np.minimum(start + i, last)] for i in range(4)], length)


def _keys(columns: list[np.ndarray], length: np.ndarray) -> np.ndarray:
    """Keys of rows of four code columns, each row cut to its ``length`` (2 to 4)."""
    keys = np.zeros(len(length), np.uint64)
    for size in (2, 3, 4):
        sel = length == size
        if sel.any():
            keys[sel] = gram_keys([column[sel] for column in columns[:size]])
    return keys


#: Every word of two to four characters around a character: its size, and where the character is in it.
_SIZES = np.array([size for size in range(2, 5) for _ in range(size)])
_OFFSETS = np.array([offset for size in range(2, 5) for offset in range(size)])


class NonWordDetector:
    """Flags characters that turn a word into a non-word, with the word's character as the suggestion.

    Uses the shipped reference alone; :meth:`use_corpus` adds the counts of a
    corpus. ``shapes`` also considers similar-looking characters (pycorrector's
    ``same_stroke.txt``); ``l_n`` and ``f_h`` also treat l/n and f/h as
    confusable; nothing inside a ``never_flag`` term is flagged.
    """

    def __init__(
        self,
        *,
        threshold: float = DEFAULT_NONWORD_THRESHOLD,
        shapes: bool = True,
        l_n: bool = False,
        f_h: bool = False,
        never_flag: Iterable[str] = (),
        slip_rate: float | None = None,
        weights: Weights | None = None,
    ) -> None:
        self.threshold = threshold
        self.shapes = shapes
        self.l_n, self.f_h = l_n, f_h
        self.never_flag = tuple(never_flag)
        self.slip_rate = slip_rate
        self._weights = weights
        self.corpus: NgramStats | None = None

    @property
    def weights(self) -> Weights:
        """The weights in use: given ones, else the shipped ones for the reference alone or with a corpus."""
        if self._weights is not None:
            return self._weights
        if self.corpus is None:
            return fitted_weights()["reference"]
        return fitted_weights()["corpus_words_only" if self.corpus.words_only else "corpus"]

    def preload(self) -> None:
        """Load the reference and build the slip index now rather than on the first text."""
        slip_index(l_n=self.l_n, f_h=self.f_h)
        syllable_table(l_n=self.l_n, f_h=self.f_h)
        single_log_probs()
        char_log_freqs()
        inner_spans()
        inner_pairs()
        word_pairs()
        variant_table()
        is_han_table()

    def use_corpus(self, stats: NgramStats | None) -> None:
        """Combine the reference with a corpus's counts (``None`` to go back to the reference alone).

        A text that was part of the corpus is recognised by its fingerprint and
        left out of its own counts.
        """
        self.corpus = stats

    def find(self, text: str, *, threshold: float | None = None) -> list[NonWordHit]:
        """The flagged characters of ``text``, left to right, at or above the threshold."""
        return self.find_many([text], threshold=threshold)[0]

    def find_many(self, texts: Sequence[str], *, threshold: float | None = None) -> list[list[NonWordHit]]:
        """:meth:`find` of each of ``texts``, scanned as one batch (:mod:`~corpusclean.typos.batch`)."""
        return self.find_batch(TextBatch.of(texts), threshold=threshold)

    def find_batch(self, batch: TextBatch, *, threshold: float | None = None) -> list[list[NonWordHit]]:
        """:meth:`find_many` of the texts of ``batch`` (which another detector may scan too)."""
        limit = self.threshold if threshold is None else threshold
        found: list[list[NonWordHit]] = [[] for _ in batch.texts]
        scored = self._candidates(batch)
        if scored is None:
            return found
        cands, features, gains = scored
        for hit in self._pick(batch.joined, cands, self.confidence(features), gains, limit):
            d = int(batch.doc[hit.start])
            first = int(batch.starts[d])
            found[d].append(
                replace(hit, start=hit.start - first, end=hit.end - first, word_start=hit.word_start - first)
            )
        return found

    def confidence(self, features: np.ndarray) -> np.ndarray:
        """The logistic confidence of each row of features (see :data:`FEATURES`).

        With a ``slip_rate`` other than the calibration data's, the log-odds
        move by the log of their ratio (the prior of a slip changes, the
        evidence does not).
        """
        w = self.weights
        z = matmul_rows(features, np.asarray(w.weights)) + w.intercept
        if self.slip_rate is not None:
            z += math.log(self.slip_rate / w.slip_rate)
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def candidates(
        self, text: str, *, min_gain: float | None = None
    ) -> tuple[Swaps, np.ndarray, np.ndarray] | None:
        """The swaps of ``text`` that pass the guards and ``min_gain``, their features and gains.

        ``min_gain`` defaults to :data:`MIN_GAIN`. The weights are fitted on every
        swap that makes its window more likely (``min_gain=0``); the floor is a
        choice of its own, made after the fit.
        """
        return self._candidates(TextBatch.of([text]), min_gain=min_gain)

    def _candidates(
        self, batch: TextBatch, *, min_gain: float | None = None
    ) -> tuple[Swaps, np.ndarray, np.ndarray] | None:
        """:meth:`candidates` of every text of ``batch`` at once, at positions in the joined text."""
        codes = batch.codes
        if len(codes) < 2:
            return None
        ref = reference()
        cands = self._scan(codes)
        if not len(cands):
            return None
        cands, spans = self._guard(ref, batch, cands)
        if not len(cands):
            return None
        gains = self._gains(ref, codes, cands)
        keep = gains > 0
        if not keep.any():
            return None
        cands, spans, gains = cands.where(keep), spans[keep], gains[keep]
        features = self.features(ref, batch, cands, spans, gains)
        keep = gains >= (MIN_GAIN if min_gain is None else min_gain)
        if not keep.any():
            return None
        return cands.where(keep), features[keep], gains[keep]

    def _scan(self, codes: np.ndarray) -> Swaps:
        """Every window that is no word but one sound-alike (or look-alike) character away from one."""
        ref = reference()
        index = slip_index(l_n=self.l_n, f_h=self.f_h)
        syllable = syllable_table(l_n=self.l_n, f_h=self.f_h)[codes]
        # characters that may take part: Han, not numerals
        usable = is_han_table()[codes] & ~NUMERAL_TABLE[codes]
        run = np.concatenate([[0], np.cumsum(~usable)])
        # whether each pair of neighbours is found inside some word of three or four characters
        inner = np.zeros(len(codes), bool)
        if len(codes) > 1:
            inner[:-1] = inner_pairs().has(gram_keys([codes[:-1], codes[1:]]))
        # the windows of two to four usable characters that are no words as written (a word as
        # written is not a non-word slip), all looked up at once
        windows = {
            length: np.flatnonzero(run[length:] == run[: len(run) - length])
            for length in range(2, min(4, len(codes)) + 1)
        }
        exact = [gram_keys([codes[begin + i] for i in range(length)]) for length, begin in windows.items()]
        # the pairs are asked of the two-character words as bits, the longer windows of the key set
        words = [word_pairs().has(exact[0])]
        if len(exact) > 1:
            words += split_as(ref.table.keys.has(np.concatenate(exact[1:])), *exact[1:])
        queries, starts, lengths, slots = [], [], [], []
        for (length, begin), key, word in zip(windows.items(), exact, words, strict=True):
            open_ = begin[~word]
            columns = [codes[open_ + i] for i in range(length)]
            everywhere = np.ones(len(open_), bool)
            for p in range(length):
                # in a word of three or four characters, the pairs of neighbours the swap leaves
                # alone must be pairs found inside words
                sel = everywhere
                for j in range(length - 1) if length >= 3 else ():
                    if j not in (p - 1, p):
                        sel = sel & inner[open_ + j]
                swapped = [syllable[open_ + p] if i == p else column for i, column in enumerate(columns)]
                queries.append(gram_keys(swapped)[sel])
                starts.append(open_[sel])
                lengths.append(length)
                slots.append(p)
            if self.shapes:
                # a look-alike slip form is keyed by the characters as written; in a word of four
                # characters it leaves the first or the last pair alone
                sel = inner[open_] | inner[open_ + 2] if length == 4 else everywhere
                queries.append(key[~word][sel])
                starts.append(open_[sel])
                lengths.append(length)
                slots.append(-1)
        sizes = np.array([len(q) for q in queries])
        hit, entry, _ = index.keys.ranges(np.concatenate(queries))
        which = np.searchsorted(np.cumsum(sizes), hit, "right")  # the query array of each match
        start = np.concatenate(starts)[hit]
        word_length, slot = np.array(lengths)[which], np.array(slots)[which]
        pos = index.pos[entry]
        # a rough gain: the word against its span's characters as words of their own
        keep = index.base[entry] - single_log_probs()[codes[start + pos]] >= MIN_ROUGH_GAIN
        keep &= np.where(slot >= 0, (pos == slot) & ~index.shape[entry], index.shape[entry])
        keep &= ref.lengths[index.rows[entry]] == word_length
        start, entry = start[keep], entry[keep]
        return Swaps(start, word_length[keep], start + pos[keep], index.rows[entry], index.shape[entry])

    def _guard(self, ref: Reference, batch: TextBatch, c: Swaps) -> tuple[Swaps, np.ndarray]:
        """The candidates that pass every guard (see the module docstring), and the keys of their spans."""
        codes = batch.codes
        target_char = ref.chars[c.row, c.at - c.start]
        written = codes[c.at]
        a, b = np.minimum(target_char, written), np.maximum(target_char, written)
        keep = ~member(ref.variant_codes, (a << CHAR_BITS) | b)
        c = c.where(keep)
        spans = _span_keys(codes, c.start, c.length)
        places, inverse = np.unique(c.at, return_inverse=True)
        keep = ~self._protected(ref, batch, places)[inverse]
        keep &= ~self._after_surname(ref, batch, c)
        c, spans = c.where(keep), spans[keep]
        # a span written the same way twice in the text is meant (a term, a name): the
        # starts of each (text, span) are counted
        doc = batch.doc[c.start]
        order = np.lexsort((c.start, spans, doc))
        s, begin, d = spans[order], c.start[order], doc[order]
        first = np.ones(len(c), bool)  # the first candidate of each (span, start)
        first[1:] = (s[1:] != s[:-1]) | (begin[1:] != begin[:-1])
        group = np.ones(len(c), bool)  # the first candidate of each (text, span)
        group[1:] = (s[1:] != s[:-1]) | (d[1:] != d[:-1])
        ids = np.cumsum(group) - 1
        counts = np.empty(len(c), np.int64)
        counts[order] = np.bincount(ids, weights=first).astype(np.int64)[ids] if len(c) else ids
        keep = counts < REPEATS
        keep &= ~_variant_spells_a_word(ref, codes, c)
        return c.where(keep), spans[keep]

    @staticmethod
    def _after_surname(ref: Reference, batch: TextBatch, c: Swaps) -> np.ndarray:
        """True where the word would start at the swapped character, right after a surname.

        张昭 is a name before it is a slip for 张照; but 关于坏境 is a slip for
        关于环境, so a surname that ends a word as written (关于) does not count.
        """
        codes, surnames = batch.codes, surname_table()
        before = np.maximum(c.at - 1, 0)
        # the character before a text's first is the separator, no surname
        hit = (c.at == c.start) & (c.at > 0) & surnames[codes[before]]
        for size in range(2, 5) if hit.any() else ():
            begin = c.at - size
            ok = np.flatnonzero(hit & (begin >= batch.starts[batch.doc[c.at]]))
            keys = _span_keys(codes, begin[ok], np.full(len(ok), size))
            hit[ok[ref.table.find(keys) >= 0]] = False
        # and a surname that would become the first character of a word: 阎肃 is a name
        # before it is a slip for 严肃
        return np.asarray(hit | ((c.at == c.start) & surnames[codes[c.at]]))

    def _protected(self, ref: Reference, batch: TextBatch, at: np.ndarray) -> np.ndarray:
        """True at each of ``at`` inside a name, proper noun, idiom or never-flag term as written."""
        codes = batch.codes
        starts = at[:, None] - _OFFSETS[None, :]
        first = batch.starts[batch.doc[at]][:, None]  # the words around ``at`` inside its text
        ok = (starts >= first) & (starts + _SIZES[None, :] <= first + batch.lengths[batch.doc[at]][:, None])
        owner = np.nonzero(ok)[0]
        start, size = starts[ok], np.broadcast_to(_SIZES, starts.shape)[ok]
        keys = _span_keys(codes, start, size)
        rows = ref.table.find(keys)
        tag = np.where(rows >= 0, ref.tags[np.maximum(rows, 0)], 0)
        # jieba tags some rare strings as names (戴表, 里人: frequency 3); those do not count
        freq = np.where(rows >= 0, ref.freqs[np.maximum(rows, 0)], 0)
        covered = ((tag & PROPER) > 0) & (freq >= MIN_PROPER_FREQ)
        covered |= ((tag & IDIOM) > 0) & (size >= 3)
        # pycorrector's names of two characters are too often plain words (富发), so only longer ones
        covered |= ref.name_keys.has(keys) & (size >= 3)
        hit = np.zeros(len(at), bool)
        hit[owner[covered]] = True
        if self.never_flag:
            text = batch.joined
            ends = batch.starts + batch.lengths
            for term in filter(None, self.never_flag):
                begin = text.find(term)
                while begin >= 0:
                    if begin + len(term) <= ends[batch.doc[begin]]:  # inside one text
                        hit |= (at >= begin) & (at < begin + len(term))
                    begin = text.find(term, begin + 1)
        return hit

    def _gains(self, ref: Reference, codes: np.ndarray, c: Swaps) -> np.ndarray:
        """How much the swap raises the log-probability of the best segmentation of its window."""
        han = is_han_table()[codes]
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
        # the windows as written: candidates that share a span share one
        first_of, inverse = np.unique(c.start * 8 + c.length, return_index=True, return_inverse=True)[1:]
        inverse = inverse.ravel()
        rows = first_of[:, None]
        src = safe[rows, np.minimum(lead[first_of][:, None] + col, width - 1)]
        original = np.where(col < length[first_of][:, None], codes[src], 0)
        written = _substring_log_probs(ref, original)[:, inverse]
        # swapped: only the substrings over the swapped character change
        at_col = c.at - (c.start - CONTEXT + lead)
        windows = original[inverse]
        windows[np.arange(k), at_col] = ref.chars[c.row, c.at - c.start]
        places, columns, keys = [], [], []  # each changed substring: its row, its window, its key
        for size, first in enumerate(_SUBSTRING_ROWS[:-1], start=1):
            for back in range(size):
                begin = at_col - back
                ok = np.flatnonzero((begin >= 0) & (begin <= width - size))
                places.append(first + begin[ok])
                columns.append(ok)
                keys.append(gram_keys([windows[ok, begin[ok] + i] for i in range(size)]))
        row, column = np.concatenate(places), np.concatenate(columns)
        found = _log_probs(ref, np.concatenate(keys))
        swapped = written.copy()
        swapped[row, column] = np.where(row < width, np.maximum(found, ref.floor_log_prob), found)
        best = _best_segmentation(
            np.concatenate([written, swapped], axis=1), np.concatenate([length, length])
        )
        return np.asarray(best[k:] - best[:k])

    def features(
        self, ref: Reference, batch: TextBatch, c: Swaps, spans: np.ndarray, gains: np.ndarray
    ) -> np.ndarray:
        """One row of :data:`FEATURES` per candidate."""
        codes = batch.codes
        readings = shipped_readings().char_ids
        target_char = ref.chars[c.row, c.at - c.start]
        exact = readings[codes[c.at]] == readings[target_char]
        syllables = syllable_table(l_n=self.l_n, f_h=self.f_h)
        other_reading = c.shape & (syllables[codes[c.at]] != syllables[target_char])
        char_freqs = char_log_freqs()
        corpus_target, corpus_span = self._corpus_counts(ref, batch, c, spans)
        # counts per CORPUS_SCALE characters, so that weights fitted on one corpus serve a larger
        # one; a smaller corpus's few sightings are not scaled up (three uses of 大会 in 19,000
        # characters would read as sixteen, and speak for 大会 in 十九大绘就)
        scale = min(1.0, CORPUS_SCALE / max(self.corpus.chars, 1)) if self.corpus is not None else 0.0
        return np.column_stack(
            [
                gains,
                ref.log_probs[c.row].astype(np.float64),
                exact & ~c.shape,
                c.shape,
                other_reading,
                c.length == 3,
                c.length == 4,
                inner_spans().has(spans),
                char_freqs[codes[c.at]],
                single_log_probs()[codes[c.at]],
                char_freqs[target_char],
                _margins(c.at, target_char, gains),
                np.log1p(corpus_target * scale),
                np.log1p(corpus_span * scale),
            ]
        ).astype(np.float64)

    def _corpus_counts(
        self, ref: Reference, batch: TextBatch, c: Swaps, spans: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """How often the corpus has each candidate's word and its span as written (the text left out)."""
        zeros = np.zeros(len(c))
        stats = self.corpus
        if stats is None:
            return zeros, zeros
        tables = {2: stats.bigrams, 3: stats.trigrams, 4: stats.fourgrams}
        words = _keys([ref.chars[c.row, i] for i in range(4)], c.length)
        target, span = zeros.copy(), zeros.copy()
        counted = batch.counted(stats)
        own = counted.any()
        doc = batch.doc[c.start]
        for size, table in tables.items():
            sel = c.length == size
            if not sel.any():
                continue
            target[sel] = table.get(words[sel])
            # a span is no word, so counted around words only it is among the pairs, or in a
            # longer n-gram only when it holds a word
            span[sel] = stats.pair_counts(spans[sel]) if size == 2 else table.get(spans[sel])
            if own:
                mine = batch.own_counter(size, counted)
                for values, keys in ((target, words), (span, spans)):
                    seen = sel & (values > 0)  # what the corpus has not seen, no text wrote
                    values[seen] = np.maximum(values[seen] - mine(keys[seen], doc[seen]), 0)
        return target, span

    def _pick(
        self, text: str, c: Swaps, confidence: np.ndarray, gains: np.ndarray, limit: float
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
                    f"makes the passage {math.exp(min(float(gains[i]), 50.0)):.3g} times as likely",
                    word,
                    start,
                )
            )
        return sorted(hits, key=lambda h: h.start)


@cache
def variant_table() -> np.ndarray:
    """A variant of each code point (0 for none): 于 for 於, 計 for 计 (one of several)."""
    ref = reference()
    table = np.zeros(CODE_POINTS, np.uint64)
    a, b = ref.variant_codes >> CHAR_BITS, ref.variant_codes & ((1 << CHAR_BITS) - 1)
    table[a.astype(np.int64)] = b
    table[b.astype(np.int64)] = a
    return table


def _variant_spells_a_word(ref: Reference, codes: np.ndarray, c: Swaps) -> np.ndarray:
    """True where the span as written is a word once one character is written as its variant.

    富於 is 富于 in traditional script, not a slip for 富裕.
    """
    variants = variant_table()
    last = len(codes) - 1
    columns = [codes[np.minimum(c.start + i, last)] for i in range(4)]
    hit = np.zeros(len(c), bool)
    for i in range(4):
        other = variants[columns[i]]
        sel = np.flatnonzero((i < c.length) & (other > 0))
        if len(sel):
            swapped = [column[sel] for column in columns]
            swapped[i] = other[sel]
            hit[sel] |= ref.table.find(_keys(swapped, c.length[sel])) >= 0
    return hit


def _margins(at: np.ndarray, suggestion: np.ndarray, gains: np.ndarray) -> np.ndarray:
    """Each swap's gain less the best gain of another suggestion for the same character (at most 10).

    睡面 may be 睡眠 or 水面: when two suggestions for a character compete, neither is sure.

    >>> _margins(np.array([5, 5, 5, 9]), np.array([1, 2, 1, 1]), np.array([8.0, 3.0, 7.0, 4.0])).tolist()
    [5.0, -5.0, 4.0, 10.0]
    """
    # the best gain of each (character, suggestion), best first within each character
    order = np.lexsort((-gains, suggestion, at))
    a, s, g = at[order], suggestion[order], gains[order]
    pair = np.r_[True, (a[1:] != a[:-1]) | (s[1:] != s[:-1])]
    pa, ps, pg = a[pair], s[pair], g[pair]
    ranked = np.lexsort((-pg, pa))
    pa, ps, pg = pa[ranked], ps[ranked], pg[ranked]
    lead = np.r_[True, pa[1:] != pa[:-1]]  # each character's best suggestion
    top = np.flatnonzero(lead)
    runner_up = np.full(len(top), -np.inf)  # its second best suggestion's gain, if any
    has_second = np.r_[~lead[1:], False][top]
    runner_up[has_second] = pg[top[has_second] + 1]
    place = np.searchsorted(pa[top], at)
    best_other = np.where(suggestion == ps[top][place], runner_up[place], pg[top][place])
    return np.asarray(np.minimum(MAX_MARGIN, gains - best_other))


#: The first row of the substrings of each size (1 to 4) in :func:`_substring_log_probs`, and the end.
_SUBSTRING_ROWS = np.cumsum([0] + [4 + 2 * CONTEXT - size + 1 for size in range(1, 5)])


def _log_probs(ref: Reference, keys: np.ndarray) -> np.ndarray:
    """The reference's log-probability of each key, ``-inf`` where it is no word."""
    rows = ref.table.find(keys)
    return np.where(rows >= 0, ref.log_probs[np.maximum(rows, 0)], -np.inf)


def _substring_log_probs(ref: Reference, windows: np.ndarray) -> np.ndarray:
    """The log-probability of every substring of one to four characters of each row, one column a row.

    A word of the reference scores its log-probability, any other single
    character the floor, anything else nothing (``-inf``). Row
    ``_SUBSTRING_ROWS[size - 1] + start`` holds the substrings of ``size`` at ``start``.
    """
    k, width = windows.shape
    # the keys of every substring, by size, start and row: all looked up at once
    keys = [gram_keys([windows[:, i : width - size + 1 + i] for i in range(size)]).T for size in range(1, 5)]
    log_probs = _log_probs(ref, np.concatenate([key.ravel() for key in keys])).reshape(-1, k)
    log_probs[:width] = np.maximum(log_probs[:width], ref.floor_log_prob)  # single characters
    return log_probs


def _best_segmentation(log_probs: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The log-probability of the best segmentation of each column's first ``lengths`` characters.

    A unigram segmentation as jieba's, over :func:`_substring_log_probs`.
    """
    width, k = int(_SUBSTRING_ROWS[1]), log_probs.shape[1]
    # best[end]: the best segmentation of each column's first ``end`` characters
    best = np.full((width + 1, k), -np.inf)
    best[0] = 0.0
    for end in range(1, width + 1):
        for size in range(1, min(4, end) + 1):
            row = _SUBSTRING_ROWS[size - 1] + end - size
            best[end] = np.maximum(best[end], best[end - size] + log_probs[row])
    return np.asarray(best[lengths, np.arange(k)])
