"""Numbers that define patients or thresholds, not results: an endpoint glued to a comparison sign.

"patients with a predicted OS<60%", "(51 < pr-OS ≤ 66)", "PFS >6 months on prior therapy" state a
threshold that selects patients: the endpoint word names the criterion and the number is its cut-off,
so neither is a result. The sample size printed beside such a group ("(N=80, 28%)") is its size and
its share of the study, no rate either. A comparison sign inside a result statement stands apart
from the endpoint ("the ORR was <10%", "P < 0.05") and is untouched, unless the value's own clause
judges it as a design threshold ("a 3-month rate of ≥40% would suggest activity").
"""

from __future__ import annotations

import re

from extractors.measurements import Quantity
from extractors.outcome_context import Located, SentenceContext
from extractors.scan_regex import scan_compile
from extractors.text_cues import search_ending_at

COMPARISON = r"(?:[<>]\s*=?|=\s*[<>]|[≤≥⩽⩾≦≧])"
SIGN_ONLY_RE = re.compile(rf"\s*{COMPARISON}\s*")
SIGN_AFTER_RE = re.compile(rf"\s*{COMPARISON}\s*[-−]?\d")
"""An endpoint word followed by a sign and a number: "OS<60%", "PFS ≥ 6 months"."""
SIGN_BEFORE_RE = re.compile(rf"\d\s*%?\s*{COMPARISON}\s*(?:[A-Za-z]{{1,4}}[-‐])?$")
"""A number and a sign before an endpoint word, a short qualifier allowed: "51 < OS", "51< pr-OS"."""
SIZE_BEFORE_RE = scan_compile(r"\b[Nn]\s*=\s*$")
SHARE_RE = re.compile(r"\(\s*[Nn]\s*=\s*\d+\s*[,;]\s*$")
""""(N=80, 28%": the percent after a group's size in its parenthesis is the group's share."""
SIGNED_VALUE_RE = re.compile(rf"^{COMPARISON}")
THRESHOLD_AFTER_RE = re.compile(
    r"[^,;.]*?\b(?:would|should|could|can\s+be|(?:is|was|were|are)\s+(?:considered|deemed|regarded|defined|set|"
    r"required|needed)|suggests?|indicates?|defines?)\b", re.I)
""""a 3-month rate of ≥40% would suggest activity", "≥25% was considered meaningful": a signed value
whose own clause goes on to judge it is a design threshold."""


def _is_condition(ctx: SentenceContext, e: Located) -> bool:
    if e.key.endswith("_median"):
        return False  # "mOS >24 months": a median beyond the follow-up is a result, no patient criterion
    return bool(SIGN_AFTER_RE.match(ctx.text, ctx.rel(e.end))
                or search_ending_at(SIGN_BEFORE_RE, ctx.text, ctx.rel(e.start)))  # a few words and signs: a window


def _compares(ctx: SentenceContext, e: Located, q: Quantity) -> bool:
    """Is `q` the cut-off of condition `e`: only a comparison sign between them, on either side?"""
    if e.end <= q.start:
        between = ctx.text[ctx.rel(e.end) : ctx.rel(q.start)] + re.match(rf"{COMPARISON}?", q.value).group()
        return bool(SIGN_ONLY_RE.fullmatch(between)) and bool(re.search(COMPARISON, between))
    between = ctx.text[ctx.rel(q.end) : ctx.rel(e.start)]
    return q.end <= e.start and bool(re.fullmatch(rf"\s*%?\s*{COMPARISON}\s*(?:[A-Za-z]{{1,4}}[-‐])?", between))


def _share_of_condition(ctx: SentenceContext, q: Quantity, conditions: list[Located]) -> bool:
    """"patients with pr-OS<60% were combined (N=80, 28%)": the share printed with the size of a group
    a condition defined, when no result endpoint stands between them."""
    if q.kind != "percent" or not SHARE_RE.search(ctx.text[: ctx.rel(q.start)]):
        return False
    before = [e for e in [*conditions, *ctx.endpoints] if e.end <= q.start]
    return bool(before) and max(before, key=lambda e: e.end) in conditions


def drop_conditions(ctx: SentenceContext, quantities: list[Quantity]) -> list[Quantity]:
    """Remove the sentence's condition endpoints from `ctx.endpoints` and return the quantities that
    are neither a condition's cut-off, a group's printed size ("N=80") nor its share."""
    conditions = [e for e in ctx.endpoints if _is_condition(ctx, e)]
    quantities = [q for q in quantities if not (SIGNED_VALUE_RE.match(q.value)
                                                and THRESHOLD_AFTER_RE.match(ctx.text, ctx.rel(q.end)))]
    if not conditions and "=" not in ctx.text:
        return quantities
    ctx.endpoints = [e for e in ctx.endpoints if e not in conditions]
    return [q for q in quantities
            if not any(_compares(ctx, e, q) for e in conditions)
            and not SIZE_BEFORE_RE.search(ctx.text[: ctx.rel(q.start)])
            and not _share_of_condition(ctx, q, conditions)]
