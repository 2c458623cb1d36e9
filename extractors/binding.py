"""Which arm or cohort of the study frame a number belongs to.

A number binds to the group its statement names: an arm by its label ("in arm A", "in group B"),
by the regimen only it receives ("with surufatinib", "in the placebo group"), a cohort by its
label ("in cohort B", "cohorts A and B ... respectively") or by a group name the field uses
("L-sarcomas" are leiomyosarcoma and liposarcoma; "non-L-sarcomas", "the remaining histotypes"
are the others). Without a name, numbers compared in order ("27.1% vs 18.8%", "17.9 and 19.4
months, respectively") take the frame's arms, else its cohorts, in the order the paper
introduced them, when their count matches; the two values of a change ("improved median PFS from
1.5 to 4.2 months") are the control's, then the experimental arm's. A hazard ratio compares the arms: it belongs to the
experimental (first-named) arm. Otherwise the number is the whole study population's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from extractors.frame import PLACEBO, arm_named_by, experimental_arm
from extractors.measurements import Quantity
from extractors.outcome_context import Located, SentenceContext
from extractors.outcome_regimens import regimen_clusters
from extractors.records import Arm, Cohort, StudyFrame
from extractors.regimens import REGIMEN_CLASS_TOKENS, shared_class
from extractors.text_cues import prints_any
from ontology.lexicon import load_lexicon

L_SARCOMA_RE = re.compile(r"\b(?P<non>non[-–\s]?)?L[-–](?:sarcomas?|STS)\b")
REST_RE = re.compile(r"\b(?:the\s+)?(?:remaining|other)\s+(?:histo(?:logic(?:al)?\s+)?types?|histolog(?:y|ies)|"
                     r"subtypes|sarcomas?)\b", re.I)
_LABEL_IDS = r"\s+(?P<ids>[A-Z0-9](?:\s*(?:,|and|&|/)\s*[A-Z0-9])*)\b"
"""One or more one-character labels after their word ("cohorts A and B", "arm 2")."""
COHORT_REF_RE = re.compile(r"\b(?i:cohorts?|arms?)" + _LABEL_IDS)
ARM_REF_RE = re.compile(r"\b(?:arms?|groups?|cohorts?)" + _LABEL_IDS)
V = r"(?-i:v)\.?"
"""The bare "v" of "X v Y" (journal style for versus), lowercase only: "V" is a grade or a stage."""
COMPARE_GAP_RE = re.compile(r"^\s*(?:,\s*)?(?:vs\.?|versus|" + V
                            + r"|against|and|or|compared\s+with|compared\s+to|,)\s*$", re.I)
GIVEN = r"(?:receiving|treated\s+with|given|taking|assigned\s+to|randomi[sz]ed\s+to)"
"""What links patients to the treatment they received ("patients receiving X")."""
ANY_OF = r"(?:(?:any|all|each|either|one)\s+of\s+(?:the\s+)?)?"
"""'treated with any of the X doses': the arm's drug after a quantifier."""
AFTER_GAP_RE = re.compile(r"^[\s,)\]]*(?:of\s+(?:the\s+)?(?:\d+\s+(?:patients\s+|pts\s+)?"
                          r"|(?:patients|pts|participants)\s+))?"
                          r"(?:(?:in|with|for|among|on|of)\s+(?:the\s+|those\s+(?:in|on|given)\s+)?"
                          r"(?:(?:[A-Z][\w-]*\s+)?(?:patients|pts|those|participants)\s+" + GIVEN + r"\s+(?:the\s+)?"
                          + ANY_OF + r")?"
                          r"|(?:patients\s+|pts\s+)?" + GIVEN + r"\s+(?:the\s+)?" + ANY_OF + r")$", re.I)
POOLED_AFTER_RE = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,?\s*(?:(?:in|for|among|across)\s+(?:the\s+)?(?:whole|entire|overall|total|pooled|combined|"
    r"intention[- ]to[- ]treat|ITT)\s+(?:study\s+|trial\s+)?(?:population|cohort|series|patients)"
    r"|(?:in|for|among|across)\s+all\s+(?:\d+\s+)?(?:randomi[sz]ed\s+)?patients"
    r"|(?:across|pooled\s+over)\s+(?:both|all|the)\s+(?:\w+\s+)?(?:arms|groups)"
    r"|(?:in|for)\s+(?:both|all)\s+(?:arms|groups)\s+(?:combined|pooled|together)"
    r"|overall\b(?!\s+(?:survival|response)))", re.I)
"""'12.7 months in the whole population', '62% across both arms', '40% overall': a result of all arms pooled
(not "in both arms", which is each arm's)."""
RESPECTIVELY_AFTER_RE = re.compile(r"[^.;]*?\brespectively\b", re.I)
RESPECTIVELY_LATER_RE = re.compile(r"(?:[^.;]|\.(?=\d))*?\brespectively\b", re.I)
""""respectively" later in the clause, decimal points passed over."""
ORDER_CUE_RE = re.compile(r"\b(?:vs\.?|versus|(?-i:v)|against|respectively|compared\s+with|compared\s+to)\b", re.I)


@dataclass(frozen=True)
class GroupMention:
    """A place in the sentence that names an arm (index into frame.arms)."""

    arm: int
    start: int
    end: int


def group_populations(ctx: SentenceContext, frame: StudyFrame) -> list[Located]:
    """Populations named by the frame's cohort labels and by the field's group names."""
    found: list[Located] = []
    for m in L_SARCOMA_RE.finditer(ctx.text) if "L-" in ctx.text or "L–" in ctx.text else ():
        codes = ("OTHERS",) if m.group("non") else ("LMS", "LPS")
        found.append(Located("population", "|".join(codes), ctx.start + m.start(), ctx.start + m.end(), codes))
    # "other sarcomas" in a study of one subtype are that subtype's complement; in a mixed study
    # ("L-sarcomas and the remaining histotypes") the rest of the groups named
    single = frame.population if len(frame.population) == 1 and frame.population != ("STS",) else ()
    rest = (f"non{single[0]}",) if single else ("OTHERS",)
    for m in REST_RE.finditer(ctx.text) if prints_any(ctx.text, "remaining", "other") else ():
        found.append(Located("population", rest[0], ctx.start + m.start(), ctx.start + m.end(), rest))
    by_letter = {c.label.split()[-1]: c for c in frame.cohorts if c.label.startswith("cohort ")}
    for m in COHORT_REF_RE.finditer(ctx.text):
        for k, letter in enumerate(re.finditer(r"[A-Z0-9]", m.group("ids"))):
            cohort = by_letter.get(letter.group())
            if cohort is not None:
                at = ctx.start + m.start("ids") + letter.start()
                # the first one spans its word, so "in cohort B" reads as a group phrase
                found.append(Located("population", cohort.label, ctx.start + m.start() if k == 0 else at, at + 1,
                                     cohort.population))
    return found


def merge_populations(ctx: SentenceContext, extra: list[Located]) -> None:
    """Add `extra` to the sentence's populations, replacing lexicon mentions they cover."""
    if not extra:
        return
    kept = [p for p in ctx.populations if not any(e.start <= p.start < e.end or p.start <= e.start < p.end
                                                   for e in extra)]
    ctx.populations = sorted(kept + extra, key=lambda p: p.start)


ROLE_GROUP_RE = re.compile(
    r"\b(?P<role>combination|experimental|investigational|intervention|study[- ]drug|control|comparator|"
    r"monotherapy|single[- ]agent|standard(?:[- ]of[- ]care)?|reference)\s+(?:group|arm|cohort)\b"
    r"|(?<=\bthe\s)(?P<alone>combination)\b(?!\s+(?:of|with|therapy|regimen)\b)", re.I)
CONTROL_WORDS = {"control", "comparator", "monotherapy", "single agent", "standard", "standard of care",
                 "standard-of-care", "reference"}


PLACEBO_SHORT_RE = re.compile(r"\b(?i:placebo)\s*\((?P<short>[A-Z]{2,4})\)")


def placebo_short_forms(text: str) -> tuple[str, ...]:
    """The short forms a paper defines for placebo ("placebo (PBO)"), read once per paper: "the PBO arm"
    names the placebo arm (placebo is no drug of the lexicon, so no abbreviation resolves to it)."""
    return tuple(sorted({m.group("short") for m in PLACEBO_SHORT_RE.finditer(text)}))


DEFINED_HERE_RE = re.compile(r"(?i:placebo)\s*\($")
"""The short form in "placebo (PBO)" itself: the word before it is the arm's mention already."""


@lru_cache(maxsize=8)
def _placebo_re(short_forms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:(?i:placebo)" + "".join(f"|{re.escape(s)}" for s in short_forms) + r")\b")


def add_placebo_items(ctx: SentenceContext, short_forms: tuple[str, ...] = ()) -> None:
    """"1.5 months with placebo" (or with the paper's short form of it): placebo is the regimen of a
    placebo arm, in any study's sentence."""
    printed = prints_any(ctx.text, "placebo") or any(short in ctx.text for short in short_forms)
    items = [Located("regimen", PLACEBO, ctx.start + m.start(), ctx.start + m.end())
             for m in (_placebo_re(short_forms).finditer(ctx.text) if printed else ())
             if not re.match(r"[- ]controlled", ctx.text[m.end():])
             and not DEFINED_HERE_RE.search(ctx.text, max(0, m.start() - 12), m.start())]
    if items:
        ctx.regimen_items = sorted(ctx.regimen_items + items, key=lambda r: r.start)


def _class_arm(tokens: tuple[str, ...], arms: list[Arm]) -> list[int]:
    """"65% with chemotherapy" in a trial of X + Y against observation: a class names the one arm whose
    drugs all belong to it ([] when none or several do)."""
    if len(tokens) != 1 or tokens[0] not in REGIMEN_CLASS_TOKENS:
        return []
    lexicon = load_lexicon()
    return [i for i, a in enumerate(arms) if a.regimen and shared_class([a.regimen, tokens], lexicon) == tokens]


def arm_mentions(ctx: SentenceContext, arms: list[Arm]) -> list[GroupMention]:
    """Places the sentence names one arm: its label, its own regimen, "placebo", or its role
    ("the combination group", "the control arm")."""
    if len(arms) < 2:
        return []
    found: list[GroupMention] = []
    experimental = [i for i, a in enumerate(arms) if a.role == "experimental"]
    control = [i for i, a in enumerate(arms) if a.role == "control"]
    for m in ROLE_GROUP_RE.finditer(ctx.text):
        role = (m.group("role") or m.group("alone")).lower().replace("-", " ")
        side = control if role in CONTROL_WORDS else experimental
        if len(side) == 1:
            found.append(GroupMention(side[0], ctx.start + m.start(), ctx.start + m.end()))
    letters = {a.label.split()[-1]: i for i, a in enumerate(arms) if a.label}
    for m in ARM_REF_RE.finditer(ctx.text):
        for k, letter in enumerate(re.finditer(r"[A-Z0-9]", m.group("ids"))):
            if letter.group() in letters:
                at = ctx.start + m.start("ids") + letter.start()
                found.append(GroupMention(letters[letter.group()], ctx.start + m.start() if k == 0 else at, at + 1))
    for i, arm in enumerate(arms):
        for alias in arm.aliases:
            # "48.6% with AI and 27.3% with A": a one-letter name only right after its preposition
            lead = "" if len(alias) > 1 else r"(?:with|in|for|on)\s+"
            for m in re.finditer(rf"\b{lead}(?P<alias>{re.escape(alias)})\b", ctx.text):
                found.append(GroupMention(i, ctx.start + m.start("alias"), ctx.start + m.end("alias")))
    for cluster in regimen_clusters(ctx):
        # "5.5 months with doxorubicin": a regimen printed whole is the arm that gets exactly it
        tokens = tuple(sorted({r.key for r in cluster}))
        exact = [i for i, a in enumerate(arms) if a.regimen == tokens] or _class_arm(tokens, arms)
        if len(exact) == 1:
            found.append(GroupMention(exact[0], cluster[0].start, cluster[-1].end))
    for item in ctx.regimen_items:
        if re.match(r"\s+(?:alone|monotherapy)\b", ctx.text[ctx.rel(item.end):]):
            alone = [i for i, a in enumerate(arms) if a.regimen == (item.key,)]  # "with anlotinib alone"
            if len(alone) == 1:
                found.append(GroupMention(alone[0], item.start, item.end))
                continue
        arm = arm_named_by((item.key,), arms)
        if arm is not None:
            found.append(GroupMention(arms.index(arm), item.start, item.end))
    return sorted(found, key=lambda g: g.start)


def named_arm(ctx: SentenceContext, q: Quantity, mentions: list[GroupMention], before: bool = True) -> int | None:
    """The arm printed right after the number ("8.1 months in arm A", "1.6 months with placebo"),
    its parenthesis skipped, or (unless `before` is False) the one the number's clause opens with
    ("in arm A, the ORR was")."""
    rest = ctx.text[ctx.rel(q.end):]
    head = ctx.text[:ctx.rel(q.start)]
    inside = head.count("(") > head.count(")")  # "(9%, all partial responses) in the second arm"
    skipped = re.match(r"(?:[^()]*\))?\s*(?:\([^()]*\)\s*)*" if inside else r"\s*(?:\([^()]*\)\s*)*", rest)
    offset = q.end + (skipped.end() if skipped else 0)
    for g in mentions:
        if g.start >= offset:
            if AFTER_GAP_RE.match(ctx.text[ctx.rel(offset):ctx.rel(g.start)]):
                if RESPECTIVELY_AFTER_RE.match(ctx.text[ctx.rel(g.end):]):
                    return None  # "x vs y in the A group and the B group, respectively": by order
                return None if _listed_with_other_arm(ctx, mentions, mentions.index(g)) else g.arm
            break
    # "between X and Y ..., a and b, respectively": the numbers follow the order, not the nearest arm;
    # "did not differ between X and Y (12.7 months in the whole population)": no arm's
    before = [g for g in mentions if g.end <= q.start] if before and not RESPECTIVELY_LATER_RE.match(
        ctx.text[ctx.rel(q.end):]) and not POOLED_AFTER_RE.match(ctx.text, ctx.rel(q.end)) else []
    if before:
        gap = ctx.text[ctx.rel(before[-1].end):ctx.rel(q.start)]
        if not re.search(r"\d|\b(?:vs\.?|versus|(?-i:v)|and|while|whereas)\b|;", gap) \
                and not _listed_with_other_arm(ctx, before, len(before) - 1):
            return before[-1].arm
    return None


def _listed_with_other_arm(ctx: SentenceContext, mentions: list[GroupMention], i: int) -> bool:
    """"12.7 vs 13.0 months for A versus B", "for A v B, 4.2 v 1.5 months": an arm compared with
    another right beside it names no single number's arm; the order of the numbers does."""
    me = mentions[i]
    others = [g for g in mentions if g.arm != me.arm]
    before = [g for g in others if g.end <= me.start]
    after = [g for g in others if g.start >= me.end]
    pairs = ([(max(before, key=lambda g: g.end), me)] if before else []) + \
        ([(me, min(after, key=lambda g: g.start))] if after else [])
    return any(re.fullmatch(r"\s*,?\s*(?:vs\.?|versus|" + V + r"|or|compared\s+(?:with|to)"
                            r"|than(?:\s+(?:with|in|for|on|among)(?:\s+the)?)?)\s*",
                            ctx.text[ctx.rel(a.end):ctx.rel(b.start)], re.I) for a, b in pairs)


def ordered_runs(ctx: SentenceContext, quantities: list[Quantity],
                 endpoints: list[str] | None = None) -> dict[int, tuple[int, int]]:
    """Quantity start -> (position, run length) for numbers of one endpoint compared in order
    ("A vs B", "x and y, respectively"); only in sentences that say so (vs, versus, respectively).
    "ORR and DCR were 25% and 70%, respectively" pairs endpoints, not groups: no run."""
    if not ORDER_CUE_RE.search(ctx.text):
        return {}
    codes = endpoints or [""] * len(quantities)
    out: dict[int, tuple[int, int]] = {}
    run: list[Quantity] = []
    run_code = ""

    def close() -> None:
        if len(run) >= 2:
            for i, q in enumerate(run):
                out[q.start] = (i, len(run))

    for q, code in zip(quantities, codes, strict=True):
        if run and run[-1].kind == q.kind and code == run_code:
            gap = re.sub(r"\([^()]*\)", "", ctx.text[ctx.rel(run[-1].end):ctx.rel(q.start)])
            gap = re.sub(r"\b(?:months?|weeks?|years?|%)|[()\[\]]|(?<![\d.])\d+(?![\d.])", "", gap)  # counts too
            if COMPARE_GAP_RE.match(gap):
                run.append(q)
                continue
        close()
        run, run_code = [q], code
    close()
    return out


GROUP_PAIR_RE = re.compile(
    r"\b(?P<a>[A-Za-z][\w-]*)\s+(?:and|or|vs\.?|versus)\s+(?:the\s+)?(?P<b>[A-Za-z][\w-]*)\s+"
    r"(?:groups|cohorts|subgroups|subsets|histolog(?:y|ies)|strata)\b", re.I)
"""'the adipocytic and smooth-muscle groups had x and y, respectively': two groups named by words."""


def other_groups_named(ctx: SentenceContext, mentions: list[GroupMention]) -> bool:
    """Whether the sentence's "respectively" list is about two groups that are not the arms: a
    pair of group words none of which names an arm (by label, regimen or role)."""
    for m in GROUP_PAIR_RE.finditer(ctx.text):
        a, b = ctx.start + m.start(), ctx.start + m.end()
        if not any(a <= g.start < b for g in mentions) and not ROLE_GROUP_RE.search(m.group()):
            return True
    return False


EVERY_ARM_RE = re.compile(r"^[^;.]*?\b(?:in\s+)?(?:both|either|each|all)\s+(?:of\s+the\s+)?(?:arms?|groups?)\b", re.I)


def every_arm(ctx: SentenceContext, q: Quantity, arms: list[Arm]) -> bool:
    """"Median OS was not reached in either arm": the number holds for every arm."""
    return len(arms) >= 2 and bool(EVERY_ARM_RE.match(ctx.text[ctx.rel(q.end):])) \
        and not POOLED_AFTER_RE.match(ctx.text, ctx.rel(q.end))


ADDING_RE = re.compile(r"\b(?:add(?:ing|ed)|the\s+addition\s+of)\s+(?P<x>[^,;]+?)\s+to\s+(?P<y>[^,;()]+)", re.I)


def added_arms(ctx: SentenceContext, lexicon_tokens: dict[int, str]) -> list[tuple[str, ...]]:
    """"Adding X to Y did not improve OS (20.4 vs 19.7 months)": two arms, X + Y then Y, for a
    study the sentence tells of without a frame of its own. `lexicon_tokens` maps mention starts
    to regimen tokens."""
    match = ADDING_RE.search(ctx.text)
    if not match:
        return []

    def tokens(group: str) -> set[str]:
        a, b = ctx.start + match.start(group), ctx.start + match.end(group)
        return {t for start, t in lexicon_tokens.items() if a <= start < b}

    added, base = tokens("x"), tokens("y")
    if not added or not base:
        return []
    return [tuple(sorted(added | base)), tuple(sorted(base))]


def hazard_arm(frame: StudyFrame, ratio: str = "", medians: dict[str, str] | None = None) -> Arm | None:
    """The arm a hazard ratio belongs to: the experimental one of a randomised trial. A comparison
    without an experimental arm (two treatments a cohort received) says which group the ratio is
    for by its direction: with the two groups' medians printed beside it, a ratio below 1 is the
    hazard of the group that lived longer without the event, one above 1 of the other."""
    if len(frame.arms) < 2:
        return None
    favoured = _favoured_arm(frame, ratio, medians or {}) if frame.design != "randomized" else None
    return favoured or experimental_arm(frame.arms)


def _favoured_arm(frame: StudyFrame, ratio: str, medians: dict[str, str]) -> Arm | None:
    values = {}
    for arm in frame.arms:
        try:
            values[arm.name] = float(medians[arm.name])
        except (KeyError, ValueError):
            return None  # both arms' medians, as numbers, or no reading by direction
    try:
        hr = float(ratio)
    except ValueError:
        return None
    if len(values) != 2 or hr == 1 or len(set(values.values())) < 2:
        return None
    longer, shorter = sorted(frame.arms, key=lambda a: -values[a.name])
    return longer if hr < 1 else shorter


RESPECTIVELY_SKIP_RE = re.compile(r"\s*,?\s*respectively\s*,?", re.I)


def timepoint_runs(ctx: SentenceContext, assigned: list, runs: dict[int, tuple[int, int]],
                   marks: list[GroupMention]) -> tuple[dict[int, tuple[int, int]], dict[int, int]]:
    """Runs of numbers compared in order whose members are different timepoints ("15% and 5% at 12 and
    24 months") compare no arms: (the runs without them, quantity start -> the arm printed right after
    the run's last number, ", respectively," skipped, for every number of such a run). A run of compared
    pairs, one pair per timepoint ("49% vs 15% and 28% vs 6% at 12 and 24 weeks"), is one run per pair."""
    timepoint = {q.start: tp for q, _, tp, _ in assigned}
    members: list[list[Quantity]] = []
    for q, *_ in assigned:
        if q.start in runs:
            if runs[q.start][0] == 0 or not members:
                members.append([])
            members[-1].append(q)
    kept, arms = dict(runs), {}
    for run in members:
        points = [timepoint.get(q.start, "") for q in run]
        if len(run) < 2 or "" in points:
            continue
        if len(set(points)) != len(points):
            # "49% vs 15% at 12 weeks and 28% vs 6% at 24 weeks": one compared run per timepoint
            size = len(run) // len(set(points))
            blocks = [points[i : i + size] for i in range(0, len(points), size)]
            if size >= 2 and all(len(set(b)) == 1 and len(b) == size for b in blocks) \
                    and len({b[0] for b in blocks}) == len(blocks):
                kept.update({q.start: (i % size, size) for i, q in enumerate(run)})
            continue
        for q in run:
            kept.pop(q.start, None)
        last = run[-1]
        skip = RESPECTIVELY_SKIP_RE.match(ctx.text, ctx.rel(last.end))
        index = named_arm(ctx, replace(last, end=ctx.start + skip.end()) if skip else last, marks, before=False)
        if index is None:
            index = _arm_opening_run(ctx, run[0], marks)
        if index is not None:
            arms.update({q.start: index for q in run})
    return kept, arms


def _arm_opening_run(ctx: SentenceContext, first: Quantity, marks: list[GroupMention]) -> int | None:
    """"The 6- and 12-month rates with X were a and b, respectively": the one arm named just before a
    run of timepoints is every number's (not when another arm is listed beside it)."""
    before = [g for g in marks if g.end <= first.start]
    if len({g.arm for g in before}) != 1 or _listed_with_other_arm(ctx, before, len(before) - 1):
        return None
    gap = ctx.text[ctx.rel(before[-1].end):ctx.rel(first.start)]
    if re.search(r"\d|\b(?:vs\.?|versus|(?-i:v)|and|or|while|whereas|compared)\b|[;,]", gap):
        return None
    return before[-1].arm


def changed_arm(arms: list[Arm], change: str) -> int | None:
    """"X improved median PFS from 1.5 to 4.2 months": of two arms, the earlier value is the
    control's and the later the experimental arm's (the arm whose treatment made the change)."""
    experimental = experimental_arm(arms)
    if len(arms) != 2 or experimental is None or change not in ("from", "to"):
        return None
    index = arms.index(experimental)
    return index if change == "to" else 1 - index


def cohort_by_order(frame: StudyFrame, position: int, length: int) -> Cohort | None:
    return frame.cohorts[position] if len(frame.cohorts) == length >= 2 else None


PAIR_COMPARED_RE = re.compile(r"\b(?:over|than|vs\.?|versus|compared\s+(?:with|to)|relative\s+to)\b", re.I)


def parenthesised_pair_arm(ctx: SentenceContext, q: Quantity, mentions: list[GroupMention],
                           run: tuple[int, int] | None) -> int | None:
    """"X lengthened median OS over Y (13.2 vs 8.1 months)": a pair in the parenthesis that closes a
    comparison of two named arms follows the order the arms were named in, whatever order the
    study lists them in; None when the number is no such pair's."""
    if run is None or run[1] != 2:
        return None
    opening = ctx.text.rfind("(", 0, ctx.rel(q.start))
    if opening < 0 or ")" in ctx.text[opening:ctx.rel(q.start)]:
        return None
    before = [g for g in mentions if ctx.rel(g.end) <= opening]
    if not before or ctx.text[ctx.rel(before[-1].end):opening].strip():
        return None  # the parenthesis opens right after the second arm's name
    second = before[-1]
    first = next((g for g in reversed(before[:-1]) if g.arm != second.arm), None)
    if first is None or not PAIR_COMPARED_RE.search(ctx.text, ctx.rel(first.end), ctx.rel(second.start)):
        return None
    return (first.arm, second.arm)[run[0]]
