"""Corpus-level cleaners used by the tests of parallel and distributed runs.

They live in a module of their own so that worker processes (and Ray workers,
by value) can unpickle them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from corpusclean.cleaner import Cleaner, Drop
from corpusclean.document import Document
from corpusclean.edits import Edit


class MarkRepeats(Cleaner):
    """Mark a document whose text an earlier document has as a duplicate of it (learns in parts)."""

    name = "mark_repeats"
    needs_fit = True
    changes_text = False  # it only annotates metadata

    def __init__(self) -> None:
        self.first: dict[str, str] = {}

    def fit_partial(self, docs: Iterable[Document]) -> dict[str, str]:
        first: dict[str, str] = {}
        for doc in docs:
            first.setdefault(doc.text, doc.id)
        return first

    def merge_states(self, states: list[dict[str, str]]) -> dict[str, str]:
        merged: dict[str, str] = {}
        for state in states:
            for text, doc_id in state.items():
                merged.setdefault(text, doc_id)
        return merged

    def set_state(self, state: dict[str, str]) -> None:
        self.first = state

    def apply(self, doc: Document) -> Document:
        first = self.first.get(doc.text)
        if first is None or first == doc.id:
            return doc
        return doc.replace(metadata={**doc.metadata, "duplicate_of": first})


class CountChars(Cleaner):
    """Record how often the corpus has each document's rarest character (learns in parts)."""

    name = "count_chars"
    needs_fit = True
    changes_text = False  # it only annotates metadata

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def fit_partial(self, docs: Iterable[Document]) -> Counter[str]:
        counts: Counter[str] = Counter()
        for doc in docs:
            counts.update(doc.text)
        return counts

    def merge_states(self, states: list[Counter[str]]) -> Counter[str]:
        return sum(states, Counter())

    def set_state(self, state: Counter[str]) -> None:
        self.counts = state

    def apply(self, doc: Document) -> Document:
        if not doc.text:
            return doc
        rarest = min(sorted(set(doc.text)), key=lambda c: self.counts[c])
        return doc.replace(metadata={**doc.metadata, "rarest": [rarest, self.counts[rarest]]})


class CountDocuments(Cleaner):
    """Record the corpus size in each document (a plain ``fit``, learnt in one process)."""

    name = "count_documents"
    needs_fit = True

    def __init__(self) -> None:
        self.total = 0

    def fit(self, docs: Iterable[Document]) -> None:
        self.total = sum(1 for _ in docs)

    def apply(self, doc: Document) -> Document:
        return doc.replace(metadata={**doc.metadata, "corpus_documents": self.total})


class DropShort(Cleaner):
    """Drop documents shorter than five characters."""

    name = "drop_short"

    def apply(self, doc: Document) -> Document | Drop:
        return Drop("shorter than 5 characters") if len(doc.text) < 5 else doc


class Slow(Cleaner):
    """Take ``seconds`` per document (to interrupt a run in the middle)."""

    name = "slow"

    def __init__(self, *, seconds: float = 0.01) -> None:
        self.seconds = seconds

    def apply(self, doc: Document) -> Document:
        time.sleep(self.seconds)
        return doc


def corpus_pipeline(*extra: Any) -> Any:
    """The default pipeline followed by the corpus-level test cleaners."""
    from corpusclean.pipeline import Pipeline
    from corpusclean.recipe import default_pipeline

    return Pipeline([*default_pipeline(), DropShort(), MarkRepeats(), CountChars(), CountDocuments(), *extra])


class RaiseOnMarker(Cleaner):
    """Edit the text, then raise, on documents that hold ``marker``: a cleaner with a bug."""

    name = "raise_on_marker"

    def __init__(self, marker: str = "炸") -> None:
        self.marker = marker

    def apply(self, doc: Document) -> Document:
        if self.marker not in doc.text:
            return doc
        doc.edit([Edit(0, 1, reason="a first edit, then the bug")], cleaner=self.name)  # partial work
        raise IndexError(f"context index {len(doc.text) + 2} past the end of a text of {len(doc.text)}")


def stop_after_units(code: str, out: Path, units: int, sig: int, *, timeout: float = 60) -> dict[str, Any]:
    """Run ``code`` in a new process, stop it with ``sig`` once ``out``'s manifest records ``units``
    units, and return the manifest it left."""
    process = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    manifest = out / "manifest.json"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (
        not manifest.exists() or orjson.loads(manifest.read_bytes())["units_done"] < units
    ):
        time.sleep(0.01)
    os.killpg(process.pid, sig)
    process.wait(timeout=30)
    return orjson.loads(manifest.read_bytes())  # type: ignore[no-any-return]


def same_names(out: Path, reference: Path) -> list[str]:
    """The files of ``out`` but its manifest, after checking that ``reference`` has the same names."""
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in reference.iterdir())
    return [name for name in names if name != "manifest.json"]
