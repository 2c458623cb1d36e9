"""The `kg` questions as pandas DataFrames: `GraphQueries`, which `kg.KnowledgeGraph` extends with drawing.

    with KnowledgeGraph.open(".kg-store") as graph:
        graph.outcomes(endpoint="ORR", subtype="ASPS", min=30)
        graph.sparql("outcomes_by_subtype", endpoint="ORR", subtype="ASPS")

Cells are the lexical forms of the RDF terms ('' when unbound), as in `kg ... --format csv`.
Parameters are bound as RDF terms (never pasted into the query): a `str` is a plain literal,
an `int` an xsd:integer, a `float`/`Decimal` an xsd:decimal; pass an `rdflib.URIRef` (or a
`pyoxigraph.NamedNode`) for an IRI.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from kg.core.errors import InputError, QueryError
from kg.store import canned
from kg.store.kg_store import KgStore, Rows, term_text, visible_dataset
from kg.store.sparql_text import check_service

if TYPE_CHECKING:
    import pandas as pd


SCOPES = ("primary", "cited", "all")
CONFLICTS = "conflicting_claims"
OUTCOME_QUERY = "outcomes_by_subtype"
OUTCOME_HIDDEN = ("min", "max", "component")  # parameters the query projects, not shown by `kg outcomes`


def query_text(query_or_rq_path: str | os.PathLike[str]) -> str:
    """A canned query's name, a `.rq` file, or SPARQL text -> the query text."""
    if isinstance(query_or_rq_path, str) and query_or_rq_path in canned.query_names():
        return canned.load_query(query_or_rq_path)
    path = Path(query_or_rq_path)
    text = str(query_or_rq_path)
    if isinstance(query_or_rq_path, os.PathLike) or path.suffix == ".rq" or ("\n" not in text and _is_file(path)):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot read query file {path}: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise InputError(f"query file {path} is not UTF-8 text (byte {exc.start})") from exc
    return text


def check_text(what: str, text: str) -> str:
    """`text` unchanged, or an InputError when it holds bytes that were not UTF-8 (a command
    line's undecodable bytes arrive as lone surrogates) or NUL characters."""
    bad = next((i for i, c in enumerate(text) if "\ud800" <= c <= "\udfff" or c == "\x00"), None)
    if bad is not None:
        kind = "a NUL character" if text[bad] == "\x00" else "bytes that are not UTF-8"
        raise InputError(f"{what} holds {kind} (at character {bad}); give UTF-8 text")
    return text


PARAM_TYPES = "a str, int, float or Decimal (finite), bool, or an IRI (rdflib.URIRef / pyoxigraph.NamedNode)"


def bind_params(params: Mapping[str, Any] | None) -> dict[str, Any]:
    """Keyword parameters checked before they become RDF terms: a QueryError names the parameter
    and the types it may have (a NaN, an infinity, bytes or a list never reach the store)."""
    import pyoxigraph as ox
    import rdflib

    checked: dict[str, Any] = {}
    for name, value in (params or {}).items():
        if isinstance(value, bool | int | str | ox.NamedNode | ox.Literal | rdflib.URIRef | rdflib.Literal):
            if isinstance(value, str):
                check_text(f"parameter {name}", value)
            checked[name] = value
        elif isinstance(value, float | Decimal):
            if not Decimal(str(value)).is_finite():
                raise QueryError(f"parameter {name}: {value} is not a finite number")
            checked[name] = value
        else:
            raise QueryError(f"parameter {name}: cannot bind a {type(value).__name__} ({value!r:.60}); "
                             f"use {PARAM_TYPES}")
    return checked


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # one long line of SPARQL is too long a file name
        return False


def _number(name: str, value: Any) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise InputError(f"{name} must be a number, not {value!r}") from None
    if not number.is_finite():
        raise InputError(f"{name} must be a finite number, not {value!r}")
    return number


def _contains(regimen: str, component: str) -> bool:
    """Whether a regimen key ("a + b") contains a component (a drug, class, or whole regimen key)."""
    return f" + {component} + " in f" + {regimen} + "


class GraphQueries:
    """A built store, for analysis in Python. Read-only unless opened with `read_only=False`."""

    def __init__(self, store: KgStore, allowed_services: Collection[str] = ()) -> None:
        self.store = store
        self.allowed_services = tuple(allowed_services)
        """Endpoint IRIs a SERVICE clause may query (federation is off by default)."""

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, read_only: bool = True,
             allowed_services: Collection[str] = ()) -> Self:
        """Open the store at `path` (else $SARCOMA_KG_STORE, else ./.kg-store); StoreError if missing.
        `allowed_services`: endpoint IRIs that SERVICE clauses may query (none by default).

        A store whose last build did not finish is opened, with a warning on stderr saying so."""
        from kg.store.build_record import open_for_reading

        store = open_for_reading(path, lambda warning: print(warning, file=sys.stderr), read_only=read_only)
        return cls(store, allowed_services)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self.store)

    def _components(self) -> set[str]:
        """Drug and class keys the store's regimens hold (the store may know more than the lexicon)."""
        return {r["key"] for r in self.store.select(canned.load_query("regimen_components")).records()}

    # -- outcomes -----------------------------------------------------------------------------

    def outcome_params(self, endpoint: str | None = None, subtype: str | None = None, regimen: str | None = None,
                       min: float | Decimal | None = None, max: float | Decimal | None = None,
                       scope: str = "all") -> dict[str, object]:
        """The parameters of `outcomes_by_subtype` for what an analyst typed (names resolved to codes)."""
        if scope not in SCOPES:
            raise InputError(f"scope must be primary, cited or all, not {scope!r}")
        endpoint, subtype = resolve_codes(endpoint, subtype)
        params: dict[str, object] = {name: code for name, code in (("endpoint", endpoint), ("subtype", subtype))
                                     if code}
        if regimen:
            params["component"] = self._regimen_code(regimen)
        if scope != "all":
            params["scope"] = scope
        for name, number in (("min", min), ("max", max)):
            if number is not None:
                params[name] = _number(name, number)
        return params

    def outcome_rows(self, endpoint: str | None = None, subtype: str | None = None, regimen: str | None = None,
                     min: float | Decimal | None = None, max: float | Decimal | None = None,
                     scope: str = "all") -> Rows:
        """The rows of `kg outcomes` as RDF terms."""
        from kg.build.answers import read_rows

        # the rows of the `outcomes_by_subtype` query, read from their packed form (one lookup)
        return read_rows(self.store, self.outcome_params(endpoint, subtype, regimen, min, max, scope))

    def outcomes(self, endpoint: str | None = None, subtype: str | None = None, regimen: str | None = None,
                 min: float | Decimal | None = None, max: float | Decimal | None = None,
                 scope: str = "all") -> pd.DataFrame:
        """Which regimens report an endpoint in a subtype: the rows and columns of `kg outcomes`.

        `min`/`max` are inclusive bounds on the value; `regimen` is a drug or class the regimen
        contains (or a whole regimen key); `scope` is primary, cited or all.
        """
        from kg.build.answers import read_frame

        # the texts of the packed rows straight into columns: no RDF term per cell
        return read_frame(self.store, self.outcome_params(endpoint, subtype, regimen, min, max, scope))

    # -- adverse events -----------------------------------------------------------------------

    def adverse_events(self, term: str | None = None, grade: str | int | None = None,
                       regimen: str | None = None) -> pd.DataFrame:
        """Adverse events (the `adverse_events` query / table columns).

        `term` matches the term as printed, ignoring case; `grade` is any, 1, 2, 3, 4, 3-4, ...;
        `regimen` is a drug or class the regimen contains (or a whole regimen key).
        """
        params = {"grade": str(grade)} if grade is not None else {}
        rows = self.store.select(canned.load_query("adverse_events"), params)
        component = self._regimen_code(regimen) if regimen else None
        at = {name: i for i, name in enumerate(rows.columns)}
        wanted = term.casefold() if term else None
        kept = [row for row in rows.rows
                if (wanted is None or term_text(row[at["term"]]).casefold() == wanted)
                and (component is None or _contains(term_text(row[at["regimen"]]), component))]
        return Rows(rows.columns, kept).to_frame()

    # -- any query ----------------------------------------------------------------------------

    def query(self, query_or_rq_path: str | os.PathLike[str], **params: Any) -> Rows | bool | list:
        """Run a query (canned name, .rq path or SPARQL text) with bound parameters; raw terms."""
        text = check_text("the query", query_text(query_or_rq_path))
        check_service(text, self.allowed_services)
        return self.store.query(text, bind_params(params))

    def sparql(self, query_or_rq_path: str | os.PathLike[str], **params: Any) -> pd.DataFrame | bool:
        """SELECT -> a DataFrame; CONSTRUCT/DESCRIBE -> subject/predicate/object DataFrame; ASK -> bool.

        Keyword arguments bind query variables as RDF terms (e.g. `endpoint="ORR"`).
        """
        result = self.query(query_or_rq_path, **params)
        if isinstance(result, bool):
            return result
        if isinstance(result, Rows):
            return result.to_frame()
        if not isinstance(result, list):
            raise QueryError("unexpected query result")
        triples = [(t.subject, t.predicate, t.object) for t in result]
        return Rows(["subject", "predicate", "object"], triples).to_frame()

    def findings(self, check: str | None = None) -> pd.DataFrame:
        """Numbers that do not add up and cited results that disagree (`kg check`): one row per
        finding (per measurement for a conflict) with its evidence."""
        return findings_and_conflicts(self.store, check).to_frame()

    def _regimen_code(self, regimen: str) -> str:
        from kg.query.resolve import resolve_regimen
        from ontology.lexicon import load_lexicon

        return resolve_regimen(load_lexicon(), regimen, self._components())


def resolve_codes(endpoint: str | None, subtype: str | None) -> tuple[str | None, str | None]:
    """Lexicon codes for an endpoint and a subtype as an analyst types them (code, name or
    synonym); an unknown one is an InputError naming close matches."""
    if not endpoint and not subtype:
        return None, None
    from kg.query.resolve import resolve_endpoint, resolve_subtype
    from ontology.lexicon import load_lexicon

    lexicon = load_lexicon()
    return (resolve_endpoint(lexicon, endpoint) if endpoint else None,
            resolve_subtype(lexicon, subtype) if subtype else None)


def findings_and_conflicts(store: KgStore, check: str | None = None) -> Rows:
    """The stored findings (`findings.rq`) followed by the conflicting cited claims (`conflicts.rq`),
    in one set of columns; `check` keeps one kind ("conflicting_claims" for the conflicts)."""
    rows = Rows([], [])
    if check != CONFLICTS:
        rows = store.select(canned.load_query("findings"), {"check": check} if check else None)
    if check in (None, CONFLICTS):
        # the query over the paper graphs that state a conflicting claim only: over every graph,
        # Oxigraph read every measurement of the store before the (usually few) conflicts
        conflicts = store.select(canned.load_query("conflicts"), graphs=conflict_graphs(store))
        if not rows.columns:
            return conflicts
        rows = Rows(rows.columns, rows.rows + conflicts.rows)
    return rows


def conflict_graphs(store: KgStore) -> list[Any]:
    """The paper graphs holding a measurement of a claim that conflicts with another (a few index lookups)."""
    import pyoxigraph as ox

    from kg.core.iris import DERIVED_GRAPH
    from ontology.namespace import SKG_IRI

    derived, states = ox.NamedNode(str(DERIVED_GRAPH)), ox.NamedNode(SKG_IRI + "claim")
    claims = {quad.subject for quad in store.raw.quads_for_pattern(None, ox.NamedNode(SKG_IRI + "conflictsWith"),
                                                                   None, derived)}
    graphs = {quad.graph_name for claim in claims for quad in store.raw.quads_for_pattern(None, states, claim)}
    visible = visible_dataset(store.raw).get("named_graphs")  # None: no graph is being written
    return sorted(graphs if visible is None else graphs & set(visible), key=str)
