"""The exporter interface shared by every `kg export` format, its result, and IRI compaction.

After KGX's `sink/`: one small abstract base class; each format implements `write` and nothing
else, and `kg.export.registry.EXPORTERS` maps format names to instances. A format that cannot carry some
part of the graph says so in its docstring; none silently skips data it claims to write.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar

import pyoxigraph as ox

from kg.core.errors import OutputError
from ontology.namespace import DATA_IRI, PREFIXES

if TYPE_CHECKING:
    from kg.store.kg_store import KgStore

T = TypeVar("T")

EXPORT_PREFIXES: dict[str, str] = {"skgid": DATA_IRI} | {
    prefix: iri for prefix, iri in PREFIXES.items() if prefix not in ("id", "sh")}
"""Prefixes of the exports that write CURIEs (JSON-LD context, GraphML, KGX). Instances are
`skgid:` here (not the `id:` of SPARQL queries), which would be confusing beside JSON-LD's `@id`
and KGX's `id` column."""

_BY_LENGTH = sorted(EXPORT_PREFIXES.items(), key=lambda item: -len(item[1]))


@dataclass(frozen=True)
class ExportResult:
    """What an exporter wrote: the files, and counts by what was counted (triples, quads, nodes...)."""

    files: tuple[Path, ...]
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        return ", ".join(f"{n} {what}" for what, n in self.counts.items())


class Exporter(ABC):
    """Writes the whole store to `output` in one format.

    `output` is a file, or a directory when `writes_directory` is true (the directory is created
    when its parent exists). Subclasses set `name` and `description` and implement `write`.
    """

    name: str
    description: str
    writes_directory: bool = False

    @abstractmethod
    def write(self, store: KgStore, output: Path) -> ExportResult:
        """Write `store` to `output`; raise `OutputError` when it cannot be written."""


class Counted(Iterator[T]):
    """Items passed through, counted (`count`): what a streamed export wrote."""

    def __init__(self, items: Iterable[T]) -> None:
        self.items, self.count = iter(items), 0

    def __next__(self) -> T:
        item = next(self.items)
        self.count += 1
        return item


def curie(iri: str, prefixes: Mapping[str, str] | None = None) -> str:
    """`https://w3id.org/sarcoma-kg/id/drug/x` -> `skgid:drug/x`; an IRI no prefix covers is kept whole.

    Never compacts to an empty local part or one starting with `//` (it would read back as an IRI).
    """
    items = _BY_LENGTH if prefixes is None else sorted(prefixes.items(), key=lambda item: -len(item[1]))
    for prefix, namespace in items:
        if iri.startswith(namespace):
            local = iri[len(namespace):]
            if local and not local.startswith("//"):
                return f"{prefix}:{local}"
    return iri


def node_key(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """A resource's key in the exports' indexes: the IRI, `_:id` for a blank node."""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    raise TypeError(f"not a resource: {term}")


@contextmanager
def open_output(path: Path, mode: str = "w") -> Iterator[IO]:
    """Open a result file, turning OS errors into an `OutputError` that names the file."""
    try:
        with path.open(mode, encoding=None if "b" in mode else "utf-8", newline=None if "b" in mode else "\n") \
                as handle:
            yield handle
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc}") from exc
