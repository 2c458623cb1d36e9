"""CTCAE grade words and deaths in safety prose: "life-threatening" is grade 4, "fatal" and a death
from an adverse event are grade 5, "severe" is no grade of its own. Every sentence here was written
for these tests."""

import pytest
from ae_rows import ae_rows

from extractors.ae_grades import CLASS_NOUN_TAIL_RE, grade_phrase, header_grade, strip_grades

# -- the words ------------------------------------------------------------------------------

@pytest.mark.parametrize(("phrase", "grade", "rest"), [
    ("life-threatening hypotension", "4", "hypotension"),
    ("Life threatening colitis", "4", "colitis"),
    ("fatal haemorrhage", "5", "haemorrhage"),
    ("non-fatal haemorrhage", "any", "non-fatal haemorrhage"),
    ("potentially fatal hepatitis", "any", "potentially fatal hepatitis"),
    ("severe hepatitis", "any", "severe hepatitis"),
])
def test_ctcae_words_are_grades(phrase: str, grade: str, rest: str) -> None:
    assert grade_phrase(phrase) == grade
    assert strip_grades(phrase) == rest


def test_table_columns_headed_by_the_words() -> None:
    assert header_grade("Life-threatening") == "4"
    assert header_grade("Fatal, n (%)") == "5"


def test_life_threatening_events_with_a_count_and_a_rate() -> None:
    assert ae_rows("Life-threatening hypotension occurred in 6 patients (8%) and life-threatening colitis "
                   "in 2 (3%).") == [("hypotension", "4", 6, "8"), ("colitis", "4", 2, "3")]


def test_a_fatal_event_is_grade_5_of_that_event() -> None:
    assert ae_rows("Fatal pneumonitis occurred in 2 patients (1.5%).") == [("pneumonitis", "5", 2, "1.5")]


def test_severe_is_no_grade_and_no_event() -> None:
    assert ae_rows("Nausea occurred in 21 patients (35%) and was severe in 4.") == [("Nausea", "any", 21, "35")]


# -- deaths from an adverse event -------------------------------------------------------------

def test_patients_who_died_of_an_event_count_grade_5_events() -> None:
    assert ae_rows("One participant died from drug-induced hepatitis in the second month.") == [
        ("hepatitis", "5", 1, "")]


def test_fatal_toxicities_due_to_an_event() -> None:
    assert ae_rows("Two fatal events due to sepsis were recorded during induction.") == [("sepsis", "5", 2, "")]


def test_a_death_due_to_an_event() -> None:
    assert ae_rows("There was one death due to febrile neutropenia.") == [("febrile neutropenia", "5", 1, "")]


def test_a_death_after_the_events_of_a_list() -> None:
    assert ae_rows("Grade 3 diarrhoea occurred in 9 patients (15%), and one (1.7%) died of colitis.") == [
        ("diarrhoea", "3", 9, "15"), ("colitis", "5", 1, "1.7")]


def test_a_cause_the_text_calls_treatment_related_need_not_be_known() -> None:
    assert ae_rows("During maintenance, two patients died of treatment-related myocarditis.") == [
        ("myocarditis", "5", 2, "")]


@pytest.mark.parametrize("text", [
    "Two patients died of disease progression within the first month.",
    "Five patients died of pneumonia unrelated to the study treatment.",
    "One patient died of an accident during follow-up.",
    "Eleven patients (20%) have died.",
])
def test_deaths_that_are_no_adverse_events(text: str) -> None:
    assert ae_rows(text) == []


# -- comparisons between arms name the event, not the comparison --------------------------------

@pytest.mark.parametrize(("text", "rows"), [
    ("Mucositis was more frequent with regimen A than with regimen B (44% vs 19%).",
     [("Mucositis", "any", None, "44"), ("Mucositis", "any", None, "19")]),
    ("There was more grade 3-4 thrombocytopenia with the doublet than with the single agent (27% vs 8%).",
     [("thrombocytopenia", "3-4", None, "27"), ("thrombocytopenia", "3-4", None, "8")]),
    ("More nausea was reported in the experimental arm than in the control arm (52% vs 31%).",
     [("nausea", "any", None, "52"), ("nausea", "any", None, "31")]),
    ("Those given the triplet had a significantly higher incidence of grade 3 diarrhoea (17% vs 6%).",
     [("diarrhoea", "3", None, "17"), ("diarrhoea", "3", None, "6")]),
    ("Grade 3 to 5 toxicity was more common in the doublet arm (68% vs 47%).",
     [("AEs", "3-5", None, "68"), ("AEs", "3-5", None, "47")]),
    ("Patients on the second schedule had a higher frequency of all-grade alopecia (61.2%), fatigue (40.5%) "
     "and rash (12.4%).",
     [("alopecia", "any", None, "61.2"), ("fatigue", "any", None, "40.5"), ("rash", "any", None, "12.4")]),
])
def test_comparisons_name_their_event(text: str, rows: list[tuple]) -> None:
    assert ae_rows(text) == rows


def test_there_were_events_in_a_share_of_cycles() -> None:
    assert ae_rows("There were treatment-related adverse events in 14 patients (23%).") == [("TRAEs", "any", 14, "23")]


@pytest.mark.parametrize("text", [
    "Responses were more frequent with regimen A than with regimen B (41% vs 22%).",
    "Patients with a good performance status had more responses (38% vs 15%).",
    "Disease control was higher in the doublet arm than in the single-agent arm (70% vs 52%).",
])
def test_comparisons_of_no_event_make_no_row(text: str) -> None:
    assert ae_rows(text) == []


# -- counts of a group printed without a percentage, and what names no event --------------------

def test_counts_of_a_group_without_a_percentage() -> None:
    assert ae_rows("Grade 4 mucositis was recorded in 7 of 52 patients during induction.") == [
        ("mucositis", "4", 7, "")]
    assert ae_rows("Hypotension was life-threatening in 3 of 52 patients.") == [("Hypotension", "4", 3, "")]


def test_a_pronoun_continues_the_total_before_it() -> None:
    assert ae_rows("Mucositis occurred in 40 of the 500 courses given (8%); these were seen in 11 of the 60 "
                   "patients.") == [("Mucositis", "any", 40, "8"), ("Mucositis", "any", 11, "")]


def test_some_degree_of_an_event_is_the_event() -> None:
    assert ae_rows("Some degree of ototoxicity was recorded in 16 patients (35%).") == [
        ("ototoxicity", "any", 16, "35")]


@pytest.mark.parametrize("text", [
    "Local therapy was an amputation in 3 and radiation in 5, and both in 2.",
    "The agent was administered as maintenance in 40%.",
    "Objective responses were seen in 9 of 31 patients.",
])
def test_treatments_and_responses_counted_are_no_events(text: str) -> None:
    assert ae_rows(text, safety_context=True) == []


# -- a label's tabulated list: the organ class heading is no part of the first event ------------

@pytest.mark.parametrize(("text", "rows"), [
    ("Gastrointestinal disorders Vomiting (22.4%) (G3/4: 1.3%)",
     [("Vomiting", "any", None, "22.4"), ("Vomiting", "3-4", None, "1.3")]),
    ("Blood and lymphatic system Thrombocytopenia (18.0%) (G3/4: 4.2%)",
     [("Thrombocytopenia", "any", None, "18.0"), ("Thrombocytopenia", "3-4", None, "4.2")]),
    ("General disorders and administration site conditions Fatigue (44.0%)", [("Fatigue", "any", None, "44.0")]),
])
def test_organ_class_headings_before_the_first_event(text: str, rows: list[tuple]) -> None:
    assert ae_rows(text, safety_context=True) == rows


# -- events counted by themselves, right before their name ---------------------------------------

@pytest.mark.parametrize(("text", "rows"), [
    ("Toxicity was modest: one grade 4 adverse event and two grade 3 infections were recorded.",
     [("AEs", "4", 1, ""), ("infections", "3", 2, "")]),
    ("Three serious adverse events were reported during the first cycle.", [("SAEs", "any", 3, "")]),
    ("One grade 4 colitis was recorded after the second dose.", [("colitis", "4", 1, "")]),
    ("Seven grade 3 toxicities occurred in five patients.", [("AEs", "3", 5, "")]),
])
def test_events_counted_before_their_name(text: str, rows: list[tuple]) -> None:
    assert ae_rows(text) == rows


@pytest.mark.parametrize("text", [
    "Two investigators reviewed every scan of the safety population.",
    "Three grade 3 tumours were resected after the fourth cycle.",
    "Two adverse-event forms were missing.",
])
def test_counts_before_other_nouns_are_no_events(text: str) -> None:
    assert ae_rows(text, safety_context=True) == []


def test_a_duration_in_hours_is_no_count() -> None:
    assert ae_rows("Those given the agent (12 h infusion every 2 weeks) had grade 3 vomiting in 18%.",
                   safety_context=True) == [("vomiting", "3", None, "18")]


@pytest.mark.parametrize(("text", "rows"), [
    ("No fatal events occurred, and the commonest adverse events were fatigue (40%) and rash (22%).",
     [("fatigue", "any", None, "40"), ("rash", "any", None, "22")]),
    ("There were no life-threatening events; adverse events included nausea (30%).", [("nausea", "any", None, "30")]),
])
def test_a_grade_denied_governs_no_figure_after_it(text: str, rows: list[tuple]) -> None:
    assert ae_rows(text) == rows


def test_no_difference_in_a_graded_event_keeps_its_grade() -> None:
    assert ae_rows("There was no difference in grade 3-4 anaemia between younger and older patients (18% vs 21%).") == [
        ("anaemia", "3-4", None, "18"), ("anaemia", "3-4", None, "21")]


# -- "the X rate" names X --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "rows"), [
    ("The febrile neutropenia rate was 12%.", [("febrile neutropenia", "any", None, "12")]),
    ("Grade 3-4 anaemia rates were 31% and 17%, respectively.",
     [("anaemia", "3-4", None, "31"), ("anaemia", "3-4", None, "17")]),
    ("The incidence rate of grade 3 rash was 9%.", [("rash", "3", None, "9")]),
])
def test_the_rate_of_an_event_names_the_event(text: str, rows: list[tuple]) -> None:
    assert ae_rows(text) == rows


@pytest.mark.parametrize("text", ["The response rate was 30%.", "The completion rate was 80%.",
                                  "Dose reduction rates were 20% and 15%, respectively."])
def test_the_rate_of_no_event_makes_no_row(text: str) -> None:
    assert ae_rows(text, safety_context=True) == []


# -- the class nouns a grade may govern: one list for prose, closing grades and table captions ----

@pytest.mark.parametrize(("tail", "names_a_class"), [
    (" toxicities", True), (" treatment-related adverse events", True), (" infusion reactions", True),
    (" side effects", True), (" TRAEs", True), (" neutropenia", False), (" soft tissue tumours", False),
])
def test_the_class_noun_tail(tail: str, names_a_class: bool) -> None:
    assert (CLASS_NOUN_TAIL_RE.match(tail) is not None) is names_a_class


@pytest.mark.parametrize("phrase", ["high-grade infusion reactions", "high-grade side effects",
                                    "high-grade toxicities"])
def test_high_grade_before_any_class_noun_is_grade_3_or_worse(phrase: str) -> None:
    assert grade_phrase(phrase) == ">=3"


@pytest.mark.parametrize("noun", ["reactions", "side effects", "toxicities"])
def test_a_grade_closing_a_list_before_any_class_noun_governs_it(noun: str) -> None:
    assert ae_rows(f"Stomatitis (26%) and diarrhoea (14%) were the most frequent grade 3 {noun}.") == [
        ("Stomatitis", "3", None, "26"), ("diarrhoea", "3", None, "14")]
