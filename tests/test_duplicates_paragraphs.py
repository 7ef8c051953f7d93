"""remove_common_paragraphs on People's Daily articles with boilerplate added."""

from __future__ import annotations

import pytest
from duplicate_corpus import peoples_daily_articles

from corpusclean import Document, Pipeline, make_cleaner
from corpusclean.cleaners.boilerplate import find_common_paragraphs, paragraph_key
from corpusclean.defaults import DEFAULT_PIPELINE
from corpusclean.errors import NotFittedError

NOTICE = "免责声明：本文仅代表作者本人观点，与本站立场无关。"
NOTICE_VARIANT = "免责声明: 本文仅代表作者本人观点, 与本站立场无关."
SUBSCRIBE = "欢迎关注本站微信公众号，获取更多资讯"
QUOTE = "守初心，就是要牢记为什么出发，在实现中华民族伟大复兴的新征程上，不忘初心，矢志不渝。"
RARE = "本文图片由读者提供"


def corpus() -> list[Document]:
    articles = peoples_daily_articles()[:60]
    docs = []
    for n, paragraphs in enumerate(articles):
        parts = list(paragraphs)
        if n < 30:
            parts.append(NOTICE if n % 2 else NOTICE_VARIANT)
        if 20 <= n < 40:
            parts.insert(0, SUBSCRIBE)
        if 40 <= n < 55:
            parts.insert(len(parts) // 2, QUOTE)
        if 50 <= n < 59:
            parts.append(RARE)
        docs.append(Document(id=f"pd{n:02d}", text="\n".join(parts)))
    docs.append(Document(id="only-boilerplate", text=f"{SUBSCRIBE}\n{NOTICE}"))
    return docs


@pytest.fixture(scope="module")
def cleaned() -> tuple[list[Document], dict[str, Document]]:
    docs = corpus()
    pipeline = Pipeline([make_cleaner("remove_common_paragraphs", min_docs=10)])
    return docs, {d.id: d for d in pipeline.run(docs)}


@pytest.mark.parametrize(
    ("doc_id", "gone", "flagged"),
    [
        ("pd01", [NOTICE], []),
        ("pd00", [NOTICE_VARIANT], []),
        ("pd25", [SUBSCRIBE, NOTICE], []),
        ("pd35", [SUBSCRIBE], []),
        ("pd45", [], [QUOTE]),
        ("pd52", [], [QUOTE]),
        ("pd57", [], []),
        ("only-boilerplate", [], [SUBSCRIBE, NOTICE]),
    ],
    ids=[
        "notice-at-end",
        "notice-variant-at-end",
        "both-edges",
        "notice-at-start",
        "quote-inside-is-flagged",
        "rare-paragraph-stays",
        "nothing-common",
        "all-common-is-flagged-not-emptied",
    ],
)
def test_common_paragraphs(
    cleaned: tuple[list[Document], dict[str, Document]], doc_id: str, gone: list[str], flagged: list[str]
) -> None:
    docs, out = cleaned
    before, after = next(d for d in docs if d.id == doc_id), out[doc_id]
    assert [r.text.strip() for r in after.removed] == gone
    assert all(r.cleaner == "remove_common_paragraphs" for r in after.removed)
    assert [f.text for f in after.flags] == flagged
    if not gone and not flagged:
        assert after == before  # must not change
    assert RARE not in gone
    assert after.text.count("\n") == before.text.count("\n") - len(gone)  # no blank line left behind


def test_removed_text_puts_the_document_back(cleaned: tuple[list[Document], dict[str, Document]]) -> None:
    docs, out = cleaned
    for before in docs:
        text = out[before.id].text
        for r in sorted(out[before.id].removed, key=lambda r: r.at or 0, reverse=True):
            assert r.at is not None
            text = text[: r.at] + r.text + text[r.at :]
        assert text == before.text


def test_reason_gives_the_document_count(cleaned: tuple[list[Document], dict[str, Document]]) -> None:
    _, out = cleaned
    assert out["pd25"].removed[0].reason == "paragraph found in 21 documents"  # 20 articles and one more


def test_paragraph_key_folds_variants() -> None:
    assert paragraph_key(NOTICE) == paragraph_key(NOTICE_VARIANT)
    assert paragraph_key(NOTICE) != paragraph_key(NOTICE.replace("本人", ""))


def test_find_on_text_without_common_paragraphs() -> None:
    assert list(find_common_paragraphs("第一段\n第二段", {paragraph_key("别的"): 50})) == []


def test_cleaning_before_fit_says_what_to_do() -> None:
    with pytest.raises(NotFittedError, match="remove_common_paragraphs has not seen the corpus"):
        make_cleaner("remove_common_paragraphs")(Document(id="a", text="正文"))


def test_common_paragraph_removal_is_off_by_default() -> None:
    """A closing line such as 特此公告。 ends thousands of real notices: not removed unless asked."""
    assert "remove_common_paragraphs" not in DEFAULT_PIPELINE
