"""Measurement matcher: the numbers of a sentence with their units, CIs, p-values and ranges.

Functions over a sentence's text; offsets are relative to the string given. The scanner knows
numbers, not endpoints: `outcomes.py` decides which endpoint a quantity belongs to. Timepoints
("6-month", "at 3, 6 and 12 months") are token patterns of `extractors.result_patterns`, read on
the sentence's tokens (the pipeline's own when the outcome reader handed them over), as are CIs
(labelled, bare, after a comma), range/IQR brackets (`extractors.interval_patterns`) and proportions
(`extractors.proportion_patterns`), HRs and p-values (`extractors.statistic_patterns`), percentages,
times, "between X and Y" ranges, "not reached" and the numbers whose unit is printed after the next
("7.0 vs. 2.9 months": `extractors.quantity_patterns`).

Handles PDF-conversion debris: LaTeX p-values (`$P < 0.001$`, `\\leq`), en dashes in ranges,
"95% CI: 4.8–6.8" / "95% CI, 63.1%–93.9%", "not reached", printed ranges ("5 to 20%",
"6.2 months to 23.06 months"), bounds ("lower than 10%"), and counts written as words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from extractors.interval_patterns import bare_cis, comma_cis, labelled_cis, range_brackets
from extractors.offsets import Spans
from extractors.proportion_patterns import proportions
from extractors.quantity_patterns import Printed, betweens, not_reached, percents, shared_unit_heads, times
from extractors.quantity_words import (  # noqa: F401  (NUMBER_WORD_RE, NUMBER_WORDS, word_to_int: read from here too)
    NUMBER_WORD_RE,
    NUMBER_WORDS,
    normalise_unit,
    timepoint_text,
    word_to_int,
)
from extractors.relation_patterns import changes, heterogeneity_values, preceded_by, printed_sizes
from extractors.result_patterns import PatternMatch, statement_matches
from extractors.statistic_attachment import attach_ci_and_p
from extractors.statistic_patterns import hazard_ratios, p_values
from extractors.text_index import after_spaces

RANGE_OPENERS = frozenset({"from", "between"})
"""Words before a number that open a printed range ("from 2 to 9"): it shares no unit as a compared pair."""
LABEL_WORDS = frozenset({"ps", "ecog", "grade", "grades", "stage", "cycle", "cycles", "arm", "cohort", "group", "line",
                         "lines", "part", "phase", "type", "level", "dose", "step", "class", "score"})
"""Words a number labels rather than measures ("PS 0, 9.2 months", "cycle 2 and 4 months"): no value."""

NUM = r"\d+(?:[.·]\d+)?"
"""A number as printed, with a dot or a Lancet middle dot as decimal sign ("4.6", "4·6")."""
SIGNED = r"(?:(?<![\w.%)])[-−](?=\d))?\d+(?:[.·]\d+)?(?:[eE][-+]?\d+(?![\w.]))?"
"""A value as printed: "-5" keeps its sign (a minus no number precedes, so not a range dash),
"1e308" stays whole rather than reading as 308."""
@dataclass(frozen=True)
class Quantity:
    kind: str
    """percent | time | nr | hr"""
    value: str
    """As printed with a dot decimal; "NR"; a printed range keeps both ends ("5 to 20"); "<10"."""
    unit: str
    start: int
    end: int
    ci_low: str = ""
    ci_high: str = ""
    p_value: str = ""
    ci_level: str = ""
    """The CI's printed confidence level when it is not 95 ("90", "80"); "" for 95% and unlabelled CIs."""
    n: int | None = None
    """The group size printed in the parenthesis right after a time ("5.1 months (n = 22)", "14 (n = 30)
    months"): the size of the group the value describes."""
    change: str = ""
    """"from" / "to" for the two values of a change ("improved median PFS from 1.5 to 4.2 months": the
    earlier value, then the later one); "" otherwise."""


@dataclass(frozen=True)
class Timepoint:
    values: tuple[str, ...]
    """One or several timepoints printed together ("3 months", "6 months", ...)."""
    start: int
    end: int


def dot(number: str) -> str:
    """Middle-dot decimals and the typographic minus as plain ASCII ("4·6" -> "4.6", "−5" -> "-5")."""
    return number.replace("·", ".").replace("\u2212", "-")


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    """Spans whose numbers are not outcome values: CIs, p-values, "(range, ...)", "95%"."""
    spans = [(ci.start, ci.end) for ci in labelled_cis(text)]
    spans += [(ci.start, ci.end) for ci in bare_cis(text)]
    hr_ends = {hr.value_end for hr in hazard_ratios(text)}
    spans += [(ci.start, ci.end) for ci in comma_cis(text) if ci.start in hr_ends]  # "HR 0·93, 0·71–1·22"
    spans += [(p.start, p.end) for p in p_values(text)]
    spans += list(range_brackets(text))
    if "%" in text:  # the level of a CI prints its percent sign
        spans += [(m.start(), m.end()) for m in re.finditer(r"\b(?:95|90|80|99)\s*%\s*(?=CI|confidence)", text, re.I)]
    return spans


def words_before(text: str, at: int, count: int) -> str:
    """The `count` whitespace-separated words printed right before `at` (what names a number)."""
    pos = at
    for _ in range(count):
        while pos > 0 and text[pos - 1].isspace():
            pos -= 1
        while pos > 0 and not text[pos - 1].isspace():
            pos -= 1
    return text[pos:at]


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _printed_value(printed: Printed, bound: str = "") -> str:
    """"5 to 20" for a printed range (its bound dropped), else the value with its bound ("<10")."""
    low = dot(printed.low)
    return f"{low} to {dot(printed.high)}" if printed.high else bound + low


MEDIAN_IN_WORDS_RE = re.compile(
    r"\bmedian\b[^.;]{0,80}?\b(?:was|were|of|is)\s+(?:about\s+|approximately\s+|nearly\s+)?"
    r"(?P<n>" + NUMBER_WORD_RE + r")\s+(?P<unit>months?|weeks?|years?)\b", re.I)
""""median progression-free survival was six months": a median written in words (news, lay summaries)."""


_SPAN = r"\d+(?:[.·]\d+)?\s*(?:to|-|–|and)\s*\d+(?:[.·]\d+)?\s*(?:months?|weeks?|years?)?"
RANGE_WITH_MEDIAN_RE = re.compile(
    r"\b(?:ranged|ranging|varied|varying)\s+(?:from\s+|between\s+)?(?P<range>" + _SPAN + r")\s*(?:"
    r"\(\s*median\s*[,;:=]?\s*(?:of\s+|was\s+)?(?P<n>\d+(?:[.·]\d+)?)\s*(?P<unit>months?|weeks?|years?)?\s*\)"
    r"\s*(?P<unit2>months?|weeks?|years?)?|,?\s*(?:with\s+)?(?:a\s+)?median\b)", re.I)
"""'PFS ranged from 1 to 14 (median, 6) months', 'OS varied from 3 to 40 months, with a median of 15': the
range is the spread of single patients' values, no result; the median in its parenthesis is one."""


def _range_with_median(text: str) -> tuple[list[Quantity], list[tuple[int, int]]]:
    """The medians printed inside a range's parenthesis, and the spans of ranges a median goes with."""
    medians, ranges = [], []
    for m in RANGE_WITH_MEDIAN_RE.finditer(text) if "median" in text.lower() else ():
        ranges.append(m.span("range"))
        unit = m.group("unit") or m.group("unit2") or re.search(r"[a-z]*$", m.group("range")).group()
        if m.group("n") and unit:
            medians.append(Quantity("time", dot(m.group("n")), normalise_unit(unit), m.start("n"), m.end("n")))
    return medians, ranges


def scan_quantities(text: str) -> list[Quantity]:
    """Every outcome-like quantity in `text`, in order, with CI and p-value attached; a leading-zero
    decimal that no statistic name precedes is a `proportion` ("the pooled ORR was 0.17")."""
    excluded = _excluded_spans(text)
    timepoint_spans = Spans((t.start, t.end) for t in scan_timepoints(text))
    found: list[Quantity] = []
    taken = Spans()

    def add(q: Quantity) -> None:
        if _inside(q.start, q.end, excluded) or taken.overlaps(q.start, q.end):
            return
        taken.add(q.start, q.end)
        found.append(q)

    medians, ranges = _range_with_median(text)
    for q in medians:
        add(q)
    for start, end in ranges:  # the spread of a median, no result
        taken.add(start, end)
    for hr in hazard_ratios(text):
        add(Quantity("hr", hr.value, "", hr.value_start, hr.value_end))
    for printed in betweens(text):
        kind, unit = ("percent", "%") if printed.unit == "%" else ("time", normalise_unit(printed.unit))
        add(Quantity(kind, f"{dot(printed.low)} to {dot(printed.high)}", unit, printed.start, printed.end))
    heterogeneity = heterogeneity_values(text)
    for printed in percents(text):
        if printed.start in heterogeneity:
            continue  # I² = 71%: heterogeneity between studies, not a rate
        for part, change in _change_ends(text, printed):
            add(Quantity("percent", _printed_value(part, part.bound), "%", part.start, part.end, change=change))
    for printed in times(text):
        if not timepoint_spans.overlaps(printed.start, printed.end):
            for part, change in _change_ends(text, printed):
                add(Quantity("time", _printed_value(part), normalise_unit(part.unit), part.start, part.end,
                             change=change))
    for m in MEDIAN_IN_WORDS_RE.finditer(text) if "median" in text.lower() else ():
        value = word_to_int(m.group("n"))
        if value is not None:
            add(Quantity("time", str(value), normalise_unit(m.group("unit")), m.start("n"), m.end("unit")))
    for start, end in not_reached(text):
        add(Quantity("nr", "NR", "", start, end))
    for start, end in proportions(text):
        add(Quantity("proportion", dot(text[start:end]), "proportion", start, end))
    found.sort(key=lambda q: q.start)
    found = _tag_changes(text, _share_vs_units(text, found))
    return _attach_sizes(text, attach_ci_and_p(text, found))


GROUP_PHRASE_RE = re.compile(r"(?:\s*\([^()]*\))*\s+(?:in|among|for)\s+(?!all\b|the\s+(?:whole|overall|entire)\b)"
                             r"[^\d;,.()%]{3,60}?\s*(?=\()", re.I)
"""A group phrase right after a value, up to a parenthesis ("in those with two or more prior lines (")."""


def _attach_sizes(text: str, found: list[Quantity]) -> list[Quantity]:
    """A time with a group size in the parenthesis right after it ("5.1 months (n = 22; 95% CI ...)")
    describes that group; a percent's "(n = 12)" is as often its count of patients, so it is left alone.
    A value followed by its group phrase and the group's size ("25% in patients with LMS (n = 20)") is
    that group's, a percent's too."""
    sizes = dict(printed_sizes(text))
    if not sizes:
        return found
    out = []
    for i, q in enumerate(found):
        opened = after_spaces(text, q.end)
        if q.kind == "time" and opened in sizes:
            out.append(replace(q, n=sizes[opened]))
            continue
        # "7.2 months in patients with one prior line (n = 25)": the size closing the group phrase after it
        limit = found[i + 1].start if i + 1 < len(found) else len(text)
        group = GROUP_PHRASE_RE.match(text, q.end, limit)
        out.append(replace(q, n=sizes[group.end()]) if group and group.end() in sizes else q)
    return out


def _change_ends(text: str, printed: Printed) -> tuple[tuple[Printed, str], ...]:
    """"improved from 1.5 to 4.2 months": the two values of a change ("from", then "to"), each with the
    unit printed once; any other printed range (or single value) as it is."""
    if not printed.high:
        return ((printed, ""),)
    low_start = text.find(printed.low, printed.start)
    change = next((c for c in changes(text) if c.low_start == low_start), None)
    if change is None:
        return ((printed, ""),)  # "ranged from 2 to 9 months", "from 1.5-4.2": a range
    return ((replace(printed, end=low_start + len(printed.low), high=""), "from"),
            (replace(printed, start=change.high_start, low=printed.high, high="", bound=""), "to"))


def _tag_changes(text: str, found: list[Quantity]) -> list[Quantity]:
    """"from 1.5 months with placebo to 4.2 months": two values printed apart are a change too."""
    ends = {}
    for change in changes(text):
        ends[change.low_start], ends[change.high_start] = "from", "to"
    return [replace(q, change=ends[q.start]) if not q.change and q.start in ends else q for q in found]


def _share_vs_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """"7.0 vs. 2.9 months", "39 and 14%": the first number shares the unit printed after the second."""
    out = list(found)
    covered = Spans((q.start, q.end) for q in out)  # offsets held by a number found, and numbers by start
    by_start: dict[int, list[Quantity]] = {}
    for q in out:
        by_start.setdefault(q.start, []).append(q)
    for start, end, next_value in reversed(shared_unit_heads(text)):  # "6.2, 2.4 and 8.8 months": from the unit back
        if covered.overlaps(start, start + 1) or preceded_by(text, start, RANGE_OPENERS | LABEL_WORDS):
            continue
        after = next((q for q in by_start.get(next_value, ()) if q.kind in ("time", "percent")
                      and re.fullmatch(SIGNED, q.value)), None)
        if after is not None:  # "39 and 14%": the percent sign of the second serves both
            out.append(Quantity(after.kind, dot(text[start:end]), after.unit, start, end))
            covered.add(start, end)
            by_start.setdefault(start, []).append(out[-1])
    out.sort(key=lambda q: q.start)
    return out


BRACKET_RE = re.compile(r"[()\[\]]")


def top_level_parts(text: str) -> list[tuple[int, str]]:
    """`text` split at each semicolon outside parentheses, each part with its offset: a ";" inside
    a parenthesis ("(n = 48; 46 assessable)") ends no part."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth = max(0, depth + {"(": 1, ")": -1}.get(char, 0))
        if char == ";" and depth == 0:
            parts.append((start, text[start:i]))
            start = i + 1
    parts.append((start, text[start:]))
    return parts


def without_parentheses(text: str) -> str:
    """`text` with every parenthesis and its content removed (one left open runs to the end; a closing
    one with none open stays). Read from bracket to bracket, not character by character."""
    out, depth, kept_from = [], 0, 0
    for bracket in BRACKET_RE.finditer(text):
        at = bracket.start()
        if text[at] in "([":
            if not depth:
                out.append(text[kept_from:at])
            depth += 1
        elif depth:
            depth -= 1
            if not depth:
                kept_from = at + 1
    if not depth:
        out.append(text[kept_from:])
    return "".join(out)


def scan_timepoints(text: str) -> list[Timepoint]:
    """"3-month", "12-week", "5-year", "at 3 months, 6 months, and 12 months", "at 6 and 12 months",
    "12- and 24-month", "at week 12", "PFR12 weeks": the "timepoint" token patterns of
    `extractors.result_patterns`, read from left to right; where two start together the one listed
    first wins, the longer of its readings, and a timepoint never overlaps the one before it."""
    return list(_timepoints(text))


GLUED_RATE_NAMES = {"PFR": "PFS_rate", "PFS": "PFS_rate", "OS": "OS_rate"}
GLUED_UNITS = frozenset({"week", "weeks", "wk", "wks", "month", "months", "mo", "mos"})


def glued_rates(text: str) -> list[tuple[str, int, int]]:
    """(endpoint, start, end) of each rate named with its timepoint glued on ("PFR12 weeks",
    "OS6 months", "PFS-6" of 6 months: PFS_rate / OS_rate, the offsets those of the name): the glued timepoints of
    `scan_timepoints`, the name printed in capitals and the unit in lower case."""
    out = []
    for m in statement_matches(text, "timepoint"):
        if not m.has("glued"):
            continue
        glued = re.fullmatch(r"(.*?)-?(\d+)(\D*)", text[m.slot_start("glued") : m.slot_end("glued")])
        unit = text[m.slot_start("unit") : m.slot_end("unit")] if m.has("unit") else glued.group(3) or "months"
        start = m.slot_start("glued")
        if glued.group(1) in GLUED_RATE_NAMES and unit in GLUED_UNITS and not any(start == at for _, at, _ in out):
            # "PFS6 months" is read with its unit and, as "PFS6", without: one rate
            out.append((GLUED_RATE_NAMES[glued.group(1)], start, start + len(glued.group(1))))
    return out


TIMEPOINT_RANK = {"n": 0, "list": 1, "hlist": 2, "unit_first": 3, "glued": 4}
"""Which kind of timepoint wins when two start at one token ("6-month" before a list)."""


@lru_cache(maxsize=16)
def _timepoints(text: str) -> tuple[Timepoint, ...]:
    found = []
    for m in statement_matches(text, "timepoint"):
        kind = next(k for k in ("glued", "hlist", "list", "n") if m.has(k))
        if kind == "n" and m.slot_start("unit") < m.slot_start("n"):
            kind = "unit_first"  # "at week 12"
        found.append((kind, m))
    found.sort(key=lambda f: (_timepoint_start(text, *f), TIMEPOINT_RANK[f[0]], -f[1].end))
    points: list[Timepoint] = []
    for kind, m in found:
        start = _timepoint_start(text, kind, m)
        if points and start < points[-1].end:
            continue
        point = _timepoint(text, kind, m, start)
        if point is not None and not GROUP_LABEL_AFTER_RE.match(text, point.end):
            points.append(point)
    return tuple(points)


GROUP_LABEL_AFTER_RE = re.compile(r"\s+(?:groups?|arms?|cohorts?)\b", re.I)
""""in the 3-year group": a duration that names a group of a trial, not a timepoint of its results."""


def _timepoint_start(text: str, kind: str, m: PatternMatch) -> int:
    if kind == "glued":  # "PFR12 weeks": the timepoint begins at its number
        return m.slot_start("glued") + re.search(r"\d", text[m.slot_start("glued") : m.slot_end("glued")]).start()
    return m.start


def _timepoint(text: str, kind: str, m: PatternMatch, start: int) -> Timepoint | None:
    if kind == "glued":
        glued = re.fullmatch(r"\D*(\d+)(\D*)", text[m.slot_start("glued") : m.slot_end("glued")])
        # "PFS-6" prints no unit: its number is months
        unit = text[m.slot_start("unit") : m.slot_end("unit")] if m.has("unit") else glued.group(2) or "months"
        end = m.slot_end("unit") if m.has("unit") else m.slot_end("glued")
        return Timepoint((timepoint_text(glued.group(1), normalise_unit(unit)),), start, end)
    unit = text[m.slot_start("unit") : m.slot_end("unit")]
    if kind == "list":
        numbers = re.findall(r"\d+", text[m.slot_start(kind) : m.slot_end(kind)])
        return Timepoint(tuple(timepoint_text(n, normalise_unit(unit)) for n in numbers), start, m.slot_end("unit"))
    if kind == "hlist":  # "3- and 5-year", "three- and five-year": each number before the shared unit
        printed = re.sub(r"[\u2010\u2011]", "-", text[m.slot_start(kind) : m.slot_end(kind)])
        printed = re.sub(r"-(?=(?:and|or)\s)", "- ", printed)  # "One-and two-year"
        pieces = re.split(r"-?(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|-(?=[\s,])\s*,?\s*(?:(?:and|or)\s+)?)",
                          printed)
        numbers = [n for n in (word_to_int(piece) for piece in pieces) if n is not None]
        return Timepoint(tuple(timepoint_text(n, normalise_unit(unit)) for n in numbers), start, m.slot_end("unit"))
    if kind == "unit_first":  # "at cycle 3": the unit as printed
        return Timepoint((timepoint_text(text[m.slot_start("n") : m.slot_end("n")], unit.lower()),), start,
                         m.slot_end("n"))
    n = word_to_int(text[m.slot_start("n") : m.slot_end("n")])
    if n is None:
        return None
    return Timepoint((timepoint_text(n, normalise_unit(unit)),), start, m.slot_end("unit"))
