"""The command line on the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from corpusclean.cli import build_parser, main
from corpusclean.cli.clean import EXIT_CLEANER_ERRORS
from corpusclean.cli.cleaners import plain
from corpusclean.registry import available


def test_clean_seeds_to_jsonl(seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "seeds.jsonl"
    assert main(["clean", str(seeds_dir), "-o", str(out), "--stats", str(tmp_path / "stats.json")]) == 0
    records = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert [r["id"] for r in records] == sorted(p.stem for p in seeds_dir.glob("*.txt"))
    assert all(r["metadata"]["encoding"] == "utf-8" for r in records)
    stats = json.loads((tmp_path / "stats.json").read_text(encoding="utf-8"))
    assert stats["documents_read"] == stats["documents_written"] == 5
    assert [row["name"] for row in stats["cleaners"]] == build_pipeline_names()
    err = capsys.readouterr().err
    assert "5 documents read, 5 written" in err


def build_pipeline_names() -> list[str]:
    from corpusclean.recipe import default_pipeline

    return default_pipeline().names


def test_clean_to_stdout_and_text_directory(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["clean", str(seeds_dir / "003_ce72efe48c9e2142.txt"), "-o", "-", "-q"]) == 0
    (record,) = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["id"] == "003_ce72efe48c9e2142"
    assert main(["clean", str(seeds_dir), "-o", str(tmp_path / "texts"), "-q"]) == 0
    assert len(list((tmp_path / "texts").glob("*.txt"))) == 5


def test_refuses_to_overwrite_an_input(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", str(seeds_dir), "-o", str(seeds_dir / "out.jsonl")]) == 2
    assert "choose an output path outside the inputs" in capsys.readouterr().err
    assert not (seeds_dir / "out.jsonl").exists()


def test_unknown_cleaner_names_the_valid_ones(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["clean", str(seeds_dir), "-o", str(tmp_path / "o.jsonl"), "--skip", "strip_htm"]) == 2
    assert "unknown cleaner 'strip_htm'; valid names: " in capsys.readouterr().err


def test_rejected_input_goes_to_rejects_file_and_exit_status_is_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("好的文本。", encoding="utf-8")
    (tmp_path / "in" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(tmp_path / "in"), "-o", str(out), "-q"]) == 1
    assert [orjson.loads(x)["id"] for x in out.read_bytes().splitlines()] == ["good"]
    (reject,) = [orjson.loads(x) for x in (tmp_path / "out.rejects.jsonl").read_bytes().splitlines()]
    assert reject["source"].endswith("image.txt") and "PNG image" in reject["error"]
    assert "image.txt" in capsys.readouterr().err


def test_cleaners_lists_every_registered_cleaner(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cleaners"]) == 0
    out = capsys.readouterr().out
    for name, cls in available().items():
        assert name in out and plain(cls.description()) in out


def test_every_command_help_ends_with_an_example() -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert commands
    for name, sub in commands.items():
        assert "Example" in (sub.epilog or ""), f"corpusclean {name} --help has no example"
        assert f"corpusclean {name}" in sub.epilog


def test_duplicates_go_to_the_side_file(seeds_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for seed in seeds_dir.glob("*.txt"):
        (corpus / seed.name).write_bytes(seed.read_bytes())
    original = (seeds_dir / "004_4df8a98fcc7cfd4c.txt").read_text(encoding="utf-8")
    (corpus / "zz_copy.txt").write_text("转载自某网站\n" + original, encoding="utf-8")
    out = tmp_path / "out" / "corpus.jsonl"
    assert main(["clean", str(corpus), "-o", str(out), "-q"]) == 0
    kept = [orjson.loads(x)["id"] for x in out.read_bytes().splitlines()]
    (copy,) = [
        orjson.loads(x) for x in (tmp_path / "out" / "corpus.duplicates.jsonl").read_bytes().splitlines()
    ]
    assert "zz_copy" not in kept and len(kept) == 5
    assert copy["id"] == "zz_copy"
    assert copy["metadata"]["duplicate_of"] == "004_4df8a98fcc7cfd4c"


def test_a_catastrophic_recipe_pattern_flags_the_document_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a_good.txt").write_text("今天天气很好，我们去公园散步。", encoding="utf-8")
    (tmp_path / "in" / "b_trap.txt").write_text("a" * 40 + "！", encoding="utf-8")
    recipe = tmp_path / "recipe.toml"
    recipe.write_text('[remove_headers]\nextra_dateline_patterns = ["(a|aa)+$"]\n', encoding="utf-8")
    out, stats = tmp_path / "out.jsonl", tmp_path / "stats.json"
    argv = ["clean", str(tmp_path / "in"), "-o", str(out), "--recipe", str(recipe), "--stats", str(stats)]
    assert main([*argv, "-q"]) == EXIT_CLEANER_ERRORS == 3
    records = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    assert [r["id"] for r in records] == ["a_good", "b_trap"]  # the document is written, not rejected
    (flag,) = records[1]["flags"]
    assert (flag["kind"], flag["cleaner"], flag["start"], flag["end"]) == (
        "cleaner_error",
        "remove_headers",
        0,
        0,
    )
    assert "PatternTimeoutError" in flag["reason"] and "(a|aa)+$" in flag["reason"]
    assert "remove_headers" not in records[1]["steps"]
    assert not (tmp_path / "out.rejects.jsonl").exists()
    summary = json.loads(stats.read_text(encoding="utf-8"))
    assert summary["cleaner_errors"] == 1
    assert [c["errors"] for c in summary["cleaners"] if c["name"] == "remove_headers"] == [1]
