"""The library as its users get it: a wheel installed into a fresh virtual environment."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import orjson
import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_cleans_the_seeds(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("corpusclean-*.whl")
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    out = tmp_path / "seeds.jsonl"
    done = subprocess.run(
        [str(env_dir / "bin" / "corpusclean"), "clean", str(ROOT / "seeds"), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # not the source tree: the installed package must be complete on its own
    )
    assert done.returncode == 0, done.stderr
    records = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert len(records) == 5
    assert all(r["steps"] is not None and r["text"] for r in records)
    listed = subprocess.run(
        [str(env_dir / "bin" / "corpusclean"), "cleaners"], capture_output=True, text=True
    )
    assert "normalize_lines" in listed.stdout
