"""Rates whose endpoint only the sentence before names: "Median PFS was 6.1 versus 3.0 months. At 6
months the rate stood at 52% against 31%." A sentence that names no endpoint of its own but a bare
"rate" at a timepoint goes on with the survival endpoint of the sentence before it in the paragraph."""

from __future__ import annotations

import re

from extractors.measurements import Timepoint
from extractors.outcome_context import ENDPOINT_FAMILY, Located, SentenceContext
from extractors.text_cues import prints_any

SURVIVAL_FAMILIES = ("PFS", "OS", "EFS", "DFS")
BARE_RATE_RE = re.compile(r"\b(?:the\s+)?(?:[\w-]+\s+){0,2}?(?P<rate>rates?|estimates?|proportions?)\b"
                          r"(?=[^.;]{0,40}?(?:\bat\b|\bafter\b|\d[\s-]*(?:months?|years?|weeks?)|%))", re.I)
"""'the rate at 6 months', 'Rates at 12 and 24 months', 'the 1-year estimates': a rate without its
endpoint's name."""
NOT_SURVIVAL_RE = re.compile(r"\b(?:response|control|benefit|toxicit\w*|adverse|events?|complications?|"
                             r"recurrence|relapse|incidence|dose|grade)\b", re.I)
"""Words that make a bare rate another measure than the survival of the sentence before."""


def survival_family(ctx: SentenceContext) -> str:
    """The survival endpoint (PFS, OS, EFS, DFS) the sentence names last, "" when none."""
    families = [ENDPOINT_FAMILY.get(e.key, "") for e in ctx.endpoints]
    return next((f for f in reversed(families) if f in SURVIVAL_FAMILIES), "")


def add_elliptical_rate(ctx: SentenceContext, previous_family: str, timepoints: list[Timepoint]) -> None:
    """Give a sentence that names no endpoint but a bare rate at a timepoint the survival endpoint
    (`previous_family`) of the sentence before it."""
    if not previous_family or ctx.endpoints or not timepoints or not prints_any(ctx.text, "rate", "estimate",
                                                                                   "proportion"):
        return
    if NOT_SURVIVAL_RE.search(ctx.text):
        return
    m = BARE_RATE_RE.search(ctx.text)
    if m is None:
        return
    start, end = ctx.start + m.start("rate"), ctx.start + m.end("rate")
    ctx.endpoints = [Located("endpoint", f"{previous_family}_rate", start, end)]
