"""Efficacy tables read as tables (extractors/result_tables.py), on small papers written for these tests."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract
from extractors.records import OutcomeClaim
from extractors.result_tables import arm_of_label, endpoint_code, endpoint_of_label, read_cell
from ontology.lexicon import load_lexicon

HEAD = (
    "Eribulin in advanced soft tissue sarcoma: a phase II study\n\n"
    "Abstract\n\n"
    "Background We tested eribulin in soft tissue sarcoma.\n\n"
    "Results\n\n"
    "Efficacy by subtype is shown in Table 2.\n\n"
)


def table_claims(table: str) -> list[OutcomeClaim]:
    records = extract(parse(HEAD + table + "\n\nDiscussion\n\nThe drug was active.\n", "tables.txt"))
    return [c for c in records.outcomes if "\t" in c.evidence.quote]


def test_column_labels_name_endpoints_with_units_and_timepoints() -> None:
    lexicon = load_lexicon()
    assert endpoint_code(endpoint_of_label("ORR, %", lexicon)) == "ORR"
    assert endpoint_code(endpoint_of_label("PR", lexicon)) == "PR_n"
    assert endpoint_code(endpoint_of_label("Stable disease", lexicon)) == "SD_n"
    median = endpoint_of_label("Median OS, weeks (95% CI)", lexicon)
    assert (endpoint_code(median), median.unit) == ("OS_median", "weeks")
    rate = endpoint_of_label("2-year PFS rate, %", lexicon)
    assert (endpoint_code(rate), rate.timepoint) == ("PFS_rate", "2 years")
    assert endpoint_of_label("Age, years", lexicon) is None
    assert endpoint_of_label("Sex, male", lexicon) is None


def test_cells_as_printed() -> None:
    lexicon = load_lexicon()
    rate = endpoint_of_label("Objective response, n (%)", lexicon)
    assert read_cell("7 (17.5)", rate).value == "17.5"
    assert read_cell("0", rate).value == "0"
    count = endpoint_of_label("Partial response", lexicon)
    assert read_cell("7 (17.5)", count).value == "7"
    median = endpoint_of_label("Median PFS, months (95% CI)", lexicon)
    cell = read_cell("4·4 (2·9–NR)", median)
    assert (cell.value, cell.ci_low, cell.ci_high, cell.unit) == ("4.4", "2.9", "NR", "months")
    assert read_cell("NR", median).value == "NR"
    assert read_cell("see text", median) is None


def test_arm_labels_give_regimens() -> None:
    assert arm_of_label("Gemcitabine + docetaxel (n = 40)", load_lexicon()) == ("docetaxel", "gemcitabine")
    assert arm_of_label("Total (n = 80)", load_lexicon()) == ()


def test_one_row_per_subtype() -> None:
    claims = table_claims(
        "Table 2 Activity of eribulin by subtype\n"
        "Subtype\tn\tPR\tSD\tORR, %\tMedian PFS, months (95% CI)\n"
        "Leiomyosarcoma\t20\t3\t10\t15.0\t4.1 (2.8–5.6)\n"
        "Angiosarcoma\t8\t2\t3\t25.0\tNR\n"
        "Other subtypes\t12\t0\t5\t0\t2.0 (1.1–3.4)\n"
    )
    got = {(c.endpoint, c.value, c.population, c.n) for c in claims}
    assert ("ORR", "15.0", ("LMS",), 20) in got
    assert ("PR_n", "3", ("LMS",), 20) in got
    assert ("SD_n", "3", ("AS",), 8) in got
    assert ("PFS_median", "NR", ("AS",), 8) in got
    assert ("ORR", "0", ("OTHERS",), 12) in got
    pfs = next(c for c in claims if c.endpoint == "PFS_median" and c.population == ("LMS",))
    assert (pfs.ci_low, pfs.ci_high, pfs.unit) == ("2.8", "5.6", "months")


def test_one_row_per_endpoint_and_one_column_per_arm() -> None:
    claims = table_claims(
        "Table 2 Outcomes by arm\n"
        "Outcome\tGemcitabine + docetaxel (n = 40)\tGemcitabine (n = 38)\tP\n"
        "Objective response, n (%)\t10 (25.0)\t4 (10.5)\t0.09\n"
        "Median PFS, months (95% CI)\t6.1 (4.0–8.2)\t3.2 (2.5–4.4)\t0.01\n"
        "1-year OS rate, %\t62.0\t48.5\t–\n"
    )
    got = {(c.endpoint, c.value, c.regimen, c.timepoint, c.n) for c in claims}
    assert ("ORR", "25.0", ("docetaxel", "gemcitabine"), "", 40) in got
    assert ("ORR", "10.5", ("gemcitabine",), "", 38) in got
    assert ("PFS_median", "3.2", ("gemcitabine",), "", 38) in got
    assert ("OS_rate", "62.0", ("docetaxel", "gemcitabine"), "1 year", 40) in got
    assert not any(c.value in {"0.09", "0.01"} for c in claims)


def test_best_response_table_for_the_whole_cohort() -> None:
    claims = table_claims(
        "Table 2 Best overall response (N = 30)\n"
        "Response\tn (%)\n"
        "Complete response\t0\n"
        "Partial response\t6 (20.0)\n"
        "Stable disease\t14 (46.7)\n"
        "Disease control rate\t20 (66.7)\n"
    )
    got = {(c.endpoint, c.value, c.n) for c in claims}
    assert {("CR_n", "0", 30), ("PR_n", "6", 30), ("SD_n", "14", 30), ("DCR", "66.7", 30)} <= got


def test_baseline_table_gives_no_outcome() -> None:
    claims = table_claims(
        "Table 1 Patient characteristics (N = 30)\n"
        "Characteristic\tn (%)\n"
        "Sex, male\t16 (53.3)\n"
        "Leiomyosarcoma\t9 (30.0)\n"
        "ECOG PS 1\t12 (40.0)\n"
    )
    assert claims == []


def test_an_efficacy_table_with_a_hazard_ratio_column_gives_both() -> None:
    claims = table_claims(
        "Table 2 Efficacy by arm\n"
        "Outcome\tGemcitabine + docetaxel (n = 40)\tGemcitabine (n = 38)\tHR (95% CI)\n"
        "Median PFS, months (95% CI)\t6.1 (4.0–8.2)\t3.2 (2.5–4.4)\t0.58 (0.36–0.93)\n"
        "Median OS, months (95% CI)\t17.0 (13.1–21.5)\t12.9 (10.2–15.0)\t0.71 (0.47–1.08)\n"
    )
    got = {(c.endpoint, c.value) for c in claims}
    assert {("PFS_median", "6.1"), ("PFS_median", "3.2"), ("OS_median", "17.0"), ("HR_PFS", "0.58")} <= got
    hr = next(c for c in claims if c.endpoint == "HR_OS")
    assert (hr.value, hr.unit, hr.ci_low, hr.ci_high, hr.regimen) == ("0.71", "ratio", "0.47", "1.08",
                                                                      ("docetaxel", "gemcitabine"))


def test_endpoint_rows_by_line_of_therapy_and_counts_in_no_columns() -> None:
    claims = table_claims(
        "Table 2 Activity by line of treatment\n"
        "Outcome\tFirst line (n = 24)\tLater lines (n = 16)\tp\n"
        "Objective response rate, No. (%)\t9 (37.5)\t3 (18.8)\t0.30\n"
        "Median PFS, months (95% CI)\t8.8 (6.1–11.5)\t5.2 (3.9–6.5)\t0.02\n"
    )
    assert {(c.endpoint, c.value, c.subgroup, c.n) for c in claims} == {
        ("ORR", "37.5", "first line", 24), ("ORR", "18.8", "subsequent lines", 16),
        ("PFS_median", "8.8", "first line", 24), ("PFS_median", "5.2", "subsequent lines", 16),
    }


def test_size_column_named_patients_n() -> None:
    claims = table_claims(
        "Table 2 Activity by subtype\n"
        "Histotype\tPatients (n)\tORR, n (%)\tMedian OS, months (95% CI)\n"
        "Leiomyosarcoma\t30\t4 (13.3)\t11.4 (8.0–14.8)\n"
        "Synovial sarcoma\t12\t3 (25.0)\t16.0 (9.1–22.9)\n"
    )
    assert {(c.endpoint, c.population, c.n) for c in claims} == {
        ("ORR", ("LMS",), 30), ("OS_median", ("LMS",), 30), ("ORR", ("SS",), 12), ("OS_median", ("SS",), 12)}


def test_columns_named_by_the_arm_labels_of_the_study_frame() -> None:
    head = ("Pembrolizumab added to axitinib for sarcoma: a randomised phase II study\n\nAbstract\n\n"
            "Background We compared two regimens.\n\nMethods\n\nIn this randomised phase II trial, 59 patients "
            "were randomly assigned to pembrolizumab plus axitinib (arm A) or axitinib alone (arm B).\n\nResults\n\n")
    table = ("Table 2 Efficacy\n\tArm A (n = 30)\tArm B (n = 29)\n"
             "Objective response\t9 (30%)\t4 (14%)\nMedian PFS, months (95% CI)\t6.9 (5.0–8.8)\t4.4 (3.1–5.7)\n")
    records = extract(parse(head + table + "\n\nDiscussion\n\nBoth were active.\n", "arms.txt"))
    assert {(c.endpoint, c.value, c.regimen, c.n) for c in records.outcomes if "\t" in c.evidence.quote} == {
        ("ORR", "30", ("axitinib", "pembrolizumab"), 30), ("ORR", "14", ("axitinib",), 29),
        ("PFS_median", "6.9", ("axitinib", "pembrolizumab"), 30), ("PFS_median", "4.4", ("axitinib",), 29),
    }


def test_caption_size_and_rate_rows_with_their_interval() -> None:
    claims = table_claims(
        "TABLE 2 | Efficacy (N = 40).\n"
        "End point\tValue\n"
        "Objective response rate, n (%)\t12 (30.0)\n"
        "24-wk PFS rate, % (95% CI)\t55 (38-70)\n"
    )
    assert {(c.endpoint, c.value, c.timepoint, c.ci_low, c.ci_high, c.n) for c in claims} == {
        ("ORR", "30.0", "", "", "", 40), ("PFS_rate", "55", "24 weeks", "38", "70", 40)}
