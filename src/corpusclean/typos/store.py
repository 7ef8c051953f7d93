"""Fitted n-gram statistics on disk: a numpy ``.npz`` file, no pickle inside.

Format 2 adds ``words_only`` (n-grams counted around listed words only); files
of format 1 (every n-gram counted) still load.

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
from .ngrams import CountTable, NgramStats

_TABLES = ("unigram", "bigram", "trigram", "fourgram")


def save_stats(stats: NgramStats, path: str | Path) -> None:
    """Write ``stats`` to ``path``."""
    meta = {"format": 2, "docs": stats.docs, "chars": stats.chars, "words_only": stats.words_only,
            "floors": [stats.bigrams.floor, stats.trigrams.floor, stats.fourgrams.floor]}  # fmt: skip
    tables = (stats.unigrams, stats.bigrams, stats.trigrams, stats.fourgrams)
    arrays = {f"{name}_{part}": getattr(table, part) for name, table in zip(_TABLES, tables, strict=True)
              for part in ("keys", "counts")}  # fmt: skip
    with open(path, "wb") as f:
        np.savez(f, meta=np.array(json.dumps(meta)), doc_ids=stats.doc_ids, **arrays)


def load_stats(path: str | Path) -> NgramStats:
    """Read statistics written by :func:`save_stats`, or a :class:`CorpusCleanError` that says what to do."""
    try:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            if meta.get("format") not in (1, 2):
                raise ValueError(f"unknown format {meta.get('format')!r}")
            floors = [1, *meta["floors"]]
            tables = {
                f"{name}s": CountTable(z[f"{name}_keys"], z[f"{name}_counts"], floor)
                for name, floor in zip(_TABLES, floors, strict=True)
            }
            return NgramStats(
                **tables,
                doc_ids=np.unique(z["doc_ids"].astype(np.uint64)),
                docs=meta["docs"],
                chars=meta["chars"],
                words_only=bool(meta.get("words_only", False)),
            )
    except (OSError, KeyError, ValueError) as exc:
        raise CorpusCleanError(
            f"{path}: cannot read typo statistics ({exc}); write them with "
            "FlagTypos.save_stats() or fit again on a reference corpus"
        ) from exc
