"""The typed document model: a frozen document, its flags and its removals.

A :class:`Document` never changes in place. :meth:`Document.replace` is the one
path to a changed copy: it validates the result, so a flag's span always
selects the flag's text. :meth:`Document.edit` applies text edits and keeps
every flag span and removal position right.

>>> doc = Document(id="a", text="中文 测试")
>>> doc = doc.edit([Edit(2, 3, reason="space between CJK")], cleaner="demo")
>>> doc.text, doc.removed[0].text, doc.removed[0].at
('中文测试', ' ', 2)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .edits import Edit, Rewrite, apply_edits
from .errors import FlagSpanError, InputError

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class Flag(BaseModel):
    """Something a cleaner noticed but did not change: a typo, a redaction, a stray quote.

    ``start`` and ``end`` are code-point offsets into the document's final text,
    and ``text`` is the substring they select.
    """

    model_config = _FROZEN

    kind: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    suggestion: str | None = None
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    cleaner: str
    reason: str


class Removal(BaseModel):
    """Text a cleaner took out of a document, with the reason.

    ``at`` is where the text stood, as an offset into the document's final text
    (kept right as later cleaners edit the text), or ``None`` for text that was
    never part of the running text (a headline moved to the title, say).
    """

    model_config = _FROZEN

    cleaner: str
    text: str
    reason: str
    at: int | None = Field(default=None, ge=0)


class Document(BaseModel):
    """One document of a corpus, as it goes through the cleaners.

    ``steps`` names the cleaners that changed it, in order; ``flags`` and
    ``removed`` say what they noticed and what they took out.
    """

    model_config = _FROZEN

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    flags: tuple[Flag, ...] = ()
    removed: tuple[Removal, ...] = ()
    steps: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _check_spans(self) -> Document:
        check_spans(self)
        return self

    @classmethod
    def from_json(
        cls, line: bytes | str, *, path: str | None = None, line_number: int | None = None
    ) -> Document:
        """The document of one JSONL record that a run wrote (every field of the model).

        The one place a written record is read back; a record that is not one
        raises :class:`~corpusclean.errors.InputError` naming ``path`` and
        ``line_number`` when given.

        >>> Document.from_json('{"id": "a", "text": "正文"}').text
        '正文'
        """
        try:
            return cls.model_validate_json(line)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(map(str, first["loc"])) or "(record)"
            raise InputError(
                f"not a corpusclean document record ({where}: {first['msg']}); "
                "give the JSONL that `corpusclean clean` wrote",
                path=path,
                line=line_number,
            ) from None

    @classmethod
    def from_record(cls, record: Document | Mapping[str, Any]) -> Document:
        """``record`` as a document: a document as it is, a plain dict by its fields.

        A dict needs ``id`` and ``text``; the other fields of the model are taken
        as they are, and any other field goes into ``metadata``.

        >>> Document.from_record({"id": 7, "text": "正文", "lang": "zh"}).metadata
        {'lang': 'zh'}
        """
        if isinstance(record, Document):
            return record
        if not isinstance(record, Mapping):
            raise TypeError(
                f"expected a Document or a dict with 'id' and 'text', not {type(record).__name__}"
            )
        fields = dict(record)
        missing = [k for k in ("id", "text") if k not in fields]
        if missing:
            raise InputError(
                f"a record without {' and '.join(map(repr, missing))} "
                f"(fields: {', '.join(map(str, fields)) or 'none'}); "
                "give each record an id and a text, or build Document objects"
            )
        own = {k: fields.pop(k) for k in _field_names(cls) if k in fields}
        own["metadata"] = {**own.get("metadata", {}), **fields}
        return cls.model_validate({**own, "id": str(own["id"])})

    def replace(self, **changes: Any) -> Document:
        """A copy with ``changes`` applied, validated like a new document.

        pydantic's ``model_copy(update=...)`` does not validate; this does.

        >>> Document(id="a", text="x").replace(title="标题").title
        '标题'
        """
        for key in ("flags", "removed", "steps"):
            if key in changes:
                changes[key] = tuple(changes[key])
        unknown = changes.keys() - _field_names(type(self))
        if unknown:
            raise TypeError(f"Document has no field(s) {sorted(unknown)}")
        new = self.model_copy(update=changes)
        check_spans(new)
        return new

    def edit(self, edits: Iterable[Edit], *, cleaner: str) -> Document:
        """Apply text edits made by ``cleaner``; record removals and remap spans.

        Edits with a reason go into ``removed``. Flags whose whole text was
        deleted are dropped (their text is in ``removed``); others follow the
        text. Returns ``self`` when nothing changes. A :class:`Rewrite` of this
        text is taken as it is when no span has to move.
        """
        if isinstance(edits, Rewrite):
            if edits.old != self.text:
                raise ValueError(
                    f"document {self.id!r}: {cleaner!r} made a Rewrite of another text; "
                    "build it from the text the cleaner was given"
                )
            if not self.flags and all(r.at is None for r in self.removed):
                return self if edits.new == self.text else self.replace(text=edits.new)
        edits = [e for e in edits if e.replacement != self.text[e.start : e.end]]
        if not edits:
            return self
        text, positions = apply_edits(self.text, edits)
        removed = [_moved(r, positions.end(r.at)) if r.at is not None else r for r in self.removed]
        removed += [
            Removal(
                cleaner=cleaner,
                text=self.text[e.start : e.end],
                reason=e.reason,
                at=positions.start(e.start),
            )
            for e in sorted(edits, key=lambda e: e.start)
            if e.reason is not None and e.end > e.start
        ]
        flags = []
        for f in self.flags:
            start, end = positions.start(f.start), positions.end(f.end)
            if end <= start and f.end > f.start:
                continue
            if (start, end) == (f.start, f.end) and text[start:end] == f.text:
                flags.append(f)  # in place: no copy (most flags stand before every edit)
            else:
                flags.append(f.model_copy(update={"start": start, "end": end, "text": text[start:end]}))
        return self.replace(text=text, flags=flags, removed=removed)

    def add_flags(self, flags: Iterable[Flag]) -> Document:
        """A copy with ``flags`` added, spans checked; a flag already there is not added again.

        >>> d = Document(id="a", text="中国共产党人的出行和使命")
        >>> f = Flag(kind="typo", start=7, end=9, text="出行", cleaner="t", reason="r")
        >>> d.add_flags([f]).flags[0].text
        '出行'
        """
        known = {(f.kind, f.start, f.end, f.cleaner) for f in self.flags}
        new = []
        for f in flags:  # the same flag raised again (a cleaner run twice) is not added twice
            key = (f.kind, f.start, f.end, f.cleaner)
            if key not in known:
                known.add(key)
                new.append(f)
        return self.replace(flags=self.flags + tuple(new)) if new else self

    def add_step(self, name: str) -> Document:
        """A copy with ``name`` appended to ``steps``."""
        return self.model_copy(update={"steps": (*self.steps, name)})


@cache
def _field_names(model: type[BaseModel]) -> frozenset[str]:
    """The field names of ``model``, read once (pydantic builds ``model_fields`` on each access)."""
    return frozenset(model.model_fields)


def _moved(removal: Removal, at: int) -> Removal:
    """``removal`` placed at ``at``: the same object when it does not move (no copy)."""
    return removal if removal.at == at else removal.model_copy(update={"at": at})


def check_spans(doc: Document) -> None:
    """Raise :class:`FlagSpanError` unless every flag selects its text in ``doc.text``."""
    n = len(doc.text)
    for f in doc.flags:
        if not (0 <= f.start <= f.end <= n) or doc.text[f.start : f.end] != f.text:
            raise FlagSpanError(
                f"document {doc.id!r}: flag {f.kind!r} from {f.cleaner!r} says "
                f"text[{f.start}:{f.end}] is {f.text!r}, but it is "
                f"{doc.text[f.start : f.end]!r}; build flags from the text they point into"
            )
    for r in doc.removed:
        if r.at is not None and r.at > n:
            raise FlagSpanError(
                f"document {doc.id!r}: removal by {r.cleaner!r} is placed at {r.at}, "
                f"past the end of the text ({n})"
            )


__all__ = ["Document", "Edit", "Flag", "Removal", "check_spans"]
