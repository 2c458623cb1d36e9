"""Adverse-event rates stated in prose.

Two shapes: lists of terms with their numbers under one grade phrase ("The most common
grade 3-4 TRAEs were anemia (n = 2, 3.9%), hemorrhage (3.9%) ..."), and totals ("39 patients
(76.5%) experienced one or more TRAEs", "Grade 3-4 TRAEs were observed in 15.7% of patients").
Sentences that cite another study are left to the outcome extractor's scope rules: an AE rate
of another trial is not this paper's safety result.
"""

from __future__ import annotations

import re

from corpus.document import Document
from extractors.offsets import Coverage
from extractors.records import AdverseEventClaim, CitationMarker, Evidence, StudyFacts

NUM = r"\d+(?:[.·]\d+)?"
AE_CUE_RE = re.compile(r"adverse|\bT?R?AEs?\b|\bTRAEs?\b|\birAEs?\b|toxicit", re.I)
AE_NOUN = r"(?:(?:treatment|immune)[-\s]related\s+)?(?:adverse\s+events?|T?R?AEs?|irAEs?|TEAEs?|toxicities)"
GRADE_RE = re.compile(
    r"\b(?:of\s+)?(?P<any>any|all)\s+grades?\b"
    r"|\bgrades?\s*(?P<lo>[1-5])\s*(?:[–—/-]|to|or|and)\s*(?P<hi>[1-5])\b"
    r"|\bgrades?\s*(?:≥|>=|\\geq)\s*(?P<ge>[1-5])\b|(?:≥|>=)\s*grade\s*(?P<ge2>[1-5])\b"
    r"|\bgrade\s*(?P<one>[1-5])\b",
    re.I,
)
ITEM_RE = re.compile(
    r"(?P<term>[A-Za-z][A-Za-z\-’' /]{2,60}?)\s*\(\s*"
    r"(?:\$?\s*n\s*=\s*(?P<n>\d+)\s*\$?\s*(?:,\s*(?P<pct>" + NUM + r")\s*%)?"
    r"|(?P<pct2>" + NUM + r")\s*%)\s*\)"
)
TERM_LEAD_RE = re.compile(
    r"^.*\b(?:were|was|are|is|included|including|includes|with|as|and|or|namely|of)\s+", re.I
)
TOTAL_EXPERIENCED_RE = re.compile(
    r"(?P<n>\d+)\s*(?:patients?\s*)?\(\s*(?P<pct>" + NUM + r")\s*%\s*\)\s*(?:patients?\s+)?"
    r"(?:experienced|had|developed|reported|suffered)\s+(?P<qual>one\s+or\s+more|at\s+least\s+one|any)?\s*"
    r"(?P<term>" + AE_NOUN + r")",
    re.I,
)
TOTAL_OBSERVED_RE = re.compile(
    r"(?P<term>" + AE_NOUN + r")\s+(?:were|was)\s+(?:observed|documented|reported|recorded|noted|seen)\s+in\s+"
    r"(?:(?P<n>\d+)\s*\(\s*(?P<pct>" + NUM + r")\s*%\s*\)|(?P<pct2>" + NUM + r")\s*%)",
    re.I,
)
NOT_A_TERM_RE = re.compile(r"\d|\b(?:patients?|cohort|study|trial|group|arm|months?|plus|median)\b", re.I)


def grade_phrase(text: str) -> str:
    """The grade group a sentence speaks of; "any" when it names none."""
    m = GRADE_RE.search(text)
    if not m:
        return "any"
    if m.group("any"):
        return "any"
    if m.group("lo"):
        return f"{m.group('lo')}-{m.group('hi')}"
    if m.group("ge") or m.group("ge2"):
        return f">={m.group('ge') or m.group('ge2')}"
    return m.group("one")


def _clean_term(raw: str) -> str | None:
    term = TERM_LEAD_RE.sub("", raw.strip()).strip(" ,;:-")
    term = re.sub(r"^(?:the|a|an)\s+", "", term, flags=re.I)
    if not term or len(term.split()) > 6 or NOT_A_TERM_RE.search(term) or AE_CUE_RE.fullmatch(term):
        return None
    return term


def sentence_adverse_events(text: str) -> list[tuple[str, str, int | None, str, int, int]]:
    """(term, grade, n, percent, start, end) for each AE figure in one sentence."""
    if not AE_CUE_RE.search(text):
        return []
    found = []
    taken: list[tuple[int, int]] = []
    for m in TOTAL_EXPERIENCED_RE.finditer(text):
        term = m.group("term")
        if m.group("qual"):
            term = f"{term} ({' '.join(m.group('qual').split())})"
        found.append((term, grade_phrase(text[: m.start()] + text[m.end():]), int(m.group("n")), m.group("pct"),
                      m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in TOTAL_OBSERVED_RE.finditer(text):
        grade = grade_phrase(text[max(0, m.start() - 30) : m.end()])
        n = int(m.group("n")) if m.group("n") else None
        found.append((m.group("term"), grade, n, m.group("pct") or m.group("pct2"), m.start(), m.end()))
        taken.append((m.start(), m.end()))
    items = [m for m in ITEM_RE.finditer(text) if not any(a <= m.start() < b for a, b in taken)]
    if items:
        grade = grade_phrase(text[: items[0].start()])
        for m in items:
            term = _clean_term(m.group("term"))
            if term is None:
                continue
            n = int(m.group("n")) if m.group("n") else None
            found.append((term, grade, n, m.group("pct") or m.group("pct2") or "", m.start(), m.end()))
    return found


def extract_adverse_events(doc: Document, markers: list[CitationMarker], study: StudyFacts) -> list[AdverseEventClaim]:
    """AE figures from the paper's own prose (sentences citing other work are skipped)."""
    cited = Coverage((c.sentence.start, c.sentence.end) for c in markers)
    claims = []
    for paragraph in doc.paragraphs:
        for sentence in paragraph.sentences:
            if cited.covers(sentence.start):
                continue
            for term, grade, n, pct, _, _ in sentence_adverse_events(sentence.text):
                claims.append(AdverseEventClaim(
                    term=term, grade=grade, n=n, percent=pct.replace("·", "."), regimen=study.regimen,
                    evidence=Evidence(doc.source_file, paragraph.section, sentence.start, sentence.end, sentence.text),
                ))
    return claims
