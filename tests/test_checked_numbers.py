"""Misreadings that `kg check` exposed on real texts (a sample size bound from the wrong number, a part of a
response rate read as the rate), each fixed as a general rule. Every sentence is made up for the test."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract
from extractors.records import PaperRecords
from kg.quality.checks import check_paper

TITLE = "Cabozantinib in advanced chondrosarcoma: a phase II trial\n\n"


def records_of(body: str, title: str = TITLE) -> PaperRecords:
    return extract(parse(title + "Results\n\n" + body + "\n", "checked.txt"))


def rows(records: PaperRecords) -> set[tuple[str, str, int | None]]:
    return {(c.endpoint, c.value, c.n) for c in records.outcomes}


def test_a_count_of_responders_after_including_is_not_the_rate_s_group() -> None:
    found = records_of("We enrolled 52 patients; 50 were evaluable. Thirteen patients responded, including 2 patients "
                       "with complete responses, for an ORR of 26% (95% CI, 15-40).")
    assert ("ORR", "26", 50) in rows(found)
    assert not [c for c in found.outcomes if c.n == 2]
    assert not check_paper(found)


def test_patients_with_stable_disease_count_responders_not_the_group() -> None:
    found = records_of("We enrolled 52 patients; 50 were evaluable. The clinical benefit rate was 62%; 24 patients "
                       "with stable disease (SD, 48%) made up most of it.")
    assert ("CBR", "62", 50) in rows(found)
    assert ("SD_n", "24", 50) in rows(found)


def test_patients_with_a_subtype_are_still_a_group() -> None:
    found = records_of("In 16 patients with leiomyosarcoma the ORR was 25% (4/16).")
    assert ("ORR", "25", 16) in rows(found)


def test_each_group_s_evaluable_patients_are_the_size_of_its_counts() -> None:
    found = records_of("We reviewed 75 charts. Response could be judged in 20 patients of the trabectedin arm, where "
                       "2 (10%) achieved complete response and 6 (30%) partial response. For pazopanib, 40 patients "
                       "were evaluable for response and 4 (10%) achieved complete response, 12 (30%) partial response.")
    assert {("CR_n", "2", 20), ("PR_n", "6", 20), ("CR_n", "4", 40), ("PR_n", "12", 40)} <= rows(found)
    assert not [f for f in check_paper(found) if f.check == "response_counts"]


def test_a_category_count_printed_as_a_fraction_takes_its_denominator() -> None:
    found = records_of("Thirty-six women were treated. Six responded (ORR 20%): partial response in 16.7% (5/30) and "
                       "complete response in 3.3% (1/30).")
    assert {("CR_n", "1", 30), ("PR_n", "5", 30)} <= rows(found)
    assert not check_paper(found)


def test_evaluable_patients_of_a_sample_size_plan_are_not_the_study_s() -> None:
    title = "Eribulin plus radiotherapy in myxoid liposarcoma: a phase 2 study\n\n"
    found = records_of("With 30 evaluable patients the design had 90% power to tell an ORR of 35% from one of "
                       "15%. We enrolled 33 patients and 32 were evaluable. Ten patients had a partial response and "
                       "18 had stable disease: ORR 31.3% (95% CI, 16.1-50.0), DCR 87.5%.", title)
    assert (found.study.n_enrolled, found.study.n_evaluable) == (33, 32)
    assert {("ORR", "31.3", 32), ("DCR", "87.5", 32)} <= rows(found)
    assert not check_paper(found)


def test_the_parts_of_a_response_rate_are_no_response_rates() -> None:
    found = records_of("Local control was high: the response rate of irradiated lesions was 70% (25% complete and "
                       "45% partial). Among KIT-mutant tumours the ORR was 62% (95% CI: 41%, 80%), with 12% "
                       "complete responses and 50% partial responses.")
    assert {c.value for c in found.outcomes if c.endpoint == "ORR"} == {"70", "62"}


def test_category_counts_stay_when_their_shares_are_dropped() -> None:
    found = records_of("Nine of 24 evaluable patients responded (ORR 38%, 95% CI 19-59%), 2 complete (8%) and 7 "
                       "partial (PR, 29%); another 10 had stable disease (SD, 42%).")
    orr = {c.value for c in found.outcomes if c.endpoint == "ORR"}
    assert orr == {"38"}
    assert ("PR_n", "7", 24) in rows(found)


def test_groups_compared_in_order_do_not_take_the_whole_study_s_size() -> None:
    title = "Pazopanib dose intensity in osteosarcoma: a retrospective study\n\n"
    found = records_of("A total of 40 patients were included. Response favoured full dosing over reduced dosing, "
                       "with ORR of 35.29% vs 17.39% and DCR of 70.59% vs 56.52%, though neither difference reached "
                       "significance. The PFS rates at 6 and 12 months were 55% and 25%, respectively. ORR and DCR "
                       "were 25.0% and 62.5%, respectively.", title)
    assert {("ORR", "35.29", None), ("ORR", "17.39", None), ("DCR", "70.59", None)} <= rows(found)
    # timepoints of one group and two endpoints of one group are the whole study's
    assert {("PFS_rate", "55", 40), ("ORR", "25.0", 40), ("DCR", "62.5", 40)} <= rows(found)
    assert not check_paper(found)


def test_a_result_of_one_regimen_of_a_two_regimen_study_takes_no_study_size() -> None:
    title = "Doxorubicin or ifosfamide as first-line treatment of synovial sarcoma: a retrospective study\n\n"
    found = records_of("A total of 60 patients were included. The ORR was 40% with ifosfamide.", title)
    assert found.study.n_enrolled == 60 and found.study.regimen != ("ifosfamide",)
    assert [(c.regimen, c.value, c.n) for c in found.outcomes] == [(("ifosfamide",), "40", None)]


def test_the_patients_who_developed_an_event_are_no_denominator_of_its_rate() -> None:
    title = "Ifosfamide in relapsed rhabdomyosarcoma: a single-centre series\n\n"
    found = records_of("Nine patients (15%) had haematuria; it resolved without sequelae in 7 of the 9 patients "
                       "who developed haematuria.", title)
    assert [(ae.term, ae.n, ae.percent, ae.group_size) for ae in found.adverse_events] == [
        ("haematuria", 9, "15", None)]
    assert not check_paper(found)


def test_a_count_pooled_over_published_series_is_not_a_primary_study_s_enrolment() -> None:
    title = "Gemcitabine and docetaxel for relapsed osteosarcoma: a retrospective single-centre experience\n\n"
    found = records_of("An objective response was seen in 4 of 16 patients (25%). Adding the earlier reports, "
                       "a total of 58 patients were treated with this combination across three series, ours "
                       "included, with a pooled response rate of 19.0%.",
                       title)
    assert found.study.design == "retrospective cohort"
    assert found.study.n_enrolled != 58
    assert ("ORR", "25", 16) in rows(found)


def test_a_meta_analysis_enrols_the_patients_of_its_studies() -> None:
    title = "Pazopanib in soft tissue sarcoma: a meta-analysis\n\n"
    found = records_of("A total of 640 patients from 12 studies were included. The pooled ORR was 9.1%.", title)
    assert found.study.n_enrolled == 640
