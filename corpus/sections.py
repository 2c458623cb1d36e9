"""Headings, the main part each belongs to, and run-in labels of structured abstracts.

A heading is a short standalone line: it starts with a capital (after optional numbering such
as "2.1"), has no final period, no colon, few words, no year, citation or author markers, and
reads like a title rather than a clause (no "is/was/were ..."). The heading vocabulary below
is general to research articles; it decides the level and the canonical kind of a section.
"""

from __future__ import annotations

import re

# Some publishers set a bar between the number and the title ("2.1 | Patients").
_NUMBERING_RE = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.|[A-H]\.)(?:\s+\|)?\s+")
_MAIN_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("abstract", re.compile(r"^(?:abstract|summary|structured abstract)$")),
    ("introduction", re.compile(r"^(?:introduction|background|introduction and background)$")),
    ("methods", re.compile(
        r"^(?:(?:(?:materials?|patients?|subjects?|participants?)\s+(?:and|&)\s+)?methods?"
        r"(?:\s+(?:and|&)\s+(?:materials?|patients?|subjects?))?|methodology|study design and methods)$")),
    ("results", re.compile(r"^(?:results?|findings|results and discussion)$")),
    ("discussion", re.compile(r"^(?:discussion|general discussion)$")),
    ("conclusion", re.compile(r"^(?:conclusions?|concluding remarks|summary and conclusions?)$")),
    ("references", re.compile(r"^(?:references?|bibliography|literature cited|reference list|works cited)$")),
    ("back", re.compile(
        r"^(?:acknowledge?ments?|funding(?: information| statement| sources?)?|financial support|"
        r"authors?['’]? contributions?|contributions|competing interests?|conflicts? of interests?|"
        r"(?:authors?['’]? )?disclosures?(?: statement)?|declarations?(?: of interests?)?|"
        r"data availability(?: statement)?|availability of data(?: and materials?)?|"
        r"ethics(?: statement| approval.*| declarations?)?|ethical approval.*|consent for publication|"
        r"supplementary (?:information|materials?|data)|supporting information|abbreviations|"
        r"publisher['’]?s note|author details|authors? information|notes?|footnotes|"
        r"generative ai statement|disclaimer|trial registration|patient consent.*)$")),
)
_KEYWORDS_RE = re.compile(r"^(?:keywords?|key words|index terms)$")
_SUBSECTION_WORDS = {
    "safety", "efficacy", "patients", "treatment", "statistical analysis", "study design",
    "study population", "outcomes", "endpoints", "assessments", "limitations", "case presentation",
    "adverse events", "toxicity", "response", "survival", "patient characteristics",
}
# Labels of publisher boxes and banners that are no part of the paper's structure.
_BOX_LABELS = {
    "open access", "research", "research article", "original research", "original article", "article",
    "review", "review article", "brief report", "edited by", "reviewed by", "correspondence",
    "citation", "copyright", "received", "accepted", "published", "specialty section", "check for updates",
}
_SHORT_ANSWERS = {"none", "not applicable", "n/a", "na", "yes", "no", "none declared", "not required", "nil"}
_NOT_HEADING_RE = re.compile(
    r"[:;@©®^¹²³⁴⁵⁶⁷⁸⁹⁰†‡§¶]|https?://|\bdoi\b|\bet al\b|\b(?:19|20)\d\d\b|^page \d|\t"
    r"|\b(?:is|are|was|were|has|have|had|been|will|shall|did|does)\b",
    re.I,
)

ABSTRACT_LABELS = (
    "background and aims", "background and purpose", "background", "purpose", "objectives", "objective",
    "aims", "aim", "introduction", "context", "importance", "rationale", "materials and methods",
    "patients and methods", "methods and materials", "experimental design", "study design", "design",
    "setting", "participants", "patients", "interventions", "methods", "method",
    "main outcome measures", "measurements", "results", "findings", "observations", "conclusions",
    "conclusion", "interpretation", "relevance", "significance", "implications", "discussion",
    "limitations", "case presentation", "trial registration", "keywords", "key words", "funding",
)
_LABEL_RE = re.compile(
    r"^(?P<label>" + "|".join(re.escape(w) for w in ABSTRACT_LABELS) + r")"
    # without a colon the next word must be capitalised, whatever the case of the label: the flag
    # would let "Patients received ..." open an unstructured abstract as its methods
    r"(?P<sep>\s*[:.—–]\s+|\s+(?=(?-i:[A-Z0-9\"“(])))",
    re.I,
)


def normalize(line: str) -> str:
    """Heading text for vocabulary look-ups: numbering, marks and case removed."""
    text = _NUMBERING_RE.sub("", line.strip())
    text = text.strip(" *#_.:")
    return re.sub(r"\s+", " ", text).lower()


def main_kind(heading: str) -> str:
    """The canonical main part a heading names ("methods", "back", ...), or ""."""
    norm = normalize(heading)
    for kind, pattern in _MAIN_KINDS:
        if pattern.match(norm):
            return kind
    return ""


def is_known_heading(line: str) -> bool:
    norm = normalize(line)
    return bool(main_kind(line) or _KEYWORDS_RE.match(norm) or norm in _SUBSECTION_WORDS)


def is_keywords(line: str) -> bool:
    return bool(_KEYWORDS_RE.match(normalize(line)))


def is_box_label(line: str) -> bool:
    """Publisher banner or box label ("OPEN ACCESS", "EDITED BY", "*CORRESPONDENCE")."""
    return normalize(line.strip("*")) in _BOX_LABELS


def looks_like_heading(line: str, next_text: str = "") -> bool:
    """Whether a standalone line reads as a heading; `next_text` is the following block."""
    text = line.strip()
    if not text or len(text) > 100 or is_box_label(text):
        return False
    if is_known_heading(text) and not text.endswith(","):
        return True
    body = _NUMBERING_RE.sub("", text)
    if re.match(r"(?:keywords?|key words)\b\W*\S", body, re.I):
        return False  # "Keywords Efficacy, Safety, ..." is the keyword list itself
    if not body or not (body[0].isupper() and body[0].isalpha()):
        return False
    if body[-1] in ".,;:-–(" or _NOT_HEADING_RE.search(body):
        return False
    words = body.split()
    if len(words) > 12 or sum(ch.isdigit() for ch in body) > len(body) // 4:
        return False
    if normalize(body) in _SHORT_ANSWERS or is_known_heading(next_text):
        return False  # "Funding / None / Competing interests": a short answer, not a heading
    # A line followed by a lower-case block is a paragraph cut by a page break, not a heading.
    return not (next_text[:1].islower())


def abstract_label(paragraph: str) -> str:
    """The run-in label a structured-abstract paragraph starts with, as printed, or ""."""
    match = _LABEL_RE.match(paragraph)
    if not match:
        return ""
    label = match.group("label")
    if not match.group("sep").strip() and not label[0].isupper():
        return ""  # without a colon, only a capitalised label counts ("Results Fifty-one ...")
    return label


def has_colon_label(paragraph: str) -> bool:
    """A label followed by a colon ("Results: ..."), the safest sign of a structured abstract."""
    match = _LABEL_RE.match(paragraph)
    return bool(match and match.group("sep").strip()[:1] in {":", "—", "–"})
