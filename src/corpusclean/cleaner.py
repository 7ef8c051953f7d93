"""The cleaner base class: the loop, the trail and the counting, written once.

A cleaner subclass sets a snake_case ``name``, takes keyword-only options in
``__init__`` and writes exactly one of:

- :meth:`Cleaner.find_edits` (``text -> edits``): changes to the text; an edit
  with a ``reason`` is a removal and is recorded in ``doc.removed``;
- :meth:`Cleaner.find_flags` (``text -> flags``): things to flag, text untouched;
- :meth:`Cleaner.apply` (``doc -> doc | Drop``): anything else (moving a
  headline to the title, marking a duplicate, dropping a document).

A cleaner whose cost is mostly per call rather than per character (the typo
detectors, a few hundred numpy calls a document) writes
:meth:`Cleaner.apply_many` (``docs -> results``, one for each document, in
order) instead of :meth:`Cleaner.apply`, and does its work for many documents at
once; its :meth:`Cleaner.apply` is then that of a batch of one.
:meth:`Cleaner.clean`, and so a pipeline, the local engine and Ray, hands
documents over in batches (:func:`batches`: up to :data:`BATCH_DOCS`
documents or about :data:`BATCH_CHARS` characters) through
:meth:`Cleaner.process_many`: a cleaner that writes ``apply_many`` gets the
batch, any other one document at a time (a pipeline passes the batch to each
of its cleaners in turn, so each cleaner still sees the documents in corpus
order). The results are those of cleaning one document at a time, and so are
the stats; a stream is still read as it is cleaned, a batch at a time.

Calling a cleaner on a document (``cleaner(doc)``) runs that method, appends the
cleaner's name to ``doc.steps`` only when the text, title, flags or removals
changed (a change to ``metadata`` alone is counted but leaves no step), and
updates :attr:`Cleaner.stats`.

A cleaner that raises on a document never costs the document: the cleaner is
skipped for it (what it did before raising is not kept), the document goes on
as it was, with a flag of kind :data:`CLEANER_ERROR` (an empty span at 0, the
cleaner's name, the exception's type and message in the reason), and the
cleaner's ``stats.errors`` counts it. When a batch raises, each of its
documents is cleaned again on its own, so that only the one that raises is
flagged. Mistakes in the calling code, not in
the document, are raised as they are (:data:`CALLER_MISTAKES`: a corpus-level
cleaner used before ``fit``, a pipeline in an order a cleaner cannot work in).

Cleaners that need the whole corpus first (corpus statistics, near-duplicate
signatures) set ``needs_fit = True`` and write :meth:`Cleaner.fit`; a
:class:`~corpusclean.pipeline.Pipeline` calls it over the documents as the
cleaners before it leave them, then cleans document by document.

A corpus-level cleaner can also learn in parts, so that parallel workers (local
processes, Ray tasks) each read a share of the corpus. It then writes three
methods instead of :meth:`Cleaner.fit`:

- ``fit_partial(docs) -> state``: what one part of the corpus teaches; the state
  must be picklable and should be small (counts, signatures), never the texts;
- ``merge_states(states) -> state``: one state from the states of consecutive
  parts, given in corpus order. Merging must be associative and agree with a
  single pass: ``merge_states([fit_partial(a), fit_partial(b)])`` equals
  ``fit_partial(a + b)`` in effect, so the result does not depend on how the
  corpus was cut or on the number of workers;
- ``set_state(state)``: become fitted from a merged state.

The base :meth:`Cleaner.fit` then runs ``set_state(merge_states([fit_partial(docs)]))``.
A cleaner that writes only ``fit`` still works everywhere: parallel runs fit it
in one process over the whole corpus (:meth:`Cleaner.fits_in_parts` is False).
A fitted cleaner must be picklable, as it is shipped to the workers.
"""

from __future__ import annotations

import contextlib
import time
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .document import Document, Edit, Flag
from .errors import ConsumedInputError, NotFittedError, RecipeError
from .protected import outside_protected

#: The flag kind of a cleaner that raised on a document (see the module docs).
CLEANER_ERROR = "cleaner_error"
#: Errors that say the pipeline is used wrongly, whatever the document: raised, never flagged.
CALLER_MISTAKES: tuple[type[Exception], ...] = (NotFittedError, RecipeError)

#: The most documents, and about the most characters, :meth:`Cleaner.clean` hands to
#: :meth:`Cleaner.process_many` at a time: enough that a batch's cost per call is spread thin
#: (flagging typos on news text of 2,000-character documents takes about a fifth less CPU in
#: batches of 256,000 characters than of 128,000), few enough that a stream stays a stream and
#: a batch's arrays stay at tens of megabytes.
BATCH_DOCS = 256
BATCH_CHARS = 256_000

_COUNTING: ContextVar[bool] = ContextVar("corpusclean_counting", default=True)


#: One-shot streams (generators) that a fit read to the end: cleaning one of them would find nothing.
_READ_BY_FIT: weakref.WeakSet[Any] = weakref.WeakSet()


def is_one_shot(docs: Iterable[Any]) -> bool:
    """True for a stream that can be read only once (a generator, an iterator), not a list or corpus.

    >>> is_one_shot(d for d in []), is_one_shot([])
    (True, False)
    """
    return isinstance(docs, Iterator)  # not iter(docs) is docs: iter() would start a Dask bag's compute


def note_read_by_fit(docs: Iterable[Any]) -> None:
    """Remember that a fit read the one-shot stream ``docs`` to the end."""
    if is_one_shot(docs):
        with contextlib.suppress(TypeError):  # an iterator type without weak references: not checked
            _READ_BY_FIT.add(docs)


def refuse_read_again(docs: Iterable[Any], action: str) -> None:
    """Raise :class:`ConsumedInputError` when ``docs`` is a one-shot stream a fit read already."""
    with contextlib.suppress(TypeError):
        if docs in _READ_BY_FIT:
            raise ConsumedInputError(
                f"{action} was given the generator that fit() has already read to the end, so there "
                "is nothing left in it; pass a list or a re-readable corpus "
                "(corpusclean.formats.Corpus) to both, or call run(docs), which fits and cleans"
            )


def batches(
    docs: Iterable[Document], size: int = BATCH_DOCS, chars: int = BATCH_CHARS
) -> Iterator[list[Document]]:
    """``docs`` in lists of ``size`` documents, cut sooner once a list holds ``chars`` characters.

    Read as they are needed, so a stream stays a stream.

    >>> docs = [Document(id=str(i), text="文" * n) for i, n in enumerate([1, 1, 1, 5, 1])]
    >>> [[d.id for d in batch] for batch in batches(docs, 2, chars=4)]
    [['0', '1'], ['2', '3'], ['4']]
    """
    batch: list[Document] = []
    held = 0
    for doc in docs:
        batch.append(doc)
        held += len(doc.text)
        if len(batch) >= size or held >= chars:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


@contextmanager
def not_counted() -> Iterator[None]:
    """Run cleaners without touching their stats (used for the fit pass)."""
    token = _COUNTING.set(False)
    try:
        yield
    finally:
        _COUNTING.reset(token)


def _content_changed(before: Document, after: Document) -> bool:
    """True when the text, title, flags or removals changed: what earns a place in ``steps``.

    A cleaner that only annotates ``metadata`` (a script detector, a duplicate
    marker) is counted in its stats but leaves no step.
    """
    return (
        before.text != after.text
        or before.title != after.title
        or before.flags != after.flags
        or before.removed != after.removed
    )


@dataclass(frozen=True, slots=True)
class Drop:
    """Returned by :meth:`Cleaner.apply` to drop a document; the reason is counted."""

    reason: str


@dataclass(frozen=True, slots=True)
class _Failed:
    """What :meth:`Cleaner.process` gets when the cleaner raised: the document, flagged."""

    doc: Document


@dataclass(frozen=True, slots=True)
class FoundFlag:
    """A flag as a flagging cleaner finds it; the base class fills in the cleaner and text."""

    kind: str
    start: int
    end: int
    reason: str
    suggestion: str | None = None
    confidence: float | None = None


@dataclass
class CleanerStats:
    """What one cleaner did over a run. Stats of parallel workers add up with ``+``."""

    name: str
    seen: int = 0
    changed: int = 0
    dropped: int = 0
    chars_removed: int = 0
    flags: int = 0
    seconds: float = 0.0
    drop_reasons: Counter[str] = field(default_factory=Counter)
    #: Documents this cleaner raised on (each went on without it, flagged ``cleaner_error``).
    errors: int = 0

    def __add__(self, other: CleanerStats) -> CleanerStats:
        return CleanerStats(
            name=self.name,
            seen=self.seen + other.seen,
            changed=self.changed + other.changed,
            dropped=self.dropped + other.dropped,
            chars_removed=self.chars_removed + other.chars_removed,
            flags=self.flags + other.flags,
            seconds=self.seconds + other.seconds,
            drop_reasons=self.drop_reasons + other.drop_reasons,
            errors=self.errors + other.errors,
        )

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of these stats."""
        return {
            "name": self.name,
            "seen": self.seen,
            "changed": self.changed,
            "dropped": self.dropped,
            "chars_removed": self.chars_removed,
            "flags": self.flags,
            "seconds": round(self.seconds, 6),
            "drop_reasons": dict(self.drop_reasons),
            "errors": self.errors,
        }


class Cleaner:
    """Base class of every cleaner. Subclasses write one method; see the module docs."""

    #: The one snake_case name: registry key, recipe key, CLI value, ``steps`` entry.
    name: ClassVar[str] = ""
    #: True for cleaners that must see the whole corpus (through :meth:`fit`) first.
    needs_fit: ClassVar[bool] = False
    #: False for cleaners that never change the text nor drop a document (flaggers,
    #: metadata annotators): a fit pass leaves them out, since what a corpus-level
    #: cleaner learns from is the text. An instance may set it from its options.
    changes_text: bool = True
    #: True for cleaners that normalize text (width, spaces, lines, script): their edits
    #: never touch a protected span, a URL, an e-mail address, a mention, a hashtag, a
    #: file path or code (:mod:`corpusclean.protected`); :meth:`apply` drops those edits.
    keeps_tokens: ClassVar[bool] = False
    #: Whether the class writes :meth:`find_edits` / :meth:`find_flags`; set for each
    #: subclass, so that the default :meth:`apply` calls only what is written.
    _writes_edits: ClassVar[bool] = False
    _writes_flags: ClassVar[bool] = False
    #: Whether the class writes :meth:`apply_many` (then :meth:`process_many` hands it whole batches).
    _writes_many: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._writes_edits = cls.find_edits is not Cleaner.find_edits
        cls._writes_flags = cls.find_flags is not Cleaner.find_flags
        cls._writes_many = cls.apply_many is not Cleaner.apply_many

    @property
    def stats(self) -> CleanerStats:
        """What this cleaner did so far.

        Created on first use, so subclasses need not call ``super().__init__()``.
        """
        stats: CleanerStats | None = self.__dict__.get("_stats")
        if stats is None:
            stats = self.__dict__["_stats"] = CleanerStats(self.name)
        return stats

    @classmethod
    def description(cls) -> str:
        """The first line of the class docstring."""
        return (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""

    # -- what subclasses write ------------------------------------------------

    def find_edits(self, text: str) -> Iterable[Edit]:
        """The edits this cleaner makes to ``text``."""
        return ()

    def find_flags(self, text: str) -> Iterable[FoundFlag]:
        """The flags this cleaner raises on ``text``."""
        return ()

    def apply(self, doc: Document) -> Document | Drop:
        """Clean one document. The default applies :meth:`find_edits` and :meth:`find_flags`.

        The edits of a cleaner that ``keeps_tokens`` leave protected spans alone.

        A flag already raised on the same span is not raised again
        (:meth:`Document.add_flags`), so cleaning a cleaned document changes nothing.
        A cleaner that writes :meth:`apply_many` applies it to a batch of one.
        """
        if self._writes_many:
            return self.apply_many([doc])[0]
        if self._writes_edits:
            edits = self.find_edits(doc.text)
            if self.keeps_tokens:
                edits = outside_protected(doc.text, edits)
            doc = doc.edit(edits, cleaner=self.name)
        if not self._writes_flags:
            return doc
        found = list(self.find_flags(doc.text))
        if not found:
            return doc
        return doc.add_flags(self.make_flag(doc.text, f) for f in found)

    def apply_many(self, docs: Sequence[Document]) -> list[Document | Drop]:
        """Clean several documents at once: one result for each, in order, as :meth:`apply` would give.

        The default applies :meth:`apply` to each. A cleaner with a large cost per
        call writes this instead, to pay it once a batch (see the module docs).
        """
        return [self.apply(doc) for doc in docs]

    def fit(self, docs: Iterable[Document]) -> None:
        """Learn from the whole corpus before cleaning (only where ``needs_fit``).

        The default learns in one part through :meth:`fit_partial`,
        :meth:`merge_states` and :meth:`set_state` (see the module docs).
        """
        if self.fits_in_parts():
            self.set_state(self.merge_states([self.fit_partial(map(Document.from_record, docs))]))
            note_read_by_fit(docs)

    def fit_partial(self, docs: Iterable[Document]) -> Any:
        """The picklable state that one part of the corpus (``docs``) teaches."""
        raise NotImplementedError(f"{type(self).__name__} does not learn in parts; call fit() instead")

    def merge_states(self, states: list[Any]) -> Any:
        """One state from the states of consecutive parts of the corpus, in corpus order."""
        raise NotImplementedError(f"{type(self).__name__} does not learn in parts; call fit() instead")

    def set_state(self, state: Any) -> None:
        """Become fitted from a state made by :meth:`merge_states`."""
        raise NotImplementedError(f"{type(self).__name__} does not learn in parts; call fit() instead")

    def scrub(self, doc: Document) -> Document:
        """``doc`` fit to be written although it was not cleaned (dropped, or its cleaning failed).

        A run writes such a document as it came in, to a side file. A cleaner
        whose work is to keep something out of every output (personal data)
        does that here too; the default returns ``doc`` unchanged.
        """
        return doc

    def set_aside(self, doc: Document, reason: str) -> Document:
        """``doc``, which this cleaner dropped for ``reason``, as a run writes it to its side file.

        The document as it came in, through :meth:`scrub`, with the reason in ``metadata["dropped"]``.
        """
        doc = self.scrub(doc)
        return doc.replace(metadata={**doc.metadata, "dropped": reason})

    def preload(self) -> None:
        """Load now what this cleaner would load on first use (a word list, tables).

        An engine calls it before it starts worker processes, so that forked
        workers share what was loaded instead of each loading a copy of its own.
        The default loads nothing.
        """

    @classmethod
    def fits_in_parts(cls) -> bool:
        """True when the cleaner writes :meth:`fit_partial`, so workers can fit it on parts."""
        return cls.needs_fit is True and cls.fit_partial is not Cleaner.fit_partial

    # -- written once ----------------------------------------------------------

    def make_flag(self, text: str, found: FoundFlag) -> Flag:
        """Turn a :class:`FoundFlag` on ``text`` into a :class:`Flag` of this cleaner."""
        return Flag(
            kind=found.kind,
            start=found.start,
            end=found.end,
            text=text[found.start : found.end],
            suggestion=found.suggestion,
            confidence=found.confidence,
            cleaner=self.name,
            reason=found.reason,
        )

    def process(self, doc: Document) -> Document | Drop:
        """Clean ``doc``, record the step when it changed and count; a :class:`Drop` when dropped.

        When the cleaner raises, ``doc`` goes on unchanged but for a
        ``cleaner_error`` flag (see the module docs).
        """
        if not _COUNTING.get():
            return self._settle_and_count(doc, self._apply_or_flag(doc))
        began = time.perf_counter()
        result = self._apply_or_flag(doc)
        self.stats.seconds += time.perf_counter() - began
        return self._settle_and_count(doc, result)

    def process_many(self, docs: Sequence[Document]) -> list[Document | Drop]:
        """:meth:`process` of each of ``docs``, in order; a batch at once where :meth:`apply_many` is written.

        When the batch raises, each document is processed again on its own, so that
        only the one that raises goes on flagged (see the module docs).
        """
        if not self._writes_many or len(docs) < 2:
            return [self.process(doc) for doc in docs]
        began = time.perf_counter()
        try:
            results = self.apply_many(docs)
        except CALLER_MISTAKES:
            raise
        except Exception:  # one of them raised: each on its own, so that only it is flagged
            results = None
        if _COUNTING.get():
            self.stats.seconds += time.perf_counter() - began
        if results is None:
            return [self.process(doc) for doc in docs]
        return [self._settle_and_count(doc, result) for doc, result in zip(docs, results, strict=True)]

    def _settle_and_count(self, doc: Document, result: Document | Drop | _Failed) -> Document | Drop:
        """What cleaning ``doc`` gave, as it goes on (:meth:`_settle`), counted in the stats."""
        if not _COUNTING.get():
            if isinstance(result, _Failed):
                return result.doc
            return result if isinstance(result, Drop) else self._settle(doc, result)[0]
        stats = self.stats
        stats.seen += 1
        if isinstance(result, _Failed):
            stats.errors += 1
            return result.doc
        if isinstance(result, Drop):
            stats.dropped += 1
            stats.drop_reasons[result.reason] += 1
            return result
        settled, changed = self._settle(doc, result)
        if changed:
            stats.changed += 1
            stats.flags += len(settled.flags) - len(doc.flags)
            stats.chars_removed += sum(len(r.text) for r in settled.removed[len(doc.removed) :])
        return settled

    def _apply_or_flag(self, doc: Document) -> Document | Drop | _Failed:
        """:meth:`apply`, or, when it raises, ``doc`` with a ``cleaner_error`` flag."""
        try:
            return self.apply(doc)
        except CALLER_MISTAKES:
            raise
        except Exception as exc:  # the document goes on without this cleaner, flagged (module docs)
            return _Failed(doc.add_flags([self.error_flag(exc)]))

    def error_flag(self, exc: BaseException) -> Flag:
        """The ``cleaner_error`` flag of this cleaner raising ``exc``: an empty span at 0.

        An empty span stays valid whatever later cleaners do to the text.

        >>> Cleaner().error_flag(IndexError("list index out of range")).reason
        'IndexError: list index out of range; the document went on without this cleaner'
        """
        return Flag(
            kind=CLEANER_ERROR,
            start=0,
            end=0,
            text="",
            cleaner=self.name or type(self).__name__,
            reason=f"{type(exc).__name__}: {exc}; the document went on without this cleaner",
        )

    def _settle(self, doc: Document, result: Document) -> tuple[Document, bool]:
        """``result`` as it goes on (with this step when its content changed), and whether it changed."""
        if result is doc:
            return doc, False
        content = _content_changed(doc, result)  # a few field comparisons, cheaper than ==
        if not content and result == doc:
            return doc, False
        return (self._record(result) if content else result), True

    def __call__(self, doc: Document) -> Document | None:
        """Clean ``doc``; ``None`` when the cleaner drops it (see :meth:`process`)."""
        result = self.process(doc)
        return None if isinstance(result, Drop) else result

    def _record(self, doc: Document) -> Document:
        return doc.add_step(self.name)

    def clean(
        self,
        docs: Iterable[Document | Mapping[str, Any]],
        *,
        on_drop: Callable[[Document, str], object] | None = None,
    ) -> Iterator[Document]:
        """Clean a stream of documents, a batch at a time; dropped ones go to ``on_drop(doc, reason)``.

        ``docs`` may hold plain records (``{"id": ..., "text": ..., ...}``) as well
        as documents (:meth:`Document.from_record`). A generator that :meth:`fit`
        has read to the end raises :class:`~corpusclean.errors.ConsumedInputError`.
        """
        refuse_read_again(docs, "clean()")
        for doc, out in self.process_stream(map(Document.from_record, docs)):
            if isinstance(out, Drop):
                if on_drop is not None:
                    on_drop(doc, out.reason)
            else:
                yield out

    def process_stream(self, docs: Iterable[Document]) -> Iterator[tuple[Document, Document | Drop]]:
        """Each of ``docs`` with what :meth:`process` gives it, in order, cleaned a batch at a time
        (:func:`batches`, read as needed) through :meth:`process_many`."""
        for batch in batches(docs):
            yield from zip(batch, self.process_many(batch), strict=True)

    def run(self, docs: Iterable[Document | Mapping[str, Any]]) -> list[Document]:
        """Fit on ``docs`` when this cleaner needs the whole corpus first, then clean them.

        Returns the kept documents. For streams larger than memory, call
        :meth:`fit` on a re-readable corpus and :meth:`clean` instead.
        """
        refuse_read_again(docs, "run()")
        documents = [Document.from_record(d) for d in docs]
        if self.needs_fit:
            self.fit(documents)
        return list(self.clean(documents))

    def all_stats(self) -> list[CleanerStats]:
        """Stats of this cleaner; a pipeline returns one row per cleaner inside it."""
        return [self.stats]

    def reset_stats(self) -> None:
        """Start counting again from zero."""
        self.__dict__["_stats"] = CleanerStats(self.name)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"
