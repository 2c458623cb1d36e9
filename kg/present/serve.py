"""`kg serve`: the store over the SPARQL 1.1 Protocol, read-only, with bounded queries.

Endpoints: `/` (a query page for analysts) and `/query` (SPARQL queries: GET `?query=`, POST
form-encoded or `application/sparql-query`); updates are refused (HTTP 403). The default graph
is the union of all graphs, as in `kg sparql`. Results follow the Accept header (SPARQL JSON,
XML, CSV, TSV; N-Triples, Turtle, RDF/XML or JSON-LD for CONSTRUCT/DESCRIBE).

Oxigraph's own server cannot stop a query it is evaluating, so this one evaluates each query in
a worker process (`kg.query.query_workers`) that is killed when the query runs over `--query-timeout`
(HTTP 503) or when its client hangs up. `SERVICE` (federation) is refused (HTTP 400) unless
`--allow-service URL` names the endpoint: a read-only endpoint must not reach other hosts.

This process never opens the store itself; the workers open it read-only. Serving a store that
a `kg build` is writing at the same time is undefined behaviour (Oxigraph).
"""

from __future__ import annotations

import errno
import functools
import html
import os
import select
import signal
import socket
import threading
import urllib.parse
from collections.abc import Callable, Collection
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.core.errors import KgError, QueryError, StoreError
from kg.query.query_workers import QueryPool
from kg.store.kg_store import store_path
from kg.store.sparql_text import check_service

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_QUERY_TIMEOUT_S = 30.0
DEFAULT_WORKERS = 4
MAX_QUERY_BYTES = 1_000_000
_LOOPBACK = ("127.0.0.1", "localhost", "::1")
_WILDCARD = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}
_STATUS = {"ok": 200, "bad": 400, "error": 500, "timeout": 503}


class ServeError(KgError):
    """The server could not be started, or it stopped on its own."""


@dataclass(frozen=True)
class Address:
    host: str
    port: int

    @property
    def _url_host(self) -> str:
        return f"[{self.host}]" if ":" in self.host else self.host

    @property
    def bind(self) -> str:
        """`host:port` as printed."""
        return f"{self._url_host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"http://{self._url_host}:{self.port}/"

    @property
    def query_url(self) -> str:
        return self.base_url + "query"

    @property
    def is_loopback(self) -> bool:
        return self.host in _LOOPBACK or self.host.startswith("127.")

    def probe(self) -> tuple[str, int]:
        """Where to connect to check that the server answers (a wildcard host -> loopback)."""
        return _WILDCARD.get(self.host, self.host), self.port


def check_store(path: str | os.PathLike[str] | None) -> Path:
    """The store folder, checked WITHOUT opening it (the workers open it, read-only)."""
    where = store_path(path)
    if not where.exists():
        raise StoreError(f"no store at {where}; run `kg build` first")
    if not where.is_dir():
        raise StoreError(f"{where} is a file, not a store directory")
    if not (where / "CURRENT").is_file():
        raise StoreError(f"{where} does not hold a kg store; run `kg build` first or give another --store")
    return where


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sarcoma-kg SPARQL endpoint</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:60em}}textarea{{width:100%;height:14em;
font-family:monospace}}</style></head><body>
<h1>sarcoma-kg SPARQL endpoint</h1>
<p>Read-only; the default graph is the union of all graphs; queries stop after {timeout:g} s.
Send queries to <code>{endpoint}</code> (SPARQL 1.1 Protocol).</p>
<form method="post" action="query">
<textarea name="query">SELECT ?type (COUNT(*) AS ?n) WHERE {{ ?s a ?type }} GROUP BY ?type ORDER BY DESC(?n)</textarea>
<p><button type="submit">Run (JSON results)</button></p></form>
</body></html>
"""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: Address, pool: QueryPool, allowed_services: Collection[str]) -> None:
        self.address_family = socket.AF_INET6 if ":" in address.host else socket.AF_INET
        self.pool = pool
        self.allowed_services = tuple(allowed_services)
        self.public = address
        super().__init__((address.host, address.port), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "sarcoma-kg"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """No access log on stderr (it would print clients' text unescaped)."""

    # -- routes -------------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path, _, query_string = self.path.partition("?")
        if path == "/":
            page = _PAGE.format(timeout=self.server.pool.timeout_s,
                                endpoint=html.escape(self.server.public.query_url))
            self._reply(200, page.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/query":
            self._query(query_string.encode("latin-1"))
        elif path == "/update":
            self._refuse_update()
        else:
            self._reply(404, b"not found: the SPARQL endpoint is /query")

    def do_POST(self) -> None:  # noqa: N802
        path = self.path.partition("?")[0]
        body = self._body()
        if body is None:
            return
        if path == "/update":
            self._refuse_update()
        elif path != "/query":
            self._reply(404, b"not found: the SPARQL endpoint is /query")
        elif self.headers.get_content_type() == "application/sparql-query":
            self._run(body)
        elif self.headers.get_content_type() == "application/sparql-update":
            self._refuse_update()
        else:
            self._query(body)

    def do_PUT(self) -> None:  # noqa: N802
        self._refuse_update()

    do_DELETE = do_PATCH = do_PUT  # noqa: N815

    # -- helpers ------------------------------------------------------------------------------

    def _body(self) -> bytes | None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_QUERY_BYTES:
            self.close_connection = True
            self._reply(413, f"the request body must be at most {MAX_QUERY_BYTES} bytes".encode())
            return None
        return self.rfile.read(length)

    def _query(self, form: bytes) -> None:
        try:
            fields = urllib.parse.parse_qs(form.decode("utf-8"), keep_blank_values=True,
                                           encoding="utf-8", errors="strict")
        except (UnicodeDecodeError, ValueError):
            self._reply(400, b"the request is not valid UTF-8 form data")
            return
        if "update" in fields:
            self._refuse_update()
            return
        queries = fields.get("query", [])
        if len(queries) != 1:
            self._reply(400, b"give exactly one `query` parameter (SPARQL 1.1 Protocol)")
            return
        self._run(queries[0].encode("utf-8"))

    def _run(self, raw: bytes) -> None:
        try:
            query = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._reply(400, b"the query is not valid UTF-8")
            return
        try:
            check_service(query, self.server.allowed_services)
        except QueryError as exc:
            self._reply(400, str(exc).encode("utf-8"))
            return
        answer = self.server.pool.run(query, self.headers.get("Accept", ""), self._client_gone)
        if answer.status == "gone":
            self.close_connection = True
            return
        self._reply(_STATUS.get(answer.status, 500), answer.body, answer.media_type)

    def _client_gone(self) -> bool:
        """The client closed its connection (a readable socket with nothing left to read)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True

    def _refuse_update(self) -> None:
        self._reply(403, b"this endpoint is read-only: SPARQL updates are refused")

    def _reply(self, status: int, body: bytes, media_type: str = "text/plain; charset=utf-8") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client hung up while we answered
            self.close_connection = True


def _listen(address: Address, pool: QueryPool, allowed_services: Collection[str]) -> _Server:
    try:
        return _Server(address, pool, allowed_services)
    except OSError as exc:
        hint = " (another server uses that port? try --port)" if exc.errno == errno.EADDRINUSE else ""
        raise ServeError(f"cannot listen on {address.bind}: {exc.strerror or exc}{hint}") from exc


def serve(store: str | os.PathLike[str] | None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          echo: Callable[[str], None] | None = None, *, query_timeout: float = DEFAULT_QUERY_TIMEOUT_S,
          workers: int = DEFAULT_WORKERS, allow_service: Collection[str] = ()) -> int:
    """Serve the store read-only until SIGINT/SIGTERM/SIGHUP; returns the exit status (0)."""
    echo = echo or functools.partial(print, flush=True)
    if not query_timeout > 0:
        raise ServeError(f"--query-timeout must be a positive number of seconds, not {query_timeout}")
    where = check_store(store)
    address = Address(host.strip("[]"), port)
    pool = QueryPool(where, size=workers, timeout_s=query_timeout)
    server = _listen(address, pool, allow_service)
    stopping = threading.Event()

    def stop(_signum: int, _frame: object) -> None:
        if not stopping.is_set():
            stopping.set()
            threading.Thread(target=server.shutdown, daemon=True).start()

    watched = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {signum: signal.signal(signum, stop) for signum in watched}
    try:
        try:
            pool.start()
        except RuntimeError as exc:
            raise StoreError(str(exc)) from None
        if not address.is_loopback:
            echo(f"warning: listening on {address.host}: anyone who can reach this machine can query the store")
        echo(f"Serving {where} read-only (SPARQL 1.1 Protocol, union of all graphs as default graph)")
        echo(f"  query page:      {address.base_url}")
        echo(f"  SPARQL endpoint: {address.query_url}")
        echo(f"  queries stop after {query_timeout:g} s; "
             + (f"SERVICE allowed for {', '.join(allow_service)}" if allow_service else "SERVICE refused"))
        echo("Press Ctrl-C to stop.")
        if not stopping.is_set():
            server.serve_forever(poll_interval=0.2)
        return 0
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        server.server_close()
        pool.close()

