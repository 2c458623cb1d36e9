"""`kg tables`: the contract CSV files, each produced by a canned SPARQL query over the store.

The queries return multi-valued cells (reference numbers, population codes, surface forms)
separated by U+001F; here they are de-duplicated, sorted and joined the way the contract says
(DESIGN.md, "Table contracts"). Nothing comes from extractor memory: only the store is read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from kg.core.errors import OutputError
from kg.core.safe_text import csv_line
from kg.query.resolve import CONTRACT_ENDPOINTS
from kg.store.canned import load_query
from kg.store.kg_store import KgStore

SEP = "\u001f"

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


def table(store: KgStore, name: str) -> pd.DataFrame:
    """One contract table as a DataFrame of strings, columns exactly as the contract lists them."""
    if name not in CONTRACTS:
        raise KeyError(f"unknown table {name!r}; known: {', '.join(CONTRACTS)}")
    frame = store.select(load_query(name)).to_frame()
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


def write_tables(store: KgStore, out_dir: str | Path) -> dict[str, int]:
    """Write every contract table as `<out_dir>/<name>.csv` (UTF-8, header row); returns row counts."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {out}: {exc}") from exc
    counts: dict[str, int] = {}
    for name in CONTRACTS:
        frame = table(store, name)
        try:
            with (out / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
                handle.write(csv_line(list(frame.columns)))
                handle.writelines(csv_line(row) for row in frame.itertuples(index=False, name=None))
        except OSError as exc:
            raise OutputError(f"cannot write {out / f'{name}.csv'}: {exc}") from exc
        counts[name] = len(frame)
    return counts
