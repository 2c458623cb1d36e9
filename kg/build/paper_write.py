"""Writing or removing one paper as ONE SPARQL update (one transaction), touching only what it takes part in.

A paper's write replaces its named graph, adds the shared descriptions it links to (concepts and
regimens the lexicon lacks: kg.build.vocabulary_write; claim nodes) once, records its content hash,
and updates the derived conflicts for the comparison keys its old and new claims have. Nothing is
recomputed over the store, so the cost of a write does not grow with the number of papers already
in it (see DESIGN.md: "Derived graphs ... are updated for the keys a changed paper touches").
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from datetime import UTC, datetime

import rdflib

from kg.build.answer_parts import added_marks, mark_removed
from kg.build.prepare import PreparedPaper
from kg.build.vocabulary_write import LexiconNodes, VocabularyChange
from kg.core.iris import (
    BUILDS_GRAPH,
    CLAIMS_GRAPH,
    HIDDEN_GRAPH,
    LEXICON_GRAPH,
    VOCABULARY_GRAPH,
    paper_answers_graph,
)
from kg.core.nt import iri as _iri
from kg.core.nt import literal as _lit
from kg.quality.conflicts import conflict_updates
from kg.store.build_record import LAST_BUILD
from kg.store.kg_store import KgStore, ntriples
from ontology.namespace import SKG_IRI

_SKG = SKG_IRI
_XSD = "http://www.w3.org/2001/XMLSchema#"


def old_comparison_keys(store: KgStore, graph_iri: str) -> set[str]:
    """Comparison keys of the claims a paper's graph in the store states now (before it is replaced)."""
    rows = store.select(f"""SELECT DISTINCT ?key WHERE {{
        GRAPH {_iri(graph_iri)} {{ ?m <{_SKG}claim> ?c }}
        GRAPH {_iri(CLAIMS_GRAPH)} {{ ?c <{_SKG}comparisonKey> ?key }} }}""")
    return {str(row[0].value) for row in rows.rows if row[0] is not None}


def stored_hash(store: KgStore, graph_iri: str) -> str | None:
    """The content hash recorded when the paper's graph was last written (None: not in the store)."""
    rows = store.select(f"SELECT ?h WHERE {{ GRAPH {_iri(BUILDS_GRAPH)} {{ {_iri(graph_iri)} "
                        f"<{_SKG}contentHash> ?h }} }}")
    return str(rows.rows[0][0].value) if rows.rows and rows.rows[0][0] is not None else None


def _drop_paper(graph: str) -> list[str]:
    """Forget the paper's graph, its bookkeeping, and the claim nodes no other paper states."""
    claims = _iri(CLAIMS_GRAPH)
    return [
        f"""DELETE {{ GRAPH {claims} {{ ?c ?p ?o }} }} WHERE {{
  {{ SELECT DISTINCT ?c WHERE {{ GRAPH {graph} {{ ?m <{_SKG}claim> ?c }} }} }}
  FILTER NOT EXISTS {{ GRAPH ?other {{ ?m2 <{_SKG}claim> ?c }} FILTER (?other != {graph}) }}
  GRAPH {claims} {{ ?c ?p ?o }}
}}""",
        f"DROP SILENT GRAPH {graph}",
        f"DROP SILENT GRAPH {_iri(paper_answers_graph(graph.strip('<>')))}",
        f"DELETE WHERE {{ GRAPH {_iri(BUILDS_GRAPH)} {{ {graph} ?p ?o }} }}",
    ]


def record_hash_update(graph_iri: str, digest: str) -> str:
    """Record a graph's content hash (the lexicon's; a paper's is part of its `bookkeeping`)."""
    graph, builds = _iri(graph_iri), _iri(BUILDS_GRAPH)
    return (f"DELETE WHERE {{ GRAPH {builds} {{ {graph} <{_SKG}contentHash> ?h }} }} ;\n"
            f"INSERT DATA {{ GRAPH {builds} {{ {graph} <{_SKG}contentHash> {_lit(digest)} }} }}")


def bookkeeping(graph: str, content_hash: str, source_path: str, build: str) -> str:
    """A paper graph's record in the builds graph (a GRAPH block for INSERT DATA)."""
    return (f"GRAPH {_iri(BUILDS_GRAPH)} {{ {graph} <{_SKG}contentHash> {_lit(content_hash)} ; "
            f"<{_SKG}sourcePath> {_lit(source_path)} ; <{_SKG}writtenBy> {_iri(build)} . }}")


def vocabulary_removal(store: KgStore, graph_iri: str, lexicon: LexiconNodes | None = None) -> list[str]:
    """The vocabulary update parts for a paper leaving the store (kg.build.vocabulary_write)."""
    change = VocabularyChange(store, lexicon)
    change.remove(graph_iri)
    return change.parts


def removal_update(store: KgStore, graph_iri: str, lexicon: LexiconNodes | None = None) -> str:
    """The update that removes a paper the store holds, its vocabulary's part included."""
    return remove_paper_update(graph_iri, old_comparison_keys(store, graph_iri),
                               vocabulary_removal(store, graph_iri, lexicon))


def _parts_data(paper: PreparedPaper, with_parts: bool, written_rows: Set[str] = frozenset()) -> list[str]:
    """GRAPH blocks (for INSERT DATA): the marks of the paper's answer parts as added (but for the
    `written_rows`, N-Triples IRIs of rows written with the paper), and the parts themselves unless
    they were bulk-loaded."""
    if not paper.answer_parts:
        return []
    parts_graph = paper_answers_graph(paper.graph_iri)
    data = [f"GRAPH {_iri(parts_graph)} {{\n{paper.answer_parts}\n}}"] if with_parts else []
    marks = added_marks(paper.answer_parts, parts_graph, written_rows)
    if marks:
        data.append(f"GRAPH {_iri(BUILDS_GRAPH)} {{ {marks} }}")
    return data


def write_paper_update(paper: PreparedPaper, content_hash: str, source_path: str, build: str,
                       old_keys: set[str], vocabulary: list[str]) -> str:
    """The update that (re)places one paper: its graph, shared descriptions (`vocabulary`: the parts a
    `VocabularyChange` made for its old version's removal and its addition), bookkeeping, conflicts, and
    its parts of the answer rows (the rows follow when the build ends: `answers.refresh_pending_rows`)."""
    graph = _iri(paper.graph_iri)
    parts_graph = paper_answers_graph(paper.graph_iri)
    data = [f"GRAPH {graph} {{\n{paper.graph_nt}\n}}"]
    if paper.claims_nt:
        data.append(f"GRAPH {_iri(CLAIMS_GRAPH)} {{\n{paper.claims_nt}\n}}")
    data.append(bookkeeping(graph, content_hash, source_path, build))
    data.extend(_parts_data(paper, with_parts=True))
    keys = old_keys | paper.comparison_keys
    # the old claims' conflict edges are found through their keys, and the old parts through the
    # paper's answers graph, so they go before the graph and the claims do
    parts = [*conflict_updates(keys)[:1], mark_removed(parts_graph), *_drop_paper(graph),
             "INSERT DATA {\n" + "\n".join(data) + "\n}", *vocabulary]
    parts.extend(conflict_updates(keys)[1:])
    return " ;\n".join(parts)


@dataclass(frozen=True)
class HiddenPaper:
    """A paper loaded into hidden graphs, its answer parts with it, waiting for its last step."""

    paper: PreparedPaper
    content_hash: str
    source_path: str


def finish_hidden_papers_update(papers: list[HiddenPaper], build: str, vocabulary: VocabularyChange,
                                written_rows: Set[str] = frozenset(), rows_graphs: Iterable[str] = ()) -> str:
    """The last step of papers loaded into hidden graphs (their old versions removed before), as one
    update: add their claims, bookkeeping and vocabulary (`vocabulary`: a change for this update, which
    each paper is added to), mark their parts added (the rows follow when the build ends) but for the
    `written_rows` loaded with them (N-Triples IRIs; in `rows_graphs`), update the conflicts of every
    comparison key they state once, and show them.
    Used by the big-paper path (kg.build.bulk_write) and by batches (kg.build.batch_write)."""
    keys = set().union(*(hidden.paper.comparison_keys for hidden in papers))
    conflicts = conflict_updates(keys)
    parts = conflicts[:1]
    for hidden in papers:
        paper = hidden.paper
        data = [f"GRAPH {_iri(CLAIMS_GRAPH)} {{\n{paper.claims_nt}\n}}"] if paper.claims_nt else []
        data.append(bookkeeping(_iri(paper.graph_iri), hidden.content_hash, hidden.source_path, build))
        data.extend(_parts_data(paper, with_parts=False, written_rows=written_rows))
        parts.append("INSERT DATA {\n" + "\n".join(data) + "\n}")
        vocabulary.add(paper)
    parts.extend(vocabulary.parts)
    parts.extend(conflicts[1:])
    parts.append(show_update([*(g for hidden in papers
                                for g in (hidden.paper.graph_iri, paper_answers_graph(hidden.paper.graph_iri))),
                              *rows_graphs]))
    return " ;\n".join(parts)


def hide_update(graphs: Iterable[str]) -> str:
    """Mark graphs as being written: queries, exports and counts leave them out until `show_update`
    (a build that finds them marked at its start drops them: they are what a killed write left)."""
    marks = " ".join(f"{_iri(BUILDS_GRAPH)} <{HIDDEN_GRAPH}> {_iri(g)} ." for g in graphs)
    return f"INSERT DATA {{ GRAPH {_iri(BUILDS_GRAPH)} {{ {marks} }} }}"


def show_update(graphs: Iterable[str]) -> str:
    builds = _iri(BUILDS_GRAPH)
    return " ;\n".join(f"DELETE DATA {{ GRAPH {builds} {{ {builds} <{HIDDEN_GRAPH}> {_iri(g)} }} }}" for g in graphs)


def discard_hidden_update(store: KgStore) -> str | None:
    """Drop the graphs a killed write left half-loaded (and their marks); None when there are none."""
    hidden = sorted(store.hidden_graphs())
    if not hidden:
        return None
    return " ;\n".join([*(f"DROP SILENT GRAPH {_iri(g)}" for g in hidden), show_update(hidden)])


def remove_paper_update(graph_iri: str, old_keys: set[str], vocabulary: list[str]) -> str:
    """Remove a paper: its graphs, bookkeeping, the claims only it stated, its conflicts, and its part of
    the vocabulary (`vocabulary_removal`)."""
    deleted, *inserted = conflict_updates(old_keys) or [""]
    graph = _iri(graph_iri)
    parts = [deleted, mark_removed(paper_answers_graph(graph_iri)), *_drop_paper(graph), *vocabulary, *inserted]
    return " ;\n".join(part for part in parts if part)


def mark_written_update(graph_iri: str, build: str) -> str:
    """An unchanged paper a build skipped still counts as done by that build."""
    graph = _iri(graph_iri)
    return (f"DELETE WHERE {{ GRAPH {_iri(BUILDS_GRAPH)} {{ {graph} <{_SKG}writtenBy> ?b }} }} ;\n"
            f"INSERT DATA {{ GRAPH {_iri(BUILDS_GRAPH)} {{ {graph} <{_SKG}writtenBy> {_iri(build)} }} }}")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def start_build_update(build: str, command: str) -> str:
    """Mark the store: a build is running (cleared by `finish_build_update`; a crash leaves it)."""
    last, builds = _iri(LAST_BUILD), _iri(BUILDS_GRAPH)
    return (f"DELETE WHERE {{ GRAPH {builds} {{ {last} ?p ?o }} }} ;\n"
            f"INSERT DATA {{ GRAPH {builds} {{ {last} <{_SKG}buildRun> {_iri(build)} ; "
            f"<{_SKG}buildStarted> \"{_now()}\"^^<{_XSD}dateTime> ; <{_SKG}buildCommand> {_lit(command)} ; "
            f"<{_SKG}buildStatus> \"running\" }} }}")


def finish_build_update() -> str:
    last, builds = _iri(LAST_BUILD), _iri(BUILDS_GRAPH)
    return (f"DELETE WHERE {{ GRAPH {builds} {{ {last} <{_SKG}buildStatus> ?s }} }} ;\n"
            f"INSERT DATA {{ GRAPH {builds} {{ {last} <{_SKG}buildStatus> \"finished\" ; "
            f"<{_SKG}buildFinished> \"{_now()}\"^^<{_XSD}dateTime> }} }}")


def lexicon_update(triples: rdflib.Graph) -> str:
    """Replace the lexicon graph, and drop from the vocabulary graph what the lexicon now describes."""
    lexicon, vocabulary = _iri(LEXICON_GRAPH), _iri(VOCABULARY_GRAPH)
    return (f"DROP SILENT GRAPH {lexicon} ;\nINSERT DATA {{ GRAPH {lexicon} {{\n{ntriples(triples)}\n}} }} ;\n"
            f"DELETE {{ GRAPH {vocabulary} {{ ?c ?p ?o }} }} WHERE {{ GRAPH {lexicon} {{ ?c <{_SKG}key> ?k }} "
            f"GRAPH {vocabulary} {{ ?c ?p ?o }} }}")
