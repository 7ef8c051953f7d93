"""Paragraphs repeated across many documents: disclaimers, subscription notices, navigation.

A paragraph is a line. Lines are compared in the folded form of
:func:`corpusclean.dedup.fold_for_comparison`, so width, spacing and
punctuation variants of one notice count as one.

>>> docs = [["本站声明：转载请注明出处。", "正文一"], ["本站声明:转载请注明出处", "正文二"]]
>>> common = common_paragraph_keys(docs, min_docs=2)
>>> remove_common_paragraphs("正文三\\n本站声明：转载请注明出处。", common)
'正文三'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from ..cleaner import Cleaner, FoundFlag
from ..dedup.normalize import PUNCT_MARK, fold_for_comparison
from ..document import Document
from ..edits import Edit, edit_text
from ..errors import NotFittedError
from ..patterns import PARAGRAPH_RE

#: Paragraph keys gathered before they are merged into the counts.
_MERGE_EVERY = 1 << 22


def paragraph_key(paragraph: str) -> int:
    """A 64-bit key of a paragraph's folded form, punctuation at either end left out.

    >>> paragraph_key("（完）") == paragraph_key("完"), paragraph_key("完") == paragraph_key("完了")
    (True, False)
    """
    folded = fold_for_comparison(paragraph).strip(PUNCT_MARK)
    digest = hashlib.blake2b(folded.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


class ParagraphCounter:
    """Counts, for each distinct paragraph, the documents it occurs in; 16 bytes a distinct paragraph."""

    def __init__(self) -> None:
        self.keys = np.empty(0, dtype=np.uint64)
        self.counts = np.empty(0, dtype=np.int64)
        self._pending: list[int] = []

    def add(self, paragraphs: Iterable[str]) -> None:
        """Count one document's paragraphs (a paragraph twice in one document counts once)."""
        self._pending.extend({paragraph_key(p) for p in paragraphs})
        if len(self._pending) >= _MERGE_EVERY:
            self._merge()

    def _merge(self) -> None:
        if not self._pending:  # nothing new (a corpus without paragraphs): reduceat needs one
            return
        keys = np.concatenate([self.keys, np.array(self._pending, dtype=np.uint64)])
        weights = np.concatenate([self.counts, np.ones(len(self._pending), dtype=np.int64)])
        self._pending = []
        order = np.argsort(keys, kind="stable")
        keys, weights = keys[order], weights[order]
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        self.keys, self.counts = keys[starts], np.add.reduceat(weights, starts)

    def common(self, min_docs: int) -> dict[int, int]:
        """Paragraph keys found in at least ``min_docs`` documents, with their counts."""
        self._merge()
        chosen = self.counts >= min_docs
        return dict(zip(self.keys[chosen].tolist(), self.counts[chosen].tolist(), strict=True))


def common_paragraph_keys(docs: Iterable[Iterable[str]], *, min_docs: int) -> dict[int, int]:
    """Keys of the paragraphs that occur in at least ``min_docs`` of ``docs`` (lists of paragraphs)."""
    counter = ParagraphCounter()
    for paragraphs in docs:
        counter.add(paragraphs)
    return counter.common(min_docs)


@dataclass(frozen=True, slots=True)
class CommonParagraph:
    """A common paragraph found in a text: its span (line break included when removed) and count."""

    start: int
    end: int
    docs: int
    at_edge: bool


def find_common_paragraphs(text: str, common: dict[int, int]) -> Iterator[CommonParagraph]:
    """The common paragraphs of ``text``; those in the leading or trailing run are ``at_edge``.

    An edge span takes the line break that joins it to the rest, so removing it
    leaves no blank line behind. When every paragraph is common, none is at
    the edge: emptying a document is not this cleaner's call.
    """
    lines = [
        (m.start(), m.end(), common.get(paragraph_key(m.group()), 0)) for m in PARAGRAPH_RE.finditer(text)
    ]
    flags = [n > 0 for _, _, n in lines]
    if not any(flags):
        return
    if all(flags):
        head = tail = 0
    else:
        head = flags.index(False)
        tail = flags[::-1].index(False)
    for k, (start, end, n) in enumerate(lines):
        if not n:
            continue
        if k < head:
            yield CommonParagraph(start, lines[k + 1][0], n, True)
        elif k >= len(lines) - tail:
            yield CommonParagraph(lines[k - 1][1] if k == len(lines) - tail else start, end, n, True)
        else:
            yield CommonParagraph(start, end, n, False)


def remove_common_paragraphs(text: str, common: dict[int, int]) -> str:
    """``text`` without the common paragraphs at its start and end (see :func:`find_common_paragraphs`)."""
    return edit_text(text, [Edit(p.start, p.end) for p in find_common_paragraphs(text, common) if p.at_edge])


class RemoveCommonParagraphs(Cleaner):
    """Remove paragraphs that occur in ``min_docs`` or more documents from the start and end of each.

    Before: ``"正文……\\n免责声明：本文仅代表作者观点。"`` where the notice ends 500
    documents; after: ``"正文……"``, the notice in ``removed`` with the reason
    ``"paragraph found in 500 documents"``.

    A common paragraph in the middle of a document is flagged, not removed: a
    speech quoted by many commentaries is content. Documents made only of
    common paragraphs are flagged too. Needs a fit pass; keeps 16 bytes per
    distinct paragraph, not the text.
    """

    name = "remove_common_paragraphs"
    needs_fit = True

    def __init__(self, *, min_docs: int = 10) -> None:
        # An absolute count, so the right value grows with the corpus: 10 catches
        # a site's notice in a crawl of a few hundred pages; raise it for millions.
        self.min_docs = min_docs
        self._common: dict[int, int] | None = None

    def fit(self, docs: Iterable[Document]) -> None:
        """Count in how many documents each paragraph occurs; keep the common ones."""
        paragraphs = ((m.group() for m in PARAGRAPH_RE.finditer(doc.text)) for doc in docs)
        self._common = common_paragraph_keys(paragraphs, min_docs=self.min_docs)

    # Both methods below are written: the base class removes the edges first,
    # then flags the common paragraphs left inside, on the edited text.

    def find_edits(self, text: str) -> Iterable[Edit]:
        for p in find_common_paragraphs(text, self.common):
            if p.at_edge:
                yield Edit(p.start, p.end, reason=f"paragraph found in {p.docs} documents")

    def find_flags(self, text: str) -> Iterable[FoundFlag]:
        for p in find_common_paragraphs(text, self.common):
            if not p.at_edge:
                reason = f"paragraph found in {p.docs} documents; kept because it is not at an edge"
                yield FoundFlag(kind="common_paragraph", start=p.start, end=p.end, reason=reason)

    @property
    def common(self) -> dict[int, int]:
        """Keys of the common paragraphs with their document counts (after :meth:`fit`)."""
        if self._common is None:
            raise NotFittedError(
                f"{self.name} has not seen the corpus, so it cannot tell which paragraphs are common; "
                "call fit(docs) on the pipeline first, or clean with pipeline.run(docs)"
            )
        return self._common
