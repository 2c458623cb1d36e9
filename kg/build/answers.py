"""The outcome question's rows, kept in the store so that asking is one lookup.

`kg outcomes` (the `outcomes_by_subtype` query) shows one row per claim: the measurements of every
paper that states the claim, grouped (papers, source files, quotes, CIs...). Grouping at question
time would read every measurement of every matching claim, which grows with the store. Instead each
row is stored, flat, in the answers graph (`id:graph/answers`):

- `skg:answerRow`: from one selector node per (endpoint or `*`) x (each subtype the population is or
  lies under, or `*`) to the packed row, so the question starts from its bound parameters with one
  indexed lookup;
- the row's cells as literals (`skg:answerValue`, `skg:answerQuote`, ...) for the SPARQL query;
- `skg:answerState`: what the cells are made from (kg.build.answer_state).

A row is the join of its papers' *parts* (kg.build.answer_parts: computed from each paper's own
graph by the worker that built it, written with the paper). When a build ends,
`refresh_pending_rows` brings up to date the rows whose parts were written or dropped: a row that
only gained parts joins them into its stored state (the other papers stating it are not read
again, so adding a paper costs the same in a large store as in a small one);
a row that lost a part is joined again from the parts that remain. A measurement without a claim
node (a cited number whose work is unknown) is a row of its own. The numbers stay traceable: `claim`
leads to the measurements (`?m skg:claim ?claim`) and their evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING
from urllib.parse import quote

from kg.build.answer_parts import ADDED, ANY, PART, REMOVED, StoreConcepts, added_marks, paper_parts, parts_ntriples
from kg.build.answer_state import CELLS, PartError, RowState, join, packed, parse_part, unpack
from kg.build.answer_state import cells as row_cells_of
from kg.core.errors import StoreError
from kg.core.iris import ANSWERS_GRAPH, BUILDS_GRAPH, SHARED_GRAPHS, is_index_graph, is_rows_graph, paper_answers_graph
from kg.core.nt import as_nquads
from kg.core.nt import iri as _iri
from kg.core.nt import literal as _lit
from ontology.namespace import DATA_IRI, SKG_IRI

if TYPE_CHECKING:
    import pandas as pd
    import pyoxigraph as ox

    from kg.store.kg_store import KgStore, Rows

_SKG = SKG_IRI
ANSWERS_VERSION = "3"
"""Bumped when the rows' shape changes: a store whose rows are of another version recomputes them."""
XSD = "http://www.w3.org/2001/XMLSchema#"
SELECTOR_BASE = DATA_IRI + "answer/"
"""`<SELECTOR_BASE><endpoint or *> <subtype or *>` (percent-encoded) links to the rows it selects."""
STATE = _SKG + "answerState"
PACKED = _SKG + "answerPacked"
ROW_LINK = _SKG + "answerRow"
_TYPED = {"number": XSD + "decimal", "papers": XSD + "integer"}

REFRESH_BATCH = 1000
"""Rows rewritten in one transaction at most (each row whole in one of them): memory stays flat."""
REFRESH_UPDATE_BYTES = 4_000_000
"""Update text after which a transaction is committed, whatever its rows. A row lists every paper
stating it, so a result cited by every paper of a large store is a large row: on 1,000 papers the 71
rows of one refresh made 10 MB of text (the largest 0.4 MB), and the whole update, parsed at once,
took the refresh's memory 239 MB above its start."""
REFRESH_FLUSH_BYTES = 32_000_000
"""Update text after which the store's write buffers are flushed (as a build does for papers). The
rows of a 240-paper build, never flushed, added 230 MB to the writer's memory, growing with the
papers a build writes; flushed every 24 MB, 93 MB; every 2 MB, 13 MB. Each flush leaves the database
files to compact: on 300 papers, 1,000 rows an update and a flush every 32 MB cost the refresh 15 s of
CPU, against 19 s at 200 rows and 4 MB."""


def selector_iri(endpoint: str | None, subtype: str | None) -> str:
    """The node whose `skg:answerRow` links are the rows for this endpoint and subtype (None: any)."""
    return SELECTOR_BASE + quote(f"{endpoint or ANY} {subtype or ANY}", safe="")


@lru_cache(maxsize=8192)
def _selector_term(code: str) -> str:
    """The selector node of a part's "<endpoint or *> <subtype or *>" code, as N-Triples text (a
    refresh asks for the same few hundred selectors thousands of times)."""
    return _iri(selector_iri(*code.split(" ", 1)))


def _property(cell: str) -> str:
    return _SKG + "answer" + "".join(part.title() for part in cell.split("_"))


_CELL_TERMS = {name: f"<{_property(name)}>" for name in CELLS}


def _row_triples(row: str, state: RowState) -> str:
    """N-Triples of the row: its cells, packed form and state, and the links from its selectors to
    the packed form."""
    row_cells = row_cells_of(state)
    subject = _iri(row)
    lines = []
    for name, predicate in _CELL_TERMS.items():
        value = row_cells[name]
        if value is not None:
            term = f"{_lit(value)}^^<{_TYPED[name]}>" if name in _TYPED else _lit(value)
            lines.append(f"{subject} {predicate} {term} .")
    packed_term = _lit(packed(row, row_cells))
    lines.append(f"{subject} <{PACKED}> {packed_term} .")
    lines.append(f"{subject} <{STATE}> {_lit(state.to_json())} .")
    lines.extend(f"{_selector_term(code)} <{ROW_LINK}> {packed_term} ." for code in sorted(state.listed["selector"]))
    return "\n".join(lines)


def _rewrite(held: Mapping[str, list[str]], rows_text: list[str], marked: list[str]) -> str:
    """One update: drop these rows (cells, state, selector links; `held`: the rows the store holds,
    by the graph that holds them), write the new ones (`rows_text`, N-Triples, to the answers graph)
    and drop the marks of the `marked` rows. Marks go by pattern, not listed: a row cited by every
    paper has a mark per paper, which as update text would grow with the store."""
    answers, builds = _iri(str(ANSWERS_GRAPH)), _iri(str(BUILDS_GRAPH))
    parts = []
    for graph, rows in sorted(held.items()):
        where, listed = _iri(graph), " ".join(_iri(row) for row in rows)
        parts += [f"DELETE {{ GRAPH {where} {{ ?s <{ROW_LINK}> ?packed }} }} WHERE {{ VALUES ?row {{ {listed} }} "
                  f"GRAPH {where} {{ ?row <{PACKED}> ?packed . ?s <{ROW_LINK}> ?packed }} }}",
                  f"DELETE {{ GRAPH {where} {{ ?row ?p ?o }} }} WHERE {{ VALUES ?row {{ {listed} }} "
                  f"GRAPH {where} {{ ?row ?p ?o }} }}"]
    if marked:
        listed = " ".join(_iri(row) for row in marked)
        parts.append(f"DELETE {{ GRAPH {builds} {{ ?row ?mark ?o }} }} WHERE {{ VALUES ?row {{ {listed} }} "
                     f"VALUES ?mark {{ <{ADDED}> <{REMOVED}> }} GRAPH {builds} {{ ?row ?mark ?o }} }}")
    if rows_text:
        parts.append(f"INSERT DATA {{ GRAPH {answers} {{\n" + "\n".join(rows_text) + "\n} }")
    return " ;\n".join(parts)


class _Parts:
    """Reading parts and states from the store (parts in graphs still being written are not seen)."""

    def __init__(self, store: KgStore) -> None:
        import pyoxigraph as ox

        self.raw = store.raw
        self.hidden = {ox.NamedNode(g) for g in store.hidden_graphs()}
        self.part, self.state, self.packed = ox.NamedNode(PART), ox.NamedNode(STATE), ox.NamedNode(PACKED)

    def _states(self, quads: Iterable[ox.Quad]) -> Iterator[RowState]:
        for quad in quads:
            if quad.graph_name not in self.hidden:
                yield parse_part(quad.object.value)[1]

    def all_of(self, row: ox.NamedNode) -> RowState | None:
        """The join of every part of the row (None: no paper states it any more)."""
        joined = None
        for state in self._states(self.raw.quads_for_pattern(row, self.part, None, None)):
            joined = join(joined, state)
        return joined

    def added(self, row: ox.NamedNode, graphs: Iterable[ox.NamedNode], into: RowState) -> RowState:
        for graph in graphs:
            for state in self._states(self.raw.quads_for_pattern(row, self.part, None, graph)):
                into = join(into, state)
        return into

    def present(self, row: ox.NamedNode, part: ox.Literal) -> bool:
        return any(q.graph_name not in self.hidden for q in self.raw.quads_for_pattern(row, self.part, part, None))

    def has_parts(self, row: ox.NamedNode) -> bool:
        """Whether any paper's graph holds a part of the row."""
        return next(iter(self.raw.quads_for_pattern(row, self.part, None, None)), None) is not None

    def location(self, row: ox.NamedNode) -> ox.NamedNode | None:
        """The graph that holds the row (every row is written whole, its packed form with it): the
        answers graph, or the rows graph of the batch that wrote it first (`fresh_rows`); None for a
        row the store does not hold."""
        for quad in self.raw.quads_for_pattern(row, self.packed, None, None):
            if quad.graph_name not in self.hidden:
                return quad.graph_name
        return None

    def stored(self, row: ox.NamedNode, graph: ox.NamedNode) -> RowState | None:
        for quad in self.raw.quads_for_pattern(row, self.state, None, graph):
            try:
                return RowState.from_json(quad.object.value)
            except PartError:
                return None  # rebuilt from its parts
        return None


def refresh_pending_rows(store: KgStore, on_progress: Callable[[int, int], None] | None = None) -> int:
    """Bring up to date every row whose parts were written or dropped since, and clear the marks;
    returns how many rows were rewritten. `on_progress(done, total)` hears of each transaction's
    rows (a build of papers that share many rows with the store spends a while here).

    A row that lost no part (every dropped part was written again, as when a paper is rebuilt
    unchanged) is its stored state joined with the added parts; any other is joined from all its parts.
    Each row's text is made as soon as its state is joined, and a transaction is committed once it
    holds `REFRESH_BATCH` rows or `REFRESH_UPDATE_BYTES` of text, so memory stays flat however many
    papers state a row.
    """
    import pyoxigraph as ox

    builds = ox.NamedNode(str(BUILDS_GRAPH))
    # the graphs of the added parts: one node per graph, shared by every row the graph has a part of
    graph_nodes: dict[ox.NamedNode, ox.NamedNode] = {}
    added: dict[ox.NamedNode, set[ox.NamedNode]] = defaultdict(set)
    removed: dict[ox.NamedNode, set[ox.Literal]] = defaultdict(set)
    for quad in store.raw.quads_for_pattern(None, ox.NamedNode(ADDED), None, builds):
        added[quad.subject].add(graph_nodes.setdefault(quad.object, quad.object))
    for quad in store.raw.quads_for_pattern(None, ox.NamedNode(REMOVED), None, builds):
        removed[quad.subject].add(quad.object)
    ordered = sorted(added.keys() | removed.keys(), key=lambda node: node.value)
    if not ordered:
        return 0
    parts = _Parts(store)
    from kg.store.kg_store import FlushEvery

    rewritten = done = 0
    flusher = FlushEvery(store, REFRESH_FLUSH_BYTES)
    held: dict[str, list[str]] = defaultdict(list)
    rows_text: list[str] = []
    marked: list[str] = []
    size = 0
    for row in ordered:
        where = parts.location(row)
        old = parts.stored(row, where) if where is not None else None
        if old is not None and all(parts.present(row, part) for part in removed[row]):
            state: RowState | None = parts.added(row, sorted(added[row], key=str), old)
        else:
            state = parts.all_of(row)
        marked.append(row.value)
        size += len(row.value)
        if state != old:
            rewritten += 1
            if where is not None:
                held[where.value].append(row.value)
            if state is not None:
                rows_text.append(_row_triples(row.value, state))
                size += len(rows_text[-1])
        if len(marked) >= REFRESH_BATCH or size >= REFRESH_UPDATE_BYTES or row is ordered[-1]:
            store.update(_rewrite(held, rows_text, marked))
            done += len(marked)
            if on_progress is not None:
                on_progress(done, len(ordered))
            flusher.wrote(size)
            held, rows_text, marked, size = defaultdict(list), [], [], 0
    return rewritten


def fresh_rows(store: KgStore, parts_texts: Iterable[str], graph: str) -> tuple[str, set[str]]:
    """The rows of these parts (N-Triples of the parts of a batch of papers, about to be written) that
    the store neither holds nor has a part of: joined here, from the batch's parts alone, they are
    written with the papers (N-Quads in `graph`, a rows graph hidden with them until they are complete)
    and need no refresh. Returns the N-Quads and those rows' IRIs as N-Triples terms, whose parts need
    no mark. A row another paper states already is left to `refresh_pending_rows`."""
    import pyoxigraph as ox

    joined: dict[str, RowState] = {}
    for text in parts_texts:
        for quad in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
            row, state = parse_part(quad.object.value)
            joined[row] = join(joined.get(row), state)
    parts = _Parts(store)
    fresh = {row: state for row, state in joined.items()
             if parts.location(ox.NamedNode(row)) is None and not parts.has_parts(ox.NamedNode(row))}
    return (as_nquads(graph, "\n".join(_row_triples(row, state) for row, state in fresh.items())),
            {_iri(row) for row in fresh})


def paper_graphs(store: KgStore) -> list[str]:
    """The papers' own graphs (not the shared ones, not the indexes)."""
    shared = {str(g) for g in SHARED_GRAPHS}
    return [g for g in store.named_graphs() if g not in shared and not is_index_graph(g)]


def forget_version_update() -> str:
    """Drop the rows' version record (and version 1's marks): the rows no longer count as current, so
    a recompute stopped half-way is done again by the next build."""
    answers, builds = _iri(str(ANSWERS_GRAPH)), _iri(str(BUILDS_GRAPH))
    return " ;\n".join([
        f"DELETE WHERE {{ GRAPH {builds} {{ {answers} <{_SKG}answersVersion> ?v }} }}",
        f"DELETE WHERE {{ GRAPH {builds} {{ {answers} <{_SKG}rowsPending> ?claim }} }}",  # marks of version 1
    ])


def drop_rows(store: KgStore) -> None:
    """Drop every row and mark (after `forget_version_update`), in bounded transactions: the answers
    graph of a large store is millions of quads, which one `DROP GRAPH` held in memory at once."""
    import pyoxigraph as ox

    from kg.store.bounded_delete import BoundedRemover

    remover = BoundedRemover(store)
    for graph in [str(ANSWERS_GRAPH), *(g.value for g in store.raw.named_graphs() if is_rows_graph(g.value))]:
        remover.drop_graph(graph)
    builds = ox.NamedNode(str(BUILDS_GRAPH))
    for mark in (ADDED, REMOVED):
        remover.remove(store.raw.quads_for_pattern(None, ox.NamedNode(mark), None, builds))
    remover.finish()


def recompute_all_rows(store: KgStore, on_progress: Callable[[str, int, int], None] | None = None) -> None:
    """Every paper's parts again, then every row (the lexicon, and so the subtype hierarchy and keys,
    changed, or the store's rows are of another version). The version record goes first and is
    written again last, so a killed recompute is done again by the next build; each paper is one
    transaction. `on_progress(stage, done, total)` hears of the papers ("parts") and the rows ("rows")."""
    import pyoxigraph as ox

    store.update(forget_version_update())
    drop_rows(store)
    concepts = StoreConcepts(store)
    from kg.store.kg_store import FlushEvery

    graphs = paper_graphs(store)
    flusher = FlushEvery(store, REFRESH_FLUSH_BYTES)
    for done, graph in enumerate(graphs, 1):
        triples = ((str(q.subject), str(q.predicate), str(q.object))
                   for q in store.raw.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
        parts_nt, parts = parts_ntriples(paper_parts(triples, concepts)), _iri(paper_answers_graph(graph))
        update = f"DROP SILENT GRAPH {parts}"
        if parts_nt:
            update += (f" ;\nINSERT DATA {{ GRAPH {parts} {{\n{parts_nt}\n}} GRAPH {_iri(str(BUILDS_GRAPH))} {{ "
                       f"{added_marks(parts_nt, paper_answers_graph(graph))} }} }}")
        store.update(update)
        flusher.wrote(len(update))
        if on_progress is not None:
            on_progress("parts", done, len(graphs))
    refresh_pending_rows(store, None if on_progress is None else lambda done, total: on_progress("rows", done, total))
    store.update(f"INSERT DATA {{ GRAPH {_iri(str(BUILDS_GRAPH))} {{ {_iri(str(ANSWERS_GRAPH))} "
                 f"<{_SKG}answersVersion> \"{ANSWERS_VERSION}\" }} }}")


def rows_are_current(store: KgStore) -> bool:
    """Whether the store's rows were computed by this version (an older store recomputes them)."""
    import pyoxigraph as ox

    record = store.raw.quads_for_pattern(ox.NamedNode(str(ANSWERS_GRAPH)), ox.NamedNode(_SKG + "answersVersion"),
                                         ox.Literal(ANSWERS_VERSION), ox.NamedNode(str(BUILDS_GRAPH)))
    return next(iter(record), None) is not None  # an index lookup: every question asks


def rows_of_another_version(store: KgStore) -> bool:
    """Whether the store holds data but its rows were not written by this version (an empty store has none)."""
    return (not rows_are_current(store)  # first: every question asks, and the answer is almost always no
            and next(iter(store.raw.quads_for_pattern(None, None, None, None)), None) is not None)


def check_rows_current(store: KgStore) -> None:
    """A StoreError when the store's rows are of another version: rows of another shape would be
    misread, and a store from before the rows would answer nothing."""
    if not rows_of_another_version(store):
        return
    raise StoreError(f"the store at {store.path} was built by another version of sarcoma-kg: its question rows are "
                     f"not of version {ANSWERS_VERSION}, which this version reads. Run `kg build` on its papers "
                     "again (with `--store` naming it): the rows are rewritten before any paper is built")


# -- reading -----------------------------------------------------------------------------------------

COLUMNS = ("regimen", "value", "unit", "ci_low", "ci_high", "n", "population", "subgroup", "scope", "papers", "paper",
           "cited_work", "endpoint", "quote", "source_file", "claim", "subtype")
"""The columns of `kg outcomes` (those of `outcomes_by_subtype.rq` without its hidden parameters)."""

_FIELDS = ("claim", *CELLS)
_AT = {name: i for i, name in enumerate(_FIELDS)}


def _filter(params: Mapping[str, object]) -> Callable[[list[str | None], Decimal | None], bool]:
    """The query's filters: scope, inclusive bounds on the number, a regimen component (the
    parameters are read once, not per row)."""
    scope, component = params.get("scope"), params.get("component")
    low = Decimal(str(params["min"])) if "min" in params else None
    high = Decimal(str(params["max"])) if "max" in params else None
    scope_at, regimen_at = _AT["scope"], _AT["regimen"]
    wanted = f" + {component} + " if component is not None else None

    def kept(cells: list[str | None], number: Decimal | None) -> bool:
        if scope is not None and cells[scope_at] != scope:
            return False
        if low is not None or high is not None:
            if number is None or (low is not None and number < low) or (high is not None and number > high):
                return False
        regimen = cells[regimen_at]
        return wanted is None or (bool(regimen) and wanted in f" + {regimen} + ")

    return kept


_ENDPOINT_AT, _REGIMEN_AT, _SOURCE_AT, _CLAIM_AT = (_AT[name] for name in ("endpoint", "regimen", "source_file",
                                                                                 "claim"))


def _order(cells: list[str | None], number: Decimal | None, position: int) -> tuple:
    """ORDER BY ?endpoint DESC(?number) ?regimen ?source_file ?claim (unbound sorts first, so last in
    DESC), as the query orders them; `position` (the row's place as read) ends the key. One flat tuple:
    copies of a paper share every cell up to the source file, and nested tuples made sorting them 2x slower."""
    # an unbound regimen (None or "") sorts first, as "" does: a regimen's key is never empty
    return (cells[_ENDPOINT_AT] or "", number is None, -number if number is not None else 0,
            cells[_REGIMEN_AT] or "", cells[_SOURCE_AT] or "", cells[_CLAIM_AT] or "", position)


class _Terms(dict):
    """Literal terms by their text, made on first use."""

    def __missing__(self, text: str) -> ox.Literal:
        import pyoxigraph as ox

        term = self[text] = ox.Literal(text)
        return term


_SHOWN = itemgetter(*(_AT[column] for column in COLUMNS[:COLUMNS.index("subtype")]))
"""The shown columns but the last (the subtype asked for), picked from a packed row's fields."""


def _kept_fields(store: KgStore, params: Mapping[str, object],
                 unbound: str | None) -> Iterator[tuple[list[str | None], Decimal | None]]:
    """The packed rows of the parameters' selector that pass their filters: (fields, number), unordered."""
    import pyoxigraph as ox

    from kg.store.kg_store import visible_dataset

    check_rows_current(store)
    endpoint, subtype = params.get("endpoint"), params.get("subtype")
    selector = ox.NamedNode(selector_iri(str(endpoint) if endpoint else None, str(subtype) if subtype else None))
    # the rows are in the answers graph, or in the rows graph of the batch that wrote them first; the
    # union of the graphs readers may see leaves out a batch still being written. A query decodes the
    # packed literal only (an index scan decodes all four terms of each quad: 3x slower a row).
    # The selector is written by pyoxigraph's serializer (percent-encoded codes, no user text).
    solutions = store.raw.query(f"SELECT ?packed WHERE {{ {selector} <{ROW_LINK}> ?packed }}",
                                **visible_dataset(store.raw))
    kept, number_at = _filter(params), _AT["number"]
    for solution in solutions:
        fields = unpack(solution[0].value, unbound)
        printed = fields[number_at]
        number = Decimal(printed) if printed else None  # parsed once, for the filter and the order
        if kept(fields, number):
            yield fields, number


def read_cells(store: KgStore, params: Mapping[str, object],
               unbound: str | None = None) -> list[tuple[str | None, ...]]:
    """The rows of `outcomes_by_subtype` for these parameters (endpoint, subtype, scope, min, max,
    component) as the texts of their cells in `COLUMNS` order (`unbound` where a cell has no value),
    read from their selector in one lookup and filtered and ordered here: the same rows as the
    query, without joining a dozen patterns per row."""
    from kg.store.kg_store import term_text, to_ox

    rows: list[list[str | None]] = []
    keys = []
    for fields, number in _kept_fields(store, params, unbound):
        keys.append(_order(fields, number, len(rows)))
        rows.append(fields)
    keys.sort()
    subtype = params.get("subtype")
    asked = (term_text(to_ox(subtype)) if subtype else unbound,)
    return [_SHOWN(rows[key[-1]]) + asked for key in keys]


def read_claims(store: KgStore, params: Mapping[str, object]) -> list[tuple[str, int, str, Decimal | None]]:
    """The rows of these parameters as (row IRI, papers stating it, endpoint, number), unordered: the
    claims (or measurements that state none) whose results match, without their cells."""
    claim_at, papers_at, endpoint_at = _AT["claim"], _AT["papers"], _AT["endpoint"]
    return [(fields[claim_at] or "", int(fields[papers_at] or 1), fields[endpoint_at] or "", number)
            for fields, number in _kept_fields(store, params, "")]


def read_rows(store: KgStore, params: Mapping[str, object]) -> Rows:
    """`read_cells` as RDF terms: the rows and terms the `outcomes_by_subtype` query gives."""
    import pyoxigraph as ox

    from kg.store.kg_store import Rows, to_ox

    subtype = params.get("subtype")
    integer = ox.NamedNode(XSD + "integer")
    subtype_term = to_ox(subtype) if subtype else None
    claim, papers, last = COLUMNS.index("claim"), COLUMNS.index("papers"), len(COLUMNS) - 1
    # cells repeat across rows (endpoint, unit, scope, population, paper...): one term per text,
    # looked up by the dict itself (a Python call per cell was half of a row's cost)
    terms = _Terms()
    terms[None] = None
    rows = []
    for cells in read_cells(store, params):
        row: list[ox.Literal | ox.NamedNode | None] = [terms[text] for text in cells]
        row[claim] = ox.NamedNode(cells[claim])
        row[papers] = ox.Literal(cells[papers], datatype=integer)
        row[last] = subtype_term
        rows.append(tuple(row))
    return Rows(list(COLUMNS), rows)


def read_frame(store: KgStore, params: Mapping[str, object]) -> pd.DataFrame:
    """`read_cells` as a DataFrame of texts ('' when unbound): what `read_rows(...).to_frame()`
    gives, without an RDF term or a dict per cell."""
    import pandas as pd

    return pd.DataFrame(read_cells(store, params, unbound=""), columns=list(COLUMNS), dtype=object)
