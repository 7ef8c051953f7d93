"""A whole run with personal data in its input: no output file, side file, page or log keeps a value."""

from __future__ import annotations

import html
import os
import random
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
import zstandard
from pii_corpus import FORMS, WIDE, clean_paragraphs, insert, samples

from corpusclean.pii import canonical

ROOT = Path(__file__).resolve().parent.parent
SEPARATORS = str.maketrans("", "", " -()（）+\u3000")
NARROW = {ord(v): k for k, v in WIDE.items()}  # full-width forms back to ASCII (WIDE maps the other way)


def _inputs(folder: Path) -> list[tuple[str, str]]:
    """Write the input files; return ``(kind, value as written)`` of every value in them."""
    rng = random.Random(7)
    paragraphs = clean_paragraphs(600)
    values: list[tuple[str, str]] = []
    records = []
    for kind in FORMS:
        for n, s in enumerate(samples(kind, 3, seed=7)):
            if kind == "qq" and len(canonical("qq", s.written)) < 9:
                continue  # a short number could turn up by chance in a figure of the stats
            before, after = insert(rng.choice(paragraphs), s.phrase, rng)
            values.append((kind, s.written))
            records.append(
                {
                    "id": f"{kind}-{n}",
                    "text": before + s.written + after,
                    "author_contact": s.phrase.format(s.written),
                }
            )
    phone, mail, card = "13912345678", "zhang.san@example.com", "6222021234567890128"
    values += [("mobile", phone), ("email", mail), ("bank_card", card)]
    repeated = f"请拨打{phone}咨询。"  # the second copy goes to removed (remove_repeats)
    records.append({"id": "repeat", "text": f"{repeated}{paragraphs[0]}\n{paragraphs[1]}{repeated}"})
    twin = f"{paragraphs[2]}联系邮箱{mail}谢谢。"  # the second is marked as a duplicate
    records += [{"id": "twin-1", "text": twin}, {"id": "twin-2", "text": twin}]
    folder.mkdir()
    with (folder / "docs.jsonl").open("wb") as f:
        f.writelines(orjson.dumps(r) + b"\n" for r in records)
        f.write(b'{"id": "broken", "text": \n')  # a reject
    (folder / "menu.html").write_text(  # no main text: dropped before mask_pii runs
        f'<html><body><div class="nav"><a href="/">首页</a> <a href="/c">客服 {phone}，卡号{card}</a>'
        "</div></body></html>",
        encoding="utf-8",
    )
    return values


def _written_forms(kind: str, written: str) -> set[str]:
    """Every way the value could appear: as written, ASCII, bare, and regrouped."""
    ascii_form = written.translate(NARROW)
    forms = {written, ascii_form, canonical(kind, written)}
    if kind in ("mobile", "landline", "id_card", "bank_card", "qq"):
        bare = canonical(kind, written)
        forms |= {bare, bare.lstrip("0"), bare[-8:]}  # the local number of a landline alone
        if kind == "mobile":
            forms |= {f"{bare[:3]}-{bare[3:7]}-{bare[7:]}", f"{bare[:3]} {bare[3:7]} {bare[7:]}"}
    if kind == "email":
        forms |= {ascii_form.lower(), ascii_form.upper()}
    return {f for f in forms if len(f) >= 7}


def _texts(folder: Path) -> dict[str, str]:
    """Every file under ``folder``, decompressed, as text."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".zst":
                data = zstandard.ZstdDecompressor().stream_reader(data).read()
            found[str(path)] = data.decode("utf-8", errors="replace")
    return found


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[tuple[str, str]], dict[str, str]]:
    tmp = tmp_path_factory.mktemp("pii-run")
    values = _inputs(tmp / "in")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    outputs: dict[str, str] = {}
    commands = [
        ["-o", str(tmp / "file" / "out.jsonl"), "--report", str(tmp / "file" / "review.html")],
        ["-o", str(tmp / "shards"), "--format", "jsonl"],
    ]
    for n, extra in enumerate(commands):
        args = [sys.executable, "-m", "corpusclean", "clean", str(tmp / "in"), *extra]
        args += ["--stats", str(tmp / f"stats-{n}.json"), "--workers", "1"]
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 1, done.stderr  # 1: the broken line was rejected, the rest cleaned
        outputs[f"stdout-{n}"], outputs[f"stderr-{n}"] = done.stdout, done.stderr
    for folder in ("file", "shards"):
        outputs.update(_texts(tmp / folder))
    outputs.update({p: t for p, t in _texts(tmp).items() if "stats-" in p})
    return values, outputs


def test_the_run_wrote_every_kind_of_output(run: tuple[list[tuple[str, str]], dict[str, str]]) -> None:
    _, outputs = run
    names = " ".join(outputs)
    for part in (
        "out.jsonl",
        "out.duplicates.jsonl",
        "out.dropped.jsonl",
        "out.rejects.jsonl",
        "review.html",
    ):
        assert part in names
    for part in ("part-00000.jsonl.zst", "duplicates-00000.jsonl.zst", "dropped-00000.jsonl.zst", "manifest"):
        assert part in names
    kept = "".join(t for p, t in outputs.items() if p.endswith("out.jsonl"))
    assert all(placeholder in kept for placeholder in ("[手机号]", "[身份证号]", "[银行卡号]", "[微信号]"))
    removed = [r for line in kept.splitlines() for r in orjson.loads(line)["removed"]]
    assert any("[手机号]" in r["text"] for r in removed)  # the repeated sentence, masked in removed


def test_no_output_file_holds_a_value_in_any_written_form(
    run: tuple[list[tuple[str, str]], dict[str, str]],
) -> None:
    values, outputs = run
    leaks = []
    for path, text in outputs.items():
        views = (text, html.unescape(text), html.unescape(text).translate(NARROW).translate(SEPARATORS))
        for kind, written in values:
            for form in _written_forms(kind, written):
                if any(form in view for view in views):
                    leaks.append((path, kind, written, form))
    assert not leaks, leaks[:10]
