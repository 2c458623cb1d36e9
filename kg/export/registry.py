"""`kg export`: write the store's triples for other knowledge bases and graph tools.

Exporters share one small interface (`kg.export.base.Exporter`) and this format registry (after
KGX's sinks):

    ttl, nt      the union of all graphs as plain triples (duplicates across graphs merged)
    jsonld       the union, compacted, with its context in FILE.context.jsonld (kg.export.jsonld)
    nq, trig     the dataset with its named graphs (one per paper + graph/lexicon)
    graphml      nodes and edges for Cytoscape/Gephi (kg.export.graphml)
    kgx          DIR/nodes.tsv + DIR/edges.tsv, Biolink-typed KGX TSV (kg.export.kgx_tsv)

Output is sorted, so the same store always gives the same bytes; every RDF file parses back
(rdflib or Oxigraph) to the same set of triples/quads.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.core.errors import InputError, OutputError
from kg.export.base import Counted, Exporter, ExportResult, open_output
from kg.export.graphml import GraphmlExporter
from kg.export.jsonld import JsonLdExporter
from kg.export.kgx_tsv import KgxExporter
from ontology.namespace import PREFIXES

if TYPE_CHECKING:
    from kg.store.kg_store import KgStore

__all__ = ["EXPORTERS", "SUFFIX_FORMATS", "ExportResult", "Exporter", "export", "export_format", "register"]


class OxigraphExporter(Exporter):
    """Serializes with Oxigraph: triples of the union graph, or quads of the dataset."""

    def __init__(self, name: str, rdf_format: ox.RdfFormat, *, dataset: bool, prefixes: bool,
                 description: str) -> None:
        self.name = name
        self.rdf_format = rdf_format
        self.dataset = dataset
        self.prefixes = prefixes
        self.description = description

    def write(self, store: KgStore, output: Path) -> ExportResult:
        prefixes = PREFIXES if self.prefixes else None
        if self.dataset:  # streamed one graph at a time: memory is bounded by the largest paper
            count = 0
            with open_output(output, "wb") as handle:
                for quads in store.iter_graph_quads():
                    ox.serialize(quads, handle, self.rdf_format, prefixes=prefixes)
                    count += len(quads)
            return ExportResult((output,), {"quads": count})
        triples = Counted(store.union_triples(output.parent))
        with open_output(output, "wb") as handle:  # streamed: the sorted union comes through runs on disk
            ox.serialize(triples, handle, self.rdf_format, prefixes=prefixes)
        return ExportResult((output,), {"triples": triples.count})


EXPORTERS: dict[str, Exporter] = {}
"""Format name -> exporter; `register` adds one."""


def register(exporter: Exporter) -> Exporter:
    if exporter.name in EXPORTERS:
        raise ValueError(f"export format {exporter.name!r} is registered twice")
    EXPORTERS[exporter.name] = exporter
    return exporter


for _exporter in (
    OxigraphExporter("ttl", ox.RdfFormat.TURTLE, dataset=False, prefixes=True,
                     description="Turtle, union of all graphs"),
    OxigraphExporter("nt", ox.RdfFormat.N_TRIPLES, dataset=False, prefixes=False,
                     description="N-Triples, union of all graphs"),
    JsonLdExporter(),
    OxigraphExporter("nq", ox.RdfFormat.N_QUADS, dataset=True, prefixes=False,
                     description="N-Quads, one named graph per paper"),
    OxigraphExporter("trig", ox.RdfFormat.TRIG, dataset=True, prefixes=True,
                     description="TriG, one named graph per paper"),
    GraphmlExporter(),
    KgxExporter(),
):
    register(_exporter)


SUFFIX_FORMATS = {".ttl": "ttl", ".nt": "nt", ".nq": "nq", ".trig": "trig", ".jsonld": "jsonld", ".json": "jsonld",
                  ".graphml": "graphml"}
"""File suffix -> format, when --format is not given (kgx writes a folder: name it with --format)."""


def export_format(fmt: str | None, output: str | Path) -> str:
    """The format to write: `fmt` when given (it must be known), else the one of the file suffix."""
    if fmt is None:
        fmt = SUFFIX_FORMATS.get(Path(output).suffix.lower())
        if fmt is None:
            raise InputError(f"give --format (one of {', '.join(EXPORTERS)}); "
                             f"{Path(output).name!r} has no known suffix")
    if fmt not in EXPORTERS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORTERS)}")
    return fmt


def export(store: KgStore, fmt: str, output: str | Path) -> ExportResult:
    """Write the store to `output` in format `fmt` (a key of EXPORTERS); returns what was written."""
    exporter = EXPORTERS[export_format(fmt, output)]
    out = Path(output)
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"folder {parent} does not exist")
    if out.is_dir() and not exporter.writes_directory:
        raise OutputError(f"{out} is a folder; give a file name for {fmt}")
    return exporter.write(store, out)
