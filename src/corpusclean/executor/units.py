"""Units of work: the inputs cut into pieces of about the same size, in input order.

A unit is what one worker reads and cleans in one go, and what a sharded
output commits at once. Units depend only on the inputs and the unit size,
never on the number of workers, so every engine cuts the corpus the same way
and writes the same shards. Small files are grouped into one unit (a group
never grows past the unit size); an uncompressed JSONL file larger than a unit
is cut at line boundaries; a compressed JSONL file cannot be cut without
reading it and is one unit.

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
from typing import IO

from ..document import Document
from ..readers import Corpus, ErrorHandler, InputFile, find_files

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
        if file.suffix == ".jsonl" and size > unit_bytes:
            pieces += _cut_jsonl(file, size, unit_bytes)
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


def _cut_jsonl(file: InputFile, size: int, unit_bytes: int) -> list[tuple[Piece, int]]:
    """Pieces of about ``unit_bytes`` of an uncompressed JSONL file, cut after a newline."""
    pieces: list[tuple[Piece, int]] = []
    with file.path.open("rb") as stream:
        start, line = 0, 1
        while start < size:
            stream.seek(min(start + unit_bytes, size))
            if stream.tell() < size:  # on to the end of the line the cut falls in, 1 MiB at a time
                while (chunk := stream.readline(1 << 20)) and not chunk.endswith(b"\n"):
                    pass
            end = stream.tell()
            pieces.append((Piece(file, start, end, line), end - start))
            line += _count_newlines(stream, start, end)
            start = end
    return pieces


def _count_newlines(stream: IO[bytes], start: int, end: int) -> int:
    stream.seek(start)
    count, left = 0, end - start
    while left > 0:
        block = stream.read(min(left, 1 << 20))
        if not block:
            break
        count += block.count(b"\n")
        left -= len(block)
    return count


def read_unit(
    unit: Unit, *, text_key: str = "text", id_key: str = "id", on_error: ErrorHandler | None = None
) -> Iterator[Document]:
    """The documents of ``unit``, read as :class:`~corpusclean.readers.Corpus` reads whole files."""
    reader = Corpus([], text_key=text_key, id_key=id_key, on_error=on_error)
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
