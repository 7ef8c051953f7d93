"""Protected spans: URLs, e-mail addresses, mentions, hashtags, paths and code survive normalization (#17)."""

from __future__ import annotations

import re

import pytest
from corpus_helpers import shared_data
from hypothesis import given, settings
from hypothesis import strategies as st

from corpusclean import Document, make_cleaner
from corpusclean.cleaners.lines import normalize_line_breaks
from corpusclean.cleaners.script import convert_script
from corpusclean.cleaners.spaces import normalize_spaces
from corpusclean.cleaners.width import fold_fullwidth_alnum, widen_cjk_punctuation
from corpusclean.patterns import PROTECTED_SPAN_RE, PROTECTED_TOKENS
from corpusclean.protected import protected_spans
from corpusclean.reference import peoples_daily_paragraphs

#: Real addresses with Chinese in the path, as people paste them.
WIKI_BEIJING = "https://zh.wikipedia.org/wiki/北京(城市)"
WIKI_GREAT_WALL = "https://zh.wikipedia.org/wiki/长城"
BAIKE = "https://baike.baidu.com/item/长城/14251"

FOUND = [
    pytest.param(f"维基百科：{WIKI_BEIJING}。", [WIKI_BEIJING], id="url-chinese-path-parens"),
    pytest.param(f"详见维基百科（{WIKI_GREAT_WALL}）。", [WIKI_GREAT_WALL], id="url-in-fullwidth-brackets"),
    pytest.param(f"百科词条 {BAIKE}, 可以参考", [BAIKE], id="url-final-comma-is-the-sentence's"),
    pytest.param("网址www.people.com.cn/GB/index.html。", ["www.people.com.cn/GB/index.html"], id="www-url"),
    pytest.param("来信请寄editor@people.cn，谢谢", ["editor@people.cn"], id="email-after-han"),
    pytest.param("@人民日报 祝大家新年快乐", ["@人民日报"], id="mention"),
    pytest.param("#北京冬奥会# 开幕式太震撼了", ["#北京冬奥会#"], id="weibo-topic"),
    pytest.param("#今日头条 #北京 下雪了", ["#今日头条", "#北京"], id="hashtags"),
    pytest.param(r"文件在C:\Users\张三\文档里", [r"C:\Users\张三\文档里"], id="windows-path"),
    pytest.param("装在/usr/local/bin下面，配置在~/data/", ["/usr/local/bin下面", "~/data/"], id="unix-paths"),
    pytest.param("运行`print(１２３)`即可", ["`print(１２３)`"], id="inline-code"),
    pytest.param(
        "示例：\n```\n    x = 1\n\n\n    y\n```\n完", ["```\n    x = 1\n\n\n    y\n```"], id="fenced-code"
    ),
    # must find nothing
    pytest.param("C# 和 C++ 都可以，&#12288; 是实体", [], id="csharp-and-entity"),
    pytest.param("会议9:00开始，比分3:1", [], id="times-and-scores"),
    pytest.param("和/或，1/2，60km/h，2005/8/16", [], id="slashes-in-prose"),
    pytest.param("邮箱写成abc@，没有域名", [], id="half-an-email"),
]


@pytest.mark.parametrize(("text", "tokens"), FOUND)
def test_protected_spans(text: str, tokens: list[str]) -> None:
    assert [text[a:b] for a, b in protected_spans(text)] == tokens


def test_peoples_daily_has_no_protected_span() -> None:
    """Prose of a newspaper holds no token: its normalization is exactly what it was."""
    found = [t for t in peoples_daily_paragraphs() if protected_spans(t)]
    assert found == []


WIDTH, SPACES, LINES, SCRIPT = "normalize_width", "normalize_spaces", "normalize_lines", "convert_script"
CODE_BLOCK = "```\n    for i in range(3):\n        print(i)\n```"
CASES = [
    # (cleaner, text, expected or None for unchanged): tokens stay, the text around them is normalized
    pytest.param(WIDTH, f"维基百科：{WIKI_BEIJING}", None, id="width-url-parens"),
    pytest.param(WIDTH, '测试`assert fold("１２３") == "123"`通过', None, id="width-code"),
    pytest.param(WIDTH, "@小红同学ＡＢ 你好", None, id="width-mention"),
    pytest.param(
        WIDTH,
        f"见{WIKI_BEIJING}，即(首都)，１２３",
        f"见{WIKI_BEIJING}，即（首都），123",
        id="width-around-url",
    ),
    pytest.param(WIDTH, "ｅｄｉｔｏｒ＠people.cn", "editor＠people.cn", id="width-folds-fullwidth-address"),
    pytest.param(SPACES, "@小红同学 你好，会议改到下午三点了。", None, id="spaces-mention-ends-at-space"),
    pytest.param(
        SPACES, "@小红同学　 你好，明天见。", "@小红同学 你好，明天见。", id="spaces-odd-space-after-mention"
    ),
    pytest.param(SPACES, "#今日头条 北京下雪了，出门注意安全。", None, id="spaces-hashtag-ends-at-space"),
    pytest.param(SPACES, f"网址：{WIKI_GREAT_WALL} 欢迎访问", None, id="spaces-url-ends-at-space"),
    pytest.param(SPACES, f"示例：\n{CODE_BLOCK}", None, id="spaces-code"),
    pytest.param(SPACES, "中 文。@小红同学 你好", "中文。@小红同学 你好", id="spaces-around-mention"),
    pytest.param(SPACES, "@小红同学\u200b你好", "@小红同学 你好", id="spaces-invisible-after-mention"),
    pytest.param(LINES, "代码：\n```\na = 1\n\n\n\nb = 2\n```", None, id="lines-code"),
    pytest.param(LINES, "代码：\n\n\n\n`a`", "代码：\n\n`a`", id="lines-around-code"),
    pytest.param(SCRIPT, "https://zh.wikipedia.org/wiki/臺灣", None, id="script-url"),
    pytest.param(
        SCRIPT,
        "臺灣 https://zh.wikipedia.org/wiki/臺灣",
        "台湾 https://zh.wikipedia.org/wiki/臺灣",
        id="script-around-url",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES)
def test_tokens_survive_normalization(name: str, text: str, expected: str | None) -> None:
    doc = make_cleaner(name)(Document(id="t", text=text))
    assert doc is not None
    assert doc.text == (text if expected is None else expected)
    for a, b in protected_spans(text):
        assert text[a:b] in doc.text


FUNCTIONS = {
    WIDTH: lambda t: widen_cjk_punctuation(fold_fullwidth_alnum(t)),
    SPACES: normalize_spaces,
    LINES: normalize_line_breaks,
    SCRIPT: convert_script,
}


@pytest.mark.parametrize(("name", "text", "expected"), CASES)
def test_functions_agree_with_their_cleaners(name: str, text: str, expected: str | None) -> None:
    assert FUNCTIONS[name](text) == (text if expected is None else expected)


def test_the_invisible_character_after_a_mention_is_recorded() -> None:
    doc = make_cleaner("normalize_spaces")(Document(id="t", text="@小红同学\u200b你好"))
    assert doc is not None
    assert [(r.text, r.reason) for r in doc.removed] == [("\u200b", "zero-width character U+200B")]


def test_real_page_with_a_topic_and_a_mention() -> None:
    """A real health article's last line, Weibo style: ``#大家健康超能团# @大家健康``."""
    page = (shared_data("html-dev") / "cleaned" / "47f387e6-6467-41fd-a165-b13c1171c6e7.txt").read_text(
        "utf-8"
    )
    line = next(ln for ln in page.splitlines() if "@" in ln)
    assert [line[a:b] for a, b in protected_spans(line)] == ["#大家健康超能团#", "@大家健康"]
    text = f"{line} 关注我们。"
    for name in ("normalize_spaces", "normalize_width"):
        doc = make_cleaner(name)(Document(id="t", text=text))
        assert doc is not None and doc.text == text


def test_real_pages_keep_every_token_through_the_normalizers() -> None:
    pages = sorted((shared_data("html-dev") / "cleaned").glob("*.txt"))
    cleaners = [make_cleaner(n) for n in ("normalize_spaces", "normalize_width", "normalize_lines")]
    tokens = 0
    for path in pages:
        doc: Document | None = Document(id=path.stem, text=path.read_text("utf-8"))
        assert doc is not None
        found = [doc.text[a:b] for a, b in protected_spans(doc.text)]
        for cleaner in cleaners:
            doc = cleaner(doc)
            assert doc is not None
        assert all(token in doc.text for token in found), path.name
        tokens += len(found)
    assert tokens >= 4  # the pages hold a blog address, a home page, a topic and a mention


PLAIN_ALTERNATION = re.compile("|".join(p.pattern for p in PROTECTED_TOKENS), re.S)


def test_the_quick_lookahead_finds_what_the_alternation_finds() -> None:
    texts = [str(case.values[0]) for case in FOUND] + [str(case.values[1]) for case in CASES]
    for text in texts:
        plain = [m.span() for m in PLAIN_ALTERNATION.finditer(text)]
        assert [m.span() for m in PROTECTED_SPAN_RE.finditer(text)] == plain
        assert protected_spans(text) == plain  # line by line


PIECES = st.lists(
    st.sampled_from(
        ["@小红", "#话题#", "#tag", WIKI_BEIJING, "a@b.cn", "C:\\用户\\", "/usr/local/", "`x ｙ`",
         "```\n  a\n```", "中", "文", "，", "(", ")", ",", " ", "　", "\u200b", "\n", "１", "Ａ",
         ":", "/", "\\"]
    ),
    max_size=16,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None, derandomize=True)
@given(PIECES)
def test_scanning_the_lines_with_marks_finds_every_token(text: str) -> None:
    assert protected_spans(text) == [m.span() for m in PLAIN_ALTERNATION.finditer(text)]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(PIECES)
def test_normalizers_keep_tokens_and_are_idempotent(text: str) -> None:
    for name in ("normalize_spaces", "normalize_width", "normalize_lines"):
        cleaner = make_cleaner(name)
        once = cleaner(Document(id="g", text=text))
        assert once is not None
        twice = cleaner(once)
        assert twice is not None and twice.text == once.text, name
        assert all(text[a:b] in once.text for a, b in protected_spans(text)), name
