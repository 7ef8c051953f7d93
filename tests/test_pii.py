"""mask_pii: personal data is found in every written form and masked, look-alikes stay, no copy is kept."""

from __future__ import annotations

import random
from collections import Counter

import orjson
import pytest
from pii_corpus import FORMS, clean_paragraphs, insert, look_alikes, samples
from seedtools import peoples_daily

from corpusclean.cleaner import Cleaner
from corpusclean.cleaners.pii import MaskPII
from corpusclean.cleaners.width import fold_fullwidth_alnum
from corpusclean.document import Document, Flag, Removal
from corpusclean.errors import RecipeError
from corpusclean.pii import PLACEHOLDERS, find_pii, keyed_hash, mask_pii
from corpusclean.pipeline import Pipeline
from corpusclean.registry import make_cleaner

MUST_MASK = [
    pytest.param("电话13812345678谢谢", "电话[手机号]谢谢", id="mobile-glued"),
    pytest.param("手机：138-1234-5678。", "手机：[手机号]。", id="mobile-dashes"),
    pytest.param("手机 +86 138 1234 5678", "手机 [手机号]", id="mobile-plus86-spaces"),
    pytest.param("手机0086-13812345678", "手机[手机号]", id="mobile-0086"),
    pytest.param("电话：１３８１２３４５６７８", "电话：[手机号]", id="mobile-full-width"),
    pytest.param("电话010-12345678", "电话[固定电话]", id="landline-issue-example"),
    pytest.param("电话（0755）8601 3388", "电话[固定电话]", id="landline-parens-grouped"),
    pytest.param("电话0755-86013388转801", "电话[固定电话]转801", id="landline-extension-stays"),
    pytest.param("电话+86-10-62345678", "电话[固定电话]", id="landline-plus86"),
    pytest.param("（+86）13812345678", "[手机号]", id="mobile-plus86-in-parentheses"),
    pytest.param("手机（13812345678）", "手机（[手机号]）", id="mobile-in-parentheses"),
    pytest.param("身份证（11010519491231002X）", "身份证（[身份证号]）", id="id-in-parentheses"),
    pytest.param("身份证号11010519491231002X。", "身份证号[身份证号]。", id="id-18-X"),
    pytest.param("身份证号11010519491231002x。", "身份证号[身份证号]。", id="id-18-lower-x"),
    pytest.param("身份证：110105 19491231 002X", "身份证：[身份证号]", id="id-18-grouped"),
    pytest.param("旧身份证110105491231002号码", "旧身份证[身份证号]号码", id="id-15"),
    pytest.param("卡号6222 0212 3456 7890 128", "卡号[银行卡号]", id="card-grouped"),
    pytest.param("卡号6222021234567890128，", "卡号[银行卡号]，", id="card-plain"),
    pytest.param("联系邮箱abc@qq.com谢谢", "联系邮箱[邮箱]谢谢", id="email-glued-both-sides"),
    pytest.param("邮箱ZHANG.SAN@EXAMPLE.COM.CN。", "邮箱[邮箱]。", id="email-upper-case"),
    pytest.param("邮箱123456789@qq.com", "邮箱[邮箱]", id="email-digits"),
    pytest.param("QQ：123456789", "QQ：[QQ号]", id="qq-colon"),
    pytest.param("QQ号12345678", "QQ号[QQ号]", id="qq-hao"),
    pytest.param("扣扣 87654321", "扣扣 [QQ号]", id="qq-koukou"),
    pytest.param("Q群：123456789", "Q群：[QQ号]", id="qq-group"),
    pytest.param("微信：zhang_san88", "微信：[微信号]", id="wechat-colon"),
    pytest.param("微信号是abcdef123", "微信号是[微信号]", id="wechat-hao-shi"),
    pytest.param("VX: wangwu_1990", "VX: [微信号]", id="wechat-vx"),
    pytest.param("V信wangwu1990联系", "V信[微信号]联系", id="wechat-vxin-glued"),
    pytest.param("来自wxid_abc123def456的消息", "来自[微信号]的消息", id="wechat-wxid"),
    pytest.param("微信13812345678", "微信[手机号]", id="wechat-mobile"),
    pytest.param("https://x.cn/a?tel=13812345678&b=1", "https://x.cn/a?tel=[手机号]&b=1", id="query-value"),
    pytest.param("IP地址192.168.1.10。", "IP地址[IP地址]。", id="ipv4"),
    pytest.param("IP:8.8.8.8", "IP:[IP地址]", id="ipv4-single-digits-after-cue"),
    pytest.param("IPv6：2001:db8::8a2e:370:7334", "IPv6：[IP地址]", id="ipv6-compressed"),
    pytest.param("服务器fe80::1ff:fe23:4567:890a", "服务器[IP地址]", id="ipv6-link-local"),
]

MUST_NOT_CHANGE = [
    pytest.param("1998年1月1日，自19980101起施行", id="dates"),
    pytest.param("共12345678元，合计1,234,567元", id="amounts"),
    pytest.param("总额15000000000元，人口1300000000人", id="mobile-shaped-amount"),
    pytest.param("国发〔1998〕12号", id="document-number"),
    pytest.param("邮编100733", id="postal-code"),
    pytest.param("拨打12345、12315、95588、400-810-8888", id="hotlines"),
    pytest.param("ISBN 978-7-01-002345-6，书号9787010023456", id="isbn"),
    pytest.param("股票代码600519", id="stock-code"),
    pytest.param("1998-2000年，第5.2.1.3条", id="range-and-section"),
    pytest.param("见第10.2.1.3条，依照12.1.4.2款", id="section-with-two-digits"),
    pytest.param("增长13812345678％，人民币13812345678.00元", id="percent-and-decimal-amount"),
    pytest.param("圆周率3.1415926535897", id="decimal"),
    pytest.param("订单号6222021234567890127", id="card-failing-luhn"),
    pytest.param("身份证号码110105194912310021", id="id-bad-check-digit"),
    pytest.param("北京1.60.80.7\n上海2.20.60.3", id="table-of-decimals"),
    pytest.param("会议12:30:45开始", id="clock-time"),
    pytest.param("网址http://www.example.com/news/13812345678.html", id="number-in-url"),
    pytest.param("见http://61.135.132.134/goto.php", id="server-address-in-url"),
    pytest.param('<a href="/2005/03/06/1060@2538939.htm">', id="at-sign-in-a-path"),
    pytest.param('<input name="weixincodekey">', id="latin-cue-inside-a-word"),
    pytest.param("关注微信公众号人民日报，用微信支付", id="wechat-word-without-id"),
    pytest.param("QQ音乐2019年", id="qq-word-and-year"),
    pytest.param("请拨打[手机号]或发邮件至[邮箱]", id="placeholders"),
    pytest.param("为中国人民谋幸福，为中华民族谋复兴。", id="chinese-without-digits"),
]


@pytest.mark.parametrize(("text", "expected"), MUST_MASK)
def test_masks(text: str, expected: str) -> None:
    assert mask_pii(text) == expected


@pytest.mark.parametrize("text", MUST_NOT_CHANGE)
def test_leaves_alone(text: str) -> None:
    assert mask_pii(text) == text


# -- real text with inserted values --------------------------------------------------------


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    return clean_paragraphs(4000)


@pytest.mark.parametrize("seed", [0, 1], ids=["tuned-on", "held-out"])
@pytest.mark.parametrize("kind", list(FORMS))
def test_recall_in_real_text_for_every_kind_and_form(kind: str, seed: int, paragraphs: list[str]) -> None:
    """Each value is masked exactly (its span, and nothing of the cue words or the paragraph around it)."""
    rng = random.Random(seed)
    hits, total, misses = Counter[str](), Counter[str](), []
    for s in samples(kind, 150, seed=seed):
        before, after = insert(rng.choice(paragraphs), s.phrase, rng)
        masked = mask_pii(before + s.written + after)
        total[s.form] += 1
        if masked == before + PLACEHOLDERS[kind] + after:
            hits[s.form] += 1
        elif len(misses) < 5:
            misses.append((s.form, s.written))
    recall = sum(hits.values()) / sum(total.values())
    assert recall >= 0.99, (recall, misses)
    assert all(hits[form] / total[form] >= 0.98 for form in total), (
        {f: hits[f] / total[f] for f in total},
        misses,
    )


@pytest.mark.parametrize("seed", [0, 1], ids=["tuned-on", "held-out"])
def test_look_alikes_are_left_alone(seed: int, paragraphs: list[str]) -> None:
    rng = random.Random(seed)
    changed, total = Counter[str](), Counter[str]()
    for what, text in look_alikes(150, seed=seed):
        before, after = insert(rng.choice(paragraphs), "{}", rng)
        full = before + text + after
        total[what] += 1
        changed[what] += mask_pii(full) != full
    assert sum(changed.values()) / sum(total.values()) <= 0.01, changed
    assert all(changed[w] / total[w] <= 0.02 for w in total), changed


@pytest.mark.slow
@pytest.mark.parametrize("folded", [False, True], ids=["as-printed", "width-folded"])
def test_peoples_daily_is_almost_untouched(folded: bool) -> None:
    """Over every paragraph of the People's Daily (one landline number with an area code is masked)."""
    paragraphs = peoples_daily(10**6)
    if folded:
        paragraphs = [fold_fullwidth_alnum(p) for p in paragraphs]
    chars = sum(len(p) for p in paragraphs)
    changed = sum(m.end - m.start for p in paragraphs for m in find_pii(p))
    assert changed / chars * 10_000 <= 0.5, changed
    assert changed > 0  # the one real number is there: this is a measurement, not an empty scan


# -- the cleaner ----------------------------------------------------------------------------

PHONE, ID, MAIL = "13812345678", "11010519491231002X", "abc@qq.com"


def _json(doc: Document) -> str:
    return doc.model_dump_json()


def test_cleaner_masks_and_records_kind_position_and_length_only() -> None:
    doc = Document(id="a", text=f"请致电{PHONE}或发邮件至{MAIL}，身份证{ID}。")
    out = MaskPII()(doc)
    assert out is not None
    assert out.text == "请致电[手机号]或发邮件至[邮箱]，身份证[身份证号]。"
    assert out.removed == () and out.steps == ("mask_pii",)
    records = out.metadata["pii"]
    assert [(r["kind"], r["length"]) for r in records] == [("mobile", 11), ("email", 10), ("id_card", 18)]
    assert all(r["field"] == "text" and "hash" not in r for r in records)
    for r in records:  # each start points at the placeholder in the text
        assert out.text[r["start"] :].startswith(PLACEHOLDERS[r["kind"]])
    assert all(v not in _json(out) for v in (PHONE, ID, MAIL, "12345678"))


def test_no_copy_in_title_removals_flags_or_metadata() -> None:
    doc = Document(
        id="a",
        text=f"联系人王先生，电话{PHONE}。",
        title=f"寻人启事（电话{PHONE}）",
        metadata={"url": "https://example.com/a", "contact": {"mail": MAIL, "ids": [ID]}},
        removed=(Removal(cleaner="remove_headers", text=f"记者热线{PHONE}", reason="credit line", at=0),),
        flags=(
            Flag(kind="typo", start=6, end=12, text="，电话138", cleaner="t", reason="r", suggestion=PHONE),
        ),
    )
    out = MaskPII()(doc)
    assert out is not None
    dumped = _json(out)
    assert all(v not in dumped for v in (PHONE, ID, MAIL))
    assert out.title == "寻人启事（电话[手机号]）"
    assert out.removed[0].text == "记者热线[手机号]"
    assert out.removed[0].at == 0 and out.removed[0].reason == "credit line"
    assert out.flags[0].text == "，电话[手机号]" and out.flags[0].suggestion == "[手机号]"
    assert out.metadata["url"] == "https://example.com/a"
    assert out.metadata["contact"] == {"mail": "[邮箱]", "ids": ["[身份证号]"]}
    fields = sorted(r["field"] for r in out.metadata["pii"])
    assert fields == sorted(
        [
            "text",
            "title",
            "removed[0].text",
            "flags[0].suggestion",
            "metadata.contact.mail",
            "metadata.contact.ids[0]",
        ]
    )


def test_keyed_hash_only_with_a_key_and_the_same_for_every_written_form() -> None:
    cleaner = MaskPII(hash_key="secret")
    out = cleaner(Document(id="a", text="手机138 1234 5678，又写作+8613812345678。"))
    assert out is not None
    hashes = {r["hash"] for r in out.metadata["pii"]}
    assert hashes == {keyed_hash("secret", "mobile", PHONE)}
    assert keyed_hash("other", "mobile", PHONE) not in hashes
    assert "secret" not in repr(cleaner) and "secret" not in _json(out)


def test_flag_only_flags_kind_and_span_and_leaves_the_text() -> None:
    doc = Document(id="a", text=f"电话{PHONE}，QQ：123456789")
    out = MaskPII(flag_only=True)(doc)
    assert out is not None
    assert out.text == doc.text and "pii" not in out.metadata
    assert [(f.kind, f.start, f.end) for f in out.flags] == [("pii_mobile", 2, 13), ("pii_qq", 17, 26)]
    assert out.flags[0].suggestion == "[手机号]"
    assert not MaskPII(flag_only=True).changes_text


def test_kinds_and_placeholders_options() -> None:
    cleaner = make_cleaner("mask_pii", kinds=["email"], placeholders={"email": "<EMAIL>"})
    out = cleaner(Document(id="a", text=f"电话{PHONE}，邮箱{MAIL}"))
    assert out is not None and out.text == f"电话{PHONE}，邮箱<EMAIL>"


@pytest.mark.parametrize(
    "options",
    [{"kinds": ["phone"]}, {"placeholders": {"name": "[姓名]"}}, {"hash_key": ""}],
    ids=["unknown-kind", "unknown-placeholder-kind", "empty-key"],
)
def test_bad_options_say_what_is_valid(options: dict[str, object]) -> None:
    with pytest.raises(RecipeError, match="mask_pii"):
        make_cleaner("mask_pii", **options)


def test_masking_twice_changes_nothing() -> None:
    once = MaskPII()(Document(id="a", text=f"电话{PHONE}，邮箱{MAIL}"))
    assert once is not None
    assert MaskPII()(once) == once


def test_a_document_set_aside_is_scrubbed_too() -> None:
    """A document dropped before mask_pii ran is written masked to the side file."""
    pipeline = Pipeline([make_cleaner("normalize_width"), MaskPII()])
    doc = Document(id="a", text=f"<html>电话{PHONE}</html>", title=MAIL)
    aside = pipeline.set_aside(doc, "extract_main_text: no main text found")
    assert aside.text == "<html>电话[手机号]</html>" and aside.title == "[邮箱]"
    assert aside.metadata["dropped"] == "extract_main_text: no main text found"
    flagging = Pipeline([MaskPII(flag_only=True)])  # the user chose to keep the values: nothing masked
    assert flagging.set_aside(doc, "r").text == doc.text


def test_error_messages_are_scrubbed() -> None:
    """A cleaner after mask_pii that raises with the text in its message: the error flag is masked."""
    from corpusclean.executor.outcome import clean_document

    class Quoting(Cleaner):
        name = "quoting"

        def apply(self, doc: Document) -> Document:
            raise ValueError(f"flag says text is {PHONE!r}")

    outcome, doc = clean_document(Pipeline([MaskPII(), Quoting()]), Document(id="a", text=f"电话{PHONE}"))
    (flag,) = [f for f in doc.flags if f.kind == "cleaner_error"]
    assert outcome == "kept" and PHONE not in flag.reason and "[手机号]" in flag.reason


def test_records_are_plain_json() -> None:
    out = MaskPII(hash_key="k")(Document(id="a", text="QQ：123456789，IP 10.1.2.3"))
    assert out is not None
    assert orjson.loads(orjson.dumps(out.metadata["pii"]))[0]["kind"] == "qq"
