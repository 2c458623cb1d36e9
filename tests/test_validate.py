"""SHACL: a built graph conforms; a broken one fails with a readable report; every class has a shape."""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib import RDF
from sample_paper import load_samples, sample_records
from typer.testing import CliRunner

from kg.build.rdf_build import build_paper
from kg.present.cli import app
from kg.quality.validate import validate_graph, validate_store
from kg.store.kg_store import KgStore
from ontology.lexicon import Concept, Lexicon
from ontology.namespace import SKG, shapes_text

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
LEXICON = Lexicon([
    Concept("drug", "demolimab", "demolimab", parents=("pd-l1 inhibitor",), targets=("PD-L1",),
            xrefs=("NCIT:C000001",)),
    Concept("drug_class", "pd-l1 inhibitor", "PD-L1 inhibitor"),
    Concept("subtype", "ASPS", "alveolar soft part sarcoma", parents=("STS",)),
])


def test_built_store_conforms(tmp_path: Path) -> None:
    with KgStore.open(tmp_path / "store") as store:
        load_samples(store, [sample_records(), sample_records("b.txt", doi="")], LEXICON)
        report = validate_store(store)
    assert report.conforms, report.text()
    assert report.violations == []
    # the sample cites [3], which its reference list lacks: a warning, not a violation
    assert [w.path for w in report.warnings] == ["skg:refersTo", "skg:refersTo"]
    assert "conforms" in report.text()


def test_every_written_class_has_a_shape() -> None:
    shapes = rdflib.Graph().parse(data=shapes_text(), format="turtle")
    targets = set(shapes.objects(None, SH.targetClass))
    graph = build_paper(sample_records(), LEXICON).graph
    written = {o for o in graph.objects(None, RDF.type) if str(o).startswith(str(SKG))}
    assert written <= targets, written - targets


def test_missing_required_property_is_a_violation() -> None:
    graph = build_paper(sample_records(), LEXICON).graph
    evidence = next(graph.subjects(RDF.type, SKG.Evidence))
    graph.remove((evidence, SKG.quote, None))
    outcome = next(graph.subjects(RDF.type, SKG.OutcomeMeasurement))
    graph.set((outcome, SKG.scope, rdflib.Literal("maybe")))
    report = validate_graph(graph)
    assert not report.conforms
    problems = {(v.focus, v.path) for v in report.violations}
    assert (f"<{evidence}>", "skg:quote") in problems
    assert (f"<{outcome}>", "skg:scope") in problems
    assert "evidence must carry the quoted text" in report.text()


def test_cli_validate_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good"
    with KgStore.open(good) as store:
        load_samples(store)
    runner = CliRunner()
    result = runner.invoke(app, ["validate", "--store", str(good)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout

    bad = tmp_path / "bad"
    paper = build_paper(sample_records())
    outcome = next(paper.graph.subjects(RDF.type, SKG.OutcomeMeasurement))
    paper.triples -= {t for t in paper.triples if t[0] == f"<{outcome}>" and t[1] == f"<{SKG.reportedIn}>"}
    with KgStore.open(bad) as store:
        store.replace_graph(str(paper.graph_iri), paper.complete)
    result = runner.invoke(app, ["validate", "--store", str(bad)])
    assert result.exit_code == 1
    assert "does NOT conform" in result.stdout
    line = next(line for line in result.stdout.splitlines() if "Violation" in line)
    assert str(outcome) in line and "skg:reportedIn" in line

    result = runner.invoke(app, ["validate", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "run `kg build` first" in result.stderr


def test_worker_processes_give_the_report_one_process_gives(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from kg.quality import validate

    broken = build_paper(sample_records("broken.txt", doi=""))
    outcome = next(broken.graph.subjects(RDF.type, SKG.OutcomeMeasurement))
    broken.triples -= {t for t in broken.triples if t[0] == f"<{outcome}>" and t[1] == f"<{SKG.reportedIn}>"}
    path = tmp_path / "store"
    with KgStore.open(path) as store:
        load_samples(store, [sample_records(f"p{i}.txt", doi=f"10.9999/p{i}") for i in range(4)], LEXICON)
        store.replace_graph(str(broken.graph_iri), broken.complete)
    monkeypatch.setattr(validate, "PARALLEL_FROM", 1)
    monkeypatch.setattr(validate, "VALIDATE_CHUNK", 2)
    with KgStore.open(path, read_only=True) as store:
        alone = validate_store(store)
        seen: list[tuple[int, int]] = []
        workers = validate_store(store, jobs=2, on_progress=lambda done, total: seen.append((done, total)))
    assert not alone.conforms and any("skg:reportedIn" == v.path for v in alone.violations)
    assert (workers.conforms, workers.issues) == (alone.conforms, alone.issues)
    assert seen[-1] == (5, 5) and [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_a_worker_that_cannot_open_the_store_says_why_instead_of_starting_again(tmp_path: Path) -> None:
    import pytest

    from kg.core.errors import StoreError
    from kg.quality.validate import _validate_in_workers

    with pytest.raises(StoreError, match="no store at"):
        _validate_in_workers(str(tmp_path / "missing"), ["urn:x:paper"], 2, None)
