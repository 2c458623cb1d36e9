"""Intervals printed after a value, as token patterns: labelled CIs and ranges/IQRs in brackets.

- `labelled_cis`: "95% CI 3.2–6.0", "(95% CI, 3.2 to NR)", "95% confidence interval: 2.1 months to
  5.0 months", "95%CI 63.1%–93.9%", "90% CI 12-35" (the level kept), "CI: 0.25-0.86" (no level
  printed), the level after the name as European abstracts print it ("CI95% = 4.6-22.9", "CI 95%:
  3.3-7.3"); a bound may be "not (yet) reached", "NR", "N/R", "NE" or "not estimable". The match runs
  from the level (or the name) to the upper bound (with its percent sign or time unit).
- `bare_cis`: "4·6 (3·2–6·0)", "0.81 [0.60-1.09]": a number pair in brackets right after a value;
  `comma_cis`: "HR 0·93, 0·71–1·22;": one after a comma (Lancet style, unlabelled).
- `range_brackets`: "(range, 2–14)", "(IQR 4–9)", "(interquartile range 3-12 months)": the whole
  parenthesis, whose numbers are no outcome values.

The patterns read the sentence's tokens as the result grammar does (`pattern_tokens.sentence_tokens`,
the pipeline's own where they were handed over); the tokenizer splits a dash between two numbers
("3·2–6·0") and a percent sign glued to "CI" or to a dash, so each bound is a token of its own.
Offsets are characters of the sentence text given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.pattern_tokens import SentenceTokens, sentence_tokens
from extractors.result_patterns import Slotted, Token, word
from extractors.scan_regex import scan_compile
from extractors.token_scan import CONTEXT, TokenMatch, TokenScanner

SIGNED_NUMBER = {"TEXT": {"REGEX": r"^[-−]?\d+(?:[.·]\d+)?$"}}
"""A bound as printed, with its sign ("-0.5") and a dot or middle-dot decimal."""
UNIT_WORDS = ["month", "months", "mo", "mos", "mo.", "mos.", "week", "weeks", "wk", "wks",
              "year", "years", "yr", "yrs", "day", "days"]
DASHES = ["–", "—", "−", "-", "to"]
NOT_REACHED_BOUNDS: tuple[tuple[Token, ...], ...] = (
    ({"LOWER": "not"}, {"LOWER": "yet", "OP": "?"}, {"LOWER": "reached"}),
    ({"LOWER": "not"}, {"LOWER": "estimable"}),
    ({"ORTH": {"IN": ["NR", "N/R", "NE", "nr", "ne", "Nr", "Ne"]}},),
)
"""A bound that is no number: the upper (or lower) end of the interval was not reached."""
UPPER_NOT_REACHED_BOUNDS = (*NOT_REACHED_BOUNDS, ({"ORTH": "N"}, {"ORTH": "/"}, {"ORTH": "R"}))
"""An upper bound may also be printed "N/R" (three tokens: the tokenizer splits a slash between letters)."""
NOT_REACHED = "_nr"
"""Suffix of the slot of a bound read by a `NOT_REACHED_BOUNDS` pattern ("hi_nr"): the interval
keeps it as "NR"."""


@dataclass(frozen=True)
class Interval:
    start: int
    end: int
    low: str
    """As printed ("3·2"), or "NR" for a bound not reached (printed "not reached", "NR", "NE", "not
    estimable")."""
    high: str
    level: str = ""
    """The printed confidence level of a labelled CI ("95", "90"); "" where none is printed."""


def _bound(slot: str, bound: tuple[Token, ...] | None) -> list[Slotted]:
    """One bound (a number or a not-reached phrase) with its optional percent sign and time unit."""
    value = [(slot, SIGNED_NUMBER)] if bound is None else [(slot + NOT_REACHED, dict(t)) for t in bound]
    return [*value, ("", {"ORTH": "%", "OP": "?"}), ("", {"LOWER": {"IN": UNIT_WORDS}, "OP": "?"})]


CI_LEVELS = ["95", "90", "80", "99"]
"""Confidence levels a labelled CI prints: phase II designs often give 90% or 80% intervals."""
LABEL: tuple[Slotted, ...] = (
    ("level", {"ORTH": {"IN": CI_LEVELS}}), ("", {"ORTH": "%"}),
)
LABEL_SPELLED: tuple[Slotted, ...] = (("level", {"ORTH": {"IN": CI_LEVELS}}), word("per"), word("cent"))
CI_NAME: tuple[tuple[Slotted, ...], ...] = (
    (word("ci", "cis"),),
    (word("confidence"), word("interval", "intervals")),
)
NAME_THEN_LEVEL: tuple[tuple[Slotted, ...], ...] = (
    (word("ci"), ("level", {"ORTH": {"IN": CI_LEVELS}}), ("", {"ORTH": "%"})),
    # the tokenizer keeps "CI95" whole: the level slot reads it, and `_level` keeps its digits
    (("level", {"LOWER": {"IN": ["ci" + level for level in CI_LEVELS]}}), ("", {"ORTH": "%"})),
)
"""The level printed after the name: "CI 95%", "CI95%"."""
AFTER_NAME: tuple[Slotted, ...] = (
    ("", {"ORTH": {"IN": ["[", "("]}, "OP": "?"}), ("", {"LOWER": "ci", "OP": "?"}),
    ("", {"ORTH": {"IN": ["]", ")"]}, "OP": "?"}),
    ("", {"ORTH": {"IN": [":", ",", "="]}, "OP": "?"}), word("of", op="?"),
    ("", {"ORTH": "[", "OP": "?"}), ("", {"ORTH": "(", "OP": "?"}),
)


CI_SEPARATORS = [*DASHES, ",", ";"]
"""Between a labelled CI's bounds: a dash or "to", a comma ("95% CI 17.2%, 40.1%") or a semicolon as
French abstracts print it ("95 % CI = 3.1; 12.9 months")."""


def _ci_patterns() -> list[list[Slotted]]:
    names = [(*label, *name) for label in (LABEL, LABEL_SPELLED, ()) for name in CI_NAME] + list(NAME_THEN_LEVEL)
    return [[*name, *AFTER_NAME, *_bound("lo", lo), ("", {"LOWER": {"IN": CI_SEPARATORS}}), *_bound("hi", hi)]
            for name in names for lo in (None, *NOT_REACHED_BOUNDS) for hi in (None, *UPPER_NOT_REACHED_BOUNDS)]


RANGE_NAMES: tuple[tuple[Slotted, ...], ...] = (
    (word("range"),), (word("iqr"),), (word("interquartile"), word("range")),
)


def _range_patterns() -> list[list[Slotted]]:
    inside = ("", {"ORTH": {"NOT_IN": [")"]}, "OP": "*"})
    return [[("", {"ORTH": "("}), *name, inside, ("", {"ORTH": ")"})] for name in RANGE_NAMES]


# `CONTEXT` tokens must be there but are no part of the interval (the value before a bare CI, the
# punctuation after it).
AFTER_VALUE: Slotted = (CONTEXT, {"TEXT": {"REGEX": r"(?:\d|%|months|weeks)$"}})
"""The value a bare CI follows: a number, a percent sign, "months" or "weeks"."""
AFTER_NUMBER: Slotted = (CONTEXT, {"TEXT": {"REGEX": r"\d$"}})
CLOSED_BY: Slotted = (CONTEXT, {"ORTH": {"IN": [";", ",", ")", "]"]}})
BARE_DASHES = ["–", "—", "−", "-"]


def _upper_bounds() -> tuple[list[Slotted], ...]:
    """The upper bound of a bare or comma CI: a number or a not-reached phrase."""
    spelled = ([("hi" + NOT_REACHED, dict(t)) for t in bound] for bound in UPPER_NOT_REACHED_BOUNDS)
    return ([("hi", SIGNED_NUMBER)], *spelled)


def _bare_patterns() -> list[list[Slotted]]:
    """"4·6 (3·2–6·0)", "HR 0.81 [0.60-1.09];": a number pair in brackets right after a value."""
    his = _upper_bounds()
    dashed = [[AFTER_VALUE, ("", {"ORTH": {"IN": ["(", "["]}}), ("lo", SIGNED_NUMBER), ("", {"ORTH": "%", "OP": "?"}),
               ("", {"ORTH": {"IN": BARE_DASHES}}), *hi, ("", {"ORTH": "%", "OP": "?"}),
               ("", {"ORTH": {"IN": ["months", "weeks"]}, "OP": "?"}), CLOSED_BY] for hi in his]
    # "41% (33% to 49%)": joined by "to", both bounds percentages (else "(2 to 5 cycles)" would be one)
    worded = [[AFTER_VALUE, ("", {"ORTH": {"IN": ["(", "["]}}), ("lo", SIGNED_NUMBER), ("", {"ORTH": "%"}),
               ("", {"LOWER": "to"}), ("hi", SIGNED_NUMBER), ("", {"ORTH": "%"}), CLOSED_BY]]
    return dashed + worded


def _comma_patterns() -> list[list[Slotted]]:
    """"HR 0·93, 0·71–1·22;": a number pair after a comma right after a value (an HR's CI)."""
    his = _upper_bounds()
    return [[AFTER_NUMBER, ("", {"ORTH": ","}), ("lo", SIGNED_NUMBER), ("", {"ORTH": {"IN": BARE_DASHES}}), *hi,
             CLOSED_BY] for hi in his]


CI_SCANNER = TokenScanner()
"""Labelled CIs (many patterns, read only where a level or "CI" is printed)."""
CI_SCANNER.register({"ci": _ci_patterns})
SCANNER = TokenScanner()
"""Ranges, bare and comma CIs in one Matcher call per sentence."""
SCANNER.register({"range": _range_patterns, "bare": _bare_patterns, "comma": _comma_patterns})


def _leftmost_longest(tokens: SentenceTokens, kind: str) -> list[TokenMatch]:
    """Non-overlapping matches read from left to right, the longest reading at each start (as a
    regular expression's greedy scan would), without their `CONTEXT` tokens."""
    return (CI_SCANNER if kind == "ci" else SCANNER).scan(tokens, kind)


@lru_cache(maxsize=16)
def labelled_cis(text: str) -> tuple[Interval, ...]:
    """Every "95% CI lo–hi" (or 90%, 80%, 99%) of a sentence, in order."""
    if not LEVEL_CUE_RE.search(text):
        return ()
    return _intervals(text, "ci")


@lru_cache(maxsize=16)
def range_brackets(text: str) -> tuple[tuple[int, int], ...]:
    """The character spans of every "(range ...)" / "(IQR ...)" parenthesis of a sentence."""
    lowered = text.lower()
    if "range" not in lowered and "iqr" not in lowered:
        return ()
    return tuple((m.start, m.end) for m in _leftmost_longest(sentence_tokens(text), "range"))


@lru_cache(maxsize=16)
def bare_cis(text: str) -> tuple[Interval, ...]:
    """Every CI printed without "95% CI" in brackets right after its value ("4·6 (3·2–6·0)"): the span
    from the bracket to the upper bound (whether it holds the value is the caller's question)."""
    if not BARE_CUE_RE.search(text):
        return ()
    return _intervals(text, "bare")


@lru_cache(maxsize=16)
def comma_cis(text: str) -> tuple[Interval, ...]:
    """Every number pair printed after a comma right after a value ("HR 0·93, 0·71–1·22; p=0·61"):
    the span from the comma to the upper bound."""
    if not COMMA_CUE_RE.search(text):
        return ()
    return _intervals(text, "comma")


LEVEL_CUE_RE = scan_compile(r"\b(?:95|90|80|99)\s*(?:%|per)|\bCI(?:\b|(?:95|90|80|99)\s*%)|confidence\s+interval", re.I)
BARE_CUE_RE = re.compile(r"[(\[]\s*[-−]?\d+(?:[.·]\d+)?\s*(?:%\s*)?(?:[–—−-]|(?<=%)\s*to\s)")
"""The tokens every bare CI begins with (bracket, lower bound, its percent sign, dash) as the text prints
them, whitespace or none between: a sentence without them is not matched ("(45%)", "(n = 20)")."""
COMMA_CUE_RE = re.compile(r"\d,\s*[-−]?\d")
"""What a comma CI prints: a sentence without it is not matched (most sentences)."""


def _intervals(text: str, kind: str) -> tuple[Interval, ...]:
    return tuple(Interval(m.start, m.end, *(_bound_text(text, m, slot) for slot in ("lo", "hi")), _level(text, m))
                 for m in _leftmost_longest(sentence_tokens(text), kind))


def _level(text: str, m: TokenMatch) -> str:
    """The printed confidence level's digits ("95" also where the name is glued to it: "CI95")."""
    return "".join(c for c in m.text(text, "level") if c.isdigit())


def _bound_text(text: str, m: TokenMatch, slot: str) -> str:
    return "NR" if m.has(slot + NOT_REACHED) else m.text(text, slot)
