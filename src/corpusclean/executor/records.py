"""A fitted pipeline over batches of plain records, for the engines people already run.

Ray Data's ``map_batches``, Hugging Face ``datasets.map(batched=True)`` and Dask
bags all hand a function a batch of records; :class:`BatchCleaner` is that
function. It is picklable with the pipeline it holds, so each worker gets its
own copy. Nothing is lost: every input record gives one output record, with a
``status`` of ``kept``, ``duplicate`` or ``dropped`` (the rule of
:mod:`corpusclean.executor.outcome`) and the whole cleaned document (flags,
removals, steps) as JSON in ``document``.

A pipeline with corpus-level cleaners (the default one) is fitted first, on
the whole corpus, with the ids the batches will carry: duplicates are found by
id. Records without an id take their row number where the engine gives it
(``datasets.map(..., with_indices=True)``); :meth:`BatchCleaner.documents`
gives the same ids for the fit.

>>> from corpusclean import Pipeline, make_cleaner
>>> clean = BatchCleaner(Pipeline([make_cleaner("normalize_lines")]))
>>> out = clean({"text": ["标题  \\n\\n\\n正文。"], "id": ["a"]})
>>> out["text"], out["status"]
(['标题\\n\\n正文。'], ['kept'])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..cleaner import Cleaner
from ..document import Document
from ..errors import InputError
from ..formats import document_record
from .outcome import clean_documents

#: Columns of the output batches.
COLUMNS: tuple[str, ...] = ("id", "text", "status", "document")


def _plain(value: Any) -> Any:
    """A numpy or arrow scalar as the Python value it holds."""
    return value.item() if hasattr(value, "item") and not isinstance(value, str | bytes) else value


class BatchCleaner:
    """Clean a batch given as columns (``{"text": [...], "id": [...], ...}``) with a fitted pipeline."""

    def __init__(self, pipeline: Cleaner, *, text_key: str = "text", id_key: str = "id") -> None:
        self.pipeline = pipeline
        self.text_key = text_key
        self.id_key = id_key

    def document(self, record: Document | Mapping[str, Any], position: int | None = None) -> Document:
        """The document of one input record (a document as it is); other fields go to ``metadata``.

        A record without an id takes ``position`` (its row number in the whole
        data set). Without either, a pipeline that learns from the corpus
        (duplicates) could not match the record to what it learned, so that is
        an :class:`~corpusclean.errors.InputError`; any other pipeline numbers
        records by their place in the batch.
        """
        if isinstance(record, Document):
            return record
        fields = {k: _plain(v) for k, v in record.items()}
        text = fields.pop(self.text_key)
        raw_id = fields.pop(self.id_key, None)
        if raw_id is None:
            raw_id = position
        if raw_id is None:
            raise InputError(
                f"a record has no {self.id_key!r} field, and the pipeline learned from the corpus by id; "
                "give the records ids, or pass row numbers (datasets: map(..., with_indices=True)) "
                "and fit on BatchCleaner.documents(data)"
            )
        return Document(id=str(raw_id), text=str(text), metadata=fields)

    def documents(self, records: Iterable[Mapping[str, Any]]) -> Iterable[Document]:
        """``records`` as the documents the batches will give (ids: the id field, else the row number).

        Re-readable when ``records`` is (a ``datasets.Dataset``, a list): pass it to
        ``pipeline.fit``.
        """
        return _Documents(self, records)

    def clean_one(self, doc: Document) -> dict[str, Any]:
        """The output record of one document."""
        return next(self.clean_many([doc]))

    def clean_many(self, docs: Iterable[Document]) -> Iterator[dict[str, Any]]:
        """The output record of each of ``docs``, in order, cleaned a batch at a time."""
        for status, result in clean_documents(self.pipeline, docs):
            yield {
                "id": result.id,
                "text": result.text,
                "status": status,
                "document": document_record(result)[:-1].decode("utf-8"),
            }

    def __call__(
        self, batch: Mapping[str, Sequence[Any]], indices: Sequence[int] | None = None
    ) -> dict[str, list[Any]]:
        """Clean one batch; ``indices`` are the rows' numbers in the data set (``with_indices=True``)."""
        keys = list(batch)
        size = len(batch[self.text_key])
        fallback = None if self.pipeline.needs_fit else range(size)
        positions = indices if indices is not None else fallback
        columns: dict[str, list[Any]] = {c: [] for c in COLUMNS}
        docs = (
            self.document({k: batch[k][i] for k in keys}, None if positions is None else _plain(positions[i]))
            for i in range(size)
        )
        for out in self.clean_many(docs):
            for column in COLUMNS:
                columns[column].append(out[column])
        return columns


class _Documents:
    """Records read as :meth:`BatchCleaner.document` reads them, numbered in order; re-readable."""

    def __init__(self, cleaner: BatchCleaner, records: Iterable[Mapping[str, Any]]) -> None:
        self.cleaner, self.records = cleaner, records

    def __iter__(self) -> Iterator[Document]:
        return (self.cleaner.document(r, n) for n, r in enumerate(self.records))


def clean_records(
    pipeline: Cleaner, records: Iterable[Document | Mapping[str, Any]], **options: Any
) -> list[dict[str, Any]]:
    """Clean records given one by one (a Dask bag partition); one output record each.

    Records are documents (as :class:`~corpusclean.formats.Corpus` reads them,
    with the ids a fit on the same corpus saw) or plain dicts with an id. The
    input is read a batch of records at a time; the output is a list, since Dask's
    process scheduler pickles a partition's result (a generator cannot be).

    >>> from corpusclean import Pipeline, make_cleaner
    >>> [r["status"] for r in clean_records(Pipeline([make_cleaner("normalize_lines")]), [{"text": "中文 "}])]
    ['kept']
    """
    cleaner = BatchCleaner(pipeline, **options)
    fallback = not pipeline.needs_fit
    return list(
        cleaner.clean_many(cleaner.document(r, n if fallback else None) for n, r in enumerate(records))
    )


def read_document(record: Mapping[str, Any]) -> Document:
    """The cleaned document of an output record."""
    return Document.from_json(record["document"])
