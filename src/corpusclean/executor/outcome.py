"""Where a cleaned document goes: kept, duplicate or dropped. The one rule, in one place.

Every engine (the local one, Ray, the batch adapter for Ray Data, ``datasets``
and Dask) cleans documents with :func:`clean_documents` (a batch at a time, see
:meth:`~corpusclean.cleaner.Cleaner.process_many`) or one with
:func:`clean_document`, and the review page
reads the outcome back from a written document with :func:`outcome_of`. Nothing
is lost: a dropped document goes on unchanged, with the reason in
``metadata["dropped"]``; a duplicate carries ``metadata["duplicate_of"]``; a
cleaner that raised left a ``cleaner_error`` flag and the document goes on
(:mod:`corpusclean.cleaner`).

>>> from corpusclean import Pipeline, make_cleaner
>>> outcome, doc = clean_document(Pipeline([make_cleaner("normalize_lines")]), Document(id="a", text="正文 "))
>>> outcome, doc.text, SHARD_KIND[outcome]
('kept', '正文', 'part')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

from ..cleaner import CLEANER_ERROR, Cleaner, Drop
from ..document import Document

Outcome = Literal["kept", "duplicate", "dropped"]

#: The shard (and side file) each outcome is written to.
SHARD_KIND: dict[Outcome, str] = {"kept": "part", "duplicate": "duplicates", "dropped": "dropped"}


def outcome_of(doc: Document) -> Outcome:
    """``"dropped"``, ``"duplicate"`` or ``"kept"``, from the marks cleaning leaves in ``metadata``.

    >>> outcome_of(Document(id="a", text="x", metadata={"duplicate_of": "b"}))
    'duplicate'
    """
    if "dropped" in doc.metadata:
        return "dropped"
    if "duplicate_of" in doc.metadata:
        return "duplicate"
    return "kept"


def clean_document(pipeline: Cleaner, doc: Document) -> tuple[Outcome, Document]:
    """Clean ``doc``: where it goes and the document to write there.

    A dropped document is written as it came (through :meth:`Cleaner.set_aside`, so that
    personal data is masked in it too), with the reason in ``metadata["dropped"]``.
    Only this run's cleaners drop: a document read back from an earlier run's
    dropped file and kept now is kept.
    """
    return _outcome(pipeline, doc, pipeline.process(doc))


def clean_documents(pipeline: Cleaner, docs: Iterable[Document]) -> Iterator[tuple[Outcome, Document]]:
    """:func:`clean_document` of each of ``docs``, in order, cleaned a batch at a time (read as needed).

    The batches are those of :meth:`~corpusclean.cleaner.Cleaner.clean`
    (:meth:`~corpusclean.cleaner.Cleaner.process_stream`).
    """
    for doc, result in pipeline.process_stream(docs):
        yield _outcome(pipeline, doc, result)


def _outcome(pipeline: Cleaner, doc: Document, result: Document | Drop) -> tuple[Outcome, Document]:
    if isinstance(result, Drop):
        return "dropped", pipeline.set_aside(doc, result.reason)
    if any(flag.kind == CLEANER_ERROR for flag in result.flags):
        result = pipeline.scrub(result)  # an error message may quote the text: personal data too
    return ("duplicate" if "duplicate_of" in result.metadata else "kept"), result
