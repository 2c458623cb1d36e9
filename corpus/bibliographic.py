"""Bibliographic text shared by the readers, the extractors and the graph: DOIs as printed, month
names, the particles of surnames ("van", "von", "de") and surname keys.

One copy of each rule, so that the article's own DOI and a reference's DOI are cleaned alike, and a
reference's first author meets a "von Mehren et al." mention and a work IRI by one reading of names.
"""

from __future__ import annotations

import re
import unicodedata

MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
"""An English month name, full or abbreviated ("Sept.", "September", "Sep")."""

PARTICLES = frozenset({"van", "von", "de", "der", "den", "del", "della", "di", "da", "dos", "du", "la", "le", "ten",
                       "ter", "al", "el", "bin", "ibn", "mac", "st"})
"""Lower-case words that open or join a surname ("van der Graaf", "de la Cruz", "al Hamdan")."""

_LANDING_SUFFIX_RE = re.compile(
    r"(?:[#?].*|/(?:full|abstract|pdf|epdf|fulltext|figures?|tables?|MediaObjects|suppl(?:ementary)?[-_\w]*)(?:/.*)?)$",
    re.I,
)
_DOI_TRAILING = ".,;:]>*'\"”’"
_INITIALS_RE = re.compile(r"[A-Z][A-Z.\-]{0,3}\.?")
_DOTTED_INITIALS_RE = re.compile(r"(?:[A-Z]\.-?)+")


def clean_doi(raw: str) -> str:
    """A DOI as printed -> the DOI: no markdown link tail, publisher landing-page path ("/full",
    "/pdf", "?...", "#..."), trailing punctuation, quotes or closing brackets it does not open."""
    doi, before = raw.split("](")[0].strip("*"), ""  # "[10.1/x](https://doi.org/10.1/x)"
    while doi != before:  # "/full”" and "/pdf?download=1" come off in turns
        before = doi
        while doi and (doi[-1] in _DOI_TRAILING or (doi.endswith(")") and doi.count(")") > doi.count("("))):
            doi = doi[:-1]
        doi = _LANDING_SUFFIX_RE.sub("", doi)
    return doi


def surname_words(author: str) -> list[str]:
    """The words of an author's surname, initials dropped: "von Mehren M" -> ["von", "Mehren"];
    "Liu, Z." -> ["Liu"]; "Blay J-Y" -> ["Blay"]; "Chen, A.P., Sharon, E." -> ["Chen"];
    "P. Östberg" -> ["Östberg"]."""
    words = author.split(",")[0].split()
    while len(words) > 1 and _INITIALS_RE.fullmatch(words[-1]):
        words.pop()
    while len(words) > 1 and _DOTTED_INITIALS_RE.fullmatch(words[0]):
        words.pop(0)  # "P. Östberg", "J.-Y. Roux": initials first, with their stops
    return words


def surname_key(author: str) -> str:
    """The whole surname, particles kept, as one ASCII key: "von Mehren M" -> "vonmehren",
    "Martín-Broto J" -> "martinbroto". Work IRIs are keyed on it."""
    text = unicodedata.normalize("NFKD", " ".join(surname_words(author))).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", text)


def cited_surname(author: str) -> str:
    """The surname as a "X et al." mention prints it, lower-cased: its last capitalised word, particles
    and initials dropped: "von Mehren M" -> "mehren", "van der Graaf WTA" -> "graaf", "Liu Z" -> "liu"."""
    words = surname_words(author)
    named = [word for word in words if word.lower() not in PARTICLES] or words
    return named[-1].lower() if named else ""
