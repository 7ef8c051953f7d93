"""What a new user trips on first: a mistyped option, the cleaners list, recipe types."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpusclean.cli import main
from corpusclean.defaults import DEFAULT_PIPELINE
from corpusclean.errors import RecipeError
from corpusclean.recipe import parse_recipe
from corpusclean.registry import available

OUT = ["-o", "o.jsonl"]


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        pytest.param(["clean", "seeds", *OUT, "--fromat", "txt"], "did you mean --format?", id="fromat"),
        pytest.param(["clean", "seeds", *OUT, "--text_key=x"], "did you mean --text-key?", id="underscore"),
        pytest.param(["cleaners", "--verbsoe"], "did you mean --verbose?", id="cleaners-verbsoe"),
        pytest.param(["clean", "seeds", *OUT, "--zzzzzz"], "arguments: --zzzzzz\n", id="nothing-close"),
    ],
)
def test_a_mistyped_option_prints_the_commands_usage_and_the_closest_option(
    argv: list[str], hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usage: corpusclean {argv[0]} ")
    assert hint in err


def test_cleaners_are_listed_in_pipeline_order_then_the_optional_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["cleaners"]) == 0
    rows = [line.split()[:2] for line in capsys.readouterr().out.splitlines() if line.strip()][:-1]
    names = [name for _, name in rows]
    assert names[: len(DEFAULT_PIPELINE)] == list(DEFAULT_PIPELINE)
    assert [mark for mark, _ in rows[: len(DEFAULT_PIPELINE)]] == [
        f"{i}." for i in range(1, len(DEFAULT_PIPELINE) + 1)
    ]
    optional = names[len(DEFAULT_PIPELINE) :]
    assert optional == sorted(set(available()) - set(DEFAULT_PIPELINE))
    assert all(mark == "-" for mark, _ in rows[len(DEFAULT_PIPELINE) :])


def test_cleaners_list_is_plain_text_with_options_one_flag_away(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cleaners"]) == 0
    short = capsys.readouterr().out
    assert "``" not in short and ":class:" not in short
    assert "（）" in short  # flag_punctuation's marks, without the markup around them
    assert "min_chars" not in short
    assert main(["cleaners", "--verbose"]) == 0
    verbose = capsys.readouterr().out
    assert "min_chars (int, default 12)" in verbose


@pytest.mark.parametrize(
    ("table", "wanted"),
    [
        pytest.param(
            '[normalize_spaces]\njoin_cjk = "no"', "join_cjk: wants bool, got 'no' (str)", id="str-bool"
        ),
        pytest.param(
            '[remove_repeats]\nmin_chars = "12"', "min_chars: wants int, got '12' (str)", id="str-int"
        ),
        pytest.param(
            "[remove_repeats]\nmin_chars = 12.5", "min_chars: wants int, got 12.5 (float)", id="float-int"
        ),
        pytest.param(
            '[flag_typos]\nthreshold = "0.5"', "threshold: wants float, got '0.5' (str)", id="str-float"
        ),
        pytest.param(
            "[normalize_width]\nfold_alnum = 1", "fold_alnum: wants bool, got 1 (int)", id="int-bool"
        ),
    ],
)
def test_a_recipe_option_of_the_wrong_type_is_an_error_naming_option_type_and_value(
    table: str, wanted: str
) -> None:
    with pytest.raises(RecipeError) as error:
        parse_recipe(table)
    assert wanted in str(error.value)


def test_recipe_options_of_the_right_type_pass() -> None:
    recipe = parse_recipe("[remove_repeats]\nmin_chars = 20\n[flag_typos]\nthreshold = 1\n")
    assert recipe.options["remove_repeats"] == {"min_chars": 20}


def test_a_pipe_closed_early_is_not_an_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        f"{sys.executable} -m corpusclean cleaners --verbose | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.stdout.startswith(" 1. extract_main_text")
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_a_tuple_option_takes_a_toml_array_with_strict_items() -> None:
    recipe = parse_recipe('pipeline = ["mask_pii"]\n[mask_pii]\nkinds = ["email"]\n')
    assert recipe.options["mask_pii"] == {"kinds": ["email"]}
    with pytest.raises(RecipeError, match="kinds"):
        parse_recipe('pipeline = ["mask_pii"]\n[mask_pii]\nkinds = [1]\n')


def test_report_of_a_shard_directory_from_clean_and_from_report(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shards = tmp_path / "shards"
    page = tmp_path / "run.html"
    assert (
        main(["clean", str(seeds_dir), "-o", str(shards), "--format", "jsonl", "--report", str(page), "-q"])
        == 0
    )
    assert [p.name for p in shards.glob("part-*")] == ["part-00000.jsonl.zst"]
    html = page.read_text(encoding="utf-8")
    assert all(seed.stem in html for seed in seeds_dir.glob("*.txt"))  # every document of the shards
    again = tmp_path / "again.html"
    assert main(["report", str(shards), "-o", str(again)]) == 0
    assert all(seed.stem in again.read_text(encoding="utf-8") for seed in seeds_dir.glob("*.txt"))


def test_report_of_parquet_output_shows_what_the_jsonl_report_shows(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The review page reads Parquet shards and files: every document, removal and typo flag is on it."""
    jsonl_page, shard_page, file_page = (tmp_path / f"{name}.html" for name in ("jsonl", "shards", "file"))
    assert (
        main(["clean", str(seeds_dir), "-o", str(tmp_path / "s.jsonl"), "--report", str(jsonl_page), "-q"])
        == 0
    )
    shards = tmp_path / "shards"
    assert main(["clean", str(seeds_dir), "-o", str(shards), "--format", "parquet", "-q"]) == 0
    assert [p.name for p in shards.glob("part-*")] == ["part-00000.parquet"]
    assert main(["report", str(shards), "-o", str(shard_page)]) == 0
    one = tmp_path / "s.parquet"
    assert main(["clean", str(seeds_dir), "-o", str(one), "--report", str(file_page), "-q"]) == 0
    expected = jsonl_page.read_text(encoding="utf-8")
    for page in (shard_page, file_page):
        html = page.read_text(encoding="utf-8")
        assert all(seed.stem in html for seed in seeds_dir.glob("*.txt"))
        for marker in ("<del", "初心"):  # removals struck through, the typo flags' suggestion
            assert html.count(marker) == expected.count(marker) > 0


def test_report_of_a_directory_without_shards_says_what_to_give(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(tmp_path), "-o", str(tmp_path / "x.html")]) == 2
    assert "no part-*.jsonl[.zst] or part-*.parquet shards here" in capsys.readouterr().err


def test_ray_on_a_small_local_input_gets_a_hint_and_a_cluster_gets_none(seeds_dir: Path) -> None:
    from corpusclean.cli.clean import ray_hint

    hint = ray_hint([str(seeds_dir)], None)
    assert hint is not None and "local engine" in hint and " MB of input" in hint
    assert ray_hint([str(seeds_dir)], "ray://head:10001") is None
