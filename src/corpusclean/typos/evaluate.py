"""Calibration: inject slips into a copy of a corpus, run the typo checker, count.

A flag is right when applying it undoes an injected slip: it overlaps the
slip, its suggestion is the original text of its span, and the text over both
is then the original (a whole-word slip 民族 for 民主 in 江泽民主席 is undone by
族席 → 主席 too); every other flag is a false flag. The untouched corpus is
checked too, so that the false flags per 10,000 characters say what the
checker does to text that has no injected slip. With ``corpus=False`` nothing
is fitted: each text is checked against the shipped reference alone.

>>> docs = ["党的初心和使命是为人民谋幸福。"] * 6
>>> r = evaluate(docs, rate=1 / 15, seed=2, kind="word")
>>> r.slips > 0 and 0.0 <= r.precision <= 1.0
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..script_chars import read_as_simplified
from .check import Hit, TypoChecker
from .detect import DEFAULT_THRESHOLD, TypoDetector
from .inject import Slip, inject_char_slips, inject_slips

#: Texts checked at a time (the hits are those of one text at a time; see :mod:`.batch`).
EVAL_BATCH = 128

#: The injectors by kind: one character replaced by a sound-alike (non-words, and
#: now and then real words), or a whole word replaced by a sound-alike word.
INJECTORS: dict[str, Callable[..., tuple[list[str], list[Slip]]]] = {
    "char": inject_char_slips,
    "word": inject_slips,
}

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
    kind: str = "char",
    corpus: bool = True,
    thresholds: Sequence[float] = CURVE_THRESHOLDS,
    threshold: float = DEFAULT_THRESHOLD,
    detector_options: Mapping[str, Any] | None = None,
    nonword: Any = "reference",
    convert: Callable[[str], str] | None = None,
    slip_options: Mapping[str, Any] | None = None,
) -> EvalResult:
    """Inject slips of ``kind`` at ``rate`` per character (seeded), check the texts, and measure.

    With ``corpus``, the checker is fitted on the texts it checks (the noisy copy,
    then the untouched one); without, on nothing. The texts are read in
    Simplified as ``flag_typos`` reads them
    (:func:`~corpusclean.script_chars.read_as_simplified`), so that slips are
    injected into a Traditional corpus's words too. ``convert``, applied to both
    after the slips are injected, measures the same text in another script: a
    conversion that keeps every position, such as OpenCC's ``s2t``.
    ``slip_options`` go to the injector: for ``kind="char"``, ``pick`` and ``reading``
    (:func:`~corpusclean.typos.inject.inject_char_slips`).
    """
    lowest = min([*thresholds, threshold])
    texts = [read_as_simplified(text) for text in texts]
    noisy, slips = INJECTORS[kind](texts, rate=rate, seed=seed, **dict(slip_options or {}))
    if convert is not None:
        before = [*noisy, *texts]
        after = [convert(t) for t in before]
        if any(len(a) != len(b) for a, b in zip(before, after, strict=True)):
            raise ValueError("evaluate: convert must keep every position (OpenCC s2t does; s2tw does not)")
        noisy, texts = after[: len(noisy)], after[len(noisy) :]
    by_doc: dict[int, list[Slip]] = {}
    for slip in slips:
        by_doc.setdefault(slip.doc, []).append(slip)

    def checker(fit_on: Sequence[str]) -> TypoChecker:
        made = TypoChecker(corpus=TypoDetector(**dict(detector_options or {})), nonword=nonword)
        return made.fit(fit_on) if corpus else made

    check = checker(noisy)
    hits = [(d, h) for d, found in enumerate(find_in_batches(check, noisy, lowest)) for h in found]
    check = checker(texts)
    untouched = [h for found in find_in_batches(check, texts, lowest) for h in found]
    chars = sum(map(len, texts))
    right_hits = {id(h) for d, h in hits if undoes_slip(texts[d], noisy[d], by_doc.get(d, []), h)}

    def point(t: float) -> CurvePoint:
        flagged = [h for _, h in hits if h.confidence >= t]
        right = sum(1 for h in flagged if id(h) in right_hits)
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


def undoes_slip(original: str, noisy: str, slips: Sequence[Slip], hit: Hit) -> bool:
    """Whether ``hit`` in ``noisy`` undoes a slip: it overlaps one, and with its suggestion
    applied the text equals ``original`` over the hit and every slip it overlaps.

    A hit may undo a whole-word slip from a neighbouring span: 民主 replaced by 民族 in
    江泽民主席 is undone by 族席 → 主席, which leaves 民 as it was.
    """
    touched = [s for s in slips if s.start < hit.end and hit.start < s.end]
    if not touched or original[hit.start : hit.end] != hit.suggestion:
        return False
    start, end = min(hit.start, *(s.start for s in touched)), max(hit.end, *(s.end for s in touched))
    fixed = noisy[start : hit.start] + hit.suggestion + noisy[hit.end : end]
    return fixed == original[start:end]


def find_in_batches(check: TypoChecker, texts: Sequence[str], threshold: float) -> list[list[Hit]]:
    """The hits in each of ``texts`` at or above ``threshold``, found :data:`EVAL_BATCH` texts at a time.

    The checker scans a batch as ``flag_typos`` hands it one (:meth:`TypoChecker.find_many`).
    """
    found: list[list[Hit]] = []
    for k in range(0, len(texts), EVAL_BATCH):
        found += check.find_many(texts[k : k + EVAL_BATCH], threshold=threshold)
    return found
