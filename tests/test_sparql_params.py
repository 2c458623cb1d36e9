"""`kg sparql FILE.rq --param name=value`: values are bound as RDF terms, never pasted into the query."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from sample_paper import load_samples
from typer.testing import CliRunner

from kg import KnowledgeGraph
from kg.present.cli import app
from kg.store.kg_store import KgStore

runner = CliRunner()
LABEL = rdflib.RDFS.label
GRAPH = "https://w3id.org/sarcoma-kg/id/graph/hostile-test"
HOSTILE = [
    'say "hi"',
    "it's",
    "{ braces }",
    '"} DROP ALL',
    "x' } ; DROP ALL ; INSERT DATA { <urn:a> <urn:b> <urn:c> } #",
    '""" } DELETE WHERE { ?s ?p ?o } #',
    "two\nlines",
    "<script>alert(1)</script>",
    "<urn:not an iri>",
    "back\\slash \\u0022",
    "?label",
]
QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE { ?s rdfs:label ?label }
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("params") / "store"
    with KgStore.open(path) as kg_store:
        load_samples(kg_store)
        kg_store.replace_graph(GRAPH, [(rdflib.URIRef(f"urn:hostile:{i}"), LABEL, rdflib.Literal(value))
                                       for i, value in enumerate(HOSTILE)])
    return path


@pytest.fixture(scope="module")
def rq_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rq") / "by_label.rq"
    path.write_text(QUERY, encoding="utf-8")
    return path


def _snapshot(store: Path) -> tuple[int, list[str]]:
    with KgStore.open(store, read_only=True) as kg_store:
        return len(kg_store), [str(q) for q in kg_store.quads()]


def _rows(result_stdout: str) -> list[tuple[str, str]]:
    bindings = json.loads(result_stdout)["results"]["bindings"]
    return [(b["s"]["value"], b["label"]["value"]) for b in bindings]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_param_matches_its_literal_exactly(store: Path, rq_file: Path, value: str) -> None:
    before = _snapshot(store)
    result = runner.invoke(app, ["sparql", str(rq_file), "--param", f"label={value}", "--format", "json",
                                 "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert _rows(result.stdout) == [(f"urn:hostile:{HOSTILE.index(value)}", value)]

    # the same value with something around it is another literal: no row, and nothing executed
    result = runner.invoke(app, ["sparql", str(rq_file), "--param", f"label=\n{value} ", "--format", "json",
                                 "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert _rows(result.stdout) == []
    assert _snapshot(store) == before


def test_hostile_param_through_the_python_api(store: Path, rq_file: Path) -> None:
    before = _snapshot(store)
    with KnowledgeGraph.open(store) as graph:
        for i, value in enumerate(HOSTILE):
            frame = graph.sparql(rq_file, label=value)
            assert frame.to_dict("records") == [{"s": f"urn:hostile:{i}", "label": value}]
        assert graph.sparql(QUERY, label="} DROP ALL").empty
    assert _snapshot(store) == before


def test_hostile_param_names_and_types_are_refused(store: Path, rq_file: Path) -> None:
    before = _snapshot(store)
    for spec in ("label} DROP ALL=x", "label", "la bel=x", "n:decimal=1; DROP ALL", "n:integer=1}",
                 "s:iri=not an iri>", "s:nosuchtype=1"):
        result = runner.invoke(app, ["sparql", str(rq_file), "--param", spec, "--store", str(store)])
        assert result.exit_code == 2, spec
        assert result.stderr.startswith("error:") and "Traceback" not in result.output, spec
    assert _snapshot(store) == before


def test_updates_are_not_run_by_kg_sparql(store: Path) -> None:
    before = _snapshot(store)
    result = runner.invoke(app, ["sparql", "DROP ALL", "--store", str(store)])
    assert result.exit_code == 2 and "error:" in result.stderr
    assert _snapshot(store) == before
