"""`kg view`: offline HTML (no remote scripts or styles), escaped text, a node per kind."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import ViewError
from kg.samples import load_samples, sample_records
from kg.store import KgStore
from kg.view import render_html, view_graph, write_view
from ontology.lexicon import Concept, Lexicon

EVIL = "</script><script>alert('x')</script> & <b>bold</b>"
REMOTE = re.compile(r"<(?:script|link)\b[^>]*(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE)


@pytest.fixture
def html_page(tmp_path: Path) -> str:
    lexicon = Lexicon([Concept("drug", "demolimab", "demolimab", targets=("PD-L1",)),
                       Concept("subtype", "ASPS", "alveolar soft part sarcoma", parents=("STS",))])
    with KgStore.open(tmp_path / "store") as store:
        load_samples(store, [sample_records(title=EVIL)], lexicon)
        summary = write_view(store, tmp_path / "view.html")
    assert summary.kinds == {"paper": 1, "drug": 2, "subtype": 2, "target": 1, "regimen": 2, "cited_work": 2}
    return (tmp_path / "view.html").read_text(encoding="utf-8")


def test_offline_no_remote_resources(html_page: str) -> None:
    assert not REMOTE.search(html_page)
    assert "cdn.jsdelivr" not in html_page and "cdnjs" not in html_page
    assert "vis.Network" in html_page  # vis-network is inlined
    assert 'id="kg-legend"' in html_page


def test_paper_text_is_escaped(html_page: str) -> None:
    assert "<script>alert" not in html_page
    assert "<b>bold</b>" not in html_page
    assert "&lt;script&gt;alert" in html_page or "\\u0026lt;script\\u0026gt;alert" in html_page


def test_view_graph_edges(tmp_path: Path) -> None:
    with KgStore.open(tmp_path / "store") as store:
        load_samples(store)
        graph = view_graph(store)
    relations = {data["relation"] for _, _, data in graph.edges(data=True)}
    assert relations == {"mentions", "cites", "reports", "component"}


def test_a_remote_link_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from pyvis.network import Network

    original = Network.generate_html

    def with_remote(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        return original(self, *args, **kwargs).replace(
            "</head>", '<script src="https://example.org/x.js"></script></head>', 1)

    monkeypatch.setattr(Network, "generate_html", with_remote)
    graph = nx.Graph()
    graph.add_node("https://example.org/a", kind="paper", label="a", title="")
    with pytest.raises(ViewError, match="remote"):
        render_html(graph)
