"""Endpoints a sentence names by a phrase, not a lexicon term, added to its context before its numbers
are read; and endpoint words that only define another endpoint, dropped.

"47% stayed progression-free at 24 weeks" (a rate named by the state counted), "the risk of death
(HR 0.62)" (what a hazard ratio compares), "responses lasting a median of 18 months" (duration of
response), "PFR12 weeks" (a rate with its timepoint glued on). Used by `extractors.outcomes`.
"""

from __future__ import annotations

import re

from extractors.measurements import glued_rates
from extractors.outcome_context import ENDPOINT_FAMILY, RESPONSE_CATEGORIES, Located, SentenceContext
from extractors.result_grammar import ALL_OF_CATEGORY_RE, definition_spans
from extractors.text_cues import prints_any

DURATION_PHRASE_RE = re.compile(
    r"\brespon(?:ses?|ders?)\s+(?:were\s+)?(?:lasting|lasted|that\s+lasted|durable\s+for)\s+(?:for\s+)?"
    r"(?:a\s+)?median\s+(?:of\s+)?",
    re.I,
)


STATE_RATE_RE = re.compile(r"\b(?:remained|remaining|were|was|being|still)\s+"
                           r"(?P<state>(?:progression|event)[-\s]free|alive|free\s+(?:of|from)\s+(?:disease\s+)?"
                           r"progression)\b", re.I)
""""47% of patients stayed progression-free at 24 weeks", "the chance to be event-free at 3
years": a rate named by the state counted (the contract has no event-free rate: PFS_rate)."""
STATE_RATE_CUES = ("free", "alive")
"""Words every `STATE_RATE_RE` match prints (a sentence without one is not scanned)."""
NAMED_RATE_RES = (
    (re.compile(r"\b(?P<name>non-?progression(?:\s+rates?)?)\b", re.I), "PFS_rate"),  # "6-month nonprogression"
    # "3-year survival was 44%": survival at a timepoint, no other name
    # "associated with higher response than later-line use (0.27 vs 0.12)": response compared, no rate named
    (re.compile(r"\b(?:higher|lower|greater|better|superior|inferior|similar|comparable)\s+(?:objective\s+)?"
                r"(?P<name>responses?)\b(?!\s+(?:rates?|duration|time|to)\b)", re.I), "ORR"),
    (re.compile(r"\d[- ](?:years?|months?)\s+(?P<name>survivals?)\b(?!\s+(?:rates?|times?|probability|benefit))",
                re.I), "OS_rate"),
    # "Responses were seen in UPS (40%) and SS (10%)": responses of any kind, counted as a rate per group
    (re.compile(r"(?<![\w-])(?<!partial\s)(?<!complete\s)(?<!minor\s)(?:(?:tumou?r|radiological|radiographic)\s+)?"
                r"(?P<name>responses)\s+(?:(?:were|was)\s+)?(?:seen|observed|noted|recorded|documented|occurred)\s+"
                r"(?:in|among)\b", re.I), "ORR"),
    # "the tumours of 62% of participants shrank or disappeared": a response in lay words (news); a share of
    # patients, not a shrinkage ("tumours shrank by 30%" names no patients)
    (re.compile(r"\b(?:patients|participants|people|children|adults)['’]?s?\s+(?P<name>tumou?rs?)\s+(?:[\w-]+\s+){0,4}?"
                r"(?:shrank|shrunk|got\s+smaller|disappeared)", re.I), "ORR"),
    # "where 40% of patients with UPS responded": the share of patients who responded
    (re.compile(r"\d\s*%\s+of\s+(?:the\s+|all\s+)?(?:[\w-]+\s+)?(?:patients|participants|cases)\b"
                r"(?:\s+(?:with|in)(?:\s+(?!respon|had\b|were\b|was\b)[\w-]+){1,4})?\s+(?P<name>responded)\b"
                r"(?!\s+(?:by|within|after|at)\b)", re.I), "ORR"),
)
NAMED_RATE_CUES = ("progression", "respons", "surviv", "responses", "tum", "responded")
"""The word each of `NAMED_RATE_RES` prints, in their order."""
RISK_OF_RE = re.compile(
    r"\b(?:risk|hazard)\s+of\s+(?:(?P<progression>(?:disease\s+)?progression(?:\s+(?:or|and)\s+death)?)|death)\b", re.I)
""""a 38% reduction in the risk of death (HR 0.62)": the risk a hazard ratio compares names its endpoint."""
RISK_ALSO_RE = re.compile(r"\b(?:and|or)\s+(?:of\s+)?(?:(?P<progression>(?:disease\s+)?progression)|death)\b", re.I)
""""halved the risk of progression (HR 0.48) and of death (HR 0.52)": a second risk coordinated with the first."""
TIME_TO_RESPONSE_RE = re.compile(r"\bmedian\s+time\s+to\s+(?:[a-z]+\s+){1,2}?response\b", re.I)
RISK_CUES = ("risk", "hazard")
"""Words every `RISK_OF_RE` match prints."""


def add_phrase_endpoints(ctx: SentenceContext) -> None:
    """Endpoints named by a phrase, not a lexicon term: "responses lasting a median of 18 months"
    (duration of response), "PFR12 weeks" (a rate with its timepoint glued on)."""
    # each pattern is scanned only where its word is printed (most sentences print none of them)
    for m in STATE_RATE_RE.finditer(ctx.text) if prints_any(ctx.text, *STATE_RATE_CUES) else ():
        start, end = ctx.start + m.start("state"), ctx.start + m.end("state")
        key = "OS_rate" if m.group("state").lower() == "alive" else "PFS_rate"
        if not any(e.start < end and start < e.end for e in ctx.endpoints):
            ctx.endpoints = sorted([*ctx.endpoints, Located("endpoint", key, start, end)], key=lambda e: e.start)
    for (pattern, key), cue in zip(NAMED_RATE_RES, NAMED_RATE_CUES, strict=True):
        for m in pattern.finditer(ctx.text) if prints_any(ctx.text, cue) else ():
            start, end = ctx.start + m.start("name"), ctx.start + m.end("name")
            if not any(e.start < end and start < e.end for e in ctx.endpoints):
                ctx.endpoints = sorted([*ctx.endpoints, Located("endpoint", key, start, end)], key=lambda e: e.start)
    risks = list(RISK_OF_RE.finditer(ctx.text)) if prints_any(ctx.text, *RISK_CUES) else []
    also = [m for m in RISK_ALSO_RE.finditer(ctx.text) if m.start() >= risks[0].end()] if risks else []
    for m in (*risks, *also):
        start, end = ctx.start + m.start(), ctx.start + m.end()
        if not any(e.start < end and start < e.end for e in ctx.endpoints):
            key = "HR_PFS" if m.group("progression") else "HR_OS"
            ctx.endpoints = sorted([*ctx.endpoints, Located("endpoint", key, start, end)], key=lambda e: e.start)
    for m in TIME_TO_RESPONSE_RE.finditer(ctx.text) if prints_any(ctx.text, "response") else ():
        start, end = ctx.start + m.start(), ctx.start + m.end()
        if not any(e.start < end and start < e.end and ENDPOINT_FAMILY[e.key] == "TTR" for e in ctx.endpoints):
            ctx.endpoints = sorted([*ctx.endpoints, Located("endpoint", "TTR_median", start, end)],
                                   key=lambda e: e.start)
    for key, name_start, name_end in glued_rates(ctx.text):  # "PFR12 weeks"
        start, end = ctx.start + name_start, ctx.start + name_end
        if not any(e.start <= start < e.end for e in ctx.endpoints):
            ctx.endpoints = sorted([*ctx.endpoints, Located("endpoint", key, start, end)], key=lambda e: e.start)
    for m in DURATION_PHRASE_RE.finditer(ctx.text) if prints_any(ctx.text, "respon") else ():
        start, end = ctx.start + m.start(), ctx.start + m.end()
        if not any(e.start < end and start < e.end and ENDPOINT_FAMILY[e.key] == "DoR" for e in ctx.endpoints):
            found = Located("endpoint", "DoR_median", start, end)
            ctx.endpoints = sorted([*ctx.endpoints, found], key=lambda e: e.start)


def drop_definitions(ctx: SentenceContext) -> None:
    """Endpoint words inside a definition ("CBR; objective response or stable disease") are no endpoints,
    nor is a response category that all responders had ("11 patients (28%, all partial responses)")."""
    spans = definition_spans(ctx.text, [ctx.rel(e.end) for e in ctx.endpoints])
    ctx.endpoints = [e for e in ctx.endpoints if not any(a <= ctx.rel(e.start) < b for a, b in spans)
                     and not (ENDPOINT_FAMILY[e.key] in RESPONSE_CATEGORIES
                              and ALL_OF_CATEGORY_RE.search(ctx.text, 0, ctx.rel(e.start)))]
