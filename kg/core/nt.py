"""RDF terms as N-Triples text, written directly (no rdflib term objects on the build's hot path).

A paper's graph goes to the store as N-Triples text inside one SPARQL update. Building it from
rdflib `Literal`s and `Namespace` lookups and converting every term to pyoxigraph afterwards cost
more than extracting the paper; these helpers give the same text at a fraction of the cost. Literal
escaping is Oxigraph's own (`str(pyoxigraph.Literal(...))`), so the text is byte-identical to what
the store prints, and IRIs are checked by pyoxigraph as before.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from kg.core.errors import BuildError
from kg.core.numbers import canonical_decimal

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_INTEGER = f"<{XSD}integer>"
XSD_DECIMAL = f"<{XSD}decimal>"
XSD_GYEAR = f"<{XSD}gYear>"
XSD_BOOLEAN = f"<{XSD}boolean>"

NtTriple = tuple[str, str, str]
"""(subject, predicate, object), each as N-Triples term text."""

_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


_ESCAPE_TABLE = {code: _ESCAPES.get(chr(code)) or f"\\u{code:04X}" for code in [*range(0x20), 0x22, 0x5C, 0x7F]}
"""The escape of each character that needs one."""
_ESCAPE_OF = {chr(code): escape for code, escape in _ESCAPE_TABLE.items()}


def _escape(match: re.Match[str]) -> str:
    return _ESCAPE_OF[match.group()]


def literal(text: str) -> str:
    """A plain string literal, escaped as Oxigraph prints it."""
    if _NEEDS_ESCAPE.search(text) is None:
        return f'"{text}"'
    # only the few characters that need it are replaced (the answer rows are long texts with a
    # separator every few words: `str.translate` looked every character up, 2.5x slower)
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def integer(value: int) -> str:
    return f'"{int(value)}"^^{XSD_INTEGER}'


def decimal(text: str) -> str | None:
    """A printed number as an xsd:decimal in Oxigraph's canonical form (None: not a number)."""
    canon = canonical_decimal(text)
    return f'"{canon}"^^{XSD_DECIMAL}' if canon is not None else None


def year(value: int | None) -> str | None:
    if value is None or not 1000 <= value <= 9999:
        return None
    return f'"{value:04d}"^^{XSD_GYEAR}'


TRUE = f'"true"^^{XSD_BOOLEAN}'


def iri(value: str) -> str:
    """`<value>`, refused (BuildError) when it is not a valid IRI."""
    try:
        return str(ox.NamedNode(value))
    except ValueError as exc:
        raise BuildError(f"not a valid RDF term: {value!r} ({exc})") from exc


class Vocabulary:
    """The terms of an rdflib namespace as N-Triples IRI text: `skg.key` -> '<...#key>'.

    Each term is looked up in the namespace once (a misspelt term of a closed namespace raises
    there, as before) and then kept as a plain attribute.
    """

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:  # called only for a term not looked up yet
        if name.startswith("_"):
            raise AttributeError(name)
        text = iri(str(getattr(self._namespace, name)))
        setattr(self, name, text)
        return text


def as_nquads(graph_iri: str, nt: str) -> str:
    """N-Triples lines as this module and `kg.store.kg_store.ntriples` write them (each `<s> <p> <o> .`,
    a literal's line breaks escaped) as N-Quads lines in the graph `graph_iri`. One replace over the
    text: a line at a time cost the writer 9 s of 1,000 papers."""
    text = nt.strip()
    if not text:
        return ""
    graph = f" {iri(graph_iri)} ."
    if not text.endswith(" ."):
        raise BuildError(f"not N-Triples as kg writes them (the last line does not end with \" .\"): {text[-80:]!r}")
    return text[:-2].replace(" .\n", graph[:-2] + " .\n") + graph


def unquote_iri(term: str) -> str:
    """'<value>' -> 'value'."""
    return term[1:-1]


def ntriples(triples: set[NtTriple] | list[NtTriple]) -> str:
    """N-Triples text, one triple a line (no trailing newline)."""
    return "\n".join(f"{s} {p} {o} ." for s, p, o in triples)
