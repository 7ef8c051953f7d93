"""What every format reader is given: the file to read and how to read it.

Kept apart from :mod:`corpusclean.formats.readers` so that each format module
(and the table of formats) can use them without importing the corpus reader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..errors import InputError

#: The largest document read, in bytes: an HTML file, a JSONL line, one record.
#: A whole novel is 2-3 MB of UTF-8; a text file over the limit is split into
#: several documents (see :mod:`corpusclean.formats.text`), anything else refused.
MAX_DOCUMENT_BYTES = 16 * 2**20

ErrorHandler = Callable[[InputError], object]


@dataclass(frozen=True)
class InputFile:
    """A file to read, with the directory its document ids are relative to."""

    path: Path
    root: Path | None
    suffix: str

    @property
    def doc_id(self) -> str:
        """The id of a text or HTML file's document: relative path without the extension."""
        relative = self.path.relative_to(self.root) if self.root else Path(self.path.name)
        return relative.as_posix()[: -len(self.suffix)] if self.suffix else relative.as_posix()


def _raise(err: InputError) -> object:
    raise err


@dataclass(frozen=True)
class ReadSettings:
    """How records are read: the fields of the text and the id, the size limit, what to do on errors.

    ``text_key`` and ``id_key`` may be dotted paths into nested records
    (``meta.id``). ``split_text`` splits every text file into documents at
    chapters, paragraphs or sentences; files over ``max_document_bytes`` are
    split whatever it says. ``fail`` receives each error a reader can go on
    after (a bad line); by default it raises.
    """

    text_key: str = "text"
    id_key: str = "id"
    max_document_bytes: int = MAX_DOCUMENT_BYTES
    split_text: bool = False
    fail: ErrorHandler = _raise

    def too_large(self, size: int, what: str) -> str:
        """The message for a ``what`` of ``size`` bytes that is over the limit."""
        return (
            f"{what} is {size:,} bytes, over the {self.max_document_bytes:,}-byte limit for one "
            "document; split it into documents, or raise the limit (Corpus(max_document_bytes=...))"
        )


@dataclass(frozen=True)
class Span:
    """A part of a file that a worker reads alone: positions ``start:end`` and the number of its first record.

    For JSON Lines the positions are byte offsets at line starts; for Parquet,
    row-group indices. ``end=None`` reads to the end of the file.
    """

    start: int = 0
    end: int | None = None
    first: int = 1


WHOLE_FILE = Span()


class ReadChoices(Protocol):
    """What a caller chooses about reading (:class:`ReadSettings` has it, and so do engines' options)."""

    @property
    def text_key(self) -> str: ...
    @property
    def id_key(self) -> str: ...
    @property
    def split_text(self) -> bool: ...
