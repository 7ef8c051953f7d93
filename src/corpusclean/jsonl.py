"""One JSON Lines record in and out, without silent loss.

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

import json
from typing import Any

import orjson

from .encoding import decode_bytes
from .errors import InputError


def parse_record(line: bytes, where: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """The JSON value of ``line`` and metadata on how it was decoded (empty for UTF-8).

    A line that is not UTF-8 is decoded like a text file (see
    :func:`corpusclean.encoding.decode_bytes`): damaged UTF-8 gives
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
