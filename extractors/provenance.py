"""Point every record's evidence back into the original file.

Extractors work on `Document.text`. For a plain-text file with invisible format characters that
text has them removed, so offsets are mapped back to the decoded file (`Document.to_source`) and
the quote re-read from it. Every evidence also gets its `locator` (`Document.locate`): the line,
the XML element or the PDF page a user opens to find the sentence.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from functools import cache
from typing import Any

from corpus.document import Document
from extractors.records import CitationMarker, Evidence, PaperRecords

_PLAIN = (str, int, float, bool, type(None))
_PLAIN_TYPES = frozenset(_PLAIN)


@cache
def _init_fields(kind: type) -> tuple[str, ...] | None:
    """The init fields of a dataclass type (None: not a dataclass), looked up once per type."""
    if is_dataclass(kind):
        return tuple(f.name for f in fields(kind) if f.init)
    return None


@cache
def _copied_plainly(kind: type) -> bool:
    """Whether a changed copy of a `kind` dataclass may skip `__init__`: every field is an init
    field and nothing runs after init, so the copy equals what `dataclasses.replace` builds."""
    return (all(f.init for f in fields(kind)) and not hasattr(kind, "__post_init__")
            and hasattr(kind, "__dict__") and not hasattr(kind, "__slots__"))


def _replace(value: Any, changes: dict[str, Any]) -> Any:
    """`dataclasses.replace(value, **changes)`, without `__init__` where that gives the same object:
    a paper has thousands of evidences and records, and `replace` cost as much as the walk."""
    kind = type(value)
    if not _copied_plainly(kind):
        return replace(value, **changes)
    copy = object.__new__(kind)
    copy.__dict__.update(value.__dict__)
    copy.__dict__.update(changes)
    return copy


def to_source(records: PaperRecords, doc: Document) -> PaperRecords:
    """`records` with all evidence offsets, quotes and locators referring to the original file.

    Parts that hold no evidence are kept as they are (not copied), which makes the walk cheap.
    """
    source = doc.source_text if doc.source_text is not None else doc.text
    done: dict[Evidence, Evidence] = {}

    def evidence(ev: Evidence) -> Evidence:
        if ev not in done:
            start, end = doc.to_source(ev.start, ev.end)
            quote = source[start:end] if doc.offset_map else ev.quote
            done[ev] = _replace(ev, {"start": start, "end": end, "quote": quote, "locator": doc.locate(ev.start)})
        return done[ev]

    def walk(value: Any) -> Any:
        if isinstance(value, _PLAIN):
            return value
        if isinstance(value, Evidence):
            return evidence(value)
        if isinstance(value, CitationMarker):
            start, end = doc.to_source(value.start, value.end)
            return _replace(value, {"start": start, "end": end, "sentence": evidence(value.sentence)})
        names = _init_fields(type(value))
        if names is not None:
            changed = {}
            for name in names:
                old = getattr(value, name)
                if type(old) in _PLAIN_TYPES:
                    continue  # most fields: no call for them
                new = walk(old)
                if new is not old:
                    changed[name] = new
            return _replace(value, changed) if changed else value
        if isinstance(value, list):
            return [walk(item) for item in value]
        if isinstance(value, tuple):
            items = tuple(walk(item) for item in value)
            return value if all(a is b for a, b in zip(items, value, strict=True)) else items
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        return value

    return walk(records)
