"""What a number in a results sentence is: its endpoint, timepoint and the group phrase it is tied to.

The outcome extractor (`outcomes.py`) asks this module, per sentence, which of the measurement
matcher's numbers are results and of what. The result grammar's statements (responders "X of N
(P%)", zero responders, category counts: `result_counts.py`) are read first; the remaining
numbers take the nearest compatible endpoint in their clause, "respectively", "corresponding",
listed-timepoint and endpoint-tuple lists pair in order, and rates keep the timepoint printed
with them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache

from extractors.clause_marks import marks_of
from extractors.listed_groups import listed_members
from extractors.measurements import Quantity, Timepoint, without_parentheses, words_before
from extractors.outcome_context import ENDPOINT_FAMILY, RESPONSE_CATEGORIES, Located, SentenceContext
from extractors.outcome_filters import is_count_proportion, named_as_no_result
from extractors.outcome_timepoints import timepoint_for, timepoint_near  # noqa: F401  (outcomes imports them here)
from extractors.text_cues import prints_any
from extractors.visible_populations import visible_populations

COMPATIBLE = {
    "percent": {"ORR", "DCR", "CBR", "PFS", "OS", "EFS", "DFS", "DSS"},
    "proportion": {"ORR", "DCR", "CBR", "PFS", "OS", "EFS", "DFS", "DSS"},
    "time": {"PFS", "OS", "DoR", "TTR", "followup", "TTP", "TTF", "EFS", "DFS", "DSS"},
    "nr": {"PFS", "OS", "DoR", "TTR", "TTP", "TTF", "EFS", "DFS", "DSS"},
    "hr": {"PFS", "OS"},
}
NO_HR_CODE = {"EFS", "DFS", "TTP", "TTF", "DSS"}
"""Time-to-event endpoints whose hazard ratio the contract has no code for: a ratio printed for one of
them is no HR of another endpoint named earlier in the sentence."""
NON_OUTCOME_CLAUSE_RE = re.compile(r"adverse|TRAE|\bAEs?\b|toxicit|grade\s*\d|\bage[ds]?\b|\bmg\b"
                                   r"|(?<!all\s)(?<!any\s)(?<!each\s)(?<!every\s)(?<!the\s)dose(?!s?\s+(?:levels?|tested)\b)"
                                   r"|\b(?:post[-\s]?(?:study|trial|protocol|progression)|subsequent)\s+(?:[\w-]+\s+){0,2}?"
                                   r"(?:therap|treatment|regimen)",
                                   re.I)
"""Words of a clause that measures something else (safety, age, dose, the later therapies patients had:
"OS is hard to read, since most of both arms had subsequent therapy (58% vs 61%)") between an endpoint
and a number; a group named by its doses ("across all dose levels", "at any of the doses tested") is no
such clause."""
NON_OUTCOME_WORDS = ("advers", "trae", "ae", "toxicit", "grade", "age", "mg", "dose", "post", "subsequent")
"""A word each match of `NON_OUTCOME_CLAUSE_RE` prints: a stretch with none of them holds no match."""


def other_measure_between(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` holds a `NON_OUTCOME_CLAUSE_RE` clause (read only when one of its words is there)."""
    return marks_of(text, NON_OUTCOME_WORDS).any_within(start, end) and bool(
        NON_OUTCOME_CLAUSE_RE.search(text[start:end]))


def assign_endpoints(
    ctx: SentenceContext, quantities: list[Quantity], timepoints: list[Timepoint]
) -> list[tuple[Quantity, str, str, tuple[str, ...] | None]]:
    """(quantity, endpoint code, timepoint, population or None) for each outcome number."""
    usable = [q for q in quantities if not is_count_proportion(ctx, q) and not named_as_no_result(ctx, q)]
    paired: dict[int, tuple[Quantity, str, str, tuple[str, ...] | None]] = {}
    for m in re.finditer(r"\brespectively\b", ctx.text, re.I) if prints_any(ctx.text, "respectively") else ():
        for item in _respectively(ctx, usable, timepoints, ctx.start + m.start()):
            paired[item[0].start] = item
    for item in _coordinated(ctx, usable, timepoints) if prints_any(ctx.text, " and ") else ():
        paired.setdefault(item[0].start, item)
    for item in _corresponding(ctx, usable, timepoints):
        paired.setdefault(item[0].start, item)
    for item in _listed_timepoints(ctx, [q for q in usable if q.start not in paired], timepoints):
        paired.setdefault(item[0].start, item)
    for item in _endpoint_tuples(ctx, [q for q in usable if q.start not in paired], timepoints):
        paired.setdefault(item[0].start, item)
    out = []
    for q in usable:
        if q.start in paired:
            out.append(paired[q.start])
            continue
        endpoint = nearest_endpoint(ctx, q)
        if endpoint is not None and q.kind == "time" and words_before(ctx.text, ctx.rel(endpoint.start), 1).strip(
                ).lower() == "mean":
            continue  # "mean PFS was 1.8-11.5 months": a mean, which no median endpoint holds
        code = _hr_named(ctx, q) or (endpoint_code(endpoint.key, q) if endpoint else None) or _survival_hr(ctx, q)
        if code is None and out and _elliptical_clause(ctx, q):
            # "Median OS: LMS 18.2 mos; LPS 11.0 mos": a clause of a group and a number only goes on
            # with the endpoint (and timepoint) of the clause before it
            previous = next((item for item in reversed(out) if item[0].kind == q.kind), None)
            if previous is not None:
                out.append((q, previous[1], previous[2], None))
            continue
        if code is None:
            continue
        timed = code.endswith("_rate") or (code in {"ORR", "DCR", "CBR"} and timepoint_near(ctx, q))
        out.append((q, code, timepoint_for(q, timepoints, ctx) if timed else "", None))
    read = {q.start for q in usable}
    out += [item for start, item in paired.items() if start not in read]  # numbers a list supplied a unit for
    return sorted(out, key=lambda item: item[0].start)


def _respectively(ctx: SentenceContext, qs: list[Quantity], timepoints: list[Timepoint], at: int):
    """Pair the run of numbers just before "respectively" with the list that leads into it."""
    before = [q for q in qs if q.end <= at]
    run: list[Quantity] = []
    for q in reversed(before):
        stop = run[0].start if run else at
        if any(q.end <= e.start < stop for e in ctx.endpoints):
            break
        run.insert(0, q)
    if len(run) < 2:
        return []
    lead_start = max((q.end for q in before if q.end <= run[0].start and q not in run), default=ctx.start)
    lead = (lead_start, run[0].start)
    endpoints = _distinct([e for e in ctx.endpoints if lead[0] <= e.start and e.end <= lead[1]
                           and ENDPOINT_FAMILY[e.key] not in RESPONSE_CATEGORIES])
    out = []
    if len(endpoints) == len(run):
        for e, q in zip(endpoints, run, strict=True):
            code = endpoint_code(e.key, q)
            if code:
                out.append((q, code, timepoint_for(q, timepoints, ctx) if code.endswith("_rate") else "", None))
        return out
    endpoint = endpoints[-1] if endpoints else nearest_endpoint(ctx, run[0])
    code = endpoint_code(endpoint.key, run[0]) if endpoint else None
    if code is None:
        return []
    listed = [t for t in timepoints if lead[0] <= t.start and t.end <= lead[1]]
    if listed and len(listed[-1].values) == len(run):
        return [(q, code, tp, None) for q, tp in zip(run, listed[-1].values, strict=True)]
    if len(listed) == len(run) and all(len(t.values) == 1 for t in listed):
        # "The 3-month and 6-month PFS rates were 52% and 31%, respectively": one timepoint each, in order
        return [(q, code, t.values[0], None) for q, t in zip(run, listed, strict=True)]
    visible = visible_populations(ctx)
    pops = [p for p in visible if lead[0] <= p.start and p.end <= lead[1]]
    if not pops:  # "5.9 and 3.1 months in LMS and LPS, respectively": the groups listed after the numbers
        pops = [p for p in visible if run[-1].end <= p.start and p.end <= at]
    if len(pops) == 1 and len(pops[0].codes) == len(run):
        # "The ORRs in SS and MLPS were 38.6% and 25.0%, respectively": the listed groups, not their pool
        return [(q, code, "", (c,)) for q, c in zip(run, pops[0].codes, strict=True)]
    if len(pops) == len(run):
        return [(q, code, timepoint_for(q, timepoints, ctx) if code.endswith("_rate") else "", p.codes)
                for q, p in zip(run, pops, strict=True)]
    members = listed_members(ctx, pops, len(run)) if len(pops) > 1 else None  # a pool inside the list
    if members:
        return [(q, code, timepoint_for(q, timepoints, ctx) if code.endswith("_rate") else "", codes)
                for q, codes in zip(run, members, strict=True)]
    return []


NUMBER_LIST_RE = re.compile(
    r"\d+(?:[.·]\d+)?\s*(?:%|months?|weeks?|years?)?(?:\s*(?:,\s*(?:and\s+)?|and\s+)\d+(?:[.·]\d+)?"
    r"\s*(?:%|months?|weeks?|years?)?)+")
GROUP_WORD_RE = re.compile(r";|\b(?:in|for|with|among|versus|vs)\b", re.I)
GROUP_AFTER_RE = re.compile(r"\s*,?\s*(?:in|for|with|among|versus|vs)\b", re.I)
ENDPOINT_JOIN_RE = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?(?:median\s+)?", re.I)


def _coordinated(ctx: SentenceContext, qs: list[Quantity], timepoints: list[Timepoint]):
    """"ORR and DCR came to 20% and 55%": endpoints joined by "and" before as many numbers
    joined by "and" take them in order, as "respectively" would say."""
    out = []
    order = sorted(range(len(qs)), key=lambda i: qs[i].start)  # each list's numbers found by bisection
    starts = [qs[i].start for i in order]
    ends = [e.end for e in ctx.endpoints]
    ends_ordered = all(a <= b for a, b in zip(ends, ends[1:], strict=False))
    for m in NUMBER_LIST_RE.finditer(ctx.text):
        at = ctx.start + m.end()
        inside = order[bisect_left(starts, ctx.start + m.start()):bisect_right(starts, at)]
        run = [qs[i] for i in sorted(inside) if qs[i].end <= at]
        if len(run) < 2:
            continue
        before = ctx.endpoints[:bisect_right(ends, run[0].start)] if ends_ordered else [
            e for e in ctx.endpoints if e.end <= run[0].start]
        if len(before) < len(run):
            continue
        listed = before[-len(run):]
        if len({ENDPOINT_FAMILY[e.key] for e in listed}) != len(run) or any(
                not ENDPOINT_JOIN_RE.fullmatch(ctx.text[ctx.rel(a.end): ctx.rel(b.start)])
                for a, b in zip(listed, listed[1:], strict=False)):
            continue
        between = ctx.text[ctx.rel(listed[-1].end): ctx.rel(run[0].start)]
        if GROUP_WORD_RE.search(between) or GROUP_AFTER_RE.match(ctx.text, m.end()):
            continue  # the numbers are another clause's, or of groups the sentence names
        for e, q in zip(listed, run, strict=True):
            code = endpoint_code(e.key, q)
            if code:
                out.append((q, code, timepoint_for(q, timepoints, ctx) if code.endswith("_rate") else "", None))
    return out


CORRESPONDING_RE = re.compile(r"\b(?:corresponding|respective)\b", re.I)


def _corresponding(ctx: SentenceContext, qs: list[Quantity], timepoints: list[Timepoint]):
    """"PFS rates at 6 and 12 months were 52% and 24%, respectively; the corresponding OS rates were
    85% and 63%": a later list takes the timepoints of the sentence's listed timepoints, in order."""
    out = []
    for m in CORRESPONDING_RE.finditer(ctx.text) if prints_any(ctx.text, "corresponding", "respective") else ():
        at = ctx.start + m.end()
        semicolon = ctx.text.find(";", m.end())
        clause_end = ctx.start + (semicolon if semicolon >= 0 else len(ctx.text))
        run = [q for q in qs if at <= q.start < clause_end and q.kind in ("percent", "proportion")]
        listed = [t for t in timepoints if t.end <= ctx.start + m.start() and len(t.values) == len(run)]
        endpoint = next((e for e in ctx.endpoints if at <= e.start and run and e.end <= run[0].start), None)
        code = endpoint_code(endpoint.key, run[0]) if endpoint and run else None
        if len(run) >= 2 and listed and code and code.endswith("_rate"):
            out += [(q, code, tp, None) for q, tp in zip(run, listed[-1].values, strict=True)]
    return out


def _listed_timepoints(ctx: SentenceContext, qs: list[Quantity], timepoints: list[Timepoint]):
    """"The 1-, 2- and 3-year OS rates were 80%, 61% and 45%", "PFS at 6 and 12 months was 45% and
    30%": k listed timepoints and exactly k rates after them in their clause pair in order."""
    out = []
    for t in (t for t in timepoints if len(t.values) >= 2):
        semicolon = ctx.text.find(";", ctx.rel(t.end))
        clause_end = ctx.start + (semicolon if semicolon >= 0 else len(ctx.text))
        clause_start = ctx.start + ctx.text.rfind(";", 0, ctx.rel(t.start)) + 1
        rates = [q for q in qs if q.kind in ("percent", "proportion")]
        after = [q for q in rates if t.end <= q.start < clause_end]
        before = [q for q in rates if clause_start <= q.start and q.end <= t.start]
        # "ORR was 34%, 41% and 45% in patients treated for up to 1, 2 and 3 years": the list after
        run = after if len(after) == len(t.values) else before if len(before) == len(t.values) and not after else []
        # "The 12- and 24-month PFS rates were 15% and 5% with X compared with 49% and 30% with Y": one
        # list of k rates per group, each list taking the timepoints in order
        chunks = _timepoint_chunks(ctx, after, len(t.values)) if not run else [run]
        # "PFS rates at 12 and 24 weeks were 49% vs 15% and 28% vs 6%": one compared pair per timepoint
        pairs = _compared_per_timepoint(ctx, after, len(t.values)) if not chunks else []
        first = chunks[0][0] if chunks else pairs[0][0] if pairs else None
        if first is None:
            continue
        endpoint = nearest_endpoint(ctx, first)
        code = endpoint_code(endpoint.key, first) if endpoint else None
        if code and (code.endswith("_rate") or code in {"ORR", "DCR", "CBR"}):
            out += [(q, code, tp, None) for chunk in chunks for q, tp in zip(chunk, t.values, strict=True)]
            out += [(q, code, tp, None) for pair, tp in zip(pairs, t.values, strict=False) for q in pair]
    return out


COMPARED_GAP_RE = re.compile(r"\s*(?:\([^()]*\)\s*)*(?:,\s*)?(?:vs\.?|versus|compared\s+with)\s*", re.I)


def _runs(ctx: SentenceContext, rates: list[Quantity], size: int, gap: re.Pattern[str]) -> list[list[Quantity]]:
    """`rates` (a multiple of `size` long) cut into runs of `size`, when each run's neighbours are
    joined only by `gap`, else []."""
    runs = [rates[i : i + size] for i in range(0, len(rates), size)]
    for run in runs:
        pairs = zip(run, run[1:], strict=False)
        if not all(gap.fullmatch(ctx.text, ctx.rel(a.end), ctx.rel(b.start)) for a, b in pairs):
            return []
    return runs


def _compared_per_timepoint(ctx: SentenceContext, rates: list[Quantity], k: int) -> list[list[Quantity]]:
    """`rates` cut into k compared groups ("a vs b"), one per listed timepoint, else []."""
    if len(rates) < 2 * k or len(rates) % k:
        return []
    return _runs(ctx, rates, len(rates) // k, COMPARED_GAP_RE)


LIST_GAP_RE = re.compile(r"\s*(?:\([^()]*\)\s*)*(?:,\s*)?(?:and\s+)?")
"""What stands between two rates of one list ("15.2% (95% CI ...) and 6.1%")."""


def _timepoint_chunks(ctx: SentenceContext, rates: list[Quantity], k: int) -> list[list[Quantity]]:
    """`rates` cut into lists of k, when there are several and each is one list ("x and y"), else []."""
    if len(rates) < 2 * k or len(rates) % k:
        return []
    return _runs(ctx, rates, k, LIST_GAP_RE)


def _endpoint_tuples(ctx: SentenceContext, qs: list[Quantity], timepoints: list[Timepoint]):
    """"The PFS rate, median PFS and OS were: 58%, 4.1 and 11 months for UPS; 63%, 5.6 and 13
    months for LPS": k endpoints listed, then groups of k values, one group per clause, in order."""
    if not qs:
        return []
    lead: list[Located] = []
    for e in ctx.endpoints:
        if e.end <= qs[0].start and ENDPOINT_FAMILY[e.key] not in RESPONSE_CATEGORIES:
            if not lead or lead[-1].key != e.key:
                lead.append(e)
    if len(lead) < 2:
        return []
    out = []
    bounds = [ctx.start - 1] + [ctx.start + i for i in _top_level_semicolons(ctx.text)] + [ctx.end]
    slot_units = {}  # the unit each slot prints in other groups ("22 and not reached" prints none)
    for a, b in zip(bounds, bounds[1:], strict=False):
        group = [q for q in qs if a < q.start < b]
        if len(group) == len(lead):
            slot_units.update({i: q.unit for i, q in enumerate(group) if q.kind == "time"})
    for a, b in zip(bounds, bounds[1:], strict=False):
        group = [q for q in qs if a < q.start < b]
        if len(group) == len(lead) - 1:
            group = _with_bare_numbers(ctx, group, a, b, slot_units)
        if len(group) != len(lead):
            continue
        codes = [endpoint_code(e.key, q) for e, q in zip(lead, group, strict=True)]
        if not all(codes):
            continue
        pops = [p for p in visible_populations(ctx) if group[-1].end <= p.start < b]
        population = pops[0].codes if pops else None
        for code, q in zip(codes, group, strict=True):
            timepoint = timepoint_for(q, timepoints, ctx) if code.endswith("_rate") else ""
            if code.endswith("_rate") and not timepoint:
                timepoint = next((t.values[0] for t in timepoints if t.end <= lead[-1].end and len(t.values) == 1), "")
            out.append((q, code, timepoint, population))
    return out if len({a for a, *_ in out}) == len(out) and len(out) >= 2 * len(lead) else []


BARE_NUMBER_RE = re.compile(r"(?<![\w.%/(=-])(\d+(?:[.·]\d+)?)(?![\w.%/·-])")


def _with_bare_numbers(ctx: SentenceContext, group: list[Quantity], a: int, b: int,
                       slot_units: dict[int, str]) -> list[Quantity]:
    """A group one value short may print a median without its unit ("22 and not reached"): the
    bare number takes the unit its slot prints in the other groups."""
    taken = [(q.start, q.end) for q in group]
    bare = [m for m in BARE_NUMBER_RE.finditer(ctx.text, ctx.rel(a) + 1, ctx.rel(b))
            if not _in_parentheses(ctx.text, m.start()) and not any(s <= ctx.start + m.start() < e for s, e in taken)]
    if len(bare) != 1:
        return group
    m = bare[0]
    merged = sorted([*group, Quantity("time", m.group(1).replace("·", "."), "", ctx.start + m.start(),
                                      ctx.start + m.end())], key=lambda q: q.start)
    slot = merged.index(next(q for q in merged if q.unit == "" and q.kind == "time"))
    if slot not in slot_units:
        return group
    merged[slot] = Quantity("time", merged[slot].value, slot_units[slot], merged[slot].start, merged[slot].end)
    return merged


ELLIPSIS_WORDS = frozenset({"for", "in", "with", "among", "the", "those", "patients", "pts", "and", "cohort",
                            "group", "subgroup", "subtype", "arm", "it", "was", "were"})
"""What an elliptical clause may print besides its group and its number ("; 41% for the LPS cohort")."""
UNIT_WORDS = frozenset({"months", "month", "mos", "mo", "weeks", "week", "wks", "years", "year"})


GROUP_COUNT_RE = re.compile(r"\b(?:the|all)\s+\d+\s+(?=with\b|patients\b|pts\b)", re.I)


def _elliptical_clause(ctx: SentenceContext, q: Quantity) -> bool:
    """Whether `q` stands in a clause after a ";" that prints nothing but a group, the number and a
    few linking words ("; LPS 11.0 mos", "; 41% for LPS"): the earlier clause's endpoint goes on."""
    at = ctx.rel(q.start)
    semicolons = _top_level_semicolons(ctx.text)
    k = bisect_left(semicolons, at)
    if k == 0:
        return False
    opened = semicolons[k - 1]
    closed = next((i for i in semicolons[k:k + 2] if i > at), len(ctx.text))
    chars = list(ctx.text[opened + 1 : closed])
    blank = [(q.start, q.end), *((p.start, p.end) for p in ctx.populations)]
    for a, b in blank:
        for i in range(max(a - ctx.start - opened - 1, 0), min(b - ctx.start - opened - 1, len(chars))):
            chars[i] = " "
    clause = GROUP_COUNT_RE.sub(" ", without_parentheses("".join(chars)))  # "in the 18 with LPS, it was"
    # the clause's other numbers and their units ("4.6 months in A and 1.7 months in B") say no more
    words = [w for w in re.findall(r"[^\W\d_]+", clause) if w.lower() not in UNIT_WORDS]
    groups = [p for p in ctx.populations if ctx.start + opened < p.start < ctx.start + closed]
    return bool(groups) and all(w.lower() in ELLIPSIS_WORDS for w in words)


def _top_level_break(text: str, start: int, end: int, brackets_or_breaks: re.Pattern[str] | None = None) -> bool:
    """`re.search("[;,]", without_parentheses(text[start:end]))` (or ";" alone, for `BRACKET_OR_SEMICOLON_RE`),
    read only up to the first such break."""
    depth = 0
    for m in (brackets_or_breaks or BRACKET_OR_BREAK_RE).finditer(text, start, end):
        char = m.group()
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif not depth:
            return True
    return False


BRACKET_OR_BREAK_RE = re.compile(r"[()\[\];,]")
BRACKET_OR_SEMICOLON_RE = re.compile(r"[()\[\];]")
SEMICOLON_ONLY_RE = re.compile(r"\s*;\s*")


@lru_cache(maxsize=8)
def _top_level_semicolons(text: str) -> list[int]:
    """Offsets of the semicolons outside parentheses, in one pass (once per sentence: several numbers ask)."""
    found, depth = [], 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif ch == ";" and not depth:
            found.append(i)
    return found


def _in_parentheses(text: str, at: int) -> bool:
    return text.count("(", 0, at) > text.count(")", 0, at)


def _distinct(endpoints: list[Located]) -> list[Located]:
    out: list[Located] = []
    for e in endpoints:
        if not out or ENDPOINT_FAMILY[out[-1].key] != ENDPOINT_FAMILY[e.key]:
            out.append(e)
    return out


def _names_directly(ctx: SentenceContext, e: Located, q: Quantity) -> bool:
    """Is `q` printed right after endpoint `e` ("partial response in 20.8%", "SD rate of 40%"):
    at most three words and no number or comma between them?"""
    between = without_parentheses(ctx.text[ctx.rel(e.end) : ctx.rel(q.start)])
    return not re.search(r"[\d,;]", between) and len(between.split()) <= 3


ALIVE_AFTER_RE = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:of\s+(?:the\s+)?(?:patients|participants|pts)\s+)?"
                            r"(?:were|was|remained|being)\s+(?:still\s+)?(?P<alive>alive|progression[-\s]free"
                            r"|free\s+(?:of|from)\s+(?:disease\s+)?progression)\b", re.I)
FOR_ENDPOINT_RE = re.compile(r"\s*(?:\([^()]*\)\s*)?for\s+(?:the\s+|an?\s+)?", re.I)
HAD_ENDPOINT_RE = re.compile(r"\)?\s*(?:patients\s+)?(?:had|achieved|attained|showed|experienced|reached)\s+"
                             r"(?:an?\s+|the\s+)?(?:[\w-]+\s+)?", re.I)
"""What leads from a count or share to the endpoint it had ("14 (33%) had 6-month non-progression")."""
HAD_REACH_RE = re.compile(r"\)?\s*(?:patients\s+)?(?:had|achieved|attained|showed|experienced|reached)\s+"
                          r"(?:\S+\s+){0,2}", re.I)
FOR_REACH_RE = re.compile(r"\s*(?:\([^()]*\)\s*)?for\s+(?:\S+\s+)?", re.I)
SPACES_RE = re.compile(r"\s*")
"""As far as `HAD_ENDPOINT_RE`, `FOR_ENDPOINT_RE` and a run of spaces can reach from a number: the words
after the verb or "for" read as any two (one) words, so every text they fit ends within this reach."""


class _EndpointIndex:
    """A sentence's endpoints (sorted by start) with their starts, for bisection; an unsorted list is read whole."""

    _last: _EndpointIndex | None = None

    def __init__(self, endpoints: list[Located], length: int) -> None:
        self.endpoints, self.length = endpoints, length
        starts = [e.start for e in endpoints]
        self.starts = starts if all(a <= b for a, b in zip(starts, starts[1:], strict=False)) else None

    @classmethod
    def of(cls, ctx: SentenceContext) -> _EndpointIndex:
        last = cls._last
        if last is None or last.endpoints is not ctx.endpoints or last.length != len(ctx.endpoints):
            last = cls._last = cls(ctx.endpoints, len(ctx.endpoints))
        return last

    def reached(self, ctx: SentenceContext, end: int, reach: re.Pattern[str]) -> list[Located]:
        """The endpoints starting from `end` up to as far as `reach` matches from there (none when it does not)."""
        m = reach.match(ctx.text, ctx.rel(end))
        if self.starts is None:
            return self.endpoints
        if m is None:
            return []
        return self.endpoints[bisect_left(self.starts, end):bisect_right(self.starts, ctx.start + m.end())]

    def before(self, start: int) -> Iterator[Located]:
        """The endpoints starting before `start`, nearest first (read lazily: the nearest usually answers)."""
        k = len(self.endpoints) if self.starts is None else bisect_left(self.starts, start)
        return (self.endpoints[i] for i in range(k - 1, -1, -1))

    def after(self, end: int) -> list[Located]:
        """The endpoints starting at or after `end`, in order."""
        return self.endpoints[bisect_left(self.starts, end):] if self.starts is not None else self.endpoints


def nearest_endpoint(ctx: SentenceContext, q: Quantity) -> Located | None:
    """The endpoint a number measures: the nearest compatible one before it in its clause (a
    semicolon outside parentheses ends a clause; an enumeration "0.49 for ASPS, 0.25 for UPS, ..."
    stays one clause however long), else one printed right after it in its comma-free phrase."""
    compatible = COMPATIBLE.get(q.kind, set())
    alive = ALIVE_AFTER_RE.match(ctx.text, ctx.rel(q.end)) if q.kind == "percent" else None
    if alive is not None:  # "40% of patients remained alive (free of progression) at 12 months": a survival rate
        key = "OS_rate" if alive.group("alive").lower() == "alive" else "PFS_rate"
        return Located("endpoint", key, ctx.start + alive.start("alive"), ctx.start + alive.end())
    index = _EndpointIndex.of(ctx)  # the endpoints a number's phrase can reach, by bisection
    for e in index.reached(ctx, q.end, HAD_REACH_RE):  # "14 (33%) had 6-month non-progression": the verb's
        if e.start >= q.end and HAD_ENDPOINT_RE.fullmatch(ctx.text, ctx.rel(q.end), ctx.rel(e.start)):
            if ENDPOINT_FAMILY[e.key] in compatible and not e.key.startswith("HR_"):
                return e
            break
    for e in index.reached(ctx, q.end, FOR_REACH_RE):  # "44% (31-58) for objective response": named after "for"
        if e.start >= q.end and FOR_ENDPOINT_RE.fullmatch(ctx.text, ctx.rel(q.end), ctx.rel(e.start)):
            if ENDPOINT_FAMILY[e.key] in compatible and not e.key.startswith("HR_"):
                return e
            break
    for e in index.reached(ctx, q.end, SPACES_RE):  # "a 64% clinical benefit rate": the share before the name
        if e.start >= q.end and not ctx.text[ctx.rel(q.end) : ctx.rel(e.start)].strip():
            family = ENDPOINT_FAMILY[e.key]
            if family in RESPONSE_CATEGORIES and q.kind in ("percent", "proportion"):
                return None  # "responses in 44%, with 7% complete responses": a category's share
            if family in compatible and not e.key.startswith("HR_"):
                return e
            break
    # "(PFS; 0.56": a ";" right between a name and its value labels the value, no clause break
    # nearest first, each clause test made only when reached: testing every endpoint of a long sentence
    # for every number cost the sentence's length times its endpoints times its numbers
    for e in index.before(q.start):
        if e.end > q.start:
            continue
        if marks_of(ctx.text, (";",)).any_within(ctx.rel(e.end), ctx.rel(q.start)):  # else none to read
            if _top_level_break(ctx.text, ctx.rel(e.end), ctx.rel(q.start), BRACKET_OR_SEMICOLON_RE) \
                    and not SEMICOLON_ONLY_RE.fullmatch(ctx.text, ctx.rel(e.end), ctx.rel(q.start)):
                continue
        if e.key.startswith("HR_") and q.kind != "hr":
            continue  # "the hazard ratio for death", "the risk of death": what an HR compares, no rate
        family = ENDPOINT_FAMILY[e.key]
        if q.kind == "hr" and family in NO_HR_CODE:
            return None  # "OS (HR 0.85) and DFS (HR 0.70)": the second ratio is DFS's, not the OS named before it
        if family in RESPONSE_CATEGORIES and q.kind in ("percent", "proportion") and _names_directly(ctx, e, q):
            return None  # "complete response in 6.3%": a category's share, which no contract code holds
        if family in compatible:
            return None if other_measure_between(ctx.text, ctx.rel(e.end), ctx.rel(q.start)) else e
    for e in index.after(q.end):
        if e.start < q.end:
            continue
        if _top_level_break(ctx.text, ctx.rel(q.end), ctx.rel(e.start)):
            break  # every later endpoint's phrase holds the same clause break
        if e.key.startswith("HR_") and q.kind != "hr":
            continue
        if ENDPOINT_FAMILY[e.key] in compatible and not NON_OUTCOME_CLAUSE_RE.search(
            ctx.text[ctx.rel(q.end) : ctx.rel(e.start)]
        ):
            return e
    return None


HR_NAMED_RE = re.compile(r"\bhazard\s+ratio\s+for\s+(?P<what>(?:[a-z-]+\s+){0,4}?[a-z-]+)"
                         r"(?:\s+(?:with|of)\s+[a-z-]+\s+(?:versus|vs\.?|compared\s+with)\s+[a-z-]+(?:\s+(?:was|were))?)?"
                         r"\s*[,:=]?\s*$", re.I)
""""hazard ratio for death, 0.61", "hazard ratio for death with X versus Y was 0.86": what the HR is for."""


def _hr_named(ctx: SentenceContext, q: Quantity) -> str | None:
    """"hazard ratio for disease progression or death, 0.55": the HR names its own endpoint."""
    if q.kind != "hr":
        return None
    m = HR_NAMED_RE.search(words_before(ctx.text, ctx.rel(q.start), 13))
    if not m:
        return None
    if re.search(r"progression|relapse|recurrence|\bPFS\b", m.group("what"), re.I):
        return "HR_PFS"
    return "HR_OS" if re.search(r"death|overall|\bOS\b", m.group("what"), re.I) else None


SURVIVAL_BEFORE_RE = re.compile(r"(?:(?<![\w-])(?<!free\s)(?<!specific\s)survival|\brisk\s+of\s+(?:death|mortality)"
                                r"|\bmortality)\b(?:[^;\d]|\b\d\s+(?=[a-z]))*$", re.I)
"""'survival (HR 0.52)', 'the risk of mortality between the arms (HR, 0.67)': an HR of death (not of a
"disease-free" or "disease-specific survival")."""


def _survival_hr(ctx: SentenceContext, q: Quantity) -> str | None:
    """"trabectedin improved survival (HR 0.52)": an HR after plain "survival" in its clause, no
    endpoint named, compares deaths."""
    if q.kind != "hr":
        return None
    return "HR_OS" if SURVIVAL_BEFORE_RE.search(words_before(ctx.text, ctx.rel(q.start), 8)) else None


def endpoint_code(key: str, q: Quantity) -> str | None:
    family = ENDPOINT_FAMILY.get(key)
    if family is None or family not in COMPATIBLE.get(q.kind, set()):
        return None
    if q.kind == "hr":
        return f"HR_{family}"
    if family in {"ORR", "DCR", "CBR"}:
        return family
    if family == "followup":
        return "followup_median"
    if family in {"PFS", "OS", "EFS", "DFS", "DSS"}:
        return f"{family}_rate" if q.kind in ("percent", "proportion") else f"{family}_median"
    return f"{family}_median"
