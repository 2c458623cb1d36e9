"""A resource-centred view of the store, shared by the GraphML and KGX exports.

Every triple of the union graph lands in exactly one place of a `Resource`:

    rdf:type with an IRI object   -> `types`
    a literal object              -> `literals[predicate]`
    an IRI (or blank node) object -> `links[predicate]`, and `link_graphs` records which named
                                     graphs hold that link (one per paper, plus graph/lexicon)

so an export built from it can account for every triple. `label` gives each resource a short
human-readable name (preferred label, title, key, or one composed from its links).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import RDF
from rdflib.namespace import DCTERMS, SKOS

from kg.export.base import curie, node_key
from ontology.namespace import SKG

RDF_TYPE = str(RDF.type)
_CLIP = 60


def _clip(text: str, size: int = _CLIP) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


@dataclass
class Resource:
    """One IRI (or blank node) and everything the union graph says about it."""

    key: str
    types: set[str] = field(default_factory=set)
    literals: dict[str, set[ox.Literal]] = field(default_factory=lambda: defaultdict(set))
    links: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, predicate: str, obj: ox.NamedNode | ox.BlankNode | ox.Literal) -> str | None:
        """Put one triple of this subject where it belongs; returns the link target's key (None for a
        literal or a type)."""
        if isinstance(obj, ox.Literal):
            self.literals[predicate].add(obj)
            return None
        if predicate == RDF_TYPE and isinstance(obj, ox.NamedNode):
            self.types.add(obj.value)
            return None
        target = node_key(obj)
        self.links[predicate].add(target)
        return target

    def texts(self, predicate: str) -> list[str]:
        """The lexical forms of a literal property, sorted."""
        return sorted(lit.value for lit in self.literals.get(predicate, ()))

    def text(self, predicate: str) -> str:
        """The first lexical form of a literal property ('' when there is none)."""
        values = self.texts(predicate)
        return values[0] if values else ""

    def linked(self, predicate: str) -> list[str]:
        return sorted(self.links.get(predicate, ()))

    @property
    def is_subject(self) -> bool:
        return bool(self.types or self.literals or self.links)


class ResourceIndex:
    """Resources of the union graph by key, and the named graphs of every link."""

    def __init__(self) -> None:
        self.resources: dict[str, Resource] = {}
        self.link_graphs: dict[tuple[str, str, str], set[str]] = defaultdict(set)

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad]) -> ResourceIndex:
        index = cls()
        for quad in quads:
            if isinstance(quad.subject, ox.Triple) or isinstance(quad.object, ox.Triple):
                raise TypeError("RDF-star triples cannot be exported to this format")
            subject, predicate = node_key(quad.subject), quad.predicate.value
            target = index.get(subject).add(predicate, quad.object)
            if target is not None:
                index.get(target)
                if isinstance(quad.graph_name, ox.NamedNode):
                    index.link_graphs[(subject, predicate, target)].add(quad.graph_name.value)
        return index

    def get(self, key: str) -> Resource:
        resource = self.resources.get(key)
        if resource is None:
            resource = self.resources[key] = Resource(key)
        return resource

    def keys(self) -> list[str]:
        return sorted(self.resources)

    def of_type(self, type_iri: str) -> list[Resource]:
        return [self.resources[k] for k in self.keys() if type_iri in self.resources[k].types]

    def links(self) -> Iterator[tuple[str, str, str]]:
        """Every (subject, predicate, object) link, sorted."""
        for key in self.keys():
            resource = self.resources[key]
            for predicate in sorted(resource.links):
                for target in sorted(resource.links[predicate]):
                    yield key, predicate, target

    def graphs(self, subject: str, predicate: str, obj: str) -> list[str]:
        return sorted(self.link_graphs.get((subject, predicate, obj), ()))

    # -- labels ----------------------------------------------------------------------------------

    def label(self, key: str) -> str:
        """A short name: prefLabel, title or key; else one composed for the resource's kind."""
        resource = self.resources.get(key)
        if resource is None:
            return curie(key)
        return own_label(resource) or full_label(key, composed_label(resource, self._key_text, self.label))

    def _key_text(self, key: str) -> str:
        return key_text(self.resources, key)


NAME_PREDICATES = (str(SKOS.prefLabel), str(DCTERMS.title), str(SKG.key))
"""A resource's own names, the first it has being its label."""


def key_text(resources: Mapping[str, Resource], key: str) -> str:
    """The skg:key of the resource `key` among `resources` ('' when it has none or is not there)."""
    resource = resources.get(key)
    return resource.text(str(SKG.key)) if resource is not None else ""


def own_label(resource: Resource) -> str:
    """The resource's own name (prefLabel, else title, else skg:key), clipped; '' when it has none."""
    for predicate in NAME_PREDICATES:
        if resource.text(predicate):
            return _clip(resource.text(predicate), 120)
    return ""


def full_label(key: str, composed: str) -> str:
    """The label of a resource without its own name: the composed one clipped, else the CURIE."""
    return _clip(composed) if composed else curie(key)


def composed_label(r: Resource, key_of: Callable[[str], str], label_of: Callable[[str], str]) -> str:
    """A label composed for the resource's kind from its literals and the resources it links to:
    `key_of(k)` is the skg:key of resource k ('' if none), `label_of(k)` its label. '' when the kind
    has no composed label."""

    def linked_key(predicate: str) -> str:
        return " + ".join(key_of(k) or curie(k) for k in r.linked(predicate))

    types = r.types
    if str(SKG.OutcomeMeasurement) in types:
        unit = r.text(str(SKG.unit))
        value = r.text(str(SKG.valuePrinted)) + ("" if unit in ("", "%") else " ") + unit
        return f"{linked_key(str(SKG.endpoint))} {value}".strip()
    if str(SKG.AdverseEventMeasurement) in types:
        amount = r.text(str(SKG.patientCount)) or ""
        if r.text(str(SKG.percentPrinted)):
            amount += f" ({r.text(str(SKG.percentPrinted))}%)" if amount else f"{r.text(str(SKG.percentPrinted))}%"
        return f"{r.text(str(SKG.termPrinted))} grade {r.text(str(SKG.grade))}: {amount}".strip(": ")
    if str(SKG.Cohort) in types:
        population = linked_key(str(SKG.population)) or "cohort"
        subgroup = r.text(str(SKG.subgroup))
        return f"{population} ({subgroup})" if subgroup else population
    if str(SKG.Study) in types:
        return "study: " + (r.text(str(SKG.design)) or r.text(str(SKG.registration)) or "unspecified design")
    if str(SKG.Evidence) in types:
        return r.text(str(SKG.quote))
    if str(SKG.Mention) in types:
        return "mention of " + ", ".join(label_of(k) for k in r.linked(str(SKG.concept)))
    if str(SKG.ReferenceEntry) in types:
        return f"[{r.text(str(SKG.referenceNumber))}] {r.text(str(SKG.referenceText))}".strip()
    if str(SKG.CitationMarker) in types:
        return r.text(str(SKG.surface))
    return ""
