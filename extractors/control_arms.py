"""The experimental arm of a comparison whose sentence names only the control ("The median PFS was
5.2 months compared with 1.4 months in the placebo arm (HR 0.22)"): the treatment under test is the
one the paragraph named before, in a sentence that reported no result of its own ("the activity of
X was tested in ..."), and it stays so for the next sentences of the paragraph that do the same."""

from __future__ import annotations

import re

from extractors.outcome_context import NO_REGIMEN, SentenceContext

CONTROL_KEYS = frozenset({"placebo"})
COMPARED_RE = re.compile(r"\b(?:compared\s+(?:with|to)|versus|vs\.?|than|against)\s", re.I)


def untested_partner(ctx: SentenceContext, lead: tuple[str, ...], carried: tuple[str, ...]) -> tuple[str, ...]:
    """The regimen the numbers of a comparison against the control belong to when the sentence names
    the control only (`lead`: the regimen a sentence before named without a result; `carried`: the one
    an earlier such comparison of the paragraph took); () when the sentence names an active regimen,
    compares nothing, or no candidate is known."""
    keys = {r.key for r in ctx.regimen_items}
    if not keys or not keys <= CONTROL_KEYS | {NO_REGIMEN} or not keys & CONTROL_KEYS:
        return ()
    if not COMPARED_RE.search(ctx.text):
        return ()
    partner = lead or carried
    return partner if partner and not set(partner) & CONTROL_KEYS else ()


AGAINST_CONTROL_RE = re.compile(
    r"\b(?:compared\s+(?:to|with)|versus|vs\.?|over|against|than)\s+(?:the\s+)?placebo\b"
    r"(?!\s*(?:plus|\+|and|with|/|-)\s*\w)", re.I)
"""'Compared to placebo, X improved ...': the placebo as what X is set against, no part of X's regimen."""


def without_compared_control(ctx: SentenceContext, regimen: tuple[str, ...]) -> tuple[str, ...]:
    """`regimen` without the placebo when the sentence names it only as the comparator of the active
    drugs ("Compared to placebo, X also improved OS to 12 months" is X's, not "X + placebo")."""
    if "placebo" not in regimen or len(regimen) < 2 or not AGAINST_CONTROL_RE.search(ctx.text):
        return regimen
    return tuple(t for t in regimen if t not in CONTROL_KEYS)
