"""The vocabulary graph (concepts and regimens the lexicon lacks) is a function of the set of papers a
store holds: the same whatever the order, the jobs, the batching, or the builds and removals that led
there. Papers are invented texts, read by the real pipeline into real on-disk stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import bulk_write
from kg.build.concepts import best_label, label_rank
from kg.build.pipeline import build_paths, remove_papers
from kg.build.vocabulary_write import PaperVocabulary
from kg.core.iris import (
    VOCABULARY_GRAPH,
    concept_iri,
    graph_iri,
    is_index_graph,
    is_spellings_graph,
    regimen_iri,
)
from kg.store.kg_store import KgStore
from ontology.lexicon import load_lexicon

LEXICON = load_lexicon()
_SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"

# two invented reports of one invented cooperative-group trial, spelled with and without its hyphen;
# each also names an invented drug the other does not
HYPHENATED = """Quivotinib for advanced leiomyosarcoma: a single-arm phase 2 study

Abstract
Background: We tested quivotinib in leiomyosarcoma within the SARC-047 trial.
Results: Among 20 patients with leiomyosarcoma, the objective response rate was 25.0% (5/20).

Methods
The SARC-047 study enrolled adults with leiomyosarcoma.
"""
RUN_TOGETHER = """Quivotinib after anthracyclines in leiomyosarcoma: results of SARC047

Abstract
Background: SARC047 enrolled adults with pretreated leiomyosarcoma to receive quivotinib or plenzatinib.
Results: Among 32 patients, the objective response rate was 18.8% (6/32) with plenzatinib.
"""
TRIAL = str(concept_iri("trial_id", "SARC047"))
ONLY_IN_RUN_TOGETHER = str(concept_iri("drug", "plenzatinib"))


def test_the_longest_spelling_ranks_first_then_one_printed_otherwise_than_the_key_then_code_points() -> None:
    assert best_label(["SARC047", "SARC-047"], "SARC047") == "SARC-047"
    # spaces are not counted, and fewer rank first: a typeset space does not beat the plain code
    assert best_label(["SARC 047", "SARC047"], "SARC047") == "SARC047"
    assert best_label(["SARC 047", "SARC-047"], "SARC047") == "SARC-047"
    assert best_label(["A099999", "Alliance A099999"], "ALLIANCE A099999") == "Alliance A099999"
    assert best_label(["ALLIANCE A099999", "Alliance A099999"], "ALLIANCE A099999") == "Alliance A099999"
    assert best_label(["Keynote-987", "KEYNOTE-987"], "KEYNOTE987") == "KEYNOTE-987"
    assert best_label([], "NCT09999999") == "NCT09999999"
    ranks = [label_rank(s, "K") for s in ("bb", "K", "a", "c")]
    assert sorted(ranks) == [(-2, 0, False, "bb"), (-1, 0, False, "a"), (-1, 0, False, "c"), (-1, 0, True, "K")]


def test_a_paper_s_vocabulary_rows_split_into_description_key_and_its_best_spelling() -> None:
    node = "<https://example.org/trial/X1>"
    rows = "\n".join([
        f"({node} <https://w3id.org/sarcoma-kg/ontology#key> \"X1\")",
        f"({node} <{_SKOS_LABEL}> \"X 1 \\\"b\\\"\")",
        f"({node} <{_SKOS_LABEL}> \"X1\")",
        "(<https://example.org/regimen/r> <https://w3id.org/sarcoma-kg/ontology#key> \"a + b\")",
    ])
    vocabulary = PaperVocabulary.of(rows)
    assert vocabulary.spellings == {node: 'X 1 "b"'}  # unescaped, the longest
    assert vocabulary.rows[node] == [f'{node} <https://w3id.org/sarcoma-kg/ontology#key> "X1" .']
    assert vocabulary.spelling("<https://example.org/regimen/r>") == "a + b"  # a regimen: its key


def _inputs(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hyphenated.txt").write_text(HYPHENATED, encoding="utf-8")
    (folder / "run_together.txt").write_text(RUN_TOGETHER, encoding="utf-8")
    return folder / "hyphenated.txt", folder / "run_together.txt"


def _vocabulary(store: KgStore) -> set[str]:
    """The vocabulary graph and the papers' spellings graphs, as quads."""
    return {str(q) for q in store.raw
            if q.graph_name.value == str(VOCABULARY_GRAPH) or is_spellings_graph(q.graph_name.value)}


def _content(store: KgStore) -> set[str]:
    """Every quad a reader sees, and the spellings (the builds graph records builds, not content)."""
    return {str(q) for q in store.raw
            if not is_index_graph(q.graph_name.value) or is_spellings_graph(q.graph_name.value)}


def _label(store: KgStore, node: str) -> list[str]:
    return sorted(str(row[0].value) for row in store.select(
        f"SELECT ?l WHERE {{ GRAPH <{VOCABULARY_GRAPH}> {{ <{node}> <{_SKOS_LABEL}> ?l }} }}").rows)


def _build(path: Path, *batches: list[Path], jobs: int = 0, force: bool = False) -> KgStore:
    """A store built from the batches in turn (`force`: unchanged papers are written again, not skipped)."""
    store = KgStore.open(path)
    for papers in batches:
        build_paths(papers, store, lexicon=LEXICON, jobs=jobs, force=force)
    return store


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """The vocabulary and content of stores that hold both papers, reached in different ways."""
    root = tmp_path_factory.mktemp("vocabulary")
    hyphenated, run_together = _inputs(root / "in")
    ways = {
        "together": ([hyphenated, run_together],),
        "reversed": ([run_together, hyphenated],),
        "hyphenated first": ([hyphenated], [run_together]),
        "run together first": ([run_together], [hyphenated]),
        "rewritten": ([hyphenated, run_together], [hyphenated, run_together]),
    }
    seen: dict[str, set[str]] = {}
    for name, batches in ways.items():
        with _build(root / name, *batches, force=name == "rewritten") as store:
            assert _label(store, TRIAL) == ["SARC-047"], name
            seen[name], seen[name + " content"] = _vocabulary(store), _content(store)
    with _build(root / "two jobs", [hyphenated, run_together], jobs=2) as store:
        seen["two jobs"], seen["two jobs content"] = _vocabulary(store), _content(store)
    return seen


def test_the_label_is_the_best_spelling_whatever_the_order_jobs_or_builds(stores: dict[str, set[str]]) -> None:
    together = stores["together"]
    assert any(TRIAL in quad and "SARC-047" in quad for quad in together)
    for name in ("reversed", "hyphenated first", "run together first", "rewritten", "two jobs"):
        assert stores[name] == together, name
        assert stores[name + " content"] == stores["together content"], name


def test_papers_written_one_by_one_each_by_bulk_loads_give_the_same_vocabulary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stores: dict[str, set[str]]) -> None:
    hyphenated, run_together = _inputs(tmp_path / "in")
    monkeypatch.setattr(bulk_write, "BULK_BYTES", 1)  # every paper takes the big-paper path
    with _build(tmp_path / "big", [run_together], [hyphenated]) as store:
        assert _vocabulary(store) == stores["together"]


@pytest.mark.parametrize("removed", ["hyphenated.txt", "run_together.txt"])
def test_removing_a_paper_leaves_what_a_fresh_build_of_the_others_gives(tmp_path: Path, removed: str) -> None:
    papers = _inputs(tmp_path / "in")
    kept = [p for p in papers if p.name != removed]
    with _build(tmp_path / "fresh", kept) as fresh:
        expected, expected_content = _vocabulary(fresh), _content(fresh)
    with _build(tmp_path / "both", list(papers)) as store:
        remove_papers([removed], store)
        assert _vocabulary(store) == expected
        assert _content(store) == expected_content
        # the trial's label falls back to the spelling the remaining paper prints
        assert _label(store, TRIAL) == (["SARC-047"] if removed == "run_together.txt" else ["SARC047"])
        # a drug only the removed paper named is described no more
        assert (_label(store, ONLY_IN_RUN_TOGETHER) == []) == (removed == "run_together.txt")
        remove_papers([kept[0].name], store)
        assert _vocabulary(store) == set()


def test_a_paper_rewritten_without_the_label_s_spelling_gives_it_back_to_the_others(tmp_path: Path) -> None:
    hyphenated, run_together = _inputs(tmp_path / "in")
    with _build(tmp_path / "s", [hyphenated, run_together]) as store:
        hyphenated.write_text(HYPHENATED.replace("SARC-047", "the trial"), encoding="utf-8")
        build_paths([hyphenated], store, lexicon=LEXICON)  # the one-update path, old version replaced
        rewritten = _vocabulary(store)
    with _build(tmp_path / "fresh", [hyphenated, run_together]) as fresh:
        assert _label(fresh, TRIAL) == ["SARC047"]
        assert rewritten == _vocabulary(fresh)


def test_a_removal_reads_the_others_spellings_only_of_the_nodes_whose_label_it_held(tmp_path: Path) -> None:
    from kg.build.vocabulary_write import VocabularyChange

    hyphenated, run_together = _inputs(tmp_path / "in")
    with _build(tmp_path / "s", [hyphenated, run_together]) as store:
        change = VocabularyChange(store)
        change.remove(str(graph_iri("run_together.txt")))
        # the trial's label is the other paper's spelling: it stays, and only the drug it alone named goes,
        # with the regimen of that drug alone
        assert not any("prefLabel" in part for part in change.parts)
        alone = str(regimen_iri(["plenzatinib"]))
        assert sorted(part for part in change.parts if part.startswith("DELETE WHERE")) == [
            f"DELETE WHERE {{ GRAPH <{VOCABULARY_GRAPH}> {{ <{node}> ?p ?o }} }}"
            for node in (ONLY_IN_RUN_TOGETHER, alone)]
