"""Proportions ("the pooled ORR was 0.17", "0·32") as token patterns.

A leading-zero decimal of at most three places is a proportion of patients unless:
- a statistic or measure names it ("P 0.04", "HR (95% CI) 0.71", "r = 0.42", "the dose of 0.5",
  "kappa was 0.61"): `STATISTIC_BEFORE`, a name, an optional parenthesis, sign and verb, the value;
- it is an end of a printed range ("0.2–0.5", "0.3 to 0.6", "1.1-0.4"): `RANGE_AROUND`;
- a unit, a percent sign or a full stop follows it ("0.5 mg", "0.4%", "significance was set at
  0.05."), or it is glued to a word or a number.

The patterns read the sentence's tokens as the result grammar does
(`pattern_tokens.sentence_tokens`), all three kinds in one Matcher call (`extractors.token_scan`);
offsets are characters of the sentence text given.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.pattern_tokens import SentenceTokens, sentence_tokens
from extractors.result_patterns import NUMBER, Slotted, Token
from extractors.token_scan import TokenScanner

PROPORTION_TEXT_RE = re.compile(r"^0[.·]\d{1,3}$")
PROPORTION: Token = {"TEXT": {"REGEX": PROPORTION_TEXT_RE.pattern}}
STATISTIC_NAMES = ["P", "p", "alpha", "α", "β", "beta", "power", "I²", "I2", "r", "R", "κ", "kappa", "τ", "tau",
                   "SE", "SD", "AUC", "OR", "ORs", "RR", "RRs", "HR", "HRs", "ratio", "ratios", "coefficient",
                   "score", "index", "level", "levels", "dose", "value"]
"""Statistics and measures that print a leading-zero decimal but are no proportion of patients."""
SIGNS = ["=", "<", ">", ":", "≤", "≥"]
VERBS = ["of", "was", "is"]
DASHES = ["–", "—", "−", "-"]
PARENTHESIS_WORDS_MAX = 3
"""How many tokens a parenthesis between the name and its value may hold ("HR (95% CI)")."""
UNIT_AFTER_RE = re.compile(r"\s*(?:%|mg|g\b|ml|mL|µ|μ|cm|mm|kg|m2|m²)")


def _statistic_before() -> list[list[Slotted]]:
    name: Slotted = ("", {"ORTH": {"IN": STATISTIC_NAMES}})
    sign: Slotted = ("", {"ORTH": {"IN": SIGNS}, "OP": "?"})
    verb: Slotted = ("", {"LOWER": {"IN": VERBS}, "OP": "?"})
    inside: Slotted = ("", {"ORTH": {"NOT_IN": [")"]}, "OP": f"{{0,{PARENTHESIS_WORDS_MAX}}}"})
    parenthesis: list[Slotted] = [("", {"ORTH": "("}), inside, ("", {"ORTH": ")"})]
    return [[name, sign, verb, ("v", PROPORTION)], [name, *parenthesis, sign, verb, ("v", PROPORTION)]]


def _range_around() -> list[list[Slotted]]:
    return [[("v", PROPORTION), ("", {"LOWER": {"IN": [*DASHES, "to"]}}), ("other", NUMBER)],
            [("other", NUMBER), ("", {"ORTH": {"IN": DASHES}}), ("v", PROPORTION)]]


SCANNER = TokenScanner()
"""The three kinds in one Matcher call per sentence."""
SCANNER.register({"statistic": _statistic_before, "range": _range_around, "value": lambda: [[("v", PROPORTION)]]})


def _values(kind: str, tokens: SentenceTokens) -> set[tuple[int, int]]:
    """The character span of each proportion a match of `kind` reads: the value a statistic names,
    both ends of a range that are proportions, or the value itself."""
    found: set[tuple[int, int]] = set()
    for m in SCANNER.all_matches(tokens, kind):
        found.update(m.slots[slot] for slot in ("v", "other")
                     if m.has(slot) and PROPORTION_TEXT_RE.match(m.text(tokens.text, slot)))
    return found


@lru_cache(maxsize=16)
def proportions(text: str) -> tuple[tuple[int, int], ...]:
    """The character spans of the proportions of a sentence, in order."""
    if not re.search(r"0[.·]\d", text):
        return ()
    tokens = sentence_tokens(text)
    excluded = _values("statistic", tokens) | _values("range", tokens)
    spans = []
    for start, end in sorted(_values("value", tokens) - excluded):
        if start and re.match(r"[\w.·,]", text[start - 1]):
            continue  # glued to a word or a number
        if re.match(r"[\d.·%]", text[end : end + 1]) or UNIT_AFTER_RE.match(text, end):
            continue  # a unit, more decimals, or a full stop (a sentence ending in "set at 0.05.")
        spans.append((start, end))
    return tuple(spans)
