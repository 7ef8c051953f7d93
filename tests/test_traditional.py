"""Traditional Chinese through the default pipeline: cleaned as its Simplified original is.

The word lists and the furniture, byline, redaction and cue-word patterns are
Simplified. Each engine reads a Traditional text folded to Simplified one
character for one, typo flagging through OpenCC's ``t2s`` first
(:mod:`corpusclean.script_chars`), so the seeds and the ``html-dev`` pages
converted with OpenCC lose the same lines, get the same flags and keep the
same text as the pages they were converted from; a suggestion comes back in
Traditional as its word is written there.
"""

from __future__ import annotations

from collections.abc import Callable

import opencc
import pytest
from seedtools import SHARED, all_seeds

from corpusclean.defaults import DEFAULT_PIPELINE
from corpusclean.document import Document, Flag
from corpusclean.formats import decode_html
from corpusclean.pipeline import Pipeline
from corpusclean.registry import make_cleaner
from corpusclean.script_chars import script_marker_patterns, simplified_code_table, to_simplified

#: The default pipeline but duplicates (a text and its rendering would be one); typo flagging
#: fits on the one text it cleans.
STEPS = [name for name in DEFAULT_PIPELINE if name != "mark_duplicates"]
HTML_DEV = SHARED / "html-dev" / "original"


def _cleaned(text: str) -> Document:
    (doc,) = Pipeline([make_cleaner(name) for name in STEPS]).run([Document(id="d", text=text)])
    return doc


def _texts() -> list[object]:
    seeds = [pytest.param(d.text, id=d.id[:3]) for d in all_seeds()]
    pages = sorted(HTML_DEV.glob("*.html")) if HTML_DEV.is_dir() else []
    return seeds + [pytest.param(decode_html(p.read_bytes())[0], id=p.stem[:8]) for p in pages]


def _suggestion_in_traditional(text: str, flag: Flag, convert: Callable[[str], str]) -> str | None:
    """A flag's suggestion as the corrected text reads in Traditional: in its word, not alone
    (the 干 of 干预 stays 干 in 干預, though 干 alone converts to 幹)."""
    if not flag.suggestion or len(flag.suggestion) != flag.end - flag.start:
        return flag.suggestion and convert(flag.suggestion)
    fixed = text[: flag.start] + flag.suggestion + text[flag.end :]
    return convert(fixed)[flag.start : flag.end]


@pytest.mark.parametrize("text", _texts())
def test_a_traditional_text_is_cleaned_as_its_simplified_original(text: str) -> None:
    # s2t converts character by character; s2tw would also rewrite phrases (内存 as 記憶體)
    convert = opencc.OpenCC("s2t").convert
    simplified, traditional = _cleaned(text), _cleaned(convert(text))
    assert traditional.text == convert(simplified.text)
    assert [(f.kind, f.start, f.end, f.suggestion) for f in traditional.flags] == [
        (f.kind, f.start, f.end, _suggestion_in_traditional(simplified.text, f, convert))
        for f in simplified.flags
    ]
    assert traditional.title == (convert(simplified.title) if simplified.title else None)
    if script_marker_patterns()[0].search(text):
        return  # a page that writes both scripts (a 华语/華語 switch) has blocks the conversion makes repeats
    assert [(r.cleaner, r.reason) for r in traditional.removed] == [
        (r.cleaner, r.reason) for r in simplified.removed
    ]
    # folded, as the masks' placeholders ([固定电话]) are the same in either script
    assert [to_simplified(r.text) for r in traditional.removed] == [
        to_simplified(convert(r.text)) for r in simplified.removed
    ]


def test_folding_keeps_every_position_and_leaves_simplified_text_alone() -> None:
    text = "為人民服務，著書立說。关于我們"
    folded = to_simplified(text)
    assert folded == "为人民服务，著书立说。关于我们" and len(folded) == len(text)
    same = "为人民服务，著书立说。"
    assert to_simplified(same) is same
    table = simplified_code_table()
    assert [chr(table[ord(c)]) for c in text] == list(folded)
