"""Checks of the numbers: each check on numbers of our own making, right and wrong, then on the corpus."""

from __future__ import annotations

import csv
import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractors.records import AdverseEventClaim, Evidence, OutcomeClaim, PaperRecords, StudyFacts
from kg.present.cli import app
from kg.quality.checks import (
    adverse_event_percentages,
    check_paper,
    confidence_intervals,
    grade_sums,
    impossible_values,
    matches_fraction,
    response_counts,
    run_checks,
    study_sizes,
    whole_proportions,
)

runner = CliRunner()


def ev(start: int = 0, end: int = 10, quote: str = "x" * 10) -> Evidence:
    return Evidence("paper.txt", "Results", start, end, quote)


def ae(term: str, grade: str, n: int | None, percent: str, where: Evidence | None = None,
       scope: str = "primary") -> AdverseEventClaim:
    return AdverseEventClaim(term, grade, n, percent, (), where or ev(), scope)


def outcome(endpoint: str, value: str, n: int | None = None, unit: str = "%", ci: tuple[str, str] = ("", ""),
            population: tuple[str, ...] = ("ASPS",), scope: str = "primary") -> OutcomeClaim:
    return OutcomeClaim(endpoint, value, unit, scope, population, ("anlotinib",), ev(), ci_low=ci[0], ci_high=ci[1],
                        n=n)


def paper(n_enrolled: int | None = 40, n_evaluable: int | None = None, **kwargs: object) -> PaperRecords:
    records = PaperRecords("paper.txt", "T", [], "", "", 2024, **kwargs)  # type: ignore[arg-type]
    records.study = StudyFacts(n_enrolled=n_enrolled, n_evaluable=n_evaluable,
                               evidence={"n_enrolled": ev(0, 10, "40 enrolled")})
    return records


def test_rounding_and_truncation_are_both_right() -> None:
    assert matches_fraction(Decimal("16.5"), 13, 79)      # 16.46 rounds to 16.5
    assert matches_fraction(Decimal("66.6"), 2, 3)        # 66.67 truncated
    assert matches_fraction(Decimal("37"), 19, 52)        # 36.5 at integer precision
    assert not matches_fraction(Decimal("16.5"), 12, 79)  # 15.19
    assert not matches_fraction(Decimal("10"), 1, 0)


def test_adverse_event_percent_against_the_safety_population() -> None:
    right = paper(40, 38, adverse_events=[ae("rash", "any", 10, "25.0"), ae("fatigue", "3", 19, "50.0")])
    assert list(adverse_event_percentages(right)) == []  # 10/40 and 19/38 (evaluable) are both right
    wrong = paper(40, adverse_events=[ae("rash", "any", 10, "27.5"), ae("nausea", "any", 3, "")])
    [finding] = adverse_event_percentages(wrong)
    assert finding.check == "percent_mismatch" and finding.about[0].term == "rash"
    assert "10/40" in finding.message and "25.0%" in finding.message and "11/40" in finding.message
    # a cited study's percentages are over its own patients, unknown here
    cited = ae("rash", "any", 10, "27.5", scope="cited")
    assert list(adverse_event_percentages(paper(40, adverse_events=[cited]))) == []
    assert list(adverse_event_percentages(paper(None, adverse_events=[ae("rash", "any", 10, "27.5")]))) == []


def test_a_printed_group_size_is_the_denominator_and_two_arms_are_not_checked() -> None:
    arm = AdverseEventClaim("rash", "any", 5, "25.0", (), ev(), group_size=20)  # 5/20, while the study has 40
    assert list(adverse_event_percentages(paper(40, adverse_events=[arm]))) == []
    wrong = AdverseEventClaim("rash", "any", 5, "12.5", (), ev(), group_size=20)
    [finding] = adverse_event_percentages(paper(40, adverse_events=[wrong]))
    assert "5/20 patients (in this column's group)" in finding.message
    # two arms side by side without printed sizes: the study's n is no denominator, nor do grades add up
    row = ev(100, 140, "Rash\t5(25.0)\t8(20.0)")
    arms = [ae("Rash", "any", 5, "25.0", row), ae("Rash", "any", 8, "20.0", row)]
    assert list(adverse_event_percentages(paper(45, adverse_events=arms))) == []
    assert list(grade_sums([*arms, ae("Rash", "1", 1, "", row), ae("Rash", "2", 1, "", row),
                            ae("Rash", "3", 1, "", row)])) == []


def test_grade_counts_must_add_up_to_the_row_total() -> None:
    row = ev(100, 140, "Rash\t1\t2\t3\t0\t6")
    right = [ae("Rash", "1", 1, "", row), ae("Rash", "2", 2, "", row), ae("Rash", "3", 3, "", row),
             ae("Rash", "4", 0, "", row), ae("Rash", "any", 6, "", row)]
    assert list(grade_sums(right)) == []
    wrong = [*right[:4], ae("Rash", "any", 7, "", row)]
    [finding] = grade_sums(wrong)
    assert finding.check == "grade_sum" and "= 6 patients" in finding.message and "total is 7" in finding.message
    assert len(finding.about) == 5
    # "grade 3-4" and "any" do not partition: no sum is expected
    assert list(grade_sums([ae("Rash", "3-4", 2, "", row), ae("Rash", "any", 7, "", row)])) == []


def test_ci_must_contain_its_estimate() -> None:
    assert list(confidence_intervals([outcome("ORR", "82.1", 28, ci=("63.1", "93.9")),
                                      outcome("PFS_median", "NR", ci=("20.1", "NR"))])) == []
    outside, reversed_ = confidence_intervals([outcome("ORR", "52.1", 28, ci=("63.1", "93.9")),
                                               outcome("HR_PFS", "0.5", unit="", ci=("0.9", "0.2"))])
    assert "does not contain the estimate 52.1" in outside.message and "95% CI" in outside.message
    assert "reversed" in reversed_.message
    ninety = dataclasses.replace(outcome("ORR", "52.1", 28, ci=("63.1", "93.9")), ci_level="90")
    [finding] = confidence_intervals([ninety])
    assert "90% CI 63.1-93.9" in finding.message  # the level printed, not an assumed 95%


def test_a_percentage_with_its_ci_printed_as_proportions_is_not_flagged() -> None:
    assert list(confidence_intervals([outcome("ORR", "21", 40, ci=("0.14", "0.30"))])) == []
    [finding] = confidence_intervals([outcome("ORR", "41", 40, ci=("0.14", "0.30"))])  # 41% is not in 14-30%
    assert "does not contain the estimate 41" in finding.message


def test_a_proportion_is_a_whole_number_of_patients() -> None:
    assert list(whole_proportions([outcome("ORR", "82.1", 28), outcome("DCR", "50", 20)])) == []
    [finding] = whole_proportions([outcome("ORR", "46", 27)])  # 12/27 = 44.4, 13/27 = 48.1
    assert finding.check == "proportion_not_whole" and "nearest" in finding.message
    # not a proportion of patients, or a cited study's
    assert list(whole_proportions([outcome("PFS_rate", "51", 27), outcome("ORR", "51", 27, scope="cited")])) == []
    # over the whole study, the ORR may be over the evaluable patients
    assert list(whole_proportions([outcome("ORR", "82.1", 29)], study_sizes=(29, 28))) == []


def test_response_counts_add_up() -> None:
    counts = [outcome("CR_n", "2", 20, unit="patients"), outcome("PR_n", "8", 20, unit="patients"),
              outcome("SD_n", "6", 20, unit="patients")]
    assert list(response_counts([*counts, outcome("ORR", "50", 20), outcome("DCR", "80", 20)])) == []
    [orr] = response_counts([*counts, outcome("ORR", "45", 20)])
    assert orr.check == "response_counts" and "10 of n = 20" in orr.message
    [too_many] = response_counts([*counts, outcome("PD_n", "7", 20, unit="patients")])
    assert "23 patients, more than the cohort's n = 20" in too_many.message
    # counts of another cohort do not mix in
    other = outcome("ORR", "10", 20, population=("UPS",))
    assert list(response_counts([*counts, other])) == []


def test_a_second_study_size_contradicting_the_first() -> None:
    sentence = ev(500, 560, "Out of the 30 patients included in this study, 35 (87.5%) had AEs.")
    records = paper(40, adverse_events=[ae("AEs", "any", 35, "87.5", ev(540, 560, "35 (87.5%)"))])
    records.study.size_statements.append((40, ev(0, 10, "40 enrolled")))
    assert list(study_sizes(records)) == []
    records.study.size_statements.append((30, sentence))
    [finding] = study_sizes(records)
    assert finding.check == "study_size" and finding.evidence == sentence
    assert "as 30 patients" in finding.message and "40 enrolled" in finding.message and "35 (87.5%)" in finding.message
    assert [c.n for c in finding.about] == [35]  # linked to the measurement in that sentence
    assert [f.check for f in check_paper(records)] == ["study_size"]


# -- on the corpus --------------------------------------------------------------------------------


def test_values_their_endpoint_cannot_take_are_flagged_and_kept() -> None:
    fine = paper(outcomes=[outcome("ORR", "100"), outcome("ORR", "0", ci=("0", "8.4")),
                           outcome("PFS_median", "0.9", unit="months"), outcome("HR_OS", "0.45", unit="")],
                 adverse_events=[ae("rash", "3", 0, "0")])
    assert list(impossible_values(fine)) == []
    wrong = paper(outcomes=[outcome("ORR", "150"), outcome("DCR", "40", ci=("-3.5", "60")),
                            outcome("OS_median", "-2.1", unit="months"), outcome("HR_PFS", "0", unit=""),
                            outcome("PR_n", "2.5", unit="patients")],
                  adverse_events=[ae("fatigue", "any", 3, "120.5")])
    found = list(impossible_values(wrong))
    messages = [f.message for f in found]
    assert messages == ["ORR 150%: a percentage outside 0-100%",
                        "DCR CI lower bound -3.5%: a percentage outside 0-100%",
                        "OS_median -2.1: a median time cannot be negative",
                        "HR_PFS 0: a hazard ratio must be above 0",
                        "PR_n 2.5: a count of patients is a whole number, not below 0",
                        "fatigue (grade any) 120.5%: a percentage outside 0-100%"]
    assert found[0].about[0].value == "150"  # kept as printed
    assert {f.check for f in check_paper(wrong)} >= {"impossible_value"}


def test_kg_check_on_the_corpus(corpus_store: Path, corpus_dir: Path) -> None:
    result = runner.invoke(app, ["check", "--store", str(corpus_store), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.stdout.splitlines()))
    found = {(r["check"], r["quote"].split("\t")[0][:40]) for r in rows}
    # the three-center study: AE totals whose percentages are not their counts over 79 patients,
    # the hypertension row whose grades add up to 13, and the sentence giving its cohort as 51
    assert found == {
        ("percent_mismatch", "Hypertension"),
        ("percent_mismatch", "Hyperglycemia"),
        ("grade_sum", "Hypertension"),
        ("study_size", "Out of the 51 patients included in this "),
    }
    for row in rows:
        assert row["source_file"].startswith("003_") and row["measurements"]
        source = (corpus_dir / row["source_file"]).read_text(encoding="utf-8")
        assert source[int(row["start"]):int(row["end"])] == row["quote"]


def test_findings_are_in_the_graph_linked_to_measurements(corpus_store: Path) -> None:
    query = ("SELECT ?term ?check WHERE { ?m skg:hasFinding ?f . ?f skg:checkName ?check ; skg:concerns ?m . "
             "?m skg:termPrinted ?term ; skg:grade \"any\" }")
    result = runner.invoke(app, ["sparql", query, "--store", str(corpus_store), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = {tuple(r.values()) for r in csv.DictReader(result.stdout.splitlines())}
    assert {("Hypertension", "percent_mismatch"), ("Hyperglycemia", "percent_mismatch"),
            ("Hypertension", "grade_sum"), ("AEs (one or more)", "study_size")} <= rows


def test_kg_check_filters_and_refuses_unknown_checks(corpus_store: Path) -> None:
    result = runner.invoke(app, ["check", "--store", str(corpus_store), "--check", "grade_sum", "--format", "json"])
    assert result.exit_code == 0 and result.stdout.count('"grade_sum"') == 1
    result = runner.invoke(app, ["check", "--store", str(corpus_store), "--check", "grade_sums"])
    assert result.exit_code != 0 and "unknown check" in result.output and "grade_sum" in result.output


def test_every_check_name_is_allowed_by_the_shapes() -> None:
    from kg.quality.checks import CHECK_NAMES

    shapes = (Path(__file__).resolve().parents[1] / "ontology" / "shapes.ttl").read_text(encoding="utf-8")
    assert all(f'"{name}"' in shapes for name in CHECK_NAMES)


def test_a_check_that_fails_on_odd_input_becomes_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.quality.checks as checks

    def broken(records: PaperRecords) -> list:
        raise ArithmeticError("overflow")

    monkeypatch.setattr(checks, "study_sizes", broken)
    findings, warnings = run_checks(paper(outcomes=[outcome("ORR", "150")]))
    assert findings == []
    assert warnings == ["number checks not run (ArithmeticError: overflow)"]
    monkeypatch.undo()
    findings, warnings = run_checks(paper(outcomes=[outcome("ORR", "150")]))
    assert warnings == [] and any(f.check == "impossible_value" for f in findings)
