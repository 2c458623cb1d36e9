"""Regimen tokens: the set of drugs (or drug classes) a statement names, as the contract spells it."""

from __future__ import annotations

from ontology.lexicon import Lexicon


def class_ancestors(lexicon: Lexicon, class_key: str) -> set[str]:
    """`class_key` and every broader drug class above it."""
    found, stack = set(), [class_key]
    while stack:
        key = stack.pop()
        if key in found:
            continue
        found.add(key)
        concept = lexicon.get("drug_class", key)
        if concept:
            stack.extend(concept.parents)
    return found


def drug_classes(lexicon: Lexicon, drug_key: str) -> set[str]:
    concept = lexicon.get("drug", drug_key)
    classes: set[str] = set()
    for parent in concept.parents if concept else ():
        classes |= class_ancestors(lexicon, parent)
    return classes


def regimen_of(tokens: list[str], lexicon: Lexicon) -> tuple[str, ...]:
    """Sorted distinct tokens; a class token is dropped when a named drug already belongs to it
    ("ICIs such as pembrolizumab" is pembrolizumab, not ici + pembrolizumab)."""
    distinct = set(tokens)
    drugs = {t for t in distinct if lexicon.get("drug", t)}
    covered: set[str] = set()
    for drug in drugs:
        covered |= drug_classes(lexicon, drug)
    kept = {t for t in distinct if t in drugs or t not in covered}
    return tuple(sorted(kept))
