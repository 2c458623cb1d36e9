"""A store's content grouped by subject, streamed: what the GraphML and KGX exports write node by node.

The content quads become N-Quads lines "s p o g", sorted through runs on disk
(kg.store.union_stream.sorted_distinct_lines) so that each subject's quads arrive together and are
gathered into a `Resource` (with the named graphs of each of its links) one subject at a time. Link
targets that are never subjects are found by sorting them the same way and merging them against the
subjects (`bare_targets`). `LabelBook` holds the few labels that other resources' labels quote.
`subject_pass` is the skeleton both exports share: the subjects one at a time, node and edge lines
written to files beside the output, the link targets noted, and the targets that were never subjects.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from itertools import groupby
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox

from kg.core.errors import OutputError
from kg.export.base import curie, node_key
from kg.export.resources import NAME_PREDICATES, Resource, composed_label, full_label, key_text, own_label
from kg.store.union_stream import parsed_lines, sorted_distinct_lines

if TYPE_CHECKING:
    from kg.store.kg_store import KgStore

LinkGraphs = dict[tuple[str, str], set[str]]
"""(predicate, target key) -> the named graphs holding the link."""


@contextmanager
def sort_folder(output: Path, prefix: str) -> Iterator[Path]:
    """A temporary folder in `output`'s folder for the sorted runs, removed at the end; a disk error
    while it is used (full, not writable) is an OutputError naming the output."""
    try:
        with tempfile.TemporaryDirectory(prefix=prefix, dir=output.parent) as folder:
            yield Path(folder)
    except OSError as exc:
        raise OutputError(f"cannot write {output} (its sort runs go to a temporary folder in {output.parent}): "
                          f"{exc}") from exc


class LabelBook:
    """The resources with a name of their own, as small `Resource`s holding only their names."""

    def __init__(self, named: dict[str, Resource]) -> None:
        self.named = named

    @classmethod
    def from_store(cls, store: KgStore) -> LabelBook:
        named: dict[str, Resource] = {}
        hidden = store.hidden_graphs()
        for predicate in NAME_PREDICATES:
            for quad in store.content_quads(predicate=ox.NamedNode(predicate), hidden=hidden):
                if isinstance(quad.object, ox.Literal) and not isinstance(quad.subject, ox.Triple):
                    key = node_key(quad.subject)
                    named.setdefault(key, Resource(key)).literals[predicate].add(quad.object)
        return cls(named)

    def key_of(self, key: str) -> str:
        return key_text(self.named, key)

    def label_of(self, key: str) -> str:
        resource = self.named.get(key)
        return (own_label(resource) if resource is not None else "") or curie(key)

    def label(self, resource: Resource) -> str:
        """The label of a resource whose every triple is in `resource`."""
        return own_label(resource) or full_label(resource.key, composed_label(resource, self.key_of, self.label_of))


def quad_line(quad: ox.Quad) -> str:
    """The quad as N-Quads text without the final dot ("s p o g"; "s p o " in the default graph).

    Sorting these lines sorts by subject text first: a complete term never continues with a space."""
    if isinstance(quad.subject, ox.Triple) or isinstance(quad.object, ox.Triple):
        raise TypeError("RDF-star triples cannot be exported to GraphML")
    graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
    return f"{quad.subject} {quad.predicate} {quad.object} {graph}"


def gather(subject: ox.NamedNode | ox.BlankNode, quads: Iterable[ox.Quad]) -> tuple[Resource, LinkGraphs]:
    """One subject's quads as a Resource and the named graphs of each (predicate, target) link."""
    resource = Resource(node_key(subject))
    link_graphs: LinkGraphs = defaultdict(set)
    for quad in quads:
        predicate = quad.predicate.value
        target = resource.add(predicate, quad.object)
        if target is not None:
            graphs = link_graphs[(predicate, target)]  # made even when no named graph holds the link
            if isinstance(quad.graph_name, ox.NamedNode):
                graphs.add(quad.graph_name.value)
    return resource, link_graphs


def subject_resources(store: KgStore, folder: Path) -> Iterator[tuple[Resource, LinkGraphs]]:
    """Every subject of the store's content, one at a time in N-Triples text order, gathered (see
    `gather`); `folder` (which must exist) holds the sorted runs meanwhile."""
    lines = sorted_distinct_lines((quad_line(q) for q in store.content_quads()), folder)
    for subject, quads in groupby(parsed_lines(lines), key=lambda quad: quad.subject):
        yield gather(subject, quads)


def term_text(key: str) -> str:
    """A resource key back as its N-Triples text (the form the lines are sorted in)."""
    return key if key.startswith("_:") else f"<{key}>"


def _key_of_text(text: str) -> str:
    return text[1:-1] if text.startswith("<") else text


def bare_targets(objects: Path, subjects: Path, folder: Path) -> Iterator[str]:
    """Keys of the link targets (one N-Triples term a line in `objects`) absent from `subjects`
    (sorted terms, one a line), in sorted order."""
    with objects.open(encoding="utf-8") as targets, subjects.open(encoding="utf-8") as subject_lines:
        subject = next(subject_lines, None)
        for target in sorted_distinct_lines((line[:-1] for line in targets), folder):
            while subject is not None and subject[:-1] < target:
                subject = next(subject_lines, None)
            if subject is None or subject[:-1] != target:
                yield _key_of_text(target)


class SubjectPass:
    """One pass of an export over the store's subjects (`subjects`): the export writes its node and edge
    lines to `nodes` and `edges` (files in `folder`, at `paths`) and notes the targets of the links it keeps
    (`link_to`); `bare_targets` then gives those targets that were never subjects."""

    def __init__(self, folder: Path, files: ExitStack) -> None:
        self.folder = folder
        self.paths = {name: folder / f"{name}.txt" for name in ("nodes", "edges", "objects", "subjects")}
        self._files: dict[str, IO[str]] = {name: files.enter_context(path.open("w", encoding="utf-8", newline="\n"))
                                           for name, path in self.paths.items()}
        self.nodes, self.edges = self._files["nodes"], self._files["edges"]

    def subjects(self, store: KgStore) -> Iterator[tuple[Resource, LinkGraphs]]:
        """Every subject of the store's content, gathered (`subject_resources`), each noted as a subject."""
        (self.folder / "quads").mkdir()
        for resource, link_graphs in subject_resources(store, self.folder / "quads"):
            self._files["subjects"].write(f"{term_text(resource.key)}\n")
            yield resource, link_graphs

    def link_to(self, target: str) -> None:
        """Note the key of a link target (a node, bare when it is never a subject)."""
        self._files["objects"].write(f"{term_text(target)}\n")

    def bare_targets(self) -> Iterator[str]:
        """Keys of the noted link targets that were never subjects, sorted (once every subject is read)."""
        self._files["objects"].close()
        self._files["subjects"].close()
        (self.folder / "objects").mkdir()
        return bare_targets(self.paths["objects"], self.paths["subjects"], self.folder / "objects")

    def close(self) -> None:
        """Close the line files, so that `paths` can be read back."""
        for handle in self._files.values():
            handle.close()


@contextmanager
def subject_pass(output: Path, prefix: str) -> Iterator[SubjectPass]:
    """A `SubjectPass` whose files sit in a temporary folder beside `output` (`sort_folder`), removed at the end."""
    with sort_folder(output, prefix) as folder, ExitStack() as files:
        yield SubjectPass(folder, files)
