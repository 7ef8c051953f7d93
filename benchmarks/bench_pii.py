"""mask_pii's speed on real text: the People's Daily of January 1998, with and without identifiers.

Usage::

    python benchmarks/bench_pii.py [--repeat N]

Rates are MB of UTF-8 text per second of CPU time (``time.process_time``, the
best of ``--repeat`` runs), one process, so they are per core and hold on a
loaded machine. Four texts:

- ``as printed``: the paragraphs in documents of 20, full-width digits as the
  paper printed them (``１９９８年``), so every document needs its probe folded;
- ``width-folded``: the same after ``normalize_width``, as ``mask_pii`` gets
  them in the default pipeline;
- ``dense``: the folded documents with one identifier of a random kind and form
  inserted into every paragraph (about one per 100 characters);
- ``no digits``: the folded documents with every digit taken out, which costs
  the one scan that finds no digit, ``@`` or cue word.

``find_pii`` is the engine alone; ``mask_pii cleaner`` is the cleaner on
:class:`~corpusclean.document.Document` objects, with the records it writes.
The target is 20 MB/s per core.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import regex
from bench_cleaners import best_seconds

from corpusclean.cleaners.pii import MaskPII
from corpusclean.cleaners.width import fold_fullwidth_alnum
from corpusclean.document import Document
from corpusclean.pii import find_pii
from corpusclean.reference import peoples_daily

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

DIGITS_RE = regex.compile(r"\d")


def dense(docs: list[str]) -> list[str]:
    """Each paragraph of ``docs`` with one identifier inserted in a carrier phrase."""
    from pii_corpus import FORMS, PHRASES

    rng = random.Random(0)
    out = []
    for doc in docs:
        paragraphs = []
        for p in doc.split("\n"):
            kind = rng.choice(list(FORMS))
            value = rng.choice(list(FORMS[kind].values()))(rng)
            paragraphs.append(p + rng.choice(PHRASES[kind]).format(value))
        out.append("\n".join(paragraphs))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measure; the best counts")
    args = parser.parse_args(argv)
    printed = peoples_daily(20)
    folded = [fold_fullwidth_alnum(d) for d in printed]
    texts = {
        "as printed": printed,
        "width-folded": folded,
        "dense": dense(folded),
        "no digits": [DIGITS_RE.sub("", d) for d in folded],
    }
    cleaner = MaskPII()
    print(f"{'text':14s} {'MB':>6s} {'found':>7s} {'find_pii MB/s':>14s} {'mask_pii cleaner MB/s':>22s}")
    for name, docs in texts.items():
        size = sum(len(d.encode("utf-8")) for d in docs) / 1e6
        documents = [Document(id=str(i), text=d) for i, d in enumerate(docs)]
        found = sum(len(find_pii(d)) for d in docs)
        engine = best_seconds(lambda docs=docs: [find_pii(d) for d in docs], args.repeat, time.process_time)
        whole = best_seconds(
            lambda documents=documents: [cleaner(d) for d in documents], args.repeat, time.process_time
        )
        print(f"{name:14s} {size:6.2f} {found:7d} {size / engine:14.1f} {size / whole:22.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
