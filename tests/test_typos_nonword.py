"""Non-word slip detection with the shipped reference: what it must flag, what it must leave alone."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpusclean.typos import NonWordDetector, NonWordHit, nonword
from corpusclean.typos.check import TypoChecker
from corpusclean.typos.detect import span_words
from corpusclean.typos.ngrams import NgramStats
from corpusclean.typos.nonword import (
    CORPUS_SCALE,
    DEFAULT_NONWORD_THRESHOLD,
    FEATURES,
    Weights,
    fitted_weights,
)
from corpusclean.typos.reference import reference

ROOT = Path(__file__).resolve().parent.parent
CSC = ROOT.parent / "shared" / "csc-dev"


@pytest.fixture(scope="module")
def detector() -> NonWordDetector:
    found = NonWordDetector()
    found.preload()
    return found


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        pytest.param("公司今年的生产己划已经完成。", "己", "计", id="ji-hua"),
        pytest.param("他对各仲食品都充满了好奇。", "仲", "种", id="ge-zhong"),
        pytest.param("其实找工作是个热能生巧的过程。", "热", "熟", id="idiom-shu-neng-sheng-qiao"),
        pytest.param("面试技巧才是关建。", "建", "键", id="guan-jian"),
        pytest.param("我们要保持乐关的心态。", "关", "观", id="le-guan"),
        pytest.param("他最近经常失面，精神不好。", "面", "眠", id="shi-mian"),
        pytest.param("会议决定成立专门的调查小祖。", "祖", "组", id="xiao-zu"),
        pytest.param("今年的经济增长速度明显加块。", "块", "快", id="jia-kuai"),
        # a place of three characters may be suggested: two of them already agree
        pytest.param("他描写了喜烽口、平型关等战役。", "烽", "峰", id="place-xi-feng-kou"),
        pytest.param("这几年动南亚国家的经济发展很快。", "动", "东", id="place-dong-nan-ya"),
        # jieba tags 许多 as a numeral, but it holds no numeral character
        pytest.param("他们给了孩子许夺零花钱。", "夺", "多", id="quantity-xu-duo"),
        # jieba tags these common words as names of people; the commonest places are suggested too
        pytest.param("他是我们的高级技术顾温。", "温", "问", id="tagged-a-name-gu-wen"),
        pytest.param("这是我们的光容传统。", "容", "荣", id="tagged-a-name-guang-rong"),
        pytest.param("我们中果人民站起来了。", "果", "国", id="common-place-zhong-guo"),
        pytest.param("今天在北经召开会议。", "经", "京", id="common-place-bei-jing"),
    ],
)
def test_flags_non_word_slips(detector: NonWordDetector, text: str, wrong: str, right: str) -> None:
    hits = detector.find(text)
    assert [(h.text, h.suggestion) for h in hits] == [(wrong, right)]
    (hit,) = hits
    assert text[hit.start : hit.end] == wrong
    assert DEFAULT_NONWORD_THRESHOLD <= hit.confidence <= 1.0
    assert "is not a word" in hit.reason


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("公司今年的生产计划已经完成。", id="the-correct-word"),
        pytest.param("她是一个可爱至极的女孩。", id="web-zhi-ji"),
        pytest.param("他们砍倒一棵树。", id="web-kan-dao"),
        pytest.param("这事我知道了。", id="web-zhe-shi"),
        pytest.param("立宪主义是一种政治理念。", id="web-li-xian"),
        pytest.param("这是一种新的研究范式。", id="web-fan-shi"),
        pytest.param("毛泽东同志在延安。", id="name"),
        pytest.param("王小明今天没来上课。", id="name-after-surname"),
        pytest.param("学生将苏康码出示给老师。", id="place-of-two-characters-not-suggested"),
        pytest.param("江泽明同志指出。", id="a-listed-name-not-suggested"),
        pytest.param("张昭片刻之后离开。", id="given-name-not-zhao-pian"),
        pytest.param("这次活动事半功倍。", id="idiom"),
        pytest.param("我们要再接再厉。", id="idiom-2"),
        pytest.param("一九九八年十二月三十一日。", id="numerals"),
        pytest.param("这个问题需要进一步研九。", id="numeral-never-swapped"),
        pytest.param("他买了一部iPhone手机。", id="latin"),
        pytest.param("我不施工的时候休息。", id="straddles-a-boundary"),
        pytest.param("他是知识分子，也是我们的一份子。", id="variant-forms"),
        pytest.param("这个計划很好。", id="traditional-variant"),
    ],
)
def test_leaves_alone(detector: NonWordDetector, text: str) -> None:
    assert detector.find(text) == []


def test_a_span_written_twice_is_meant(detector: NonWordDetector) -> None:
    once = "我们要保持乐关的心态。"
    assert detector.find(once)
    assert detector.find(once + "乐关是他的名字。") == []


def test_never_flag_terms() -> None:
    text = "我们要保持乐关的心态。"
    assert NonWordDetector(never_flag=["乐关"]).find(text) == []


def test_threshold_per_call(detector: NonWordDetector) -> None:
    text = "我们要保持乐关的心态。"
    (hit,) = detector.find(text)
    assert detector.find(text, threshold=hit.confidence + 1e-3) == []
    assert detector.find(text, threshold=hit.confidence - 1e-3) == [hit]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("尖碑，以显示其至高无上的地位。", id="qi-zhi-gao"),
        pytest.param("其他领导采取以动制动、动静结合。", id="yi-dong-zhi-dong"),
        pytest.param("养的人们，会以不同的方式感受。", id="yi-bu-tong"),
        pytest.param("机关久抓未获的拐卖妇女犯罪团伙。", id="de-guai-mai"),
    ],
)
def test_weak_evidence_is_not_flagged(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Correct news text whose best swap makes its window less than e**MIN_GAIN times as likely."""
    scored = NonWordDetector().candidates(text)
    assert scored is None or bool((scored[2] >= nonword.MIN_GAIN).all())
    assert NonWordDetector().find(text, threshold=0.65) == []
    monkeypatch.setattr(nonword, "MIN_GAIN", 0.0)  # without the floor, each was flagged
    assert NonWordDetector().find(text, threshold=0.65) != []


def test_the_weights_are_fitted_below_the_evidence_floor_too() -> None:
    """``benchmarks/eval_csc.py --fit`` asks for every swap that raises its window (``min_gain=0``)."""
    text = "尖碑，以显示其至高无上的地位。"  # its best swap is weak evidence
    assert NonWordDetector().candidates(text) is None
    scored = NonWordDetector().candidates(text, min_gain=0.0)
    assert scored is not None and bool(((scored[2] > 0) & (scored[2] < nonword.MIN_GAIN)).all())


def test_a_lower_slip_rate_lowers_confidence() -> None:
    text = "我们要保持乐关的心态。"
    (usual,) = NonWordDetector().find(text, threshold=0.0)
    (rare,) = NonWordDetector(slip_rate=1 / 2000).find(text, threshold=0.0)
    assert rare.confidence < usual.confidence
    assert rare.suggestion == usual.suggestion


def test_corpus_counts_vouch_for_a_term_and_for_a_suggestion() -> None:
    term = "这是检查前的肠腔准备，需要空腹。"  # 肠腔 is a medical term the word list lacks
    plain = NonWordDetector()
    assert [h.suggestion for h in plain.find(term)] == ["唱"]
    plain.use_corpus(NgramStats.fit(["肠腔准备很重要。"] * 5 + ["做好肠腔的清洁。"] * 5))
    assert plain.find(term) == []

    slip = "我们要保持乐关的心态。"
    alone = NonWordDetector().find(slip)[0].confidence
    with_corpus = NonWordDetector()
    with_corpus.use_corpus(NgramStats.fit(["他很乐观。"] * 5 + ["乐观的心态很重要。"] * 5))
    assert with_corpus.find(slip)[0].confidence > alone


def test_a_text_in_the_corpus_does_not_vouch_for_itself() -> None:
    """A text counted in the corpus is scored on the counts of the other documents only."""
    text = "我们要保持乐关的心态。"
    stats = NgramStats.fit([text] * 3 + ["今天天气很好。", "乐观的人更健康。"])
    detector = NonWordDetector()
    detector.use_corpus(stats)
    column = FEATURES.index("corpus_span")

    def span_feature(text: str) -> float:
        scored = detector.candidates(text)
        assert scored is not None
        _, features, _ = scored
        return float(features[0, column])

    per_char = min(1.0, CORPUS_SCALE / stats.chars)  # a corpus this small: counts as they are
    assert span_feature(text) == pytest.approx(np.log1p(2 * per_char))  # its own copy taken away
    assert span_feature(text + "再见。") == pytest.approx(np.log1p(3 * per_char))  # not in the corpus


#: 记着 ("keeps in mind") is no word of the lists but good Chinese; 记者 (reporter) is a word.
KEEPS_IN_MIND = "我们总是记着孩子的生日，每年都买蛋糕。"
REPORTERS = ["记者来到现场采访。", "这位记者写了一篇报道。"] * 3


def test_a_span_the_other_documents_write_is_no_slip() -> None:
    """Counted as ``flag_typos`` counts (around words only), the corpus still knows 记着 as written."""
    detector = NonWordDetector()
    assert [h.suggestion for h in detector.find(KEEPS_IN_MIND)] == ["者"]
    writes_it = ["他一直记着这件事。", "请记着带伞。", "老师记着每个学生的名字。"] * 2
    detector.use_corpus(NgramStats.fit(writes_it + REPORTERS, words=span_words()))
    assert detector.find(KEEPS_IN_MIND) == []
    (written,) = detector.find(KEEPS_IN_MIND, threshold=0.0)
    detector.use_corpus(NgramStats.fit(REPORTERS + ["今天天气很好。"] * 6, words=span_words()))
    (unwritten,) = detector.find(KEEPS_IN_MIND, threshold=0.0)
    # the weights with a corpus are fitted for a corpus far larger than these twelve sentences,
    # where slips are rare: a corpus that never writes 记着 raises the confidence a hundredfold
    assert unwritten.suggestion == written.suggestion == "者"
    assert unwritten.confidence > 100 * written.confidence


def test_a_small_corpus_counts_are_not_scaled_up() -> None:
    stats = NgramStats.fit(REPORTERS, words=span_words())
    detector = NonWordDetector()
    detector.use_corpus(stats)
    scored = detector.candidates(KEEPS_IN_MIND)
    assert scored is not None and stats.chars < CORPUS_SCALE
    assert scored[1][0, FEATURES.index("corpus_target")] == pytest.approx(np.log1p(6))  # 记者, six times


def test_a_look_alike_of_another_reading_is_weaker_evidence() -> None:
    """堆 looks like 推 but reads otherwise; 仪 looks like 议 and reads alike: only the first is marked."""
    detector = NonWordDetector()
    shape, other = FEATURES.index("shape"), FEATURES.index("shape_other_reading")

    def shape_features(text: str, word: str) -> list[tuple[float, float]]:
        scored = detector.candidates(text, min_gain=0.0)
        assert scored is not None
        cands, features, _ = scored
        rows = [i for i in range(len(cands)) if reference().word(int(cands.row[i])) == word]
        return sorted((float(features[i, shape]), float(features[i, other])) for i in rows)

    assert shape_features("围绕水坑堆出了偌大的垃圾场。", "推出") == [(1.0, 1.0)]
    # found twice, by sound and by shape
    assert shape_features("向全国出版界职工发出倡仪书。", "倡议书") == [(0.0, 0.0), (1.0, 0.0)]
    # the calibration data (csc-dev) say so: such a look-alike counts for less than one that reads alike
    assert all(w.weights[other] < 0 < w.weights[shape] + w.weights[other] for w in fitted_weights().values())


def test_hits_are_frozen_records() -> None:
    (hit,) = NonWordDetector().find("今年的经济增长速度明显加块。")
    assert isinstance(hit, NonWordHit)
    with pytest.raises(AttributeError):
        hit.confidence = 0.0  # type: ignore[misc]


def test_weights_fit_the_features() -> None:
    fits = fitted_weights()
    assert set(fits) == {"reference", "corpus", "corpus_words_only"}
    assert all(len(w.weights) == len(FEATURES) and 0 < w.slip_rate < 1 for w in fits.values())


def _benchmark(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _eval_csc() -> ModuleType:
    return _benchmark("eval_csc")


def test_sample_typo_flags_lists_each_flag_of_each_document_in_context() -> None:
    """The sample script's flags carry their document, and a row marks the flag and escapes table bars."""
    module = _benchmark("sample_typo_flags")
    docs = ["今年的天气很好。", "公司今年的生产己划|已经完成。"]
    found = module.flags(TypoChecker(), docs)
    assert [(d, h.text, h.suggestion) for d, h in found] == [(1, "己", "计")]
    row = module.row(docs[1], found[0][1])
    assert "→ 计 |" in row and "生产**己**划\\|已经" in row


def test_the_news_fit_moves_the_intercept_to_the_recall_of_the_fit_it_replaces() -> None:
    """``fit_nonword_news.calibrated``: the smallest shift (to 0.01) whose recall reaches the target."""
    module = _benchmark("fit_nonword_news")

    class Copy:  # a noisy copy whose recall rises with the intercept
        def recall(self, weights: Weights) -> float:
            return float(1.0 / (1.0 + np.exp(-weights.intercept)))

    base = Weights((0.0,) * len(FEATURES), -3.0, 0.0005)
    moved = module.calibrated(base, [Copy()], 0.5)
    assert Copy().recall(moved) >= 0.5 > Copy().recall(Weights(base.weights, moved.intercept - 0.011, 0.0005))
    assert moved.weights == base.weights and moved.slip_rate == base.slip_rate


def test_the_weights_with_a_corpus_are_set_for_the_rate_of_slips_of_news_text() -> None:
    """Without a corpus, csc-dev's rate (one misspelt character in 54); with one, the injected rate."""
    fits = fitted_weights()
    assert fits["reference"].slip_rate > 0.01
    assert fits["corpus"].slip_rate == fits["corpus_words_only"].slip_rate == 1 / 2000


@pytest.mark.skipif(not CSC.is_dir(), reason=f"the csc-dev set is not at {CSC}")
@pytest.mark.parametrize("name", ["law.test", "med.test"])
def test_csc_dev_slice_meets_a_floor(name: str) -> None:
    """The first 200 sentences of each held-out file, each checked alone with the reference only."""
    module = _eval_csc()
    rows = module.read(CSC / name)[:200]
    (scores,) = module.evaluate(rows, NonWordDetector(), [DEFAULT_NONWORD_THRESHOLD])
    char_precision = scores.right_chars / scores.flagged_chars
    sentence_p = scores.corrected / scores.flagged_sentences
    sentence_r = scores.corrected / scores.error_sentences
    assert char_precision >= 0.7
    assert 2 * sentence_p * sentence_r / (sentence_p + sentence_r) > 0.25
    assert scores.clean_flagged / scores.clean_sentences <= 0.08


def test_eval_csc_reads_both_line_formats(tmp_path: Path) -> None:
    """csc-dev's ``N<TAB>wrong<TAB>correct``, and SIGHAN's ``wrong<TAB>correct`` with ``N`` counted."""
    (tmp_path / "three.tsv").write_text("1\t工作己划\t工作计划\n0\t很好\t很好\n", encoding="utf-8")
    two = "工作己划\t工作计划\n我门朋唷\t我们朋友\n不同长度\t不同\n"  # the last: sides of different lengths
    (tmp_path / "two.tsv").write_text(two, encoding="utf-8")
    module = _eval_csc()
    assert module.read(tmp_path / "three.tsv") == [(1, "工作己划", "工作计划"), (0, "很好", "很好")]
    assert module.read(tmp_path / "two.tsv") == [(1, "工作己划", "工作计划"), (2, "我门朋唷", "我们朋友")]


def test_eval_csc_scores_with_the_weights_it_fitted_on_the_files_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--fit --fit-on`` fits on those files alone and scores the others with that fit.

    Fitted on sentences that write 己划 on purpose (every swap there is labelled wrong),
    the weights flag nothing in a held-out file where the shipped ones flag 己划.
    """
    meant = "公司今年的生产己划已经完成。\n"
    odd = "".join(f"0\t{meant[:-1]}\t{meant}" for _ in range(6))
    (tmp_path / "odd.train").write_text(odd, encoding="utf-8")
    (tmp_path / "slip.test").write_text("1\t工作己划已经完成。\t工作计划已经完成。\n", encoding="utf-8")
    module = _eval_csc()
    base = [str(tmp_path), "--files", "slip.test", "--threshold", "0.5"]
    module.main(base)
    shipped = capsys.readouterr().out
    module.main([*base, "--fit", "--fit-on", "odd.train"])
    fitted = capsys.readouterr().out
    assert "(1/1 flagged, 1 misspelt)" in shipped
    assert '"fitted_on": "csc-dev odd.train' in fitted and "(0/0 flagged, 1 misspelt)" in fitted


@given(st.text(alphabet=st.sampled_from("己划计首度都推退向运数输的了是在\n ，。aZ1𠀀🙂一二"), max_size=60))
@settings(max_examples=200, deadline=None)
def test_hits_are_spans_of_the_text(text: str) -> None:
    for hit in NonWordDetector().find(text):
        assert text[hit.start : hit.end] == hit.text and hit.end == hit.start + 1
        assert hit.suggestion != hit.text and 0.0 <= hit.confidence <= 1.0


def test_pickles_for_worker_processes() -> None:
    """A parallel runner ships the detector to workers; the loaded tables stay behind, cached per process."""
    import pickle

    detector = NonWordDetector(never_flag=["乐关"])
    detector.use_corpus(NgramStats.fit(["今年的生产计划。"] * 3 + ["乐观的心态。"] * 3))
    copy = pickle.loads(pickle.dumps(detector))
    text = "公司今年的生产己划已经完成。我们要保持乐关的心态。"
    assert copy.find(text) == detector.find(text) != []
    assert len(pickle.dumps(NonWordDetector())) < 2_000
