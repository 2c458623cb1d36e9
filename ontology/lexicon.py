"""The lexicon: general vocabulary of sarcoma therapy, shipped as TSV files in `lexicon/`.

Each file is one concept type; columns (TAB-separated, header row, `|` separates list items):

    key        lowercase INN / class token / target symbol / subtype code / endpoint code / AE key
    label      preferred label
    synonyms   other surface forms: abbreviations, code names, brand names, misspellings
    parents    subtype -> parent subtype codes; drug -> drug class keys; drug_class -> parent classes
    targets    drug -> target symbols (empty for other types)
    xrefs      CURIEs of public identifiers (e.g. NCIT:C1234), verified only; may be empty
    source     where the xrefs were verified
    note       free text for curators

A surface form matches case-sensitively when it is a short abbreviation with capitals
("AS", "SS", "ES" are subtypes; "as", "es" are English), otherwise case-insensitively.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

CONCEPT_FILES = {
    "drug": "drugs.tsv",
    "drug_class": "drug_classes.tsv",
    "target": "targets.tsv",
    "subtype": "subtypes.tsv",
    "endpoint": "endpoints.tsv",
    "adverse_event": "adverse_events.tsv",
    "biomarker": "biomarkers.tsv",
}
COLUMNS = ("key", "label", "synonyms", "parents", "targets", "xrefs", "source", "note")
CASE_SENSITIVE_MAX_LEN = 6


class LexiconError(ValueError):
    """A lexicon file is malformed (names the file and the row)."""


@dataclass(frozen=True)
class Concept:
    type: str
    key: str
    label: str
    synonyms: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    source: str = ""

    def surface_forms(self) -> Iterator[tuple[str, bool]]:
        """Yield (form, case_sensitive) for the label and every synonym, once each."""
        seen: set[str] = set()
        for form in (self.label, *self.synonyms):
            form = form.strip()
            if not form or form in seen:
                continue
            seen.add(form)
            yield form, is_case_sensitive(form)


def is_case_sensitive(form: str) -> bool:
    """Short forms with capitals are abbreviations and must match exactly ("AS" but not "as")."""
    return len(form) <= CASE_SENSITIVE_MAX_LEN and any(c.isupper() for c in form)


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-"})
"""Hyphen, non-breaking hyphen, figure dash and en dash join words alike ("hand–foot syndrome")."""


def fold(text: str) -> str:
    """A name as the lexicon indexes it: case-folded, word-joining dashes as "-", runs of white space as one
    space. The TSV files list each name once, with a plain hyphen."""
    return " ".join(text.casefold().translate(_DASHES).split())


class Lexicon:
    def __init__(self, concepts: list[Concept]) -> None:
        self._by_key: dict[tuple[str, str], Concept] = {}
        for concept in concepts:
            self._by_key[(concept.type, concept.key)] = concept
        self._forms: dict[str, dict[str, str]] = {}

    def __len__(self) -> int:
        return len(self._by_key)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self._by_key.values())

    def get(self, type_: str, key: str) -> Concept | None:
        return self._by_key.get((type_, key))

    def of_type(self, type_: str) -> list[Concept]:
        return [c for c in self._by_key.values() if c.type == type_]

    def forms(self, type_: str) -> dict[str, str]:
        """Every name of the type's concepts (key, label, synonyms), folded with `fold`, -> key;
        a name two concepts share belongs to the first. Built once per type."""
        if type_ not in self._forms:
            index: dict[str, str] = {}
            for concept in self.of_type(type_):
                for form in (concept.key, concept.label, *concept.synonyms):
                    if form:
                        index.setdefault(fold(form), concept.key)
            self._forms[type_] = index
        return self._forms[type_]

    def subtype_descendants(self, code: str) -> set[str]:
        """`code` and every subtype below it in the hierarchy."""
        children: dict[str, set[str]] = {}
        for concept in self.of_type("subtype"):
            for parent in concept.parents:
                children.setdefault(parent, set()).add(concept.key)
        found, stack = {code}, [code]
        while stack:
            for child in children.get(stack.pop(), ()):
                if child not in found:
                    found.add(child)
                    stack.append(child)
        return found


def read_concepts(type_: str, filename: str, text: str) -> list[Concept]:
    """Parse one lexicon TSV; raises LexiconError naming the file and row on bad data."""
    reader = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in ("key", "label") if c not in (reader.fieldnames or [])]
    if missing:
        raise LexiconError(f"{filename}: missing columns {missing}")
    concepts = []
    seen: set[str] = set()
    for line_no, row in enumerate(reader, start=2):
        key, label = (row.get("key") or "").strip(), (row.get("label") or "").strip()
        if not key or not label:
            raise LexiconError(f"{filename}:{line_no}: a row needs both key and label")
        if row.get(None):
            raise LexiconError(f"{filename}:{line_no}: more cells than header columns (stray TAB?)")
        if key in seen:
            raise LexiconError(f"{filename}:{line_no}: duplicate key {key!r}")
        seen.add(key)
        concepts.append(
            Concept(
                type=type_,
                key=key,
                label=label,
                synonyms=_split(row.get("synonyms")),
                parents=_split(row.get("parents")),
                targets=_split(row.get("targets")),
                xrefs=_split(row.get("xrefs")),
                source=(row.get("source") or "").strip(),
            )
        )
    return concepts


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load every lexicon file shipped in the package (cached)."""
    folder = resources.files("ontology") / "lexicon"
    concepts: list[Concept] = []
    for type_, filename in CONCEPT_FILES.items():
        entry = folder / filename
        if entry.is_file():
            concepts.extend(read_concepts(type_, filename, entry.read_text(encoding="utf-8")))
    return Lexicon(concepts)
