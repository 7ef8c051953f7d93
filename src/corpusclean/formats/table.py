"""The file formats corpusclean reads and writes: one row each, read by everything that needs to know.

The corpus reader finds a file's reader here, the unit planner asks whether a
file can be cut into parts for workers (:attr:`FileFormat.cut`), the output
choice and the CLI help read the suffixes and writers. A new format is a
module with a reader (and a writer) and one row in :data:`FORMATS`.

>>> format_of(Path("dump.JSONL.zst")).name, format_of(Path("page.htm")).name, format_of(Path("x.png"))
('jsonl', 'html', None)
>>> infer_format("out/seeds.jsonl.zst"), infer_format("out/texts"), infer_format("-")
('jsonl', 'txt', 'jsonl')
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..document import Document
from .jsonl import cut_jsonl, read_json, read_jsonl
from .parquet import ParquetWriter, cut_parquet, jsonl_to_parquet, read_parquet
from .source import InputFile, ReadSettings, Span
from .text import read_html, read_text
from .writers import JsonlWriter, TextFileWriter

Reader = Callable[[InputFile, ReadSettings, Span], Iterator[Document]]
#: Cuts a file of the given size into spans of about the given number of bytes, each with its size.
Cutter = Callable[[InputFile, int, int], list[tuple[Span, int]]]
#: Opens a writer for one output file: a context manager with ``write(doc)`` and ``count``.
WriterFactory = Callable[[Path], Any]


@dataclass(frozen=True)
class FileFormat:
    """One file format: its name, the file name endings it has, how to read and write it."""

    name: str
    #: File name endings, lower case, compressed forms included.
    suffixes: tuple[str, ...]
    #: What a file of this format holds, for the CLI help.
    description: str
    read: Reader
    #: How to cut a large file into spans that workers read apart; ``None``: a file is one unit.
    cut: Cutter | None = None
    #: How to open a file output of this format; ``None``: not written.
    write: WriterFactory | None = None
    #: Whether the writer keeps every field of a document (side files then use it too).
    whole_records: bool = True
    #: How a JSON Lines shard of a directory output becomes a shard of this format;
    #: ``None``: no shards in this format (JSON Lines shards are kept as they are).
    from_jsonl: Callable[[Path, Path], None] | None = None


def _read_text(file: InputFile, settings: ReadSettings, span: Span) -> Iterator[Document]:
    return read_text(file, settings)


def _read_html(file: InputFile, settings: ReadSettings, span: Span) -> Iterator[Document]:
    return read_html(file, settings)


#: Every format, in the order the help lists them. A file named on the command
#: line with an ending no row has is read as text.
FORMATS: tuple[FileFormat, ...] = (
    FileFormat(
        "jsonl",
        (".jsonl", ".jsonl.gz", ".jsonl.zst"),
        "JSON Lines, one record a line (gzip or zstd by the ending)",
        read_jsonl,
        cut=cut_jsonl,
        write=JsonlWriter,
    ),
    FileFormat("json", (".json",), "JSON Lines named .json, or one JSON array of records", read_json),
    FileFormat(
        "txt",
        (".txt",),
        "plain text, one document (a text over the size limit is split, see --split-text)",
        _read_text,
        write=TextFileWriter,
        whole_records=False,
    ),
    FileFormat("html", (".html", ".htm"), "a web page, decoded as its charset declaration says", _read_html),
    FileFormat(
        "parquet",
        (".parquet",),
        "Parquet, one row a record, read by row group (pip install 'corpusclean[parquet]')",
        read_parquet,
        cut=cut_parquet,
        write=ParquetWriter,
        from_jsonl=jsonl_to_parquet,
    ),
)

#: The format of a file named on the command line with an ending no row has.
TEXT = next(f for f in FORMATS if f.name == "txt")

#: Every file name ending read, longest first (so ``.jsonl.gz`` wins over a shorter one).
SUFFIXES: tuple[str, ...] = tuple(sorted((s for f in FORMATS for s in f.suffixes), key=len, reverse=True))
_BY_SUFFIX = {s: f for f in FORMATS for s in f.suffixes}

#: The formats an output can be written in (``--format``).
OUTPUT_FORMATS: tuple[str, ...] = tuple(f.name for f in FORMATS if f.write is not None)


def document_suffix(path: Path) -> str | None:
    """The ending by which ``path`` is read (``.jsonl.gz``, ``.txt``, ...), or None.

    >>> document_suffix(Path("a/b.JSONL.zst")), document_suffix(Path("x.png"))
    ('.jsonl.zst', None)
    """
    name = path.name.lower()
    return next((s for s in SUFFIXES if name.endswith(s)), None)


def format_of(path: Path) -> FileFormat | None:
    """The format of a file named ``path``, or None when its ending is not one read."""
    suffix = document_suffix(path)
    return None if suffix is None else _BY_SUFFIX[suffix]


def format_named(name: str) -> FileFormat:
    """The format called ``name`` (``jsonl``, ``txt``, ...)."""
    return next(f for f in FORMATS if f.name == name)


def infer_format(output: str) -> str:
    """The output format an output path implies: by its ending, JSONL for ``-``, else a directory of text.

    A directory output gets one text file per document (``txt``), or shards
    with ``--format`` naming a format with shards.
    """
    if output == "-":
        return "jsonl"
    found = format_of(Path(output))
    return found.name if found is not None and found.write is not None else "txt"


def input_help() -> str:
    """The formats read, one line each, for the CLI help.

    >>> input_help().splitlines()[1]
    '  .json  JSON Lines named .json, or one JSON array of records'
    """
    return "\n".join(f"  {', '.join(f.suffixes)}  {f.description}" for f in FORMATS)


def output_help() -> str:
    """The file outputs, for the CLI help.

    >>> output_help()
    'a .jsonl, .jsonl.gz, .jsonl.zst file, a .txt file, a .parquet file'
    """
    return ", ".join(f"a {', '.join(f.suffixes)} file" for f in FORMATS if f.write is not None)
