"""The study frame in the graph: `Study -> skg:hasArm -> skg:Arm` and
`Study -> skg:hasStudyCohort -> skg:StudyCohort`, and each measurement linked to its group.

An arm carries its label as printed ("arm A", "" when the paper names none), its role
(experimental or control), its regimen (a placebo arm's regimen holds "placebo"), its size and
the study population; a cohort its label, its subtype(s) and its size. Node IRIs come from the
study, the kind of group and its position, so a rebuild gives the same nodes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV

from kg.core import iris
from ontology.namespace import SKG

if TYPE_CHECKING:
    from extractors.records import Evidence, StudyFrame


def group_iri(study: URIRef, kind: str, index: int, label: str) -> URIRef:
    return iris.data_iri(f"{kind}/" + iris.digest(str(study), index, label))


def add_frame(g: Graph, study: URIRef, frame: StudyFrame, regimen: Callable[[tuple[str, ...]], URIRef | None],
              subtype: Callable[[str], URIRef], evidence: Callable[[Evidence], URIRef]) -> dict[str, URIRef]:
    """Add the frame's arms and cohorts under `study`; returns group name (`Arm.name`, cohort label) -> node."""
    nodes: dict[str, URIRef] = {}
    if frame.design:
        g.add((study, SKG.designType, Literal(frame.design)))
    for i, arm in enumerate(frame.arms):
        node = group_iri(study, "arm", i, arm.label)
        g.add((node, RDF.type, SKG.Arm))
        g.add((node, RDF.type, SKG.StudyGroup))
        g.add((study, SKG.hasArm, node))
        g.add((node, SKG.armRole, Literal(arm.role)))
        g.add((node, SKG.armOrder, Literal(i + 1)))
        _common(g, node, arm.label, arm.size, frame.population, subtype, evidence, arm.evidence)
        regimen_node = regimen(arm.regimen)
        if regimen_node is not None:
            g.add((node, SKG.regimen, regimen_node))
        nodes[arm.name] = node
    for i, cohort in enumerate(frame.cohorts):
        node = group_iri(study, "studycohort", i, cohort.label)
        g.add((node, RDF.type, SKG.StudyCohort))
        g.add((node, RDF.type, SKG.StudyGroup))
        g.add((study, SKG.hasStudyCohort, node))
        _common(g, node, cohort.label, cohort.size, cohort.population, subtype, evidence, cohort.evidence)
        nodes[cohort.label] = node
    return nodes


def _common(g: Graph, node: URIRef, label: str, size: int | None, population: tuple[str, ...],
            subtype: Callable[[str], URIRef], evidence: Callable[[Evidence], URIRef], ev: Evidence | None) -> None:
    if label.strip():
        g.add((node, SKG.groupLabel, Literal(label.strip())))
    if size is not None:
        g.add((node, SKG.groupSize, Literal(size)))
    for code in population:
        g.add((node, SKG.population, subtype(code)))
    if ev is not None and ev.source_file:
        g.add((node, PROV.wasDerivedFrom, evidence(ev)))
