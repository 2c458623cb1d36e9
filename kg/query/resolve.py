"""Turn what an analyst types (a code, a name, a synonym) into the keys the graph uses.

An unknown value is an error that lists close matches, never a silently empty answer.
"""

from __future__ import annotations

import difflib
import re

from extractors.regimens import REGIMEN_CLASS_TOKENS, class_token
from kg.core.errors import InputError
from ontology.lexicon import Lexicon, fold

CONTRACT_ENDPOINTS = (
    "ORR", "DCR", "CBR", "PFS_median", "OS_median", "PFS_rate", "OS_rate", "DoR_median", "TTR_median",
    "followup_median", "CR_n", "PR_n", "SD_n", "PD_n", "HR_PFS", "HR_OS",
)
"""The endpoint codes of the table contract (DESIGN.md)."""
MEASURED_ENDPOINTS = (*CONTRACT_ENDPOINTS, "TTP_median", "EFS_median", "EFS_rate", "DFS_median", "DFS_rate")
GROUP_CODES = ("OTHERS",)


def _unknown(kind: str, value: str, choices: dict[str, str]) -> InputError:
    """`choices`: folded form -> what to show for it ("keytruda" -> "pembrolizumab (Keytruda)")."""
    close = difflib.get_close_matches(fold(value), list(choices), n=8, cutoff=0.6)
    shown = list(dict.fromkeys(choices[c] for c in close))[:5]
    hint = f"; did you mean {', '.join(shown)}?" if shown else ""
    return InputError(f"unknown {kind} {value!r}{hint}")


def _choices(lexicon: Lexicon, type_: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for concept in lexicon.of_type(type_):
        out.setdefault(fold(concept.key), concept.key)
        for form in (concept.label, *concept.synonyms):
            out.setdefault(fold(form), concept.key if fold(form) == fold(concept.key) else f"{concept.key} ({form})")
    return out


def resolve_endpoint(lexicon: Lexicon, value: str) -> str:
    """"orr", "objective response rate", "mPFS" -> ORR, ORR, PFS_median."""
    by_code = {fold(code): code for code in MEASURED_ENDPOINTS}
    if fold(value) in by_code:
        return by_code[fold(value)]
    key = lexicon.forms("endpoint").get(fold(value))
    if key in MEASURED_ENDPOINTS:
        return key
    if key:  # a family such as PFS: say which measured endpoints it has
        options = [code for code in MEASURED_ENDPOINTS if code.split("_")[0] == key or code.endswith(f"_{key}")]
        raise InputError(f"endpoint {value!r} is measured as {', '.join(options) or 'no endpoint code'}; pick one")
    raise _unknown("endpoint", value, {fold(code): code for code in MEASURED_ENDPOINTS})


def resolve_subtype(lexicon: Lexicon, value: str) -> str:
    """"ASPS", "alveolar soft part sarcoma", "non-ASPS", "others" -> the population code."""
    index = lexicon.forms("subtype")
    folded = fold(value)
    if folded in index:
        return index[folded]
    for group in GROUP_CODES:
        if folded == fold(group):
            return group
    non = re.fullmatch(r"non[-\s]?(.+)", folded)
    if non and non.group(1) in index:
        return f"non{index[non.group(1)]}"
    raise _unknown("subtype", value, _choices(lexicon, "subtype") | {fold(g): g for g in GROUP_CODES})


def resolve_regimen(lexicon: Lexicon, value: str, known: set[str] | frozenset[str] = frozenset()) -> str:
    """"Keytruda" -> pembrolizumab, "PD-1 inhibitors" -> pd-1 inhibitor; "a + b" resolves each part.
    `known`: component keys the store holds, accepted as typed even when the lexicon lacks them."""
    parts = [p for p in re.split(r"\s*\+\s*", value.strip()) if p]
    return " + ".join(sorted(_regimen_part(lexicon, part, known) for part in parts))


def _regimen_part(lexicon: Lexicon, part: str, known: set[str] | frozenset[str]) -> str:
    folded = fold(part)
    if folded in REGIMEN_CLASS_TOKENS or folded in known:
        return folded
    drugs, classes = lexicon.forms("drug"), lexicon.forms("drug_class")
    if folded in drugs:
        return drugs[folded]
    if folded in classes:
        token = class_token(lexicon, classes[folded])
        if token:
            return token
    choices = (_choices(lexicon, "drug") | _choices(lexicon, "drug_class")
               | {t: t for t in (*REGIMEN_CLASS_TOKENS, *known)})
    raise _unknown("drug or drug class", part, choices)
