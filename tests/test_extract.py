"""extract(): the whole pipeline on an invented Document, then on the shared corpus against the gold."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest

from corpus.document import Cell, Document, Figure, Metadata, Paragraph, ReferenceEntry, Section, Table
from extractors.extract import extract
from extractors.pipeline import build_nlp
from extractors.records import PaperRecords
from ontology.lexicon import Concept, Lexicon

GOLD_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "gold"

LEXICON = Lexicon([
    Concept("drug", "zanotinib", "zanotinib", synonyms=("ZN-4411",)),
    Concept("drug", "belmolimab", "belmolimab"),
    Concept("subtype", "AS", "angiosarcoma", synonyms=("AS",)),
    Concept("subtype", "STS", "soft tissue sarcoma", synonyms=("STS",)),
    Concept("endpoint", "ORR", "objective response rate", synonyms=("ORR",)),
    Concept("adverse_event", "hypertension", "hypertension"),
])


def invented_document() -> Document:
    title = "Zanotinib in advanced soft tissue sarcoma"
    body = ("Patients with advanced STS (aSTS) received zanotinib [1]. The ORR in aSTS was 30% (n = 12, 40.0%) "
            "as in the HARBOR trial (NCT05123456) [2].")
    caption = "Adverse events with belmolimab"
    text = f"{title}\n\nResults\n\n{body}\n\nTable 1 {caption}\nHypertension\t3 (25)\n\nFig. 1 ORR in AS\n\n" \
           "References\n\n1. Ito Y. Short. *Cancer* 2001;9:1–2.\n2. Ng A. Other. *Cancer* 2002;10:3–4.\n"
    t0, b0 = text.index(title), text.index(body)
    c0, h0 = text.index(caption), text.index("Hypertension")
    f0 = text.index("ORR in AS")
    r1, r2 = text.index("Ito Y."), text.index("Ng A.")
    cells = ((Cell("Hypertension", h0, h0 + 12), Cell("3 (25)", h0 + 13, h0 + 19)),)
    table = Table("Table 1", caption, c0 - 8, h0 + 19, "Results", (), cells, caption_start=c0,
                  caption_end=c0 + len(caption))
    figure = Figure("Fig. 1", "ORR in AS", f0 - 7, f0 + 9, caption_start=f0, caption_end=f0 + 9)
    refs = [ReferenceEntry(1, text[r1:text.index("\n", r1)], r1, text.index("\n", r1), True),
            ReferenceEntry(2, text[r2:text.index("\n", r2)], r2, text.index("\n", r2), True)]
    return Document(
        path=Path("/tmp/invented.txt"),
        text=text,
        metadata=Metadata(title=title),
        sections=[Section("Results", text.index("Results"), len(text), kind="results")],
        paragraphs=[Paragraph(title, t0, t0 + len(title), "", kind="title"),
                    Paragraph(body, b0, b0 + len(body), "Results")],
        tables=[table],
        figures=[figure],
        references=refs,
    )


@pytest.fixture(scope="module")
def invented() -> PaperRecords:
    return extract(invented_document(), LEXICON)


def test_mentions_from_paragraphs_tables_and_captions(invented: PaperRecords) -> None:
    found = [(m.type, m.key, m.surface) for m in invented.mentions]
    assert ("drug", "zanotinib", "Zanotinib") in found  # title
    assert found.count(("subtype", "STS", "aSTS")) == 2  # the paper's own abbreviation
    assert ("trial_id", "HARBOR", "HARBOR") in found and ("trial_id", "NCT05123456", "NCT05123456") in found
    assert ("drug", "belmolimab", "belmolimab") in found  # table caption
    assert ("adverse_event", "hypertension", "Hypertension") in found  # table cell
    assert ("subtype", "AS", "AS") in found  # figure caption
    assert next(m for m in invented.mentions if m.key == "zanotinib").label == "zanotinib"


def test_mention_evidence_points_at_the_mention(invented: PaperRecords) -> None:
    text = invented_document().text
    for mention in invented.mentions:
        ev = mention.evidence
        assert text[ev.start:ev.end] == ev.quote == mention.surface
        assert ev.source_file == "invented.txt"


def test_citations_references_and_study(invented: PaperRecords) -> None:
    assert [(c.surface, c.numbers) for c in invented.citations] == [("[1]", (1,)), ("[2]", (2,))]
    text = invented_document().text
    for cite in invented.citations:
        assert text[cite.start:cite.end] == cite.surface
        assert cite.sentence.start <= cite.start < cite.end <= cite.sentence.end
        assert text[cite.sentence.start:cite.sentence.end] == cite.sentence.quote
    assert [(r.number, r.first_author, r.year) for r in invented.references] == [(1, "Ito Y", 2001), (2, "Ng A", 2002)]
    assert invented.study.population == "STS" and invented.study.regimen == ("zanotinib",)
    assert invented.problems == []


def test_problems_are_reported_not_raised() -> None:
    doc = invented_document()
    doc.paragraphs.append(Paragraph("text that is not in the source", 5, 35, "Results"))
    end = len(doc.text)
    doc.references.append(ReferenceEntry(3, "Untitled fragment", end - 5, end, True))
    records = extract(doc, LEXICON)
    messages = " | ".join(p.message for p in records.problems)
    assert "not found in the source text" in messages
    assert "reference 3" in messages
    assert len(records.references) == 3


# -- the shared corpus, scored against the gold (tests only ever read the gold) ----------------------


def _gold(name: str) -> list[dict[str, str]]:
    path = GOLD_DIR / name
    if not path.is_file():
        pytest.skip(f"gold file {path} not found")
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _surname(name: str) -> str:
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]", "", name.split(",")[0].split()[0] if name.split() else "")


@pytest.fixture(scope="module")
def corpus_records(corpus_files: list[Path]) -> dict[str, PaperRecords]:
    from corpus import read

    build_nlp()
    return {path.name[:3]: extract(read(path)) for path in corpus_files}


def test_every_reference_entry_is_parsed(corpus_records: dict[str, PaperRecords]) -> None:
    gold = _gold("references.tsv")
    for paper, records in corpus_records.items():
        expected = sum(1 for row in gold if row["paper"] == paper)
        assert len(records.references) == expected, paper
        assert [r.number for r in records.references] == list(range(1, expected + 1))


def test_first_author_year_and_doi_match_the_gold(corpus_records: dict[str, PaperRecords]) -> None:
    gold = _gold("references.tsv")
    total = authors = years = 0
    for row in gold:
        records = corpus_records.get(row["paper"])
        if records is None:
            continue
        ref = records.references[int(row["ref_number"]) - 1]
        total += 1
        authors += _surname(ref.first_author) == _surname(row["first_author_surname"])
        years += str(ref.year) == row["year"]
        if row["doi"]:
            assert ref.doi.lower() == row["doi"].lower(), (row["paper"], row["ref_number"])
    assert total and authors / total >= 0.97 and years / total >= 0.97


def test_entity_recall_against_the_gold(corpus_records: dict[str, PaperRecords]) -> None:
    aliases = {"tqb2450": "benmelstobart", "carrilzumab": "camrelizumab", "triprolizumab": "toripalimab"}
    groups = {"NONASPS", "OTHERS", "PSS"}

    def key(kind: str, value: str) -> str:
        if kind == "drug":
            return aliases.get(value.lower(), value.lower())
        if kind == "subtype":
            return {"FBS": "MFS"}.get(value.upper(), value.upper())
        return value.upper().replace("-", "")

    gold = {(r["paper"], r["type"], key(r["type"], r["normalized"])) for r in _gold("entities.tsv")
            if r["type"] in ("drug", "subtype", "target", "trial_id") and r["paper"] in corpus_records}
    gold = {g for g in gold if not (g[1] == "subtype" and g[2] in groups)}
    found = {(paper, m.type, key(m.type, m.key)) for paper, records in corpus_records.items()
             for m in records.mentions}
    missed = sorted(gold - found)
    assert len(missed) <= len(gold) // 20, missed


def test_study_facts_against_the_gold(corpus_records: dict[str, PaperRecords]) -> None:
    for row in _gold("study.tsv"):
        records = corpus_records.get(row["paper"])
        if records is None:
            continue
        study = records.study
        assert study.n_enrolled == int(row["n_enrolled"]), row["paper"]
        assert study.n_evaluable == int(row["n_evaluable"]), row["paper"]
        assert study.data_cutoff == row["data_cutoff"].split()[0], row["paper"]
        assert (study.registration or "") == row["registration_id"], row["paper"]
        assert study.median_followup.split()[0] == row["median_followup"].split()[0], row["paper"]


def test_corpus_evidence_offsets_are_exact(corpus_records: dict[str, PaperRecords], corpus_files: list[Path]) -> None:
    for path in corpus_files:
        text = path.read_text(encoding="utf-8")
        records = corpus_records[path.name[:3]]
        assert records.mentions and records.citations
        for mention in records.mentions:
            assert text[mention.evidence.start:mention.evidence.end] == mention.evidence.quote
        for cite in records.citations:
            assert text[cite.start:cite.end] == cite.surface
            assert max(cite.numbers) <= len(records.references)
