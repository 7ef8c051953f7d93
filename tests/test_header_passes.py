"""remove_headers skips its second pass only where that pass finds nothing.

:func:`~corpusclean.headers.passes.settled` says from a few lines of the
cleaned text that a second pass of the finder would find nothing. Each time it
says so here, the second pass is run anyway and must find nothing; and the
cleaner, which trusts it, must give what running every pass gives.
"""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_headers import CHANGES, KEEPS, ONE_LINE_NEWS

from corpusclean import Document, Pipeline, make_cleaner
from corpusclean.cleaners.headers import DEFAULT_RULES, RemoveHeaders, find_headers
from corpusclean.edits import edit_text
from corpusclean.headers.passes import settled
from corpusclean.reference import peoples_daily_paragraphs

TITLE = "已有标题"


def _skips_rightly(text: str, title: str | None = None, max_title_chars: int = 60) -> bool:
    """Whether the first pass over ``text`` settles; fails if it says so and a second pass finds more."""
    plan = find_headers(text, has_title=title is not None, max_title_chars=max_title_chars)
    if not plan.edits:
        return False
    after = edit_text(text, plan.edits)
    title = title if title is not None else plan.title
    if not settled(plan, after, DEFAULT_RULES, title_open=title is None, max_title_chars=max_title_chars):
        return False
    assert find_headers(after, has_title=title is not None, max_title_chars=max_title_chars).edits == [], text
    return True


def _every_pass(doc: Document, max_title_chars: int = 60) -> Document:
    """The cleaner's loop without the shortcut: run the finder until it finds nothing."""
    while plan := find_headers(doc.text, has_title=doc.title is not None, max_title_chars=max_title_chars):
        if not plan.edits:
            return doc
        doc = doc.edit(plan.edits, cleaner="remove_headers")
        if plan.title is not None:
            doc = doc.replace(title=plan.title)
    return doc


def _same_as_every_pass(text: str, title: str | None = None, max_title_chars: int = 60) -> None:
    doc = Document(id="t", text=text, title=title)
    cleaned = RemoveHeaders(max_title_chars=max_title_chars)(doc)
    assert cleaned is not None
    slow = _every_pass(doc, max_title_chars)
    assert (cleaned.text, cleaned.title, cleaned.removed) == (slow.text, slow.title, slow.removed), text


@cache
def _news_documents() -> list[str]:
    """People's Daily paragraphs, twenty to a document, as the benchmark corpus has them."""
    paragraphs = peoples_daily_paragraphs()
    return ["\n\n".join(paragraphs[k : k + 20]) for k in range(0, len(paragraphs), 20)]


TABLE = [p.values[0] for p in CHANGES + KEEPS]


@pytest.mark.parametrize("title", [None, TITLE], ids=["no-title", "titled"])
@pytest.mark.parametrize("text", [*TABLE, ONE_LINE_NEWS])
def test_table_cases(text: str, title: str | None) -> None:
    _skips_rightly(text, title)
    _same_as_every_pass(text, title)


def test_seeds(seed_texts: dict[str, str]) -> None:
    before_headers = Pipeline(
        make_cleaner(n) for n in ("strip_html", "normalize_spaces", "normalize_width", "normalize_lines")
    )
    for seed_id, text in seed_texts.items():
        prepared = before_headers(Document(id=seed_id, text=text))
        assert prepared is not None
        for t in (text, prepared.text):
            _skips_rightly(t)
            _same_as_every_pass(t)


def test_peoples_daily_documents_mostly_settle_in_one_pass() -> None:
    documents = _news_documents()
    changed = [t for t in documents if find_headers(t).edits]
    skipped = sum(_skips_rightly(t) for t in changed)
    assert skipped > 0.9 * len(changed)  # the shortcut is what most documents take
    for text in documents[::10]:
        _same_as_every_pass(text)


def test_peoples_daily_paragraphs_and_line_documents() -> None:
    paragraphs = peoples_daily_paragraphs()
    for text in paragraphs[::3]:
        _skips_rightly(text)
    for k in range(0, len(paragraphs), 7):
        text = "\n".join(paragraphs[k : k + 7])
        _skips_rightly(text)
        _skips_rightly(text, TITLE)


# Where the first pass brings new furniture to the top or leaves some: the second pass must run.
MUST_RUN = [
    pytest.param(
        "图片：\n\n男篮联赛开战\n\n本报讯记者薛原报道：日历翻到了1998年。\n\n正文第二段。",
        id="title-under-a-credit-line",
    ),
    pytest.param("标题\n\n稿件.txt\n\n正文。新华社北京电\n\n第二段。", id="file-name-under-the-title"),
    pytest.param("新华社北京5月31日电 短标题\n\n正文。\n\n第二段。", id="cut-dateline-leaves-a-title"),
    pytest.param("正文。\n\n新华社北京5月31日电 责任编辑：张三", id="cut-dateline-leaves-a-credit-line"),
]


@pytest.mark.parametrize("text", MUST_RUN)
def test_cases_that_need_the_second_pass(text: str) -> None:
    plan = find_headers(text)
    assert plan.edits
    after = edit_text(text, plan.edits)
    title = plan.title
    assert find_headers(after, has_title=title is not None).edits  # the second pass finds more
    assert not settled(plan, after, DEFAULT_RULES, title_open=title is None, max_title_chars=60)
    _same_as_every_pass(text)


PIECES = [
    "标题",
    "短句",
    "新华社北京5月31日电",
    "本报讯",
    "（新华社记者张三摄）",
    "新华社记者李四摄",
    "责任编辑：王五",
    "图片：",
    "稿件.txt",
    "会议在北京召开。",
    "他说，新华社记者昨天到了现场。",
    "第一段很长，写了很多很多的内容，一直写到超过六十个字符的长度为止，这样它就不能算作标题了吧。",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=3), min_size=1, max_size=6),
    st.sampled_from(["\n", "\n\n"]),
    st.sampled_from([None, TITLE]),
    st.sampled_from([60, 8]),
)
def test_generated_furniture(
    lines: list[list[str]], newline: str, title: str | None, max_title_chars: int
) -> None:
    text = newline.join(" ".join(parts) if len(parts) == 3 else "".join(parts) for parts in lines)
    _skips_rightly(text, title, max_title_chars)
    _same_as_every_pass(text, title, max_title_chars)
