"""One reading of DOIs, months and surnames for the readers, the extractors and the graph
(corpus/bibliographic.py); where the former copies disagreed, the tests below pin the behaviour kept."""

from __future__ import annotations

import re

import pytest

from corpus import parse
from corpus.bibliographic import MONTH, PARTICLES, cited_surname, clean_doi, surname_key, surname_words
from corpus.metadata import find_doi as find_article_doi
from extractors.extract import extract
from extractors.outcomes import extract_outcomes
from extractors.references import find_doi as find_reference_doi
from kg.core import iris
from ontology.lexicon import load_lexicon


@pytest.mark.parametrize(("printed", "doi"), [
    ("10.1000/abc.12.", "10.1000/abc.12"),
    ("10.1000/abc.12);", "10.1000/abc.12"),
    ("10.1016/S1470-2045(21)00001-2", "10.1016/S1470-2045(21)00001-2"),  # its own brackets stay
    ("10.1000/abc.12](https://doi.org/10.1000/abc.12)", "10.1000/abc.12"),  # a markdown link
    ("10.1000/abc.12/full", "10.1000/abc.12"),  # a publisher's landing page
    ("10.1000/abc.12/pdf?download=true", "10.1000/abc.12"),
    ("10.1000/abc.12”", "10.1000/abc.12"),  # a closing curly quote
    ("10.1000/abc.12]", "10.1000/abc.12"),
    ("*10.1000/abc.12*", "10.1000/abc.12"),
])
def test_clean_doi(printed: str, doi: str) -> None:
    assert clean_doi(printed) == doi


def test_the_article_and_its_references_clean_a_doi_alike() -> None:
    """The former reference cleaner kept landing-page paths and curly quotes; the article's kept neither."""
    printed = "https://doi.org/10.1000/abc.12/full”"
    assert find_reference_doi(f"Doe J. A trial. J Test. 2020;1:1-2. {printed}") == "10.1000/abc.12"
    assert find_article_doi(f"Title\ndoi: {printed}\n", None) == "10.1000/abc.12"


def test_month_names_full_abbreviated_and_dotted() -> None:
    month = re.compile(rf"^{MONTH}$")
    assert all(month.match(m) for m in ("Sept.", "September", "Sep", "Jan.", "December"))
    assert not month.match("Monday")


def test_particles_are_lower_case_words() -> None:
    assert {"van", "von", "de", "der", "la", "al"} <= PARTICLES
    assert all(p == p.lower() for p in PARTICLES)


@pytest.mark.parametrize(("author", "words", "key", "cited"), [
    ("von Mehren M", ["von", "Mehren"], "vonmehren", "mehren"),
    ("van der Graaf WTA", ["van", "der", "Graaf"], "vandergraaf", "graaf"),
    ("Liu, Z.", ["Liu"], "liu", "liu"),
    ("Blay J-Y", ["Blay"], "blay", "blay"),
    ("Martín-Broto J", ["Martín-Broto"], "martinbroto", "martín-broto"),
    ("LE Y", ["LE"], "le", "le"),  # a particle alone is the surname
    ("Chen, A.P., Sharon, E.", ["Chen"], "chen", "chen"),  # the first author, not the last one listed
])
def test_surname_readings(author: str, words: list[str], key: str, cited: str) -> None:
    assert surname_words(author) == words
    assert surname_key(author) == key
    assert cited_surname(author) == cited


def test_work_iris_key_the_whole_surname_with_its_particles() -> None:
    """Work IRIs keep the particle ("vonmehren"): two authors "von Berg" and "Berg" stay two works."""
    title = "Eribulin in sarcoma"
    assert iris.work_iri("", "von Mehren M", 2020, title) == iris.work_iri("", "von Mehren MA", 2020, title)
    assert iris.work_iri("", "von Mehren M", 2020, title) != iris.work_iri("", "Mehren M", 2020, title)


def test_an_et_al_mention_meets_a_first_author_with_particles() -> None:
    """"Van den Hoek et al." names the reference whose first author is "van den Hoek R"."""
    text = (
        "Eribulin in advanced leiomyosarcoma: a retrospective study\n\n"
        "Abstract\n\nBackground We studied eribulin in leiomyosarcoma.\n\n"
        "Discussion\n\nVan den Hoek et al. reported an ORR of 22% with eribulin.\n\n"
        "References\n\n"
        "1. Brown A, Green B. Sunitinib in sarcoma. Lancet Oncol. 2019;20:100-9.\n"
        "2. van den Hoek R, Ito K. Eribulin in sarcoma. Eur J Cancer. 2021;50:10-9.\n"
    )
    doc = parse(text, "particles.txt")
    records = extract(doc)
    claims = extract_outcomes(doc, load_lexicon(), records.mentions, records.citations, records.references,
                              records.study)
    (claim,) = [c for c in claims if c.endpoint == "ORR"]
    assert (claim.scope, claim.refs) == ("cited", (2,))
