"""Decoding the bytes Chinese corpora really arrive in.

UTF-8 (with or without a BOM), UTF-16 and UTF-32 with a BOM, UTF-16 without
one, GB18030 and its subsets GBK and GB2312 (always decoded as GB18030, which
is a superset), and Big5. Binary files (images, archives, anything with NUL
bytes that is not UTF-16) are refused rather than decoded into garbage.

The order of the checks is the order of their reliability: a BOM is certain,
valid UTF-8 of any length is almost certain, and only then does a detector
choose between the legacy double-byte encodings, which often accept the same
bytes.

>>> decode_bytes("中文，测试".encode("gb18030"))
('中文，测试', 'gb18030')
>>> decode_bytes("中文".encode("utf-8-sig"))
('中文', 'utf-8-sig')
"""

from __future__ import annotations

import codecs

from .errors import InputError

#: File signatures of common binary formats, checked before anything is decoded.
BINARY_SIGNATURES: dict[bytes, str] = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"%PDF-": "PDF document",
    b"PK\x03\x04": "ZIP archive (or an Office document)",
    b"\x1f\x8b": "gzip archive",
    b"\x28\xb5\x2f\xfd": "zstd archive",
    b"BZh": "bzip2 archive",
    b"\x7fELF": "ELF executable",
    b"RIFF": "RIFF media file",
}

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Legacy encodings a detector may choose between when the bytes are not UTF-8.
LEGACY_CHINESE = ("gb18030", "big5")

#: Names that mean a subset of GB18030; they are decoded as GB18030.
GB_ALIASES = frozenset({"gb2312", "gbk", "cp936", "ms936", "x-gbk", "gb_2312-80", "euc-cn", "hz-gb-2312"})

_SAMPLE = 64 * 1024


def normalize_encoding_name(name: str) -> str:
    """A Python codec name for a declared charset, with GB subsets mapped to GB18030.

    >>> normalize_encoding_name("GB2312"), normalize_encoding_name("utf8")
    ('gb18030', 'utf-8')
    """
    lowered = name.strip().lower()
    if lowered in GB_ALIASES:
        return "gb18030"
    try:
        return codecs.lookup(lowered).name
    except LookupError:
        return lowered


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` looks like, or ``None`` for text.

    >>> binary_kind(b"\\x89PNG\\r\\n\\x1a\\n...."), binary_kind("中文".encode())
    ('PNG image', None)
    """
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return kind
    head = data[:_SAMPLE]
    if b"\x00" in head and _utf16_without_bom(head) is None:
        return "binary data (it contains NUL bytes)"
    return None


def refuse_binary(data: bytes, *, path: str | None = None) -> None:
    """Raise :class:`InputError` naming ``path`` when ``data`` is a binary file, not text."""
    kind = binary_kind(data)
    if kind is not None:
        raise InputError(
            f"this is a {kind}, not text; remove it from the input or give a text file", path=path
        )


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ``head`` reads as BOM-less UTF-16 text, else None.

    Only data with NUL bytes is tried (every ASCII character in UTF-16 has one);
    the byte order chosen is the one whose characters are plausible text.
    """
    if len(head) < 4 or b"\x00" not in head:
        return None
    head = head[: len(head) - len(head) % 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible_share(text) >= 0.95:
            return codec
    return None


def _plausible_share(text: str) -> float:
    """The share of characters that are common in Chinese text: Han, ASCII, CJK and general punctuation."""
    plausible = sum(
        1
        for ch in text
        if (ch < "\x7f" and (ch.isprintable() or ch in "\t\r\n"))
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or "\u2000" <= ch <= "\u206f"
    )
    return plausible / max(1, len(text))


def _detect_legacy(data: bytes) -> str:
    """Choose between GB18030 and Big5 for bytes that are not UTF-8."""
    strict = []
    for codec in LEGACY_CHINESE:
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        strict.append(codec)
    if len(strict) == 1:
        return strict[0]
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE], cp_isolation=list(LEGACY_CHINESE)).best()
    if best is not None:
        return normalize_encoding_name(best.encoding)
    return "gb18030"  # mainland corpora are far more common; GB18030 decodes any byte pair


def decode_bytes(data: bytes, *, path: str | None = None, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return the text and the name of the encoding used.

    With ``encoding`` given it is used as is (GB subsets as GB18030, undecodable
    bytes replaced). Raises :class:`InputError` for binary data.
    """
    if encoding is not None:
        codec = normalize_encoding_name(encoding)
        return data.decode(codec, errors="replace"), codec
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    refuse_binary(data, path=path)
    utf16 = _utf16_without_bom(data[:_SAMPLE])
    if utf16 is not None:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data, exc):
            return data.decode("utf-8", errors="replace"), "utf-8"
    codec = _detect_legacy(data)
    return data.decode(codec, errors="replace"), codec


def _mostly_utf8(data: bytes, exc: UnicodeDecodeError) -> bool:
    """True when only a few bytes of otherwise valid UTF-8 are broken (a damaged UTF-8 file)."""
    if exc.start == 0 and len(data) > 4:
        return False
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F)
    return bad * 20 <= multibyte
