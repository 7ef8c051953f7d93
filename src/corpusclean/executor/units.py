"""Units of work: the inputs cut into pieces of about the same size, in input order.

A unit is what one worker reads and cleans in one go, and what a sharded
output commits at once. Units depend only on the inputs and the unit size,
never on the number of workers, so every engine cuts the corpus the same way
and writes the same shards. Small files are grouped into one unit (a group
never grows past the unit size); a file larger than a unit is cut as its
format says (:attr:`~corpusclean.formats.table.FileFormat.cut`: an
uncompressed JSONL file at line boundaries), or else is one unit.

The unit size follows the corpus (:func:`unit_size`): at least
:data:`MIN_UNITS` units, so that workers finish together (the last unit is the
only one a worker may wait for), and never more than :data:`UNIT_BYTES`, so
that memory and the time to the first shard stay small on any corpus.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "big.jsonl").write_bytes(b'{"text": "x"}\\n' * 10)
>>> units = plan_units(find_files([folder]), unit_bytes=60)
>>> [(p.start, p.end, p.first_line) for u in units for p in u.pieces]
[(0, 70, 1), (70, 140, 6)]
>>> sum(1 for u in units for _ in read_unit(u))
10
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..document import Document
from ..formats import Corpus, ErrorHandler, InputFile, ReadSettings, find_files, format_of
from ..formats.source import ReadChoices

DEFAULT_SETTINGS = ReadSettings()

#: Largest unit size in bytes of input: big enough that per-unit costs vanish,
#: small enough that the first shard of a run is written within seconds.
UNIT_BYTES = 8 * 1024 * 1024
#: Smallest unit size chosen by :func:`unit_size`: below it, per-unit costs show.
MIN_UNIT_BYTES = 1024 * 1024
#: How many units :func:`unit_size` aims at, at least: with 2 workers and 32
#: units, the one worker left alone at the end costs at most 1/32 of the run.
MIN_UNITS = 32

__all__ = [
    "MIN_UNITS",
    "MIN_UNIT_BYTES",
    "UNIT_BYTES",
    "Piece",
    "Unit",
    "find_files",
    "input_bytes",
    "plan_units",
    "read_unit",
    "total_bytes",
    "unit_size",
]


@dataclass(frozen=True)
class Piece:
    """A whole input file, or the bytes ``start:end`` of an uncompressed JSONL file."""

    file: InputFile
    start: int | None = None
    end: int | None = None
    #: The line number of the first line at ``start`` (for ids and error messages).
    first_line: int = 1


@dataclass(frozen=True)
class Unit:
    """Consecutive pieces of the input, read and cleaned together."""

    index: int
    pieces: tuple[Piece, ...]


def unit_size(total_bytes: int) -> int:
    """The unit size for a corpus of ``total_bytes``: about :data:`MIN_UNITS` units, within bounds.

    It depends on the input alone, so the output is the same for any number of workers.

    >>> [unit_size(n) // 1024 for n in (10**6, 100 * 10**6, 10**9)]
    [1024, 3051, 8192]
    """
    return max(MIN_UNIT_BYTES, min(UNIT_BYTES, total_bytes // MIN_UNITS))


def _size(file: InputFile) -> int:
    return file.path.stat().st_size if file.path.is_file() else 0


def total_bytes(files: list[InputFile]) -> int:
    """The size of ``files`` on disk, in bytes."""
    return sum(_size(file) for file in files)


def plan_units(files: list[InputFile], *, unit_bytes: int | None = None) -> list[Unit]:
    """Cut ``files`` into units of at most about ``unit_bytes`` bytes of input, in input order.

    Without ``unit_bytes``, :func:`unit_size` chooses it from the total size.
    """
    sizes = [_size(file) for file in files]
    if unit_bytes is None:
        unit_bytes = unit_size(sum(sizes))
    pieces: list[tuple[Piece, int]] = []
    for file, size in zip(files, sizes, strict=True):
        fmt = format_of(file.path)
        if fmt is not None and fmt.cut is not None and size > unit_bytes:
            cut = fmt.cut(file, size, unit_bytes)
            pieces += [(Piece(file, span.start, span.end, span.first), n) for span, n in cut]
        else:
            pieces.append((Piece(file), size))
    units: list[Unit] = []
    group: list[Piece] = []
    filled = 0
    for piece, size in pieces:
        if group and filled + size > unit_bytes:  # the piece would overfill the unit: start another
            units.append(Unit(len(units), tuple(group)))
            group, filled = [], 0
        group.append(piece)
        filled += size
    if group:
        units.append(Unit(len(units), tuple(group)))
    return units


def read_unit(
    unit: Unit, options: ReadChoices = DEFAULT_SETTINGS, *, on_error: ErrorHandler | None = None
) -> Iterator[Document]:
    """The documents of ``unit``, read as :class:`~corpusclean.formats.Corpus` reads whole files.

    ``options`` names the record fields and says whether to split text files
    (any object with ``text_key``, ``id_key`` and ``split_text``).
    """
    reader = Corpus(
        [], text_key=options.text_key, id_key=options.id_key, on_error=on_error, split_text=options.split_text
    )
    for piece in unit.pieces:
        yield from reader.read_file(
            piece.file, start=piece.start or 0, end=piece.end, first_line=piece.first_line
        )


def input_fingerprint(files: list[InputFile]) -> list[list[object]]:
    """What identifies the inputs of a run: each file's path, size and modification time."""
    out: list[list[object]] = []
    for file in files:
        stat = file.path.stat()
        out.append([str(Path(file.path).resolve()), stat.st_size, stat.st_mtime_ns])
    return out


def input_bytes(unit: Unit) -> int:
    """The bytes of input in ``unit`` (on disk: compressed files count compressed)."""
    return sum(_size(p.file) if p.end is None else p.end - (p.start or 0) for p in unit.pieces)
