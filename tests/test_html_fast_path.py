"""strip_html's fast path (lxml's own tree) gives byte for byte what the beautifulsoup4 path gives."""

from __future__ import annotations

import functools
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seedtools import SHARED, all_seeds, peoples_daily
from test_html import MUST_CHANGE, MUST_NOT_CHANGE

from corpusclean.cleaners import html as html_module
from corpusclean.cleaners.html import StripHtml, html_to_text, is_plain_fragment, simple_fragment_text
from corpusclean.document import Document
from corpusclean.formats import decode_html

HTML_DEV = SHARED / "html-dev" / "original"


def assert_same(markup: str) -> None:
    assert html_to_text(markup) == html_to_text(markup, fast=False)


def test_the_seed_fragment_takes_the_fast_path() -> None:
    (fragment,) = (d.text for d in all_seeds() if d.id.startswith("002"))
    assert is_plain_fragment(fragment)


@pytest.mark.parametrize("doc", all_seeds(), ids=lambda d: d.id[:3])
def test_seed_documents_are_identical(doc: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = StripHtml()(doc)
    monkeypatch.setattr(html_module, "html_to_text", functools.partial(html_to_text, fast=False))
    assert StripHtml()(doc) == fast


@pytest.mark.parametrize("markup", [p.values[0] for p in MUST_CHANGE + MUST_NOT_CHANGE])
def test_html_test_cases_are_identical(markup: str) -> None:
    assert_same(markup)


def test_development_pages_are_identical() -> None:
    if not HTML_DEV.is_dir():
        pytest.skip(f"the development pages are not at {HTML_DEV}")
    pages = sorted(HTML_DEV.glob("*.html"))
    assert len(pages) == 20
    bodies = []
    for page in pages:
        html = decode_html(page.read_bytes())[0]
        assert_same(html)
        body = _BODY_RE.search(html)
        bodies.append(_NOT_PLAIN_RE.sub("", body.group(1) if body else html))
    assert sum(map(is_plain_fragment, bodies)) >= 10  # real body markup, most of it on the fast path
    for body in bodies:
        assert_same(body)


_BODY_RE = re.compile(r"<body\b[^>]*>(.*)", re.I | re.S)
#: What makes a body not plain: scripts, styles, form fields, comments, and the page frame's tags.
_NOT_PLAIN_RE = re.compile(
    r"<(script|style|noscript|iframe|select|textarea|title)\b.*?</\1\s*>|<!--.*?-->"
    r"|</?(?:html|head|body|meta|link|base)\b[^>]*>",
    re.I | re.S,
)


#: Markup around a paragraph (``{}``) that the simple-fragment reader takes, as fragments write it.
SIMPLE_WRAPPERS = [
    "<div><span style='font-size:16px;margin-top:15px;line-height:25px;text-indent:30px'> {}</span></div>",
    "<div>&nbsp;</div>",
    "<p>{}</p>",
    "{}<br>",
    "{}<br/>\n",
    "<p>　　{}</p>\n",
    "<font color=red>{}</font>",
    "<b>{}</b> <i>{}</i>",
    "<DIV ALIGN=center>{}</DIV>",
    "<div>\n  <span>{}</span>\n</div>\n",
    '<DIV ALIGN="center"><SPAN>{}</SPAN></DIV>',
    "<p>{}<br>{} &quot;{}&quot; &lt;{}&gt;</p>",
    "<div><b>{}</b> <span> </span> <strong>{}</strong></div>",
    "<div>{}&#12288;&#x3000;{}</div>",
    "<span style=color:red>{}</span><br/>",
    "<div><p>{}</p> <p>{}</p>\t</div>",
]
#: Markup it leaves to a parser: other elements, broken nesting, comments, scripts, odd references.
OTHER_WRAPPERS = [
    "<P class='MsoNormal'>{}<o:p></o:p></P>",
    "<div class='正文 内容'>{}</div>",
    "<p><img src='a.jpg' alt='图片：{}'></p>",
    "<table><tr><td>{}</td> <td>{}</td></tr></table>",
    "<ul><li>{}<li>{}</ul>",
    "<p>{}<div>{}</div></p>",
    "<b><i>{}</b></i>",
    '<span title="{}">x</span>',
    "<div title='{}>{}</div>",
    "<h2>{}</h2>  <blockquote>{}</blockquote>",
    "<a href='/x?a=1&b=2'>{}</a>&#12288;&amp;&lt;&bogus;",
    "<td>{}</td>",
    "<p>{} a<b {}</p>",
    "<section><article>{}</article></section>",
    "</div>{}<div>",
    "<div>{}&#32;&#9;</div>",
    "<div><span>{}</div></span>",
    "<div/>{}",
    "{}</br>",
    "<p><span>{}<div>{}</div></span></p>",
    "<span title='a>b'>{}</span>",
    "<!-- 注释 -->{}",
    "<pre>  {}\n  </pre>",
    "<script>var a = '{}';</script>{}",
]


def generated_fragments(count: int, seed: int = 18) -> list[str]:
    """``count`` fragments of real People's Daily paragraphs: every other one in simple markup only."""
    rng = random.Random(seed)
    paragraphs = peoples_daily(2000)
    fragments = []
    for i in range(count):
        wrappers = SIMPLE_WRAPPERS if i % 2 else SIMPLE_WRAPPERS + OTHER_WRAPPERS
        parts = [
            rng.choice(wrappers).replace("{}", rng.choice(paragraphs)[:120]) for _ in range(rng.randint(1, 6))
        ]
        fragments.append(rng.choice(["", " ", "\n"]).join(parts))
    return fragments


def test_generated_fragments_are_identical() -> None:
    fragments = generated_fragments(3000)
    simple = sum(simple_fragment_text(f) is not None for f in fragments)
    plain = sum(map(is_plain_fragment, fragments))
    assert simple > 300 and plain - simple > 300  # both fast paths are taken, and often
    for fragment in fragments:
        assert_same(fragment)


TOKENS = st.sampled_from(
    ["<div>", "</div>", "<span>", "</span>", "<p>", "</p>", "<br>", "<b>", "</b>", "<td>", "<tr>",
     "<table>", "</table>", "<li>", "<ul>", "</ul>", "<h1>", "</h1>", "<a href='x'>", "</a>",
     "<img alt='图'>", "<p class=' 甲  乙 '>", "<o:p>", "&nbsp;", "&amp;", "&#12288;", "&#x4e2d;",
     "&bogus;", "a<b", " ", "\n", "\t", "　", "正文", "。", "x", "<pre>", "<!--c-->", "<title>题</title>",
     "<span style='a:b'>", "<DIV>", "</DIV>", "<P>", "</P>", "<font color=red>", "</font>", "&#32;",
     "&#9;", "&quot;", "&lt;", "&gt;", "<br/>", "</br>", "<div/>", "<span title=\"a>b\">", "<i>", "</i>",
     "&#0;", "&#128;", "&#xd800;", "\r\n", "\x0c", "\x01", "\ufeff", "  ", "</p >", "<p\nclass=x>"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(TOKENS, min_size=1, max_size=25))
def test_token_soup_is_identical(tokens: list[str]) -> None:
    assert_same("".join(tokens))
