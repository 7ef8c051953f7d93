"""A record (a JSON object, a Parquet row) as a document: which field is the text, which the id.

``text_key`` and ``id_key`` name the fields; a dotted name (``meta.id``)
reaches into nested objects when no field has the dotted name itself. Every
other field goes to ``metadata`` as it came, nested objects included. A
record that is already a corpusclean document (it has ``id``, ``text``,
``flags``, ``removed`` and ``steps``) is read back as one.

>>> settings = ReadSettings(text_key="content", id_key="meta.id")
>>> doc = record_document({"content": "正文", "meta": {"id": 7, "lang": "zh"}}, settings, "a:1", {})
>>> doc.id, doc.text, doc.metadata
('7', '正文', {'meta': {'lang': 'zh'}})
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..document import Document
from ..errors import InputError
from .source import ReadSettings

_OWN_SCHEMA_KEYS = frozenset({"flags", "removed", "steps"})


class MissingTextError(InputError):
    """A record has no text field of the name given (the name is likely wrong for the whole file)."""


def pop_field(record: dict[str, Any], name: str) -> Any:
    """Remove and return the field ``name`` of ``record``; a dotted name reaches into nested objects.

    A nested object left empty is removed too. ``None`` when there is no such field.

    >>> record = {"meta": {"id": 3}, "a.b": 1}
    >>> pop_field(record, "meta.id"), pop_field(record, "a.b"), record
    (3, 1, {})
    """
    if name in record or "." not in name:
        return record.pop(name, None)
    head, rest = name.split(".", 1)
    inner = record.get(head)
    if not isinstance(inner, dict):
        return None
    value = pop_field(inner, rest)
    if not inner:
        del record[head]
    return value


def record_document(
    record: Any,
    settings: ReadSettings,
    default_id: str,
    where: dict[str, Any],
    decoded: dict[str, Any] | None = None,
) -> Document:
    """The document of one record; ``where`` (``path``, ``line``) goes into the errors raised.

    ``decoded`` (how the record's bytes were decoded) is added to the metadata.
    Raises :class:`MissingTextError` when the text field is missing (the
    message names the fields there are), :class:`InputError` for a record that
    is not an object or whose text is not a string.
    """
    if not isinstance(record, dict):
        raise InputError("a record must be a JSON object", **where)
    if record.keys() >= _OWN_SCHEMA_KEYS and "id" in record and "text" in record:
        try:
            return Document.model_validate(record)
        except ValidationError as exc:
            raise InputError(f"a corpusclean record that does not validate: {exc}", **where) from None
    fields = ", ".join(map(str, record)) or "none"
    text = pop_field(record, settings.text_key)
    if text is None:
        raise MissingTextError(
            f"the text field {settings.text_key!r} is missing; pass --text-key to name the field "
            f"that holds the text (fields here: {fields})",
            **where,
        )
    if not isinstance(text, str):
        raise InputError(
            f"the text field {settings.text_key!r} is a {type(text).__name__}, not a string; pass "
            f"--text-key to name the field that holds the text (fields here: {fields})",
            **where,
        )
    raw_id = pop_field(record, settings.id_key)
    doc_id = str(raw_id) if raw_id is not None else default_id
    return Document(id=doc_id, text=text, source=where.get("path"), metadata={**record, **(decoded or {})})
