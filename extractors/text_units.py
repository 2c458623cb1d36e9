"""The pieces of a paper the pipeline reads, with a sentence cut by a page break read whole.

A results sentence broken by page furniture prints as two paragraphs ("... the response" /
running footer / "rate was 34.4% ..."). The reader drops the footer and links the second piece to
the first (`Paragraph.continues`), but a lexicon form can straddle the cut ("response | rate",
"median | PFS"). So a paragraph that continues an unfinished sentence is read together with the
paragraph it continues, the pieces joined by one space: one logical paragraph, the furniture
removed. `TextUnit.source_offset` maps every offset of the joined text back to the source text.
`logical_paragraphs` gives the outcome reader the same joined paragraphs, sentence by sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.document import Document, Paragraph, Sentence

SENTENCE_END_RE = re.compile(r"[.!?][\"')\]”’]*[⁰¹²³⁴⁵⁶⁷⁸⁹⁻–,]*\s*$")
"""A piece that ends a sentence (possibly after closing quotes, brackets or a superscript marker)."""
JOINT = " "


@dataclass(frozen=True)
class TextUnit:
    """A piece of the source text the pipeline reads."""

    text: str
    start: int
    section: str
    kind: str
    """title, paragraph, caption or cell"""
    joins: tuple[tuple[int, int], ...] = ()
    """For a logical paragraph of several printed pieces: (offset in `text`, offset in the source)
    where each later piece starts. Empty when the unit is one contiguous run of the source."""

    def source_offset(self, offset: int) -> int:
        """The source offset of the character at `offset` in `text`."""
        unit_base, source_base = 0, self.start
        for unit_at, source_at in self.joins:
            if offset < unit_at:
                break
            unit_base, source_base = unit_at, source_at
        return source_base + offset - unit_base

    def source_end(self, end: int) -> int:
        """The source offset just after a span of `text` ending (exclusively) at `end`."""
        return self.source_offset(end - 1) + 1 if end > 0 else self.start


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END_RE.search(text))


def paragraph_units(paragraphs: Iterable[Paragraph], source: str) -> list[TextUnit]:
    """One unit per paragraph, except that a paragraph continuing an unfinished sentence of an
    earlier one (`Paragraph.continues`) joins that paragraph's unit. `source` is the document text
    the paragraphs' offsets point into; a paragraph whose text is not there at its offset is
    passed through as its own unit (the caller locates it)."""
    pieces: list[list[Paragraph]] = []
    unit_of: dict[int, int] = {}
    for paragraph in paragraphs:
        head = unit_of.get(paragraph.continues) if paragraph.continues is not None else None
        if head is not None and _exact(pieces[head][-1], source) and _exact(paragraph, source) \
                and not ends_sentence(pieces[head][-1].text):
            pieces[head].append(paragraph)
        else:
            head = len(pieces)
            pieces.append([paragraph])
        unit_of[paragraph.start] = head
    return [_joined(group) for group in pieces]


def _exact(paragraph: Paragraph, source: str) -> bool:
    return source.startswith(paragraph.text, paragraph.start)


def _joined(group: list[Paragraph]) -> TextUnit:
    first = group[0]
    text, joins = first.text, []
    for paragraph in group[1:]:
        text += JOINT
        joins.append((len(text), paragraph.start))
        text += paragraph.text
    return TextUnit(text, first.start, first.section, "paragraph", tuple(joins))


def logical_paragraphs(doc: Document) -> list[tuple[str, list[list[Sentence]]]]:
    """Paragraphs with their page-break continuations joined; each sentence as its printed pieces."""
    by_start = {p.start: i for i, p in enumerate(doc.paragraphs)}
    groups: list[tuple[str, list[list[Sentence]]]] = []
    group_of: dict[int, int] = {}
    for i, paragraph in enumerate(doc.paragraphs):
        if paragraph.kind not in ("body", "") or not paragraph.sentences:
            continue
        head = by_start.get(paragraph.continues) if paragraph.continues is not None else None
        if head is not None and head in group_of:
            _, sentences = groups[group_of[head]]
            first, *rest = paragraph.sentences
            if sentences and not ends_sentence(sentences[-1][-1].text):
                sentences[-1].append(first)
            else:
                sentences.append([first])
            sentences.extend([s] for s in rest)
            group_of[i] = group_of[head]
            continue
        group_of[i] = len(groups)
        groups.append((paragraph.section, [[s] for s in paragraph.sentences]))
    return groups
