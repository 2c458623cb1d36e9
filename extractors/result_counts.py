"""Counts and responder statements of a results sentence: how many patients had each response
category (CR/PR/SD/PD), and the result grammar's responder, zero-responder and compact counts
turned into claims with the group each names.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.measurements import Quantity, word_to_int, words_before
from extractors.outcome_context import COUNT_OF_RE, ENDPOINT_FAMILY, RESPONSE_CATEGORIES, Located, SentenceContext
from extractors.result_grammar import (
    Statement,
    all_of_category,
    category_counts,
    count_after_category,
    fraction_counts,
    paren_counts,
    result_statements,
    statement_topic,
)

COUNT_TOKEN_RE = re.compile(r"(?<![\d.,%])\b(\d+|[A-Za-z]+(?:-[a-z]+)?)\b(?!\s*(?:%|[.,]\d))")
NOT_COUNT_FOLLOW_RE = re.compile(
    r"\s*(?:months?|weeks?|years?|days?|mg|cycles?|lines?|centers?|%|percent|per\s+cent)\b", re.I)
""""Forty percent of patients": a share in words, no count."""


RATE_COUNT_RE = re.compile(r"[^;.%]{0,30}?\d+(?:[.·]\d+)?\s*%\s*\(\s*(?P<x>\d+)\s*(?:/|of)\s*(?P<n>\d+)\s*[),;]")
"""A category rate with its count: "rate was 8.3% (4/48)", "rate of 12% (3 of 25)"."""
NOT_RESPONDERS_RE = re.compile(
    r"\b(?:before|prior\s+to|at\s+the\s+time\s+of)\s+(?:the\s+)?(?:study\s+)?(?:inclusion|enrol+ment|entry|registration"
    r"|randomi[sz]ation)\b|\bat\s+(?:baseline|inclusion|enrol+ment|study\s+entry)\b"
    r"|\bcross(?:ed)?[-\s]?over\b|\bswitched\s+to\b", re.I)
"""A clause about the patients' state before the study ("at enrolment, 4 patients were in complete remission")
or about a crossover ("9 of 12 crossed over after progression"): its category names no response to the
study's treatment, so its count is no responder count."""
INCREMENT_WORDS = frozenset({"additional", "further", "new", "more"})
"""A count after one of these ("3 additional partial responses") adds to an earlier total."""


def response_counts(ctx: SentenceContext) -> list[tuple[Located, int, tuple[str, ...] | None, int | None]]:
    """(endpoint, count, population, n) for "2 cases achieved CR", "Two of 3 patients with UPS had PR",
    "PR in 12 patients", "one complete and seven partial responses", "PR in ASPS (3 of 5), UPS (2 of 9)"."""
    out = []
    boundary = ctx.start
    listed = category_counts(ctx.text)
    for s in listed:
        at = ctx.start + s.start
        out.append((Located("endpoint", f"{s.category}_n", at, ctx.start + s.end), s.count, None, None))
    fractions = [(ctx.start + s.start, ctx.start + s.end) for s in fraction_counts(ctx.text)]
    respective = respective_category_counts(ctx) if "respectively" in ctx.text else {}
    for i, e in enumerate(ctx.endpoints):
        if ENDPOINT_FAMILY[e.key] not in RESPONSE_CATEGORIES:
            boundary = e.end
            continue
        region_start, boundary = boundary, e.end
        clause_start = max(ctx.text.rfind(";", 0, ctx.rel(e.start)), ctx.text.rfind(". ", 0, ctx.rel(e.start)), 0)
        if NOT_RESPONDERS_RE.search(ctx.text, clause_start, ctx.rel(e.start)):
            continue
        if i in respective:
            out.append((e, respective[i], None, None))
            continue
        if e.key in RESPONSE_CATEGORIES:
            # a category's rate ("the CR rate was 8.3% (4/48)"): its count is the one printed with
            # the rate, never a count before the name, which is another category's
            rate = RATE_COUNT_RE.match(ctx.text, ctx.rel(e.end))
            if rate is not None:
                out.append((Located("endpoint", f"{e.key}_n", e.start, e.end), int(rate.group("x")), None,
                            int(rate.group("n"))))
            continue
        if any(a <= e.start < b for a, b in fractions):
            continue  # "2 PR/10": read with its group by the grammar
        if _joined_category(ctx, i) or any(s.start <= ctx.rel(e.start) < s.end + 12 for s in listed):
            continue  # "CR or PR" counts a composite; a listed category is already counted
        next_start = ctx.endpoints[i + 1].start if i + 1 < len(ctx.endpoints) else ctx.end
        by_group = paren_counts(ctx.text, ctx.rel(e.end), ctx.rel(next_start))
        if len(by_group) >= 1 and not COUNT_OF_RE.search(ctx.text[ctx.rel(region_start) : ctx.rel(e.start)]):
            for s in by_group:
                out.append((e, s.count, group_population(ctx, s), s.total))
            continue
        if INCREMENT_WORDS & set(words_before(ctx.text, ctx.rel(e.start), 2).lower().split()):
            continue  # "3 additional partial responses": an increment, not a count
        after = count_after_category(ctx.text, ctx.rel(e.end))
        if after is not None:  # "PR in 12 patients", "CR in 3.3% (1/30)": the count follows its category
            out.append((e, after[0], None, after[1]))
            continue
        region = ctx.text[ctx.rel(region_start) : ctx.rel(e.start)]
        # "Twelve patients (30%; 8 with X, 4 with Y) had stable disease": a ";" or "," inside the count's
        # breakdown ends no clause, and the count is the one outside it
        blanked = re.sub(r"\([^()]*\)", lambda m: "(" + " " * (len(m.group(0)) - 2) + ")", region)
        last_clause = region[len(region) - len(re.split(r"[,;:]", blanked)[-1]) :]
        pairs = [m for m in COUNT_OF_RE.finditer(last_clause) if word_to_int(m.group("x")) is not None]
        for m in pairs:
            offset = region_start + len(region) - len(last_clause)
            pop = next((p.codes for p in ctx.populations if offset + m.end() <= p.start < e.start), None)
            out.append((e, word_to_int(m.group("x")), pop, word_to_int(m.group("y"))))
        if not pairs:
            outside = _BLANK_BRACKET_RE.sub(_blank, last_clause)
            count = _nearest_count(outside) if outside != last_clause else None
            count = count if count is not None else _nearest_count(last_clause)
            if count is not None:
                out.append((e, count, None, None))
    return out


def grammar_statements(
    ctx: SentenceContext, quantities: list[Quantity]
) -> tuple[list[tuple[str, Statement, Quantity]], set[int], dict[int, int]]:
    """Responder and zero-responder statements as (endpoint code, statement, quantity); `taken`
    holds the starts of the percents they read (or that only restate a count), which the generic
    reading must skip; `totals` the group size N printed with a named rate ("ORR 17.1% (6/35)")."""
    out: list[tuple[str, Statement, Quantity]] = []
    taken: set[int] = set()
    totals: dict[int, int] = {}
    percents = {q.start: q for q in quantities if q.kind == "percent"}
    for s in result_statements(ctx.text):
        if s.kind == "zero":
            at = ctx.start + s.value_start
            out.append(("ORR", s, Quantity("count", "0", "patients", at, ctx.start + s.end)))
            continue
        q = percents.get(ctx.start + s.value_start)
        if q is None:
            continue
        if _restates_named_endpoint(ctx, s):
            if s.total is not None:
                totals[q.start] = s.total  # its n is the N of "(6/35)"
            category = all_of_category(ctx.text, ctx.rel(q.end))
            if category and s.count is not None:  # "37% (19/52), with all responses partial"
                count = Quantity("count", str(s.count), "patients", q.start, q.end)
                out.append((f"{category}_n", Statement("category", str(s.count), s.count, s.total, s.start, s.end,
                                                        s.start, s.group_span, category), count))
            continue  # "The ORR was 17.1% (6/35)": the generic reading binds it to its endpoint
        taken.add(q.start)
        topic = statement_topic(ctx.text, s.start, s.end)
        if topic in {"ORR", "DCR", "CBR", "PFS_rate", "OS_rate"}:
            out.append((topic, s, q))
            category = all_of_category(ctx.text, ctx.rel(q.end))
            if topic == "ORR" and category and s.count is not None:
                count = Statement("category", str(s.count), s.count, s.total, s.start, s.end, s.start,
                                  s.group_span, category)
                out.append((f"{category}_n", count, q))
    for q in quantities:  # "Five patients (31%) achieved a partial response": the responders' share
        if q.kind == "percent" and not any(code == "ORR" and used is q for code, _, used in out) \
                and partial_only_share(ctx.text, ctx.rel(q.start), ctx.rel(q.end)):
            taken.add(q.start)
            # the row reads from its count: subtypes inside the count's breakdown name responders, not the group
            lead = COUNT_THEN_SHARE_RE.search(ctx.text, max(0, ctx.rel(q.start) - 100), ctx.rel(q.start))
            counted = lead is not None and word_to_int(lead.group().split()[0].strip("(")) is not None
            read = replace(q, start=ctx.start + lead.start()) if counted else q
            out.append(("ORR", Statement("responders", q.value, None, None, ctx.rel(q.start), ctx.rel(q.end),
                                         ctx.rel(q.start), (-1, -1)), read))
    for s in fraction_counts(ctx.text):  # "2 PR/10 in DDLPS", "0/10 in LMS"
        at = ctx.start + s.value_start
        code = "ORR" if s.kind == "zero" else f"{s.category}_n"
        out.append((code, s, Quantity("count", s.value, "patients", at, ctx.start + s.end)))
    return out, taken, totals


COUNT_THEN_SHARE_RE = re.compile(r"\b(?:\d+|[a-z]+)(?:\s+(?:patients|participants|pts|cases))?\s*\([^()]*$", re.I)
"""A share printed in the parenthesis right after a count ("Five patients (", "four (two with X; ")."""
HAD_PARTIAL_RE = re.compile(r"[^()]{0,80}?\)\s*(?:patients\s+|pts\s+)?(?:had|achieved|attained|showed|obtained)\s+"
                            r"(?:an?\s+)?(?:confirmed\s+|RECIST\s+)?partial\s+(?:respon|remission)", re.I)
OTHER_CATEGORY_RE = re.compile(r"\bcomplete\s+(?:respon|remission)|\bstable\s+disease|\bprogressive\s+disease"
                               r"|\b(?:CR|SD|PD)s?\b|\bprogressed\b", re.I)

ALL_PARTIAL_SUBJECT_RE = re.compile(
    r"\bresponses?\s*[(,]\s*all\s+(?:were\s+)?partial(?:\s+responses)?\s*[),]\s*(?:were|was)\s+"
    r"(?:observed|seen|noted|recorded|documented)\s+in\s+(?P<count>\d+|[a-z]+)(?:\s+(?:patients|participants|pts)\b)?"
    r"[^();.%]{0,60}?\(\s*$", re.I)
""""Responses (all partial) were seen in 9 patients given X (" : the share that follows is the
objective response rate, whatever other categories the sentence goes on to count."""


def partial_only_share(text: str, start: int, end: int) -> bool:
    """"Five patients (31%, 95% CI ...) achieved a partial response", with no other response category in
    the sentence: every responder's response was partial, so the share of patients with one is the
    objective response rate. A share printed beside a breakdown ("..., and 12 (40%) had stable disease")
    stays a category's share, which no contract code holds."""
    subject = ALL_PARTIAL_SUBJECT_RE.search(text[max(0, start - 200) : start])
    if subject and word_to_int(subject.group("count")) is not None:
        return True
    return bool(COUNT_THEN_SHARE_RE.search(text, max(0, start - 100), start)
                and HAD_PARTIAL_RE.match(text, end) and not OTHER_CATEGORY_RE.search(text))


def _restates_named_endpoint(ctx: SentenceContext, s: Statement) -> bool:
    """"The ORR was 17.1% (6/35)", "ORR and DCR were 16% (8/49) and 94% (46/49), respectively": the
    percent comes first and a rate endpoint is named before it in its sentence, so the generic
    reading (nearest endpoint, respectively lists) binds it; the fraction only gives its n."""
    if s.value_start != s.start:
        return False
    at = ctx.start + s.value_start
    return any(e.end <= at and ENDPOINT_FAMILY[e.key] in {"ORR", "DCR", "CBR"} for e in ctx.endpoints)


def group_population(ctx: SentenceContext, s: Statement) -> tuple[str, ...] | None:
    """The population named in the statement's group phrase, if one is."""
    a, b = ctx.start + s.group_span[0], ctx.start + s.group_span[1]
    inside = [p for p in ctx.populations if a <= p.start and p.end <= b]
    if not inside:
        return None
    return inside[-1].codes if s.group_span[1] <= s.start else inside[0].codes


CATEGORY_JOIN_RE = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:,\s*(?:and\s+)?|and\s+)", re.I)


def respective_category_counts(ctx: SentenceContext) -> dict[int, int]:
    """"PR and CR were seen in 9 and 1 patients, respectively", "SD and PD in 12 (30%) and 8 (20%),
    respectively": the counts of response categories listed before "respectively" pair with the
    categories listed before them, in order (by index into `ctx.endpoints`). Each count would otherwise
    take the count nearest its category, the same one for all."""
    endpoints, out = ctx.endpoints, {}
    i = 0
    while i < len(endpoints):
        run = [i]
        while run[-1] + 1 < len(endpoints) and _listed_next(ctx, endpoints[run[-1]], endpoints[run[-1] + 1]):
            run.append(run[-1] + 1)
        first = endpoints[i]
        if len(run) < 2 or not first.key.endswith("_n") or ENDPOINT_FAMILY[first.key] not in RESPONSE_CATEGORIES:
            i += 1
            continue
        i = run[-1] + 1
        end = ctx.rel(endpoints[run[-1]].end)
        at = ctx.text.find("respectively", end)
        between = ctx.text[end:at] if at >= 0 else ";"
        if ";" in between or re.search(r"[.!?]\s", between):
            continue
        # breakdowns and shares in brackets, and the group after "of", are no category's count
        between = _BLANK_OF_RE.sub(_blank, _BLANK_BRACKET_RE.sub(_blank, between))
        counts = _counts_in(between)
        if not counts and RESPECTIVELY_NEXT_RE.fullmatch(between):
            # "Nine and one patients had PR and CR, respectively": the counts come before the categories,
            # in the clause that names them
            before = ctx.text[: ctx.rel(first.start)]
            clause = before[max(before.rfind(";"), before.rfind(":")) + 1 :]
            counts = _counts_in(_BLANK_OF_RE.sub(_blank, _BLANK_BRACKET_RE.sub(_blank, clause)))
        if len(counts) == len(run):
            out.update(zip(run, counts, strict=True))
    return out


RESPECTIVELY_NEXT_RE = re.compile(r"[\s,]*(?:responses?|remissions?)?[\s,]*", re.I)
"""What may stand between a list of categories and its "respectively" when the counts came first."""


def _counts_in(text: str) -> list[int]:
    """The whole counts printed in `text` (digits or words), not a duration, dose or share."""
    return [value for m in COUNT_TOKEN_RE.finditer(text) if (value := word_to_int(m.group(1))) is not None
            and not NOT_COUNT_FOLLOW_RE.match(text[m.end():])]


_BLANK_BRACKET_RE = re.compile(r"\([^()]*\)")
_BLANK_OF_RE = re.compile(r"(?<=\d)(?:\s*/\s*|\s+(?:out\s+)?of\s+(?:the\s+)?)\d+")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def _listed_next(ctx: SentenceContext, a: Located, b: Located) -> bool:
    """Whether the category count `b` is listed right after `a` ("PR and CR", "CR, PR and SD")."""
    return b.key.endswith("_n") and CATEGORY_JOIN_RE.fullmatch(ctx.text[ctx.rel(a.end): ctx.rel(b.start)]) is not None


def _joined_category(ctx: SentenceContext, i: int) -> bool:
    def joined(a: Located, b: Located) -> bool:
        return bool(re.fullmatch(r"\s*(?:or|/|and/or)\s*", ctx.text[ctx.rel(a.end) : ctx.rel(b.start)]))

    e = ctx.endpoints[i]
    prev = ctx.endpoints[i - 1] if i > 0 else None
    nxt = ctx.endpoints[i + 1] if i + 1 < len(ctx.endpoints) else None
    return any(
        other is not None and ENDPOINT_FAMILY[other.key] in RESPONSE_CATEGORIES and joined(*pair)
        for other, pair in ((prev, (prev, e)), (nxt, (e, nxt)))
    )


TIME_LABEL_BEFORE_RE = re.compile(r"\b(?:weeks?|months?|days?|years?|cycles?|visits?|courses?)\s*$", re.I)
""""the best response up to week 16 was a partial response": a number naming a time or a treatment cycle
counts no patients."""


def _nearest_count(clause: str) -> int | None:
    # "(24/48)", "4 of 9 had": the count is the first number, the second is the group's size
    clause = _BLANK_OF_RE.sub(_blank, clause)
    found = None
    for m in COUNT_TOKEN_RE.finditer(clause):
        value = word_to_int(m.group(1))
        if value is None or 1900 <= value <= 2100 or NOT_COUNT_FOLLOW_RE.match(clause[m.end() :]) \
                or TIME_LABEL_BEFORE_RE.search(clause, 0, m.start()):
            continue
        found = value
    return found
