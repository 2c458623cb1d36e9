"""Which regimen and which cited work each number of a sentence belongs to.

A sentence may name several regimens and cite several works: a number takes the regimen named
right after it ("50% in the X-Y study") or the nearest one before it, and one marker listing
k works for k numbers of k regimens pairs them in order.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.measurements import Quantity
from extractors.outcome_context import Located, SentenceContext
from extractors.records import OutcomeClaim
from ontology.lexicon import Lexicon

CLUSTER_BREAK_RE = re.compile(r"\d|[;.⁰¹²³⁴⁵⁶⁷⁸⁹]|\b(?:while|whereas|compared|than|versus|vs)\b")
"""What parts two regimens: a number, a clause or sentence end, a citation, a comparison."""


def regimen_clusters(ctx: SentenceContext) -> list[list[Located]]:
    """Regimen mentions printed together ("axitinib plus pembrolizumab", "X, Y, and Z")."""
    clusters: list[list[Located]] = []
    for item in ctx.regimen_items:
        if clusters:
            gap = ctx.text[ctx.rel(clusters[-1][-1].end) : ctx.rel(item.start)]
            if len(re.findall(r"[A-Za-z][\w-]*", gap)) <= 5 and not CLUSTER_BREAK_RE.search(gap):  # a few joining words
                clusters[-1].append(item)
                continue
        clusters.append([item])
    return clusters


def bound_regimen(ctx: SentenceContext, start: int, end: int) -> list[Located]:
    """The regimen named right after the number ("50% in the X-Y study"), else the nearest before it."""
    clusters = regimen_clusters(ctx)
    for cluster in clusters:
        if cluster[0].start >= end:
            # "0.26 (95% CI 0.19-0.34) for ICI plus a TKI": the parenthesis is skipped, no window counted
            gap = re.sub(r"\([^()]*\)", "", ctx.text[ctx.rel(end) : ctx.rel(cluster[0].start)])
            if re.match(r"^[\s,)\]]*(?:in|with|of|for|from|on)\s+(?:the\s+|an?\s+)?(?:\w+\s+)?$", gap):
                return cluster
            break
    before = [c for c in clusters if c[-1].end <= start]
    return before[-1] if before else []


def arm_regimens(ctx: SentenceContext, quantities: list[Quantity], lexicon: Lexicon) -> dict[int, tuple[str, ...]]:
    """"X and Y achieved ORRs of 6.7% and 7.1%": k single drugs and k numbers in a row pair as arms."""
    out: dict[int, tuple[str, ...]] = {}
    for cluster in regimen_clusters(ctx):
        drugs = [r for r in cluster if lexicon.get("drug", r.key)]
        if len(drugs) < 2 or len(drugs) != len(cluster):
            continue
        joined = all(re.fullmatch(r"\s*(?:,\s*)?(?:and|or)?\s*", ctx.text[ctx.rel(a.end) : ctx.rel(b.start)])
                     for a, b in zip(cluster, cluster[1:], strict=False))
        if not joined:
            continue
        after = [q for q in quantities if q.start > cluster[-1].end]
        for i in range(0, len(after) - len(drugs) + 1):
            run = after[i : i + len(drugs)]
            gaps = [ctx.text[ctx.rel(a.end) : ctx.rel(b.start)] for a, b in zip(run, run[1:], strict=False)]
            if all(re.fullmatch(r"\s*(?:,\s*)?(?:and)?\s*", g) for g in gaps) and run[0].unit == run[-1].unit:
                for q, drug in zip(run, drugs, strict=True):
                    out[q.start] = (drug.key,)
    return out


def pair_refs_with_arms(claims: list[OutcomeClaim], first: int, ctx: SentenceContext) -> None:
    """"54.5% in the X study and 50% in the Y study (16, 27)": one marker listing k works for k
    numbers of k different regimens pairs them in order."""
    mine = claims[first:]
    if len(ctx.markers) != 1 or not mine:
        return
    numbers = sorted(ctx.markers[0].numbers)
    regimens = list(dict.fromkeys(c.regimen for c in mine))
    if len(numbers) < 2 or len(regimens) != len(numbers) or any(not r for r in regimens):
        return
    by_regimen = dict(zip(regimens, numbers, strict=True))
    for i, claim in enumerate(mine, start=first):
        if claim.scope == "cited":
            claims[i] = replace(claim, refs=(by_regimen[claim.regimen],))
