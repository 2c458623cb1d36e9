"""Results of patient groups that a trait defines, compared with each other: "OS was worse in the
smoker group (8.1 months) than in the never-smoker group (19.0 months)", "2-year OS: 61% for resected
patients against 30% for unresected patients", "Patients with a normal LDH had longer PFS (HR 0.5)".

Such a sentence reports a prognostic comparison inside the study, not the study's result: each of
its numbers is the result of one group, or (a hazard ratio, a pair whose order the text does not
fix) of the comparison itself. A number the text ties to one group gets that group as its subgroup;
the other numbers of the sentence are no result of the whole study and are left out.

A group is named by a trait, not by a treatment ("the placebo group", "patients treated with X" are
arms), a subtype (the populations are read elsewhere), or a line of therapy, performance status or
mutation (`extractors.subgroups`): the caller passes the spans those cover.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from extractors.measurements import Quantity
from extractors.outcome_context import SentenceContext
from extractors.subgroups import Subgroup, subgroup_phrases

_WORD = r"[A-Za-z][\w/+-]*"
_STOP = (r"(?:the|a|an|in|for|of|among|to|with|than|that|and|or|vs|versus|compared|whereas|while|"
         r"those|patients|pts|median|was|were|had|is|are)")
GROUP_NOUN_RE = re.compile(
    r"(?P<label>\b(?:(?!" + _STOP + r"\b)" + _WORD + r"\s+){0,3}(?!" + _STOP + r"\b)" + _WORD + r")"
    r"\s+(?:group|subgroup)\b", re.I)
"""A group named by a noun: "the liver metastasis group", "poor prognosis group"."""
PATIENTS_NOUN_RE = re.compile(
    r"\b(?:for|in|among)\s+(?:the\s+)?(?P<label>(?!" + _STOP + r"\b)" + _WORD + r")\s+(?:patients|pts)\b", re.I)
"""A group named by the adjective before "patients": "for protocol patients", "in non-protocol patients"."""
PATIENTS_WITH_RE = re.compile(
    r"\b(?:patients|pts|those)\s+(?:who\s+|with(?:out)?\s+)(?:an?\s+)?(?P<label>(?:(?!(?:had|have|has|showed|exhibited|achieved|"
    r"experienced|demonstrated|survived|lived|was|were|the)\b)[^\s,;()]+?(?:\s+|(?=\.(?:\s|$)|$))){1,8}?)"
    r"(?=(?:had|have|has|showed|exhibited|achieved|experienced|demonstrated|survived|lived|was|were|the)\b|[,;(]"
    r"|\.(?:\s|$)|$)", re.I)
"""A group named by a relative or "with" clause: "Patients with a normal LDH had", "patients who
stopped early", "patients with high marker levels was", "patients with X survived longer"."""
TREATMENT_WORDS_RE = re.compile(
    r"\b(?:treated|treatment|received|receiving|given|randomi[sz]ed|assigned|allocated|arms?|placebo|control|"
    r"combination|monotherapy|experimental|investigational|standard|chemotherapy|observation|dose|study|"
    r"overall|whole|entire|all|evaluable|enrolled|responders?|responding)\b", re.I)
"""Words of a group that a treatment or the study defines: an arm, or the whole series, not a trait."""
DOSE_LEVEL_RE = re.compile(r"(?:the\s+)?(?:high|higher|low|lower|reduced|full|standard)[- ]dose", re.I)
"""A group named by its dose level ("the high-dose group"): a trait of how patients were dosed within one treatment."""
COMPARATIVE_RE = re.compile(
    r"\b(?:had|have|has|showed|exhibited|achieved|experienced|demonstrated)\s+(?:a\s+|an\s+)?(?:significantly\s+)?"
    r"(?:longer|shorter|better|worse|improved|prolonged|inferior|superior|higher|lower|poorer|greater)\b"
    r"|\b(?:longer|shorter|better|worse|poorer|higher|lower)\s+(?:[\w-]+\s+){0,4}?(?:in|for|among)\s", re.I)
PRONOUN_RE = re.compile(r"(?:it|them|this|these|that|those|such)", re.I)
CONTRAST_RE = re.compile(
    r"(?<!\bless\s)(?<!\bmore\s)(?<!\bfewer\s)(?<!\brather\s)(?<!\bother\s)(?<!\bgreater\s)\bthan\b"
    r"|\b(?:vs\.?|versus|compared\s+(?:to|with)|whereas|while)\b", re.I)
"""Words that set two groups against each other ("less than 6 months" is a bound, no contrast)."""
CLAUSE_BREAK_RE = re.compile(r";|,?\s+(?:while|whereas)\s|\bthan\b|\b(?:vs\.?|versus)\s+(?=\d)", re.I)


@dataclass(frozen=True)
class TraitGroups:
    """The trait groups a sentence compares, and which of its numbers each one owns."""

    groups: tuple[Subgroup, ...]
    owned: dict[int, Subgroup]
    """Offset of a number (in the sentence) -> the group the text ties it to."""


def trait_groups(sentence: str, taken: list[tuple[int, int]],
                 subtypes: list[tuple[int, int]] = ()) -> TraitGroups | None:
    """The groups a sentence compares by a trait, or None when it compares none. `taken` are the
    spans (in the sentence) of populations, regimens and other subgroups: a group over one of them is
    not a trait's. `subtypes` (populations among `taken`) may still be qualified by a trait: two or
    more groups that each name a subtype with other words ("patients with superficial AS ... those
    with visceral AS") compare a trait within it."""
    if not re.search(r"group|patients|pts", sentence, re.I):
        return None
    found = _group_phrases(sentence, taken)
    if subtypes:
        others = [span for span in taken if span not in set(subtypes)]
        qualified = [g for g in _group_phrases(sentence, others) if _qualifies(sentence, g, subtypes)]
        if len({g.label.lower() for g in qualified}) >= 2:
            found += qualified
    groups = sorted({g.start: g for g in found}.values(), key=lambda g: g.start)
    if not groups or len(groups) > MAX_TRAIT_GROUPS or len(NUMBER_RE.findall(sentence)) > MAX_TRAIT_NUMBERS:
        return None
    labels = {g.label.lower() for g in groups}
    compared = (len(labels) >= 2 and (CONTRAST_RE.search(sentence, groups[0].start)
                                      or re.search(r"\bbetween\s+(?:the\s+)?$", sentence[:groups[0].start]))) \
        or COMPARATIVE_RE.search(sentence)
    if not compared:
        return None
    return TraitGroups(tuple(groups), _owned_numbers(sentence, groups))


MAX_TRAIT_GROUPS = 12
MAX_TRAIT_NUMBERS = 60
"""A sentence naming more groups or printing more numbers lists results, it compares no few groups by a
trait (and reading its numbers against every group would grow with the square of its length)."""


def _group_phrases(sentence: str, taken: list[tuple[int, int]]) -> list[Subgroup]:
    found = []
    spans = sorted(taken)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # the furthest end of the spans up to each one
    for regex in (GROUP_NOUN_RE, PATIENTS_NOUN_RE, PATIENTS_WITH_RE):
        for m in regex.finditer(sentence):
            a, b = m.span("label")
            label = " ".join(m.group("label").split()).strip(" ,")
            k = bisect_left(starts, b)  # the spans that start before the label ends: one of them overlaps it
            if not label or (TREATMENT_WORDS_RE.search(label) and not DOSE_LEVEL_RE.fullmatch(label)) \
                    or PRONOUN_RE.fullmatch(label) \
                    or (k and reach[k - 1] > a):
                continue
            found.append(Subgroup(label, m.start(), m.end()))
    return found


def _qualifies(sentence: str, group: Subgroup, subtypes: list[tuple[int, int]]) -> bool:
    """Whether a group's label names a subtype and a word of its own besides ("superficial AS",
    "angiosarcoma at other sites"), not the subtype alone ("patients with LMS")."""
    label_start = sentence.index(group.label.split()[0], group.start) if group.label else group.start
    inside = [(a, b) for a, b in subtypes if a < label_start + len(group.label) and b > label_start]
    if not inside:
        return False
    rest = sentence[label_start:label_start + len(group.label)]
    for a, b in sorted(inside, reverse=True):
        rest = rest[:max(0, a - label_start)] + " " + rest[b - label_start:]
    return bool(re.search(r"[A-Za-z]{3,}", rest))


NUMBER_RE = re.compile(r"(?<![\w.])\d+(?:[.·]\d+)?")
FOLLOWING_GAP_RE = re.compile(r"\s*(?:%|months?|mos?|weeks?|years?)?\s*(?:\([^()]*\)\s*)?"
                              r"(?:(?:for|in|among)\s+(?:the\s+)?)?")
FOLLOWING_GROUP_RE = re.compile(r"\s*(?:%|months?|mos?|weeks?|years?)?\s*(?:\([^()]*\)\s*)?(?:for|in|among)\b")
""""61% for resected patients", "58% in the resection group": the group right after its number."""


def _owned_numbers(sentence: str, groups: tuple[Subgroup, ...]) -> dict[int, Subgroup]:
    """A number is its group's when the group is named right before it (in the parenthesis after
    the group, "group (8.1 months)") or right after it ("61% for resected patients"), or when it is
    the only group named earlier in the number's clause ("patients with X ... was 3.0 months")."""
    owned: dict[int, Subgroup] = {}
    breaks = [0] + [m.end() for m in CLAUSE_BREAK_RE.finditer(sentence)]
    for m in NUMBER_RE.finditer(sentence):
        at = m.start()
        before = sentence[:at]
        after = sentence[m.end():]
        inside = next((g for g in groups if re.fullmatch(r"\s*\(\s*", sentence[g.end:at])
                       and not re.match(r"[^()]*?\b(?:vs\.?|versus)\s", sentence[at:])), None)
        following = next((g for g in groups if g.start >= m.end()
                          and FOLLOWING_GAP_RE.fullmatch(sentence[m.end():g.start])
                          and FOLLOWING_GROUP_RE.match(after)), None)
        clause = max(b for b in breaks if b <= at)
        in_clause = [g for g in groups if clause <= g.start and g.end <= at and "(" not in before[g.end:]]
        if "(" in before[clause:] and before.rfind("(") > before.rfind(")") and inside is None:
            in_clause = []  # a number inside a parenthesis that follows no group: the comparison's own
        group = inside or following or (in_clause[0] if len({g.label for g in in_clause}) == 1 else None)
        if group is not None:
            owned[at] = group
    for pair in PAIR_RE.finditer(sentence):
        if pair.start("a") in owned or pair.start("b") in owned:
            continue
        sides = _pair_sides(sentence, groups, pair)
        if sides is not None:
            owned[pair.start("a")], owned[pair.start("b")] = sides
    return owned


PAIR_RE = re.compile(
    r"\(\s*(?:(?:median|m?OS|m?PFS|MS|survival)\s+(?:of\s+)?){0,2}(?P<a>\d+(?:[.·]\d+)?)\s*(?:%|months?|mos?|weeks?|years?)?\s*(?:vs\.?|versus)\s*"
    r"(?P<b>\d+(?:[.·]\d+)?)", re.I)
AND_NEXT_GROUP_RE = re.compile(r"[^()]*?(?:\([^()]*\)[^()]*?)?\band\s+(?:the\s+)?$")
"""Between two groups compared by "between A (...) and B": the first one's parenthesis, then "and"."""
COMPARATOR_BEFORE_RE = re.compile(r"\bthan\s+(?:(?:in|for|among|did|do)\s+)?$", re.I)
COMPARED_OPENER_RE = re.compile(r"^\W*compared\s+(?:to|with)\s", re.I)


def _pair_sides(sentence: str, groups: tuple[Subgroup, ...], pair: re.Match[str]) -> tuple[Subgroup, Subgroup] | None:
    """"Patients with X had shorter PFS than those with Y (4.0 vs 9.9 months)": the pair gives the
    subject's number first, then the other group's, or the rest's ("no X") when the text names no
    other group. "Compared to Y, X had ..." makes the second group the subject. Without a group
    before the pair its subject is not said: None."""
    before = [g for g in groups if g.end <= pair.start()]
    if not before:
        # "no difference in ORR (36% vs 19%) between the high-dose group and the low-dose group"
        after = [g for g in groups if g.start >= pair.end()]
        if len(after) >= 2 and after[0].label != after[1].label \
                and re.search(r"\bbetween\s+(?:the\s+)?$", sentence[pair.end():after[0].start]) \
                and AND_NEXT_GROUP_RE.match(sentence[after[0].end:after[1].start]):
            return after[0], after[1]
        return None
    if COMPARED_OPENER_RE.match(sentence) and len(before) >= 2:
        return before[1], before[0]
    if len(before) == 1 and COMPARATOR_BEFORE_RE.search(sentence, max(0, before[0].start - 24), before[0].start):
        # "... a longer PFS than those with bulky disease (5.1 vs 2.7)", its subject in words no group
        # pattern reads: the one group named is the comparator, and the subject is the rest
        return Subgroup("no " + before[0].label, before[0].start, before[0].end), before[0]
    after = [g for g in groups if g.start >= pair.end()]
    other = before[1] if len(before) > 1 else after[0] if after else None
    if other is None or other.label == before[0].label:
        other = Subgroup("no " + before[0].label, before[0].start, before[0].end)
    return before[0], other


def keep_trait_results(ctx: SentenceContext, quantities: list[Quantity]) -> tuple[list[Quantity], dict[int, Subgroup]]:
    """The quantities of a sentence that compares trait groups which the text ties to one group, and
    that group by the quantity's (absolute) start; every quantity and no group for other sentences."""
    if subgroup_phrases(ctx.text):
        return quantities, {}  # line, ECOG, mutation: `extractors.subgroups` reads those sentences
    subtypes = [(p.start - ctx.start, p.end - ctx.start) for p in ctx.populations]
    taken = [*subtypes, *((p.start - ctx.start, p.end - ctx.start) for p in ctx.regimen_items)]
    groups = trait_groups(ctx.text, taken, subtypes)
    if groups is None:
        return quantities, {}
    owned = {ctx.start + at: group for at, group in groups.owned.items()}
    return [q for q in quantities if q.start in owned], owned
