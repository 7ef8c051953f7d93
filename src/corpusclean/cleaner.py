"""The cleaner base class: the loop, the trail and the counting, written once.

A cleaner subclass sets a snake_case ``name``, takes keyword-only options in
``__init__`` and writes exactly one of:

- :meth:`Cleaner.find_edits` (``text -> edits``): changes to the text; an edit
  with a ``reason`` is a removal and is recorded in ``doc.removed``;
- :meth:`Cleaner.find_flags` (``text -> flags``): things to flag, text untouched;
- :meth:`Cleaner.apply` (``doc -> doc | Drop``): anything else (moving a
  headline to the title, marking a duplicate, dropping a document).

Calling a cleaner on a document (``cleaner(doc)``) runs that method, appends the
cleaner's name to ``doc.steps`` only when the text, title, flags or removals
changed (a change to ``metadata`` alone is counted but leaves no step), and
updates :attr:`Cleaner.stats`.

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

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .document import Document, Edit, Flag
from .protected import outside_protected

_COUNTING: ContextVar[bool] = ContextVar("corpusclean_counting", default=True)


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

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._writes_edits = cls.find_edits is not Cleaner.find_edits
        cls._writes_flags = cls.find_flags is not Cleaner.find_flags

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
        """
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

    def fit(self, docs: Iterable[Document]) -> None:
        """Learn from the whole corpus before cleaning (only where ``needs_fit``).

        The default learns in one part through :meth:`fit_partial`,
        :meth:`merge_states` and :meth:`set_state` (see the module docs).
        """
        if self.fits_in_parts():
            self.set_state(self.merge_states([self.fit_partial(docs)]))

    def fit_partial(self, docs: Iterable[Document]) -> Any:
        """The picklable state that one part of the corpus (``docs``) teaches."""
        raise NotImplementedError(f"{type(self).__name__} does not learn in parts; call fit() instead")

    def merge_states(self, states: list[Any]) -> Any:
        """One state from the states of consecutive parts of the corpus, in corpus order."""
        raise NotImplementedError(f"{type(self).__name__} does not learn in parts; call fit() instead")

    def set_state(self, state: Any) -> None:
        """Become fitted from a state made by :meth:`merge_states`."""
        raise NotImplementedError(f"{type(self).__name__} does not learn in parts; call fit() instead")

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
        """Clean ``doc``, record the step when it changed and count; a :class:`Drop` when dropped."""
        if not _COUNTING.get():
            result = self.apply(doc)
            return result if isinstance(result, Drop) else self._settle(doc, result)[0]
        began = time.perf_counter()
        result = self.apply(doc)
        stats = self.stats
        stats.seconds += time.perf_counter() - began
        stats.seen += 1
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
        docs: Iterable[Document],
        *,
        on_drop: Callable[[Document, str], object] | None = None,
        on_error: Callable[[Document, Exception], object] | None = None,
    ) -> Iterator[Document]:
        """Clean a stream of documents; dropped ones go to ``on_drop(doc, reason)``.

        With ``on_error``, a document whose cleaning raises (a user pattern that
        timed out, say) goes to ``on_error(doc, error)`` and the stream goes on.
        """
        for doc in docs:
            if on_error is None:
                out = self.process(doc)
            else:
                try:
                    out = self.process(doc)
                except Exception as exc:  # one bad document must not stop a corpus run
                    on_error(doc, exc)
                    continue
            if isinstance(out, Drop):
                if on_drop is not None:
                    on_drop(doc, out.reason)
            else:
                yield out

    def run(self, docs: Iterable[Document]) -> list[Document]:
        """Fit on ``docs`` when this cleaner needs the whole corpus first, then clean them.

        Returns the kept documents. For streams larger than memory, call
        :meth:`fit` on a re-readable corpus and :meth:`clean` instead.
        """
        docs = list(docs)
        if self.needs_fit:
            self.fit(docs)
        return list(self.clean(docs))

    def all_stats(self) -> list[CleanerStats]:
        """Stats of this cleaner; a pipeline returns one row per cleaner inside it."""
        return [self.stats]

    def reset_stats(self) -> None:
        """Start counting again from zero."""
        self.__dict__["_stats"] = CleanerStats(self.name)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"
