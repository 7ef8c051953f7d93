"""Sharded, resumable directory output: ``part-00000.jsonl.zst`` shards and a manifest.

Each unit of work (:mod:`corpusclean.executor.units`) is written by a worker into a
hidden ``.tmp`` folder of the output directory, in shards of at most
``shard_bytes`` of JSON Lines before compression. When a unit is finished, the
main process renames its shards into place in input order, numbering them on
from the shards already there, and then records the unit in ``manifest.json``
(itself replaced atomically). A shard is thus visible only once complete, and a
run that is stopped at any moment (Ctrl-C, ``kill -9``, a crash) can be started
again with the same command: units the manifest records are skipped, anything
past them is written again, and the result is byte for byte the one of an
uninterrupted run.

Kept documents go to ``part-*``; duplicates, dropped documents and unreadable
inputs go to ``duplicates-*``, ``dropped-*`` and ``rejects-*`` shards. With a
``convert`` function, document shards are converted into another format as
they are committed (``part-00000.parquet``); rejects stay JSON Lines.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson

from ..cleaner import CleanerStats
from ..errors import InputError, OutputError

#: Largest shard, in bytes of JSON Lines before compression.
SHARD_BYTES = 64 * 1024 * 1024
#: Shard kinds in the order a unit's files are committed.
KINDS: tuple[str, ...] = ("part", "duplicates", "dropped", "rejects")
MANIFEST = "manifest.json"
_SUFFIX = ".jsonl.zst"


@dataclass
class UnitResult:
    """What cleaning one unit produced: its shard files (not yet in place), counts and stats."""

    index: int
    files: dict[str, list[str]] = field(default_factory=dict)
    read: int = 0
    written: int = 0
    duplicates: int = 0
    dropped: int = 0
    rejects: list[tuple[str | None, int | None, str]] = field(default_factory=list)
    stats: list[CleanerStats] = field(default_factory=list)

    def tally(self, outcome: str) -> None:
        """Count one document read and cleaned, by where it went (an outcome of
        :func:`~corpusclean.executor.outcome.clean_document`)."""
        self.read += 1
        self.written += outcome == "kept"
        self.duplicates += outcome == "duplicate"
        self.dropped += outcome == "dropped"


class UnitWriter:
    """Write one unit's records into numbered shard files per kind, starting a new one when full."""

    def __init__(self, directory: Path, *, shard_bytes: int = SHARD_BYTES, compress: bool = True) -> None:
        self.directory = directory
        self.shard_bytes = shard_bytes
        self.compress = compress
        self.files: dict[str, list[str]] = {}
        self._open: dict[str, tuple[IO[bytes], IO[bytes], int]] = {}

    def write(self, kind: str, record: bytes) -> None:
        """Append one JSONL record (with its newline) to the current shard of ``kind``."""
        current = self._open.get(kind)
        if current is not None and current[2] + len(record) > self.shard_bytes and current[2] > 0:
            self._close(kind)
            current = None
        if current is None:
            current = self._start(kind)
        stream, raw, size = current
        stream.write(record)
        self._open[kind] = (stream, raw, size + len(record))

    def _start(self, kind: str) -> tuple[IO[bytes], IO[bytes], int]:
        self.directory.mkdir(parents=True, exist_ok=True)
        names = self.files.setdefault(kind, [])
        path = self.directory / f"{kind}-{len(names):04d}{_SUFFIX if self.compress else '.jsonl'}"
        names.append(str(path))
        raw: IO[bytes] = path.open("wb")
        stream = raw
        if self.compress:
            import zstandard

            # one compressor setting everywhere: the same records give the same bytes
            stream = zstandard.ZstdCompressor(level=3).stream_writer(raw, closefd=False)  # type: ignore[assignment]
        self._open[kind] = (stream, raw, 0)
        return self._open[kind]

    def _close(self, kind: str) -> None:
        stream, raw, _ = self._open.pop(kind)
        if stream is not raw:
            stream.close()
        raw.flush()
        os.fsync(raw.fileno())
        raw.close()

    def close(self) -> dict[str, list[str]]:
        """Finish every shard; return the files by kind, in order."""
        for kind in list(self._open):
            self._close(kind)
        return self.files


def reject_record(path: str | None, line: int | None, reason: str) -> bytes:
    """The JSONL record of an unreadable input, as in the ``rejects`` side file."""
    record = {"source": path, "line": line, "error": reason}
    return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)


def stats_to_dict(stats: CleanerStats) -> dict[str, Any]:
    """Exact (unrounded) stats as a JSON-ready dict, read back by :func:`stats_from_dict`."""
    return {**stats.as_dict(), "seconds": stats.seconds}


def stats_from_dict(data: dict[str, Any]) -> CleanerStats:
    """The stats written by :func:`stats_to_dict`."""
    return CleanerStats(**{**data, "drop_reasons": Counter(data["drop_reasons"])})


def add_stats(total: list[CleanerStats], more: list[CleanerStats]) -> list[CleanerStats]:
    """Row-by-row sums of two lists of per-cleaner stats (an empty ``total`` starts them).

    An empty ``more`` adds nothing: a unit whose documents were counted with
    another unit's (the Ray engine counts per batch) brings no stats of its own.

    >>> rows = add_stats([], [CleanerStats("a", seen=2)])
    >>> add_stats(rows, [])[0].seen, add_stats(rows, rows)[0].seen
    (2, 4)
    """
    if not more:
        return total
    if not total:
        return [s + CleanerStats(s.name) for s in more]
    return [a + b for a, b in zip(total, more, strict=True)]


class ShardDirectory:
    """A directory of shards and the manifest that says which units are in it."""

    def __init__(
        self,
        directory: str | Path,
        *,
        fingerprint: dict[str, Any],
        convert: tuple[str, Callable[[Path, Path], None]] | None = None,
    ) -> None:
        self.directory = Path(directory)
        self.fingerprint = fingerprint
        self.manifest: dict[str, Any] = {}
        #: The suffix of converted shards and the function that writes them from a JSONL shard.
        self.convert = convert

    def _suffix(self, kind: str) -> str:
        return self.convert[0] if self.convert is not None and kind != "rejects" else _SUFFIX

    @property
    def tmp(self) -> Path:
        """Where workers write units in progress."""
        return self.directory / ".tmp"

    @property
    def done(self) -> int:
        """How many units (from the first) are in place."""
        return int(self.manifest["units_done"])

    def open(self) -> ShardDirectory:
        """Start a run, or take up the one the manifest records; clear what it does not record."""
        if self.directory.exists() and not self.directory.is_dir():
            raise OutputError(f"{self.directory} exists and is not a directory; give a directory for shards")
        path = self.directory / MANIFEST
        if path.exists():
            self.manifest = json.loads(path.read_text(encoding="utf-8"))
            if self.manifest.get("fingerprint") != self.fingerprint:
                raise OutputError(
                    f"{self.directory} holds a run with other inputs or settings (see {path}); "
                    "give a new output directory, or delete this one to start over"
                )
        elif self.directory.exists() and any(self.directory.iterdir()):
            raise OutputError(
                f"{self.directory} is not empty and has no {MANIFEST}; "
                "give a new or empty output directory for shards"
            )
        else:
            self.manifest = {"fingerprint": self.fingerprint, "units_done": 0, "complete": False}
            self.manifest.update(shards={k: 0 for k in KINDS}, totals={}, stats=[], rejects=[])
        self.directory.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.tmp, ignore_errors=True)
        for stray in self.directory.glob(f".{MANIFEST}.*"):  # a manifest write that was cut short
            stray.unlink()
        for stray in self.directory.glob(".*-*.tmp"):  # a converted shard cut short
            stray.unlink()
        for kind in KINDS:  # shards renamed in place by a run stopped before its manifest was written
            for stray in self.directory.glob(f"{kind}-*{self._suffix(kind)}"):
                if int(stray.name[len(kind) + 1 :].split(".")[0]) >= self.manifest["shards"][kind]:
                    stray.unlink()
        return self

    def commit(self, result: UnitResult) -> None:
        """Move a finished unit's shards into place, then record it in the manifest."""
        if result.index != self.done:
            raise OutputError(f"unit {result.index} finished out of order (expected {self.done})")
        counters = dict(self.manifest["shards"])
        for kind in KINDS:
            for name in result.files.get(kind, []):
                target = self.directory / f"{kind}-{counters[kind]:05d}{self._suffix(kind)}"
                if self.convert is None or kind == "rejects":
                    os.replace(name, target)
                else:  # written atomically beside the target, then the unit's shard goes
                    self.convert[1](Path(name), target)
                    os.unlink(name)
                counters[kind] += 1
        totals = Counter(self.manifest["totals"])
        totals.update(
            read=result.read, written=result.written, duplicates=result.duplicates, dropped=result.dropped
        )
        stats = add_stats([stats_from_dict(s) for s in self.manifest["stats"]], result.stats)
        self.manifest.update(
            units_done=result.index + 1,
            shards=counters,
            totals=dict(totals),
            stats=[stats_to_dict(s) for s in stats],
            rejects=self.manifest["rejects"] + [list(r) for r in result.rejects],
        )
        self._save()

    def finish(self) -> None:
        """Mark the run complete and remove the working folder."""
        self.manifest["complete"] = True
        self._save()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def rejected(self) -> list[InputError]:
        """The unreadable inputs of the whole run, including parts done before a restart."""
        return [InputError(reason, path=path, line=line) for path, line, reason in self.manifest["rejects"]]

    def _save(self) -> None:
        fd, tmp = tempfile.mkstemp(prefix=f".{MANIFEST}.", dir=self.directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                json.dump(self.manifest, stream, ensure_ascii=False, indent=1)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(tmp, self.directory / MANIFEST)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
