"""`kg tables`: the contract CSV files, each produced by a canned SPARQL query over the store.

The queries return multi-valued cells (reference numbers, population codes, surface forms)
separated by U+001F; here they are de-duplicated, sorted and joined the way the contract says
(DESIGN.md, "Table contracts"). Nothing comes from extractor memory: only the store is read.

`write_tables` streams: each query runs over a few papers' graphs at a time, in the order of their
source files, which is the order the queries sort by, so the files are those of one query over the
store. Run over the whole store at once, the queries of a 1,000-paper store held 1.1 GB.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from kg.core.errors import OutputError
from kg.core.safe_text import csv_line
from kg.query.resolve import CONTRACT_ENDPOINTS
from kg.store.canned import load_query
from kg.store.kg_store import KgStore
from ontology.namespace import SKG_IRI

if TYPE_CHECKING:
    import pyoxigraph as ox

SEP = "\u001f"
TABLE_CHUNK_FILES = 32
"""Source files whose rows one query reads: memory follows this, not the store."""

CONTRACTS: dict[str, tuple[str, ...]] = {
    "outcomes": ("source_file", "doi", "scope", "ref", "population", "subgroup", "regimen", "endpoint",
                 "timepoint", "value", "unit", "ci_low", "ci_high", "n", "p_value", "quote", "char_start",
                 "char_end", "claim"),
    "adverse_events": ("source_file", "doi", "term", "grade", "n", "percent", "regimen", "quote"),
    "entities": ("source_file", "type", "key", "label", "surface", "count"),
    "references": ("source_file", "number", "first_author", "year", "journal", "doi", "title", "work"),
    "studies": ("source_file", "doi", "title", "journal", "year", "design", "phase", "registration",
                "n_enrolled", "n_evaluable", "population", "regimen", "data_cutoff", "median_followup"),
}
"""Table name -> columns, in order. The file is `<name>.csv`."""
# the outcomes table holds the contract's endpoint codes; the graph also keeps endpoints beyond
# them (TTP_median, EFS_rate, DFS_rate, ...), which SPARQL and `kg outcomes` still answer
ENTITY_TYPES = ("drug", "drug_class", "target", "subtype", "endpoint", "trial_id", "biomarker")
"""Types the entities table lists; adverse-event terms have their own table."""


def _number_or_text(item: str) -> tuple[int, float | str]:
    try:
        return (0, float(item))
    except ValueError:
        return (1, item)


def _text(item: str) -> tuple[str, str]:
    return (item.casefold(), item)


_JOINS: dict[str, dict[str, tuple[str, Callable[[str], tuple]]]] = {
    "outcomes": {"ref": (",", _number_or_text), "population": ("|", _text)},
    "studies": {"population": ("|", _text)},
    "entities": {"surface": (" | ", _text)},
}


def _join(cell: str, joiner: str, key: Callable[[str], tuple]) -> str:
    items = {item for item in cell.split(SEP) if item}
    return joiner.join(sorted(items, key=key))


def table(store: KgStore, name: str, graphs: Sequence[ox.NamedNode] | None = None) -> pd.DataFrame:
    """One contract table as a DataFrame of strings, columns exactly as the contract lists them;
    `graphs`: only the rows of these papers' graphs (default: every paper)."""
    if name not in CONTRACTS:
        raise KeyError(f"unknown table {name!r}; known: {', '.join(CONTRACTS)}")
    frame = store.select(load_query(name), graphs=graphs).to_frame()
    columns = CONTRACTS[name]
    missing = [c for c in columns if c not in frame.columns]
    if missing:  # a broken .rq file, not a user error
        raise RuntimeError(f"query {name}.rq does not return columns {missing}")
    frame = frame.loc[:, list(columns)].astype(object)
    for column, (joiner, key) in _JOINS.get(name, {}).items():
        frame[column] = [_join(str(cell), joiner, key) for cell in frame[column]]
    if name == "entities":
        frame = frame[frame["type"].isin(ENTITY_TYPES)]
    if name == "outcomes":
        frame = frame[frame["endpoint"].isin(CONTRACT_ENDPOINTS)]
    return frame.reset_index(drop=True)


def papers_by_file(store: KgStore) -> list[tuple[str, list[ox.NamedNode]]]:
    """Each source file with the graph(s) of its paper(s), in the order the tables sort by."""
    graphs: dict[str, set[ox.NamedNode]] = defaultdict(set)
    found = store.select(f"SELECT ?g ?source_file WHERE {{ GRAPH ?g {{ ?paper <{SKG_IRI}sourceFile> ?source_file }} }}")
    for graph, source_file in found.rows:
        if graph is not None and source_file is not None:
            graphs[source_file.value].add(graph)
    return [(name, sorted(graphs[name], key=str)) for name in sorted(graphs)]


def write_tables(store: KgStore, out_dir: str | Path,
                 on_progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Write every contract table as `<out_dir>/<name>.csv` (UTF-8, header row); returns row counts.
    `on_progress(table, papers_done, papers)` hears of each chunk of papers written to a table."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {out}: {exc}") from exc
    files = papers_by_file(store)
    counts: dict[str, int] = {}
    for name in CONTRACTS:
        path = out / f"{name}.csv"
        counts[name] = 0
        try:
            with path.open("w", encoding="utf-8", newline="") as handle:
                handle.write(csv_line(list(CONTRACTS[name])))
                for start in range(0, len(files), TABLE_CHUNK_FILES):
                    chunk = files[start:start + TABLE_CHUNK_FILES]
                    frame = table(store, name, [graph for _, graphs in chunk for graph in graphs])
                    handle.writelines(csv_line(row) for row in frame.itertuples(index=False, name=None))
                    counts[name] += len(frame)
                    if on_progress is not None:
                        on_progress(name, start + len(chunk), len(files))
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc}") from exc
    return counts
