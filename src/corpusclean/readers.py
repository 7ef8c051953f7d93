"""Reading documents from files and directories.

Plain text (``.txt``), HTML (``.html``, ``.htm``) and JSON Lines (``.jsonl``,
``.jsonl.gz``, ``.jsonl.zst``), found recursively in directories. A text or
HTML file is one document whose id is its path relative to the input directory
without the extension; a JSONL file holds one document per line.

A :class:`Corpus` can be iterated more than once (corpus-level cleaners read it
in a first pass). A file or record that cannot be read raises
:class:`~corpusclean.errors.InputError`, or, with ``on_error`` given, is handed
to it and the reading goes on with the next one.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("中文。", encoding="utf-8")
>>> [(d.id, d.text, d.metadata["encoding"]) for d in Corpus([folder])]
[('a', '中文。', 'utf-8')]
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson
from pydantic import ValidationError

from .document import Document
from .encoding import decode_bytes, refuse_binary
from .errors import InputError
from .html_encoding import decode_html

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
    """

    def __init__(
        self,
        inputs: Iterable[str | Path],
        *,
        text_key: str = "text",
        id_key: str = "id",
        on_error: ErrorHandler | None = None,
    ) -> None:
        self.files = find_files(inputs)
        self.text_key = text_key
        self.id_key = id_key
        self.on_error = on_error

    def __iter__(self) -> Iterator[Document]:
        for file in self.files:
            yield from self.read_file(file)

    def read_file(self, file: InputFile) -> Iterator[Document]:
        """The documents of one input file."""
        try:
            if file.suffix.startswith(".jsonl"):
                yield from self._read_jsonl(file)
            else:
                yield self._read_single(file)
        except InputError as err:
            self._fail(err)
        except (OSError, EOFError) as exc:
            self._fail(InputError(_read_failure(exc), path=str(file.path)))

    def _fail(self, err: InputError) -> None:
        if self.on_error is None:
            raise err
        self.on_error(err)

    def _read_single(self, file: InputFile) -> Document:
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

    def _read_jsonl(self, file: InputFile) -> Iterator[Document]:
        with open_compressed(file.path) as stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    yield self._record(line, file, number)
                except InputError as err:
                    self._fail(err)

    def _record(self, line: bytes, file: InputFile, number: int) -> Document:
        where: dict[str, Any] = {"path": str(file.path), "line": number}
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise InputError(f"not valid JSON ({exc}); fix or remove the line", **where) from None
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
        return Document(id=doc_id, text=text, source=str(file.path), metadata=record)


def _read_failure(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "the compressed file ends too early (truncated); the documents before the cut were read"
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read the file: {exc.strerror}"
    return f"cannot read the file: {exc}; check that it is not damaged"


def open_compressed(path: Path) -> IO[bytes]:
    """Open ``path`` for reading bytes, decompressing ``.gz`` and ``.zst`` by their ending."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if name.endswith(".zst"):
        import zstandard

        raw = path.open("rb")
        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(raw, closefd=True))
    return path.open("rb")


def read_documents(inputs: Iterable[str | Path], **options: Any) -> Iterator[Document]:
    """Iterate the documents under ``inputs`` once (see :class:`Corpus` for options)."""
    return iter(Corpus(inputs, **options))
