"""`kg serve`: the read-only SPARQL server over a built store, queried over HTTP."""

from __future__ import annotations

import csv
import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.build.pipeline import build_paths
from kg.core.errors import QueryError
from kg.present.cli import app
from kg.present.serve import Address
from kg.store import canned
from kg.store.kg_store import KgStore
from kg.store.sparql_text import inline_values

runner = CliRunner()
# no proxy, even when the environment names one: the server is on loopback
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
HOSTILE = ['say "hi"', "it's", "{ braces }", '"} DROP ALL ; INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
           "two\nlines", "<script>alert(1)</script>", "back\\slash"]


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory, corpus_files: list[Path]) -> Path:
    path = tmp_path_factory.mktemp("serve") / "store"
    with KgStore.open(path) as store:
        report = build_paths(corpus_files, store)
    assert report.built and not report.failures
    return path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with _OPENER.open(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _post(url: str, form: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode("utf-8"), headers={
        "Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with _OPENER.open(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _select(url: str, query: str) -> list[dict[str, str]]:
    status, body = _post(url, {"query": query})
    assert status == 200, body
    return [{name: term["value"] for name, term in binding.items()}
            for binding in json.loads(body)["results"]["bindings"]]


def _stop(proc: subprocess.Popen[str], signum: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        proc.send_signal(signum)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def serving(store: Path) -> Iterator[tuple[subprocess.Popen[str], Address]]:
    """`kg serve` as a subprocess on a free port; yields once it answers, always stopped after."""
    address = Address("127.0.0.1", _free_port())
    proc = subprocess.Popen(
        [sys.executable, "-c", "from kg.present.cli import app; app()", "serve", "--store", str(store),
         "--port", str(address.port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    try:
        for _ in range(600):  # bounded: ~30 s at most, usually well under a second
            if proc.poll() is not None:
                out, err = proc.communicate()
                pytest.fail(f"kg serve exited early ({proc.returncode}): {out}\n{err}")
            try:
                if _get(address.base_url)[0] == 200:
                    break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("kg serve did not answer")
        yield proc, address
    finally:
        _stop(proc)


def _cli_outcomes(store: Path) -> set[tuple[str, str, str]]:
    result = runner.invoke(app, ["outcomes", "--endpoint", "ORR", "--subtype", "ASPS", "--min", "30",
                                 "--format", "csv", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return {(r["regimen"], r["value"], r["source_file"]) for r in csv.DictReader(result.stdout.splitlines())}


def test_served_store_answers_like_kg_outcomes_and_refuses_updates(built_store: Path) -> None:
    expected = _cli_outcomes(built_store)
    assert ("anlotinib + benmelstobart", "82.1", "004_2ec38712c458bf8b.txt") in expected

    with serving(built_store) as (proc, address):
        status, page = _get(address.base_url)
        assert status == 200 and "<html" in page.lower()  # the query page for analysts

        query = inline_values(canned.load_query("outcomes_by_subtype"),
                              {"endpoint": "ORR", "subtype": "ASPS", "min": Decimal("30")})
        rows = _select(address.query_url, query)
        assert {(r.get("regimen", ""), r["value"], r["source_file"]) for r in rows} == expected

        count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        before = _select(address.query_url, count)
        update = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"
        for path, form in (("update", {"update": update}), ("query", {"update": update})):
            status, _ = _post(address.base_url + path, form)
            assert 400 <= status < 500, path
        assert _select(address.query_url, count) == before

        proc.send_signal(signal.SIGINT)  # what Ctrl-C does
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert address.base_url in out and address.query_url in out
    with pytest.raises(OSError):  # the server is gone with it
        _get(address.base_url)


def test_serve_stops_on_sigterm(built_store: Path) -> None:
    with serving(built_store) as (proc, address):
        _stop(proc, signal.SIGTERM)
        assert proc.returncode == 0
        with pytest.raises(OSError):
            _get(address.base_url)


def test_serve_errors(tmp_path: Path, built_store: Path) -> None:
    result = runner.invoke(app, ["serve", "--store", str(tmp_path / "missing")])
    assert result.exit_code == 2 and "no store at" in result.stderr
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "notes.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["serve", "--store", str(tmp_path / "junk")])
    assert result.exit_code == 2 and "does not hold a kg store" in result.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["serve", "--store", str(built_store), "--port", str(port)])
    assert result.exit_code == 2 and "cannot listen" in result.stderr
    assert "Traceback" not in result.output


def test_address_urls() -> None:
    assert Address("127.0.0.1", 7878).query_url == "http://127.0.0.1:7878/query"
    assert Address("::1", 80).bind == "[::1]:80" and Address("::1", 80).base_url == "http://[::1]:80/"
    assert Address("localhost", 1).is_loopback and not Address("0.0.0.0", 1).is_loopback
    assert Address("0.0.0.0", 5).probe() == ("127.0.0.1", 5)


# -- binding parameters for a server: a VALUES block of RDF terms ---------------------------------


@pytest.fixture()
def memory() -> ox.Store:
    store = ox.Store()
    for i, value in enumerate(HOSTILE):
        store.add(ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:label"), ox.Literal(value)))
    return store


@pytest.mark.parametrize("value", HOSTILE)
def test_inline_values_match_hostile_values_literally(memory: ox.Store, value: str) -> None:
    query = "SELECT ?s ?label WHERE { ?s <urn:label> ?label }"
    rows = list(memory.query(inline_values(query, {"label": value})))
    assert [(r["s"].value, r["label"].value) for r in rows] == [(f"urn:s{HOSTILE.index(value)}", value)]
    assert list(memory.query(inline_values(query, {"label": value + " "}))) == []
    assert len(memory) == len(HOSTILE)


def test_inline_values_finds_every_where_group() -> None:
    query = ('PREFIX ex: <http://example.org/WHERE#>\n# a comment { WHERE\n'
             'SELECT ?x ?y ("{" AS ?b) WHERE { ?x ex:p ?y { SELECT ?y WHERE { ?y ?q ?r } } }')
    bound = inline_values(query, {"x": 1})
    assert bound.index("VALUES (?x)") > bound.index('AS ?b) WHERE {')
    # a sub-SELECT's group is bound too, since a VALUES block does not reach into it
    assert bound.count("VALUES (?x)") == 2
    assert bound.rindex("VALUES (?x)") > bound.index("SELECT ?y WHERE {")
    assert '"1"^^<http://www.w3.org/2001/XMLSchema#integer>' in bound
    ox.Store().query(bound)  # still valid SPARQL
    assert "VALUES" in inline_values("ASK { ?s ?p ?o }", {"s": "x"})
    assert inline_values("ASK { ?s ?p ?o }", {}) == "ASK { ?s ?p ?o }"
    with pytest.raises(QueryError):
        inline_values("CONSTRUCT { ?s ?p ?o } ", {"s": "x"})
    with pytest.raises(QueryError):
        inline_values("SELECT * WHERE { ?s ?p ?o }", {"not a name": "x"})


def test_rdflib_sparql_store_is_a_client(built_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real SPARQL client (rdflib's SPARQLStore) gets the canonical answer; its update store is refused."""
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore

    for name in ("no_proxy", "NO_PROXY"):  # the server is on loopback, whatever proxy is configured
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    expected = _cli_outcomes(built_store)
    with serving(built_store) as (_, address):
        graph = Graph(SPARQLStore(address.query_url, method="POST"))
        query = inline_values(canned.load_query("outcomes_by_subtype"),
                              {"endpoint": "ORR", "subtype": "ASPS", "min": Decimal("30")})
        rows = {(str(row.regimen or ""), str(row.value), str(row.source_file)) for row in graph.query(query)}
        assert rows == expected
        updater = SPARQLUpdateStore(query_endpoint=address.query_url, update_endpoint=address.base_url + "update")
        with pytest.raises(urllib.error.HTTPError):
            updater.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")
