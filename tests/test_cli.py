"""The `kg` CLI end to end with CliRunner: build (real papers), sparql, outcomes, tables, export, view."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from sample_paper import load_samples, sample_records
from typer.testing import CliRunner

from kg.present.cli import app
from kg.store.kg_store import KgStore
from ontology.lexicon import Concept, Lexicon

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
runner = CliRunner()


def _pipeline_ready() -> bool:
    try:
        from corpus import read  # noqa: F401
        from extractors.extract import extract  # noqa: F401
    except ImportError:
        return False
    return CORPUS.is_dir() and any(CORPUS.glob("*.txt"))


needs_pipeline = pytest.mark.skipif(not _pipeline_ready(), reason="corpus.read / extractors.extract not ready")


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    lexicon = Lexicon([Concept("subtype", "ASPS", "alveolar soft part sarcoma", parents=("STS",)),
                       Concept("subtype", "STS", "soft tissue sarcoma")])
    with KgStore.open(path) as store:
        other = sample_records("b.txt", doi="", title="Demolimab alone in advanced alveolar soft part sarcoma")
        load_samples(store, [sample_records(), other], lexicon)
    return path


@needs_pipeline
def test_build_reports_a_bad_file_and_builds_the_good_one(tmp_path: Path) -> None:
    paper = sorted(CORPUS.glob("*.txt"))[0]
    shutil.copy(paper, tmp_path / paper.name)
    (tmp_path / "bad.txt").write_bytes(b"")
    store = tmp_path / "store"
    result = runner.invoke(app, ["build", str(tmp_path / paper.name), str(tmp_path / "bad.txt"),
                                 "--store", str(store)])
    assert result.exit_code == 3, result.output  # some papers failed: a code of its own (README)
    assert "bad.txt" in result.stderr and "error:" in result.stderr
    assert paper.name in result.stdout and "1 built" in result.stdout and "1 failed" in result.stdout
    assert "Traceback" not in result.output

    result = runner.invoke(app, ["tables", "--store", str(store), "--out", str(tmp_path / "tables")])
    assert result.exit_code == 0, result.output
    with (tmp_path / "tables" / "references.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {r["source_file"] for r in rows} == {paper.name}

    # building the same paper again leaves the store the same size
    count = runner.invoke(app, ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                                "--store", str(store), "--format", "csv"]).stdout
    assert runner.invoke(app, ["build", str(tmp_path / paper.name), "--store", str(store)]).exit_code == 0
    again = runner.invoke(app, ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                                "--store", str(store), "--format", "csv"]).stdout
    assert again == count


@needs_pipeline
def test_build_with_only_bad_files_exits_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(app, ["build", str(tmp_path), "--store", str(tmp_path / "store")])
    assert result.exit_code == 2
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr
    assert "none of the 2 input files could be built" in result.stderr


def test_build_with_no_inputs_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(tmp_path), "--store", str(tmp_path / "store")])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no input files")


def test_sparql_formats_and_params(sample_store: Path, tmp_path: Path) -> None:
    query = "SELECT ?paper ?file WHERE { ?paper skg:sourceFile ?file } ORDER BY ?file"
    result = runner.invoke(app, ["sparql", query, "--store", str(sample_store), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "paper,file"
    assert result.stdout.count("sample_paper.txt") >= 1

    rq = tmp_path / "by_file.rq"
    rq.write_text("# by file\nSELECT ?paper ?file WHERE { ?paper a skg:Publication ; skg:sourceFile ?file }")
    result = runner.invoke(app, ["sparql", str(rq), "--store", str(sample_store), "-f", "json",
                                 "--param", "file=b.txt"])
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert [b["file"]["value"] for b in bindings] == ["b.txt"]
    assert bindings[0]["paper"]["type"] == "uri"

    hostile = 'b.txt" } DROP ALL { "'
    result = runner.invoke(app, ["sparql", str(rq), "--store", str(sample_store), "-f", "csv",
                                 "--param", f"file={hostile}"])
    assert result.exit_code == 0 and result.stdout.strip() == "paper,file"

    result = runner.invoke(app, ["sparql", "entities", "--store", str(sample_store), "-p", "key=demolimab"])
    assert result.exit_code == 0 and "demolimab" in result.stdout

    result = runner.invoke(app, ["sparql", "ASK { ?s skg:sourceFile ?f }", "--store", str(sample_store)])
    assert result.stdout.strip() == "true"

    result = runner.invoke(app, ["sparql", 'SELECT ("[/red] [bold]x" AS ?text) WHERE {}', "--store",
                                 str(sample_store)])  # data is never read as rich markup
    assert result.exit_code == 0 and "[/red] [bold]x" in result.stdout


def test_sparql_errors_are_short(sample_store: Path, tmp_path: Path) -> None:
    for args in (["SELECT WHERE {"], ["SELECT ?s WHERE { ?s ?p ?o }", "--param", "o=x"],
                 ["missing.rq"], ["SELECT * WHERE {?s ?p ?o}", "--format", "xml"]):
        result = runner.invoke(app, ["sparql", *args, "--store", str(sample_store)])
        assert result.exit_code == 2, args
        assert result.stderr.startswith("error: ") and "Traceback" not in result.output
    result = runner.invoke(app, ["sparql", "ASK {}", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: no store at {tmp_path / 'none'}; run `kg build` first"


def test_store_from_environment(sample_store: Path) -> None:
    result = CliRunner(env={"SARCOMA_KG_STORE": str(sample_store)}).invoke(
        app, ["sparql", "ASK { ?s skg:sourceFile ?f }"])
    assert result.exit_code == 0 and result.stdout.strip() == "true"


def test_outcomes_canonical_question(sample_store: Path) -> None:
    result = runner.invoke(app, ["outcomes", "--endpoint", "ORR", "--subtype", "STS", "--min", "38",
                                 "--store", str(sample_store), "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert {(r["regimen"], r["value"], r["subtype"]) for r in rows} == {("demolimab + exampletinib", "40.0", "STS")}
    assert {r["source_file"] for r in rows} == {"sample_paper.txt", "b.txt"}
    for args, values in ((["--regimen", "demolimab"], {"40.0", "37"}), (["--regimen", "exampletinib"], {"40.0"}),
                         (["--regimen", "demolimab + exampletinib"], {"40.0"}),
                         (["--scope", "cited"], {"37"}), (["--scope", "all"], {"40.0", "37"})):
        result = runner.invoke(app, ["outcomes", "--endpoint", "ORR", "--store", str(sample_store), "-f", "csv",
                                     *args])
        assert result.exit_code == 0, result.output
        assert {r["value"] for r in csv.DictReader(result.stdout.splitlines())} == values, args
    for args, hint in ((["--regimen", "demo"], "demolimab"), (["--subtype", "ASPX"], "ASPS"),
                       (["--endpoint", "ORX"], "ORR")):
        result = runner.invoke(app, ["outcomes", "--store", str(sample_store), *args])
        assert result.exit_code == 2, "an unknown value is an error, not an empty table"
        assert "did you mean" in result.output and hint in result.output.split("did you mean", 1)[1]


def test_tables_export_view_queries(sample_store: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["tables", "--store", str(sample_store), "--out", str(tmp_path / "t")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == [
        "adverse_events.csv", "entities.csv", "outcomes.csv", "references.csv", "studies.csv"]
    for fmt in ("ttl", "nq"):
        out = tmp_path / f"all.{fmt}"
        result = runner.invoke(app, ["export", "--store", str(sample_store), "-o", str(out)])
        assert result.exit_code == 0 and out.stat().st_size > 0, result.output
    result = runner.invoke(app, ["export", "--store", str(sample_store), "-o", str(tmp_path / "x.bin")])
    assert result.exit_code == 2 and "--format" in result.stderr
    result = runner.invoke(app, ["view", "--store", str(sample_store), "-o", str(tmp_path / "v.html")])
    assert result.exit_code == 0 and (tmp_path / "v.html").is_file(), result.output
    result = runner.invoke(app, ["queries"])
    assert result.exit_code == 0 and "outcomes_by_subtype" in result.stdout
