"""Page layouts where the article was lost to the furniture around it, from real Chinese pages.

Each page is a short excerpt of a real page's structure and text (a stock portal whose
footer outweighs a one-paragraph article, a recommendation list with prose summaries
after the article, a blog whose date line stands above the headline); the layouts, not
the pages, are the point.
"""

from __future__ import annotations

import pytest
from seedtools import peoples_daily

from corpusclean.headers.furniture import furniture_kind
from corpusclean.webpage import MainText, extract_page


def html_page(title: str, above: str, body: list[str], below: str) -> str:
    """A page titled ``title``: the markup ``above``, the ``body`` as paragraphs, ``below``."""
    return f"<html><head><title>{title}</title></head><body>{above}{paragraphs(body)}{below}</body></html>"


def paragraphs(body: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in body)


def dropped_lines(found: MainText) -> set[str]:
    """Every line ``found`` dropped, whatever its kind."""
    return {line for lines in found.dropped.values() for line in lines}


MENU = "".join(
    f"<li><a href='/{i}'>{w}</a></li>" for i, w in enumerate(["首页", "新闻", "股票", "基金", "期货", "外汇"])
)

#: A one-paragraph news item (a stock portal, 2019).
ITEM = (
    "据财联社9月26日消息，今日从交通运输部行新闻发布会获悉，目前京津冀交通一体化建设各项工作取得积极成效，"
    "下一步将着力打造三地综合立体交通网络，实现区域内快速铁路、高速公路等多种运输方式的无缝衔接。"
)

#: The footer of the same portal: a disclaimer, contact lines, a copyright line, all long sentences.
PORTAL_FOOTER = [
    "【免责声明】本文仅代表作者本人观点，与和讯网无关。和讯网站对文中陈述、观点判断保持中立，"
    "不对所包含内容的准确性、可靠性或完整性提供任何明示或暗示的保证。请读者仅作参考，并请自行承担全部责任。",
    "违法和不良信息举报电话：010-85650899 客服电话：010-85650688 邮箱：yhts@staff.hexun.com",
    "本站郑重声明：所载文章、数据仅供参考，投资有风险，选择需谨慎。",
    "Copyright©和讯网 北京和讯在线信息咨询服务有限公司 All Rights Reserved 版权所有 复制必究",
]

PORTAL_PAGE = (
    "<html><head><title>交通运输部：着力打造京津冀区域综合立体交通网络-股票频道-和讯网</title></head><body>"
    f"<div class='nav'><ul>{MENU}</ul></div>"
    "<div class='art'><h1>交通运输部：着力打造京津冀区域综合立体交通网络</h1>"
    "<div class='tip'>2019-09-26 10:56:28 证券时报网</div>"
    f"<p>{ITEM}</p><div>（责任编辑： HN666）</div></div>"
    "<div><h4>你可能会喜欢</h4><ul>"
    "<li><a href='/a'>当年万人逃港事件，促使设立深圳经济特区 | 《我们的四十年》</a></li>"
    "<li><a href='/b'>交通运输部支持交邮融合推广农村物流品牌，机构看好乡村快递市场</a></li></ul></div>"
    f"<h3>和讯热销金融证券产品</h3><div class='statement'><p>{PORTAL_FOOTER[0]}</p></div>"
    # the footer's text sits in a class named ``txt``, which reads as an article body
    "<div class='footer'><div class='link'><a href='/c'>联系我们</a> - <a href='/d'>关于我们</a></div>"
    f"<div class='txt'>{'<br>'.join(PORTAL_FOOTER[1:])}</div></div></body></html>"
)


def test_a_long_footer_does_not_outweigh_a_short_article() -> None:
    found = extract_page(PORTAL_PAGE)
    assert found.text == ITEM
    assert found.date == "2019-09-26 10:56"
    dropped = "\n".join(line for lines in found.dropped.values() for line in lines)
    assert all(line in dropped for line in PORTAL_FOOTER)


#: A stock-news item followed by its disclaimer and a recommendation list whose summaries read as prose.
NOTICE = (
    "证券时报e公司讯，当升科技：9614.5万元竞得常州市工业用地，将为公司常州锂电新材料产业基地提供用地。"
    "金陵药业：25日获公司总裁助理李泉、贾明怡增持。运达股份：确定为节能风电公司两风电场项目的风力发电机组设备供应商，"
    "中标价7亿元。"
)
RECOMMENDED = [
    (
        "金融委最新定调！鼓励境外资金进入境内金融市场",
        "十一国庆假期前，金融委召开会议，部署了一系列金融领域下一步的重点工作。",
    ),
    (
        "黄金周后A股怎么走，从数据预知这9大行业胜率高的惊人",
        "今天是国庆节前最后一个交易日，持股还是持币过节又成为投资者一个老大难的问题。",
    ),
]


DISCLAIMER = (
    "声明：证券时报力求信息真实、准确，文章提及内容仅供参考，不构成实质性投资建议，据此操作风险自担。"
)


def stock_page(disclaimer: str = DISCLAIMER) -> str:
    """The page, its content column (class ``content``) holding the article and the list."""
    items = "".join(
        f"<li><div><a href='/r{i}'>{head}</a></div><p>{summary}</p><div>2019-09-3007:42</div></li>"
        for i, (head, summary) in enumerate(RECOMMENDED)
    )
    return (
        "<html><head><title>午间公告：运达股份中标7亿元项目_证券时报网</title></head><body>"
        f"<div class='nav'><ul>{MENU}</ul></div><div class='content'><h2>午间公告：运达股份中标7亿元项目</h2>"
        "<div>2019-09-26 12:11来源：证券时报网作者：李在山</div>"
        f"<div><p>{NOTICE}</p></div><div>分享：</div><div>{disclaimer}</div>"
        f"<div><h3>为你推荐</h3><ul>{items}</ul></div></div></body></html>"
    )


@pytest.mark.parametrize("disclaimer", [DISCLAIMER, ""], ids=["disclaimer", "none"])
def test_the_article_ends_at_a_list_of_related_articles(disclaimer: str) -> None:
    found = extract_page(stock_page(disclaimer))
    assert found.text == NOTICE
    dropped = {line: kind for kind, lines in found.dropped.items() for line in lines}
    assert all(summary in dropped for _, summary in RECOMMENDED)
    if not disclaimer:  # nothing between the article and the list: the list's heading ends it
        assert all(dropped[summary] == "related-article lists" for _, summary in RECOMMENDED)


def test_a_related_box_inside_a_long_article_does_not_cut_it() -> None:
    body = peoples_daily(30)[20:26]
    box = (
        "<div><h4>相关新闻</h4><ul><li><a href='/x'>新年贺词全文发布，各界热议</a></li>"
        "<li><a href='/y'>元旦假期各地举办迎新活动</a></li></ul></div>"
    )
    page = (
        "<html><head><title>新年讲话_某某网</title></head><body><h1>新年讲话</h1>"
        + "".join(f"<p>{p}</p>" for p in body[:2])
        + box
        + "".join(f"<p>{p}</p>" for p in body[2:])
        + "</body></html>"
    )
    assert extract_page(page).text.splitlines() == body


#: A blog post (2005): the blog's date line, the post's headline, its text (a sentence about
#: 版权所有者 among it), the trackback line.
BLOG_TEXT = [
    "每个人都可以当主持人，任何人都可以通过软件免费下载播客提供的节目，订阅自己喜欢的内容，"
    "这种被称为广播下一代的“播客”，一夜间，成了继博客和RSS后网络上的热门话题。",
    "其次，提供音频和视频内容的播客，使本来已经很麻烦的互联网版权问题更加复杂。与现场直播的广播节目和网络音乐有所不同，"
    "播客节目完全依靠用户自身下载和储存，因此有些歌曲和内容可能会出现数千个版本，这有可能会引发法律纠纷。"
    "美国唱片工会表示：“播客在使用其它音乐时，一定要获得版权所有者或制作人的许可。”",
]
BLOG_PAGE = (
    "<html><head><title>播客热潮迅速蔓延 挑逗传统传媒业 | blog.wenxuecity.com</title></head><body>"
    f"<div class='nav'><ul>{MENU}</ul></div><div class='post'><div>2006年12月27日（京港台时间）</div>"
    "<div>播客热潮迅速蔓延 挑逗传统传媒业</div>"
    + "".join(f"<p>{p}</p>" for p in BLOG_TEXT)
    + "<div>本文通告引用(Trackback)链接: /wp-trackback.php?p=1700</div></div></body></html>"
)


def test_a_blog_post_keeps_its_copyright_sentence_and_loses_date_line_headline_and_trackback() -> None:
    found = extract_page(BLOG_PAGE)
    assert found.text.splitlines() == BLOG_TEXT
    assert found.title == "播客热潮迅速蔓延 挑逗传统传媒业"
    assert found.dropped["headline (moved to the title)"] == ["播客热潮迅速蔓延 挑逗传统传媒业"]
    assert found.dropped["bylines and datelines above the article"] == ["2006年12月27日（京港台时间）"]
    assert "本文通告引用(Trackback)链接: /wp-trackback.php?p=1700" not in found.text


#: Furniture lines from real pages outside the development set, with the kind each goes as.
MORE_FURNITURE = [
    ("阅读数(15878）", "reader counters"),
    ("（原题为《是“收割韭菜”还是“回归理性”》）", "original title line"),
    ("打印 字体： 放大 正常 缩小 分享", "share and reading prompts"),
    ("调整字体", "share and reading prompts"),
    ("扫二维码上移动长江网", "share and reading prompts"),
    ("澎湃新闻记者 段彦超 廖艳", "reporter credit line"),
    ("新华网黑龙江频道 记者 伊琳 李清芬", "reporter credit line"),
    ("编辑 刘晓阳 校对 李铭", "credit line"),
    ("图片均来自网络", "credit line"),
    ("本站郑重声明：所载文章、数据仅供参考，投资有风险，选择需谨慎。", "portal disclaimer"),
    (
        "② 凡本网注明“来源：XXX（非振兴东北网）”的作品，均转载自其它媒体，转载目的在于传递更多信息，"
        "并不代表本网赞同其观点和对其真实性负责。",
        "copyright notice",
    ),
    ("③ 如因作品内容、版权和其它问题需要同本网联系的，请在30日内进行。", "copyright notice"),
    ("本文原标题：《定了！广州南沙邮轮母港即将开通！地铁直达+无敌免税城......》", "original title line"),
    ("编辑|禤志杰", "credit line"),
    ("来源|广州参考、广州南沙发布、羊城晚报", "credit line"),
    ("特别声明", "portal disclaimer"),
    (
        "本文为政务等机构在澎湃新闻上传并发布，仅代表该机构观点，不代表澎湃新闻的观点或立场，澎湃新闻仅提供信息发布平台。",
        "portal disclaimer",
    ),
    (
        "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储空间服务。",
        "portal disclaimer",
    ),
    ("（点击看清晰大图）", "share and reading prompts"),
    ("用微信扫描二维码", "share and reading prompts"),
    ("4,786 条评论", "reader counters"),
    ("跟贴8", "reader counters"),
    ("广告", "advertisement labels"),
]


@pytest.mark.parametrize(("line", "kind"), MORE_FURNITURE, ids=[line[:8] for line, _ in MORE_FURNITURE])
def test_more_furniture_kinds(line: str, kind: str) -> None:
    assert furniture_kind(line, at_edge=True) == kind


TOP_ONLY = ["2019-09-26 10:56:28 证券时报网", "2020-06-05 20:35 叨叨姐 胡一刀 李小飞刀", "石佳/中国青年报"]


@pytest.mark.parametrize("line", TOP_ONLY)
def test_datelines_and_bylines_go_only_above_the_article(line: str) -> None:
    assert furniture_kind(line, at_edge=True, at_top=True) == "bylines and datelines above the article"
    assert furniture_kind(line, at_edge=True) is None  # a letter or notice may end with its date


@pytest.mark.parametrize(
    "line",
    [
        "美国唱片工会表示：“播客在使用其它音乐时，一定要获得版权所有者或制作人的许可。”",
        "2008年8月8日晚，第二十九届奥运会在北京开幕",
        "图片展示了当地群众的生活",
        "编辑部的同志们都很辛苦",
    ],
)
def test_lines_like_the_new_kinds_that_are_text(line: str) -> None:
    assert furniture_kind(line, at_edge=True, at_top=True) is None


#: A portal's tech article (2019): the body's ``<div>`` has a share script's class beside the
#: id that names it; the paragraphs must not count as a share bar.
TECH_TEXT = [
    "新浪科技讯 北京时间9月11日凌晨消息，苹果2019秋季发布会开幕，新iPad为第一个出场的硬件产品。",
    "iPhone 11是iPhone XR的继任者。与去年的型号一样，iPhone 11采用6.1英寸显示屏，设计与去年的型号类似。",
    "在iPhone 11中新增夜间模式，镜头可识别物体是否在运动从而进行更准确的夜拍。",
]
TECH_PAGE = (
    "<html><head><title>苹果发布新iPhone 11_新浪科技</title></head><body>"
    f"<div class='nav'><ul>{MENU}</ul></div><h1>苹果发布新iPhone 11</h1>"
    "<div class='BSHARE_POP blkContainerSblkCon clearfix' id='artibody'>"
    + "".join(f"<p>{p}</p>" for p in TECH_TEXT)
    + "<p class='ecode_weixin'>专注苹果新闻报道，每日推送最新苹果资讯。</p></div>"
    "<div class='comment'><div>大部分是间谍软件</div><div>为什么在中国同款机型要贵那么多？</div></div>"
    "</body></html>"
)


def test_an_id_naming_the_article_body_outweighs_a_share_class() -> None:
    found = extract_page(TECH_PAGE)
    assert found.text.splitlines()[:3] == TECH_TEXT


#: A news page (2019) with a hidden block of search keywords after it, longer than the article.
KEYWORDS = " ".join(["邓朴方潜逃", "第92号红通自首", "活力影院灰姑娘", "祥园刻章", "炮艇坠落第一条线索"] * 60)


def test_a_block_of_keywords_without_punctuation_is_no_article() -> None:
    body = peoples_daily(30)[20:24]
    page = (
        "<html><head><title>新年讲话_某某网</title></head><body><h1>新年讲话</h1>"
        + "".join(f"<p>{p}</p>" for p in body)
        + f"<div class='rel'><a href='/a'>友情链接</a></div><div>{KEYWORDS}</div></body></html>"
    )
    found = extract_page(page)
    assert found.text.splitlines() == body
    assert KEYWORDS in found.dropped["text outside the main text"]


#: A government page (2007 resolution, crawled 2023) that pastes in a header template ending
#: with ``</html>`` before its article; lxml's parser stops reading at that end tag.
RESOLUTION = (
    "第十届全国人民代表大会常务委员会第二十八次会议，听取了财政部部长金人庆代表国务院对《国务院关于提请审议"
    "财政部发行特别国债购买外汇及调整2007年末国债余额限额的议案》作的说明，并对议案进行了审议。"
)
GOV_PAGE = (
    "<html><head><title>关于批准财政部发行特别国债的决议_国务院公报</title></head><body>"
    f"<div class='header'><ul class='header_toolbar'>{MENU}</ul></div></body></html>"
    "<div class='article'><div class='pages_content' id='UCAP-CONTENT'>"
    f"<p>（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）</p><p>{RESOLUTION}</p>"
    "</div></div></body></html>"
)


def test_a_stray_html_end_tag_does_not_end_the_page() -> None:
    assert extract_page(GOV_PAGE).text.splitlines()[-1] == RESOLUTION


#: The "not interested" box under a portal's article (huanqiu.com, 2019): the reasons a reader
#: may give, a text field and a thank-you, in elements named for feedback.
FEEDBACK_BOX = (
    "<div class='a-btool'><div class='ab-b' id='uninterested'><a href='javascript:void(0);'>不感兴趣</a>"
    "<div class='uninterested-box'><h4>不感兴趣</h4><ul>"
    + "".join(
        f"<li data-val='{i}'>{reason}</li>"
        for i, reason in enumerate(
            [
                "广告软文",
                "重复、旧闻",
                "文章质量差",
                "标题夸张、文不对题",
                "与事实不符",
                "其他问题，我要吐槽",
            ],
            1,
        )
    )
    + "</ul><div class='otherarea'><textarea maxlength='200'></textarea></div>"
    "<div class='info'>*请填写原因</div></div>"
    "<div class='unfeedback'><p>感谢您的反馈，我们将会减少此类文章的推荐</p></div></div></div>"
)


def test_a_feedback_box_after_the_article_is_no_part_of_it() -> None:
    body = peoples_daily(70)[60:66]
    below = "<p>图片均来自网络 </p></div><div class='a-edit'><span>责编：薛艺磊</span></div>" + FEEDBACK_BOX
    found = extract_page(html_page("新年讲话_环球网", "<div class='a-con'>", body, below))
    assert found.text.splitlines() == body
    assert {"广告软文", "其他问题，我要吐槽", "*请填写原因", "责编：薛艺磊"} <= dropped_lines(found)
    # the picture note under the article is its edge again, and goes as a credit
    assert found.dropped["credit line"] == ["图片均来自网络"]


#: A news app's comment box under the article (2019): a counter heading (``4,060 条评论``), a
#: text field and its 评论 button, then the comments, each a user name and a time in links, the
#: comment's sentences in a ``<p>`` under a ``c-content`` class, a 回复 row with reply counts.
APP_COMMENTS = (
    "<div class='detail-comment'><div id='comment'><div class='c-header'><em>4,060&nbsp;</em>条评论 </div>"
    "<div class='inputBox'><textarea placeholder='写下您的评论...'></textarea>"
    "<div class='c-action'><div class='c-submit'>评论</div></div></div><ul>"
    + "".join(
        f"<li class='c-item'><div class='c-content'><div class='c-user-info'>"
        f"<a href='/c/user/{i}/' class='c-user-name'>{user}</a> "
        f"<span class='c-create-time'>{when}</span></div>"
        f"<p>{said}</p><div class='c-footer-action'><span class='c-reply'>回复</span>"
        f"<span class='c-reply-count'>&nbsp;⋅&nbsp;{n}条回复</span>"
        f"<span title='点赞'>{likes}</span></div></div></li>"
        for i, (user, when, said, n, likes) in enumerate(
            [
                (
                    "我每天都在微笑",
                    "5小时前",
                    "建议以后这种危险景区给游客佩戴定位手环，出景区才能由专业人员取下，大家都安全。",
                    254,
                    8421,
                ),
                (
                    "梦想啊啊啊333573",
                    "4小时前",
                    "孩子找不见的第一时间，孩子母亲的朋友在哪里？是否有离开的时间段？",
                    140,
                    1575,
                ),
                (
                    "风子",
                    "3小时前",
                    "从出口监控没有看到孩子，如果没有其他无监控出口，那孩子肯定还在景区里面。",
                    46,
                    378,
                ),
            ]
        )
    )
    + "</ul><a href='/more'>查看更多评论</a></div></div>"
)


def app_article(body: list[str], after: str) -> str:
    """An app's article page: the headline, the text, a row of buttons, then ``after``."""
    above = "<div class='article-box'><h1>海螺沟寻子一个月</h1><div class='article-content'>"
    actions = (
        "</div><div class='article-actions'><div class='favor'><span>收藏</span></div>"
        "<div class='report'><span>举报</span></div></div></div>"
    )
    return html_page("海螺沟寻子一个月", above, body, actions + after)


def test_the_article_ends_at_its_comment_section() -> None:
    body = peoples_daily(40)[30:36]
    found = extract_page(app_article(body, APP_COMMENTS))
    assert found.text.splitlines() == body
    comments = found.dropped["comment sections"]
    assert "4,060 条评论" in comments
    assert any(line.startswith("建议以后这种危险景区") for line in comments)
    assert any(line.startswith("从出口监控没有看到孩子") for line in comments)
    assert found.dropped["article action buttons"] == ["收藏", "举报"]


#: A portal's comment box and the feed under it (2019): ``0条评论|0人参与网友评论`` over a text
#: field, 表情 and 登录|注册 links, then a feed of other articles (a headline, a prose summary,
#: a time each) inside the same content column.
PORTAL_COMMENTS = (
    "<div class='blk-comment sina-comment-wrap' id='bottom_sina_comment'><div class='hd clearfix'>"
    "<span class='count'><em><a href='/c'>0</a></em>条评论<span class='sep'>|</span>"
    "<em><a href='/c'>0</a></em>人参与</span><span class='wrap-title'>网友评论</span></div>"
    "<div class='bd'><textarea placeholder='我有话要说...'></textarea></div>"
    "<div class='ft'><div class='face'><a href='javascript:;'>表情</a></div>"
    "<div class='login'><a href='javascript:;'>登录</a><span>|</span><a href='/signup'>注册</a></div>"
    "</div></div>"
    "<div class='feed-card-content'>"
    + "".join(
        f"<h3>{head}</h3><p>{summary}</p><div>2019-09-09 21:38:04</div>"
        for head, summary in [
            (
                "年内暴涨近100％，但斌开始看空茅台？",
                "就在贵州茅台股价涨破1151元、创历史新高之际，市场却传来消息：私募大佬二季度减持了贵州茅台。",
            ),
            (
                "外资潜伏3个月，疯狂买入1000亿！",
                "9月9日消息，截至沪深股市收盘，北向资金全天净流入27.85亿元，已连续8日净流入。",
            ),
        ]
    )
    + "</div>"
)


def test_a_comment_box_ends_the_article_and_takes_the_feed_under_it() -> None:
    body = peoples_daily(50)[40:47]
    above = "<div class='article-content'><h1>债券市场是否存在泡沫</h1><div id='artibody'>"
    below = "<p>责任编辑：郭明煜</p></div>" + PORTAL_COMMENTS + "</div>"
    found = extract_page(html_page("债券市场是否存在泡沫_新浪财经", above, body, below))
    assert found.text.splitlines() == body
    comments = found.dropped["comment sections"]
    assert any(line.startswith("就在贵州茅台股价涨破1151元") for line in comments)


def test_a_comment_counter_above_the_article_cuts_nothing() -> None:
    body = peoples_daily(60)[50:55]
    above = (
        "<h1>新年讲话</h1><div>4,786 条评论</div>"
        "<div><a href='/c'>我要评论</a> <a href='/s'>分享</a></div><div class='content'>"
    )
    assert extract_page(html_page("新年讲话", above, body, "</div>")).text.splitlines() == body


#: An article about comments and following: its sentences and a subheading ``网友评论`` with
#: prose under it are all text (no list of links follows the subheading).
ABOUT_COMMENTS = [
    "这篇文章发表后，引来大量网友评论，不少读者表示将持续关注此事。",
    "网友评论",
    "有网友在评论中写道：“我们赞赏作者的勇气，也希望有关部门尽快回应。”",
    "截至发稿时，该文已有上千条评论，相关部门表示已关注到网友的意见。",
]


def test_an_article_that_speaks_of_comments_keeps_every_sentence() -> None:
    body = peoples_daily(20)[10:14]
    text = body[:2] + ABOUT_COMMENTS + body[2:]
    assert (
        extract_page(html_page("网友热议", "<div class='content'>", text, "</div>")).text.splitlines() == text
    )
    assert all(furniture_kind(line, at_edge=True, at_top=True) is None for line in ABOUT_COMMENTS[::2])


#: A WeChat post (2019): the account's profile card (name, 微信号, 功能介绍) and the publish
#: time above the text, the tipping box (the author, their motto, 赞赏 button and count, a
#: transfer code and its note) under it.
WECHAT_PROFILE = (
    "<div id='js_profile_qrcode' class='profile_container'><div class='profile_inner'>"
    "<strong class='profile_nickname'>未闻Code</strong>"
    "<p class='profile_meta'><label class='profile_meta_label'>微信号</label>\n"
    "<span class='profile_meta_value'>itskingname</span></p>"
    "<p class='profile_meta'><label class='profile_meta_label'>功能介绍</label>\n"
    "<span class='profile_meta_value'>博主喜欢Python和爬虫，已经出了两本书。这里是他灵感的发源地。</span></p>"
    "</div></div><em id='publish_time' class='rich_media_meta rich_media_meta_text'>前天</em>"
)
WECHAT_REWARD = (
    "<div class='reward_area tc reward_area_primary' id='js_preview_reward_author'>"
    "<div class='reward-avatar'><div class='reward-author'>kingname</div></div>"
    "<p class='reward_tips js_reward_wording'>攒钱给产品经理买房。</p>"
    "<p class='reward_button_wrp'><span class='js_author_reward_qrcode'>微信扫一扫赞赏作者</span>\n"
    "<a class='reward_button' href='##'>赞赏</a></p>"
    "<p class='reward_user_tips'><span id='js_reward_total_text'>人赞赏</span></p></div>"
    "<div class='reward_qrcode_area reward_area tc'><p class='tips_global'>长按二维码向我转账</p>"
    "<p class='reward_tips'>受苹果公司新规定影响，微信 iOS 版的赞赏功能被关闭，"
    "可通过二维码转账支持公众号。</p></div>"
)


def test_a_wechat_posts_profile_card_and_tipping_box_are_no_part_of_it() -> None:
    body = peoples_daily(80)[70:76]
    above = (
        "<div id='img-content' class='rich_media_wrp'>"
        "<h2 class='rich_media_title'>一日一技：在 Python 中实现延迟调用</h2>"
        "<div class='rich_media_meta_list'><span class='rich_media_meta'>原创</span>"
        "<a class='rich_media_meta_link'>未闻Code</a>" + WECHAT_PROFILE + "</div>"
        "<div class='rich_media_content' id='js_content'>"
    )
    found = extract_page(html_page("一日一技", above, body, "</div>" + WECHAT_REWARD + "</div>"))
    assert found.text.splitlines() == body
    dropped = dropped_lines(found)
    assert {"微信号 itskingname", "微信扫一扫赞赏作者 赞赏", "长按二维码向我转账"} <= dropped
    assert any(line.startswith("功能介绍") for line in dropped)


ACCOUNT_LINES = [
    "微信号 itskingname",
    "微信号：rmrbwx",
    "微信扫一扫赞赏作者 赞赏",
    "36人赞赏",
    "长按二维码向我转账",
    "阅读原文",
]


@pytest.mark.parametrize("line", ACCOUNT_LINES)
def test_account_profile_and_tipping_lines_go_anywhere(line: str) -> None:
    assert furniture_kind(line, at_edge=False) == "account profile and tipping lines"


@pytest.mark.parametrize(
    "line",
    [
        "我们赞赏作者的勇气。",
        "他的微信号是什么，记者没有问到。",
        "请关注公众号获取更多信息，我们每天推送。",
        "评论",
        "收藏家们纷纷前来",
    ],
)
def test_lines_like_account_and_button_lines_inside_the_article_are_text(line: str) -> None:
    assert furniture_kind(line, at_edge=False) is None
