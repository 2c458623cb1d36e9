"""PubMed exports in MEDLINE text format (.nbib): one paper per record, read like the XML export."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import CorpusError, paper_files, read_documents

EXPORT = """PMID- 90000011
OWN - NLM
STAT- Publisher
DP  - 2024 Mar 12
TI  - Velotinib in relapsed Ewing sarcoma: a multicentre phase II
      trial.
LID - 10.5555/velo.2024.11 [doi]
AB  - BACKGROUND: Relapsed Ewing sarcoma has no standard therapy. METHODS: Adults took
      velotinib daily. RESULTS: Of 30 evaluable patients, the objective response rate was
      20% (95% CI, 8-39) and median progression-free survival reached 4.4 months.
      CONCLUSIONS: Velotinib is active.
FAU - Quill, Anna B
AU  - Quill AB
FAU - van der Berg, Jan
AU  - van der Berg J
CN  - Rare Bone Tumour Group
LA  - eng
PT  - Clinical Trial, Phase II
PT  - Journal Article
JT  - Bone Oncology Reports
TA  - Bone Onc Rep
MH  - Sarcoma, Ewing/*drug therapy
OT  - velotinib
AID - 10.5555/velo.2024.11 [doi]
AID - S0000-0000(24)00011-1 [pii]
SO  - Bone Onc Rep. 2024;9(2):11-19.

PMID- 90000012
DP  - 2023
TI  - Imatinib rechallenge in desmoid tumours.
AB  - Disease control was achieved in 13 of 18 patients (72%).
AU  - Marsh C
PMC - PMC9000012
"""


def test_each_record_is_a_paper_with_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "export.nbib"
    path.write_text(EXPORT, encoding="utf-8")
    first, second = read_documents(path)
    assert (first.source_file, second.source_file) == ("export.nbib#PMID90000011", "export.nbib#PMID90000012")
    meta = first.metadata
    assert meta.title == "Velotinib in relapsed Ewing sarcoma: a multicentre phase II trial."
    assert (meta.doi, meta.year, meta.journal, meta.source_format) == (
        "10.5555/velo.2024.11", 2024, "Bone Oncology Reports", "medline")
    assert meta.authors == ["Anna B Quill", "Jan van der Berg", "Rare Bone Tumour Group"]
    assert "Clinical Trial, Phase II" in meta.publication_types and "Sarcoma, Ewing/*drug therapy" in meta.keywords
    assert second.metadata.pmcid == "PMC9000012" and second.metadata.authors == ["C Marsh"]
    abstract = next(p for p in first.paragraphs if p.section == "Abstract")
    assert abstract.text.startswith("BACKGROUND: Relapsed") and "evaluable patients, the objective" in abstract.text
    assert first.locate(abstract.start) == "record 1 (PMID 90000011), AB"


def test_the_records_results_are_their_own(tmp_path: Path) -> None:
    from extractors.extract import extract

    path = tmp_path / "pubmed-export.txt"  # PubMed's "Save, Format: PubMed" names it .txt
    path.write_text(EXPORT, encoding="utf-8")
    first, second = (extract(doc) for doc in read_documents(path))
    assert {(o.endpoint, o.value, o.n) for o in first.outcomes} >= {("ORR", "20", 30), ("PFS_median", "4.4", 30)}
    assert [(o.endpoint, o.value) for o in second.outcomes] == [("DCR", "72")]


def test_a_folder_takes_nbib_files_and_a_bad_export_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.nbib").write_text(EXPORT, encoding="utf-8")
    assert [p.name for p in paper_files(tmp_path)] == ["a.nbib"]
    huge = tmp_path / "c.nbib"
    huge.write_text("PMID- 90000013\nAB  - " + "word " * 10 + "\n" + ("      more words\n" * 150_000), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"^c\.nbib: record PMID 90000013 is larger than"):
        list(read_documents(huge))
    latin = tmp_path / "d.nbib"
    latin.write_bytes("PMID- 90000014\nTI  - Caf\u00e9 study.\n".encode("latin-1"))
    with pytest.raises(CorpusError, match=r"^d\.nbib: not UTF-8 text \(invalid byte 0xe9\)"):
        list(read_documents(latin))


def test_the_format_is_told_by_its_first_line() -> None:
    from corpus.formats import sniff_bytes

    assert sniff_bytes(b"\xef\xbb\xbf\nPMID- 90000011\nOWN - NLM\n") == "medline"
    assert sniff_bytes(b"PMID: 90000011 is cited below.") == "text"


def test_a_worker_passes_a_large_export_on_in_parts(tmp_path: Path) -> None:
    from kg.build.pipeline import build_paths
    from kg.build.workers import STREAMED_PAPERS, prepare_all
    from kg.store.kg_store import KgStore
    from ontology.lexicon import load_lexicon

    records = [f"PMID- {90001000 + k}\nTI  - Trial {k} of pazopanib in leiomyosarcoma.\n"
               f"AB  - Of 40 patients, the objective response rate was {10 + k % 30}%.\n" for k in range(40)]
    path = tmp_path / "large.nbib"
    path.write_text("\n".join(records), encoding="utf-8")
    outcomes = list(prepare_all([path], load_lexicon(), jobs=1))
    assert [(len(o.papers), o.partial) for o in outcomes] == [
        (STREAMED_PAPERS, True), (STREAMED_PAPERS, True), (40 - 2 * STREAMED_PAPERS, False)]
    with KgStore.open(tmp_path / "store") as store:
        report = build_paths([path], store, jobs=2)
    assert len(report.built) == 40 and not report.failures and report.store_papers == 40


def test_the_build_table_lists_the_first_papers_of_a_large_export_and_counts_the_rest(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.present.cli import LISTED_PAPERS, app

    records = [f"PMID- {90002000 + k}\nTI  - Trial {k} of eribulin in liposarcoma.\n"
               f"AB  - The objective response rate was {5 + k % 20}%.\n" for k in range(LISTED_PAPERS + 12)]
    path = tmp_path / "export.nbib"
    path.write_text("\n".join(records), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(path), "--store", str(tmp_path / "s"), "--jobs", "0"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("export.nbib#PMID") == LISTED_PAPERS
    assert "... 12 more papers built" in result.stdout
    assert f"{LISTED_PAPERS + 12} in store" in result.stdout
