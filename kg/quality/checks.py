"""Checks of the numbers a paper prints: arithmetic that a careful reader would redo.

Run on one paper's records at build time; each `Finding` names the check, says what is wrong in
one sentence, and points at the evidence (sentence or table row) and the measurements it is
about. The findings go into the paper's graph (`skg:Finding`) and `kg check` lists them.

- `percent_mismatch`: an adverse-event count and percentage ("12 (16.5%)") whose percentage is not
  the count over its group: the size the table header prints for its column ("Arm A (n = 20)"),
  else the study's safety population (enrolled or evaluable patients). Rows with two arms side
  by side and no printed sizes are not checked.
- `grade_sum`: a table row whose per-grade counts (grade 1, 2, 3, 4[, 5]) do not add up to its total
  (one arm per row only).
- `ci_excludes_estimate`: a CI (95% unless another level is printed) that does not contain its
  estimate, or whose bounds are reversed. A percentage whose CI is printed as proportions ("16%
  (95% CI 0.12-0.21)", as pooled analyses often print it) is not flagged when the bounds as
  percentages contain it.
- `proportion_not_whole`: a response proportion (ORR, DCR, CBR) of the paper's own that is no
  whole number of patients out of its n ("82.1% of 28" is 23/28; "50% of 27" is no count).
- `response_counts`: CR/PR/SD/PD counts of one cohort that add up to more than its n, or whose
  CR+PR (+SD) over n is not the ORR (DCR) the paper prints for that cohort.
- `study_size`: a sentence that gives the study's cohort a size other than the enrolled and
  evaluable numbers ("Out of the 51 patients included in this study" when 79 were included).
- `impossible_value`: a number its endpoint cannot take, kept as printed but flagged: a rate or
  percentage (ORR, DCR, PFS/OS rate, an adverse event's share) or its CI bound outside 0-100%, a
  negative median, duration or count, a hazard ratio that is not above 0, a count of patients
  that is no whole number.

Printed percentages are accepted when rounded or truncated to their printed precision: a check
must raise nothing on a number that is right.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from extractors.records import AdverseEventClaim, Evidence, OutcomeClaim, PaperRecords
from kg.core.numbers import printed_decimal

PROPORTION_ENDPOINTS = {"ORR": ("CR_n", "PR_n"), "DCR": ("CR_n", "PR_n", "SD_n"), "CBR": ()}
RESPONSE_COUNTS = ("CR_n", "PR_n", "SD_n", "PD_n")
SINGLE_GRADES = ("1", "2", "3", "4", "5")

CHECK_NAMES = ("percent_mismatch", "grade_sum", "ci_excludes_estimate", "proportion_not_whole",
               "response_counts", "study_size", "impossible_value")
"""The checks below, in the order `check_paper` runs them (`Finding.check`)."""

Measurement = OutcomeClaim | AdverseEventClaim


@dataclass(frozen=True)
class Finding:
    check: str
    message: str
    evidence: Evidence
    about: tuple[Measurement, ...] = ()


def matches_fraction(printed: Decimal, count: int, total: int) -> bool:
    """Is `printed` (a percentage) count/total, rounded or truncated to its printed decimals?"""
    if total <= 0:
        return False
    exact = Decimal(100 * count) / Decimal(total)
    exponent = printed.as_tuple().exponent
    step = Decimal(1).scaleb(min(exponent, 0) if isinstance(exponent, int) else 0)  # 16.5 -> 0.1
    return abs(exact - printed) < step


def _counts_near(percent: Decimal, total: int) -> range:
    """The whole counts out of `total` that can print as `percent` (within one patient of it):
    checking these few instead of every count keeps the check linear in the number of results."""
    centre = min(max(int(percent * total / 100), 0), total)  # an impossible rate (-5%, 150%) stays in range
    return range(max(0, centre - 1), min(total, centre + 2) + 1)


def pct(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%"


def run_checks(records: PaperRecords) -> tuple[list[Finding], list[str]]:
    """The paper's findings, and a warning instead when a check fails on odd input (a check must
    never cost the paper its graph)."""
    try:
        return check_paper(records), []
    except (ArithmeticError, ValueError) as err:
        return [], [f"number checks not run ({type(err).__name__}: {err})"]


def check_paper(records: PaperRecords) -> list[Finding]:
    """Every finding for one paper, in the order of the checks above."""
    return [
        *adverse_event_percentages(records),
        *grade_sums(records.adverse_events),
        *confidence_intervals(records.outcomes),
        *whole_proportions(records.outcomes, _safety_population(records)),
        *response_counts(records.outcomes),
        *study_sizes(records),
        *impossible_values(records),
    ]


def _safety_population(records: PaperRecords) -> dict[int, str]:
    study = records.study
    sizes: dict[int, str] = {}
    if study.n_enrolled:
        sizes[study.n_enrolled] = "enrolled"
    if study.n_evaluable:
        sizes.setdefault(study.n_evaluable, "evaluable")
    return sizes


def _multi_arm_rows(adverse_events: list[AdverseEventClaim]) -> set[tuple[int, int]]:
    """Table rows printing one grade twice (two arms side by side): the study's n is not their
    denominator, and their grades do not add up to one total."""
    seen: dict[tuple[int, int, str], set[str]] = defaultdict(set)
    repeated = set()
    for ae in adverse_events:
        key = (ae.evidence.start, ae.evidence.end, ae.term)
        if ae.grade in seen[key]:
            repeated.add((ae.evidence.start, ae.evidence.end))
        seen[key].add(ae.grade)
    return repeated


def adverse_event_percentages(records: PaperRecords) -> Iterable[Finding]:
    study_sizes = _safety_population(records)
    multi_arm = _multi_arm_rows(records.adverse_events)
    for ae in records.adverse_events:
        printed = printed_decimal(ae.percent)
        if ae.scope != "primary" or ae.n is None or printed is None:
            continue
        # a header's "(n = 20)" is the group; else the study's safety population, unless the row
        # has several arms
        sizes = {ae.group_size: "in this column's group"} if ae.group_size else study_sizes
        if not sizes or (not ae.group_size and (ae.evidence.start, ae.evidence.end) in multi_arm):
            continue
        if any(matches_fraction(printed, ae.n, size) for size in sizes):
            continue
        total, role = max(sizes.items())
        would_be = round(printed * total / 100)
        yield Finding(
            "percent_mismatch",
            f"{ae.term} (grade {ae.grade}): {ae.n} ({ae.percent}%) but {ae.n}/{total} patients ({role}) is "
            f"{pct(ae.n, total)}; {ae.percent}% would be {would_be}/{total}",
            ae.evidence, (ae,))


def grade_sums(adverse_events: list[AdverseEventClaim]) -> Iterable[Finding]:
    rows: dict[tuple[int, int, str], list[AdverseEventClaim]] = defaultdict(list)
    multi_arm = _multi_arm_rows(adverse_events)
    for ae in adverse_events:
        if ae.scope == "primary" and ae.n is not None and (ae.evidence.start, ae.evidence.end) not in multi_arm:
            rows[(ae.evidence.start, ae.evidence.end, ae.term)].append(ae)
    for row in rows.values():
        by_grade = {ae.grade: ae for ae in row}
        totals = [ae for ae in row if ae.grade == "any"]
        singles = [g for g in SINGLE_GRADES if g in by_grade]
        # only a full breakdown (grades 1 to 3 at least, one column each) must add up
        if len(totals) != 1 or singles[:3] != ["1", "2", "3"] or len(by_grade) != len(singles) + 1:
            continue
        parts = sum(by_grade[g].n or 0 for g in singles)
        if parts != totals[0].n:
            counts = " + ".join(str(by_grade[g].n) for g in singles)
            yield Finding(
                "grade_sum",
                f"{totals[0].term}: grades {', '.join(singles)} count {counts} = {parts} patients, "
                f"but the total is {totals[0].n}",
                totals[0].evidence, tuple(by_grade[g] for g in singles) + (totals[0],))


def confidence_intervals(outcomes: list[OutcomeClaim]) -> Iterable[Finding]:
    for claim in outcomes:
        value, low, high = printed_decimal(claim.value), printed_decimal(claim.ci_low), printed_decimal(claim.ci_high)
        if value is None or low is None or high is None:
            continue
        if low > high:
            problem = f"its bounds are reversed ({claim.ci_low} > {claim.ci_high})"
        elif not low <= value <= high and not _proportion_bounds_contain(claim.unit, value, low, high):
            problem = f"it does not contain the estimate {claim.value}"
        else:
            continue
        yield Finding("ci_excludes_estimate",
                      f"{claim.endpoint} {claim.value}{claim.unit if claim.unit == '%' else ''}: "
                      f"{claim.ci_level or '95'}% CI {claim.ci_low}-{claim.ci_high}, {problem}",
                      claim.evidence, (claim,))


def _proportion_bounds_contain(unit: str, value: Decimal, low: Decimal, high: Decimal) -> bool:
    return unit == "%" and value > 1 and 0 <= low <= high <= 1 and low * 100 <= value <= high * 100


def whole_proportions(outcomes: list[OutcomeClaim], study_sizes: Iterable[int] = ()) -> Iterable[Finding]:
    """Primary results only: a cited study's n is often its enrolment while its ORR is over the
    evaluable patients, which the citing sentence does not give. A primary result over the whole
    study may be over the enrolled or the evaluable patients."""
    whole_study = set(study_sizes)
    for claim in outcomes:
        value = printed_decimal(claim.value)
        if (claim.scope != "primary" or claim.endpoint not in PROPORTION_ENDPOINTS or claim.unit != "%"
                or value is None or not claim.n):
            continue
        totals = whole_study | {claim.n} if claim.n in whole_study else {claim.n}
        if any(matches_fraction(value, k, total) for total in totals for k in _counts_near(value, total)):
            continue
        nearest = min(_counts_near(value, claim.n), key=lambda k: abs(Decimal(100 * k) / claim.n - value))
        yield Finding("proportion_not_whole",
                      f"{claim.endpoint} {claim.value}% of n = {claim.n} is no whole number of patients "
                      f"(nearest: {nearest}/{claim.n} = {pct(nearest, claim.n)})",
                      claim.evidence, (claim,))


def _single(claims: list[OutcomeClaim]) -> OutcomeClaim | None:
    """The claim, when every claim in the list states the same value (repeats across sections)."""
    return claims[0] if claims and len({c.value.strip() for c in claims}) == 1 else None


def _count(claim: OutcomeClaim) -> int:
    return int(printed_decimal(claim.value) or 0)


def response_counts(outcomes: list[OutcomeClaim]) -> Iterable[Finding]:
    cohorts: dict[tuple, dict[str, list[OutcomeClaim]]] = defaultdict(lambda: defaultdict(list))
    for claim in outcomes:
        if claim.scope == "primary" and claim.timepoint == "":
            key = (tuple(sorted(claim.population)), claim.subgroup, tuple(sorted(claim.regimen)))
            cohorts[key][claim.endpoint].append(claim)
    for endpoints in cohorts.values():
        counts = {e: _single(endpoints.get(e, [])) for e in RESPONSE_COUNTS}
        known = {e: c for e, c in counts.items() if c is not None and printed_decimal(c.value) is not None}
        sizes = {c.n for e in known for c in endpoints[e] if c.n}
        if not known or len(sizes) != 1:
            continue
        n = sizes.pop()
        total = sum(_count(c) for c in known.values())
        first = next(iter(known.values()))
        if total > n:
            yield Finding("response_counts",
                          f"{' + '.join(f'{e[:2]} {_count(c)}' for e, c in known.items())} = {total} "
                          f"patients, more than the cohort's n = {n}",
                          first.evidence, tuple(known.values()))
            continue
        for rate, parts in PROPORTION_ENDPOINTS.items():
            stated = _single(endpoints.get(rate, []))
            value = printed_decimal(stated.value) if stated else None
            if stated is None or value is None or not parts or any(p not in known for p in parts):
                continue
            responders = sum(_count(known[p]) for p in parts)
            if not matches_fraction(value, responders, n):
                named = " + ".join(p[:2] for p in parts)
                yield Finding("response_counts",
                              f"{rate} {stated.value}% but {named} = {responders} of n = {n} is "
                              f"{pct(responders, n)}",
                              stated.evidence, (stated, *(known[p] for p in parts)))


def study_sizes(records: PaperRecords) -> Iterable[Finding]:
    sizes = _safety_population(records)
    if not sizes:
        return
    study = records.study
    reference = study.evidence.get("n_enrolled") or study.evidence.get("n_evaluable")
    said = ", ".join(f"{n} {role}" for n, role in sorted(sizes.items(), reverse=True))
    where = f" ({reference.quote!r})" if reference is not None else ""
    for size, evidence in study.size_statements:
        if size in sizes:
            continue
        inside = [c for c in (*records.adverse_events, *records.outcomes)
                  if evidence.start <= c.evidence.start and c.evidence.end <= evidence.end]
        too_many = [c for c in inside if isinstance(c, AdverseEventClaim) and c.n is not None and c.n > size]
        extra = "".join(f"; it counts {c.n} ({c.percent}%) of them, more than {size}" for c in too_many[:1])
        yield Finding("study_size",
                      f"this sentence gives the study's cohort as {size} patients; the study has {said}{where}{extra}",
                      evidence, tuple(inside))


def _impossible(endpoint: str, unit: str, value: Decimal) -> str | None:
    """Why `value` cannot be a result of `endpoint` (None when it can)."""
    if unit == "%" and not 0 <= value <= 100:
        return "a percentage outside 0-100%"
    if endpoint.startswith("HR_") and value <= 0:
        return "a hazard ratio must be above 0"
    if endpoint.endswith("_n") and (value < 0 or value != value.to_integral_value()):
        return "a count of patients is a whole number, not below 0"
    if endpoint.endswith("_median") and value < 0:
        return "a median time cannot be negative"
    return None


def impossible_values(records: PaperRecords) -> Iterable[Finding]:
    """Numbers outside what their endpoint can take; the value stays in the graph as printed."""
    for claim in records.outcomes:
        for role, printed in (("", claim.value), ("CI lower bound ", claim.ci_low), ("CI upper bound ", claim.ci_high)):
            number = printed_decimal(printed)
            why = None if number is None else _impossible(claim.endpoint, claim.unit, number)
            if why:
                shown = f"{printed}{claim.unit if claim.unit == '%' and not printed.endswith('%') else ''}"
                yield Finding("impossible_value", f"{claim.endpoint} {role}{shown}: {why}", claim.evidence, (claim,))
    for ae in records.adverse_events:
        number = printed_decimal(ae.percent)
        if number is not None and not 0 <= number <= 100:
            why = f"{ae.term} (grade {ae.grade}) {ae.percent}%: a percentage outside 0-100%"
            yield Finding("impossible_value", why, ae.evidence, (ae,))
        elif ae.n is not None and ae.n < 0:
            yield Finding("impossible_value", f"{ae.term} (grade {ae.grade}): {ae.n} patients, a negative count",
                          ae.evidence, (ae,))
