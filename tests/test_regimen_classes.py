"""Regimens printed as drug classes, or as alternative drugs of one class (devset README, regimen
conventions). Every sentence and number is made up for the test; none is taken from a paper."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract


def rows_of(text: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """(endpoint, value) -> regimen for each outcome row."""
    return {(c.endpoint, c.value): c.regimen for c in extract(parse(text + "\n", "cls.txt")).outcomes}


# -- a cohort on either of two drugs -------------------------------------------------------------

def test_a_cohort_on_either_of_two_chemotherapies_is_chemotherapy() -> None:
    text = ("Outcomes of first-line chemotherapy in synovial sarcoma\n\n"
            "We reviewed 50 patients treated with doxorubicin or ifosfamide. The median progression-free "
            "survival was 5.5 months and the 2-year overall survival rate was 44%.")
    rows = rows_of(text)
    assert rows[("PFS_median", "5.5")] == ("chemotherapy",)
    assert rows[("OS_rate", "44")] == ("chemotherapy",)


def test_all_patients_on_either_of_two_pd1_antibodies_take_their_class() -> None:
    text = ("Anti-PD-1 antibodies for alveolar soft part sarcoma: a retrospective series\n\n"
            "We reviewed 21 patients. All patients received pembrolizumab or toripalimab. The objective "
            "response rate was 38% and the 1-year progression-free survival rate was 70%.")
    rows = rows_of(text)
    assert rows[("ORR", "38")] == ("pd-1 inhibitor",)
    assert rows[("PFS_rate", "70")] == ("pd-1 inhibitor",)


def test_one_drug_of_the_titled_class_stays_the_drug() -> None:
    text = ("PD-1 inhibitors in advanced chordoma\n\n"
            "We reviewed 15 patients. Fifteen patients received sintilimab. The objective response rate "
            "was 13% and median progression-free survival was 8.0 months.")
    rows = rows_of(text)
    assert rows[("ORR", "13")] == ("sintilimab",)
    assert rows[("PFS_median", "8.0")] == ("sintilimab",)


def test_two_drugs_given_together_stay_a_combination() -> None:
    text = ("Combination therapy in angiosarcoma\n\n"
            "All 30 patients received paclitaxel and bevacizumab. The objective response rate was 40%.")
    assert rows_of(text)[("ORR", "40")] == ("bevacizumab", "paclitaxel")


# -- a class printed over a parenthesis of its drugs ---------------------------------------------

def test_a_class_over_counted_drugs_is_the_class() -> None:
    text = ("Outcomes in metastatic solitary fibrous tumour\n\n"
            "Forty-two patients were treated with VEGFR TKIs (pazopanib in 30, regorafenib in 12). The median "
            "progression-free survival was 7.1 months. The 2-year overall survival rate was 55%.")
    rows = rows_of(text)
    assert rows[("PFS_median", "7.1")] == ("antiangiogenic",)
    assert rows[("OS_rate", "55")] == ("antiangiogenic",)


def test_a_class_over_alternative_drugs_in_the_results_is_the_class() -> None:
    text = ("Second-line therapy in leiomyosarcoma: a two-centre series\n\n"
            "We reviewed 40 patients. Of them, 28 patients received anti-angiogenic TKIs (anlotinib or "
            "apatinib). The disease control rate was 61%.")
    assert rows_of(text)[("DCR", "61")] == ("antiangiogenic",)


def test_a_class_over_a_combination_is_the_combination() -> None:
    text = ("First-line treatment of uterine leiomyosarcoma\n\n"
            "All 36 patients received chemotherapy (gemcitabine plus docetaxel). The objective response "
            "rate was 25%.")
    assert rows_of(text)[("ORR", "25")] == ("docetaxel", "gemcitabine")


def test_a_class_over_a_single_drug_is_the_drug() -> None:
    text = ("Immunotherapy in advanced angiosarcoma\n\n"
            "All 18 patients received anti-PD-1 therapy (camrelizumab). The objective response rate was 28%.")
    assert rows_of(text)[("ORR", "28")] == ("camrelizumab",)


def test_a_class_only_title_gives_the_contract_token() -> None:
    text = ("Anthracycline-based first-line chemotherapy in metastatic leiomyosarcoma\n\n"
            "We reviewed 90 patients. The median overall survival was 19.8 months.")
    assert rows_of(text)[("OS_median", "19.8")] == ("chemotherapy",)


# -- drugs counted on their own patients, and a class's examples ---------------------------------

def test_drugs_each_counted_on_their_own_patients_are_alternatives() -> None:
    text = ("Advanced alveolar soft part sarcoma: a retrospective series\n\n"
            "We reviewed 35 patients treated with pembrolizumab (n = 21) or nivolumab (n = 14). The median "
            "progression-free survival was 9.0 months.")
    assert rows_of(text)[("PFS_median", "9.0")] == ("pd-1 inhibitor",)


def test_a_cohort_shared_out_among_drugs_keeps_the_titled_class() -> None:
    text = ("Immune checkpoint inhibitors in advanced sarcoma: a retrospective cohort\n\n"
            "We reviewed 47 patients. Of these, 31 received pembrolizumab, 11 nivolumab and 5 toripalimab. "
            "Median overall survival was 12.0 months.")
    assert rows_of(text)[("OS_median", "12.0")] == ("ici",)


def test_a_class_with_its_drugs_as_examples_is_the_class() -> None:
    text = ("Outcomes of immunotherapy in advanced sarcoma\n\n"
            "We reviewed 44 patients who were treated with ICIs including pembrolizumab (n = 20), nivolumab "
            "(n = 14), and ipilimumab plus nivolumab (n = 10). Median progression-free survival was 3.1 months.")
    assert rows_of(text)[("PFS_median", "3.1")] == ("ici",)


def test_a_class_such_as_two_drugs_is_the_class() -> None:
    text = ("Advanced alveolar soft part sarcoma\n\n"
            "We reviewed 25 patients treated with PD-1 inhibitors, such as pembrolizumab or sintilimab. "
            "The 2-year overall survival rate was 71%.")
    assert rows_of(text)[("OS_rate", "71")] == ("pd-1 inhibitor",)


def test_drugs_with_their_doses_stay_a_combination() -> None:
    text = ("First-line therapy of metastatic synovial sarcoma\n\n"
            "All 26 patients received doxorubicin 75 mg/m2 and ifosfamide 9 g/m2 every three weeks. "
            "The objective response rate was 46%.")
    assert rows_of(text)[("ORR", "46")] == ("doxorubicin", "ifosfamide")


def test_counted_alternatives_skip_randomised_groups() -> None:
    from extractors.regimens import lists_alternatives

    assert lists_alternatives([" (n = 20) and "])
    assert not lists_alternatives([" (n = 20) and "], counted=False)
    assert not lists_alternatives([" 75 mg/m2 and "])
    assert lists_alternatives([", 10 ", " and 5 "])


# -- classes compared side by side -----------------------------------------------------------------

def test_a_title_listing_three_classes_gives_each_value_its_own_class() -> None:
    text = ("Role of chemotherapy, PD-1 inhibitors, and VEGFR inhibitors in advanced chordoma\n\n"
            "This retrospective study included 48 patients treated with systemic therapy. "
            "Anti-angiogenic agents gave an ORR of 9.5% and a median PFS of 6.1 months. "
            "PD-1 inhibitors were the most active agents, with an ORR of 35% and a median PFS of 8.2 months.")
    rows = rows_of(text)
    assert rows[("ORR", "9.5")] == ("antiangiogenic",)
    assert rows[("PFS_median", "6.1")] == ("antiangiogenic",)
    assert rows[("ORR", "35")] == ("pd-1 inhibitor",)
    assert rows[("PFS_median", "8.2")] == ("pd-1 inhibitor",)


def test_a_title_of_a_class_combination_stays_the_combination() -> None:
    text = ("PD-1 inhibitors plus chemotherapy in advanced osteosarcoma\n\n"
            "We reviewed 30 patients. The median progression-free survival was 5.0 months.")
    assert rows_of(text)[("PFS_median", "5.0")] == ("chemotherapy", "pd-1 inhibitor")


def test_tki_monotherapy_is_antiangiogenic() -> None:
    text = ("TKI monotherapy for desmoid tumours: a retrospective series\n\n"
            "We reviewed 33 patients treated with TKI monotherapy. The 2-year progression-free survival rate was 81%.")
    assert rows_of(text)[("PFS_rate", "81")] == ("antiangiogenic",)


def test_tkis_such_as_imatinib_stay_imatinib() -> None:
    from extractors.regimens import regimen_of
    from ontology.lexicon import load_lexicon

    assert regimen_of(["antiangiogenic", "imatinib"], load_lexicon()) == ("imatinib",)


# -- classes inside combinations ---------------------------------------------------------------------

def test_a_combination_of_alternatives_is_a_combination_of_classes() -> None:
    text = ("Anti-angiogenic agents combined with PD-1 inhibitors in advanced soft tissue sarcoma\n\n"
            "We retrospectively reviewed 48 patients. Patients received anlotinib or apatinib plus camrelizumab, "
            "sintilimab or toripalimab. The median progression-free survival was 7.5 months.")
    assert rows_of(text)[("PFS_median", "7.5")] == ("antiangiogenic", "pd-1 inhibitor")


def test_a_drug_with_a_class_over_its_drugs_keeps_both() -> None:
    text = ("Outcomes in advanced osteosarcoma\n\n"
            "We reviewed 40 patients treated with anlotinib combined with a PD-1 inhibitor (camrelizumab in 22, "
            "sintilimab in 18). The 1-year overall survival rate was 71%.")
    assert rows_of(text)[("OS_rate", "71")] == ("anlotinib", "pd-1 inhibitor")


def test_a_title_class_plus_a_drug_is_both() -> None:
    text = ("PD-1 inhibitors plus anlotinib in advanced osteosarcoma\n\n"
            "We reviewed 38 patients. Median progression-free survival was 6.6 months.")
    assert rows_of(text)[("PFS_median", "6.6")] == ("anlotinib", "pd-1 inhibitor")


def test_patients_counted_on_each_drug_take_the_class() -> None:
    text = ("Anti-PD-1 therapy in advanced angiosarcoma: a multicentre analysis\n\n"
            "We analysed 33 patients with advanced angiosarcoma; 25 were on pembrolizumab and 8 on nivolumab. "
            "The median overall survival was 15.0 months.")
    assert rows_of(text)[("OS_median", "15.0")] == ("pd-1 inhibitor",)


def test_immunotherapy_based_combinations_are_ici_based() -> None:
    text = ("Immunotherapy-based combinations in advanced sarcoma\n\n"
            "We reviewed 60 patients. The median overall survival was 18.1 months.")
    assert rows_of(text)[("OS_median", "18.1")] == ("ici-based",)


# -- alternatives that are combinations, and drugs never given together ------------------------------

def test_one_drug_alone_or_with_another_is_their_class() -> None:
    text = ("First-line chemotherapy in advanced synovial sarcoma: a retrospective study\n\n"
            "We reviewed 61 patients who received doxorubicin alone or combined with ifosfamide. The median "
            "overall survival was 20.1 months.")
    assert rows_of(text)[("OS_median", "20.1")] == ("chemotherapy",)


def test_alternatives_one_of_which_is_a_combination_share_a_class() -> None:
    text = ("Immune checkpoint inhibitors in advanced sarcoma\n\n"
            "Methods: We retrospectively identified 41 patients who received pembrolizumab, nivolumab, or "
            "ipilimumab plus nivolumab. Results: The 1-year OS rate was 49%.")
    assert rows_of(text)[("OS_rate", "49")] == ("ici",)


def test_two_pd1_antibodies_named_together_are_their_class() -> None:
    text = ("Pembrolizumab and nivolumab in advanced undifferentiated pleomorphic sarcoma\n\n"
            "We reviewed 30 patients. The 1-year OS rate was 55%.")
    assert rows_of(text)[("OS_rate", "55")] == ("pd-1 inhibitor",)


def test_a_pd1_antibody_with_a_vegfr_tki_stays_a_combination() -> None:
    text = ("Camrelizumab and apatinib in advanced osteosarcoma\n\n"
            "We reviewed 30 patients. The 1-year OS rate was 57%.")
    assert rows_of(text)[("OS_rate", "57")] == ("apatinib", "camrelizumab")


# -- a result for all patients after groups given different regimens --------------------------------

def test_a_result_for_all_patients_after_different_groups_is_their_class() -> None:
    text = ("Window therapy in metastatic Ewing sarcoma\n\n"
            "We enrolled 80 patients. Forty patients received topotecan. Forty patients received irinotecan "
            "and temozolomide. All patients then received vincristine, doxorubicin and cyclophosphamide. "
            "For all patients, the 2-year overall survival rate was 51%.")
    assert rows_of(text)[("OS_rate", "51")] == ("chemotherapy",)


def test_a_result_for_all_patients_of_one_regimen_stays_that_regimen() -> None:
    text = ("Trabectedin in advanced liposarcoma\n\n"
            "We enrolled 45 patients. Forty-five patients received trabectedin. "
            "For all patients, the 1-year overall survival rate was 64%.")
    assert rows_of(text)[("OS_rate", "64")] == ("trabectedin",)
