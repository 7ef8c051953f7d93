"""Choosing a decoding by how plausible the text is as Chinese; GBK's private-use code points mapped."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest
from seedtools import all_seeds, peoples_daily

from corpusclean.formats import Corpus, decode_bytes, decode_html
from corpusclean.formats.encoding import GB_PRIVATE_USE, chinese_plausibility, map_gb_private_use
from corpusclean.recipe import default_pipeline

ROOT = Path(__file__).resolve().parent.parent
#: The development pages, beside the repository (or beside the folder that holds its checkouts).
HTML_DEV = next(
    (
        p
        for p in (
            ROOT.parent / "shared" / "html-dev" / "original",
            ROOT.parent.parent / "shared" / "html-dev" / "original",
        )
        if p.is_dir()
    ),
    ROOT.parent / "shared" / "html-dev" / "original",
)
PARAGRAPHS = [p for p in peoples_daily(400) if len(p) >= 12]
SHORT = PARAGRAPHS[1]  # 中共中央总书记、国家主席江泽民 (15 characters)
LONG = all_seeds()[0].text
#: Bytes that are never valid UTF-8, as they turn up in damaged files: a stray
#: continuation byte, a cut-off three-byte sequence, an invalid lead byte.
DAMAGE = (b"\x80", b"\xe5\x9c", b"\xff")


def damaged(text: str, bad: int) -> bytes:
    """``text`` as UTF-8 with ``bad`` invalid byte sequences inserted between characters in the middle."""
    data = text.encode("utf-8")
    middle = len(text) // 2
    for i in reversed(range(bad)):  # the last first, so that the earlier offsets still hold
        cut = len(text[: middle + i * 3].encode("utf-8"))
        data = data[:cut] + DAMAGE[i] + data[cut:]
    return data


@pytest.mark.parametrize("bad", [1, 2, 3])
@pytest.mark.parametrize("text", [SHORT, PARAGRAPHS[5][:40], LONG], ids=["15-chars", "40-chars", "seed"])
def test_damaged_utf8_stays_utf8(text: str, bad: int) -> None:
    decoded, encoding = decode_bytes(damaged(text, bad))
    assert encoding == "utf-8"
    assert decoded.replace("\ufffd", "") == text  # every character but the damage kept
    assert 1 <= decoded.count("\ufffd") <= bad * 2


def test_damage_is_recorded_in_the_metadata(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes(damaged(SHORT, 3))
    (doc,) = Corpus([path])
    assert doc.metadata["encoding"] == "utf-8"
    assert doc.metadata["decode_errors"] == doc.text.count("\ufffd") >= 3
    assert "瀹" not in doc.text and "涓" not in doc.text  # no mojibake


@pytest.mark.parametrize("text", [SHORT, PARAGRAPHS[7][:20], *PARAGRAPHS[10:30], LONG])
def test_gb18030_is_read_as_gb18030(text: str) -> None:
    assert decode_bytes(text.encode("gb18030")) == (text, "gb18030")


def _traditional(texts: list[str]) -> list[str]:
    """The texts in traditional characters (OpenCC), those that Big5 can encode."""
    convert = opencc.OpenCC("s2t").convert
    out = []
    for text in map(convert, texts):
        try:
            text.encode("big5")
        except UnicodeEncodeError:
            continue
        out.append(text)
    return out


@pytest.mark.parametrize("text", _traditional(PARAGRAPHS[40:80])[:15])
def test_big5_is_read_as_big5(text: str) -> None:
    assert decode_bytes(text.encode("big5")) == (text, "big5")


def test_plausibility_orders_the_candidates() -> None:
    data = LONG.encode("utf-8")
    right = chinese_plausibility(LONG)
    wrong = chinese_plausibility(data.decode("gb18030", errors="replace"))
    assert right > 0.9 > 0.5 > wrong


# GB18030-2005 decoders (Python's among them) give private-use code points for
# these bytes; the characters writers meant, as GB18030-2022 and Unicode map them.
@pytest.mark.parametrize(
    ("gb", "meant"),
    [("a3a0", "\u3000"), ("a6d9", "\ufe10"), ("a6da", "\ufe12"), ("a6db", "\ufe11"), ("a6f3", "\ufe19"),
     ("a8bc", "\u1e3f"), ("fe51", "\U00020087"), ("fe59", "\u9fb4"), ("fe91", "\U000241fe"),
     ("fea0", "\u9fbb")],
)  # fmt: skip
def test_gb_private_use_code_points_become_what_writers_meant(gb: str, meant: str) -> None:
    raw = bytes.fromhex(gb).decode("gb18030")
    assert raw in GB_PRIVATE_USE  # the decoder really gives a private-use code point here
    assert map_gb_private_use(raw) == meant
    assert decode_bytes("中文".encode("gbk") + bytes.fromhex(gb))[0] == "中文" + meant


def test_private_use_characters_in_utf8_text_are_left_alone() -> None:
    text = "自造字\ue5e5在UTF-8里是作者的选择。"
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


@pytest.mark.skipif(not HTML_DEV.is_dir(), reason="needs ../shared/html-dev (the development pages)")
def test_a3a0_indents_of_a_real_gbk_page_clean_like_full_width_spaces(tmp_path: Path) -> None:
    """A GBK page indented with A3A0 pairs (as pages from some editors are) cleans like the same page
    indented with the standard full-width space A1A1: no box left at the line starts."""
    original = (HTML_DEV / "c3f7d079-7730-4a9c-b041-73fcc4b5b3e4.html").read_bytes()
    indent = "\u3000\u3000".encode("gbk")
    assert original.count(indent) > 100
    a3a0 = original.replace(indent, b"\xa3\xa0\xa3\xa0")
    text, codec = decode_html(a3a0)
    assert codec == "gb18030" and "\ue5e5" not in text
    assert text == decode_html(original)[0]
    (tmp_path / "a1a1.html").write_bytes(original)
    (tmp_path / "a3a0.html").write_bytes(a3a0)
    cleaned = {  # one run each, so that neither is marked as a duplicate of the other
        name: default_pipeline().run(Corpus([tmp_path / f"{name}.html"]))[0].text for name in ("a1a1", "a3a0")
    }
    assert cleaned["a3a0"] == cleaned["a1a1"]
    assert not any(line.startswith("\ue5e5") for line in cleaned["a3a0"].splitlines())
