"""Claims across papers, on small papers written for the test: agreeing statements of a cited
result are one claim with several papers' evidence; disagreeing ones are flagged as conflicting."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build.pipeline import build_paths, remove_papers
from kg.present.cli import app
from kg.store.kg_store import KgStore

runner = CliRunner()
REFERENCE = ("1. Brown A, Green B. Sunitinib in alveolar soft part sarcoma: a phase 2 trial. "
             "Lancet Oncol. 2019;20:100-9.\n")


def paper(title: str, author: str, discussion: str) -> str:
    return (
        f"{title}\n\n{author}¹, Bo Chen²\n\nAbstract\n\n"
        "Background This retrospective study reviewed pazopanib in leiomyosarcoma (LMS).\n\n"
        "Results\n\nA total of 30 patients were included in this study. The median OS was 14.1 months.\n\n"
        f"Discussion\n\n{discussion}\n\nReferences\n\n{REFERENCE}"
    )


PAPERS = {
    "a.txt": paper("Pazopanib in leiomyosarcoma: a cohort", "Ann Smith",
                   "Sunitinib achieved an ORR of 19% in alveolar soft part sarcoma [1]."),
    "b.txt": paper("Pazopanib in leiomyosarcoma: a second cohort", "Carl Jones",
                   "In an earlier trial, sunitinib yielded an ORR of 19% in alveolar soft part sarcoma [1]."),
    "c.txt": paper("Pazopanib in leiomyosarcoma: a third cohort", "Dana Wu",
                   "Sunitinib gave an ORR of 25% in alveolar soft part sarcoma [1]."),
    # one sentence contrasting two results is not two reports of one result
    "d.txt": paper("Pazopanib in leiomyosarcoma: a fourth cohort", "Eve Li",
                   "Sunitinib gave an ORR of 30% in alveolar soft part sarcoma, compared with 10% [1]."),
}


@pytest.fixture(scope="module")
def claims_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("claims")
    for name, text in PAPERS.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "store"
    store = KgStore.open(path)
    try:
        report = build_paths([folder / name for name in PAPERS], store)
    finally:
        store.close()
    assert not report.failures
    return path


def outcome_rows(store: Path) -> list[dict[str, str]]:
    result = runner.invoke(app, ["outcomes", "--endpoint", "ORR", "--subtype", "ASPS", "--scope", "cited",
                                 "--format", "csv", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(result.stdout.splitlines()))


def test_agreeing_papers_state_one_claim(claims_store: Path) -> None:
    rows = {r["value"]: r for r in outcome_rows(claims_store)}
    assert rows["19"]["papers"] == "2" and rows["19"]["cited_work"] == "Brown A 2019"
    assert rows["19"]["source_file"].split("; ") and set(rows["19"]["source_file"].split("; ")) == {"a.txt", "b.txt"}
    assert rows["25"]["papers"] == "1"
    assert rows["19"]["claim"] != rows["25"]["claim"]


def test_disagreeing_statements_are_flagged_with_both_evidences(claims_store: Path) -> None:
    result = runner.invoke(app, ["check", "--store", str(claims_store), "--check", "conflicting_claims",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.stdout.splitlines()))
    # 19% (stated by a and b) against 25% (c) and d's two: one row per measurement and pair
    assert {r["source_file"] for r in rows} == {"a.txt", "b.txt", "c.txt", "d.txt"}
    messages = {r["message"] for r in rows if r["source_file"] == "c.txt"}
    assert "ORR 25 for Brown A 2019; another statement of the same result gives 19" in messages
    for row in rows:  # each with its own sentence
        source = PAPERS[row["source_file"]]
        assert source[int(row["start"]):int(row["end"])] == row["quote"]


def test_conflicts_are_in_the_derived_graph(claims_store: Path) -> None:
    store = KgStore.open(claims_store, read_only=True)
    try:
        pairs = store.select("""SELECT DISTINCT ?va ?vb WHERE {
            GRAPH ?g { ?a skg:conflictsWith ?b } ?a skg:valuePrinted ?va . ?b skg:valuePrinted ?vb }""")
    finally:
        store.close()
    found = {frozenset((a, b)) for a, b in ((r["va"], r["vb"]) for r in pairs.records())}
    # every two values conflict, except d's 30% and 10%: a contrast inside one sentence
    assert found == {frozenset(p) for p in (("19", "25"), ("19", "30"), ("19", "10"), ("25", "30"), ("25", "10"))}


def test_conflicts_are_read_in_the_graphs_of_the_conflicting_claims_alone(claims_store: Path) -> None:
    from kg.query.api import CONFLICTS, conflict_graphs, findings_and_conflicts
    from kg.store.canned import load_query

    with KgStore.open(claims_store, read_only=True) as store:
        graphs = conflict_graphs(store)
        listed = findings_and_conflicts(store, CONFLICTS).records()
        over_every_graph = store.select(load_query("conflicts")).records()
    assert len(graphs) == 4 and all(str(graph).endswith((".txt", ".txt>")) for graph in graphs)
    assert listed == over_every_graph and listed


def test_removing_a_paper_takes_its_conflicts_with_it(tmp_path: Path) -> None:
    for name in ("a.txt", "c.txt"):
        (tmp_path / name).write_text(PAPERS[name], encoding="utf-8")
    store = KgStore.open(tmp_path / "store")
    try:
        build_paths([tmp_path / "a.txt", tmp_path / "c.txt"], store)
        edges = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a skg:conflictsWith ?b } }"
        assert int(store.select(edges).records()[0]["n"]) == 2  # 19% vs 25%, both ways
        remove_papers([tmp_path / "c.txt"], store)
        assert int(store.select(edges).records()[0]["n"]) == 0
    finally:
        store.close()
