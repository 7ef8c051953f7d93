"""The default pipeline on the seeds, compared with reviewed golden files.

``tests/golden/<seed>.txt`` is the expected text and ``tests/golden/<seed>.json``
the expected title, removals and flags. Each was read sentence by sentence
before it was committed. After a deliberate change, rewrite them with
``PYTHONPATH=src python tests/test_golden.py`` and read the diff the same way.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_helpers import GOLDEN, SEED_IDS, assert_nothing_lost, seed_doc, seed_text

from corpusclean import Document, default_pipeline

#: Characters a careful editor would not accept in clean corpus text.
FORBIDDEN = {
    "\u3000": "ideographic space",
    "\u00a0": "no-break space",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "byte-order mark",
}
#: Furniture of the seeds that must be gone from the text.
FURNITURE = ["62牢牢把握主题教育总要求.txt", "新华社记者鞠鹏摄", "新华社北京5月31日电", "版式设计", "张芳曼"]


@cache
def cleaned_seeds() -> dict[str, Document]:
    """The five seeds through the default pipeline, as one corpus (fitted first), by id."""
    return {doc.id: doc for doc in default_pipeline().run(seed_doc(seed_id) for seed_id in SEED_IDS)}


def clean(seed_id: str) -> Document:
    return cleaned_seeds()[seed_id]


def summary(doc: Document) -> dict[str, Any]:
    """What the golden JSON holds: title, removals and flags, without offsets that add nothing."""
    return {
        "title": doc.title,
        "removed": [{"cleaner": r.cleaner, "reason": r.reason, "text": r.text} for r in doc.removed],
        "flags": [
            {"kind": f.kind, "start": f.start, "text": f.text, "cleaner": f.cleaner} for f in doc.flags
        ],
    }


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_text_matches_golden(seed_id: str) -> None:
    assert clean(seed_id).text == (GOLDEN / f"{seed_id}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_title_removals_and_flags_match_golden(seed_id: str) -> None:
    expected = json.loads((GOLDEN / f"{seed_id}.json").read_text(encoding="utf-8"))
    assert summary(clean(seed_id)) == expected


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_nothing_lost(seed_id: str) -> None:
    assert_nothing_lost(seed_text(seed_id), clean(seed_id))


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_editor_would_accept(seed_id: str) -> None:
    text = clean(seed_id).text
    found = {name for char, name in FORBIDDEN.items() if char in text}
    assert not found, f"{seed_id}: {sorted(found)} left in the text"
    assert "<" not in text and "&nbsp;" not in text, f"{seed_id}: markup left in the text"
    assert not [f for f in FURNITURE if f in text], f"{seed_id}: furniture left in the text"
    assert text == text.strip() and "\n\n\n" not in text


def write_golden() -> None:
    """Rewrite every golden file from the current default pipeline."""
    GOLDEN.mkdir(exist_ok=True)
    for seed_id in SEED_IDS:
        doc = clean(seed_id)
        (GOLDEN / f"{seed_id}.txt").write_text(doc.text, encoding="utf-8")
        record = json.dumps(summary(doc), ensure_ascii=False, indent=2) + "\n"
        (GOLDEN / f"{seed_id}.json").write_text(record, encoding="utf-8")
        print(f"wrote {GOLDEN / seed_id}.txt and .json")


if __name__ == "__main__":
    write_golden()
