"""Compiled regular expressions, one place for all of them (``*_RE`` names).

Patterns are compiled once at import. Character classes are built from named
pieces so that a reader can see what each range is. Patterns a user gives (in a
recipe) are compiled with :func:`compile_user_pattern`, which runs every search
with a time limit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

from .errors import PatternTimeoutError, RecipeError

# -- character classes -----------------------------------------------------------
#: Han ideographs (all CJK Unified Ideographs blocks and the compatibility block).
HAN = r"\p{Han}"
#: CJK punctuation and full-width forms that sit between Chinese characters.
CJK_PUNCT = (
    r"\u3000-\u303f"  # CJK symbols and punctuation: 、。〈〉《》「」『』【】〔〕
    r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"  # full-width punctuation: ！（），．：；？
    r"\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"  # ‘’“”—…·
)

# -- lines and paragraphs (normalize_lines) -------------------------------------
#: Leading or trailing white space of the document, or a run of line breaks with
#: the horizontal white space before them (trailing spaces, blank lines).
LINE_BREAK_RUN_RE = regex.compile(r"\A\s+|\s+\Z|(?:[^\S\r\n]*(?:\r\n?|\n))+")

# -- spaces and width (normalize_spaces, normalize_width) ------------------------

# -- markup (strip_html) ------------------------------------------------------------

# -- headers and footers (remove_headers) ------------------------------------------

# -- sentences (remove_repeats) --------------------------------------------------------

# -- flags (flag_redactions, flag_punctuation) -------------------------------------------

# -- user-supplied patterns (recipes) ---------------------------------------------------
#: Seconds one search of a user-supplied pattern may take on one text. Built-in
#: patterns need no limit: they are written and tested here not to backtrack.
USER_PATTERN_TIMEOUT = 2.0


@dataclass(frozen=True)
class UserPattern:
    """A user-supplied pattern whose every search runs with a time limit.

    It has the reading methods of a compiled pattern (``search``, ``match``,
    ``fullmatch``, ``finditer``, ``sub``), with the same arguments, so it can
    stand wherever a built-in ``*_RE`` pattern is used. A search that runs out
    of time raises :class:`~corpusclean.errors.PatternTimeoutError`
    naming the pattern and where it came from, instead of hanging the run.
    """

    pattern: regex.Pattern[str]
    source: str
    timeout: float = USER_PATTERN_TIMEOUT

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        """Like :meth:`regex.Pattern.search`, within the time limit."""
        return self._timed(self.pattern.search, text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        """Like :meth:`regex.Pattern.match`, within the time limit."""
        return self._timed(self.pattern.match, text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        """Like :meth:`regex.Pattern.fullmatch`, within the time limit."""
        return self._timed(self.pattern.fullmatch, text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
        """Like :meth:`regex.Pattern.finditer`; the time limit covers the whole scan."""
        matches = self.pattern.finditer(text, pos, endpos, timeout=self.timeout)
        while True:
            try:
                found = next(matches)
            except StopIteration:
                return
            except TimeoutError:
                raise self._timed_out(text) from None
            yield found

    def sub(self, replacement: str | Callable[[regex.Match[str]], str], text: str, count: int = 0) -> str:
        """Like :meth:`regex.Pattern.sub`, within the time limit."""
        try:
            result: str = self.pattern.sub(replacement, text, count, timeout=self.timeout)
        except TimeoutError:
            raise self._timed_out(text) from None
        return result

    def _timed(
        self, method: Callable[..., regex.Match[str] | None], text: str, pos: int, endpos: int | None
    ) -> regex.Match[str] | None:
        try:
            return method(text, pos, endpos, timeout=self.timeout)
        except TimeoutError:
            raise self._timed_out(text) from None

    def _timed_out(self, text: str) -> PatternTimeoutError:
        return PatternTimeoutError(
            f"the pattern {self.pattern.pattern!r} from {self.source} ran longer than "
            f"{self.timeout:g} s on a text of {len(text):,} characters; it probably backtracks "
            "catastrophically (a repeat inside a repeat, like (a|aa)+): rewrite it without nested "
            "repeats, or anchor it to a line"
        )


def compile_user_pattern(
    pattern: str, *, source: str, flags: int = 0, timeout: float = USER_PATTERN_TIMEOUT
) -> UserPattern:
    """Compile a pattern a user gave (``source`` says where, for messages) with a time limit.

    A pattern that does not compile raises :class:`~corpusclean.errors.RecipeError`.

    >>> pattern = compile_user_pattern(r"^本报讯", source="remove_headers.patterns[0]")
    >>> pattern.search("本报讯 北京").group()
    '本报讯'
    >>> compile_user_pattern("(", source="recipe.toml [remove_headers] patterns[1]")
    Traceback (most recent call last):
    ...
    corpusclean.errors.RecipeError: recipe.toml [remove_headers] patterns[1]: the pattern '(' is not ...
    """
    try:
        compiled = regex.compile(pattern, flags)
    except (regex.error, TypeError) as exc:
        raise RecipeError(
            f"{source}: the pattern {pattern!r} is not a valid regular expression ({exc}); fix it"
        ) from None
    return UserPattern(compiled, source, timeout)
