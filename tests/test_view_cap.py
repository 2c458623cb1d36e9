"""`kg view --max-claims`: at most N outcome claims, the filters first, in a stated order, and a
message (stderr and page) whenever claims are left out."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from sample_paper import load_samples, sample_records
from typer.testing import CliRunner

from kg.core.errors import InputError
from kg.present.cli import app
from kg.present.view import outcomes_query, view_graph, write_view
from kg.present.view_html import FULL_LAYOUT_NODES, LAYOUT_ITERATIONS, MIN_LAYOUT_ITERATIONS, layout_iterations
from kg.store.kg_store import KgStore
from ontology.lexicon import Concept, Lexicon

LEXICON = Lexicon([Concept("drug", "demolimab", "demolimab", targets=("PD-L1",)),
                   Concept("subtype", "ASPS", "alveolar soft part sarcoma", parents=("STS",))])
PAPERS = ("first.txt", "second.txt", "third.txt")
"""Three invented papers, each with three outcome claims: the cited ORR 37% (one claim stated by all
three), its own ORR 40.0% and its own median PFS "NR"."""


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cap") / "store"
    with KgStore.open(path) as kg_store:
        load_samples(kg_store, [sample_records(name) for name in PAPERS], LEXICON)
    return path


@pytest.fixture
def store(store_path: Path):  # noqa: ANN201 (KgStore)
    with KgStore.open(store_path, read_only=True) as kg_store:
        yield kg_store


def _outcomes(graph: nx.Graph) -> list[str]:
    return sorted(data["label"] for _, data in graph.nodes(data=True) if data["kind"] == "outcome")


def _kinds(graph: nx.Graph) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for _, kind in graph.nodes(data="kind"):
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def test_no_cap_when_everything_fits(store: KgStore) -> None:
    graph = view_graph(store, max_claims=9)
    assert graph.graph["outcomes"] == graph.graph["matching"] == 9 and graph.graph["cap"] is None
    assert _kinds(graph)["cited_work"] == 2  # the whole graph stays, uncited works too
    assert _outcomes(graph) == _outcomes(view_graph(store, max_claims=None))


def test_the_claims_stated_by_most_papers_come_first(store: KgStore) -> None:
    graph = view_graph(store, max_claims=4)
    # the claim all three papers state, then endpoint (ORR before PFS_median) and value
    assert _outcomes(graph) == ["ORR 37%"] * 3 + ["ORR 40.0%"]
    assert graph.graph["cap"] == {"drawn": 4, "matching": 9, "max_claims": 4, "papers": 3, "papers_drawn": 3}
    tips = [data["title"] for _, data in graph.nodes(data=True) if data["label"] == "ORR 37%"]
    assert all("stated by 3 papers" in tip for tip in tips)


def test_the_order_is_deterministic(store: KgStore) -> None:
    picks = {tuple(sorted(n for n, kind in view_graph(store, max_claims=2).nodes(data="kind") if kind == "outcome"))
             for _ in range(3)}
    assert len(picks) == 1


def test_a_capped_page_holds_only_what_the_drawn_claims_touch(store: KgStore) -> None:
    graph = view_graph(store, max_claims=1)
    claim = next(node for node, kind in graph.nodes(data="kind") if kind == "outcome")
    kinds = _kinds(graph)
    assert kinds["outcome"] == 1 and kinds["paper"] == 1  # the two papers without a drawn claim go
    assert kinds["cited_work"] == 1  # the work the claim is attributed to, not the paper's other citation
    work = next(node for node, kind in graph.nodes(data="kind") if kind == "cited_work")
    assert graph.has_edge(claim, work)
    # the regimen, its drug, the drug's target, and the population with the subtype above it stay
    assert {"demolimab", "PD-L1", "ASPS", "STS"} <= {data["label"] for _, data in graph.nodes(data=True)}
    assert nx.is_connected(graph)
    assert graph.graph["cap"]["papers_drawn"] == 1 and graph.graph["cap"]["papers"] == 3


@pytest.mark.parametrize(("filters", "drawn", "matching", "labels"), [
    ({"endpoint": "PFS_median"}, 2, 3, ["PFS_median NR mo"] * 2),  # the cap does not take the ORR claims first
    ({"endpoint": "ORR", "min_value": 38}, 2, 3, ["ORR 40.0%"] * 2),  # 37 falls out before the cap
    ({"subtype": "STS"}, 2, 9, ["ORR 37%"] * 2),  # ASPS lies below STS
    ({"subtype": "UPS"}, 0, 0, []),
])
def test_the_filters_apply_before_the_cap(store: KgStore, filters: dict, drawn: int, matching: int,
                                          labels: list[str]) -> None:
    graph = view_graph(store, max_claims=2, **filters)
    assert _outcomes(graph) == labels
    assert (graph.graph["outcomes"], graph.graph["matching"]) == (drawn, matching)
    assert (graph.graph["cap"] is not None) == (matching > drawn)


def test_summary_says_what_was_left_out(store: KgStore, tmp_path: Path) -> None:
    summary = write_view(store, tmp_path / "v.html", max_claims=5)
    assert (summary.outcomes, summary.matching, summary.capped) == (5, 9, True)
    assert summary.cap_message() == ("drew 5 of 9 outcome claims; narrow with --subtype, --endpoint, --min or "
                                     "raise --max-claims")
    page = (tmp_path / "v.html").read_text(encoding="utf-8")
    assert 'id="kg-cap"' in page and "Drew 5 of 9 outcome claims" in page and "3 of 3 papers" in page
    summary = write_view(store, tmp_path / "all.html", max_claims=9)
    assert not summary.capped and summary.cap_message() == ""
    assert 'id="kg-cap"' not in (tmp_path / "all.html").read_text(encoding="utf-8")


def test_cli_prints_the_cap_on_stderr(store_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "view.html"
    result = runner.invoke(app, ["view", "--store", str(store_path), "-o", str(out), "--max-claims", "3"])
    assert result.exit_code == 0, result.output
    assert "drew 3 of 9 outcome claims; narrow with --subtype, --endpoint, --min or raise --max-claims" in result.stderr
    assert "drew" not in result.stdout and "3 outcome" in result.stdout
    result = runner.invoke(app, ["view", "--store", str(store_path), "-o", str(out), "--endpoint", "PFS_median",
                                 "--max-claims", "3"])
    assert result.exit_code == 0 and "drew" not in result.stderr  # the filter leaves 3: nothing is left out
    result = runner.invoke(app, ["view", "--store", str(store_path), "-o", str(out), "--max-claims", "0"])
    assert result.exit_code == 2


def test_the_cap_is_a_limit_in_the_query() -> None:
    assert "\n    LIMIT" not in outcomes_query(None)
    assert "\n    LIMIT 25\n" in outcomes_query(25)
    for wrong in (0, -3, True, 2.5, "7"):
        with pytest.raises(InputError, match="max-claims"):
            outcomes_query(wrong)  # type: ignore[arg-type]


def test_big_graphs_get_fewer_layout_iterations() -> None:
    assert layout_iterations(10) == layout_iterations(FULL_LAYOUT_NODES) == LAYOUT_ITERATIONS
    sizes = [FULL_LAYOUT_NODES + 1, FULL_LAYOUT_NODES * 3 // 2, FULL_LAYOUT_NODES * 5 // 2, FULL_LAYOUT_NODES * 5,
             50_000]
    counts = [layout_iterations(size) for size in sizes]
    assert counts == sorted(counts, reverse=True) and counts[0] < LAYOUT_ITERATIONS
    assert counts[-1] == MIN_LAYOUT_ITERATIONS


def test_the_cli_and_the_api_default_to_the_same_cap() -> None:
    import inspect

    from kg.present import cli
    from kg.present.graph import KnowledgeGraph
    from kg.present.view import DEFAULT_MAX_CLAIMS

    assert inspect.signature(cli.view).parameters["max_claims"].default == DEFAULT_MAX_CLAIMS
    assert inspect.signature(KnowledgeGraph.view).parameters["max_claims"].default == DEFAULT_MAX_CLAIMS
