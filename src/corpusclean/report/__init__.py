"""The review page of a run: what was removed and flagged, in place, on one self-contained HTML page."""

from .page import render_report
from .records import read_documents, read_stats
from .survey import PRIORITY_KINDS, survey

__all__ = ["PRIORITY_KINDS", "read_documents", "read_stats", "render_report", "survey"]
