"""Properties every registered cleaner must have: idempotent, clean text untouched, nothing lost.

The cleaners are taken from the registry, so a new cleaner is checked here the
moment it exists.
"""

from __future__ import annotations

import pytest
from corpus_helpers import GOLDEN, SEED_IDS, assert_nothing_lost, seed_doc, seed_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpusclean import Document, available, make_cleaner

NAMES = list(available())
#: Cleaners whose job is to change characters (script conversion), so the Han
#: multiset is not theirs to keep.
CHANGES_CHARACTERS = {"convert_script"}
#: Cleaners that drop whole documents by design (a short sentence is no document to
#: ``filter_quality``): a dropped clean text is not a changed one.
DROPS_DOCUMENTS = {"filter_quality"}

CLEAN_TEXTS = [
    "为中国人民谋幸福，为中华民族谋复兴，是中国共产党人的初心和使命。",
    "1998年，全国粮食产量达到5000亿公斤。\n\n他说：“要把‘改’字贯穿始终。”",
    "《共产党宣言》发表于1848年（距今已有一百多年）。",
    "使用Linux系统和Windows XP系统，型号为XX-200。",
    "新华社记者昨天到了现场，本报记者也去了。",
]


def clean_texts() -> list[str]:
    """Hand-written clean text and the reviewed golden outputs of the seeds without flags."""
    golden = [
        (GOLDEN / f"{seed_id}.txt").read_text(encoding="utf-8")
        for seed_id in SEED_IDS
        if (GOLDEN / f"{seed_id}.txt").exists() and not seed_id.startswith("004")
    ]
    return CLEAN_TEXTS + golden


def same(a: Document | None, b: Document | None) -> bool:
    """Equal as cleaning results: text, title, flags, removed and metadata."""
    assert a is not None and b is not None
    return (a.text, a.title, a.flags, a.removed, a.metadata) == (
        b.text,
        b.title,
        b.flags,
        b.removed,
        b.metadata,
    )


def run(name: str, docs: list[Document]) -> dict[str, Document]:
    """A new cleaner ``name`` run over ``docs`` as a corpus (fitted first when it needs it), by id."""
    return {doc.id: doc for doc in make_cleaner(name).run(docs)}


def seed_corpus() -> list[Document]:
    return [seed_doc(seed_id) for seed_id in SEED_IDS]


@pytest.mark.parametrize("name", NAMES)
def test_idempotent_on_seeds(name: str) -> None:
    once = run(name, seed_corpus())
    twice = run(name, list(once.values()))
    assert once.keys() == twice.keys()
    for doc_id, doc in once.items():
        assert same(twice[doc_id], doc), f"{name} changed its own output of {doc_id}"


@pytest.mark.parametrize("name", NAMES)
def test_nothing_lost_on_seeds(name: str) -> None:
    if name in CHANGES_CHARACTERS:
        pytest.skip(f"{name} converts characters by design")
    for doc_id, doc in run(name, seed_corpus()).items():
        assert_nothing_lost(seed_text(doc_id), doc)


@pytest.mark.parametrize("name", NAMES)
def test_clean_text_is_untouched(name: str) -> None:
    texts = clean_texts()
    out = run(name, [Document(id=f"clean-{i}", text=text) for i, text in enumerate(texts)])
    for i, text in enumerate(texts):
        if name in DROPS_DOCUMENTS and f"clean-{i}" not in out:
            continue
        doc = out[f"clean-{i}"]
        assert (doc.text, doc.title, doc.removed, doc.flags) == (text, None, (), ()), (
            f"{name} changed {text[:30]!r}"
        )


# Characters that exercise every cleaner: Han, both widths of digits and letters,
# quotes and brackets, every kind of space, markup, placeholders, dateline words.
ALPHABET = (
    "中文测试新华社北京电讯本报记者摄某机关书记同志"
    "，。！？、：；“”‘’（）《》【】…—"
    "0１aＡXx×*"
    " \u3000\u00a0\u200b\n\r\t"
    "<>/&;.:"
)
TEXTS = st.text(alphabet=ALPHABET, max_size=80) | st.lists(
    st.sampled_from(
        [
            "新华社北京５月３１日电　",
            "（新华社记者兰红光摄）",
            "新华社记者鞠鹏摄",
            "责任编辑：张三",
            "版式设计：李四",
            "标题行",
            "会议在北京召开，习近平出席。",
            "\n",
            "\n\n",
            "　　",
            "<p>",
            "</p>",
            "&nbsp;",
            "“",
            "”",
            "a.txt",
        ]
    ),
    max_size=12,
).map("".join)


@pytest.mark.parametrize("name", NAMES)
@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=TEXTS)
def test_idempotent_on_generated_text(name: str, text: str) -> None:
    once = run(name, [Document(id="g", text=text)])
    if not once:
        return  # dropped: nothing left to clean twice
    assert same(run(name, list(once.values()))["g"], once["g"])
