"""Reading documents from files and directories, in whichever format each file has.

The formats are those of :data:`~corpusclean.formats.table.FORMATS`: plain
text (``.txt``), HTML (``.html``, ``.htm``), JSON Lines (``.jsonl``,
``.jsonl.gz``, ``.jsonl.zst``) and ``.json`` (JSON Lines, or one array), found
recursively in directories. A text or HTML file is one document whose id is
its path relative to the input directory without the extension (a long text
is split into several, :mod:`corpusclean.formats.text`); a record file holds
one document per record.

A :class:`Corpus` can be iterated more than once (corpus-level cleaners read it
in a first pass). A file or record that cannot be read raises
:class:`~corpusclean.errors.InputError`, or, with ``on_error`` given, is handed
to it and the reading goes on with the next one. Memory stays bounded whatever
the input: a record larger than ``max_document_bytes`` is refused without
being read into memory, a longer text file is read as a stream, and
compressed input is guarded against truncation and bombs (see
:mod:`corpusclean.formats.compression`).

JSONL edge cases, decided so that nothing is lost silently: a UTF-8 byte order
mark on the first line is skipped; a line that is not UTF-8 is decoded like a
text file (damaged UTF-8 with replacement characters counted in
``metadata["decode_errors"]``, GB18030 or Big5 named in
``metadata["encoding"]``); integers beyond 64 bits keep every digit; a record
whose top-level key repeats with different values is refused, since keeping
either value would silently drop the other.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("中文。", encoding="utf-8")
>>> [(d.id, d.text, d.metadata["encoding"]) for d in Corpus([folder])]
[('a', '中文。', 'utf-8')]
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import InputError
from .source import MAX_DOCUMENT_BYTES, ErrorHandler, InputFile, ReadSettings, Span
from .table import SUFFIXES, TEXT, document_suffix, format_of


def find_files(inputs: Iterable[str | Path]) -> list[InputFile]:
    """The readable files under ``inputs`` (files or directories), in a stable order.

    A file named explicitly is read whatever its extension (as text unless its
    ending is a known format's); a directory contributes the files with a
    known ending, recursively, sorted by path. Raises :class:`InputError` when
    ``inputs`` name something but hold no file to read (an empty folder).
    """
    inputs = list(inputs)
    found: list[InputFile] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                suffix = document_suffix(child)
                if suffix is not None and not any(
                    part.startswith(".") for part in child.relative_to(path).parts
                ):
                    found.append(InputFile(child, path, suffix))
        elif path.is_file():
            found.append(InputFile(path, None, document_suffix(path) or path.suffix))
        else:
            raise InputError("no such file or directory; check the path", path=str(path))
    if inputs and not found:
        raise InputError(
            f"no file to read in {', '.join(map(str, inputs))}: directories are searched for files "
            f"ending in {', '.join(sorted(SUFFIXES))}"
        )
    return found


class Corpus:
    """Documents read from files and directories; iterate it as often as needed.

    ``text_key`` and ``id_key`` name the record fields of the text and the id
    (a dotted name reaches into nested fields, ``meta.id``); other fields go to
    ``metadata``. ``on_error`` receives each
    :class:`~corpusclean.errors.InputError` instead of raising it.
    ``max_document_bytes`` bounds the size of one document (and so memory);
    text files over it, or all of them with ``split_text``, are split into
    several documents.
    """

    def __init__(
        self,
        inputs: Iterable[str | Path],
        *,
        text_key: str = "text",
        id_key: str = "id",
        on_error: ErrorHandler | None = None,
        max_document_bytes: int = MAX_DOCUMENT_BYTES,
        split_text: bool = False,
    ) -> None:
        self.files = find_files(inputs)
        self.on_error = on_error
        self.settings = ReadSettings(
            text_key=text_key,
            id_key=id_key,
            max_document_bytes=max_document_bytes,
            split_text=split_text,
            fail=self._fail,
        )

    def __iter__(self) -> Iterator[Document]:
        for file in self.files:
            yield from self.read_file(file)

    def read_file(
        self, file: InputFile, *, start: int = 0, end: int | None = None, first_line: int = 1
    ) -> Iterator[Document]:
        """The documents of one input file, or of the part ``start:end`` of it.

        The part is a :class:`~corpusclean.formats.source.Span` that the file's
        format cut (:attr:`~corpusclean.formats.table.FileFormat.cut`);
        ``first_line`` is the number of its first record, for ids and error messages.
        """
        fmt = format_of(file.path) or TEXT
        try:
            yield from fmt.read(file, self.settings, Span(start, end, first_line))
        except InputError as err:
            self._fail(err)
        except (OSError, EOFError, zlib.error) as exc:
            self._fail(InputError(_read_failure(exc), path=str(file.path)))

    def _fail(self, err: InputError) -> None:
        if self.on_error is None:
            raise err
        self.on_error(err)


def _read_failure(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "the compressed file ends too early (truncated); the documents before the cut were read"
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read the file: {exc.strerror}"
    return f"cannot read the file: {exc}; check that it is not damaged"


def read_documents(inputs: Iterable[str | Path], **options: Any) -> Iterator[Document]:
    """Iterate the documents under ``inputs`` once (see :class:`Corpus` for options)."""
    return iter(Corpus(inputs, **options))
