"""Furniture inside a web page's article goes, with its kind as the reason; the article stays,
even its sentences about 声明, 记者 and 来源."""

from __future__ import annotations

import pytest
from seedtools import peoples_daily

from corpusclean.cleaners.headers import RemoveHeaders
from corpusclean.cleaners.webpage import ExtractMainText
from corpusclean.document import Document
from corpusclean.headers.furniture import FurnitureRules, furniture_kind
from corpusclean.webpage import extract_page

PROMOTION = "promotions and account calls"

#: Furniture lines as real pages carry them, with the kind each is removed as.
FURNITURE = [
    ("扫一扫在手机打开当前页", "share and reading prompts"),
    ("您是本文第 154 个阅览者", "reader counters"),
    ("(本文发表于首页批评与建议, 已被阅读178次)", "reader counters"),
    ("声明：该文观点仅代表作者本人，本站仅提供信息存储空间服务，不拥有所有权。", "portal disclaimer"),
    ("原标题：迈向充满希望的新世纪", "original title line"),
    ("※ 联系电话：010--63070957 010--63070958", "copyright notice"),
    ("本网站所有内容均为原创，未经授权禁止转载，侵权必究。举报电话：010-12345678", "copyright notice"),
    ("光明日报记者 王建宏 张文攀", "reporter credit line"),
    ("本报记者　李泽民", "reporter credit line"),
    ("责任编辑：张三", "credit line"),
    ("签名：天行健，君子以自强不息。", "forum signature"),
    ("沙发", "forum floor labels and post headers"),
    ("板凳", "forum floor labels and post headers"),
    ("发表于 2010-7-3 21:05", "forum floor labels and post headers"),
    ("回帖后跳转到最后一页", "forum controls"),
    ("用微信扫码二维码", "share and reading prompts"),
    (
        "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。",
        "portal disclaimer",
    ),
    (
        "Notice: The content above (including the pictures and videos if any) is uploaded and posted"
        " by a user of NetEase Hao, which is a social media platform"
        " and only provides information storage services.",
        "portal disclaimer",
    ),
    ("【文/观察者网专栏作者 王文】", "credit line"),
    ("信息来源: 中国空间技术研究院、中国运载火箭技术研究院等", "credit line"),
    ("“2018十大经济年度人物评选”火热进行中！【点击投票】Pick你心目中的商业领袖", PROMOTION),
    ("更多猛料！欢迎扫描左方二维码关注新浪新闻官方微信（xinlang-xinwen）", PROMOTION),
    ("新浪新闻公众号", PROMOTION),
    ("文章关键词： 辟谣 外泄 账号", "tag and keyword lines"),
]


@pytest.mark.parametrize(("line", "kind"), FURNITURE, ids=[k for _, k in FURNITURE])
def test_furniture_kinds(line: str, kind: str) -> None:
    assert furniture_kind(line, at_edge=True) == kind


def body_sentences_with(word: str, count: int) -> list[str]:
    """Real People's Daily paragraphs that mention ``word`` (short ones, the likeliest to be taken)."""
    found = [p for p in peoples_daily(20000) if word in p and len(p) < 120 and "摄）" not in p]
    assert len(found) >= count
    return found[:count]


MENTIONS = [s for word in ("声明", "记者", "来源") for s in body_sentences_with(word, 4)]


@pytest.mark.parametrize("sentence", MENTIONS)
def test_body_sentences_that_mention_the_words_are_no_furniture(sentence: str) -> None:
    assert furniture_kind(sentence, at_edge=True) is None


def test_no_peoples_daily_sentence_is_furniture_at_an_edge() -> None:
    """Of every People's Daily paragraph, only credit lines and source notes may go (none with a sentence)."""
    taken = [p for p in peoples_daily(10**6) if furniture_kind(p, at_edge=True, at_top=True)]
    assert len(taken) > 300  # the credit lines are found: 本报记者许立群, （资料来源：…）
    assert [p for p in taken if any(mark in p for mark in "，。；！？")] == []


#: Real sentences that speak of hotlines, permits and owners' rights: the words of a copyright
#: notice, but text (the People's Daily, January 1998, and the close of a 163.com article).
NOTICE_WORDS_IN_TEXT = [
    "春节前有关部门还将举办一次假冒伪劣商品展示活动，以提高广大消费者的鉴别力，同时开通举报电话，实行举报奖励。",
    "据了解，这些广告的书写、张贴一般都未经有关部门许可。建议有关部门加强管理，清除不规范的『酒』广告。",
    "该考场全体干警自觉遵守各项廉政规定，在业务大厅和办公楼前还设置了政务公开栏，并公布举报电话和《群众监督意见簿》。",
    "经过三年狂奔的龙湖，在众多项目爆发业主维权的糟糕时期，其还有哪些“暗伤”需要排查？这需要龙湖给投资者作一个交代。",
]

#: The notices those words are for, as portals print them.
NOTICES = [
    "违法和不良信息举报电话：12377",
    "未经本网书面授权，不得转载、摘编或以其它方式使用上述作品。",
    "如有侵权，请联系删除。",
    "本文著作权归作者所有，转载请注明出处。",
]


@pytest.mark.parametrize("sentence", NOTICE_WORDS_IN_TEXT, ids=[s[:6] for s in NOTICE_WORDS_IN_TEXT])
def test_sentences_with_the_words_of_a_notice_are_text(sentence: str) -> None:
    assert furniture_kind(sentence, at_edge=True) is None
    body = [sentence, *BODY, sentence]  # at both edges, and inside the main run
    body.insert(3, sentence)
    assert extract_page(news_page([], body, [])).text.splitlines() == body


@pytest.mark.parametrize("notice", NOTICES, ids=[s[:6] for s in NOTICES])
def test_the_notices_still_go(notice: str) -> None:
    assert furniture_kind(notice, at_edge=True) == "copyright notice"


SOURCE_NOTE = "（资料来源：国际货币基金组织和中国国务院发展研究中心）"  # under a chart, People's Daily


def test_a_source_note_alone_is_a_credit_and_one_closing_a_paragraph_stays_with_it() -> None:
    # alone on its line (under a chart or a compiled report) it credits where figures came from
    assert furniture_kind(SOURCE_NOTE, at_edge=True) == "credit line"
    assert extract_page(news_page([], BODY, [SOURCE_NOTE])).text.splitlines() == BODY
    # after the sentences of its paragraph it is part of that paragraph, on a page and in news text
    closing = BODY[-1] + SOURCE_NOTE
    assert furniture_kind(closing, at_edge=True) is None
    assert extract_page(news_page([], [*BODY[:-1], closing], [])).text.splitlines() == [*BODY[:-1], closing]
    doc = RemoveHeaders()(Document(id="n", text="\n".join([*BODY[:-1], closing])))
    assert doc is not None and doc.text.splitlines() == [*BODY[:-1], closing] and doc.removed == ()


def news_page(top: list[str], body: list[str], bottom: list[str]) -> str:
    lines = "".join(f"<p>{line}</p>" for line in [*top, *body, *bottom])
    return f"<html><head><title>新年讲话_某某网</title></head><body><h1>新年讲话</h1>{lines}</body></html>"


BODY = peoples_daily(40)[20:26]


def test_furniture_at_the_edges_goes_with_its_reason_and_the_article_stays() -> None:
    top = ["原标题：迈向充满希望的新世纪", "光明日报记者 王建宏 张文攀", "扫一扫在手机打开当前页"]
    bottom = [
        "您是本文第 154 个阅览者",
        "声明：该文观点仅代表作者本人，本站仅提供信息存储空间服务。",
        "责任编辑：张三",
    ]
    doc = ExtractMainText()(Document(id="p", text=news_page(top, BODY, bottom)))
    assert doc is not None
    assert doc.text.splitlines() == BODY
    reasons = {r.reason.split(":")[0] for r in doc.removed}
    for kind in (
        "original title line",
        "reporter credit line",
        "share and reading prompts",
        "reader counters",
    ):
        assert any(kind in r for r in reasons), kind
    removed = "\n".join(r.text for r in doc.removed)
    assert all(line in removed for line in top + bottom)


@pytest.mark.parametrize("line", ["发布于 2019-09-26 07:19:52", "最后更新: 2019-09-07 09:27:48"])
def test_labelled_date_lines_go_at_the_top_only(line: str) -> None:
    assert furniture_kind(line, at_edge=True, at_top=True) == "bylines and datelines above the article"
    assert furniture_kind(line, at_edge=True) is None


def cleaned_page(headline: str, above_body: str) -> Document:
    """A page titled ``headline`` whose body is ``above_body`` and then :data:`BODY`, through the cleaner."""
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY)
    page = f"<html><head><title>{headline}_某某网</title></head><body>{above_body}{paragraphs}</body></html>"
    doc = ExtractMainText()(Document(id="p", text=page))
    assert doc is not None and doc.text.splitlines() == BODY
    return doc


def test_a_headline_in_a_plain_block_does_not_shield_the_source_line_under_it() -> None:
    """The headline opens the run as a plain ``<div>`` (no heading tag), the source line follows."""
    headline = "载人航天工程全线备战空间站建造任务"
    doc = cleaned_page(
        headline,
        f"<div>{headline}</div><div>发布日期: 2021-01-05</div>"
        "<div>信息来源: 中国空间技术研究院、中国运载火箭技术研究院等</div>",
    )
    assert any("信息来源" in r.text and r.reason.startswith("credit line") for r in doc.removed)


def test_an_author_card_and_share_counts_at_the_top_go() -> None:
    """An author's card (an element named ``author``) and a row of share counts between the headline
    and the text: no sentence in either, so neither is the article's first paragraph."""
    headline = "王文：中美贸易“持久战”，中国人的斗志被激发"
    doc = cleaned_page(
        headline,
        f"<h3>{headline}</h3><ul class='author'><li><p><a href='/w'>王文</a>"
        "<span>中国人民大学重阳金融研究院执行院长</span></p></li></ul>"
        "<div class='share'>分享到：</div><div><a href='#'>22</a> <a href='#'>59</a></div>",
    )
    assert any("执行院长" in r.text for r in doc.removed)


def test_sentences_that_mention_the_words_stay_at_the_edges() -> None:
    body = MENTIONS[:2] + BODY + MENTIONS[-2:]
    found = extract_page(news_page([], body, []))
    assert found.text.splitlines() == body


def test_edge_only_kinds_stay_inside_the_article() -> None:
    inside = "光明日报记者 王建宏 张文攀"  # a credit between two paragraphs may caption something
    body = [*BODY[:3], inside, *BODY[3:]]
    assert extract_page(news_page([], body, [])).text.splitlines() == body


def test_forum_thread_keeps_the_first_post_or_all_without_labels_signatures_and_controls() -> None:
    posts = peoples_daily(60)[40:46]
    thread = (
        "<html><head><title>关于新年讲话的讨论 - 时事论坛 - Powered by Discuz!</title></head><body>"
        "<div class='t_f'><p>楼主</p><p>发表于 2010-7-3 21:05</p>"
        f"<p>{posts[0]}</p><p>{posts[1]}</p><p>签名：天行健，君子以自强不息。</p></div>"
        f"<div class='t_f'><p>沙发</p><p>发表于 2010-7-3 21:17</p><p>{posts[2]}</p><p>{posts[3]}</p></div>"
        f"<div class='t_f'><p>板凳</p><p>{posts[4]}</p><p>{posts[5]}</p></div>"
        "<p>回帖后跳转到最后一页</p></body></html>"
    )
    assert extract_page(thread).text.splitlines() == posts[:2]  # the first post only, by default
    found = extract_page(thread, replies=True)
    assert found.text.splitlines() == posts
    assert found.date == "2010-07-03 21:05"
    # the first post's labels stand above the article: they go as text outside it
    assert {"沙发", "板凳", "发表于 2010-7-3 21:17"} <= set(
        found.dropped["forum floor labels and post headers"]
    )
    assert found.dropped["forum signature"] == ["签名：天行健，君子以自强不息。"]


def test_the_cleaner_keeps_replies_as_an_option() -> None:
    posts = peoples_daily(60)[40:44]
    thread = (
        "<html><head><title>讨论 - 某某论坛</title></head><body>"
        f"<div><p>{posts[0]}</p><p>{posts[1]}</p></div><div><p>沙发</p><p>{posts[2]}</p><p>{posts[3]}</p></div>"
        "</body></html>"
    )
    first = ExtractMainText()(Document(id="t", text=thread))
    every = ExtractMainText(replies=True)(Document(id="t", text=thread))
    assert first is not None and first.text.splitlines() == posts[:2]
    assert any(r.reason.startswith("forum replies") for r in first.removed)
    assert every is not None and every.text.splitlines() == posts


def test_a_recipe_adds_furniture_rules() -> None:
    rules = FurnitureRules().extended([r"\A想了解更多"])
    page = news_page([], BODY, ["想了解更多资讯，下载本网新闻客户端"])
    assert extract_page(page).text.splitlines() == [*BODY, "想了解更多资讯，下载本网新闻客户端"]
    assert extract_page(page, rules).text.splitlines() == BODY
    cleaner = ExtractMainText(extra_furniture_patterns=[r"\A想了解更多"])
    doc = cleaner(Document(id="p", text=page))
    assert doc is not None and doc.text.splitlines() == BODY


def wiki_link(term: str) -> str:
    return f"<a href='/wiki/{term}'>{term}</a>"


def encyclopedia_page() -> tuple[str, list[str]]:
    """A page as a Chinese encyclopedia lays it out: infobox, linked lead, table of contents, sections."""
    w = wiki_link
    lead = (
        f"金锺国{w('[1]')}{w('[2]')}（{w('韩语')}：김종국，1976年4月25日—），{w('韩国')}男{w('艺人')}，"
        f"身兼{w('歌手')}、{w('主持人')}，曾为二人组合{w('Turbo')}成员，"
        f"以{w('综艺节目')}《{w('Running Man')}》广为人知。"
    )
    sections = [
        "1995年，金锺国与金正男组成二人组合Turbo出道，发行首张专辑后迅速走红，成为当时韩国最受欢迎的舞曲组合之一。",
        "组合解散后，他转为个人歌手活动，陆续发行多张个人专辑，其中数首歌曲在音乐节目中获得冠军，奠定了他在乐坛的地位。",
        "此后他长期参与综艺节目的录制，以健壮的体格和认真的态度受到观众喜爱，多次获得综艺大奖的奖项。",
    ]
    nav = "".join(
        f"<li>{w(t)}</li>" for t in ["首页", "分类索引", "特色内容", "新闻动态", "最近更改", "随机条目"]
    )
    infobox = (
        "<table class='infobox'><tr><th>金锺国</th></tr>"
        f"<tr><th>出生</th><td>1976年4月25日<br>{w('韩国')}</td></tr>"
        f"<tr><th>职业</th><td>{w('歌手')}、{w('主持人')}</td></tr><tr><th>出道</th><td>1995年</td></tr></table>"
    )
    toc = "".join(
        f"<li><a href='#s{i}'>{i} {t}</a></li>" for i, t in enumerate(["生平", "作品", "获奖", "参考资料"], 1)
    )
    page = (
        "<html><head><title>金锺国 - 维基百科，自由的百科全书</title></head><body>"
        f"<div id='mw-navigation'><ul>{nav}</ul></div><div id='content'><h1>金锺国</h1>"
        f"{infobox}<p>{lead}</p><div id='toc'><h2>目录</h2><ul>{toc}</ul></div><h2>生平</h2>"
        + "".join(f"<p>{p}</p>" for p in sections)
        + "</div></body></html>"
    )
    return page, sections


def test_encyclopedia_lead_above_the_table_of_contents_is_kept() -> None:
    page, sections = encyclopedia_page()
    found = extract_page(page)
    lines = found.text.splitlines()
    assert lines[0].startswith("金锺国[1][2]（韩语：김종국，1976年4月25日—），韩国男艺人")
    assert lines[1:] == sections
    assert "目录" in found.dropped["text outside the main text"]
    assert found.date is None  # the dates on the page are the singer's, not the page's
