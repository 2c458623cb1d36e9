"""Reading forms that real result sections use and the extractor used to miss, each on a paper
written for the test: groups opened without a subtype, line-of-therapy groups, either-or regimens,
timepoints over a shared plural noun, adverse-event prose."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract
from extractors.records import OutcomeClaim

HEAD = "Doxorubicin-based chemotherapy in advanced leiomyosarcoma: a retrospective cohort study\n\nResults\n\n"


def outcomes_of(body: str, head: str = HEAD) -> list[OutcomeClaim]:
    return extract(parse(head + body + "\n", "mini.txt")).outcomes


def test_group_opened_without_a_subtype_does_not_inherit_the_previous_subtype() -> None:
    claims = outcomes_of(
        "Sixty patients were treated with doxorubicin. In the subgroup of patients with uterine "
        "leiomyosarcoma (n = 31), median PFS was 8.1 months. Among patients with extrauterine primaries, "
        "the ORR was 30.0%.")
    by_value = {c.value: c for c in claims}
    assert by_value["8.1"].population == ("uLMS",)
    assert by_value["30.0"].population == ("LMS",)


def test_timepoints_shared_by_a_plural_survival_noun() -> None:
    claims = outcomes_of("Seventy patients received doxorubicin. The 2- and 4-year survivals were 71% and 48%, "
                         "respectively.")
    assert {(c.endpoint, c.timepoint, c.value) for c in claims} >= {
        ("OS_rate", "2 years", "71"), ("OS_rate", "4 years", "48")}


def test_timepoints_in_words_shared_by_a_named_survival() -> None:
    claims = outcomes_of("Seventy patients received doxorubicin. Two- and five-year event-free survivals were "
                         "58% and 37%.")
    assert {(c.endpoint, c.timepoint, c.value) for c in claims} >= {
        ("EFS_rate", "2 years", "58"), ("EFS_rate", "5 years", "37")}
