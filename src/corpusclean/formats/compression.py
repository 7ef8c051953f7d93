"""Reading compressed input safely: truncation is an error, and bombs are stopped early.

Two things go wrong with compressed corpora. A download that was cut short
decompresses to a shorter file without complaint (the ``zstandard`` stream
reader returns what it has and stops); here a frame that never ends raises
:class:`EOFError`, as :mod:`gzip` does. And a few kilobytes can inflate to many
gigabytes (a "decompression bomb"); here the ratio of bytes out to bytes in is
watched, and a stream that inflates by more than :data:`MAX_RATIO` once past
:data:`RATIO_FLOOR` bytes stops with an :class:`~corpusclean.errors.InputError`.
Real text compresses by a factor of 3 to 20, a crawl full of duplicates by a few
dozen; gzip can reach at most 1032:1 and zstd about 32,768:1, on runs of one byte.

>>> import gzip, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl.gz"
>>> _ = path.write_bytes(gzip.compress(b'{"text": "1"}\\n'))
>>> with open_compressed(path) as stream:
...     stream.read()
b'{"text": "1"}\\n'
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from ..errors import InputError

#: Stop a stream that inflates by more than this factor (bytes out / bytes in) ...
MAX_RATIO = 200
#: ... once more than this many bytes came out (small files never trip the check).
RATIO_FLOOR = 64 * 2**20

# Compressed bytes fed to the zstd decoder at once. zstd inflates at most about
# 32,768:1 (a run-length block), so one feed yields at most 32 MiB.
_ZSTD_FEED = 1024
_BUFFER = 256 * 1024


class _ZstdReader(io.RawIOBase):
    """Decompress zstd frames one after another; a frame cut short raises EOFError."""

    def __init__(self, raw: IO[bytes]) -> None:
        import zstandard

        self._raw = raw
        self._new = zstandard.ZstdDecompressor().decompressobj
        self._error = zstandard.ZstdError
        self._obj: Any = self._new()
        self._in_frame = False  # bytes of an unfinished frame were fed
        self._out = memoryview(b"")
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._out:
            chunk = self._raw.read(_ZSTD_FEED)
            if not chunk:
                if self._in_frame:
                    raise EOFError("zstd frame cut short")
                return 0
            self.consumed += len(chunk)
            self._out = memoryview(self._feed(chunk))
        n = min(len(buffer), len(self._out))
        buffer[:n] = self._out[:n]
        self._out = self._out[n:]
        return n

    def _feed(self, chunk: bytes) -> bytes:
        pieces = []
        while chunk:
            try:
                pieces.append(self._obj.decompress(chunk))
            except self._error as exc:
                raise OSError(f"not valid zstd data ({exc})") from None
            self._in_frame = not self._obj.eof
            chunk = self._obj.unused_data if self._obj.eof else b""
            if self._obj.eof:
                self._obj = self._new()
        return b"".join(pieces)

    def close(self) -> None:
        self._raw.close()
        super().close()


class _RatioGuard(io.RawIOBase):
    """Pass decompressed bytes through, raising InputError when they inflate like a bomb."""

    def __init__(self, inner: IO[bytes], raw: IO[bytes], consumed: Callable[[], int], path: Path) -> None:
        self._inner = inner
        self._raw = raw  # closed here too: GzipFile leaves a file it was given open
        self._consumed = consumed
        self._path = path
        self.produced = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if isinstance(self._inner, io.RawIOBase):
            n = self._inner.readinto(buffer) or 0
        else:  # read1: what is there now, so the lines before a truncation are not held back
            data = self._inner.read1(len(buffer))  # type: ignore[attr-defined]
            n = len(data)
            buffer[:n] = data
        self.produced += n
        if self.produced > RATIO_FLOOR and self.produced > MAX_RATIO * max(1, self._consumed()):
            raise InputError(
                f"decompressing inflated {self._consumed():,} bytes into more than {self.produced:,} "
                f"(over {MAX_RATIO}:1), which no real text does; this looks like a decompression bomb. "
                "The documents before this point were read; check where the file came from",
                path=str(self._path),
            )
        return int(n)

    def close(self) -> None:
        self._inner.close()
        self._raw.close()
        super().close()


def open_compressed(path: Path) -> IO[bytes]:
    """Open ``path`` for reading bytes, decompressing ``.gz`` and ``.zst`` by their ending.

    Reading a truncated compressed file raises :class:`EOFError` at the cut;
    reading a decompression bomb raises :class:`~corpusclean.errors.InputError`.
    """
    name = path.name.lower()
    if not name.endswith((".gz", ".zst")):
        return path.open("rb")
    raw = path.open("rb")
    inner: IO[bytes]
    consumed: Callable[[], int]
    if name.endswith(".gz"):
        inner = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
        consumed = raw.tell
    else:
        zstd = _ZstdReader(raw)
        inner, consumed = zstd, lambda: zstd.consumed  # type: ignore[assignment]
    return io.BufferedReader(_RatioGuard(inner, raw, consumed, path), buffer_size=_BUFFER)
