"""The duplicate index: one streaming pass collects keys and signatures, then clusters.

:meth:`DuplicateIndex.add` is called once per document. It keeps the
document's id, a 128-bit key of its folded text (exact duplicates) and, for the
first text of each key, a MinHash signature (near duplicates): never the text.
:meth:`DuplicateIndex.resolve` clusters them and says, for every document that
is a copy, which document is kept.

The kept document of a cluster is the earliest in the input: the first one
:meth:`DuplicateIndex.add` noted (in a run, files in path order, then line
order), whatever the ids, and whatever the number of workers, since the
indexes of the parts are joined in input order (:meth:`DuplicateIndex.extend`).

>>> index = DuplicateIndex(threshold=0.7)
>>> index.add("train.jsonl:6", "ＣＣＴＶ报道：新年献辞全文")
>>> index.add("train.jsonl:402", "CCTV报道: 新年献辞全文")
>>> index.add("c", "别的文章")
>>> match = index.resolve()[("train.jsonl:402", index.key_of("CCTV报道: 新年献辞全文"))]
>>> match.duplicate_of, match.kind
('train.jsonl:6', 'exact')
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .lsh import UnionFind, cluster, lsh_params
from .minhash import MinHasher
from .normalize import fold_for_comparison, text_key
from .signatures import Signatures

#: Folded characters gathered before signatures are computed in one numpy pass.
_BATCH_CHARS = 1 << 20


@dataclass(frozen=True, slots=True)
class Match:
    """What the index found about one document: its cluster and the kept copy."""

    cluster: str
    duplicate_of: str | None
    similarity: float
    kind: str  # "exact", "near", or "kept"
    size: int


class DuplicateIndex:
    """Collects keys and signatures of documents, then finds exact and near duplicates."""

    def __init__(
        self,
        *,
        threshold: float = 0.4,
        num_perm: int = 128,
        ngram: int = 5,
        seed: int = 1,
        spill_bytes: int | None = None,
    ) -> None:
        self.threshold = threshold
        self.hasher = MinHasher(num_perm=num_perm, ngram=ngram, seed=seed)
        self.bands, self.rows = lsh_params(threshold, num_perm)
        self._ids: list[str] = []
        self._keys: list[bytes] = []
        self._first_of_key: dict[bytes, int] = {}  # key -> row of its signature
        self._rows_of_doc: list[int] = []  # signature row of each document, -1 when none
        self._pending: list[str] = []
        self._pending_chars = 0
        # to a temporary file past spill_bytes (default: signatures.SPILL_BYTES)
        self._signatures = Signatures(spill_bytes=spill_bytes)

    def key_of(self, text: str) -> bytes:
        """The exact-duplicate key of ``text``."""
        return text_key(fold_for_comparison(text))

    def add(self, doc_id: str, text: str) -> None:
        """Take note of one document (its text is not kept)."""
        folded = fold_for_comparison(text)
        key = text_key(folded)
        self._ids.append(doc_id)
        self._keys.append(key)
        row = self._first_of_key.get(key)
        if row is None:
            row = -1
            if len(folded) >= self.hasher.ngram:
                row = len(self._signatures) + len(self._pending)
                self._pending.append(folded)
                self._pending_chars += len(folded)
            self._first_of_key[key] = row
        self._rows_of_doc.append(row)
        if self._pending_chars >= _BATCH_CHARS:
            self.flush()

    def extend(self, other: DuplicateIndex) -> None:
        """Take in what ``other`` noted about the next part of the corpus.

        Texts already seen here keep their first signature; the result is the
        index one pass over both parts would have built.
        """
        self.flush()
        other.flush()
        take: list[int] = []  # rows of their signatures that are new here
        row_here: dict[int, int] = {}
        for key, row in other._first_of_key.items():
            if key in self._first_of_key:
                mine = self._first_of_key[key]
            elif row >= 0:
                mine = len(self._signatures) + len(take)
                take.append(row)
            else:
                mine = -1
            self._first_of_key.setdefault(key, mine)
            if row >= 0:
                row_here[row] = mine
        self._ids += other._ids
        self._keys += other._keys
        self._rows_of_doc += [row_here[r] if r >= 0 else -1 for r in other._rows_of_doc]
        if len(take) == len(other._signatures):  # the usual case: every row is new, in order
            self._signatures.extend(other._signatures)  # their chunks as they are, no copy
        elif take:
            self._signatures.append(other._signatures.take(take))

    def flush(self) -> None:
        """Compute the signatures of the texts noted since the last batch (they are hashed together)."""
        if self._pending:
            self._signatures.append(self.hasher.signatures(self._pending))
        self._pending, self._pending_chars = [], 0

    def signatures(self) -> Signatures:
        """All signatures so far, one row per distinct folded text."""
        self.flush()
        return self._signatures

    def resolve(self) -> dict[tuple[str, bytes], Match]:
        """Cluster the documents; a :class:`Match` for every document in a cluster of two or more.

        Keys are ``(id, text key)``, so documents that share an id but not a
        text are told apart.
        """
        signatures = self.signatures()
        sets = cluster(signatures, threshold=self.threshold, bands=self.bands, rows=self.rows)
        found: dict[tuple[str, bytes], Match] = {}
        for members in self._groups(sets):
            kept = members[0]  # the earliest in the input (members come in document order)
            kept_key, kept_row = self._keys[kept], self._rows_of_doc[kept]
            cluster_id = hashlib.blake2b(kept_key, digest_size=8).hexdigest()
            for doc in members:
                key = self._keys[doc]
                if doc == kept:
                    match = Match(cluster_id, None, 1.0, "kept", len(members))
                elif key == kept_key:
                    match = Match(cluster_id, self._ids[kept], 1.0, "exact", len(members))
                else:
                    pair = signatures.take([self._rows_of_doc[doc], kept_row])
                    similarity = round(float(np.count_nonzero(pair[0] == pair[1])) / signatures.width, 4)
                    match = Match(cluster_id, self._ids[kept], similarity, "near", len(members))
                found.setdefault((self._ids[doc], key), match)
        return found

    def _groups(self, sets: UnionFind) -> Iterator[list[int]]:
        """The documents of each cluster of two or more, in document order.

        A document's cluster is the root of its signature's set; texts without a
        signature (too short) can only be exact copies, so theirs is their key.
        One label per document in a numpy array: no list per document.
        """
        first_doc_of_key: dict[bytes, int] = {}
        labels = np.fromiter(
            (
                sets.find(row)
                if row >= 0
                else len(sets.parent) + first_doc_of_key.setdefault(self._keys[doc], doc)
                for doc, row in enumerate(self._rows_of_doc)
            ),
            dtype=np.int64,
            count=len(self._rows_of_doc),
        )
        order = np.argsort(labels, kind="stable")
        ordered = labels[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        ends = np.r_[starts[1:], len(ordered)]
        for lo, hi in zip(starts.tolist(), ends.tolist(), strict=True):
            if hi - lo > 1:
                yield order[lo:hi].tolist()

    def __len__(self) -> int:
        return len(self._ids)
