"""corpusclean: clean Chinese text corpora without damaging a character that matters."""

from .cleaner import Cleaner, CleanerStats, Drop, FoundFlag
from .document import Document, Flag, Removal
from .edits import Edit
from .errors import (
    CorpusCleanError,
    InputError,
    MissingDependencyError,
    OutputError,
    RecipeError,
    UnknownCleanerError,
)
from .pipeline import Pipeline
from .recipe import Recipe, build_pipeline, default_pipeline, load_recipe, parse_recipe
from .registry import available, get_cleaner_class, make_cleaner, register

__all__ = [
    "Cleaner",
    "CleanerStats",
    "CorpusCleanError",
    "Document",
    "Drop",
    "Edit",
    "Flag",
    "FoundFlag",
    "InputError",
    "MissingDependencyError",
    "OutputError",
    "Pipeline",
    "Recipe",
    "RecipeError",
    "Removal",
    "UnknownCleanerError",
    "available",
    "build_pipeline",
    "default_pipeline",
    "get_cleaner_class",
    "load_recipe",
    "make_cleaner",
    "parse_recipe",
    "register",
]
