"""The review page of the seeds, rendered by a real browser (headless Chromium).

The seeds go through a small pipeline of cleaners written here (so this test
does not depend on which real cleaners exist): one strips markup with a reason,
one flags the three 出行 of ``004_*`` as typos of 初心, one marks a duplicate
and one drops a document. The run is written out as JSONL like a real run, the
``report`` command turns it into a page, and the page's numbers, as the browser
shows them after the script ran, must match the JSONL.

Chromium comes from Debian: ``apt-get install -y chromium``. Without it the
test is skipped, except under CI, where it must run.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest
import regex
from bs4 import BeautifulSoup

from corpusclean.cleaner import Cleaner, Drop, FoundFlag
from corpusclean.cli import report as report_command
from corpusclean.document import Document, Edit
from corpusclean.pipeline import Pipeline

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="headless Chromium is not installed (apt-get install -y chromium); it runs under CI",
)

TAG_RE = regex.compile(r"<[^<>]+>")


class StripTags(Cleaner):
    """Remove markup tags."""

    name = "strip_tags"

    def find_edits(self, text: str) -> Iterable[Edit]:
        return (Edit(m.start(), m.end(), reason="HTML tag") for m in TAG_RE.finditer(text))


class FlagChuxing(Cleaner):
    """Flag 出行 where 初心 is meant."""

    name = "flag_typos"

    def find_flags(self, text: str) -> Iterable[FoundFlag]:
        for m in regex.finditer("出行", text):
            yield FoundFlag(
                "typo", m.start(), m.end(), "出行 next to 使命: 初心", suggestion="初心", confidence=0.9
            )


class MarkDuplicate(Cleaner):
    """Mark 003 as a duplicate of 000."""

    name = "mark_duplicates"

    def apply(self, doc: Document) -> Document | Drop:
        if doc.id.startswith("003_"):
            return doc.replace(metadata={**doc.metadata, "duplicate_of": "000_577c4fc611a7163a"})
        return doc


class DropOne(Cleaner):
    """Drop 001."""

    name = "drop_listed"

    def apply(self, doc: Document) -> Document | Drop:
        return Drop("listed for dropping") if doc.id.startswith("001_") else doc


def write_run(out: Path) -> dict[str, list[Document]]:
    """Clean the seeds and write the output, side files and stats as a run does."""
    pipeline = Pipeline([StripTags(), FlagChuxing(), MarkDuplicate(), DropOne()])
    docs = [
        Document(id=p.stem, text=p.read_text(encoding="utf-8"), source=p.name)
        for p in sorted(SEEDS.iterdir())
    ]
    files: dict[str, list[Document]] = {"kept": [], "duplicates": [], "dropped": []}

    def set_aside(doc: Document, reason: str) -> None:
        files["dropped"].append(doc.replace(metadata={**doc.metadata, "dropped": reason}))

    for doc in pipeline.clean(docs, on_drop=set_aside):
        files["duplicates" if "duplicate_of" in doc.metadata else "kept"].append(doc)
    for kind, kept in files.items():
        (out / f"run.{kind}.jsonl").write_text(
            "".join(d.model_dump_json() + "\n" for d in kept), encoding="utf-8"
        )
    stats = {
        "documents_read": len(docs),
        "documents_written": len(files["kept"]),
        "duplicates": len(files["duplicates"]),
        "dropped": len(files["dropped"]),
        "cleaners": [s.as_dict() for s in pipeline.all_stats()],
    }
    (out / "run.stats.json").write_text(json.dumps(stats, ensure_ascii=False), encoding="utf-8")
    return files


def chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None, "CI must install chromium: apt-get install -y chromium"
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "LANG": "C.UTF-8"},
    )


@pytest.fixture(scope="module")
def run_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[Document]], dict]:
    out = tmp_path_factory.mktemp("run")
    files = write_run(out)
    parser = argparse.ArgumentParser()
    report_command.add_parser(parser.add_subparsers())
    args = parser.parse_args(
        [
            "report",
            *(str(out / f"run.{k}.jsonl") for k in ("kept", "duplicates", "dropped")),
            "--stats",
            str(out / "run.stats.json"),
            "-o",
            str(out / "report.html"),
        ]
    )
    assert args.func(args) == 0
    stats = json.loads((out / "run.stats.json").read_text(encoding="utf-8"))
    return out / "report.html", files, stats


def dump_dom(page: Path, profile: Path, fragment: str = "") -> BeautifulSoup:
    url = page.as_uri() + fragment
    return BeautifulSoup(chromium(page, profile, "--dump-dom", url).stdout, "html.parser")


@pytest.fixture(scope="module")
def dom(run_page, tmp_path_factory: pytest.TempPathFactory) -> BeautifulSoup:
    """The page's DOM as Chromium leaves it after the page's script ran."""
    return dump_dom(run_page[0], tmp_path_factory.mktemp("profile"))


def test_page_numbers_match_the_jsonl(run_page, dom) -> None:
    _, files, stats = run_page
    stat = {dd["data-stat"]: int(dd.text.replace(",", "")) for dd in dom.select("dd[data-stat]")}
    records = [d for kept in files.values() for d in kept]
    assert stat == {
        "docs_in": 5,
        "docs_out": len(files["kept"]),
        "dropped": len(files["dropped"]),
        "duplicates": len(files["duplicates"]),
        "flags": sum(len(d.flags) for d in records),
        "removals": sum(len(d.removed) for d in records),
        "chars_removed": sum(len(r.text) for d in records for r in d.removed),
    }
    assert (stat["docs_out"], stat["dropped"], stat["duplicates"], stat["flags"]) == (3, 1, 1, 3)
    assert stat["removals"] > 0
    rows = {
        tr["data-cleaner"]: [td.text for td in tr.find_all("td")] for tr in dom.select("table.stats tbody tr")
    }
    assert list(rows) == [row["name"] for row in stats["cleaners"]]
    for row in stats["cleaners"]:
        assert rows[row["name"]][1:6] == [
            f"{row[k]:,}" for k in ("seen", "changed", "dropped", "chars_removed", "flags")
        ]
    # The script ran in the browser: it counted the documents it shows.
    assert dom.select_one("#shown-count")["data-shown"] == "5"
    assert dom.select_one("#shown-count").text == "5 of 5 documents shown"


def test_the_three_typo_flags_are_visible(dom) -> None:
    article = dom.select_one('article[data-id^="004_"]')
    assert article is not None and not article.has_attr("hidden")
    marks = article.select('.text mark.flag[data-kind="typo"]')
    assert [m.text for m in marks] == ["出行"] * 3
    labels = [m.find_next_sibling("sup") for m in marks]
    assert [label.text for label in labels] == ["→初心 0.90"] * 3
    assert all("suggestion: 初心" in m["title"] for m in marks)


def test_removals_are_struck_through_in_place(run_page, dom) -> None:
    files = run_page[1]
    article = dom.select_one('article[data-id^="002_"]')
    dels = article.select(".text del.rm")
    doc = next(d for d in files["kept"] if d.id.startswith("002_"))
    assert len(dels) == len(doc.removed) > 0
    assert dels[0].text == doc.removed[0].text and dels[0]["title"] == "strip_tags: HTML tag"
    # Without the struck-through text, the article's text is the cleaned text.
    article = copy.copy(article)  # the DOM is shared by the tests of this module
    for d in article.select(".text del, .text sup"):
        d.decompose()
    assert article.select_one(".text").text == doc.text


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        pytest.param("#kind=typo", lambda d: any(f.kind == "typo" for f in d.flags), id="flag-kind"),
        pytest.param("#cleaner=strip_tags", lambda d: "strip_tags" in d.steps, id="cleaner"),
        pytest.param("#q=苏共&kind=", lambda d: "苏共" in d.text, id="search"),
    ],
)
def test_filters_set_from_the_url(run_page, tmp_path, fragment: str, expected) -> None:
    page, files, _ = run_page
    dom = dump_dom(page, tmp_path / "profile", fragment)
    visible = [a["data-id"] for a in dom.select("article.doc") if not a.has_attr("hidden")]
    wanted = sorted(d.id for docs in files.values() for d in docs if expected(d))
    assert sorted(visible) == wanted and len(wanted) == 1
    assert dom.select_one("#shown-count").text == "1 of 5 documents shown"


def test_screenshot(run_page, tmp_path) -> None:
    page, _, _ = run_page
    shot = Path(os.environ.get("CORPUSCLEAN_SCREENSHOT", tmp_path / "report.png"))
    chromium(
        page,
        tmp_path / "profile",
        f"--screenshot={shot}",
        "--window-size=1280,2000",
        page.as_uri() + "#kind=typo",
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


@pytest.fixture(scope="module")
def real_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BeautifulSoup]:
    """The seeds through the real default pipeline and `corpusclean clean --report`, in Chromium."""
    from corpusclean.cli import main

    out = tmp_path_factory.mktemp("real")
    status = main(
        ["clean", str(SEEDS), "-o", str(out / "seeds.jsonl"), "--stats", str(out / "stats.json"),
         "--report", str(out / "seeds.html"), "-q"]
    )  # fmt: skip
    assert status == 0
    return out, dump_dom(out / "seeds.html", tmp_path_factory.mktemp("profile"))


def test_real_run_page_matches_the_jsonl_and_shows_the_three_typos(real_run) -> None:
    out, dom = real_run
    records = [
        Document.model_validate_json(line) for line in (out / "seeds.jsonl").read_text("utf-8").splitlines()
    ]
    stat = {dd["data-stat"]: int(dd.text.replace(",", "")) for dd in dom.select("dd[data-stat]")}
    assert stat["docs_in"] == 5 and stat["docs_out"] == len(records) == 5
    assert stat["flags"] == sum(len(d.flags) for d in records)
    assert stat["removals"] == sum(len(d.removed) for d in records)
    assert stat["chars_removed"] == sum(len(r.text) for d in records for r in d.removed)
    article = dom.select_one('article[data-id^="004_"]')
    marks = article.select('.text mark.flag[data-kind="typo"]')
    assert [m.text for m in marks] == ["出行"] * 3
    assert all(m.find_next_sibling("sup").text.startswith("→初心") for m in marks)
    assert not dom.select('article:not([data-id^="004_"]) mark.flag[data-kind="typo"]')
