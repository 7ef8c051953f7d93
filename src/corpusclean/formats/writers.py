"""Writing documents: JSON Lines and plain text, always atomically.

Every output is written to a temporary file beside its final name and renamed
into place when complete, so a crash never leaves a half-written file under
the final name. JSONL records have exactly the document model's fields, UTF-8
with Chinese kept readable; ``.gz`` and ``.zst`` endings compress.

>>> import tempfile, pathlib
>>> from corpusclean.document import Document
>>> out = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl"
>>> with JsonlWriter(out) as writer:
...     writer.write(Document(id="a", text="中文，测试"))
>>> out.read_text(encoding="utf-8")[:37]
'{"id":"a","text":"中文，测试","title":null'
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, ClassVar

from ..document import Document
from ..errors import OutputError
from .jsonl import dump_record


def document_record(doc: Document) -> bytes:
    """One JSONL line (with its newline) for ``doc``: exactly the model's fields, UTF-8.

    Integers beyond 64 bits in the metadata keep every digit (see :mod:`corpusclean.formats.jsonl`).
    """
    return dump_record(doc.model_dump(mode="json"))


def _file_mode() -> int:
    """The mode a new file gets here: 0o666 less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """Open a temporary file beside ``path`` and rename it to ``path`` only on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _FILE_MODE)  # mkstemp makes the file private; outputs get the usual mode
        with os.fdopen(fd, "wb") as raw:
            yield raw
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _compressing(raw: IO[bytes], path: Path) -> IO[bytes]:
    name = path.name.lower()
    if name.endswith(".gz"):
        # mtime 0: the same bytes on every run
        return gzip.GzipFile(fileobj=raw, mode="wb", mtime=0)  # type: ignore[return-value]
    if name.endswith(".zst"):
        import zstandard

        return zstandard.ZstdCompressor(level=3).stream_writer(raw, closefd=False)  # type: ignore[return-value]
    return raw


class JsonlWriter:
    """Write documents as JSON Lines to a file (atomically) or to stdout (``"-"``)."""

    #: Whether :meth:`copy_records` may append a worker's JSONL records as they are
    #: (a writer of another form needs each record's fields).
    copies_records: ClassVar[bool] = True

    def __init__(self, path: str | Path) -> None:
        self.path = None if str(path) == "-" else Path(path)
        self.count = 0
        self._stack = contextlib.ExitStack()
        self._stream: IO[bytes] | None = None

    def __enter__(self) -> JsonlWriter:
        if self.path is None:
            self._stream = sys.stdout.buffer
        else:
            raw = self._stack.enter_context(atomic_file(self.path))
            stream = _compressing(raw, self.path)
            if stream is not raw:
                self._stack.enter_context(stream)
            self._stream = stream
        return self

    def write(self, doc: Document) -> None:
        """Append one document."""
        assert self._stream is not None, "use JsonlWriter in a with-statement"
        self._stream.write(document_record(doc))
        self.count += 1

    def write_all(self, docs: Iterable[Document]) -> None:
        """Append every document of ``docs``."""
        for doc in docs:
            self.write(doc)

    def copy_records(self, records: IO[bytes]) -> None:
        """Append JSONL records as they are, from a stream of whole lines (a worker's shard file)."""
        assert self._stream is not None, "use JsonlWriter in a with-statement"
        while block := records.read(1 << 20):
            self._stream.write(block)
            self.count += block.count(b"\n")

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.path is None and self._stream is not None:
            self._stream.flush()
        self._stack.__exit__(kind, exc, tb)


#: The line between two documents of one text file. A blank line cannot be it:
#: documents hold blank lines between their paragraphs. This marker is the one
#: language-model corpora already use between documents; the one limit is that
#: a document holding this very line would read back as two.
DOCUMENT_SEPARATOR = "<|endoftext|>"


def plain_text(doc: Document) -> str:
    """``doc`` as plain text: its title (when it has one) as the first line, then its text.

    >>> plain_text(Document(id="a", text="正文。", title="标题"))
    '标题\\n正文。\\n'
    """
    text = doc.text.rstrip("\n") + "\n"
    if doc.title and not doc.text.startswith(doc.title):  # a title still in the text is not repeated
        return f"{doc.title}\n{text}"
    return text


class TextFileWriter(JsonlWriter):
    """Write the documents as plain text to one file (:func:`plain_text`), between separator lines.

    Documents are told apart by a line holding only :data:`DOCUMENT_SEPARATOR`.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "all.txt"
    >>> with TextFileWriter(out) as writer:
    ...     writer.write(Document(id="a", text="一。\\n\\n二。", title="题"))
    ...     writer.write(Document(id="b", text="三。"))
    >>> print(out.read_text(encoding="utf-8"), end="")
    题
    一。
    <BLANKLINE>
    二。
    <|endoftext|>
    三。
    """

    copies_records = False

    def __enter__(self) -> TextFileWriter:
        super().__enter__()
        return self

    def write(self, doc: Document) -> None:
        assert self._stream is not None, "use TextFileWriter in a with-statement"
        separator = f"{DOCUMENT_SEPARATOR}\n" if self.count else ""
        self._stream.write((separator + plain_text(doc)).encode("utf-8"))
        self.count += 1


_UNSAFE_CHARS_RE = re.compile(r'[\x00-\x1f\x7f<>:"\\|?*]')
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
)
#: Longest file name part in UTF-8 bytes; file systems allow 255, and a temporary
#: name adds a prefix and suffix to it while writing.
_MAX_NAME_BYTES = 180


def safe_relative_path(doc_id: str) -> Path:
    """A relative file path for ``doc_id`` that can never point outside its directory.

    Each ``/``-separated part is cleaned of characters that are unsafe in file
    names; ``.``/``..`` parts, absolute paths and Windows device names are
    neutralized; overlong parts are shortened with a hash.

    >>> safe_relative_path("../../etc/passwd").as_posix()
    '_/_/etc/passwd'
    >>> safe_relative_path("news/2019/000").as_posix()
    'news/2019/000'
    """
    parts = []
    for part in doc_id.replace("\\", "/").split("/"):
        part = _UNSAFE_CHARS_RE.sub("_", part).strip(" ")
        if part in ("", ".", ".."):
            part = "_"
        if part.split(".")[0].lower() in _WINDOWS_RESERVED:
            part = "_" + part
        encoded = part.encode("utf-8")
        if len(encoded) > _MAX_NAME_BYTES:
            digest = hashlib.sha1(encoded).hexdigest()[:12]
            head = encoded[: _MAX_NAME_BYTES - 13].decode("utf-8", errors="ignore")
            part = f"{head}-{digest}"
        parts.append(part)
    return Path(*parts)


class TextDirWriter:
    """Write each document to ``<dir>/<id>.txt`` as plain text (:func:`plain_text`; ids made safe)."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.count = 0
        self._used: set[Path] = set()

    def __enter__(self) -> TextDirWriter:
        if self.directory.exists() and not self.directory.is_dir():
            raise OutputError(
                f"{self.directory} exists and is not a directory; "
                "give a directory for --format txt, or an output ending in .txt for one file"
            )
        self.directory.mkdir(parents=True, exist_ok=True)
        self._root = self.directory.resolve()
        return self

    def write(self, doc: Document) -> None:
        """Write one document's text to its own file."""
        relative = safe_relative_path(doc.id)
        target = self.directory / relative.with_name(relative.name + ".txt")
        if target in self._used:  # two ids that clean to the same name
            digest = hashlib.sha1(doc.id.encode("utf-8")).hexdigest()[:8]
            target = target.with_name(f"{target.stem}-{digest}.txt")
        self._used.add(target)
        if not target.parent.resolve().is_relative_to(self._root):  # a symbolic link already there
            raise OutputError(
                f"document {doc.id!r} would be written to {target}, which a symbolic link inside "
                f"{self.directory} points outside it; remove the link or choose another output directory"
            )
        with atomic_file(target) as stream:
            stream.write(plain_text(doc).encode("utf-8"))
        self.count += 1

    def write_all(self, docs: Iterable[Document]) -> None:
        """Write every document of ``docs``."""
        for doc in docs:
            self.write(doc)

    def __exit__(self, *exc: object) -> None:
        return None
