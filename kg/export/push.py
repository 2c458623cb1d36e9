"""`kg push --to URL`: copy the store's named graphs to any SPARQL 1.1 Graph Store HTTP Protocol endpoint.

Each graph is sent with `PUT URL?graph=<graph IRI>` as N-Triples, which replaces that graph on the
server (W3C SPARQL 1.1 Graph Store HTTP Protocol, section 5.3): a rebuilt paper replaces its old
version, and the other papers on the server are left alone. With Oxigraph's server the URL is
`http://host:port/store`.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable

import pyoxigraph as ox

from kg.core.errors import InputError, KgError
from kg.store.kg_store import KgStore

TIMEOUT_SECONDS = 120


def check_url(url: str) -> str:
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InputError(f"--to must be an http(s) URL of a Graph Store endpoint, not {url!r}")
    return url


def graph_url(url: str, graph_iri: str) -> str:
    separator = "&" if urllib.parse.urlsplit(url).query else "?"
    return f"{url}{separator}{urllib.parse.urlencode({'graph': graph_iri})}"


def put_graph(url: str, graph_iri: str, body: bytes) -> None:
    """Replace one graph on the server; KgError naming the graph and the server's answer on failure."""
    request = urllib.request.Request(graph_url(url, graph_iri), data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - checked scheme
            response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip()
        raise KgError(f"{url} refused graph {graph_iri}: HTTP {exc.code} {detail}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise KgError(f"cannot reach {url}: {getattr(exc, 'reason', exc)}") from exc


def push_store(store: KgStore, url: str, graphs: Iterable[str] | None = None,
               on_graph: Callable[[str, int], None] = lambda graph, size: None) -> int:
    """PUT each named graph (default: all of them) to the endpoint; returns how many were sent."""
    check_url(url)
    held = store.named_graphs()
    chosen = held if graphs is None else [g for g in graphs if g in held]
    for graph in chosen:
        body = store.raw.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)) or b""
        put_graph(url, graph, body)
        on_graph(graph, body.count(b"\n"))
    return len(chosen)
