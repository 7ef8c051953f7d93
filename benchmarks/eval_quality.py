"""Quality filtering on real text and real junk: corpusclean beside datatrove and Data-Juicer.

Usage::

    PYTHONPATH=src python benchmarks/eval_quality.py [--half report|calibrate|both] [--per-kind 200]
        [--systems corpusclean,datatrove,data_juicer] [--speed MB] [--json OUT] [--opencc s2t]

The corpus is :mod:`quality_corpus` (text to keep from the People's Daily,
the seeds, the hand-cleaned ``html-dev`` pages, classical couplets, quoted
speech and customer reviews; junk of ten kinds built from real text).
Thresholds were set on the ``calibrate`` half; ``report`` is the other half.

Systems, each judging the same ``str``:

- ``corpusclean``: ``filter_quality`` with its default thresholds;
- ``datatrove``: the filters of the FineWeb-2 pipeline with the ``cmn_Hani``
  settings (GopherRepetitionFilter, FineWebQualityFilter, GopherQualityFilter,
  as ``fineweb-2-pipeline.py`` sets them; words from jieba through spaCy). The
  language-identification score filter is left out: it needs a downloaded
  GlotLID model;
- ``data_juicer``: the filters of Data-Juicer's Chinese refine recipe
  (``alpaca-cot-zh-refine.yaml``): alphanumeric_filter (min 0.10),
  character_repetition_filter (rep_len 10, max 0.6), text_length_filter (min
  10). Its flagged_words_filter is left out: it downloads a word list and a
  sentencepiece model at run time.

datatrove, spaCy and py-data-juicer are needed only here (``pip install
datatrove spacy py-data-juicer``); they are no dependencies of corpusclean.
Speed is CPU time (``time.process_time``) of judging every document once.

``--speed MB`` also times ``score_quality`` alone as ``benchmarks/bench_quality.py``
does (seeds and People's Daily, cycled to MB).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality_corpus import GOOD_SETS, HARD_KINDS, JUNK_KINDS, Sample, samples

from corpusclean.quality import Thresholds, failures, quality_signals

#: A judge: the reason a text is dropped, or None to keep it.
Judge = Callable[[str], str | None]


def corpusclean_judge() -> Judge:
    thresholds = Thresholds()

    def judge(text: str) -> str | None:
        found = failures(quality_signals(text), thresholds, first=True)
        return found[0].rule if found else None

    return judge


#: FineWeb-2's configs/cmn_Hani.yml.
FINEWEB2_CMN = {
    "dup_line_frac": 0.287,
    "dup_n_grams": ((5, 0.198), (6, 0.182), (7, 0.167), (8, 0.154), (9, 0.14), (10, 0.127)),
    "line_punct_thr": 0.106,
    "max_avg_word_length": 5,
    "max_non_alpha_words_ratio": 0.735,
    "min_avg_word_length": 1,
    "new_line_ratio": 0.178,
    "stopwords": list("的年在月是和日了於·為有被人中为他與後也而由"),
    "top_n_grams": ((2, 0.256), (3, 0.201), (4, 0.171)),
}


def datatrove_judge() -> Judge:
    from datatrove.data import Document
    from datatrove.pipeline.filters import FineWebQualityFilter, GopherQualityFilter, GopherRepetitionFilter

    cfg, lang = FINEWEB2_CMN, "cmn_Hani"
    filters = [
        GopherRepetitionFilter(
            language=lang,
            dup_para_frac=0,
            dup_line_char_frac=0,
            dup_para_char_frac=0,
            dup_line_frac=cfg["dup_line_frac"],
            top_n_grams=cfg["top_n_grams"],
            dup_n_grams=cfg["dup_n_grams"],
        ),
        FineWebQualityFilter(
            language=lang,
            short_line_thr=999,
            char_duplicates_ratio=0.1,
            line_punct_thr=cfg["line_punct_thr"],
            new_line_ratio=cfg["new_line_ratio"],
        ),
        GopherQualityFilter(
            language=lang,
            max_avg_word_length=cfg["max_avg_word_length"],
            min_avg_word_length=cfg["min_avg_word_length"],
            stop_words=cfg["stopwords"],
            max_non_alpha_words_ratio=cfg["max_non_alpha_words_ratio"],
            min_stop_words=2,
        ),
    ]

    def judge(text: str) -> str | None:
        doc = Document(text=text, id="d")
        for f in filters:
            result = f.filter(doc)
            keep, reason = result if isinstance(result, tuple) else (result, type(f).__name__)
            if not keep:
                return str(reason)
        return None

    return judge


def data_juicer_judge() -> Judge:
    from data_juicer.ops.filter.alphanumeric_filter import AlphanumericFilter
    from data_juicer.ops.filter.character_repetition_filter import CharacterRepetitionFilter
    from data_juicer.ops.filter.text_length_filter import TextLengthFilter
    from data_juicer.utils.constant import Fields

    ops = [
        AlphanumericFilter(tokenization=False, min_ratio=0.10),
        CharacterRepetitionFilter(rep_len=10, max_ratio=0.6),
        TextLengthFilter(min_len=10),
    ]

    def judge(text: str) -> str | None:
        batch: dict[str, Any] = {"text": [text], Fields.stats: [{}]}
        for op in ops:
            batch = op.compute_stats_batched(batch)
            if not next(iter(op.process_batched(batch))):
                return str(op._name)
        return None

    return judge


SYSTEMS: dict[str, Callable[[], Judge]] = {
    "corpusclean": corpusclean_judge,
    "datatrove": datatrove_judge,
    "data_juicer": data_juicer_judge,
}


def judge_all(judge: Judge, corpus: list[Sample]) -> tuple[list[str | None], float]:
    """Each sample's drop reason (None: kept), and the CPU seconds it took."""
    judge(corpus[0].text)  # load what the judge loads once (word lists, tokenizers)
    began = time.process_time()
    reasons = [judge(s.text) for s in corpus]
    return reasons, time.process_time() - began


def summarize(corpus: list[Sample], reasons: list[str | None]) -> dict[str, Any]:
    """Kept shares of good text by data set, dropped shares of junk by kind, and overall."""
    kept: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # docs kept, docs, chars kept, chars
    dropped: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    why: dict[str, Counter[str]] = defaultdict(Counter)
    for s, reason in zip(corpus, reasons, strict=True):
        if s.junk:
            row = dropped[s.kind]
            row[0] += reason is not None
            row[1] += 1
            why[s.kind][reason or "kept"] += 1
        else:
            row = kept[s.data_set]
            row[0] += reason is None
            row[1] += 1
            row[2] += len(s.text) if reason is None else 0
            row[3] += len(s.text)
            if reason:
                why[s.data_set][reason] += 1
    good = [sum(r[i] for r in kept.values()) for i in range(4)]
    counted = [dropped[k] for k in JUNK_KINDS if k in dropped]
    junk = [sum(r[0] for r in counted), sum(r[1] for r in counted)]
    return {
        "good_kept": good[0] / good[1],
        "good_chars_kept": good[2] / good[3],
        "junk_dropped": junk[0] / junk[1],
        "worst_kind": min((r[0] / r[1], k) for k, r in dropped.items() if k in JUNK_KINDS),
        "good": {k: (r[0], r[1]) for k, r in kept.items()},
        "junk": {k: (r[0], r[1]) for k, r in dropped.items()},
        "why": {k: dict(c.most_common(4)) for k, c in why.items()},
    }


def table(results: dict[str, dict[str, Any]], seconds: dict[str, float], megabytes: float) -> str:
    systems = list(results)
    out = ["| | " + " | ".join(systems) + " |", "| --- |" + " --- |" * len(systems)]

    def row(label: str, cell: Callable[[dict[str, Any]], str]) -> None:
        out.append(f"| {label} | " + " | ".join(cell(results[s]) for s in systems) + " |")

    row("good documents kept", lambda r: f"{r['good_kept']:.2%}")
    row("good characters kept", lambda r: f"{r['good_chars_kept']:.2%}")
    for name in GOOD_SETS:
        row(f"  kept: {name}", lambda r, n=name: _share(r["good"].get(n)))
    row("junk dropped (ten kinds)", lambda r: f"{r['junk_dropped']:.2%}")
    for kind in (*JUNK_KINDS, *HARD_KINDS):
        row(f"  dropped: {kind}", lambda r, k=kind: _share(r["junk"].get(k)))
    out.append("| MB/s (CPU time) | " + " | ".join(f"{megabytes / seconds[s]:.2f}" for s in systems) + " |")
    return "\n".join(out)


def _share(pair: tuple[int, int] | None) -> str:
    return "-" if not pair else f"{pair[0] / pair[1]:.1%} ({pair[0]}/{pair[1]})"


def converted(corpus: list[Sample], config: str) -> list[Sample]:
    """``corpus`` with each text converted by OpenCC's ``config``, the mis-decoded ones left alone."""
    import opencc

    convert = opencc.OpenCC(config).convert
    return [s if s.kind.startswith("mojibake") else replace(s, text=convert(s.text)) for s in corpus]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--half", choices=["report", "calibrate", "both"], default="report")
    parser.add_argument("--per-kind", type=int, default=200)
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--speed", type=float, default=0.0, help="also time score_quality over this many MB")
    parser.add_argument("--json", help="write the results here")
    parser.add_argument(
        "--opencc",
        metavar="CONFIG",
        help="first convert every document with this OpenCC config (s2t, s2tw, s2hk: the corpus in "
        "Traditional script); the mojibake kinds stay as built, bytes of the Simplified text misread",
    )
    args = parser.parse_args(argv)
    corpus = [s for s in samples(args.per_kind) if args.half == "both" or s.half == args.half]
    if args.opencc:
        corpus = converted(corpus, args.opencc)
    megabytes = sum(len(s.text.encode("utf-8")) for s in corpus) / 1e6
    print(f"{len(corpus)} documents ({megabytes:.2f} MB), half: {args.half}", file=sys.stderr)
    results, seconds = {}, {}
    for name in args.systems.split(","):
        try:
            judge = SYSTEMS[name]()
        except ImportError as exc:
            print(f"{name}: not installed ({exc}); pip install it to compare", file=sys.stderr)
            continue
        reasons, seconds[name] = judge_all(judge, corpus)
        results[name] = summarize(corpus, reasons)
        print(f"{name}: {seconds[name]:.1f} s CPU", file=sys.stderr)
    print(table(results, seconds, megabytes))
    for name, r in results.items():
        print(f"\n{name}: why documents were dropped (good) or kept (junk):")
        for group, reasons in r["why"].items():
            print(f"  {group}: {reasons}")
    if args.speed:
        from bench_quality import score_quality_rate

        rate = score_quality_rate(args.speed)
        print(f"\nscore_quality: {rate:.1f} MB/s (CPU time, best of 3, {args.speed} MB)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
