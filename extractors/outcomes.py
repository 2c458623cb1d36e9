"""Outcome claims from prose: every efficacy number with endpoint, population, regimen and scope.

Per sentence: the measurement matcher gives the numbers; each number takes the nearest
preceding compatible endpoint ("respectively" lists pair in order), its population from the
words bound to it ("36% for LMS"), else the nearest population before it, else the paragraph's
running population, else the study's own. A sentence with a citation marker (or one that names
"X et al." or continues a cited sentence) reports another study: scope `cited`, linked to the
reference numbers. Counts of CR/PR/SD/PD come from "N patients achieved PR" shapes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from corpus.document import Document, Sentence
from extractors.group_sizes import population_sizes
from extractors.measurements import Quantity, Timepoint, scan_quantities, scan_timepoints, word_to_int
from extractors.outcome_context import (
    COUNT_OF_RE,
    ENDPOINT_FAMILY,
    RESPONSE_CATEGORIES,
    Located,
    SentenceContext,
    build_context,
    group_size,
)
from extractors.outcome_regimens import arm_regimens, bound_regimen, pair_refs_with_arms
from extractors.records import CitationMarker, Evidence, Mention, OutcomeClaim, Reference, StudyFacts
from extractors.regimens import regimen_of
from extractors.subgroups import subgroup_at
from ontology.lexicon import Lexicon

COMPATIBLE = {
    "percent": {"ORR", "DCR", "CBR", "PFS", "OS"},
    "time": {"PFS", "OS", "DoR", "TTR", "followup"},
    "nr": {"PFS", "OS", "DoR", "TTR"},
    "hr": {"PFS", "OS"},
}
MAX_ENDPOINT_DISTANCE = 160
BACKGROUND_KINDS = {"introduction", "discussion"}
NEW_STUDY_RE = re.compile(
    r"^\s*(?:in\s+)?(?:a|an|another|one)\s+(?:[\w,-]+\s+){0,6}?(?:trial|study|analysis|registry|cohort|series)\b",
    re.I,
)
HISTORICAL_RE = re.compile(
    r"\bhistorical(?:ly)?\b|\bpreviously\s+reported\b|\breported\s+previously\b|\bin\s+(?:previous|prior|earlier)"
    r"\s+(?:studies|trials|reports)\b|\bliterature\b",
    re.I,
)
TERMINAL_RE = re.compile(r"[.!?][\"')\]]*\s*$")
ELLIPTICAL_CR_RE = re.compile(
    r"\b(?P<n>\d+|[A-Za-z]+)\s+complete\s+(?:and|or|,)\s+(?:\d+|[A-Za-z]+)\s+partial\s+respon", re.I
)
WHOLE_POPULATION_RE = re.compile(
    r"\b(?:total|whole|entire|overall)\s+(?:population|cohort|group)|\ball\s+(?:the\s+)?patients\b", re.I
)
NON_OUTCOME_CLAUSE_RE = re.compile(r"adverse|TRAE|\bAEs?\b|toxicit|grade\s*\d|\bage[ds]?\b|dose|\bmg\b", re.I)
SKIP_SECTIONS_RE = re.compile(r"^(?:references?|acknowledg|funding|author|conflict|competing|ethic|data avail)", re.I)
COUNT_TOKEN_RE = re.compile(r"(?<![\d.,%])\b(\d+|[A-Za-z]+(?:-[a-z]+)?)\b(?!\s*(?:%|[.,]\d))")
NOT_COUNT_FOLLOW_RE = re.compile(r"\s*(?:months?|weeks?|years?|days?|mg|cycles?|lines?|centers?|%)\b", re.I)


@dataclass
class ParagraphState:
    """What carries from one sentence to the next inside a paragraph."""

    population: tuple[str, ...] | None = None
    population_source: tuple[str, tuple[int, ...]] = ("primary", ())
    """(scope, refs) of the sentence that named `population`: it carries only to the same scope."""
    previous_scope: str = ""
    """"cited" / "primary" for the sentence just before, "" when it reported nothing."""
    cited_refs: tuple[int, ...] = ()


def _start_index(starts: list[int]) -> tuple[list[int], list[int]]:
    """(sorted start offsets, the item index of each) for `_starting_in`."""
    order = sorted(range(len(starts)), key=starts.__getitem__)
    return [starts[i] for i in order], order


def _starting_in(items: list, index: tuple[list[int], list[int]], pieces: list[Sentence]) -> list:
    """The items whose start falls in one of the pieces, in their original order."""
    starts, order = index
    chosen: set[int] = set()
    for piece in pieces:
        chosen.update(order[bisect_left(starts, piece.start):bisect_left(starts, piece.end)])
    return [items[i] for i in sorted(chosen)]


@dataclass
class OutcomeExtractor:
    doc: Document
    lexicon: Lexicon
    mentions: list[Mention]
    markers: list[CitationMarker]
    references: list[Reference]
    study: StudyFacts
    claims: list[OutcomeClaim] = field(default_factory=list)
    group_sizes: dict[str, int] = field(default_factory=dict)
    """Subtype code -> patients in the paper's own group of that subtype (see group_sizes.py)."""
    regimen_by_refs: dict[tuple[int, ...], tuple[str, ...]] = field(default_factory=dict)
    """A cited study keeps the regimen the paper named for it, for sentences that do not repeat it."""

    def __post_init__(self) -> None:
        # sorted start offsets, so each sentence finds its mentions by bisection instead of
        # filtering every mention of the paper (quadratic on long documents)
        self._mention_starts = _start_index([m.evidence.start for m in self.mentions])
        self._marker_starts = _start_index([c.start for c in self.markers])

    def run(self) -> list[OutcomeClaim]:
        for section, pieces_list in logical_paragraphs(self.doc):
            if SKIP_SECTIONS_RE.match(section or ""):
                continue
            state = ParagraphState()
            contexts = [self._context(pieces, section) for pieces in pieces_list]
            for i, ctx in enumerate(contexts):
                following = contexts[i + 1] if i + 1 < len(contexts) else None
                self._sentence(ctx, state, following)
        return _dedupe(self.claims)

    # -- context --------------------------------------------------------------------------
    def _context(self, pieces: list[Sentence], section: str) -> SentenceContext:
        """One logical sentence; a sentence cut by a page break is read whole (the gap blanked)."""
        start, end = pieces[0].start, pieces[-1].end
        chars = [" "] * (end - start)
        for piece in pieces:
            chars[piece.start - start : piece.end - start] = piece.text
        inside = _starting_in(self.mentions, self._mention_starts, pieces)
        markers = _starting_in(self.markers, self._marker_starts, pieces)
        ctx = build_context("".join(chars), start, section, inside, markers, self.lexicon)
        ctx.pieces = [(p.start, p.end) for p in pieces]
        ctx.background = self.doc.section_kind_at(start) in BACKGROUND_KINDS
        return ctx

    # -- one sentence ----------------------------------------------------------------------
    def _sentence(self, ctx: SentenceContext, state: ParagraphState, following: SentenceContext | None) -> None:
        quantities = [_shift(q, ctx.start) for q in scan_quantities(ctx.text)]
        timepoints = [Timepoint(t.values, t.start + ctx.start, t.end + ctx.start) for t in scan_timepoints(ctx.text)]
        if WHOLE_POPULATION_RE.search(ctx.text) and not ctx.populations:
            state.population = None
        scope, refs = self._scope(ctx, state, following)
        n_sentence = group_size(ctx.text)
        assigned = _assign_endpoints(ctx, quantities, timepoints)
        arms = arm_regimens(ctx, [q for q, *_ in assigned], self.lexicon)
        added = 0
        first_claim = len(self.claims)
        for q, endpoint, timepoint, population in assigned:
            q_scope = "cited" if scope == "primary" and _historical(ctx, q, quantities) else scope
            q_refs = _refs_near(ctx, q.start, refs) if q_scope == "cited" else ()
            pop = population or self._population(ctx, q.start, q.end, state, (q_scope, q_refs))
            regimen = arms.get(q.start) or self._regimen(ctx, q.start, q.end, q_scope, q_refs)
            self._add(ctx, q_scope, q_refs, regimen, endpoint, q.value, _unit(q), pop, timepoint, q, n_sentence)
            added += 1
        for endpoint, value, pop, n in _response_counts(ctx):
            q_refs = _refs_near(ctx, endpoint.start, refs) if scope == "cited" else ()
            pop = pop or self._population(ctx, endpoint.start, endpoint.end, state, (scope, q_refs))
            regimen = self._regimen(ctx, endpoint.start, endpoint.end, scope, q_refs)
            count = Quantity("count", str(value), "patients", endpoint.start, endpoint.end)
            self._add(ctx, scope, q_refs, regimen, f"{ENDPOINT_FAMILY[endpoint.key]}_n", str(value), "patients",
                      pop, "", count, n or n_sentence)
            added += 1
        pair_refs_with_arms(self.claims, first_claim, ctx)
        visible = _visible_populations(ctx)
        if visible:
            state.population = visible[-1].codes or None
            state.population_source = (scope, refs)
        if scope == "cited":
            state.previous_scope, state.cited_refs = "cited", refs
        elif added or ctx.own_study:
            state.previous_scope = "primary"
        else:
            state.previous_scope = ""

    def _add(self, ctx: SentenceContext, scope: str, refs: tuple[int, ...], regimen: tuple[str, ...],
             endpoint: str, value: str, unit: str, population: tuple[str, ...], timepoint: str,
             q: Quantity, n: int | None) -> None:
        subgroup = subgroup_at(ctx.text, q.start - ctx.start)
        if subgroup is not None:
            n = subgroup.size  # the sentence's other counts are of the whole group, not the subgroup
        if n is None and scope == "primary" and subgroup is None:
            if population == self._default_population():
                n = self.study.n_evaluable or self.study.n_enrolled
            elif len(population) == 1:
                n = self.group_sizes.get(population[0])
        start, end = next(((a, b) for a, b in ctx.pieces if a <= q.start < b), ctx.pieces[0])
        self.claims.append(
            OutcomeClaim(
                endpoint=endpoint, value=value, unit=unit, scope=scope, population=population,
                regimen=regimen, subgroup=subgroup.label if subgroup else "", timepoint=timepoint,
                ci_low=q.ci_low, ci_high=q.ci_high, n=n,
                p_value=q.p_value, refs=refs if scope == "cited" else (),
                evidence=Evidence(self.doc.source_file, ctx.section, start, end, self.doc.text[start:end]),
            )
        )

    # -- scope -----------------------------------------------------------------------------
    def _scope(self, ctx: SentenceContext, state: ParagraphState,
               following: SentenceContext | None) -> tuple[str, tuple[int, ...]]:
        """cited when the sentence carries a marker, names "X et al.", or (in an introduction or
        discussion) continues the cited sentence just before it or leads into the one after."""
        numbers = _marker_numbers(ctx)
        if numbers:
            return "cited", numbers
        if ctx.own_study:
            return "primary", ()
        by_author = self._refs_by_author(ctx.cited_authors, ctx.start)
        if by_author:
            return "cited", by_author
        if ctx.cited_authors and following is not None and _marker_numbers(following):
            return "cited", _marker_numbers(following)
        if ctx.background:
            next_refs = _marker_numbers(following) if following is not None and not following.own_study else ()
            if state.previous_scope == "cited" and not (next_refs and self._opens_new_study(ctx, state)):
                return "cited", state.cited_refs
            if next_refs:
                return "cited", next_refs
        return "primary", ()

    def _opens_new_study(self, ctx: SentenceContext, state: ParagraphState) -> bool:
        """"In a phase II trial, X achieved ...": a new study, told before its marker arrives."""
        if NEW_STUDY_RE.match(ctx.text):
            return True
        named = regimen_of([r.key for r in ctx.regimen_items], self.lexicon)
        return bool(named) and named != self.regimen_by_refs.get(state.cited_refs, named)

    def _refs_by_author(self, authors: list[str], before: int) -> tuple[int, ...]:
        """References whose first author is named; a surname shared by several references
        resolves to the one the paper cited most recently before this sentence."""
        found = set()
        for author in authors:
            hits = [r.number for r in self.references if _surname(r.first_author) == author.lower()]
            if len(hits) > 1:
                last_cited = {n: m.start for m in self.markers if m.start < before for n in m.numbers if n in hits}
                hits = [max(last_cited, key=last_cited.get)] if last_cited else []
            if len(hits) == 1:
                found.add(hits[0])
        return tuple(sorted(found))

    # -- population and regimen ------------------------------------------------------------
    def _default_population(self) -> tuple[str, ...]:
        codes = tuple(c for c in self.study.population.split("|") if c)
        return codes or ("STS",)

    def _population(self, ctx: SentenceContext, start: int, end: int, state: ParagraphState,
                    source: tuple[str, tuple[int, ...]]) -> tuple[str, ...]:
        bound = _bound_population(ctx, start, end)
        if bound is not None:
            return bound or self._default_population()
        if state.population and state.population_source[0] == source[0]:
            return state.population
        return self._default_population()

    def _regimen(self, ctx: SentenceContext, start: int, end: int, scope: str,
                 refs: tuple[int, ...]) -> tuple[str, ...]:
        cluster = bound_regimen(ctx, start, end)
        tokens = regimen_of([r.key for r in cluster], self.lexicon)
        if scope == "cited":
            if tokens:
                self.regimen_by_refs[refs] = tokens
                return tokens
            return self.regimen_by_refs.get(refs, ())
        return tokens or self.study.regimen


def _marker_numbers(ctx: SentenceContext) -> tuple[int, ...]:
    return tuple(sorted({n for m in ctx.markers for n in m.numbers}))


def _historical(ctx: SentenceContext, q: Quantity, quantities: list[Quantity]) -> bool:
    """"... exceeded the historical benchmark of TKI monotherapy (46%)": a number given as
    earlier studies' result inside a sentence about this study."""
    previous_end = max((p.end for p in quantities if p.end <= q.start), default=ctx.start)
    return bool(HISTORICAL_RE.search(ctx.text[ctx.rel(previous_end) : ctx.rel(q.start)]))


def _refs_near(ctx: SentenceContext, position: int, refs: tuple[int, ...]) -> tuple[int, ...]:
    """The marker printed after the number (else before it) when a sentence cites several works."""
    if len(ctx.markers) < 2:
        return refs
    after = [m for m in ctx.markers if m.start >= position]
    marker = after[0] if after else max(ctx.markers, key=lambda m: m.start)
    return tuple(sorted(marker.numbers))


def _surname(first_author: str) -> str:
    """"von Mehren M" -> "mehren"; "Liu Z" -> "liu" (the last capitalised word before initials)."""
    words = [w for w in re.split(r"[\s,]+", first_author) if w]
    names = [w for w in words if len(w) > 1 and not w.isupper()]
    return (names[-1] if names else (words[0] if words else "")).lower()


def logical_paragraphs(doc: Document) -> list[tuple[str, list[list[Sentence]]]]:
    """Paragraphs with their page-break continuations joined; each sentence as its printed pieces."""
    by_start = {p.start: i for i, p in enumerate(doc.paragraphs)}
    groups: list[tuple[str, list[list[Sentence]]]] = []
    group_of: dict[int, int] = {}
    for i, paragraph in enumerate(doc.paragraphs):
        if paragraph.kind not in ("body", "") or not paragraph.sentences:
            continue
        head = by_start.get(paragraph.continues) if paragraph.continues is not None else None
        if head is not None and head in group_of:
            _, sentences = groups[group_of[head]]
            first, *rest = paragraph.sentences
            if sentences and not TERMINAL_RE.search(sentences[-1][-1].text):
                sentences[-1].append(first)
            else:
                sentences.append([first])
            sentences.extend([s] for s in rest)
            group_of[i] = group_of[head]
            continue
        group_of[i] = len(groups)
        groups.append((paragraph.section, [[s] for s in paragraph.sentences]))
    return groups


def _shift(q: Quantity, base: int) -> Quantity:
    return replace(q, start=q.start + base, end=q.end + base)


def _unit(q: Quantity) -> str:
    return {"percent": "%", "time": q.unit, "nr": "", "hr": ""}.get(q.kind, q.unit)


def _paren_spans(text: str, base: int) -> list[tuple[int, int]]:
    spans, stack = [], []
    for i, ch in enumerate(text):
        if ch in "([":
            stack.append(i)
        elif ch in ")]" and stack:
            spans.append((base + stack.pop(), base + i + 1))
    return spans


def _visible_populations(ctx: SentenceContext, around: int | None = None) -> list[Located]:
    """Populations not tucked into a parenthesis (unless the number itself is inside it)."""
    parens = _paren_spans(ctx.text, ctx.start)
    return [
        p for p in ctx.populations
        if not any(a <= p.start and p.end <= b and not (around is not None and a <= around < b) for a, b in parens)
    ]


def _bound_population(ctx: SentenceContext, start: int, end: int) -> tuple[str, ...] | None:
    """Population printed right after the number ("36% for LMS"), else the nearest before it."""
    visible = _visible_populations(ctx, around=start)
    for p in visible:
        if p.start >= end:
            between = ctx.text[ctx.rel(end) : ctx.rel(p.start)]
            if re.match(r"^[\s,)\]]*(?:for|in|among|of|with)\b[^.;%]{0,70}$", between) and not re.search(
                r"\d+(?:\.\d+)?\s*(?:%|months?)", between
            ):
                return p.codes
            break
    before = [p for p in visible if p.end <= start]
    if before:
        return before[-1].codes
    after = [p for p in visible if p.start >= end]
    return after[0].codes if after else None


def _assign_endpoints(
    ctx: SentenceContext, quantities: list[Quantity], timepoints: list[Timepoint]
) -> list[tuple[Quantity, str, str, tuple[str, ...] | None]]:
    """(quantity, endpoint code, timepoint, population or None) for each outcome number."""
    usable = [q for q in quantities if not _is_count_proportion(ctx, q)]
    paired: dict[int, tuple[Quantity, str, str, tuple[str, ...] | None]] = {}
    for m in re.finditer(r"\brespectively\b", ctx.text, re.I):
        for item in _respectively(ctx, usable, timepoints, ctx.start + m.start()):
            paired[item[0].start] = item
    out = []
    for q in usable:
        if q.start in paired:
            out.append(paired[q.start])
            continue
        endpoint = _nearest_endpoint(ctx, q)
        code = _endpoint_code(endpoint.key, q) if endpoint else None
        if code is None:
            continue
        timepoint = _timepoint_for(q, timepoints) if code.endswith("_rate") else ""
        out.append((q, code, timepoint, None))
    return out


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
            code = _endpoint_code(e.key, q)
            if code:
                out.append((q, code, _timepoint_for(q, timepoints) if code.endswith("_rate") else "", None))
        return out
    endpoint = endpoints[-1] if endpoints else _nearest_endpoint(ctx, run[0])
    code = _endpoint_code(endpoint.key, run[0]) if endpoint else None
    if code is None:
        return []
    listed = [t for t in timepoints if lead[0] <= t.start and t.end <= lead[1]]
    if listed and len(listed[-1].values) == len(run):
        return [(q, code, tp, None) for q, tp in zip(run, listed[-1].values, strict=True)]
    pops = [p for p in _visible_populations(ctx) if lead[0] <= p.start and p.end <= lead[1]]
    if len(pops) == len(run):
        return [(q, code, "", p.codes) for q, p in zip(run, pops, strict=True)]
    return []


def _distinct(endpoints: list[Located]) -> list[Located]:
    out: list[Located] = []
    for e in endpoints:
        if not out or ENDPOINT_FAMILY[out[-1].key] != ENDPOINT_FAMILY[e.key]:
            out.append(e)
    return out


def _is_count_proportion(ctx: SentenceContext, q: Quantity) -> bool:
    """"1 patient (2.0%) achieved CR": the percent only restates a count."""
    if q.kind != "percent":
        return False
    before = ctx.text[: ctx.rel(q.start)]
    if not re.search(r"\b(?:\d+|[A-Za-z]+)\s+(?:\w+\s+)?\(\s*$", before):
        return False
    after = [e for e in ctx.endpoints if e.start >= q.end and e.start - q.end < 60]
    return bool(after) and ENDPOINT_FAMILY[after[0].key] in RESPONSE_CATEGORIES


def _nearest_endpoint(ctx: SentenceContext, q: Quantity) -> Located | None:
    compatible = COMPATIBLE.get(q.kind, set())
    before = [e for e in ctx.endpoints if e.end <= q.start and q.start - e.end <= MAX_ENDPOINT_DISTANCE]
    for e in reversed(before):
        family = ENDPOINT_FAMILY[e.key]
        if family in compatible:
            clause = ctx.text[ctx.rel(e.end) : ctx.rel(q.start)]
            return None if NON_OUTCOME_CLAUSE_RE.search(clause) else e
    after = [e for e in ctx.endpoints if e.start >= q.end and e.start - q.end <= MAX_ENDPOINT_DISTANCE]
    for e in after:
        if ENDPOINT_FAMILY[e.key] in compatible and not NON_OUTCOME_CLAUSE_RE.search(
            ctx.text[ctx.rel(q.end) : ctx.rel(e.start)]
        ):
            return e
    return None


def _endpoint_code(key: str, q: Quantity) -> str | None:
    family = ENDPOINT_FAMILY.get(key)
    if family is None or family not in COMPATIBLE.get(q.kind, set()):
        return None
    if q.kind == "hr":
        return f"HR_{family}"
    if family in {"ORR", "DCR", "CBR"}:
        return family
    if family == "followup":
        return "followup_median"
    if family in {"PFS", "OS"}:
        return f"{family}_rate" if q.kind == "percent" else f"{family}_median"
    return f"{family}_median"


def _timepoint_for(q: Quantity, timepoints: list[Timepoint]) -> str:
    before = [t for t in timepoints if t.end <= q.start]
    if before and len(before[-1].values) == 1:
        return before[-1].values[0]
    after = [t for t in timepoints if t.start >= q.end and t.start - q.end < 30]
    return after[0].values[0] if after and len(after[0].values) == 1 else ""


def _response_counts(ctx: SentenceContext) -> list[tuple[Located, int, tuple[str, ...] | None, int | None]]:
    """(endpoint, count, population, n) for "2 cases achieved CR", "Two of 3 patients with UPS had PR"."""
    out = []
    boundary = ctx.start
    for i, e in enumerate(ctx.endpoints):
        if ENDPOINT_FAMILY[e.key] not in RESPONSE_CATEGORIES:
            boundary = e.end
            continue
        region_start, boundary = boundary, e.end
        if _joined_category(ctx, i):
            continue  # "CR or PR" counts a composite, not either category
        region = ctx.text[ctx.rel(region_start) : ctx.rel(e.start)]
        pairs = [m for m in COUNT_OF_RE.finditer(region) if word_to_int(m.group("x")) is not None]
        for m in pairs:
            pop = next((p.codes for p in ctx.populations if region_start + m.end() <= p.start < e.start), None)
            out.append((e, word_to_int(m.group("x")), pop, int(m.group("y"))))
        if not pairs:
            count = _nearest_count(re.split(r"[,;:]", region)[-1])
            if count is not None:
                out.append((e, count, None, None))
    for m in ELLIPTICAL_CR_RE.finditer(ctx.text):
        count = word_to_int(m.group("n"))
        if count is not None:
            out.append((Located("endpoint", "CR_n", ctx.start + m.start(), ctx.start + m.end()), count, None, None))
    return out


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


def _nearest_count(clause: str) -> int | None:
    found = None
    for m in COUNT_TOKEN_RE.finditer(clause):
        value = word_to_int(m.group(1))
        if value is None or 1900 <= value <= 2100 or NOT_COUNT_FOLLOW_RE.match(clause[m.end() :]):
            continue
        found = value
    return found


def _dedupe(claims: list[OutcomeClaim]) -> list[OutcomeClaim]:
    seen, out = set(), []
    for c in claims:
        key = (c.endpoint, c.value, c.population, c.scope, c.timepoint, c.evidence.start)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def extract_outcomes(doc: Document, lexicon: Lexicon, mentions: list[Mention], markers: list[CitationMarker],
                     references: list[Reference], study: StudyFacts) -> list[OutcomeClaim]:
    """Every outcome claim stated in the document's prose."""
    sizes = population_sizes(doc, mentions, markers)
    return OutcomeExtractor(doc, lexicon, mentions, markers, references, study, group_sizes=sizes).run()
