"""Main-text extraction for whole web pages (see :mod:`corpusclean.webpage.extract`)."""

from .extract import MainText, extract_page, main_text

__all__ = ["MainText", "extract_page", "main_text"]
