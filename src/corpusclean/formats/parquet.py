"""Parquet in and out, with pyarrow: read row group by row group, write row groups of bounded size.

Chinese corpora are published as Parquet shards (Hugging Face datasets,
FineWeb-2, CCI). A row is a record (:mod:`corpusclean.formats.records`):
``--text-key`` and ``--id-key`` name its columns, a dotted name reaches into a
struct (``meta.id``), and every other column goes to ``metadata`` as it came.
Reading follows the row groups, so memory follows a row group, not the file,
and a large file is cut into units of whole row groups (:func:`cut_parquet`).

A Parquet output has the document's fields as columns (``id``, ``text``,
``title``, ``source``, ``flags``, ``removed``, ``steps``), then one column per
metadata key of the first row group written (the input's own columns come out
again), and a ``metadata`` column holding, as JSON, whatever metadata does not
fit those columns (a key first seen later); zstd-compressed, row groups of at
most :data:`ROW_GROUP_ROWS` rows or :data:`ROW_GROUP_CHARS` characters of text. pyarrow is
an optional extra: ``pip install 'corpusclean[parquet]'``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any

import orjson

from ..document import Document
from ..errors import InputError, MissingDependencyError
from .compression import open_compressed
from .records import MissingTextError, record_document
from .source import InputFile, ReadSettings, Span
from .writers import atomic_file

#: Rows per written row group at most ...
ROW_GROUP_ROWS = 10_000
#: ... and characters of text. A row group is held in memory while it is written
#: (about 25 bytes a character in Python objects and Arrow buffers, measured) and
#: while it is read: 2 Mi characters keep the writing process near 250 MB.
ROW_GROUP_CHARS = 2 * 2**20
#: Rows converted to Python at a time while reading.
_BATCH_ROWS = 1024
#: The document's own fields, the first columns of an output.
OWN_COLUMNS = ("id", "text", "title", "source", "flags", "removed", "steps")


def pyarrow() -> tuple[ModuleType, ModuleType]:
    """``pyarrow`` and ``pyarrow.parquet``, or the error that names the extra to install."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingDependencyError("pyarrow", "parquet", "reading and writing Parquet") from None
    return pa, pq


def cut_parquet(file: InputFile, size: int, unit_bytes: int) -> list[tuple[Span, int]]:
    """Spans of whole row groups of about ``unit_bytes`` (compressed) each, with their sizes.

    A span's positions are row-group indices; its ``first`` is the number of its first row.
    """
    _, pq = pyarrow()
    meta = pq.ParquetFile(file.path).metadata
    spans: list[tuple[Span, int]] = []
    start, first, row, filled = 0, 1, 1, 0
    for index in range(meta.num_row_groups):
        group = meta.row_group(index)
        group_bytes = sum(group.column(c).total_compressed_size for c in range(group.num_columns))
        if filled and filled + group_bytes > unit_bytes:
            spans.append((Span(start, index, first), filled))
            start, first, filled = index, row, 0
        filled += group_bytes
        row += group.num_rows
    spans.append((Span(start, meta.num_row_groups, first), filled))
    return spans


def read_parquet(file: InputFile, settings: ReadSettings, span: Span) -> Iterator[Document]:
    """The documents of a Parquet file's rows (of the row groups ``span.start:span.end``)."""
    _, pq = pyarrow()
    path = str(file.path)
    try:
        parquet = pq.ParquetFile(file.path)
    except Exception as exc:  # pyarrow raises its own error types for files that are not Parquet
        raise InputError(f"not a Parquet file ({exc}); check the file", path=path) from None
    end = parquet.metadata.num_row_groups if span.end is None else span.end
    number = span.first - 1
    batches = (  # one row group at a time: memory follows the row group, not the span
        batch
        for group in range(span.start, end)
        for batch in parquet.iter_batches(batch_size=_BATCH_ROWS, row_groups=[group])
    )
    for batch in batches:
        for row in batch.to_pylist():
            number += 1
            where: dict[str, Any] = {"path": path, "line": number}
            try:
                yield record_document(_own_record(row), settings, f"{file.path.name}:{number}", where)
            except MissingTextError as err:
                if number == span.first:
                    raise InputError(f"{err.reason}; the first row has no such column", path=path) from None
                settings.fail(err)
            except InputError as err:
                settings.fail(err)


def _own_record(row: dict[str, Any]) -> dict[str, Any]:
    """A row written by :class:`ParquetWriter` as the record of its document; any other row as it is."""
    if not all(column in row for column in OWN_COLUMNS):
        return row
    record = {column: row.pop(column) for column in OWN_COLUMNS}
    rest = row.pop("metadata", None)
    # a metadata column is null where a document did not have the key
    record["metadata"] = {
        **{k: v for k, v in row.items() if v is not None},
        **(orjson.loads(rest) if rest else {}),
    }
    record["flags"], record["removed"] = record["flags"] or (), record["removed"] or ()
    record["steps"] = record["steps"] or ()
    return record


class ParquetWriter:
    """Write documents to a Parquet file, atomically, in row groups of bounded size (see the module docs)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.count = 0
        self._rows: list[dict[str, Any]] = []
        self._text_chars = 0
        self._stack = contextlib.ExitStack()
        self._writer: Any = None
        self._schema: Any = None
        self._meta_columns: tuple[str, ...] = ()

    def __enter__(self) -> ParquetWriter:
        pyarrow()  # fail before anything is written when the extra is missing
        self._stream = self._stack.enter_context(atomic_file(self.path))
        return self

    def write(self, doc: Document) -> None:
        """Append one document."""
        self._rows.append(doc.model_dump(mode="python"))
        self._text_chars += len(doc.text)
        self.count += 1
        if len(self._rows) >= ROW_GROUP_ROWS or self._text_chars >= ROW_GROUP_CHARS:
            self._flush()

    def _flush(self) -> None:
        if not self._rows and self._writer is not None:
            return
        pa, pq = pyarrow()
        if self._schema is None:
            self._start(pa, pq)
        columns: dict[str, Any] = {}
        for field in self._schema:
            if field.name in OWN_COLUMNS:
                columns[field.name] = pa.array([r[field.name] for r in self._rows], type=field.type)
        rest: list[dict[str, Any]] = [{} for _ in self._rows]
        for name in self._meta_columns:
            values = [r["metadata"].get(name) for r in self._rows]
            try:
                columns[name] = pa.array(values, type=self._schema.field(name).type)
            except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
                # values of another type than the first row group's: kept, as JSON
                columns[name] = pa.nulls(len(values), type=self._schema.field(name).type)
                for extra, row in zip(rest, self._rows, strict=True):
                    if name in row["metadata"]:
                        extra[name] = row["metadata"][name]
        for extra, row in zip(rest, self._rows, strict=True):
            extra.update((k, v) for k, v in row["metadata"].items() if k not in self._meta_columns)
        columns["metadata"] = pa.array(
            [orjson.dumps(extra).decode() if extra else None for extra in rest], type=pa.string()
        )
        self._writer.write_table(pa.table(columns, schema=self._schema))
        self._rows.clear()
        self._text_chars = 0

    def _start(self, pa: Any, pq: Any) -> None:
        """The schema: the document's fields, then the first rows' metadata keys, then ``metadata``."""
        flag = pa.struct(
            [("kind", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()),
             ("suggestion", pa.string()), ("confidence", pa.float64()), ("cleaner", pa.string()),
             ("reason", pa.string())]
        )  # fmt: skip
        removal = pa.struct(
            [("cleaner", pa.string()), ("text", pa.string()), ("reason", pa.string()), ("at", pa.int64())]
        )
        own = [
            ("id", pa.string()),
            ("text", pa.string()),
            ("title", pa.string()),
            ("source", pa.string()),
            ("flags", pa.list_(flag)),
            ("removed", pa.list_(removal)),
            ("steps", pa.list_(pa.string())),
        ]
        keys = list(dict.fromkeys(k for r in self._rows for k in r["metadata"] if k not in OWN_COLUMNS))
        keys = [k for k in keys if k != "metadata"]
        meta = []
        for key in keys:
            try:
                found = pa.array([r["metadata"].get(key) for r in self._rows]).type
            except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):
                continue  # values of mixed types: they go to the JSON column
            if not pa.types.is_null(found):  # all null: the type is unknown
                meta.append((key, found))
        self._meta_columns = tuple(k for k, _ in meta)
        self._schema = pa.schema([*own, *meta, ("metadata", pa.string())])
        self._writer = self._stack.enter_context(
            pq.ParquetWriter(self._stream, self._schema, compression="zstd")
        )

    def write_all(self, docs: Any) -> None:
        """Append every document of ``docs``."""
        for doc in docs:
            self.write(doc)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is None:
            self._flush()
        self._stack.__exit__(kind, exc, tb)


def jsonl_to_parquet(source: Path, target: Path) -> None:
    """Write the documents of a JSON Lines shard (``.jsonl[.zst]``) as the Parquet file ``target``.

    A directory output in the Parquet format is written this way, one shard at a time.
    """
    with open_compressed(source) as stream, ParquetWriter(target) as writer:
        for line in stream:
            writer.write(Document.model_validate_json(line))
