"""Endpoint names as real-world-evidence papers print them read as the endpoint they measure."""

from __future__ import annotations

from corpus import parse
from extractors.extract import extract

HEAD = (
    "Eribulin in routine practice for advanced leiomyosarcoma: a registry cohort\n\n"
    "Abstract\n\n"
    "Results\n\n"
)


def endpoints_of(results: str) -> set[tuple[str, str]]:
    claims = extract(parse(HEAD + results + "\n", "registry.txt")).outcomes
    return {(c.endpoint, c.value) for c in claims}


def test_real_world_endpoints_without_a_definition_in_the_text() -> None:
    found = endpoints_of("In 61 treated patients, the rwORR was 12%, median rwPFS was 2.8 months and "
                         "median rwOS was 10.4 months.")
    assert found == {("ORR", "12"), ("PFS_median", "2.8"), ("OS_median", "10.4")}


def test_real_world_endpoints_spelt_out() -> None:
    found = endpoints_of("The median real-world overall survival was 13.0 months in the 44 patients.")
    assert found == {("OS_median", "13.0")}
