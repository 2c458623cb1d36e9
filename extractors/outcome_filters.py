"""Numbers of a results sentence that are no endpoint's value, and ratios printed without their label.

A percent may restate a count of a response category or of a baseline trait ("26 (61.9%) were men",
"423 (73%) with LMS"), measure something else ("a 45% reduction in the risk", "(64% censored)") or
a treatment's duration ("median time on treatment of 7.4 months"); `assign_endpoints` skips them.
A decimal that closes two compared medians in a parenthesis of its own, with its interval, is their
hazard ratio (Lancet style: "... with Y (0·46, 0·30–0·71, p=0·0003)").
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.measurements import Quantity, word_to_int, words_before
from extractors.outcome_context import SentenceContext
from extractors.result_grammar import is_threshold, nearest_topic
from extractors.scan_regex import scan_compile
from extractors.text_cues import prints_any, search_ending_at
from extractors.text_index import LIST_REACH, search_before

BARE_RATIO_RE = re.compile(r"\(\s*$")
BARE_RATIO_AFTER_RE = re.compile(r"\s*[,;]\s*(?:95%\s*CI\s*)?\d+(?:[.·]\d+)?\s*[-–—]\s*\d+(?:[.·]\d+)?")


PLURAL_RATIOS_RE = re.compile(r"\b(?:hazard\s+ratios|HRs)\b[^;]*?\brespectively\b", re.I)
""""hazard ratios for PFS and OS came to 0.62 and 0.91, respectively": every number of the list is a ratio."""


def bare_hazard_ratios(ctx: SentenceContext, quantities: list[Quantity]) -> list[Quantity]:
    """"26·5 months (...) with X and 14·7 months (...) with Y (0·46, 0·30–0·71, p=0·0003)": a ratio
    printed without its label in the parenthesis that closes a comparison of two medians, with its
    own interval, is their hazard ratio. So is every number of a "respectively" list that a plural
    "hazard ratios" opens."""
    plural = PLURAL_RATIOS_RE.search(ctx.text) if prints_any(ctx.text, "respectively") else None
    out: list[Quantity] = []
    durations_before = 0  # medians (times, "not reached") printed before the number
    for q in quantities:
        if q.kind in ("time", "nr"):
            durations_before += 1
        if q.kind == "proportion" and durations_before >= 2 and BARE_RATIO_RE.search(ctx.text, 0, ctx.rel(q.start)) \
                and BARE_RATIO_AFTER_RE.match(ctx.text, ctx.rel(q.end)) and float(q.value) < 10:
            q = replace(q, kind="hr", unit="ratio")
        elif plural and q.kind == "proportion" and plural.start() < ctx.rel(q.start) < plural.end():
            q = replace(q, kind="hr", unit="ratio")
        out.append(q)
    return out


OTHER_MEASURE_BEFORE_RE = re.compile(
    r"\b(?:concordance|agreement|adherence|compliance|sensitivity|specificity|accuracy|power|"
    r"censor\w*|reduction|decrease|increase|heterogeneity|threshold|cut-?off|margin)\b"
    r"(?:\s+(?:rate|of|was|were|is|in|by))*\s*$", re.I)
ON_TREATMENT_RE = re.compile(r"\b(?:(?:time|duration)\s+(?:on|of)\s+(?:the\s+)?(?:treatment|therapy|exposure)"
                             r"|(?:treatment|therapy|exposure)\s+duration)\s+(?:of|was|were|is)?\s*$", re.I)
ON_TREATMENT_LISTED_RE = re.compile(
    r"\b(?:(?:time|duration)\s+(?:on|of)\s+(?:the\s+)?(?:treatment|therapy|exposure)|(?:treatment|therapy|exposure)"
    r"\s+duration)\s+(?:of|was|were|is)?\s*\d(?:(?!surviv|progress|respon|PFS|\bOS\b|ORR|DCR)[^;])*?,?\s+and\s+$", re.I)
""""a time on treatment of 5.2 months (IQR ...) and 1.9 months": the next duration of the same list."""
CI_LEVEL_AFTER_RE = re.compile(r"\s*,?\s*(?:CI|confidence\s+intervals?)\b", re.I)
""""37% (95%, CI 24%-51%)": a confidence level whose comma slipped before "CI", no result."""
RISK_CUT_BY_RE = re.compile(
    r"\b(?:reduc|lower|decreas|cut|diminish)\w*\s+(?:the\s+)?(?:relative\s+)?(?:risk|hazard|odds)\s+of\s+"
    r"(?:[\w-]+\s+){0,5}?by\s*(?:about\s+|approximately\s+|nearly\s+)?$", re.I)
""""reduced the risk of progression by 40%": a relative risk reduction, which no endpoint holds."""
EARLIER_LISTED_RE = r"(?:\d+(?:[.·]\d+)?\s*(?:%|months?|weeks?|years?)?\s*(?:,\s*(?:and\s+)?|and\s+))*"
""""by 2.4 and 0.9 months": the numbers listed before the one read, after the words that name them all."""
CHANGED_BY_RE = scan_compile(
    r"\b(?:extend|prolong|improv|increas|lengthen|shorten|reduc|decreas|rais|lower|boost)\w*\s+"
    r"(?:[\w-]+\s+){0,6}?by\s*(?:about\s+|approximately\s+|nearly\s+|almost\s+|more\s+than\s+)?"
    + EARLIER_LISTED_RE + "$", re.I)
""""extended median OS by 4.8 months", "improved the 1-year PFS rate by 12%": a change, not the endpoint's value."""
DIFFERENCE_RE = scan_compile(
    r"\b(?:difference|gain|improvement|advantage|prolongation)\s+(?:of|in)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:(?:was|were|is|of|by|amounted\s+to|reached)\s+)?(?:about\s+|approximately\s+)?" + EARLIER_LISTED_RE + "$"
    r"|\bbenefit\s+(?:of|in)\s+(?:[\w-]+\s+){0,4}?by\s+(?:about\s+|approximately\s+)?" + EARLIER_LISTED_RE + "$"
    r"|\b(?:survival|absolute)\s+benefit\s+of\s+(?:about\s+|approximately\s+)?$"
    r"|\b(?:difference|diff\.|delta|Δ)\s*[,:=]\s*$", re.I)
""""the absolute difference in 1-year OS was 12%", "a survival benefit of 11.8 months", "a benefit in
median survival by 2.4 months", "(difference, 12%; P = .01)": a difference between arms."""
BENCHMARK_RE = scan_compile(
    r"\b(?:(?:exceed|surpass|cross)\w*|beat|beating)\s+the\s+(?:[\w-]+\s+){0,6}?"
    r"(?:rates?|thresholds?|benchmarks?|boundar(?:y|ies)|bars?|targets?|cut-?offs?|levels?)\s+(?:of\s+)?$"
    r"|\b(?:above|below|over|under)\s+the\s+(?:[\w-]+\s+){0,6}?"
    r"(?:thresholds?|benchmarks?|boundar(?:y|ies)|bars?|cut-?offs?)\s+(?:of\s+)?$", re.I)
""""an ORR of 38%, above the prespecified minimum response threshold of 15%": the rate a result is
measured against (a design figure), not a result of its own."""
OTHER_MEASURE_AFTER_RE = re.compile(r"\s*(?:relative\s+)?(?:reduction|decrease|increase|improvement|censored|lower"
                                    r"|higher"
                                    r"|(?:reduced|lower|decreased|increased|higher)\s+(?:relative\s+)?(?:risk|hazard|odds))\b",
                                    re.I)


BOUND_TIME_BEFORE_RE = scan_compile(r"(?:\b(?:additional|further|extra|another|at\s+least|a\s+minimum\s+of|past|beyond)"
                                    r"|≥|>=)\s*"
                                    + EARLIER_LISTED_RE + "$", re.I)
BOUND_TIME_AFTER_RE = re.compile(r"\s*(?:months?|weeks?|years?)?\s*or\s+(?:more|longer)\b", re.I)
""""a further 9 months of observation", "a DOR of ≥12 months was 88%", "a response kept for 6 months or
more", "lasted at least 3 months and 9 months", "no survivors past 3 years": a span added or a lower
bound (each one of a list after "at least") that a rate is counted over, never a median."""


AGE_BEFORE_RE = re.compile(r"(?:\b(?:younger|older)\s+than|\b(?:aged?|age\s+of)(?:\s+(?:at\s+least|over|under|"
                           r"above|below))?)\s*(?:[<>≤≥]=?\s*)?$", re.I)
""""younger than 65 years", "aged ≥ 70 years", "age of at least 60 years": an age, not a time to an event."""


COMPONENT_AFTER_RE = re.compile(r"\s*(?:complete|partial)\b(?!\s+(?:or|and|\+|plus)\s+(?:complete|partial))", re.I)
COMPONENT_BEFORE_RE = re.compile(r"\b(?:complete|partial)\s*(?:\(\s*(?:[CP]R\s*[,;:]\s*)?)?$", re.I)
""""70% (25% complete and 45% partial)", "2 complete (8%), 7 partial (PR, 29%)": the share of one
response category, a part of the response rate; the contract has no rate of a category."""


_CATEGORY_WORDS = (r"(?:progressive\s+disease|disease\s+progression|stable\s+disease|disease\s+stabili[sz]ation"
                   r"|stabili[sz]ation\s+of\s+(?:the\s+)?disease|PD|SD)\b")
CATEGORY_SHARE_AFTER_RE = re.compile(
    r"\s*\)?\s*(?:of\s+(?:the\s+)?(?:patients|participants|pts)\s+)?(?:(?:on|with|in|receiving)\s+[\w+/-]+\s+)?"
    r"(?:had|showed|experienced|developed|achieved)\s+(?:an?\s+)?" + _CATEGORY_WORDS, re.I)
CATEGORY_SHARE_BEFORE_RE = re.compile(
    _CATEGORY_WORDS + r"\s+(?:(?:was|were)\s+(?:seen|observed|noted)\s+)?in\s+(?:only\s+)?$", re.I)
""""2 (9%) developed disease progression", "7% on Y showed progressive disease", "disease
stabilisation in 35%": the share of one response category (no contract code holds it), never the
response rate named beside it."""


def named_as_no_result(ctx: SentenceContext, q: Quantity) -> bool:
    """"a concordance rate of 79%", "a 45% reduction in the risk", "(64% censored)": the number
    measures something else."""
    if q.kind not in ("percent", "proportion", "time"):
        return False
    before = words_before(ctx.text, ctx.rel(q.start), 4)
    wider = words_before(ctx.text, ctx.rel(q.start), 12)
    if q.kind != "time" and RISK_CUT_BY_RE.search(wider):
        return True
    if CHANGED_BY_RE.search(wider) or DIFFERENCE_RE.search(wider) or BENCHMARK_RE.search(wider):
        return True
    if q.kind == "percent" and q.value in {"90", "95", "99"} and CI_LEVEL_AFTER_RE.match(ctx.text, ctx.rel(q.end)):
        return True
    start = ctx.rel(q.start)
    if q.kind == "time" and (ON_TREATMENT_RE.search(before)
                             or ON_TREATMENT_LISTED_RE.search(ctx.text, max(0, start - 160), start)):
        return True  # "median time on treatment of 7.4 months": how long patients were treated
    if q.kind == "time" and q.unit == "years" and search_before(AGE_BEFORE_RE, ctx.text, ctx.rel(q.start)):
        return True  # "patients younger than 65 years": an age that names a group
    if q.kind == "time" and (search_before(BOUND_TIME_BEFORE_RE, ctx.text, ctx.rel(q.start), LIST_REACH)
                             or BOUND_TIME_AFTER_RE.match(ctx.text, ctx.rel(q.end))):
        return True
    start = ctx.rel(q.start)
    if q.kind == "percent" and (CATEGORY_SHARE_AFTER_RE.match(ctx.text, ctx.rel(q.end))
                                or CATEGORY_SHARE_BEFORE_RE.search(ctx.text, max(0, start - 60), start)):
        return True
    if q.kind == "percent" and (COMPONENT_AFTER_RE.match(ctx.text, ctx.rel(q.end))
                                or COMPONENT_BEFORE_RE.search(ctx.text, max(0, start - 40), start)):
        return True
    if q.kind != "time" and (OTHER_MEASURE_BEFORE_RE.search(before)
                             or OTHER_MEASURE_AFTER_RE.match(ctx.text, ctx.rel(q.end))):
        return True
    return q.kind == "percent" and share_of_events(ctx, q)


EVENTS_AFTER_RE = re.compile(r"\s*\)?\s*(?:(?:PFS|OS|progression|survival|progression-free|disease)[\s-]+)*"
                             r"(?:events?|deaths?)\b", re.I)
EVENTS_BEFORE_RE = re.compile(r"\b(?:events?|deaths?)\s+(?:[\w-]+\s+){0,2}?(?:totall?ed|numbered|were|reached)?\s*:?"
                              r"\s*\d+\s*\(\s*$", re.I)
""""PFS events numbered 48 (60%)", "deaths 4 (3%)": a count of events with its share."""
LIST_GOES_ON_RE = re.compile(r"\s*\)?[^;%()]{0,40}?\b(?:and|vs\.?|versus)\s+\d+\s*\(\s*$", re.I)
MAX_EVENTS_GAP = 200
EVENTS_THEN_COUNT_RE = re.compile(r"^\s*\)?[^;%]*?\b(?:events?|deaths?)\b[^;%]*?\d+\s*\(\s*$", re.I)


def share_of_events(ctx: SentenceContext, q: Quantity, depth: int = 0) -> bool:
    """"48 (60%) progression events", "PFS events numbered 48 (60%) on X and 30 (75%) on Y", "4 (3%) deaths
    on X, 2 (2%) on Y": the share of the events counted (or of the counts listed after them), no rate of
    patients."""
    start = ctx.rel(q.start)
    if EVENTS_AFTER_RE.match(ctx.text, ctx.rel(q.end)) or EVENTS_BEFORE_RE.search(ctx.text, max(0, start - 60), start):
        return True
    previous = ctx.text.rfind("%", 0, start)
    if previous < 0 or depth > 3:
        return False
    gap = ctx.text[previous + 1: start]
    if len(gap) > MAX_EVENTS_GAP:
        return False  # the counts of one list stand close; a long gap is no list (and kept the regexes linear)
    if EVENTS_AFTER_RE.match(ctx.text, previous + 1):
        return EVENTS_THEN_COUNT_RE.match(gap) is not None or LIST_GOES_ON_RE.fullmatch(gap) is not None
    earlier = ctx.start + previous
    return LIST_GOES_ON_RE.fullmatch(gap) is not None and share_of_events(
        ctx, replace(q, start=ctx.start + ctx.text.rfind("(", 0, previous) + 1, end=earlier + 1), depth + 1)


COUNT_BEFORE_SHARE_RE = re.compile(r"\b(\d+|[A-Za-z]+(?:-[a-z]+)?)\s+(?:(?:patients|cases|subjects|pts)\s+)?\(\s*$")
"""'26 (', '12 patients (': the count a share in parentheses restates."""


def is_count_proportion(ctx: SentenceContext, q: Quantity) -> bool:
    """"1 patient (2.0%) achieved CR", "26 (61.9%) were men": the percent only restates a count
    whose clause is about a response category or a baseline trait; a biomarker cut-off is no rate."""
    if q.kind != "percent":
        return False
    if is_threshold(ctx.text, ctx.rel(q.start), ctx.rel(q.end)):
        return True
    opened = ctx.rel(q.start)
    while opened > 0 and ctx.text[opened - 1].isspace():
        opened -= 1
    # the pattern ends on "(" and spaces: a number with no "(" before it is read no further
    count = search_ending_at(COUNT_BEFORE_SHARE_RE, ctx.text, ctx.rel(q.start)) \
        if opened and ctx.text[opened - 1] == "(" else None
    if not count or word_to_int(count.group(1)) is None:
        return False
    topic = nearest_topic(ctx.text, ctx.rel(q.start), ctx.rel(q.end))
    if topic is None and _share_of_a_group(ctx, q):
        return True  # "577 were randomised, including 423 (73%) with LMS": the histology mix
    return topic in {"category", "none"}


SHARE_WITH_RE = re.compile(r"\s*\)\s*(?:had|with|were)\s+(?:an?\s+)?")


def _share_of_a_group(ctx: SentenceContext, q: Quantity) -> bool:
    """"423 (73%) with LMS": a count and share followed by the subtype its patients have."""
    m = SHARE_WITH_RE.match(ctx.text, ctx.rel(q.end))
    return m is not None and any(p.start == ctx.start + m.end() for p in ctx.populations)
