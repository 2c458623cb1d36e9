"""How many patients each of the paper's own populations has ("ASPS (n=20)", "Of 20 cases with ASPS").

Read from table header cells and from sentences of the paper's own sections that cite no other
work. Subgroups of a population ("14 patients with ASPS were treated in <= 2 lines") state
smaller numbers, so the largest size stated for a population is its size.
"""

from __future__ import annotations

import re

from corpus.document import Document
from extractors.measurements import NUMBER_WORD_RE, word_to_int
from extractors.offsets import Coverage, OffsetIndex
from extractors.records import Arm, CitationMarker, Mention, StudyFrame
from extractors.scan_regex import scan_compile

HEADER_SIZE_RE = re.compile(r"\(\s*[nN]\s*=\s*(\d+)\s*\)")
PROSE_SIZE_RE = scan_compile(
    # the words between count and noun describe the patients, never another noun's place ("the 2 agents in
    # patients with GIST" counts agents)
    r"\b(\d+|" + NUMBER_WORD_RE + r")\s+(?:(?!(?:in|of|for|among|from|to|on)\s)\w+\s+){0,2}?(?:patients|cases|subjects)"
    r"\s+(?:with|had|diagnosed\s+with)\s+"
    r"(?:\w+\s+){0,2}?$",
    re.I,
)
COUNTED_EVENT_BEFORE_RE = re.compile(
    r"\b(?:response|responses|CR|PR|SD|PD|achieved|attained|observed|seen|noted|occurred|recorded|documented)"
    r"\s+(?:was\s+|were\s+)?(?:\w+\s+)?(?:in|among)\s+$", re.I)
""""responses were noted in three patients with UPS": the three are responders, not the UPS group."""
ROW_COUNT_RE = re.compile(r"^\s*(\d+)\s*(?:\(|$)")
OWN_KINDS = {"abstract", "methods", "results", ""}


def population_sizes(doc: Document, mentions: list[Mention], markers: list[CitationMarker]) -> dict[str, int]:
    """Subtype code -> the largest group size the paper states for it."""
    sizes: dict[str, int] = {}

    def note(code: str, size: int | None) -> None:
        if size and size > 0:
            sizes[code] = max(size, sizes.get(code, 0))

    subtypes = [m for m in mentions if m.type == "subtype"]
    by_start = OffsetIndex([m.evidence.start for m in subtypes], subtypes)
    for table in doc.tables:
        for row in table.header:
            for cell in row:
                size = HEADER_SIZE_RE.search(cell.text)
                inside = by_start.within([(cell.start, cell.end)])
                if size and len(inside) == 1:
                    note(inside[0].key, int(size.group(1)))
        for row in table.rows:
            cells = [c for c in row if c.text.strip()]
            if len(cells) < 2:
                continue
            inside = by_start.within([(cells[0].start, cells[0].end)])
            count = ROW_COUNT_RE.match(cells[1].text)
            if len(inside) == 1 and count and len(inside[0].surface) >= len(cells[0].text.strip()) - 2:
                note(inside[0].key, int(count.group(1)))
    cited = Coverage((m.sentence.start, m.sentence.end) for m in markers)
    for paragraph in doc.paragraphs:
        if doc.section_kind_at(paragraph.start) not in OWN_KINDS:
            continue
        for sentence in paragraph.sentences:
            if cited.covers(sentence.start):
                continue
            for m in by_start.within([(sentence.start, sentence.end)]):
                before = doc.text[sentence.start : m.evidence.start]
                match = PROSE_SIZE_RE.search(before[-60:])
                if match and not COUNTED_EVENT_BEFORE_RE.search(before[-60:][: match.start()]):
                    note(m.key, word_to_int(match.group(1)))
    return sizes


def of_whole_study(endpoint: str, regimen: tuple[str, ...], study_regimen: tuple[str, ...]) -> bool:
    """May the whole study's size be the n of a result of `regimen`? Not when the result names another
    regimen than the study's (one drug of a study of two, one class of a pooled analysis): that
    result is of the patients given it. A hazard ratio compares the whole study's groups."""
    return endpoint.startswith("HR_") or not regimen or not study_regimen or set(regimen) == set(study_regimen)


def arm_row_n(endpoint: str, population: tuple[str, ...], arm_size: int | None, frame: StudyFrame) -> int | None:
    """n of an arm's row: the arm's size; an HR's is both arms'; a subgroup of an arm is not the arm (its
    size unknown unless printed), nor the subgroup's total over both arms."""
    if population != frame.population:
        return None
    if endpoint.startswith("HR_"):
        sizes = [a.size for a in frame.arms]
        return sum(sizes) if all(s is not None for s in sizes) else None
    return arm_size


def arm_of_header(header: str, arms: list[Arm]) -> Arm | None:
    """The study frame's arm a table header names by the arm's label or short name alone
    ("Group A (n=56)", "Arm B"), else None."""
    text = HEADER_SIZE_RE.sub("", header).strip(" ,;:").casefold()
    return next((a for a in arms if text and text in {x.casefold() for x in (a.label, *a.aliases) if x}), None)
