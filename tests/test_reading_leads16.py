"""Groups listed in order against numbers ("..., respectively") and arms named only as the control,
found on unseen real texts (helper leads16) and fixed as general rules. Every sentence and number
below is made up for the test; none is taken from a paper."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract

SINGLE_ARM = ("Eribulin for sarcoma of soft tissue: a retrospective review\n\n"
              "Results: Our review covered 64 patients with soft tissue sarcoma who were given eribulin. ")
REGISTRY = ("Kinase inhibitors in GIST: a national registry\n\n"
            "Results: The registry held 410 patients with GIST treated with imatinib, then sunitinib and "
            "regorafenib. ")


def outcomes_of(text: str) -> list:
    return extract(parse(text + "\n", "l16.txt")).outcomes


def rows(text: str) -> dict[tuple[str, str], object]:
    return {(c.endpoint, c.value): c for c in outcomes_of(text)}


# -- subtypes listed after a run of numbers --------------------------------------------------------

def test_numbers_sharing_a_unit_after_a_serial_comma_are_each_read() -> None:
    found = rows(SINGLE_ARM + "By histology, median overall survival reached 12, 41, and 23 months in pleomorphic RMS, "
                              "embryonal RMS, and alveolar RMS, respectively.")
    assert {v for _, v in found} == {"41", "23", "12"}
    assert found[("OS_median", "12")].population == ("PRMS",)


def test_a_pool_inside_a_respectively_list_is_opened_into_its_members() -> None:
    found = rows(SINGLE_ARM + "By histology, median overall survival reached 41, 23 and 12 months in embryonal RMS, "
                              "alveolar RMS and pleomorphic RMS, respectively.")
    assert found[("OS_median", "41")].population == ("ERMS",)
    assert found[("OS_median", "23")].population == ("ARMS",)
    assert found[("OS_median", "12")].population == ("PRMS",)


def test_hyphenated_short_forms_of_the_rhabdomyosarcoma_subtypes_are_read() -> None:
    found = rows(SINGLE_ARM + "By histology, median overall survival reached 23 months, 12 months and 41 months in "
                              "A-RMS, P-RMS and E-RMS, respectively, in this series.")
    assert [found[("OS_median", v)].population for v in ("41", "23", "12")] == [("ERMS",), ("ARMS",), ("PRMS",)]


# -- drugs listed before a run of numbers ----------------------------------------------------------

def test_drugs_listed_before_numbers_closed_by_respectively_take_them_in_order() -> None:
    found = rows(REGISTRY + "Patients given regorafenib or sunitinib later on reached a median PFS of 5 months "
                            "(95% CI, 3.2-6.8) and 9 months (95% CI, 7.1-10.9), respectively.")
    assert found[("PFS_median", "9")].regimen == ("sunitinib",)
    assert found[("PFS_median", "5")].regimen == ("regorafenib",)
    assert found[("PFS_median", "5")].ci_low == "3.2"


# -- mutation subgroups ----------------------------------------------------------------------------

def test_a_mutation_group_after_for_patients_with_a_is_the_numbers_own() -> None:
    found = rows(REGISTRY + "Imatinib achieved an ORR of 55% in the whole registry: 66% in KIT exon 11 mutant "
                            "GIST, 35% for patients carrying a PDGFRA exon 12 mutation and 41% in the remainder.")
    assert found[("ORR", "66")].subgroup == "KIT exon 11"
    assert found[("ORR", "35")].subgroup == "PDGFRA exon 12"
    assert found[("ORR", "41")].subgroup == ""


def test_mutation_groups_listed_before_numbers_closed_by_respectively_take_them_in_order() -> None:
    found = rows(REGISTRY + "Cases harbouring PDGFRA mutations in exon 12 and KIT mutations in exon 13 had "
                            "ORRs of 30% and 20%, respectively, on imatinib.")
    assert found[("ORR", "30")].subgroup == "PDGFRA exon 12"
    assert found[("ORR", "20")].subgroup == "KIT exon 13"


def test_bounded_rates_take_the_mutation_groups_listed_before_them_in_order() -> None:
    found = rows(REGISTRY + "For a PDGFRA mutation in exon 12 or a KIT mutation in exon 13, the imatinib ORR "
                            "stayed <45% and <32%, respectively.")
    assert found[("ORR", "<45")].subgroup == "PDGFRA exon 12"
    assert found[("ORR", "<32")].subgroup == "KIT exon 13"


def test_lines_listed_with_a_serial_comma_before_their_numbers_take_them_in_order() -> None:
    found = rows(SINGLE_ARM + "Given as first-line, second-line, or third-line therapy, eribulin produced ORRs of "
                              "41.2% (7/17), 22.0% (2/9), and 0% (0/11), respectively.")
    assert [found[("ORR", v)].subgroup for v in ("41.2", "22.0", "0")] == ["first line", "second line", "third line"]
    assert [found[("ORR", v)].n for v in ("41.2", "22.0", "0")] == [17, 9, 11]  # each fraction's own total


# -- an arm named only as the control --------------------------------------------------------------

CONTROLLED = ("A new inhibitor for advanced GIST\n\n"
              "The kinase inhibitors imatinib and sunitinib, and later regorafenib, serve in GIST. "
              "In a randomised phase III study, the activity of avapritinib was tested in patients with GIST "
              "after three or more earlier lines. ")


def test_a_comparison_naming_only_the_placebo_arm_gives_the_other_number_and_the_hr_to_the_drug_tested(
) -> None:
    found = rows(CONTROLLED + "Median PFS reached 5.2 months, versus 1.4 months for those on placebo (HR "
                              "0.22; p<0.001). OS also favoured treatment, 14.0 months versus 7.5 months for "
                              "those on placebo (HR 0.41).")
    assert found[("PFS_median", "5.2")].regimen == ("avapritinib",)
    assert found[("PFS_median", "1.4")].regimen == ("placebo",)
    assert found[("HR_PFS", "0.22")].regimen == ("avapritinib",)
    assert found[("OS_median", "14.0")].regimen == ("avapritinib",)
    assert found[("HR_OS", "0.41")].regimen == ("avapritinib",)


def test_the_placebo_a_drug_is_compared_to_is_no_part_of_its_regimen() -> None:
    found = rows(CONTROLLED + "Against placebo, avapritinib lengthened median OS to 12.5 months.")
    assert found[("OS_median", "12.5")].regimen == ("avapritinib",)


def test_a_response_count_printed_before_the_arm_it_names_by_role_is_that_arms() -> None:
    found = rows("Avapritinib plus eribulin versus eribulin alone in leiomyosarcoma: a randomised trial\n\n"
                 "Methods: We randomised patients between avapritinib plus eribulin and eribulin alone.\n\n"
                 "Results: The ORR was 30.0% (12/40) in the avapritinib plus eribulin group and 12.5% (5/40) in "
                 "the eribulin group; complete responses were recorded in 3 (7.5%) patients on the "
                 "combination arm, while none occurred with eribulin alone.")
    assert found[("CR_n", "3")].regimen == ("avapritinib", "eribulin")


def test_an_arm_named_after_a_list_break_is_the_next_counts_not_the_response_counts() -> None:
    found = rows("Avapritinib plus eribulin versus eribulin alone in leiomyosarcoma: a randomised trial\n\n"
                 "Methods: We randomised patients between avapritinib plus eribulin and eribulin alone.\n\n"
                 "Results: Responses were seen in 14 patients (35%) given the combination, among them a "
                 "complete response in 2, and in 4 patients (10%, partial only) in the control group.")
    assert found[("CR_n", "2")].regimen != ("eribulin",)
