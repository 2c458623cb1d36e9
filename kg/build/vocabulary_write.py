"""The shared vocabulary graph as a function of the set of papers the store holds.

Concepts and regimens a paper links to that the lexicon lacks (trials, drugs found by their shape,
regimens) are described once, in the vocabulary graph: type, key and components are the same from
every paper; the label is the best of the spellings the papers give the concept
(`kg.build.concepts.label_rank`: the longest, spaces not counted, then fewer spaces, then one printed
otherwise than the key, then code point order). So the graph does not depend on the order papers are
written in (`--jobs`, the order of the inputs, one build or many), and after a paper is removed it is
what a fresh build of the others gives.

Each paper keeps its own spellings in its spellings graph (`kg.core.iris.paper_spellings_graph`, an
index dropped with the paper): `<node> skg:spelling "..."` for every vocabulary node it links to, a
concept's best spelling in the paper, a regimen's key. Writing a paper compares its spelling with the
label the vocabulary graph holds (one lookup per node); removing one reads, per node it spelled, the
other papers' spellings of that node only when it is left without any or its label was the removed
paper's spelling and no other paper gives it. Neither reads the vocabulary or the papers at large.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.build.answer_parts import lexical
from kg.build.concepts import best_label
from kg.core.iris import LEXICON_GRAPH, VOCABULARY_GRAPH, is_spellings_graph, paper_spellings_graph
from kg.core.nt import iri as _iri
from kg.core.nt import literal as _lit
from ontology.namespace import SKG_IRI

if TYPE_CHECKING:
    from collections.abc import Iterator

    import pyoxigraph as ox

    from kg.build.prepare import PreparedPaper
    from kg.store.kg_store import KgStore

SPELLING = SKG_IRI + "spelling"
_PREF_LABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
_KEY = f"<{SKG_IRI}key>"


@dataclass(frozen=True)
class PaperVocabulary:
    """A paper's vocabulary rows (`PreparedPaper.vocabulary_rows`) by node: its description but the
    label (N-Triples lines), its key, and the paper's spelling of it (labelled nodes only)."""

    rows: dict[str, list[str]]
    keys: dict[str, str]
    spellings: dict[str, str]

    @classmethod
    def of(cls, vocabulary_rows: str) -> PaperVocabulary:
        rows: dict[str, list[str]] = defaultdict(list)
        labels: dict[str, list[str]] = defaultdict(list)
        keys: dict[str, str] = {}
        for row in vocabulary_rows.splitlines():
            subject, predicate, obj = row.strip()[1:-1].split(" ", 2)  # "(s p o)", o may hold spaces
            if predicate == _PREF_LABEL:
                labels[subject].append(lexical(obj))
                continue
            rows[subject].append(f"{subject} {predicate} {obj} .")
            if predicate == _KEY:
                keys[subject] = lexical(obj)
        spellings = {node: best_label(spelled, keys.get(node, "")) for node, spelled in labels.items()}
        return cls(dict(rows), keys, spellings)

    def spelling(self, node: str) -> str:
        """What the paper's spellings graph holds for a node: its label as the paper spells it, else its key."""
        return self.spellings.get(node, self.keys.get(node, ""))


class LexiconNodes:
    """Which nodes the store's lexicon graph describes: their label is the lexicon's, never the papers'.
    Asked once per node per build (the lexicon graph is written before a build's papers)."""

    def __init__(self, store: KgStore) -> None:
        import pyoxigraph as ox

        # the store, not its database handle: a handle kept here would hold the database open
        self.store, self.ox = store, ox
        self.key, self.graph = ox.NamedNode(SKG_IRI + "key"), ox.NamedNode(str(LEXICON_GRAPH))
        self.known: dict[str, bool] = {}

    def holds(self, node: str) -> bool:
        """Whether the lexicon describes `node` (an N-Triples IRI)."""
        if node not in self.known:
            quads = self.store.raw.quads_for_pattern(self.ox.NamedNode(node[1:-1]), self.key, None, self.graph)
            self.known[node] = next(iter(quads), None) is not None
        return self.known[node]


class VocabularyChange:
    """The update parts that keep the vocabulary graph a function of the papers, for papers removed and
    then added in one update (`remove`, `add`, then `parts`). The store is read when a part is made, so
    the labels the parts set are remembered here: a later paper of the same update compares with them."""

    def __init__(self, store: KgStore, lexicon: LexiconNodes | None = None) -> None:
        import pyoxigraph as ox

        self.store, self.ox = store, ox
        self.lexicon = lexicon if lexicon is not None else LexiconNodes(store)
        self.parts: list[str] = []
        self.labels: dict[str, str | None] = {}
        """node -> its label once the parts so far have run (None: not described)."""
        self.dropped: set[str] = set()
        """Spellings graphs of papers removed by this update: their spellings no longer count."""
        self._spelling = ox.NamedNode(SPELLING)
        self._vocabulary = ox.NamedNode(str(VOCABULARY_GRAPH))

    def _node(self, node: str) -> ox.NamedNode:
        return self.ox.NamedNode(node[1:-1])

    def _stored(self, node: str, predicate: str) -> str | None:
        quad = next(iter(self.store.raw.quads_for_pattern(self._node(node), self.ox.NamedNode(predicate[1:-1]),
                                                          None, self._vocabulary)), None)
        return None if quad is None else quad.object.value

    def label(self, node: str) -> str | None:
        """The node's label in the vocabulary graph once the parts so far have run."""
        return self.labels[node] if node in self.labels else self._stored(node, _PREF_LABEL)

    def _set_label(self, node: str, label: str) -> None:
        if self.label(node) == label:
            return
        vocabulary = _iri(str(VOCABULARY_GRAPH))
        self.parts.append(f"DELETE WHERE {{ GRAPH {vocabulary} {{ {node} {_PREF_LABEL} ?label }} }}")
        self.parts.append(f"INSERT DATA {{ GRAPH {vocabulary} {{ {node} {_PREF_LABEL} {_lit(label)} }} }}")
        self.labels[node] = label

    def _others(self, node: str, spelled: str | None = None) -> Iterator[str]:
        """Other papers' spellings of a node (`spelled`: only that one), papers this update removes aside."""
        literal = None if spelled is None else self.ox.Literal(spelled)
        for quad in self.store.raw.quads_for_pattern(self._node(node), self._spelling, literal, None):
            graph = quad.graph_name
            if isinstance(graph, self.ox.NamedNode) and is_spellings_graph(graph.value) \
                    and graph.value not in self.dropped:
                yield quad.object.value

    def remove(self, paper_graph: str) -> None:
        """The paper leaves: the nodes only it linked to lose their description, and a label that was its
        spelling (no other paper giving it) becomes the best of the other papers' spellings."""
        graph = paper_spellings_graph(paper_graph)
        self.dropped.add(graph)
        vocabulary = _iri(str(VOCABULARY_GRAPH))
        for quad in self.store.raw.quads_for_pattern(None, self._spelling, None, self.ox.NamedNode(graph)):
            node, spelled = _iri(quad.subject.value), quad.object.value
            others = self._others(node)
            first = next(others, None)
            if first is None:
                self.parts.append(f"DELETE WHERE {{ GRAPH {vocabulary} {{ {node} ?p ?o }} }}")
                self.labels[node] = None
                continue
            label = self.label(node)
            if label is None or label != spelled or next(self._others(node, spelled), None) is not None:
                continue  # a regimen (no label), or the label is another paper's spelling too
            self._set_label(node, best_label([first, *others], self._stored(node, _KEY) or ""))
        self.parts.append(f"DROP SILENT GRAPH {_iri(graph)}")

    def add(self, paper: PreparedPaper) -> None:
        """The paper's nodes the lexicon lacks: their description (inserting what is there is a no-op), the
        paper's spellings, and a label where the paper's spelling ranks before the one held."""
        vocabulary = PaperVocabulary.of(paper.vocabulary_rows)
        nodes = sorted(node for node in vocabulary.rows if not self.lexicon.holds(node))
        if not nodes:
            return
        graph = paper_spellings_graph(paper.graph_iri)
        self.dropped.discard(graph)
        description = "\n".join(row for node in nodes for row in vocabulary.rows[node])
        spellings = "\n".join(f"{node} <{SPELLING}> {_lit(vocabulary.spelling(node))} ." for node in nodes)
        self.parts.append(f"INSERT DATA {{ GRAPH {_iri(str(VOCABULARY_GRAPH))} {{\n{description}\n}}\n"
                          f"GRAPH {_iri(graph)} {{\n{spellings}\n}} }}")
        for node in nodes:
            spelled = vocabulary.spellings.get(node)
            if spelled is None:
                continue  # a regimen: no label
            held = self.label(node)
            self._set_label(node, spelled if held is None else best_label((held, spelled), vocabulary.keys[node]))
