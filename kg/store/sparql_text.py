"""SPARQL query text, read and rewritten without running it: parameters bound as `VALUES` blocks
for a server (which has no parameter substitution), project prefixes declared for another
endpoint, and federation (`SERVICE`) found and refused unless its endpoint is allowed.

The scanner skips comments, strings and IRIs, so a keyword inside a literal or an IRI is not a
keyword. SPARQL reads `\\uXXXX` / `\\UXXXXXXXX` escapes anywhere in the query text before parsing
(SPARQL 1.1, 19.2), so they are decoded before scanning: `\\u0053ERVICE` is SERVICE.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from kg.core.errors import QueryError
from kg.store.kg_store import substitutions
from ontology.namespace import PREFIXES

_STRINGS = r'''
    (?P<skip> \#[^\n]*                                   # comment
            | """(?:[^"\\]|\\.|"(?!""))*""" | \'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
            | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'  # strings
            | <[^<>"{}|^`\\\s]*> )                       # IRIs
'''
_SCAN = re.compile(_STRINGS + r'''
  | (?P<where> (?<![\w:?$])WHERE(?![\w:-]) )
  | (?P<form> (?<![\w:?$])(?:SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-]) )
  | (?P<brace> \{ )
''', re.IGNORECASE | re.VERBOSE)
_SERVICE_SCAN = re.compile(_STRINGS + r'''
  | (?P<service> (?<![\w:?$])SERVICE(?![\w:-]) )
''', re.IGNORECASE | re.VERBOSE)
_SERVICE_TARGET = re.compile(r"(?:\s|\#[^\n]*\n)*(?:SILENT(?![\w:-])(?:\s|\#[^\n]*\n)*)?(?P<target><[^<>\s]*>|\S+)",
                             re.IGNORECASE)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def decode_codepoints(query: str) -> str:
    """The query with its `\\u` / `\\U` escapes decoded, as a SPARQL parser reads it."""
    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group()

    return _CODEPOINT.sub(char, query)


def service_targets(query: str) -> list[str]:
    """What each `SERVICE` clause of the query names: `<iri>` as written, or a variable/prefixed name."""
    text = decode_codepoints(query)
    targets = []
    for match in _SERVICE_SCAN.finditer(text):
        if match.lastgroup == "service":
            after = _SERVICE_TARGET.match(text, match.end())
            targets.append(after.group("target") if after else "")
    return targets


def check_service(query: str, allowed: Collection[str] = ()) -> None:
    """QueryError when the query federates (SERVICE) to an endpoint not in `allowed`.

    A read-only endpoint on an analyst's machine must not become a way to reach other hosts, so
    federation is off unless the user names the endpoints (`--allow-service URL`); an endpoint
    given by a variable or a prefixed name cannot be checked and is refused.
    """
    permitted = {iri.strip().strip("<>") for iri in allowed}
    for target in service_targets(query):
        iri = target[1:-1] if target.startswith("<") and target.endswith(">") else None
        if iri is not None and iri in permitted:
            continue
        shown = target[:80] or "(nothing)"
        if not permitted:
            raise QueryError(f"SERVICE {shown} refused: federated queries are off "
                             "(allow an endpoint with --allow-service URL)")
        raise QueryError(f"SERVICE {shown} refused: only {', '.join(sorted(permitted))} "
                         "may be queried (write the endpoint as a full <IRI>)")


def _where_braces(query: str) -> list[int]:
    """Offsets just after each `{` that opens a WHERE group: the query's own and each sub-SELECT's."""
    found: list[int] = []
    form = None  # the query form whose WHERE group is still to open
    seen_where = False
    for match in _SCAN.finditer(query):
        kind = match.lastgroup
        if kind == "form":
            form, seen_where = match.group().upper(), False
        elif kind == "where":
            seen_where = True
        elif kind == "brace" and form is not None:
            if seen_where or form in ("SELECT", "ASK"):
                found.append(match.end())
            elif not found:  # a CONSTRUCT/DESCRIBE template without a WHERE keyword
                break
            form = None
    if not found:
        raise QueryError("cannot find the query's WHERE clause to bind parameters in")
    return found


def inline_values(query: str, params: Mapping[str, Any] | None) -> str:
    """The query with `params` bound by a `VALUES` block at the start of each WHERE group.

    For a server, which has no parameter substitution. Values become RDF terms exactly as for
    `KgStore.query` (strings -> plain literals, numbers -> typed literals) and are written in
    N-Triples syntax (escaped by pyoxigraph), never pasted as text. A VALUES block does not reach
    into sub-queries as substitution does, so every sub-SELECT's WHERE group gets one too.
    """
    subs = substitutions(params)
    if not subs:
        return query
    names = " ".join(str(v) for v in subs)
    terms = " ".join(str(t) for t in subs.values())
    block = f"\n  VALUES ({names}) {{ ({terms}) }}\n"
    for at in reversed(_where_braces(query)):
        query = f"{query[:at]}{block}{query[at:]}"
    return query


def portable_query(query: str, params: Mapping[str, Any] | None = None) -> str:
    """The query as any SPARQL endpoint takes it: the project prefixes it uses but does not
    declare are declared, and `params` are bound with `inline_values`."""
    declared = {m.group(1) for m in re.finditer(r"(?im)^\s*PREFIX\s+([\w-]*):", query)}
    missing = [f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items()
               if name not in declared and re.search(rf"(?<![\w:<]){re.escape(name)}:", query)]
    text = "\n".join([*missing, query]) if missing else query
    return inline_values(text, params)
