"""mark_duplicates and its parts: folding, MinHash, LSH, the kept copy, the People's Daily corpus."""

from __future__ import annotations

import pickle
import random
import unicodedata
from itertools import islice

import numpy as np
import pytest
from duplicate_corpus import build_corpus, peoples_daily_articles, precision_recall
from hypothesis import given
from hypothesis import strategies as st

from corpusclean import Document, Pipeline, make_cleaner
from corpusclean.dedup import MinHasher, estimate_jaccard, fold_for_comparison, lsh_params, shingle_hashes
from corpusclean.defaults import DEFAULT_PIPELINE
from corpusclean.errors import NotFittedError
from corpusclean.executor.fit import StateMerger
from corpusclean.patterns import DEDUP_PUNCT_RUN_RE, DEDUP_SPACE_RE
from corpusclean.script_chars import to_simplified

STORY = (
    "新华社北京１月５日电　国务院总理李鹏今天在人民大会堂会见了来访的外国客人，"
    "双方就进一步发展两国友好合作关系交换了意见。李鹏说，中国政府高度重视发展同各国的关系。"
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ＡＢＣ１２３中文", "ABC123中文"),
        ("中 文　测试\n", "中文测试"),
        ("他说：“好。”", '他说:"好."'),
        ("结束。”", "结束”。"),
        ("零宽\u200b空格", "零宽空格"),
        ("為中國人民謀幸福", "为中国人民谋幸福"),
    ],
    ids=["full-width", "spaces", "quotes-and-stops", "swapped-punctuation", "zero-width", "script"],
)
def test_folding_makes_variants_equal(a: str, b: str) -> None:
    assert fold_for_comparison(a) == fold_for_comparison(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("中国人民", "中国人名"), ("一九九八年", "一九九七年"), ("中文测试", "中文，测试。")],
    ids=["one-character", "one-digit", "punctuation-added"],
)
def test_folding_keeps_different_texts_different(a: str, b: str) -> None:
    assert fold_for_comparison(a) != fold_for_comparison(b)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_folding_only_the_runs_nfkc_changes_equals_full_nfkc(text: str) -> None:
    reference = to_simplified(unicodedata.normalize("NFKC", text)).casefold()
    reference = DEDUP_PUNCT_RUN_RE.sub("，", DEDUP_SPACE_RE.sub("", reference))
    assert fold_for_comparison(text) == reference


def test_minhash_estimates_jaccard_of_shingle_sets() -> None:
    rng = random.Random(3)
    hasher = MinHasher(num_perm=256)
    base = STORY * 3
    for share in (0.0, 0.1, 0.3, 0.6):
        chars = list(base)
        for at in rng.sample(range(len(chars)), int(len(chars) * share)):
            chars[at] = "某"
        other = "".join(chars)
        a, b = set(shingle_hashes(base).tolist()), set(shingle_hashes(other).tolist())
        true = len(a & b) / len(a | b)
        estimate = estimate_jaccard(*hasher.signatures([base, other]))
        assert abs(estimate - true) < 0.1, (share, true, estimate)


def test_signatures_do_not_depend_on_batching() -> None:
    hasher = MinHasher(num_perm=32)
    texts = [STORY[i:] for i in range(0, 60, 7)]
    together = hasher.signatures(texts)
    assert all((hasher.signature(t) == row).all() for t, row in zip(texts, together, strict=True))


@pytest.mark.parametrize(("threshold", "expected"), [(0.4, (64, 2)), (0.8, (18, 7))], ids=["low", "high"])
def test_lsh_params(threshold: float, expected: tuple[int, int]) -> None:
    assert lsh_params(threshold, 128) == expected


def fitted(docs: list[Document], **options: object) -> Pipeline:
    pipeline = Pipeline([make_cleaner("mark_duplicates", **options)])
    pipeline.fit(docs)
    return pipeline


def docs_of(*texts: str, ids: str = "abcdefgh") -> list[Document]:
    return [Document(id=i, text=t) for i, t in zip(ids, texts, strict=False)]


def test_a_traditional_rendering_is_a_copy_of_its_simplified_original() -> None:
    import opencc

    news = ["\n".join(article) for article in islice(peoples_daily_articles(), 40)]
    docs = [Document(id=f"s{i}", text=t) for i, t in enumerate(news)]
    docs += [Document(id=f"t{i}", text=opencc.OpenCC("s2tw").convert(t)) for i, t in enumerate(news)]
    out = Pipeline([make_cleaner("mark_duplicates")]).run(docs)
    assert [d.metadata.get("duplicate_of") for d in out] == [None] * 40 + [f"s{i}" for i in range(40)]


def test_copies_are_marked_with_the_id_of_the_earliest_in_the_input() -> None:
    docs = docs_of(
        STORY.replace("，", ",").replace("１", "1"),  # z: width and punctuation variants only
        "来源：某某网　编辑：张三\n" + STORY,  # a: new header (its id sorts first, but it comes later)
        STORY,  # m
        "本报讯　全国春运今天开始，铁路部门加开临时旅客列车，方便旅客回家过年。",  # d: unrelated
        ids="zamd",
    )
    out = {d.id: d for d in fitted(docs).run(docs)}
    assert out["a"].metadata == {
        "duplicate_of": "z",
        "duplicate_cluster": out["z"].metadata["duplicate_cluster"],
        "duplicate_similarity": pytest.approx(out["a"].metadata["duplicate_similarity"]),
        "duplicate_kind": "near",
    }
    assert 0.4 <= out["a"].metadata["duplicate_similarity"] < 1.0
    assert out["m"].metadata["duplicate_of"] == "z"
    assert out["m"].metadata["duplicate_kind"] == "exact"
    assert out["m"].metadata["duplicate_similarity"] == 1.0
    assert out["z"].metadata == {
        "duplicate_cluster": out["a"].metadata["duplicate_cluster"],
        "duplicate_count": 2,
    }
    assert out["d"] == docs[3]  # must not change: no copy anywhere
    assert out["a"].text == docs[1].text  # marking never touches the text
    assert out["a"].steps == ()  # marking writes metadata only, which leaves no step


def test_drop_option_drops_copies_with_a_counted_reason() -> None:
    docs = docs_of(STORY, STORY + "（完）", "完全不同的另一篇文章，讲的是春节期间的交通安排。")
    pipeline = fitted(docs, drop=True)
    dropped: list[tuple[str, str]] = []
    kept = list(pipeline.clean(docs, on_drop=lambda d, reason: dropped.append((d.id, reason))))
    assert [d.id for d in kept] == ["a", "c"]
    assert dropped == [("b", "mark_duplicates: near duplicate")]
    assert pipeline.all_stats()[0].drop_reasons == {"near duplicate": 1}


def test_kept_copy_is_the_earliest_in_the_input_with_any_number_of_workers() -> None:
    docs = [Document(id=d.id, text=d.text) for d in build_corpus(originals=40, unrelated=20, seed=11)]

    def marks(order: list[Document], workers: int) -> dict[str, str | None]:
        pipeline = fitted(order)
        shards = [pickle.loads(pickle.dumps(pipeline)) for _ in range(workers)]
        out = [d for n, shard in enumerate(shards) for d in shard.clean(order[n::workers])]
        return {d.id: d.metadata.get("duplicate_of") for d in out}

    for seed in (1, 2):
        shuffled = docs[:]
        random.Random(seed).shuffle(shuffled)
        first = marks(shuffled, 1)
        assert sum(v is not None for v in first.values()) > 40
        place = {d.id: n for n, d in enumerate(shuffled)}
        assert all(place[kept] < place[copy] for copy, kept in first.items() if kept is not None)
        for workers in (2, 3):
            assert marks(shuffled, workers) == first


def test_documents_sharing_an_id_are_told_apart_by_text() -> None:
    docs = [
        Document(id="x", text=STORY),
        Document(id="x", text="另一篇完全不同的报道，讲述农村电网改造的进展。"),
        Document(id="y", text=STORY),
    ]
    out = fitted(docs).run(docs)
    assert [d.metadata.get("duplicate_of") for d in out] == [None, None, "x"]
    assert "duplicate_cluster" in out[0].metadata and out[1].metadata == {}


def test_short_texts_are_compared_exactly() -> None:
    docs = docs_of("图片：", "图片:", "图表：", ids="abc")
    out = fitted(docs).run(docs)
    assert [d.metadata.get("duplicate_of") for d in out] == [None, "a", None]


def test_fit_reads_a_stream_once_and_keeps_no_text() -> None:
    long = [Document(id=f"d{i}", text=STORY * 200 + str(i)) for i in range(30)]
    cleaner = make_cleaner("mark_duplicates")
    cleaner.fit(iter(long))  # a generator: read once
    assert sum(d.metadata.get("duplicate_kind") == "near" for d in cleaner.clean(long)) == 29
    state = pickle.dumps(cleaner)
    assert len(state) < sum(len(d.text) for d in long) / 20


def test_cleaning_before_fit_says_what_to_do() -> None:
    with pytest.raises(NotFittedError, match=r"call fit\(docs\) on the pipeline first"):
        make_cleaner("mark_duplicates")(Document(id="a", text=STORY))


def test_marking_is_on_in_the_default_pipeline() -> None:
    assert DEFAULT_PIPELINE[-1] == "mark_duplicates"


def test_peoples_daily_near_copies_recall_and_precision() -> None:
    """Must hold: pair recall >= 0.95 and precision >= 0.99 with the default options."""
    corpus = build_corpus(originals=300, unrelated=300)
    docs = [Document(id=d.id, text=d.text) for d in corpus]
    out = fitted(docs).run(docs)
    clusters = {d.id: d.metadata.get("duplicate_cluster", d.id) for d in out}
    precision, recall = precision_recall(clusters, {d.id: d.family for d in corpus})
    assert len(docs) > 1000
    assert recall >= 0.95, recall
    assert precision >= 0.99, precision
    place = {d.id: n for n, d in enumerate(docs)}
    copies = [d for d in out if "duplicate_of" in d.metadata]
    assert copies and all(place[d.metadata["duplicate_of"]] < place[d.id] for d in copies)  # earliest kept


@pytest.mark.parametrize("arriving", [False, True], ids=["merged-at-once", "merged-as-they-arrive"])
@pytest.mark.parametrize("parts", [1, 2, 5, 7])
def test_fitting_in_parts_marks_the_same_as_one_fit(parts: int, arriving: bool) -> None:
    docs = [Document(id=d.id, text=d.text) for d in build_corpus(originals=40, unrelated=20, seed=11)]
    docs += docs[:3]  # the same texts again in a later part: they meet their first copies
    whole = make_cleaner("mark_duplicates")
    whole.fit(docs)
    split = make_cleaner("mark_duplicates")
    assert split.fits_in_parts()
    size = -(-len(docs) // parts)
    states = [split.fit_partial(docs[i : i + size]) for i in range(0, len(docs), size)]
    states = [pickle.loads(pickle.dumps(s)) for s in states]
    if arriving:  # as a parallel fit merges them: each into the running total as it arrives
        merger = StateMerger(split)
        for state in states:
            merger.add(state)
        split.set_state(merger.result())
    else:
        split.set_state(split.merge_states(states))
    marked = [whole(d) for d in docs]
    assert [split(d) for d in docs] == marked
    assert sum("duplicate_of" in d.metadata for d in marked if d is not None) >= 40


def test_a_partial_state_carries_signatures_not_texts() -> None:
    # the worker computes the signatures; the main process only merges them
    docs = [
        Document(id=str(i), text=f"第{i}篇：新华社北京电，今天的会议讨论了农业发展和粮食生产问题。")
        for i in range(30)
    ]
    state = make_cleaner("mark_duplicates").fit_partial(docs)
    shipped = pickle.dumps(state)
    assert len(state.signatures()) == 30
    assert "农业发展".encode() not in shipped and "农业发展".encode("utf-32-le") not in shipped
    assert "农业发展".encode("utf-16-le") not in shipped


@pytest.mark.parametrize("parts", [1, 3])
def test_signatures_spilled_to_a_file_cluster_the_same(parts: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpusclean.dedup import signatures

    docs = [Document(id=d.id, text=d.text) for d in build_corpus(originals=40, unrelated=20, seed=11)]
    docs += docs[:3]
    in_memory = make_cleaner("mark_duplicates")
    in_memory.fit(docs)
    monkeypatch.setattr(signatures, "SPILL_BYTES", 4096)  # a few signatures, then the file
    spilled = make_cleaner("mark_duplicates")
    size = -(-len(docs) // parts)
    parts_of = [docs[i : i + size] for i in range(0, len(docs), size)]
    states = [pickle.loads(pickle.dumps(spilled.fit_partial(part))) for part in parts_of]
    merged = spilled.merge_states(states)
    assert merged.signatures().on_disk and merged.signatures().nbytes == 0
    spilled.set_state(merged)
    marked = [in_memory(d) for d in docs]
    assert [spilled(d) for d in docs] == marked
    assert sum("duplicate_of" in d.metadata for d in marked if d is not None) >= 40


def test_a_spilled_store_reads_back_its_rows_and_pickles_them() -> None:
    from corpusclean.dedup.signatures import Signatures

    rng = np.random.default_rng(3)
    chunks = [rng.integers(0, 2**32, (n, 128), dtype=np.uint32) for n in (5, 1, 40, 7)]
    whole = np.concatenate(chunks)
    kept, spilled = Signatures(chunks), Signatures(chunks[:1], spill_bytes=10 * 512)
    for chunk in chunks[1:]:
        spilled.append(chunk)
    assert not kept.on_disk and spilled.on_disk and spilled.nbytes == 0
    assert np.array_equal(spilled.take([50, 5]), whole[[50, 5]])  # rows just written, read at once
    for store in (kept, spilled, pickle.loads(pickle.dumps(spilled))):
        assert len(store) == len(whole)
        assert np.array_equal(store.columns(6, 9), whole[:, 6:9])
        assert np.array_equal(store.take([45, 0, 5]), whole[[45, 0, 5]])


def test_columns_of_a_spilled_store_hold_one_block_at_a_time() -> None:
    import tracemalloc

    from corpusclean.dedup.signatures import Signatures

    rng = np.random.default_rng(0)
    store = Signatures(spill_bytes=0)
    for _ in range(10):
        store.append(rng.integers(0, 2**32, (8000, 128), dtype=np.uint32))  # 41 MB in the file
    tracemalloc.start()
    try:
        columns = store.columns(0, 16)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    block = (1 << 14) * 128 * 4  # rows read at a time
    assert columns.shape == (80000, 16)
    assert peak < 2 * columns.nbytes + 2 * block  # not the 41 MB of whole rows read back
