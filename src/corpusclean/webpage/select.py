"""Choose the main-text blocks of a page, and say why every other block was dropped.

Each block gets a value: its prose characters (text outside links, counted in
full when the block reads as Chinese prose, with ``，。`` punctuation, and at a
quarter otherwise) minus a penalty for link text and a fixed cost per block.
The main text is the run of consecutive blocks with the highest total value
(the maximum-subarray problem, solved in one pass): article paragraphs add up,
while menus, link lists and footers between them cost more than they bring. A
block that would be dropped anyway (a copyright or contact line, a disclaimer)
brings nothing, however long its sentences: a page's footer never outweighs a
short article. Inside that run, link lists, copyright lines and share bars are
dropped again by their own signs, and the article ends at the heading of a list
of related articles or of a comment section.

>>> from corpusclean.webpage.blocks import Block
>>> def b(i, text, links=0):
...     return Block(i, text, len(text), links, len(text), text.count("，") + text.count("。"), 0, "p")
>>> blocks = [b(0, "首页新闻体育", 6), b(1, "这是正文的第一段，内容很长很长很长。"),
...           b(2, "第二段，也是正文。"), b(3, "版权所有 某某网")]
>>> [blk.text for blk in select_main(blocks).kept]
['这是正文的第一段，内容很长很长很长。', '第二段，也是正文。']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..headers.furniture import DEFAULT_FURNITURE_RULES, FLOOR_LABEL, FurnitureRules
from ..patterns import (
    BYLINE_LINE_RE,
    COMMENT_HEADING_RE,
    COPYRIGHT_LINE_RE,
    PROSE_PUNCT_RE,
    RELATED_LINE_RE,
    SHARE_LINE_RE,
)
from ..script_chars import to_simplified
from .blocks import Block

#: What each block costs before its text counts: a short line must bring some prose to be worth keeping.
BLOCK_COST = 3.0
#: How much a character inside a link costs: link text is navigation far more often than body.
LINK_COST = 2.0
#: The weight of text in a block that does not read as prose (no CJK sentence punctuation).
NON_PROSE_WEIGHT = 0.5
#: The most blocks of links and short headings between a lead paragraph and the article.
MAX_LEAD_GAP = 15
#: A block with this many Han characters and no CJK punctuation mark is a word list, not prose.
WORD_LIST_HAN = 100
#: Main text with fewer Han characters than this is not main text.
MIN_MAIN_HAN = 10
#: The longest line that reads as a headline when it opens the main run without a heading tag.
MAX_HEADLINE_CHARS = 40

# the kinds of dropped blocks, as recorded in ``removed``
NAVIGATION = "navigation and link lists"
COPYRIGHT = "copyright and contact lines"
SHARE = "share and print buttons"
RELATED = "related-article lists"
BYLINE = "bylines and datelines (date and author go to the metadata)"
REPEATED = "blocks repeated from earlier on the page"
OUTSIDE = "text outside the main text"
REPLIES = "forum replies and comments (after the first post)"
COMMENTS = "comment sections"
#: The kinds of heading that end an article when a list follows them (see :func:`end_at_list`).
LIST_HEADINGS = (RELATED, COMMENTS)


@dataclass
class Selection:
    """The main-text blocks of a page and the dropped ones, by kind."""

    kept: list[Block]
    dropped: dict[str, list[Block]] = field(default_factory=dict)
    #: index range [start, end) of the run of blocks the main text came from
    start: int = 0
    end: int = 0


def is_prose(block: Block) -> bool:
    """Whether a block reads as Chinese (or other) running text rather than a label or a menu."""
    return (block.punct > 0 and block.han >= 8) or (block.chars >= 80 and block.link_density < 0.3)


def block_value(block: Block) -> float:
    """How much keeping ``block`` adds to the main text (negative for page furniture).

    A long run of Han text without one CJK punctuation mark is a word list (a tag cloud, a
    block of search keywords), never Chinese prose: it brings nothing, however long.
    """
    if block.punct == 0 and block.han >= WORD_LIST_HAN:
        return -BLOCK_COST
    own = block.chars - block.link_chars
    value = own * (1.0 if is_prose(block) else NON_PROSE_WEIGHT) - LINK_COST * block.link_chars - BLOCK_COST
    if block.hint < 0:
        value = min(value, 0.0) - own * 0.5
    elif block.hint > 0 and value > 0:
        value *= 1.5
    return value


def best_run(values: list[float]) -> tuple[int, int]:
    """The ``[start, end)`` range of consecutive values with the largest sum (empty when all are <= 0).

    >>> best_run([-1, 3, -1, 2, -9, 4])
    (1, 4)
    """
    best, best_range = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, v in enumerate(values):
        if total <= 0:
            total, start = 0.0, i
        total += v
        if total > best:
            best, best_range = total, (start, i + 1)
    return best_range


def drop_kind(block: Block) -> str | None:
    """Why a block inside the main run is still page furniture, or ``None`` to keep it.

    The signs are Simplified words; a Traditional block is read folded to Simplified (責任編輯).
    """
    text = to_simplified(block.text)
    # a byline has no sentence in it: "记者：你们的市场在哪？" is an interview question
    if block.chars <= 80 and not PROSE_PUNCT_RE.search(text) and BYLINE_LINE_RE.search(text):
        return BYLINE
    if block.chars <= 60 and SHARE_LINE_RE.search(text):
        return SHARE
    if block.chars <= 200 and COPYRIGHT_LINE_RE.search(text):
        return COPYRIGHT
    if block.chars <= 40 and RELATED_LINE_RE.search(text):
        return RELATED
    if block.chars <= 40 and not PROSE_PUNCT_RE.search(text) and COMMENT_HEADING_RE.search(text):
        return COMMENTS
    if block.link_density > 0.5 and not (block.punct >= 2 and block.link_density < 0.8):
        return NAVIGATION
    return None


def run_value(block: Block, kind: str | None, rules: FurnitureRules) -> float:
    """What ``block`` adds to the run it is in: :func:`block_value`, but a block's fixed cost
    taken away for the sentences of a footer that are dropped anyway (a copyright or contact
    line, a disclaimer or a reprint notice), so a long footer cannot draw the run to itself."""
    value = block_value(block)
    if value <= -BLOCK_COST:
        return value
    if kind == COPYRIGHT or (
        kind is None and PROSE_PUNCT_RE.search(block.text) and rules.kind(block.text, at_edge=True)
    ):
        return -BLOCK_COST
    return value


def end_at_list(run: list[Block], kinds: list[str | None]) -> None:
    """Drop what follows the heading of a list after the article: related articles (``相关新闻``,
    ``为你推荐``), whose summaries and dates read as prose, or comments (``4,060 条评论``,
    ``网友评论``), whose posts are sentences between user names, times and 回复 buttons.

    A heading counts when a block of links follows within two blocks (the list's titles, or the
    comment box's user names and login links) and less article text follows it than precedes
    it, so a related box inside a long article does not cut it short, and a comment counter
    above the article (``4,786 条评论``) cuts nothing. A comment heading that ends nothing is
    kept, for the furniture rules to judge: it may be the article's own subheading.
    """
    kept_han = [b.han if kind is None else 0 for b, kind in zip(run, kinds, strict=True)]
    before = 0
    for i, kind in enumerate(kinds):
        if (
            kind in LIST_HEADINGS
            and before
            and any(n.link_density > 0.5 for n in run[i + 1 : i + 3])
            and sum(kept_han[i + 1 :]) < before
        ):
            for j in range(i + 1, len(run)):
                if kinds[j] is None:
                    kinds[j] = kind
            return
        if kind == COMMENTS:  # a subheading 网友评论 over the article's own text
            kinds[i] = None
        before += kept_han[i]


def mark_furniture(run: list[Block], kinds: list[str | None], rules: FurnitureRules) -> None:
    """Set the kind of the furniture lines among ``run``'s kept blocks: kinds that no article
    sentence could be anywhere, the others in the runs of furniture at the article's two edges
    (a dateline only at its top: a letter or a notice may end with its date), with the blocks
    there that are no sentence and mostly links or under a furniture-named element."""
    for i, b in enumerate(run):
        if kinds[i] is None:
            kinds[i] = rules.kind(b.text, at_edge=False)
    for at_top, order in ((True, range(len(run))), (False, range(len(run) - 1, -1, -1))):
        for i in order:
            if kinds[i] is None:
                kinds[i] = rules.kind(run[i].text, at_edge=True, at_top=at_top) or _edge_debris(run[i])
                headline = run[i].is_heading or (i == 0 and _headline_like(run[i]))
                if kinds[i] is None and not (at_top and headline):
                    break  # the article starts (or ends) here; its headline above it does not


def _edge_debris(block: Block) -> str | None:
    """The kind of a block at the article's edge that is no sentence and is mostly links (share
    counts, a tag row) or under an element named for furniture (an author's card), else ``None``."""
    if PROSE_PUNCT_RE.search(block.text):
        return None
    if block.link_density > 0.5:
        return NAVIGATION
    return OUTSIDE if block.hint < 0 else None


def _headline_like(block: Block) -> bool:
    """A short line with no sentence in it: a headline set in a plain block opening the run."""
    return block.chars <= MAX_HEADLINE_CHARS and not PROSE_PUNCT_RE.search(block.text)


def lead_before(blocks: list[Block], start: int) -> range:
    """The indexes of the article's lead paragraphs cut off from it by a link list, or none.

    An encyclopedia page puts its table of contents (a list of links, under a
    short heading) between the lead paragraph and the sections: the lead is the
    run of prose just above such a gap of at most :data:`MAX_LEAD_GAP` blocks of
    links or short headings, none of it under an element named for furniture (an account's
    profile card above a post is no lead). The gap itself stays dropped.
    """
    i = start - 1
    while i >= 0 and start - i <= MAX_LEAD_GAP and _is_gap(blocks[i]):
        i -= 1
    if i == start - 1 or i < 0 or start - i > MAX_LEAD_GAP:
        return range(0)
    end = i + 1
    while i >= 0 and _is_lead(blocks[i]):
        i -= 1
    return range(i + 1, end)


def _is_gap(block: Block) -> bool:
    return block.link_density >= 0.5 or (block.chars <= 12 and not PROSE_PUNCT_RE.search(block.text))


def _is_lead(block: Block) -> bool:
    return (
        is_prose(block)
        and block.punct >= 2
        and block.han >= 20
        and block.link_density < 0.5
        and block.hint >= 0
    )


def drop_replies(kinds: list[str | None]) -> None:
    """Drop the text after the first post of a thread: from the first floor label or post header
    (``沙发``, ``发表于 …``, ``# re:``) that follows some kept text of the first post."""
    seen_text = False
    for i, kind in enumerate(kinds):
        if kind is None:
            seen_text = True
        elif kind == FLOOR_LABEL and seen_text:
            for j in range(i, len(kinds)):
                if kinds[j] is None:
                    kinds[j] = REPLIES
            return


def select_main(
    blocks: list[Block], furniture: FurnitureRules = DEFAULT_FURNITURE_RULES, *, replies: bool = False
) -> Selection:
    """Pick the main-text blocks of a page (empty ``kept`` when the page has none).

    On a forum or blog page only the first post is kept, unless ``replies``.
    """
    seen: set[str] = set()
    repeated: set[int] = set()
    for b in blocks:
        if b.text in seen and (b.is_heading or b.link_density > 0.5):
            repeated.add(b.index)
        seen.add(b.text)
    own_kinds = [REPEATED if b.index in repeated else drop_kind(b) for b in blocks]
    values = [
        -BLOCK_COST - b.chars if kind == REPEATED else run_value(b, kind, furniture)
        for b, kind in zip(blocks, own_kinds, strict=True)
    ]
    start, end = best_run(values)
    kinds = own_kinds[start:end]
    end_at_list(blocks[start:end], kinds)
    mark_furniture(blocks[start:end], kinds, furniture)
    if not replies:
        drop_replies(kinds)
    if sum(b.han for b, kind in zip(blocks[start:end], kinds, strict=True) if kind is None) < MIN_MAIN_HAN:
        start, end, kinds = 0, 0, []
    lead = lead_before(blocks, start) if end else range(0)
    kept: list[Block] = []
    dropped: dict[str, list[Block]] = {}
    for b in blocks:
        if b.index in lead:
            kind = own_kinds[b.index]
        elif start <= b.index < end:
            kind = kinds[b.index - start]
        else:
            kind = own_kinds[b.index] or (NAVIGATION if b.link_density > 0.5 else OUTSIDE)
        if kind is None:
            kept.append(b)
        else:
            dropped.setdefault(kind, []).append(b)
    return Selection(kept=kept, dropped=dropped, start=start, end=end)
