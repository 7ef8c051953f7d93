"""The pages of docs/: generated ones match the code, written ones name every field."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

import pytest

from corpusclean import docs_gen
from corpusclean.cleaner import Cleaner, CleanerStats
from corpusclean.cli import build_parser
from corpusclean.document import Document, Flag, Removal
from corpusclean.recipe import build_pipeline, parse_recipe
from corpusclean.registry import available

DOCS = Path(__file__).resolve().parent.parent / "docs"


# -- generated pages are up to date -------------------------------------------------------------------


def test_cleaners_page_is_up_to_date() -> None:
    assert (DOCS / "cleaners.md").read_text(encoding="utf-8") == docs_gen.cleaners_reference(), (
        "docs/cleaners.md is out of date: run python -m corpusclean.docs_gen"
    )


def test_recipes_page_full_recipe_is_up_to_date() -> None:
    page = (DOCS / "recipes.md").read_text(encoding="utf-8")
    assert page == docs_gen.fill_recipes_page(page, docs_gen.full_recipe()), (
        "the full recipe in docs/recipes.md is out of date: run python -m corpusclean.docs_gen"
    )


def test_cli_page_is_up_to_date() -> None:
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == docs_gen.cli_reference(build_parser()), (
        "docs/cli.md is out of date: run python -m corpusclean.docs_gen"
    )


def test_check_mode_reports_a_stale_page(tmp_path, capsys) -> None:
    (tmp_path / "recipes.md").write_text(
        f"# Recipes\n\n{docs_gen.RECIPE_START}\n{docs_gen.RECIPE_END}\n", encoding="utf-8"
    )
    assert docs_gen.main([str(tmp_path), "--check"]) == 1
    assert "recipes.md is out of date" in capsys.readouterr().err
    docs_gen.main([str(tmp_path)])
    assert (tmp_path / "cleaners.md").read_text(encoding="utf-8") == docs_gen.cleaners_reference()
    written = (tmp_path / "recipes.md").read_text(encoding="utf-8")
    assert "```toml\n" in written and "pipeline = [" in written
    capsys.readouterr()
    status = docs_gen.main([str(tmp_path), "--check"])
    err = capsys.readouterr().err
    assert "out of date" not in err
    assert status == 0


# -- what the generators write ----------------------------------------------------------------------


class PadNumbers(Cleaner):
    """Pad numbers to a width.

    Before: ``"7"``; after: ``"007"``.
    """

    name = "pad_numbers"
    needs_fit = True

    def __init__(
        self, *, width: int = 3, fill: str = "0", skip: tuple[str, ...] = ("年",), limit: int | None = None
    ):
        self.width, self.fill, self.skip, self.limit = width, fill, skip, limit


def test_cleaner_section_names_the_options_with_types_and_defaults() -> None:
    section = docs_gen.cleaner_section(PadNumbers)
    assert section.startswith("## `pad_numbers`\n\nPad numbers to a width.\n\nBefore: ")
    assert "Not in the default pipeline" in section and "a fit pass" in section
    assert "| `width` | `int` | `3` |" in section
    assert "| `skip` | `tuple[str, ...]` | `('年',)` |" in section
    assert "| `limit` | `int | None` | `None` |" in section


def test_full_recipe_parses_and_builds_the_default_pipeline() -> None:
    recipe_text = docs_gen.full_recipe()
    recipe = parse_recipe(recipe_text, source="docs/recipes.md")
    assert build_pipeline(recipe).names == build_pipeline().names


def test_full_recipe_of_a_cleaner_outside_the_pipeline_is_commented_out() -> None:
    text = docs_gen.full_recipe({**available(), "pad_numbers": PadNumbers})
    assert (
        '# [pad_numbers]\n# width = 3  # int\n# fill = "0"  # str\n# skip = ["年"]  # tuple[str, ...]' in text
    )
    assert "# limit = ...  # int | None, default None" in text
    parse_recipe(text)  # still a valid recipe: the cleaner that is not in the pipeline is only a comment


def stub_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="corpusclean", description="Clean corpora.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in ("clean", "report"):
        sub = commands.add_parser(name, help=f"{name} things", epilog=f"Example:\n  corpusclean {name} x")
        sub.add_argument("--flag", help=f"a flag of {name}")
    return parser


def test_cli_reference_has_every_command_help() -> None:
    page = docs_gen.cli_reference(stub_parser())
    assert [m.group(1) for m in re.finditer(r"^## `(.+)`$", page, re.M)] == [
        "corpusclean",
        "corpusclean clean",
        "corpusclean report",
    ]
    assert "a flag of report" in page and "corpusclean report x" in page
    assert page.count("```text") == 3


def test_cli_reference_does_not_depend_on_the_terminal(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    narrow = docs_gen.cli_reference(stub_parser())
    monkeypatch.setenv("COLUMNS", "200")
    assert docs_gen.cli_reference(stub_parser()) == narrow
    assert os.environ["COLUMNS"] == "200"


# -- written pages name everything ------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param(list(Document.model_fields), id="document"),
        pytest.param(list(Flag.model_fields), id="flag"),
        pytest.param(list(Removal.model_fields), id="removal"),
        pytest.param(list(CleanerStats("x").as_dict()), id="stats-row"),
    ],
)
def test_schema_page_describes_every_field(fields: list[str]) -> None:
    page = (DOCS / "schema.md").read_text(encoding="utf-8")
    missing = [f for f in fields if f"| `{f}` |" not in page]
    assert not missing, f"docs/schema.md has no table row for {missing}"


def test_schema_page_lists_the_document_fields_in_record_order() -> None:
    page = (DOCS / "schema.md").read_text(encoding="utf-8")
    assert ", ".join(f"`{f}`" for f in Document.model_fields) in page.replace("\n", " ")


def test_recipe_examples_on_the_recipes_page_parse() -> None:
    page = (DOCS / "recipes.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", page, re.S)
    assert len(blocks) >= 2
    for block in blocks:
        parse_recipe(block, source="docs/recipes.md")
