"""Percentages, times and "between" ranges as token patterns.

- `percents`: "34.4%", "52 %", "16 percent", "5 per cent", "<10%", "≥50%", "less than 10%",
  "5–20%", "5% to 20%", "20 %-30 %": an optional bound, the value (signed: "-5%"), an optional range
  end, then the percent sign or word; a percent followed by "CI" / "confidence" is a CI's level
  ("95% CI"), not a value.
- `times`: "6.1 months", "3 to 5 mo", "12 wk", "6 months to 12 months", "4·6months", "3-5mo": the
  value, an optional range end, then a unit (months, mo, weeks, wk, years, yr, days), as a token of
  its own or glued to the number.
- `betweens`: "between 35% and 50%", "between 6 and 12 months": one printed range, both ends kept.

A number and what is glued to it ("≥50", "4·6months", "-30" after a "%") are leaf recognisers,
token-level regular expressions split here; everything above one token is a pattern. The patterns
read the sentence's tokens as the result grammar does (`result_patterns.sentence_tokens`, the
pipeline's own where they were handed over). Offsets are characters of the sentence text given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.result_patterns import NUMBER, Slotted, Token, sentence_tokens, word
from extractors.token_scan import TokenMatch, TokenScanner

UNIT_WORDS = ["month", "months", "mo", "mos", "week", "weeks", "wk", "wks", "year", "years", "yr", "yrs", "day", "days"]
UNIT_RE = r"(?:months?|mos?|weeks?|wks?|years?|yrs?|days?)"
NUMBER_RE = r"\d+(?:[.·]\d+)?"
SIGNED_RE = r"[-−]?\d+(?:[.·]\d+)?(?:[eE][-+]?\d+)?"
"""A value as printed: "-5" keeps its sign, "1e308" stays whole."""
SIGNED: Token = {"TEXT": {"REGEX": f"^{SIGNED_RE}$"}}
SIGN_GLUED: Token = {"TEXT": {"REGEX": f"^[<>≤≥]{SIGNED_RE}$"}}
"""A bound glued to its value ("≥50"): one token."""
DASH_GLUED: Token = {"TEXT": {"REGEX": f"^[–—−-]{NUMBER_RE}$"}}
"""A range's end glued to its dash ("20 %-30 %": "-30")."""
UNIT_GLUED: Token = {"LOWER": {"REGEX": f"^{NUMBER_RE}{UNIT_RE}$"}}
"""A time glued to its unit ("4·6months", "12wks")."""
PERCENT_GLUED: Token = {"LOWER": {"REGEX": f"^{NUMBER_RE}percent$"}}
DASHES = ["–", "—", "−", "-", "to"]
BOUND_WORDS = ["lower", "less", "fewer", "higher", "greater", "more"]
BOUND_SIGNS = ["<", ">", "≤", "≥"]
CI_AFTER_RE = re.compile(r"\s*(?:CI|confidence)")

DASH: Slotted = ("", {"LOWER": {"IN": DASHES}})
UNIT: Slotted = ("unit", {"LOWER": {"IN": UNIT_WORDS}})
PERCENT_SIGNS: tuple[tuple[Slotted, ...], ...] = (
    (("", {"ORTH": "%"}),), (word("percent"),), (word("per"), word("cent")),
)


def _percent_patterns() -> list[list[Slotted]]:
    bounds: list[list[Slotted]] = [[], [("bound", {"LOWER": {"IN": BOUND_WORDS}}), ("bound", {"LOWER": "than"})],
                                   [("bound", {"ORTH": {"IN": BOUND_SIGNS}})]]
    los: list[list[Slotted]] = [[("lo", SIGNED)], [("lo", SIGN_GLUED)]]
    ranges: list[list[Slotted]] = [[], [DASH, ("hi", NUMBER)], [("hi", DASH_GLUED)]]
    patterns = []
    for bound in bounds:
        for lo in los:
            if bound and lo[0][1] is SIGN_GLUED:
                continue  # "< ≥5%": one bound
            for sign in PERCENT_SIGNS:
                patterns.append([*bound, *lo, *sign])
                patterns += [[*bound, *lo, *first, *hi, *sign] for first in ((), *PERCENT_SIGNS) for hi in ranges[1:]]
    return [*patterns, [("lo", PERCENT_GLUED)]]


def _time_patterns() -> list[list[Slotted]]:
    lo_unit: Slotted = ("", {"LOWER": {"IN": UNIT_WORDS}, "OP": "?"})
    starts: list[list[Slotted]] = [[("lo", value), lo_unit] for value in (SIGNED, SIGN_GLUED)] + [[("lo", UNIT_GLUED)]]
    ranges: list[list[Slotted]] = [[DASH, ("hi", NUMBER), UNIT], [DASH, ("hi", UNIT_GLUED)],
                                   [("hi", DASH_GLUED), UNIT]]
    # "≥60 years": the sign glued to the value is no part of the time (an age bound, read by its context)
    singles = [[("lo", value), UNIT] for value in (SIGNED, SIGN_GLUED)] + [[("lo", UNIT_GLUED)]]
    return [*singles, *([*start, *hi] for start in starts for hi in ranges)]


def _between_patterns() -> list[list[Slotted]]:
    unit: Token = {"LOWER": {"IN": ["%", *UNIT_WORDS]}}
    return [[word("between"), ("lo", NUMBER), ("", {**unit, "OP": "?"}), word("and"), ("hi", NUMBER), ("unit", unit)]]


SCANNER = TokenScanner({"percent": _percent_patterns, "time": _time_patterns, "between": _between_patterns})
PERCENT_CUE_RE = re.compile(r"%|per\s?cent", re.I)
TIME_CUE_RE = re.compile(r"(?<![a-z])" + UNIT_RE + r"(?![a-z])", re.I)
"""What a percent or a time prints: a sentence without it is not matched."""


@dataclass(frozen=True)
class Printed:
    """A percent, a time or a range as printed: its span and its parts (dot decimals kept as printed)."""

    start: int
    end: int
    low: str
    high: str = ""
    """The range's other end ("" for a single value)."""
    bound: str = ""
    """"<", ">", "≤", "≥" for a bound ("less than 10%"); "" otherwise."""
    unit: str = ""
    """The time unit as printed ("mo", "weeks"), "%" for a percent range between two values."""


@lru_cache(maxsize=16)
def percents(text: str) -> tuple[Printed, ...]:
    """Every percent of a sentence, in order; "95% CI" is none."""
    if not PERCENT_CUE_RE.search(text):
        return ()
    found = SCANNER.scan(sentence_tokens(text), "percent", keep=lambda m: not CI_AFTER_RE.match(text, m.end))
    out = []
    for m in found:
        low, high = m.text(text, "lo"), m.text(text, "hi").lstrip("–—−-")
        bound = m.text(text, "bound")
        if low[0] in "<>≤≥":
            bound, low = low[0], low[1:]
        low = low.lower().removesuffix("percent")
        out.append(Printed(m.start, m.end, low, high, _bound_sign(bound)))
    return tuple(out)


def _bound_sign(bound: str) -> str:
    bound = bound.strip().lower()
    if bound.startswith(("lower", "less", "fewer", "<")):
        return "<"
    if bound.startswith(("higher", "greater", "more", ">")):
        return ">"
    return bound[:1]


GLUED_RE = re.compile(f"({NUMBER_RE})({UNIT_RE})", re.I)


@lru_cache(maxsize=16)
def times(text: str) -> tuple[Printed, ...]:
    """Every time of a sentence, in order, with its unit as printed."""
    if not TIME_CUE_RE.search(text):
        return ()
    out = []
    for m in SCANNER.scan(sentence_tokens(text), "time"):
        out.append(_time(text, m))
    return tuple(out)


def _time(text: str, m: TokenMatch) -> Printed:
    low, high, unit = m.text(text, "lo"), m.text(text, "hi").lstrip("–—−-"), m.text(text, "unit")
    start = m.start
    if low[0] in "<>≤≥":
        low, start = low[1:], start + 1
    glued_low, glued_high = GLUED_RE.fullmatch(low), GLUED_RE.fullmatch(high)
    if glued_low:
        low, unit = glued_low.group(1), unit or glued_low.group(2)
    if glued_high:
        high, unit = glued_high.group(1), glued_high.group(2)
    return Printed(start, m.end, low, high, unit=unit)


@lru_cache(maxsize=16)
def betweens(text: str) -> tuple[Printed, ...]:
    """Every "between X and Y unit" of a sentence, in order (the span from "between")."""
    if "between" not in text.lower():
        return ()
    return tuple(Printed(m.start, m.end, m.text(text, "lo"), m.text(text, "hi"), unit=m.text(text, "unit"))
                 for m in SCANNER.scan(sentence_tokens(text), "between"))
