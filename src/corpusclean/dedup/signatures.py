"""The MinHash signatures of a corpus: one row per distinct text, in memory or in a temporary file.

A signature takes 512 bytes (128 numbers of 32 bits), so a corpus of a
hundred million documents would need 51 GB to keep them all in memory. The
store keeps them in the chunks they were computed in until they pass
``spill_bytes``, then writes every row to an unnamed temporary file (in
``TMPDIR``, deleted when the store goes) and appends the later chunks there.
Clustering reads the file a range of columns at a time and a few whole rows
for each bucket it checks, so the process holds a few bytes a text, not 512.

>>> sigs = Signatures([np.arange(6, dtype=np.uint32).reshape(2, 3)], spill_bytes=24)
>>> sigs.append(np.full((1, 3), 9, np.uint32))  # past 24 bytes: every row goes to the file
>>> len(sigs), sigs.on_disk, sigs.nbytes
(3, True, 0)
>>> sigs.columns(1, 3).tolist(), sigs.take([2, 0]).tolist()
([[1, 2], [4, 5], [9, 9]], [[9, 9, 9], [0, 1, 2]])
"""

from __future__ import annotations

import os
import tempfile
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import IO, Any

import numpy as np

#: Signatures held in memory before they go to a temporary file: 64 MiB, about 130,000 texts.
SPILL_BYTES = 64 << 20
#: Rows read from the file at a time when collecting columns (8 MiB of 128-number signatures).
_READ_ROWS = 1 << 14
_DTYPE = np.dtype(np.uint32)


class Signatures:
    """MinHash signatures, one row per text, appended a chunk at a time (see the module docs)."""

    def __init__(self, chunks: Iterable[np.ndarray] = (), *, spill_bytes: int | None = None) -> None:
        self._start(chunks, SPILL_BYTES if spill_bytes is None else spill_bytes)

    def _start(self, chunks: Iterable[np.ndarray], spill_bytes: int) -> None:
        self.spill_bytes = spill_bytes
        self.width = 0
        self.chunks: list[np.ndarray] = []  # in memory, until the store spills
        self._starts = [0]  # the first row of each chunk, and the row count at the end
        self._file: IO[bytes] | None = None
        for chunk in chunks:
            self.append(chunk)

    def __len__(self) -> int:
        return self._starts[-1]

    @property
    def on_disk(self) -> bool:
        """Whether the rows are in the temporary file."""
        return self._file is not None

    @property
    def nbytes(self) -> int:
        """Memory the signatures hold, in bytes (0 once they are in the file)."""
        return sum(int(c.nbytes) for c in self.chunks)

    def append(self, chunk: np.ndarray) -> None:
        """Add the signatures of the next texts (a ``(rows, width)`` array of ``uint32``)."""
        if not len(chunk):
            return
        self.width = chunk.shape[1]
        if self._file is None and self.nbytes + chunk.nbytes > self.spill_bytes:
            self._spill()
        if self._file is None:
            self.chunks.append(chunk)
            self._starts.append(self._starts[-1] + len(chunk))
        else:
            _write(self._file, [chunk])
            self._starts[-1] += len(chunk)

    def extend(self, other: Signatures) -> None:
        """Add every signature of ``other`` after these (its chunks as they are, while in memory)."""
        for chunk in other._chunks_read():
            self.append(chunk)

    def columns(self, lo: int, hi: int) -> np.ndarray:
        """Columns ``lo:hi`` of every signature, as one array."""
        # a copy of each block's columns, so that a block read from the file goes at once
        parts = [c[:, lo:hi] if self._file is None else c[:, lo:hi].copy() for c in self._chunks_read()]
        return np.concatenate(parts) if parts else np.zeros((0, hi - lo), _DTYPE)

    def take(self, rows: Sequence[int]) -> np.ndarray:
        """The signatures of ``rows``, in that order (a bucket's few rows: one lookup each)."""
        out = np.empty((len(rows), self.width), _DTYPE)
        if self._file is not None:
            size = self.width * _DTYPE.itemsize
            fd = self._file.fileno()
            for i, row in enumerate(rows):
                out[i] = np.frombuffer(os.pread(fd, size, row * size), _DTYPE)
            return out
        starts = self._starts
        for i, row in enumerate(rows):
            k = bisect_right(starts, row) - 1
            out[i] = self.chunks[k][row - starts[k]]
        return out

    def _chunks_read(self) -> Iterable[np.ndarray]:
        """The rows in order, as chunks: those in memory, or blocks read from the file."""
        if self._file is None:
            yield from self.chunks
            return
        size = self.width * _DTYPE.itemsize
        fd = self._file.fileno()
        for first in range(0, len(self), _READ_ROWS):
            count = min(_READ_ROWS, len(self) - first)
            yield np.frombuffer(os.pread(fd, count * size, first * size), _DTYPE).reshape(count, self.width)

    def _spill(self) -> None:
        # open as long as the store lives; unnamed, so the system removes it when it is closed
        self._file = tempfile.TemporaryFile(prefix="corpusclean-signatures-")  # noqa: SIM115
        _write(self._file, self.chunks)
        self.chunks = []
        self._starts = [0, self._starts[-1]]

    def __getstate__(self) -> dict[str, Any]:
        """Pickled with its rows (read back from the file when they are there)."""
        return {"spill_bytes": self.spill_bytes, "width": self.width, "chunks": list(self._chunks_read())}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._start(state["chunks"], state["spill_bytes"])
        self.width = state["width"]


def _write(file: IO[bytes], chunks: list[np.ndarray]) -> None:
    """Append rows to ``file``, flushed: the store reads it with ``pread``, past the file object's buffer."""
    file.seek(0, os.SEEK_END)
    for chunk in chunks:
        file.write(np.ascontiguousarray(chunk, dtype=_DTYPE).tobytes())
    file.flush()
