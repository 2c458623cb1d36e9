"""The record a build leaves in the store (builds graph): whether the last build finished, and the
warning every reader of the store gives when it did not (the CLI and the Python API open stores
through `open_for_reading`)."""

from __future__ import annotations

import os
from collections.abc import Callable

from kg.core.iris import BUILDS_GRAPH, data_iri
from kg.core.nt import iri as _iri
from kg.store.kg_store import KgStore
from ontology.namespace import SKG_IRI

LAST_BUILD = data_iri("build/last")
"""The node that says whether the store's last build finished (in the builds graph)."""
_SKG = SKG_IRI


def build_status(store: KgStore) -> dict[str, str] | None:
    """The last build's start, command, status and how many papers it wrote (None: no build recorded)."""
    rows = store.select(f"""SELECT ?started ?command ?status (COUNT(DISTINCT ?paper) AS ?written) WHERE {{
      GRAPH {_iri(BUILDS_GRAPH)} {{
        {_iri(LAST_BUILD)} <{_SKG}buildRun> ?run ; <{_SKG}buildStarted> ?started ;
            <{_SKG}buildCommand> ?command ; <{_SKG}buildStatus> ?status .
        OPTIONAL {{ ?paper <{_SKG}writtenBy> ?run }}
      }} }} GROUP BY ?started ?command ?status""").records()
    return rows[0] if rows else None


def unfinished_build_warning(store: KgStore) -> str | None:
    """What to tell a reader of a store whose last build did not finish (None: it finished)."""
    status = build_status(store)
    if not status or status.get("status") == "finished":
        return None
    return (f"warning: the last build into {store.path or 'this store'} (started {status['started']}) did not "
            f"finish or is still running: it had written {status['written']} paper(s); answers may be "
            f"incomplete. Run `{status['command']}` again to resume it (papers already written are skipped).")


def open_for_reading(path: str | os.PathLike[str] | None, warn: Callable[[str], None], *,
                     read_only: bool = True) -> KgStore:
    """Open the store at `path` and pass `warn` the unfinished-build warning, if its last build did
    not finish."""
    store = KgStore.open(path, read_only=read_only)
    warning = unfinished_build_warning(store)
    if warning:
        warn(warning)
    return store
