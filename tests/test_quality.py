"""The linters and the type checker are part of the build: a finding fails the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "command",
    [
        pytest.param([sys.executable, "-m", "ruff", "check", "src", "tests"], id="ruff"),
        pytest.param([sys.executable, "-m", "ruff", "format", "--check", "src", "tests"], id="ruff-format"),
        pytest.param([sys.executable, "-m", "mypy"], id="mypy"),
    ],
)
def test_tool_finds_nothing(command: list[str]) -> None:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
