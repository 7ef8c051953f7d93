"""The patterns that recognize news and document furniture (``*_RE`` names), compiled once.

The defaults of :class:`~corpusclean.headers.rules.HeaderRules`; a recipe extends
them with its own (``extra_dateline_patterns`` and the like).
"""

from __future__ import annotations

import re

import regex

from ..patterns import HAN, HAN_CLASS, notice_label

#: A month or day number in ASCII, full-width or Chinese digits (datelines come in all three).
_DATE_NUM = r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})"
#: A month-and-day date: ``5月31日``, ``１２月３１日``, ``十二月三十一日`` (and ``１月２９``, a slip
#: the People's Daily has).
DATE = rf"(?:{_DATE_NUM}月{_DATE_NUM}日?|{_DATE_NUM}日)"
#: News agencies and papers whose datelines open a report.
NEWS_AGENCY = r"(?:新华社|中新社|中通社|本报|人民日报|人民网|新华网|央视网|光明日报|经济日报)"
#: Words that ``电`` starts and that a dateline's ``电`` is never followed by (电话, 电视, ...).
_NOT_DATELINE_DIAN = r"[话视脑影子力台报信梯器网线邮源池厂站费商动气车器]"

#: A news dateline at the position where it is tried: ``新华社北京5月31日电``,
#: ``本报北京１２月３１日讯``, ``新华社杰里科（约旦河西岸）１月２５日电``, ``本报讯``: a place of
#: up to ten characters (and its country in brackets), an optional date. The standard
#: :mod:`re` module finds it in a whole text about twice as fast as :mod:`regex`.
DATELINE_RE = re.compile(
    rf"{NEWS_AGENCY}(?:(?!记者){HAN_CLASS}|·){{0,10}}?(?:[（(]{HAN_CLASS}{{1,8}}[）)])?(?:{DATE})?"
    rf"(?:电(?!{_NOT_DATELINE_DIAN})|讯)"
)
#: A line break and the dateline that opens the next line (after its indent), the dateline
#: in group 1. A dateline never spans two lines, so this finds exactly the lines that
#: :data:`DATELINE_RE` matches at the start of, but three times faster: the line break is
#: a literal the scan can jump to.
LINE_DATELINE_RE = re.compile(rf"\n[^\S\n]*({DATELINE_RE.pattern})")
#: The byline right after a dateline: ``（记者 刘子富）``, ``（江涛、曹斌）``, ``记者龚雯报道：``,
#: with the spaces before it.
DATELINE_BYLINE_RE = regex.compile(
    r"[ \t\u3000\u00a0]*(?:[（(][^（）()\n。！？]{1,60}[）)]"
    r"|(?=[^\n。！？：:]{0,40}记者)[^\n。！？：:]{1,60}?报道[：:])"
)
#: A photo credit in brackets: ``（新华社记者兰红光摄）``, ``（本报记者王霞光摄影报道）``,
#: ``（本栏图片均为新华社记者郑宣摄）``, with the tags after it (``（传真照片）``, ``（新华社稿）``);
#: ``摄`` must close it (so ``（摄氏度）`` is not one), after a name (so ``（正在拍摄）`` is not one).
BRACKETED_PHOTO_CREDIT_RE = regex.compile(
    r"[（(][^（）()\n。！？]{1,40}?(?<![拍偷抓跟监在被正将])摄(?:影报道|影)?[）)]"
    r"(?:[（(][^（）()\n。！？]{0,6}(?:照片|稿|发|图)[）)])*"
)
#: A photo credit without brackets: ``新华社记者鞠鹏摄`` (a name of two to four characters).
PLAIN_PHOTO_CREDIT_RE = regex.compile(
    rf"{NEWS_AGENCY}(?:特约|驻{HAN}{{1,6}})?(?:记者|通讯员|摄影师?)\s?(?:{HAN}|·){{2,5}}?\s?摄(?![影像制氏取入食])"
)
#: The character every match of :data:`BRACKETED_PHOTO_CREDIT_RE` and
#: :data:`PLAIN_PHOTO_CREDIT_RE` holds: a text without it holds no photo credit.
PHOTO_CREDIT_CHAR = "摄"
#: The date a photo caption usually opens with: ``5月31日，``.
CAPTION_DATE_RE = regex.compile(rf"(?:[0-9０-９]{{4}}年)?{DATE}[，,]")
#: A file name standing alone on a line: ``62牢牢把握主题教育总要求.txt``.
FILE_NAME_LINE_RE = regex.compile(r"[^\n/\\<>]{1,120}\.(?:txt|docx?|wps|pdf|html?|md|rtf)", regex.IGNORECASE)
#: Labels of credit and footer lines (``版式设计：张芳曼``, ``责任编辑：``, ``来源：``).
_CREDIT_LABEL_WORDS = (
    "版式设计 责任编辑 责编 编辑 校对 审校 审核 终审 监制 统筹 "
    "策划 制图 设计 排版 美编 来源 作者 文字 摄影 图片"
)
CREDIT_LABELS: tuple[str, ...] = tuple(_CREDIT_LABEL_WORDS.split())
#: A credit label and its colon anywhere: the quick check before looking for credit lines
#: (the standard ``re`` module scans an alternation of literals three times faster here).
#: Between label and colon it allows the white space a credit line allows, but line breaks.
_CREDIT_LABELS = "|".join(sorted(CREDIT_LABELS, key=len, reverse=True))  # longest first
CREDIT_LABEL_RE = re.compile(rf"(?:{_CREDIT_LABELS})[^\S\n]*[：:]")
#: A short line that is only a credit: a label, a colon and a few names or a source.
CREDIT_LINE_RE = regex.compile(rf"[（(【\[]?(?:{_CREDIT_LABELS})\s*[：:][^\n。！？]{{0,40}}[）)】\]]?")
#: Where a sentence ends (the body of a one-line news item starts after one).
SENTENCE_END_RE = regex.compile(r"[。！？][”’」』]*")

# -- furniture inside a web page's article (extract_main_text) --------------------------
#: A prompt to share the page or read it elsewhere: ``扫一扫在手机打开当前页``, ``分享到：``, and the
#: font-size controls beside it (``调整字体``, ``打印 字体： 放大 正常 缩小 分享``).
SHARE_PROMPT_RE = regex.compile(
    r"扫一扫在手机|(?:扫一扫|扫描|长按|扫码|扫二维码)(?:二维码|[上下左右](?:方|侧|边|面))?.{0,8}(?:分享|手机|关注|打开"
    r"|阅读|移动|下载)|\A用?微信扫(?:描|一扫|码)?二维码\Z|[（(]?点击(?:查看|看)?(?:清晰|高清)?大图[）)]?\Z"
    r"|在手机上?(?:打开|阅读|浏览)|手机(?:看|阅读|浏览)本文|分享到[:：]|\A分享\s*[:：]|分享至|一键分享|收藏本页|打印本页"
    r"|字号[:：]?\s*[大中小]|\A(?:打印\s*)?(?:调整)?(?:字号|字体)(?:大小)?\s*[:：]?(?:\s*(?:超大|特大|大|中|小|标准|正常|默认"
    r"|放大|缩小|分享|打印))*\s*\Z"
)
#: A button row above or under an article, alone on its line: ``收藏``, ``举报``, ``举报文章问题``,
#: ``点赞 12``, ``转发``, ``在看``.
ARTICLE_ACTION_RE = regex.compile(
    r"\A(?:(?:收藏|举报(?:文章问题|此人)?|点赞|赞|转发|分享|评论|在看|我要反馈)[\s|/⋅·]*[\d,]*\s*)+\Z"
)
#: A public account's profile and tipping lines, alone on their line: ``微信号 itskingname``,
#: ``微信扫一扫赞赏作者``, ``36人赞赏``, ``长按二维码向我转账``, ``阅读原文``.
ACCOUNT_LINE_RE = regex.compile(
    r"\A(?:微信号|公众号)\s*[:：]?\s*[A-Za-z][-_A-Za-z0-9]{3,30}\Z|\A(?:微信)?扫一扫赞赏作者"
    r"|\A(?:赞赏(?:作者)?|喜欢作者|[\d,]*\s*人赞赏|阅读原文)\Z|\A长按(?:识别)?二维码(?:向我)?(?:转账|赞赏|打赏)"
)
#: A reader counter: ``您是本文第 154 个阅览者``, ``阅读：3727``, ``阅读数(15878）``, ``已有 12 人参与``,
#: a comment count on a line of its own (``4,786 条评论``, ``跟贴8``).
READER_COUNTER_RE = regex.compile(
    r"您是本文第\s*\d+\s*(?:个|位)?(?:阅览者|读者|访问者)|(?:阅读|浏览|点击|访问|人气)(?:次数|数|量|率)?\s*(?:[:：]|[(（](?=\s*\d+\s*[)）]))\s*\d+"
    r"|(?:阅读|浏览|点击)\s*\d+\s*次|已有\s*\d+\s*(?:人|位)(?:阅读|浏览|参与|评论)"
    r"|\A[\d,]+\s*条?(?:评论|跟贴)\Z|\A(?:评论|跟贴)\s*[(（]?\s*[\d,]+\s*[)）]?\Z"
)
#: A portal's disclaimer: ``声明：该文观点仅代表作者本人``, ``本站郑重声明：所载文章、数据仅供参考``,
#: ``特别声明：以上内容…为自媒体平台用户上传并发布，本平台仅提供信息存储服务``;
#: a line opening with 声明 that speaks of views, positions, copyright, reprints or investment
#: advice, or a 特别声明 heading alone, or ``本文为…上传并发布，仅代表该机构观点``, or the English
#: notice portals print beside it (``Notice: The content above … only provides information storage
#: services``); never any line with 声明 in it.
DISCLAIMER_RE = regex.compile(
    r"\A[【\[（(]?(?:本站|本网)?(?:郑重|免责|特别|版权)?声明[】\]）)]?\s*(?:[:：].{0,120}?"
    r"(?:仅代表|不代表|观点|立场|版权|转载|侵权|来源于网络|与本(?:站|网)无关|仅供参考|投资建议|风险自担"
    r"|信息存储(?:空间|服务))|\Z)|\A本文(?:为|系|由).{0,60}?(?:仅代表|不代表).{0,20}?(?:观点|立场)"
    r"|\A(?:Notice|Disclaimer|Statement)\s*:.{0,200}?"
    r"(?:information storage|(?:do|does|not) (?:not )?represent)"
)
#: The original headline a reprint names: ``原标题：…``, ``（原题为《…》）``, ``本文原标题：《…》``.
ORIGINAL_TITLE_RE = regex.compile(r"\A[（(【\[]?(?:本文)?原(?:标)?题(?:为|是)?\s*[:：《“]")
#: A copyright or anti-infringement notice (``未经授权禁止转载``, ``侵权必究``, ``举报电话：010-…``),
#: and the numbered reprint notes of portals (``凡本网注明“来源：…”的所有作品，版权均属于…``,
#: ``转载目的在于传递更多信息``). Only the notice's own wording: a report that a permit was
#: missing (``未经有关部门许可``), that a hotline was opened (``开通举报电话，``) or that owners
#: defend their rights (``业主维权``) is text. So ``未经…授权`` must go on to copying or reprinting,
#: and a phone or mail label must open the line or a sentence (:func:`~corpusclean.patterns.notice_label`).
RIGHTS_NOTICE_RE = regex.compile(
    r"(?:版权所有(?!者|人|权)|著作权(?:归|属|所有|声明)|版权归|违者必究|转载请注明|侵权必究|[如若]有侵权"
    r"|未经[^。！？]{0,10}(?:授权|许可|同意)[^。！？]{0,20}?(?:转载|复制|摘编|转贴|镜像|转发|抄袭|刊登|刊用|链接)"
    rf"|{notice_label('(?:举报|联系|投稿)(?:电话|邮箱)')}"
    r"|凡本(?:网|站)注明|转载目的在于传递更多信息|不代表本(?:网|站)|需要?同本(?:网|站)联系)"
)
#: A line that is only a reporter credit: ``光明日报记者 王建宏 张文攀``, ``本报记者　李四``,
#: ``（记者 张三 通讯员 李四）``, ``新华网黑龙江频道 记者 伊琳 李清芬``: a paper, agency or
#: channel, 记者 or 通讯员, and two to four names.
REPORTER_CREDIT_RE = regex.compile(
    r"\A[（(]?(?:[\p{Han}]{1,8}?(?:报|社|台|网|电视台|频道|新闻)(?:驻\p{Han}{1,6})?[ \t\u3000]*)?"
    r"(?:特约|首席|实习)?(?:记者|通讯员)"
    r"(?:[ \t\u3000]*(?:记者|通讯员)?[ \t\u3000]*[\p{Han}·]{2,4}){1,4}[）)]?\Z"
)
#: Staff credits without a colon: ``编辑 刘晓阳 校对 李铭``, ``责编 张三``, ``编辑|禤志杰``,
#: ``【文/观察者网专栏作者 王文】``.
STAFF_CREDIT_RE = regex.compile(
    r"\A(?:(?:责任编辑|编辑|责编|校对|审校|审核|终审|美编|监制|制作|摄影|作者)"
    r"[ \t\u3000]+[\p{Han}·]{2,4}[ \t\u3000]*)+\Z"
    r"|\A(?:责任编辑|编辑|责编|校对|审校|审核|监制|制作|摄影|作者|来源|文|图)\s*[|｜]\s*[^\s，。；！？|｜]{2,30}\Z"
    r"|\A[【\[（(]?(?:文|图|撰文|作者)\s*[/／]\s*[^【】\[\]（）()，。；！？]{2,30}[】\]）)]?\Z"
)
#: A note on where a page's pictures come from: ``图片均来自网络``, ``（本文配图来源于网络）``.
IMAGE_SOURCE_RE = regex.compile(
    r"\A[（(【\[]?(?:本文)?(?:图片|配图|图)(?:均|皆)?(?:来自|来源于?|源自|取自)(?:网络|互联网|网上)"
)
#: A dateline on a line of its own above an article: a date, its time, and at most a few
#: names or a source (``2019-09-26 10:56:28 证券时报网``, ``2020-06-05 20:35 叨叨姐 胡一刀``,
#: ``2006年12月27日（京港台时间）``), or a labelled one (``发表时间： 06/02/2022 - 13:48``,
#: ``发布于 2019-09-26 07:19:52``, ``最后更新: 2019-09-07 09:27:48``).
DATE_LINE_RE = regex.compile(
    r"\A(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
    r"(?:\s*[（(][^（）()]{1,10}[）)])?(?:\s+[^\s，。；！？]{1,12}){0,4}\s*\Z"
    r"|\A(?:(?:发表|发布|更新)(?:时间|日期)\s*[:：]|(?:发表|发布|更新)于|最后更新\s*[:：]?)"
    r"\s*[0-9/.\-年月日:： ]{6,30}\Z"
)
#: An author and the paper or site on a line of their own above an article: ``石佳/中国青年报``.
AUTHOR_SOURCE_LINE_RE = regex.compile(r"\A[\p{Han}·]{2,6}\s*[/／]\s*\p{Han}{2,12}\Z")
#: A promotion beside an article: a bracketed call to click (``【点击投票】``, ``【点击进入】``), or
#: a call to follow an account (``欢迎扫描左方二维码关注新浪新闻官方微信``, ``新浪新闻公众号`` alone).
PROMOTION_RE = regex.compile(
    r"[【\[](?:点击|立即|马上)(?:投票|进入|查看|参与|购买|下载|报名|领取|订阅)[】\]]"
    r"|(?:欢迎|敬请|请|点击|扫码|扫描|长按|搜索)[^。！？，]{0,16}关注[^。！？]{0,16}(?:公众号|微信|微博|头条号|抖音号)"
    r"|\A\p{Han}{2,10}(?:微信)?公众号\Z"
)
#: A line of tags or keywords under an article: ``文章关键词： 辟谣 外泄 账号``, ``标签：``.
TAG_LINE_RE = regex.compile(r"\A(?:文章|本文)?(?:关键词|关键字|标签|Tags?)\s*[:：]", regex.I)
#: A line that only labels an advertisement: ``广告``, ``推广``.
AD_LABEL_RE = regex.compile(r"\A[【\[（(]?(?:广告|推广|赞助内容|advertisement)[】\]）)]?\Z", regex.I)
#: A forum signature: ``签名：…``, ``个性签名``.
SIGNATURE_RE = regex.compile(r"\A(?:个性)?签名(?:档)?\s*[:：]?")
#: A forum floor label or post header: ``沙发``, ``板凳``, ``地板``, ``第 2 楼``, ``3#``,
#: ``楼层： 第 2 楼 时间：…``, ``发表于 2010-7-3 21:05``, a blog comment's ``# re: 标题 …``.
FLOOR_LABEL_RE = regex.compile(
    r"\A(?:沙发|板凳|地板|楼主|[#＃]?\d+\s*[楼#＃]|(?:楼层\s*[:：]?\s*)?第\s*\d+\s*楼"
    r"|(?:发表于|回复于|发表时间)\s*[:：]?\s*(?:19|20)\d{2}|[#＃]\s*re\s*[:：])",
    regex.I,
)
#: Forum and blog controls: ``回帖后跳转到最后一页``, ``只看该作者``, ``返回列表``,
#: ``本文通告引用(Trackback)链接: …``.
FORUM_CONTROL_RE = regex.compile(
    r"回帖后跳转到最后一页|只看该作者|倒序浏览|返回列表|快速回复|发表回复|回复\s*引用|使用道具|阅读模式"
    r"|通告引用|(?i:trackback)"
)
