"""Subgroups a result is about, read from its sentence: line of therapy and performance status.

"12 had received at most 2 lines, with a median PFS of 9.0 months" is a result for the ≤2-lines
subgroup, of 12 patients; "5 patients treated in later lines had a median PFS of 4.2 months"
another. Without the subgroup both would read as the whole ASPS cohort's.

A number takes the subgroup phrase before it in its clause (clauses end at ";", "while",
"whereas"). Two subgroups compared ("as first-line treatment achieved greater PFS than
subsequent lines (NR vs 12.1 months)") give the numbers of the "(A vs B)" pair in order. Where the
text does not say which subgroup a number belongs to (two different phrases before it, or one
subgroup against the rest: "ECOG 2-3 (7.0 vs. 2.9 months)"), the number gets no subgroup rather
than a guess. Phrases after the number ("an ORR of 30% in first-line patients") are not read.
The size of the subgroup is the count printed just before its phrase ("12 were treated in
≤ 2 lines", "37 patients (...) who were treated in ≤ 2 lines") or just after it ("as first-line
treatment for 32 patients"); the caller must not give a subgroup the size of the whole group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.measurements import NUMBER_WORD_RE, word_to_int

_CMP = {"≤": "≤", "<=": "≤", "=<": "≤", "≥": "≥", ">=": "≥", "=>": "≥", "<": "<", ">": ">"}
_ORDINAL = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_LINE_GROUP_NOUN = r"(?:use|users|patients|cases|recipients|treatment|therapy|setting|groups?|cohorts?|subgroups?)\b"
LINE_RE = re.compile(
    # a bound on the line stands on its own: "≤ 2 lines", "≥ third-line treatment", "≥3L"
    r"(?P<phrase>(?P<cmp>≤|<=|=<|≥|>=|=>|<|>)\s*(?:(?P<k>\d)\s*(?:lines?|L)\b|(?P<cord>" + _ORDINAL + r")[- ]lines?))"
    # a named line needs a preposition or a comparison before it: "in subsequent lines", "as
    # first-line treatment", "than later lines", "versus second-line"
    r"|\b(?:in|as|to|at|than|over|versus|vs\.?|compared\s+(?:to|with))\s+(?:the\s+|a\s+)?"
    r"(?P<named>(?P<later>subsequent|later|further)\s+lines?\b"
    r"|(?P<ord>" + _ORDINAL + r")(?:\s+or\s+(?P<more>later|subsequent|higher|further))?[- ]lines?)"
    # a line named as the adjective of a group noun needs no preposition: "First-line use was
    # associated with ... than later-line use", "second-line patients"
    r"|\b(?P<adj>(?P<adj_later>subsequent|later|further)|(?P<adj_ord>" + _ORDINAL + r")"
    r"(?:\s+or\s+(?P<adj_more>later|subsequent|higher|further))?)[- ]line\s+(?=" + _LINE_GROUP_NOUN + r")",
    re.I,
)
ECOG_RE = re.compile(
    r"\bECOG(?:\s+performance\s+status|\s+PS)?(?:\s+(?:score|of))*\s+(?P<a>[0-4])(?:\s*(?:–|-|to|or)\s*(?P<b>[0-4]))?\b")
SIZE_BEFORE_RE = re.compile(
    r"(?:^|[^\w.,])(?P<n>\d+|" + NUMBER_WORD_RE + r")\s+(?:[\w-]+\s+){0,3}?(?:\([^()]*\)\s+)?(?:who\s+)?"
    r"(?:were|was|had\s+been)?\s*(?:treated|given|receiving|received|enrolled)\b[^,;()]{0,30}$",
    re.I,
)
CLAUSE_BREAK_RE = re.compile(r";|,?\s+(?:while|whereas)\s", re.I)
COMPARE_RE = re.compile(r"\b(?:than|vs\.?|versus|compared\s+(?:to|with))\s", re.I)
SIZE_AFTER_RE = re.compile(
    r"\s*(?:treatment|therapy|setting)?\s*(?:for|in|of|among)\s+(?P<n>\d+|" + NUMBER_WORD_RE + r")\s+"
    r"(?:[\w-]+\s+){0,2}?(?:patients|cases|subjects)\b", re.I)
PAIR_RE = re.compile(r"\(\s*(?P<a>[^()]*?)\s+(?:vs\.?|versus)\s+(?P<b>[^()]*?)\s*\)", re.I)


@dataclass(frozen=True)
class Subgroup:
    label: str
    start: int
    """Offset of the phrase in the sentence."""
    end: int
    size: int | None = None


def _line_label(m: re.Match[str]) -> str:
    if m.group("cmp"):
        if m.group("k"):
            return f"{_CMP[m.group('cmp')]}{m.group('k')} lines"
        return f"{_CMP[m.group('cmp')]}{_ordinal(m.group('cord'))} line"
    if m.group("later") or m.group("adj_later"):
        return "subsequent lines"
    ordinal = _ordinal(m.group("ord") or m.group("adj_ord"))
    return f"{ordinal} or later line" if m.group("more") or m.group("adj_more") else f"{ordinal} line"


def _ordinal(word: str) -> str:
    word = word.lower()
    return {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth"}.get(word, word)


def subgroup_phrases(sentence: str) -> list[Subgroup]:
    """Line-of-therapy and ECOG subgroups named in a sentence, in order."""
    found = []
    for m in LINE_RE.finditer(sentence):
        begin = m.start("named") if m.group("named") else m.start("adj") if m.group("adj") else m.start()
        size = (SIZE_BEFORE_RE.search(sentence[max(0, begin - 120):begin])
                or SIZE_AFTER_RE.match(sentence, m.end()))
        found.append(Subgroup(_line_label(m), begin, m.end(), word_to_int(size.group("n")) if size else None))
    for m in ECOG_RE.finditer(sentence):
        grades = f"{m.group('a')}–{m.group('b')}" if m.group("b") else m.group("a")
        found.append(Subgroup(f"ECOG {grades}", m.start(), m.end()))
    return sorted(found, key=lambda s: s.start)


def subgroup_at(sentence: str, offset: int) -> Subgroup | None:
    """The subgroup the number at `offset` of `sentence` is about (see the module docstring)."""
    clause_start = max((m.end() for m in CLAUSE_BREAK_RE.finditer(sentence, 0, offset)), default=0)
    before = [s for s in subgroup_phrases(sentence) if clause_start <= s.start and s.end <= offset]
    if not before:
        return None
    nearest = before[-1]
    pair = next((p for p in PAIR_RE.finditer(sentence) if p.start() <= offset < p.end()), None)
    if pair is not None:
        # "first-line ... than subsequent lines (NR vs 12.1 months)": the two sides, in order; one
        # subgroup against the rest ("ECOG 2-3 (7.0 vs. 2.9 months)") does not say which is which
        first = next((s for s in reversed(before) if s.label != nearest.label), None)
        between = sentence[first.end:nearest.start] if first else ""
        if first is None or "(" in between or not COMPARE_RE.search(between):
            return None
        return first if offset < pair.start("b") else nearest
    if len({s.label for s in before}) > 1:
        return None  # two subgroups before the number in one clause: which one is not said
    return nearest
