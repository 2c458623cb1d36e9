"""Title, authors, DOI, journal and year, read from the paper's own front and back matter.

- Title: the title-like block right before the first author line ("Given Surname¹, ...");
  without an author line, the longest title-like block among the first blocks.
- DOI: a line that is a DOI ("doi: 10...", "https://doi.org/10..."), else the first DOI printed
  outside the reference list (a supplementary-material link often is the article's own DOI);
  landing-page suffixes ("/full", "#...", "/MediaObjects/...") are dropped.
- Journal: a citation line ("Front. Immunol. 16:1504117.", "Clin Cancer Res 2024;30:5577-83",
  "Smith et al. BMC Cancer (2024) 24:101"); empty when none is printed.
- Year: a publication date ("Published online: 20 August 2024", "published first October 25,
  2024"), else the citation line's year, else the copyright year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.bibliographic import MONTH, PARTICLES, clean_doi
from corpus.blocks import Block
from corpus.document import Metadata
from corpus.sections import is_box_label, is_known_heading

_MARKERS_RE = re.compile(r"\^\{[^}]*\}|\^\S+|\[[^\]\w]*[†‡*§¶#]+[^\]]*\]|[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾,]*[⁰¹²³⁴⁵⁶⁷⁸⁹]|[*†‡§¶#✉]")
_SPACED_MARKS_RE = re.compile(r"(?<=[a-z\u00E0-\u024F])(?:\s+\d{1,2})+(?=\s*(?:,|$))")
_TRAILING_DIGITS_RE = re.compile(r"(?<=[a-z\u00E0-\u024F])\d+(?:,\d+)*")
_DEGREES = {"MD", "PhD", "MSc", "MS", "MPH", "BSc", "BS", "RN", "DO", "MBBS", "FRCP", "FRCPC", "MA", "PharmD",
            "DDS", "DPhil", "MBChB", "FACS", "FACP", "DrPH", "Jr", "Sr", "II", "III"}
_INSTITUTION_WORDS = {"University", "Hospital", "Department", "Institute", "School", "Center", "Centre", "College",
                      "Laboratory", "Medical", "Faculty", "Clinic", "Foundation", "Academy", "Society", "Group",
                      "Research", "Cancer", "Oncology", "Sciences", "China", "USA", "States", "Kingdom"}
_INITIALS_RE = re.compile(r"^(?:[A-Z]\.-?)+$")
DOI_RE = re.compile(r"\b10\.\d{4,9}/[^\s<>\"\]\[*]+")
_DOI_LINE_RE = re.compile(r"^(?:doi\s*:?\s*|DOI\s*:?\s*|https?://(?:dx\.)?doi\.org/)10\.", re.I)
_JOURNAL = r"(?P<journal>[A-Z][A-Za-z.&'’-]*(?:\s+(?:[A-Z][A-Za-z.&'’-]*|of|and|&|the|in|for)){0,8})"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_CITATION_RES = (
    re.compile(rf"^{_JOURNAL}\.?\s+{_YEAR}\s*;\s*\d+(?:\s*\(\w+\))?\s*:\s*[\w–-]+\.?$"),
    re.compile(rf"\bet al\.?,?\s+{_JOURNAL}\.?\s+\({_YEAR}\)\s+\d+\s*:\s*\w+"),
    re.compile(rf"(?:^|(?<=\.\s)){_JOURNAL}\s+\d+\s*:\s*[\w-]+\.?(?=\s*(?:$|doi\b|https?://))"),
)
_PUBLISHED_RE = re.compile(
    rf"\bpublished(?:\s+(?:online|first|electronically|in\s+print))*\s*:?\s*"
    rf"(?:\d{{1,2}}\s+{MONTH}\s+|{MONTH}\s+\d{{1,2}},?\s+|\d{{1,2}}[/.-]\d{{1,2}}[/.-])?{_YEAR}\b(?!-\d)"
    rf"|\bpublished(?:\s+online)?\s*:?\s*(?P<iso>(?:19|20)\d\d)-\d\d-\d\d",
    re.I,
)
_COPYRIGHT_RE = re.compile(rf"(?:©|\(c\)|copyright)\s*(?:©\s*)?{_YEAR}", re.I)
_RECEIVED_RE = re.compile(rf"\b(?:accepted|received)\s*:?\s*[^;\n]{{0,20}}?{_YEAR}\b", re.I)


@dataclass(frozen=True)
class FrontMatter:
    """Indices of the title and author blocks (None when not found)."""

    title: int | None
    authors: int | None


def find_front(blocks: list[Block], limit: int = 40) -> FrontMatter:
    """Locate the title and author blocks among the first `limit` blocks."""
    first = blocks[:limit]
    for i, block in enumerate(first):
        if is_known_heading(block.first) and not is_box_label(block.first):
            first = first[:i]  # the front matter ends where the paper's structure begins
            break
    for i, block in enumerate(first):
        if i > 0 and is_author_block(block) and is_title_like(first[i - 1], final_period=True):
            return FrontMatter(i - 1, i)
    candidates = [i for i, b in enumerate(first[:15]) if is_title_like(b)]
    if candidates:
        return FrontMatter(max(candidates, key=lambda i: len(first[i].joined())), None)
    return FrontMatter(None, None)


_ONE_SENTENCE_TITLE_RE = re.compile(r"^[^.!?]*(?:\.(?=\d)[^.!?]*)*\.$")
"""A title printed with a final period ("Drug X in sarcoma: a phase II trial."), no sentence inside."""
_ABSTRACT_NUMBER_RE = re.compile(r"^(?:abstract\s+)?#?[A-Z]{0,4}\d{2,6}[A-Z]{0,3}\b(?:\s+(?:poster|oral|session|"
                                 r"presentation|discussion|proffered|mini)\b.*)?$", re.I)
"""A meeting abstract's number line ("Abstract 11512", "11503 Poster Session", "1789P")."""


_TWO_SENTENCES_RE = re.compile(r"[a-z0-9%)]\.\s+[A-Z][a-z]")
"""Prose: one sentence ends and another begins, which no title does."""
_FLOAT_CAPTION_RE = re.compile(r"^(?:Table|TABLE|Fig\.?|Figure|FIGURE)\s+S?\d")
"""A table or figure caption is never the title."""


_YEAR_RE = re.compile(r"(?<!\w)(?=(?:19|20)\d\d\b)")
_TRIAL_YEAR_RE = re.compile(r"(?:19|20)\d\d\s+(?:Trial|Study|Protocol)s?\b", re.I)
"""A year makes a line a citation or a date, not a title, unless it is part of a trial's name ("the
RMS 2005 Trial", "the EWING 2008 study")."""


def is_meeting_number(line: str) -> bool:
    return bool(_ABSTRACT_NUMBER_RE.match(line.strip()))


def is_title_like(block: Block, final_period: bool = False) -> bool:
    """A block that reads as a title; `final_period` allows one sentence ending in "." (meeting
    abstracts print titles so), which only an author line right after makes safe."""
    text = block.joined()
    words = text.split()
    # a stop inside closing quotes ends a sentence as a bare one does ('... called it "a failure."')
    closed = text.rstrip("\"”’'")
    ends_ok = not text.endswith((",", ";", ":")) and (
        not closed.endswith(".") or (final_period and closed == text and _ONE_SENTENCE_TITLE_RE.match(text)))
    return (len(block.lines) <= 4 and 4 <= len(words) <= 45 and 20 <= len(text) <= 400
            and (text[0].isupper() or text[0].isdigit()) and bool(ends_ok) and not is_meeting_number(text)
            and not _FLOAT_CAPTION_RE.match(text) and not _TWO_SENTENCES_RE.search(text)
            and not re.search(r"@|https?:|\bdoi\b|©|\t|[¹²³⁴⁵⁶⁷⁸⁹]|\^\{", text, re.I)
            and not any(not _TRIAL_YEAR_RE.match(text, m.start()) for m in _YEAR_RE.finditer(text))
            and not is_box_label(text))


def author_names(text: str) -> list[str]:
    """Names in an author line, markers and degrees removed; [] if it does not read as one."""
    if re.search(r"@|https?:|\bdoi\b|\d{3,}|[.;:]$", text):
        return []
    cleaned = _TRAILING_DIGITS_RE.sub("", _MARKERS_RE.sub(" ", text))
    cleaned = _SPACED_MARKS_RE.sub("", cleaned)  # PubMed prints affiliation numbers spaced: "Name 1 2,"
    parts = re.split(r",\s*(?:and\s+|&\s*)?|\s+and\s+|\s+&\s+", cleaned)
    names, bad = [], 0
    for part in (p.strip(" .") for p in parts):
        tokens = [t for t in part.split() if t.strip(".") not in _DEGREES]
        if not tokens:
            continue
        if _is_name(tokens):
            names.append(" ".join(tokens))
        else:
            bad += 1
    return names if names and bad <= len(names) // 5 else []


def _is_name(tokens: list[str]) -> bool:
    if not 2 <= len(tokens) <= 5 or re.fullmatch(r"[A-Z]{1,3}", tokens[-1]):
        return False  # "Liu Z" is the citation style of a reference, not a by-line
    return all((_is_name_token(t) or t in PARTICLES) and t not in _INSTITUTION_WORDS for t in tokens)


def _is_name_token(token: str) -> bool:
    """ "Shaoli", "Gomes-Santos", "O'Brien", "McDonald" or initials such as "J." / "J.-Y."."""
    if _INITIALS_RE.match(token):
        return True
    return (token[0].isupper() and any(c.islower() for c in token)
            and all(c.isalpha() or c in "'’-" for c in token))


def is_author_block(block: Block) -> bool:
    if len(block.lines) > 6:
        return False
    text = block.joined()
    if ";" in text and not author_names(text):
        text = text.split(";", 1)[0]  # meeting style: "A. Name, B. Name; Institute, City; ..."
    names = author_names(text)
    marked = bool(re.search(r"[¹²³⁴⁵⁶⁷⁸⁹*†‡]|\^\{|\^\d|[a-z]\d", text))
    # Without affiliation marks, demand a comma-separated list ("Study Design and Patient Population" is no by-line).
    return bool(names) and (marked or (len(names) >= 2 and "," in text))


def find_doi(text: str, exclude: tuple[int, int] | None) -> str:
    """The article's DOI (see the module docstring); `exclude` is the reference list's span."""
    def outside(pos: int) -> bool:
        return exclude is None or not exclude[0] <= pos < exclude[1]

    labelled, anywhere = [], []
    for match in DOI_RE.finditer(text):
        if not outside(match.start()):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        prefix = text[line_start:match.start()]
        if _DOI_LINE_RE.match(text[line_start:match.end()].strip()) and len(prefix.strip()) <= 16:
            labelled.append(match)
        elif re.search(r"(?:doi\.org/|doi\s*:?\s*)$", prefix, re.I):
            anywhere.append(match)
    best = (labelled or anywhere or [None])[0]
    return clean_doi(best.group(0)) if best else ""


def find_journal_year(blocks: list[Block], exclude: tuple[int, int] | None) -> tuple[str, int | None]:
    """(journal, year) from a citation line outside the reference list."""
    for block in blocks:
        if exclude and exclude[0] <= block.start < exclude[1]:
            continue
        # Lines first; then the block, for a citation wrapped over lines ("... Front.\nImmunol. 16:1").
        for content in [line.stripped for line in block.lines] + [block.joined()]:
            if len(content) > 600 or "\t" in content:
                continue
            for pattern in _CITATION_RES:
                match = pattern.search(content)
                if match and _plausible_journal(match.group("journal")):
                    year = match.groupdict().get("year")
                    return match.group("journal").strip(), int(year) if year else None
    return "", None


_PAGE_NUMBER_AROUND_RE = re.compile(r"^\d{1,4}(?:\s{2,}|\s*\|\s*)|(?:\s{2,}|\s*\|\s*)\d{1,4}$")
"""A page number printed beside a running head or footer, two spaces or a bar away."""


def is_citation_line(line: str) -> bool:
    """A line that cites the paper itself ("Clin Cancer Res 2024;30:5577-83"), also as a running head
    or footer with the page number set apart ("Clin Cancer Res 2024;30:5577-83      5579")."""
    line = _PAGE_NUMBER_AROUND_RE.sub("", line.strip())
    return len(line) <= 160 and any(
        (m := pattern.search(line)) is not None and _plausible_journal(m.group("journal")) for pattern in _CITATION_RES
    )


def _plausible_journal(name: str) -> bool:
    words = name.split()
    return (len(words) >= 2 or "." in name) and not re.match(r"^(?:Table|Fig|Figure|Vol|Page|Version)\b", name)


def find_year(blocks: list[Block], exclude: tuple[int, int] | None, citation_year: int | None) -> int | None:
    """The publication year: printed publication date, citation line, copyright, acceptance."""
    short = [b.joined() for b in blocks
             if len(b.joined()) <= 300 and not (exclude and exclude[0] <= b.start < exclude[1])]
    for text in short:
        match = _PUBLISHED_RE.search(text)
        if match:
            return int(match.group("year") or match.group("iso"))
    if citation_year:
        return citation_year
    for pattern in (_COPYRIGHT_RE, _RECEIVED_RE):
        years = [int(m.group("year")) for text in short for m in pattern.finditer(text)]
        if years:
            return max(years)
    return None


def extract_metadata(text: str, blocks: list[Block], front: FrontMatter,
                     references: tuple[int, int] | None) -> Metadata:
    """Metadata from the blocks; `references` is the reference list's span, which is ignored."""
    title = ""
    if front.title is not None:
        title = blocks[front.title].joined()
    authors = author_names(blocks[front.authors].joined()) if front.authors is not None else []
    journal, citation_year = find_journal_year(blocks, references)
    return Metadata(
        title=title,
        authors=authors,
        doi=find_doi(text, references),
        journal=journal,
        year=find_year(blocks, references, citation_year),
    )
