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
import re
from functools import cache

from ..errors import InputError

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

#: Labels that Python's codec registry does not know (from the WHATWG Encoding list).
LABEL_ALIASES = {
    "x-gbk": "gbk",
    "gb_2312": "gb2312",
    "gb_2312-80": "gb2312",
    "chinese": "gbk",
    "csgb2312": "gb2312",
    "iso-ir-58": "gb2312",
    "x-x-big5": "big5",
    "csbig5": "big5",
    "cn-big5": "big5",
    "unicode-1-1-utf-8": "utf-8",
}

#: Codecs read with a superset: GBK and GB2312 text in the wild holds GB18030-only
#: characters, and web pages labelled Big5 hold HKSCS ones.
SUPERSET_CODECS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
}

_SAMPLE = 64 * 1024


def codec_for_label(label: str, *, web: bool = True) -> str | None:
    """The Python codec to decode text labelled ``label`` with, or ``None`` when unknown.

    GB2312 and GBK are read as GB18030 everywhere. ``web`` reads Big5 as
    Big5-HKSCS, as browsers do for pages; with ``web=False`` (a detector's guess
    for a text file) Big5 stays Big5, whose stricter table is what tells it
    apart from GB18030.

    >>> codec_for_label("GB2312"), codec_for_label("utf8"), codec_for_label("unset")
    ('gb18030', 'utf-8', None)
    >>> codec_for_label("Big5"), codec_for_label("Big5", web=False)
    ('big5hkscs', 'big5')
    """
    label = label.strip().lower()
    try:
        name = codecs.lookup(LABEL_ALIASES.get(label, label)).name
    except LookupError:
        return None
    superset = SUPERSET_CODECS.get(name, name)
    return superset if web or superset == "gb18030" else name


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


#: Private-use code points that GBK and GB18030 decoders give for characters
#: writers meant: A3A0, a full-width space in practice (U+E5E5), and the
#: code points GB18030-2005 still mapped to the private-use area but that
#: Unicode 4.1 had encoded by then (vertical punctuation, ḿ, and the
#: ideographs and components of rows FE5x-FEAx), as GB18030-2022 maps them.
GB_PRIVATE_USE: dict[str, str] = {
    "\ue5e5": "\u3000",
    "\ue78d": "\ufe10",
    "\ue78e": "\ufe12",
    "\ue78f": "\ufe11",
    "\ue790": "\ufe13",
    "\ue791": "\ufe14",
    "\ue792": "\ufe15",
    "\ue793": "\ufe16",
    "\ue794": "\ufe17",
    "\ue795": "\ufe18",
    "\ue796": "\ufe19",
    "\ue7c7": "\u1e3f",
    "\ue816": "\U00020087",
    "\ue817": "\U00020089",
    "\ue818": "\U000200cc",
    "\ue81e": "\u9fb4",
    "\ue826": "\u9fb5",
    "\ue82b": "\u9fb6",
    "\ue82c": "\u9fb7",
    "\ue831": "\U000215d7",
    "\ue832": "\u9fb8",
    "\ue83b": "\U0002298f",
    "\ue843": "\u9fb9",
    "\ue854": "\u9fba",
    "\ue855": "\U000241fe",
    "\ue864": "\u9fbb",
}
_GB_PRIVATE_USE_RE = re.compile("[" + "".join(GB_PRIVATE_USE) + "]")


def map_gb_private_use(text: str) -> str:
    """``text`` decoded from GBK/GB18030 with the private-use code points writers did not mean replaced.

    >>> map_gb_private_use(b"\\xa3\\xa0\\xa3\\xa0\\xd5\\xfd\\xce\\xc4".decode("gb18030"))
    '\u3000\u3000正文'
    """
    if _GB_PRIVATE_USE_RE.search(text) is None:
        return text
    return _GB_PRIVATE_USE_RE.sub(lambda m: GB_PRIVATE_USE[m.group()], text)


def decode_as(data: bytes, codec: str, errors: str = "replace") -> str:
    """``data`` decoded with ``codec``; GB18030's private-use code points mapped (:func:`map_gb_private_use`).

    >>> decode_as("　正文".encode("gbk"), "gb18030")
    '\u3000正文'
    """
    text = data.decode(codec, errors)
    return map_gb_private_use(text) if codec == "gb18030" else text


@cache
def common_characters() -> frozenset[str]:
    """The common Chinese characters: GB 2312's first level, in simplified and traditional forms.

    GB 2312 divides its characters into 3,755 common ones (level 1, rows
    16-55, bytes B0A1-D7F9) and 3,008 rarer ones, and the codec already holds
    the table; OpenCC adds the traditional forms, so that Big5 text scores as
    well as GB text.

    >>> chars = common_characters()
    >>> "的" in chars, "們" in chars, "鎴" in chars
    (True, True, False)
    """
    import opencc

    level_one = bytes(
        byte for row in range(0xB0, 0xD8) for cell in range(0xA1, 0xFF) for byte in (row, cell)
    ).decode("gb2312", errors="ignore")
    return frozenset(level_one + opencc.OpenCC("s2t").convert(level_one))


def chinese_plausibility(text: str) -> float:
    """The share of the non-ASCII characters of ``text`` that are common Chinese characters or punctuation.

    Text decoded with the wrong codec is full of rare characters and U+FFFD;
    real Chinese text is mostly common ones. Text without non-ASCII characters scores 1.

    >>> chinese_plausibility("我们实现了"), round(chinese_plausibility("鎴戜滑瀹炵幇浜"), 2)
    (1.0, 0.14)
    """
    common = common_characters()
    wide = [ch for ch in text if ch >= "\x80"]
    if not wide:
        return 1.0
    plausible = sum(
        1
        for ch in wide
        if ch in common
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uff5e"
        or "\u2010" <= ch <= "\u2027"
    )
    return plausible / len(wide)


def choose_encoding(sample: bytes) -> str:
    """The encoding of bytes that are not valid UTF-8: UTF-8 (damaged), GB18030 or Big5, whichever reads best.

    Every candidate decodes ``sample`` with replacement characters; the winner is
    the one whose text is most plausible (:func:`chinese_plausibility`), the
    earlier candidate on a tie. A UTF-8 file with a few broken bytes stays
    UTF-8 however short it is.

    >>> choose_encoding("我们实现了".encode() + b"\\xff" + "这个目标".encode())
    'utf-8'
    >>> choose_encoding("我們實現了這個目標".encode("big5"))
    'big5'
    """
    best, best_score = "utf-8", -1.0
    for codec in ("utf-8", *LEGACY_CHINESE):
        score = chinese_plausibility(decode_as(sample, codec))
        if score > best_score:
            best, best_score = codec, score
    return best


def sniff_encoding(head: bytes, *, path: str | None = None) -> str:
    """The codec to decode a file starting with ``head`` with (a BOM, UTF-16, UTF-8, or a choice).

    Raises :class:`InputError` for binary data.

    >>> sniff_encoding("中文".encode("utf-8")[:-1]), sniff_encoding("中文".encode("gbk"))
    ('utf-8', 'gb18030')
    """
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    refuse_binary(head, path=path)
    utf16 = _utf16_without_bom(head[:_SAMPLE])
    if utf16 is not None:
        return utf16
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head[:_SAMPLE], final=False)
    except UnicodeDecodeError:
        return choose_encoding(head[:_SAMPLE])
    return "utf-8"


def decode_bytes(data: bytes, *, path: str | None = None, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return the text and the name of the encoding used.

    With ``encoding`` given it is used as is (GB subsets as GB18030, undecodable
    bytes replaced). Raises :class:`InputError` for binary data or an unknown encoding.
    """
    if encoding is not None:
        codec = codec_for_label(encoding, web=False)
        if codec is None:
            raise InputError(
                f"unknown encoding {encoding!r}; give a name Python knows, e.g. gb18030", path=path
            )
        return decode_as(data, codec), codec
    codec = sniff_encoding(data, path=path)
    return decode_as(data, codec), codec
