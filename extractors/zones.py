"""The zone of every sentence: what part of a paper or page it belongs to, so that only result
zones give a study's own (primary) claims.

Zones: "title", "background", "methods", "results", "conclusion", "discussion", "furniture"
(page and publisher furniture: citation lines, PMID/DOI lines, affiliations, keywords, copyright,
"Similar articles", MeSH terms, meeting-abstract sponsor and disclosure lines, reference lists,
declarations) and "" where nothing says (an unstructured abstract, a news write-up, a bare
results excerpt), which extractors treat like results.

A zone comes from, most specific first: a structured-abstract label printed at the start of the
sentence (inline "Results:", run together inside one paragraph as meeting abstracts print them,
upper-case "RESULTS:", or a label without colon such as Lancet's "Findings"); the label of the
paragraph; the heading of the section; and the paragraph's kind from the reader (title, authors,
front matter, notes). A label switches the zone for the sentences after it in the same paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.document import Document, Paragraph, Sentence
from corpus.sections import main_kind

BACKGROUND_ZONES = frozenset({"background", "discussion"})
"""Zones where other studies' results are retold."""

_LABEL_ZONES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("background", re.compile(r"^(?:background(?: and (?:aims|purpose))?|purpose|objectives?|aims?|introduction|"
                              r"context|importance|rationale|evidence before this study)$")),
    ("methods", re.compile(r"^(?:(?:materials|patients|methods) and (?:methods|materials)|experimental design|"
                           r"study design|design(?:, setting,? and participants)?|setting|participants|patients|"
                           r"interventions?|methods?|main outcomes?(?: and)? measures?|measurements)$")),
    ("results", re.compile(r"^(?:results?|findings|observations)$")),
    ("conclusion", re.compile(r"^(?:conclusions?(?: and relevance)?|interpretation|relevance|significance|"
                              r"implications(?: of all the available evidence)?|added value of this study|"
                              r"translational relevance|statement of significance|key points|highlights|"
                              r"discussion|limitations)$")),
    ("furniture", re.compile(r"^(?:trial registration|keywords?|key words|funding|research sponsors?)$")),
)
_SECTION_ZONES = {
    "abstract": "", "introduction": "background", "methods": "methods", "results": "results",
    "discussion": "discussion", "conclusion": "conclusion", "references": "furniture", "back": "furniture",
}
# Lines publishers and meeting books print around an abstract: never a claim of the paper.
FURNITURE_RE = re.compile(
    r"^\s*(?:PMID|PMCID|DOI|doi)\s*:|^\s*(?:Affiliations?|Similar articles|Cited by|Comment (?:in|on)|"
    r"MeSH terms|Publication types|Substances|Grants and funding|Related information|LinkOut|Full text links|"
    r"Copyright|©|Clinical trial (?:information|identification|registration)|Legal entity responsible|"
    r"Research Sponsors?|Funding|Disclosures?|Conflicts? of interest|Keywords?|Key words|Editorial acknowledgement|"
    r"Received|Accepted|Published|Epub|Correspondence|Corresponding author|E-?mail)\b",
    re.I,
)
_INLINE_LABEL_RE = re.compile(
    # a meeting abstract may print its number before the first label ("11008 Background: ...")
    r"^(?:[A-Z]{0,3}\d{3,6}[A-Z]?\s+)?(?P<label>[A-Za-z][A-Za-z ,]{2,60}?)(?:\s*[:.—–]\s+|\s+(?=[A-Z0-9\"“(]))"
)
_FURNITURE_SECTIONS_RE = re.compile(
    r"^(?:similar articles|cited by|mesh terms|publication types|substances|grants and funding|"
    r"related information|linkout|comment in|references?)\b", re.I)


@dataclass(frozen=True)
class ZonedSentence:
    sentence: Sentence
    zone: str


def label_zone(label: str) -> str | None:
    """The zone a structured-abstract label names ("Results", "FINDINGS", "Patients and Methods"), or None."""
    norm = re.sub(r"\s+", " ", label.strip(" :.—–").lower())
    for zone, pattern in _LABEL_ZONES:
        if pattern.match(norm):
            return zone
    return None


CAPITALS_TO_COLON_RE = re.compile(r"(?:[ \t]+[A-Z][A-Z-]+)+[ \t]*(?:\([^()]*\)[ \t]*)?:")
"""More capital words up to a colon after an upper-case word: the heading is the whole run."""


def sentence_label_zone(text: str) -> str | None:
    """The zone of a label the sentence opens with, or None: "Methods: ...", "RESULTS: ...",
    "RESULTS Of 40 ..." (upper case needs no colon) or a sentence that is only a label ("Results.").
    A capitalised word without colon ("Patients received ...") is no label inside a paragraph."""
    match = _INLINE_LABEL_RE.match(text)
    if match:
        label = match.group("label").strip()
        raw_sep = text[match.end("label"):match.end()]
        sep = raw_sep.strip()
        zone = label_zone(label)
        # a label on a line of its own ("Findings", "Evidence before this study") heads the text below it
        own_line = "\n" in raw_sep
        if zone and not sep and label.isupper() and CAPITALS_TO_COLON_RE.match(text, match.end("label")):
            return None  # "OBJECTIVE RESPONSE RATE (ORR): ...": the capitals run on to the colon, one heading
        if zone and (sep[:1] in {":", "—", "–"} or (label.isupper() and len(label) > 3) or own_line):
            return zone
    if len(text) <= 40:
        return label_zone(text)
    return None


def loose_label_zone(text: str) -> str | None:
    """The zone of a label printed without colon before a capitalised word ("Results In all, 40 ...",
    "Patients and Methods Adults with ..."), or None. Taken as a label only where a document prints
    several such labels (`sentence_zones`): one capitalised word alone is no label."""
    match = _INLINE_LABEL_RE.match(text)
    if not match or text[match.end("label"):match.end()].strip():
        return None
    return label_zone(match.group("label").strip())


def label_end(text: str) -> int:
    """Where the text after a leading structured-abstract label starts (0 without a label)."""
    match = _INLINE_LABEL_RE.match(text)
    if match and sentence_label_zone(text) is not None:
        return match.end()
    return 0


def section_zone(doc: Document, paragraph: Paragraph) -> str:
    """The zone the paragraph's kind, label and section give (before any inline label)."""
    if paragraph.kind == "title":
        return "title"
    if paragraph.kind in {"authors", "front", "note"}:
        return "furniture"
    if _FURNITURE_SECTIONS_RE.match(paragraph.section or ""):
        return "furniture"
    if paragraph.label:
        zone = label_zone(paragraph.label)
        if zone is not None:
            return zone
    kind = doc.section_kind_at(paragraph.start)
    heading = (paragraph.section or "").strip()
    if heading and (kind in {"abstract", ""} or not main_kind(heading)):
        # a structured abstract's label printed as a heading line, or a box inside a part
        # ("Translational relevance" inside the introduction summarises this study's results)
        zone = label_zone(heading)
        if zone is not None:
            return zone
    return _SECTION_ZONES.get(kind, "")


def paragraph_zones(doc: Document, paragraph: Paragraph, loose_labels: bool = False) -> list[ZonedSentence]:
    """Every sentence of the paragraph with its zone (see the module docstring); with `loose_labels`,
    a label printed without colon opens a zone too (`loose_label_zone`)."""
    zone = section_zone(doc, paragraph)
    if zone != "furniture" and FURNITURE_RE.match(paragraph.text):
        zone = "furniture"
    out = []
    for sentence in paragraph.sentences:
        if zone not in {"title"}:
            labelled = sentence_label_zone(sentence.text) or (
                loose_label_zone(sentence.text) if loose_labels else None)
            if labelled is not None:
                zone = labelled
            elif FURNITURE_RE.match(sentence.text):
                out.append(ZonedSentence(sentence, "furniture"))
                continue
        out.append(ZonedSentence(sentence, zone))
    return out


_last_zones: tuple[Document, dict[int, str]] | None = None


def sentence_zones(doc: Document) -> dict[int, str]:
    """Sentence start offset -> zone, for every paragraph sentence of the document (computed once
    per document: the frame and the outcome reader both ask; treat the mapping as read-only)."""
    global _last_zones
    if _last_zones is not None and _last_zones[0] is doc:
        return _last_zones[1]
    zones: dict[int, str] = {}
    # "Purpose ... Patients and Methods ... Results In all, ...": an abstract whose labels lost their
    # colons (some index pages print them so) has several; a results label among them opens the results
    loose = {z for p in doc.paragraphs for s in p.sentences if (z := loose_label_zone(s.text))}
    loose_labels = "results" in loose and len(loose) >= 2
    for paragraph in doc.paragraphs:
        for zoned in paragraph_zones(doc, paragraph, loose_labels):
            zones[zoned.sentence.start] = zoned.zone
    _last_zones = (doc, zones)
    return zones


RUNNING_HEAD_RE = re.compile(r"^(?P<head>\S.{5,80}?)\s{3,}[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+et\s+al\.?\s*$", re.M)


def running_head(doc: Document) -> tuple[int, int] | None:
    """The short title of a PDF page's running head ("Short title     Surname et al."), first page only."""
    match = RUNNING_HEAD_RE.search(doc.text, 0, min(len(doc.text), 400))
    return (match.start("head"), match.end("head")) if match else None
