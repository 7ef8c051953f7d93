"""The compiled patterns that propose candidates; :mod:`.checks` decides which are personal data.

Patterns run on a *probe* of the text: the same text with full-width digits,
letters and the marks inside values (``１３８``, ``ＡＢＣ``, ``＠``, ``＋``,
``－``, ``．``, ``＿``) folded to ASCII, one character for one, so that offsets in the
probe are offsets in the text. Chinese punctuation (``，：（）``) stays as it is, and
the patterns take both widths of the marks around values.
"""

from __future__ import annotations

import re

import regex

#: The full-width forms that can be part of a value: digits, Latin letters, ``＋－．＠＿``.
WIDE_CHARS = "０-９Ａ-Ｚａ-ｚ＋－．＠＿"
#: Those forms to ASCII, one character for one (full-width forms sit 0xFEE0 above ASCII).
WIDE_TO_ASCII = {
    code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if regex.fullmatch(f"[{WIDE_CHARS}]", chr(code))
}

#: Cue words of WeChat ids, which (unlike every other kind) need no digit. A Latin cue
#: (``VX``, ``WeChat``) must not run into the id (``weixincodekey`` is one word).
WECHAT_CUE = r"(?:微信|[Vv]信|(?:[VvWw][Xx]|(?i:weixin|wechat))(?![A-Za-z0-9_]))"
#: Cue words of QQ numbers.
QQ_CUE = r"(?:(?i:qq)|扣扣|Q群)"

#: What any kind needs: a digit, an ``@``, or a WeChat cue word (one scan decides
#: whether a text needs looking at, in either width). The standard :mod:`re` runs
#: this scan several times faster than :mod:`regex`, more so behind the lookahead
#: of first characters.
TRIGGER_RE = re.compile(
    r"(?=[0-9０-９@＠微VvWwＶｖＷｗ])"
    r"(?:[0-9０-９@＠]|微信|[VvWwＶｖＷｗ][XxＸｘ]|[VvＶｖ]信|wxid_|(?i:weixin|wechat))"
)
#: Cue words, looked for with ``in`` (many times faster than a pattern) before the
#: cue patterns run; a text with none of them is not searched for QQ numbers or WeChat ids.
QQ_CUES = ("QQ", "qq", "Qq", "扣扣", "Q群")
WECHAT_CUES = ("微信", "VX", "vx", "Vx", "WX", "wx", "Wx", "V信", "v信", "eixin", "echat", "wxid_")

#: Runs of the full-width forms that :data:`WIDE_TO_ASCII` folds (only these runs are
#: translated: three times faster than translating a whole text).
WIDE_RUN_RE = re.compile(f"[{WIDE_CHARS}]+")

#: A run of digits in groups that holds at least ten digits (the shortest phone number
#: with its area code): groups split by one or two of ``-``, space and parentheses, an
#: optional ``+`` or ``(`` before, an optional ``X`` after (an ID number's check digit).
#: Not inside a longer number (``1,234,567``, ``3.1415926535``), a Latin word or an address.
NUMBER_RE = regex.compile(
    r"(?<![0-9A-Za-z_.,@/\\])"
    r"(?=(?:[-+ ()（）]{0,2}\d){10})"
    r"[+(（]{0,2}\d(?:\d|[- ()（）]{1,2}(?=\d))*[Xx]?"
    r"(?![A-Za-z0-9_@]|[.,]\d)"
)
#: The digit groups of a :data:`NUMBER_RE` match.
DIGITS_RE = regex.compile(r"\d+")

#: An e-mail address; the local part starts after any non-ASCII character, so an
#: address glued to Chinese text (``邮箱abc@qq.com谢谢``) is found whole; not after a
#: ``/`` (``/2005/1060@2538939.htm`` is a path).
EMAIL_RE = regex.compile(
    r"(?<![A-Za-z0-9._%+\-/])[A-Za-z0-9_%+\-](?:[A-Za-z0-9._%+\-]{0,63}[A-Za-z0-9_%+\-])?"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-])"
)

#: A QQ number after its cue word (``QQ``, ``QQ号``, ``QQ群``, ``扣扣``, ``Q群``); the
#: ``value`` group is the number, the cue stays.
QQ_RE = regex.compile(
    rf"(?=[Qq扣])(?<![A-Za-z]){QQ_CUE}(?:群|号码?|群号码?)?(?:是|为)?[ :：]{{0,3}}"
    r"(?P<value>[1-9]\d{4,10})(?!\d)"
)

#: A WeChat id after its cue word (``微信``, ``微信号``, ``VX``, ``V信``, ``WeChat``): a
#: letter, then 5 to 19 letters, digits, ``_`` or ``-``; or a ``wxid_`` id anywhere.
WECHAT_RE = regex.compile(
    r"(?=[微VvWw])(?:"  # a quick test of the first character before the alternatives
    r"(?<![A-Za-z0-9_])(?P<value>wxid_[A-Za-z0-9]{4,30})(?![A-Za-z0-9_])"
    rf"|(?<![A-Za-z]){WECHAT_CUE}(?:号码?|(?i:id))?(?:是|为)?[ :：]{{0,3}}"
    r"(?P<value>[A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9@]|\.[A-Za-z0-9]))"
)

#: A dotted quad, not part of a longer dotted number (a version, a section ``1.2.3.4.5``).
IPV4_RE = regex.compile(r"(?<![0-9A-Za-z_.])(?:\d{1,3}\.){3}\d{1,3}(?![0-9A-Za-z_]|\.\d)")
#: A cue word shortly before an address (``IP``, ``地址``, ``服务器``, ``主机``, ``网关``):
#: an address whose first number has one digit (``1.60.80.7``, more often a row of
#: decimals in a table or a section number) counts only after one.
IP_CUE_RE = regex.compile(r"(?i:ip|地址|服务器|主机|网关|dns)[^\n]{0,8}\Z")

#: An IPv6 candidate: hex groups and colons with a ``::`` or seven colons, maybe an IPv4
#: tail; after ``IP:``/``IPv6:`` too.
IPV6_RE = regex.compile(
    r"(?=[0-9A-Fa-f:])(?:(?<![0-9A-Za-z_.:])|(?<=(?i:ip|ipv6)[:：]))"
    r"(?=[0-9A-Fa-f:]*::|(?:[0-9A-Fa-f]{1,4}:){7})"
    r"[0-9A-Fa-f:]{2,39}(?:\.\d{1,3}){0,3}"
    r"(?![0-9A-Za-z_:]|\.\d)"
)

#: A web address: numbers inside one (page ids, dates) are not phone or card numbers.
URL_RE = regex.compile(r"(?=[HhFfWw])(?i:https?://|ftp://|www\.)[^\s<>\"'，。；！？、）】」》]+")

#: Characters after a number that make it a quantity (``15000000000元``), not a phone or a card.
QUANTITY_AFTER = frozenset("元角分万亿人个次吨米件台辆户股张条只头斤克升倍%％‰号年岁天")
#: Characters around a dotted quad that make it a section number (``第10.2.1.3条``), not an address.
SECTION_AFTER = frozenset("条款节章项段")
#: Characters before a number that make it an amount or an ordinal (``¥``, ``第``).
QUANTITY_BEFORE = frozenset("第共约¥$￥")
