"""Outcome claims from prose: every efficacy number with endpoint, population, regimen and scope.

Per sentence: the measurement matcher gives the numbers; `outcome_endpoints` (with the result
grammar) says which are results, of which endpoint and timepoint; each takes its population
from the words bound to it ("36% for LMS"), else the nearest population before it, else the
paragraph's running population, else the study's own. A sentence with a citation marker (or one that names
"X et al." or continues a cited sentence) reports another study: scope `cited`, linked to the
reference numbers. Counts of CR/PR/SD/PD come from "N patients achieved PR" shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from corpus.document import Document, Sentence
from extractors.binding import (
    add_placebo_items,
    added_arms,
    arm_mentions,
    cohort_by_order,
    every_arm,
    group_populations,
    merge_populations,
    ordered_runs,
    placebo_short_forms,
    timepoint_runs,
)
from extractors.control_arms import arm_after_in_clause, untested_partner, without_compared_control
from extractors.elliptical_rates import add_elliptical_rate, survival_family
from extractors.frame import arm_named_by
from extractors.group_sizes import arm_row_n, of_whole_study, population_sizes
from extractors.listed_groups import regimens_listed_before
from extractors.measurements import Quantity, Timepoint, scan_quantities, scan_timepoints
from extractors.outcome_conditions import drop_conditions
from extractors.outcome_context import (
    ENDPOINT_FAMILY,
    SentenceContext,
    build_context,
    group_size,
)
from extractors.outcome_endpoints import assign_endpoints, timepoint_for, timepoint_near
from extractors.outcome_filters import bare_hazard_ratios
from extractors.outcome_groups import NumberGroups
from extractors.outcome_pairs import follow_earlier_pair
from extractors.outcome_populations import (
    compared_first,
    coordinated_pools,
    each_group,
    population_by_order,
    topic_population,
)
from extractors.outcome_regimens import (
    EXAMPLES_RE,
    RESPECTIVELY_RE,
    add_anaphoric_regimen,
    add_elliptical_classes,
    arm_regimens,
    by_role,
    cohort_regimen,
    compared_regimen,
    given_groups,
    hazard_regimen,
    lead_regimen,
    named_regimen,
    pair_refs_with_arms,
    pooled_regimen,
    respective_regimens,
    role_regimens,
    sized_groups,
)
from extractors.outcome_roles import study_roles
from extractors.outcome_scope import (
    ParagraphState,
    ScopeReader,
    historical,
    own_before_comparison,
    refs_near,
    restates_own_result,
    start_index,
    starting_in,
)
from extractors.patient_groups import keep_trait_results
from extractors.pattern_tokens import hand_over
from extractors.phrase_endpoints import add_phrase_endpoints, drop_definitions
from extractors.records import CitationMarker, Evidence, Mention, OutcomeClaim, Reference, StudyFacts, StudyFrame
from extractors.regimens import regimen_of
from extractors.result_counts import grammar_statements, group_population, response_counts
from extractors.result_grammar import (
    before_design_clause,
)
from extractors.scan_regex import scan_compile
from extractors.study import about_own_study
from extractors.subgroups import Subgroup, subgroup_at
from extractors.text_units import logical_paragraphs
from extractors.unit_docs import UnitDocs
from extractors.visible_populations import visible_populations
from extractors.zero_responses import ZeroResponse, zero_responses
from extractors.zones import BACKGROUND_ZONES, label_end, sentence_zones
from ontology.lexicon import Lexicon

CHANGE_ORDER = {"to": (0, 2), "from": (1, 2)}
"""The two ends of a change as a pair compared in order, combination first: "adding X to Y improved PFS
from 4.0 to 6.1 months" gives 6.1 to X + Y and 4.0 to Y."""
SILENT_ZONES = frozenset({"furniture", "title", "methods"})
WHOLE_POPULATION_RE = scan_compile(r"\b(?:total|whole|entire|overall)\s+(?:population|cohort|group)"
                                   r"|\ball\s+(?:the\s+)?patients\b", re.I)
OTHER_GROUP_OPENER_RE = re.compile(
    r"^\W*(?:in|among|for)\s+(?:the\s+)?(?:\d+\s+)?(?:patients|cases|subjects)\s+with\b", re.I)
"""A sentence opening on a group of its own ("Among patients with extrauterine primaries, ..."): when
it names no subtype, the group is part of the study population, not of the previous sentence's subtype."""
VERSUS_NUMBER_RE = re.compile(r"\b(?:vs\.?|versus|against)\s+\d", re.I)
"""A pair that names no group but compares in order ("3.7 versus 1.8 months"), like "a and b, respectively"."""
SKIP_SECTIONS_RE = re.compile(r"^(?:references?|acknowledg|funding|author|conflict|competing|ethic|data avail)", re.I)



@dataclass
class OutcomeExtractor(NumberGroups):
    doc: Document
    lexicon: Lexicon
    mentions: list[Mention]
    markers: list[CitationMarker]
    references: list[Reference]
    study: StudyFacts
    claims: list[OutcomeClaim] = field(default_factory=list)
    zones: dict[int, str] = field(default_factory=dict)
    """Sentence start -> zone (`extractors.zones`), filled by `run`."""
    group_sizes: dict[str, int] = field(default_factory=dict)
    """Subtype code -> patients in the paper's own group of that subtype (see group_sizes.py)."""
    regimen_by_refs: dict[tuple[int, ...], tuple[str, ...]] = field(default_factory=dict)
    """A cited study keeps the regimen the paper named for it, for sentences that do not repeat it: of a
    sentence comparing its arms, the first named ("X ... compared with ... for Y": X, not Y)."""
    refs_named_here: set[tuple[int, ...]] = field(default_factory=set)
    """The works the current sentence has already given a regimen."""
    own_results: set[tuple[str, str]] = field(default_factory=set)
    """(endpoint, value) of the paper's own results read so far, for restatements in the discussion."""
    roles_by_refs: dict[tuple[int, ...], tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    """(combination, monotherapy) regimens of a cited comparison ("X alone with X plus Y")."""
    frame: StudyFrame = field(default_factory=StudyFrame)
    """The study's arms and cohorts (`extractors.frame`): a primary number binds to one of them."""
    paragraph_docs: UnitDocs = field(default_factory=UnitDocs)
    """The pipeline's Docs of the paragraphs: a sentence's tokens for the result grammar."""
    lead_regimen: tuple[str, ...] = ()
    """`ParagraphState.lead_regimen` of the sentence being read."""
    cohort_lead: tuple[str, ...] = ()
    """The regimen of a group the sentence before gave it ("36 patients received X. Three had PR")."""
    named_arms: dict[int, int] = field(default_factory=dict)
    """Quantity start -> index of the arm its own words named (`binding.named_arm`)."""
    run_arms: dict[int, int] = field(default_factory=dict)
    """Quantity start -> arm index of the sentence being read, for rates listed over timepoints and
    closed by one arm ("15% and 5% at 12 and 24 months in the control group": both the control's)."""
    compared: set[int] = field(default_factory=set)  # starts of the sentence's numbers that compare groups
    trait_groups: dict[int, Subgroup] = field(default_factory=dict)  # `extractors.patient_groups`, by start
    scopes: ScopeReader | None = None
    """Whose result each sentence reports (`extractors.outcome_scope`), set by `run`."""
    from_previous: set[int] = field(default_factory=set)
    """Quantity starts whose regimen the order of the sentence before gave ("..., respectively")."""
    roles: tuple[tuple[str, ...], ...] | None = None
    """(combination, monotherapy) of a study that names its arms by role (`extractors.outcome_roles`)."""
    placebo_forms: tuple[str, ...] = ()
    """The short forms the paper defines for placebo ("placebo (PBO)")."""

    def __post_init__(self) -> None:
        self.roles = study_roles(self.doc.text, self.mentions, self.study.regimen)
        self.placebo_forms = placebo_short_forms(self.doc.text)
        # sorted start offsets, so each sentence finds its mentions by bisection instead of
        # filtering every mention of the paper (quadratic on long documents)
        self._mention_starts = start_index([m.evidence.start for m in self.mentions])
        self._marker_starts = start_index([c.start for c in self.markers])
        self._last_piece: tuple[int, int, str] = (-1, -1, "")

    def run(self) -> list[OutcomeClaim]:
        self.zones = sentence_zones(self.doc)
        self.scopes = ScopeReader(self.doc, self.lexicon, self.mentions, self.markers, self.references, self.study,
                                  self.zones, self.regimen_by_refs)
        for section, pieces_list in logical_paragraphs(self.doc):
            if SKIP_SECTIONS_RE.match(section or ""):
                continue
            self._paragraph(pieces_list, section)
        return _dedupe(self.claims)

    def _paragraph(self, pieces_list: list[list[Sentence]], section: str) -> None:
        """Read a paragraph's sentences in order. A sentence's context is built when it is read or
        when the one before it is (as the sentence that follows): `_context` reads nothing a
        sentence changes, and a silent sentence (furniture, the title, methods) is never read."""
        state = ParagraphState()
        contexts: dict[int, SentenceContext] = {}

        def context(i: int) -> SentenceContext:
            if i not in contexts:
                contexts[i] = self._context(pieces_list[i], section)
            return contexts[i]

        for i, pieces in enumerate(pieces_list):
            if self.zones.get(pieces[0].start, "") in SILENT_ZONES:
                continue  # `_sentence` returns at once for these
            following = context(i + 1) if i + 1 < len(pieces_list) else None
            self._sentence(context(i), state, following)

    # -- context --------------------------------------------------------------------------
    def _context(self, pieces: list[Sentence], section: str) -> SentenceContext:
        """One logical sentence; a sentence cut by a page break is read whole (the gap blanked)."""
        start, end = pieces[0].start, pieces[-1].end
        chars = [" "] * (end - start)
        for piece in pieces:
            chars[piece.start - start : piece.end - start] = piece.text
        inside = starting_in(self.mentions, self._mention_starts, pieces)
        markers = starting_in(self.markers, self._marker_starts, pieces)
        ctx = build_context("".join(chars), start, section, inside, markers, self.lexicon)
        merge_populations(ctx, group_populations(ctx, self.frame) + coordinated_pools(ctx, inside, self.lexicon))
        add_placebo_items(ctx, self.placebo_forms)
        add_elliptical_classes(ctx, inside, self.lexicon)
        ctx.pieces = [(p.start, p.end) for p in pieces]
        ctx.zone = self.zones.get(pieces[0].start, "")
        if ctx.own_study and label_end(ctx.text):
            # "Evidence before this study": the label's words say nothing of the sentence
            ctx.own_study = about_own_study(ctx.text[label_end(ctx.text):])
        ctx.background = ctx.zone in BACKGROUND_ZONES
        return ctx

    # -- one sentence ----------------------------------------------------------------------
    def _sentence(self, ctx: SentenceContext, state: ParagraphState, following: SentenceContext | None) -> None:
        if ctx.zone in SILENT_ZONES:
            return  # page furniture, the title, design assumptions and doses: no result of anyone
        if len(ctx.pieces) == 1:  # one joined across a page break is no span of one Doc: tokenized
            span = self.paragraph_docs.span(ctx.start, ctx.end, ctx.text)
            if span is not None:
                hand_over(span, ctx.text)
        state.combination = add_anaphoric_regimen(ctx, state.combination)
        self.lead_regimen = state.lead_regimen
        self.cohort_lead, state.cohort_regimen = state.cohort_regimen, ()
        self.refs_named_here = set()
        self.cohort_lead = self.cohort_lead or pooled_regimen(ctx, state.given_regimens, self.study, self.lexicon)
        quantities = [_shift(q, ctx.start) for q in scan_quantities(ctx.text)]
        timepoints = [Timepoint(t.values, t.start + ctx.start, t.end + ctx.start) for t in scan_timepoints(ctx.text)]
        if (WHOLE_POPULATION_RE.search(ctx.text) or OTHER_GROUP_OPENER_RE.match(ctx.text)) and not ctx.populations:
            state.population = None
        scope, refs = self.scopes.scope(ctx, state, following)
        if scope == "known":
            state.previous_scope = ""
            return
        n_sentence = group_size(ctx.text)
        if quantities and (cut := ctx.start + before_design_clause(ctx.text)) < ctx.end:
            quantities = [q for q in quantities if q.end <= cut]  # assumptions and thresholds, not results
        drop_definitions(ctx)
        add_phrase_endpoints(ctx)
        add_elliptical_rate(ctx, state.survival_family, timepoints)
        state.survival_family = survival_family(ctx) or state.survival_family
        quantities = drop_conditions(ctx, quantities)  # "patients with OS<60% (N=80)": who, not what
        quantities, self.trait_groups = keep_trait_results(ctx, quantities)
        quantities = bare_hazard_ratios(ctx, quantities)
        statements, taken, totals = grammar_statements(ctx, quantities)
        assigned = assign_endpoints(ctx, [q for q in quantities if q.start not in taken], timepoints)
        arms = arm_regimens(ctx, [q for q, *_ in assigned], self.lexicon)
        added = 0
        first_claim = len(self.claims)
        marks = arm_mentions(ctx, self.frame.arms)
        runs = ordered_runs(ctx, [q for q, *_ in assigned], [code for _, code, *_ in assigned])
        runs, self.run_arms = timepoint_runs(ctx, assigned, runs, marks)
        self.compared = set(runs)
        arms.update(respective_regimens(ctx, [q for q, *_ in assigned], self.lexicon))
        for start, tokens in regimens_listed_before(ctx, [q for q, *_ in assigned],
                                                    [(e, t) for _, e, t, _ in assigned], self.lexicon).items():
            arms.setdefault(start, tokens)  # "X and Y gave a and b, respectively"
        previous_order, state.arm_order = state.arm_order, []
        if scope == "primary" and not ctx.regimen_items and not marks \
                and (RESPECTIVELY_RE.search(ctx.text) or VERSUS_NUMBER_RE.search(ctx.text)):
            for start, (position, size) in runs.items():  # "Median PFS was a and b, respectively", "a versus b": the
                if size == len(previous_order) and start not in arms:  # order the sentence before gave its groups
                    arms[start] = previous_order[position]
                    self.from_previous.add(start)
        for start, tokens in arms.items():  # "X and Y ... a and b", "... for X and Y, respectively": the frame's arms
            exact = next((a for a in self.frame.arms if a.regimen == tokens), None)
            arm = exact or arm_named_by(tokens, self.frame.arms)
            if arm is not None:
                self.run_arms.setdefault(start, self.frame.arms.index(arm))
        claims_of: dict[int, range] = {}
        partner = untested_partner(ctx, self.lead_regimen, state.tested_regimen) \
            if scope == "primary" and not self.study.regimen and len(self.frame.arms) < 2 else ()
        state.tested_regimen = partner or state.tested_regimen
        for q, endpoint, timepoint, population in assigned:
            claims_from = len(self.claims)
            q_scope = "cited" if scope == "primary" and historical(ctx, q, quantities) else scope
            own = q_scope == "cited" and (own_before_comparison(ctx, q)
                                          or restates_own_result(ctx, q, endpoint, self.own_results))
            q_scope = "primary" if own else q_scope
            q_refs = refs_near(ctx, q.start, refs) if q_scope == "cited" else ()
            group, n_group = "", None
            if population is None and q.start in runs:
                population = population_by_order(ctx, q, runs, [a for a, *_ in assigned])
                cohort = cohort_by_order(self.frame, *runs[q.start]) if q_scope == "primary" else None
                if population is None and cohort is not None and not visible_populations(ctx):
                    population, group, n_group = cohort.population, cohort.label, cohort.size  # "..., respectively"
            if population is None and endpoint.startswith("HR_"):
                population = compared_first(ctx, q)
            pop = population or self._population(ctx, q.start, q.end, state, (q_scope, q_refs))
            regimen = arms[q.start] if q.start in arms else self._regimen(ctx, q.start, q.end, q_scope, q_refs)
            regimen = without_compared_control(ctx, regimen)
            if partner and q_scope == "primary" and q.start in runs and not regimen:
                regimen = partner  # "a months, against b for those on placebo": the tested drug's
            regimen = hazard_regimen(ctx, regimen, self.lexicon, q_scope == "primary", self.study.regimen or partner) \
                if endpoint.startswith("HR_") else regimen
            order = runs.get(q.start) or CHANGE_ORDER.get(q.change)  # a change: (combination, alone) by its ends
            added_pair = added_arms(ctx, {r.start: r.key for r in ctx.regimen_items}) if order else []
            if q_scope == "cited" and added_pair and order[1] == 2:
                regimen = added_pair[order[0]]  # "adding X to Y ... (20.4 vs 19.7 months)"
            elif q_scope == "cited" and q_refs in self.roles_by_refs and order:
                regimen = by_role(ctx, self.roles_by_refs[q_refs], order) or regimen
            elif order and (q_scope == "cited" or (len(self.frame.arms) < 2 and q.start not in arms)):
                # "X improved PFS compared with Y (4.6 vs 1.6 months)", "X prolonged PFS from 1.5 months
                # with Y to 4.2 months": the two regimens the comparison names, in its order
                regimen = compared_regimen(ctx, q, runs.get(q.start), self.lexicon) or regimen
            if own:  # the paper's own number in a sentence about another work: the regimen it names is the other's
                regimen = self.study.regimen or regimen
            n = n_group if n_group is not None else totals.get(q.start, n_sentence)
            if q_scope == "primary":
                regimen, arm_name, arm_size = self._arm(ctx, q, endpoint, regimen, marks, runs)
                if arm_name:
                    group, n = arm_name, arm_row_n(endpoint, pop, arm_size, self.frame)
                cohort = next((c for c in self.frame.cohorts if c.population == pop), None)
                if not group and n_group is None and cohort is not None:
                    group, n = cohort.label, cohort.size  # "in the UPS cohort": that cohort's size
            if q.n is not None and n_group is None:
                n = q.n  # "5.1 months (n = 22)": the size printed with the value is its group's
            if q_scope == "primary" and not group and every_arm(ctx, q, self.frame.arms):
                for arm in self.frame.arms:  # "not reached in either arm": one result per arm
                    self._add(ctx, q_scope, q_refs, arm.regimen, endpoint, q.value, _unit(q), pop, timepoint, q,
                              arm_row_n(endpoint, pop, arm.size, self.frame), arm.name)
            else:  # "25% in both LMS and UPS": one result per group named, not their pool
                if q.n is None and q.start in totals:
                    q = replace(q, n=totals[q.start])  # "22.0% (2/9)": a subgroup's own size too
                for each in each_group(ctx, q, pop):
                    self._add(ctx, q_scope, q_refs, regimen, endpoint, q.value, _unit(q), each, timepoint, q,
                              n if each == pop else None, group)
            added += 1
            claims_of[q.start] = range(claims_from, len(self.claims))
        if scope == "primary" and len(self.frame.arms) < 2:
            follow_earlier_pair(ctx, runs, claims_of, self.claims)
        for code, statement, q in statements:
            q_refs = refs_near(ctx, q.start, refs) if scope == "cited" else ()
            pop = group_population(ctx, statement) or self._population(ctx, q.start, q.end, state, (scope, q_refs))
            if statement.kind == "zero" and self._zero_per_arm(ctx, scope, pop, q, ctx.start + statement.start):
                added += 1
                continue
            regimen = self._regimen(ctx, q.start, q.end, scope, q_refs)
            group = ""
            if scope == "primary":  # the arm a responder count names ("20 of 64 (31%) in arm A")
                regimen, group, _ = self._arm(ctx, q, code, regimen, marks, runs)
                a, b = ctx.start + statement.group_span[0], ctx.start + statement.group_span[1]
                named = {g.arm for g in marks if a <= g.start < b}
                if statement.kind == "zero" and len(named) == 1:  # "no responses in the placebo arm"
                    arm = self.frame.arms[named.pop()]
                    regimen, group = arm.regimen, arm.name
            unit = "patients" if code.endswith("_n") else "%"
            timed = code.endswith("_rate") or (code in {"DCR", "CBR"} and timepoint_near(ctx, q))
            timepoint = timepoint_for(q, timepoints, ctx) if timed else ""
            rates = {"ORR", "DCR", "CBR", "PFS_rate", "OS_rate"}
            self._add(ctx, scope, q_refs, regimen, code, statement.value, unit, pop, timepoint, q,
                      statement.total if code in rates or statement.total is not None else n_sentence, group)
            added += 1
        for zero in zero_responses(ctx.text, [(s.start, s.end) for _, s, _ in statements]):
            self._zero_response(ctx, scope, refs, state, zero)
            added += 1
        for endpoint, value, pop, n in response_counts(ctx):
            q_refs = refs_near(ctx, endpoint.start, refs) if scope == "cited" else ()
            pop = pop or self._population(ctx, endpoint.start, endpoint.end, state, (scope, q_refs))
            regimen = self._regimen(ctx, endpoint.start, endpoint.end, scope, q_refs)
            count = Quantity("count", str(value), "patients", endpoint.start, endpoint.end)
            arm = arm_after_in_clause(ctx, endpoint.end, marks) if scope == "primary" else None
            regimen, group = (self.frame.arms[arm].regimen, self.frame.arms[arm].name) if arm is not None \
                else (regimen, "")  # "a CR in k patients of the experimental arm": that arm's count
            self._add(ctx, scope, q_refs, regimen, f"{ENDPOINT_FAMILY[endpoint.key]}_n", str(value), "patients",
                      pop, "", count, n or n_sentence, group)
            added += 1
        pair_refs_with_arms(self.claims, first_claim, ctx)
        order = list(dict.fromkeys(c.regimen for c in self.claims[first_claim:] if c.scope == "primary" and c.regimen))
        state.arm_order = (order if len(order) >= 2 else []) if len(self.claims) > first_claim \
            else sized_groups(ctx, self.lexicon)  # "received X (n = 52) or Y (n = 40)": the next sentence's order
        visible = visible_populations(ctx)
        if visible:
            # a cited study's population carries to the sentences that go on about it; in the paper's
            # own results only a topic does ("In the UPS cohort, ... . Median PFS ..."): groups
            # compared or listed inside a sentence are that sentence's own
            topic = visible[-1] if scope == "cited" else topic_population(ctx, visible, quantities)
            if topic is not None and topic.codes == ("STS",):
                topic = None  # "X accounts for 2% of soft tissue sarcomas": the umbrella is no topic
            state.population = topic.codes or None if topic is not None else None
            state.population_source = (scope, refs)
        named = named_regimen(ctx, self.lexicon)
        state.cohort_regimen = () if added or scope == "cited" else cohort_regimen(ctx, named, self.study.regimen)
        state.given_regimens += given_groups(ctx, named, scope)
        state.lead_regimen, state.lead_age = lead_regimen(ctx, named, (state.lead_regimen, state.lead_age),
                                                          primary_results=added > 0 and scope == "primary")
        if scope == "cited" and refs and not added and named and not EXAMPLES_RE.search(ctx.text):
            # "A trial compared X alone with X plus Y (24). PFS was longer with the combination ...":
            # the work's regimen, for the sentences that go on about it
            self.regimen_by_refs.setdefault(refs, named)
            roles = role_regimens(ctx, self.lexicon)
            if roles is not None:
                self.roles_by_refs.setdefault(refs, roles)
        if scope == "cited":
            state.previous_scope, state.cited_refs = "cited", refs
        elif added or ctx.own_study:
            state.previous_scope = "primary"
        else:
            state.previous_scope = ""

    def _add(self, ctx: SentenceContext, scope: str, refs: tuple[int, ...], regimen: tuple[str, ...],
             endpoint: str, value: str, unit: str, population: tuple[str, ...], timepoint: str,
             q: Quantity, n: int | None, group: str = "") -> None:
        subgroup = subgroup_at(ctx.text, q.start - ctx.start) or self._listed_group(ctx, q) \
            or self.trait_groups.get(q.start)
        if subgroup is not None:
            # the sentence's other counts are of the whole group, not the subgroup; the frame knows
            # the size of a line-of-therapy group the methods printed
            line = next((g for g in self.frame.lines if g.label == subgroup.label), None)
            n = subgroup.size or q.n or (line.size if line is not None and scope == "primary" else None)
            if line is not None and scope == "primary" and not group:
                group = line.label  # the frame's line-of-therapy group: the graph links the result to it
        # an arm's size is not the study's, nor is that of any group compared with another
        arm_row = any(group == a.name for a in self.frame.arms) or q.start in self.compared
        if n is None and scope == "primary" and subgroup is None and not arm_row:
            if population == self._default_population() and of_whole_study(endpoint, regimen, self.study.regimen):
                n = self.study.n_evaluable or self.study.n_enrolled
            elif len(population) == 1:
                n = self.group_sizes.get(population[0])
        start, end = next(((a, b) for a, b in ctx.pieces if a <= q.start < b), ctx.pieces[0])
        if scope == "primary":
            self.own_results.add((endpoint, value))
        self.claims.append(
            OutcomeClaim(
                endpoint=endpoint, value=value, unit=unit, scope=scope, population=population,
                regimen=regimen, subgroup=subgroup.label if subgroup else "", timepoint=timepoint,
                ci_low=q.ci_low, ci_high=q.ci_high, ci_level=q.ci_level, n=n,
                p_value=q.p_value, refs=refs if scope == "cited" else (), group=group,
                evidence=Evidence(self.doc.source_file, ctx.section, start, end, self._piece_text(start, end)),
            )
        )

    def _piece_text(self, start: int, end: int) -> str:
        """`doc.text[start:end]`, one string for all the claims of a sentence piece (a sentence of
        thousands of numbers was copied once per number)."""
        if self._last_piece[:2] != (start, end):
            self._last_piece = (start, end, self.doc.text[start:end])
        return self._last_piece[2]

    def _zero_response(self, ctx: SentenceContext, scope: str, refs: tuple[int, ...], state: ParagraphState,
                       zero: ZeroResponse) -> None:
        """An ORR of 0 for the group or regimen the statement names ("neither the 12 with G nor ...")."""
        a, b = ctx.start + zero.item[0], ctx.start + zero.item[1]
        q = Quantity("count", "0", "patients", a, ctx.start + zero.end)
        q_refs = refs_near(ctx, a, refs) if scope == "cited" else ()
        named = [p for p in ctx.populations if a <= p.start and p.end <= b]
        pop = named[0].codes if named else self._population(ctx, a, b, state, (scope, q_refs))
        items = [r.key for r in ctx.regimen_items if a <= r.start and r.end <= b]
        if not items and self._zero_per_arm(ctx, scope, pop, q, ctx.start + zero.start):
            return
        regimen = regimen_of(items, self.lexicon) if items else self._regimen(ctx, a, b, scope, q_refs)
        self._add(ctx, scope, q_refs, regimen, "ORR", "0", "%", pop, "", q, zero.n, "")

    def _zero_per_arm(self, ctx: SentenceContext, scope: str, pop: tuple[str, ...], q: Quantity, at: int) -> bool:
        """"No responses were observed in either arm" (the statement read from `at`): one ORR of 0 per arm."""
        if scope != "primary" or not every_arm(ctx, replace(q, end=at), self.frame.arms):
            return False
        for arm in self.frame.arms:
            n = arm_row_n("ORR", pop, arm.size, self.frame)
            self._add(ctx, scope, (), arm.regimen, "ORR", "0", "%", pop, "", q, n, arm.name)
        return True


def _shift(q: Quantity, base: int) -> Quantity:
    return replace(q, start=q.start + base, end=q.end + base)


def _unit(q: Quantity) -> str:
    return {"percent": "%", "time": q.unit, "nr": "", "hr": "ratio", "proportion": "proportion"}.get(q.kind, q.unit)


def _dedupe(claims: list[OutcomeClaim]) -> list[OutcomeClaim]:
    seen, out = set(), []
    for c in claims:
        key = (c.endpoint, c.value, c.population, c.scope, c.timepoint, c.evidence.start, c.group, c.regimen)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def extract_outcomes(doc: Document, lexicon: Lexicon, mentions: list[Mention], markers: list[CitationMarker],
                     references: list[Reference], study: StudyFacts,
                     frame: StudyFrame | None = None, paragraph_docs: UnitDocs | None = None) -> list[OutcomeClaim]:
    """Every outcome claim stated in the document's prose; `paragraph_docs`, the pipeline's Docs of
    the paragraphs, give the result grammar its tokens (without them each sentence is tokenized)."""
    sizes = population_sizes(doc, mentions, markers)
    return OutcomeExtractor(doc, lexicon, mentions, markers, references, study, group_sizes=sizes,
                            frame=frame or StudyFrame(), paragraph_docs=paragraph_docs or UnitDocs()).run()
