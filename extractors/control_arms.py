"""The experimental arm of a comparison whose sentence names only the control ("PFS reached a months,
against b months for those on placebo (HR h)"): the treatment under test is the
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


def arm_after_in_clause(ctx: SentenceContext, start: int, mentions: list) -> int | None:
    """The arm named right after a response count ("k (p%) patients had a CR in the experimental arm"),
    by role, label or regimen (`binding.arm_mentions`), with no list break before it; None otherwise
    ("a CR in 2, and in 4 more on the control arm": that arm is the next count's)."""
    following = next((g for g in mentions if g.start >= start), None)
    if following is None:
        return None
    gap = re.sub(r"\([^()]*\)", "", ctx.text[ctx.rel(start) : ctx.rel(following.start)])
    return None if LIST_BREAK_RE.search(gap) else following.arm


LIST_BREAK_RE = re.compile(r"[,;:]|\b(?:and|or|but|while|whereas|versus|vs|compared|than)\b", re.I)
