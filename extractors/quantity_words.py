"""Words of quantities: counts written as words and the names of time units.

Shared by the number scanner (`extractors.measurements`), the result grammar's token patterns
(`extractors.result_patterns`) and the readers of group sizes and study facts.
"""

from __future__ import annotations

import re

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


def timepoint_text(n: int | str, unit: str) -> str:
    """"6 months", "1 year", "12 weeks": the number with its unit, singular for one."""
    unit = unit.lower().rstrip("s")
    return f"{n} {unit}" if int(n) == 1 else f"{n} {unit}s"
