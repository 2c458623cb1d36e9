"""Reference-list entries parsed into first author, year, journal, DOI, title, volume, pages."""

from __future__ import annotations

from corpus.bibliographic import surname_key
from corpus.document import ReferenceEntry
from extractors.references import clean_doi, find_doi, first_author, parse_fields, parse_reference


def test_vancouver_with_italic_journal() -> None:
    f = parse_fields("Okafor N, Lindqvist PE, Tanaka H, et al. Cabozantinib in rare sarcomas: a phase 2 basket "
                     "study. *Lancet Oncol*. 2021;22(4):512–24.")
    assert f == {"first_author": "Okafor N", "year": 2021, "journal": "Lancet Oncol", "doi": "",
                 "title": "Cabozantinib in rare sarcomas: a phase 2 basket study", "volume": "22", "pages": "512–24"}


def test_parenthesised_year_and_doi() -> None:
    f = parse_fields("D'Souza RK, Meier T. Immune checkpoints in sarcoma. *Front Oncol.* (2022) 12:845612. "
                     "doi: 10.3389/fonc.2022.845612.")
    assert (f["first_author"], f["year"], f["journal"], f["doi"]) == ("D'Souza RK", 2022, "Front Oncol",
                                                                     "10.3389/fonc.2022.845612")
    assert (f["volume"], f["pages"]) == ("12", "845612")


def test_surname_particles_hyphens_and_suffixes() -> None:
    assert parse_fields("van den Berg AJ, Ruiz-Lopez M. A title. *Cancer* 2019;125:1–9.")["first_author"] == \
        "van den Berg AJ"
    assert parse_fields("Ruiz-Lopez M, Berg A. A title. *Cancer* 2019;125:1–9.")["first_author"] == "Ruiz-Lopez M"
    assert parse_fields("Hale DW Jr, Ames P. A title. *Cancer* 2019;125:1–9.")["first_author"] == "Hale DW Jr"


def test_year_in_title_is_not_the_publication_year() -> None:
    f = parse_fields("Moreau L, Park S. Soft tissue sarcoma, version 1.2018, and the 2016 WHO update. "
                     "*J Clin Oncol*. 2020;38:100–9.")
    assert f["year"] == 2020
    assert f["title"] == "Soft tissue sarcoma, version 1.2018, and the 2016 WHO update"


def test_italic_words_in_the_title() -> None:
    f = parse_fields("Ito Y. *KIT* mutations in *GIST* cohorts. *Nat Med*. 2020;26:10–20.")
    assert (f["title"], f["journal"], f["year"]) == ("KIT mutations in GIST cohorts", "Nat Med", 2020)


def test_without_italics() -> None:
    f = parse_fields("Brandt K, Ito Y. Tumour grading revisited. Surg Oncol Clin N Am. 2015;24(3):401–12.")
    assert (f["first_author"], f["year"], f["journal"], f["title"]) == (
        "Brandt K", 2015, "Surg Oncol Clin N Am", "Tumour grading revisited")
    assert (f["volume"], f["pages"]) == ("24", "401–12")


def test_group_author_web_page() -> None:
    f = parse_fields("World Sarcoma Network. Treatment registry (2024). Available online at: "
                     "<https://example.org/registry?id=2023> (Accessed March 3, 2024).")
    assert (f["first_author"], f["year"], f["title"], f["journal"]) == (
        "World Sarcoma Network", 2024, "Treatment registry", "")


def test_et_al_without_comma_and_meeting_abstract() -> None:
    f = parse_fields("Ng A, Osei K, Brun P et al. Nivolumab in clear cell sarcoma. In: *CTOS*. 2019.")
    assert (f["first_author"], f["year"], f["journal"]) == ("Ng A", 2019, "CTOS")
    assert f["title"] == "Nivolumab in clear cell sarcoma"


def test_apa_style() -> None:
    f = parse_fields("Keller, J. A., & Duarte, M. (2018). Survival after metastasectomy. Annals of Surgery, "
                     "267(2), 200–208. https://doi.org/10.1097/SLA.0000000000002345")
    assert (f["first_author"], f["year"], f["doi"]) == ("Keller JA", 2018, "10.1097/SLA.0000000000002345")
    assert (f["title"], f["journal"], f["volume"], f["pages"]) == (
        "Survival after metastasectomy", "Annals of Surgery", "267", "200–208")


def test_frontiers_style_without_italics() -> None:
    f = parse_fields("Ito Y, Ng A. Sarcoma care. Front Oncol. (2022) 12:845612. doi: 10.3389/fonc.2022.845612")
    assert (f["first_author"], f["year"], f["journal"], f["title"]) == ("Ito Y", 2022, "Front Oncol", "Sarcoma care")
    assert (f["volume"], f["pages"]) == ("12", "845612")


def test_doi_cleaning() -> None:
    assert find_doi("x. doi: 10.1016/s1470-2045(19)30123-4.") == "10.1016/s1470-2045(19)30123-4"
    assert find_doi("see https://doi.org/10.1200/JCO.2020.38.15).") == "10.1200/JCO.2020.38.15"
    assert find_doi("[10.1002/cncr.123](https://doi.org/10.1002/cncr.123)") == "10.1002/cncr.123"
    assert clean_doi("10.1186/abc-1>") == "10.1186/abc-1"
    assert find_doi("no identifier here") == ""


def test_first_author_helper() -> None:
    assert first_author("European Sarcoma Group") == "European Sarcoma Group"
    assert first_author("Lee, C. H., Park, J.") == "Lee CH"
    assert first_author("") == ""


def test_parse_reference_keeps_number_and_quote() -> None:
    source = "References\n3. Ito Y. Short. *Cancer* 2001;9:1–2.\n"
    start = source.index("Ito")
    entry = ReferenceEntry(3, source[start:].strip(), start, len(source) - 1, numbered=True)
    ref = parse_reference(entry, "paper.txt", source)
    assert (ref.number, ref.first_author, ref.year, ref.journal) == (3, "Ito Y", 2001, "Cancer")
    assert ref.evidence.quote == source[entry.start:entry.end]
    assert ref.evidence.source_file == "paper.txt"


def test_leading_markers_are_ignored() -> None:
    assert parse_fields("12. Ito Y. Short. *Cancer* 2001;9:1–2.")["first_author"] == "Ito Y"
    assert parse_fields("- Ito Y. Short. *Cancer* 2001;9:1–2.")["first_author"] == "Ito Y"


def test_elsevier_style_with_initials_first_and_the_year_after_the_volume() -> None:
    f = parse_fields("[3] K. Brenner, L.-M. Ortiz, D. Walsh, et al., Trabectedin after anthracyclines in uterine "
                     "leiomyosarcoma, Eur. J. Cancer 141 (2020) 77–85.")
    assert (f["first_author"], f["year"], f["journal"]) == ("K. Brenner", 2020, "Eur. J. Cancer")
    assert f["title"] == "Trabectedin after anthracyclines in uterine leiomyosarcoma"
    g = parse_fields("[4] A. Quist, B. Van der Berg, Nivolumab in rare sarcomas, a pilot, Oncol. Rep. 8 (2019) "
                     "100–8.")
    assert (g["first_author"], g["journal"], g["title"]) == (
        "A. Quist", "Oncol. Rep", "Nivolumab in rare sarcomas, a pilot")


def test_jco_style_with_a_colon_after_the_authors_and_the_year_last() -> None:
    f = parse_fields("Ito S, Moreno L, Park J, et al: Pazopanib in sarcoma: a phase II trial. J Clin Oncol "
                     "38:2201-2209, 2020")
    assert (f["first_author"], f["year"], f["journal"], f["volume"], f["pages"]) == (
        "Ito S", 2020, "J Clin Oncol", "38", "2201-2209")
    assert f["title"] == "Pazopanib in sarcoma: a phase II trial"
    g = parse_fields("Ito S, Moreno L: Pazopanib in sarcoma. J Clin Oncol 38:2201-2209, 2020")
    assert (g["first_author"], g["title"]) == ("Ito S", "Pazopanib in sarcoma")


def test_mdpi_style_with_semicolons_and_an_abbreviated_journal() -> None:
    f = parse_fields("Okafor, N.; Lindqvist, P.E. Cabozantinib in rare sarcomas: a basket study. Ann. Oncol. "
                     "2021, 32, 512–524.")
    assert (f["first_author"], f["year"], f["journal"], f["volume"], f["pages"]) == (
        "Okafor N", 2021, "Ann. Oncol", "32", "512–524")
    assert f["title"] == "Cabozantinib in rare sarcomas: a basket study"


def test_initials_before_a_surname_do_not_change_the_work_key() -> None:
    assert surname_key("K. Brenner") == surname_key("Brenner K") == "brenner"
    assert surname_key("L.-M. Ortiz") == "ortiz" and surname_key("LIU Z") == "liu"
