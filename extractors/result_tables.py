"""Efficacy tables read as tables: per-group result tables and per-arm endpoint tables.

Two layouts are common in trial reports:
- group rows: one row per subtype or cohort, one column per endpoint
  ("Subtype | n | PR | SD | PD | ORR, % | Median PFS, months (95% CI)");
- endpoint rows: one row per endpoint, one column per arm or for the whole population
  ("Objective response, n (%) | 20 (31.3) | 15 (25.9) | 0.47").
A label is an endpoint when, stripped of its unit tail (", %", ", months (95% CI)", "n (%)") and
of a leading timepoint ("1-year"), it names an endpoint of the lexicon. Cells read as printed:
"5 (14.7)" is a count with its percent (the percent is the rate, the count the number of
patients), "8.3 (5.1–11.5)" a value with its CI, "NR" not reached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.document import Cell, Document, Table
from extractors.group_sizes import HEADER_SIZE_RE, arm_of_header
from extractors.measurements import NUM, normalise_unit, scan_timepoints
from extractors.offsets import mentions_between
from extractors.records import Arm, Mention, OutcomeClaim, StudyFacts, StudyFrame
from extractors.regimens import regimen_of, regimen_token
from extractors.subgroups import line_of_label
from extractors.table_cells import row_evidence
from ontology.lexicon import Lexicon, fold

SIGNED_NUM = r"-?" + NUM
"""A cell value that may be negative (a change from baseline, a log hazard ratio)."""
DASH = r"\s*(?:[–—−-]|to|,)\s*"
"""Between a cell's CI bounds: a dash, "to" or a comma ("21% (15, 28)")."""
VALUE_CELL_RE = re.compile(
    r"^\s*(?P<v>" + SIGNED_NUM + r"|NR|not\s+reached)\s*%?\s*"
    r"(?:\(\s*(?P<a>" + SIGNED_NUM + r"|NR)\s*%?\s*(?:" + DASH + r"(?P<b>" + SIGNED_NUM + r"|NR)\s*%?)?\s*\))?\s*$",
    re.I,
)
UNIT_TAIL_RE = re.compile(
    r"\s*(?:,\s*|\()\s*(?:n\s*\(\s*%\s*\)|%|n|no\.|months?|mo|weeks?|wk|years?|days?|95\s*%\s*CI|range|IQR)\b.*$"
    r"|\s*\(\s*(?:n|%|months?|weeks?)[^)]*\)\s*$|\s*,?\s*%\s*$"
    r"|\s*,\s*no\.\s*(?:\(\s*%\s*\))?\s*$"  # "Objective response rate, No. (%)"
    r"|\s*,\s*%\s*\([^()]*\)\s*$"  # "12-wk PFS rate, % (95% CI)"
    r"|\s*\(\s*%\s*\).*$",  # "ORR (%) (95% CI)"
    re.I,
)
SHARE_ALONE_RE = re.compile(r"\s*\d+(?:\.\d+)?\s*%\s*$")
CATEGORY_SUM_RE = re.compile(r"\s*\(\s*(?:CR|PR|SD)(?:\s*\+\s*(?:CR|PR|SD)\b[^()]*)+\)")
"""The response categories a rate sums, printed after its name: "ORR (CR+PR)", "DCR (CR + PR + SD)"."""
HR_HEADER_RE = re.compile(r"\bHR\b|hazard\s+ratio", re.I)
SIZE_LABEL_RE = re.compile(
    r"^\s*(?:n|no\.?|(?:number|no\.)(?:\s+of\s+patients)?|patients|evaluable)(?:\s*,?\s*\(?\s*n\s*\)?)?\s*$", re.I)
"""A column of group sizes: "N", "No. of patients", "Patients (n)"."""
WHOLE_LABEL_RE = re.compile(r"^\s*(?:total|overall|all(?:\s+patients)?|whole\s+(?:cohort|population)|n\s*\(\s*%\s*\)"
                            r"|values?|no\.\s*\(\s*%\s*\)|%)\s*$", re.I)
OTHERS_LABEL_RE = re.compile(r"^\s*others?(?:\s+(?:sub)?types?|\s+histolog(?:y|ies))?\s*$", re.I)
COUNT_FAMILIES = {"CR", "PR", "SD", "PD"}
RATE_FAMILIES = {"ORR", "DCR", "CBR"}
EVENT_FAMILIES = {"PFS", "OS", "TTP", "EFS", "DFS"}


@dataclass(frozen=True)
class ColumnEndpoint:
    """What one row or column label measures."""

    family: str
    """ORR, DCR, CBR, CR..PD, PFS, OS, DoR, TTR, TTP, EFS, DFS."""
    kind: str
    """rate | count | median | timed_rate | hr"""
    unit: str = ""
    timepoint: str = ""


MEDIAN_LABEL_RE = re.compile(r"\s*median\b", re.I)


def _label_unit(label: str) -> str:
    """The time unit a label's medians are in: weeks where it says so, else months."""
    return "weeks" if re.search(r"\bweeks?\b|\bwk", label, re.I) else "months"


def endpoint_of_label(label: str, lexicon: Lexicon) -> ColumnEndpoint | None:
    """"ORR, %" -> ORR rate; "PR" -> PR count; "Median PFS, months (95% CI)" -> PFS median in
    months; "1-year PFS rate, %" -> PFS rate at 1 year; None for anything else."""
    text = label.strip()
    unit = _label_unit(text)
    timepoints = scan_timepoints(text)
    timepoint = timepoints[0].values[0] if timepoints and len(timepoints[0].values) == 1 else ""
    if timepoints:
        text = (text[: timepoints[0].start] + text[timepoints[0].end :]).strip()
    text = UNIT_TAIL_RE.sub("", CATEGORY_SUM_RE.sub("", text)).strip(" ,;:")
    key = lexicon.forms("endpoint").get(fold(text))
    if key is None:
        return None
    family = _family(key, lexicon)
    if family in COUNT_FAMILIES:
        return None if key.endswith(("CR", "PR", "SD", "PD")) and len(key) == 2 else ColumnEndpoint(family, "count")
    if family in RATE_FAMILIES:
        return ColumnEndpoint(family, "rate", timepoint=timepoint)
    if key.endswith("_rate") or (family in EVENT_FAMILIES and timepoint):
        return ColumnEndpoint(family, "timed_rate", timepoint=timepoint) if timepoint else None
    if key.endswith("_median") or MEDIAN_LABEL_RE.match(label):
        return ColumnEndpoint(family, "median", unit=unit)
    return None


def _family(key: str, lexicon: Lexicon) -> str:
    concept = lexicon.get("endpoint", key)
    parents = [p for p in (concept.parents if concept else ()) if p != "HR"]
    base = parents[0] if parents else key
    return base.split("_")[0]


def endpoint_code(column: ColumnEndpoint) -> str:
    if column.kind == "hr":
        return f"HR_{column.family}"
    if column.kind == "count":
        return f"{column.family}_n"
    if column.kind == "rate":
        return column.family
    if column.kind == "timed_rate":
        return f"{column.family}_rate"
    return f"{column.family}_median"


@dataclass(frozen=True)
class CellValue:
    value: str
    unit: str
    ci_low: str = ""
    ci_high: str = ""


def read_cell(text: str, column: ColumnEndpoint) -> CellValue | None:
    """A cell as the column's endpoint prints it, or None when it holds no such value."""
    m = VALUE_CELL_RE.match(text.replace("·", "."))
    if not m:
        return None
    v, a, b = m.group("v"), m.group("a"), m.group("b")
    value = "NR" if re.match(r"n", v, re.I) else v
    if column.kind == "count":  # "2%" alone is a share of patients, no count
        return CellValue(value, "patients") if value.isdigit() and not SHARE_ALONE_RE.match(text) else None
    if column.kind in ("rate", "timed_rate"):
        if a is not None and b is None:
            return CellValue(a, "%")  # "5 (14.7)": the count, then the percent
        if a is not None and b is not None:
            return CellValue(value, "%", a, b)
        return CellValue(value, "%")
    if column.kind == "hr":
        return CellValue(value, "ratio", a or "", b or "")
    if value == "NR" and a is None:
        return CellValue("NR", "")
    if a is not None and b is not None:
        return CellValue(value, "" if value == "NR" else column.unit, _nr(a), _nr(b))
    return CellValue(value, "" if value == "NR" else column.unit)


def _nr(bound: str) -> str:
    return "NR" if bound.upper() == "NR" else bound


def group_of_label(label: str, lexicon: Lexicon, whole: tuple[str, ...]) -> tuple[str, ...] | None:
    """A row or column label as a population: a subtype, "Others", the whole population."""
    text = HEADER_SIZE_RE.sub("", label).strip(" ,;:")
    if WHOLE_LABEL_RE.match(text) or not text:
        return whole
    if OTHERS_LABEL_RE.match(text):
        return ("OTHERS",)
    key = lexicon.forms("subtype").get(fold(text))
    return (key,) if key else None


def arm_of_label(label: str, lexicon: Lexicon) -> tuple[str, ...]:
    """"Doxorubicin + dacarbazine (n = 64)" -> ("dacarbazine", "doxorubicin"); () if no drug is named."""
    text = HEADER_SIZE_RE.sub("", label)
    drugs = lexicon.forms("drug")
    keys = [drugs[fold(part)] for part in re.split(r"\s*(?:\+|\bplus\b|\band\b|/|,|\bwith\b)\s*", text)
            if fold(part) in drugs]
    return regimen_of(keys, lexicon)


def header_regimen(table: Table, column: int, mentions: list[Mention], lexicon: Lexicon) -> tuple[str, ...]:
    """The drugs and regimen classes the pipeline found in a column's header cells: a header that also
    prints doses or joins its drugs by a space ("Lenvatinib 24 mg daily n = 64", "Nivolumab ipilimumab",
    "Chemotherapy"), which `arm_of_label` does not split into names."""
    tokens = [t for row in table.header if column < len(row)
              for m in mentions_between(mentions, row[column].start, row[column].end)
              if (t := regimen_token(lexicon, m))]
    return regimen_of(tokens, lexicon)


BARE_SIZE_END_RE = re.compile(r"(?<![\w(])[nN]\s*=\s*(\d+)\s*$")
"""A group size printed without brackets at the end of a column header ("Chemotherapy n = 179")."""


def _header_labels(table: Table, width: int) -> list[str]:
    labels = [""] * width
    for header_row in table.header:
        for i, cell in enumerate(header_row[:width]):
            if cell.text.strip():
                labels[i] = f"{labels[i]} {cell.text.strip()}".strip()
    return labels


def _size(text: str) -> int | None:
    m = re.match(r"^\s*(\d+)\s*$", text)
    return int(m.group(1)) if m else None


def result_table_claims(doc: Document, table: Table, study: StudyFacts, lexicon: Lexicon,
                        frame: StudyFrame | None = None, mentions: list[Mention] | None = None) -> list[OutcomeClaim]:
    """Claims of a per-group or per-arm efficacy table; [] for any other table. `frame` gives the
    arms a column may name by their label alone ("Group A (n=56)"); `mentions`, the paper's, the drugs
    and classes its header cells name."""
    width = max((len(r) for r in (*table.header, *table.rows)), default=0)
    if width < 2 or not table.header:
        return []
    whole = tuple(c for c in study.population.split("|") if c) or ("STS",)
    caption_size = HEADER_SIZE_RE.search(table.caption)
    headers = _header_labels(table, width)
    columns = [endpoint_of_label(h, lexicon) if h else None for h in headers]
    if sum(c is not None for c in columns[1:]) >= 2:
        return _group_rows(doc, table, study, lexicon, headers, columns, whole)
    row_endpoints = _row_endpoints(table.rows, lexicon)
    if sum(e is not None for e in row_endpoints) >= 2:
        n_whole = int(caption_size.group(1)) if caption_size else None
        arms = frame.arms if frame is not None else []
        return _endpoint_rows(doc, table, study, lexicon, headers, row_endpoints, whole, n_whole, arms,
                              mentions or [])
    return []


SECTION_HR_RE = re.compile(r"^\s*(?:(?:stratified|unstratified|adjusted)\s+)?(?:HR|hazard\s+ratio)\b", re.I)


def _row_endpoints(rows: list[tuple[Cell, ...]], lexicon: Lexicon) -> list[ColumnEndpoint | None]:
    """Each row's endpoint: its label's, or, under a section row that names a survival endpoint alone
    ("Progression-free survival" with empty cells), a "Median in months" or "Stratified HR (95% CI)"
    row is that endpoint's median or hazard ratio."""
    out: list[ColumnEndpoint | None] = []
    section = None
    for row in rows:
        label = row[0].text if row else ""
        endpoint = endpoint_of_label(label, lexicon) if row else None
        if row and not any(cell.text.strip() for cell in row[1:]):
            key = lexicon.forms("endpoint").get(fold(label.strip(" *:†‡")))
            section = family if key and (family := _family(key, lexicon)) in EVENT_FAMILIES else None
        elif endpoint is None and section is not None:
            if MEDIAN_LABEL_RE.match(label):
                endpoint = ColumnEndpoint(section, "median", unit=_label_unit(label))
            elif SECTION_HR_RE.match(label):
                endpoint = ColumnEndpoint(section, "hr")
        out.append(endpoint)
    return out


def _group_rows(doc: Document, table: Table, study: StudyFacts, lexicon: Lexicon, headers: list[str],
                columns: list[ColumnEndpoint | None], whole: tuple[str, ...]) -> list[OutcomeClaim]:
    size_column = next((i for i, h in enumerate(headers) if SIZE_LABEL_RE.match(h)), None)
    claims = []
    for row in table.rows:
        if len([c for c in row if c.text.strip()]) < 2:
            continue  # a footnote line or a group label
        population = group_of_label(row[0].text, lexicon, whole)
        if population is None:
            continue
        n = _size(row[size_column].text) if size_column is not None and size_column < len(row) else None
        for i, cell in enumerate(row[1:], start=1):
            column = columns[i] if i < len(columns) else None
            read = read_cell(cell.text, column) if column else None
            if column is None or read is None:
                continue
            claims.append(_claim(doc, table, row, column, read, population, study.regimen, n))
    return claims


def _endpoint_rows(doc: Document, table: Table, study: StudyFacts, lexicon: Lexicon, headers: list[str],
                   row_endpoints: list[ColumnEndpoint | None], whole: tuple[str, ...],
                   n_whole: int | None, arms: list[Arm], mentions: list[Mention]) -> list[OutcomeClaim]:
    # column -> (population, regimen, n, subgroup)
    groups: dict[int, tuple[tuple[str, ...], tuple[str, ...], int | None, str]] = {}
    for i, header in enumerate(headers[1:], start=1):
        if re.fullmatch(r"\s*p(?:\s*-?\s*value)?\s*", header, re.I):
            continue
        size = HEADER_SIZE_RE.search(header) or BARE_SIZE_END_RE.search(header)
        n = int(size.group(1)) if size else None
        regimen = arm_of_label(header, lexicon) or header_regimen(table, i, mentions, lexicon)
        population = group_of_label(header, lexicon, whole)
        arm = arm_of_header(header, arms)
        line = line_of_label(HEADER_SIZE_RE.sub("", header))
        if regimen:
            groups[i] = (whole, regimen, n, "")
        elif arm is not None:
            groups[i] = (whole, arm.regimen, n or arm.size, "")
        elif population is not None:
            groups[i] = (population, study.regimen, n or n_whole, "")
        elif line:
            groups[i] = (whole, study.regimen, n, line)  # "First line (n = 31)": a subgroup of the study
    hr_columns = [i for i, h in enumerate(headers) if i and HR_HEADER_RE.search(h)]
    first_arm = next((groups[i][1] for i in sorted(groups) if groups[i][1] != study.regimen), study.regimen)
    claims = []
    for row, column in zip(table.rows, row_endpoints, strict=True):
        if column is None:
            continue
        for i, cell in enumerate(row[1:], start=1):
            read = read_cell(cell.text, column) if i in groups else None
            if read is None:
                continue
            population, regimen, n, subgroup = groups[i]
            claims.append(_claim(doc, table, row, column, read, population, regimen, n, subgroup))
        if column.family in ("PFS", "OS"):  # the row's hazard ratio: the first-named arm against the other
            hr = ColumnEndpoint(column.family, "hr")
            for i in (i for i in hr_columns if i < len(row)):
                read = read_cell(row[i].text, hr)
                if read is not None and read.value != "NR":
                    claims.append(_claim(doc, table, row, hr, read, whole, first_arm, None))
    return claims


def _claim(doc: Document, table: Table, row: tuple[Cell, ...], column: ColumnEndpoint, read: CellValue,
           population: tuple[str, ...], regimen: tuple[str, ...], n: int | None, subgroup: str = "") -> OutcomeClaim:
    unit = normalise_unit(read.unit) if read.unit not in ("%", "patients", "ratio", "") else read.unit
    return OutcomeClaim(
        endpoint=endpoint_code(column), value=read.value, unit=unit, scope="primary", population=population,
        regimen=regimen, subgroup=subgroup, timepoint=column.timepoint, ci_low=read.ci_low, ci_high=read.ci_high, n=n,
        evidence=row_evidence(doc, table, row),
    )
