"""Shared helpers for tests: the seeds, Han-character multisets and the nothing-lost check."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import regex

from corpusclean import Document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def shared_data(name: str) -> Path:
    """The development data set ``name`` (``"html-dev"``) in ``shared/`` beside the repository.

    Looked for next to the repository root, then next to the folders above it;
    the calling test is skipped, saying why, when the data is not there.
    """
    for folder in ROOT.parents:
        found = folder / "shared" / name
        if found.is_dir():
            return found
    pytest.skip(f"the development data shared/{name} is not beside the repository ({ROOT.parent})")


_HAN_RE = regex.compile(r"\p{Han}")
_MARKUP_RE = regex.compile(r"<[^<>]*>")


def seed_text(seed_id: str) -> str:
    """The raw text of a seed, byte for byte as stored."""
    return (SEEDS / f"{seed_id}.txt").read_bytes().decode("utf-8")


def seed_doc(seed_id: str) -> Document:
    """A document of one seed, as a reader would make it."""
    return Document(id=seed_id, text=seed_text(seed_id), source=f"seeds/{seed_id}.txt")


def han(text: str) -> Counter[str]:
    """The multiset of Han characters in ``text``."""
    return Counter(_HAN_RE.findall(text))


def assert_nothing_lost(original: str, doc: Document) -> None:
    """The Han characters of ``original`` (markup aside) are those of text + title + removed."""
    before = han(_MARKUP_RE.sub("", original))
    after = han(doc.text) + han(doc.title or "") + sum((han(r.text) for r in doc.removed), Counter())
    missing, extra = before - after, after - before
    assert not missing and not extra, f"{doc.id}: lost {dict(missing)}, gained {dict(extra)}"
