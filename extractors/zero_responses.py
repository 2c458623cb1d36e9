"""Zero responders written without a count: an objective response rate of 0.

The result grammar reads "none of the N with G" and "no responses among the N patients"; this
module reads the forms that print no number at all:

- "No patient responded", "none of the patients had an objective response", "no objective
  responses were observed (in the X cohort)": one ORR of 0 for the group the clause names;
- "Neither A nor B responded / achieved a complete or partial response": one ORR of 0 per item,
  where an item is a group ("the 12 patients with G", n = 12) or a regimen (an arm).

A single response category ("no complete responses") is no objective response rate: a partial
response may still have occurred, so it gives nothing here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.measurements import word_to_int
from extractors.text_cues import prints_any

QUALIFIER = r"(?:objective|confirmed|overall|tumou?r|radiologic(?:al)?|RECIST|major|durable)"
EITHER_CATEGORY = r"(?:complete\s+or\s+partial|partial\s+or\s+complete|CR\s+or\s+PR|PR\s+or\s+CR)"
RESPONSE = rf"(?:an?\s+)?(?:{QUALIFIER}\s+)?(?:{EITHER_CATEGORY}\s+)?(?:responses?|remissions?)\b"
"""A response noun that means an objective response: a bare single category ("complete response") is not one."""
RESPONDED = (rf"(?:responded|(?:had|has|have|achieved|achieve|showed|experienced|attained|obtained|produced|"
             rf"induced|yielded)\s+{RESPONSE})")
NO_PATIENT_RE = re.compile(
    rf"\b(?:no|none\s+of\s+the)\s+(?:[a-z-]+\s+){{0,2}}?(?:patients?|subjects?|participants?|one|pts)\b"
    rf"(?:\s+(?!who\b|that\b|which\b|whose\b)[a-z-]+){{0,3}}?\s+{RESPONDED}", re.I)
""""No patient responded", "none of the evaluable patients had an objective response"; not "none of the
patients who responded relapsed", whose responders are a group, not a result."""
NO_RESPONSES_RE = re.compile(
    rf"\b(?:no|there\s+(?:was|were)\s+no)\s+(?:{QUALIFIER}\s+)?(?:{EITHER_CATEGORY}\s+)?responses?\s+"
    r"(?:(?:was|were|had\s+been|have\s+been)\s+)?(?:seen|observed|recorded|noted|documented|reported|achieved|occurred|detected)\b"
    rf"|\bthere\s+(?:was|were)\s+no\s+(?:{QUALIFIER}\s+)?(?:{EITHER_CATEGORY}\s+)?responses?\b", re.I)
NEITHER_RE = re.compile(rf"\bneither\s+(?P<a>[^;.]{{1,80}}?)\s+nor\s+(?P<b>[^;.]{{1,80}}?)\s+{RESPONDED}", re.I)
CLAUSE_END_RE = re.compile(r"[;.]|,\s*(?:but|while|whereas|and)\b")
EARLIER_THERAPY_RE = re.compile(
    r"\s+to\s+(?:their\s+|the\s+)?(?:prior|previous|earlier|initial|first|second|preceding|induction)\b", re.I)
""""No patient responded to prior anthracyclines": a history, not this treatment's result."""
FIRST_COUNT_RE = re.compile(r"\b(\d+|[A-Za-z]+(?:-[a-z]+)?)\s+(?:patients?|pts|subjects?|with|in|who)\b")


@dataclass(frozen=True)
class ZeroResponse:
    """One ORR of 0: where it is read and the span that names its group or regimen (sentence offsets)."""

    start: int
    end: int
    item: tuple[int, int]
    """The group or regimen the zero belongs to ("the 12 with G", "drug X"); the clause's rest when
    the statement names none."""
    n: int | None


def _clause_end(text: str, at: int) -> int:
    m = CLAUSE_END_RE.search(text, at)
    return m.start() if m else len(text)


def _size(text: str) -> int | None:
    """The group size an item prints first ("the 12 patients with G", "the eight with G")."""
    m = FIRST_COUNT_RE.search(text)
    return word_to_int(m.group(1)) if m else None


def zero_responses(text: str, taken: list[tuple[int, int]]) -> list[ZeroResponse]:
    """The zero-response statements of a sentence that no other statement (spans `taken`) reads."""
    found: list[ZeroResponse] = []
    if not prints_any(text, "respon", "remission"):
        return found  # every form names a response (or a remission): most sentences print none

    def free(a: int, b: int) -> bool:
        return not any(s < b and a < e for s, e in taken) and not any(z.start < b and a < z.end for z in found)

    for m in NEITHER_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        for slot in ("a", "b"):
            item = text[m.start(slot) : m.end(slot)]
            found.append(ZeroResponse(m.start(), m.end(), (m.start(slot), m.end(slot)), _size(item)))
    for pattern in (NO_PATIENT_RE, NO_RESPONSES_RE):
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()) or EARLIER_THERAPY_RE.match(text, m.end()):
                continue
            found.append(ZeroResponse(m.start(), m.end(), (m.end(), _clause_end(text, m.end())), None))
    return sorted(found, key=lambda z: (z.start, z.item))
