"""The on-disk graph store: a thin wrapper over an embedded Oxigraph (`pyoxigraph.Store`).

- One named graph per paper; `replace_graph` swaps a graph's triples in ONE SPARQL update
  (`DROP SILENT GRAPH` + `INSERT DATA`), which Oxigraph applies as a transaction: a reader never
  sees half a paper, and a crash leaves the previous version. It is as fast here as
  `bulk_extend` (about a second for 30k triples), which is not transactional.
- Queries run with the union of all graphs as the default graph and the project prefixes
  predeclared. User values enter ONLY as RDF terms through Oxigraph's `substitutions`
  (SEP-0007), never pasted into query text. Oxigraph 0.5 requires a substituted variable to be
  projected, and `BOUND(?param)` does not see a substituted value (use COALESCE instead).
- The union default graph has bag semantics: a triple stored in several graphs matches once per
  graph. Concepts, regimens and claims are stored once (vocabulary and claims graphs), so joins
  through them do not multiply; a cited work's fields are printed by each citing paper, so the
  table queries read those inside `GRAPH ?g`, one paper at a time.
- Oxigraph applies `substitutions` after planning; a canned query marks where its parameters
  belong with a `# @parameters` line and `bind_parameters` puts them there as a VALUES block.

The store path is `--store`, else `$SARCOMA_KG_STORE`, else `.kg-store` in the current directory.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
import rdflib

from kg.core.errors import BuildError, QueryError, StoreError
from kg.core.iris import BUILDS_GRAPH, HIDDEN_GRAPH, is_index_graph
from ontology.namespace import PREFIXES

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_STORE = ".kg-store"
STORE_ENV = "SARCOMA_KG_STORE"

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
XSD = "http://www.w3.org/2001/XMLSchema#"
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRI_LIKE = re.compile(r"^<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s\"{}|\\^`]*>$")
_PARAM_CHECKS = {
    "integer": re.compile(r"^[+-]?\d+$"),
    "decimal": re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$"),
    "boolean": re.compile(r"^(?:true|false)$"),
    "gYear": re.compile(r"^\d{4}$"),
    "date": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
}


def ntriples(triples: Iterable[tuple[Any, Any, Any]]) -> str:
    """Triples (rdflib or pyoxigraph terms) as N-Triples lines, written by pyoxigraph (escaped): the
    one serializer the writer, the lexicon and the workers use."""
    return "\n".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ." for s, p, o in triples)


def visible_dataset(store: ox.Store) -> dict[str, Any]:
    """Query options that show readers every graph but those still being written (bulk loads hide
    them until their paper is complete): the union of all graphs when none is hidden."""
    builds = ox.NamedNode(str(BUILDS_GRAPH))
    hidden = {q.object for q in store.quads_for_pattern(None, ox.NamedNode(HIDDEN_GRAPH), None, builds)}
    if not hidden:
        return {"use_default_graph_as_union": True}
    graphs = [g for g in store.named_graphs() if g not in hidden]
    return {"default_graph": graphs, "named_graphs": graphs}


def store_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The store location: the given path, else $SARCOMA_KG_STORE, else ./.kg-store."""
    if path is not None and str(path):
        return Path(path)
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


# -- terms ----------------------------------------------------------------------------------------


def to_ox(term: Any) -> Term:
    """An rdflib term (or a plain Python value) as a pyoxigraph term; blank nodes are refused."""
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term
    try:
        if isinstance(term, rdflib.URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, rdflib.Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
    except ValueError as exc:
        raise BuildError(f"not a valid RDF term: {term!r} ({exc})") from exc
    if isinstance(term, rdflib.BNode | ox.BlankNode):
        raise BuildError("blank nodes are not allowed in the graph (every node needs a content IRI)")
    if isinstance(term, bool):
        return ox.Literal("true" if term else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(term, int):
        return ox.Literal(str(term), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(term, float | Decimal):
        return ox.Literal(str(term), datatype=ox.NamedNode(XSD + "decimal"))
    if isinstance(term, str):
        return ox.Literal(term)
    raise QueryError(f"cannot use {type(term).__name__} value {term!r} as an RDF term")


def term_text(term: Term | None) -> str:
    """The lexical form of a term ('' when unbound): IRIs and literals as their value."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def parse_param(spec: str) -> tuple[str, Term]:
    """`name=value` from the command line as (name, term).

    The value is a plain string literal, or an IRI when written `<scheme:...>`. A type may be given
    as `name:integer=5`, `name:decimal=30`, `name:boolean=true`, `name:gYear=2024`,
    `name:date=2024-01-31`, `name:iri=https://...`, `name:string=<not an iri>`.
    """
    name, sep, value = spec.partition("=")
    if not sep:
        raise QueryError(f"parameter {spec!r} must be written name=value")
    name, _, type_ = name.strip().lstrip("?$").partition(":")
    if not _PARAM_NAME.match(name):
        raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
    try:
        if type_ == "iri" or (not type_ and _IRI_LIKE.match(value)):
            return name, ox.NamedNode(value[1:-1] if value.startswith("<") and value.endswith(">") else value)
    except ValueError as exc:
        raise QueryError(f"parameter {name}: {value!r} is not a valid IRI ({exc})") from exc
    if not type_ or type_ == "string":
        return name, ox.Literal(value)
    check = _PARAM_CHECKS.get(type_)
    if check is None:
        raise QueryError(f"parameter {name}: unknown type {type_!r} (use one of string, iri, "
                         f"{', '.join(_PARAM_CHECKS)})")
    if not check.match(value.strip()):
        raise QueryError(f"parameter {name}: {value!r} is not a valid xsd:{type_}")
    return name, ox.Literal(value.strip(), datatype=ox.NamedNode(XSD + type_))


BIND_MARKER = re.compile(r"^[ \t]*# @parameters[ \t]*$", re.MULTILINE)
"""A line in a canned query where its bound parameters are inlined as a VALUES block (see below)."""
_DERIVED = re.compile(r"\A(?:[ \t]*\n)*[ \t]*BIND[ \t]*\((?P<expr>.*?)\s+AS\s+\?(?P<var>[A-Za-z_]\w*)[ \t]*\)"
                      r"[ \t]*\n", re.DOTALL)
_SCRATCH: list[ox.Store] = []


def _derived_value(expression: str, used: list[tuple[ox.Variable, Term]]) -> Term | None:
    """Evaluate a BIND expression over the bound parameters alone (an empty store: the expression
    comes from the canned query, the parameters are RDF terms); None when it is unbound or fails."""
    if not _SCRATCH:
        _SCRATCH.append(ox.Store())
    names = " ".join(f"?{var.value}" for var, _ in used)
    values = " ".join(str(term) for _, term in used)
    block = f"VALUES ({names}) {{ ({values}) }} " if used else ""
    try:
        result = _SCRATCH[0].query(f"SELECT ?derived WHERE {{ {block}BIND ({expression} AS ?derived) }}",
                                   prefixes=PREFIXES)
        solutions = list(result)  # type: ignore[arg-type]
    except (SyntaxError, RuntimeError):
        return None
    return solutions[0]["derived"] if len(solutions) == 1 else None


def bind_parameters(sparql: str, subs: Mapping[ox.Variable, Term]) -> str:
    """Put the bound parameters where the query marks `# @parameters`, as a VALUES block of RDF terms.

    Oxigraph applies `substitutions` after planning, so a query would start from the whole store
    and only then keep the parameter's value; a VALUES block at the top of the pattern is where its
    planner starts. The terms are written by pyoxigraph's own serializer (escaped N-Triples), so no
    user text is pasted; the substitutions are passed as well. Queries without the marker are unchanged.

    `BIND (expression AS ?var)` lines right after the marker compute a value from the parameters
    (e.g. a lookup key); they are evaluated here and their values join the VALUES block, because a
    variable a BIND computes is not where Oxigraph's planner starts a lookup.
    """
    marker = BIND_MARKER.search(sparql)
    if not marker:
        return sparql
    used = [(var, term) for var, term in subs.items() if re.search(rf"[?$]{re.escape(var.value)}\b", sparql)]
    rest = sparql[marker.end() + 1:]
    while derived := _DERIVED.match(rest):
        value = _derived_value(derived.group("expr"), used)
        if value is None:
            break
        used.append((ox.Variable(derived.group("var")), value))
        rest = rest[derived.end():]
    if not used:
        return sparql
    names = " ".join(f"?{var.value}" for var, _ in used)
    values = " ".join(str(term) for _, term in used)
    return sparql[:marker.start()] + f"  VALUES ({names}) {{ ({values}) }}\n" + rest


def substitutions(params: Mapping[str, Any] | None) -> dict[ox.Variable, Term]:
    out: dict[ox.Variable, Term] = {}
    for name, value in (params or {}).items():
        name = name.lstrip("?$")
        if not _PARAM_NAME.match(name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
        out[ox.Variable(name)] = to_ox(value)
    return out


# -- results --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rows:
    """Solutions of a SELECT query: column names and one tuple of terms (None = unbound) per row."""

    columns: list[str]
    rows: list[tuple[Term | None, ...]]

    def __len__(self) -> int:
        return len(self.rows)

    def without(self, *names: str) -> Rows:
        """The same rows without some columns (e.g. parameters a query had to project)."""
        keep = [i for i, c in enumerate(self.columns) if c not in names]
        return Rows([self.columns[i] for i in keep], [tuple(row[i] for i in keep) for row in self.rows])

    def records(self) -> list[dict[str, str]]:
        """Rows as dicts of lexical forms ('' for unbound)."""
        return [{c: term_text(t) for c, t in zip(self.columns, row, strict=True)} for row in self.rows]

    def to_frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(self.records(), columns=self.columns, dtype=object).fillna("")


@dataclass(frozen=True)
class RowStream:
    """Solutions of a SELECT query as the engine gives them: column names and an iterator over one
    tuple of terms per row, read once (a literature's whole-store query need not be held in memory)."""

    columns: list[str]
    rows: Iterator[tuple[Term | None, ...]]


QueryResult = Rows | bool | list[ox.Triple]


class FlushEvery:
    """Flushes a store's write buffers each time `every` characters of writes have gone by: left to
    itself the database holds about 800 MB of writes before it flushes them."""

    def __init__(self, store: KgStore, every: int) -> None:
        self.store, self.every, self.pending = store, every, 0

    def wrote(self, size: int) -> None:
        self.pending += size
        if self.pending >= self.every:
            self.store.flush()
            self.pending = 0

    def finish(self) -> None:
        """Flush what was written since the last flush, if anything."""
        if self.pending:
            self.store.flush()
            self.pending = 0


# -- the store ------------------------------------------------------------------------------------


class KgStore:
    """An Oxigraph store on disk (or in memory when `path` is None)."""

    def __init__(self, store: ox.Store, path: Path | None, read_only: bool = False) -> None:
        self._ox: ox.Store | None = store
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> KgStore:
        """Open (and, for writing, create) the store at `store_path(path)`.

        Reading a store that does not exist is an error that says to run `kg build` first.
        """
        where = store_path(path)
        if where.exists() and not where.is_dir():
            raise StoreError(f"{where} is a file, not a store directory")
        if read_only and not (where / "CURRENT").exists() and not any(where.glob("*")):
            raise StoreError(f"no store at {where}; run `kg build` first")
        if where.is_dir() and not (where / "CURRENT").exists() and any(where.iterdir()):
            raise StoreError(f"{where} is a folder that does not hold a kg store; give another --store path")
        try:
            if not read_only:
                where.parent.mkdir(parents=True, exist_ok=True)
            store = ox.Store.read_only(str(where)) if read_only else ox.Store(str(where))
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot open the store at {where}: {exc} "
                             "(is another `kg build` using it?)") from exc
        return cls(store, where, read_only)

    @classmethod
    def memory(cls) -> KgStore:
        return cls(ox.Store(), None)

    def __enter__(self) -> KgStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _store(self) -> ox.Store:
        if self._ox is None:
            raise StoreError(f"the store at {self.path} is closed")
        return self._ox

    @property
    def raw(self) -> ox.Store:
        """The underlying pyoxigraph store, for streaming quads by pattern (readers only)."""
        return self._store

    def close(self) -> None:
        """Flush and release the database (its lock is freed as soon as no reference is left)."""
        if self._ox is None:
            return
        try:
            if not self.read_only and self.path is not None:
                self._ox.flush()
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot flush the store at {self.path}: {exc}") from exc
        finally:
            self._ox = None

    def __len__(self) -> int:
        return len(self._store)

    # -- writing -----------------------------------------------------------------------------

    def replace_graph(self, graph_iri: str, triples: Iterable[tuple[Any, Any, Any]]) -> int:
        """Make the named graph hold exactly `triples` (atomically); returns how many."""
        if self.read_only:
            raise StoreError("the store is open read-only")
        graph = to_ox(rdflib.URIRef(str(graph_iri)))
        lines = ntriples(triples)
        update = f"DROP SILENT GRAPH {graph}"
        if lines:
            update += f" ;\nINSERT DATA {{ GRAPH {graph} {{\n" + lines + "\n} }"
        try:
            self._store.update(update)
        except (OSError, SyntaxError, RuntimeError) as exc:
            raise StoreError(f"cannot write graph {graph_iri} to {self.path or 'the store'}: {exc}") from exc
        return lines.count("\n") + 1 if lines else 0

    def bulk_load(self, graph_iri: str, nt: str) -> None:
        """Load N-Triples into a named graph without a transaction (linear in size, unlike a SPARQL
        update, whose cost grows faster than the data): only for a graph hidden from readers while it
        is written (see kg.build.bulk_write)."""
        if self.read_only:
            raise StoreError("the store is open read-only")
        try:
            self._store.bulk_load(nt.encode("utf-8"), ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph_iri))
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot load graph {graph_iri} into {self.path or 'the store'}: {exc}") from exc

    def bulk_load_quads(self, nquads: str) -> None:
        """Load N-Quads (several graphs at once) without a transaction: only for graphs hidden from
        readers while they are written (see kg.build.batch_write)."""
        if self.read_only:
            raise StoreError("the store is open read-only")
        try:
            self._store.bulk_load(nquads.encode("utf-8"), ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot load graphs into {self.path or 'the store'}: {exc}") from exc

    def holds_graph(self, graph_iri: str) -> bool:
        """Whether the named graph has any triple (hidden or not)."""
        graph = ox.NamedNode(graph_iri)
        return next(iter(self._store.quads_for_pattern(None, None, None, graph)), None) is not None

    def bulk_extend(self, graph_iri: str, triples: Iterable[ox.Triple]) -> None:
        """Add triples to a hidden named graph without a transaction (as `bulk_load`)."""
        if self.read_only:
            raise StoreError("the store is open read-only")
        graph = ox.NamedNode(graph_iri)
        try:
            self._store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        except (OSError, ValueError) as exc:
            raise StoreError(f"cannot load graph {graph_iri} into {self.path or 'the store'}: {exc}") from exc

    def flush(self) -> None:
        """Write the database's in-memory buffers to disk (a long build calls it to keep memory flat)."""
        if self.read_only or self.path is None:
            return
        try:
            self._store.flush()
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot flush the store at {self.path}: {exc}") from exc

    def update(self, sparql: str) -> None:
        """Run one of the project's own SPARQL updates (never user text: users get read-only queries)."""
        if self.read_only:
            raise StoreError("the store is open read-only")
        try:
            self._store.update(sparql)
        except (OSError, SyntaxError, RuntimeError) as exc:
            raise StoreError(f"cannot update {self.path or 'the store'}: {exc}") from exc

    # -- reading -----------------------------------------------------------------------------

    def hidden_graphs(self) -> set[str]:
        """Graphs being written by a bulk load (or left half-written by a killed one): not content yet."""
        return {q.object.value for q in self._store.quads_for_pattern(
            None, ox.NamedNode(HIDDEN_GRAPH), None, ox.NamedNode(str(BUILDS_GRAPH)))}

    def named_graphs(self) -> list[str]:
        """The named graphs readers see (graphs still being written are left out)."""
        hidden = self.hidden_graphs()
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)
                      and g.value not in hidden)

    def content_quads(self, subject: ox.NamedNode | ox.BlankNode | None = None, predicate: ox.NamedNode | None = None,
                      obj: ox.NamedNode | ox.BlankNode | ox.Literal | None = None, graph: ox.NamedNode | None = None,
                      hidden: Collection[str] | None = None) -> Iterator[ox.Quad]:
        """The content quads matching a pattern (None: any), unsorted, streamed from the store's
        indexes: what exports carry, without the indexes (build bookkeeping, answer rows) and graphs
        still being written. `hidden`: those graphs, when a caller of many patterns read them once."""
        hidden = self.hidden_graphs() if hidden is None else hidden
        for quad in self._store.quads_for_pattern(subject, predicate, obj, graph):
            name = quad.graph_name
            if not (isinstance(name, ox.NamedNode) and (is_index_graph(name.value) or name.value in hidden)):
                yield quad

    def quads(self) -> list[ox.Quad]:
        """Every content quad, sorted (graph, subject, predicate, object) so serializations are stable."""
        return sorted(self.content_quads(), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate),
                                                  str(q.object)))

    def iter_graph_quads(self) -> Iterator[list[ox.Quad]]:
        """Every quad, one graph at a time, in the order of `quads()` (streams: one graph in memory)."""
        hidden = self.hidden_graphs()
        graphs = [g for g in self._store.named_graphs() if not (is_index_graph(g.value) or g.value in hidden)]
        default = list(self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        if default:
            graphs = [ox.DefaultGraph(), *graphs]
        for graph in sorted(graphs, key=str):
            quads = default if isinstance(graph, ox.DefaultGraph) else list(
                self._store.quads_for_pattern(None, None, None, graph))
            yield sorted(quads, key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))

    def union_triples(self, workdir: Path | None = None) -> Iterator[ox.Triple]:
        """The union of all graphs as distinct triples, sorted by (subject, predicate, object) text;
        streamed through sorted runs on disk in a temporary folder in `workdir` (kg.store.union_stream)."""
        from kg.store.union_stream import union_triples

        return union_triples(self.content_quads(), workdir)

    def query(self, sparql: str, params: Mapping[str, Any] | None = None,
              graphs: Sequence[ox.NamedNode] | None = None, *, stream: bool = False) -> QueryResult | RowStream:
        """Run a SPARQL query; `params` bind variables to RDF terms (never pasted into the text).
        `graphs`: the named graphs its `GRAPH` patterns range over (default: every visible graph);
        its default graph stays the union of the visible graphs.

        Returns `Rows` for SELECT (a `RowStream` when `stream`: read it while the store is open), a
        bool for ASK, a list of triples for CONSTRUCT/DESCRIBE.
        """
        subs = substitutions(params)
        with self._query_errors():
            dataset = visible_dataset(self._store)
            if graphs is not None:
                dataset["named_graphs"] = list(graphs)
            sparql = bind_parameters(sparql, subs)
            result = self._store.query(sparql, prefixes=PREFIXES, substitutions=subs or None, **dataset)
            if isinstance(result, ox.QueryBoolean):
                return bool(result)
            if isinstance(result, ox.QueryTriples):
                return list(result)
            columns = [v.value for v in result.variables]
            if stream:
                return RowStream(columns, self._solutions(result, columns))
            return Rows(columns, [tuple(solution[c] for c in columns) for solution in result])

    def _solutions(self, result: ox.QuerySolutions, columns: list[str]) -> Iterator[tuple[Term | None, ...]]:
        with self._query_errors():  # the engine evaluates as it is read: its errors come here
            for solution in result:
                yield tuple(solution[c] for c in columns)

    @contextmanager
    def _query_errors(self) -> Iterator[None]:
        """The engine's errors as QueryError (the query's fault) or StoreError (the store's)."""
        try:
            yield
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from exc
        except RuntimeError as exc:
            message = str(exc)
            if "Corruption" in message or "IO error" in message:
                raise StoreError(f"cannot read the store at {self.path}: {message} "
                                 "(is a `kg build` writing it right now? try again when it is done)") from exc
            if "projection" in message:
                raise QueryError(f"{message}: a bound parameter must appear in the SELECT clause "
                                 "(or use SELECT *)") from exc
            raise QueryError(message) from exc
        except OSError as exc:
            raise StoreError(f"cannot read the store at {self.path}: {exc}") from exc

    def select(self, sparql: str, params: Mapping[str, Any] | None = None,
               graphs: Sequence[ox.NamedNode] | None = None) -> Rows:
        """Like `query`, for SELECT queries only."""
        result = self.query(sparql, params, graphs)
        if not isinstance(result, Rows):
            raise QueryError("expected a SELECT query")
        return result
