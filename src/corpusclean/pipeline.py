"""The pipeline: a list of cleaners that is itself a cleaner.

Cleaners run left to right; the first that drops a document ends its run. A
pipeline can sit inside another pipeline. A batch of documents
(:meth:`~corpusclean.cleaner.Cleaner.process_many`) goes through the cleaners
together: each cleaner cleans the documents of the batch still running before
the next one starts, so a cleaner that writes ``apply_many`` gets them at once;
the documents come out as one at a time would (cleaners do not look at each
other's work on other documents). Before cleaning, :meth:`Pipeline.fit`
lets each corpus-level cleaner (``needs_fit``) see every document as the
cleaners before it leave them.

>>> from corpusclean.document import Document
>>> from corpusclean.cleaner import Cleaner
>>> class Upper(Cleaner):
...     '''Upper-case Latin letters.'''
...     name = "upper"
...     def apply(self, doc):
...         return doc.replace(text=doc.text.upper())
>>> Pipeline([Upper()])(Document(id="a", text="abc中文")).text
'ABC中文'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

from .cleaner import (
    Cleaner,
    CleanerStats,
    Drop,
    is_one_shot,
    not_counted,
    note_read_by_fit,
    refuse_read_again,
)
from .document import Document
from .errors import ConsumedInputError


class Pipeline(Cleaner):
    """Run cleaners in order; a pipeline is a cleaner, so pipelines nest."""

    name = "pipeline"

    def __init__(self, cleaners: Iterable[Cleaner] = ()) -> None:
        self.cleaners: list[Cleaner] = list(cleaners)

    # -- a list of cleaners ----------------------------------------------------

    def __iter__(self) -> Iterator[Cleaner]:
        return iter(self.cleaners)

    def __len__(self) -> int:
        return len(self.cleaners)

    @overload
    def __getitem__(self, index: int) -> Cleaner: ...
    @overload
    def __getitem__(self, index: slice) -> Pipeline: ...
    def __getitem__(self, index: int | slice) -> Cleaner | Pipeline:
        if isinstance(index, slice):
            return Pipeline(self.cleaners[index])
        return self.cleaners[index]

    def append(self, cleaner: Cleaner) -> None:
        """Add a cleaner at the end."""
        self.cleaners.append(cleaner)

    @property
    def names(self) -> list[str]:
        """The names of the cleaners, in order."""
        return [c.name for c in self.cleaners]

    # -- a cleaner -------------------------------------------------------------

    @property
    def needs_fit(self) -> bool:  # type: ignore[override]  # when any cleaner inside does
        return any(c.needs_fit for c in self.cleaners)

    def apply_many(self, docs: Sequence[Document]) -> list[Document | Drop]:
        """Each cleaner in turn on the documents of ``docs`` that no cleaner before it dropped."""
        current = list(docs)
        results: list[Document | Drop] = list(docs)
        running = list(range(len(docs)))
        for cleaner in self.cleaners:
            if not running:
                break
            still = []
            for i, out in zip(running, cleaner.process_many([current[i] for i in running]), strict=True):
                if isinstance(out, Drop):
                    results[i] = Drop(
                        f"{cleaner.name}: {out.reason}" if cleaner.name != "pipeline" else out.reason
                    )
                else:
                    current[i] = results[i] = out
                    still.append(i)
            running = still
        return results

    def _record(self, doc: Document) -> Document:
        return doc  # the cleaners inside record their own steps

    def preload(self) -> None:
        for cleaner in self.cleaners:
            cleaner.preload()

    def scrub(self, doc: Document) -> Document:
        for cleaner in self.cleaners:
            doc = cleaner.scrub(doc)
        return doc

    def fit(self, docs: Iterable[Document | Mapping[str, Any]]) -> None:
        """Fit each corpus-level cleaner on ``docs`` as the cleaners before it leave them.

        ``docs`` is iterated once per cleaner that needs a fit, and cleaning reads it
        again: pass a list or a re-readable corpus (:class:`corpusclean.formats.Corpus`).
        A generator raises :class:`~corpusclean.errors.ConsumedInputError` where it
        would be read a second time (by a second cleaner here, or by :meth:`clean`),
        instead of giving nothing. Plain dicts are read as :meth:`Document.from_record`.
        """
        refuse_read_again(docs, "fit()")
        fitting = [i for i, cleaner in enumerate(self.cleaners) if cleaner.needs_fit]
        if len(fitting) > 1 and is_one_shot(docs):
            raise ConsumedInputError(
                f"fit() reads its documents once for each of {', '.join(self.names[i] for i in fitting)}, "
                "and a generator can be read only once; pass a list or a re-readable corpus "
                "(corpusclean.formats.Corpus), or call run(docs), which fits and cleans"
            )
        documents = _AsDocuments(docs)
        for i in fitting:
            with not_counted():
                self.cleaners[i].fit(self.fit_input(i, documents))
        if fitting:
            note_read_by_fit(docs)

    def fit_input(self, position: int, docs: Iterable[Document]) -> Iterable[Document]:
        """``docs`` as the cleaner at ``position`` sees them in a fit pass.

        A cleaner before it that raises on a document is skipped for it, as in
        the cleaning pass, so the fit sees what cleaning will.
        """
        before = self.before(position)
        return before.clean(docs) if before.cleaners else docs

    def before(self, position: int) -> Pipeline:
        """The cleaners before ``position`` that shape what it sees: those that change text or drop.

        Flaggers and annotators are left out, so a fit pass does not pay for them.
        """
        return Pipeline(c for c in self.cleaners[:position] if c.changes_text)

    def all_stats(self) -> list[CleanerStats]:
        return [row for c in self.cleaners for row in c.all_stats()]

    def reset_stats(self) -> None:
        for c in self.cleaners:
            c.reset_stats()

    def __repr__(self) -> str:
        return f"Pipeline({self.cleaners!r})"


class _AsDocuments:
    """``docs`` with plain records read as documents; as re-readable as ``docs`` is."""

    def __init__(self, docs: Iterable[Document | Mapping[str, Any]]) -> None:
        self.docs = docs

    def __iter__(self) -> Iterator[Document]:
        return map(Document.from_record, self.docs)
