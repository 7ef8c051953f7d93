"""JSON Lines in and out, without silent loss; and ``.json`` files, as JSON Lines or one array.

orjson is fast and strict, and right for nearly every line. Where it would lose
something quietly, the line is parsed again with the standard library: an
integer beyond 64 bits (orjson turns it into an inexact float) keeps every
digit, and a top-level key given twice with different values is refused rather
than resolved by keeping the last. Both are found with a cheap test on every
line, and only a line that fails it is parsed again. Writing falls back the same way for such
integers.

>>> parse_record(b'{"text": "x", "n": 1180591620717411303424}', {})[0]["n"]
1180591620717411303424
>>> dump_record({"n": 2**70})
b'{"n":1180591620717411303424}\\n'
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

import orjson

from ..document import Document
from ..errors import InputError
from .compression import open_compressed
from .encoding import decode_bytes
from .records import MissingTextError, record_document
from .source import InputFile, ReadSettings, Span

_BOM = b"\xef\xbb\xbf"
_BETWEEN_ELEMENTS_RE = re.compile(r"[\s,]*")
_SKIP_CHUNK = 2**20


def parse_record(line: bytes, where: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """The JSON value of ``line`` and metadata on how it was decoded (empty for UTF-8).

    A line that is not UTF-8 is decoded like a text file (see
    :func:`corpusclean.formats.encoding.decode_bytes`): damaged UTF-8 gives
    ``{"decode_errors": n}``, a legacy encoding ``{"encoding": "gb18030"}``.
    ``where`` (``path`` and ``line``) goes into the error raised for a bad line.
    """
    decoded: dict[str, Any] = {}
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        if _is_utf8(line):  # a real syntax error (orjson reports bad UTF-8 in the same words)
            raise _invalid(exc, where) from None
        try:
            text, encoding = decode_bytes(line)
        except InputError as err:
            raise InputError(err.reason, **where) from None
        if encoding == "utf-8":
            decoded["decode_errors"] = text.count("\ufffd")
        else:
            decoded["encoding"] = encoding
        try:
            record = orjson.loads(text)
        except orjson.JSONDecodeError as exc2:
            raise _invalid(exc2, where) from None
        line = text.encode("utf-8")
    if isinstance(record, dict) and _needs_exact_parse(line, record):
        record = _parse_exactly(line, where)
    return record, decoded


def dump_record(value: Any) -> bytes:
    """``value`` as one compact JSON line, UTF-8 with Chinese readable; big integers exact."""
    try:
        return orjson.dumps(value, option=orjson.OPT_APPEND_NEWLINE)
    except TypeError:  # "Integer exceeds 64-bit range": the standard library keeps every digit
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        return text.encode("utf-8") + b"\n"


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _invalid(exc: Exception, where: dict[str, Any]) -> InputError:
    return InputError(f"not valid JSON ({exc}); fix or remove the line", **where)


_PLAIN = (str, int, bool, type(None))


def _needs_exact_parse(line: bytes, record: dict[str, Any]) -> bool:
    """A cheap test, run on every record, that errs only towards True.

    Every key of a JSON object is followed by ``":`` (JSON escapes any quote
    inside a string), so a line with more of them than the record has keys
    repeated a key (or has ``":`` inside a string, and is merely parsed again);
    one with fewer was written with spaces before its colons. A float beyond
    64 bits may have been an integer that orjson could not hold.
    """
    expected = len(record)
    for value in record.values():
        if type(value) not in _PLAIN:
            keys, inexact = _walk(value)
            if inexact:
                return True
            expected += keys
    return line.count(b'":') != expected


def _walk(value: Any) -> tuple[int, bool]:
    """The number of object keys inside ``value``, and whether it holds a float beyond 64 bits."""
    if type(value) is float:
        return 0, not -(2.0**63) < value < 2.0**63
    keys, items = 0, value
    if type(value) is dict:
        keys, items = len(value), value.values()
    elif type(value) is not list:
        return 0, False
    for item in items:
        if type(item) not in _PLAIN:
            inner, inexact = _walk(item)
            if inexact:
                return keys, True
            keys += inner
    return keys, False


def _parse_exactly(line: bytes, where: dict[str, Any]) -> Any:
    """Parse with the standard library: integers of any size; a top-level key repeated
    with different values is refused (nested objects keep the last value, as orjson does)."""
    objects: list[list[tuple[str, Any]]] = []

    def keep_pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        objects.append(items)  # the outermost object is completed, and so appended, last
        return dict(items)

    try:
        record = json.loads(line, object_pairs_hook=keep_pairs, parse_constant=_no_constant)
    except ValueError as exc:
        raise _invalid(exc, where) from None
    seen: dict[str, Any] = {}
    for key, value in objects[-1] if isinstance(record, dict) else ():
        if key in seen and seen[key] != value:
            raise InputError(
                f"the key {key!r} appears more than once with different values, so reading either "
                "would lose the other; keep one of them and read the file again",
                **where,
            )
        seen[key] = value
    return record


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def read_jsonl(file: InputFile, settings: ReadSettings, span: Span) -> Iterator[Document]:
    """The documents of a JSON Lines file (``.gz``/``.zst`` decompressed), or of the lines in ``span``.

    A line over the document limit is refused without being read into memory.
    """
    with open_compressed(file.path) as stream:
        if span.start:
            stream.seek(span.start)
        yield from _documents(_lines(stream, settings, span, str(file.path)), file, settings, first=True)


def _lines(stream: IO[bytes], settings: ReadSettings, span: Span, path: str) -> Iterator[tuple[int, bytes]]:
    """The numbered non-blank lines of ``span``; a line over the limit is skipped in pieces and reported."""
    number, limit, position = span.first - 1, settings.max_document_bytes, span.start
    try:
        # never more than the limit in memory
        while (span.end is None or position < span.end) and (line := stream.readline(limit + 1)):
            number += 1
            position += len(line)
            if len(line) > limit and not line.endswith(b"\n"):
                size = len(line) + skip_line(stream)
                position += size - len(line)
                settings.fail(InputError(settings.too_large(size, "the line"), path=path, line=number))
                continue
            if number == 1:
                line = line.removeprefix(_BOM)
            if line and not line.isspace():
                yield number, line
    except EOFError:
        raise InputError(
            "the compressed file ends too early (truncated); the documents before this line were "
            "read, the rest is missing: fetch or compress the file again",
            path=path,
            line=number + 1,
        ) from None


def _documents(
    records: Iterable[tuple[int, bytes]], file: InputFile, settings: ReadSettings, *, first: bool
) -> Iterator[Document]:
    """The documents of numbered JSON records; errors go to ``settings.fail``.

    When the ``first`` record of a file has no text field, the name is wrong for
    the whole file: reading stops with one error that names the fields there
    are, instead of one error per record.
    """
    path = str(file.path)
    for number, data in records:
        where: dict[str, Any] = {"path": path, "line": number}
        try:
            record, decoded = parse_record(data, where)
            yield record_document(record, settings, f"{file.path.name}:{number}", where, decoded)
        except MissingTextError as err:
            if first:
                raise _wrong_text_key(err) from None
            settings.fail(err)
        except InputError as err:
            settings.fail(err)
        first = False


def _wrong_text_key(err: InputError) -> InputError:
    return InputError(
        f"{err.reason}; the first record has no such field, so the rest of the file was not read",
        path=err.path,
        line=err.line,
    )


def skip_line(stream: IO[bytes]) -> int:
    """Read past the rest of an overlong line in pieces; return how many bytes it had."""
    size = 0
    while chunk := stream.readline(_SKIP_CHUNK):
        size += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return size


def cut_jsonl(file: InputFile, size: int, unit_bytes: int) -> list[tuple[Span, int]]:
    """Spans of about ``unit_bytes`` of an uncompressed JSONL file, cut after a newline, with their sizes.

    A compressed file cannot be cut without reading it: it is one span.
    """
    if file.path.name.lower().endswith((".gz", ".zst")) or size <= unit_bytes:
        return [(Span(), size)]
    spans: list[tuple[Span, int]] = []
    with file.path.open("rb") as stream:
        start, line = 0, 1
        while start < size:
            stream.seek(min(start + unit_bytes, size))
            if stream.tell() < size:  # on to the end of the line the cut falls in, 1 MiB at a time
                while (chunk := stream.readline(1 << 20)) and not chunk.endswith(b"\n"):
                    pass
            end = stream.tell()
            spans.append((Span(start, end, line), end - start))
            line += _count_newlines(stream, start, end)
            start = end
    return spans


def _count_newlines(stream: IO[bytes], start: int, end: int) -> int:
    stream.seek(start)
    count, left = 0, end - start
    while left > 0:
        block = stream.read(min(left, 1 << 20))
        if not block:
            break
        count += block.count(b"\n")
        left -= len(block)
    return count


def read_json(file: InputFile, settings: ReadSettings, span: Span) -> Iterator[Document]:
    """The documents of a ``.json`` file: one JSON array of records, JSON Lines, or one record.

    Hugging Face datasets are often JSON Lines named ``.json``; exports from
    other tools are one array, read element by element (:func:`array_elements`)
    so that memory follows the largest record, not the file. A file whose first
    line is not a whole JSON value holds one value (a record written over
    several lines).
    """
    with file.path.open("rb") as stream:
        first_line = stream.readline(settings.max_document_bytes + 1).removeprefix(_BOM)
    path = str(file.path)
    if first_line.lstrip().startswith(b"["):
        with file.path.open("rb") as stream:
            elements = enumerate(array_elements(stream, settings, path), 1)
            yield from _documents(elements, file, settings, first=True)
    elif first_line.isspace() or _is_json(first_line):
        yield from read_jsonl(file, settings, span)
    else:
        size = file.path.stat().st_size
        if size > settings.max_document_bytes:
            raise InputError(settings.too_large(size, "the JSON value"), path=path)
        yield from _documents([(1, file.path.read_bytes().removeprefix(_BOM))], file, settings, first=True)


def _is_json(data: bytes) -> bool:
    try:
        orjson.loads(data)
    except orjson.JSONDecodeError:
        return False
    return True


def array_elements(
    stream: IO[bytes], settings: ReadSettings, path: str, block: int = 1 << 16
) -> Iterator[bytes]:
    """The bytes of each element of the JSON array that ``stream`` holds, one at a time.

    The standard library's decoder finds where each element ends (in C); the
    caller parses the element's bytes. At most one element (and one block) is
    held in memory; an element over the document limit raises :class:`InputError`.

    >>> import io
    >>> [e for e in array_elements(io.BytesIO(b'[{"a": "x,]"}, {"b": [1, 2]}]'), ReadSettings(), "a.json")]
    [b'{"a": "x,]"}', b'{"b": [1, 2]}']
    """
    decoder = json.JSONDecoder()
    text = codecs.getincrementaldecoder("utf-8-sig")("surrogateescape")  # bytes kept as they are
    buffer, pos, opened, eof, want = "", 0, False, False, block
    while True:
        pos = _BETWEEN_ELEMENTS_RE.match(buffer, pos).end()  # type: ignore[union-attr]
        if pos < len(buffer):
            if not opened:
                if buffer[pos] != "[":
                    raise InputError("a .json file must hold JSON Lines or one JSON array", path=path)
                opened, pos = True, pos + 1
                continue
            if buffer[pos] == "]":
                return
            try:
                _, end = decoder.raw_decode(buffer, pos)
            except json.JSONDecodeError as exc:  # cut off by the end of the block, or not JSON
                if eof:
                    raise InputError(
                        f"the JSON array is not closed, or its last element is not valid JSON ({exc.msg}); "
                        "the elements before it were read",
                        path=path,
                    ) from None
            else:
                if end < len(buffer) or eof:  # a number at the very end may go on in the next block
                    yield buffer[pos:end].encode("utf-8", "surrogateescape")
                    pos, want = end, block
                    continue
        if eof:
            raise InputError(
                "the JSON array is not closed (the file ends inside it); fetch the file again", path=path
            )
        if len(buffer) - pos > settings.max_document_bytes:
            what = "an element of the array (or text that is not valid JSON)"
            raise InputError(settings.too_large(len(buffer) - pos, what), path=path)
        data = stream.read(want)
        eof = not data
        buffer = buffer[pos:] + text.decode(data, final=eof)
        pos, want = 0, want * 2  # an element longer than a block: read more at once each time
