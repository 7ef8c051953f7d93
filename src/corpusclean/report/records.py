"""Read a run's output back: JSONL records (plain, ``.gz`` or ``.zst``) or Parquet, and the stats JSON.

Each JSONL line is one document record with exactly the fields of
:class:`~corpusclean.document.Document`; a bad line fails with the file and the
line number. A Parquet output is read back row by row as the run wrote it
(its flags and removals included).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import InputError
from ..formats import open_compressed
from ..formats import read_documents as read_inputs


def read_documents(path: str | Path) -> Iterator[Document]:
    """The documents of a JSONL or Parquet output file, read lazily."""
    path = Path(path)
    if path.suffix == ".parquet":
        yield from read_inputs([path])
        return
    try:
        stream = open_compressed(path)
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror}; check the path", path=str(path)) from None
    with stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            yield Document.from_json(line, path=str(path), line_number=number)


def read_stats(path: str | Path) -> list[dict[str, Any]] | dict[str, Any]:
    """The stats JSON of a run: a list of per-cleaner dicts, or the run's dict with them in ``cleaners``."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read stats: {exc.strerror}; check the path", path=str(path)) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"stats are not valid JSON ({exc.msg})", path=str(path), line=exc.lineno) from None
    if not isinstance(data, (list, dict)):
        raise InputError(
            "stats must be a JSON list of per-cleaner stats or an object with a 'cleaners' list; "
            "give the file `corpusclean clean --stats` wrote",
            path=str(path),
        )
    return data
