"""MinHash signatures of character n-gram shingles, vectorized with numpy.

A signature is ``num_perm`` 32-bit numbers; the share of positions where two
signatures agree estimates the Jaccard similarity of the two texts' shingle
sets. Chinese has no spaces between words, so shingles are runs of ``ngram``
characters, not whitespace tokens.

Why not ``datasketch.MinHash``: it hashes each shingle in Python (SHA-1), which
made it about ten times slower on the same texts with the same accuracy
(``benchmarks/bench_dedup.py sketch``; figures in ``docs/duplicates.md``).

>>> hasher = MinHasher(num_perm=64)
>>> texts = ["今天北京天气晴朗，最高气温二十度。", "今天北京天气晴朗，最高气温二十一度。", "股市收盘上涨。"]
>>> a, b, c = hasher.signatures(texts)
>>> estimate_jaccard(a, a), estimate_jaccard(a, b) > 0.5, estimate_jaccard(a, c) < 0.1
(1.0, True, True)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# Multipliers of the splitmix64 finalizer: they spread every input bit over the
# whole 64-bit hash, so the multiply-shift permutations below see random bits.
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
# Odd multiplier of the rolling polynomial that packs ``ngram`` code points.
_BASE = np.uint64(0x100000001B3)
# Shingles hashed per block: a block of 64-bit hashes stays in the CPU cache
# while all permutations run over it (measured fastest between 8K and 1M).
_BLOCK = 1 << 16


def _mix64(x: np.ndarray) -> None:
    """Apply the splitmix64 finalizer to ``x`` in place."""
    x ^= x >> np.uint64(30)
    x *= _MIX1
    x ^= x >> np.uint64(27)
    x *= _MIX2
    x ^= x >> np.uint64(31)


def shingle_hashes(text: str, ngram: int = 5) -> np.ndarray:
    """64-bit hashes of every run of ``ngram`` characters in ``text`` (empty when shorter).

    >>> h = shingle_hashes("中文中文中", ngram=2)
    >>> len(h), bool(h[0] == h[2]), bool(h[0] == h[1])
    (4, True, False)
    """
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    count = len(codes) - ngram + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    hashes = codes[:count].astype(np.uint64)
    for k in range(1, ngram):
        hashes *= _BASE
        hashes += codes[k : k + count]
    _mix64(hashes)
    return hashes


class MinHasher:
    """Computes MinHash signatures of texts: ``num_perm`` multiply-shift permutations.

    The same ``num_perm``, ``ngram`` and ``seed`` always give the same
    signature, on any machine, so signatures from separate runs can be compared.
    """

    def __init__(self, *, num_perm: int = 128, ngram: int = 5, seed: int = 1) -> None:
        if num_perm < 1 or ngram < 1:
            raise ValueError(f"num_perm and ngram must be at least 1, not {num_perm} and {ngram}")
        self.num_perm = num_perm
        self.ngram = ngram
        rng = np.random.default_rng(seed)
        self._mul = rng.integers(1, 2**63, num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        self._add = rng.integers(0, 2**63, num_perm, dtype=np.uint64)

    def signatures(self, texts: Sequence[str]) -> np.ndarray:
        """Signatures of ``texts`` as a ``(len(texts), num_perm)`` array of ``uint32``.

        Every text must have at least ``ngram`` characters. Texts are hashed
        together, block by block, so the cost per text is a few numpy calls at most.
        """
        lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        if (lengths < self.ngram).any():
            short = int(np.argmax(lengths < self.ngram))
            raise ValueError(
                f"text {short} has {lengths[short]} characters, fewer than ngram={self.ngram}; "
                "compare short texts by their exact key instead"
            )
        hashes = shingle_hashes("".join(texts), self.ngram)
        counts = lengths - self.ngram + 1
        # keep the shingles that lie inside one text: text i's start, shifted by position
        starts = np.cumsum(lengths) - lengths
        firsts = np.cumsum(counts) - counts
        inside = np.repeat(starts - firsts, counts) + np.arange(int(counts.sum()))
        hashes = hashes[inside]
        out = np.empty((len(texts), self.num_perm), dtype=np.uint32)
        lo = 0
        while lo < len(texts):
            hi = int(np.searchsorted(firsts, firsts[lo] + _BLOCK, side="left"))
            hi = max(hi, lo + 1)
            end = firsts[hi] if hi < len(texts) else len(hashes)
            out[lo:hi] = self._block(hashes[firsts[lo] : end], firsts[lo:hi] - firsts[lo])
            lo = hi
        return out

    def signature(self, text: str) -> np.ndarray:
        """The signature of one text (see :meth:`signatures`)."""
        signature: np.ndarray = self.signatures([text])[0]
        return signature

    def _block(self, hashes: np.ndarray, segments: np.ndarray) -> np.ndarray:
        out = np.empty((len(segments), self.num_perm), dtype=np.uint32)
        permuted = np.empty_like(hashes)
        for p in range(self.num_perm):
            np.multiply(hashes, self._mul[p], out=permuted)
            permuted += self._add[p]
            # the high half of the minimum is the minimum of the high halves
            out[:, p] = np.minimum.reduceat(permuted, segments) >> np.uint64(32)
        return out


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The share of positions where two signatures agree: an estimate of Jaccard similarity."""
    return int(np.count_nonzero(a == b)) / len(a)
