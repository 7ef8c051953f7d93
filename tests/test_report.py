"""The review page without a browser: markup of one document, sampling, counts, size, the command."""

from __future__ import annotations

import argparse
import gzip
import itertools
import re

import pytest
import zstandard
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from corpusclean.cleaner import Cleaner
from corpusclean.cli import report as report_command
from corpusclean.document import Document, Edit, Flag, Removal
from corpusclean.errors import InputError, OutputError
from corpusclean.report import read_documents, render_report, survey
from corpusclean.report.markup import mark_up, visible_windows

COLORS = {"s": 0, "t": 1, "u": 2}


def flag(doc_text: str, start: int, end: int, kind: str = "typo", suggestion: str | None = "X") -> Flag:
    return Flag(
        kind=kind,
        start=start,
        end=end,
        text=doc_text[start:end],
        suggestion=suggestion,
        cleaner="t",
        reason="r",
    )


def soup_of(html: str) -> BeautifulSoup:
    # Inside <pre>, BeautifulSoup keeps white-space-only strings as they are.
    return BeautifulSoup(f"<pre>{html}</pre>", "html.parser")


def shown_text(html: str) -> str:
    """The text a reader sees once struck-through text and suggestion labels are taken out."""
    soup = soup_of(html)
    for el in soup.select("del, sup"):
        el.decompose()
    return soup.get_text()


def removed_in_place(html: str) -> str:
    """The text before the removals: struck-through text kept, labels taken out."""
    soup = soup_of(html)
    for el in soup.select("sup"):
        el.decompose()
    return soup.get_text()


# -- one document ----------------------------------------------------------------------------------

TEXT = "中国共产党人的出行和使命"
MARKUP_CASES = [
    pytest.param(Document(id="a", text=TEXT), [], 0, id="no-marks-unchanged"),
    pytest.param(Document(id="a", text=TEXT).add_flags([flag(TEXT, 7, 9)]), ["出行"], 0, id="one-flag"),
    pytest.param(
        Document(id="a", text=TEXT).add_flags([flag(TEXT, 5, 9), flag(TEXT, 7, 11)]),
        ["人的", "出行", "出行", "和使"],
        0,
        id="overlapping-flags-cut-at-boundaries",
    ),
    pytest.param(
        Document(id="a", text=TEXT).add_flags([flag(TEXT, 6, 6, kind="missing_punct", suggestion="，")]),
        [""],
        0,
        id="empty-flag-at-a-point",
    ),
    pytest.param(
        Document(id="a", text="<p>正文 内容</p>").edit(
            [Edit(0, 3, reason="tag"), Edit(5, 6, reason="space"), Edit(8, 12, reason="tag")], cleaner="s"
        ),
        [],
        3,
        id="removals-at-start-middle-end",
    ),
]


@pytest.mark.parametrize(("doc", "marked", "dels"), MARKUP_CASES)
def test_markup_keeps_the_text_and_shows_every_mark(doc: Document, marked: list[str], dels: int) -> None:
    html = mark_up(doc, colors=COLORS)
    soup = BeautifulSoup(html, "html.parser")
    assert shown_text(html) == doc.text
    assert [m.text for m in soup.select("mark")] == marked
    assert len(soup.select("del")) == dels


def test_removals_stand_where_they_were() -> None:
    original = "<p>正文 内容</p>"
    doc = Document(id="a", text=original).edit(
        [Edit(0, 3, reason="tag"), Edit(5, 6, reason="space"), Edit(8, 12, reason="tag")], cleaner="s"
    )
    assert (
        removed_in_place(mark_up(doc, colors=COLORS)) == "<p>正文␣内容</p>"
    )  # the removed space made visible


def test_text_that_looks_like_markup_is_escaped() -> None:
    text = '<script>alert("x")</script>&amp;'
    doc = Document(id="<b>", text=text, title="<i>").edit([Edit(0, 8, reason="<tag>")], cleaner="s")
    page = render_report([doc])
    assert "<script>alert" not in page and "<b>" not in page and "<i>" not in page
    assert shown_text(mark_up(doc, colors=COLORS)) == doc.text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="中文 a<&\n", min_size=1, max_size=40), st.data())
def test_any_flags_and_removals_leave_the_text_readable(text: str, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=6)))
    flags = [flag(text, a, b) for a, b in itertools.pairwise(cuts)]
    at = data.draw(st.integers(0, len(text)))
    doc = Document(
        id="a", text=text, flags=flags, removed=[Removal(cleaner="s", text="<去>", reason="r", at=at)]
    )
    html = mark_up(doc, colors=COLORS)
    assert shown_text(html) == text
    assert removed_in_place(html) == text[:at] + "<去>" + text[at:]


def test_long_documents_show_windows_around_every_mark() -> None:
    text = "正文。" * 5000
    doc = Document(id="a", text=text).add_flags(
        [flag(text, 300, 302), flag(text, 9000, 9003), flag(text, 14000, 14002)]
    )
    windows = visible_windows(doc, max_chars=1200, context=100)
    assert sum(b - a for a, b in windows) <= 1200
    assert all(any(a <= f.start and f.end <= b for a, b in windows) for f in doc.flags)
    html = mark_up(doc, colors=COLORS, max_chars=1200, context=100)
    assert len(BeautifulSoup(html, "html.parser").select("mark")) == 3
    assert "characters not shown" in html


# -- the whole run -----------------------------------------------------------------------------------


def corpus(n: int, *, typo_every: int, chars: int = 40) -> list[Document]:
    body = ("中国共产党人的出行和使命。" * (chars // 13 + 1))[:chars]
    docs = []
    for i in range(n):
        doc = Document(id=f"d{i}", text=body)
        if i % typo_every == 0:
            doc = doc.add_flags([flag(body, 7, 9)])
        docs.append(doc)
    return docs


def test_sample_keeps_every_typo_document_up_to_the_limit() -> None:
    docs = corpus(1000, typo_every=50)
    s = survey(docs, max_docs=30, max_priority_docs=15)
    assert (s.priority_total, s.priority_shown, len(s.shown)) == (20, 15, 45)
    assert [x.doc.id for x in s.shown if x.priority] == [f"d{i}" for i in range(0, 750, 50)]
    assert [x.index for x in s.shown] == sorted(x.index for x in s.shown)
    assert s.counts.records == 1000 and s.counts.flags_by_kind == {"typo": 20}


def test_sample_is_the_same_for_the_same_seed_and_differs_for_another() -> None:
    docs = corpus(500, typo_every=1000)
    ids = [[x.doc.id for x in survey(docs, max_docs=20, seed=seed).shown] for seed in (1, 1, 2)]
    assert ids[0] == ids[1] != ids[2]


def test_page_stays_small_for_a_big_run() -> None:
    docs = corpus(3000, typo_every=2, chars=3000)
    page = render_report(docs, max_docs=100, max_priority_docs=300)
    size = len(page.encode())
    assert size < 4_500_000
    dom = BeautifulSoup(page, "html.parser")
    assert dom.select_one('[data-stat="docs_out"]').text == "3,000"
    assert dom.select_one('[data-stat="flags"]').text == "1,500"
    assert len(dom.select("article[data-priority]")) + len(dom.select("article:not([data-priority])")) <= 400


def test_byte_budget_leaves_documents_out_and_says_so() -> None:
    page = render_report(corpus(50, typo_every=1, chars=2000), max_bytes=30_000)
    dom = BeautifulSoup(page, "html.parser")
    shown = int(dom.select_one('[data-stat="docs_shown"]').text)
    assert 0 < shown < 50 and "left out to keep the page small" in page


def test_page_is_self_contained() -> None:
    page = render_report(corpus(5, typo_every=2))
    assert not re.search(r"""(src|href)\s*=|https?://|@import|url\(""", page)
    assert page.count("<style>") == 1 and page.count("<script>") == 1


STATS_ROWS = [
    {"name": "strip_html", "seen": 4, "changed": 2, "dropped": 1, "chars_removed": 1234, "flags": 0,
     "seconds": 0.5, "drop_reasons": {"empty after markup": 1}},
    {"name": "flag_typos", "seen": 3, "changed": 1, "dropped": 0, "chars_removed": 0, "flags": 3,
     "seconds": 0.25, "drop_reasons": {}},
]  # fmt: skip


@pytest.mark.parametrize(
    ("stats", "expected"),
    [
        pytest.param(
            None, {"docs_in": "6", "docs_out": "4", "dropped": "1", "duplicates": "1"}, id="from-records"
        ),
        pytest.param(STATS_ROWS, {"docs_in": "6", "docs_out": "4", "dropped": "1"}, id="cleaner-rows"),
        pytest.param(
            {
                "documents_read": 90,
                "documents_written": 80,
                "dropped": 7,
                "duplicates": 3,
                "cleaners": STATS_ROWS,
            },
            {"docs_in": "90", "docs_out": "80", "dropped": "7", "duplicates": "3"},
            id="run-totals-win",
        ),
    ],
)
def test_summary_numbers(stats: object, expected: dict[str, str]) -> None:
    docs = corpus(4, typo_every=2)
    docs.append(Document(id="dup", text="x", metadata={"duplicate_of": "d0"}))
    docs.append(Document(id="gone", text="y", metadata={"dropped": "strip_html: empty"}))
    dom = BeautifulSoup(render_report(docs, stats), "html.parser")  # type: ignore[arg-type]
    assert {k: dom.select_one(f'[data-stat="{k}"]').text for k in expected} == expected
    assert dom.select_one('[data-stat="flags"]').text == "2"


def test_cleaner_table_and_charts_follow_the_stats() -> None:
    dom = BeautifulSoup(render_report(corpus(2, typo_every=1), STATS_ROWS), "html.parser")
    rows = [[td.text for td in tr.find_all("td")] for tr in dom.select("table.stats tbody tr")]
    assert rows[0] == ["strip_html", "4", "2", "1", "1,234", "0", "0.50 s", "empty after markup (1)"]
    bars = dom.select('[data-chart="seconds"] .bar')
    assert [b["style"] for b in bars] == ["width:100.0%", "width:50.0%"]


# -- reading records and the command -----------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_read_documents_round_trip(tmp_path, suffix: str) -> None:
    docs = corpus(3, typo_every=2)
    data = "".join(d.model_dump_json() + "\n" for d in docs).encode()
    path = tmp_path / f"out{suffix}"
    if suffix.endswith(".gz"):
        data = gzip.compress(data)
    elif suffix.endswith(".zst"):
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    assert list(read_documents(path)) == docs


def test_a_bad_record_names_the_file_and_line(tmp_path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text(Document(id="a", text="x").model_dump_json() + '\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(
        InputError, match=r"out\.jsonl:2: not a corpusclean document record \(text: Field required"
    ):
        list(read_documents(path))


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="corpusclean")
    report_command.add_parser(parser.add_subparsers())
    return parser.parse_args(argv)


def test_command_help_ends_with_an_example() -> None:
    parser = argparse.ArgumentParser(prog="corpusclean")
    sub = parser.add_subparsers()
    report_command.add_parser(sub)
    help_text = sub.choices["report"].format_help()
    assert help_text.rstrip().splitlines()[-1].strip().startswith("--stats out/seeds.stats.json")
    assert "corpusclean report out/seeds.jsonl -o out/seeds.html" in help_text


def test_command_writes_the_page(tmp_path, capsys) -> None:
    src = tmp_path / "out.jsonl"
    src.write_text("".join(d.model_dump_json() + "\n" for d in corpus(3, typo_every=3)), encoding="utf-8")
    args = parse(["report", str(src), "-o", str(tmp_path / "html" / "r.html")])
    assert args.func(args) == 0
    page = (tmp_path / "html" / "r.html").read_text(encoding="utf-8")
    assert "<title>out.jsonl: review</title>" in page and 'data-stat="docs_out">3<' in page
    assert "wrote" in capsys.readouterr().err


def test_command_refuses_an_unwritable_output(tmp_path) -> None:
    src = tmp_path / "out.jsonl"
    src.write_text(Document(id="a", text="x").model_dump_json() + "\n", encoding="utf-8")
    (tmp_path / "file").write_text("", encoding="utf-8")
    args = parse(["report", str(src), "-o", str(tmp_path / "file" / "r.html")])
    with pytest.raises(OutputError, match="cannot write the report"):
        args.func(args)


def test_text_removed_from_outside_the_running_text_is_listed_under_the_document() -> None:
    doc = Document(
        id="a",
        text="正文",
        title="标题",
        removed=[Removal(cleaner="s", text="标题", reason="headline moved to the title", at=None)],
    )
    dom = BeautifulSoup(render_report([doc]), "html.parser")
    listed = dom.select("article details.outside del")
    assert [(d.text, d["title"]) for d in listed] == [("标题", "s: headline moved to the title")]
    assert not dom.select("article .text del")


def test_a_document_a_cleaner_raised_on_is_always_shown() -> None:
    docs = [Document(id=str(i), text="正文") for i in range(500)]
    docs[321] = docs[321].add_flags([Cleaner().error_flag(IndexError("index 5 is out of bounds"))])
    s = survey(docs, max_docs=5, seed=3)
    assert [x.doc.id for x in s.shown if x.priority] == ["321"]
    assert s.counts.flags_by_kind == {"cleaner_error": 1}
