"""Calibration: inject slips into a copy of a corpus, run the detector, count.

A flag is right only when its span is exactly an injected slip and its
suggestion is the word the slip replaced. Every other flag is a false flag.
The untouched corpus is cleaned too, so that the false flags per 10,000
characters say what the detector does to text that has no injected slip.

>>> docs = ["党的初心和使命是为人民谋幸福。"] * 6
>>> r = evaluate(docs, rate=1 / 15, seed=2)
>>> r.slips > 0 and 0.0 <= r.precision <= 1.0
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .detect import TypoDetector, TypoHit
from .inject import inject_slips

#: Thresholds at which the precision/recall curve is reported.
CURVE_THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class CurvePoint:
    """Precision, recall and false flags at one confidence threshold."""

    threshold: float
    flags: int
    right: int
    precision: float
    recall: float
    false_per_10k: float
    untouched_false_per_10k: float


@dataclass(frozen=True)
class EvalResult:
    """What :func:`evaluate` measured, at the detector's threshold and over a curve."""

    chars: int
    slips: int
    threshold: float
    curve: list[CurvePoint] = field(default_factory=list)
    at_threshold: CurvePoint | None = None

    @property
    def precision(self) -> float:
        return self.at_threshold.precision if self.at_threshold else 0.0

    @property
    def recall(self) -> float:
        return self.at_threshold.recall if self.at_threshold else 0.0

    def table(self) -> str:
        """The curve as a Markdown table."""
        rows = [
            "| threshold | flags | right | precision | recall | false / 10k chars | untouched false / 10k |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for p in self.curve:
            rows.append(
                f"| {p.threshold:.2f} | {p.flags} | {p.right} | {p.precision:.3f} | {p.recall:.3f} "
                f"| {p.false_per_10k:.3f} | {p.untouched_false_per_10k:.3f} |"
            )
        return "\n".join(rows)


def evaluate(
    texts: Sequence[str],
    *,
    rate: float = 1 / 2000,
    seed: int = 0,
    thresholds: Sequence[float] = CURVE_THRESHOLDS,
    detector_options: Mapping[str, Any] | None = None,
) -> EvalResult:
    """Inject slips at ``rate`` per character (seeded), fit and flag, and measure."""
    options = dict(detector_options or {})
    threshold = float(options.get("threshold", TypoDetector().threshold))
    lowest = min([*thresholds, threshold])
    noisy, slips = inject_slips(texts, rate=rate, seed=seed)
    truth = {(s.doc, s.start, s.end): s.original for s in slips}
    detector = TypoDetector(**options).fit(noisy)
    hits = [(d, h) for d, text in enumerate(noisy) for h in detector.find(text, threshold=lowest)]
    detector = TypoDetector(**options).fit(texts)
    untouched = [h for text in texts for h in detector.find(text, threshold=lowest)]
    chars = sum(map(len, texts))

    def point(t: float) -> CurvePoint:
        flagged = [(d, h) for d, h in hits if h.confidence >= t]
        right = sum(1 for d, h in flagged if _right(truth, d, h))
        clean_false = sum(1 for h in untouched if h.confidence >= t)
        return CurvePoint(
            threshold=t,
            flags=len(flagged),
            right=right,
            precision=right / len(flagged) if flagged else 1.0,
            recall=right / len(slips) if slips else 0.0,
            false_per_10k=(len(flagged) - right) * 10_000 / max(chars, 1),
            untouched_false_per_10k=clean_false * 10_000 / max(chars, 1),
        )

    return EvalResult(
        chars=chars,
        slips=len(slips),
        threshold=threshold,
        curve=[point(t) for t in sorted(thresholds)],
        at_threshold=point(threshold),
    )


def _right(truth: Mapping[tuple[int, int, int], str], doc: int, hit: TypoHit) -> bool:
    return truth.get((doc, hit.start, hit.end)) == hit.suggestion
