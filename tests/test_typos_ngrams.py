"""N-gram counting, bounded memory, saving and loading."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from corpusclean.errors import CorpusCleanError
from corpusclean.typos.ngrams import CountTable, NgramStats, bigram_codes, string_codes, text_id


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
    assert loaded.doc_ids == stats.doc_ids == {text_id("初心和使命。")}
    assert (loaded.docs, loaded.chars) == (3, 18)
    assert np.array_equal(loaded.fourgrams.keys, stats.fourgrams.keys)
    assert pickle.loads(pickle.dumps(stats)).bigrams.counts.tolist() == stats.bigrams.counts.tolist()


def test_load_a_bad_file_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "stats.npz"
    path.write_bytes(b"not numpy")
    with pytest.raises(CorpusCleanError, match="fit again"):
        NgramStats.load(path)
