"""Point every record's evidence back into the original file.

Extractors work on `Document.text`. For a plain-text file with invisible format characters that
text has them removed, so offsets are mapped back to the decoded file (`Document.to_source`) and
the quote re-read from it. Every evidence also gets its `locator` (`Document.locate`): the line,
the XML element or the PDF page a user opens to find the sentence.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any

from corpus.document import Document
from extractors.records import CitationMarker, Evidence, PaperRecords


def to_source(records: PaperRecords, doc: Document) -> PaperRecords:
    """`records` with all evidence offsets, quotes and locators referring to the original file."""
    source = doc.source_text if doc.source_text is not None else doc.text
    done: dict[Evidence, Evidence] = {}

    def evidence(ev: Evidence) -> Evidence:
        if ev not in done:
            start, end = doc.to_source(ev.start, ev.end)
            quote = source[start:end] if doc.offset_map else ev.quote
            done[ev] = replace(ev, start=start, end=end, quote=quote, locator=doc.locate(ev.start))
        return done[ev]

    def walk(value: Any) -> Any:
        if isinstance(value, Evidence):
            return evidence(value)
        if isinstance(value, CitationMarker):
            start, end = doc.to_source(value.start, value.end)
            return replace(value, start=start, end=end, sentence=evidence(value.sentence))
        if is_dataclass(value) and not isinstance(value, type):
            return replace(value, **{f.name: walk(getattr(value, f.name)) for f in fields(value) if f.init})
        if isinstance(value, list):
            return [walk(item) for item in value]
        if isinstance(value, tuple):
            return tuple(walk(item) for item in value)
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        return value

    return walk(records)
