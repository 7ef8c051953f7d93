"""Both kinds of slip through one checker: the corpus detector, the non-word detector, their guards."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest
from seedtools import all_seeds, peoples_daily

from corpusclean.typos.check import SURE_WITHOUT_CONTEXT, Hit, TypoChecker, best_hits, guarded
from corpusclean.typos.detect import TypoHit
from corpusclean.typos.evaluate import undoes_slip
from corpusclean.typos.inject import Slip, char_neighbours, inject_char_slips
from corpusclean.typos.lexicon import lexicon
from corpusclean.typos.nonword import NonWordDetector, NonWordHit
from corpusclean.typos.pinyin import loose_syllable
from corpusclean.typos.readings import shipped_readings

PAGE = "我们要制定工作己划。"


def test_one_page_without_a_corpus_is_checked_against_the_reference() -> None:
    checker = TypoChecker()
    assert not checker.corpus.fitted
    assert [(h.text, h.suggestion) for h in checker.find(PAGE)] == [("己", "计")]


#: About 100,000 characters that never write 计划: enough that the word list expects it there.
NO_PLAN = ["今天的天气很好，大家都出去走走。"] * 6000


@pytest.mark.parametrize(
    ("others", "flagged"),
    [
        pytest.param(["今年的工作计划很好。"] * 4, [("己", "计")], id="correction-written-elsewhere"),
        pytest.param(NO_PLAN, [], id="correction-expected-but-never-written"),
        pytest.param(NO_PLAN + ["今年的工作计划很好。"] * 3, [("己", "计")], id="large-corpus-writes-it"),
    ],
)
def test_with_a_corpus_a_non_word_needs_its_correction_written_elsewhere(
    others: list[str], flagged: list[tuple[str, str]]
) -> None:
    checker = TypoChecker().fit([*others, PAGE])
    assert [(h.text, h.suggestion) for h in checker.find(PAGE)] == flagged


def test_a_correction_written_only_in_the_same_document_does_not_count() -> None:
    text = PAGE + "今年的工作计划很好。" * 4
    checker = TypoChecker().fit([*NO_PLAN, text])
    assert checker.find(text) == []


def test_a_correction_the_word_list_tags_as_a_proper_noun_is_counted_too() -> None:
    # jieba tags 城市 as a place; counted around listed words, the corpus keeps it among its pairs
    town = "这座城石的发展很快。"
    hit = NonWordHit(3, 4, "石", "市", 0.9, "", "城市", 2)
    checker = TypoChecker().fit([*NO_PLAN, *["这座城市的发展很快。"] * 4, town])
    assert checker.attested(town, hit)
    never = TypoChecker().fit([*NO_PLAN, town])  # a corpus this size that never writes 城市 speaks against it
    assert not never.attested(town, hit)


def test_the_most_confident_of_overlapping_hits_is_kept() -> None:
    low = TypoHit(2, 4, "出行", "初心", 0.7, (0, 0, 0, 0))
    high = TypoHit(3, 4, "行", "心", 0.9, (0, 0, 0, 0))
    apart = TypoHit(6, 8, "使命", "事明", 0.8, (0, 0, 0, 0))
    assert best_hits([low, high, apart]) == [high, apart]


@pytest.mark.parametrize(
    ("text", "start", "end", "left_alone"),
    [
        pytest.param("我们要制定工作己划", 7, 8, False, id="a-non-word-slip"),
        pytest.param("记者王珣章报道", 3, 4, True, id="given-name-after-a-surname"),
        pytest.param("提高笑率", 2, 3, False, id="surname-character-inside-a-word"),
        pytest.param("对三个人都负责任的决定", 6, 7, True, id="makes-a-common-word"),
        pytest.param("读胡志明主席的信", 3, 5, True, id="across-a-listed-name"),
        # People's Daily, January 1998: a list of names, and a byline closing a paragraph
        pytest.param("陈剑虹、范维唐、茅玉麟", 5, 6, True, id="given-name-after-a-common-surname"),
        pytest.param("外资的发展模式。（辛闻）\n说“泡沫”", 9, 10, True, id="byline-closing-a-paragraph"),
        pytest.param("我们要制定（工作己划）的安排", 8, 9, False, id="parenthesis-inside-a-paragraph"),
        pytest.param("新华社北京1月22日电（记者苏会志、冯瑛冰）今天", 14, 15, True, id="dispatch-byline"),
        # surnames: 孟 and 邢 start few names but are seldom anything else; 和 starts hundreds
        # of names but is far more often a word of its own
        pytest.param("记者孟凡茂报道", 3, 4, True, id="given-name-after-a-rare-surname"),
        pytest.param("语言学家邢福义认为", 5, 6, True, id="given-name-after-xing"),
        pytest.param("提高和完山这个制度", 4, 5, False, id="slip-after-a-conjunction"),
        pytest.param("文化、文雪和语言", 4, 5, False, id="slip-after-a-word-that-is-seldom-a-surname"),
    ],
)
def test_guards_on_any_hit(text: str, start: int, end: int, left_alone: bool) -> None:
    assert guarded(text, start, end) is left_alone


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        pytest.param("我們要制定工作己劃", [("己", "計")], id="traditional-text"),
        pytest.param("公司今年的生产己劃已经完成", [("己", "计")], id="mostly-simplified"),
        pytest.param("富於变化的谋略", [], id="a-traditional-character-in-simplified-text"),
        pytest.param("富于变化的谋略", [], id="the-same-in-simplified"),
        # read by OpenCC's t2s, not only folded: 項鍊 is 项链 (folded, 项炼 is no word), 瞭解 is 了解
        pytest.param("金戒指、金項鍊等黃金製品。", [], id="traditional-words-t2s-rewrites"),
        pytest.param("作進一步瞭解時，你會發現，", [], id="a-traditional-word-of-simplified-characters"),
    ],
)
def test_a_text_is_checked_folded_to_simplified_and_answered_in_its_own_script(
    text: str, flagged: list[tuple[str, str]]
) -> None:
    # the word list is Simplified: 於 read as written made 富於 a non-word (富裕), and a Traditional
    # text got Simplified suggestions
    assert [(h.text, h.suggestion) for h in TypoChecker().find(text)] == flagged


def test_a_hit_in_a_traditional_text_says_why_in_traditional() -> None:
    (hit,) = TypoChecker().find("我們要制定工作己劃")
    assert (hit.word, hit.word_start) == ("計劃", 7)  # type: ignore[attr-defined]
    assert "'己劃' is not a word; '計劃'" in hit.reason


def test_one_character_slips_change_one_character_of_a_listed_word() -> None:
    texts = ["今天我们坚持改革开放的方针，继续前进，努力完成工作计划。" * 30]
    noisy, slips = inject_char_slips(texts, rate=1 / 50, seed=3)
    assert len(slips) >= 10
    changed = [i for i, (a, b) in enumerate(zip(texts[0], noisy[0], strict=True)) if a != b]
    assert changed == [s.start for s in slips]
    words = lexicon().words
    for s in slips:
        assert s.kind in ("nonword", "realword") and s.original != s.typo
        if s.kind == "realword":
            assert any(noisy[0][a : a + 2] in words for a in (s.start - 1, s.start))


def test_slips_made_another_way_read_loosely_and_pick_rare_sound_alikes() -> None:
    texts = ["今天我们坚持改革开放的方针，继续前进，努力完成工作计划。" * 300]
    _, exact = inject_char_slips(texts, rate=1 / 20, seed=3)
    _, loose = inject_char_slips(texts, rate=1 / 20, seed=3, pick="uniform", reading="loose")
    reads = shipped_readings().char_syllable
    # the default keeps the toneless reading; loose slips blur zh/z, ang/an ... and some do
    assert all(reads(s.typo) == reads(s.original) for s in exact)
    assert all(loose_syllable(reads(s.typo) or "") == loose_syllable(reads(s.original) or "") for s in loose)
    assert any(reads(s.typo) != reads(s.original) for s in loose)

    # picked alike, a slip is far less often the most common sound-alike than picked by frequency
    def most_common(char: str, reading: str) -> str:
        chars, freqs = char_neighbours(char, reading=reading)
        return chars[freqs.index(max(freqs))]

    share_exact = sum(s.typo == most_common(s.original, "exact") for s in exact) / len(exact)
    share_loose = sum(s.typo == most_common(s.original, "loose") for s in loose) / len(loose)
    assert share_loose < share_exact - 0.1
    with pytest.raises(ValueError, match="pick must be one of"):
        inject_char_slips(texts, pick="rare")


#: 记者 (reporter) written twelve times, never before 孩 (记着孩子: keeps the child in mind).
REPORTERS = ["记者来到现场采访。", "这位记者写了一篇报道。"] * 6


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        pytest.param("我们总是记着孩子的生日。", False, id="never-written-beside-these-neighbours"),
        pytest.param("这位记着写了一篇文章。", True, id="written-beside-the-left-neighbour"),
    ],
)
def test_with_a_corpus_a_suggested_word_must_be_written_in_this_context(text: str, flagged: bool) -> None:
    checker = TypoChecker().fit(REPORTERS)
    assert isinstance(checker.nonword, NonWordDetector)
    (hit,) = [h for h in checker.nonword.find(text, threshold=0.0) if h.suggestion == "者"]
    assert (hit.word, text[hit.word_start : hit.word_start + 2]) == ("记者", "记着")
    assert checker.in_context(text, hit) is flagged
    # flagged by the non-word detector (者) or by the corpus detector, which checks 记着 too (记者)
    fixes = [text[: h.start] + h.suggestion + text[h.end :] for h in checker.find(text, threshold=0.0)]
    assert any("记者" in fixed for fixed in fixes) is flagged


def test_a_corpus_that_uses_the_word_too_little_cannot_speak_against_its_context() -> None:
    checker = TypoChecker().fit(REPORTERS[:6])  # 记者 six times
    assert isinstance(checker.nonword, NonWordDetector)
    (hit,) = checker.nonword.find("我们总是记着孩子的生日。", threshold=0.0)
    assert checker.in_context("我们总是记着孩子的生日。", hit)


def test_a_hit_sure_enough_stands_without_its_context() -> None:
    """The absence of a trigram from a corpus is weak evidence beside a non-word the detector is sure of."""
    checker = TypoChecker().fit(REPORTERS)
    text = "我们总是记着孩子的生日。"
    assert isinstance(checker.nonword, NonWordDetector)
    (hit,) = checker.nonword.find(text, threshold=0.0)
    assert hit.confidence < SURE_WITHOUT_CONTEXT and not checker.in_context(text, hit)
    assert checker.in_context(text, replace(hit, confidence=SURE_WITHOUT_CONTEXT))


def _hits(found: list[list[Hit]]) -> list[list[tuple[int, int, str, str, float, str]]]:
    return [[(h.start, h.end, h.text, h.suggestion, h.confidence, h.reason) for h in hits] for hits in found]


#: Texts whose edges meet in a batch: empty and one-character texts, a slip at a text's first and
#: last character, a surname closing a text before one that opens with a name, the same text twice.
EDGES = ["", "己", "己划工作", "制定工作己划", "我们要制定工作己划。", "王", "昭说工作己划", PAGE, PAGE, "划"]


@pytest.mark.parametrize("fitted", [False, True], ids=["reference-only", "corpus-fitted"])
def test_a_batch_of_texts_is_flagged_as_each_text_alone(fitted: bool) -> None:
    seeds = [d.text for d in all_seeds()]
    slips = ["人的出行和使命。", "出行和使命。", "人的出行"]  # a real-word slip inside and at the edges
    texts = EDGES + seeds + ["党的初心和使命。"] * 3 + slips + ["今年的工作计划很好。"]
    checker = TypoChecker(threshold=0.0)
    if fitted:  # a corpus that holds some of the texts (their own counts are left out) and not others
        checker.fit(texts[len(EDGES) :] + ["今年的工作计划很好。"] * 4)
    alone = [checker.find(t) for t in texts]
    assert sum(map(len, alone)) >= 5  # the batch has slips to find at this threshold
    assert _hits(checker.find_many(texts)) == _hits(alone)
    assert _hits(checker.find_many(texts[::-1])) == _hits(alone[::-1])


def test_a_never_flag_term_does_not_reach_across_two_texts_of_a_batch() -> None:
    detector = NonWordDetector(never_flag=["工作\n己"])
    texts = ["制定工作", "己划已经完成"]
    found = detector.find_many(texts)
    assert [[(h.text, h.suggestion) for h in hits] for hits in found] == [[], [("己", "计")]]
    assert detector.find_many(["制定工作\n己划已经完成"]) == [[]]  # inside one text it holds


def test_a_flag_that_undoes_a_slip_from_the_span_beside_it_counts_asundoes_slip() -> None:
    """``evaluate``'s test of a flag: applying it must give back the original over the flag and the slip."""
    original, noisy = "致电江泽民主席", "致电江泽民族席"  # the word 民主 replaced by 民族
    slip = Slip(0, 4, 6, "民主", "民族")
    assert undoes_slip(original, noisy, [slip], SimpleNamespace(start=5, end=7, suggestion="主席"))
    assert undoes_slip(original, noisy, [slip], SimpleNamespace(start=4, end=6, suggestion="民主"))
    assert not undoes_slip(original, noisy, [slip], SimpleNamespace(start=5, end=7, suggestion="族长"))
    # a slip of both characters is not undone by mending one of them
    both = Slip(0, 4, 6, "民主", "明族")
    mended = SimpleNamespace(start=5, end=7, suggestion="主席")
    assert not undoes_slip(original, "致电江泽明族席", [both], mended)


def test_a_corpus_of_one_document_checks_it_with_the_reference_alone() -> None:
    """A single file, fitted and checked: its counts are all its own and left out, so they are no
    evidence; the text is checked as an unfitted checker checks it (it lost most right flags)."""
    text = "\n".join(peoples_daily(400)[:40])
    (noisy,), slips = inject_char_slips([text], rate=1 / 1000, seed=5)
    alone = TypoChecker().find(noisy)
    fitted = TypoChecker().fit([noisy])
    assert fitted.without_evidence([noisy]).tolist() == [True]
    assert [(h.start, h.suggestion) for h in fitted.find(noisy)] == [(h.start, h.suggestion) for h in alone]
    assert sum(h.start in {s.start for s in slips} for h in alone) >= len(slips) / 3
    # a second document is evidence again: the corpus's rules apply to both
    two = TypoChecker().fit([noisy, text])
    assert not two.without_evidence([noisy, text]).any()


#: A paragraph that, broken every 32 characters, breaks 群众 between two lines.
BROKEN_WORD = (
    "各级党委和政府要把扶贫开发放在重要位置，切实帮助贫困地区的农民群众要走上致富的道路，这是我们当前的一项重要任务。"
    "全党同志一定要深刻认识这项工作的重大意义，以高度的责任感和紧迫感，扎扎实实地做好各项工作。"
)


def _hard_wrapped(text: str, width: int) -> str:
    return "\n".join(text[k : k + width] for k in range(0, len(text), width))


def test_a_word_broken_by_a_hard_wrap_is_read_whole() -> None:
    wrapped = _hard_wrapped(BROKEN_WORD, 32)
    lines = wrapped.split("\n")
    assert (lines[0][-1], lines[1][0]) == ("群", "众")
    # read line by line, 众要 opens a line and reads as 重要; read whole, 群众 is a word
    assert [(h.text, h.suggestion) for h in TypoChecker().find(lines[1])] == [("众", "重")]
    assert TypoChecker().find(wrapped) == []


def test_a_hard_wrapped_text_is_flagged_where_its_unwrapped_text_is() -> None:
    news = "\n".join(peoples_daily(120)[60:120])
    noisy, slips = inject_char_slips([news], rate=1 / 150, seed=11)
    wrapped = "\n".join(_hard_wrapped(paragraph, 36) for paragraph in noisy[0].split("\n"))
    assert wrapped.count("\n") > 2 * news.count("\n")
    flat, broken = TypoChecker().find(noisy[0]), TypoChecker().find(wrapped)
    assert len(slips) > 10 and len(flat) > 5

    def placed(text: str, hits: list[Hit]) -> list[tuple[str, str, str]]:
        # each hit by the text before it (line breaks aside), its span as written and its suggestion
        return [(text[: h.start].replace("\n", ""), text[h.start : h.end], h.suggestion) for h in hits]

    assert placed(wrapped, broken) == placed(noisy[0], flat)
    assert all(wrapped[h.start : h.end] == h.text for h in broken)
