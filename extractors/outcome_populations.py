"""Which group of the sentence a result number belongs to: the group printed right after it or the
nearest before, k groups named before a run of k numbers ("..., respectively"), the first of two
groups compared for a hazard ratio, the group a sentence opens with, and coordinated subtypes
("embryonal and alveolar RMS") as one pool. Used by `extractors.outcomes`."""

from __future__ import annotations

import re

from extractors.measurements import Quantity
from extractors.outcome_context import Located, SentenceContext
from extractors.records import Mention
from extractors.result_grammar import coordinated_subtypes, group_phrase_follows, whole_population_follows
from extractors.visible_populations import populations_index, visible_index, visible_populations
from ontology.lexicon import Lexicon


def population_by_order(ctx: SentenceContext, q: Quantity, runs: dict[int, tuple[int, int]],
                         quantities: list[Quantity]) -> tuple[str, ...] | None:
    """"In the UPS, DDLPS and MFS cohorts, ... 51.9%, 36.0% and 40.0%, respectively": k groups named
    before a run of k numbers compared in order, none inside the run; a pool of k ("SS and MRCLS")
    read member by member."""
    position, length = runs[q.start]
    run = [p for p in quantities if p.start in runs and runs[p.start][1] == length]
    index = run.index(q) if q in run else -1
    first = run[index - position] if index >= position else q
    last = run[index - position + length - 1] if index - position + length - 1 < len(run) else q
    visible = visible_populations(ctx)
    if any(first.start <= p.start < last.end for p in visible):
        return None
    following = next((p for p in visible if p.start >= last.end), None)
    if following is not None and group_phrase_follows(ctx.text[ctx.rel(last.end) : ctx.rel(following.start)]):
        return None  # "30% among X and Y, compared with 5% in other subtypes": the last names its own group
    before = [p for p in visible if p.end <= first.start]
    if len(before) == length:
        return before[position].codes or None
    pooled = before[-1] if len(before) == 1 else None
    if pooled and len(pooled.codes) == length and re.search(r"\band\b|\bor\b|,", ctx.text[
            ctx.rel(pooled.start) : ctx.rel(pooled.end)]):  # listed members, not one pooled term ("L-STS")
        return (pooled.codes[position],)
    return None


def _result_numbers_before(ctx: SentenceContext, q: Quantity) -> int:
    """How many group results (percentages, durations; not HRs) the sentence prints before `q`."""
    return sum(1 for m in re.finditer(r"\d+(?:[.·]\d+)?\s*(?:%|months?|weeks?|years?)", ctx.text)
               if m.end() + ctx.start <= q.start)


def compared_first(ctx: SentenceContext, q: Quantity) -> tuple[str, ...] | None:
    """A hazard ratio after groups compared ("5.1 months in L-sarcomas and 2.3 months in the others
    (HR 0.58)") belongs to the first group named."""
    before = [p for p in visible_populations(ctx) if p.end <= q.start]
    distinct = list(dict.fromkeys(p.codes for p in before))
    if len(distinct) < 2 or _result_numbers_before(ctx, q) < 2:
        return None  # "in LMS (HR 0.38) and SS (HR 0.35)": each group has its own HR
    return distinct[0] or None


TOPIC_OPENER_RE = re.compile(r"^\s*(?:in|among|for|within|of|regarding)\b", re.I)


def topic_population(ctx: SentenceContext, visible: list[Located], quantities: list[Quantity]) -> Located | None:
    """The group a sentence opens with before any number ("Among the 12 patients with UPS, ..."), if any."""
    first_number = min((q.start for q in quantities), default=ctx.end)
    topic = visible[0]
    if topic.start > first_number:
        return None
    segment_start = max((m.end() for m in re.finditer(r",|:", ctx.text[: ctx.rel(topic.start)])), default=0)
    if not TOPIC_OPENER_RE.match(ctx.text[segment_start:]):
        return None  # "Of 60 patients, the commonest were LMS (35%) ...": the group is no topic
    if any(p.codes != topic.codes and p.start > first_number for p in visible):
        return None  # "In the UPS cohort, ..., and in the MFS cohort ...": two groups, neither the paragraph's topic
    return topic


def coordinated_pools(ctx: SentenceContext, mentions: list[Mention], lexicon: Lexicon) -> list[Located]:
    """"embryonal and alveolar RMS": one pool of the subtypes the coordinated modifiers name."""
    subtypes = [(m.evidence.start - ctx.start, m.evidence.end - ctx.start, m.key) for m in mentions
                if m.type == "subtype" and ctx.start <= m.evidence.start < ctx.end]
    return [Located("population", "|".join(codes), ctx.start + a, ctx.start + b, codes)
            for a, b, codes in coordinated_subtypes(ctx.text, subtypes, lexicon.forms("subtype"))]


def bound_population(ctx: SentenceContext, start: int, end: int) -> tuple[str, ...] | None:
    """Population printed right after the number ("36% for LMS"), else the nearest before it."""
    if whole_population_follows(ctx.text, ctx.rel(end)):
        return ()  # "40% across all patients and 55% in the X subgroup": the first is the whole population
    opened = PAREN_OPEN_RE.match(ctx.text, ctx.rel(end))  # what any group in a parenthesis of its own starts within
    if opened:  # "from 71% (synovial sarcoma) to 52% (leiomyosarcoma)": its own parenthesis
        for p in populations_index(ctx).starting_within(end, ctx.start + opened.end()):
            if PAREN_OPEN_RE.fullmatch(ctx.text, ctx.rel(end), ctx.rel(p.start)) \
                    and PAREN_CLOSE_RE.match(ctx.text, ctx.rel(p.end)):
                return p.codes
    visible = visible_index(ctx, around=start)
    following = visible.first_from(end)
    if following is not None and group_phrase_follows(ctx.text[ctx.rel(end) : ctx.rel(following.start)]):
        return following.codes
    before = visible.last_ending_by(start)
    if before is not None:
        return before.codes
    gap = re.sub(r"\([^()]*\)", "", ctx.text[ctx.rel(end) : ctx.rel(following.start)]) if following else ""
    if following is None or AFTER_BREAK_RE.search(gap) or NEXT_CLAUSE_RE.search(gap):
        # "12% with X [1], but 3% in other sarcomas [2]", "4.9 weeks, and the median DoR was 11.6
        # months in X": that group is another number's
        return None
    return following.codes


PAREN_OPEN_RE = re.compile(r"\s*\(\s*(?:in|for|with)?\s*", re.I)
PAREN_CLOSE_RE = re.compile(r"\s*[),;]")
AFTER_BREAK_RE = re.compile(r"[;:\[]|\b(?:but|whereas|while|compared|versus|vs)\b", re.I)
"""What ends a number's own phrase before a group printed after it; a colon opens an enumeration of
the parts of the number's group ("six responses (ORR 15.0%): LMS (3 of 12), ..."), not its group."""
NEXT_CLAUSE_RE = re.compile(r",\s+(?:and|while|whereas)\s+(?:the|it)\b[^,;]*?\d", re.I)


EACH_RE = re.compile(r"\b(?:both|each|alike)\b", re.I)


def each_group(ctx: SentenceContext, q: Quantity, population: tuple[str, ...]) -> list[tuple[str, ...]]:
    """"The ORR was 25% in both LMS and UPS", "LMS and UPS (each 25%)": a value said of each of
    the groups its clause names is one result per group, not a result of their pool."""
    if len(population) < 2:
        return [population]
    start = ctx.text.rfind(";", 0, ctx.rel(q.start)) + 1
    end = ctx.text.find(";", ctx.rel(q.end))
    clause = ctx.text[start : end if end >= 0 else len(ctx.text)]
    return [(code,) for code in population] if EACH_RE.search(clause) else [population]
