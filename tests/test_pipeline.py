"""Cleaners, the pipeline, the registry and recipes."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from corpusclean import Cleaner, Document, Drop, Edit, FoundFlag, Pipeline, RecipeError, make_cleaner
from corpusclean.recipe import build_pipeline, parse_recipe


class RemoveX(Cleaner):
    """Remove the letter x."""

    name = "remove_x"

    def find_edits(self, text: str) -> Iterable[Edit]:
        return (Edit(i, i + 1, reason="an x") for i, ch in enumerate(text) if ch == "x")


class FlagY(Cleaner):
    """Flag the letter y."""

    name = "flag_y"

    def find_flags(self, text: str) -> Iterable[FoundFlag]:
        return (FoundFlag("y", i, i + 1, "a y") for i, ch in enumerate(text) if ch == "y")


class XToY(Cleaner):
    """Turn x into y."""

    name = "x_to_y"

    def find_edits(self, text: str) -> Iterable[Edit]:
        return (Edit(i, i + 1, "y") for i, ch in enumerate(text) if ch == "x")


class DropEmpty(Cleaner):
    """Drop empty documents."""

    name = "drop_empty"

    def apply(self, doc: Document) -> Document | Drop:
        return Drop("empty") if not doc.text else doc


class CountWords(Cleaner):
    """Learns the corpus size before cleaning."""

    name = "count_docs"
    needs_fit = True

    def fit(self, docs: Iterable[Document]) -> None:
        self.texts = [d.text for d in docs]

    def apply(self, doc: Document) -> Document:
        return doc


def test_steps_record_only_cleaners_that_changed_the_document() -> None:
    out = Pipeline([RemoveX(), FlagY()])(Document(id="a", text="中x文"))
    assert out is not None
    assert out.text == "中文"
    assert out.steps == ("remove_x",)
    assert [(r.cleaner, r.text, r.reason) for r in out.removed] == [("remove_x", "x", "an x")]


def test_order_matters() -> None:
    doc = Document(id="a", text="x中")
    first = Pipeline([XToY(), FlagY()])(doc)
    second = Pipeline([FlagY(), XToY()])(doc)
    assert first is not None and second is not None
    assert first.text == second.text == "y中"
    assert len(first.flags) == 1 and second.flags == ()


def test_flags_follow_later_edits() -> None:
    out = Pipeline([FlagY(), RemoveX()])(Document(id="a", text="xxy中"))
    assert out is not None
    assert out.text == "y中"
    assert [(f.start, f.text) for f in out.flags] == [(0, "y")]


def test_pipelines_nest_and_stats_count_per_cleaner() -> None:
    inner = Pipeline([RemoveX()])
    outer = Pipeline([inner, DropEmpty(), FlagY()])
    docs = [Document(id="1", text="xy"), Document(id="2", text="x"), Document(id="3", text="中文")]
    dropped: list[tuple[str, str]] = []
    kept = list(outer.clean(docs, on_drop=lambda d, reason: dropped.append((d.id, reason))))
    assert [d.id for d in kept] == ["1", "3"]
    assert dropped == [("2", "drop_empty: empty")]
    rows = {s.name: s for s in outer.all_stats()}
    assert list(rows) == ["remove_x", "drop_empty", "flag_y"]
    assert (rows["remove_x"].seen, rows["remove_x"].changed, rows["remove_x"].chars_removed) == (3, 2, 2)
    assert (rows["drop_empty"].dropped, dict(rows["drop_empty"].drop_reasons)) == (1, {"empty": 1})
    assert (rows["flag_y"].seen, rows["flag_y"].flags) == (2, 1)


def test_fit_sees_documents_as_the_cleaners_before_leave_them_and_is_not_counted() -> None:
    counter = CountWords()
    pipeline = Pipeline([RemoveX(), counter])
    assert pipeline.needs_fit
    pipeline.fit([Document(id="1", text="x中x")])
    assert counter.texts == ["中"]
    assert pipeline[0].stats.seen == 0


def test_pipeline_is_a_list() -> None:
    pipeline = Pipeline([RemoveX(), FlagY()])
    assert len(pipeline) == 2
    assert pipeline.names == ["remove_x", "flag_y"]
    assert pipeline[1:].names == ["flag_y"]


def test_make_cleaner_rejects_unknown_options_and_names_valid_ones() -> None:
    with pytest.raises(RecipeError, match=r"bad options for cleaner 'normalize_lines'.*Valid options"):
        make_cleaner("normalize_lines", colour="red")


@pytest.mark.parametrize(
    ("recipe", "message"),
    [
        pytest.param(
            'pipeline = ["normalize_line"]',
            "unknown cleaner 'normalize_line'; valid names: ",
            id="typo-in-name",
        ),
        pytest.param('pipeline = "normalize_lines"', "must be a list", id="not-a-list"),
        pytest.param(
            'pipeline = ["normalize_lines"]\n[normalize_lines]\nfoo = 1', "Valid options", id="bad-option"
        ),
        pytest.param("pipeline = [\n", "not valid TOML", id="bad-toml"),
    ],
)
def test_bad_recipes_fail_with_what_to_do(recipe: str, message: str) -> None:
    with pytest.raises(RecipeError, match=message):
        parse_recipe(recipe)


def test_recipe_builds_the_pipeline_it_names() -> None:
    assert build_pipeline(parse_recipe('pipeline = ["normalize_lines"]')).names == ["normalize_lines"]


def test_fit_pass_leaves_out_cleaners_that_only_flag() -> None:
    counter = CountWords()
    flagger = FlagY()
    flagger.changes_text = False
    pipeline = Pipeline([RemoveX(), flagger, counter])
    assert pipeline.before(2).names == ["remove_x"]
    pipeline.fit([Document(id="1", text="xy中")])
    assert counter.texts == ["y中"]
