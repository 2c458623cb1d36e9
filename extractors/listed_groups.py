"""Groups listed in order against a run of numbers ("..., respectively"): subtypes, mutation
subgroups and drugs, each number taking the member in its place.

Used by `extractors.outcome_endpoints` (populations listed before or after the numbers) and
`extractors.outcome_regimens` (drugs listed before the numbers).
"""

from __future__ import annotations

import re

from extractors.measurements import Quantity
from extractors.outcome_context import Located, SentenceContext
from extractors.regimens import regimen_of
from extractors.visible_populations import visible_populations
from ontology.lexicon import Lexicon

LIST_JOIN_RE = re.compile(r"\band\b|\bor\b|,")
"""What a pool printed as a list holds between its members ("ARMS and PRMS"), unlike one pooled term."""


def listed_members(ctx: SentenceContext, groups: list[Located], count: int) -> list[tuple[str, ...]] | None:
    """The `count` members of a list of groups, in order, when a coordinated pool within it
    ("embryonal RMS, alveolar RMS and pleomorphic RMS", read as ERMS then the pool ARMS|PRMS) must
    be opened into its members to match the numbers; None when the members are not `count` or a
    pool is one term of several codes (no list), which stays whole."""
    members: list[tuple[str, ...]] = []
    for group in groups:
        if len(group.codes) > 1:
            if not LIST_JOIN_RE.search(ctx.text[ctx.rel(group.start) : ctx.rel(group.end)]):
                return None
            members += [(code,) for code in group.codes]
        else:
            members.append(group.codes)
    return members if len(members) == count and all(members) else None


RESPECTIVELY_RE = re.compile(r"\brespectively\b", re.I)
DRUG_LIST_JOIN_RE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:the\s+)?", re.I)
"""What parts the drugs of a list read member by member ("X, Y and Z", "X or Y")."""
RUN_GAP_RE = re.compile(r"\s*(?:,\s*)?(?:and|or)?\s*", re.I)


def _unit_free(text: str) -> str:
    """A gap between two numbers without its parentheses, brackets and units."""
    return re.sub(r"\b(?:months?|weeks?|years?)\b|%", "", re.sub(r"\([^()]*\)|\[[^\[\]]*\]", "", text))


def regimens_listed_before(ctx: SentenceContext, quantities: list[Quantity], codes: list[tuple[str, str]],
                           lexicon: Lexicon) -> dict[int, tuple[str, ...]]:
    """"Patients given X or Y reached median PFS values of a (CI) and b (CI), respectively": k
    single drugs listed before a run of k numbers of one endpoint and timepoint, with "respectively"
    closing the run, are the numbers' regimens in order (not one combination, nor the class the two
    share). `codes` holds each quantity's (endpoint, timepoint). Left alone when the list names a
    population too (the groups are then the populations) or a regimen follows the run."""
    out: dict[int, tuple[str, ...]] = {}
    for m in RESPECTIVELY_RE.finditer(ctx.text) if "respectively" in ctx.text.lower() else ():
        at = ctx.start + m.start()
        before = [(q, c) for q, c in zip(quantities, codes, strict=True) if q.end <= at]
        if len(before) < 2 or any(before[-1][0].end <= r.start < at for r in ctx.regimen_items):
            continue
        run = [before[-1]]
        for q, c in reversed(before[:-1]):
            gap = _unit_free(ctx.text[ctx.rel(q.end) : ctx.rel(run[0][0].start)])
            if q.kind != run[0][0].kind or c != run[0][1] or not RUN_GAP_RE.fullmatch(gap):
                break
            run.insert(0, (q, c))
        earlier = [q for q, _ in before[: len(before) - len(run)]]
        lead_start = earlier[-1].end if earlier else ctx.start
        items = [r for r in ctx.regimen_items if lead_start <= r.start and r.end <= run[0][0].start]
        if len(items) != len(run) or len(run) < 2:
            continue
        joins = [ctx.text[ctx.rel(a.end) : ctx.rel(b.start)] for a, b in zip(items, items[1:], strict=False)]
        regimens = [regimen_of([r.key for r in [item]], lexicon) for item in items]
        if not all(DRUG_LIST_JOIN_RE.fullmatch(j) for j in joins) \
                or not all(lexicon.get("drug", r.key) for r in items) or len(set(regimens)) != len(regimens):
            continue
        if any(lead_start <= p.start < at and len(p.codes) > 1 for p in visible_populations(ctx)) \
                or len({p.codes for p in visible_populations(ctx) if lead_start <= p.start < at}) > 1:
            continue  # "X and Y in LMS and UPS ...": the list is of populations
        for (q, _), regimen in zip(run, regimens, strict=True):
            out[q.start] = regimen
    return out
