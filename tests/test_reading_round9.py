"""Result statements read in the ninth reading pass: immunomodulatory drugs, trial-level follow-up,
and arm pairs printed without their arms. Every sentence is made up for the test."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract


def rows_of(text: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """(endpoint, value) -> regimen for each outcome row."""
    return {(c.endpoint, c.value): c.regimen for c in extract(parse(text + "\n", "r9.txt")).outcomes}


def test_an_oral_immunomodulatory_drug_is_the_regimen() -> None:
    text = ("Lenalidomide for Kaposi sarcoma: a phase 2 study\n\n"
            "Patients received lenalidomide 25 mg daily. The overall response rate was 55%.")
    assert rows_of(text)[("ORR", "55")] == ("lenalidomide",)


def test_arms_after_a_long_randomisation_clause() -> None:
    text = ("Zalunatinib in refractory desmoid tumours\n\n"
            "We randomly assigned 64 adults with progressive or symptomatic desmoid tumours to receive either "
            "zalunatinib or matching placebo. The 1-year PFS rate was 84% versus 41%.")
    rows = rows_of(text)
    assert rows[("PFS_rate", "84")] != rows[("PFS_rate", "41")]
    assert rows[("PFS_rate", "41")] == ("placebo",)


def test_a_ratio_of_one_to_one_before_the_arms() -> None:
    text = ("Regorafenib in relapsed Ewing sarcoma\n\n"
            "Patients were randomly assigned at a ratio of one to one to regorafenib or placebo. Median PFS was "
            "3.9 months versus 1.2 months, respectively (hazard ratio, 0.51).")
    rows = rows_of(text)
    assert rows[("PFS_median", "1.2")] == ("placebo",)
    assert rows[("HR_PFS", "0.51")] == ("regorafenib",)


def test_arms_listed_after_a_randomisation_without_a_list() -> None:
    text = ("Cabozantinib in metastatic osteosarcoma\n\n"
            "Fifty patients were randomly assigned between 2019 and 2021. Patients received either cabozantinib "
            "(n = 25) or placebo (n = 25). Progression-free survival at 12 weeks was 58.0% vs 21.0%.")
    rows = rows_of(text)
    assert rows[("PFS_rate", "58.0")] == ("cabozantinib",)
    assert rows[("PFS_rate", "21.0")] == ("placebo",)


def test_received_either_in_a_cohort_without_randomisation_is_no_pair_of_arms() -> None:
    text = ("Chemotherapy in metastatic osteosarcoma: a retrospective review\n\n"
            "Patients received either cabozantinib or regorafenib at the discretion of the physician. "
            "Progression-free survival at 12 weeks was 58.0% and 21.0% in the first and second year.")
    rows = rows_of(text)
    assert rows[("PFS_rate", "58.0")] == rows[("PFS_rate", "21.0")]


def test_the_add_on_arm_is_the_experimental_arm_whichever_is_named_first() -> None:
    text = ("Trabectedin in first-line leiomyosarcoma: a phase 3 trial\n\n"
            "Patients were randomly assigned to receive either single-agent doxorubicin (six cycles) or doxorubicin "
            "plus trabectedin (six cycles). "
            "Overall survival was longer in the doxorubicin-trabectedin group (31 months) than in the doxorubicin "
            "group (22 months); the hazard ratio for death was 0.66.")
    rows = rows_of(text)
    assert rows[("HR_OS", "0.66")] == ("doxorubicin", "trabectedin")


def test_a_stop_treatment_arm_has_no_regimen() -> None:
    text = ("Maintenance vinorelbine in rhabdomyosarcoma\n\n"
            "Children in remission were randomly assigned to receive vinorelbine (n = 90) or to stop treatment "
            "(n = 91). Overall survival at 5 years was 84.1% vs 70.2% (HR = 0.55).")
    rows = rows_of(text)
    assert rows[("OS_rate", "84.1")] == ("vinorelbine",)
    assert rows[("OS_rate", "70.2")] == ()


def test_a_share_printed_before_its_endpoint_name_takes_that_endpoint() -> None:
    text = ("Dasatinib in advanced chordoma: a phase II study\n\n"
            "Treatment produced a 12% response rate, a 58% clinical benefit rate and a 71% disease control rate.")
    rows = {(c.endpoint, c.value) for c in extract(parse(text + "\n", "r9.txt")).outcomes}
    assert {("ORR", "12"), ("CBR", "58"), ("DCR", "71")} <= rows
    assert ("ORR", "71") not in rows


def test_an_arm_followed_by_maintenance_keeps_the_arm_listed_after_it() -> None:
    text = ("Gemcitabine and docetaxel in uterine leiomyosarcoma: a randomised trial\n\n"
            "Patients were randomly assigned to receive gemcitabine plus docetaxel every 3 weeks, followed by "
            "gemcitabine maintenance (n = 60) or doxorubicin every 3 weeks (n = 61). Median PFS was 9.4 months "
            "vs 5.1 months (HR = 0.58).")
    rows = rows_of(text)
    assert rows[("PFS_median", "9.4")] == ("docetaxel", "gemcitabine")
    assert rows[("PFS_median", "5.1")] == ("doxorubicin",)


def test_an_arm_named_by_its_class_takes_the_drugs_it_consisted_of() -> None:
    text = ("Maintenance chemotherapy in high-risk Ewing sarcoma\n\n"
            "Patients in remission were randomly assigned to receive maintenance chemotherapy (n = 120) or to stop "
            "treatment (n = 118). Maintenance chemotherapy consisted of oral etoposide and cyclophosphamide. "
            "Event-free survival at 3 years was 71.5% vs 60.2% (HR = 0.71), and overall survival at 3 years "
            "was 80.4% vs 69.9%.")
    rows = rows_of(text)
    assert rows[("OS_rate", "80.4")] == ("cyclophosphamide", "etoposide")
    assert rows[("OS_rate", "69.9")] == ()


def test_an_arm_named_in_its_size_parenthesis_is_found_by_that_name() -> None:
    text = ("Maintenance therapy in high-risk rhabdomyosarcoma\n\n"
            "Patients were randomly assigned to discontinue treatment (standard group, n = 150) or receive "
            "vinorelbine plus cyclophosphamide (maintenance group, n = 149). The 5-year overall survival was "
            "72.3% in the standard group vs 84.6% in the maintenance group.")
    rows = rows_of(text)
    assert rows[("OS_rate", "84.6")] == ("cyclophosphamide", "vinorelbine")
    assert rows[("OS_rate", "72.3")] == ()


def test_plural_time_endpoints_are_read() -> None:
    text = ("Vimseltinib in tenosynovial giant cell tumour: a pooled analysis\n\n"
            "The median times to response were 3.1 (RECIST) and 2.2 months (volume score), and the median "
            "response durations were 20.5 and 31.0 months, respectively.")
    rows = {(c.endpoint, c.value) for c in extract(parse(text + "\n", "r9.txt")).outcomes}
    assert {("TTR_median", "3.1"), ("TTR_median", "2.2"), ("DoR_median", "20.5"), ("DoR_median", "31.0")} <= rows


def test_responders_per_group_with_an_interval_after_a_semicolon() -> None:
    text = ("Pomalidomide in Kaposi sarcoma: a phase II study\n\n"
            "Nine of 14 HIV-positive (64%; 95% CI, 35-87%) and 6 of 9 HIV-negative participants (67%; 95% CI, "
            "30-93%) had a response.")
    rows = {(c.endpoint, c.value, c.n) for c in extract(parse(text + "\n", "r9.txt")).outcomes}
    assert {("ORR", "64", 14), ("ORR", "67", 9)} <= rows


def test_a_semicolon_in_brackets_before_response_categories_still_ends_the_clause() -> None:
    text = ("Gemcitabine in uterine leiomyosarcoma: a phase II study\n\n"
            "Responses were observed in 12 of 40 patients (30.0% overall; complete response 5%, partial response "
            "25%), with 10 more (25%) having stable disease.")
    rows = {(c.endpoint, c.value) for c in extract(parse(text + "\n", "r9.txt")).outcomes}
    assert ("ORR", "30.0") in rows


def test_a_timepoint_closing_a_compared_pair_belongs_to_both_rates() -> None:
    text = ("Vimseltinib in tenosynovial giant cell tumour: a phase 3 trial\n\n"
            "Patients were randomly assigned to vimseltinib or placebo. The objective response rate was 40% in "
            "the vimseltinib group versus 0% in the placebo group at week 25 (95% CI, 29-52; P<0.0001).")
    rows = {(c.endpoint, c.value, c.timepoint) for c in extract(parse(text + "\n", "r9.txt")).outcomes}
    assert {("ORR", "40", "25 weeks"), ("ORR", "0", "25 weeks")} <= rows


def test_a_closing_duration_without_a_comparison_is_no_timepoint() -> None:
    text = ("Vimseltinib in tenosynovial giant cell tumour: a phase 2 trial\n\n"
            "The objective response rate was 40%, with most responses ongoing after 12 weeks.")
    rows = {(c.endpoint, c.value, c.timepoint) for c in extract(parse(text + "\n", "r9.txt")).outcomes}
    assert ("ORR", "40", "") in rows


def test_an_enumeration_after_a_colon_counts_what_its_lead_in_counts() -> None:
    text = ("Pomalidomide in Kaposi sarcoma: a phase II study\n\n"
            "Fourteen patients responded (70%): eight of 12 HIV-positive patients (67%) and 6 of 8 HIV-negative "
            "patients (75%).")
    rows = {(c.endpoint, c.value, c.n) for c in extract(parse(text + "\n", "r9.txt")).outcomes}
    assert {("ORR", "67", 12), ("ORR", "75", 8)} <= rows


def test_an_enumeration_after_a_colon_of_baseline_counts_is_no_result() -> None:
    text = ("Pomalidomide in Kaposi sarcoma: a phase II study\n\n"
            "Patients enrolled: eight of 12 men (67%) and 6 of 8 women (75%).")
    assert not extract(parse(text + "\n", "r9.txt")).outcomes


def test_arms_labelled_with_their_regimen_in_brackets() -> None:
    text = ("Weekly paclitaxel in angiosarcoma: a randomised phase II trial\n\n"
            "Of the 40 patients randomised, 20 were in Arm A (single-agent paclitaxel) and 20 in Arm B (paclitaxel "
            "plus pazopanib). Median PFS was 4.9 versus 6.1 months, respectively (p = 0.4).")
    rows = rows_of(text)
    assert rows[("PFS_median", "4.9")] == ("paclitaxel",)
    assert rows[("PFS_median", "6.1")] == ("paclitaxel", "pazopanib")
