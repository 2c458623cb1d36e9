"""`kg tables`: the contract CSVs, produced by SPARQL over a real on-disk store."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest
from sample_paper import load_samples, sample_records

from kg.core import iris
from kg.query.tables import CONTRACTS, write_tables
from kg.store.canned import load_query
from kg.store.kg_store import KgStore

CONTRACT_COLUMNS = {
    "outcomes.csv": "source_file,doi,scope,ref,population,subgroup,regimen,endpoint,timepoint,value,unit,"
                    "ci_low,ci_high,n,p_value,quote,char_start,char_end,claim",
    "adverse_events.csv": "source_file,doi,term,grade,n,percent,regimen,quote",
    "entities.csv": "source_file,type,key,label,surface,count",
    "references.csv": "source_file,number,first_author,year,journal,doi,title,work",
    "studies.csv": "source_file,doi,title,journal,year,design,phase,registration,n_enrolled,n_evaluable,"
                   "population,regimen,data_cutoff,median_followup",
}


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture
def tables(tmp_path: Path) -> Path:
    records = sample_records()
    pooled = dataclasses.replace(records.outcomes[0], population=("CCS", "ASPS", "ASPS"), value="25.0")
    records.outcomes.append(pooled)
    with KgStore.open(tmp_path / "store") as store:
        load_samples(store, [records, sample_records("second.txt", doi="")])
    with KgStore.open(tmp_path / "store", read_only=True) as store:
        write_tables(store, tmp_path / "out")
    return tmp_path / "out"


def test_columns_exactly_per_contract(tables: Path) -> None:
    assert {f"{name}.csv" for name in CONTRACTS} == set(CONTRACT_COLUMNS)
    for name, header in CONTRACT_COLUMNS.items():
        columns, rows = _read(tables / name)
        assert ",".join(columns) == header, name
        assert rows, name
        raw = (tables / name).read_bytes()
        assert raw.decode("utf-8").startswith(header + "\n")


def test_outcomes_rows(tables: Path) -> None:
    _, rows = _read(tables / "outcomes.csv")
    paper = [r for r in rows if r["source_file"] == "sample_paper.txt"]
    assert len(paper) == 4
    orr = next(r for r in paper if r["value"] == "40.0")
    assert orr == {
        "source_file": "sample_paper.txt", "doi": "10.9999/sample.2024.001", "scope": "primary", "ref": "",
        "population": "ASPS", "subgroup": "all patients", "regimen": "demolimab + exampletinib",
        "endpoint": "ORR", "timepoint": "", "value": "40.0", "unit": "%", "ci_low": "22.7", "ci_high": "59.4",
        "n": "30", "p_value": "", "char_start": orr["char_start"], "char_end": orr["char_end"],
        "claim": orr["claim"],
        "quote": "Among 30 patients with ASPS, the ORR was 40.0% (95% CI: 22.7-59.4) with exampletinib "
                 "plus demolimab.",
    }
    start, end = int(orr["char_start"]), int(orr["char_end"])
    assert end - start == len(orr["quote"])
    cited = next(r for r in paper if r["scope"] == "cited")
    assert (cited["ref"], cited["value"], cited["regimen"]) == ("2,3", "37", "demolimab")
    assert next(r for r in paper if r["value"] == "NR")["endpoint"] == "PFS_median"
    assert next(r for r in paper if r["value"] == "25.0")["population"] == "ASPS|CCS"
    second = [r for r in rows if r["source_file"] == "second.txt"]
    assert len(second) == 3 and all(r["doi"] == "" for r in second)
    # the same cited result from two papers is one claim; each paper's own result is its own
    second_cited = next(r for r in second if r["scope"] == "cited")
    assert second_cited["claim"] == cited["claim"] != ""
    assert next(r for r in second if r["value"] == "40.0")["claim"] != orr["claim"]


def test_other_tables(tables: Path) -> None:
    _, entities = _read(tables / "entities.csv")
    drug = next(r for r in entities if r["source_file"] == "sample_paper.txt" and r["key"] == "exampletinib")
    assert (drug["type"], drug["label"], drug["surface"], drug["count"]) == (
        "drug", "Exampletinib", "Exampletinib | exampletinib", "2")
    _, refs = _read(tables / "references.csv")
    paper_refs = [r for r in refs if r["source_file"] == "sample_paper.txt"]
    assert [r["number"] for r in paper_refs] == ["1", "2", "3"]
    assert paper_refs[1]["work"] == str(iris.work_iri("", "Smith A", 2019, "Demolimab in ASPS"))
    assert paper_refs[1]["doi"] == "10.1000/XYZ.123"
    assert (paper_refs[0]["first_author"], paper_refs[0]["year"]) == ("Doe J", "2020")
    shared = {r["work"] for r in refs if r["number"] == "1"}
    assert len(shared) == 1  # the same cited work in both papers is one node
    _, studies = _read(tables / "studies.csv")
    assert [s["source_file"] for s in studies] == ["sample_paper.txt", "second.txt"]
    assert (studies[0]["population"], studies[0]["regimen"], studies[0]["n_enrolled"]) == (
        "ASPS", "demolimab + exampletinib", "30")
    _, aes = _read(tables / "adverse_events.csv")
    any_grade = next(r for r in aes if r["source_file"] == "sample_paper.txt" and r["grade"] == "any")
    assert (any_grade["term"], any_grade["n"], any_grade["percent"]) == ("Hypertension", "12", "40.0")
    assert any_grade["quote"] == "Table 3\tHypertension\t12 (40.0)\t2 (6.7)"


def test_empty_store_gives_header_only_files(tmp_path: Path) -> None:
    with KgStore.open(tmp_path / "store") as store:
        counts = write_tables(store, tmp_path / "out")
    assert set(counts.values()) == {0}
    for name, header in CONTRACT_COLUMNS.items():
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == header + "\n"


def test_every_canned_query_runs(tmp_path: Path) -> None:
    from kg.store.canned import describe, load_query, query_names

    with KgStore.open(tmp_path / "store") as store:
        load_samples(store, [sample_records(), sample_records("second.txt", doi="")])
        for name in query_names():
            text = load_query(name)
            assert describe(text), f"{name}.rq has no header line"
            store.select(text)
        shared = store.select(load_query("shared_citations")).records()
        work = str(iris.work_iri("10.1000/XYZ.123", "Smith A", 2019, "Demolimab in ASPS"))
        assert {(r["work"], r["papers"]) for r in shared} >= {(work, "2")}
        aes = store.select(load_query("adverse_events_by_drug"), {"drug": "exampletinib", "grade": "3-4"})
        assert {(r["term"], r["n"]) for r in aes.records()} == {("Hypertension", "2")}


def test_outcomes_table_keeps_the_contract_endpoints_and_the_graph_keeps_the_rest(tmp_path: Path) -> None:
    records = sample_records()
    beyond = dataclasses.replace(records.outcomes[0], endpoint="TTP_median", value="3.9", unit="months")
    records.outcomes.append(beyond)
    with KgStore.open(tmp_path / "store") as store:
        load_samples(store, [records])
    with KgStore.open(tmp_path / "store", read_only=True) as store:
        write_tables(store, tmp_path / "out")
        in_graph = store.select(load_query("outcomes"), {"endpoint": "TTP_median"}).records()
    _, rows = _read(tmp_path / "out" / "outcomes.csv")
    assert rows and not any(r["endpoint"] == "TTP_median" for r in rows)
    assert [r["value"] for r in in_graph] == ["3.9"]


def test_tables_written_a_few_papers_at_a_time_are_those_of_one_query_over_the_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.query.tables import table

    papers = [sample_records(f"{name}.txt", doi="") for name in ("c", "a", "d", "b")]
    with KgStore.open(tmp_path / "store") as store:
        load_samples(store, papers)
        whole = {name: table(store, name) for name in CONTRACTS}
        heard: list[tuple[str, int, int]] = []
        monkeypatch.setattr("kg.query.tables.TABLE_CHUNK_FILES", 3)  # chunks of 3 and 1 papers
        counts = write_tables(store, tmp_path / "out", lambda *step: heard.append(step))
    assert heard == [(name, done, 4) for name in CONTRACTS for done in (3, 4)]
    for name, frame in whole.items():
        assert counts[name] == len(frame) > 0
        _, rows = _read(tmp_path / "out" / f"{name}.csv")
        assert [list(row.values()) for row in rows] == frame.astype(str).values.tolist(), name
        files = [row["source_file"] for row in rows]
        assert files == sorted(files) and set(files) == {"a.txt", "b.txt", "c.txt", "d.txt"}, name
