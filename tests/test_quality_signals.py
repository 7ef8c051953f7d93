"""Quality signals on small texts whose values can be counted by hand, and the rules that read them."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
from seedtools import peoples_daily

from corpusclean.quality import RULES, SIGNALS, Thresholds, failures, quality_signals, quality_signals_many
from corpusclean.quality.classes import BROKEN, CJK_PUNCT, DIGIT, HAN, LATIN, LATIN1, SPACE, classes_of
from corpusclean.quality.lines import line_counts, paragraphs
from corpusclean.quality.repetition import duplicated_ngram_share, top_ngram_share
from corpusclean.quality.signals import gbk_mojibake_share

POEM = "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。"


def test_every_signal_is_documented_and_computed() -> None:
    assert set(quality_signals(POEM)) == set(SIGNALS)
    assert {c.signal for r in RULES for c in r.conditions} <= set(SIGNALS)


def test_poem_by_hand() -> None:
    s = quality_signals(POEM)
    # 20 Han characters and 4 marks on 2 lines, 2 sentences; 明月 twice among 20 letters; one 是
    assert (s["length"], s["chars"], s["han_chars"], s["lines"]) == (25, 24, 20, 2)
    assert s["han_share"] == round(20 / 24, 4) and s["cjk_punct_share"] == round(4 / 24, 4)
    assert s["punct_end_line_share"] == 1.0
    assert s["mean_line_length"] == 12.0 and s["mean_sentence_length"] == 12.0
    assert s["top_2gram_share"] == round(2 * 2 / 20, 4) and s["top_3gram_share"] == 0.0
    assert s["stop_char_share"] == round(1 / 20, 4)
    assert s["dup_line_share"] == s["dup_5gram_share"] == s["misplaced_punct_share"] == 0.0


#: Lines longer than a short line: a menu bar, a footer's notice, and a sentence that holds a label.
MENU_BAR = "首页 | 新闻 | 体育 | 娱乐 | 财经 | 科技 | 汽车 | 房产 | 教育 | 旅游"
FOOTER = "Copyright © 2005-2023 某某网 版权所有 京ICP备12345678号"
PROSE_WITH_LABEL = "一篇关于我们学校百年历史的文章，今天在报纸的第四版全文刊发了出来"


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("甲乙丙丁\n甲乙丙丁\n戊己", "dup_line_share", 1 / 3),
        ("甲乙丙丁\n甲乙丙丁\n戊己", "dup_line_char_share", 4 / 10),
        ("甲乙\n\n丙丁\n\n甲乙", "dup_paragraph_share", 1 / 3),
        ("2024年12月", "digit_share", 6 / 8),
        ("abc中文", "latin_share", 3 / 5),
        ("\ufffd中文\ue000", "broken_share", 2 / 4),
        ("ÈËÃñÈÕ±¨", "latin1_share", 7 / 8),  # ± is a sign Chinese text uses
        ("中文😀", "emoji_share", 1 / 3),
        ("价格＋５％＄", "symbol_share", 2 / 6),
        ("，。你好", "misplaced_punct_share", 2 / 2),  # opens the line; 。 right after ，
        ("你好，，我", "misplaced_punct_share", 1 / 2),
        ("唉，，，，无语", "misplaced_punct_share", 0.0),  # a run of three or more is typed ellipsis
        ("唉，，，，无语，，好", "misplaced_punct_share", 1 / 6),  # the pair still counts
        ("好！！真的？！", "misplaced_punct_share", 0.0),  # emphasis is not disorder
        ("首页\n新闻\n上一页 下一页\n返回顶部", "link_list_share", 13 / 15),
        ("请访问 www.example.com\n正文在这里。", "link_list_share", 19 / 25),
        # a line of buttons ends in a bracket, but is no finished sentence; a heading in brackets is
        ("正文在这里。\n【打印】【关闭】", "link_list_share", 8 / 14),
        ("正文在这里。\n【打印】【关闭】", "punct_end_line_share", 1 / 2),
        ("正文在这里。\n[1] [2] [3]", "link_list_share", 11 / 17),
        ("正文在这里。\n【返回顶部】", "link_list_share", 6 / 12),
        ("【编者按】\n正文在这里。", "link_list_share", 0.0),
        # a post's stamp and a category's count end in a bracket, and are furniture; a parenthesis is not
        ("正文在这里。\n(2006-12-24 03:45:27)", "link_list_share", 21 / 27),
        ("正文在这里。\n(2006-12-24 03:45:27)", "punct_end_line_share", 1 / 2),
        ("正文在这里。\n未归类 (88)", "link_list_share", 8 / 14),
        ("正文在这里。\n先进模范近如何（１）", "link_list_share", 0.0),  # a serial's part, not a count
        ("正文在这里。\n（新华社记者王军摄）", "link_list_share", 0.0),
        ("[财经] 股市今日大涨\n【体育】国足再次失利\n正文。", "link_list_share", 21 / 24),  # tagged links
        # a menu bar and a footer's notice run longer than a short line; a sentence does not count
        (
            "正文在这里。\n首页 | 新闻 | 体育 | 娱乐 | 财经 | 科技 | 汽车 | 房产 | 教育 | 旅游",
            "link_list_share",
            47 / 53,
        ),
        ("正文在这里。\n" + FOOTER, "link_list_share", len(FOOTER) / (len(FOOTER) + 6)),
        (
            "正文在这里。\n一篇关于我们学校百年历史的文章，今天在报纸的第四版全文刊发了出来",
            "link_list_share",
            0.0,
        ),
        ("【编者按】\n正文在这里。", "punct_end_line_share", 1.0),
        # contact details on a line, as mask_pii finds them or as it leaves them
        ("代开发票，电话13812345678\n贷款，QQ：123456789\n今天天气很好。", "contact_line_share", 2 / 3),
        ("联系电话：010-64365566\n正文在这里。\n第二段。", "contact_line_share", 1 / 3),
        ("请加微信：abc_123\n[手机号]\n1998年12月31日，增长12345678元。", "contact_line_share", 2 / 3),
        ("发票，电话 138 1234 5678\n刻章，热线 010-6436 5566\n天气很好。", "contact_line_share", 2 / 3),
        ("代开发票，加VX：fapiao_88\n加V了解\n今天天气很好。", "contact_line_share", 1 / 3),
        ("的了是在和", "stop_char_share", 1.0),
        ("天增岁月人增寿\n春满乾坤福满门\n横批\n五福临门", "verse_line_share", 2 / 4),
        ("床前明月光\n疑是地上霜。\nABCDE", "verse_line_share", 1 / 3),  # only Han, nothing after
        (
            "●" + "一九九七年农业仍获得较好收成农民收入继续增加农村经济全面发展" * 2 + "\n完。",
            "punct_end_line_share",
            1.0,
        ),
        ("●短的条目\n完。", "punct_end_line_share", 1 / 2),  # a short bulleted line is a menu item
        ("今天" + "~" * 20 + "天气好", "top_2gram_share", 0.0),  # symbols are no letters
    ],
    ids=lambda v: v if isinstance(v, str) and v.isidentifier() else None,
)
def test_signal_by_hand(text: str, key: str, expected: float) -> None:
    assert quality_signals(text)[key] == pytest.approx(expected, abs=5e-5)


def test_character_classes() -> None:
    assert classes_of("中，a1 ×\ufffd").tolist() == [HAN, CJK_PUNCT, LATIN, DIGIT, SPACE, 8, BROKEN]
    assert classes_of("Ã").tolist() == [LATIN1]


def test_gopher_repetition_over_characters() -> None:
    from corpusclean.quality.classes import code_points

    three = code_points("今天天气很好" * 3)
    assert top_ngram_share(three, 2) == pytest.approx(3 * 2 / 18)
    assert duplicated_ngram_share(three, 5) == pytest.approx(12 / 18)  # all but the first copy
    assert duplicated_ngram_share(code_points("今天天气很好"), 5) == 0.0
    twice = code_points("为中国人民谋幸福" * 2)
    assert duplicated_ngram_share(twice, 5) == pytest.approx(0.5)  # a text written out twice
    assert duplicated_ngram_share(twice, 13) == 0.0  # no 13 characters occur twice


def test_mojibake_markers_on_the_peoples_daily() -> None:
    texts = peoples_daily(60)[::6]
    for text in texts:
        assert gbk_mojibake_share(text) < 0.3
        assert gbk_mojibake_share(text.encode("utf-8").decode("gbk", "replace")) > 0.6
        latin1 = quality_signals(text.encode("gb18030").decode("latin-1"))
        assert latin1["latin1_share"] > 0.5 and latin1["han_chars"] == 0


def test_fluency_separates_real_from_shuffled_characters() -> None:
    text = "\n".join(peoples_daily(400)[200:260])
    chars = list(text)
    random.Random(1).shuffle(chars)
    real, shuffled = quality_signals(text)["fluency"], quality_signals("".join(chars))["fluency"]
    assert real > 0.6 and shuffled < 0.35


def _shuffled_within_clauses(text: str, rng: random.Random) -> str:
    """The words of each clause of ``text`` in random order, every punctuation mark in its place."""
    import jieba

    pieces = re.split(r"([，。、；：？！“”《》（）\n])", text)
    out = []
    for piece in pieces:
        words = jieba.lcut(piece)
        rng.shuffle(words)
        out.append("".join(words))
    return "".join(out)


def test_clauses_opened_by_particles_tell_shuffled_words_from_real_text() -> None:
    paragraphs = peoples_daily(1200)
    docs = ["\n".join(paragraphs[i : i + 10]) for i in range(0, 1200, 10)]
    rng = random.Random(3)
    real = quality_signals_many(docs)
    shuffled = quality_signals_many([_shuffled_within_clauses(d, rng) for d in docs])
    assert sum(s["particle_starts"] for s in real) == 0
    fired = [any(f.rule == "particle_starts" for f in failures(s, Thresholds())) for s in shuffled]
    assert sum(fired) > 0.6 * len(docs)
    # shuffled within clauses, no mark is out of place: the other rules see real text
    assert sum(s["misplaced_punct_share"] > Thresholds().max_misplaced_punct_share for s in shuffled) < 5


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("我们要坚持改革开放，了解国情，的确如此，着手去做。", 0),  # particles that open a word
        ("坚持的，了改革开放要，的我们。", 2),
        ("堅持的，嗎我們，了解。", 1),  # Traditional: 嗎 is 吗
        ("争取自由\n的力量是人民。", 0),  # a line broken inside a sentence opens no clause
    ],
)
def test_particle_starts_by_hand(text: str, starts: int) -> None:
    assert quality_signals(text)["particle_starts"] == starts


def test_rules_name_rule_and_values() -> None:
    found = failures(quality_signals("上一页 下一页 返回顶部"), Thresholds())
    assert found[0].rule == "too_short"
    assert found[0].reason == "too_short: han_chars=10 < 20"
    looser = failures(quality_signals("上一页 下一页 返回顶部"), Thresholds(min_han_chars=5), first=True)
    assert [f.reason for f in looser] == ["top_2gram: top_2gram_share=0.4 > 0.25"]  # 一页 twice in 10


def test_advertising_that_gives_contacts_line_after_line_is_dropped_and_a_notice_is_not() -> None:
    ad = "\n".join(
        f"{city}代开发票，正规发票，联系电话1{n}812345678，QQ：{n}23456789，微信同号，欢迎来电咨询！"
        for n, city in zip("3589", ["北京", "上海", "广州", "深圳"], strict=True)
    )
    assert "contact_lines" in [f.rule for f in failures(quality_signals(ad), Thresholds())]
    notice = (
        "本报讯，市政府今天发布通知，春节期间全市各大商场延长营业时间。\n"
        "通知要求各商场做好消防安全工作，保证节日期间商品供应充足。\n"
        "市民如遇价格问题，可以向物价部门反映，有关部门将及时处理。\n"
        "咨询电话：010-64365566"
    )
    assert quality_signals(notice)["contact_line_share"] == 0.25
    assert not failures(quality_signals(notice), Thresholds())


def test_a_rule_of_several_conditions_needs_all() -> None:
    no_prose = next(r for r in RULES if r.name == "no_prose")
    assert len(no_prose.conditions) == 4
    signals = {
        "punct_end_line_share": 0.0,
        "stop_char_share": 0.2,
        "verse_line_share": 0.0,
        "sentence_char_share": 0.0,
    }
    assert not no_prose.fires(signals, Thresholds())
    assert no_prose.fires({**signals, "stop_char_share": 0.05}, Thresholds())
    assert not no_prose.fires({**signals, "stop_char_share": 0.05, "verse_line_share": 1.0}, Thresholds())
    assert not no_prose.fires({**signals, "stop_char_share": 0.05, "sentence_char_share": 0.5}, Thresholds())


#: An official notice: numbered headings and a table of subjects that end no sentence, and the
#: sentences of its items, which hold most of its text (few function characters: official style).
OFFICIAL_NOTICE = """一、招生专业
文艺学
美学
中国古代文学
中国现代文学
比较文学
戏剧戏曲学
电影学
广播电视艺术学
二、报考条件
1、拥护中国共产党的领导，愿为社会主义现代化建设服务，遵纪守法，品德优良，业务优秀。
2、已获硕士学位的在职人员，应届毕业硕士生（最迟在录取前取得硕士学位）。
三、考试科目
外国语
专业基础
专业课"""


def test_an_official_notice_with_numbered_items_is_prose() -> None:
    signals = quality_signals(OFFICIAL_NOTICE)
    assert signals["punct_end_line_share"] < Thresholds().min_punct_end_line_share
    assert signals["stop_char_share"] < Thresholds().min_stop_char_share
    assert signals["sentence_char_share"] == pytest.approx(
        (42 + 36) / sum(len(line) for line in OFFICIAL_NOTICE.splitlines()), abs=5e-5
    )
    assert not failures(signals, Thresholds())
    menu = "\n".join(line for line in OFFICIAL_NOTICE.splitlines() if not line.endswith("。"))
    assert [f.rule for f in failures(quality_signals(menu), Thresholds())] == ["no_prose"]


def test_shared_sorts_agree_with_one_n_at_a_time() -> None:
    from corpusclean.quality.classes import code_points
    from corpusclean.quality.repetition import repetition_shares

    texts = [
        *peoples_daily(300)[::15],
        "\n".join(peoples_daily(3)[1:] * 4),
        "今天天气很好" * 3,
        "为中国人民谋幸福" * 2 + "为中国人民",
        "ab",
        "abcd",
        "abcab",
        "𠀀𠀁𠀂𠀃𠀄" * 4 + "中文",  # supplementary-plane characters
        "一二三四五六七八九十一二三四五六七八九十",  # repeats that reach the end
    ]
    for text in texts:
        codes = code_points(text)
        one_at_a_time = (
            *(top_ngram_share(codes, n) for n in (2, 3, 4)),
            *(duplicated_ngram_share(codes, n) for n in (5, 8, 13)),
        )
        assert repetition_shares(codes) == one_at_a_time, text[:20]


def test_repeat_candidates_may_overflow_their_buckets(monkeypatch: pytest.MonkeyPatch) -> None:
    """With 16 buckets nearly every place is a candidate: more work, the same shares."""
    from corpusclean.quality import repetition
    from corpusclean.quality.classes import code_points

    texts = [*peoples_daily(40)[::40], "\n".join(peoples_daily(3)[1:] * 4)]
    expected = [repetition.repetition_shares(code_points(t)) for t in texts]
    monkeypatch.setattr(repetition, "_MAX_BUCKET_BITS", 4)
    assert [repetition.repetition_shares(code_points(t)) for t in texts] == expected


def _dup_paragraph_shares(text: str) -> tuple[float, float]:
    """The duplicate-paragraph shares counted directly, for comparison."""
    found = paragraphs(text)
    counts = Counter(found)
    if len(found) < 2 or len(counts) == len(found):
        return 0.0, 0.0
    dup = sum(n - 1 for n in counts.values())
    dup_chars = sum((n - 1) * len(p) for p, n in counts.items())
    return dup / len(found), dup_chars / max(1, sum(map(len, found)))


def test_paragraphs_are_split_only_when_a_line_repeats() -> None:
    """Without a repeated line no paragraph repeats; the shortcut agrees with counting every time."""
    rng = random.Random(7)
    pieces = ["甲乙", "丙", "甲乙", "\n", "\n", "\n\n", " ", "\u3000", "\r\n", "\t"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30))) for _ in range(3000)]
    texts += ["甲乙\n\n丙丁\n \n甲乙", "甲乙 \n\n  甲乙", "甲\n乙\n\n甲\n乙", "甲乙\n丙\n\n甲乙\n丁"]
    repeated = 0
    for text in texts:
        counts = line_counts(text)
        assert (counts.dup_paragraph_share, counts.dup_paragraph_char_share) == _dup_paragraph_shares(text), (
            text
        )
        repeated += counts.dup_paragraph_share > 0
    assert repeated > 100  # the texts do repeat paragraphs


def _neighbours_sharing_lines() -> list[str]:
    """People's Daily documents each opening with the last lines of the one before, and edge cases."""
    news = peoples_daily(700)
    docs = ["\n".join(news[k : k + 12]) for k in range(0, 600, 12)]
    shared = [docs[0], *("\n".join([*news[k - 3 : k], *news[k : k + 12]]) for k in range(12, 600, 12))]
    edges = ["", "字", "𠀀𠀁𠀂𠀃𠀄" * 4 + "中文", "，，，", "床前明月光\n床前明月光", "今天天气很好" * 3]
    return [text for pair in zip(shared, edges * 9, strict=False) for text in pair] + shared[len(edges) * 9 :]


@pytest.mark.parametrize("size", [2, 7, 64])
def test_a_batch_gives_each_text_the_signals_it_has_alone(size: int) -> None:
    texts = _neighbours_sharing_lines()
    alone = [quality_signals(text) for text in texts]
    batched = [s for k in range(0, len(texts), size) for s in quality_signals_many(texts[k : k + size])]
    assert batched == alone
    # nothing is carried over a document's edge: the lines a text shares with the one before are no repeats
    opening = [s for text, s in zip(texts, batched, strict=True) if len(text) > 100][1:]
    assert min(s["dup_line_share"] for s in opening) == 0.0


def test_a_batch_of_many_letters_is_measured_in_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ``_GROUP_CHARS`` letters the repetition measures run on groups of texts: the same shares."""
    from corpusclean.quality import repetition
    from corpusclean.quality.classes import code_points

    texts = _neighbours_sharing_lines()[:30]
    codes = [code_points(text) for text in texts]
    alone = [repetition.repetition_shares(c) for c in codes]
    monkeypatch.setattr(repetition, "_GROUP_CHARS", 2000)
    joined = repetition.repetition_shares_many(code_points("".join(texts)), [len(c) for c in codes])
    assert len(repetition._groups(code_points("".join(texts)), [len(c) for c in codes])) > 5
    assert joined == alone


def test_an_empty_batch_has_no_signals() -> None:
    assert quality_signals_many([]) == []


def test_texts_of_three_characters_in_a_batch_keep_their_repeats_apart() -> None:
    """Short texts of three letters: sorted keys equal across a text's edge, repeats near its end."""
    rng = random.Random(3)
    texts = [
        "".join(rng.choices("甲乙丙，\n", weights=(5, 5, 5, 1, 1), k=rng.randrange(41))) for _ in range(400)
    ]
    assert quality_signals_many(texts) == [quality_signals(text) for text in texts]


def _wrap(text: str, width: int) -> str:
    """``text`` broken every ``width`` characters, as a PDF's text or a fixed-width file breaks it."""
    return "\n".join(para[i : i + width] for para in text.split("\n") for i in range(0, len(para), width))


@pytest.mark.parametrize("width", [30, 36, 60, 76])
def test_hard_wrapped_text_has_the_line_signals_of_its_paragraphs(width: int) -> None:
    news = peoples_daily(400)
    docs = ["\n".join(news[k : k + 10]) for k in range(0, 400, 10)]
    for doc in docs:
        wrapped = _wrap(doc, width)
        if wrapped == doc:  # verse, short lines
            continue
        flat, broken = quality_signals(doc), quality_signals(wrapped)
        # not line for line: a sentence that ends at the wrap ends a line there, and a paragraph
        # whose last piece is as long as a wrapped line, unpunctuated (a headline), runs on
        assert abs(broken["punct_end_line_share"] - flat["punct_end_line_share"]) <= 0.2, doc[:40]
        assert bool(failures(broken, Thresholds())) == bool(failures(flat, Thresholds())), doc[:40]


def test_only_lines_of_one_width_are_joined() -> None:
    # long list items of many lengths stay apart, and so do lines under 26 characters
    text = "我们知道还在奥尔森的理论提出之前不少西方学者已经对相关的问题进行过不同的研究提出过不同的理论" * 6
    items = [text[k * 40 : k * 40 + 26 + k] for k in range(6)]
    assert len({len(item) for item in items}) == 6
    assert line_counts("\n".join(items)).lines == 6
    narrow = _wrap(text, 20)
    assert line_counts(narrow).lines == narrow.count("\n") + 1
    assert line_counts(_wrap(text, 30)).lines == 1
