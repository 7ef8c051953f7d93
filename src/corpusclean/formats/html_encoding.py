"""Decode the bytes of a Chinese web page: the declared charset first, GB18030 when in doubt.

Real Chinese pages declare their encoding in several places, or nowhere: a
byte-order mark, the legacy crawl wrapper ``<text ... encoding="gb2312">``, an
XML declaration, a ``<meta>`` tag in either form. Guessing from byte statistics
misreads short GBK pages often enough to matter, so the rules here are few and
fixed:

1. a BOM wins;
2. then a declaration: the crawl wrapper, the XML declaration, then the first
   ``<meta>`` charset outside ``<script>``, ``<style>`` and comments (a
   ``<script charset="gb2312">`` says how that script is encoded, not the page);
3. with no usable declaration, UTF-8 when the bytes are valid UTF-8, else
   GB18030, the superset of GB2312 and GBK;
4. GB2312 and GBK are decoded as GB18030, and Big5 as Big5-HKSCS (supersets
   that read every page the smaller tables read; the labels are read by
   :func:`~corpusclean.formats.encoding.codec_for_label`), replacing the few
   bytes that still fail instead of failing the page, and mapping the
   private-use code points GBK pages carry (A3A0, a full-width space) to what
   their writers meant (:func:`~corpusclean.formats.encoding.map_gb_private_use`).

A declaration is overruled only when the bytes do not decode under it and the
other candidate (UTF-8 for a legacy declaration, GB18030 for a UTF-8 one)
needs fewer replacements: such a page was re-encoded after the declaration
was written.

>>> decode_html("<meta charset=gbk><p>中文</p>".encode("gbk"))
('<meta charset=gbk><p>中文</p>', 'gb18030')
>>> decode_html("<p>中文</p>".encode("gbk"))[1]
'gb18030'
>>> decode_html("<p>中文</p>".encode("utf-8"))[1]
'utf-8'
"""

from __future__ import annotations

import codecs

from ..patterns import META_CHARSET_RE, META_TAG_RE, PAGE_WRAPPER_RE, RAW_TEXT_RE, XML_ENCODING_RE
from .encoding import codec_for_label, decode_as

#: How far into the page a ``<meta>`` charset is looked for. Browsers stop at
#: 1024 bytes; crawled Chinese pages often carry long comments and styles first.
META_SCAN_BYTES = 16_384

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def declared_encoding(data: bytes) -> str | None:
    """The codec a page's bytes declare (BOM aside), or ``None`` when none is usable.

    >>> declared_encoding(b'<script charset="gb2312"></script><meta charset="utf-8">')
    'utf-8'
    """
    for pattern in (PAGE_WRAPPER_RE, XML_ENCODING_RE):
        m = pattern.match(data)
        if m and (codec := codec_for_label(m.group(1).decode("ascii", "replace"))):
            return codec
    head = RAW_TEXT_RE.sub(b"", data[:META_SCAN_BYTES])
    for tag in META_TAG_RE.finditer(head):
        m = META_CHARSET_RE.search(tag.group())
        if m and (codec := codec_for_label(m.group(1).decode("ascii", "replace"))):
            return codec
    return None


def _strict_ok(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _fewest_replacements(data: bytes, declared: str) -> tuple[str, str]:
    """Decode with ``declared`` unless the other candidate needs fewer replacements."""
    text = decode_as(data, declared)
    other = "gb18030" if declared == "utf-8" else "utf-8"
    other_text = decode_as(data, other)
    if other_text.count("\ufffd") < text.count("\ufffd"):
        return other_text, other
    return text, declared


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a web page's bytes; return the text and the codec name used.

    Never raises on bad bytes: undecodable bytes become U+FFFD. A leading BOM is
    not part of the text.

    >>> decode_html(codecs.BOM_UTF8 + "<p>正文</p>".encode())
    ('<p>正文</p>', 'utf-8')
    >>> decode_html(b'<text id="u" encoding="gbk"><p>\\xd5\\xfd\\xff</p>')[0]
    '<text id="u" encoding="gbk"><p>正\\ufffd</p>'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, "replace"), codec
    declared = declared_encoding(data)
    if declared is None:
        undeclared = "utf-8" if _strict_ok(data, "utf-8") else "gb18030"
        return decode_as(data, undeclared), undeclared
    if not _strict_ok(data, declared):
        return _fewest_replacements(data, declared)
    return decode_as(data, declared, "strict"), declared
