"""Plain text and HTML files: one document each, or a long text split into several.

A text or HTML file is one document whose id is its path relative to the
input directory without the extension. A text file larger than the limit for
one document (a 30 MB novel), or any text file when splitting is asked for,
is read as a stream and split into documents (:func:`split_text`): at chapter
headings (``第十二章``, ``第三回``, ``卷二``) where there are any, otherwise at
line ends, otherwise after a sentence end, and a text with none of these (one
line of 60 MB) in pieces of a fixed length. Nothing is lost: the pieces
joined give the decoded text back. Each piece's id is the file's id and its
number, ``novel#3``; ``metadata`` has its ``part``, its ``offset`` (in
characters) and the ``heading`` it starts with, if any.

>>> pieces = list(split_text(["序\\n第一章 起\\n甲。\\n第二章 承\\n乙。\\n"]))
>>> pieces
['序\\n', '第一章 起\\n甲。\\n', '第二章 承\\n乙。\\n']
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from ..document import Document
from ..errors import InputError
from .encoding import decode_bytes, map_gb_private_use, refuse_binary, sniff_encoding
from .html_encoding import decode_html
from .source import InputFile, ReadSettings

#: Pieces of a split text hold about this many characters at most when no
#: chapter heading cuts them first: an article-sized document that every
#: cleaner handles quickly (a chapter of a novel is 3,000-10,000).
PIECE_CHARS = 100_000
#: A chapter longer than this many characters is cut again.
CHAPTER_CHARS = 2 * PIECE_CHARS
#: Bytes read from the file at a time while splitting.
_READ_BYTES = 256 * 1024

_NUMERAL = "0-9０-９〇零一二三四五六七八九十百千万萬两兩"
#: A line that opens a chapter: 第十二章, 第3回, 第一节, 第二卷, 卷三, 序章, 楔子, 尾声,
#: with a short title after it (in Traditional too: 第一節, 尾聲, 第兩萬章).
CHAPTER_HEADING_RE = re.compile(
    rf"^[ \t\u3000]*(?:第[{_NUMERAL}]{{1,9}}[章回节節卷集部篇]|卷[{_NUMERAL}]{{1,6}}|序章|楔子|尾声|尾聲)"
    r"[^\n]{0,40}\n",
    re.MULTILINE,
)
_SENTENCE_END_RE = re.compile(r"[。！？!?…]+[”’」』）)]*")


def split_text(
    chunks: Iterable[str], *, piece_chars: int = PIECE_CHARS, chapter_chars: int = CHAPTER_CHARS
) -> Iterator[str]:
    """Split the text arriving in ``chunks`` into pieces that join to it again.

    A piece ends before a chapter heading (:data:`CHAPTER_HEADING_RE`) when one
    comes within ``chapter_chars``; otherwise, once that much text is waiting,
    the first ``piece_chars`` characters are cut after their last line end,
    or after their last sentence end, or where they end. At most about
    ``chapter_chars`` plus one chunk is held in memory.

    >>> list(split_text(["一二三。四五六。七八"], piece_chars=4, chapter_chars=8))
    ['一二三。', '四五六。七八']
    """
    buffer = ""
    for chunk in chunks:
        buffer += chunk
        while (cut := _cut(buffer, piece_chars, chapter_chars, at_end=False)) is not None:
            yield buffer[:cut]
            buffer = buffer[cut:]
    while buffer:
        cut = _cut(buffer, piece_chars, chapter_chars, at_end=True) or len(buffer)
        yield buffer[:cut]
        buffer = buffer[cut:]


def _cut(buffer: str, piece_chars: int, chapter_chars: int, *, at_end: bool) -> int | None:
    """Where the first piece of ``buffer`` ends, or None to wait for more text."""
    heading = CHAPTER_HEADING_RE.search(buffer, 1, chapter_chars + 1)
    if heading is not None:
        return heading.start()
    if len(buffer) <= chapter_chars:
        return len(buffer) if at_end else None
    head = buffer[:piece_chars]
    line_end = head.rfind("\n") + 1
    if line_end:
        return line_end
    sentence_end = max((m.end() for m in _SENTENCE_END_RE.finditer(head)), default=0)
    return sentence_end or piece_chars


def heading_of(piece: str) -> str | None:
    """The chapter heading ``piece`` starts with, or None.

    >>> heading_of("　第十二章 风云\\n正文"), heading_of("正文\\n")
    ('第十二章 风云', None)
    """
    m = CHAPTER_HEADING_RE.match(piece)
    return m.group().strip() if m else None


def _decoding(text: str, encoding: str, data: bytes) -> dict[str, Any]:
    """``metadata`` on how ``data`` was decoded: the encoding, and the bytes replaced, if any."""
    metadata: dict[str, Any] = {"encoding": encoding}
    if "\ufffd" in text and "\ufffd".encode(encoding, errors="ignore") not in data:
        metadata["decode_errors"] = text.count("\ufffd")
    return metadata


def read_text(file: InputFile, settings: ReadSettings) -> Iterator[Document]:
    """The document of a text file, or its pieces when it is large or splitting is asked for."""
    size = file.path.stat().st_size
    if settings.split_text or size > settings.max_document_bytes:
        yield from _read_pieces(file, settings)
        return
    data = file.path.read_bytes()
    text, encoding = decode_bytes(data, path=str(file.path))
    yield Document(id=file.doc_id, text=text, source=str(file.path), metadata=_decoding(text, encoding, data))


def read_html(file: InputFile, settings: ReadSettings) -> Iterator[Document]:
    """The document of an HTML file (whose encoding its declaration gives first)."""
    size = file.path.stat().st_size
    if size > settings.max_document_bytes:
        raise InputError(settings.too_large(size, "the file"), path=str(file.path))
    data = file.path.read_bytes()
    refuse_binary(data, path=str(file.path))
    text, encoding = decode_html(data)
    yield Document(id=file.doc_id, text=text, source=str(file.path), metadata=_decoding(text, encoding, data))


def _read_pieces(file: InputFile, settings: ReadSettings) -> Iterator[Document]:
    """The pieces of a text file, decoded as a stream (see the module docs)."""
    # a piece of N characters is at most 4N bytes of UTF-8: keep pieces under the document limit
    chapter_chars = max(2, min(CHAPTER_CHARS, settings.max_document_bytes // 4))
    piece_chars = max(1, min(PIECE_CHARS, chapter_chars // 2))
    with file.path.open("rb") as stream:
        head = stream.read(_READ_BYTES)
        encoding = sniff_encoding(head, path=str(file.path))
        chunks = _decoded_chunks(stream, head, encoding)
        offset = 0
        for part, piece in enumerate(
            split_text(chunks, piece_chars=piece_chars, chapter_chars=chapter_chars), 1
        ):
            metadata: dict[str, Any] = {"encoding": encoding, "part": part, "offset": offset}
            if (heading := heading_of(piece)) is not None:
                metadata["heading"] = heading
            if replaced := piece.count("\ufffd"):
                metadata["decode_errors"] = replaced
            offset += len(piece)
            yield Document(id=f"{file.doc_id}#{part}", text=piece, source=str(file.path), metadata=metadata)


def _decoded_chunks(stream: IO[bytes], head: bytes, encoding: str) -> Iterator[str]:
    """The text of ``head`` and the rest of ``stream``, decoded block by block."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    data, final = head, False
    while not final:
        final = not data
        text = decoder.decode(data, final=final)
        yield map_gb_private_use(text) if encoding == "gb18030" else text
        data = stream.read(_READ_BYTES)
