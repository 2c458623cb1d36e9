"""Percentages, times, "between" ranges, "not reached" and unit-sharing pairs as token patterns.

- `percents`: "34.4%", "52 %", "16 percent", "5 per cent", "<10%", "≥50%", "less than 10%",
  "5–20%", "5% to 20%", "20 %-30 %": an optional bound, the value (signed: "-5%"), an optional range
  end, then the percent sign or word; a percent followed by "CI" / "confidence" is a CI's level
  ("95% CI"), not a value.
- `times`: "6.1 months", "3 to 5 mo", "12 wk", "6 months to 12 months", "4·6months", "3-5mo": the
  value, an optional range end, then a unit (months, mo, weeks, wk, years, yr, days), as a token of
  its own or glued to the number.
- `betweens`: "between 35% and 50%", "between 6 and 12 months": one printed range, both ends kept.
- `not_reached`: "was not (yet) reached", "had not been achieved", "NR", "N/R".
- `shared_unit_heads`: "7.0 vs. 2.9 months", "39 and 14%": a number a joiner follows, which may
  share the unit printed after the next value (`measurements` decides).

A number and what is glued to it ("≥50", "4·6months", "-30" after a "%") are leaf recognisers,
token-level regular expressions split here; everything above one token is a pattern. The patterns
read the sentence's tokens as the result grammar does (`pattern_tokens.sentence_tokens`, the
pipeline's own where they were handed over). Percents, times, ranges and pairs are one Matcher
call per sentence; where every number of the sentence is plain ("34.4", "-5") its first token is
spaCy's `LIKE_NUM` flag instead of a regular expression (`UNUSUAL_NUMBER_RE` tells the two apart).
Offsets are characters of the sentence text given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.pattern_tokens import sentence_tokens
from extractors.result_patterns import NUMBER, Slotted, Token, word
from extractors.scan_regex import scan_compile
from extractors.text_index import after_spaces
from extractors.token_scan import TokenMatch, TokenScanner

UNIT_WORDS = ["month", "months", "mo", "mos", "week", "weeks", "wk", "wks", "year", "years", "yr", "yrs", "day", "days"]
UNIT_RE = r"(?:months?|mos?|weeks?|wks?|years?|yrs?|days?)"
NUMBER_RE = r"\d+(?:[.·]\d+)?"
SIGNED_RE = r"[-−]?\d+(?:[.·]\d+)?(?:[eE][-+]?\d+)?"
"""A value as printed: "-5" keeps its sign, "1e308" stays whole."""
LEAF: Token = {"LOWER": {"REGEX": rf"^[<>≤≥]?[–—−-]?\d+(?:[.·]\d+)?(?:e[-+]?\d+|{UNIT_RE}|percent)?$"}}
"""The one test every value token of these patterns starts with: a number with what may be glued to
it (a bound sign, a dash, an exponent, a unit, "percent"). Which of these a reading allows is checked
on its match (`LEAF_READINGS`): one test per token instead of one per kind of value."""
PLAIN_LEAF: Token = {"LIKE_NUM": True}
"""The same for a sentence whose numbers are all plain ("34.4", "-5", "12"): a flag of the word, far
cheaper than a regular expression run on every token; `UNUSUAL_NUMBER_RE` tells the two apart."""
UNUSUAL_NUMBER_RE = scan_compile(rf"·|−\d|[<>≤≥]\d|\d(?:{UNIT_RE}|percent)(?![a-z])|\d[eE][-+]?\d", re.I)
"""What a sentence prints where some number is no plain one: a middle dot, a typographic minus, a
glued bound, unit or "percent", an exponent."""
VALUE_RE = re.compile(f"[<>≤≥]?{SIGNED_RE}")
"""A value, its bound glued to it or not ("≥50")."""
RANGE_END: Token = {"TEXT": {"REGEX": f"^[–—−-]?{NUMBER_RE}$"}}
"""A range's other end, its dash glued to it or not ("20 %-30 %": "-30")."""
TIME_VALUE_RE = re.compile(f"[<>≤≥]?{SIGNED_RE}(?:{UNIT_RE})?", re.I)
TIME_GLUED_RE = re.compile(f"[<>≤≥]?{NUMBER_RE}{UNIT_RE}", re.I)
TIME_RANGE_END: Token = {"LOWER": {"REGEX": f"^[–—−-]?{NUMBER_RE}(?:{UNIT_RE})?$"}}
"""A time glued to its unit ("4·6months", "12wks", "-5mo")."""
PERCENT_GLUED_RE = re.compile(f"{NUMBER_RE}percent", re.I)
PAIR_NUMBER_RE = re.compile(NUMBER_RE)
DASHES = ["–", "—", "−", "-", "to"]
DASH_CHARS = "–—−-"
BOUND_WORDS = ["lower", "less", "fewer", "higher", "greater", "more"]
"""Comparatives, bounds with their "than"."""
BOUND_PREPOSITIONS = {"below": "<", "under": "<", "above": ">", "over": ">"}
"""Bounds printed without "than" ("below 5%")."""
BOUND_SIGNS = ["<", ">", "≤", "≥"]
CI_AFTER_RE = re.compile(r"\s*(?:CI|confidence)")
CI_BEFORE_RE = re.compile(r"\bCI\s*$")
"""'CI 95%': the interval's level printed after its name, no value."""
PERCENT_WORDS = frozenset({"%", "percent", "per cent"})


def _percent_sign(slot: str, optional: bool = False) -> list[Slotted]:
    """"%", "percent" or "per cent" (two tokens, checked whole by `_valid_percent`)."""
    first: Token = {"LOWER": {"IN": ["%", "percent", "per"]}}
    return [(slot, {**first, "OP": "?"} if optional else first), (slot, {"LOWER": "cent", "OP": "?"})]


def _percent_patterns(leaf: Token = LEAF) -> list[list[Slotted]]:
    """A value and its sign; a range; (with the full leaf) a value glued to "percent"."""
    dash: Slotted = ("dash", {"LOWER": {"IN": DASHES}, "OP": "?"})
    patterns = [[("lo", leaf), *_percent_sign("sign")],
                [("lo", leaf), *_percent_sign("sign0", optional=True), dash, ("hi", RANGE_END), *_percent_sign("sign")]]
    return patterns if leaf is PLAIN_LEAF else [*patterns, [("lo", {"LOWER": {"REGEX": f"^{NUMBER_RE}percent$"}})]]


def _bound_patterns() -> list[list[Slotted]]:
    """"less than 10", "< 10": a bound printed before a value (whose percent is read by `percents`)."""
    # one pattern (the Matcher tries each pattern at every token): "than" after a word, checked on the match
    return [[("bound", {"LOWER": {"IN": [*BOUND_WORDS, *BOUND_PREPOSITIONS, *BOUND_SIGNS]}}),
             ("bound", {"LOWER": "than", "OP": "?"}),
             ("lo", LEAF)]]


SPREAD_OPENERS = ["range", "iqr", "interquartile", "q1", "quartiles", "95", "90", "ci", "ci95", "ci90", "n"]
"""What a range, IQR (or its quartiles: "Q1, Q3"), CI or group size printed between a value and its unit begins
with ("12.1 (range 2-30) months", "14 (n = 30) months", "48 (Q1, Q3: 30, 66) weeks", "11.4 (CI95% 4.6-22.9)
weeks": the tokenizer keeps "CI95" whole)."""


def _spread(slot: str) -> list[Slotted]:
    """"(range 2-30)", "(IQR 4-9)", "(95% CI 3.1-6.0)": a spread printed between a value and its unit."""
    return [(slot, {"ORTH": "("}), (slot, {"LOWER": {"IN": SPREAD_OPENERS}}),
            (slot, {"ORTH": {"NOT_IN": ["(", ")"]}, "OP": "{0,10}"}), (slot, {"ORTH": ")"})]


def _time_patterns(leaf: Token = LEAF) -> list[list[Slotted]]:
    """A value and its unit; a range; a value, its spread in parentheses and the unit; (with the full
    leaf) a value glued to its unit."""
    unit: Slotted = ("unit", {"LOWER": {"IN": UNIT_WORDS}})
    last_unit: Slotted = ("unit", {"LOWER": {"IN": UNIT_WORDS}, "OP": "?"})
    # "≥60 years": a sign glued to the value is no part of the time (an age bound, read by its context)
    patterns = [[("lo", leaf), unit],
                [("lo", leaf), ("lounit", {"LOWER": {"IN": UNIT_WORDS}, "OP": "?"}),
                 ("dash", {"LOWER": {"IN": DASHES}, "OP": "?"}), ("hi", TIME_RANGE_END), last_unit],
                [("lo", leaf), *_spread("spread"), unit]]
    return patterns if leaf is PLAIN_LEAF else [*patterns, [("lo", {"LOWER": {"REGEX": f"^{TIME_GLUED_RE.pattern}$"}})]]


def _between_patterns() -> list[list[Slotted]]:
    unit: Token = {"LOWER": {"IN": ["%", *UNIT_WORDS]}}
    return [[word("between"), ("lo", NUMBER), ("", {**unit, "OP": "?"}), word("and"), ("hi", NUMBER), ("unit", unit)]]


PAIR_JOINERS = ["versus", "vs", "vs.", "v", "v.", "and", "or", ","]


def _pair_patterns(leaf: Token = NUMBER) -> list[list[Slotted]]:
    """"7.0 vs. 2.9 months", "39 and 14%", "12.1 (range 2-30) and", "3.4 (RECIST) and": a number (its
    spread or a label of words in parentheses after it) and what joins it to the next value (whose unit
    it may share, `shared_unit_heads`)."""
    joiner: Slotted = ("", {"ORTH": {"IN": PAIR_JOINERS}})
    serial: list[Slotted] = [("", {"ORTH": ","}), ("", {"LOWER": {"IN": ["and", "or"]}})]  # "12, 14, and 16%"
    label = [("", {"ORTH": "("}), ("", {"IS_ALPHA": True, "OP": "{1,3}"}), ("", {"ORTH": ")"})]
    return [[("n", leaf), *serial], [("n", leaf), joiner], [("n", leaf), *_spread(""), joiner],
            [("n", leaf), *label, joiner]]


NOT_REACHED_AUX = ["had", "has", "have", "was", "were"]


def _not_reached_patterns() -> list[list[Slotted]]:
    """"was not (yet) reached", "had not been achieved", "NR", "N/R" (a median or a bound not reached)."""
    return [[("", {"ORTH": {"IN": NOT_REACHED_AUX}, "OP": "?"}), ("", {"ORTH": "not"}),
             ("", {"ORTH": {"IN": ["been", "yet"]}, "OP": "*"}),
             ("", {"ORTH": {"IN": ["reached", "attained", "achieved"]}})],
            [("", {"ORTH": {"IN": ["NR", "N/R"]}})],
            [("", {"ORTH": "N"}), ("", {"ORTH": "/"}), ("", {"ORTH": {"IN": ["R", "R."]}})]]


def _one_dash(text: str, m: TokenMatch) -> bool:
    """A range prints one dash (or "to"), as a token of its own or glued to its end, not both."""
    return not m.has("hi") or m.has("dash") != (m.text(text, "hi")[:1] in DASH_CHARS)


LEAF_READINGS: dict[str, tuple[re.Pattern[str], ...]] = {
    "percent": (VALUE_RE, VALUE_RE, PERCENT_GLUED_RE),
    "bound": (VALUE_RE,),
    "time": (VALUE_RE, TIME_VALUE_RE, VALUE_RE, TIME_GLUED_RE),
}
"""What the value token ("lo") of each pattern of a kind may be, in the order of its patterns."""


def _leaf_fits(text: str, kind: str, m: TokenMatch) -> bool:
    return bool(LEAF_READINGS[kind][m.pattern].fullmatch(m.text(text, "lo")))


def _valid_bound(text: str, m: TokenMatch) -> bool:
    """"less than 10", "< 10", "below 10": a comparative needs its "than", a sign or a preposition stands alone."""
    words = m.text(text, "bound").lower().split()
    return _leaf_fits(text, "bound", m) and (words[-1] == "than") == (words[0] in BOUND_WORDS)


def _valid_percent(text: str, m: TokenMatch) -> bool:
    if not _leaf_fits(text, "percent", m):
        return False
    signs = [" ".join(m.text(text, slot).lower().split()) for slot in ("sign0", "sign") if m.has(slot)]
    return (all(sign in PERCENT_WORDS for sign in signs) and _one_dash(text, m)
            and not CI_AFTER_RE.match(text, m.end) and not SPREAD_BEFORE_RE.search(text, max(0, m.start - 24), m.start)
            and not CI_BEFORE_RE.search(text, max(0, m.start - 6), m.start))


SPREAD_BEFORE_RE = re.compile(r"(?:±|\+/-|\+/–|\+-|\b(?:SE|SEM|SD|S\.E\.|(?i:standard\s+(?:error|deviation)))"
                              r"\s*[,:=]?)\s*$")
"""'24% (+/- 4%)', '52% (SE 6%)', '(standard error, 6%)': the spread of the value before it, no value of
its own (survival estimates of paediatric trials are printed with their standard error)."""
GLUED_RE = re.compile(f"({NUMBER_RE})({UNIT_RE})", re.I)


def _valid_time(text: str, m: TokenMatch) -> bool:
    """One unit at the end (after the value or the range's end), one dash in a range, one unit to a number."""
    if not _leaf_fits(text, "time", m):
        return False
    low, high = m.text(text, "lo").lstrip("<>≤≥"), m.text(text, "hi").lstrip(DASH_CHARS)
    glued_low, glued_high = GLUED_RE.fullmatch(low), GLUED_RE.fullmatch(high)
    if not m.has("hi"):
        return bool(glued_low) != m.has("unit")
    return _one_dash(text, m) and not (glued_low and m.has("lounit")) and bool(glued_high) != m.has("unit")


PLAIN_SCANNER = TokenScanner()
PLAIN_SCANNER.register({"percent": lambda: _percent_patterns(PLAIN_LEAF), "time": lambda: _time_patterns(PLAIN_LEAF),
                        "between": _between_patterns, "pair": lambda: _pair_patterns(PLAIN_LEAF)})
SCANNER = TokenScanner()
SCANNER.register({"percent": _percent_patterns, "time": _time_patterns, "between": _between_patterns,
                  "pair": _pair_patterns})
"""Percents, times, ranges and pairs in one Matcher call per sentence; `PLAIN_SCANNER` where every
number is plain."""
NOT_REACHED_SCANNER = TokenScanner()
NOT_REACHED_SCANNER.register({"nr": _not_reached_patterns})
NOT_REACHED_CUE_RE = scan_compile(r"\bnot\b.*\b(?:reached|attained|achieved)\b|\bNR\b|\bN/R", re.S)
"""What a sentence with a "not reached" prints (looser than the patterns: a filter of sentences)."""


def _scanner(text: str) -> TokenScanner:
    return SCANNER if UNUSUAL_NUMBER_RE.search(text) else PLAIN_SCANNER
BOUND_SCANNER = TokenScanner()
"""Bounds are read only before a percent found, in a sentence that prints one (few do)."""
BOUND_SCANNER.register({"bound": _bound_patterns})
PERCENT_CUE_RE = re.compile(r"\d\s*(?:%|per\s?cent)", re.I)
BOUND_CUE_RE = scan_compile(r"(?:[<>≤≥]|\b(?:than|below|under|above|over))\s*[-−]?\d", re.I)
UNREACHED_BOUND_BEFORE_PAREN = r"\b(?:NE|NR|N/R|reached|estimable)(?=\))"
"""A spread's upper bound that was not reached, closing its parenthesis ("(95% CI 10.0-NE)")."""
TIME_CUE_RE = re.compile(r"(?:\d|" + UNREACHED_BOUND_BEFORE_PAREN + r")\)?\s*" + UNIT_RE + r"(?![a-z])", re.I)
"""What every percent or time ends with (a digit, then its sign or unit; or a spread whose upper bound
was not reached: "30.4 (95% CI 10.0-NE) weeks"): a sentence without it is not matched."""


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
    tokens = sentence_tokens(text)
    found = _scanner(text).scan(tokens, "percent", keep=lambda m: _valid_percent(text, m))
    bounds = {} if not (found and BOUND_CUE_RE.search(text)) else {
        m.slots["lo"][0]: m for m in BOUND_SCANNER.all_matches(tokens, "bound") if _valid_bound(text, m)}
    out = []
    for m in found:
        start, low, high = m.start, m.text(text, "lo"), m.text(text, "hi").lstrip(DASH_CHARS)
        bound = bounds.get(m.start)
        if low[0] in "<>≤≥":
            bound_text, low = low[0], low[1:]
        elif bound is not None:
            bound_text, start = bound.text(text, "bound"), bound.start
        else:
            bound_text = ""
        low = low.lower().removesuffix("percent")
        out.append(Printed(start, m.end, low, high, _bound_sign(bound_text)))
    return tuple(out)


def _bound_sign(bound: str) -> str:
    bound = bound.strip().lower()
    if bound in BOUND_PREPOSITIONS:
        return BOUND_PREPOSITIONS[bound]
    if bound.startswith(("lower", "less", "fewer", "<")):
        return "<"
    if bound.startswith(("higher", "greater", "more", ">")):
        return ">"
    return bound[:1]


@lru_cache(maxsize=16)
def times(text: str) -> tuple[Printed, ...]:
    """Every time of a sentence, in order, with its unit as printed."""
    if not TIME_CUE_RE.search(text):
        return ()
    out = []
    for m in _scanner(text).scan(sentence_tokens(text), "time", keep=lambda m: _valid_time(text, m)):
        out.append(_time(text, m))
    return tuple(out)


def _time(text: str, m: TokenMatch) -> Printed:
    low, high, unit = m.text(text, "lo"), m.text(text, "hi").lstrip(DASH_CHARS), m.text(text, "unit")
    start = m.start
    if m.has("spread"):  # "8.4 (range 1-22) months": the time is the value, its spread read on its own
        return Printed(start, m.slots["lo"][1], low, "", unit=unit)
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
                 for m in _scanner(text).scan(sentence_tokens(text), "between"))


@lru_cache(maxsize=16)
def not_reached(text: str) -> tuple[tuple[int, int], ...]:
    """The character spans of every "not reached" of a sentence, in order."""
    if not NOT_REACHED_CUE_RE.search(text):
        return ()
    spans = []
    for m in NOT_REACHED_SCANNER.scan(sentence_tokens(text), "nr"):
        end = m.end - 1 if text[m.end - 2 : m.end] == "R." else m.end  # "N/R.": the full stop ends the sentence
        if ENDPOINT_MISSED_RE.search(text, max(0, m.start - 40), m.start):
            continue  # "the OS endpoint was not reached": the trial missed its goal, no median
        spans.append((m.start, end))
    return tuple(spans)


ENDPOINT_MISSED_RE = re.compile(r"\b(?:end\s*points?|objectives?|goals?|targets?|thresholds?)\s+"
                                r"(?:was|were|had)?\s*(?:still\s+|yet\s+)?$", re.I)
"""What a "not reached" after it is about: an endpoint or goal the trial did not meet."""


PAIR_CUE_RE = re.compile(r"(?:\d|" + UNREACHED_BOUND_BEFORE_PAREN + r")(?:\)|\s*\([A-Za-z ]+\))?\s*"
                         r"(?:versus|vs|v\b|and\b|or\b|,)")


@lru_cache(maxsize=16)
def shared_unit_heads(text: str) -> tuple[tuple[int, int, int], ...]:
    """(start, end, next) of every number a joiner follows ("7.0 vs. 2.9 months", "39 and 14%"):
    the number's span and where the value after the joiner begins, from left to right; a match never
    overlaps the one before it ("12, 14 and 16%": "12 ," and "14 and")."""
    if not PAIR_CUE_RE.search(text):
        return ()
    heads = []
    for m in _scanner(text).scan(sentence_tokens(text), "pair", keep=lambda m: bool(PAIR_NUMBER_RE.fullmatch(
            m.text(text, "n")))):
        after = after_spaces(text, m.end)
        heads.append((*m.slots["n"], after))
    return tuple(heads)
