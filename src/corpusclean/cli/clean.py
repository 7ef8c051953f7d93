"""``corpusclean clean``: clean files into JSONL or plain text."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import IO, Any

from ..cleaner import CleanerStats
from ..errors import OutputError, RecipeError
from ..executor.engine import ProgressBar, default_workers
from ..executor.ray import cluster_address
from ..executor.runner import RunResult, clean_files, infer_format
from ..executor.units import total_bytes
from ..formats import OUTPUT_FORMATS, find_files, input_help, output_help
from ..pipeline import Pipeline
from ..recipe import build_pipeline, load_recipe
from ..registry import available
from .report import run_outputs, write_report

EXAMPLE = """\
Examples:
  corpusclean clean seeds -o out/seeds.jsonl --report out/seeds.html
  corpusclean clean crawl/ -o out/texts --format txt --skip remove_repeats
  corpusclean clean dump.jsonl.zst --text-key content -o - | head -n 1
  corpusclean clean crawl/ -o out/shards --format jsonl --workers 8
  corpusclean clean crawl/ -o out/shards --format jsonl --engine ray

Exit status:
  0  every document was read, cleaned and written
  1  some inputs could not be read (see OUT.rejects.jsonl); the rest was written
  2  nothing was done: a usage error, or --on-error fail met an unreadable input
  3  every document was written, but a cleaner raised on some of them: they went on without
     that cleaner and carry a flag of kind cleaner_error (the cleaner and the error); look at them
"""

#: The exit status of a run in which a cleaner raised on some documents (all written, flagged).
EXIT_CLEANER_ERRORS = 3


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "clean",
        help="clean files or directories into JSONL or plain text",
        description=(
            "Clean files (directories are read recursively) with the default pipeline or a recipe. "
            f"Formats read, by file name ending:\n{input_help()}\n\nDocuments marked as duplicates, "
            "dropped documents and unreadable inputs go to side files next to the output "
            "(OUT.duplicates.jsonl, OUT.dropped.jsonl, OUT.rejects.jsonl), so nothing is lost. "
            "A directory output with --format jsonl gets part-00000.jsonl.zst shards and a "
            "manifest: run the same command again after an interruption and it finishes the rest."
        ),
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files or directories to clean")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help=f"{output_help()}, a directory (one .txt per document, or shards with --format), "
        "or - for stdout",
    )
    parser.add_argument(
        "--format", choices=OUTPUT_FORMATS, help="output format (default: from the output's name)"
    )
    parser.add_argument("--recipe", metavar="FILE", help="a TOML recipe naming the cleaners and options")
    parser.add_argument("--only", metavar="NAME,...", help="run only these cleaners of the pipeline")
    parser.add_argument("--skip", metavar="NAME,...", help="leave these cleaners out of the pipeline")
    parser.add_argument(
        "--text-key",
        default="text",
        help="record field that holds the text; a dotted name reaches into nested fields (default: text)",
    )
    parser.add_argument(
        "--id-key", default="id", help="record field that holds the id, e.g. meta.id (default: id)"
    )
    parser.add_argument(
        "--split-text",
        action="store_true",
        help="split every text file into documents at chapter headings, else at line or sentence ends "
        "(ids novel#1, novel#2, ...); a text file over the 16 MiB document limit is split anyway",
    )
    parser.add_argument(
        "--on-error",
        choices=["skip", "fail"],
        default="skip",
        help="skip: set unreadable inputs aside in a rejects file and go on (exit status 1); "
        "fail: stop at the first one (default: skip)",
    )
    parser.add_argument(
        "--workers",
        type=_positive,
        default=None,
        metavar="N",
        help="worker processes for the local engine (default: every core this process may use)",
    )
    parser.add_argument(
        "--engine",
        choices=["local", "ray"],
        default="local",
        help="local: worker processes on this machine; ray: the Ray cluster ray.init() finds, "
        "or a local one (needs pip install 'corpusclean[ray]'). Ray pays off across machines: on "
        "one machine the local engine uses every core too, without Ray's start-up of 20 s or more "
        "(default: local)",
    )
    parser.add_argument("--stats", metavar="FILE", help="write the run's per-cleaner stats as JSON")
    parser.add_argument(
        "--report",
        metavar="HTML",
        help="also write the run's review page (needs JSONL or Parquet output: a file, or shards with "
        "--format jsonl or parquet); "
        "see `corpusclean report`",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    parser.set_defaults(func=run)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return number


def _names(value: str | None) -> list[str]:
    return [n.strip() for n in value.split(",") if n.strip()] if value else []


def select(pipeline: Pipeline, only: list[str], skip: list[str]) -> Pipeline:
    """The pipeline with only the ``only`` cleaners (if given) and without the ``skip`` ones."""
    known = set(available())
    for name in only + skip:
        if name not in known:
            raise RecipeError(f"unknown cleaner {name!r}; valid names: {', '.join(sorted(known))}")
    if only:
        missing = [n for n in only if n not in pipeline.names]
        if missing:
            raise RecipeError(
                f"--only names {', '.join(missing)}, which the pipeline does not have "
                f"({', '.join(pipeline.names)}); use a recipe to add cleaners"
            )
        return Pipeline(c for c in pipeline if c.name in only)
    return Pipeline(c for c in pipeline if c.name not in skip)


class _Bar:
    """A tqdm bar over the bytes of input, with the documents read so far beside it."""

    def __init__(
        self, desc: str, total_bytes: int, stream: IO[str], *, disable: bool | None, delay: float
    ) -> None:
        from tqdm import tqdm

        self.bar = tqdm(
            total=total_bytes,
            desc=desc,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            delay=delay,
            file=stream,
            disable=disable,
        )
        self.documents = 0

    def update(self, done_bytes: int, documents: int | None = None) -> None:
        if documents is not None:
            self.documents += documents
            self.bar.set_postfix_str(f"{self.documents:,} documents", refresh=False)
        self.bar.update(done_bytes)

    def close(self) -> None:
        self.bar.close()


def make_progress(stream: IO[str] | None = None, *, quiet: bool = False, always: bool = False) -> Any:
    """The CLI's progress display: a bar per pass, in bytes of input with a total and an ETA.

    ``always`` shows it even when ``stream`` is not a terminal (and at once), for tests.
    """

    def open_bar(desc: str, total_bytes: int) -> ProgressBar:
        # by default: no bar for a pass shorter than two seconds, and none when not on a terminal
        disable = True if quiet else (False if always else None)
        return _Bar(desc, total_bytes, stream or sys.stderr, disable=disable, delay=0 if always else 2)

    return open_bar


def run(args: argparse.Namespace) -> int:
    if args.report and (
        args.output == "-" or (args.format or infer_format(args.output)) not in ("jsonl", "parquet")
    ):
        raise OutputError(
            "--report reads the run's JSONL or Parquet output: give -o a .jsonl[.gz|.zst] or .parquet "
            "file, or a directory with --format jsonl or parquet"
        )
    if args.engine == "ray" and not args.quiet:
        hint = ray_hint(args.inputs, os.environ.get("RAY_ADDRESS"))
        if hint:
            print(hint, file=sys.stderr)
    recipe = load_recipe(args.recipe) if args.recipe else None
    pipeline = select(build_pipeline(recipe), _names(args.only), _names(args.skip))
    result = clean_files(
        list(args.inputs),
        args.output,
        pipeline=pipeline,
        fmt=args.format,
        text_key=args.text_key,
        id_key=args.id_key,
        split_text=args.split_text,
        on_error=args.on_error,
        progress=make_progress(quiet=args.quiet),
        workers=args.workers or default_workers(),
        engine=args.engine,
    )
    for err in result.rejected:
        print(f"corpusclean: skipped {err}", file=sys.stderr)
    if args.stats:
        Path(args.stats).parent.mkdir(parents=True, exist_ok=True)
        Path(args.stats).write_text(
            json.dumps(result.as_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
        )
    if args.report:
        outputs = run_outputs(Path(args.output))
        write_report(outputs, Path(args.report), result.as_dict(), title=Path(args.output).name)
    if not args.quiet:
        print(summary(result), file=sys.stderr)
        if args.engine == "ray":
            print(f"corpusclean: ran on the Ray cluster at {cluster_address()}", file=sys.stderr)
    if result.cleaner_errors:
        print(
            f"corpusclean: a cleaner raised on {result.cleaner_errors} document(s); they were written "
            "without that cleaner, with a flag of kind cleaner_error that names it and the error "
            f"(exit status {EXIT_CLEANER_ERRORS})",
            file=sys.stderr,
        )
    if result.rejected:
        return 1
    return EXIT_CLEANER_ERRORS if result.cleaner_errors else 0


#: Below this much input, a new local Ray instance costs more than it saves.
RAY_PAYS_OFF_BYTES = 1 << 30


def ray_hint(inputs: list[str], ray_address: str | None) -> str | None:
    """A word of advice when ``--engine ray`` would start a local Ray instance for a small input.

    >>> ray_hint(["seeds"], None).startswith("corpusclean: hint:")
    True
    >>> ray_hint(["seeds"], "ray://head:10001") is None  # a cluster the user chose
    True
    """
    if ray_address:
        return None
    size = total_bytes(find_files(inputs))  # the files a run would read, as the run counts them
    if size >= RAY_PAYS_OFF_BYTES:
        return None
    return (
        f"corpusclean: hint: {size / 1e6:,.1f} MB of input on a new local Ray instance; the local "
        "engine (the default) uses every core of this machine without Ray's start-up, and is faster "
        "for inputs of this size. Ray pays off on a cluster (set RAY_ADDRESS)."
    )


def summary(result: RunResult) -> str:
    """A short table of the run: one row per cleaner, then the totals and where they went."""
    rows: list[tuple[str, ...]] = [
        ("cleaner", "seen", "changed", "dropped", "chars removed", "flags", "errors", "seconds")
    ]
    rows += [_row(s) for s in result.stats]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(
        f"{result.read} documents read, {result.written} written, {result.duplicates} duplicates, "
        f"{result.dropped} dropped, {len(result.rejected)} inputs rejected"
    )
    lines += [f"  {kind}: {path}" for kind, path in result.files.items()]
    return "\n".join(lines)


def _row(s: CleanerStats) -> tuple[str, ...]:
    return (
        s.name,
        str(s.seen),
        str(s.changed),
        str(s.dropped),
        str(s.chars_removed),
        str(s.flags),
        str(s.errors),
        f"{s.seconds:.2f}",
    )
