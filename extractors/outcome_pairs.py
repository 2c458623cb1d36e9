"""Compared pairs of numbers whose groups one number of the pair names: the partner of a named arm, and
a later pair that names no regimen following the order of an earlier one (`extractors.outcomes`)."""

from __future__ import annotations

from dataclasses import replace

from extractors.outcome_context import SentenceContext
from extractors.records import OutcomeClaim


def partner_arm(start: int, runs: dict[int, tuple[int, int]], arms: int, named_arms: dict[int, int]) -> int | None:
    """"higher on X (31% vs. 22%)": in a pair of two arms whose first number its arm was named
    for (`named_arms`: number start -> arm index), the second number is the other arm's, whatever order
    the arms were listed in."""
    position, length = runs[start]
    if arms != 2 or length != 2 or position != 1:
        return None
    partner = max((s for s, (pos, n) in runs.items() if pos == 0 and n == 2 and s < start), default=None)
    named = named_arms.get(partner) if partner is not None else None
    return None if named is None else 1 - named


def follow_earlier_pair(ctx: SentenceContext, runs: dict[int, tuple[int, int]], claims_of: dict[int, range],
                        claims: list[OutcomeClaim]) -> None:
    """"an ORR of 21% with X plus Y compared with 7% for X alone, and a median PFS of 5.0 compared
    with 2.9 months": a later compared pair that names no regimen follows the earlier pair's order
    (`claims` rewritten in place; `claims_of`: number start -> its claims' indexes)."""
    pairs: list[list[int]] = []
    for start, (position, size) in sorted(runs.items()):
        if size != 2:
            continue
        if position == 0 or not pairs:
            pairs.append([])
        pairs[-1].append(start)
    if any(len(claims_of.get(start, range(0))) != 1 for pair in pairs for start in pair):
        return  # a value spread over groups (one claim each): no plain pair to follow
    for earlier, later in zip(pairs, pairs[1:], strict=False):
        first = [claims[claims_of[s][0]].regimen for s in earlier]
        second = [claims[claims_of[s][0]].regimen for s in later]
        named = [r for r in ctx.regimen_items if later[0] <= r.start]
        if len(earlier) == len(later) == 2 and first[0] != first[1] and second[0] == second[1] and not named:
            for start, regimen in zip(later, first, strict=True):
                i = claims_of[start][0]
                claims[i] = replace(claims[i], regimen=regimen)
