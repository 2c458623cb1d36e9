"""Hazard ratios and p-values as token patterns.

- `hazard_ratios`: "HR 0.52", "HR=0·61", "HRs were 0.7", "hazard ratio for death, 0.61",
  "hazard ratio for progression-free survival of 0.5", "HR [95% CI] 0.7", "HR (95% CI) 0.81": the
  name, an optional bracket, an optional "for <what>" ending in an event or endpoint word, an optional
  ":", "=", ",", "of", "was" or "were", then the value; a value a percent sign or more digits follow
  is no HR.
- `p_values`: "p<0.001", "P = .03", "P<.0001", "P value = 0.03", "p for trend = 0.02", LaTeX
  "$P \\leq 0.001$" and HTML "p &lt; 0.05": the letter, an optional "-value" and "for
  interaction/trend/heterogeneity/difference", a sign, and a value between 0 and 1 (".03", "0·61",
  "1.0"); with the word "value" the sign may be left out ("p-value for interaction 0.2").

The patterns read the sentence's tokens as the result grammar does (`pattern_tokens.sentence_tokens`,
the pipeline's own where they were handed over); the tokenizer splits a sign glued to a name or a
value ("p=0·61", "HR<1"). Offsets are characters of the sentence text given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.pattern_tokens import sentence_tokens
from extractors.result_patterns import NUMBER, Slotted, Token, word
from extractors.scan_regex import scan_compile
from extractors.text_cues import prints_any
from extractors.token_scan import TokenMatch, TokenScanner

HR_NAMES = frozenset({"hr", "hrs", "hazard ratio", "hazard ratios"})
HR_EVENTS = ["death", "progression", "survival", "pfs", "os", "recurrence", "relapse"]
"""What "hazard ratio for ..." ends on before its value ("for death", "for progression-free survival")."""
HR_FOR_WORDS = 8
"""Tokens between "for" and the event word ("for disease progression or death": hyphens are tokens)."""
HR_LINKS = [":", "=", ",", "of", "was", "were"]
ARM_WORD = {"TEXT": {"REGEX": r"^[A-Za-z][\w-]*$"}}
"""One word naming a compared group ("pazopanib", "placebo")."""
BRACKETS = {"(": ")", "[": "]"}

# Few patterns, each with optional tokens, and what they may spell checked on the match
# (`_valid_hr`, `_valid_p`): the Matcher tries every pattern at every token, so each pattern costs
# on every sentence, while a check costs only where a name was found.


def _hr_patterns() -> list[list[Slotted]]:
    name: list[Slotted] = [("name", {"LOWER": {"IN": ["hr", "hrs", "hazard"]}}),
                           ("name", {"LOWER": {"IN": ["ratio", "ratios"]}, "OP": "?"})]
    bracket: list[Slotted] = [("bracket", {"ORTH": {"IN": list(BRACKETS)}}),
                              ("bracket", {"ORTH": {"NOT_IN": list(BRACKETS.values())}, "OP": "*"}),
                              ("bracket", {"ORTH": {"IN": list(BRACKETS.values())}})]
    between: Slotted = ("", {"TEXT": {"REGEX": r"^[A-Za-z-]+$"}, "OP": f"{{0,{HR_FOR_WORDS}}}"})
    events: list[list[Slotted]] = [[], [word("for"), between, word(*HR_EVENTS)]]
    # "hazard ratio for death with X versus Y was 0.86": the groups compared between the event and the value
    compared: list[Slotted] = [word("for"), between, word(*HR_EVENTS), word("with", "of"), ("", ARM_WORD),
                               word("versus", "vs", "vs."), ("", ARM_WORD), ("", {"LOWER": {"IN": HR_LINKS}})]
    return [*([*name, *brackets, *event, ("", {"LOWER": {"IN": HR_LINKS}, "OP": "?"}), ("v", NUMBER)]
              for brackets in ([], bracket) for event in events), [*name, *compared, ("v", NUMBER)]]


def _valid_hr(text: str, m: TokenMatch) -> bool:
    """A name ("HR", "hazard ratio"), a bracket closed by its pair, and no percent sign glued to the
    value ("HR 0.52%")."""
    if " ".join(m.text(text, "name").lower().split()) not in HR_NAMES:
        return False
    bracket = m.text(text, "bracket")
    if bracket and (BRACKETS[bracket[0]] != bracket[-1] or any(c in bracket[1:-1] for c in "()[]")):
        return False
    return text[m.slots["v"][1] : m.slots["v"][1] + 1] != "%"


HR_PAREN_ENDPOINTS = ["pfs", "os", "efs", "dfs", "rfs", "ttp", "mfs", "css", "dss"]
"""Endpoint abbreviations that name what an HR in a parenthesis is for ("(PFS; 0.56; 95% CI ...)")."""


def _hr_paren_patterns() -> list[list[Slotted]]:
    """"(PFS; 0.56": an endpoint, a separator and a value opening a parenthesis, after an HR name."""
    return [[("", {"ORTH": "("}), ("endpoint", {"LOWER": {"IN": HR_PAREN_ENDPOINTS}}),
             ("", {"ORTH": {"IN": [";", ",", ":", "="]}}), ("v", NUMBER)]]


def _valid_hr_paren(text: str, m: TokenMatch) -> bool:
    """An HR name earlier in the clause (no full stop or ";" outside a parenthesis between), a value
    below 10 with no percent sign or unit after it."""
    clause = re.split(r"[;.](?=\s)", _outside_parentheses(text[: m.start]))[-1]
    after = text[m.slots["v"][1] :]
    return (bool(HR_CUE_RE.search(clause)) and float(dot(m.text(text, "v"))) < 10
            and not re.match(r"\s*(?:%|[a-z])", after, re.I))


def _outside_parentheses(text: str) -> str:
    """`text` with what stands inside closed parentheses blanked (an HR's own CI holds no clause break)."""
    out, depth = list(text), 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif depth:
            out[i] = " "
    return "".join(out)


P_SIGNS = ["<", ">", "=", "≤", "≥", "\\leq", "\\geq", "\\le", "\\ge"]
P_SIGN_ENTITIES = {"&lt;": "<", "&gt;": ">"}
"""HTML entities a sign may be printed as ("p &lt; 0.05"): "&", the name, ";" are three tokens."""
P_VALUE: Token = {"TEXT": {"REGEX": r"^(?:0?[.·]\d+|1(?:\.0+)?)$"}}
P_TESTS = ["interaction", "trend", "heterogeneity", "difference"]


def _p_patterns() -> list[list[Slotted]]:
    return [[("", {"ORTH": "$", "OP": "?"}), word("p"), ("", {"ORTH": "-", "OP": "?"}),
             ("value", {"LOWER": "value", "OP": "?"}),
             ("test", {"LOWER": "for", "OP": "?"}), ("test", {"LOWER": {"IN": P_TESTS}, "OP": "?"}),
             ("op", {"ORTH": {"IN": [*P_SIGNS, "&"]}, "OP": "?"}), ("op", {"LOWER": {"IN": ["lt", "gt"]}, "OP": "?"}),
             ("op", {"ORTH": ";", "OP": "?"}), ("v", P_VALUE), ("", {"ORTH": "$", "OP": "?"})]]


def _valid_p(text: str, m: TokenMatch) -> bool:
    """A sign (or an HTML entity for one), or the word "value" where no sign is printed ("p-value for
    interaction 0.2"); "for" with the test it names, or neither."""
    sign = "".join(m.text(text, "op").split()).lower()
    if sign and sign not in P_SIGNS and sign not in P_SIGN_ENTITIES or not sign and not m.has("value"):
        return False
    return len(m.text(text, "test").split()) in (0, 2)


SCANNER = TokenScanner()
"""HRs and p-values are matched apart from percents and times: few sentences print them."""
SCANNER.register({"hr": _hr_patterns, "hr_paren": _hr_paren_patterns, "p": _p_patterns})
HR_CUE_RE = re.compile(r"\bHRs?\b|hazard", re.I)
P_CUE_RE = scan_compile(r"\b[Pp]\b")
"""What an HR or a p-value prints: a sentence without it is not matched (most sentences)."""


@dataclass(frozen=True)
class Statistic:
    start: int
    """Where the statement begins (the name, or a LaTeX "$" before it)."""
    end: int
    value_start: int
    value_end: int
    value: str
    """As printed with a dot decimal: "0.61", "0.03" for ".03" stays ".03"."""
    sign: str = ""
    """A p-value's sign: "<", ">", "≤", "≥", or "" for "="."""


def dot(number: str) -> str:
    return number.replace("·", ".")


@lru_cache(maxsize=16)
def hazard_ratios(text: str) -> tuple[Statistic, ...]:
    """Every HR of a sentence, in order: the span from its name to its value."""
    if not prints_any(text, "hr", "hazard") or not HR_CUE_RE.search(text):  # the words first: cheaper
        return ()
    tokens = sentence_tokens(text)
    named = SCANNER.scan(tokens, "hr", keep=lambda m: _valid_hr(text, m))
    # "hazard ratios ... (PFS; 0.56; ...)": the endpoint and its value in a parenthesis, after an HR name
    in_parenthesis = [m for m in SCANNER.scan(tokens, "hr_paren", keep=lambda m: _valid_hr_paren(text, m))
                      if not any(n.start < m.end and m.start < n.end for n in named)]
    found = sorted((*named, *in_parenthesis), key=lambda m: m.start)
    return tuple(Statistic(m.start, m.slots["v"][1], *m.slots["v"], dot(m.text(text, "v"))) for m in found)


SIGN_TEXT = {"\\leq": "≤", "\\le": "≤", "\\geq": "≥", "\\ge": "≥", "=": "", **P_SIGN_ENTITIES}


@lru_cache(maxsize=16)
def p_values(text: str) -> tuple[Statistic, ...]:
    """Every p-value of a sentence, in order: the span from "P" (or the "$" before it) to its value
    (or the "$" after it)."""
    if not P_CUE_RE.search(text):
        return ()
    found = []
    for m in SCANNER.scan(sentence_tokens(text), "p", keep=lambda m: _valid_p(text, m)):
        sign = "".join(m.text(text, "op").split()).lower()
        found.append(Statistic(m.start, m.end, *m.slots["v"], dot(m.text(text, "v")), SIGN_TEXT.get(sign, sign)))
    return tuple(found)


def p_text(p: Statistic) -> str:
    """A p-value as the graph keeps it: "0.03", "<0.001", "≤0.001"."""
    return p.sign + p.value
