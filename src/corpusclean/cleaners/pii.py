"""Personal data: mask phone, ID and bank card numbers, e-mails, QQ and WeChat ids, IP addresses.

Masking is the one change in the library that keeps no copy of what it
replaced: a masked value is not put in ``removed``, and every other place of
the document that could hold it (the title, earlier removals, flags, metadata)
is masked too. What is recorded instead is in ``metadata["pii"]``: for each
value its kind, where it was (``field`` and the ``start`` of its placeholder)
and its ``length``, and with a ``hash_key`` an HMAC-SHA256 of the value under
that key, so that the places one value was found can be linked without it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..cleaner import Cleaner, FoundFlag
from ..document import Document, Edit, Flag, Removal
from ..errors import RecipeError
from ..pii import KINDS, PLACEHOLDERS, Match, find_pii, keyed_hash, replace_matches

#: The ``metadata`` key of the records of masked values.
RECORDS_KEY = "pii"
#: The flag kind of a value found in ``flag_only`` mode is this prefix and the value's kind.
FLAG_PREFIX = "pii_"

Record = dict[str, Any]


class MaskPII(Cleaner):
    """Mask personal data (phone, ID and bank card numbers, e-mails, QQ, WeChat, IP) with typed placeholders.

    Before: ``"请致电13812345678或发邮件至abc@qq.com"``; after: ``"请致电[手机号]或发邮件至[邮箱]"``,
    with ``metadata["pii"] == [{"kind": "mobile", "field": "text", "start": 3, "length": 11}, ...]``.
    A number counts only when its check digits or its cue word say what it is,
    so dates, amounts, hotlines and serial numbers stay. Cue words (``QQ：``,
    ``微信号``) stay. No copy of a masked value is kept anywhere in the document:
    not in ``removed``, and the title, earlier removals, flags and metadata are
    masked too. ``start`` is the placeholder's offset as this cleaner leaves the
    text. In the default pipeline it runs after every cleaner that edits the
    text, so those offsets hold in the output. ``flag_only`` flags each value
    (kind ``pii_mobile``…) instead of masking it; ``hash_key`` adds an HMAC-SHA256
    of each value under that key. Names and street addresses are not detected.
    """

    name = "mask_pii"

    def __init__(
        self,
        *,
        kinds: tuple[str, ...] = KINDS,
        placeholders: dict[str, str] | None = None,
        flag_only: bool = False,
        hash_key: str | None = None,
    ) -> None:
        given = set(kinds) | set(placeholders or {})
        if unknown := sorted(given - set(KINDS)):
            raise RecipeError(
                f"mask_pii: unknown kind(s) of personal data {unknown}; valid kinds: {', '.join(KINDS)}"
            )
        if hash_key == "":
            raise RecipeError("mask_pii: hash_key is empty; give a secret key, or leave it out for no hash")
        self.kinds = tuple(k for k in KINDS if k in kinds)
        self.placeholders: Mapping[str, str] = {**PLACEHOLDERS, **(placeholders or {})}
        self.flag_only = flag_only
        self._hash_key = hash_key
        self.changes_text = not flag_only

    def __repr__(self) -> str:  # never shows the hash key
        return f"MaskPII(kinds={self.kinds!r}, flag_only={self.flag_only!r})"

    def apply(self, doc: Document) -> Document:
        if self.flag_only:
            return doc.add_flags(self._flag(doc.text, m) for m in find_pii(doc.text, self.kinds))
        return self.scrub(doc)

    def scrub(self, doc: Document) -> Document:
        """``doc`` with every value masked in every field (text, title, removals, flags, metadata).

        A run also calls this on the documents it sets aside without cleaning
        them (dropped, or whose cleaning failed), so no output file keeps a value.
        With ``flag_only`` nothing is masked, anywhere.
        """
        if self.flag_only:
            return doc
        records: list[Record] = []
        matches = find_pii(doc.text, self.kinds)
        if matches:
            edits = [Edit(m.start, m.end, self.placeholders[m.kind]) for m in matches]
            records += self._records("text", doc.text, matches)
            doc = doc.edit(edits, cleaner=self.name)  # flags over a value take their text from the new text
        changes: dict[str, Any] = {}
        if doc.title is not None and (title := self._mask("title", doc.title, records)) != doc.title:
            changes["title"] = title
        removed = [self._mask_removal(n, r, records) for n, r in enumerate(doc.removed)]
        if any(new is not old for new, old in zip(removed, doc.removed, strict=True)):
            changes["removed"] = removed
        flags = [self._mask_flag(n, f, records) for n, f in enumerate(doc.flags)]
        if any(new is not old for new, old in zip(flags, doc.flags, strict=True)):
            changes["flags"] = flags
        metadata = {
            key: value if key == RECORDS_KEY else self._mask_value(f"metadata.{key}", value, records)
            for key, value in doc.metadata.items()
        }
        if records:
            metadata[RECORDS_KEY] = [*doc.metadata.get(RECORDS_KEY, ()), *records]
            changes["metadata"] = metadata
        return doc.replace(**changes) if changes else doc

    # -- one field at a time ---------------------------------------------------------

    def _records(self, field: str, text: str, matches: Iterable[Match]) -> list[Record]:
        """What is kept of each value: kind, field, the placeholder's start, length (and keyed hash)."""
        records, shift = [], 0
        for m in matches:
            length = m.end - m.start
            record: Record = {"kind": m.kind, "field": field, "start": m.start + shift, "length": length}
            if self._hash_key is not None:
                record["hash"] = keyed_hash(self._hash_key, m.kind, text[m.start : m.end])
            records.append(record)
            shift += len(self.placeholders[m.kind]) - length
        return records

    def _mask(self, field: str, text: str, records: list[Record]) -> str:
        """``text`` masked; the records of its values are added to ``records``."""
        matches = find_pii(text, self.kinds)
        if not matches:
            return text
        records += self._records(field, text, matches)
        return replace_matches(text, matches, self.placeholders)

    def _mask_removal(self, n: int, removal: Removal, records: list[Record]) -> Removal:
        text = self._mask(f"removed[{n}].text", removal.text, records)
        reason = self._mask(f"removed[{n}].reason", removal.reason, records)
        if text == removal.text and reason == removal.reason:
            return removal
        return removal.model_copy(update={"text": text, "reason": reason})

    def _mask_flag(self, n: int, flag: Flag, records: list[Record]) -> Flag:
        reason = self._mask(f"flags[{n}].reason", flag.reason, records)
        suggestion = flag.suggestion
        if suggestion is not None:
            suggestion = self._mask(f"flags[{n}].suggestion", suggestion, records)
        if reason == flag.reason and suggestion == flag.suggestion:
            return flag
        return flag.model_copy(update={"reason": reason, "suggestion": suggestion})

    def _mask_value(self, field: str, value: Any, records: list[Record]) -> Any:
        """A metadata value masked, strings inside lists and dicts too."""
        if isinstance(value, str):
            return self._mask(field, value, records)
        if isinstance(value, list):
            return [self._mask_value(f"{field}[{n}]", v, records) for n, v in enumerate(value)]
        if isinstance(value, dict):
            return {k: self._mask_value(f"{field}.{k}", v, records) for k, v in value.items()}
        return value

    def _flag(self, text: str, m: Match) -> Flag:
        found = FoundFlag(
            FLAG_PREFIX + m.kind,
            m.start,
            m.end,
            reason=f"personal data ({m.kind}): mask it before the text is shared",
            suggestion=self.placeholders[m.kind],
        )
        return self.make_flag(text, found)
