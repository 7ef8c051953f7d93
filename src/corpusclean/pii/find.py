"""Find personal data in Chinese text, and mask it.

A number counts only when its form and check digits, or the cue word before
it, say what it is: an 18-character ID passes GB 11643's check digit with a real
region and birth date, a card number the Luhn check with a known issuer prefix,
a phone number libphonenumber's Chinese numbering plan, and a QQ number or a
WeChat id only follows its cue word (which stays in the text). Dates, amounts,
document numbers, hotlines, ISBNs and statistics are left alone.

>>> mask_pii("请致电13812345678或（0755）8601 3388，邮箱abc@qq.com谢谢")
'请致电[手机号]或[固定电话]，邮箱[邮箱]谢谢'
>>> mask_pii("1998年1月1日，国发〔1998〕12号，拨打12345，共12345678元")
'1998年1月1日，国发〔1998〕12号，拨打12345，共12345678元'
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

import regex

from ..script_chars import to_simplified
from .checks import (
    is_bank_card,
    is_ipv4,
    is_ipv6,
    is_old_resident_id,
    is_resident_id,
    phone_kind,
)
from .patterns import (
    DIGITS_RE,
    EMAIL_RE,
    IP_CUE_RE,
    IPV4_RE,
    IPV6_RE,
    NUMBER_RE,
    QQ_CUES,
    QQ_RE,
    QUANTITY_AFTER,
    QUANTITY_BEFORE,
    SECTION_AFTER,
    TRIGGER_RE,
    URL_RE,
    WECHAT_CUES,
    WECHAT_RE,
    WIDE_RUN_RE,
    WIDE_TO_ASCII,
)

#: Every kind, in the order a tie between two readings of the same span is settled
#: (a cue word says more than a number's form).
KINDS: tuple[str, ...] = ("qq", "wechat", "id_card", "bank_card", "mobile", "landline", "email", "ip")

#: What each kind is replaced with.
PLACEHOLDERS: Mapping[str, str] = {
    "mobile": "[手机号]",
    "landline": "[固定电话]",
    "id_card": "[身份证号]",
    "bank_card": "[银行卡号]",
    "email": "[邮箱]",
    "qq": "[QQ号]",
    "wechat": "[微信号]",
    "ip": "[IP地址]",
}

_PRIORITY = {kind: n for n, kind in enumerate(KINDS)}
_QUANTITY_KINDS = frozenset({"mobile", "landline", "bank_card"})


@dataclass(frozen=True, slots=True)
class Match:
    """One piece of personal data: its kind and its span ``text[start:end]``."""

    kind: str
    start: int
    end: int


def check_kinds(kinds: Collection[str]) -> frozenset[str]:
    """``kinds`` as a set, or :class:`ValueError` naming the valid kinds."""
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise ValueError(f"unknown kind(s) of personal data {unknown}; valid kinds: {', '.join(KINDS)}")
    return frozenset(kinds)


def probe(text: str) -> str:
    """``text`` with full-width ASCII forms and Traditional characters folded, one for one (offsets stay).

    The cue words and units are Simplified (QQ号, 张): Traditional text is read
    as its Simplified form (QQ號, 張).

    >>> probe("电话：１３８１２３４５６７８"), probe("賣了１３８００１３８０００張")
    ('电话：13812345678', '卖了13800138000张')
    """
    return to_simplified(WIDE_RUN_RE.sub(_fold_run, text))


def _fold_run(m: re.Match[str]) -> str:
    return m.group().translate(WIDE_TO_ASCII)


# -- numbers -----------------------------------------------------------------------


def _id_kind(groups: list[str], lengths: tuple[int, ...]) -> str | None:
    value = "".join(groups)
    if lengths in ((18,), (6, 8, 4), (6, 4, 4, 4)) and is_resident_id(value):
        return "id_card"
    if lengths in ((15,), (6, 6, 3)) and is_old_resident_id(value):
        return "id_card"
    return None


def _phone_kind(groups: list[str], lengths: tuple[int, ...], *, country: bool) -> str | None:
    digits = "".join(groups)
    if digits.startswith("1") and len(digits) == 11:
        return phone_kind(digits) if lengths in ((11,), (3, 4, 4), (3, 8), (7, 4)) else None
    if country:  # +86 10 6234 5678: the area code loses its 0 after the country code
        digits = "0" + digits
    elif not digits.startswith("0"):
        return None
    area, local = (lengths[0] + country, lengths[1:]) if len(lengths) > 1 else (0, ())
    if len(lengths) > 1 and not (area in (3, 4) and (local in ((7,), (8,), (3, 4), (4, 4)))):
        return None
    return phone_kind(digits)


def _card_kind(groups: list[str], lengths: tuple[int, ...]) -> str | None:
    grouped = len(lengths) == 1 or (all(n == 4 for n in lengths[:-1]) and 1 <= lengths[-1] <= 4)
    return "bank_card" if grouped and is_bank_card("".join(groups)) else None


def _number_kind(groups: list[str], *, country: bool) -> str | None:
    """The kind of the national number in ``groups`` (digit groups as written), or ``None``."""
    lengths = tuple(len(g) for g in groups)
    if not country and (kind := _id_kind(groups, lengths) or _card_kind(groups, lengths)):
        return kind
    return _phone_kind(groups, lengths, country=country)


def _country_code(groups: list[str], plus: bool) -> list[str] | None:
    """The groups after a leading ``+86``/``0086``, or ``None`` when there is none."""
    first = groups[0]
    for code in ("0086", "86") if not plus else ("86",):
        if first == code and len(groups) > 1:
            return groups[1:]
        if first.startswith(code) and len(first) > len(code) + 9:
            return [first[len(code) :], *groups[1:]]
    return None


def _numbers(text: str, token: regex.Match[str]) -> Iterator[Match]:
    """The phone, ID and card numbers in one digit run: the whole run, or its longest parts."""
    found = [(m.group(), m.start(), m.end()) for m in DIGITS_RE.finditer(token.group())]
    base, raw = token.start(), token.group()
    x_end = base + len(raw) if raw[-1] in "Xx" else None
    i = 0
    while i < len(found):
        for j in range(len(found), i, -1):
            groups = [g for g, _, _ in found[i:j]]
            start, end = base + found[i][1], base + found[j - 1][2]
            if i == 0 and _opens_number(raw[: found[0][1]], raw[found[0][1] : found[j - 1][2]]):
                start = base
            national = _country_code(groups, plus=i == 0 and "+" in raw[: found[0][1]])
            if national is not None:
                kind = _number_kind(national, country=True)
            else:
                if j == len(found) and x_end is not None:
                    groups[-1] += "X"
                kind = _number_kind(groups, country=False)
                if kind == "id_card" and groups[-1].endswith("X"):
                    end = x_end or end
            if kind is not None and not (kind in _QUANTITY_KINDS and _quantity(text, start, end)):
                yield Match(kind, start, end)
                i = j
                break
        else:
            i += 1


def _opens_number(prefix: str, inside: str) -> bool:
    """The ``+`` or ``(`` before a number's first group is part of it: a country code, or an
    area code in parentheses that close inside the number (``（0755）8601 3388``), not the
    parenthesis a sentence opens around it (``（13812345678）``)."""
    return "+" in prefix or (bool(prefix) and (")" in inside or "）" in inside))


def _quantity(text: str, start: int, end: int) -> bool:
    """The number at ``text[start:end]`` is an amount or a count: a unit after it, ``¥`` or ``第`` before."""
    return (end < len(text) and text[end] in QUANTITY_AFTER) or (
        start > 0 and text[start - 1] in QUANTITY_BEFORE
    )


# -- the other kinds ----------------------------------------------------------------


def _ips(probe_text: str, urls: list[tuple[int, int]]) -> Iterator[Match]:
    for m in IPV4_RE.finditer(probe_text):
        value = m.group()
        if (
            is_ipv4(value)
            and (value.index(".") > 1 or IP_CUE_RE.search(probe_text, max(0, m.start() - 12), m.start()))
            and _outside_urls(probe_text, m.start(), urls)
            and not _section(probe_text, m.start(), m.end())
        ):
            yield Match("ip", m.start(), m.end())
    if "::" in probe_text or probe_text.count(":") >= 7:
        for m in IPV6_RE.finditer(probe_text):
            if is_ipv6(m.group()) and _outside_urls(probe_text, m.start(), urls):
                yield Match("ip", m.start(), m.end())


def _section(text: str, start: int, end: int) -> bool:
    """The dotted quad at ``text[start:end]`` numbers a section: ``第`` before it or ``条`` after it."""
    return text[start - 1 : start] == "第" or text[end : end + 1] in SECTION_AFTER


def _cued(pattern: regex.Pattern[str], kind: str, probe_text: str) -> Iterator[Match]:
    for m in pattern.finditer(probe_text):
        value = m.group("value")
        if kind == "wechat" and value.lower() in ("wechat", "weixin"):
            continue
        yield Match(kind, m.start("value"), m.end("value"))


def _outside_urls(text: str, at: int, urls: list[tuple[int, int]]) -> bool:
    """A number at ``at`` is not part of a web address, or is the value of a query parameter there.

    A number in a path is a page id (``/news/13812345678.html``) and an address
    in a host is a server's (``http://61.135.132.134/``); one after ``=``
    (``?tel=13812345678``) is a value someone typed into a form.
    """
    return text[at - 1 : at] == "=" or not any(s <= at < e for s, e in urls)


def _candidates(text: str, probe_text: str, kinds: frozenset[str]) -> Iterator[Match]:
    urls = [m.span() for m in URL_RE.finditer(probe_text)] if "/" in probe_text else []
    if kinds & {"id_card", "bank_card", "mobile", "landline"}:
        for token in NUMBER_RE.finditer(probe_text):
            if _outside_urls(probe_text, token.start(), urls):
                yield from _numbers(probe_text, token)
    if "email" in kinds and "@" in probe_text:
        yield from (Match("email", m.start(), m.end()) for m in EMAIL_RE.finditer(probe_text))
    if "qq" in kinds and any(cue in probe_text for cue in QQ_CUES):
        yield from _cued(QQ_RE, "qq", probe_text)
    if "wechat" in kinds and any(cue in probe_text for cue in WECHAT_CUES):
        yield from _cued(WECHAT_RE, "wechat", probe_text)
    if "ip" in kinds and ("." in probe_text or ":" in probe_text):
        yield from _ips(probe_text, urls)


def find_pii(text: str, kinds: Collection[str] = KINDS) -> list[Match]:
    """The personal data in ``text`` of the given ``kinds``, in text order, spans never overlapping.

    A text with no digit, no ``@`` and no WeChat cue word costs one scan.

    >>> text = "身份证号11010519491231002X，QQ：123456789，VX：zhang_san88"
    >>> [(m.kind, text[m.start : m.end]) for m in find_pii(text)]
    [('id_card', '11010519491231002X'), ('qq', '123456789'), ('wechat', 'zhang_san88')]
    """
    if TRIGGER_RE.search(text) is None:
        return []
    wanted = check_kinds(kinds)
    found = sorted(
        (m for m in _candidates(text, probe(text), wanted) if m.kind in wanted),
        key=lambda m: (m.start, -m.end, _PRIORITY[m.kind]),
    )
    kept: list[Match] = []
    for m in found:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def mask_pii(
    text: str, kinds: Collection[str] = KINDS, placeholders: Mapping[str, str] = PLACEHOLDERS
) -> str:
    """``text`` with each piece of personal data replaced by its kind's placeholder.

    >>> mask_pii("联系人：王先生，手机 +86 138-1234-5678，IP 192.168.10.1")
    '联系人：王先生，手机 [手机号]，IP [IP地址]'
    """
    return replace_matches(text, find_pii(text, kinds), placeholders)


def replace_matches(
    text: str, matches: Iterable[Match], placeholders: Mapping[str, str] = PLACEHOLDERS
) -> str:
    """``text`` with each of ``matches`` (in text order, not overlapping) replaced by its placeholder.

    >>> replace_matches("QQ：123456", [Match("qq", 3, 9)])
    'QQ：[QQ号]'
    """
    pieces: list[str] = []
    last = 0
    for m in matches:
        pieces += (text[last : m.start], placeholders[m.kind])
        last = m.end
    return "".join(pieces) + text[last:] if pieces else text


# -- keyed hashes ----------------------------------------------------------------------


def _digits(value: str) -> str:
    return "".join(DIGITS_RE.findall(value))


def _phone(value: str) -> str:
    digits = _digits(value)
    for code in ("0086", "86"):
        if digits.startswith(code) and len(digits) > 12:
            digits = digits[len(code) :]
            break
    return digits if digits[0] in "01" else "0" + digits


_CANONICAL: Mapping[str, Callable[[str], str]] = {
    "mobile": _phone,
    "landline": _phone,
    "id_card": lambda v: _digits(v) + ("X" if v[-1] in "Xx" else ""),
    "bank_card": _digits,
    "qq": _digits,
    "email": str.lower,
    "wechat": str.lower,
    "ip": lambda v: str(ipaddress.ip_address(v)),
}


def canonical(kind: str, value: str) -> str:
    """One spelling of ``value`` however it was written: the same number hashes the same.

    >>> canonical("mobile", "+86 138-1234-5678"), canonical("id_card", "110105 19491231 002x")
    ('13812345678', '11010519491231002X')
    """
    return _CANONICAL[kind](probe(value))


def keyed_hash(key: str, kind: str, value: str) -> str:
    """HMAC-SHA256 under ``key`` of ``kind:`` and ``value``'s :func:`canonical` spelling, in hex.

    Without the key the hash cannot be recomputed from a guessed value, so it
    links the places one value was found without keeping it.

    >>> keyed_hash("k", "mobile", "138 1234 5678") == keyed_hash("k", "mobile", "13812345678")
    True
    """
    return hmac.new(key.encode(), f"{kind}:{canonical(kind, value)}".encode(), hashlib.sha256).hexdigest()
