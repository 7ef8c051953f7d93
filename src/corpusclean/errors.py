"""The exceptions corpusclean raises.

Every message says what happened, where (a file and a line when there is one)
and what to do next, so that a user reading it in a terminal can act on it.
"""

from __future__ import annotations


class CorpusCleanError(Exception):
    """Base class of every error corpusclean raises on purpose."""


class InputError(CorpusCleanError):
    """An input file or record cannot be read as a document.

    Carries the ``path`` and, for line-based formats, the 1-based ``line``.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        where = path or ""
        if path is not None and line is not None:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line
        self.reason = message


class RecipeError(CorpusCleanError):
    """A recipe names a cleaner or an option that does not exist, or a bad value."""


class UnknownCleanerError(RecipeError, KeyError):
    """A cleaner name that no registered cleaner has."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class OutputError(CorpusCleanError):
    """An output cannot be written where it was asked for."""


class MissingDependencyError(CorpusCleanError, ImportError):
    """An optional dependency is not installed; the message gives the pip line."""

    def __init__(self, package: str, extra: str, feature: str) -> None:
        super().__init__(
            f"{feature} needs the package {package!r}, which is not installed. "
            f"Install it with: pip install 'corpusclean[{extra}]'"
        )


class FlagSpanError(CorpusCleanError, ValueError):
    """A flag's span does not select the flag's text in the document."""


class PatternTimeoutError(CorpusCleanError):
    """A user-supplied regular expression ran past its time limit on a text."""


class NotFittedError(CorpusCleanError):
    """A corpus-level cleaner was asked to clean before it saw the corpus (``fit``)."""


class ConsumedInputError(CorpusCleanError, ValueError):
    """A one-shot stream (a generator) was given to be read again after it was read to the end.

    ``pipeline.fit(gen)`` reads ``gen`` to the end, so ``pipeline.clean(gen)``
    would find nothing: pass a list or a re-readable corpus instead.
    """
