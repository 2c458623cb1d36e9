"""How the words around numbers relate them, as token patterns and token tests.

- `changes`: "improved median PFS from 1.5 to 4.2 months", "the rate rose from 10% to 25%", "from 1.5
  months with placebo to 4.2 months": a change verb, a few words with no clause break, "from" a value
  (and a few words) "to" another. The two are a comparison (the
  earlier value first), not a printed range; a "ranged"/"ranging" between the verb and "from" makes
  it a range again ("prolonged PFS, which ranged from 2 to 14 months").
- `heterogeneity_values`: "I² = 71%", "I2: 40%", "tau² = 0.3": a statistic of heterogeneity between
  studies, whose value is no rate.
- `preceded_by`: whether the token before a number is one of some words ("from 2 to 9", "between 6
  and 12": the number opens a range, not a comparison).
- `printed_sizes`: "(n = 22)", "(N=22; 95% CI ...)", "(22 patients)": a group size printed in the
  parenthesis that follows a value (or stands between a value and its unit: "14 (n = 30) months").
- `clause_words` and `attached`: the words between a value and a CI or P printed after it, outside
  parentheses, and whether the CI or P still belongs to the value (no clause break, no other number).

The patterns read the sentence's tokens as the result grammar does (`pattern_tokens.sentence_tokens`,
the pipeline's own where they were handed over). Offsets are characters of the sentence text given.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from extractors.pattern_tokens import SentenceTokens, sentence_tokens
from extractors.result_patterns import NUMBER, WHOLE, Slotted, word
from extractors.scan_regex import scan_compile
from extractors.token_scan import TokenMatch, TokenScanner

CHANGE_VERB_RE = (r"^(?:prolong|improv|increas|extend|lengthen|rais|rose|doubl|decreas|reduc|shorten|declin|dropp|fell"
                  r"|went|chang)")
"""The stems of verbs that move a value from one number to another."""
CHANGE_GAP = 12
"""Tokens between the verb and "from" ("improved the median progression-free survival from")."""
CHANGE_ASIDE = 4
"""Words between the earlier value and "to" ("from 1.5 months with placebo to 4.2 months")."""
CLAUSE_BREAKS = [";", ":", "."]
VALUE_UNITS = ["%", "percent", "month", "months", "mo", "mos", "week", "weeks", "wk", "wks", "year", "years",
               "yr", "yrs", "day", "days"]


def _change_patterns() -> list[list[Slotted]]:
    return [[("verb", {"LOWER": {"REGEX": CHANGE_VERB_RE}}),
             ("gap", {"ORTH": {"NOT_IN": CLAUSE_BREAKS}, "OP": f"{{0,{CHANGE_GAP}}}"}),
             word("from"), ("lo", NUMBER), ("", {"LOWER": {"IN": VALUE_UNITS}, "OP": "?"}),
             ("between", {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["to", "and"]}, "OP": f"{{0,{CHANGE_ASIDE}}}"}),
             word("to"), ("hi", NUMBER)]]


def _valid_change(text: str, m: TokenMatch) -> bool:
    """No "ranged"/"ranging" between the verb and "from": that tells a range of values."""
    return not re.search(r"\brang", m.text(text, "gap"), re.I)


SQUARED_RE = re.compile(r"(?:I|tau|τ)\s*(?:²|2|\^2)")
"""The name of a heterogeneity statistic, squared ("I²", "I2", "I^2", "tau²", "τ2")."""


def _heterogeneity_patterns() -> list[list[Slotted]]:
    return [[("name", {"TEXT": {"REGEX": r"^(?:I|tau|τ)(?:²|2|\^2)?$"}}),
             ("name", {"ORTH": {"IN": ["²", "2", "^2"]}, "OP": "?"}),
             ("", {"ORTH": {"IN": ["=", ":"]}, "OP": "?"}), ("v", NUMBER)]]


def _valid_heterogeneity(text: str, m: TokenMatch) -> bool:
    return bool(SQUARED_RE.fullmatch(m.text(text, "name")))


def _size_patterns() -> list[list[Slotted]]:
    """"n = 22" opening a parenthesis or one of its parts; "(22 patients)" alone in one."""
    return [[("", {"ORTH": {"IN": ["(", "[", ";", ","]}}), word("n"), ("", {"ORTH": {"IN": ["=", ":"]}}), ("n", WHOLE)],
            [("", {"ORTH": "("}), ("n", WHOLE), word("patients", "pts", "cases"), ("", {"ORTH": ")"})]]


SCANNER = TokenScanner()
"""Changes, heterogeneity and sizes in one Matcher call, only in sentences that print their cue words."""
SCANNER.register({"change": _change_patterns, "heterogeneity": _heterogeneity_patterns, "size": _size_patterns})
SIZE_CUE_RE = scan_compile(r"\b[nN]\s*[=:]\s*\d|\(\d+\s+(?:patients|pts|cases)\)")
CHANGE_CUE_RE = scan_compile(r"\bfrom\s+\d", re.I)
HETEROGENEITY_CUE_RE = scan_compile(r"(?:\bI|tau|τ)\s*(?:²|2|\^2)")


@dataclass(frozen=True)
class Change:
    """A change "from lo to hi": where each value begins."""

    start: int
    """Where the change verb begins."""
    low_start: int
    high_start: int


@lru_cache(maxsize=16)
def changes(text: str) -> tuple[Change, ...]:
    """Every "<change verb> ... from X to Y" of a sentence, in order."""
    if not CHANGE_CUE_RE.search(text):
        return ()
    matches = SCANNER.scan(sentence_tokens(text), "change", keep=lambda m: _valid_change(text, m))
    return tuple(Change(m.start, m.slots["lo"][0], m.slots["hi"][0]) for m in matches)


@lru_cache(maxsize=16)
def heterogeneity_values(text: str) -> frozenset[int]:
    """Where the value of each heterogeneity statistic of a sentence begins ("I² = 71%": the 71)."""
    if not HETEROGENEITY_CUE_RE.search(text):
        return frozenset()
    matches = SCANNER.scan(sentence_tokens(text), "heterogeneity", keep=lambda m: _valid_heterogeneity(text, m))
    return frozenset(m.slots["v"][0] for m in matches)


@lru_cache(maxsize=16)
def printed_sizes(text: str) -> tuple[tuple[int, int], ...]:
    """(where its parenthesis opens, n) of every group size printed in a parenthesis of a sentence."""
    if not SIZE_CUE_RE.search(text):
        return ()
    out = []
    for m in SCANNER.scan(sentence_tokens(text), "size"):
        opened = enclosing_parenthesis(text, m.start + 1)
        if opened < m.start + 1:
            out.append((opened, int(m.text(text, "n"))))
    return tuple(out)


def enclosing_parenthesis(text: str, at: int) -> int:
    """Where the parenthesis around offset `at` opens (`at` itself when it stands in none)."""
    depth = 0
    for i in range(at - 1, -1, -1):
        if text[i] in ")]":
            depth += 1
        elif text[i] in "([":
            if not depth:
                return i
            depth -= 1
    return at


def _index_at(tokens: SentenceTokens, offset: int) -> int:
    """The index of the first token that begins at or after `offset`."""
    return bisect_left(tokens.starts, offset)


def preceded_by(text: str, offset: int, words: frozenset[str]) -> bool:
    """Whether the token right before the one at `offset` is one of `words` (lowercase)."""
    tokens = sentence_tokens(text)
    i = _index_at(tokens, offset)
    return i > 0 and tokens.doc[i - 1].lower_ in words


def tokens_between(text: str, start: int, end: int) -> list[str]:
    """The texts of the tokens lying wholly between the character offsets `start` and `end`."""
    tokens = sentence_tokens(text)
    out = []
    for i in range(_index_at(tokens, start), len(tokens.starts)):
        if tokens.end(i) > end:
            break
        out.append(tokens.doc[i].text)
    return out


def clause_words(text: str, start: int, end: int, skip: tuple[tuple[int, int], ...] = ()) -> list[str]:
    """The tokens between `start` and `end` outside parentheses (one left open runs to the end),
    those inside a `skip` span (a CI between a value and its P) left out."""
    tokens = sentence_tokens(text)
    out, depth = [], 0
    for i in range(_index_at(tokens, start), len(tokens.starts)):
        a, b = tokens.starts[i], tokens.end(i)
        if b > end:
            break
        if any(x <= a and b <= y for x, y in skip):
            continue
        token = tokens.doc[i].text
        if token in ("(", "["):
            depth += 1
        elif token in (")", "]") and depth:
            depth -= 1
        elif not depth:
            out.append(token)
    return out


CLAUSE_JOINS = frozenset({"and", "whereas", "while"})


def attached(words: list[str]) -> bool:
    """Does a CI or P printed after a value belong to it, given the `clause_words` between them? Yes
    unless a clause break or another number stands between them ("6.9 months (range 3-20; 95% CI
    ..." holds; "6.9 months and 4.1 months (95% CI ..." does not)."""
    if all(w in (";", ",", ":") for w in words):
        return True  # "(40.0%; 95% CI ...": only punctuation between
    return not any(w == ";" or w[:1].isdecimal() or w.lower() in CLAUSE_JOINS for w in words)


COMPARISON_WORDS = frozenset({"vs", "vs.", "versus", "than"})


def compares(words: list[str]) -> bool:
    """Whether the words print a comparison ("vs", "versus", "compared with", "than")."""
    return any(w.lower() in COMPARISON_WORDS or "compared" in w.lower() for w in words)
