"""Numbers read from tables: hazard-ratio tables here, adverse-event tables by grade in `ae_tables`,
efficacy tables by group or arm in `result_tables`.

Tables are recognised by their header, not by their number or caption wording alone: a
header cell with "HR" makes a hazard-ratio table, header cells naming grades make an AE
table. Column meaning comes from the header cell above it (a label spans the empty cells
to its right, as PDF conversions print merged header cells).
"""

from __future__ import annotations

import re

from corpus.document import Cell, Document, Table
from extractors.ae_tables import ae_claims, is_ae_table
from extractors.measurements import NUM
from extractors.records import AdverseEventClaim, Mention, OutcomeClaim, StudyFacts, StudyFrame
from extractors.result_tables import result_table_claims
from extractors.table_cells import row_evidence
from ontology.lexicon import Lexicon

HR_CELL_RE = re.compile(r"^\s*(?P<v>" + NUM + r")\s*\(\s*(?P<lo>" + NUM + r")\s*[–—−-]\s*(?P<hi>" + NUM + r")\s*\)\s*$")
P_CELL_RE = re.compile(r"^\s*(?P<op>[<>≤≥]\s*)?(?P<v>0?[.·]\d+|1(?:\.0+)?)\s*$")


def _spanning_labels(header_row: tuple[Cell, ...]) -> list[str]:
    """Each column's label, a label covering the empty cells to its right."""
    labels, current = [], ""
    for cell in header_row:
        if cell.text.strip():
            current = cell.text.strip()
        labels.append(current)
    return labels


# -- hazard ratios --------------------------------------------------------------------------
def _hr_endpoint(label: str) -> str | None:
    text = label.upper()
    if re.search(r"\bOS\b|OVERALL SURVIVAL", text):
        return "HR_OS"
    if re.search(r"\bPFS\b|PROGRESSION[-\s]FREE", text):
        return "HR_PFS"
    return None


def _analysis(text: str) -> str:
    """"multivariate" / "univariate" as a caption or header names it (the first named, if both)."""
    found = re.search(r"\b(multi|uni)variat", text, re.I)
    return f"{found.group(1).lower()}variate" if found else ""


def is_hr_table(table: Table) -> bool:
    return any(re.search(r"\bHR\b|hazard ratio", c.text, re.I) for row in table.header for c in row)


def hr_claims(doc: Document, table: Table, study: StudyFacts) -> list[OutcomeClaim]:
    """One HR_PFS / HR_OS claim per row and endpoint column, with CI and P."""
    width = max((len(r) for r in (*table.header, *table.rows)), default=0)
    column_endpoint: list[str | None] = [None] * width
    for header_row in table.header:
        for i, label in enumerate(_spanning_labels(header_row)):
            endpoint = _hr_endpoint(label)
            if endpoint and i < width:
                column_endpoint[i] = endpoint
    caption_endpoint = _hr_endpoint(table.caption)
    if caption_endpoint:  # "Cox regression analysis of progression-free survival": every HR column
        for header_row in table.header:
            for i, label in enumerate(_spanning_labels(header_row)):
                if re.search(r"\bHR\b|hazard", label, re.I) and i < width and column_endpoint[i] is None:
                    column_endpoint[i] = caption_endpoint
    analysis = _analysis(table.caption)
    # "Univariate HR (95% CI) | P | Multivariate HR (95% CI) | P": each column says its own analysis
    column_analysis: list[str] = [""] * width
    for header_row in table.header:
        for i, label in enumerate(_spanning_labels(header_row)):
            if i < width and _analysis(label):
                column_analysis[i] = _analysis(label)
    population = tuple(c for c in study.population.split("|") if c) or ("STS",)
    claims = []
    for row in table.rows:
        labels = [c.text.strip() for c in row if c.text.strip() and not HR_CELL_RE.match(c.text)
                  and not P_CELL_RE.match(c.text) and c.text.strip(" -–—") and c.text.strip().upper() != "NA"]
        for i, cell in enumerate(row):
            m = HR_CELL_RE.match(cell.text)
            endpoint = column_endpoint[i] if i < len(column_endpoint) else None
            if not m or not endpoint:
                continue
            p_value = ""
            if i + 1 < len(row) and (pm := P_CELL_RE.match(row[i + 1].text)):
                p_value = (pm.group("op") or "").strip() + pm.group("v")
            subgroup = ": ".join(x for x in (column_analysis[i] or analysis, " ".join(labels)) if x)
            claims.append(OutcomeClaim(
                endpoint=endpoint, value=m.group("v"), unit="ratio", scope="primary", population=population,
                regimen=study.regimen, subgroup=subgroup, ci_low=m.group("lo"), ci_high=m.group("hi"),
                p_value=p_value, evidence=row_evidence(doc, table, row),
            ))
    return claims


def table_claims(doc: Document, study: StudyFacts, mentions: list[Mention] | None = None,
                 lexicon: Lexicon | None = None,
                 frame: StudyFrame | None = None) -> tuple[list[OutcomeClaim], list[AdverseEventClaim]]:
    outcomes: list[OutcomeClaim] = []
    adverse: list[AdverseEventClaim] = []
    for table in doc.tables:
        if is_ae_table(table) and not is_hr_table(table):
            adverse.extend(ae_claims(doc, table, study, mentions, lexicon, frame))
            continue
        if is_hr_table(table):
            outcomes.extend(hr_claims(doc, table, study))
        if lexicon is not None:  # an efficacy table may carry an HR column beside its other endpoints
            outcomes.extend(result_table_claims(doc, table, study, lexicon, frame, mentions))
    return outcomes, adverse
