"""Long text files come through as several documents, at chapters, line or sentence ends; nothing lost."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from seedtools import peoples_daily

from corpusclean.cli import main
from corpusclean.formats import Corpus, split_text
from corpusclean.formats.text import CHAPTER_HEADING_RE, heading_of

PARAGRAPHS = peoples_daily(3000)
#: The paragraphs that are not chapter headings (the paper printed a law with 第一章 总则 ...).
BODY = [p for p in PARAGRAPHS if not CHAPTER_HEADING_RE.match(p + "\n")]
NUMERALS = "一二三四五六七八九十"


def novel(chapters: int = 10, per_chapter: int = 250) -> tuple[str, list[str]]:
    """A long text of People's Daily paragraphs under chapter headings of our own; and the headings."""
    headings = [f"第{NUMERALS[i % 10]}{'章' if i < 10 else '回'} 新的一年 {i + 1}" for i in range(chapters)]
    parts = ["人民日报一九九八年一月选编\n\n"]
    for i, heading in enumerate(headings):
        body = BODY[i * per_chapter : (i + 1) * per_chapter]
        parts.append(heading + "\n" + "".join(f"\u3000\u3000{p}\n" for p in body))
    return "".join(parts), headings


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_novel_over_the_limit_is_split_at_its_chapters(tmp_path: Path, encoding: str) -> None:
    text, headings = novel()
    path = tmp_path / "novel.txt"
    path.write_bytes(text.encode(encoding))
    docs = list(Corpus([path], max_document_bytes=path.stat().st_size // 3 + 4 * 1024))
    assert "".join(d.text for d in docs) == text  # nothing lost, nothing added
    assert [d.id for d in docs] == [f"novel#{n}" for n in range(1, len(docs) + 1)]
    assert [d.metadata.get("heading") for d in docs] == [None, *headings]
    assert {d.metadata["encoding"] for d in docs} == {encoding}
    assert [d.metadata["offset"] for d in docs] == [text.index(d.text) for d in docs]


def test_a_file_under_the_limit_is_one_document_unless_splitting_is_asked_for(tmp_path: Path) -> None:
    text, headings = novel(chapters=3, per_chapter=20)
    path = tmp_path / "short.txt"
    path.write_text(text, encoding="utf-8")
    (whole,) = Corpus([path])
    assert whole.id == "short" and whole.text == text
    parts = list(Corpus([path], split_text=True))
    assert [d.metadata.get("heading") for d in parts] == [None, *headings]


def test_without_headings_a_text_is_split_at_line_ends_into_bounded_documents() -> None:
    text = "".join(p + "\n" for p in BODY)  # 270,000 characters, no chapter headings
    pieces = list(split_text([text[i : i + 50_000] for i in range(0, len(text), 50_000)]))
    assert "".join(pieces) == text
    assert len(pieces) >= 2 and all(len(p) <= 200_000 for p in pieces)
    assert all(p.endswith("\n") for p in pieces)  # cut at paragraph ends, never inside one


def test_without_line_ends_a_text_is_split_after_sentences() -> None:
    text = "".join(PARAGRAPHS)  # one line of 273,000 characters
    pieces = list(split_text([text], piece_chars=20_000, chapter_chars=40_000))
    assert "".join(pieces) == text
    assert all(p[-1] in "。！？…”』」）)" for p in pieces[:-1])
    assert all(len(p) <= 40_000 for p in pieces)


def test_a_60_mb_line_without_breaks_comes_through_whole(tmp_path: Path) -> None:
    unit = "".join(PARAGRAPHS[:50]).replace("。", "，").replace("！", "，").replace("？", "，")
    path = tmp_path / "line.txt"
    with path.open("wb") as stream:
        written = 0
        while written < 60 * 10**6:
            written += stream.write(unit.encode("utf-8"))
    pieces = [d.text for d in Corpus([path])]  # over 16 MiB: split by default
    assert len(pieces) > 100 and max(map(len, pieces)) <= 200_000
    assert "".join(pieces).encode("utf-8") == path.read_bytes()


@pytest.mark.parametrize(
    ("line", "heading"),
    [("第十二章 风云再起\n", "第十二章 风云再起"), ("\u3000\u3000第3回　初入江湖\n", "第3回　初入江湖"),
     ("卷二 江南\n", "卷二 江南"), ("第一百零八节\n", "第一百零八节"), ("楔子\n", "楔子"),
     ("第一百零八節\n", "第一百零八節"), ("尾聲\n", "尾聲"), ("第兩萬章 終局\n", "第兩萬章 終局"),
     ("第一章的内容是这样的，主人公在北京出生，后来去了上海读书，又在广州工作了很多年，然后回家。\n", None),
     ("他说第一章写得好。\n", None), ("第一次来北京\n", None)],
)  # fmt: skip
def test_chapter_headings(line: str, heading: str | None) -> None:
    assert heading_of(line) == heading
    assert (CHAPTER_HEADING_RE.match(line) is not None) == (heading is not None)


def test_split_text_from_the_command_line(tmp_path: Path) -> None:
    text, headings = novel(chapters=3, per_chapter=10)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "novel.txt").write_bytes(text.encode("gb18030"))
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(tmp_path / "in"), "-o", str(out), "--split-text", "-q"]) == 0
    records = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert [r["id"] for r in records] == ["novel#1", "novel#2", "novel#3", "novel#4"]
    assert [r["metadata"].get("heading") for r in records] == [None, *headings]
