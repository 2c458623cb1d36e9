"""Which regimen and which cited work each number of a sentence belongs to.

A sentence may name several regimens and cite several works: a number takes the regimen named
right after it ("50% in the X-Y study") or the nearest one before it, and one marker listing
k works for k numbers of k regimens pairs them in order.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from extractors.measurements import Quantity
from extractors.outcome_context import NO_REGIMEN, Located, SentenceContext
from extractors.records import Arm, Mention, OutcomeClaim, StudyFacts
from extractors.regimens import (
    RANDOMISED_TO_RE,
    REGIMEN_CLASS_TOKENS,
    class_token,
    listed_regimen,
    lists_alternatives,
    regimen_of,
    shared_class,
)
from extractors.text_cues import prints_any
from extractors.treated_share import given_to_part
from ontology.lexicon import Lexicon, fold

REPORTED_WITH = (r"(?:(?:(?:has|have)\s+been|were|was|are|is)\s+)?(?:reported|observed|seen|achieved|described|"
                 r"documented|obtained)\s+")
"""'lasting a median of 20 months have been reported with X': the regimen after a passive verb."""
AFTER_NUMBER_RE = re.compile(
    r"^[\s,)\]]*(?:(?:" + REPORTED_WITH + r")?(?:in|with|of|for|from|on)\s+(?:the\s+|an?\s+)?(?:\w+\s+)?"
    r"|for\s+(?:those|patients|pts)\s+(?:who\s+)?(?:(?:were|did)\s+)?(?:not\s+|never\s+)?"
    r"(?:treated|given|receiving|received|receive|on)\s+(?:with\s+)?"
    r"(?:the\s+|an?\s+)?"
    r"|(?:in|among|of)\s+(?:\d+\s+)?(?:[A-Za-z-]+\s+){0,8}?(?:who\s+)?(?:were\s+|was\s+|did\s+)?(?:not\s+|never\s+)?"
    r"(?:treated|given|receiving|received|receive|on|(?:assigned|allocated|randomi[sz]ed)\s+to)\s+(?:with\s+)?"
    r"(?:the\s+|an?\s+)?"
    r"|(?:patients\s+|pts\s+|those\s+)?(?:who\s+(?:were\s+)?)?(?:receiving|received|treated\s+with|given)\s+"
    r"(?:the\s+|an?\s+)?)$", re.I)
"""What may stand between a number and the regimen printed after it: "for X", "reported with X",
"in aSTS treated with X", "among patients with advanced ASPS who received X", "3 of 20 (15%) patients
given X", "9 (25%) of 36 patients randomly assigned to X"."""
PAIRED_NUMBER_RE = re.compile(r"^\s*,?\s*(?:and|or)\s+\d+(?:[.·]\d+)?\s*(?:%|months?|weeks?)?")
"""The second number of a pair that shares the group phrase after it ("7.7% and 6.7% with X")."""
CLUSTER_BREAK_RE = re.compile(r"\d|[;.⁰¹²³⁴⁵⁶⁷⁸⁹]|\b(?:while|whereas|compared|than|versus|vs|v|over|against|that"
                              r"|which|suggesting|indicating|showing|but)\b")
"""What parts two regimens: a number, a clause or sentence end, a citation, a comparison ("X over placebo")."""


_clusters_of: tuple[list[Located], int, str, list[list[Located]], list[int]] | None = None


def _sentence_clusters(ctx: SentenceContext) -> tuple[list[list[Located]], list[int]]:
    """The sentence's clusters and their first starts, worked out once per list of regimen items (a long
    sentence asks for every number; a list is replaced, never reordered, once its clusters are read)."""
    global _clusters_of
    items = ctx.regimen_items
    if _clusters_of is None or _clusters_of[0] is not items or _clusters_of[1] != len(items) \
            or _clusters_of[2] != ctx.text:
        clusters = _regimen_clusters(ctx)
        _clusters_of = (items, len(items), ctx.text, clusters, [c[0].start for c in clusters])
    return _clusters_of[3], _clusters_of[4]


def regimen_clusters(ctx: SentenceContext) -> list[list[Located]]:
    """Regimen mentions printed together ("axitinib plus pembrolizumab", "X, Y, and Z")."""
    return list(_sentence_clusters(ctx)[0])


def _regimen_clusters(ctx: SentenceContext) -> list[list[Located]]:
    clusters: list[list[Located]] = []
    for item in ctx.regimen_items:
        if clusters:
            gap = ctx.text[ctx.rel(clusters[-1][-1].end) : ctx.rel(item.start)]
            if len(re.findall(r"[A-Za-z][\w-]*", gap)) <= 5 and not CLUSTER_BREAK_RE.search(gap):  # a few joining words
                clusters[-1].append(item)
                continue
        clusters.append([item])
    return clusters


def cluster_regimen(ctx: SentenceContext, cluster: list[Located], lexicon: Lexicon) -> tuple[str, ...]:
    """The regimen a cluster names: its tokens combined ("X plus Y"), or, for alternatives ("patients
    treated with X, Y or Z"), the class they all belong to (none when they share none)."""
    joins = [ctx.text[ctx.rel(a.end) : ctx.rel(b.start)] for a, b in zip(cluster, cluster[1:], strict=False)]
    if lists_alternatives(joins):
        return shared_class([(r.key,) for r in cluster], lexicon)
    return regimen_of([r.key for r in cluster], lexicon)


def sole_active_arm(arms: list[Arm]) -> Arm | None:
    """In a trial of one drug arm against placebo (or no drug), the responders whose response duration
    a sentence reports without naming an arm are the drug arm's."""
    active = [a for a in arms if a.regimen and a.regimen != ("placebo",)]
    return active[0] if len(active) == 1 and len(arms) == 2 else None


def named_regimen(ctx: SentenceContext, lexicon: Lexicon) -> tuple[str, ...]:
    """The regimen a sentence names: its tokens combined, or, when they are printed as one list of
    alternatives ("All patients received X or Y"), the class they share; a cohort given either drug
    was not given both; so is a class printed over a parenthesis of its drugs ("VEGFR TKIs (X in 30, Y in 12)")."""
    items = [(r.key, ctx.rel(r.start), ctx.rel(r.end)) for r in ctx.regimen_items]
    listed = listed_regimen(ctx.text, items, lexicon)
    if listed is not None:
        return listed
    keys = {r.key for r in ctx.regimen_items}
    joins = [ctx.text[ctx.rel(a.end) : ctx.rel(b.start)] for a, b in zip(ctx.regimen_items, ctx.regimen_items[1:],
                                                                          strict=False)]
    if len(keys) >= 2 and lists_alternatives(joins, counted=not RANDOMISED_TO_RE.search(ctx.text)):
        shared = shared_class([(key,) for key in keys], lexicon)
        if shared:
            return shared
    return regimen_of([r.key for r in ctx.regimen_items], lexicon)


OWN_VALUE_RE = re.compile(r"\s*(?:was|were|of|:|=)?\s*\d+(?:[.·]\d+)?\s*(?:%|months?|mos?\b|weeks?|years?)", re.I)
"""'63 months (...), for Y 21 months': a regimen followed by a value of its own is that value's."""


def bound_regimen(ctx: SentenceContext, start: int, end: int) -> list[Located]:
    """The regimen named right after the number ("50% in the X-Y study"), else the nearest before it."""
    clusters, firsts = _sentence_clusters(ctx)  # in the order of their first items' starts
    k = bisect_left(firsts, end)
    if k < len(clusters):
        cluster = clusters[k]
        # "0.26 (95% CI 0.19-0.34) for ICI plus a TKI": the parenthesis is skipped, no window counted
        gap = re.sub(r"\([^()]*\)", "", ctx.text[ctx.rel(end) : ctx.rel(cluster[0].start)])
        if (AFTER_NUMBER_RE.match(gap) or AFTER_NUMBER_RE.match(PAIRED_NUMBER_RE.sub("", gap, count=1))) \
                and not OWN_VALUE_RE.match(ctx.text, ctx.rel(cluster[-1].end)):
            return cluster  # "... 7.7% and 6.7% with X alone": the phrase closes the pair
    k = bisect_right(firsts, start) - 1
    while k >= 0 and clusters[k][-1].end > start:  # only clusters running past `start` are passed over
        k -= 1
    return clusters[k] if k >= 0 else []


COMPARATOR_GROUP_RE = re.compile(
    r"[\s,)\]]*(?:\([^()]*\)\s*)*(?:with|in|for|among|on)\s+(?:the\s+|those\s+|patients\s+)?"
    r"(?:(?:receiving|treated\s+with|given|on)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:(?:other|SOC|standard(?:[- ]of[- ]care)?|control|comparator|conventional|historical|reference|alternative)"
    r"(?:\s+[\w-]+){0,3}?\s+(?:groups?|arms?|cohorts?|controls?|therap(?:y|ies)|treatments?|agents?|regimens?|drugs?)"
    r"|(?:best\s+)?supportive\s+care|BSC|observation|active\s+surveillance|watchful\s+waiting"
    r"|(?:control|comparator)(?=\s*(?:[.,;)]|$)))\b",
    re.I)
"""'23.1% with the SOC comparator group', '6.7 months with other therapies', '7% for the control': the
value's own group, a comparator the sentence names by its role only."""


def comparator_after(ctx: SentenceContext, end: int) -> bool:
    """Whether the number ending at `end` is followed by a comparator group that names no regimen: its
    regimen is not the one named before it (that is the other group's)."""
    m = COMPARATOR_GROUP_RE.match(ctx.text, ctx.rel(end))
    if m is None:
        return False
    a, b = ctx.start + m.start(), ctx.start + m.end()
    return not any(a <= r.start < b for r in ctx.regimen_items)


def arm_regimens(ctx: SentenceContext, quantities: list[Quantity], lexicon: Lexicon) -> dict[int, tuple[str, ...]]:
    """"X and Y achieved ORRs of 6.7% and 7.1%": k single drugs and k numbers in a row pair as arms; so do
    groups of no drug and a class ("with observation and with chemotherapy, a and b, respectively")."""
    out: dict[int, tuple[str, ...]] = {}
    for cluster in regimen_clusters(ctx):
        drugs = [r for r in cluster if lexicon.get("drug", r.key)
                 or ((not r.key or r.key in REGIMEN_CLASS_TOKENS) and any(not x.key for x in cluster))]
        if len(drugs) < 2 or len(drugs) != len(cluster) or len({r.key for r in cluster}) != len(cluster):
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
                    out[q.start] = regimen_of([drug.key], lexicon)
    return out


RESPECTIVELY_RE = re.compile(r"\brespectively\b", re.I)
GROUP_NOUN = r"(?:\s+(?:groups?|arms?|cohorts?))?"
RESPECTIVE_JOIN_RE = re.compile(GROUP_NOUN + r"\s*,?\s*(?:and|or|vs\.?|versus|(?-i:v)\.?)?\s*(?:the\s+)?", re.I)
"""What joins the regimens listed before "respectively": "the X group and the Y group", "X versus Y"."""
RESPECTIVE_TAIL_RE = re.compile(GROUP_NOUN + r"\s*,?\s*", re.I)
RESPECTIVE_LEAD_RE = re.compile(r"\s*(?:(?:months?|weeks?|years?|%)\s*)?,?\s*(?:for|with|in|among|on)\s+(?:the\s+)?"
                                r"(?:(?:patients|those)\s+(?:who\s+(?:were\s+)?)?(?:receiving|received|treated\s+with|"
                                r"given|on)\s+)?", re.I)
"""What leads from the last number of a run into its regimens: "... months for (patients receiving) X"."""
RESPECTIVE_GAP_RE = re.compile(r"\s*(?:,\s*)?(?:and|or|vs\.?|versus|(?-i:v)\.?)?\s*", re.I)


def _unit_free(text: str) -> str:
    """A gap between two numbers without its parentheses and units ("(95% CI 3-5) months vs" -> " vs")."""
    return re.sub(r"\b(?:months?|weeks?|years?)\b|%", "", re.sub(r"\([^()]*\)|\[[^\[\]]*\]", "", text))


COMBINE_JOIN_RE = re.compile(r"\s*(?:/|\+|-|–|plus|with|combined\s+with|in\s+combination\s+with)\s*", re.I)
"""What joins the drugs of one listed regimen ("X/Y", "X plus Y")."""


def respective_regimens(ctx: SentenceContext, quantities: list[Quantity],
                        lexicon: Lexicon) -> dict[int, tuple[str, ...]]:
    """"15.1 versus 6.6 months for X and placebo, respectively": k regimens listed after a run of k
    numbers and closed by "respectively" are the numbers' arms, in order (not one combination); a
    listed regimen may be a combination of its own ("for X and X/Y, respectively")."""
    out: dict[int, tuple[str, ...]] = {}
    for m in RESPECTIVELY_RE.finditer(ctx.text) if prints_any(ctx.text, "respectively") else ():
        at = ctx.start + m.start()
        before = [q for q in quantities if q.end <= at]
        items = [r for r in ctx.regimen_items if before and before[-1].end <= r.start < at]
        if len(before) >= 2 and len(items) == 1:
            out.update(_one_named_member(ctx, before, items[0], at, lexicon))
        if len(before) < 2 or len(items) < 2:
            continue
        if not all(r.key == "placebo" or not r.key or lexicon.get("drug", r.key) for r in items):
            continue  # classes listed this way are a pool's, not arms (a group of no drug is an arm)
        units: list[list[Located]] = [[items[0]]]
        for a, b in zip(items, items[1:], strict=False):
            if COMBINE_JOIN_RE.fullmatch(ctx.text[ctx.rel(a.end) : ctx.rel(b.start)]):
                units[-1].append(b)
            else:
                units.append([b])
        regimens = [regimen_of([r.key for r in unit], lexicon) for unit in units]
        if len(units) < 2 or len(units) > len(before) or len(set(regimens)) != len(regimens):
            continue
        joins = [ctx.text[ctx.rel(a[-1].end) : ctx.rel(b[0].start)] for a, b in zip(units, units[1:], strict=False)]
        lead = _unit_free(ctx.text[ctx.rel(before[-1].end) : ctx.rel(items[0].start)])
        if not all(RESPECTIVE_JOIN_RE.fullmatch(j) for j in joins) or not RESPECTIVE_LEAD_RE.fullmatch(lead) \
                or not RESPECTIVE_TAIL_RE.fullmatch(ctx.text[ctx.rel(items[-1].end) : m.start()]):
            continue
        run = before[-len(units):]
        gaps = [_unit_free(ctx.text[ctx.rel(a.end) : ctx.rel(b.start)]) for a, b in zip(run, run[1:], strict=False)]
        if len({q.kind for q in run}) != 1 or not all(RESPECTIVE_GAP_RE.fullmatch(g) for g in gaps):
            continue
        for q, regimen in zip(run, regimens, strict=True):
            out[q.start] = regimen
    return out


LISTED_MEMBER_JOIN_RE = re.compile(r"\s*,\s*(?:and\s+|or\s+)?(?:the\s+)?|\s+(?:and|or|vs\.?|versus)\s+(?:the\s+)?",
                                   re.I)
LIST_LEAD_RE = re.compile(r"\b(?:for|with|in|among|on)\s+(?:the\s+)?", re.I)
"""What leads from a run of numbers into the arms they belong to ("... months for the")."""
LISTED_MEMBER_RE = re.compile(r"[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3}")
"""A member of a list of arms: a few words ("PL", "best supportive care")."""


def _one_named_member(ctx: SentenceContext, before: list[Quantity], item: Located, at: int,
                      lexicon: Lexicon) -> dict[int, tuple[str, ...]]:
    """"6.2 vs 2.0 months for X and PL arms, respectively", where only X is a regimen the lexicon knows:
    the list's members pair with the run of numbers in order, so X's number is X's and the others are
    no regimen's here (each number would otherwise take the regimen nearest to it, X for the wrong arm)."""
    gap = ctx.text[ctx.rel(before[-1].end) : ctx.rel(at)]
    lead = LIST_LEAD_RE.search(gap)
    if lead is None or _unit_free(gap[: lead.start()]).strip(" ,"):
        return {}
    listed = re.sub(GROUP_NOUN + r"\s*,?\s*$", "", gap[lead.end() :], flags=re.I)
    members = LISTED_MEMBER_JOIN_RE.split(listed)
    run = before[-len(members):]
    if len(members) < 2 or len(members) > len(before) or not all(LISTED_MEMBER_RE.fullmatch(w) for w in members):
        return {}
    gaps = [_unit_free(ctx.text[ctx.rel(a.end) : ctx.rel(b.start)]) for a, b in zip(run, run[1:], strict=False)]
    if len({q.kind for q in run}) != 1 or not all(RESPECTIVE_GAP_RE.fullmatch(g) for g in gaps):
        return {}
    if any(before[-1].end <= p.start < at for p in ctx.populations):
        return {}  # "with X in LMS and UPS, respectively": the members are populations, all given X
    offset, out = ctx.rel(before[-1].end) + lead.end(), {}
    for q, member in zip(run, members, strict=True):
        start = ctx.text.index(member, offset)
        offset = start + len(member)
        named = ctx.start + start <= item.start and item.end <= ctx.start + offset
        out[q.start] = regimen_of([item.key], lexicon) if named else ()
    return out if any(out.values()) else {}


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


CONTROL_TOKENS = frozenset({"placebo"})


def hazard_regimen(ctx: SentenceContext, regimen: tuple[str, ...], lexicon: Lexicon,
                   primary: bool = False, study_regimen: tuple[str, ...] = ()) -> tuple[str, ...]:
    """A hazard ratio compares the experimental treatment with the control: when the regimen
    nearest to it is the placebo ("... 15 months in the placebo arm (HR, 0.29)"), it belongs to
    the first active regimen the sentence names instead. In the paper's own results, of two
    regimens compared it is the one not given alone, the one adding a drug to the other, else the
    first named ("the hazard ratio for death with X versus Y was 0.77"). A sentence of the paper's
    own that names the placebo only ("against placebo, the treatment cut the hazard (HR 0.41)") gives
    it to the study's own regimen."""
    if regimen and (primary or COMPARED_RE.search(ctx.text)):
        # also in another work's sentence that sets two regimens against each other ("X prolonged OS
        # to 13.5 months compared with 11.5 months for Y (HR 0.77)"): the HR is not Y's
        compared = _experimental_of_compared(ctx, lexicon)
        if compared:
            return compared
    if not regimen or not CONTROL_TOKENS & set(regimen):
        return regimen
    if not set(regimen) <= CONTROL_TOKENS:
        listed = _listed_cluster(ctx, regimen, lexicon)
        if listed is None:
            return regimen  # "X plus placebo" is an arm of its own
        # "15.1 vs 6.6 months for X and placebo (HR 0.36)": the active one of the two listed
        return tuple(t for t in regimen if t not in CONTROL_TOKENS)
    for cluster in regimen_clusters(ctx):
        tokens = regimen_of([r.key for r in cluster], lexicon)
        if tokens and not set(tokens) <= CONTROL_TOKENS:
            return tokens
    if primary and study_regimen and not set(study_regimen) <= CONTROL_TOKENS:
        return study_regimen
    return regimen


COMPARED_RE = re.compile(r"\b(?:compared\s+(?:with|to)|versus|vs\.?|over|than)\s", re.I)


def _experimental_of_compared(ctx: SentenceContext, lexicon: Lexicon) -> tuple[str, ...]:
    """Of exactly two regimens a sentence compares, the experimental one (see `hazard_regimen`)."""
    named = []
    for cluster in regimen_clusters(ctx):
        tokens = regimen_of([r.key for r in cluster], lexicon)
        alone = bool(ALONE_RE.match(ctx.text, ctx.rel(cluster[-1].end)))
        if tokens and tokens not in [t for t, _ in named]:
            named.append((tokens, alone))
    if len(named) != 2:
        return ()
    (first, first_alone), (second, second_alone) = named
    if set(first) <= CONTROL_TOKENS or first_alone or set(first) < set(second):
        return () if set(second) <= CONTROL_TOKENS else second
    return first


def _listed_cluster(ctx: SentenceContext, regimen: tuple[str, ...], lexicon: Lexicon) -> list[Located] | None:
    """The cluster giving `regimen` when its items are listed ("X and placebo", "X or placebo"), not
    combined ("X plus placebo"); None otherwise."""
    for cluster in regimen_clusters(ctx):
        if regimen_of([r.key for r in cluster], lexicon) != regimen:
            continue
        joins = [ctx.text[ctx.rel(a.end) : ctx.rel(b.start)] for a, b in zip(cluster, cluster[1:], strict=False)]
        if joins and all(re.fullmatch(r"\s*(?:,|,?\s*(?:and|or|/))\s*(?:the\s+)?", j, re.I) for j in joins):
            return cluster
    return None


ELLIPSIS_JOIN_RE = re.compile(r"\s*(?:(?P<both>plus|\+|combined\s+with)|(?P<either>and|or|/))\s*", re.I)
"""What joins a bare target to the class that follows it: a combination, or alternatives."""


def add_elliptical_classes(ctx: SentenceContext, mentions: list[Mention], lexicon: Lexicon) -> None:
    """"PD-1 plus CTLA-4 blockade": a bare target before a class built on another target shares the
    class's head noun, so it names the class "PD-1 blockade" (both classes are the regimen); "PD-1
    and PD-L1 antibodies" name alternatives, whose regimen is the class they share (ici)."""
    targets = [m for m in mentions if m.type == "target"]
    classes = [m for m in mentions if m.type == "drug_class"]
    for target in targets:
        after = [c for c in classes if c.evidence.start >= target.evidence.end]
        if not after or any(c.evidence.start <= target.evidence.start < c.evidence.end for c in classes):
            continue  # no class follows, or the target is itself inside a class name
        cls = after[0]
        joint = ELLIPSIS_JOIN_RE.fullmatch(ctx.text[ctx.rel(target.evidence.end) : ctx.rel(cls.evidence.start)])
        nested = [t for t in targets if cls.evidence.start <= t.evidence.start and t.evidence.end <= cls.evidence.end]
        if joint is None or not nested:
            continue
        head = ctx.text[ctx.rel(nested[-1].evidence.end) : ctx.rel(cls.evidence.end)]
        key = lexicon.forms("drug_class").get(fold(target.surface + head))
        token = class_token(lexicon, key) if key else None
        other = class_token(lexicon, cls.key)
        if token is None or other is None:
            continue
        if joint.group("either"):
            shared = shared_class([(token,), (other,)], lexicon)
            if not shared:
                continue
            start, end = target.evidence.start, cls.evidence.end
            ctx.regimen_items = [r for r in ctx.regimen_items if not start <= r.start < end] + [
                Located("regimen", shared[0], start, end)]
        else:
            ctx.regimen_items = [r for r in ctx.regimen_items if r.start != target.evidence.start] + [
                Located("regimen", token, target.evidence.start, target.evidence.end)]
        ctx.regimen_items.sort(key=lambda r: r.start)


ANAPHOR_RE = re.compile(
    r"\b(?:this|that|the\s+same|such\s+an?|these)\s+(?P<noun>combinations?|combined\s+(?:regimen|therapy|approach)|"
    r"doublets?|regimens?|strateg(?:y|ies))\b", re.I)
"""'an ORR of 24% for this combination': the combination the sentence before named."""


def add_anaphoric_regimen(ctx: SentenceContext, previous: list[str]) -> list[str]:
    """Give "this combination" (or regimen, strategy) the tokens of the last combination of two or
    more drugs or classes named before it in the paragraph; return what the next sentence may
    refer to (this sentence's last combination, else the one carried)."""
    own = [c for c in regimen_clusters(ctx) if len({r.key for r in c}) >= 2]
    anaphor = prints_any(ctx.text, "combination", "combined", "doublet", "regimen", "strateg")  # most print none
    for m in ANAPHOR_RE.finditer(ctx.text) if anaphor else ():
        before = [c for c in own if c[-1].end <= ctx.start + m.start()]
        tokens = sorted({r.key for r in before[-1]}) if before else previous
        if tokens and not any(ctx.start + m.start() <= r.start < ctx.start + m.end() for r in ctx.regimen_items):
            ctx.regimen_items = sorted(ctx.regimen_items + [
                Located("regimen", t, ctx.start + m.start(), ctx.start + m.end()) for t in tokens],
                key=lambda r: r.start)
    return sorted({r.key for r in own[-1]}) if own else previous


EXAMPLES_RE = re.compile(r"\b(?:such\s+as|including|e\.g\.|for\s+example)\s", re.I)


DISEASE_STATEMENT_RE = re.compile(
    r"^\W*(?:historically|in\s+general|generally|traditionally|typically|untreated)\b"
    r"|^\W*(?:the\s+)?(?:prognosis|natural\s+history|(?:overall\s+|median\s+|\d+-year\s+)*survival)\s+(?:of|for|in)\s+"
    r"(?:all\s+)?(?:patients|adults|children|those|people)\b", re.I)
"""'Historically, the median OS of relapsed patients is 9 months [4]', 'Survival of patients with metastatic
disease remains below 20% [2]': a cited statement about the disease, which names no therapy."""


COMPARED_RE = re.compile(r"\b(?:compared\s+(?:with|to)|versus|vs\.?|than)\s", re.I)


def compares_drugs(ctx: SentenceContext) -> bool:
    """"35.5 months with X compared with 31.5 months with Y": a sentence that sets two drugs against each
    other names two arms, not two parts of one combination (a study whose arms the frame missed)."""
    keys = {r.key for r in ctx.regimen_items if r.key != NO_REGIMEN}
    return len(keys) >= 2 and COMPARED_RE.search(ctx.text) is not None


def about_the_disease(text: str) -> bool:
    """Whether a sentence states a fact of the disease (prognosis, natural history), no treatment's result:
    a cited one takes no regimen from the sentence before (devset README: "cited statements that name no
    therapy" have none)."""
    return DISEASE_STATEMENT_RE.search(text) is not None


def lead_regimen(ctx: SentenceContext, tokens: tuple[str, ...], previous: tuple[tuple[str, ...], int], *,
                 primary_results: bool) -> tuple[tuple[str, ...], int]:
    """The regimen an unmarked sentence named without reporting a result of its own, kept (with its
    age in sentences) for the next two sentences: a cited sentence among them that names none is
    about it. A sentence with a marker (it belongs to its own work) or with the paper's own results
    ends it; so does a list of examples ("agents such as X, Y and Z"), which names no one regimen."""
    items = ctx.regimen_items
    listed = any("," in ctx.text[ctx.rel(a.end) : ctx.rel(b.start)] for a, b in zip(items, items[1:], strict=False))
    if ctx.markers or primary_results or listed or EXAMPLES_RE.search(ctx.text):
        return (), 0
    if tokens:
        return tokens, 0
    regimen, age = previous
    return (regimen, age + 1) if regimen and age < 1 else ((), 0)


COHORT_GIVEN_RE = re.compile(
    r"\b(?:\d+|[A-Za-z]+(?:-[a-z]+)?)\s+(?:[\w-]+\s+){0,3}?(?:patients|participants|pts|children|cases)\s+"
    r"(?:received|were\s+(?:treated\s+with|administered|given|assigned\s+to))\s", re.I)
"""'Thirty-six patients received X': a group of the study and the treatment it was given."""


LATER_THERAPY_RE = re.compile(
    r"\b(?:received|given|treated\s+with)\s+(?:an?\s+)?(?:subsequent|post-?progression|salvage)\b"
    r"|\b(?:subsequent|post-?(?:progression|study|trial)|salvage)\s+(?:[\w-]+\s+)?(?:therap(?:y|ies)|treatments?|"
    r"regimens?)\b", re.I)
"""'received subsequent X', 'post-progression therapy': treatments after the study's, not its groups'."""


def cohort_regimen(ctx: SentenceContext, named: tuple[str, ...], study_regimen: tuple[str, ...]) -> tuple[str, ...]:
    """The regimen a sentence gives a counted group of patients ("Thirty-six patients received initial
    X."), for the results the next sentence reports of them; () when the sentence gives none, or only
    part of the study's own regimen (a dose sentence of one drug of a combination), or when the group is
    a share of the patients ("the proportion of patients who received X was 58%", "60% of patients received
    X", "Of the 80 patients, 30 received X"), or a treatment after the study's ("received subsequent X")."""
    if not named or not COHORT_GIVEN_RE.search(ctx.text) or set(named) <= set(study_regimen) \
            or given_to_part(ctx.text, 0, names_treatment=True) or LATER_THERAPY_RE.search(ctx.text):
        return ()
    return named


ALL_PATIENTS_RE = re.compile(r"\s*(?:for|in|among|across)\s+(?:all|the\s+(?:whole|entire|overall))\s+"
                             r"(?:\d+\s+)?(?:patients|participants|cohort|population|series)\b", re.I)
"""A result opened as the whole cohort's ("For all patients, ...", "In the entire cohort")."""


def given_groups(ctx: SentenceContext, named: tuple[str, ...], scope: str) -> list[tuple[str, ...]]:
    """[the regimen] a sentence of the paper's own gives a counted group ("37 patients were given X and Y")."""
    return [named] if named and scope == "primary" and COHORT_GIVEN_RE.search(ctx.text) else []


def pooled_regimen(ctx: SentenceContext, given: list[tuple[str, ...]], study: StudyFacts,
                   lexicon: Lexicon) -> tuple[str, ...]:
    """The regimen of a result "for all patients" after the paragraph gave groups different regimens
    (a window drug, then a protocol for everyone): the class they all share with the study's own
    regimen ("chemotherapy"); () when no such result or no shared class."""
    if not ALL_PATIENTS_RE.match(ctx.text) or len(set(given)) < 2:
        return ()
    return shared_class([*dict.fromkeys(given), *([study.regimen] if study.regimen else [])], lexicon)


ALONE_RE = re.compile(r"\s+(?:alone|monotherapy|as\s+(?:a\s+)?single\s+agent)\b", re.I)
ROLE_RE = re.compile(r"\b(?:(?P<combo>combination|combined\s+(?:therapy|treatment|regimen))|"
                     r"(?P<mono>monotherapy|single[- ]agent|alone))\b", re.I)


def role_regimens(ctx: SentenceContext, lexicon: Lexicon) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """"compared cabozantinib alone with a combination of nivolumab, ipilimumab and cabozantinib":
    the (combination, monotherapy) regimens of a comparison that names one drug alone."""
    alone = [r for r in ctx.regimen_items if ALONE_RE.match(ctx.text, ctx.rel(r.end))]
    if len(alone) != 1:
        return None
    combination = regimen_of([r.key for r in ctx.regimen_items], lexicon)
    single = regimen_of([alone[0].key], lexicon)
    return (combination, single) if combination != single else None


def by_role(ctx: SentenceContext, roles: tuple[tuple[str, ...], tuple[str, ...]],
            run: tuple[int, int]) -> tuple[str, ...] | None:
    """"PFS was longer for the combination than for monotherapy (5.3 vs 3.5 months)": two numbers
    compared take the roles in the order the sentence names them."""
    order: list[str] = []
    for m in ROLE_RE.finditer(ctx.text):
        role = "combo" if m.group("combo") else "mono"
        if role not in order:
            order.append(role)
    index, size = run
    if size != 2 or len(order) != 2:
        return None
    return roles[0] if order[index] == "combo" else roles[1]


COMPARED_WITH_RE = re.compile(r"\b(?:compared\s+(?:with|to)|versus|vs\.?|over|than)\s", re.I)
""""X improved PFS compared with Y": what sets the second regimen against the first."""
CHANGE_VERB_RE = re.compile(r"\b(?:prolong|improv|increas|extend|lengthen|rais|doubl)\w*\b", re.I)


def compared_regimen(ctx: SentenceContext, q: Quantity, run: tuple[int, int] | None,
                     lexicon: Lexicon) -> tuple[str, ...] | None:
    """The regimen of one value of a comparison between two regimens a sentence names: for a pair
    compared in order ("X improved PFS compared with Y (4.6 vs 1.6 months)") the one at its place;
    for a change ("X prolonged PFS from 1.5 months with Y to 4.2 months") the later value is the
    subject's, the earlier the other's. None when the sentence names no two such regimens."""
    clusters = [c for c in regimen_clusters(ctx) if c[-1].end <= q.start or q.change]
    if len(clusters) != 2:
        return None
    first, second = (regimen_of([r.key for r in c], lexicon) for c in clusters)
    went_without = [all(not r.key for r in c) for c in clusters]  # "than untreated patients": a group of none
    if (not first and not went_without[0]) or (not second and not went_without[1]) or first == second:
        return None
    if q.change:
        verb = CHANGE_VERB_RE.search(ctx.text, ctx.rel(clusters[0][-1].end))
        if verb is None or ctx.start + verb.start() > clusters[1][0].start:
            return None  # the subject of the change is the first regimen, the second comes after the verb
        return first if q.change == "to" else second
    if run is None or run[1] != 2 or clusters[1][-1].end > q.start:
        return None
    if not COMPARED_WITH_RE.search(ctx.text[ctx.rel(clusters[0][-1].end) : ctx.rel(clusters[1][0].start)]):
        return None
    return (first, second)[run[0]]


SIZED_GROUP_END_RE = re.compile(r"\(\s*n\s*=\s*\d+\s*\)")
"""'X (n = 52), Y (n = 40) or Z (n = 61)': each group of a listed series closed by its size."""


def sized_groups(ctx: SentenceContext, lexicon: Lexicon) -> list[tuple[str, ...]]:
    """The regimens of the groups a sentence lists with their sizes ("received X plus Y (n = 52), X
    plus Z (n = 40) or X alone (n = 61)"), in order, for a "respectively" in the next sentence; []
    unless two or more groups each name a regimen of their own."""
    out: list[tuple[str, ...]] = []
    begin = ctx.start
    for m in SIZED_GROUP_END_RE.finditer(ctx.text):
        end = ctx.start + m.start()
        tokens = regimen_of([r.key for r in ctx.regimen_items if begin <= r.start < end], lexicon)
        if not tokens:
            return []
        out.append(tokens)
        begin = ctx.start + m.end()
    return out if len(out) >= 2 and len(set(out)) == len(out) else []
