"""Quality signals of Chinese text and the rules that judge them; never touches documents."""

from .rules import RULE_SIGNALS, RULES, Failure, Rule, Thresholds, failures, threshold_names
from .signals import (
    SIGNALS,
    STOP_CHARS,
    gbk_mojibake_share,
    preload_tables,
    quality_signals,
    quality_signals_many,
)

__all__ = [
    "RULES",
    "RULE_SIGNALS",
    "SIGNALS",
    "STOP_CHARS",
    "Failure",
    "Rule",
    "Thresholds",
    "failures",
    "gbk_mojibake_share",
    "preload_tables",
    "quality_signals",
    "quality_signals_many",
    "threshold_names",
]
