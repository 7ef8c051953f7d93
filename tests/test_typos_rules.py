"""The user's confusion list and never-flag list (flag_known_typos)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpusclean.document import Document
from corpusclean.errors import RecipeError
from corpusclean.registry import make_cleaner
from corpusclean.typos.rules import Confusion, ConfusionList, load_rules, load_terms

TEXT = "中国共产党人的出行和使命。周末出行的人很多。"


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        pytest.param(
            [Confusion("出行和使命", "初心和使命")], [(7, 9, "初心")], id="phrase-flags-only-the-difference"
        ),
        pytest.param(
            [Confusion("出行", "初心", "出行和使命")], [(7, 9, "初心")], id="context-limits-the-rule"
        ),
        pytest.param(
            [Confusion("出行", "初心")], [(7, 9, "初心"), (15, 17, "初心")], id="no-context-every-match"
        ),
        pytest.param(
            [Confusion("出行", "初心"), Confusion("出行和使命", "初心和使命")],
            [(7, 9, "初心"), (15, 17, "初心")],
            id="longest-match-first",
        ),
        pytest.param([Confusion("使命感", "使命")], [], id="no-match-no-change"),
    ],
)
def test_confusion_list(rules: list[Confusion], expected: list[tuple[int, int, str]]) -> None:
    assert [(m.start, m.end, m.suggestion) for m in ConfusionList(rules).find(TEXT)] == expected


def test_context_without_the_wrong_form_is_an_error() -> None:
    with pytest.raises(RecipeError, match="does not contain the wrong form"):
        ConfusionList([Confusion("出行", "初心", "初心和使命")])


def test_tsv_and_toml_lists(tmp_path: Path) -> None:
    tsv = tmp_path / "typos.tsv"
    tsv.write_text(
        "# wrong\tright\tcontext\n出行\t初心\t出行和使命\n\n在接再励\t再接再厉\n", encoding="utf-8"
    )
    assert load_rules(tsv) == (
        [Confusion("出行", "初心", "出行和使命"), Confusion("在接再励", "再接再厉")],
        [],
    )
    toml = tmp_path / "typos.toml"
    toml.write_text(
        'never_flag = ["出行证"]\n[[confusion]]\nwrong = "出行"\nright = "初心"\n', encoding="utf-8"
    )
    assert load_rules(toml) == ([Confusion("出行", "初心")], ["出行证"])
    terms = tmp_path / "names.txt"
    terms.write_text("张出行  # a name\n\n李四\n", encoding="utf-8")
    assert load_terms(terms) == ["张出行", "李四"]


def test_bad_tsv_line_names_file_and_line(tmp_path: Path) -> None:
    tsv = tmp_path / "typos.tsv"
    tsv.write_text("出行\t初心\n出行 初心\n", encoding="utf-8")
    with pytest.raises(RecipeError, match=r"typos.tsv:2: expected"):
        load_rules(tsv)


def test_flag_known_typos_flags_and_skips_never_flag_terms() -> None:
    cleaner = make_cleaner("flag_known_typos", confusions={"出行": "初心"}, never_flag=["周末出行"])
    doc = cleaner(Document(id="a", text=TEXT))
    assert doc is not None
    assert [(f.text, f.start, f.suggestion, f.kind) for f in doc.flags] == [("出行", 7, "初心", "typo")]
    assert doc.text == TEXT and doc.steps == ("flag_known_typos",)


def test_flag_known_typos_fix_records_the_replacement() -> None:
    cleaner = make_cleaner("flag_known_typos", confusions={"出行和使命": "初心和使命"}, fix=True)
    doc = cleaner(Document(id="a", text=TEXT))
    assert doc is not None
    assert doc.text == TEXT.replace("出行和", "初心和")
    assert [(r.text, r.at, r.cleaner) for r in doc.removed] == [("出行", 7, "flag_known_typos")]
    assert "初心" in doc.removed[0].reason and not doc.flags


def test_clean_text_passes_unchanged() -> None:
    doc = Document(id="a", text="周末出行的人很多。")
    assert make_cleaner("flag_known_typos", confusions={"出行和使命": "初心和使命"})(doc) == doc
