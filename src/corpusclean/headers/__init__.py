"""Header and footer removal for news and document text (see :mod:`corpusclean.headers.remove`)."""

from .plan import HeaderPlan
from .remove import find_headers, remove_headers
from .rules import DEFAULT_RULES, HeaderRules

__all__ = ["DEFAULT_RULES", "HeaderPlan", "HeaderRules", "find_headers", "remove_headers"]
