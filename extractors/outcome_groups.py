"""The arm, population and regimen one result number of a sentence binds to, for the outcome reader.

`NumberGroups` is mixed into `extractors.outcomes.OutcomeExtractor`: its methods read the
extractor's study (`study`, `frame`, `roles`, `lexicon`), the claims so far (`claims`) and what the
sentences before named (`run_arms`, `named_arms`, `from_previous`, `regimen_by_refs`,
`refs_named_here`, `lead_regimen`, `cohort_lead`).
"""

from __future__ import annotations

import re

from extractors.binding import changed_arm, hazard_arm, named_arm, other_groups_named, parenthesised_pair_arm
from extractors.measurements import Quantity
from extractors.offsets import starting_within
from extractors.outcome_context import SentenceContext
from extractors.outcome_pairs import partner_arm
from extractors.outcome_populations import bound_population
from extractors.outcome_regimens import (
    about_the_disease,
    bound_regimen,
    cluster_regimen,
    comparator_after,
    compares_drugs,
    sole_active_arm,
)
from extractors.outcome_roles import role_of_number
from extractors.outcome_scope import ParagraphState
from extractors.regimens import shared_class
from extractors.subgroups import Subgroup, listed_group_at
from extractors.visible_populations import populations_index

RESPONDER_ENDPOINTS = frozenset({"DoR_median", "TTR_median"})
"""Endpoints measured on responders only."""


class NumberGroups:
    """Which arm, population and regimen a result number belongs to (see the module docstring)."""

    def _arm(self, ctx: SentenceContext, q: Quantity, endpoint: str, regimen: tuple[str, ...],
             marks: list, runs: dict[int, tuple[int, int]]) -> tuple[tuple[str, ...], str, int | None]:
        """(regimen, arm label, arm size) of a primary number in a study with arms (binding.py)."""
        arms = self.frame.arms
        if len(arms) < 2:
            if self.frame.design == "randomized" and endpoint == "followup_median":
                return (), "", None  # the trial's follow-up, whatever arm the sentence names (arms not read)
            if self.frame.design == "randomized" and not endpoint.startswith("HR_") and not ctx.regimen_items \
                    and q.start not in self.from_previous \
                    and regimen == self.study.regimen and role_of_number(ctx, q.start, q.end, ((), ())) is None:
                return (), "", None  # a randomised trial's result naming no arm (arms not read): trial-level
            return regimen, "", None
        if endpoint.startswith("HR_"):
            medians = {c.group: c.value for c in self.claims if c.endpoint == f"{endpoint[3:]}_median" and c.group
                       and any(a <= c.evidence.start < b for a, b in ctx.pieces)}
            arm = hazard_arm(self.frame, q.value, medians)
        else:
            index = self.run_arms.get(q.start)
            if index is None:
                index = parenthesised_pair_arm(ctx, q, marks, runs.get(q.start))
            if index is None:
                index = named_arm(ctx, q, marks, before=not q.change)  # "X improved ... from": X made the change
                if index is not None:
                    self.named_arms[q.start] = index
            if index is None and q.change:
                index = changed_arm(arms, q.change)
            if index is None and q.start in runs and runs[q.start][1] == len(arms) \
                    and not other_groups_named(ctx, marks):
                index = partner_arm(q.start, runs, len(arms), self.named_arms)
                index = runs[q.start][0] if index is None else index
            arm = arms[index] if index is not None else None
            if arm is None and endpoint in RESPONDER_ENDPOINTS:
                arm = sole_active_arm(arms)
        if arm is not None:
            return arm.regimen, arm.name, arm.size
        # the whole population received no single arm's treatment. A randomised trial's pooled
        # results are trial-level (no regimen); a cohort whose groups took different regimens of
        # one class (doxorubicin or gemcitabine + docetaxel) was treated with that class
        if regimen != self.study.regimen or self.frame.design == "randomized" or endpoint == "followup_median":
            return (() if regimen == self.study.regimen or endpoint == "followup_median" else regimen), "", None
        return shared_class([a.regimen for a in arms], self.lexicon), "", None

    # -- population and regimen ------------------------------------------------------------
    def _listed_group(self, ctx: SentenceContext, q: Quantity) -> Subgroup | None:
        """"30% (3/10) in group P and 10% (2/20) in the rest": the group after the number in a
        list of groups, unless the phrase only names a population (bound as one) or an arm."""
        group = listed_group_at(ctx.text, q.start - ctx.start)
        if group is None:
            return None
        a, b = ctx.start + group.start, ctx.start + group.end
        named = [*populations_index(ctx).starting_within(a, b - 1), *starting_within(ctx.regimen_items, a, b)]
        if named and not re.sub(r"\b(?:patients|cases|groups?|arms?|cohorts?|tumou?rs)\b", "",
                                ctx.text[group.start: named[0].start - ctx.start]
                                + ctx.text[named[-1].end - ctx.start: group.end]).strip():
            return None
        return group

    def _default_population(self) -> tuple[str, ...]:
        codes = tuple(c for c in self.study.population.split("|") if c)
        return codes or ("STS",)

    def _population(self, ctx: SentenceContext, start: int, end: int, state: ParagraphState,
                    source: tuple[str, tuple[int, ...]]) -> tuple[str, ...]:
        bound = bound_population(ctx, start, end)
        if bound is not None:
            return bound or self._default_population()
        if state.population and state.population_source[0] == source[0] and (
                source[0] == "primary" or not (source[1] and state.population_source[1])
                or source[1] == state.population_source[1]):
            return state.population  # a cited population carries only within the same cited work
        return self._default_population()

    def _regimen(self, ctx: SentenceContext, start: int, end: int, scope: str,
                 refs: tuple[int, ...]) -> tuple[str, ...]:
        if scope == "primary" and comparator_after(ctx, end):
            return ()  # "... vs 23.1% with the standard-of-care group": not the drug named before it
        if scope == "primary" and self.roles is not None and len(self.frame.arms) < 2:
            by_role_phrase = role_of_number(ctx, start, end, self.roles)  # "18% with monotherapy"
            if by_role_phrase is not None:
                return by_role_phrase
        cluster = bound_regimen(ctx, start, end)
        tokens = cluster_regimen(ctx, cluster, self.lexicon)
        if cluster and not tokens and scope == "primary":
            return ()  # alternatives that share no class ("treated with X, Y or Z"): no one regimen
        if scope == "cited":
            if tokens:
                if refs not in self.refs_named_here:
                    self.regimen_by_refs[refs] = tokens
                    self.refs_named_here.add(refs)
                return tokens
            if about_the_disease(ctx.text):
                return ()  # "Historically, median OS is 9 months [4]": a fact of the disease, no therapy's
            if refs not in self.regimen_by_refs and self.lead_regimen:
                self.regimen_by_refs[refs] = self.lead_regimen  # named by the sentence that led into it
            return self.regimen_by_refs.get(refs, ())
        if scope == "primary" and self._one_part_of_the_combination(tokens) and not compares_drugs(ctx):
            return self.study.regimen  # "the ORR of patients treated with X was ..." in a trial of X plus Y
        return tokens or self.cohort_lead or self.study.regimen

    def _one_part_of_the_combination(self, tokens: tuple[str, ...]) -> bool:
        """Whether `tokens` name only part of the combination every patient of a one-arm study received
        (no arms, no drug printed as given alone, no mix of treatments)."""
        regimen = self.study.regimen
        return bool(tokens) and len(regimen) >= 2 and set(tokens) < set(regimen) and len(self.frame.arms) < 2 \
            and self.roles is None and not self.study.mixed_therapy \
            and self.frame.design not in ("randomized", "comparative", "meta-analysis")
