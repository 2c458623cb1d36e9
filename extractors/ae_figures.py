"""Count/percentage figures of a sentence of safety prose, and the text that is never one.

A figure is a count and/or a percentage, printed in one of the ways safety results are written:
"27 patients (65.9%)", "11 of 34 patients (32.4%)", "18 (30%) of 60", "(n = 2, 3.9%)", "(2, 9.1%)",
"12% (5 patients)", "(2/40, 5%)", Lancet style "(nine [5·7%])" and "(60 in the placebo group
[49%])", a bare "18.3%", or a count alone ("in two", "(one patient)"). CIs, ranges, doses, I²,
grade phrases and reporting thresholds ("(≥ 20%)", "in at least 10% of patients") are never figures.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from extractors.ae_grades import GRADE_RE
from extractors.measurements import NUMBER_WORD_RE, NUMBER_WORDS, word_to_int

# the lookahead names the first characters a count can have: a regular expression engine tries the number
# words at every word start otherwise, which made these scans the costliest part of reading safety prose
COUNT_START = r"(?=[\d" + "".join(sorted({word[0] for word in NUMBER_WORDS})) + r"])"
COUNT = COUNT_START + r"(?:\d+|" + NUMBER_WORD_RE + r")"
PCT = r"(?P<pct>\d+(?:[.·]\d+)?)\s*(?:%|per\s?cent\b)"
PEOPLE = r"(?:patients?|pts?|participants?|subjects?|women|men|children|cases?)"
UNIT = r"(?:cycles?|courses?|episodes?)"
"""What a count of events may be counted in instead of patients: "grade 3 X (7 cycles)", "n of N courses"."""
GIVEN = r"(?:\s+(?:given|administered|delivered|evaluated|analy[sz]ed))?"

FIGURE_RES = (
    # "18 (30%) of 60 patients": the count, its percentage, then the group it is of
    re.compile(r"\b(?P<n>" + COUNT + r")(?:\s+" + PEOPLE + r")?\s*[(\[]\s*" + PCT
               + r"\s*[)\]]\s+of\s+(?:the\s+|all\s+|a\s+total\s+of\s+)?(?P<of>\d+)\b"
               r"(?:\s+(?:[a-z]+\s+)?(?:" + PEOPLE + "|" + UNIT + ")" + GIVEN + r")?", re.I),
    # "12/40 (30%)"
    re.compile(r"\b(?P<n>\d+)\s*/\s*(?P<of>\d+)(?:\s+" + PEOPLE + r")?\s*[(\[]\s*" + PCT + r"\s*[)\]]", re.I),
    # "11 of 34 patients (32.4%)", "7 out of 10 (70%)", "20 (18·9%)", "nine [5·7%]", "23 patients [38.3%]"
    re.compile(r"\b(?P<n>" + COUNT + r")(?:\s+(?:out\s+)?of\s+(?:the\s+)?(?P<of>\d+))?"
               r"(?:\s+(?:" + PEOPLE + "|" + UNIT + ")" + GIVEN + r")?"
               r"\s*[(\[]\s*" + PCT + r"\s*(?:[)\]]|(?=;[^()]*\)))", re.I),  # or "(24%; grade 3 in 4 [8%])"
    # "$n = 14$, 17.7%", "n=1", "n = 20 [50%]"
    re.compile(r"\$?\bn\s*=\s*(?P<n>\d+)\s*\$?(?:\s*(?:[,;]|(?P<ob>[(\[]))\s*" + PCT + r"(?(ob)\s*[)\]]))?", re.I),
    # "(40%, n = 12)"
    re.compile(r"(?<![\d.·])" + PCT + r"\s*[,;]\s*\$?n\s*=\s*(?P<n>\d+)\s*\$?", re.I),
    # "(3 patients, 13.6%)", "(2, 9.1%)": only right after an opening parenthesis or a "vs"
    re.compile(r"(?:(?<=\()|(?<=\(\s)|(?<=vs\s)|(?<=versus\s))(?P<n>" + COUNT + r")(?:\s+" + PEOPLE + r")?\s*[,;]\s*"
               + PCT, re.I),
    # "60 in the placebo group [49%]": a count with its arm, then the percentage
    re.compile(r"\b(?P<n>" + COUNT + r")\s+(?:in|with|on)\s+(?:the\s+)?(?P<arm>[^\[\]();,%]{1,40}?)"
               r"(?:\s+(?:group|arm))?\s*[(\[]\s*" + PCT + r"\s*[)\]]", re.I),
    # "37.5% (31 patients)", "10% (n = 8)", "5% (2/44)"
    re.compile(r"(?<![\d.·])" + PCT + r"\s*[(\[]\s*(?:n\s*=\s*)?(?P<n>" + COUNT + r")(?:\s*/\s*\d+)?(?:\s+" + PEOPLE
               + r")?\s*[)\]]", re.I),
    # "(2/44, 5%)"
    re.compile(r"(?<=\()\s*(?P<n>\d+)\s*/\s*\d+(?:\s*[,;]\s*" + PCT + r")?", re.I),
    re.compile(r"(?<![\d.·])" + PCT, re.I),
    # a count alone: "(one patient)", "in two and ...", "Two patients experienced ..."
    # a count alone: neither part of a decimal ("p = 0.76") nor a year ("in 2014"), unless people follow
    re.compile(r"(?<![.·])\b(?!(?:19|20)\d\d\b(?!\s+" + PEOPLE + r"))(?P<n>" + COUNT + r")(?![.·]\d)(?:\s+" + PEOPLE
               + r")?\b", re.I),
)
COUNT_ONLY = len(FIGURE_RES) - 1
NEEDS_PERCENT = frozenset({0, 1, 2, 4, 5, 6, 7, 9})
"""The `FIGURE_RES` that cannot match without a percentage (`PCT`)."""
NEEDS_CHAR = {3: "=", 8: "/"}
"""The `FIGURE_RES` that cannot match without this character ("n = 2", "(2/44, 5%)")."""
PERCENT_CUE_RE = re.compile(r"%|per\s?cent", re.I)
"""What every `PCT` prints: most sentences of safety prose print none, and their eight percentage
scans are skipped."""
MAY_HOLD_FIGURE_RE = re.compile(COUNT_START + r"(?:\d|" + "|".join(NUMBER_WORDS) + ")", re.I)
DIGIT_RE = re.compile(r"\d")
"""Every figure holds a digit or a number word: a sentence without one is not scanned (about half
of a paper's sentences, and the masks and scans cost about a tenth of its extraction)."""

MASK_RE = re.compile(
    # the first characters of the alternatives below, looked ahead for first (the engine tries every
    # alternative at every offset otherwise): I², "(", digits, cycle/day/week/month/year/CTCAE/version/v,
    # ≥ ⩾ > \geq, "at least", "more than", "in excess of", "one or more"
    r"(?=[\d(icdwmyv≥⩾>\\ao])(?:"
    r"\bI\s*[²2]\s*[=:]?\s*\d+(?:[.·]\d+)?\s*%|"
    r"\(\s*(?:95\s*%|90\s*%)?\s*(?:CI|confidence interval|range|IQR)\b[^()]*\)"
    r"|\b(?:95|90)\s*%\s*(?:CI|confidence interval)\b[^;,)]*"
    r"|\b(?:cycles?|days?|weeks?|months?|years?|CTCAE|version)\s*\d+(?:[.·]\d+)?(?:\s*[–-]\s*\d+)?|\bv\d+(?:[.·]\d+)*"
    r"|\d+(?:[.·]\d+)?\s*(?:mg|g|µg|mcg|mL|Gy)\b"
    r"|\b\d+(?:[.·]\d+)?\s*(?:cycles?|courses?|infusions?|days?|weeks?|months?|years?|hours?|hrs?|h|minutes?|min)\b"
    # how long, not how many ("a 24 h infusion")
    # a reporting threshold, not a figure: "the most common (≥ 20%) AEs", "in at least 10% of patients"
    r"|(?:≥|⩾|>=|>|\\geq|\bat\s+least|\bmore\s+than|\bin\s+excess\s+of)\s*\d+(?:[.·]\d+)?\s*%"
    r"|\bat\s+least\s+one\b|\bone\s+or\s+more\b)",  # "had at least one grade 3 event": no count of one
    re.I,
)


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    n: int | None
    percent: str
    count_only: bool
    arm: str = ""
    of: int | None = None


def _count(text: str | None) -> int | None:
    if text is None:
        return None
    return word_to_int(text)


COUNTED_IN_UNITS_RE = re.compile(
    r"(?<=\()\s*\d+\s+" + UNIT + r"\b"  # "grade 3 X (7 cycles)": the events, counted in cycles
    r"|\bof\s+(?:the\s+|a\s+total\s+of\s+)\d+\s+" + UNIT + r"\b"  # "18 of the 240 courses", "of a total of 90 cycles"
    r"|\b\d+\s+(?:out\s+)?of\s+\d+\s+" + UNIT + r"\b",  # "9 of 410 cycles": a share of the cycles given
    re.I,
)
"""A count of treatment cycles that counts events (or is their denominator), not how long treatment lasted."""


def masked(text: str) -> str:
    """CIs, ranges, doses and grade phrases blanked out (same length) so no figure is read in them."""
    kept = [(m.start(), m.end()) for m in COUNTED_IN_UNITS_RE.finditer(text)] if re.search(UNIT, text, re.I) else []

    def blank(m: re.Match[str]) -> str:
        if any(a <= m.start() and m.end() <= b for a, b in kept):
            return m.group(0)
        return " " * len(m.group(0))

    return GRADE_RE.sub(lambda m: " " * len(m.group(0)), MASK_RE.sub(blank, text))


def find_figures(text: str) -> list[Figure]:
    """The count/percentage figures of a sentence, leftmost-longest, none overlapping."""
    if DIGIT_RE.search(text) is None and MAY_HOLD_FIGURE_RE.search(text) is None:  # a digit first: cheaper
        return []
    blanked = masked(text)
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    candidates = []
    has_percent = PERCENT_CUE_RE.search(blanked) is not None
    for kind, regex in enumerate(FIGURE_RES):
        if (kind in NEEDS_PERCENT and not has_percent) or (kind in NEEDS_CHAR and NEEDS_CHAR[kind] not in blanked):
            continue
        for m in regex.finditer(blanked):
            candidates.append((m.start(), -(m.end() - m.start()), kind, m))
    reach = -1  # the furthest end of the figures taken: they are taken by start, so one overlaps iff it reaches past
    for start, _, kind, m in sorted(candidates, key=lambda c: (c[0], c[1], c[2])):
        if (reach > start) if m.end() > start else any(a < m.end() and start < b for a, b in taken):
            continue
        groups = m.groupdict()
        n = _count(groups.get("n"))
        if kind == COUNT_ONLY and n is None:
            continue
        taken.append((start, m.end()))
        reach = max(reach, m.end())
        found.append(Figure(start, m.end(), n, (groups.get("pct") or "").replace("·", "."), kind == COUNT_ONLY,
                             (groups.get("arm") or "").strip(), int(groups["of"]) if groups.get("of") else None))
    return _patients_over_units(text, sorted(found, key=lambda f: f.start))


UNIT_AFTER_RE = re.compile(r"\s*(?:" + UNIT + r"|c)\b", re.I)
PEOPLE_FIGURE_RE = re.compile(r"\d+\s+" + PEOPLE + r"\s*$", re.I)


def _patients_over_units(text: str, found: list[Figure]) -> list[Figure]:
    """"rash (12 cycles [c], 5 pts)": a parenthesis counting both cycles and patients gives
    the patients; the count of cycles is no figure of its own."""
    kept = []
    for i, fig in enumerate(found):
        open_at = enclosing_paren(text, fig.start) if fig.count_only else None
        if open_at is not None and UNIT_AFTER_RE.match(text, fig.end):
            close = paren_end(text, open_at)
            if any(other.start < close and PEOPLE_FIGURE_RE.search(text[other.start:other.end])
                   for other in found[i + 1:]):
                continue
        kept.append(fig)
    return kept


@dataclass(frozen=True)
class ProseAE:
    """One adverse-event figure of a sentence (offsets relative to the sentence)."""

    term: str
    grade: str
    n: int | None
    percent: str
    start: int
    end: int
    arm: str = ""
    """The arm phrase printed right after the figure ("placebo", "the combination"), if any."""
    order: int = 0
    """Place of the figure in its comparison: 0 for the first arm, 1 for the one after "vs", ..."""
    group_size: int | None = None
    """Patients the percentage is of, when the sentence prints it ("11 of 34", "among the 38 ...")."""


def enclosing_paren(text: str, start: int) -> int | None:
    """Offset of the "(" whose group holds `start`, if any (a ")" with none open closes nothing)."""
    positions, innermost = _paren_nesting(text)
    at = bisect_left(positions, start) - 1
    return innermost[at] if at >= 0 else None


@lru_cache(maxsize=16)
def _paren_nesting(text: str) -> tuple[list[int], list[int | None]]:
    """Every parenthesis's offset, and the innermost "(" open just after it: read once per text (a
    walk back from each figure made a sentence of many figures and brackets cost its length squared)."""
    positions: list[int] = []
    innermost: list[int | None] = []
    stack: list[int] = []
    for m in re.finditer(r"[()]", text):
        if m.group() == "(":
            stack.append(m.start())
        elif stack:
            stack.pop()
        positions.append(m.start())
        innermost.append(stack[-1] if stack else None)
    return positions, innermost


def paren_end(text: str, open_at: int) -> int:
    """The end of the ")" closing the "(" at `open_at` (the text's end when none does); a start on any
    other character is walked as before (rare: the index answers for parentheses)."""
    if text[open_at:open_at + 1] == "(":
        return _paren_ends(text).get(open_at, len(text))
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


@lru_cache(maxsize=16)
def _paren_ends(text: str) -> dict[int, int]:
    """Each "(" and the end of its ")", matched once per text (a walk from each figure's parenthesis
    to its close read a sentence whose "(" is never closed to its end for every figure in it)."""
    ends: dict[int, int] = {}
    stack: list[int] = []
    for m in re.finditer(r"[()]", text):
        if m.group() == "(":
            stack.append(m.start())
        elif stack:
            ends[stack.pop()] = m.end()
    return ends
