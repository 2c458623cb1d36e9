"""The pipeline's spaCy Docs of a paper's text units, found again by source offset.

`extract` runs the pipeline once over every paragraph; the outcome reader reads sentences (the
reader's own sentence split, by source offset) and hands their tokens to the result grammar
(`extractors.pattern_tokens.hand_over`), so no sentence is tokenized a second time.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span


@dataclass
class UnitDocs:
    """Docs by the source offset where their text starts (added in increasing order)."""

    starts: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    """Each Doc's text, kept: `Doc.text` joins its tokens anew at every call."""
    docs: list[Doc] = field(default_factory=list)
    joins: list[tuple[tuple[int, int], ...]] = field(default_factory=list)
    """Each Doc's `TextUnit.joins`: (offset in its text, source offset) where each later printed
    piece starts; empty for a Doc of one contiguous run of the source."""

    def add(self, start: int, text: str, doc: Doc, joins: tuple[tuple[int, int], ...] = ()) -> None:
        """A Doc of the unit at source offset `start`; `joins` as `TextUnit.joins` (a paragraph
        read together with the one a page break cut it from)."""
        if self.starts and start < self.starts[-1]:
            raise ValueError(f"text unit at offset {start} added after one at {self.starts[-1]}")
        self.starts.append(start)
        self.texts.append(text)
        self.docs.append(doc)
        self.joins.append(joins)

    def span(self, start: int, end: int, text: str) -> Span | None:
        """The tokens of the source text `start:end` (which reads `text`), when one Doc holds it
        and its ends fall on whitespace (else a token there would be cut differently from the
        sentence alone)."""
        i = bisect_right(self.starts, start) - 1
        if i < 0:
            return None
        unit, base = self.texts[i], self.starts[i]
        for unit_at, source_at in self.joins[i]:  # in a later printed piece: its own offsets
            if start >= source_at:
                base = source_at - unit_at
        a, b = start - base, end - base
        if b > len(unit) or (a > 0 and not unit[a - 1].isspace()) or (b < len(unit) and not unit[b].isspace()):
            return None
        if unit[a:b] != text:
            return None
        return self.docs[i].char_span(a, b)
