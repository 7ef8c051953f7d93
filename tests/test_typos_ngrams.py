"""N-gram counting, bounded memory, saving and loading."""

from __future__ import annotations

import json
import pickle
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from corpusclean.errors import CorpusCleanError
from corpusclean.typos.ngrams import (
    CountTable,
    NgramStats,
    bigram_codes,
    string_codes,
    text_id,
    trigram_codes,
)


def _count(stats: NgramStats, gram: str) -> int:
    codes = string_codes(gram)
    table = {1: stats.unigrams, 2: stats.bigrams}[len(gram)]
    query = codes if len(gram) == 1 else bigram_codes(codes)
    return int(table.get(query)[0])


@pytest.mark.parametrize(
    ("gram", "expected"),
    [
        pytest.param("初心", 3, id="counted"),
        pytest.param("心和", 2, id="two"),
        pytest.param("出行", 0, id="singleton-pruned"),
        pytest.param("。初", 0, id="never-across-documents"),
        pytest.param("心", 3, id="unigram"),
    ],
)
def test_fit_counts(gram: str, expected: int) -> None:
    stats = NgramStats.fit(["初心和使命。", "初心和使命。", "初心", "出行"])
    assert _count(stats, gram) == expected


def test_chunks_give_the_same_counts_as_one_pass() -> None:
    texts = ["初心和使命。", "不忘初心，牢记使命。", "初心"] * 5
    whole = NgramStats.fit(texts)
    chunked = NgramStats.fit(texts, chunk_chars=8)
    for name in ("unigrams", "bigrams", "trigrams", "fourgrams"):
        a, b = getattr(whole, name), getattr(chunked, name)
        assert np.array_equal(a.keys, b.keys) and np.array_equal(a.counts, b.counts), name


TEXTS = ["初心和使命。", "不忘初心，牢记使命。", "初心", "出行", "", "使命"] * 3


def _same(a: NgramStats, b: NgramStats) -> bool:
    tables = ("unigrams", "bigrams", "trigrams", "fourgrams")
    return (
        all(np.array_equal(getattr(a, t).keys, getattr(b, t).keys) for t in tables)
        and all(np.array_equal(getattr(a, t).counts, getattr(b, t).counts) for t in tables)
        and np.array_equal(a.doc_ids, b.doc_ids)
        and (a.docs, a.chars) == (b.docs, b.chars)
    )


@pytest.mark.parametrize(
    "cuts", [[1], [5, 9], [3, 4, 11], list(range(1, 18))], ids=lambda c: f"{len(c)}-cuts"
)
def test_parts_add_up_to_one_pass(cuts: list[int]) -> None:
    bounds = [0, *cuts, len(TEXTS)]
    parts = [NgramStats.count(TEXTS[a:b]) for a, b in pairwise(bounds)]
    total = parts[0]
    for part in parts[1:]:
        total = total.add(part)
    assert _same(total.finish(), NgramStats.fit(TEXTS))


def test_singletons_are_dropped_after_adding_not_per_part() -> None:
    left, right = NgramStats.count(["出行。"]), NgramStats.count(["出行！"])
    assert len(left.finish().bigrams.keys) == 0
    assert _count(left.add(right).finish(), "出行") == 2


def test_merge_inserts_new_keys_in_order_and_adds_the_rest() -> None:
    a = CountTable(np.array([2, 5, 9], dtype=np.uint64), np.array([1, 1, 1], dtype=np.uint32))
    b = CountTable(np.array([0, 5, 10, 11], dtype=np.uint64), np.array([4, 2, 3, 1], dtype=np.uint32))
    for merged in (a.merge(b), b.merge(a)):
        assert merged.keys.tolist() == [0, 2, 5, 9, 10, 11]
        assert merged.counts.tolist() == [4, 1, 3, 1, 3, 1]
    assert a.merge(CountTable()).keys.tolist() == [2, 5, 9]


@pytest.mark.parametrize(
    ("gram", "expected"),
    [
        pytest.param("初心", 6, id="word-counted"),
        pytest.param("忘初心", 3, id="trigram-ending-in-a-word"),
        pytest.param("初心和", 3, id="trigram-starting-with-a-word"),
        pytest.param("心和", 0, id="bigram-not-a-word"),
        pytest.param("，牢", 0, id="no-word-inside"),
        pytest.param("心和使", 0, id="trigram-with-parts-of-words"),
    ],
)
def test_words_only_counts_the_ngrams_around_the_words(gram: str, expected: int) -> None:
    words = np.sort(bigram_codes(string_codes("初心使命"))[[0, 2]])  # 初心 and 使命
    stats = NgramStats.fit(TEXTS[:2] * 3, words=words)
    codes = string_codes(gram)
    if len(gram) == 2:
        found = int(stats.bigrams.get(bigram_codes(codes))[0])
    else:
        found = int(stats.trigrams.get(trigram_codes(codes))[0])
    assert found == expected


def test_words_only_counts_the_pairs_that_are_no_word_apart() -> None:
    """Counted around words, the Han pairs that are no word go to ``pairs``, words to ``bigrams``."""
    words = np.sort(bigram_codes(string_codes("初心使命"))[[0, 2]])  # 初心 and 使命
    stats = NgramStats.fit(TEXTS[:2] * 3, words=words)
    codes = bigram_codes(string_codes("心和使"))
    assert stats.pairs.get(codes).tolist() == [3, 3] and stats.bigrams.get(codes).tolist() == [0, 0]
    assert stats.pair_counts(bigram_codes(string_codes("初心和"))).tolist() == [6, 3]
    assert stats.pairs.get(bigram_codes(string_codes("，牢"))).tolist() == [0]  # not two Han characters
    halves = NgramStats.count(TEXTS[:2], words=words).add(NgramStats.count(TEXTS[:2] * 2, words=words))
    assert halves.finish() == stats
    assert NgramStats.fit(TEXTS[:2] * 3).pairs.keys.size == 0  # every pair is in the bigrams then


def test_counts_of_the_whole_text_and_of_words_only_do_not_add() -> None:
    words = np.sort(bigram_codes(string_codes("初心")))
    with pytest.raises(CorpusCleanError, match="same words"):
        NgramStats.count(["初心"]).add(NgramStats.count(["初心"], words=words))


def test_bound_drops_the_rarest_and_records_the_floor() -> None:
    table = CountTable(np.arange(5, dtype=np.uint64), np.array([1, 5, 2, 9, 1], dtype=np.uint32))
    bounded = table.bound(2)
    assert bounded.keys.tolist() == [1, 3]
    assert bounded.floor == 5
    assert table.bound(1).keys.tolist() == [3]
    assert table.bound(10) is table


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    stats = NgramStats.fit(["初心和使命。"] * 3)
    path = tmp_path / "stats.npz"
    stats.save(path)
    loaded = NgramStats.load(path)
    assert loaded.doc_ids.tolist() == stats.doc_ids.tolist() == [text_id("初心和使命。")]
    assert (loaded.docs, loaded.chars) == (3, 18)
    assert np.array_equal(loaded.fourgrams.keys, stats.fourgrams.keys)
    assert pickle.loads(pickle.dumps(stats)).bigrams.counts.tolist() == stats.bigrams.counts.tolist()


def test_pairs_are_saved_and_a_file_without_them_still_loads(tmp_path: Path) -> None:
    words = np.sort(bigram_codes(string_codes("初心")))
    stats = NgramStats.fit(["初心和使命。"] * 3, words=words)
    stats.save(tmp_path / "stats.npz")
    loaded = NgramStats.load(tmp_path / "stats.npz")
    assert loaded == stats and loaded.pairs.keys.size == 3  # 心和, 和使, 使命
    with np.load(tmp_path / "stats.npz") as z:
        meta = json.loads(str(z["meta"]))
        arrays = {k: z[k] for k in z.files if not k.startswith("pair_")}
    meta.update(format=2, floors=meta["floors"][:3])
    np.savez(tmp_path / "old.npz", **{**arrays, "meta": np.array(json.dumps(meta))})
    old = NgramStats.load(tmp_path / "old.npz")
    assert old.words_only and old.pairs.keys.size == 0 and old.bigrams == stats.bigrams


def test_load_a_bad_file_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "stats.npz"
    path.write_bytes(b"not numpy")
    with pytest.raises(CorpusCleanError, match="fit again"):
        NgramStats.load(path)


def test_a_file_of_the_first_format_still_loads(tmp_path: Path) -> None:
    stats = NgramStats.fit(["初心和使命。"] * 3)
    path = tmp_path / "old.npz"
    tables = {n: getattr(stats, f"{n}s") for n in ("unigram", "bigram", "trigram", "fourgram")}
    np.savez(
        path,
        meta=np.array(json.dumps({"format": 1, "docs": 3, "chars": 18, "floors": [2, 2, 2]})),
        doc_ids=np.array([text_id("初心和使命。")], dtype=np.uint64),
        **{f"{n}_keys": t.keys for n, t in tables.items()},
        **{f"{n}_counts": t.counts for n, t in tables.items()},
    )
    loaded = NgramStats.load(path)
    assert not loaded.words_only and loaded.counted("初心和使命。") and not loaded.counted("出行")
    assert loaded.bigrams.counts.tolist() == stats.bigrams.counts.tolist()


def test_word_ngrams_cannot_serve_a_detector_that_looks_up_every_span() -> None:
    from corpusclean.typos.detect import TypoDetector

    counted = TypoDetector(words_only=True).fit(["初心和使命。"] * 3).stats
    assert counted.words_only and not TypoDetector().fit(["初心和使命。"] * 3).stats.words_only
    with pytest.raises(CorpusCleanError, match="words_only=False"):
        TypoDetector().use_stats(counted)
