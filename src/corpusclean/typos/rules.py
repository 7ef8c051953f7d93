"""Dictionary rules: a user's confusion list and never-flag list, matched with Aho–Corasick.

A confusion says that ``wrong`` should read ``right``, optionally only inside a
longer ``context`` written with the wrong form. The flag covers only the part
that differs (出行和使命 → 初心和使命 flags 出行 and suggests 初心). Lists are
TSV (``wrong<TAB>right[<TAB>context]``, ``#`` starts a comment) or TOML
(``[[confusion]]`` tables with ``wrong``, ``right``, ``context``, and a
top-level ``never_flag`` array).

>>> rules = ConfusionList([Confusion("出行和使命", "初心和使命")])
>>> [(m.start, m.end, m.suggestion) for m in rules.find("党人的出行和使命")]
[(3, 5, '初心')]
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from ..errors import RecipeError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class Confusion:
    """``wrong`` should read ``right``; only inside ``context`` when one is given."""

    wrong: str
    right: str
    context: str | None = None


@dataclass(frozen=True)
class RuleMatch:
    """Where a confusion matched: ``text[start:end]`` should read ``suggestion``."""

    start: int
    end: int
    suggestion: str
    rule: Confusion


def _differing_part(wrong: str, right: str) -> tuple[int, int, str]:
    """Offsets in ``wrong`` of the part that differs from ``right``, and its replacement."""
    head = 0
    while head < min(len(wrong), len(right)) and wrong[head] == right[head]:
        head += 1
    tail = 0
    while tail < min(len(wrong), len(right)) - head and wrong[-1 - tail] == right[-1 - tail]:
        tail += 1
    return head, len(wrong) - tail, right[head : len(right) - tail]


class TermMatcher:
    """All occurrences of a set of terms in a text, by one Aho–Corasick pass.

    With ``fold`` (a function that keeps every position, such as
    :func:`corpusclean.script_chars.to_simplified`), terms and texts are compared
    folded: a never-flag term written in Simplified covers its Traditional form too.

    >>> [(s, e) for s, e, _ in TermMatcher(["张三", "三峡"]).spans("张三去三峡")]
    [(0, 2), (3, 5)]
    >>> from corpusclean.script_chars import to_simplified
    >>> TermMatcher(["三峡"], fold=to_simplified).covers("長江三峽")
    [(2, 4)]
    """

    def __init__(self, terms: Iterable[str], *, fold: Callable[[str], str] | None = None) -> None:
        self.fold = fold
        self.terms = frozenset(fold(t) if fold else t for t in terms if t)
        self._automaton = ahocorasick.Automaton()
        for term in sorted(self.terms):
            self._automaton.add_word(term, term)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def __eq__(self, other: object) -> bool:
        """Matchers of the same terms match the same."""
        if not isinstance(other, TermMatcher):
            return NotImplemented
        return (self.terms, self.fold) == (other.terms, other.fold)

    def spans(self, text: str) -> Iterator[tuple[int, int, str]]:
        """``(start, end, term)`` of every occurrence, overlapping ones included."""
        if self._empty:
            return
        for end, term in self._automaton.iter(self.fold(text) if self.fold else text):
            yield end + 1 - len(term), end + 1, term

    def covers(self, text: str) -> list[tuple[int, int]]:
        """The spans of every occurrence."""
        return [(s, e) for s, e, _ in self.spans(text)]


class ConfusionList:
    """A list of confusions, matched leftmost-longest without overlaps."""

    def __init__(self, confusions: Iterable[Confusion]) -> None:
        self.confusions = list(confusions)
        by_pattern: dict[str, Confusion] = {}
        for rule in self.confusions:
            pattern = rule.context or rule.wrong
            if rule.context is not None and rule.wrong not in rule.context:
                raise RecipeError(
                    f"confusion {rule.wrong!r} → {rule.right!r}: its context {rule.context!r} does not "
                    "contain the wrong form; write the context as it appears in the text"
                )
            by_pattern[pattern] = rule
        self._by_pattern = by_pattern
        self._matcher = TermMatcher(by_pattern)

    def find(self, text: str) -> list[RuleMatch]:
        """Where the rules match ``text``, left to right."""
        found = sorted(self._matcher.spans(text), key=lambda m: (m[0], -(m[1] - m[0])))
        matches: list[RuleMatch] = []
        last = 0
        for start, end, pattern in found:
            if start < last:
                continue
            rule = self._by_pattern[pattern]
            at = start + (pattern.index(rule.wrong) if rule.context else 0)
            head, tail, replacement = _differing_part(rule.wrong, rule.right)
            matches.append(RuleMatch(at + head, at + tail, replacement, rule))
            last = end
        return matches


def load_rules(path: str | Path) -> tuple[list[Confusion], list[str]]:
    """Read confusions and never-flag terms from a ``.tsv`` or ``.toml`` file."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RecipeError(f"{path}: cannot read the typo list ({exc.strerror}); check the path") from None
    if path.suffix == ".toml":
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise RecipeError(f"{path}: not valid TOML ({exc}); fix the file") from None
        rules = [Confusion(r["wrong"], r["right"], r.get("context")) for r in data.get("confusion", [])]
        return rules, list(data.get("never_flag", []))
    rules = []
    for number, line in enumerate(raw.splitlines(), 1):
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) not in (2, 3) or not all(fields):
            raise RecipeError(
                f"{path}:{number}: expected 'wrong<TAB>right' or 'wrong<TAB>right<TAB>context', got {line!r}"
            )
        rules.append(Confusion(*fields))
    return rules, []


def load_terms(path: str | Path) -> list[str]:
    """Never-flag terms: the ``never_flag`` array of a ``.toml`` file, else one term a line."""
    path = Path(path)
    if path.suffix == ".toml":
        return load_rules(path)[1]
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RecipeError(
            f"{path}: cannot read the never-flag list ({exc.strerror}); check the path"
        ) from None
    return [term for line in lines if (term := line.split("#", 1)[0].strip())]
