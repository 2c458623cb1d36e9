"""Conventions of safety prose that hold across sources: how a rate phrase names its event, and
what a count of treatment cycles, courses or episodes is. Every sentence here was written for
these tests."""

from ae_rows import ae_rows

# -- a qualified rate phrase names the event after "of" ---------------------------------------

def test_pooled_rates_of_a_listed_set_spread_by_respectively() -> None:
    assert ae_rows("The pooled rates of grade 3-4 anaemia, fatigue, and rash were 6%, 4%, and 9%, respectively.") == [
        ("anaemia", "3-4", None, "6"), ("fatigue", "3-4", None, "4"), ("rash", "3-4", None, "9")]


def test_cumulative_incidence_of_one_event() -> None:
    assert ae_rows("The cumulative incidence of grade 3 rash was 12%.") == [("rash", "3", None, "12")]


def test_a_qualified_rate_of_response_is_no_event() -> None:
    assert ae_rows("The pooled rate of objective response was 31% among 90 patients with adverse events.") == []


# -- events counted in cycles, courses or episodes ----------------------------------------------

def test_events_counted_in_cycles_right_after_the_event() -> None:
    assert ae_rows("Toxicity was mild; grade 3 mucositis (5 cycles) and grade 3 rash (1 cycle) were seen.") == [
        ("mucositis", "3", 5, ""), ("rash", "3", 1, "")]


def test_patients_win_over_cycles_in_one_parenthesis() -> None:
    assert ae_rows("The grade 3/4 events attributed to treatment were anaemia (14 cycles [c], 6 pts); "
                   "fatigue (3 c, 1 pt).") == [("anaemia", "3-4", 6, ""), ("fatigue", "3-4", 1, "")]


def test_a_share_of_all_courses_as_subject() -> None:
    assert ae_rows("In all, 11 (4.4%) of a total of 250 courses given were associated with grade 3-4 vomiting.") == [
        ("vomiting", "3-4", 11, "4.4")]


def test_events_in_n_of_the_cycles_given() -> None:
    assert ae_rows("Adverse events occurred in 9 of the 410 cycles given (2.2 %).") == [("AEs", "any", 9, "2.2")]


def test_episodes_and_cases_of_an_event() -> None:
    assert ae_rows("We counted 5 episodes of febrile neutropenia and 2 episodes of haemorrhagic cystitis.") == [
        ("febrile neutropenia", "any", 5, ""), ("haemorrhagic cystitis", "any", 2, "")]
    assert ae_rows("There were 5 cases of grade 3 rash.") == [("rash", "3", 5, "")]


def test_patients_counted_before_their_episodes() -> None:
    assert ae_rows("Five patients had 7 episodes of febrile neutropenia.") == [("febrile neutropenia", "any", 5, "")]


def test_cycles_given_are_no_event_counts() -> None:
    assert ae_rows("Patients received a median of 6 cycles (range 2-8) and 11 patients (25%) received 2 cycles.") == []
    assert ae_rows("We recorded 12 episodes of disease progression during 40 cycles.") == []
    assert ae_rows("There were 3 cases of osteosarcoma and 2 cases of chondrosarcoma.") == []


# -- inside a parenthesis, a figure that names its own event counts that event ------------------

def test_percentages_before_their_events_inside_a_class_parenthesis() -> None:
    assert ae_rows("Grade 3 haematological toxicities (62% anaemia, 40% neutropenia, 12% thrombocytopenia) were the "
                   "most frequent.") == [("anaemia", "3", None, "62"), ("neutropenia", "3", None, "40"),
                                       ("thrombocytopenia", "3", None, "12")]


def test_events_before_their_percentages_inside_a_class_parenthesis() -> None:
    assert ae_rows("Haematological toxicities (anaemia 62%, neutropenia 40%) were frequent.") == [
        ("anaemia", "any", None, "62"), ("neutropenia", "any", None, "40")]


def test_grades_and_features_inside_the_parenthesis_name_no_event() -> None:
    assert ae_rows("Neutropenia (any grade 45%, grade 3 or 4 20%) was common.") == [
        ("Neutropenia", "any", None, "45"), ("Neutropenia", "3-4", None, "20")]
    assert ae_rows("Neutropenia occurred in 12 patients (20%; 3 with fever).") == [
        ("Neutropenia", "any", 12, "20"), ("Neutropenia", "any", 3, "")]


# -- an event's name may carry a marker with a digit ----------------------------------------------

def test_a_cell_marker_is_part_of_the_event_name() -> None:
    assert ae_rows("The grade 3 events were CD4 lymphopenia (2 patients) and rash (1 patient).") == [
        ("CD4 lymphopenia", "3", 2, ""), ("rash", "3", 1, "")]


def test_a_cohort_label_with_a_digit_is_still_no_event() -> None:
    assert ae_rows("Adverse events in cohort B2 (12%) were mild.") == []


# -- "respective rates" repeat the list before them for another group ---------------------------

def test_respective_rates_take_the_events_of_the_list_before() -> None:
    assert ae_rows("Overall, the most common grade 3 or 4 adverse events were anaemia (31.0%), rash (12.0%), and "
                   "fatigue (9.5%); in the expansion cohort, respective rates were 20.0%, 4.0%, and 2.0%.") == [
        ("anaemia", "3-4", None, "31.0"), ("rash", "3-4", None, "12.0"), ("fatigue", "3-4", None, "9.5"),
        ("anaemia", "3-4", None, "20.0"), ("rash", "3-4", None, "4.0"), ("fatigue", "3-4", None, "2.0")]


def test_respective_rates_without_a_list_name_no_event() -> None:
    assert ae_rows("Among patients with grade 3 events, the respective rates were 20% and 10%.") == []


# -- a rate of 0% is a row with no patients --------------------------------------------------------

def test_zero_percent_counts_no_patient() -> None:
    assert ae_rows("Grade 3 rash occurred in 0% and grade 3 fatigue in 4.0%.") == [
        ("rash", "3", 0, "0"), ("fatigue", "3", None, "4.0")]


# -- a counted group of patients may be described after its count ------------------------------

def test_count_of_patients_described_by_their_treatment() -> None:
    assert [r[:3] for r in ae_rows("Grade 3 colitis occurred in one patient receiving a steroid for gout.")] == [
        ("colitis", "3", 1)]


def test_a_described_count_that_led_to_a_delay_is_no_event() -> None:
    assert ae_rows("Treatment was delayed in two patients who had grade 3 rash.") == []


# -- precision: shares of cycles or patients that count no event ---------------------------------

def test_cycles_and_patients_that_count_no_event_stay_unread_in_a_safety_paragraph() -> None:
    for sentence in ("In all, 11 (4.4%) of a total of 250 courses given were delayed because of toxicity.",
                     "Of 120 courses, 30 (25%) were given at a reduced dose.",
                     "Safety was assessed in all; 18 of the 40 cycles given (45%) were in the outpatient setting.",
                     "Toxicity was manageable and 12 patients (30%) were enrolled in the expansion cohort (8 cycles).",
                     "There were 4 episodes of disease progression and 2 cases of partial response."):
        assert ae_rows(sentence, safety_context=True) == [], sentence
