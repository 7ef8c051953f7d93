"""Properties of the markup, space, width and script cleaners, and of their place in the default pipeline."""

from __future__ import annotations

import pytest
from seedtools import all_seeds, cjk_kept, peoples_daily

from corpusclean.defaults import DEFAULT_PIPELINE
from corpusclean.document import Document
from corpusclean.pipeline import Pipeline
from corpusclean.registry import make_cleaner

CLEANERS = [
    "strip_html",
    "normalize_spaces",
    "normalize_width",
    "normalize_lines",
    "convert_script",
    "detect_script",
]

#: Correct Chinese as a careful editor writes it: every one of these cleaners leaves it alone.
CLEAN_TEXTS = [
    "为中国人民谋幸福，为中华民族谋复兴，是中国共产党人的初心和使命。",
    "习近平总书记指出：“守初心、担使命，找差距、抓落实。”（辉煌历程）《人民日报》2019年10月。",
    "认为苏共代表劳动人民的只占7％，退出低保对象190.1万人！这是为什么？",
    "1. 践行宗旨守初心\n\n2.知重负重担使命\n\n会议于3:00开始，访问https://www.example.com获取。",
]


@pytest.mark.parametrize("name", CLEANERS)
@pytest.mark.parametrize("text", CLEAN_TEXTS, ids=[f"clean-{i}" for i in range(len(CLEAN_TEXTS))])
def test_clean_chinese_passes_untouched(name: str, text: str) -> None:
    doc = Document(id="t", text=text)
    out = make_cleaner(name)(doc)
    assert out is not None and out.text == text
    if name != "detect_script":  # the detector writes metadata, never text
        assert out is doc


@pytest.mark.parametrize("name", CLEANERS)
def test_idempotent_on_seeds_and_peoples_daily(name: str) -> None:
    cleaner = make_cleaner(name)
    docs = all_seeds() + [Document(id=str(i), text=t) for i, t in enumerate(peoples_daily(300))]
    for doc in docs:
        once = cleaner(doc)
        assert once is not None
        assert cleaner(once) == once, doc.id


def test_default_pipeline_on_the_seeds() -> None:
    pipeline = Pipeline(make_cleaner(name) for name in DEFAULT_PIPELINE)
    pipeline.fit(list(all_seeds()))
    for doc in all_seeds():
        out = pipeline(doc)
        assert out is not None
        for bad in ("<", ">", "&nbsp;", "\u3000", "\xa0", "\u200b", "\ufeff"):
            assert bad not in out.text, (doc.id, bad)
        assert "\n\n\n" not in out.text and out.text == out.text.strip()
        assert not any(line.startswith(" ") for line in out.text.split("\n"))
        assert out.metadata["script"] == "simplified"
        assert cjk_kept(doc, out), doc.id
        assert pipeline(out) == out  # the pipeline as a whole is idempotent too


def test_order_matters_markup_goes_before_the_normalizers() -> None:
    text = "<div>第一段。</div><div>&nbsp;</div><div>第二段。</div>"
    names = ["strip_html", "normalize_spaces", "normalize_lines"]
    right = Pipeline(make_cleaner(n) for n in names)(Document(id="t", text=text))
    wrong = Pipeline(make_cleaner(n) for n in reversed(names))(Document(id="t", text=text))
    assert right is not None and right.text == "第一段。\n\n第二段。"
    assert wrong is not None and wrong.text == "第一段。\n\xa0\n第二段。"  # the NBSP line survives
