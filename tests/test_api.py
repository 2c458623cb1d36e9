"""The Python API: `from kg import KnowledgeGraph` over a store built from the shared papers."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from kg import KnowledgeGraph
from kg.build.pipeline import build_paths
from kg.core.errors import InputError, QueryError, StoreError
from kg.present.cli import app
from kg.store.kg_store import KgStore

runner = CliRunner()


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory, corpus_files: list[Path]) -> Path:
    path = tmp_path_factory.mktemp("api") / "store"
    with KgStore.open(path) as store:
        report = build_paths(corpus_files, store)
    assert report.built and not report.failures
    return path


@pytest.fixture()
def graph(built_store: Path) -> Iterator[KnowledgeGraph]:
    with KnowledgeGraph.open(built_store) as opened:
        yield opened


def test_import_kg_is_light() -> None:
    code = ("import sys, kg; heavy = [m for m in ('pyoxigraph', 'rdflib', 'pandas', 'spacy') if m in sys.modules];"
            "assert not heavy, heavy; assert kg.KnowledgeGraph.__name__ == 'KnowledgeGraph'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_outcomes_answers_the_canonical_question(graph: KnowledgeGraph) -> None:
    frame = graph.outcomes(endpoint="ORR", subtype="ASPS", min=30)
    assert isinstance(frame, pd.DataFrame)
    top = frame[frame["value"] == "82.1"]
    assert not top.empty and set(top["regimen"]) == {"anlotinib + benmelstobart"}
    assert set(frame["subtype"]) == {"ASPS"} and set(frame["endpoint"]) == {"ORR"}
    assert all(float(v) >= 30 for v in frame["value"])
    # names resolve as in the CLI; bounds and scope narrow the rows
    assert graph.outcomes(endpoint="objective response rate", subtype="alveolar soft part sarcoma",
                          min=30).equals(frame)
    assert set(graph.outcomes(endpoint="ORR", subtype="ASPS", min=82, max=83)["value"]) == {"82.1"}
    assert set(graph.outcomes(endpoint="ORR", subtype="ASPS", min=30, scope="primary")["scope"]) == {"primary"}
    assert set(graph.outcomes(endpoint="ORR", subtype="ASPS", regimen="benmelstobart")["regimen"]) == {
        "anlotinib + benmelstobart"}


def test_outcomes_has_the_rows_and_columns_of_kg_outcomes(graph: KnowledgeGraph, built_store: Path) -> None:
    result = runner.invoke(app, ["outcomes", "--endpoint", "ORR", "--subtype", "ASPS", "--min", "30",
                                 "--format", "csv", "--store", str(built_store)])
    assert result.exit_code == 0, result.output
    cli = list(csv.DictReader(result.stdout.splitlines()))
    frame = graph.outcomes(endpoint="ORR", subtype="ASPS", min=30)
    assert list(frame.columns) == list(cli[0])
    assert frame.to_dict("records") == cli


def test_outcomes_rejects_bad_arguments(graph: KnowledgeGraph) -> None:
    with pytest.raises(InputError, match="scope"):
        graph.outcomes(scope="everything")
    with pytest.raises(InputError, match="endpoint"):
        graph.outcomes(endpoint="no such endpoint")
    with pytest.raises(InputError, match="number"):
        graph.outcomes(endpoint="ORR", min="thirty")


def test_adverse_events(graph: KnowledgeGraph) -> None:
    frame = graph.adverse_events()
    assert list(frame.columns) == ["source_file", "doi", "term", "grade", "n", "percent", "regimen", "quote"]
    assert len(frame) > 0
    hypertension = graph.adverse_events(term="HYPERTENSION")
    assert not hypertension.empty and set(hypertension["term"].str.lower()) == {"hypertension"}
    severe = graph.adverse_events(grade="3-4")
    assert not severe.empty and set(severe["grade"]) == {"3-4"}
    anlotinib = graph.adverse_events(regimen="anlotinib")
    assert not anlotinib.empty and all("anlotinib" in r.split(" + ") for r in anlotinib["regimen"])


def test_sparql_with_params(graph: KnowledgeGraph, tmp_path: Path) -> None:
    frame = graph.sparql("outcomes_by_subtype", endpoint="ORR", subtype="ASPS")
    assert "82.1" in set(frame["value"]) and set(frame["endpoint"]) == {"ORR"}
    rq = tmp_path / "sources.rq"
    rq.write_text("SELECT DISTINCT ?source_file WHERE { ?p skg:sourceFile ?source_file }", encoding="utf-8")
    frame = graph.sparql(rq, source_file="004_2ec38712c458bf8b.txt")
    assert frame["source_file"].tolist() == ["004_2ec38712c458bf8b.txt"]
    assert graph.sparql(str(rq), source_file="nope.txt").empty
    assert graph.sparql("ASK { ?s skg:sourceFile ?f }") is True
    triples = graph.sparql("CONSTRUCT { ?p skg:sourceFile ?f } WHERE { ?p skg:sourceFile ?f }")
    assert list(triples.columns) == ["subject", "predicate", "object"] and len(triples) >= 3
    with pytest.raises(QueryError):
        graph.sparql("SELECT WHERE {")


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at .*run `kg build` first"):
        KnowledgeGraph.open(tmp_path / "missing")


def test_open_is_read_only_and_closes(built_store: Path) -> None:
    graph = KnowledgeGraph.open(built_store)
    assert graph.store.read_only and len(graph) > 0
    graph.close()
    with pytest.raises(StoreError, match="closed"):
        graph.outcomes()


def test_view_delegates(graph: KnowledgeGraph, tmp_path: Path) -> None:
    everything = graph.view(tmp_path / "view.html")
    assert (tmp_path / "view.html").is_file() and everything.nodes > 0
    # names resolve as on the command line; the filter narrows the outcome claims drawn
    asps = graph.view(tmp_path / "asps.html", subtype="alveolar soft part sarcoma", endpoint="ORR", min=30)
    assert 0 < asps.outcomes < everything.outcomes


def test_plot_delegates(graph: KnowledgeGraph, tmp_path: Path) -> None:
    summary = graph.plot("orr", "ASPS", tmp_path / "orr.png", min=30)
    assert (tmp_path / "orr.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and summary.plotted > 0


def test_findings(graph: KnowledgeGraph) -> None:
    findings = graph.findings()
    assert {"check", "message", "quote", "start", "end", "source_file"} <= set(findings.columns)
    assert set(graph.findings(check="grade_sum")["check"]) <= {"grade_sum"}
