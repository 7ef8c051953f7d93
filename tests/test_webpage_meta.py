"""A page's title and date: the headline, never a site name, domain or "powered by" line; the
publication date from metadata, the byline or a labelled line, never from the article's sentences."""

from __future__ import annotations

import pytest
from seedtools import SHARED

from corpusclean.formats import decode_html
from corpusclean.patterns import SITE_TITLE_PART_RE
from corpusclean.webpage import extract_page
from corpusclean.webpage.meta import is_dateline, normalize_date, title_parts

HTML_DEV = SHARED / "html-dev" / "original"

BODY = (
    "<p>据介绍，今年全省共安排重点项目三百余个，总投资超过一万亿元，涵盖交通、能源、水利等领域。</p>"
    "<p>省发展改革委有关负责人表示，将加快项目审批，强化要素保障，推动项目早开工、早见效。</p>"
)


def page(title: str, body: str, head: str = "") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        pytest.param("海姑娘 | blog.wenxuecity.com", ["海姑娘"], id="blog-domain"),
        pytest.param("CCTV.com- 央视论坛 :: null", [], id="cctv-forum-null"),
        pytest.param("网易娱乐", [], id="portal-channel"),
        pytest.param("1", [], id="placeholder"),
        pytest.param(
            "关于房价的讨论 - 房产论坛 - 天涯社区 - Powered by Discuz!", ["关于房价的讨论"], id="discuz"
        ),
        pytest.param("谁来为无序拆房“埋单”？--bjreader的博客", ["谁来为无序拆房“埋单”？"], id="blog-name"),
        pytest.param(
            "对比试车—测试昌河北斗星、爱迪尔(图)", ["对比试车—测试昌河北斗星、爱迪尔(图)"], id="dash-inside"
        ),
        pytest.param(
            "北京市儿童(13-15岁)心理素质发展现状", ["北京市儿童(13-15岁)心理素质发展现状"], id="hyphen-inside"
        ),
    ],
)
def test_title_parts(title: str, parts: list[str]) -> None:
    assert title_parts(title) == parts


# page structures as the sites write them, with text of the kind they carry
BLOG = page(
    "海姑娘 | blog.wenxuecity.com",
    "<div class='header'><a href='/'>文学城博客</a></div>"
    "<div class='articalTitle'><span class='titName'>海姑娘</span></div>"
    "<div class='articalInfo'>发表于 2012-03-05 10:12:33</div><div class='articalContent'>" + BODY + "</div>",
)
DISCUZ = page(
    "关于今年重点项目的讨论 - 经济论坛 - 某某社区 - Powered by Discuz!",
    "<div id='nav'><a href='/'>某某社区</a> » <a href='/f'>经济论坛</a></div>"
    "<h1><a href='/f?type=1'>[经济论坛]</a> <span id='thread_subject'>关于今年重点项目的讨论</span></h1>"
    "<span class='xg1'>[复制链接]</span>"
    "<div class='authi'>发表于 2010-7-3 21:05</div><div class='t_f'>" + BODY + "</div>"
    "<div id='ft'>Powered by Discuz! X1 © 2001-2010 Comsenz Inc.</div>",
)
BIOGRAPHY = page(
    "金锺国 - 维基百科，自由的百科全书",
    "<h1>金锺国</h1><div id='content'><p>金锺国（韩语：김종국，1976年4月25日－），韩国男歌手、主持人。</p>"
    "<p>1995年9月1日，他以二人组合Turbo成员身份出道，发行首张专辑，此后多次获得音乐奖项。</p>"
    "<p>2001年，他开始以个人歌手身份活动，发行的专辑在韩国取得了很好的销量，也参加了多档综艺节目的录制。</p>"
    "</div>",
)
NEWS_WITH_DATELINE = page(
    "全省重点项目建设加快推进_新闻中心_某某网",
    "<h1>全省重点项目建设加快推进</h1><div class='info'>2022-02-13 07:00 来源：某某日报</div>" + BODY,
)


@pytest.mark.parametrize(
    ("html", "title", "date"),
    [
        pytest.param(BLOG, "海姑娘", "2012-03-05 10:12", id="blog"),
        pytest.param(DISCUZ, "关于今年重点项目的讨论", "2010-07-03 21:05", id="discuz-thread"),
        pytest.param(BIOGRAPHY, "金锺国", None, id="biography-dates-are-in-the-body"),
        pytest.param(NEWS_WITH_DATELINE, "全省重点项目建设加快推进", "2022-02-13 07:00", id="news-dateline"),
    ],
)
def test_title_and_date(html: str, title: str, date: str | None) -> None:
    found = extract_page(html)
    assert (found.title, found.date) == (title, date)


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("发布时间：2005-08-16 09:30", True),
        ("2022-02-13 07:00 来源：央广网", True),
        ("AUTO.SOHU.COM 2003年11月12日16:36 金羊网—新快报", True),
        ("发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)", True),
        ("楼层： 第 1 楼 时间：2005-08-28 20:56:20", True),
        ("1995年9月1日，他以二人组合Turbo成员身份出道，发行首张专辑。", False),
        ("出道日期 1995年9月1日", False),
        ("记者从会上获悉，2022年2月13日起，全省中小学将陆续开学，各地要做好返校准备工作。", False),
    ],
)
def test_dateline(line: str, dateline: bool) -> None:
    assert is_dateline(line) is dateline


#: Titles and dates read from the development pages by hand (``None``: the page states none we
#: can read; 35687fb1's only Chinese date is the site's "today" line, its post date is in English).
DEV_PAGES = {
    "35687fb1": ("播客热潮迅速蔓延 挑逗传统传媒业", None),
    "54e89e4e": ("很高兴入住博客堂", "2004-12-27 12:40"),
    "6dc2d508": ("【2005年中国革命历史巨作】【太行山上】 【DVDSCR-RMVB】", "2005-08-28 20:56"),
    "93498c29": ("对比试车—测试昌河北斗星、爱迪尔(图)", "2003-11-12 16:36"),
    "c3a80850": (None, None),
    "c3f7d079": ("北京市儿童(13-15岁)心理素质发展现状调查研究报告", "2005-03-06 16:17"),
    "0ef8393b": ("马克龙星期一在莫斯科与普京会面", "2022-02-06"),
    "a0cb0242": ("农机专家李金泽：为农机行业搭建现代化信息平台", "2005-08-16"),
}


def dev_pages() -> dict[str, str]:
    if not HTML_DEV.is_dir():
        pytest.skip(f"the development pages are not at {HTML_DEV}")
    return {p.name[:8]: decode_html(p.read_bytes())[0] for p in sorted(HTML_DEV.glob("*.html"))}


@pytest.mark.parametrize("name", DEV_PAGES)
def test_development_page_title_and_date(name: str) -> None:
    found = extract_page(dev_pages()[name])
    assert (found.title, found.date) == DEV_PAGES[name]


def test_no_development_page_is_titled_by_a_site_name_or_dated_from_its_body() -> None:
    pages = dev_pages()
    assert len(pages) == 20
    for html in pages.values():
        found = extract_page(html)
        assert found.title is None or not SITE_TITLE_PART_RE.match(found.title)
        if found.date:  # the date's line is a dateline, not a sentence of the article
            lines = [line for line in found.text.splitlines() if normalize_date(line) == found.date]
            assert all(is_dateline(line) for line in lines)
