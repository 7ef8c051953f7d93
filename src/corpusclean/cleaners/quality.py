"""Quality signals for Chinese text, and a filter on them.

``score_quality`` writes the signals of :func:`corpusclean.quality.quality_signals`
to ``metadata["quality"]`` and changes nothing else; it is not in the default
pipeline (the signals cost more than a default run should pay on every
document: a recipe adds it). ``filter_quality`` drops a document when a rule of
:data:`corpusclean.quality.RULES` fires, with the rule and the values in the
drop reason (the command line writes dropped documents, reason included, to
the ``dropped`` side file). It is not in the default pipeline: which text is
worth training on is the corpus builder's decision, made in a recipe.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from ..cleaner import Cleaner, Drop
from ..document import Document
from ..quality import Thresholds, failures, preload_tables, quality_signals, quality_signals_many


def score_quality(text: str) -> dict[str, float]:
    """The quality signals of ``text`` (:data:`corpusclean.quality.SIGNALS` says what each means).

    >>> s = score_quality("床前明月光，疑是地上霜。\\n举头望明月，低头思故乡。")
    >>> s["han_chars"], s["punct_end_line_share"], s["dup_line_share"]
    (20, 1.0, 0.0)
    """
    return quality_signals(text)


def quality_reason(text: str, thresholds: Thresholds | None = None) -> str | None:
    """Why :class:`FilterQuality` would drop ``text`` (the first rule that fires), or ``None``.

    >>> quality_reason("上一页 下一页 返回顶部")
    'too_short: han_chars=10 < 20'
    >>> quality_reason("床前明月光，疑是地上霜。\\n举头望明月，低头思故乡。") is None
    True
    """
    found = failures(quality_signals(text), thresholds or Thresholds(), first=True)
    return found[0].reason if found else None


class ScoreQuality(Cleaner):
    """Write quality signals (length in Han characters, shares, repetition, mojibake, fluency) to metadata.

    Before: ``metadata={}``; after: ``metadata={"quality": {"han_chars": 3992,
    "han_share": 0.8822, ..., "fluency": 0.67}}``. The text is not touched;
    ``docs/quality.md`` lists every signal.
    """

    name = "score_quality"
    changes_text = False

    def preload(self) -> None:
        preload_tables()

    def apply_many(self, docs: Sequence[Document]) -> list[Document | Drop]:
        """Score a batch of documents: the signals' array work is done for all of them at once."""
        return [
            doc
            if doc.metadata.get("quality") == signals
            else doc.replace(metadata={**doc.metadata, "quality": signals})
            for doc, signals in zip(docs, quality_signals_many([doc.text for doc in docs]), strict=True)
        ]


class FilterQuality(Cleaner):
    """Drop documents whose quality signals cross a threshold, naming the rule and the values.

    Before: a page of navigation links; after: dropped with the reason
    ``"no_prose: punct_end_line_share=0 < 0.2, stop_char_share=0.05 < 0.1,
    verse_line_share=0 < 0.75, sentence_char_share=0 < 0.3"``.
    Reads ``metadata["quality"]`` when ``score_quality`` scored the same text,
    and computes the signals otherwise. Each option is a threshold of
    :class:`corpusclean.quality.Thresholds`: the defaults start from
    FineWeb-2's Mandarin (``cmn_Hani``) settings carried over to characters,
    with the changes ``docs/quality.md`` gives with their reasons.
    Not in the default pipeline.
    """

    name = "filter_quality"

    def __init__(self, **thresholds: float) -> None:
        self.thresholds = Thresholds(**thresholds)  # type: ignore[arg-type]

    def preload(self) -> None:
        preload_tables()

    def signals(self, doc: Document) -> dict[str, float]:
        """The document's signals: those ``score_quality`` left when they fit its text, else new ones."""
        return self.signals_many([doc])[0]

    def signals_many(self, docs: Sequence[Document]) -> list[dict[str, float]]:
        """:meth:`signals` of each of ``docs``, those not scored computed as one batch."""
        scored = [doc.metadata.get("quality") for doc in docs]
        fits = [
            isinstance(s, dict) and s.get("length") == len(doc.text)
            for s, doc in zip(scored, docs, strict=True)
        ]
        fresh = iter(quality_signals_many([doc.text for doc, fit in zip(docs, fits, strict=True) if not fit]))
        return [s if fit else next(fresh) for s, fit in zip(scored, fits, strict=True)]  # type: ignore[misc]

    def apply_many(self, docs: Sequence[Document]) -> list[Document | Drop]:
        """Judge a batch of documents, computing the signals of those not scored as one batch."""
        results: list[Document | Drop] = []
        for doc, signals in zip(docs, self.signals_many(docs), strict=True):
            found = failures(signals, self.thresholds, first=True)
            results.append(Drop(found[0].reason) if found else doc)
        return results

    def __repr__(self) -> str:
        changed = {f.name: getattr(self.thresholds, f.name) for f in fields(Thresholds)}
        default = Thresholds()
        shown = ", ".join(f"{k}={v!r}" for k, v in changed.items() if getattr(default, k) != v)
        return f"FilterQuality({shown})"


def _threshold_options() -> tuple[inspect.Signature, dict[str, Any]]:
    """The keyword-only options of :class:`FilterQuality`: one per field of :class:`Thresholds`."""
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    params += [
        inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default, annotation=f.type)
        for f in fields(Thresholds)
    ]
    return inspect.Signature(params, return_annotation=None), {f.name: f.type for f in fields(Thresholds)}


# The options are Thresholds' fields, declared once there; the registry, recipes and the
# generated reference read them from this signature.
FilterQuality.__init__.__signature__, FilterQuality.__init__.__annotations__ = _threshold_options()  # type: ignore[attr-defined]

__all__ = ["FilterQuality", "ScoreQuality", "quality_reason", "score_quality"]
