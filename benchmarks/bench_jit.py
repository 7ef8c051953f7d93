"""Would compiled loops make typo flagging fast enough? Its two primitives, numpy against a JIT.

Usage::

    pip install numba   # for this benchmark only; no dependency of corpusclean
    PYTHONPATH=src python benchmarks/bench_jit.py [--repeat 3]

Typo flagging spends its time in two kinds of array work (``docs/benchmarks.md``):
counting n-grams (the fit) and looking n-gram keys up in the counted tables
(every candidate's context, every span's). Both are written with numpy. This
script times each on the People's Daily text of January 1998 against the same
work as one compiled loop (numba), so that the gain a compiled core could bring
is measured, not guessed:

- counting the text's trigrams: numpy's sort-based ``np.unique`` against an
  open-addressing hash table of 2**23 slots, its keys sorted after;
- looking up every trigram of the text and as many with one character
  changed (mostly absent, as the detectors' queries are): the key set's bit
  filter and binary search (:class:`corpusclean.typos.keyset.KeySet`), as
  numpy passes, against the same filter and search fused in one loop.

Both sides give the same counts (checked). The best of ``--repeat`` runs counts.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np

from corpusclean.reference import peoples_daily
from corpusclean.typos.keyset import KeySet
from corpusclean.typos.ngrams import string_codes, trigram_codes

_MIX = 0x9E3779B97F4A7C15


def compiled() -> tuple[Callable[..., tuple[np.ndarray, np.ndarray]], Callable[..., np.ndarray]]:
    """The two loops, compiled by numba (imported here: it is needed by this benchmark alone)."""
    from numba import njit

    @njit(cache=False)
    def hash_count(keys: np.ndarray, bits: int) -> tuple[np.ndarray, np.ndarray]:
        mask = (1 << bits) - 1
        slots = np.zeros(1 << bits, np.uint64)
        counts = np.zeros(1 << bits, np.uint32)
        used = np.zeros(1 << bits, np.bool_)
        for key in keys:
            slot = np.int64((key * np.uint64(_MIX)) >> np.uint64(64 - bits))
            while used[slot] and slots[slot] != key:
                slot = (slot + 1) & mask
            used[slot] = True
            slots[slot] = key
            counts[slot] += 1
        taken = np.flatnonzero(used)
        order = np.argsort(slots[taken])
        return slots[taken][order], counts[taken][order]

    @njit(cache=False)
    def fused_lookup(
        keys: np.ndarray, counts: np.ndarray, bits: np.ndarray, shift: int, queries: np.ndarray
    ) -> np.ndarray:
        out = np.zeros(len(queries), np.int64)
        n = len(keys)
        for i in range(len(queries)):
            query = queries[i]
            slot = np.int64((query * np.uint64(_MIX)) >> np.uint64(shift))
            if not (bits[slot >> 3] >> (slot & 7)) & 1:
                continue
            lo, hi = 0, n
            while lo < hi:
                mid = (lo + hi) >> 1
                if keys[mid] < query:
                    lo = mid + 1
                else:
                    hi = mid
            if lo < n and keys[lo] == query:
                out[i] = counts[lo]
        return out

    return hash_count, fused_lookup


def best(run: Callable[[], object], repeat: int) -> float:
    """The fewest wall-clock seconds of ``repeat`` runs."""
    seconds = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - began)
    return min(seconds)


def numpy_lookup(keys: KeySet, counts: np.ndarray, queries: np.ndarray) -> np.ndarray:
    out = np.zeros(len(queries), np.int64)
    where, at = keys.found(queries)
    out[where] = counts[at]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    hash_count, fused_lookup = compiled()
    trigrams = trigram_codes(string_codes("\n".join(peoples_daily()))).astype(np.uint64)
    rng = np.random.default_rng(0)
    changed = trigrams ^ rng.integers(1, 1 << 20, len(trigrams)).astype(np.uint64)
    queries = np.concatenate([trigrams, changed])

    keys, counts = np.unique(trigrams, return_counts=True)
    hashed_keys, hashed_counts = hash_count(trigrams, 23)  # compiled here, before timing
    assert np.array_equal(keys, hashed_keys) and np.array_equal(counts, hashed_counts)
    key_set = KeySet.of(keys)
    expected = numpy_lookup(key_set, counts, queries)
    assert np.array_equal(expected, fused_lookup(keys, counts, key_set.bits, key_set.shift, queries))

    rows = [
        (
            f"count {len(trigrams):,} trigrams",
            best(lambda: np.unique(trigrams, return_counts=True), args.repeat),
            best(lambda: hash_count(trigrams, 23), args.repeat),
        ),
        (
            f"look up {len(queries):,} trigrams in {len(keys):,}",
            best(lambda: numpy_lookup(key_set, counts, queries), args.repeat),
            best(lambda: fused_lookup(keys, counts, key_set.bits, key_set.shift, queries), args.repeat),
        ),
    ]
    print("| work | numpy (s) | compiled loop (s) | numpy / compiled |")
    print("|---|---:|---:|---:|")
    for label, plain, jit in rows:
        print(f"| {label} | {plain:.3f} | {jit:.3f} | {plain / jit:.2f} |")


if __name__ == "__main__":
    main()
