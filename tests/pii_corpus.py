"""Personal data to insert into real text, in every written form, and numbers that only look like it.

Valid values are made here from real parts, with the check digits computed
independently of the library (GB 11643's weights, Luhn's doubling): ID numbers
from real county codes and birth dates, card numbers from real issuer prefixes,
mobile numbers from real prefixes, landlines from real area codes with their
local number lengths. Each value comes in a natural carrier phrase whose cue
words must survive masking.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from seedtools import peoples_daily

from corpusclean.pii import find_pii

#: Real county-level division codes (GB/T 2260).
REGIONS = [
    "110105",
    "110108",
    "310104",
    "310115",
    "440305",
    "440106",
    "330106",
    "320102",
    "510107",
    "420106",
    "610113",
    "500103",
    "120101",
    "370202",
    "210102",
    "230103",
    "350203",
    "430104",
    "410105",
    "530102",
    "130102",
    "140105",
    "220102",
    "340104",
    "360102",
    "450103",
    "460105",
    "520102",
    "540102",
    "620102",
    "630102",
    "640104",
    "650102",
    "150102",
]
#: Real mobile prefixes of the three carriers and China Broadnet.
MOBILE_PREFIXES = [
    "130",
    "131",
    "132",
    "133",
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "145",
    "147",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "173",
    "175",
    "176",
    "177",
    "178",
    "180",
    "181",
    "182",
    "183",
    "184",
    "185",
    "186",
    "187",
    "188",
    "189",
    "190",
    "191",
    "192",
    "193",
    "196",
    "198",
    "199",
]
#: Real area codes with the length of their local numbers.
AREA_CODES = {
    **dict.fromkeys(["010", "020", "021", "022", "023", "024", "025", "027", "028", "029"], 8),
    **dict.fromkeys(
        [
            "0755",
            "0571",
            "0512",
            "0371",
            "0532",
            "0731",
            "0311",
            "0431",
            "0451",
            "0531",
            "0551",
            "0591",
            "0791",
            "0851",
        ],
        8,
    ),
    **dict.fromkeys(["0351", "0931", "0991"], 7),
}
#: Real bank card issuer prefixes (BINs) with their card lengths: ICBC, ABC, CCB, BOC, CMB
#: UnionPay debit cards, a CCB Visa, a CMB Mastercard, ICBC's 9558 cards.
CARD_PREFIXES = {
    "622202": (16, 19),
    "622848": (19,),
    "621700": (19,),
    "621661": (19,),
    "622588": (16,),
    "436742": (16,),
    "518710": (16,),
    "955880": (19,),
}
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
EMAIL_DOMAINS = ("qq.com", "163.com", "126.com", "sina.com", "gmail.com", "pku.edu.cn", "foxmail.com")
WIDE = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


def id_check_digit(first17: str) -> str:
    """GB 11643-1999's check character of the first 17 digits."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def luhn_digit(body: str) -> str:
    """The digit that makes ``body`` + digit pass the Luhn check."""
    total = 0
    for n, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if n % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str(-total % 10)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def birth_date(rng: random.Random) -> datetime.date:
    return datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 65))


def resident_id(rng: random.Random) -> str:
    body = rng.choice(REGIONS) + birth_date(rng).strftime("%Y%m%d") + _digits(rng, 3)
    return body + id_check_digit(body)


def old_resident_id(rng: random.Random) -> str:
    return rng.choice(REGIONS) + birth_date(rng).strftime("%y%m%d") + _digits(rng, 3)


def bank_card(rng: random.Random) -> str:
    prefix, lengths = rng.choice(list(CARD_PREFIXES.items()))
    body = prefix + _digits(rng, rng.choice(lengths) - len(prefix) - 1)
    return body + luhn_digit(body)


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + _digits(rng, 8)


def landline(rng: random.Random) -> tuple[str, str]:
    area, length = rng.choice(list(AREA_CODES.items()))
    return area, rng.choice("2345678") + _digits(rng, length - 1)


def _grouped(value: str, sizes: tuple[int, ...], sep: str) -> str:
    parts, at = [], 0
    for size in sizes:
        parts.append(value[at : at + size])
        at += size
    if at < len(value):
        parts.append(value[at:])
    return sep.join(parts)


@dataclass(frozen=True)
class Sample:
    """A value as written, its kind and written form, and the phrase around it (``{}`` marks it)."""

    kind: str
    form: str
    written: str
    phrase: str


# -- every kind in every written form ------------------------------------------------------

Writer = Callable[[random.Random], str]


def _mobile_forms() -> dict[str, Writer]:
    return {
        "plain": mobile,
        "dashes-3-4-4": lambda r: _grouped(mobile(r), (3, 4), "-"),
        "spaces-3-4-4": lambda r: _grouped(mobile(r), (3, 4), " "),
        "plus86": lambda r: "+86 " + mobile(r),
        "plus86-glued": lambda r: "+86" + mobile(r),
        "plus86-dashes": lambda r: "+86-" + _grouped(mobile(r), (3, 4), "-"),
        "0086": lambda r: "0086 " + mobile(r),
        "full-width": lambda r: mobile(r).translate(WIDE),
    }


def _landline_forms() -> dict[str, Writer]:
    def dash(r: random.Random) -> str:
        return "-".join(landline(r))

    def parens(r: random.Random) -> str:
        area, local = landline(r)
        return f"（{area}）{_grouped(local, (len(local) - 4,), ' ')}"

    def ascii_parens(r: random.Random) -> str:
        area, local = landline(r)
        return f"({area}){local}"

    def space(r: random.Random) -> str:
        return " ".join(landline(r))

    def plus86(r: random.Random) -> str:
        area, local = landline(r)
        return f"+86 {area[1:]} {local}"

    return {
        "dash": dash,
        "parens-grouped": parens,
        "ascii-parens": ascii_parens,
        "space": space,
        "plus86": plus86,
        "full-width": lambda r: dash(r).translate(WIDE),
    }


def _id_forms() -> dict[str, Writer]:
    def lower_x(r: random.Random) -> str:
        while not (value := resident_id(r)).endswith("X"):
            pass
        return value.lower()

    return {
        "plain": resident_id,
        "spaces-6-8-4": lambda r: _grouped(resident_id(r), (6, 8), " "),
        "lower-x": lower_x,
        "old-15": old_resident_id,
        "full-width": lambda r: resident_id(r).translate(WIDE),
    }


def _card_forms() -> dict[str, Writer]:
    return {
        "plain": bank_card,
        "spaces-4": lambda r: _grouped(bank_card(r), (4, 4, 4, 4), " "),
        "dashes-4": lambda r: _grouped(bank_card(r), (4, 4, 4, 4), "-"),
        "full-width": lambda r: bank_card(r).translate(WIDE),
    }


def email(rng: random.Random) -> str:
    first = rng.choice("abcdefghijklmnopqrstuvwxyz")
    local = first + "".join(
        rng.choice("abcdefghijklmnopqrstuvwxyz0123456789._") for _ in range(rng.randint(3, 12))
    )
    return local.rstrip("._") + "@" + rng.choice(EMAIL_DOMAINS)


def _email_forms() -> dict[str, Writer]:
    return {
        "plain": email,
        "upper-case": lambda r: email(r).upper(),
        "digits-local": lambda r: str(r.randint(10000, 9999999999)) + "@qq.com",
        "full-width": lambda r: email(r).translate(WIDE),
    }


def qq_number(rng: random.Random) -> str:
    return str(rng.randint(10000, 99999999999))


def wechat_id(rng: random.Random) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    rest = "".join(rng.choice(letters + "0123456789_-") for _ in range(rng.randint(5, 15)))
    return rng.choice(letters + letters.upper()) + rest + str(rng.randint(0, 99))


def ipv4(rng: random.Random) -> str:
    return ".".join(str(n) for n in (rng.randint(11, 223), *(rng.randint(0, 255) for _ in range(3))))


def ipv6(rng: random.Random) -> str:
    groups = [f"{rng.randint(0, 0xFFFF):x}" for _ in range(8)]
    return ":".join(groups)


def ipv6_compressed(rng: random.Random) -> str:
    return f"2001:db8::{rng.randint(1, 0xFFFF):x}:{rng.randint(1, 0xFFFF):x}"


#: Written forms of each kind.
FORMS: dict[str, dict[str, Writer]] = {
    "mobile": _mobile_forms(),
    "landline": _landline_forms(),
    "id_card": _id_forms(),
    "bank_card": _card_forms(),
    "email": _email_forms(),
    "qq": {"plain": qq_number, "full-width": lambda r: qq_number(r).translate(WIDE)},
    "wechat": {
        "plain": wechat_id,
        "wxid": lambda r: (
            "wxid_" + "".join(r.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(14))
        ),
    },
    "ip": {"ipv4": ipv4, "ipv6-full": ipv6, "ipv6-compressed": ipv6_compressed},
}

#: Natural carrier phrases of each kind; the cue words around ``{}`` must stay.
PHRASES: dict[str, tuple[str, ...]] = {
    "mobile": (
        "如有疑问请拨打{}联系。",
        "联系人：王先生，手机{}。",
        "报名电话：{}（工作日）。",
        "热线{}，欢迎来电",
    ),
    "landline": ("咨询电话：{}。", "联系电话{}，传真另附。", "请致电{}转人工服务。", "办公室电话为{}，"),
    "id_card": ("身份证号码为{}的旅客", "姓名张三，身份证号：{}。", "公民身份号码{}，", "证件号{}已登记。"),
    "bank_card": (
        "请将款项汇入账号{}。",
        "开户行工商银行，卡号：{}，",
        "银行卡号{}已冻结。",
        "收款账户{}（户名略）",
    ),
    "email": ("联系邮箱{}谢谢。", "来稿请寄{}，", "电子邮件：{}。", "发送简历至{}即可"),
    "qq": ("加QQ{}了解详情。", "QQ号：{}，", "扣扣 {} 联系", "欢迎加入Q群{}。", "QQ群：{}。"),
    "wechat": ("添加微信{}咨询。", "微信号：{}，", "VX：{}。", "加V信{}报名", "请加微信号 {} 备注姓名"),
    "ip": ("来自IP地址{}的访问", "服务器{}已停机。", "登录IP：{}，", "该主机地址为{}。"),
}


def samples(kind: str, n: int, seed: int = 0) -> Iterator[Sample]:
    """``n`` samples of ``kind`` for each of its written forms."""
    rng = random.Random(f"{kind}-{seed}")
    for form, write in FORMS[kind].items():
        for _ in range(n):
            phrase = rng.choice(PHRASES[kind])
            if kind == "wechat" and form == "wxid":
                phrase = rng.choice(("微信ID是{}。", "对方账号{}，", "来自{}的消息"))
            yield Sample(kind, form, write(rng), phrase)


# -- numbers that are not personal data ----------------------------------------------------


def look_alikes(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``(what, text)``: ``n`` of each kind of number that looks like personal data and is not."""
    rng = random.Random(f"look-alikes-{seed}")

    def bad_id() -> str:
        value = resident_id(rng)
        return value[:17] + next(c for c in "0123456789X" if c != value[17])

    def bad_date_id() -> str:
        body = rng.choice(REGIONS) + f"1990{rng.randint(13, 99)}{rng.randint(32, 99)}" + _digits(rng, 3)
        return body + id_check_digit(body)

    def bad_card() -> str:
        value = bank_card(rng)
        return value[:-1] + str((int(value[-1]) + rng.randint(1, 9)) % 10)

    def order_number() -> str:  # a serial number that fails the Luhn check
        while True:
            value = str(rng.randint(1, 9)) + _digits(rng, rng.randint(15, 18))
            if luhn_digit(value[:-1]) != value[-1]:
                return value

    makers: dict[str, Callable[[], str]] = {
        "id-bad-check-digit": lambda: f"身份证号码{bad_id()}。",
        "id-bad-date": lambda: f"编号{bad_date_id()}，",
        "card-bad-luhn": lambda: f"卡号{bad_card()}，",
        "order-number": lambda: f"订单号{order_number()}已发货。",
        "not-a-mobile-prefix": lambda: f"编号{rng.choice(['10', '11', '12'])}{_digits(rng, 9)}，",
        "date-digits": lambda: f"于{birth_date(rng).strftime('%Y%m%d')}生效",
        "date-words": lambda: f"{rng.randint(1949, 2024)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
        "date-range": lambda: f"{rng.randint(1990, 2010)}-{rng.randint(2011, 2030)}年",
        "amount": lambda: f"投资{rng.randint(10**7, 10**11)}元",
        "amount-grouped": lambda: f"共{rng.randint(10**6, 10**9):,}元",
        "amount-mobile-shaped": lambda: f"总额{mobile(rng)}元",
        "population": lambda: f"全国人口{rng.randint(10**9, 2 * 10**9)}人",
        "document-number": lambda: f"国发〔{rng.randint(1980, 2024)}〕{rng.randint(1, 99)}号",
        "postal-code": lambda: f"邮政编码{rng.randint(100000, 850000)}",
        "hotline": lambda: (
            f"拨打{rng.choice(['12345', '12315', '95588', '10086', '12306', '110', '400-810-8888'])}"
        ),
        "isbn": lambda: f"ISBN 978-7-{rng.randint(1, 99):02d}-{_digits(rng, 6)}-{rng.randint(0, 9)}",
        "isbn-plain": lambda: f"书号978{_digits(rng, 10)}",
        "stock-code": lambda: f"股票代码{rng.choice(['600', '000', '300', '688'])}{_digits(rng, 3)}",
        "decimal": lambda: f"圆周率约为3.{_digits(rng, rng.randint(10, 15))}",
        "section-number": lambda: (
            f"第{rng.randint(1, 9)}.{rng.randint(1, 9)}.{rng.randint(1, 9)}.{rng.randint(1, 9)}条"
        ),
        "table-decimals": lambda: f"北京{rng.randint(1, 3)}.{rng.randint(10, 99)}0.{rng.randint(10, 99)}",
        "clock-time": lambda: f"{rng.randint(0, 23)}:{rng.randint(10, 59)}:{rng.randint(10, 59)}",
        "qq-without-cue": lambda: f"共{qq_number(rng)}件",
        "wechat-word": lambda: "关注微信公众号人民日报",
    }
    for what, make in makers.items():
        for _ in range(n):
            yield what, make()


def clean_paragraphs(limit: int) -> list[str]:
    """People's Daily paragraphs with no personal data of their own, 20 to 300 characters long."""
    return [p for p in peoples_daily(limit) if 20 <= len(p) <= 300 and not find_pii(p)]


def insert(paragraph: str, phrase: str, rng: random.Random) -> tuple[str, str]:
    """``paragraph`` with ``phrase`` inserted after one of its sentences: ``(before, after)`` of ``{}``."""
    cuts = [i + 1 for i, ch in enumerate(paragraph) if ch in "。，；"] or [len(paragraph)]
    at = rng.choice(cuts)
    head, tail = phrase.split("{}")
    return paragraph[:at] + head, tail + paragraph[at:]
