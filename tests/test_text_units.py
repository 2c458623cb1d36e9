"""A sentence cut by page furniture is read as one logical paragraph (extractors.text_units)."""

from __future__ import annotations

from corpus import parse
from corpus.document import Paragraph
from extractors.extract import extract
from extractors.text_units import TextUnit, paragraph_units

FOOTER = "Int J Sarc Res 2023;4:101–110                                                   104"


def cut_paper(first: str, second: str) -> str:
    return ("Cabozantinib in advanced leiomyosarcoma: a single-centre cohort\n\nResults\n\n"
            f"Forty-two patients with leiomyosarcoma received cabozantinib. {first}\n\n{FOOTER}\n\n{second}\n")


def test_endpoint_split_by_a_running_footer_is_one_mention_with_source_offsets() -> None:
    text = cut_paper("Among those who completed six cycles, the response", "rate was 61.9% at the cutoff.")
    records = extract(parse(text, "cut.txt"))
    orr = [m for m in records.mentions if m.type == "endpoint" and m.key == "ORR"]
    assert len(orr) == 1
    start, end = orr[0].evidence.start, orr[0].evidence.end
    assert text[start:].startswith("response") and text[:end].endswith("rate")
    assert FOOTER in text[start:end]  # the mention covers the cut; its offsets are the source's


def test_value_after_the_cut_takes_the_endpoint_named_across_it() -> None:
    text = cut_paper("Among those who completed six cycles, the response", "rate was 61.9% at the cutoff.")
    claims = {(c.endpoint, c.value) for c in extract(parse(text, "cut.txt")).outcomes}
    assert ("ORR", "61.9") in claims
    assert not any(value == "61.9" and endpoint != "ORR" for endpoint, value in claims)


def test_two_word_endpoint_split_by_a_page_break() -> None:
    text = cut_paper("Among those assessed at week 12, the disease", "control rate was 70.2%.")
    claims = {(c.endpoint, c.value) for c in extract(parse(text, "cut.txt")).outcomes}
    assert ("DCR", "70.2") in claims


def test_a_finished_sentence_is_not_joined_to_the_next_page() -> None:
    paragraphs = [Paragraph("The response rate was 20%.", 0, 26, "Results"),
                  Paragraph("Median PFS was 4 months.", 40, 64, "Results", continues=0)]
    source = paragraphs[0].text + " " * 14 + paragraphs[1].text
    units = paragraph_units(paragraphs, source)
    assert [u.text for u in units] == [p.text for p in paragraphs]
    assert all(not u.joins for u in units)


def test_joined_unit_maps_offsets_on_both_sides_of_the_cut() -> None:
    first, second = "the median", "PFS was 4 months."
    source = first + "\n\nRunning head 12\n\n" + second
    paragraphs = [Paragraph(first, 0, len(first), "Results"),
                  Paragraph(second, source.index(second), len(source), "Results", continues=0)]
    (unit,) = paragraph_units(paragraphs, source)
    assert unit.text == "the median PFS was 4 months."
    pfs = unit.text.index("PFS")
    assert source[unit.source_offset(pfs):].startswith("PFS")
    assert unit.source_offset(4) == 4
    assert source[unit.source_offset(4):unit.source_end(pfs + 3)].endswith("PFS")


def test_a_unit_of_one_piece_maps_by_its_start() -> None:
    unit = TextUnit("median OS", 100, "Results", "paragraph")
    assert (unit.source_offset(7), unit.source_end(9)) == (107, 109)
