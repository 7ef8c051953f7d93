"""Space normalization that is safe for Chinese.

Chinese puts no spaces between words, so a space between two Chinese characters
is noise (``。 古人曰``), while a space between Latin words is text and stays.
Unusual spaces (U+3000, NBSP, U+2002...) become a plain space or go; zero-width
and control characters go and are recorded, since a stray one can be a sign of
damaged input worth looking at.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..chars import line_separators, unicode_spaces
from ..cleaner import Cleaner
from ..edits import Edit, sub_edits
from ..patterns import (
    CJK_CHAR_RE,
    HAN_CHAR_RE,
    JOINER_CHARS,
    LINE_SEPARATOR_RE,
    RUNNING_TEXT_RE,
    SPACE_GAP_RE,
    SPACE_WORK_RE,
)
from ..protected import edit_unprotected

_SPACES = frozenset(unicode_spaces())
_LINE_BREAKS = frozenset("\r\n" + line_separators())


def _is_cjk(ch: str) -> bool:
    return CJK_CHAR_RE.match(ch) is not None


def _is_plain(ch: str) -> bool:
    """ASCII, a space or CJK: next to these a zero-width joiner does nothing."""
    return ch.isascii() or ch in _SPACES or _is_cjk(ch)


#: A headline longer than this is taken for running text.
HEADLINE_MAX_CHARS = 50


def _separates_phrases(text: str, start: int, end: int) -> bool:
    """Whether the spaces at ``text[start:end]``, between two Han characters, separate phrases.

    A space in a short headline-like line with no sentence punctuation or Latin
    letters separates phrases (``永葆初心本色 践行使命担当``); anywhere else a
    space between two Han characters is noise.
    """
    if not (HAN_CHAR_RE.match(text[start - 1]) and HAN_CHAR_RE.match(text[end])):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return len(line) <= HEADLINE_MAX_CHARS and RUNNING_TEXT_RE.search(line) is None


def _invisible_reason(ch: str) -> str:
    kind = "control character" if unicodedata.category(ch) == "Cc" else "zero-width character"
    return f"{kind} U+{ord(ch):04X}"


def space_edits(
    text: str,
    *,
    strip_indent: bool = True,
    join_cjk: bool = True,
    fold_spaces: bool = True,
    remove_invisible: bool = True,
) -> Iterator[Edit]:
    """The edits :func:`normalize_spaces` makes; removed invisible characters carry a reason."""
    if SPACE_WORK_RE.search(text) is None:
        return
    n = len(text)
    for m in SPACE_GAP_RE.finditer(text):
        start, end = m.span()
        before = text[start - 1] if start else "\n"
        after = text[end] if end < n else "\n"
        run = m.group()
        if (
            remove_invisible
            and len(run) == 1
            and run in JOINER_CHARS
            and not (_is_plain(before) or _is_plain(after))
        ):
            continue  # a joiner inside an emoji sequence or a joining script shapes the text
        if before in _LINE_BREAKS and strip_indent:
            spaces = ""
        elif join_cjk and _is_cjk(before) and _is_cjk(after):
            spaces = " " if _separates_phrases(text, start, end) else ""
        elif fold_spaces:
            spaces = " "
        else:
            spaces = None  # keep the spaces as they are
        for i, ch in enumerate(run, start):
            if ch not in _SPACES:
                if remove_invisible:
                    yield Edit(i, i + 1, "", _invisible_reason(ch))
            elif spaces is not None:
                yield Edit(i, i + 1, spaces)
                spaces = ""  # the first space of the run carries the replacement
    if remove_invisible:
        yield from sub_edits(LINE_SEPARATOR_RE, "\n", text)


def normalize_spaces(
    text: str,
    *,
    strip_indent: bool = True,
    join_cjk: bool = True,
    fold_spaces: bool = True,
    remove_invisible: bool = True,
) -> str:
    """Normalize spaces without touching correct Chinese.

    - ``strip_indent``: indentation at the start of a line goes (``　　正文``);
    - ``join_cjk``: spaces between two CJK characters go (``。 古人曰``), except
      in a short headline line without sentence punctuation, where they
      separate phrases and become one plain space;
    - ``fold_spaces``: other runs of spaces, NBSP, U+3000 and the like become
      one ASCII space (``hello　 world`` → ``hello world``);
    - ``remove_invisible``: zero-width characters (U+200B–U+200D, U+2060,
      U+FEFF) and control characters go; vertical tab, form feed and the
      Unicode line separators become ``\\n``. ZWJ and ZWNJ stay where they join
      something (emoji sequences, scripts that need them).

    >>> normalize_spaces("　　也只是镜中花、水中月。 古人曰：“为政贵在行”")
    '也只是镜中花、水中月。古人曰：“为政贵在行”'
    >>> normalize_spaces("Hello,  world\\u00a0and 中 文 text")
    'Hello, world and 中文 text'
    >>> normalize_spaces("永葆初心本色　践行使命担当")
    '永葆初心本色 践行使命担当'

    URLs, e-mail addresses, mentions (and the space that ends one), hashtags,
    paths and code stay as they are (:mod:`corpusclean.protected`):

    >>> normalize_spaces("@小红同学 你好。中 文")
    '@小红同学 你好。中文'
    """
    edits = space_edits(
        text,
        strip_indent=strip_indent,
        join_cjk=join_cjk,
        fold_spaces=fold_spaces,
        remove_invisible=remove_invisible,
    )
    return edit_unprotected(text, edits)


class NormalizeSpaces(Cleaner):
    """Normalize spaces: no indentation, no space between CJK characters, one plain space elsewhere.

    Before: ``"　　水中月。 古人曰\\u200b：Hello\\u3000 world"``;
    after: ``"水中月。古人曰：Hello world"``. Removed zero-width and control
    characters are recorded in ``removed``; changed spaces are only counted.
    URLs, e-mail addresses, mentions (with the space that ends one), hashtags,
    file paths and code are left as they are.
    """

    name = "normalize_spaces"
    keeps_tokens = True

    def __init__(
        self,
        *,
        strip_indent: bool = True,
        join_cjk: bool = True,
        fold_spaces: bool = True,
        remove_invisible: bool = True,
    ) -> None:
        self.options = {
            "strip_indent": strip_indent,
            "join_cjk": join_cjk,
            "fold_spaces": fold_spaces,
            "remove_invisible": remove_invisible,
        }

    def find_edits(self, text: str) -> Iterator[Edit]:
        return space_edits(text, **self.options)


__all__ = ["NormalizeSpaces", "normalize_spaces", "space_edits"]
