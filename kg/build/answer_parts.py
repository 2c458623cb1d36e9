"""What one paper contributes to the outcome question's rows: its *parts*, computed in Python from
the paper's own triples (in the worker that built them, or from its graph in the store).

A part is `<row> skg:answerPart "..."` in the paper's answers graph (`paper_answers_graph`), one per
row the paper's measurements take part in: the row is the claim a measurement states, or the
measurement itself when it states none (a cited number whose work is unknown). The literal holds
the row's IRI and, per field of `answer_state.PART_FIELDS`, the distinct values the paper's
measurements of that row have (encoded, U+001E between values, U+001F between fields);
kg.build.answer_state joins the parts of every paper into the row.

The values are those of the SPARQL this replaces (tests/answer_parts_sparql.py keeps it as the
oracle): every outcome measurement with a cohort whose population has a key, a keyed endpoint, a
printed value, a scope, a publication with its source file and a quoted evidence, crossed with its
optional cells; each field's values sorted (SPARQL left their order to the engine), the selectors
sorted by their text, the quote the largest ranked one ("CI flag, n flag|quote").

Concept keys and the subtype hierarchy come from `Concepts`: in a worker, the lexicon it reads with
and the paper's own vocabulary (`lexicon_concepts`); for a paper already in the store, the store's
lexicon and vocabulary graphs (`StoreConcepts`). The paper's write also leaves marks in the builds
graph, so that the rows are brought up to date once, when the build ends
(kg.build.answers.refresh_pending_rows):
- `<row> skg:partAddedIn <paper answers graph>`: a part was written;
- `<row> skg:partRemoved "part"`: a part was dropped (the paper was rewritten or removed).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Set
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from kg.build.answer_state import PART_FIELDS, RECORD_SEPARATOR, UNIT_SEPARATOR, encode
from kg.core.iris import BUILDS_GRAPH, LEXICON_GRAPH
from kg.core.nt import NtTriple, literal
from kg.core.nt import iri as _iri
from ontology.namespace import SKG_IRI

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.store.kg_store import KgStore
    from ontology.lexicon import Lexicon

_SKG = SKG_IRI
ANY = "*"
PART = _SKG + "answerPart"
ADDED = _SKG + "partAddedIn"
REMOVED = _SKG + "partRemoved"

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_MEASUREMENT = f"<{_SKG}OutcomeMeasurement>"
_KEY, _BROADER = f"<{_SKG}key>", f"<{_SKOS}broader>"
_COHORT, _ENDPOINT, _POPULATION, _SUBGROUP = (f"<{_SKG}{n}>" for n in ("cohort", "endpoint", "population", "subgroup"))
_VALUE_PRINTED, _SCOPE, _REPORTED_IN, _SOURCE_FILE = (
    f"<{_SKG}{n}>" for n in ("valuePrinted", "scope", "reportedIn", "sourceFile"))
_DERIVED, _QUOTE = "<http://www.w3.org/ns/prov#wasDerivedFrom>", f"<{_SKG}quote>"
_FIRST_AUTHOR, _DATE = f"<{_SKG}firstAuthor>", "<http://purl.org/dc/terms/date>"
_ATTRIBUTED, _VALUE, _UNIT, _CLAIM, _REGIMEN = (
    f"<{_SKG}{n}>" for n in ("attributedTo", "value", "unit", "claim", "regimen"))
_CI_LOW, _CI_HIGH, _N = f"<{_SKG}ciLowPrinted>", f"<{_SKG}ciHighPrinted>", f"<{_SKG}sampleSize>"
_READ = frozenset({_TYPE, _COHORT, _ENDPOINT, _POPULATION, _SUBGROUP, _VALUE_PRINTED, _SCOPE, _REPORTED_IN,
                   _SOURCE_FILE, _DERIVED, _QUOTE, _FIRST_AUTHOR, _DATE, _ATTRIBUTED, _VALUE, _UNIT, _CLAIM,
                   _REGIMEN, _CI_LOW, _CI_HIGH, _N})
"""The predicates a part is made from (a paper's other triples are not indexed)."""


class Concepts(Protocol):
    """Concept keys and the subtype hierarchy, as the store holds them (terms as N-Triples text)."""

    def key(self, node: str) -> str | None:
        """The node's `skg:key` (None: it has none)."""

    def groups(self, node: str) -> Iterable[str]:
        """The keys of the node and of every node it lies under (`skos:broader*` in the lexicon graph:
        nothing for a node the lexicon graph does not hold, as Oxigraph evaluates the path)."""


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    return chr(int(code, 16)) if code else _ECHARS[match.group(3)]


def lexical(term: str) -> str:
    """What SPARQL's STR gives for an N-Triples term: an IRI's text, a literal's lexical form."""
    if term.startswith("<"):
        return term[1:-1]
    text = term[1:term.rfind('"')]
    return _ESCAPE.sub(_unescape, text) if "\\" in text else text


class LexiconConcepts:
    """Keys and hierarchy from a lexicon (as `kg.build.concepts.lexicon_triples` makes it for the
    store) and from a paper's vocabulary triples (the concepts and regimens the lexicon lacks)."""

    def __init__(self, keys: dict[str, str], closure: dict[str, tuple[str, ...]]) -> None:
        self.keys, self.closure = keys, closure

    def key(self, node: str) -> str | None:
        return self.keys.get(node)

    def groups(self, node: str) -> list[str]:
        return [key for above in self.closure.get(node, ()) if (key := self.keys.get(above)) is not None]


@lru_cache(maxsize=4)
def _lexicon_index(lexicon: Lexicon | None) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """(node -> key, node -> itself and every node above it) of the lexicon graph, for every node the
    graph holds, once per lexicon (None: no lexicon graph)."""
    if lexicon is None:
        return {}, {}
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    from kg.build.concepts import lexicon_triples
    from ontology.namespace import SKG

    triples, _ = lexicon_triples(lexicon)
    keys = {f"<{s}>": str(o) for s, p, o in triples if p == SKG.key}
    parents: dict[str, set[str]] = defaultdict(set)
    for s, p, o in triples:
        if p == SKOS.broader:
            parents[f"<{s}>"].add(f"<{o}>")
    held = {f"<{term}>" for triple in triples for term in (triple[0], triple[2]) if isinstance(term, URIRef)}
    closure = {}
    for node in held:
        seen, todo = [node], [node]
        while todo:
            for parent in sorted(parents.get(todo.pop(), ())):
                if parent not in seen:
                    seen.append(parent)
                    todo.append(parent)
        closure[node] = tuple(seen)
    return keys, closure


def lexicon_concepts(lexicon: Lexicon | None, vocabulary: Iterable[NtTriple]) -> LexiconConcepts:
    """What a worker knows of the store's concepts when it builds a paper with `lexicon` (the one the
    build writes to the store) and the paper's own vocabulary triples."""
    keys, closure = _lexicon_index(lexicon)
    own = {s: lexical(o) for s, p, o in vocabulary if p == _KEY and s not in keys}
    return LexiconConcepts({**keys, **own} if own else keys, closure)


class StoreConcepts:
    """Keys (from any graph) and hierarchy (the lexicon graph) read from the store, for the parts of a
    paper already written (`kg.build.answers.recompute_all_rows`)."""

    def __init__(self, store: KgStore) -> None:
        import pyoxigraph as ox

        self.store, self.ox = store, ox
        self.key_term, self.broader = ox.NamedNode(_SKG + "key"), ox.NamedNode(_SKOS + "broader")
        self.lexicon = ox.NamedNode(str(LEXICON_GRAPH))
        self._keys: dict[str, str | None] = {}
        self._groups: dict[str, list[str]] = {}

    def key(self, node: str) -> str | None:
        if node not in self._keys:
            subject = self.ox.NamedNode(lexical(node))
            quad = next(iter(self.store.raw.quads_for_pattern(subject, self.key_term, None, None)), None)
            self._keys[node] = quad.object.value if quad is not None else None
        return self._keys[node]

    def _held(self, node: ox.NamedNode) -> bool:
        """Whether the lexicon graph holds the node (as a subject or an object)."""
        return any(True for _ in self.store.raw.quads_for_pattern(node, None, None, self.lexicon)) or \
            any(True for _ in self.store.raw.quads_for_pattern(None, None, node, self.lexicon))

    def groups(self, node: str) -> list[str]:
        if node not in self._groups:
            held = self._held(self.ox.NamedNode(lexical(node)))
            seen, todo = ([node], [node]) if held else ([], [])
            while todo:
                subject = self.ox.NamedNode(lexical(todo.pop()))
                for quad in self.store.raw.quads_for_pattern(subject, self.broader, None, self.lexicon):
                    parent = str(quad.object)
                    if parent not in seen:
                        seen.append(parent)
                        todo.append(parent)
            self._groups[node] = [key for above in seen if (key := self.key(above)) is not None]
        return self._groups[node]


_Index = dict[str, dict[str, list[str]]]


def _index(triples: Iterable[NtTriple]) -> _Index:
    index: _Index = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        if p in _READ:
            index[s][p].append(o)
    return index


def _texts(terms: Iterable[str]) -> list[str | None]:
    """Lexical forms, or [None] (an OPTIONAL left unbound) when there are none."""
    return [lexical(t) for t in terms] or [None]


_EMPTY: dict[str, list[str]] = {}


def _work_label(name: str, year: str) -> str:
    """"Tan 2024"; a work without a year is its name alone (no trailing space)."""
    return f"{name} {year}" if year else name


def _measurement(props: dict[str, list[str]], index: _Index, concepts: Concepts) -> dict[str, set] | None:
    """The values of one measurement's solutions, per field (None: it gives no solution)."""
    def of(node: str) -> dict[str, list[str]]:
        return index.get(node, _EMPTY)

    endpoints = {key for node in props.get(_ENDPOINT, ()) if (key := concepts.key(node)) is not None}
    populations, subgroups = set(), set()
    for cohort in props.get(_COHORT, ()):
        keys = {key for member in of(cohort).get(_POPULATION, ()) if (key := concepts.key(member)) is not None}
        if keys:
            populations |= keys
            subgroups.update(_texts(of(cohort).get(_SUBGROUP, ())))
    publications, papers, source_files = set(), set(), set()
    for publication in props.get(_REPORTED_IN, ()):
        files = [lexical(t) for t in of(publication).get(_SOURCE_FILE, ())]
        if files:
            publications.add(lexical(publication))
            source_files.update(files)
            years = [year or "" for year in _texts(of(publication).get(_DATE, ()))]
            for author in _texts(of(publication).get(_FIRST_AUTHOR, ())):
                papers.update(_work_label(author if author is not None else file, year)
                              for file in files for year in years)
    quotes = [lexical(q) for evidence in props.get(_DERIVED, ()) for q in of(evidence).get(_QUOTE, ())]
    values, scopes = props.get(_VALUE_PRINTED), props.get(_SCOPE)
    if not (endpoints and populations and publications and quotes and values and scopes):
        return None
    works = props.get(_ATTRIBUTED, ())
    if works:
        authors = [a for w in works for a in _texts(of(w).get(_FIRST_AUTHOR, ())) if a is not None] or ["?"]
        years = [y for w in works for y in _texts(of(w).get(_DATE, ())) if y is not None] or [""]
        cited = {_work_label(author, year) for author in authors for year in years}
    else:
        cited = {""}
    ci_low, n = _texts(props.get(_CI_LOW, ())), _texts(props.get(_N, ()))
    ranked = max(f"{'0' if low is None else '1'}{'0' if size is None else '1'}|{quote}"
                 for low in ci_low for size in n for quote in quotes)
    regimens = [key for node in props.get(_REGIMEN, ()) if (key := concepts.key(node)) is not None] or [None]
    return {"endpoint": endpoints, "regimen": set(regimens), "value": {lexical(v) for v in values},
            "number": set(_texts(props.get(_VALUE, ()))), "unit": set(_texts(props.get(_UNIT, ()))),
            "ci_low": set(ci_low), "ci_high": set(_texts(props.get(_CI_HIGH, ()))), "n": set(n),
            "population": populations, "subgroup": subgroups, "scope": {lexical(s) for s in scopes},
            "publication": publications, "paper": papers, "cited_work": cited, "quote": {ranked},
            "source_file": source_files}


def paper_parts(triples: Iterable[NtTriple], concepts: Concepts) -> dict[str, str]:
    """The parts of a paper's rows from its graph's triples: row IRI (N-Triples text) -> part text."""
    index = _index(triples)
    fields: dict[str, dict[str, set]] = {}
    selectors: dict[str, set[str]] = defaultdict(set)
    for subject, props in index.items():
        rows = props.get(_CLAIM) or [subject]
        endpoints = [key for node in props.get(_ENDPOINT, ()) if (key := concepts.key(node)) is not None]
        members = [m for cohort in props.get(_COHORT, ()) for m in index.get(cohort, _EMPTY).get(_POPULATION, ())]
        if endpoints and members:  # a row is found under (its endpoint or *) x (each group of its population or *)
            codes = {ANY, *(code for member in members for code in concepts.groups(member))}
            found = {f"{endpoint} {code}" for endpoint in (*endpoints, ANY) for code in codes}
            for row in rows:
                selectors[row] |= found
        if _MEASUREMENT not in props.get(_TYPE, ()):
            continue
        values = _measurement(props, index, concepts)
        if values is None:
            continue
        for row in rows:
            into = fields.setdefault(row, {name: set() for name in values})
            for name, found_values in values.items():
                into[name] |= found_values
    parts = {}
    for row, values in fields.items():
        packed = [lexical(row)]
        for name in PART_FIELDS:
            if name == "selector":
                packed.append(RECORD_SEPARATOR.join(encode(s) for s in sorted(selectors[row])))
            elif name == "quote":
                packed.append(encode(max(values["quote"])))
            else:
                packed.append(RECORD_SEPARATOR.join(sorted(encode(v) for v in values[name])))
        parts[row] = UNIT_SEPARATOR.join(packed)
    return parts


def parts_ntriples(parts: dict[str, str]) -> str:
    """The parts as N-Triples lines (for the paper's answers graph), in row order."""
    return "\n".join(f"{row} <{PART}> {literal(parts[row])} ." for row in sorted(parts))


def part_rows(parts_nt: str) -> list[str]:
    """The rows (N-Triples IRIs) of parts given as N-Triples lines."""
    return [line.split(" ", 1)[0] for line in parts_nt.splitlines() if line]


def added_marks(parts_nt: str, parts_graph: str, written_rows: Set[str] = frozenset()) -> str:
    """The builds-graph triples (for INSERT DATA) that mark the rows of these parts as added (but for
    `written_rows`, N-Triples IRIs of rows written with them)."""
    graph = _iri(parts_graph)
    return " ".join(f"{row} <{ADDED}> {graph} ." for row in part_rows(parts_nt) if row not in written_rows)


def mark_removed(parts_graph: str) -> str:
    """The update part that marks the parts of an answers graph as removed (it runs before the graph
    is dropped: the marks keep the parts' text, so a row can tell whether it lost anything)."""
    parts, builds = _iri(parts_graph), _iri(BUILDS_GRAPH)
    return (f"INSERT {{ GRAPH {builds} {{ ?row <{REMOVED}> ?part }} }} "
            f"WHERE {{ GRAPH {parts} {{ ?row <{PART}> ?part }} }}")
