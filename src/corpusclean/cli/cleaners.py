"""``corpusclean cleaners``: list the registered cleaners."""

from __future__ import annotations

import argparse
from typing import Any

from ..defaults import DEFAULT_PIPELINE
from ..registry import available, option_names


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "cleaners",
        help="list every registered cleaner with its one-line description",
        description="List every registered cleaner. A * marks the cleaners of the default pipeline.",
        epilog="Example:\n  corpusclean cleaners --options",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--options", action="store_true", help="also list each cleaner's options")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    classes = available()
    width = max(map(len, classes), default=0)
    for name, cls in classes.items():
        mark = "*" if name in DEFAULT_PIPELINE else " "
        print(f"{mark} {name:<{width}}  {cls.description()}")
        if args.options:
            for option in option_names(cls):
                print(f"  {'':<{width}}    --{option}")
    return 0
