"""Personal data in Chinese text: find it, check it, mask it (see :mod:`corpusclean.pii.find`)."""

from .find import KINDS, PLACEHOLDERS, Match, canonical, find_pii, keyed_hash, mask_pii, replace_matches

__all__ = [
    "KINDS",
    "PLACEHOLDERS",
    "Match",
    "canonical",
    "find_pii",
    "keyed_hash",
    "mask_pii",
    "replace_matches",
]
