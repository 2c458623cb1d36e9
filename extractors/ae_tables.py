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
from collections.abc import Iterator

from corpus.document import Cell, Document, Table
from extractors.ae_grades import CLASS_NOUN_TAIL_RE, GRADE_RE, grade_of_match, header_grade, strip_grades, total_term
from extractors.ae_terms import lexicon_event_checker
from extractors.group_sizes import HEADER_SIZE_RE, arm_of_header
from extractors.measurements import NUM
from extractors.offsets import mentions_between
from extractors.records import AdverseEventClaim, Arm, Mention, StudyFacts, StudyFrame
from extractors.regimens import regimen_of, regimen_token
from extractors.table_cells import row_evidence
from ontology.lexicon import Lexicon

AE_CELL_RE = re.compile(
    r"^\s*(?:(?P<n>\d+)(?:\s*/\s*\d+)?\s*(?:[(\[]\s*(?:<\s*1|(?P<pct>" + NUM + r"))\s*%?\s*[)\]])?"
    r"|(?P<pct2>" + NUM + r")\s*%)\s*[*†‡§¶]*\s*$")
"""A count cell: "12 (20.0)", "12/60 (20%)", "1 (<1)" (the count, no percentage), "20%", "0", with
a footnote mark"""
AE_CAPTION_RE = re.compile(r"adverse|toxicit|TRAE|\bAEs?\b|side[-\s]effect", re.I)
COUNT_HEADER_RE = re.compile(r"\bn\s*\(%\)|\bn\s*=\s*\d|\bno\.|\bnumber\b|\bpatients\b|%", re.I)
"""A header cell over counts: "n (%)", "Patients, n (%)", "Arm A (n = 40)", "No. (%)"."""
OUTCOME_ROW_RE = re.compile(r"respon|disease|surviv|progress|\b(?:ORR|DCR|CBR|PFS|OS|CR|PR|SD|PD)\b", re.I)
CONSEQUENCE_ROW_RE = re.compile(
    r"\b(?:leading|led|resulting|due)\s+to\b|\breduc|\binterrupt|\bdiscontinu|\bwithdraw|\bdelay", re.I)


PERCENT_HEADER_RE = re.compile(r"\(\s*%\s*\)|[,:]\s*%\s*$|\bper\s?cent\b", re.I)
COUNT_IN_HEADER_RE = re.compile(r"\bn\b|\bno\.|\bnumber\b|\bpatients\b", re.I)
"""'Any grade (%)', 'Grade 3/4, %': a column of bare percentages ('n (%)' and 'No. (%)' are counts)."""
BARE_NUMBER_RE = re.compile(r"\s*(\d+(?:[.·]\d+)?)\s*%?\s*")


def grade_of(label: str) -> str | None:
    """Header label -> grade group (any, 1..5, 1-2, 3-4, >=3, ...); None when not a grade column."""
    return header_grade(label)


def is_ae_table(table: Table) -> bool:
    """Grade columns, or a caption naming adverse events over grade rows or count columns."""
    grades = [grade_of(c.text) for row in table.header for c in row if c.text.strip()]
    named = AE_CAPTION_RE.search(table.caption) and not CONSEQUENCE_ROW_RE.search(table.caption)
    if sum(g is not None for g in grades) >= 2 or (named and any(grades)):
        return True
    if not named:
        return False
    counted = any(COUNT_HEADER_RE.search(c.text) for row in table.header for c in row[1:])
    return counted or sum(_row_grade(row[0].text) is not None for row in table.rows if row) >= 2


def _row_grade(label: str) -> str | None:
    """The grade a row label names when it is nothing but a grade ("All grades", "Grade 3"): the
    row is one grade of the event in the group label row above it."""
    grade = header_grade(label)
    if grade is None or re.search(r"[a-z]{3}", strip_grades(label), re.I):
        return None
    return grade


def _spanning_cells(header_row: tuple[Cell, ...]) -> list[Cell | None]:
    """Each column's header cell, a cell covering the empty cells to its right."""
    cells: list[Cell | None] = []
    current = None
    for cell in header_row:
        if cell.text.strip():
            current = cell
        cells.append(current)
    return cells


def _column_headers(table: Table, width: int) -> Iterator[tuple[tuple[Cell, ...], int, Cell]]:
    """(header row, column, the cell heading that column in the row) for the first `width` columns."""
    for header_row in table.header:
        for i, cell in enumerate(_spanning_cells(header_row)):
            if cell is not None and i < width:
                yield header_row, i, cell


def _column_regimens(table: Table, width: int, mentions: list[Mention], lexicon: Lexicon | None,
                     arms: list[Arm]) -> list[tuple[str, ...] | None]:
    """The regimen a column's arm header names ("Drug X (n = 60)", or the label of one of the frame's
    arms: "Arm B (n = 43)"), None where it names none."""
    found: list[tuple[str, ...] | None] = [None] * width
    if lexicon is None and not arms:
        return found
    for _, i, cell in _column_headers(table, width):
        if re.search(r"\bplacebo\b", cell.text, re.I):
            found[i] = ("placebo",)
            continue
        tokens = [t for m in mentions_between(mentions, cell.start, cell.end) if (t := regimen_token(lexicon, m))] \
            if lexicon is not None else []
        if tokens:
            found[i] = regimen_of(tokens, lexicon)
        elif (arm := arm_of_header(cell.text, arms)) is not None:
            found[i] = arm.regimen
    return found


def _caption_total(caption: str) -> str:
    """The total a table's caption names (TRAEs, irAEs, SAEs), else AEs."""
    if re.search(r"immune[-\s]related|\birAEs?\b", caption, re.I):
        return "irAEs"
    if re.search(r"(?:treatment|drug)[-\s]related|\bTRAEs?\b", caption, re.I):
        return "TRAEs"
    if re.search(r"\bserious\b|\bSAEs?\b", caption, re.I):
        return "SAEs"
    return "AEs"


def _governs_caption(caption: str, m: re.Match[str]) -> bool:
    """A grade word heads a caption's events ("Fatal adverse reactions"), not one named in passing
    ("Adverse events, including fatal and non-fatal")."""
    if m.group("lt") is None and m.group("fatal") is None:
        return True
    return CLASS_NOUN_TAIL_RE.match(caption, m.end()) is not None


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


def _column_layout(table: Table, width: int) -> tuple[list[str | None], list[int | None], set[int]]:
    """Each column's grade group and arm size, and the columns that only print the percentage of
    the count column to their left ("Any grade" spanning "n | %")."""
    column_grade: list[str | None] = [None] * width
    column_size: list[int | None] = [None] * width
    for header_row, i, cell in _column_headers(table, width):
        grade = grade_of(cell.text)
        own = i < len(header_row) and header_row[i].text.strip()
        if grade and (own or len(table.header) > 1):  # a grade spans its "n | %" sub-columns
            column_grade[i] = grade
        size = HEADER_SIZE_RE.search(cell.text)
        if size:
            column_size[i] = int(size.group(1))  # "Arm A (n = 20)" spans its grade columns
    last = table.header[-1] if table.header else ()
    percent_only = {i for i, cell in enumerate(last) if i > 0 and re.fullmatch(r"\s*\(?%\)?\s*", cell.text)}
    return column_grade, column_size, percent_only


def ae_claims(doc: Document, table: Table, study: StudyFacts, mentions: list[Mention] | None = None,
              lexicon: Lexicon | None = None, frame: StudyFrame | None = None) -> list[AdverseEventClaim]:
    """One claim per term row and grade column: n and percent as printed."""
    width = max((len(r) for r in (*table.header, *table.rows)), default=0)
    column_grade, column_size, percent_only = _column_layout(table, width)
    percent_columns = {i for header_row in table.header for i, cell in enumerate(_spanning_cells(header_row))
                       if i > 0 and i not in percent_only and cell is not None and PERCENT_HEADER_RE.search(cell.text)
                       and not COUNT_IN_HEADER_RE.search(cell.text)}
    column_regimen = _column_regimens(table, width, mentions or [], lexicon, frame.arms if frame else [])
    by_caption = not any(column_grade)
    if by_caption:  # no grade columns: the caption's grade ("Grade 3-4 AEs"), else any grade
        caption = next((m for m in GRADE_RE.finditer(table.caption) if _governs_caption(table.caption, m)), None)
        column_grade = [None] + [grade_of_match(caption) if caption else "any"] * (width - 1)
    claims = []
    group = ""
    for row in table.rows:
        filled = [c for c in row if c.text.strip()]
        label = row[0].text.strip() if row else ""
        if len(filled) < 2:
            group = label  # a group label row: "Adverse events", or the event its grade rows belong to
            continue
        if not label or AE_CELL_RE.match(label) or CONSEQUENCE_ROW_RE.search(label):
            continue
        if by_caption and OUTCOME_ROW_RE.search(label):
            continue  # a caption naming "response and adverse events" also heads efficacy rows
        row_grade = _row_grade(label)
        if row_grade and not group:
            continue
        label_grade = GRADE_RE.search(label) if by_caption and not row_grade else None
        if label_grade:  # "Grade 3 neutropenia" under a plain count column: the row's own grade
            # "Neutropenia, grade 3-4": the comma before the grade is no part of the term
            row_grade, label = grade_of_match(label_grade), strip_grades(label).rstrip(" ,;:")
        term = _term(group if row_grade and not label_grade else label, lexicon)
        if total_term(term) == "events":  # "Grade ≥3 events", "Any event": the total the caption names
            term = _caption_total(table.caption)
        death = re.search(r"\bdeaths?\b|\bdied\b", label, re.I)
        for i, cell in enumerate(row[1:], start=1):
            grade = row_grade or (column_grade[i] if i < len(column_grade) else None)
            bare_percent = BARE_NUMBER_RE.fullmatch(cell.text) if i in percent_columns else None
            m = AE_CELL_RE.match(cell.text) if bare_percent is None else None
            if bare_percent and grade:  # "Any grade (%)" over "12.5": a percentage, no count
                claims.append(AdverseEventClaim(
                    term=term, grade="5" if death else grade, n=None, percent=bare_percent.group(1).replace("·", "."),
                    regimen=column_regimen[i] or study.regimen if i < len(column_regimen) else study.regimen,
                    evidence=row_evidence(doc, table, row),
                    group_size=column_size[i] if i < len(column_size) else None,
                ))
                continue
            if not grade or not m or i in percent_only:
                continue
            percent = m.group("pct") or m.group("pct2") or ""
            beside = row[i + 1].text if i + 1 in percent_only and i + 1 < len(row) else ""
            if not percent and re.fullmatch(r"\s*\d+(?:[.·]\d+)?\s*%?\s*", beside):
                percent = beside.strip().rstrip("%").strip()
            claims.append(AdverseEventClaim(
                term=term, grade="5" if death else grade, n=int(m.group("n")) if m.group("n") else None,
                percent=percent.replace("·", "."),
                regimen=column_regimen[i] or study.regimen if i < len(column_regimen) else study.regimen,
                evidence=row_evidence(doc, table, row),
                group_size=column_size[i] if i < len(column_size) else None,
            ))
    return claims
