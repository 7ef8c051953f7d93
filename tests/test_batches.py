"""Documents cleaned a batch at a time (``process_many``, ``apply_many``) come out as one at a time (#16)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from seedtools import all_seeds, peoples_daily

from corpusclean.cleaner import BATCH_CHARS, BATCH_DOCS, CLEANER_ERROR, Cleaner, Drop, batches
from corpusclean.defaults import DEFAULT_PIPELINE
from corpusclean.document import Document
from corpusclean.executor.outcome import clean_document, clean_documents
from corpusclean.pipeline import Pipeline
from corpusclean.registry import make_cleaner


class TagBatch(Cleaner):
    """Counts the batches it is handed; raises on a batch holding ``marker``, and on that document alone."""

    name = "tag_batch"

    def __init__(self, marker: str = "炸") -> None:
        self.marker = marker
        self.sizes: list[int] = []

    def apply_many(self, docs: Sequence[Document]) -> list[Document | Drop]:
        self.sizes.append(len(docs))
        if any(self.marker in doc.text for doc in docs):
            raise ValueError(f"a document holds {self.marker!r}")
        return [doc.replace(text=doc.text + "。") for doc in docs]


class DropShort(Cleaner):
    """Drops documents of fewer than three characters (one at a time: it writes ``apply``)."""

    name = "drop_short"

    def apply(self, doc: Document) -> Document | Drop:
        return Drop("short") if len(doc.text) < 3 else doc


def default_pipeline() -> Pipeline:
    return Pipeline([make_cleaner(name) for name in DEFAULT_PIPELINE])


def test_the_default_pipeline_gives_the_same_documents_and_stats_in_batches_as_one_at_a_time() -> None:
    paragraphs = peoples_daily(3000)
    docs = all_seeds() + [
        Document(id=f"pd{k}", text="\n".join(paragraphs[k : k + 20])) for k in range(0, len(paragraphs), 20)
    ]
    docs.append(Document(id="dup", text=docs[-1].text))  # a duplicate, marked by mark_duplicates
    one, many = default_pipeline(), default_pipeline()
    one.fit(docs)
    many.fit(docs)
    singly = [out for doc in docs if (out := one(doc)) is not None]
    batched = list(many.clean(docs))
    assert batched == singly
    assert any(f.cleaner == "flag_typos" for d in batched for f in d.flags)  # flag_typos had work
    rows = lambda p: [(s.name, s.seen, s.changed, s.dropped, s.flags, s.errors) for s in p.all_stats()]  # noqa: E731
    assert rows(many) == rows(one)


def test_a_cleaner_that_writes_apply_many_gets_whole_batches_and_others_one_document_at_a_time() -> None:
    tag = TagBatch()
    pipeline = Pipeline([DropShort(), tag])
    docs = [Document(id=str(i), text="短" if i % 10 == 0 else "一篇文章") for i in range(BATCH_DOCS + 6)]
    out = list(pipeline.clean(docs))
    # the documents DropShort dropped never reach TagBatch; the rest come in two batches
    kept = [sum(1 for i in range(k, min(k + BATCH_DOCS, len(docs))) if i % 10) for k in (0, BATCH_DOCS)]
    assert tag.sizes == kept
    assert [d.id for d in out] == [d.id for d in docs if d.text != "短"]
    assert all(d.text == "一篇文章。" and d.steps == ("tag_batch",) for d in out)


def test_a_raising_document_in_a_batch_costs_only_itself() -> None:
    tag = TagBatch()
    docs = [Document(id=str(i), text="炸弹" if i == 3 else "文章") for i in range(8)]
    out = tag.process_many(docs)
    assert len(out) == 8
    for i, doc in enumerate(out):
        assert isinstance(doc, Document)
        if i == 3:
            assert doc.text == "炸弹" and [f.kind for f in doc.flags] == [CLEANER_ERROR]
        else:
            assert doc.text == "文章。" and not doc.flags
    assert (tag.stats.seen, tag.stats.changed, tag.stats.errors) == (8, 7, 1)


def test_a_batch_of_one_is_apply() -> None:
    tag = TagBatch()
    assert tag(Document(id="a", text="文章")) == tag.process_many([Document(id="a", text="文章")])[0]
    assert tag.sizes == [1, 1]


def test_drop_reasons_in_a_batch_name_the_cleaner() -> None:
    dropped: list[tuple[str, str]] = []
    docs = [Document(id="a", text="短"), Document(id="b", text="一篇文章")]
    out = list(
        Pipeline([Pipeline([DropShort()])]).clean(docs, on_drop=lambda d, r: dropped.append((d.id, r)))
    )
    assert [d.id for d in out] == ["b"] and dropped == [("a", "drop_short: short")]


def test_clean_reads_a_stream_one_batch_at_a_time() -> None:
    read: list[int] = []

    def stream() -> Iterator[Document]:
        for i in range(3 * BATCH_DOCS):
            read.append(i)
            yield Document(id=str(i), text="一篇文章")

    first = next(TagBatch().clean(stream()))
    assert first.id == "0" and len(read) == BATCH_DOCS


def test_engines_clean_a_batch_as_one_document_at_a_time() -> None:
    docs = [Document(id=str(i), text=t) for i, t in enumerate(["炸弹新闻", "一篇文章", "短"])]
    batched = list(clean_documents(Pipeline([DropShort(), TagBatch()]), docs))
    singly = [clean_document(Pipeline([DropShort(), TagBatch()]), doc) for doc in docs]
    assert batched == singly
    assert [outcome for outcome, _ in batched] == ["kept", "kept", "dropped"]
    assert [f.kind for f in batched[0][1].flags] == [CLEANER_ERROR] and not batched[1][1].flags


@pytest.mark.parametrize(
    ("lengths", "size", "chars", "cut"),
    [
        pytest.param([1] * 7, 3, 100, [3, 3, 1], id="by-count"),
        pytest.param([1] * 7, 1, 100, [1] * 7, id="one-by-one"),
        pytest.param([2, 2, 9, 1, 1, 1], 10, 4, [2, 1, 3], id="by-characters"),
        pytest.param([50, 1], 10, 4, [1, 1], id="a-long-document-alone"),
        pytest.param([], 10, 4, [], id="nothing"),
    ],
)
def test_batches_keep_order_and_cut_by_count_or_characters(
    lengths: list[int], size: int, chars: int, cut: list[int]
) -> None:
    docs = [Document(id=str(i), text="文" * n) for i, n in enumerate(lengths)]
    got = list(batches(docs, size, chars))
    assert [len(b) for b in got] == cut
    assert [d for b in got for d in b] == docs


def test_a_batch_holds_the_bound_of_characters_at_most_its_last_document_over() -> None:
    docs = [Document(id=str(i), text="文" * 1500) for i in range(3 * BATCH_CHARS // 1500)]
    got = list(batches(docs))
    assert len(got) >= 3
    assert all(BATCH_CHARS <= sum(len(d.text) for d in b) < BATCH_CHARS + 1500 for b in got[:-1])
