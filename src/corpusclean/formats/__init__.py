"""Reading and writing files: the formats, their readers and writers, compression and encodings.

:data:`~corpusclean.formats.table.FORMATS` lists every format with its file
endings, its reader, its writer and whether a file can be cut into parts for
workers; everything else reads that table.
"""

from .compression import open_compressed
from .encoding import codec_for_label, decode_bytes
from .html_encoding import decode_html
from .readers import Corpus, find_files, read_documents
from .source import MAX_DOCUMENT_BYTES, ErrorHandler, InputFile, ReadSettings, Span
from .table import (
    FORMATS,
    OUTPUT_FORMATS,
    FileFormat,
    document_suffix,
    format_named,
    format_of,
    infer_format,
    input_help,
    output_help,
)
from .text import split_text
from .writers import JsonlWriter, TextDirWriter, TextFileWriter, atomic_file, document_record

__all__ = [
    "FORMATS",
    "MAX_DOCUMENT_BYTES",
    "OUTPUT_FORMATS",
    "Corpus",
    "ErrorHandler",
    "FileFormat",
    "InputFile",
    "JsonlWriter",
    "ReadSettings",
    "Span",
    "TextDirWriter",
    "TextFileWriter",
    "atomic_file",
    "codec_for_label",
    "decode_bytes",
    "decode_html",
    "document_record",
    "document_suffix",
    "find_files",
    "format_named",
    "format_of",
    "infer_format",
    "input_help",
    "open_compressed",
    "output_help",
    "read_documents",
    "split_text",
]
