"""Group sizes of the paper's own populations, on a mini-paper written for the test."""

from corpus import parse
from extractors.extract import extract
from extractors.group_sizes import population_sizes

PAPER = (
    "Nivolumab in rare sarcomas: a retrospective study\n\nAnn Smith¹\n\nResults\n\n"
    "Of 12 cases with leiomyosarcoma, 5 received nivolumab. Among them, 4 patients with leiomyosarcoma "
    "had lung metastases.\n\n"
    "Table 1 Characteristics\n\nSubtype\tn (%)\nSynovial sarcoma\t9 (40.9)\nOthers\t1 (4.5)\n\n"
    "Discussion\n\nA trial of 40 patients with angiosarcoma reported an ORR of 20% [1].\n\n"
    "References\n\n1. Brown A. Paclitaxel in angiosarcoma. J Clin Oncol. 2015;33:1-9.\n"
)


def test_sizes_from_prose_and_table_rows_largest_wins_cited_ignored() -> None:
    doc = parse(PAPER, "mini.txt")
    records = extract(doc)
    sizes = population_sizes(doc, records.mentions, records.citations)
    assert sizes.get("LMS") == 12
    assert sizes.get("SS") == 9
    assert "AS" not in sizes, "a cited study's group is not this paper's"
