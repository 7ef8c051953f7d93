"""A fitted pipeline over batches of plain records, for the engines people already run.

Ray Data's ``map_batches``, Hugging Face ``datasets.map(batched=True)`` and Dask
bags all hand a function a batch of records; :class:`BatchCleaner` is that
function. It is picklable with the pipeline it holds, so each worker gets its
own copy. Nothing is lost: every input record gives one output record, with a
``status`` of ``kept``, ``duplicate`` or ``dropped`` and the whole cleaned
document (flags, removals, steps) as JSON in ``document``.

A pipeline with corpus-level cleaners (the default one) is fitted first, on
the whole corpus: ``pipeline.fit(corpus)``.

>>> from corpusclean import Pipeline, make_cleaner
>>> clean = BatchCleaner(Pipeline([make_cleaner("normalize_lines")]))
>>> out = clean({"text": ["标题  \\n\\n\\n正文。"], "id": ["a"]})
>>> out["text"], out["status"]
(['标题\\n\\n正文。'], ['kept'])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import orjson

from ..cleaner import Cleaner, Drop
from ..document import Document
from ..formats import document_record

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

    def document(self, record: Mapping[str, Any], position: int) -> Document:
        """The document of one input record; other fields go to ``metadata``."""
        fields = {k: _plain(v) for k, v in record.items()}
        text = fields.pop(self.text_key)
        raw_id = fields.pop(self.id_key, None)
        return Document(
            id=str(raw_id) if raw_id is not None else str(position), text=str(text), metadata=fields
        )

    def clean_one(self, doc: Document) -> dict[str, Any]:
        """The output record of one document."""
        result = self.pipeline.process(doc)
        if isinstance(result, Drop):
            result, status = doc.replace(metadata={**doc.metadata, "dropped": result.reason}), "dropped"
        else:
            status = "duplicate" if "duplicate_of" in result.metadata else "kept"
        return {
            "id": result.id,
            "text": result.text,
            "status": status,
            "document": document_record(result)[:-1].decode("utf-8"),
        }

    def __call__(self, batch: Mapping[str, Sequence[Any]]) -> dict[str, list[Any]]:
        keys = list(batch)
        size = len(batch[self.text_key])
        columns: dict[str, list[Any]] = {c: [] for c in COLUMNS}
        for i in range(size):
            out = self.clean_one(self.document({k: batch[k][i] for k in keys}, i))
            for column in COLUMNS:
                columns[column].append(out[column])
        return columns


def clean_records(
    pipeline: Cleaner, records: Iterable[Mapping[str, Any]], **options: Any
) -> list[dict[str, Any]]:
    """Clean records given one by one (a Dask bag partition); one output record each.

    >>> from corpusclean import Pipeline, make_cleaner
    >>> [r["status"] for r in clean_records(Pipeline([make_cleaner("normalize_lines")]), [{"text": "中文 "}])]
    ['kept']
    """
    cleaner = BatchCleaner(pipeline, **options)
    return [cleaner.clean_one(cleaner.document(r, i)) for i, r in enumerate(records)]


def read_document(record: Mapping[str, Any]) -> Document:
    """The cleaned document of an output record."""
    return Document.model_validate(orjson.loads(record["document"]))
