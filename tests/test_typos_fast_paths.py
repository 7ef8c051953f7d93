"""The shortcuts of typo flagging give what the plain computation gives.

Each fast path (a key set over sorted distinct keys, large lookups through the
key set's filter, the proper nouns as a set of pairs, needles sorted before a
search, the gains' unchanged substrings reused, margins in arrays, one batch
for both detectors, a large batch's own n-grams counted through a filter) is
checked against the straightforward computation it replaces.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpusclean.reference import peoples_daily
from corpusclean.typos import nonword
from corpusclean.typos.arrays import SORTED_NEEDLES, occurrences
from corpusclean.typos.batch import FILTER_FROM, TextBatch
from corpusclean.typos.check import TypoChecker
from corpusclean.typos.keyset import KeySet, PairSet
from corpusclean.typos.ngrams import SORTED_QUERIES, CountTable, NgramStats
from corpusclean.typos.nonword import MAX_MARGIN, NonWordDetector
from corpusclean.typos.reference import reference


def test_a_keyset_of_sorted_distinct_keys_is_the_keyset_of_the_same_keys_in_any_order() -> None:
    rng = np.random.default_rng(1)
    keys = np.unique(rng.integers(0, 1 << 50, 3000, dtype=np.uint64))
    shuffled = rng.permutation(keys)
    fast, plain = KeySet.of(keys), KeySet.of(shuffled)
    for name in ("keys", "first", "runs", "bits"):
        assert np.array_equal(getattr(fast, name), getattr(plain, name)), name
    queries = np.concatenate([keys[::3], rng.integers(0, 1 << 50, 2000, dtype=np.uint64)])
    assert np.array_equal(fast.index(queries), plain.index(queries))


@pytest.mark.parametrize("size", [0, 1, 2000], ids=["empty", "one", "many"])
def test_a_pair_set_agrees_with_a_set_of_bigrams(size: int) -> None:
    rng = np.random.default_rng(4)
    first = rng.integers(0x4E00, 0x4F00, size, dtype=np.uint64)
    second = rng.integers(0x4E00, 0x4F00, size, dtype=np.uint64)
    pairs = (first << np.uint64(21)) | second
    other = rng.integers(0, 0x110000, (3000, 2), dtype=np.uint64)  # any code points, above the set's too
    queries = np.concatenate(
        [pairs, (other[:, 0] << np.uint64(21)) | other[:, 1], (second << np.uint64(21)) | first]
    )
    known = set(pairs.tolist())
    assert PairSet.of(pairs).has(queries).tolist() == [q in known for q in queries.tolist()]


def test_the_proper_nouns_as_pairs_are_the_proper_nouns_of_the_word_list() -> None:
    from corpusclean.typos.detect import proper_word_set
    from corpusclean.typos.lexicon import lexicon
    from corpusclean.typos.ngrams import bigram_codes, member, string_codes

    proper = lexicon().proper_codes
    bigrams = bigram_codes(string_codes("".join(peoples_daily()[:200])))
    queries = np.concatenate([bigrams, proper])
    found = proper_word_set().has(queries)
    assert np.array_equal(found, member(proper, queries))
    assert found[len(bigrams) :].all() and 0 < found[: len(bigrams)].sum() < len(bigrams) / 10


def test_large_count_lookups_give_what_small_ones_give() -> None:
    rng = np.random.default_rng(2)
    keys = np.unique(rng.integers(0, 1 << 42, 20_000, dtype=np.uint64))
    table = CountTable(keys, rng.integers(1, 50, len(keys)).astype(np.uint32))
    queries = np.concatenate([keys[::2], rng.integers(0, 1 << 42, 20_000, dtype=np.uint64)])
    assert len(queries) > SORTED_QUERIES
    one_by_one = np.concatenate(
        [table.get(queries[k : k + SORTED_QUERIES]) for k in range(0, len(queries), SORTED_QUERIES)]
    )
    assert np.array_equal(table.get(queries), one_by_one)
    counts = dict(zip(keys.tolist(), table.counts.tolist(), strict=True))
    assert table.get(queries[:5]).tolist() == [counts.get(q, 0) for q in queries[:5].tolist()]


def test_occurrences_of_many_needles_count_like_a_counter() -> None:
    rng = np.random.default_rng(3)
    codes = np.sort(rng.integers(0, 500, 10_000).astype(np.uint64))
    needles = rng.integers(0, 600, SORTED_NEEDLES + 100).astype(np.uint64)
    seen = np.bincount(codes.astype(np.int64), minlength=600)
    assert occurrences(codes, needles).tolist() == seen[needles.astype(np.int64)].tolist()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 3), st.floats(-20, 20, allow_nan=False)),
        min_size=1,
        max_size=40,
    )
)
def test_margins_are_the_gain_less_the_best_other_suggestion(rows: list[tuple[int, int, float]]) -> None:
    at, suggestion, gains = (np.array(column) for column in zip(*rows, strict=True))
    best: dict[int, dict[int, float]] = {}
    for a, s, g in rows:
        best.setdefault(a, {})[s] = max(best.get(a, {}).get(s, -math.inf), g)
    expected = [
        min(MAX_MARGIN, g - max((v for k, v in best[a].items() if k != s), default=-math.inf))
        for a, s, g in rows
    ]
    assert nonword._margins(at, suggestion, gains.astype(np.float64)).tolist() == expected


@pytest.fixture(scope="module")
def news() -> list[str]:
    return peoples_daily()[:60]


def test_gains_are_those_of_each_window_segmented_whole(news: list[str]) -> None:
    """Reusing the written window's substrings changes no gain (against segmenting both windows whole)."""
    detector = NonWordDetector()
    batch = TextBatch.of(news)
    ref = reference()
    cands = detector._scan(batch.codes)
    cands, _ = detector._guard(ref, batch, cands)
    assert len(cands) > 100
    gains = detector._gains(ref, batch.codes, cands)
    codes = batch.codes
    han = nonword.is_han_table()[codes]
    run = np.cumsum(~han)
    width = 4 + 2 * nonword.CONTEXT
    for i in range(0, len(cands), 7):
        start, length, at = int(cands.start[i]), int(cands.length[i]), int(cands.at[i])
        window = [
            p
            for p in range(start - nonword.CONTEXT, start + length + nonword.CONTEXT)
            if 0 <= p < len(codes) and han[p] and run[p] == run[start]
        ]
        written = np.zeros((1, width), np.uint64)
        written[0, : len(window)] = codes[window]
        swapped = written.copy()
        swapped[0, window.index(at)] = ref.chars[cands.row[i], at - start]
        lengths = np.array([len(window)])
        whole = [
            nonword._best_segmentation(nonword._substring_log_probs(ref, w), lengths)[0]
            for w in (written, swapped)
        ]
        assert gains[i] == pytest.approx(whole[1] - whole[0], abs=1e-9)


def test_the_checker_scans_one_batch_and_a_detector_with_find_many_alone_still_serves(
    news: list[str],
) -> None:
    checker = TypoChecker().fit(news)

    class OnlyFindMany:
        """A caller's non-word detector: no find_batch."""

        def __init__(self, inner: NonWordDetector) -> None:
            self.inner = inner

        def find(self, text: str, *, threshold: float | None = None) -> list[nonword.NonWordHit]:
            return self.inner.find(text, threshold=threshold)

        def find_many(
            self, texts: list[str], *, threshold: float | None = None
        ) -> list[list[nonword.NonWordHit]]:
            return self.inner.find_many(texts, threshold=threshold)

        def preload(self) -> None:
            self.inner.preload()

        def use_corpus(self, stats: NgramStats | None) -> None:
            self.inner.use_corpus(stats)

    assert checker.nonword is not None
    plain = TypoChecker(nonword=OnlyFindMany(NonWordDetector())).fit(news)
    hits = [
        [(h.start, h.end, h.suggestion) for h in found] for found in checker.find_many(news, threshold=0.3)
    ]
    assert sum(map(len, hits)) > 0
    assert hits == [
        [(h.start, h.end, h.suggestion) for h in found] for found in plain.find_many(news, threshold=0.3)
    ]


def test_a_batch_asks_for_its_fingerprints_once_per_table(news: list[str]) -> None:
    stats = NgramStats.fit(news[:10])
    batch = TextBatch.of(news[5:15])
    counted = batch.counted(stats)
    assert counted.tolist() == [True] * 5 + [False] * 5
    assert batch.counted(stats) is counted
    other = NgramStats.fit(news[12:15])
    assert batch.counted(other).tolist() == [False] * 7 + [True] * 3


@pytest.mark.parametrize("text", ["己划", "己划工", "工作己划", "己"])
def test_texts_too_short_for_a_longer_window_are_scanned_for_pairs(text: str) -> None:
    """The pairs of a text are asked of the two-character words apart from its longer windows."""
    hits = NonWordDetector().find(text)
    assert [(h.text, h.suggestion) for h in hits] == ([] if text == "己" else [("己", "计")])


@pytest.mark.parametrize("texts", [1, 100], ids=["small-batch-sorted", "large-batch-filtered"])
@pytest.mark.parametrize("size", [1, 2, 3, 4])
def test_own_counts_are_how_often_each_text_writes_the_ngram(texts: int, size: int) -> None:
    # a small batch sorts its n-grams once; a large one filters them per call (FILTER_FROM)
    docs = peoples_daily()[: texts * 3 : 3]
    batch = TextBatch.of(docs)
    assert (len(batch.codes) > FILTER_FROM) is (texts == 100)
    rng = np.random.default_rng(size)
    asking = rng.integers(0, len(docs), 3000)
    # n-grams each text writes, n-grams another text writes, and some no text writes
    grams = []
    for k, d in enumerate(asking.tolist()):
        source = docs[d] if k % 3 else docs[(d + 1) % len(docs)]
        at = int(rng.integers(0, max(len(source) - size, 1)))
        grams.append(source[at : at + size] if k % 5 else "龘" * size)
    asked = TextBatch.of(grams)
    queries = asked.ngrams(size)[asked.starts]  # each query keyed as the batch keys its n-grams
    written = [Counter(t[i : i + size] for i in range(len(t) - size + 1)) for t in docs]
    expected = [written[d][g] for d, g in zip(asking.tolist(), grams, strict=True)]
    assert batch.own_counts(size, queries, asking).tolist() == expected
