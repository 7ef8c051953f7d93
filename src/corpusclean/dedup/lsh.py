"""Locality-sensitive hashing over MinHash signatures, and the clusters it finds.

Signatures are cut into ``bands`` of ``rows`` numbers; two texts become
candidates when any band is equal, which happens with probability
``1 - (1 - s**rows)**bands`` for Jaccard similarity ``s``. Every candidate pair
is then checked on the whole signature, so the threshold is applied to an
estimate over all ``num_perm`` numbers, not to the band lottery.

Clusters are the connected parts of the graph of checked pairs. That graph does
not depend on the order of the texts, so neither do the clusters.

>>> bands, rows = lsh_params(0.5, 128)
>>> bands * rows <= 128, round(candidate_probability(0.5, bands, rows), 2) >= 0.95
(True, True)
"""

from __future__ import annotations

import numpy as np

from .signatures import Signatures

_MIX = np.uint64(0x9E3779B97F4A7C15)
#: Signature columns read at a time when clustering (several bands': one read of a spilled store each).
_COLUMNS_PER_READ = 16


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """The chance that two texts of this Jaccard similarity share at least one band."""
    return float(1.0 - (1.0 - similarity**rows) ** bands)


def lsh_params(threshold: float, num_perm: int, *, recall: float = 0.95) -> tuple[int, int]:
    """The ``(bands, rows)`` that make a pair at ``threshold`` a candidate with chance ``recall``.

    The widest band that still reaches ``recall`` is chosen: wide bands keep
    unrelated texts apart, and every candidate is checked on the whole
    signature anyway, so a false candidate costs one comparison, while a pair
    that never becomes a candidate is a duplicate left in.

    >>> lsh_params(0.8, 128)
    (18, 7)
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if candidate_probability(threshold, bands, rows) >= recall:
            return bands, rows
    return num_perm, 1


class UnionFind:
    """Disjoint sets over ``0..n-1`` with path halving.

    >>> sets = UnionFind(4); sets.union(0, 2); sets.find(2) == sets.find(0), sets.find(1) == sets.find(0)
    (True, False)
    """

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def band_keys(columns: np.ndarray) -> np.ndarray:
    """One 64-bit key per signature for the numbers of one band (its ``columns``)."""
    keys = np.zeros(len(columns), dtype=np.uint64)
    for column in range(columns.shape[1]):
        keys *= _MIX
        keys ^= columns[:, column].astype(np.uint64)
    return keys


def cluster(signatures: Signatures, *, threshold: float, bands: int, rows: int) -> UnionFind:
    """Join signatures whose estimated Jaccard similarity reaches ``threshold``.

    Pairs are compared only when they share a band, and a band's bucket not at
    all once its members are in one cluster, which after the first bands is
    the common case for a cluster of near copies.
    """
    sets = UnionFind(len(signatures))
    per_read = max(1, _COLUMNS_PER_READ // rows)  # bands whose columns are read together
    for first in range(0, bands, per_read):
        last = min(bands, first + per_read)
        columns = signatures.columns(first * rows, last * rows)
        for band in range(last - first):
            _cluster_band(sets, signatures, band_keys(columns[:, band * rows : (band + 1) * rows]), threshold)
    return sets


def _cluster_band(sets: UnionFind, signatures: Signatures, keys: np.ndarray, threshold: float) -> None:
    """Check the buckets of one band: the texts that share its key."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    run_starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    run_ends = np.r_[run_starts[1:], len(keys)]
    shared = run_ends - run_starts > 1  # runs of one share the band with nobody
    for lo, hi in zip(run_starts[shared].tolist(), run_ends[shared].tolist(), strict=True):
        _join_run(sets, signatures, order[lo:hi].tolist(), threshold)


def _join_run(sets: UnionFind, signatures: Signatures, members: list[int], threshold: float) -> None:
    """Join the members of one band's bucket whose signatures agree enough."""
    if len({sets.find(i) for i in members}) == 1:
        return  # already one cluster: nothing this bucket could add
    block = signatures.take(members)
    need = threshold * signatures.width
    for k in range(len(members) - 1):
        agree = np.count_nonzero(block[k + 1 :] == block[k], axis=1)
        for offset in np.flatnonzero(agree >= need).tolist():
            sets.union(members[k], members[k + 1 + offset])
