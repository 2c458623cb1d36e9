"""sarcoma-kg: sarcoma papers -> an RDF knowledge graph.

`from kg import KnowledgeGraph` is the Python API (kg.present.graph); it is imported on first use, so
`import kg` stays light (no pyoxigraph, rdflib or pandas until needed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.present.graph import KnowledgeGraph

__all__ = ["KnowledgeGraph"]


def __getattr__(name: str) -> Any:
    if name == "KnowledgeGraph":
        from kg.present.graph import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
