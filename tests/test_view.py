"""`kg view`: one self-contained HTML file (no remote anything), escaped text, outcome claims, filters."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from sample_paper import load_samples, sample_records
from typer.testing import CliRunner

from kg.core.errors import ViewError
from kg.present.cli import app
from kg.present.view import view_graph, write_view
from kg.present.view_html import check_offline, json_for_script, render_html
from kg.store.kg_store import KgStore
from ontology.lexicon import Concept, Lexicon

EVIL = "</script><script>alert('x')</script> & <b>bold</b>"
PLANTED = "<script>window.__pwned=1</script>"
ANY_RESOURCE = re.compile(r"<[a-z]+\b[^>]*\s(?:src|href|srcset|data)\s*=", re.IGNORECASE)
REMOTE = re.compile(r"(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//|url\(\s*[\"']?\s*(?:https?:)?//|@import",
                    re.IGNORECASE)
LEXICON = Lexicon([Concept("drug", "demolimab", "demolimab", targets=("PD-L1",)),
                   Concept("subtype", "ASPS", "alveolar soft part sarcoma", parents=("STS",))])


def planted_records(title: str = EVIL):  # noqa: ANN201 (PaperRecords)
    """The sample paper with `title` and a `<script>` planted in the quote of its ORR claim."""
    records = sample_records(title=title)
    orr = records.outcomes[0]
    quote = orr.evidence.quote.replace("with ASPS,", f"with ASPS {PLANTED},")
    records.outcomes[0] = dataclasses.replace(orr, evidence=dataclasses.replace(orr.evidence, quote=quote))
    return records


@pytest.fixture
def store(tmp_path: Path):  # noqa: ANN201 (KgStore)
    with KgStore.open(tmp_path / "store") as kg_store:
        load_samples(kg_store, [planted_records()], LEXICON)
        yield kg_store


@pytest.fixture
def html_page(store: KgStore, tmp_path: Path) -> str:
    summary = write_view(store, tmp_path / "view.html")
    assert summary.kinds == {"paper": 1, "drug": 2, "subtype": 2, "target": 1, "regimen": 2, "cited_work": 2,
                             "outcome": 3}
    return (tmp_path / "view.html").read_text(encoding="utf-8")


def _page_json(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL)
    assert block is not None
    return json.loads(block.group(1))


def test_offline_no_resources_at_all(html_page: str) -> None:
    assert not ANY_RESOURCE.search(html_page), "no src/href attribute: nothing is fetched, not even locally"
    assert not REMOTE.search(html_page)
    assert "cdn.jsdelivr" not in html_page and "cdnjs" not in html_page and "unpkg" not in html_page
    assert "vis.Network" in html_page and "vis-network" in html_page  # vis-network is inlined
    assert 'id="kg-legend"' in html_page and "Outcome claim" in html_page
    assert "Content-Security-Policy" in html_page and "default-src &#x27;none&#x27;" in html_page
    assert '<select id="kg-subtype">' in html_page and '<select id="kg-regimen">' in html_page


def test_paper_text_is_escaped(html_page: str) -> None:
    assert "<script>alert" not in html_page and PLANTED not in html_page
    assert "<b>bold</b>" not in html_page
    # only the page's own three script blocks close: the data block, vis-network and the app
    assert html_page.count("</script>") == 3
    block = html_page.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block and "&" not in block
    data = _page_json(html_page)  # ...and the text comes back intact, to be shown as text
    titles = [node["title"] for node in data["nodes"]]
    assert any(EVIL in title for title in titles)
    assert any(PLANTED in title for title in titles)


def test_json_for_script_escapes_closing_tags() -> None:
    value = {"q": "a </script><!-- x --> & <b>", "u": "\u2028"}
    text = json_for_script(value)
    assert "</" not in text and "<!--" not in text and "<" not in text and "&" not in text
    assert "\u2028" not in text
    assert json.loads(text) == value


def test_outcome_nodes_carry_value_ci_n_and_quote(store: KgStore) -> None:
    graph = view_graph(store)
    outcomes = {data["label"]: data for _, data in graph.nodes(data=True) if data["kind"] == "outcome"}
    assert set(outcomes) == {"ORR 40.0%", "ORR 37%", "PFS_median NR mo"}
    tip = outcomes["ORR 40.0%"]["title"]
    assert "CI 22.7 to 59.4" in tip and "n = 30" in tip and PLANTED in tip
    assert "regimen: demolimab + exampletinib" in tip and "population: ASPS" in tip
    assert "cited result of Smith A 2019" in outcomes["ORR 37%"]["title"]
    assert outcomes["ORR 40.0%"]["groups"] == ["ASPS", "STS"]
    relations = {data["relation"] for _, _, data in graph.edges(data=True)}
    assert relations == {"mentions", "cites", "reports", "component", "related", "broader", "reported in",
                         "regimen", "population", "attributed to"}


@pytest.mark.parametrize(("filters", "labels"), [
    ({"endpoint": "ORR"}, {"ORR 40.0%", "ORR 37%"}),
    ({"subtype": "STS"}, {"ORR 40.0%", "ORR 37%", "PFS_median NR mo"}),  # ASPS lies below STS
    ({"subtype": "UPS"}, set()),
    ({"endpoint": "ORR", "min_value": 38}, {"ORR 40.0%"}),  # NR and 37 fall out
])
def test_command_line_filters_restrict_outcome_claims(store: KgStore, filters: dict, labels: set[str]) -> None:
    graph = view_graph(store, **filters)
    assert {d["label"] for _, d in graph.nodes(data=True) if d["kind"] == "outcome"} == labels
    assert sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "paper") == 1  # the context stays


def test_same_store_same_page(store: KgStore) -> None:
    graph = view_graph(store)
    assert render_html(graph) == render_html(view_graph(store))


@pytest.mark.parametrize("snippet", [
    '<script src="https://example.org/x.js"></script>',
    '<link rel="stylesheet" href="//cdn.example.org/a.css">',
    '<img src="http://example.org/a.png">',
    "<style>@import 'https://example.org/a.css';</style>",
    "<style>body { background: url(https://example.org/a.png) }</style>",
    '<meta http-equiv="refresh" content="0; url=https://example.org/">',
])
def test_a_page_that_would_load_something_is_refused(html_page: str, snippet: str) -> None:
    check_offline(html_page)
    with pytest.raises(ViewError, match="remote"):
        check_offline(html_page.replace("</head>", snippet + "</head>", 1))


def test_cli_view_filters(store: KgStore, tmp_path: Path) -> None:
    path = store.path
    store.close()
    runner = CliRunner()
    out = tmp_path / "asps.html"
    result = runner.invoke(app, ["view", "--store", str(path), "-o", str(out),
                                 "--subtype", "alveolar soft part sarcoma", "--endpoint", "ORR", "--min", "30"])
    assert result.exit_code == 0, result.output
    assert "2 outcome" in result.stdout and out.is_file()
    assert "subtype ASPS" in out.read_text(encoding="utf-8")
    result = runner.invoke(app, ["view", "--store", str(path), "-o", str(out), "--subtype", "ASPX"])
    assert result.exit_code == 2 and "did you mean ASPS" in result.output
    result = runner.invoke(app, ["view", "--store", str(path), "-o", str(out), "--subtype", "UPS"])
    assert result.exit_code == 0 and "no outcome claim matches" in result.output


def test_a_graph_of_many_nodes_is_laid_out() -> None:
    # networkx lays out 500 nodes or more with sparse arrays (scipy): a store of a hundred papers
    # draws thousands of nodes, which a test of one paper never reaches
    import networkx as nx

    from kg.present.view_html import layout

    graph = nx.path_graph(650)
    positions = layout(graph)
    assert set(positions) == set(graph)
    assert len(set(positions.values())) > 600  # spread out, not piled on one point
