"""Running a pipeline over a corpus: units of work, engines, shards, the whole run.

- :mod:`~corpusclean.executor.runner`: a whole run, files in, files out (:func:`clean_files`);
- :mod:`~corpusclean.executor.outcome`: where a cleaned document goes, the one rule every engine uses;
- :mod:`~corpusclean.executor.engine`: the engine protocol, read options and progress;
- :mod:`~corpusclean.executor.units`: the input cut into units of work;
- :mod:`~corpusclean.executor.fit`: fitting corpus-level cleaners in parts;
- :mod:`~corpusclean.executor.local` and :mod:`~corpusclean.executor.ray`: the engines;
- :mod:`~corpusclean.executor.shards`: resumable sharded output;
- :mod:`~corpusclean.executor.records`: the batch adapter for Ray Data, ``datasets`` and Dask.
"""

from .engine import ReadOptions, UnitEngine, default_workers
from .local import LocalEngine
from .outcome import Outcome, clean_document, clean_documents, outcome_of
from .records import BatchCleaner, clean_records, read_document
from .runner import RunResult, clean_files

__all__ = [
    "BatchCleaner",
    "LocalEngine",
    "Outcome",
    "ReadOptions",
    "RunResult",
    "UnitEngine",
    "clean_document",
    "clean_documents",
    "clean_files",
    "clean_records",
    "default_workers",
    "outcome_of",
    "read_document",
]
