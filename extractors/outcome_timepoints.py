"""Which timepoint a rate keeps: the one printed right after it, before it, or after the short phrase
that names what the rate counts ("47% of patients stayed progression-free at 24 weeks")."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from extractors.measurements import Quantity, Timepoint, without_parentheses
from extractors.outcome_context import SentenceContext

COMPARED_RATE_RE = re.compile(r"\s*(?:vs\.?|versus|(?-i:v)\.?|and|or|compared\s+(?:with|to))\s*\d+(?:[.·]\d+)?\s*%\s*",
                              re.I)
"""What stands between the first rate of a compared pair and the timepoint both share ("81% vs 31% at 12 weeks")."""


OF_TOTAL_RE = re.compile(r"^(?:[^()]*\))?\s*of\s+(?:the\s+|all\s+)?\d+\s+(?:[\w-]+\s+)?(?:patients|participants|pts)\b",
                         re.I)
"""The total of a count printed between its share and the rest of its phrase ("(30%) of 40 patients")."""


RATE_STATE_END_RE = re.compile(r"\b(?:progression|progression[-\s]free|alive|free\s+(?:of|from)\s+(?:disease\s+)?"
                               r"progression)\s*$", re.I)
"""The state a survival rate counts, named right before its timepoint: however long the phrase naming the
patients before it ("of the patients on X did not have disease progression"), the timepoint is the rate's."""


def timepoint_for(q: Quantity, timepoints: list[Timepoint], ctx: SentenceContext | None = None) -> str:
    """The timepoint printed right after a rate ("52% at 24 weeks", a CI between them allowed), else
    the one printed before it, else one after a short phrase without numbers ("58% of patients
    stayed progression-free at 24 weeks")."""
    after = [t for t in timepoints if t.start >= q.end and len(t.values) == 1]
    between = ctx.text[ctx.rel(q.end) : ctx.rel(after[0].start)] if ctx and after else None
    if between is not None:  # "9 (25%[, CI]) of 36 patients were free of progression at 6 months": no number counts
        between = without_parentheses(OF_TOTAL_RE.sub(" ", between))
    if between is not None and (not between.strip() or COMPARED_RATE_RE.fullmatch(between)):
        return after[0].values[0]  # "52% at 24 weeks", "81% vs 31% at 12 weeks": both rates of the pair
    before = [t for t in timepoints if t.end <= q.start]
    if before and len(before[-1].values) == 1:
        return before[-1].values[0]
    if between is not None and not re.search(r"[\d,;]", between) and len(between.split()) <= 5:
        return after[0].values[0]
    if between is not None and not re.search(r"[\d,;]", between) and len(between.split()) <= 14 \
            and RATE_STATE_END_RE.search(between):
        return after[0].values[0]  # "55% of the patients on X did not have disease progression at 6 months"
    if between is not None and q.kind == "percent" and _closes_comparison(ctx, between, after[0]):
        return after[0].values[0]
    return ""


def _closes_comparison(ctx: SentenceContext, between: str, timepoint: Timepoint) -> bool:
    """"38% in the A group versus 0% in the B group after 25 weeks": a timepoint that ends the
    sentence, after nothing but the compared rates and the groups they belong to, is all of theirs."""
    rest = re.sub(r"\([^()]*\)", "", ctx.text[ctx.rel(timepoint.end):])  # its interval and P may follow
    words = re.sub(r"\d+(?:[.·]\d+)?\s*%", " ", between)
    return (not rest.strip(" .") and not re.search(r"[\d;,]", words) and len(words.split()) <= 12
            and bool(COMPARISON_WORD_RE.search(ctx.text)))


COMPARISON_WORD_RE = re.compile(r"\b(?:vs\.?|versus|compared\s+with)\s", re.I)
CLOSING_TIMEPOINT_RE = re.compile(r"\b(?:at\s+(?:week|month)\s+\d+|(?:at|after)\s+\d+\s*(?:weeks?|months?))"
                                  r"\s*(?:\([^()]*\)\s*)?\.?\s*$", re.I)
"""'... against 4% in the control group after 20 weeks.': the timepoint that closes a compared pair."""


AT_TIMEPOINT_RE = re.compile(r"\b(?:at|by)\s+(?:week|month)\s+\d+"
                             r"|\b(?:at|after|up\s+to)\s+\d+\s*(?:weeks?|months?|years?)", re.I)


class _SentenceTimepoints:
    """Where one sentence prints clause breaks and timepoints, read once (a long sentence asks for each
    of its numbers; reading its clause or tail again each time cost the square of its length)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.semicolons = [m.start() for m in re.finditer(";", text)]
        spans = [m.span() for m in AT_TIMEPOINT_RE.finditer(text)]  # never across a ";", never overlapping
        self.at_starts, self.at_ends = [a for a, _ in spans], [b for _, b in spans]
        self.comparison = COMPARISON_WORD_RE.search(text) is not None
        # the last offset a closing timepoint starts at: one matches from `pos` on iff it starts at or after `pos`
        starts = [m.start() for m in re.finditer("a", text, re.I)]
        self.closing_from = next((i for i in reversed(starts) if CLOSING_TIMEPOINT_RE.match(text, i)), -1)

    def in_clause_before(self, at: int) -> bool:
        """`AT_TIMEPOINT_RE` in the clause that ends at `at` (from the last ";" before it)."""
        clause_start = self.semicolons[k - 1] + 1 if (k := bisect_left(self.semicolons, at)) else 0
        i = bisect_left(self.at_starts, clause_start)
        if i == len(self.at_starts) or self.at_starts[i] >= at:
            return False
        if self.at_ends[i] <= at:
            return True
        return AT_TIMEPOINT_RE.search(self.text[clause_start:at]) is not None  # one runs past `at`: read the clause


@lru_cache(maxsize=8)
def _sentence_timepoints(text: str) -> _SentenceTimepoints:
    return _SentenceTimepoints(text)


def timepoint_near(ctx: SentenceContext, q: Quantity) -> bool:
    """A rate such as disease control "at 32 weeks" keeps the timepoint its clause prints."""
    marks = _sentence_timepoints(ctx.text)
    if marks.in_clause_before(ctx.rel(q.start)):
        return True
    # "38% versus 0% ... after 25 weeks": the timepoint that closes a compared pair
    if marks.closing_from >= ctx.rel(q.end) and marks.comparison:
        return True
    # "31% of patients kept disease control beyond 24 weeks": the duration the rate counts
    semicolon = ctx.text.find(";", ctx.rel(q.end))
    after = ctx.text[ctx.rel(q.end): semicolon if semicolon >= 0 else len(ctx.text)]
    return bool(re.match(r"[^.]{0,60}?\b(?:disease\s+control|clinical\s+benefit|DCR|CBR)\s+(?:for|lasting)\s+"
                         r"(?:more\s+than|longer\s+than|at\s+least)\s+\d+\s*(?:weeks?|months?)", after, re.I))
