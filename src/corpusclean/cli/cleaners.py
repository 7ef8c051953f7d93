"""``corpusclean cleaners``: list the registered cleaners, in the order the default pipeline runs them."""

from __future__ import annotations

import argparse
import re
from typing import Any

from pydantic_core import PydanticUndefined

from ..defaults import DEFAULT_PIPELINE
from ..registry import available, option_rows, pipeline_order

#: reStructuredText inline markup of docstrings: ````literal````, ``:role:`~module.Name```.
_RST_LITERAL_RE = re.compile(r"``(.+?)``")
_RST_ROLE_RE = re.compile(r":[a-z]+:`~?(?:[\w.]+\.)?([^`]+)`")


def plain(text: str) -> str:
    """``text`` without the reStructuredText markup of docstrings, for a terminal.

    >>> plain("Flag marks without a partner (``“”``, ``（）``); see :class:`~corpusclean.document.Flag`.")
    'Flag marks without a partner (“”, （）); see Flag.'
    """
    return _RST_ROLE_RE.sub(r"\1", _RST_LITERAL_RE.sub(r"\1", text))


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "cleaners",
        help="list every registered cleaner with its one-line description",
        description=(
            "List every registered cleaner: first the default pipeline's, in the order it runs them "
            "(numbered), then the optional ones, which a recipe or --only adds."
        ),
        epilog="Example:\n  corpusclean cleaners --verbose",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="also list each cleaner's options, types and defaults"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    classes = available()
    width = max(map(len, classes), default=0)
    for name in pipeline_order(classes):
        cls = classes[name]
        place = f"{DEFAULT_PIPELINE.index(name) + 1:>2}." if name in DEFAULT_PIPELINE else "  -"
        print(f"{place} {name:<{width}}  {plain(cls.description())}")
        if args.verbose:
            for option, type_, default in option_rows(cls):
                shown = "required" if default is PydanticUndefined else f"default {default!r}"
                print(f"    {'':<{width}}  {option} ({type_}, {shown})")
    optional = len(classes) - sum(name in classes for name in DEFAULT_PIPELINE)
    print(f"\nNumbered: the default pipeline, in order. '-': optional ({optional}); a recipe adds them.")
    return 0
