"""Duplicate detection: folded comparison form, MinHash signatures, LSH clusters."""

from .index import DuplicateIndex, Match
from .lsh import UnionFind, candidate_probability, cluster, lsh_params
from .minhash import MinHasher, estimate_jaccard, shingle_hashes
from .normalize import fold_for_comparison, text_key

__all__ = [
    "DuplicateIndex",
    "Match",
    "MinHasher",
    "UnionFind",
    "candidate_probability",
    "cluster",
    "estimate_jaccard",
    "fold_for_comparison",
    "lsh_params",
    "shingle_hashes",
    "text_key",
]
