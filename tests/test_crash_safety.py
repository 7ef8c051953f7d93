"""kill -9 in the middle of a run never leaves a half-written file under a final name.

A run is killed while its output is being written; every file under a final
name must then be absent or byte for byte what an uninterrupted run writes.
The hidden ``.NAME.*.tmp`` files a kill leaves behind are never read as input.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "中国共产党人的初心和使命，是为中国人民谋幸福，为中华民族谋复兴。"


def make_corpus(path: Path, documents: int = 3000) -> None:
    """About 3 MB of JSONL: distinct documents of a few paragraphs, one with a bad line."""
    with path.open("wb") as f:
        for i in range(documents):
            text = f"第{i}篇\n\n" + "\n".join(f"{SENTENCE}（{i}-{j}）" * 3 for j in range(4))
            f.write(orjson.dumps({"id": f"news/{i:05d}", "text": text}) + b"\n")
            if i == documents // 2:
                f.write(b"{broken\n")


def start(source: Path, output: Path, *extra: str) -> subprocess.Popen[bytes]:
    """Start a run; one quick cleaner, since the writing is under test, not the cleaning."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    only = ["--only", "normalize_lines"]
    return subprocess.Popen(
        [sys.executable, "-m", "corpusclean", "clean", str(source), "-o", str(output), "-q", *only, *extra],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def final_files(root: Path) -> dict[str, bytes]:
    """Files under their final names (not hidden temporary files or folders), by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    }


def writing_started(root: Path) -> bool:
    """True once the run has opened an output file (a temporary one or a finished one)."""
    return root.exists() and any(p.is_file() for p in root.rglob("*"))


@pytest.mark.parametrize(
    ("output", "extra", "documents"),
    [
        pytest.param("run/out.jsonl", (), 3000, id="jsonl"),
        pytest.param("run/out.jsonl.gz", (), 3000, id="jsonl-gz"),
        # one synced file per document: fewer documents take as long
        pytest.param("run/texts", ("--format", "txt"), 300, id="text-directory"),
    ],
)
def test_kill_9_while_writing_leaves_no_half_written_file(
    tmp_path: Path, output: str, extra: tuple[str, ...], documents: int
) -> None:
    source = tmp_path / "in.jsonl"
    make_corpus(source, documents)
    reference = tmp_path / "reference"
    done = start(source, reference / output, *extra)
    assert done.wait(timeout=300) == 1  # the broken line was rejected
    expected = final_files(reference)
    assert len(expected) >= 2  # the output and the rejects file

    killed_mid_write = 0
    for attempt, delay in enumerate((0.0, 0.1)):
        root = tmp_path / f"killed{attempt}"
        proc = start(source, root / output, *extra)
        began = time.monotonic()
        while proc.poll() is None and not writing_started(root) and time.monotonic() - began < 60:
            time.sleep(0.002)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed_mid_write += 1
        proc.wait(timeout=60)
        for name, data in final_files(root).items():
            assert data == expected[name], f"{name} is under its final name but not complete"
    assert killed_mid_write >= 1, "the runs ended before they could be killed; use a bigger corpus"
