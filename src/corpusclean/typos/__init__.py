"""Typo flagging: non-word slips from shipped reference statistics, real-word slips from the corpus."""

from .check import TypoChecker
from .detect import TypoDetector, TypoHit
from .evaluate import CurvePoint, EvalResult, evaluate
from .inject import Slip, inject_char_slips, inject_slips
from .ngrams import NgramStats
from .nonword import NonWordDetector, NonWordHit

__all__ = [
    "CurvePoint",
    "EvalResult",
    "NgramStats",
    "NonWordDetector",
    "NonWordHit",
    "Slip",
    "TypoChecker",
    "TypoDetector",
    "TypoHit",
    "evaluate",
    "inject_char_slips",
    "inject_slips",
]
