"""From counts to a confidence: a logistic model over log counts and their pairwise products.

The detector measures, for a span and a sound-alike candidate, how often each
occurs in the other documents, how often each follows the left character and
precedes the right one (one and two characters of context, and both at once),
how common each is in general language (the word list), and how often the
candidate occurs in the same document. :func:`design` turns those counts into
features (mostly logarithms and pointwise mutual information with the
context); :func:`expand` adds their pairwise products, so that evidence can
weigh differently for a frequent word than for a rare one; :func:`confidence`
weighs them with the weights in ``weights.json``.

The weights were fitted by ``benchmarks/calibrate_typos.py`` on slips injected
(seeds 1000 and 1001, plus eight small slices of it, seeds 2000 to 2007)
into the People's Daily text of January 1998; the
precision and recall in ``docs/typos.md`` are measured with other seeds. They
weigh counts, not words, but a corpus far from news text may want its own: run
the script on it and pass ``weights=`` to the detector.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

import numpy as np

from .arrays import matmul_rows

FEATURE_NAMES = (
    "log own count of candidate", "log count of candidate", "log count of span",
    "log word-list share of candidate", "log word-list share of span",
    "PMI left+candidate", "PMI candidate+right", "PMI left+span", "PMI span+right",
    "log left+candidate", "log candidate+right", "log left+span", "log span+right",
    "log 2 left+candidate", "log candidate+2 right", "log 2 left+span", "log span+2 right",
    "span straddles two words", "candidate seen on both sides", "candidate seen on both sides (2 chars)",
    "candidate seen on one side (2 chars)", "log left+candidate+right", "log left+span+right",
    "left+candidate+right seen",
)  # fmt: skip


@cache
def fitted_weights() -> tuple[float, ...]:
    """The shipped weights (``weights.json`` beside this module)."""
    data = json.loads(files(__package__).joinpath("weights.json").read_text(encoding="utf-8"))
    if data["features"] != list(FEATURE_NAMES):
        raise ValueError("weights.json was fitted on other features; run benchmarks/calibrate_typos.py")
    return tuple(data["weights"])


def design(f: dict[str, np.ndarray], chars: int) -> np.ndarray:
    """The base features (one row per span and candidate) of the counts ``f``."""
    log = np.log
    chars = max(chars, 1)
    p_left = log((f["ul"] + 1.0) / chars)
    p_right = log((f["ur"] + 1.0) / chars)
    a, b, x1, x2 = f["a"], f["b"], f["x1"], f["x2"]
    a2, b2, x1_2, x2_2 = f["a2"], f["b2"], f["x1_2"], f["x2_2"]
    cy, cx = f["cy"], f["cx"]
    return np.column_stack(
        [
            log(f["oy"] + 1.0), log(cy + 1.0), log(cx + 1.0), log(f["fy"] + 1e-8), log(f["fx"] + 1e-8),
            log((a + 0.5) / (cy + 1.0)) - p_left, log((b + 0.5) / (cy + 1.0)) - p_right,
            log((x1 + 0.5) / (cx + 1.0)) - p_left, log((x2 + 0.5) / (cx + 1.0)) - p_right,
            log(a + 1.0), log(b + 1.0), log(x1 + 1.0), log(x2 + 1.0),
            log(a2 + 1.0), log(b2 + 1.0), log(x1_2 + 1.0), log(x2_2 + 1.0),
            f["straddle"], (a > 0) & (b > 0), (a2 > 0) & (b2 > 0), (a2 > 0) | (b2 > 0),
            log(f["ab"] + 1.0), log(f["xab"] + 1.0), f["ab"] > 0,
        ]
    ).astype(np.float64)  # fmt: skip


def expand(x: np.ndarray) -> np.ndarray:
    """The base features, their pairwise products (each pair once, squares included) and a bias column."""
    rows, k = x.shape
    i, j = np.triu_indices(k)
    return np.hstack([x, x[:, i] * x[:, j], np.ones((rows, 1))])


def confidence(f: dict[str, np.ndarray], chars: int, weights: Sequence[float] | None = None) -> np.ndarray:
    """The probability, under the fitted model, that each candidate is the word that was meant.

    Computes ``expand(x) @ weights`` as ``x @ linear + rowwise x·(Q x) + bias`` with the
    product weights folded into an upper-triangular matrix ``Q``: the same number, without
    building hundreds of product columns.
    """
    linear, quadratic, bias = _split(fitted_weights() if weights is None else tuple(weights))
    x = design(f, chars)
    z = matmul_rows(x, linear) + np.einsum("ij,ij->i", matmul_rows(x, quadratic), x) + bias
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -50, 50))))


@cache
def _split(weights: tuple[float, ...]) -> tuple[np.ndarray, np.ndarray, float]:
    k = len(FEATURE_NAMES)
    w = np.asarray(weights, dtype=np.float64)
    quadratic = np.zeros((k, k))
    quadratic[np.triu_indices(k)] = w[k:-1]
    return w[:k], quadratic, float(w[-1])


def fit_weights(
    x: np.ndarray, y: np.ndarray, *, l2: float = 3.0, steps: int = 30, offset: np.ndarray | None = None
) -> np.ndarray:
    """Logistic regression by Newton's method, with an L2 penalty on every weight but the bias (last).

    ``offset`` is added to each row's log-odds as it is: the part of the score that
    weights fixed beforehand give (so that only the other weights are fitted).

    >>> x, y = np.array([[0.0, 1.0], [1.0, 1.0], [2.0, 1.0], [3.0, 1.0]]), np.array([0.0, 0.0, 1.0, 1.0])
    >>> alone, beside = fit_weights(x, y, l2=1.0), fit_weights(x, y, l2=1.0, offset=3 * x[:, 0])
    >>> bool(alone[0] > 0), bool(beside[0] < alone[0])  # the fixed part already says much of it
    (True, True)
    """
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    fixed = np.zeros(len(x)) if offset is None else np.asarray(offset, dtype=np.float64)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w + fixed, -50, 50)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        w -= np.linalg.solve(hess, grad)
    return w
