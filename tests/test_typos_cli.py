"""The eval-typos command module."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from corpusclean.cli import eval_typos
from corpusclean.errors import InputError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="corpusclean")
    eval_typos.add_parser(parser.add_subparsers())
    return parser


def test_help_ends_with_an_example() -> None:
    sub = _parser()._subparsers._group_actions[0].choices["eval-typos"]  # type: ignore[union-attr]
    assert "corpusclean eval-typos" in sub.format_help().split("Example:")[1]


def test_run_prints_precision_and_recall(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(
            "不忘党的初心和使命，继续坚持改革开放的方针。" * 30, encoding="utf-8"
        )
    args = _parser().parse_args(["eval-typos", str(tmp_path), "--rate", "0.01", "--seed", "3"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "4 documents, 2640 characters" in out
    assert "precision" in out and "reference only" in out and "whole-word slips, corpus fitted" in out


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        pytest.param("a.jsonl", '{"text": "初心"}\n\n{"text": "使命"}\n', ["初心", "使命"], id="jsonl"),
        pytest.param("a.txt", "初心和使命", ["初心和使命"], id="txt"),
    ],
)
def test_read_texts(tmp_path: Path, name: str, content: str, expected: list[str]) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert eval_typos.read_texts(path) == expected


def test_bad_jsonl_line_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "初心"}\n{"body": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.jsonl:2: the text field 'text' is missing"):
        eval_typos.read_texts(path)
