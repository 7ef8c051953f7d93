"""Validators: whether a string of digits is a resident ID, a bank card or a phone number.

Each takes the bare value (separators taken out) and says yes only when the form
and the check digits agree, so that dates, amounts, serial numbers and
statistics that merely look like an identifier are left alone. The region codes
of ID numbers come from python-stdnum's table of Chinese administrative
divisions (historical ones included, as old IDs keep the code of their day);
phone numbers are checked against libphonenumber's Chinese numbering plan
(``phonenumbers``), which knows every mobile prefix and area code with the
length of its local numbers.

>>> is_resident_id("11010519491231002X"), is_resident_id("110105194912310021")
(True, False)
>>> is_bank_card("6222021234567890128"), phone_kind("13812345678"), phone_kind("075586013388")
(True, 'mobile', 'landline')
"""

from __future__ import annotations

import datetime
import ipaddress
from functools import cache, lru_cache
from typing import Any

from stdnum import luhn
from stdnum.cn import ric

#: Bank card issuer prefixes (IIN ranges) and the lengths their cards have: UnionPay
#: (62, 81, and the 60 ranges of Chinese banks' older cards), Visa (4), Mastercard
#: (51-55 and 2221-2720), JCB (3528-3589), Discover (6011, 644-649, 65) and the 19-digit
#: ICBC cards that start with 9558. Checked on the first digits, longest first. Visa
#: cards have 16 or 19 digits, Mastercard 16, UnionPay 16 to 19.
CARD_ISSUERS: tuple[tuple[range, int, range], ...] = (
    (range(3528, 3590), 4, range(16, 20)),
    (range(2221, 2721), 4, range(16, 17)),
    (range(9558, 9559), 4, range(19, 20)),
    (range(6011, 6012), 4, range(16, 20)),
    (range(644, 650), 3, range(16, 20)),
    (range(51, 56), 2, range(16, 17)),
    (range(60, 61), 2, range(16, 20)),
    (range(62, 63), 2, range(16, 20)),
    (range(65, 66), 2, range(16, 20)),
    (range(81, 82), 2, range(16, 20)),
    (range(4, 5), 1, range(16, 20, 3)),
)

#: The earliest birth year an ID number may carry.
FIRST_BIRTH_YEAR = 1900


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _birth_date_ok(digits: str) -> bool:
    """``digits`` (``YYYYMMDD``) is a real date from 1900 to today."""
    born = _date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    return born is not None and born.year >= FIRST_BIRTH_YEAR and born <= datetime.date.today()


@cache
def _regions() -> Any:
    from stdnum import numdb

    return numdb.get("cn/loc")


@lru_cache(maxsize=8192)  # a lookup in the table is slow (0.4 ms); codes repeat
def is_region(code: str) -> bool:
    """``code`` (six digits) is a county-level division code, current or historical.

    >>> is_region("440305"), is_region("990000")
    (True, False)
    """
    return bool(_regions().info(code)[0][1])


def is_resident_id(value: str) -> bool:
    """``value`` is an 18-character resident ID number (GB 11643): region, birth date, check digit.

    The check digit may be ``X`` or ``x``.

    >>> is_resident_id("44030519900307105x"), is_resident_id("199801011234567890")
    (True, False)
    """
    if len(value) != 18 or not value[:17].isdigit():
        return False
    number = value[:17] + value[17].upper()
    return (
        number[17] == ric.calc_check_digit(number)  # the number with its check digit
        and _birth_date_ok(number[6:14])
        and is_region(number[:6])
    )


def is_old_resident_id(value: str) -> bool:
    """``value`` is a 15-digit resident ID number of the first generation: region and birth date.

    The old form has no check digit: the birth year is written with two digits
    (``19YY``) and three digits of sequence follow.

    >>> is_old_resident_id("110105491231002"), is_old_resident_id("123456789012345")
    (True, False)
    """
    return (
        len(value) == 15 and value.isdigit() and _birth_date_ok("19" + value[6:12]) and is_region(value[:6])
    )


def card_issuer_ok(value: str) -> bool:
    """``value``'s first digits are an issuer prefix whose cards have ``len(value)`` digits.

    >>> card_issuer_ok("6222021234567890128"), card_issuer_ok("1234567890123456")
    (True, False)
    """
    for prefixes, digits, lengths in CARD_ISSUERS:
        if int(value[:digits]) in prefixes:
            return len(value) in lengths
    return False


def is_bank_card(value: str) -> bool:
    """``value`` is a 16- to 19-digit bank card number: a known issuer prefix and the Luhn check.

    An 18-digit number that opens with a region code and a birth year reads as an
    ID number with a wrong check digit or date (a typo, a made-up example), not a
    card: Gansu's and Xinjiang's codes (62, 65) are also card prefixes.

    >>> is_bank_card("6222021234567890127"), is_bank_card("420106197903296280")
    (False, False)
    """
    if not (16 <= len(value) <= 19 and value.isdigit() and card_issuer_ok(value) and luhn.is_valid(value)):
        return False
    born = int(value[6:10])
    return not (
        len(value) == 18 and FIRST_BIRTH_YEAR <= born <= datetime.date.today().year and is_region(value[:6])
    )


@cache
def _phonenumbers() -> Any:
    import phonenumbers

    return phonenumbers


def phone_kind(digits: str) -> str | None:
    """``"mobile"`` or ``"landline"`` when ``digits`` is a valid Chinese number, else ``None``.

    ``digits`` is the national number: a mobile number (``13812345678``) or a
    landline with its area code and the leading ``0`` (``01062345678``).

    >>> phone_kind("01062345678"), phone_kind("12345678901"), phone_kind("0311123456")
    ('landline', None, None)
    """
    pn = _phonenumbers()
    try:
        number = pn.parse(digits, "CN")
    except pn.NumberParseException:
        return None
    kind = pn.number_type(number)  # UNKNOWN unless valid (is_valid_number would test it again)
    if kind == pn.PhoneNumberType.MOBILE:
        return "mobile" if digits[0] == "1" else None
    if kind == pn.PhoneNumberType.FIXED_LINE:
        return "landline" if digits[0] == "0" else None
    return None


def is_ipv4(value: str) -> bool:
    """``value`` is a dotted IPv4 address without leading zeros.

    >>> is_ipv4("192.168.1.10"), is_ipv4("192.168.01.10"), is_ipv4("1.2.3.256")
    (True, False, False)
    """
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return False
    return True


def is_ipv6(value: str) -> bool:
    """``value`` is an IPv6 address (full, ``::``-compressed, or with an IPv4 tail).

    >>> is_ipv6("2001:db8::8a2e:370:7334"), is_ipv6("12:30:45")
    (True, False)
    """
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True
