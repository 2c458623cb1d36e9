"""The vocabulary of adverse-event statements: grade groups and the total nouns.

Grade groups are spelled as the table contract has them: any, 1-2, 3, 4, 3-4, 3-5, >=3 (and any
other "lo-hi" / ">=k" / single grade printed). "Grade 3 or worse/higher/greater" is >=3, the same
group as "grade ≥3". The CTCAE words are grades too: "life-threatening" is 4, "fatal" is 5.
Totals ("treatment-related adverse events", "TRAEs", "serious AEs") are normalised to TRAEs, AEs,
irAEs or SAEs.
"""

from __future__ import annotations

import re

ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}
GRADE_TOKEN = r"(?:[1-5]|i{1,3}|iv|v)\b"
_DASH = r"(?:[–—/-]|to|or|and)"
_AT_LEAST = r"(?:≥|>=|\\geq|=>)"
_OR_WORSE = r"(?:or|and)\s+(?:worse|higher|greater|above|more|over)"
_GRADE_WORD = r"(?:grades?|gr\.?)"
""""grade", "grades", and the abbreviation "Gr"/"Gr." of table headers"""
CLASS_NOUN_TAIL = r"\s*(?:[\w-]+\s+){0,2}?(?:adverse|T?R?AEs?\b|toxicit|events?\b|reactions?\b|side[-\s]effects?)"
"""The words after a grade that make it the grade of a class of events, not of one event: up to two words
("grade 3 or higher treatment-related toxicities", "fatal adverse reactions", "high-grade side effects")."""
CLASS_NOUN_TAIL_RE = re.compile(CLASS_NOUN_TAIL, re.I)
_NOT_HEDGED = r"(?<![-\w])(?<!potentially\s)(?<!possibly\s)(?<!can\sbe\s)(?<!may\sbe\s)"

GRADE_RE = re.compile(
    # the first characters of the alternatives below, looked ahead for first (the engine tries every
    # alternative at every offset otherwise): of/any/all, grade/gr/G, ≥ > \geq =>, a grade 1-5 or
    # its roman numeral, high-grade, life-threatening, fatal
    r"(?=[oag≥>\\=1-5ivhlf])(?:"
    r"(?P<any>\b(?:of\s+)?(?:any|all)[-\s]*grades?\b|\bgrades?\s*(?:≥|>=)?\s*1\s*(?:or\s+(?:higher|more|worse)|\+))"
    r"|\b" + _GRADE_WORD + r"\s*(?P<ge>" + GRADE_TOKEN + r")\s*(?:" + _OR_WORSE + r"|\+)"
    + r"|\b" + _GRADE_WORD + r"\s*" + _AT_LEAST + r"\s*(?P<ge2>" + GRADE_TOKEN + r")"
    + r"|" + _AT_LEAST + r"\s*" + _GRADE_WORD + r"\s*(?P<ge3>" + GRADE_TOKEN + r")"
    + r"|\b" + _GRADE_WORD + r"\s*(?P<lo>" + GRADE_TOKEN + r")\s*" + _DASH + r"\s*(?:grades?\s*)?(?P<hi>"
    + GRADE_TOKEN + r")"
    + r"|\b" + _GRADE_WORD + r"\s*(?P<one>" + GRADE_TOKEN + r")"
    + r"|(?:" + _AT_LEAST + r"\s*G|\bG\s*" + _AT_LEAST + r")\s*(?P<ge5>[1-5])\b"
    + r"|\bG(?P<glo>[1-5])\s*[–/-]\s*G?(?P<ghi>[1-5])\b"
    + r"|\bG(?P<gone>[1-5])\b(?!\s*(?:phase|arrest|cells?))"
    + r"|\b(?P<ge4>" + GRADE_TOKEN + r")\s*" + _OR_WORSE + r"\s+grade"
    + r"|\bhigh[-\s]grade\b(?=" + CLASS_NOUN_TAIL + r")(?P<high>)"
    # the CTCAE words of grades 4 and 5 ("severe" is grade 3 only where a paper defines it so); not
    # "non-fatal", nor a warning's "potentially fatal"
    + r"|" + _NOT_HEDGED + r"life[-\s]threatening\b(?P<lt>)"
    + r"|" + _NOT_HEDGED + r"fatal\b(?P<fatal>))",
    re.I,
)
"""Every way a grade group is printed in prose and in table headers. The one grade parser of the
project: `grade_of_match` turns a match into the contract's group, `header_grade` reads a header cell."""


def _number(token: str) -> str:
    return ROMAN.get(token.lower(), token)


def grade_of_match(m: re.Match[str]) -> str:
    """The grade group one `GRADE_RE` match names."""
    if m.group("any") is not None:
        return "any"
    for name in ("ge", "ge2", "ge3", "ge4", "ge5"):
        if m.group(name):
            return f">={_number(m.group(name))}"
    if m.group("lo"):
        lo, hi = _number(m.group("lo")), _number(m.group("hi"))
        return lo if lo == hi else f"{lo}-{hi}"
    if m.group("glo"):
        return m.group("glo") if m.group("glo") == m.group("ghi") else f"{m.group('glo')}-{m.group('ghi')}"
    if m.group("lt") is not None:
        return "4"
    if m.group("fatal") is not None:
        return "5"
    if m.group("one") or m.group("gone"):
        return _number(m.group("one") or m.group("gone"))
    return ">=3"  # "high-grade" events: the CTCAE sense, grade 3 or worse


def grade_phrase(text: str) -> str:
    """The grade group the first grade phrase of `text` names; "any" when it names none."""
    m = GRADE_RE.search(text)
    return grade_of_match(m) if m else "any"


def last_grade(text: str) -> str | None:
    """The grade group of the last grade phrase in `text` (the one governing what follows it)."""
    found = None
    for m in GRADE_RE.finditer(text):
        found = grade_of_match(m)
    return found


_NUMBERS_THEN_GRADE_RE = re.compile(
    r"\b(?P<lo>" + GRADE_TOKEN + r")\s*" + _DASH + r"\s*(?P<hi>" + GRADE_TOKEN + r")\s*grades?\b", re.I)


def header_grade(label: str) -> str | None:
    """The grade group a table header cell names ("Grade 3–4", "G≥3", "All grades", "Total",
    "3/4 grade n (%)"); None when the cell names no grade."""
    text = label.replace("–", "-").replace("—", "-")
    m = GRADE_RE.search(text)
    if m:
        return grade_of_match(m)
    if re.search(r"^\s*(?:total|all|overall)\b", text, re.I):
        return "any"
    m = _NUMBERS_THEN_GRADE_RE.search(text)
    if m:  # "3/4 grade n (%)": the numbers before the word
        lo, hi = _number(m.group("lo")), _number(m.group("hi"))
        return lo if lo == hi else f"{lo}-{hi}"
    return None


def strip_grades(text: str) -> str:
    """`text` without its grade phrases ("grade 3–4 neutropenia" -> "neutropenia")."""
    return " ".join(GRADE_RE.sub(" ", text).split())


# -- totals ---------------------------------------------------------------------------------
_AE = r"(?:adverse\s+(?:events?|effects?|reactions?)|T?R?AEs?|TEAEs?|AEs?|toxicit(?:y|ies)|side[-\s]effects?|events?)"
TOTAL_RE = re.compile(
    r"^(?:(?:the|a|an|all|any|overall|total|severe|high[-\s]grade|one\s+or\s+more|at\s+least\s+one)\s+)*"
    r"(?P<kind>serious\s+(?:treatment[-\s]related\s+|drug[-\s]related\s+|immune[-\s]related\s+)?|"
    r"(?:treatment|drug)[-\s]related\s+(?:serious\s+)?|immune[-\s](?:related|mediated)\s+|treatment[-\s]emergent\s+)?"
    r"(?P<noun>" + _AE + r"|SAEs?|irAEs?|imAEs?|TRAEs?|TESAEs?)"
    r"(?:\s*\((?:T?R?AEs?|TEAEs?|SAEs?|irAEs?|imAEs?)\))?"
    r"(?P<cause>\s+(?:(?:that\s+were\s+|considered\s+|judged\s+|assessed\s+as\s+)?(?:possibly\s+|probably\s+)?"
    r"(?:attributed|attributable|related|due)\s+to\s+(?:the\s+)?(?:study\s+)?(?:treatment|therapy|drugs?|regimen)))?$",
    re.I,
)


def total_term(text: str) -> str | None:
    """TRAEs / AEs / irAEs / SAEs when `text` names all adverse events of a kind, else None.
    A bare "events" gives "events": the caller resolves it to the total the paragraph speaks of."""
    m = TOTAL_RE.match(" ".join(text.replace("\u2010", "-").split()))
    if not m:
        return None
    kind, noun = (m.group("kind") or "").lower(), m.group("noun")
    if "serious" in kind or re.fullmatch(r"T?E?SAEs?", noun, re.I):
        return "SAEs"
    if kind.startswith("immune") or re.fullmatch(r"i[rm]AEs?", noun, re.I):
        return "irAEs"
    if (kind.startswith(("treatment-related", "treatment related", "drug")) or re.fullmatch(r"TRAEs?", noun, re.I)
            or m.group("cause")):
        return "TRAEs"
    if re.fullmatch(r"events?", noun, re.I) and not kind and not m.group("cause"):
        return "events"
    return "AEs"
