"""Fitted n-gram statistics on disk: a numpy ``.npz`` file, no pickle inside.

Format 2 adds ``words_only`` (n-grams counted around listed words only),
format 3 the pairs that are no word (:attr:`NgramStats.pairs`); files of
formats 1 and 2 still load (without pairs, the corpus cannot vouch for a
pair as written).

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "stats.npz"
>>> save_stats(NgramStats.fit(["初心和使命。"] * 2), path)
>>> load_stats(path).docs
2
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..errors import CorpusCleanError
from .ngrams import CountTable, NgramStats, distinct

_TABLES = ("unigram", "bigram", "trigram", "fourgram", "pair")


def save_stats(stats: NgramStats, path: str | Path) -> None:
    """Write ``stats`` to ``path``."""
    tables = (stats.unigrams, stats.bigrams, stats.trigrams, stats.fourgrams, stats.pairs)
    meta = {"format": 3, "docs": stats.docs, "chars": stats.chars, "words_only": stats.words_only,
            "floors": [table.floor for table in tables[1:]]}  # fmt: skip
    arrays = {f"{name}_{part}": getattr(table, part) for name, table in zip(_TABLES, tables, strict=True)
              for part in ("keys", "counts")}  # fmt: skip
    with open(path, "wb") as f:
        np.savez(f, meta=np.array(json.dumps(meta)), doc_ids=stats.doc_ids, **arrays)


def load_stats(path: str | Path) -> NgramStats:
    """Read statistics written by :func:`save_stats`, or a :class:`CorpusCleanError` that says what to do."""
    try:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            if meta.get("format") not in (1, 2, 3):
                raise ValueError(f"unknown format {meta.get('format')!r}")
            floors = [1, *meta["floors"]]
            tables = {
                f"{name}s": CountTable(z[f"{name}_keys"], z[f"{name}_counts"], floor)
                for name, floor in zip(_TABLES, floors, strict=False)  # no pairs before format 3
            }
            return NgramStats(
                **tables,
                doc_ids=distinct(z["doc_ids"].astype(np.uint64)),
                docs=meta["docs"],
                chars=meta["chars"],
                words_only=bool(meta.get("words_only", False)),
            )
    except (OSError, KeyError, ValueError) as exc:
        raise CorpusCleanError(
            f"{path}: cannot read typo statistics ({exc}); write them with "
            "FlagTypos.save_stats() or fit again on a reference corpus"
        ) from exc
