"""Every user mistake on every `kg` command ends in one line on stderr and exit status 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sample_paper import load_samples, sample_records
from typer.testing import CliRunner

from kg import KnowledgeGraph
from kg.core.errors import InputError, QueryError
from kg.present.cli import app
from kg.store.kg_store import KgStore
from ontology.lexicon import Concept, Lexicon

runner = CliRunner()
NOT_UTF8 = os.fsdecode(b"caf\xe9")  # what Python makes of a Latin-1 byte on a UTF-8 command line


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("errors") / "store"
    lexicon = Lexicon([Concept("subtype", "ASPS", "alveolar soft part sarcoma", parents=("STS",)),
                       Concept("subtype", "STS", "soft tissue sarcoma")])
    with KgStore.open(path) as kg_store:
        load_samples(kg_store, [sample_records()], lexicon)
    return path


def _one_line_error(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, (args, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), (args, result.stderr)
    assert "Traceback" not in result.output
    return lines[0]


def test_wrong_types_and_values(store: Path, tmp_path: Path) -> None:
    s = ["--store", str(store)]
    cases = [
        (["outcomes", "--min", "abc", *s], "Invalid value for '--min'"),
        (["outcomes", "--min", "nan", *s], "min must be a finite number"),
        (["outcomes", "--max", "inf", *s], "max must be a finite number"),
        (["outcomes", "--scope", "everything", *s], "scope must be primary, cited or all"),
        (["outcomes", "--format", "xlsx", *s], "unknown format 'xlsx'"),
        (["validate", "--limit", "many", *s], "Invalid value for '--limit'"),
        (["plot", "-o", str(tmp_path / "p.png"), "--endpoint", "ORR", "--min", "x", *s], "Invalid value for '--min'"),
        (["plot", "-o", str(tmp_path / "p.gif"), "--endpoint", "ORR", *s], "end it with .png, .svg or .pdf"),
        (["serve", "--port", "70000", *s], "Invalid value for '--port'"),
        (["serve", "--query-timeout", "-1", *s], "Invalid value for '--query-timeout'"),
        (["export", "-o", str(tmp_path / "x.unknown"), *s], "give --format"),
        (["queries", "extra"], "unexpected extra argument"),
        (["build"], "Missing argument"),
        (["no-such-command"], "No such command"),
        (["--no-such-option"], "No such option"),
    ]
    for args, expected in cases:
        assert expected in _one_line_error(args), args


def test_unknown_names(store: Path, tmp_path: Path) -> None:
    s = ["--store", str(store)]
    assert "unknown endpoint 'XYZ'" in _one_line_error(["outcomes", "--endpoint", "XYZ", *s])
    assert "unknown subtype 'nosuch'" in _one_line_error(["outcomes", "--subtype", "nosuch", *s])
    assert "unknown subtype" in _one_line_error(["view", "-o", str(tmp_path / "v.html"), "--subtype", "nosuch", *s])
    assert "unknown endpoint" in _one_line_error(["plot", "-o", str(tmp_path / "p.png"), "--endpoint", "XYZ", *s])
    assert "unknown check 'nope'" in _one_line_error(["check", "--check", "nope", *s])
    assert "unknown export format 'bogus'" in _one_line_error(["export", "-o", str(tmp_path / "x"), "-f", "bogus", *s])


def test_missing_stores(tmp_path: Path) -> None:
    missing = ["--store", str(tmp_path / "none")]
    for args in (["sparql", "ASK {}"], ["outcomes"], ["check"], ["tables", "-o", str(tmp_path / "t")],
                 ["export", "-o", str(tmp_path / "x.ttl")], ["validate"], ["view", "-o", str(tmp_path / "v.html")],
                 ["plot", "-o", str(tmp_path / "p.png"), "--endpoint", "ORR"], ["serve"]):
        assert f"no store at {tmp_path / 'none'}" in _one_line_error([*args, *missing]), args
    (tmp_path / "file").write_text("not a store", encoding="utf-8")
    assert "is a file" in _one_line_error(["outcomes", "--store", str(tmp_path / "file")])


def test_unreadable_and_unwritable_paths(store: Path, tmp_path: Path) -> None:
    s = ["--store", str(store)]
    assert "cannot read query file" in _one_line_error(["sparql", str(tmp_path / "missing.rq"), *s])
    (tmp_path / "latin.rq").write_bytes(b"SELECT * WHERE { ?s ?p \"caf\xe9\" }")
    assert "is not UTF-8 text" in _one_line_error(["sparql", str(tmp_path / "latin.rq"), *s])
    (tmp_path / "taken").write_text("a file where a folder should be", encoding="utf-8")
    assert "cannot create the output folder" in _one_line_error(["tables", "-o", str(tmp_path / "taken" / "t"), *s])
    assert _one_line_error(["export", "-o", str(tmp_path / "taken" / "x.ttl"), *s])
    built = runner.invoke(app, ["build", str(tmp_path / "absent.txt"), "--store", str(tmp_path / "new")])
    assert built.exit_code != 0 and "Traceback" not in built.output  # one line per failed file, then the summary
    assert all(line.startswith("error: ") for line in built.stderr.strip().splitlines())
    assert "absent.txt: no such file" in built.stderr
    if os.geteuid() != 0:  # root reads any file
        locked = tmp_path / "locked.rq"
        locked.write_text("ASK {}", encoding="utf-8")
        locked.chmod(0)
        assert "cannot read query file" in _one_line_error(["sparql", str(locked), *s])


def test_malformed_sparql_and_parameters(store: Path) -> None:
    s = ["--store", str(store)]
    assert "invalid SPARQL" in _one_line_error(["sparql", "SELECT WHERE {", *s])
    assert "invalid SPARQL" in _one_line_error(["sparql", "SELECT * WHERE { ?s ?p }", *s])
    cases = [
        ("x:decimal=abc", "'abc' is not a valid xsd:decimal"),
        ("x:integer=1.5", "'1.5' is not a valid xsd:integer"),
        ("x:decimal=1e400", "is not a valid xsd:decimal"),
        ("x:boolean=yes", "is not a valid xsd:boolean"),
        ("x:gYear=20245", "is not a valid xsd:gYear"),
        ("x:colour=red", "unknown type 'colour'"),
        ("x:iri=not an iri", "is not a valid IRI"),
        ("no equals sign", "must be written name=value"),
        ("1x=3", "is not a SPARQL variable name"),
        (f"x={NOT_UTF8}", "--param holds bytes that are not UTF-8"),
    ]
    for spec, expected in cases:
        assert expected in _one_line_error(["sparql", "SELECT ?x WHERE {}", "--param", spec, *s]), spec
    assert "the query holds bytes that are not UTF-8" in _one_line_error(["sparql", f"ASK {{ ?s ?p '{NOT_UTF8}' }}",
                                                                          *s])


def test_non_utf8_bytes_on_a_real_command_line(store: Path) -> None:
    """The shell hands over bytes: the interpreter decodes them, and `kg` still answers in one line."""
    for args in ([b"sparql", b"SELECT ?x WHERE {}", b"--param", b"x=caf\xe9"], [b"sparql", b"ASK { ?s ?p 'caf\xe9' }"]):
        done = subprocess.run([os.fsencode(sys.executable), b"-c", b"from kg.present.cli import app; app()", *args,
                               b"--store", os.fsencode(store)], capture_output=True, timeout=120)
        assert done.returncode == 2, done
        lines = done.stderr.decode("utf-8").strip().splitlines()
        assert len(lines) == 1 and "not UTF-8" in lines[0], lines


def test_api_parameters_name_the_parameter_and_the_types(store: Path) -> None:
    with KnowledgeGraph.open(store) as graph:
        for value, expected in ((float("nan"), "x: nan is not a finite number"),
                                (float("inf"), "x: inf is not a finite number"),
                                (b"bytes", "x: cannot bind a bytes"), ([1, 2], "x: cannot bind a list"),
                                (None, "x: cannot bind a NoneType"), (NOT_UTF8, "not UTF-8")):
            with pytest.raises((QueryError, InputError), match=expected) as raised:
                graph.sparql("SELECT ?x WHERE {}", x=value)
            assert "x" in str(raised.value)
        assert graph.sparql("SELECT ?x WHERE {}", x=2.5)["x"].tolist() == ["2.5"]
        with pytest.raises(InputError, match="min must be a finite number"):
            graph.outcomes(min=float("nan"))
