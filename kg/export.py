"""`kg export`: write the store's triples for other knowledge bases.

Exporters share one small interface and a format registry (after KGX's sinks):

    ttl, nt, jsonld   the union of all graphs as plain triples (duplicates across graphs merged)
    nq, trig          the dataset with its named graphs (one per paper + graph/lexicon)

Output is sorted, so the same store always gives the same bytes; every file parses back (rdflib
or Oxigraph) to the same set of triples/quads.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, OutputError
from kg.store import KgStore
from ontology.namespace import PREFIXES


class Exporter(ABC):
    """Writes a store to one file in one format; returns how many triples or quads it wrote."""

    name: str
    description: str

    @abstractmethod
    def write(self, store: KgStore, output: Path) -> int: ...


class OxigraphExporter(Exporter):
    """Serializes with Oxigraph: triples of the union graph, or quads of the dataset."""

    def __init__(self, name: str, rdf_format: ox.RdfFormat, *, dataset: bool, prefixes: bool,
                 description: str) -> None:
        self.name = name
        self.rdf_format = rdf_format
        self.dataset = dataset
        self.prefixes = prefixes
        self.description = description

    def write(self, store: KgStore, output: Path) -> int:
        items: list[ox.Quad] | list[ox.Triple] = store.quads() if self.dataset else store.union_triples()
        try:
            with output.open("wb") as handle:
                ox.serialize(items, handle, self.rdf_format, prefixes=PREFIXES if self.prefixes else None)
        except OSError as exc:
            raise OutputError(f"cannot write {output}: {exc}") from exc
        return len(items)


EXPORTERS: dict[str, Exporter] = {
    "ttl": OxigraphExporter("ttl", ox.RdfFormat.TURTLE, dataset=False, prefixes=True,
                            description="Turtle, union of all graphs"),
    "nt": OxigraphExporter("nt", ox.RdfFormat.N_TRIPLES, dataset=False, prefixes=False,
                           description="N-Triples, union of all graphs"),
    "jsonld": OxigraphExporter("jsonld", ox.RdfFormat.JSON_LD, dataset=False, prefixes=False,
                               description="JSON-LD (expanded), union of all graphs"),
    "nq": OxigraphExporter("nq", ox.RdfFormat.N_QUADS, dataset=True, prefixes=False,
                           description="N-Quads, with the named graphs"),
    "trig": OxigraphExporter("trig", ox.RdfFormat.TRIG, dataset=True, prefixes=True,
                             description="TriG, with the named graphs"),
}


def export(store: KgStore, fmt: str, output: str | Path) -> int:
    """Write the store to `output` in format `fmt` (a key of EXPORTERS); returns the item count."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORTERS)}")
    out = Path(output)
    if out.parent and not out.parent.exists():
        raise OutputError(f"folder {out.parent} does not exist")
    return exporter.write(store, out)
