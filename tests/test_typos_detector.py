"""The corpus typo detector (flag_typos) on the seeds and on small made-up corpora."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from corpusclean.defaults import DEFAULT_PIPELINE
from corpusclean.document import Document
from corpusclean.pipeline import Pipeline
from corpusclean.registry import make_cleaner
from corpusclean.typos import TypoDetector

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_documents() -> list[Document]:
    """The seeds, with the markup of 002_* stripped for this test only (strip_html is not ours)."""
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if "<div" in text:
            text = BeautifulSoup(text, "lxml").get_text()
        docs.append(Document(id=path.stem, text=text))
    return docs


@pytest.fixture(scope="module")
def cleaned_seeds() -> list[Document]:
    return Pipeline([make_cleaner("flag_typos")]).run(seed_documents())


def test_seeds_flag_exactly_the_three_slips(cleaned_seeds: list[Document]) -> None:
    flags = [(d.id[:3], f.text, f.suggestion) for d in cleaned_seeds for f in d.flags]
    assert flags == [("004", "出行", "初心")] * 3
    doc = next(d for d in cleaned_seeds if d.id.startswith("004"))
    for f in doc.flags:
        assert doc.text[f.start : f.end] == "出行" and doc.text[f.end : f.end + 3] == "和使命"
        assert f.kind == "typo" and f.cleaner == "flag_typos" and 0.65 <= (f.confidence or 0) <= 1
        assert "初心" in f.reason and "left" in f.reason


def test_seeds_text_is_untouched(cleaned_seeds: list[Document]) -> None:
    assert [d.text for d in cleaned_seeds] == [d.text for d in seed_documents()]


def test_raw_seeds_with_markup_flag_nothing_else() -> None:
    docs = [Document(id=p.stem, text=p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    flags = [(d.id[:3], f.text) for d in Pipeline([make_cleaner("flag_typos")]).run(docs) for f in d.flags]
    assert flags == [("004", "出行")] * 3


def test_a_slip_repeated_in_one_document_does_not_protect_itself() -> None:
    corpus = ["不忘党的初心和使命，继续前进。"] * 4 + ["人的出行和使命。人的出行和使命。人的出行和使命。"]
    det = TypoDetector().fit(corpus)
    assert [h.text for h in det.find(corpus[-1], threshold=0.0)] == ["出行"] * 3


def test_the_suggestion_must_occur_in_other_documents() -> None:
    corpus = ["不忘党的初心和使命，继续前进。人的出行和使命。"] + ["周末出行的人很多。"] * 4
    assert TypoDetector().fit(corpus).find(corpus[0], threshold=0.0) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("坚持制订和使命。", id="both-correct-pair-never"),
        pytest.param("坚持十四和使命。", id="numerals-never"),
    ],
)
def test_guards(text: str) -> None:
    """Each text has a sound-alike that the corpus attests in context (制定, 实事), and a guard."""
    corpus = ["党的初心和使命，党的制定和使命，党的实事和使命。"] * 5 + [text]
    spans = [h.text for h in TypoDetector().fit(corpus).find(text, threshold=0.0)]
    assert spans == []


def test_fit_on_a_reference_corpus_then_clean_another(tmp_path: Path) -> None:
    reference = [Document(id=str(i), text="不忘党的初心和使命，牢记使命。") for i in range(6)]
    trained = make_cleaner("flag_typos", threshold=0.0, nonwords=False)
    trained.fit(reference)
    trained.save_stats(tmp_path / "typos.npz")
    loaded = make_cleaner("flag_typos", threshold=0.0, nonwords=False, stats_path=str(tmp_path / "typos.npz"))
    assert not loaded.needs_fit and trained.needs_fit
    other = Document(id="x", text="人的出行和使命。")
    assert [(f.text, f.suggestion) for f in loaded(other).flags] == [("出行", "初心")]  # type: ignore[union-attr]
    shipped = pickle.loads(pickle.dumps(loaded))
    assert shipped(other) == loaded(other)


def test_fix_above_replaces_and_records_in_removed() -> None:
    docs = [Document(id=str(i), text="不忘党的初心和使命。") for i in range(6)]
    docs.append(Document(id="x", text="人的出行和使命。"))
    cleaner = make_cleaner("flag_typos", threshold=0.0, nonwords=False, fix_above=0.0)
    out = Pipeline([cleaner]).run(docs)[-1]
    assert out.text == "人的初心和使命。" and not out.flags
    assert [(r.text, r.at, r.cleaner) for r in out.removed] == [("出行", 2, "flag_typos")]
    assert out.steps == ("flag_typos",)


def test_never_flag_terms_are_skipped() -> None:
    docs = [Document(id=str(i), text="不忘党的初心和使命。") for i in range(6)]
    docs.append(Document(id="x", text="人的出行和使命。"))
    out = Pipeline([make_cleaner("flag_typos", threshold=0.0, nonwords=False, never_flag=["的出行"])]).run(
        docs
    )
    assert out[-1].flags == ()


def test_a_never_flag_term_covers_either_script() -> None:
    flagged = make_cleaner("flag_typos")(Document(id="p", text="我們要制定工作己劃。"))
    assert [(f.text, f.suggestion) for f in flagged.flags] == [("己", "計")]
    for term in ("工作己划", "工作己劃"):
        kept = make_cleaner("flag_typos", never_flag=[term])(Document(id="p", text="我們要制定工作己劃。"))
        assert kept.flags == (), term


def test_unfitted_cleaner_checks_non_words_against_the_reference() -> None:
    """No corpus: real-word slips need one, so 出行 stays; the non-word 己划 is flagged."""
    assert make_cleaner("flag_typos")(Document(id="x", text="人的出行和使命。")).flags == ()
    page = make_cleaner("flag_typos")(Document(id="p", text="我们要制定工作己划。"))
    assert [(f.text, f.suggestion, f.start) for f in page.flags] == [("己", "计", 7)]


def test_flag_typos_comes_after_every_cleaner_that_edits_text() -> None:
    editors = [
        "strip_html",
        "normalize_spaces",
        "normalize_width",
        "normalize_lines",
        "remove_headers",
        "remove_repeats",
    ]
    assert all(DEFAULT_PIPELINE.index("flag_typos") > DEFAULT_PIPELINE.index(name) for name in editors)


def test_preload_reads_the_word_list_before_any_fit() -> None:
    from corpusclean.typos.detect import span_words

    span_words.cache_clear()
    cleaner = make_cleaner("flag_typos")
    assert span_words.cache_info().currsize == 0  # building the cleaner reads nothing
    cleaner.preload()
    assert span_words.cache_info().currsize == 1


@pytest.mark.parametrize(
    ("text", "at", "suggestion", "allowed"),
    [
        pytest.param("人的出行和使命。", 2, "初心", True, id="a-slip-passes"),
        pytest.param("读胡志明主席的信。", 3, "民主", False, id="edge-of-a-name"),
        pytest.param("再接再厉地干", 1, "节在", False, id="inside-an-idiom"),
        pytest.param("在我国礼貌长期被忽视", 2, "国历", False, id="two-halves-of-two-words"),
        pytest.param("坚持制订计划", 2, "制定", False, id="both-correct"),
        pytest.param("时限到了", 0, "思想", False, id="two-fuzzy-syllables"),
    ],
)
def test_guards_on_one_hit(text: str, at: int, suggestion: str, allowed: bool) -> None:
    from corpusclean.typos.lexicon import lexicon

    assert TypoDetector().allowed(text, at, suggestion, lexicon().long_words) is allowed


@pytest.mark.parametrize(("copies", "scored"), [(4, False), (2, True)])
def test_a_suggestion_must_beat_the_written_word_beside_a_neighbour(copies: int, scored: bool) -> None:
    # The other documents write 的初心 and 初心和 three times each. With three other copies of
    # the text, they write 的出行 and 出行和 as often: 初心 is no better attested beside either
    # neighbour, so it is not even scored. With one other copy it is scored.
    text = "人的出行和使命。"
    detector = TypoDetector().fit(["党的初心和使命。"] * 3 + [text] * copies)
    features = detector.features(text)
    suggested = set() if features is None else {int(c) for c in features["cand"]}
    assert ((ord("初") << 21 | ord("心")) in suggested) is scored


def test_every_span_is_checked_and_beside_an_unlisted_one_only_han_is_context() -> None:
    # 己划 is no word of the list: the corpus detector checks it too, and 计划 is written
    # beside its neighbours 作 and 很 in the other documents.
    slip = "我们的工作己划很好。"
    plan = TypoDetector().fit(["我们的工作计划很好。"] * 4 + [slip])
    assert [(h.text, h.suggestion) for h in plan.find(slip, threshold=0.0)] == [("己划", "计划")]
    # 之初 is no word of the list either, and the other documents write 指出， often; a comma
    # is no context, so 指出 is not even scored for 成立之初，.
    text = "党在成立之初，就做出回答。"
    start = TypoDetector().fit(["他明确指出，这是对的。"] * 4 + [text])
    features = start.features(text)
    suggested = set() if features is None else {int(c) for c in features["cand"]}
    assert (ord("指") << 21 | ord("出")) not in suggested
    # counted around listed words only, an unlisted span is not checked at all
    assert TypoDetector(words_only=True).fit(["我们的工作计划很好。"] * 4).find("我们的工作己划很好。") == []
