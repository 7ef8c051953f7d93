"""The ``corpusclean`` command: its parser and entry point.

Each command lives in its own module with ``add_parser(subparsers)`` and
``run(args) -> int``; every command's help ends with an example.
"""

from __future__ import annotations

import argparse
import difflib
import os
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
    for command in commands.choices.values():
        command.set_defaults(command_parser=command)
    return parser


def closest_option(word: str, parser: argparse.ArgumentParser) -> str | None:
    """The option of ``parser`` closest in spelling to ``word`` (``--fromat`` → ``--format``), if any.

    >>> parser = argparse.ArgumentParser()
    >>> _ = parser.add_argument("--format")
    >>> closest_option("--fromat=txt", parser), closest_option("--zzz", parser)
    ('--format', None)
    """
    options = [o for action in parser._actions for o in action.option_strings]
    found = difflib.get_close_matches(word.split("=", 1)[0], options, n=1, cutoff=0.6)
    return found[0] if found else None


def reject_unknown(args: argparse.Namespace, unknown: list[str]) -> None:
    """Exit with the command's own usage, and the closest valid option, for arguments it does not take."""
    command: argparse.ArgumentParser = args.command_parser
    message = f"unrecognized arguments: {' '.join(unknown)}"
    hints = {
        word: near
        for word in unknown
        if word.startswith("-") and (near := closest_option(word, command)) is not None
    }
    if len(hints) == 1:
        message += f"; did you mean {next(iter(hints.values()))}?"
    elif hints:
        message += "; did you mean " + ", ".join(f"{near} for {word}" for word, near in hints.items()) + "?"
    command.error(message)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (`corpusclean clean --help` lists them)."""
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        reject_unknown(args, unknown)
    try:
        return int(args.func(args))
    except CorpusCleanError as exc:
        print(f"corpusclean: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `corpusclean cleaners | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
    except KeyboardInterrupt:
        print("corpusclean: interrupted; no output was left half-written", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
