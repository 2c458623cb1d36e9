"""Measurement matcher: the numbers of a sentence with their units, CIs, p-values and ranges.

Pure functions over a string; offsets are relative to the string given. The scanner knows
numbers, not endpoints: `outcomes.py` decides which endpoint a quantity belongs to.

Handles PDF-conversion debris: LaTeX p-values (`$P < 0.001$`, `\\leq`), en dashes in ranges,
"95% CI: 4.8–6.8" / "95% CI, 63.1%–93.9%", "not reached", printed ranges ("5 to 20%",
"6.2 months to 23.06 months"), bounds ("lower than 10%"), and counts written as words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_TENS = [w for w, v in NUMBER_WORDS.items() if v >= 20]
_DIGIT_WORDS = [w for w, v in NUMBER_WORDS.items() if 1 <= v <= 9]
_BELOW_TWENTY = sorted((w for w, v in NUMBER_WORDS.items() if 1 <= v < 20), key=len, reverse=True)
NUMBER_WORD_RE = (
    r"(?:(?:(?:" + "|".join(_BELOW_TWENTY) + r")\s+hundred(?:\s+and)?\s+)?"
    r"(?:(?:" + "|".join(_TENS) + r")(?:[-\s](?:" + "|".join(_DIGIT_WORDS) + r"))?|" + "|".join(_BELOW_TWENTY) + r")"
    r"|zero)"
)
"""A count in words: "seven", "twenty-one", "twenty one", "one hundred and two" (`word_to_int` reads it)."""
NUM = r"\d+(?:[.·]\d+)?"
"""A number as printed, with a dot or a Lancet middle dot as decimal sign ("4.6", "4·6")."""
SIGNED = r"(?:(?<![\w.%)])[-−](?=\d))?\d+(?:[.·]\d+)?(?:[eE][-+]?\d+(?![\w.]))?"
"""A value as printed: "-5" keeps its sign (a minus no number precedes, so not a range dash),
"1e308" stays whole rather than reading as 308."""
NR_BOUND = r"not\s+(?:yet\s+)?reached|NR|N/R|NE|not\s+estimable"
DASH = r"\s*(?:[–—−-]|to)\s*"
TIME_UNIT = r"(?:months?|mos?\.?|weeks?|wks?|years?|yrs?|days?)"
CI_RE = re.compile(
    r"(?:95\s*%|95\s*per\s*cent)\s*(?:CI|confidence\s+interval)s?\s*(?:\[CI\]|\(CI\))?\s*[:,=]?\s*(?:of\s+)?"
    r"\[?\(?(?P<lo>-?" + NUM + r"|" + NR_BOUND + r")\s*%?\s*" + TIME_UNIT + r"?" + DASH
    + r"(?P<hi>-?" + NUM + r"|" + NR_BOUND + r")\s*%?(?:\s*" + TIME_UNIT + r"\b)?",
    re.I,
)
P_RE = re.compile(
    r"(?:\$\s*)?\b[Pp]\s*(?:-?value)?(?:\s+for\s+(?:interaction|trend|heterogeneity|difference))?\s*(?P<op>[<>=≤≥]|\\leq|\\geq|\\le|\\ge|&lt;|&gt;)\s*(?P<v>0?[.·]\d+|1(?:\.0+)?)\s*\$?"
)
NOT_REACHED_RE = re.compile(
    r"\b(?:(?:had|has|have|was|were)\s+)?(?:not\s+(?:been\s+|yet\s+)*reached|not\s+(?:been\s+|yet\s+)*(?:attained|achieved))\b"
    r"|\bNR\b|\bN/R\b",
)
PERCENT_WORD = r"(?:(?<=\s)|(?<=\d))per\s?cent\b|(?:(?<=\s)|(?<=\d))percent\b"
"""News and some journals spell the sign out: "an ORR of 16 percent"."""
PERCENT_RE = re.compile(
    r"(?P<bound>(?:lower|less|fewer|higher|greater|more)\s+than\s+|<\s*|>\s*|≤\s*|≥\s*)?"
    r"(?<![\w.])(?P<lo>" + SIGNED + r")\s*(?:%|" + PERCENT_WORD + r")?" r"(?:" + DASH + r"(?P<hi>" + NUM + r"))?"
    r"\s*(?:%|" + PERCENT_WORD + r")(?!\s*(?:CI|confidence))"
)
TIME_RE = re.compile(
    r"(?<![\w.])(?P<lo>" + SIGNED + r")(?:\s*" + TIME_UNIT + r")?"
    r"(?:" + DASH + r"(?P<hi>" + NUM + r"))?\s*(?P<unit>" + TIME_UNIT + r")\b",
    re.I,
)
RANGE_PREFIX_RE = re.compile(r"(?:from|between)\s*$", re.I)
HR_RE = re.compile(
    r"\b(?:HRs?|hazard\s+ratios?)\s*(?:\([^)]*\)|\[[^\]]*\])?"
    r"(?:\s+for\s+(?:[a-z-]+\s+){0,4}?(?:death|progression|survival|PFS|OS|recurrence|relapse))?"
    r"\s*(?:[:=,]|of|was|were)?\s*(?P<v>" + NUM + r")(?![\d%])",
    re.I,
)
TIMEPOINT_RE = re.compile(
    r"(?<![\d.])\b(?P<n>\d+|" + NUMBER_WORD_RE + r")"
    r"(?:-|\s(?=(?:months?|weeks?|years?|mos?|wks?|yrs?)[-\s]+(?:PFS|OS|EFS|DFS|progression|overall|survival|rate)))"
    r"(?P<unit>month|week|year|mo|wk|yr)s?\b"
    r"|\b(?:at|after|by|within|(?:for\s+)?up\s+to)\s+(?:the\s+)?(?P<list>(?:\d+(?:\s*(?:months?|weeks?|years?))?\s*(?:,\s*(?:and\s+)?|\s+and\s+))*"
    r"\d+)\s*(?P<unit2>months?|weeks?|years?)\b"
    r"|(?<![\d.])\b(?P<hlist>(?:\d+|" + NUMBER_WORD_RE + r")-(?:\s*,\s*(?:\d+|" + NUMBER_WORD_RE + r")-)*"
    r"\s*(?:and|or)\s+(?:\d+|" + NUMBER_WORD_RE + r"))-(?P<unit3>month|week|year)s?\b"
    r"|\bat\s+(?P<unit4>week|month|cycle)\s+(?P<n4>\d+)\b"
    r"|(?:(?<=PFR)|(?<=PFS)|(?<=OS)|(?<=ORR)|(?<=DCR))(?P<n5>\d+)\s*(?P<unit5>weeks?|months?|wks?|mos?)\b",
    re.I,
)
"""A timepoint: "6-month", "6 months PFS", "at 3, 6 and 12 months", "12- and 24-month", "at week 25"."""
PROPORTION_RE = re.compile(r"(?<![\w.·,])(?P<v>0[.·]\d{1,3})(?![\d.·%]|\s*(?:%|mg|g\b|ml|mL|µ|μ|cm|mm|kg|m2|m²))")
NOT_PROPORTION_BEFORE_RE = re.compile(
    r"(?:\b[Pp]|\balpha|α|β|\bbeta|\bpower|I²|I2|\b[rR]|κ|\bkappa|τ|\btau|\bSE|\bSD|\bAUC|\bORs?|\bRRs?|\bHRs?"
    r"|\bratios?|\bcoefficient|\bscore|\bindex|\blevels?|\bdose|\bvalue)\s*(?:\([^)]*\)\s*)?[=<>:≤≥]?\s*(?:of\s+|was\s+|is\s+)?$"
)
"""Statistics and measures that print a leading-zero decimal but are no proportion of patients."""
BARE_CI_RE = re.compile(
    r"(?:(?<=\d)|(?<=%)|(?<=months)|(?<=weeks))\s*[(\[]\s*(?P<lo>-?" + NUM + r")\s*%?\s*[–—−-]\s*"
    r"(?P<hi>-?" + NUM + r"|" + NR_BOUND + r")\s*%?\s*(?:months|weeks)?\s*(?=[;,)\]])"
)
"""A CI printed without "95% CI" right after its value (Lancet style "4·6 (3·2–6·0)")."""
COMMA_CI_RE = re.compile(
    r"(?<=\d),\s*(?P<lo>-?" + NUM + r")\s*[–—−-]\s*(?P<hi>-?" + NUM + r"|" + NR_BOUND + r")(?=\s*[;,)\]])"
)
"""A hazard ratio's CI after a comma, unlabelled (Lancet style "HR 0·93, 0·71–1·22; p=0·61")."""
BETWEEN_RE = re.compile(
    r"\bbetween\s+(?P<lo>" + NUM + r")\s*(?P<u1>%|" + TIME_UNIT + r")?\s+and\s+(?P<hi>" + NUM + r")\s*"
    r"(?P<unit>%|" + TIME_UNIT + r"\b)",
    re.I,
)
"""A printed range "between 35% and 50%" / "between 6 and 12 months": one value, both ends kept."""
HETEROGENEITY_RE = re.compile(r"(?:I\s*[²2]|I\^2|tau\s*[²2]|τ\s*[²2])\s*[=:]?\s*$")
RANGE_CONTEXT_RE = re.compile(r"\(\s*(?:range|IQR|interquartile\s+range)\b[^)]*\)", re.I)


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


@dataclass(frozen=True)
class Timepoint:
    values: tuple[str, ...]
    """One or several timepoints printed together ("3 months", "6 months", ...)."""
    start: int
    end: int


def dot(number: str) -> str:
    """Middle-dot decimals and the typographic minus as plain ASCII ("4·6" -> "4.6", "−5" -> "-5")."""
    return number.replace("·", ".").replace("\u2212", "-")


def ci_bound(text: str) -> str:
    """A CI bound as printed; "not reached" / "NR" / "not estimable" bounds are "NR"."""
    return "NR" if re.fullmatch(NR_BOUND, text.strip(), re.I) else dot(text)


def word_to_int(token: str) -> int | None:
    """"4" -> 4, "Four" -> 4, "Fifty-one" -> 51, "one hundred and two" -> 102; None when not a count."""
    text = token.strip().lower()
    if text.isdigit():
        return int(text)
    total, value = 0, 0
    for word in re.split(r"[-\s]+", text):
        if word == "and" and (value or total):
            continue
        if word == "hundred":
            value, total = 0, total + max(value, 1) * 100
        elif word in NUMBER_WORDS:
            value += NUMBER_WORDS[word]
        else:
            return None
    return total + value if text else None


def normalise_unit(unit: str) -> str:
    unit = unit.lower().rstrip(".")
    if unit.startswith(("mo",)):
        return "months"
    if unit.startswith(("w",)):
        return "weeks"
    if unit.startswith(("y",)):
        return "years"
    if unit.startswith("d"):
        return "days"
    return unit


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    """Spans whose numbers are not outcome values: CIs, p-values, "(range, ...)", "95%"."""
    spans = [(m.start(), m.end()) for m in CI_RE.finditer(text)]
    spans += [(m.start(), m.end()) for m in BARE_CI_RE.finditer(text)]
    spans += [(m.start(), m.end()) for m in COMMA_CI_RE.finditer(text)
              if HR_RE.search(words_before(text, m.start() + 1, 4))]
    spans += [(m.start(), m.end()) for m in P_RE.finditer(text)]
    spans += [(m.start(), m.end()) for m in RANGE_CONTEXT_RE.finditer(text)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"\b95\s*%\s*(?=CI|confidence)", text, re.I)]
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


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in taken)


def _bound_prefix(bound: str | None) -> str:
    if not bound:
        return ""
    bound = bound.strip().lower()
    if bound.startswith(("lower", "less", "fewer", "<")):
        return "<"
    if bound.startswith(("higher", "greater", "more", ">")):
        return ">"
    return {"≤": "≤", "≥": "≥"}.get(bound[0], "")


def scan_quantities(text: str) -> list[Quantity]:
    """Every outcome-like quantity in `text`, in order, with CI and p-value attached; a leading-zero
    decimal that no statistic name precedes is a `proportion` ("the pooled ORR was 0.17")."""
    excluded = _excluded_spans(text)
    timepoint_spans = [(t.start, t.end) for t in scan_timepoints(text)]
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def add(q: Quantity) -> None:
        if _inside(q.start, q.end, excluded) or _overlaps(q.start, q.end, taken):
            return
        taken.append((q.start, q.end))
        found.append(q)

    for m in HR_RE.finditer(text):
        add(Quantity("hr", dot(m.group("v")), "", m.start("v"), m.end("v")))
    for m in BETWEEN_RE.finditer(text):
        kind, unit = ("percent", "%") if m.group("unit") == "%" else ("time", normalise_unit(m.group("unit")))
        add(Quantity(kind, f"{dot(m.group('lo'))} to {dot(m.group('hi'))}", unit, m.start(), m.end()))
    for m in PERCENT_RE.finditer(text):
        lo, hi = dot(m.group("lo")), m.group("hi")
        value = f"{lo} to {dot(hi)}" if hi else _bound_prefix(m.group("bound")) + lo
        start = m.start("bound") if m.group("bound") else m.start("lo")
        if HETEROGENEITY_RE.search(words_before(text, start, 2)):
            continue  # I² = 71%: heterogeneity between studies, not a rate
        add(Quantity("percent", value, "%", start, m.end()))
    for m in TIME_RE.finditer(text):
        lo, hi = dot(m.group("lo")), m.group("hi")
        value = f"{lo} to {dot(hi)}" if hi else lo
        if not _overlaps(m.start(), m.end(), timepoint_spans):
            add(Quantity("time", value, normalise_unit(m.group("unit")), m.start(), m.end()))
    for m in NOT_REACHED_RE.finditer(text):
        add(Quantity("nr", "NR", "", m.start(), m.end()))
    for m in PROPORTION_RE.finditer(text):
        in_range = re.match(DASH + NUM, text[m.end() :]) or re.search(NUM + r"\s*[–—−-]\s*$", text[: m.start()])
        if not in_range and not NOT_PROPORTION_BEFORE_RE.search(words_before(text, m.start(), 5)):
            add(Quantity("proportion", dot(m.group("v")), "proportion", m.start(), m.end()))
    found.sort(key=lambda q: q.start)
    found = _share_vs_units(text, found)
    return _attach_ci_and_p(text, found)


def _share_vs_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """"7.0 vs. 2.9 months", "39 and 14%": the first number shares the unit printed after the second."""
    out = list(found)
    for m in re.finditer(r"(?<![\d.])(" + NUM + r")\s*(?:versus|vs\.?|v\.?(?=\s)|and|or|,)\s*", text):
        if any(q.start <= m.start(1) < q.end for q in out) or RANGE_PREFIX_RE.search(text[: m.start(1)]):
            continue
        after = next((q for q in out if q.start == m.end() and q.kind in ("time", "percent")
                      and re.fullmatch(SIGNED, q.value)), None)
        if after is not None:  # "39 and 14%": the percent sign of the second serves both
            out.append(Quantity(after.kind, dot(m.group(1)), after.unit, m.start(1), m.end(1)))
    out.sort(key=lambda q: q.start)
    return out


def _attach_ci_and_p(text: str, found: list[Quantity]) -> list[Quantity]:
    out = list(found)
    blanked = text  # the text with its CIs blanked out, to see what else stands between a value and its P
    for pattern in (CI_RE, BARE_CI_RE, COMMA_CI_RE):
        blanked = pattern.sub(lambda m: " " * len(m.group(0)), blanked)
    for m in CI_RE.finditer(text):
        # the CI belongs to the nearest quantity printed before it
        before = [i for i, q in enumerate(out) if q.end <= m.start() and q.kind != "nr"]
        if before and attached(text[out[before[-1]].end : m.start()]):
            i = before[-1]
            out[i] = replace(out[i], ci_low=ci_bound(m.group("lo")), ci_high=ci_bound(m.group("hi")))
    for m in BARE_CI_RE.finditer(text):
        i = next((i for i, q in enumerate(out) if q.end <= m.start() and not text[q.end : m.start()].strip()
                  and not q.ci_low), None)
        if i is not None and _brackets(out[i].value, m.group("lo"), m.group("hi")):
            out[i] = replace(out[i], ci_low=ci_bound(m.group("lo")), ci_high=ci_bound(m.group("hi")))
    for m in COMMA_CI_RE.finditer(text):
        i = next((i for i, q in enumerate(out) if q.end == m.start() and q.kind == "hr" and not q.ci_low), None)
        if i is not None and _brackets(out[i].value, m.group("lo"), m.group("hi")):
            out[i] = replace(out[i], ci_low=ci_bound(m.group("lo")), ci_high=ci_bound(m.group("hi")))
    for m in P_RE.finditer(text):
        p = _p_text(m)
        before = [i for i, q in enumerate(out) if q.end <= m.start() and not q.p_value]
        if not before:
            continue
        window = text[out[before[0]].start : m.start()]
        if re.search(r"\bvs\.?\b|\bversus\b|compared|than", window, re.I):
            # a comparison: the p-value belongs to every arm printed since the last p-value
            group = [i for i in before if not re.search(r"[;]", text[out[i].end : m.start()])]
            for i in group or before[-1:]:
                out[i] = replace(out[i], p_value=p)
        elif attached(blanked[out[before[-1]].end : m.start()]):
            out[before[-1]] = replace(out[before[-1]], p_value=p)
    return out


def without_parentheses(text: str) -> str:
    """`text` with every parenthesis and its content removed (one left open runs to the end)."""
    out, depth = [], 0
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def attached(between: str) -> bool:
    """Does a CI or P printed after a value belong to it? Yes unless a clause break or another
    number stands between them outside parentheses ("6.9 months (range 3-20; 95% CI ..." holds)."""
    core = without_parentheses(between)
    if not core.strip(" ;,:("):
        return True  # "(40.0%; 95% CI ...": only punctuation between
    return not re.search(r";|(?<![\w-])\d|\band\b|\bwhereas\b|\bwhile\b", core)


def _brackets(value: str, lo: str, hi: str) -> bool:
    """A CI holds its value ("4.6 (3.2–6.0)"); a pair that does not is no CI of it."""
    try:
        v, a = float(dot(value)), float(dot(lo))
    except ValueError:
        return False
    b = float("inf") if re.fullmatch(NR_BOUND, hi.strip(), re.I) else float(dot(hi))
    return a <= v <= b


def _p_text(m: re.Match[str]) -> str:
    op = {"\\leq": "≤", "\\le": "≤", "\\geq": "≥", "\\ge": "≥", "&lt;": "<", "&gt;": ">"}.get(
        m.group("op"), m.group("op")
    )
    value = dot(m.group("v"))
    return value if op == "=" else f"{op}{value}"


def timepoint_text(n: int | str, unit: str) -> str:
    """"6 months", "1 year", "12 weeks": the number with its unit, singular for one."""
    unit = unit.lower().rstrip("s")
    return f"{n} {unit}" if int(n) == 1 else f"{n} {unit}s"


def scan_timepoints(text: str) -> list[Timepoint]:
    """"3-month", "12-week", "5-year", "at 3 months, 6 months, and 12 months", "at 6 and 12 months"."""
    points = []
    for m in TIMEPOINT_RE.finditer(text):
        if m.group("hlist"):
            unit = normalise_unit(m.group("unit3"))
            # "3- and 5-year", "three- and five-year": each number before the shared unit
            numbers = [word_to_int(n) for n in re.split(r"-(?=[\s,])\s*,?\s*(?:(?:and|or)\s+)?", m.group("hlist"))]
            points.append(Timepoint(tuple(timepoint_text(n, unit) for n in numbers if n is not None),
                                    m.start(), m.end()))
        elif m.group("unit5"):  # "PFR12 weeks": the rate at 12 weeks, written onto its name
            points.append(Timepoint((timepoint_text(m.group("n5"), normalise_unit(m.group("unit5"))),),
                                    m.start(), m.end()))
        elif m.group("unit4"):
            unit = m.group("unit4").lower()
            points.append(Timepoint((timepoint_text(m.group("n4"), unit),), m.start(), m.end()))
        elif m.group("n"):
            n = word_to_int(m.group("n"))
            if n is None:
                continue
            points.append(Timepoint((timepoint_text(n, normalise_unit(m.group("unit"))),), m.start(), m.end()))
        else:
            unit = normalise_unit(m.group("unit2"))
            numbers = re.findall(r"\d+", m.group("list"))
            points.append(Timepoint(tuple(timepoint_text(n, unit) for n in numbers), m.start(), m.end()))
    return points
