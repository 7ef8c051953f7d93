"""The ``corpusclean`` command line: a thin layer over the library."""

from .app import build_parser, main

__all__ = ["build_parser", "main"]
