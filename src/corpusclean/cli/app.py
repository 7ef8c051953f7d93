"""The ``corpusclean`` command: its parser and entry point.

Each command lives in its own module with ``add_parser(subparsers)`` and
``run(args) -> int``; every command's help ends with an example.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

from ..errors import CorpusCleanError

#: The command modules, in the order ``--help`` lists them.
COMMAND_MODULES: tuple[str, ...] = ("clean", "cleaners", "report", "eval_typos", "eval_quality")


def _version() -> str:
    try:
        return version("corpusclean")
    except PackageNotFoundError:  # running from a source tree
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The ``corpusclean`` parser with every command."""
    parser = argparse.ArgumentParser(
        prog="corpusclean",
        description="Clean Chinese text corpora without damaging correct text.",
        epilog="Example:\n  corpusclean clean seeds -o out/seeds.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        import_module(f"{__package__}.{name}").add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 inputs rejected, 2 usage error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except CorpusCleanError as exc:
        print(f"corpusclean: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("corpusclean: interrupted; no output was left half-written", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
