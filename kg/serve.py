"""`kg serve`: the store over the SPARQL 1.1 Protocol, with Oxigraph's own server (read-only).

The server is the `oxigraph` binary from the PyPI package `oxigraph` (same version line as
pyoxigraph, so it reads the same on-disk store). It runs `serve-read-only` with the union of all
graphs as the default graph, like `kg sparql`. Endpoints: `/` (a query page for analysts),
`/query` (SPARQL queries, GET or POST); updates are refused (HTTP 403).

This module never opens the store itself: RocksDB would hold it while the server tries to read it.
Serving a store that a `kg build` is writing at the same time is undefined behaviour (Oxigraph).

A served query has no parameter substitution and no predeclared prefixes: the canned `.rq` files
declare their prefixes, and `inline_values` binds parameters as a `VALUES` block of RDF terms.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KgError, QueryError, StoreError
from kg.store import store_path, substitutions
from ontology.namespace import PREFIXES

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
READY_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0
_LOOPBACK = ("127.0.0.1", "localhost", "::1")
_WILDCARD = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}


class ServeError(KgError):
    """The server could not be found, started, or it stopped on its own."""


@dataclass(frozen=True)
class Address:
    host: str
    port: int

    @property
    def _url_host(self) -> str:
        return f"[{self.host}]" if ":" in self.host else self.host

    @property
    def bind(self) -> str:
        """`host:port` as the oxigraph CLI takes it."""
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


def find_oxigraph() -> str:
    """The `oxigraph` binary: on PATH, else next to this Python (a venv's bin/ that is not on PATH)."""
    found = shutil.which("oxigraph")
    if found:
        return found
    for folder in (Path(sys.executable).parent, Path(sys.prefix) / "bin", Path(sys.prefix) / "Scripts"):
        for name in ("oxigraph", "oxigraph.exe"):
            candidate = folder / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    raise ServeError("the Oxigraph server is not installed: `pip install 'oxigraph>=0.5,<0.6'` "
                     "(it ships the `oxigraph` command)")


def check_store(path: str | os.PathLike[str] | None) -> Path:
    """The store folder, checked WITHOUT opening it (the server must be the one to open it)."""
    where = store_path(path)
    if not where.exists():
        raise StoreError(f"no store at {where}; run `kg build` first")
    if not where.is_dir():
        raise StoreError(f"{where} is a file, not a store directory")
    if not (where / "CURRENT").is_file():
        raise StoreError(f"{where} does not hold a kg store; run `kg build` first or give another --store")
    return where


def server_command(binary: str, store: Path, address: Address) -> list[str]:
    return [binary, "serve-read-only", "--location", str(store), "--bind", address.bind, "--union-default-graph"]


def check_port(address: Address) -> None:
    """ServeError when the address cannot be bound (else a server already there would answer for us)."""
    family = socket.AF_INET6 if ":" in address.host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            probe.bind((address.host, address.port))
        except OSError as exc:
            hint = " (another server uses that port? try --port)" if exc.errno == errno.EADDRINUSE else ""
            raise ServeError(f"cannot listen on {address.bind}: {exc.strerror or exc}{hint}") from exc


def _answers(address: Address) -> bool:
    try:
        with socket.create_connection(address.probe(), timeout=0.5):
            return True
    except OSError:
        return False


def run_server(command: list[str], address: Address, on_ready: Callable[[], None],
               ready_timeout: float = READY_TIMEOUT_S) -> int:
    """Run the server until it stops; SIGINT/SIGTERM to this process are forwarded to it.

    Returns 0 when stopped by a signal, else raises ServeError (it did not start, or it died).
    """
    stop: list[int] = []
    child: subprocess.Popen[bytes] | None = None

    def forward(signum: int, _frame: object) -> None:
        stop.append(signum)
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    # Our own handlers (not SIG_IGN, which a background shell job inherits and exec keeps): the
    # child then starts with default dispositions and dies on the forwarded signal.
    watched = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {signum: signal.signal(signum, forward) for signum in watched}
    try:
        try:
            env = dict(os.environ, RUST_LIB_BACKTRACE="0")  # its errors without a Rust backtrace
            child = subprocess.Popen(command, stdin=subprocess.DEVNULL, env=env)
        except OSError as exc:
            raise ServeError(f"cannot start {command[0]}: {exc.strerror or exc}") from exc
        if stop:
            child.send_signal(stop[0])
        deadline = time.monotonic() + ready_timeout
        while not stop and child.poll() is None and not _answers(address):
            if time.monotonic() > deadline:
                child.terminate()
                raise ServeError(f"the server did not answer on {address.bind} within {ready_timeout:.0f} s")
            time.sleep(0.05)
        if not stop and child.poll() is None:
            on_ready()
        code = child.wait()
        if stop:
            return 0
        raise ServeError(f"the server stopped (exit status {code}); see its message above")
    finally:
        if child is not None and child.poll() is None:
            try:
                child.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def serve(store: str | os.PathLike[str] | None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          echo: Callable[[str], None] | None = None) -> int:
    """Serve the store read-only until interrupted; returns the exit status (0)."""
    echo = echo or functools.partial(print, flush=True)
    where = check_store(store)
    address = Address(host.strip("[]"), port)
    command = server_command(find_oxigraph(), where, address)
    check_port(address)
    if not address.is_loopback:
        echo(f"warning: listening on {address.host}: anyone who can reach this machine can query the store")

    def ready() -> None:
        echo(f"Serving {where} read-only (SPARQL 1.1 Protocol, union of all graphs as default graph)")
        echo(f"  query page:      {address.base_url}")
        echo(f"  SPARQL endpoint: {address.query_url}")
        echo("Press Ctrl-C to stop.")

    return run_server(command, address, ready)


# -- parameters for a served query ----------------------------------------------------------------

_SCAN = re.compile(r'''
    (?P<skip> \#[^\n]*                                   # comment
            | """(?:[^"\\]|\\.|"(?!""))*""" | \'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
            | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'  # strings
            | <[^<>"{}|^`\\\s]*> )                       # IRIs
  | (?P<where> (?<![\w:?$])WHERE(?![\w:-]) )
  | (?P<form> (?<![\w:?$])(?:SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-]) )
  | (?P<brace> \{ )
''', re.IGNORECASE | re.VERBOSE)


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
