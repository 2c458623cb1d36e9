"""Subtypes named by ellipsis: "well-differentiated or dedifferentiated liposarcoma", "WD/DDLS".

Two subtypes that share a head word are often printed with the head once: the first keeps only its
own modifier ("well-differentiated or dedifferentiated liposarcoma", "uterine or extrauterine
leiomyosarcoma"), or, in short forms, only its own letters ("WD/DDLS"). The lexicon finds the second
name whole; the first is found by giving its modifier the second's head and looking the result up.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extractors.records import Evidence, Mention
from ontology.lexicon import Lexicon, fold

MODIFIER_BEFORE_RE = re.compile(r"(?P<w>[A-Za-z][\w-]*)(?:\s*/\s*|\s+or\s+|\s+and\s+|\s+and/or\s+|,\s+)$")
"""The first subtype's own word right before the second name and the word or sign that joins them."""
NOT_MODIFIERS = frozenset({"with", "and", "or", "the", "of", "in", "patients", "for", "including", "a", "an"})


def elliptical_subtypes(text: str, mentions: list[Mention], lexicon: Lexicon, source_file: str,
                        section_at: Callable[[int], str]) -> list[Mention]:
    """Subtype mentions for the first name of each "A or B head" pair the lexicon knows as "A head"."""
    forms = lexicon.forms("subtype")
    taken = [(m.evidence.start, m.evidence.end) for m in mentions]
    found = []
    for m in (m for m in mentions if m.type == "subtype"):
        before = MODIFIER_BEFORE_RE.search(text, max(0, m.evidence.start - 40), m.evidence.start)
        if before is None or before.group("w").lower() in NOT_MODIFIERS:
            continue
        word, surface = before.group("w"), m.surface
        # "dedifferentiated liposarcoma" -> "well-differentiated liposarcoma"; "DDLS" -> "WDLS"
        name = word + surface[surface.index(" "):] if " " in surface else (
            word + surface[len(word):] if len(word) < len(surface) else "")
        key = forms.get(fold(name)) if name else None
        start, end = before.start("w"), before.end("w")
        if key is None or key == m.key or any(a < end and start < b for a, b in taken):
            continue
        concept = lexicon.get("subtype", key)
        evidence = Evidence(source_file, section_at(start), start, end, text[start:end])
        found.append(Mention("subtype", key, concept.label if concept else key, word, evidence))
        taken.append((start, end))
    return found
