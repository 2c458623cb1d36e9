"""The study frame in the graph: `Study -> skg:hasArm -> skg:Arm`,
`Study -> skg:hasStudyCohort -> skg:StudyCohort` and `Study -> skg:hasLineGroup -> skg:LineGroup`
(patients by line of therapy, "first line" / "later lines"), and each measurement linked to its group.

An arm carries its label as printed ("arm A", "" when the paper names none), its role
(experimental or control), its regimen (a placebo arm's regimen holds "placebo"), its size and
the study population; a cohort its label, its subtype(s) and its size. Node IRIs come from the
study, the kind of group and its position, so a rebuild gives the same nodes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rdflib import RDF, URIRef
from rdflib.namespace import PROV

from kg.core import iris, nt
from kg.core.nt import NtTriple, Vocabulary, literal
from ontology.namespace import SKG

if TYPE_CHECKING:
    from extractors.records import Evidence, StudyFrame


skg, rdf, prov = Vocabulary(SKG), Vocabulary(RDF), Vocabulary(PROV)


def group_iri(study: str, kind: str, index: int, label: str) -> URIRef:
    return iris.data_iri(f"{kind}/" + iris.digest(study, index, label))


def add_frame(g: set[NtTriple], study: str, frame: StudyFrame, regimen: Callable[[tuple[str, ...]], str | None],
              subtype: Callable[[str], str], evidence: Callable[[Evidence], str]) -> dict[str, str]:
    """Add the frame's arms and cohorts under `study`; returns group name (`Arm.name`, cohort label) -> node.

    Terms are N-Triples text (see `kg.core.nt`), as in the paper builder that calls this."""
    nodes: dict[str, str] = {}
    if frame.design:
        g.add((study, skg.designType, literal(frame.design)))
    for i, arm in enumerate(frame.arms):
        node = nt.iri(group_iri(nt.unquote_iri(study), "arm", i, arm.label))
        g.add((node, rdf.type, skg.Arm))
        g.add((node, rdf.type, skg.StudyGroup))
        g.add((study, skg.hasArm, node))
        g.add((node, skg.armRole, literal(arm.role)))
        g.add((node, skg.armOrder, nt.integer(i + 1)))
        _common(g, node, arm.label, arm.size, frame.population, subtype, evidence, arm.evidence)
        regimen_node = regimen(arm.regimen)
        if regimen_node is not None:
            g.add((node, skg.regimen, regimen_node))
        nodes[arm.name] = node
    # cohorts (by subtype) and line-of-therapy groups are written alike; a line group never takes
    # over the name of an arm or cohort
    for kind, group_class, link, groups in (("studycohort", skg.StudyCohort, skg.hasStudyCohort, frame.cohorts),
                                            ("linegroup", skg.LineGroup, skg.hasLineGroup, frame.lines)):
        for i, cohort in enumerate(groups):
            node = nt.iri(group_iri(nt.unquote_iri(study), kind, i, cohort.label))
            g.add((node, rdf.type, group_class))
            g.add((node, rdf.type, skg.StudyGroup))
            g.add((study, link, node))
            _common(g, node, cohort.label, cohort.size, cohort.population, subtype, evidence, cohort.evidence)
            if group_class == skg.StudyCohort or cohort.label not in nodes:
                nodes[cohort.label] = node
    return nodes


def _common(g: set[NtTriple], node: str, label: str, size: int | None, population: tuple[str, ...],
            subtype: Callable[[str], str], evidence: Callable[[Evidence], str], ev: Evidence | None) -> None:
    if label.strip():
        g.add((node, skg.groupLabel, literal(label.strip())))
    if size is not None:
        g.add((node, skg.groupSize, nt.integer(size)))
    for code in population:
        g.add((node, skg.population, subtype(code)))
    if ev is not None and ev.source_file:
        g.add((node, prov.wasDerivedFrom, evidence(ev)))
