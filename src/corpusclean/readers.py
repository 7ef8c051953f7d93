"""Reading documents from files and directories.

Plain text (``.txt``), HTML (``.html``, ``.htm``) and JSON Lines (``.jsonl``,
``.jsonl.gz``, ``.jsonl.zst``), found recursively in directories. A text or
HTML file is one document whose id is its path relative to the input directory
without the extension; a JSONL file holds one document per line.

A :class:`Corpus` can be iterated more than once (corpus-level cleaners read it
in a first pass). A file or record that cannot be read raises
:class:`~corpusclean.errors.InputError`, or, with ``on_error`` given, is handed
to it and the reading goes on with the next one. Memory stays bounded whatever
the input: a document (a text file or a JSONL line) larger than
``max_document_bytes`` is refused without being read into memory, and
compressed input is guarded against truncation and bombs (see
:mod:`corpusclean.compression`).

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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from .compression import open_compressed as open_compressed  # also imported from here
from .document import Document
from .encoding import decode_bytes, refuse_binary
from .errors import InputError
from .html_encoding import decode_html
from .jsonl import parse_record

#: The largest document read, in bytes: a text or HTML file, or one JSONL line.
#: A whole novel is 2-3 MB of UTF-8; a bigger "document" is a dump to split.
MAX_DOCUMENT_BYTES = 16 * 2**20
_SKIP_CHUNK = 2**20
_BOM = b"\xef\xbb\xbf"

#: File name endings read as documents, longest first.
SUFFIXES: tuple[str, ...] = (".jsonl.gz", ".jsonl.zst", ".jsonl", ".txt", ".html", ".htm")
#: Suffixes read as web pages: their encoding comes from the page's own declaration first.
HTML_SUFFIXES = frozenset({".html", ".htm"})
_OWN_SCHEMA_KEYS = frozenset({"flags", "removed", "steps"})

ErrorHandler = Callable[[InputError], object]


def document_suffix(path: Path) -> str | None:
    """The suffix by which ``path`` is read (``.jsonl.gz``, ``.txt``, ...), or None.

    >>> document_suffix(Path("a/b.JSONL.zst")), document_suffix(Path("x.png"))
    ('.jsonl.zst', None)
    """
    name = path.name.lower()
    return next((s for s in SUFFIXES if name.endswith(s)), None)


@dataclass(frozen=True)
class InputFile:
    """A file to read, with the directory its document ids are relative to."""

    path: Path
    root: Path | None
    suffix: str

    @property
    def doc_id(self) -> str:
        """The id of a text or HTML file's document: relative path without the extension."""
        relative = self.path.relative_to(self.root) if self.root else Path(self.path.name)
        return relative.as_posix()[: -len(self.suffix)]


def find_files(inputs: Iterable[str | Path]) -> list[InputFile]:
    """The readable files under ``inputs`` (files or directories), in a stable order.

    A file named explicitly is read whatever its extension (as text unless it
    ends like JSONL or HTML); a directory contributes the files with a known
    extension, recursively, sorted by path.
    """
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
    return found


class Corpus:
    """Documents read from files and directories; iterate it as often as needed.

    ``text_key`` and ``id_key`` name the JSONL fields of the text and the id;
    other fields go to ``metadata``. ``on_error`` receives each
    :class:`~corpusclean.errors.InputError` instead of raising it.
    ``max_document_bytes`` bounds the size of one document (and so memory).
    """

    def __init__(
        self,
        inputs: Iterable[str | Path],
        *,
        text_key: str = "text",
        id_key: str = "id",
        on_error: ErrorHandler | None = None,
        max_document_bytes: int = MAX_DOCUMENT_BYTES,
    ) -> None:
        self.files = find_files(inputs)
        self.text_key = text_key
        self.id_key = id_key
        self.on_error = on_error
        self.max_document_bytes = max_document_bytes

    def __iter__(self) -> Iterator[Document]:
        for file in self.files:
            yield from self.read_file(file)

    def read_file(
        self, file: InputFile, *, start: int = 0, end: int | None = None, first_line: int = 1
    ) -> Iterator[Document]:
        """The documents of one input file.

        For an uncompressed JSONL file, ``start`` and ``end`` (byte offsets at line
        boundaries) read only the lines between them; ``first_line`` is the
        number of the line at ``start``, for ids and error messages.
        """
        try:
            if file.suffix.startswith(".jsonl"):
                yield from self._read_jsonl(file, start, end, first_line)
            else:
                yield self._read_single(file)
        except InputError as err:
            self._fail(err)
        except (OSError, EOFError, zlib.error) as exc:
            self._fail(InputError(_read_failure(exc), path=str(file.path)))

    def _fail(self, err: InputError) -> None:
        if self.on_error is None:
            raise err
        self.on_error(err)

    def _too_large(self, size: int, what: str) -> str:
        return (
            f"{what} is {size:,} bytes, over the {self.max_document_bytes:,}-byte limit for one "
            "document; split it into documents, or raise the limit (Corpus(max_document_bytes=...))"
        )

    def _read_single(self, file: InputFile) -> Document:
        size = file.path.stat().st_size
        if size > self.max_document_bytes:
            raise InputError(self._too_large(size, "the file"), path=str(file.path))
        data = file.path.read_bytes()
        if file.suffix in HTML_SUFFIXES:
            refuse_binary(data, path=str(file.path))
            text, encoding = decode_html(data)
        else:
            text, encoding = decode_bytes(data, path=str(file.path))
        metadata: dict[str, Any] = {"encoding": encoding}
        if "\ufffd" in text and "\ufffd".encode(encoding, errors="ignore") not in data:
            metadata["decode_errors"] = text.count("\ufffd")
        return Document(id=file.doc_id, text=text, source=str(file.path), metadata=metadata)

    def _read_jsonl(
        self, file: InputFile, start: int, end: int | None, first_line: int
    ) -> Iterator[Document]:
        number, limit, position = first_line - 1, self.max_document_bytes, start
        try:
            with open_compressed(file.path) as stream:
                if start:
                    stream.seek(start)
                # never more than the limit in memory
                while (end is None or position < end) and (line := stream.readline(limit + 1)):
                    number += 1
                    position += len(line)
                    if len(line) > limit and not line.endswith(b"\n"):
                        skipped = _skip_line(stream)
                        position += skipped
                        size = len(line) + skipped
                        self._fail(
                            InputError(self._too_large(size, "the line"), path=str(file.path), line=number)
                        )
                        continue
                    if number == 1 and line.startswith(_BOM):
                        line = line[len(_BOM) :]
                    if line.isspace() or not line:
                        continue
                    try:
                        yield self._record(line, file, number)
                    except InputError as err:
                        self._fail(err)
        except EOFError:
            raise InputError(
                "the compressed file ends too early (truncated); the documents before this line were "
                "read, the rest is missing: fetch or compress the file again",
                path=str(file.path),
                line=number + 1,
            ) from None

    def _record(self, line: bytes, file: InputFile, number: int) -> Document:
        where: dict[str, Any] = {"path": str(file.path), "line": number}
        record, decoded = parse_record(line, where)
        if not isinstance(record, dict):
            raise InputError("a JSONL record must be a JSON object", **where)
        if record.keys() >= _OWN_SCHEMA_KEYS and "id" in record and "text" in record:
            try:
                return Document.model_validate(record)
            except ValidationError as exc:
                raise InputError(f"a corpusclean record that does not validate: {exc}", **where) from None
        text = record.pop(self.text_key, None)
        if not isinstance(text, str):
            found = "missing" if text is None else f"a {type(text).__name__}, not a string"
            raise InputError(
                f"the text field {self.text_key!r} is {found}; pass --text-key to name the field "
                f"that holds the text (fields here: {', '.join(map(str, record)) or 'none'})",
                **where,
            )
        raw_id = record.pop(self.id_key, None)
        doc_id = str(raw_id) if raw_id is not None else f"{file.path.name}:{number}"
        return Document(id=doc_id, text=text, source=str(file.path), metadata={**record, **decoded})


def _skip_line(stream: IO[bytes]) -> int:
    """Read past the rest of an overlong line in pieces; return how many bytes it had."""
    size = 0
    while chunk := stream.readline(_SKIP_CHUNK):
        size += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return size


def _read_failure(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "the compressed file ends too early (truncated); the documents before the cut were read"
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read the file: {exc.strerror}"
    return f"cannot read the file: {exc}; check that it is not damaged"


def read_documents(inputs: Iterable[str | Path], **options: Any) -> Iterator[Document]:
    """Iterate the documents under ``inputs`` once (see :class:`Corpus` for options)."""
    return iter(Corpus(inputs, **options))
