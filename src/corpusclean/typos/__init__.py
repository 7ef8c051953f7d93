"""Typo flagging learnt from the corpus itself: n-gram counts, loose pinyin, calibration."""

from .detect import TypoDetector, TypoHit
from .evaluate import CurvePoint, EvalResult, evaluate
from .inject import Slip, inject_slips
from .ngrams import NgramStats
from .nonword import NonWordDetector, NonWordHit

__all__ = [
    "CurvePoint",
    "EvalResult",
    "NgramStats",
    "NonWordDetector",
    "NonWordHit",
    "Slip",
    "TypoDetector",
    "TypoHit",
    "evaluate",
    "inject_slips",
]
