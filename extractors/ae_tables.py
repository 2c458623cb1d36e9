"""Adverse-event tables: one claim per event row and grade column, whatever the grade columns.

A table is an AE table when at least two header cells name grade groups, or its caption speaks
of adverse events and one header cell names a grade. Header layouts read: any / grade 1–2 /
grade ≥3; any / grade 3 / grade 4; "Grade 3/4 n (%)"; "All grades"; arms side by side with their
sizes ("Drug X (n = 60)" spanning its grade columns). Cells print "n (%)", "n/N (%)", "n",
"0" or "p%".
Rows counting what events led to (dose reductions, interruptions, discontinuations) are no
events; a total row ("Any TRAE", "Serious AEs") takes the contract's total term.
"""

from __future__ import annotations

import re

from corpus.document import Cell, Document, Table
from extractors.ae_grades import GRADE_RE, ROMAN, grade_of_match, total_term
from extractors.ae_prose import lexicon_event_checker
from extractors.group_sizes import HEADER_SIZE_RE
from extractors.measurements import NUM
from extractors.records import AdverseEventClaim, Mention, StudyFacts
from extractors.regimens import regimen_of, regimen_token
from extractors.table_cells import row_evidence
from ontology.lexicon import Lexicon

AE_CELL_RE = re.compile(
    r"^\s*(?:(?P<n>\d+)(?:\s*/\s*\d+)?\s*(?:[(\[]\s*(?P<pct>" + NUM + r")\s*%?\s*[)\]])?"
    r"|(?P<pct2>" + NUM + r")\s*%)\s*$")
GRADE_TOKEN = r"(?:[1-5]|i{1,3}|iv|v)"
CONSEQUENCE_ROW_RE = re.compile(
    r"\b(?:leading|led|resulting|due)\s+to\b|\breduc|\binterrupt|\bdiscontinu|\bwithdraw|\bdelay", re.I)


def grade_of(label: str) -> str | None:
    """Header label -> grade group (any, 1..5, 1-2, 3-4, >=3, ...); None when not a grade column."""
    text = label.lower().replace("–", "-").replace("—", "-")
    m = GRADE_RE.search(text)
    if m:
        return grade_of_match(m)
    if re.search(r"^\s*(?:total|all|overall)\b", text):
        return "any"
    m = re.search(r"\b(" + GRADE_TOKEN + r")\s*(?:/|-|to|and)\s*(" + GRADE_TOKEN + r")\b", text)
    if m and "grade" in text:  # "3/4 grade n (%)"
        return f"{ROMAN.get(m.group(1), m.group(1))}-{ROMAN.get(m.group(2), m.group(2))}"
    return None


def is_ae_table(table: Table) -> bool:
    grades = [grade_of(c.text) for row in table.header for c in row if c.text.strip()]
    named = re.search(r"adverse|toxicit|TRAE|\bAEs?\b|side[-\s]effect", table.caption, re.I)
    return sum(g is not None for g in grades) >= 2 or (bool(named) and any(grades))


def _spanning_cells(header_row: tuple[Cell, ...]) -> list[Cell | None]:
    """Each column's header cell, a cell covering the empty cells to its right."""
    cells: list[Cell | None] = []
    current = None
    for cell in header_row:
        if cell.text.strip():
            current = cell
        cells.append(current)
    return cells


def _column_regimens(table: Table, width: int, mentions: list[Mention], lexicon: Lexicon | None,
                     ) -> list[tuple[str, ...] | None]:
    """The regimen a column's arm header names ("Drug X (n = 60)"), None where it names none."""
    found: list[tuple[str, ...] | None] = [None] * width
    if lexicon is None:
        return found
    for header_row in table.header:
        for i, cell in enumerate(_spanning_cells(header_row)):
            if cell is None or i >= width:
                continue
            if re.search(r"\bplacebo\b", cell.text, re.I):
                found[i] = ("placebo",)
                continue
            tokens = [t for m in mentions if cell.start <= m.evidence.start < cell.end
                      and (t := regimen_token(lexicon, m))]
            if tokens:
                found[i] = regimen_of(tokens, lexicon)
    return found


def _term(label: str, lexicon: Lexicon | None) -> str:
    """The row label as printed; a total row takes the contract's total term; a footnote letter
    glued to a known event ("Hand-foot syndromea", "Rash*") is dropped."""
    total = total_term(re.sub(r"[,:]?\s*n\s*\(%\)\s*$", "", label))
    if total and total != "events":
        return total
    bare = re.sub(r"(?:[*†‡§¶#]+|\s*[\u00aa-\u00ba\u2070-\u209f]+)$", "", label)
    if bare == label and re.search(r"[a-z]{3}[a-f]$", label) and lexicon is not None:
        is_event = lexicon_event_checker(lexicon)
        if is_event(label[:-1]) and not is_event(label):
            bare = label[:-1]
    return bare or label


def ae_claims(doc: Document, table: Table, study: StudyFacts, mentions: list[Mention] | None = None,
              lexicon: Lexicon | None = None) -> list[AdverseEventClaim]:
    """One claim per term row and grade column: n and percent as printed."""
    width = max((len(r) for r in (*table.header, *table.rows)), default=0)
    column_grade: list[str | None] = [None] * width
    column_size: list[int | None] = [None] * width
    for header_row in table.header:
        for i, cell in enumerate(header_row):
            grade = grade_of(cell.text) if cell.text.strip() else None
            if grade and i < width:
                column_grade[i] = grade
        for i, cell in enumerate(_spanning_cells(header_row)):
            size = HEADER_SIZE_RE.search(cell.text) if cell else None
            if size and i < width:
                column_size[i] = int(size.group(1))  # "Arm A (n = 20)" spans its grade columns
    column_regimen = _column_regimens(table, width, mentions or [], lexicon)
    claims = []
    for row in table.rows:
        filled = [c for c in row if c.text.strip()]
        if len(filled) < 2:
            continue  # a group label row such as "Adverse events"
        label = row[0].text.strip()
        if not label or AE_CELL_RE.match(label) or CONSEQUENCE_ROW_RE.search(label):
            continue
        term = _term(label, lexicon)
        death = re.search(r"\bdeaths?\b|\bdied\b", label, re.I)
        for i, cell in enumerate(row[1:], start=1):
            grade = column_grade[i] if i < len(column_grade) else None
            m = AE_CELL_RE.match(cell.text)
            if not grade or not m:
                continue
            claims.append(AdverseEventClaim(
                term=term, grade="5" if death else grade, n=int(m.group("n")) if m.group("n") else None,
                percent=(m.group("pct") or m.group("pct2") or "").replace("·", "."),
                regimen=column_regimen[i] or study.regimen if i < len(column_regimen) else study.regimen,
                evidence=row_evidence(doc, table, row),
                group_size=column_size[i] if i < len(column_size) else None,
            ))
    return claims
