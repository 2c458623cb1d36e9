"""Numeric citation markers: "[15]", "[3–5]", "[1, 2]", "(7, 11–15)", "(16)", "ref. 16", "refs. 3-5", and
superscript digits as Lancet and Nature print them ("... 4·6 months.⁴,⁵", "series.³⁻⁵"), which
count only after a word or a stop, never after a unit, a base or a statistic's letter ("m²", "10⁹/L",
"I² = 48%"), and such superscripts flattened to plain digits glued to a word's punctuation
("trial,7 median"), unless the text is known to cite nothing, or printed in TeX braces
("trial.^{7}"). Ranges are expanded ("[3–5]" -> 3, 4, 5). The hard part
is telling citations from the other numbers papers put in brackets; a candidate is rejected when

- the brackets hold anything but integers, commas, semicolons and range dashes: "(n = 24, 47.1%)",
  "(95% CI: 4.8–6.8)", "(2.0%)", "(HR 0.5)", "(Fig. 2)", "(Table 1)", "($P$ = 0.03)";
- a number has four digits ("(2019)") or is 0, a range runs backwards or over `MAX_RANGE`
  numbers, or a number exceeds `n_references` (when the reference list length is known);
- in round brackets, it directly follows a number ("15 (52)"), the same number in words ("Two hundred
  two (202) patients"), or is glued to a volume and a page ("2018;379(25):2417" - a journal issue) or
  to a unit ("mg/m(2)"); it follows an operator, or a label word ("Figure (2)");
- it is an item of an enumeration: "(1)", "(2)", "(3)"... in one sentence counting up from 1,
  most of them followed by a word or a colon rather than by punctuation, as in
  "were included (1): aged 18 years or older; (2) had ...".

The matching logic is the pure function `find_citations`; the component ("sarcoma_citations")
stores its results in `doc.user_data["citations"]` (exact character offsets) and as spans in
`doc.spans["citations"]`. It reads the reference-list length from `doc.user_data["n_references"]`
(None: unknown; 0: the text cites nothing, as a PubMed record without a reference list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractors.doc_text import doc_text
from extractors.quantity_words import NUMBER_WORD_RE, word_to_int
from extractors.scan_regex import scan_compile

MAX_RANGE = 30
DASH = "-–—−"
_ITEM = r"\d{1,3}(?:\s*[" + DASH + r"]\s*\d{1,3})?"
_LIST = _ITEM + r"(?:\s*[,;]\s*" + _ITEM + r")*"
BRACKET_RE = re.compile(r"\[(" + _LIST + r")\]|\((" + _LIST + r")\)")
REF_WORD_RE = re.compile(r"\b[Rr]efs?\.\s*(" + _LIST + r")(?![\d.]*%)")
SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
SUPERSCRIPT_RE = re.compile(r"(?<=[A-Za-z.,;:)\]%’”])[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*(?:\s*[,⁻–-]\s*[¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*)*")
UNIT_BEFORE_RE = re.compile(r"(?:\b(?:m|mm|cm|km|µm|um|dm|kg|ft|in)|\d|(?:^|[^\w])[A-Za-zχ])$")
"""A superscript after a unit, a number or a lone letter is a power or a statistic ("1.4 mg/m²",
"10⁹/L", "I²"), not a citation."""
FLAT_SUPERSCRIPT_RE = scan_compile(
    r"(?<=[A-Za-z]{2}[,.;:]|\d%[,.;:])(\d{1,3}(?:[,–-]\d{1,3})*)(?=\s+[A-Za-z(])"
    r"(?!\s+(?:%|percent|months?|weeks?|years?|days?|mg|patients?)\b)"
)
"""A superscript marker flattened to plain digits by PDF conversion: glued to the punctuation
after a word or a percentage, with no space ("in the largest trial,7 median ...", "... was reported.12 In",
"... rates of 12%.1,2 Adding").
Not read in a text known to cite nothing (a PubMed record)."""
BRACED_SUPERSCRIPT_RE = re.compile(r"\^\{(" + _LIST + r")\}")
"""A superscript marker as TeX-minded PDF conversions print it ("... sarcoma.^{12} In"); after a
unit, a number or a lone letter it is a power ("mg/m^{2}", "10^{9}/L")."""
FLAT_FINAL_RE = re.compile(r"(?<=[A-Za-z]{2}\.|\d%\.)(\d{1,3}(?:[,–-]\d{1,3})*)\s*$")
"""A flattened marker after the last sentence's stop ("... with the same combination.6"), read
only when the reference list is known (its numbers bound what a marker can be)."""
NOT_FLAT_MARKER_WORDS = frozenset("vs versus no nos ref refs fig figs approx ca p n v e.g i.e".split())
LABEL_WORDS = frozenset("fig figs figure figures table tables supplementary appendix eq eqs equation equations".split())
"""Words after which a bracketed number is a label, not a citation ("Figure (2)")."""


@dataclass(frozen=True)
class Citation:
    start: int
    end: int
    text: str
    numbers: tuple[int, ...]


def parse_numbers(marker: str) -> tuple[int, ...] | None:
    """The reference numbers of a marker's text, ranges expanded; None when it is not a list."""
    numbers: list[int] = []
    for item in re.split(r"\s*[,;]\s*", marker.strip()):
        bounds = [int(x) for x in re.split(r"\s*[" + DASH + r"]\s*", item) if x]
        if not bounds or any(b == 0 for b in bounds):
            return None
        if len(bounds) == 2:
            lo, hi = bounds
            if hi <= lo or hi - lo > MAX_RANGE:
                return None
            numbers.extend(range(lo, hi + 1))
        else:
            numbers.append(bounds[0])
    return tuple(numbers)


CYTOGENETIC_BEFORE_RE = re.compile(r"(?:^|[^\w])(?:t|der|inv|del|dup|ins|add|idic|i|r)$")
"""A bracket glued to a karyotype's operator is a chromosome list ("t(11;22)", "der(17)t(X;17)",
"inv(12)"), which sarcoma papers print to name a subtype's fusion: no citation."""


ISSUE_AFTER_RE = re.compile(r"\s?:\s?\d")
"""What follows a journal issue's bracket: the page ("379(25):2417")."""
UNIT_GLUED_RE = re.compile(r"/(?:m|kg|L|dL|mL)$")
"""A unit's power printed without superscript ("mg/m(2)")."""
NUMBER_IN_WORDS_RE = re.compile(r"\b(" + NUMBER_WORD_RE + r")\s*$", re.IGNORECASE)


def _restates_number(text: str, start: int, end: int) -> bool:
    """Whether a round bracket is a number restated, not a reference: a journal issue between volume and
    page ("20(2):141"), a unit's power ("mg/m(2)"), or the count just written in words ("Three hundred
    sixty (360) patients")."""
    if text[start] != "(":
        return False
    if re.search(r"\d\s?$", text[max(0, start - 2):start]) and ISSUE_AFTER_RE.match(text, end):
        return True
    if UNIT_GLUED_RE.search(text, max(0, start - 4), start):
        return True
    words = NUMBER_IN_WORDS_RE.search(text, max(0, start - 40), start)
    return bool(words and str(word_to_int(words.group(1))) == text[start + 1:end - 1].strip())


def _follows_label(text: str, start: int) -> bool:
    """Whether the marker at `start` follows a number ("15 (52)"), an operator, a label word or a
    karyotype's operator ("t(12;16)")."""
    if text[start] == "(" and CYTOGENETIC_BEFORE_RE.search(text, max(0, start - 6), start):
        return True
    before = text[max(0, start - 30):start].rstrip()
    if (text[start] == "(" and re.search(r"(?:^|\s)[\d.,·]+$", before)) or before[-1:] in "=<>≤≥±×":
        return True
    word = re.search(r"([A-Za-z]+)\.?$", before)
    return bool(word and word.group(1).lower() in LABEL_WORDS)


def _sentence_breaks(text: str) -> list[int]:
    return [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z(\[])|\n", text)]


def enumeration_items(text: str, candidates: list[Citation]) -> set[int]:
    """Starts of the single-number "(k)" candidates that number a list's items."""
    breaks = _sentence_breaks(text)
    runs: dict[int, list[Citation]] = {}
    for cand in candidates:
        if cand.text.startswith("(") and len(cand.numbers) == 1:
            sentence = sum(1 for b in breaks if b <= cand.start)
            runs.setdefault(sentence, []).append(cand)
    items: set[int] = set()
    for run in runs.values():
        sequence: list[Citation] = []
        for cand in run:
            if cand.numbers[0] == len(sequence) + 1:
                sequence.append(cand)
            elif cand.numbers[0] == 1:
                sequence = [cand]
            if len(sequence) >= 2:
                worded = sum(1 for c in sequence if re.match(r"\s*(?:[A-Za-z]|:)", text[c.end:]))
                if 2 * worded >= len(sequence):
                    items.update(c.start for c in sequence)
    return items


DIGIT_RE = re.compile(r"[\d¹²³⁴⁵⁶⁷⁸⁹]")
"""Every marker prints a digit, plain or superscript: a text without one is not scanned."""
SUPERSCRIPT_DIGIT_RE = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹]")
STOP_DIGIT_RE = re.compile(r"[,.;:]\d")
"""What a superscript marker and a flattened one print (found far faster than the markers' own
patterns, whose look-behinds are tried at every offset)."""


def find_citations(text: str, n_references: int | None = None) -> list[Citation]:
    """Citation markers in `text` (offsets relative to `text`), in order."""
    if DIGIT_RE.search(text) is None:
        return []
    candidates = []
    for m in BRACKET_RE.finditer(text):
        inner = m.group(1) or m.group(2)
        numbers = parse_numbers(inner)
        if numbers is None or _follows_label(text, m.start()) or _restates_number(text, m.start(), m.end()):
            continue
        candidates.append(Citation(m.start(), m.end(), m.group(), numbers))
    for m in REF_WORD_RE.finditer(text) if "ref" in text or "Ref" in text else ():  # the word first: cheaper
        numbers = parse_numbers(m.group(1))
        if numbers is not None:
            candidates.append(Citation(m.start(), m.end(), m.group(), numbers))
    for m in SUPERSCRIPT_RE.finditer(text) if SUPERSCRIPT_DIGIT_RE.search(text) else ():
        before = text[max(0, m.start() - 4):m.start()]
        if UNIT_BEFORE_RE.search(before) or re.match(r"\s*[=<>≤≥]", text[m.end():]):
            continue
        numbers = parse_numbers(m.group().translate(SUPERSCRIPT_DIGITS))
        if numbers is not None:
            candidates.append(Citation(m.start(), m.end(), m.group(), numbers))
    for m in BRACED_SUPERSCRIPT_RE.finditer(text) if "^{" in text else ():
        numbers = parse_numbers(m.group(1))
        if numbers is not None and not UNIT_BEFORE_RE.search(text[max(0, m.start() - 4):m.start()]):
            candidates.append(Citation(m.start(), m.end(), m.group(), numbers))
    if n_references != 0:  # a paper known to cite nothing has no markers, flattened or not
        flat = list(FLAT_SUPERSCRIPT_RE.finditer(text)) if STOP_DIGIT_RE.search(text) else []
        final = FLAT_FINAL_RE.search(text, max(0, len(text) - 40)) if n_references else None
        for m in [*flat, final] if final else flat:
            word = re.search(r"([A-Za-z.]+)[,.;:]$", text[max(0, m.start() - 12):m.start()])
            if word and word.group(1).lower().rstrip(".") in NOT_FLAT_MARKER_WORDS:
                continue
            numbers = parse_numbers(m.group(1))
            if numbers is not None:
                candidates.append(Citation(m.start(), m.end(), m.group(), numbers))
    if n_references is not None:  # 0: the paper is known to cite nothing (a PubMed abstract)
        candidates = [c for c in candidates if max(c.numbers) <= n_references]
    if not candidates:
        return []
    items = enumeration_items(text, candidates)
    kept = [c for c in candidates if c.start not in items]
    kept.sort(key=lambda c: c.start)
    out: list[Citation] = []
    for cand in kept:
        if not out or cand.start >= out[-1].end:
            out.append(cand)
    return out


class CitationDetector:
    """Finds citation markers; results in `doc.user_data["citations"]` and `doc.spans["citations"]`."""

    def __init__(self, name: str = "sarcoma_citations") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = find_citations(doc_text(doc), doc.user_data.get("n_references"))
        doc.user_data["citations"] = found
        spans = [doc.char_span(c.start, c.end, label="CITATION", alignment_mode="expand") for c in found]
        doc.spans["citations"] = [s for s in spans if s is not None]
        return doc


@Language.factory("sarcoma_citations")
def make_citation_detector(nlp: Language, name: str) -> CitationDetector:
    return CitationDetector(name)
