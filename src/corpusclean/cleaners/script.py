"""Traditional and Simplified Chinese: convert with OpenCC, detect cheaply.

Conversion is not in the default pipeline: even correct conversion changes
text (names, quotations, regional wording), so it is a choice a corpus builder
makes in a recipe. Detection only writes ``metadata["script"]`` and is cheap
enough to run on every document.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

import opencc

from ..cleaner import Cleaner, Drop
from ..document import Document
from ..edits import Edit
from ..errors import RecipeError
from ..protected import edit_unprotected
from ..script_chars import SCRIPT_MARKERS_FILE, ScriptMarkers, detect_script

#: The OpenCC configurations the installed wheel ships, by short name (``t2s``, ``s2twp``...).
OPENCC_CONFIGS: tuple[str, ...] = tuple(sorted(c.removesuffix(".json") for c in opencc.CONFIGS))


@cache
def _converter(config: str) -> opencc.OpenCC:
    if config not in OPENCC_CONFIGS:
        raise RecipeError(
            f"convert_script: unknown OpenCC config {config!r}; valid configs: "
            f"{', '.join(OPENCC_CONFIGS)}. For example config='t2s' converts Traditional to "
            "Simplified and config='s2twp' Simplified to Taiwan usage."
        )
    return opencc.OpenCC(config)


def _diff_edits(old: str, new: str, offset: int) -> Iterator[Edit]:
    """Edits turning ``old`` into ``new``, as small as the difference (offsets shifted by ``offset``)."""
    if len(old) == len(new):  # the common case: character for character
        i, n = 0, len(old)
        while i < n:
            if old[i] == new[i]:
                i += 1
                continue
            j = i + 1
            while j < n and old[j] != new[j]:
                j += 1
            yield Edit(offset + i, offset + j, new[i:j])
            i = j
        return
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            yield Edit(offset + i1, offset + i2, new[j1:j2])


def script_edits(text: str, config: str = "t2s") -> Iterator[Edit]:
    """The edits :func:`convert_script` makes, line by line so that they stay small."""
    converted = _converter(config).convert(text)
    if converted == text:
        return
    old_lines, new_lines = text.split("\n"), converted.split("\n")
    if len(old_lines) != len(new_lines):  # OpenCC never touches line breaks; be safe anyway
        yield from _diff_edits(text, converted, 0)
        return
    offset = 0
    for old, new in zip(old_lines, new_lines, strict=True):
        if old != new:
            yield from _diff_edits(old, new, offset)
        offset += len(old) + 1


def convert_script(text: str, config: str = "t2s") -> str:
    """Convert between Traditional and Simplified Chinese with an OpenCC config.

    >>> convert_script("漢字轉換，滑鼠和記憶體", "tw2sp")
    '汉字转换，鼠标和内存'
    """
    return edit_unprotected(text, script_edits(text, config))


class ConvertScript(Cleaner):
    """Convert between Traditional and Simplified Chinese with OpenCC (any config: t2s, s2t, tw2sp, hk2s...).

    Before (``config="t2s"``): ``"歷史與發展"``; after: ``"历史与发展"``. Not in the default
    pipeline: ask for it in a recipe. The edits are per character or phrase, so
    flags raised earlier keep their place. URLs, e-mail addresses, mentions,
    hashtags, file paths and code are left as they are (``/wiki/臺灣`` stays).
    """

    name = "convert_script"
    keeps_tokens = True

    def __init__(self, *, config: str = "t2s") -> None:
        _converter(config)  # fail now, with the list of valid configs, not at the first document
        self.config = config

    def find_edits(self, text: str) -> Iterator[Edit]:
        return script_edits(text, self.config)

    def __repr__(self) -> str:
        return f"ConvertScript(config={self.config!r})"


# -- detection ------------------------------------------------------------------------


def _han_block() -> list[str]:
    # CJK Unified Ideographs and Extension A: where every Traditional/Simplified pair lives
    return [chr(c) for c in (*range(0x4E00, 0xA000), *range(0x3400, 0x4DC0))]


def _converted_by(config: str, chars: list[str]) -> dict[str, str]:
    """What OpenCC's ``config`` makes of each of ``chars`` that it changes."""
    converted = opencc.OpenCC(config).convert("\n".join(chars)).split("\n")
    return {c: out for c, out in zip(chars, converted, strict=True) if out != c}


def script_markers_from_opencc() -> ScriptMarkers:
    """The Traditional-only and the Simplified-only characters, as the installed OpenCC tells them.

    A character is Traditional-only when ``t2s`` changes it, or ``hk2s`` does
    (Hong Kong's 衞, 敍, 枱), and what it makes of it is its Simplified form.
    It is Simplified-only when ``s2t``, ``s2tw`` and ``s2hk`` all change it (so
    variants that Taiwan or Hong Kong also write, such as 群 or 床, do not count
    as Simplified). ``python -m corpusclean.cleaners.script`` writes them to the
    package's data file (:mod:`corpusclean.script_chars` reads it); a test
    checks that the file agrees with OpenCC.
    """
    chars = _han_block()
    to_simplified = _converted_by("t2s", chars)
    # the standard forms of Hong Kong that t2s leaves as they are (衞, 敍, 枱): hk2s folds them
    to_simplified |= {c: s for c, s in _converted_by("hk2s", chars).items() if c not in to_simplified}
    simplified = set(_converted_by("s2t", chars))
    for config in ("s2tw", "s2hk"):
        simplified &= set(_converted_by(config, chars))
    traditional = sorted(to_simplified)
    return ScriptMarkers(
        "".join(traditional),
        "".join(sorted(simplified - set(to_simplified))),
        "".join(to_simplified[c] for c in traditional),
    )


def write_script_markers(path: Path | None = None) -> Path:
    """Write :func:`script_markers_from_opencc` to ``path`` (default: the package's data file)."""
    markers = script_markers_from_opencc()
    target = path or Path(str(resources.files("corpusclean.data").joinpath(SCRIPT_MARKERS_FILE)))
    target.write_text(
        f"# Characters only one script writes, derived from OpenCC {opencc.__version__} by "
        "corpusclean.cleaners.script.script_markers_from_opencc\n"
        "# simplified_of: what t2s (or hk2s) makes of each character of the traditional line, in its order\n"
        + "".join(f"{name}\t{chars}\n" for name, chars in markers._asdict().items()),
        encoding="utf-8",
    )
    return target


class DetectScript(Cleaner):
    """Record whether a document is written in Simplified or Traditional Chinese, or a mix.

    Before: ``metadata={}``, text ``"為中國人民謀幸福…"``; after: ``metadata={"script": "traditional"}``.
    The text is not touched; documents with too few Han characters get no entry.
    """

    name = "detect_script"
    changes_text = False

    def __init__(self, *, min_han: int = 20, sample: int = 2000, threshold: float = 0.95) -> None:
        self.min_han = min_han
        self.sample = sample
        self.threshold = threshold

    def apply(self, doc: Document) -> Document | Drop:
        script = detect_script(doc.text, min_han=self.min_han, sample=self.sample, threshold=self.threshold)
        if script is None or doc.metadata.get("script") == script:
            return doc
        return doc.replace(metadata={**doc.metadata, "script": script})


__all__ = [
    "OPENCC_CONFIGS",
    "ConvertScript",
    "DetectScript",
    "convert_script",
    "detect_script",
    "script_edits",
]


if __name__ == "__main__":
    write_script_markers()
