"""`kg export`: every format parses back (rdflib) to the same triples; rebuilds export identically."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.concepts import build_lexicon_graph
from kg.errors import InputError
from kg.export import EXPORTERS, export
from kg.rdf_build import build_paper
from kg.samples import load_samples, sample_records
from kg.store import KgStore
from ontology.lexicon import Concept, Lexicon

LEXICON = Lexicon([
    Concept("subtype", "ASPS", "alveolar soft part sarcoma", synonyms=('ASPS "quoted"',), parents=("STS",)),
    Concept("subtype", "STS", "soft tissue sarcoma"),
])
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")
RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "nq": "nquads", "trig": "trig"}


def _records() -> list:
    hostile = sample_records("odd name & <x>.txt", doi="", title='A "quoted" <b>title</b> \\ with é')
    return [sample_records(), hostile]


def _expected() -> rdflib.Graph:
    graph = rdflib.Graph()
    for records in _records():
        graph += build_paper(records, LEXICON).graph
    graph += build_lexicon_graph(LEXICON)[0]
    return graph


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "store"
    with KgStore.open(path) as store:
        load_samples(store, _records(), LEXICON)
    return path


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_round_trip_is_isomorphic(store_dir: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"graph.{fmt}"
    with KgStore.open(store_dir, read_only=True) as store:
        count = export(store, fmt, out)
        graph_names = set(store.named_graphs())
    expected = _expected()
    if EXPORTERS[fmt].dataset:
        dataset = rdflib.Dataset()
        dataset.parse(out, format=RDFLIB_FORMATS[fmt])
        names = {str(g.identifier) for g in dataset.graphs() if len(g)}
        assert names == graph_names
        union = rdflib.Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        assert count == sum(len(g) for g in dataset.graphs())
    else:
        union = rdflib.Graph().parse(out, format=RDFLIB_FORMATS[fmt])
        assert count == len(union)
    assert isomorphic(union, expected)
    assert set(union) == set(expected)  # no blank nodes: isomorphism is plain set equality


def test_paper_graphs_stay_apart_in_trig(store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.trig"
    with KgStore.open(store_dir, read_only=True) as store:
        export(store, "trig", out)
    dataset = rdflib.Dataset()
    dataset.parse(out, format="trig")
    paper = build_paper(sample_records(), LEXICON)
    assert set(dataset.graph(paper.graph_iri)) == set(paper.graph)


def test_rebuild_exports_identical_bytes(tmp_path: Path) -> None:
    outputs = []
    for attempt in range(2):
        with KgStore.open(tmp_path / f"store{attempt}") as store:
            load_samples(store, _records(), LEXICON)
            load_samples(store, _records(), LEXICON)  # building again replaces, never adds
            for fmt in ("nq", "ttl"):
                export(store, fmt, tmp_path / f"{attempt}.{fmt}")
        outputs.append([(tmp_path / f"{attempt}.{fmt}").read_bytes() for fmt in ("nq", "ttl")])
    assert outputs[0] == outputs[1]


def test_unknown_format(store_dir: Path, tmp_path: Path) -> None:
    with KgStore.open(store_dir, read_only=True) as store, pytest.raises(InputError, match="unknown export"):
        export(store, "xml", tmp_path / "x.xml")
