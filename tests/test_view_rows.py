"""`kg view` picks the claims it draws from the question's stored rows (kg.present.view_claims): the
same page as the query over every measurement (view_outcomes.rq), which a store without current rows
still gets; and a measurement attributed to two cited works links to both."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from sample_paper import load_samples, sample_records

from kg.present import view
from kg.present.view import view_graph
from kg.store.kg_store import KgStore
from ontology.lexicon import Concept, Lexicon

LEXICON = Lexicon([Concept("drug", "demolimab", "demolimab", targets=("PD-L1",)),
                   Concept("drug", "exampletinib", "exampletinib"),
                   Concept("subtype", "ASPS", "alveolar soft part sarcoma", parents=("STS",))])


def _two_works(name: str):  # noqa: ANN202 (PaperRecords)
    """The sample paper whose cited ORR names references 2 and 3, both listed."""
    records = sample_records(name)
    second = records.references[1]
    # its evidence is the second entry's line: the sample text has room for two entries only
    third = replace(second, number=3, first_author="Lee C", year=2021, doi="", title="Another demolimab trial",
                    journal="Sarcoma J")
    return replace(records, references=[*records.references, third])


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("view-rows") / "store"
    papers = [_two_works("first.txt"), sample_records("second.txt"), sample_records("third.txt"),
              sample_records("fourth.txt", title="A fourth invented trial")]
    with KgStore.open(path) as kg_store:
        load_samples(kg_store, papers, LEXICON)
    return path


@pytest.fixture
def store(store_path: Path):  # noqa: ANN201 (KgStore)
    with KgStore.open(store_path, read_only=True) as kg_store:
        yield kg_store


def _picture(graph: nx.Graph) -> tuple:
    nodes = sorted((node, sorted((k, str(v)) for k, v in data.items())) for node, data in graph.nodes(data=True))
    edges = sorted((tuple(sorted((a, b))), sorted(data.items())) for a, b, data in graph.edges(data=True))
    return nodes, edges, sorted((k, str(v)) for k, v in graph.graph.items())


@pytest.mark.parametrize("filters", [
    {}, {"max_claims": 1}, {"max_claims": 2}, {"max_claims": 4}, {"max_claims": 5}, {"max_claims": 11},
    {"max_claims": None}, {"endpoint": "ORR", "max_claims": 3}, {"subtype": "STS", "max_claims": 6},
    {"endpoint": "PFS_median", "max_claims": 2}, {"min_value": 38, "max_claims": 2}, {"subtype": "UPS"},
])
def test_the_rows_pick_what_the_whole_query_picks(store: KgStore, filters: dict,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from_rows = view_graph(store, **filters)
    monkeypatch.setattr(view, "rows_are_current", lambda _store: False)
    from_query = view_graph(store, **filters)
    assert _picture(from_rows) == _picture(from_query)


def test_the_cited_claim_of_four_papers_comes_first_and_the_cap_counts_measurements(store: KgStore) -> None:
    graph = view_graph(store, max_claims=3)
    assert sorted(data["label"] for _, data in graph.nodes(data=True) if data["kind"] == "outcome") == ["ORR 37%"] * 3
    assert graph.graph["matching"] == 12 and graph.graph["cap"]["papers"] == 4


def test_a_measurement_attributed_to_two_works_links_to_both(store: KgStore) -> None:
    graph = view_graph(store, max_claims=None)
    paper = next(node for node, data in graph.nodes(data=True)
                 if data["kind"] == "paper" and "first.txt" in data["title"])
    cited = [node for node in graph[paper] if graph.nodes[node]["kind"] == "outcome"
             and graph.nodes[node]["facts"]["scope"] == "cited"]
    assert len(cited) == 1
    works = [node for node in graph[cited[0]] if graph.nodes[node]["kind"] == "cited_work"]
    assert len(works) == 2
    assert "cited result of Lee C 2021; Smith A 2019, reported in" in graph.nodes[cited[0]]["title"]
