"""filter_quality on real text it must keep and junk it must drop; the seeds kept; drops explained."""

from __future__ import annotations

import random
from pathlib import Path

import opencc
import orjson
import pytest
from bs4 import BeautifulSoup
from seedtools import all_seeds, peoples_daily

from corpusclean.cleaner import Drop
from corpusclean.cleaners.quality import FilterQuality, ScoreQuality, quality_reason
from corpusclean.cli import main
from corpusclean.defaults import DEFAULT_PIPELINE
from corpusclean.document import Document
from corpusclean.pipeline import Pipeline
from corpusclean.quality import quality_signals
from corpusclean.reference import peoples_daily_path, untag
from corpusclean.registry import make_cleaner
from corpusclean.report.page import render_report

ROOT = Path(__file__).resolve().parent.parent
HTML_DEV = next(
    (p / "shared" / "html-dev" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), None
)


def paragraphs(start: int, count: int) -> str:
    """Consecutive paragraphs of the People's Daily, January 1998."""
    return "\n".join(peoples_daily(start + count)[start:])


# -- text to keep -------------------------------------------------------------------------------

KEEP = {
    "news": lambda: paragraphs(3, 10),
    "news-later": lambda: paragraphs(5000, 10),
    "speech": lambda: paragraphs(40, 6),
    "quatrain": lambda: "静夜思\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。",
    "ci": lambda: (
        "明月几时有？把酒问青天。不知天上宫阙，今夕是何年。\n我欲乘风归去，又恐琼楼玉宇，高处不胜寒。"
    ),
    "couplets": lambda: "天增岁月人增寿\n春满乾坤福满门\n一帆风顺年年好\n万事如意步步高",
    "dialogue": lambda: "“你来了？”\n“来了。路上堵车。”\n“吃饭了吗？”\n“还没有，一起去吧。”\n“好，走。”",
    "article-with-links": lambda: paragraphs(120, 6) + "\n详情请见 http://www.people.com.cn/ 的专题报道。",
}


@pytest.mark.parametrize("make", KEEP.values(), ids=KEEP.keys())
def test_real_text_is_kept(make: object) -> None:
    text = make()  # type: ignore[operator]
    assert quality_reason(text) is None, text[:60]


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
def test_traditional_text_is_judged_as_its_simplified_original(config: str) -> None:
    # the word list behind fluency and the function characters are Simplified: without folding
    # Traditional characters to Simplified, every Traditional text read as disordered (low_fluency)
    convert = opencc.OpenCC(config).convert
    source = peoples_daily(4000)
    news = ["\n".join(source[k : k + 10]) for k in range(200, 4000, 400)]
    texts = [make() for make in KEEP.values()] + news  # type: ignore[operator]
    junk = [
        "首页 | 新闻 | 体育\n关于我们 | 联系我们\n版权所有 © 2006\n返回顶部\n网站地图",
        "".join(random.Random(3).sample(news[0], len(news[0]))),
    ]
    for text in texts + junk:
        simplified, traditional = quality_signals(text), quality_signals(convert(text))
        assert traditional["fluency"] == pytest.approx(simplified["fluency"], abs=0.03), text[:40]
        # s2tw writes 着 as 著, which Simplified writes too (著名), so it is not folded
        assert traditional["stop_char_share"] == pytest.approx(simplified["stop_char_share"], abs=0.02)
        assert traditional["link_list_share"] == simplified["link_list_share"], text[:40]
    assert [quality_reason(convert(t)) for t in texts] == [None] * len(texts)
    assert all(quality_reason(convert(t)) is not None for t in junk)


def test_hand_cleaned_web_articles_are_kept() -> None:
    if HTML_DEV is None:
        pytest.skip("../shared/html-dev is not beside the repository")
    texts = [p.read_text(encoding="utf-8") for p in sorted((HTML_DEV / "cleaned").glob("*.txt"))]
    dropped = [t[:40] for t in texts if quality_reason(t) is not None]
    assert len(dropped) <= 1, dropped  # one page is a list of courses (docs/quality.md)


# -- junk to drop -------------------------------------------------------------------------------


def _shuffled_words(start: int, count: int, seed: int) -> str:
    """People's Daily paragraphs with the words of the tagged text (punctuation too) in random order."""
    rng = random.Random(seed)
    lines = peoples_daily_path().read_text(encoding="utf-8").splitlines()[start : start + count]
    out = []
    for line in lines:
        words = [untag(token) for token in line.split()]
        rng.shuffle(words)
        out.append("".join(words))
    return "\n".join(out)


def _shuffled(text: str, seed: int) -> str:
    chars = list(text)
    random.Random(seed).shuffle(chars)
    return "".join(chars)


DROP = {
    "navigation": (
        "首页\n新闻中心\n国内\n国际\n财经\n体育\n娱乐\n科技\n房产\n汽车\n"
        "上一页 下一页\n版权所有 © 2005\n返回顶部",
        {"no_prose", "link_list", "too_short"},
    ),
    "mojibake-utf8-as-gbk": (paragraphs(3, 10).encode("utf-8").decode("gbk", "replace"), {"broken_chars"}),
    "mojibake-gbk-as-latin1": (paragraphs(3, 10).encode("gb18030").decode("latin-1"), {"too_short"}),
    "shuffled-chars": (
        "\n".join(_shuffled(p, i) for i, p in enumerate(peoples_daily(20)[10:])),
        {"low_fluency"},
    ),
    "shuffled-words": (_shuffled_words(300, 10, 1), {"misplaced_punct", "unfinished_lines", "no_prose"}),
    "stock-quotes-of-1998": (paragraphs(1888, 10), {"few_han", "digits", "no_prose"}),
    "repeated-lines": ("\n".join(peoples_daily(2)[1:2] * 8), {"dup_lines"}),
    "repeated-paragraphs": ("\n\n".join([paragraphs(10, 3)] * 3), {"dup_lines", "dup_paragraphs"}),
    "ads": (
        "代开发票 正规发票 点击进入 www.fapiao88.com\n百家乐 真人娱乐 注册送彩金 http://bet365x.cc\n"
        "无抵押贷款 当天到账 快速放款 电话13800000000\n刷单兼职 日赚五百 点击进入 www.jianzhi.top",
        {"link_list"},
    ),
    "stock-table": (
        "600519 贵州茅台 1688.00 +2.35% 123456\n000001 平安银行 12.30 -0.81% 998877\n"
        "600036 招商银行 35.12 +0.12% 554433\n601318 中国平安 48.90 -1.02% 776655\n"
        "000858 五粮液 150.20 +3.10% 332211\n600000 浦发银行 8.77 +0.23% 445566",
        {"few_han", "digits"},
    ),
    "fragment": ("新华社北京１２月３１日电", {"too_short"}),
}


@pytest.mark.parametrize(("text", "rules"), DROP.values(), ids=DROP.keys())
def test_junk_is_dropped_by_the_expected_rule(text: str, rules: set[str]) -> None:
    reason = quality_reason(text)
    assert reason is not None, text[:60]
    assert reason.split(":")[0] in rules, reason


# -- the cleaners --------------------------------------------------------------------------------


def test_seeds_are_kept_by_the_default_thresholds() -> None:
    pipeline = Pipeline(make_cleaner(name) for name in (*DEFAULT_PIPELINE, "score_quality", "filter_quality"))
    kept = pipeline.run(all_seeds())
    assert [d.id for d in kept] == [d.id for d in all_seeds()]
    assert all("quality" in d.metadata for d in kept)


def test_score_quality_writes_metadata_only() -> None:
    doc = Document(id="p", text=paragraphs(3, 10))
    out = ScoreQuality()(doc)
    assert out is not None and (out.text, out.steps, out.flags) == (doc.text, (), ())
    assert out.metadata["quality"]["han_chars"] > 500
    assert ScoreQuality()(out) == out


def test_filter_uses_the_scored_signals_only_when_they_fit_the_text() -> None:
    doc = ScoreQuality()(Document(id="p", text=paragraphs(3, 10)))
    assert doc is not None
    forged = doc.replace(metadata={"quality": {**doc.metadata["quality"], "fluency": 0.0}})
    assert FilterQuality().process(forged) == Drop(f"low_fluency: fluency=0 < {0.45}")
    edited = forged.replace(text=forged.text + "。")  # another text: the signals are computed again
    assert FilterQuality().process(edited) is edited


def test_options_are_the_thresholds() -> None:
    text = "静夜思\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。"
    doc = Document(id="p", text=text)
    assert FilterQuality().process(doc) is doc
    strict = make_cleaner("filter_quality", min_han_chars=40)
    assert strict.process(doc) == Drop("too_short: han_chars=23 < 40")


def test_a_drop_reaches_the_side_file_and_the_review_page_with_rule_and_value(tmp_path: Path) -> None:
    docs = [
        {"id": "news", "text": paragraphs(3, 10)},
        {
            "id": "nav",
            "text": "首页\n新闻中心\n国内\n国际\n财经\n体育\n娱乐\n科技\n房产汽车\n返回顶部\n联系我们",
        },
    ]
    corpus = tmp_path / "in.jsonl"
    corpus.write_bytes(b"".join(orjson.dumps(d) + b"\n" for d in docs))
    recipe = tmp_path / "recipe.toml"
    recipe.write_text('pipeline = ["normalize_lines", "score_quality", "filter_quality"]\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(corpus), "-o", str(out), "--recipe", str(recipe), "-q"]) == 0
    assert [orjson.loads(line)["id"] for line in out.read_bytes().splitlines()] == ["news"]
    (dropped,) = [
        Document.model_validate(orjson.loads(line))
        for line in (tmp_path / "out.dropped.jsonl").read_bytes().splitlines()
    ]
    reason = dropped.metadata["dropped"]
    assert reason.startswith("filter_quality: no_prose: punct_end_line_share=0 < 0.2, stop_char_share=")
    assert reason.endswith(", verse_line_share=0 < 0.75, sentence_char_share=0 < 0.3")
    page = BeautifulSoup(render_report([dropped], None), "html.parser")
    assert reason in page.select_one(".why").text


def test_eval_quality_counts_rules_and_shows_samples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = [{"id": "news", "text": paragraphs(3, 10)}, {"id": "bit", "text": "新华社北京１２月３１日电"}]
    corpus = tmp_path / "in.jsonl"
    corpus.write_bytes(b"".join(orjson.dumps(d) + b"\n" for d in docs))
    assert main(["eval-quality", str(corpus), "--samples", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 documents: 1 kept (50.0%), 1 dropped")
    assert "too_short                    1       1" in out
    assert "[too_short] bit: too_short: han_chars=8 < 20" in out
    assert main(["eval-quality", str(corpus), "--set", "min_han_chars=5"]) == 0
    out = capsys.readouterr().out
    assert "too_short" not in out and "no_prose                     1       1" in out
    assert main(["eval-quality", str(corpus), "--set", "min_han=5"]) == 2


def test_score_and_filter_in_batches_as_one_at_a_time() -> None:
    news = peoples_daily(400)
    docs = [Document(id=str(k), text="\n".join(news[k : k + 10])) for k in range(0, 400, 10)]
    docs += [Document(id="short", text="上一页 下一页 返回顶部"), Document(id="empty", text="")]
    scored = ScoreQuality().process_many(docs)
    assert scored == [ScoreQuality().process(doc) for doc in docs]
    mixed = [d if k % 2 else doc for k, (d, doc) in enumerate(zip(scored, docs, strict=True))]  # half scored
    judged = FilterQuality().process_many(mixed)  # type: ignore[arg-type]
    assert judged == [FilterQuality().process(doc) for doc in mixed]  # type: ignore[arg-type]
    assert Drop("too_short: han_chars=10 < 20") in judged and judged[0] == mixed[0]
