"""Proportions ("the pooled ORR was 0.17", "0·32") as token patterns.

A leading-zero decimal of at most three places is a proportion of patients unless:
- a statistic or measure names it ("P 0.04", "HR (95% CI) 0.71", "r = 0.42", "the dose of 0.5",
  "kappa was 0.61"): `STATISTIC_BEFORE`, a name, an optional parenthesis, sign and verb, the value;
- it is an end of a printed range ("0.2–0.5", "0.3 to 0.6", "1.1-0.4"): `RANGE_AROUND`;
- a unit, a percent sign or a full stop follows it ("0.5 mg", "0.4%", "significance was set at
  0.05."), or it is glued to a word or a number.

The patterns read the sentence's tokens as the result grammar does
(`result_patterns.sentence_tokens`); offsets are characters of the sentence text given.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from extractors.result_patterns import NUMBER, Slotted, Token, pipeline_tokenizer, sentence_tokens

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
    return [[("v", PROPORTION), ("", {"LOWER": {"IN": [*DASHES, "to"]}}), ("", NUMBER)],
            [("", NUMBER), ("", {"ORTH": {"IN": DASHES}}), ("v", PROPORTION)]]


PATTERNS = {"statistic": _statistic_before, "range": _range_around, "value": lambda: [[("v", PROPORTION)]]}


@cache
def _matcher(kind: str) -> Matcher:
    matcher = Matcher(pipeline_tokenizer().vocab)
    matcher.add(kind, [[dict(spec) for _, spec in pattern] for pattern in PATTERNS[kind]()])
    return matcher


def _values(kind: str, doc: Doc | Span) -> set[int]:
    """The token index of each proportion a match of `kind` reads: the value a statistic names (the
    match's last token), both ends of a range that are proportions, or the value itself."""
    found: set[int] = set()
    for _, start, end in _matcher(kind)(doc):
        if kind == "statistic":
            found.add(end - 1)
        elif kind == "range":
            found.update(i for i in range(start, end) if PROPORTION_TEXT_RE.match(doc[i].text))
        else:
            found.add(start)
    return found


@lru_cache(maxsize=16)
def proportions(text: str) -> tuple[tuple[int, int], ...]:
    """The character spans of the proportions of a sentence, in order."""
    if not re.search(r"0[.·]\d", text):
        return ()
    tokens = sentence_tokens(text)
    doc = tokens.doc
    excluded = _values("statistic", doc) | _values("range", doc)
    spans = []
    for i in sorted(_values("value", doc) - excluded):
        start, end = tokens.starts[i], tokens.end(i)
        if start and re.match(r"[\w.·,]", text[start - 1]):
            continue  # glued to a word or a number
        if re.match(r"[\d.·%]", text[end : end + 1]) or UNIT_AFTER_RE.match(text, end):
            continue  # a unit, more decimals, or a full stop (a sentence ending in "set at 0.05.")
        spans.append((start, end))
    return tuple(spans)
