"""Main-text extraction on real Chinese pages: corpusclean beside trafilatura, same decoded pages.

Usage::

    python benchmarks/bench_webpage.py DIR [--repeat N] [--json OUT] [--opencc s2tw]

``DIR`` holds ``original/<id>.html`` (the pages as crawled) and
``cleaned/<id>.txt`` (the main text cleaned by hand, UTF-8). Every page is
decoded once with :func:`corpusclean.formats.decode_html`; both
extractors get the same ``str``. The score is the F1 of CJK character bigrams:
the Han characters of a text, in order, cut into overlapping pairs and counted
as a multiset; precision and recall of the extracted bigrams against the
hand-cleaned ones. Macro-averaged over pages, a page that fails counting 0.

Speed is pages per second of CPU time over all pages, the best of ``--repeat``
runs taken in turns (parsing included, decoding excluded). trafilatura is needed only here
(``pip install trafilatura``); it is no dependency of corpusclean.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import regex

from corpusclean.formats.html_encoding import decode_html
from corpusclean.webpage import main_text

HAN_RE = regex.compile(r"\p{Han}")


def bigrams(text: str) -> Counter[str]:
    """The multiset of bigrams of the Han characters of ``text``, in order."""
    han = "".join(HAN_RE.findall(text))
    return Counter(han[i : i + 2] for i in range(len(han) - 1))


def bigram_f1(extracted: str, reference: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``extracted``'s Han bigrams against ``reference``'s."""
    got, want = bigrams(extracted), bigrams(reference)
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    p, r = overlap / sum(got.values()), overlap / sum(want.values())
    return p, r, 2 * p * r / (p + r)


def trafilatura_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def run(extract: Callable[[str], str], pages: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    outputs, failures = {}, []
    for name, html in pages.items():
        try:
            outputs[name] = extract(html)
        except Exception as exc:  # a benchmark counts a crash as an empty result, and says so
            outputs[name] = ""
            failures.append(f"{name}: {type(exc).__name__}: {exc}")
    return outputs, failures


def timed(
    extractors: dict[str, Callable[[str], str]], pages: dict[str, str], repeat: int
) -> dict[str, float]:
    """Pages per second of each extractor, best of ``repeat`` runs taken in turns.

    CPU time of this process, so other work on a shared machine does not count; taking
    turns lets both extractors see the same cache and memory pressure.
    """
    best = dict.fromkeys(extractors, float("inf"))
    for _ in range(repeat):
        for label, extract in extractors.items():
            began = time.process_time()
            run(extract, pages)
            best[label] = min(best[label], time.process_time() - began)
    return {label: len(pages) / seconds for label, seconds in best.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="timing runs; the best counts")
    parser.add_argument("--json", type=Path, help="write per-page figures here")
    parser.add_argument(
        "--split",
        type=int,
        default=0,
        help="also report macro F1 apart for the first N pages (sorted by name) and for the rest",
    )
    parser.add_argument(
        "--opencc",
        metavar="CONFIG",
        help="first convert each page and its hand-cleaned text with this OpenCC config (s2t, s2tw, "
        "s2hk): the same pages in Traditional script",
    )
    args = parser.parse_args(argv)
    originals = sorted((args.dir / "original").glob("*.htm*"))
    if not originals:
        parser.error(
            f"no pages in {args.dir / 'original'}; pass the folder that holds original/ and cleaned/"
        )
    pages = {p.stem: decode_html(p.read_bytes())[0] for p in originals}
    refs = {name: (args.dir / "cleaned" / f"{name}.txt").read_text(encoding="utf-8") for name in pages}
    if args.opencc:
        import opencc

        convert = opencc.OpenCC(args.opencc).convert
        pages = {name: convert(html) for name, html in pages.items()}
        refs = {name: convert(text) for name, text in refs.items()}
    extractors = {"corpusclean": main_text, "trafilatura": trafilatura_text}
    rows: dict[str, dict[str, tuple[float, float, float]]] = {}
    for label, extract in extractors.items():
        outputs, failures = run(extract, pages)
        for failure in failures:
            print(f"{label} failed on {failure}", file=sys.stderr)
        rows[label] = {name: bigram_f1(outputs[name], refs[name]) for name in pages}
    speed = timed(extractors, pages, args.repeat)
    print(f"{'page':16} {'corpusclean P/R/F1':>22} {'trafilatura P/R/F1':>22}")
    for name in pages:
        cells = ["{:.3f}/{:.3f}/{:.3f}".format(*rows[label][name]) for label in extractors]
        label = name if len(name) <= 16 else name[:8]  # the development set names pages by UUID
        print(f"{label:16} {cells[0]:>22} {cells[1]:>22}")
    print()
    for label in extractors:
        f1 = sum(r[2] for r in rows[label].values()) / len(pages)
        print(f"{label:12} macro F1 {f1:.3f}   {speed[label]:7.1f} pages/s")
    if 0 < args.split < len(pages):
        names = list(pages)
        for part, chosen in ((f"first {args.split}", names[: args.split]), ("the rest", names[args.split :])):
            figures = "  ".join(
                f"{label} {sum(rows[label][n][2] for n in chosen) / len(chosen):.3f}" for label in extractors
            )
            print(f"macro F1, {part} ({len(chosen)} pages): {figures}")
    ratio = speed["corpusclean"] / speed["trafilatura"]
    print(f"speed ratio corpusclean/trafilatura: {ratio:.2f}")
    if args.json:
        args.json.write_text(json.dumps({"f1": rows, "pages_per_second": speed}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
