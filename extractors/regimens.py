"""Regimen tokens: the set of drugs (or drug classes) a statement names, as the contract spells it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.records import Mention
from extractors.scan_regex import scan_compile
from extractors.text_cues import first_print
from extractors.text_index import search_before
from ontology.lexicon import Lexicon

SHARE_GIVEN_RE = re.compile(
    r"\b(?:percentage|proportion|share)\s+of\s+(?:the\s+)?(?:patients|participants|cases)\s+(?:who\s+)?"
    r"(?:received|underwent|were\s+treated\s+with|were\s+given)\b"
    r"|\((\d+(?:\.\d+)?)%\)\s+(?:received|underwent|were\s+treated\s+with|were\s+given)\b", re.I)
"""A treatment given to a share of the cohort ("the proportion of patients who received X was ...",
"20 (38%) underwent chemotherapy")."""
REGIMEN_CLASS_TOKENS = (
    "ici-based", "pd-1 inhibitor", "pd-l1 inhibitor", "ctla-4 inhibitor", "antiangiogenic", "chemotherapy", "ici",
)
"""The class tokens of the regimen contract; any other class maps to the nearest of these above it."""
GENERIC_CLASSES = frozenset({"targeted therapy"})
CONTRACT_CLASS_OF = {"tki": "antiangiogenic"}
"""Classes the regimen contract names by a token that is not their lexicon parent: in sarcoma
therapy a bare "TKI" is a multi-target anti-angiogenic one ("TKI monotherapy" is antiangiogenic)."""

PRIOR_RE = scan_compile(
    r"(?:(?:prior|previous|previously)\s+(?:(?!stud|trial|report|series|result|data|experience|analys)[\w-]+\s+){0,2}"
    r"|(?:failure\s+of|progress(?:ed|ing)\s+(?:on|after|during)|(?:after|following|upon)\s+progression\s+"
    r"(?:on|after|with)|pre-?treated\s+with|refractory\s+to|resistant\s+to|intolerant\s+(?:of|to)|exposed\s+to)"
    r"\s+(?:[\w-]+\s+){0,2}"
    r"|(?:after|following)\s+(?:[\w-]+\s+)?)$", re.I)
"""What makes a drug a treatment patients had before ("previously treated with X", "refractory to X")."""
PRIOR_WORDS = ("prior", "previous", "failure", "progress", "after", "following", "upon", "treated", "refractory",
               "resistant", "intolerant", "exposed")
"""A word every `PRIOR_RE` match prints: no drug before the first of them is an earlier treatment."""
PRIOR_AFTER_RE = re.compile(r"[-\s](?:pre-?treated|refractory|resistant|intolerant|experienced)\b", re.I)
"""A drug written as the treatment a group had: "imatinib-pretreated GIST", "anthracycline-refractory"."""
RANDOMISED_TO_RE = re.compile(r"\brandom(?:ly|i[sz]ed|i[sz]ation)\b|\b(?:assigned|allocated)\b", re.I)
"""A sentence that assigns patients to groups: drugs it lists are arms, not counts of one cohort."""
PRIOR_LIST_RE = re.compile(r"(?:\s*(?:,|and/or|and|or|plus|/|-?\s*(?:based|containing)))*\s*", re.I)
"""What joins a drug to the one before it in a list of earlier treatments ("X-containing or Y-containing")."""


def earlier_treatments(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Which of the drug mentions at `spans` (offsets into `text`, in order) name a treatment patients
    had before the one studied ("previously treated with X and Y", "refractory to X")."""
    out: set[int] = set()
    prior_end = -1
    # PRIOR_RE searches the text before each drug, ending at it: costly, and needless before a prior word
    first_word = first_print(text, *PRIOR_WORDS) if spans else -1
    for i, (a, b) in enumerate(spans):
        listed = prior_end >= 0 and PRIOR_LIST_RE.fullmatch(text, prior_end, max(prior_end, a))
        if listed or (0 <= first_word < a and search_before(PRIOR_RE, text, a)) or PRIOR_AFTER_RE.match(text, b):
            out.add(i)
            prior_end = b
    return out


def class_ancestors(lexicon: Lexicon, class_key: str) -> list[str]:
    """`class_key` and every broader drug class above it, nearest first (breadth-first)."""
    found: list[str] = []
    queue = [class_key]
    while queue:
        key = queue.pop(0)
        if key in found:
            continue
        found.append(key)
        concept = lexicon.get("drug_class", key)
        if concept:
            queue.extend(concept.parents)
    return found


def drug_classes(lexicon: Lexicon, drug_key: str) -> set[str]:
    concept = lexicon.get("drug", drug_key)
    classes: set[str] = set()
    for parent in concept.parents if concept else ():
        classes.update(class_ancestors(lexicon, parent))
    return classes


def regimen_of(tokens: list[str], lexicon: Lexicon) -> tuple[str, ...]:
    """Sorted distinct tokens; a class token is dropped when a named drug already belongs to it
    ("ICIs such as pembrolizumab" is pembrolizumab, not ici + pembrolizumab)."""
    distinct = _same_class_alternatives({t for t in tokens if t}, lexicon)  # "" marks a treatment not given
    drugs = {t for t in distinct if lexicon.get("drug", t)}
    covered: set[str] = set()
    for drug in drugs:
        covered |= drug_classes(lexicon, drug)
    covered |= {CONTRACT_CLASS_OF[key] for key in covered & CONTRACT_CLASS_OF.keys()}  # "TKIs such as imatinib"
    kept = {t for t in distinct if t in drugs or t not in covered}
    return tuple(sorted(kept))


NEVER_COMBINED = ("pd-1 inhibitor", "pd-l1 inhibitor", "vegfr inhibitor")
"""Classes no regimen gives two drugs of (two PD-1 antibodies, two VEGFR TKIs): drugs of one of them
named together were given to different patients ("patients treated with X and Y" is the class)."""


def _same_class_alternatives(tokens: set[str], lexicon: Lexicon) -> set[str]:
    for cls in NEVER_COMBINED:
        members = {t for t in tokens if cls in drug_classes(lexicon, t)}
        if len(members) >= 2 and (token := class_token(lexicon, cls)):
            tokens = (tokens - members) | {token}
    return tokens


def regimen_token(lexicon: Lexicon, mention: Mention) -> str | None:
    """A drug's INN, or a drug class mapped to the nearest regimen class token."""
    if mention.type == "drug":
        return mention.key
    if mention.type != "drug_class":
        return None
    return class_token(lexicon, mention.key)


def class_token(lexicon: Lexicon, class_key: str) -> str | None:
    """The regimen class token nearest above a drug class ("VEGFR TKI" -> antiangiogenic); a
    specific targeted class with none above it keeps its own key ("mTOR inhibitors were the most
    active") rather than taking the regimen of whatever was named before; the bare "targeted
    therapy" and classes outside the contract's families (immunomodulators) name none."""
    if class_key in CONTRACT_CLASS_OF:
        return CONTRACT_CLASS_OF[class_key]
    ancestors = class_ancestors(lexicon, class_key)
    mapped = next((key for key in ancestors if key in REGIMEN_CLASS_TOKENS), None)
    if mapped is None and class_key not in GENERIC_CLASSES and GENERIC_CLASSES & set(ancestors):
        return class_key
    return mapped


EXAMPLES_LEAD_RE = re.compile(r"(?:\s+(?:regimens|agents|drugs|protocols|combinations|schedules))?"
                              r"\s*[,(:]?\s*(?:such\s+as|including|e\.g\.,?|mainly|mostly|namely|predominantly"
                              r"|particularly|primarily|chiefly|most\s+(?:often|commonly|frequently))\s", re.I)
"""What leads from a class to drugs given as its examples ("ICIs such as X", "a VEGFR TKI, mainly X",
"chemotherapy regimens, including X plus Y, Z and W": the plural names several regimens of the class)."""


def without_listed_members(text: str, items: Sequence[tuple[str, int, int]], lexicon: Lexicon) -> list[str] | None:
    """The regimen tokens of `items` (tokens with their offsets into `text`, in order) with the drugs a
    class lists as its own taken out, when `text` prints a class right before a parenthesis of two or more
    of its drugs ("VEGFR TKIs (X in 30, Y in 12)", "anti-PD-1 therapy (X or Y)") or before drugs it gives
    as examples ("ICIs including X (n = 20) and Y (n = 15)", "a VEGFR TKI, mainly X"): the patients took
    one drug each, so the regimen has the class, not the drugs combined ("Z with a PD-1 inhibitor (X in
    22, Y in 18)" is Z + the class). None when no class lists its drugs so."""
    dropped: set[int] = set()
    for i, (token, _, end) in enumerate(items):
        if token not in REGIMEN_CLASS_TOKENS or i in dropped:
            continue
        examples = EXAMPLES_LEAD_RE.match(text, end)
        opening = None if examples else re.match(r"\s*\(", text[end:])
        if examples:
            inside = "(" in examples.group()  # "X (mainly Y)" ends at its parenthesis, "X, such as Y" at the clause
            stop = re.compile(r"[;.]\s|;|$").search(text, examples.end()).start()
            stop = min(stop, _closing_paren(text, text.index("(", end))) if inside else stop
        else:
            stop = _closing_paren(text, end + opening.end() - 1) if opening else -1
        listed = [j for j in range(i + 1, len(items)) if items[j][1] < stop]
        members = _members_of(token, [items[j][0] for j in listed], lexicon)
        listed = listed[:members]
        joins = [text[items[a][2]:items[b][1]] for a, b in zip(listed, listed[1:], strict=False)]
        # "chemotherapy (X plus Y)" is one combination; a count per drug ("X in 30 and Y in 12") is not
        alternatives = examples or all(re.search(r"\d", j) or not COMBINING_RE.search(j) for j in joins)
        if len({items[j][0] for j in listed}) >= (1 if examples else 2) and alternatives:
            dropped.update(listed)
    return [items[j][0] for j in range(len(items)) if j not in dropped] if dropped else None


COMBINATION_JOIN_RE = re.compile(r"\s*(?:plus|\+|(?:in\s+)?combin(?:ed|ation)\s+with|with|and)\s+(?:an?\s+)?", re.I)
"""What joins the parts of a combination ("X or Y plus Z", "X combined with a Y")."""


ALONE_OR_RE = re.compile(r"\s+(?:alone\s+or|with\s+or\s+without)\s+(?:(?:in\s+)?combin(?:ed|ation)\s+with\s+)?",
                         re.I)
"""'X alone or combined with Y', 'X with or without Y': a cohort on X or on X + Y."""


def alternative_regimens(text: str, items: Sequence[tuple[str, int, int]], lexicon: Lexicon) -> tuple[str, ...]:
    """The class shared by regimens `text` lists as alternatives, each maybe a combination ("X, Y, or
    Z plus W"; "X alone or combined with Y" is X or X + Y); () when `items` (tokens with their offsets
    into `text`) are not listed so, or the regimens share no contract class."""
    if len(items) == 2 and ALONE_OR_RE.fullmatch(text[items[0][2]:items[1][1]]):
        return shared_class([(items[0][0],), (items[0][0], items[1][0])], lexicon)
    groups: list[list[str]] = [[items[0][0]]] if items else []
    alternatives = False
    for j in range(1, len(items)):
        join = text[items[j - 1][2]:items[j][1]]
        if ALTERNATIVES_JOIN_RE.fullmatch(join):
            groups.append([items[j][0]])
            alternatives = alternatives or bool(re.search(r"\bor\b", join))
        elif COMBINATION_JOIN_RE.fullmatch(join):
            groups[-1].append(items[j][0])
        else:
            return ()
    return shared_class(groups, lexicon) if alternatives and len(groups) >= 2 else ()


def combined_alternatives(text: str, items: Sequence[tuple[str, int, int]], lexicon: Lexicon) -> list[str] | None:
    """The tokens of a combination whose parts are alternatives ("X or Y plus Z, W or V": the class of
    X and Y plus the class of Z, W and V), each part's drugs given to different patients; None unless
    `items` (tokens with their offsets into `text`) join so, with a part of two or more alternatives."""
    parts: list[list[int]] = [[0]] if items else []
    for j in range(1, len(items)):
        join = text[items[j - 1][2]:items[j][1]]
        if COMBINATION_JOIN_RE.fullmatch(join) and not re.search(r"\bor\b", join):
            parts.append([j])
        else:
            parts[-1].append(j)
    out: list[str] = []
    for part in parts:
        joins = [text[items[a][2]:items[b][1]] for a, b in zip(part, part[1:], strict=False)]
        if len(part) == 1:
            out.append(items[part[0]][0])
        elif lists_alternatives(joins, counted=False) and (shared := shared_class([(items[j][0],) for j in part],
                                                                                  lexicon)):
            out.extend(shared)
        else:
            return None
    if len(parts) < 2 or not any(len(p) >= 2 for p in parts) or len(regimen_of(out, lexicon)) < len(out):
        return None  # "X, Y, or Z plus Y" lists alternatives (`alternative_regimens`), not parts of one combination
    return out


def _members_of(class_token_: str, keys: Sequence[str], lexicon: Lexicon) -> int:
    """How many of `keys`, from the first, are drugs of the class: for "ici-based" (a regimen with an
    ICI, with or without other agents) every key when any is an ICI."""
    if class_token_ == "ici-based" and any("ici" in drug_classes(lexicon, k) for k in keys):
        return len(keys)
    count = 0
    while count < len(keys) and class_token_ in drug_classes(lexicon, keys[count]):
        count += 1
    return count


COMBINING_RE = re.compile(r"\b(?:plus|and|with|combined|combination|followed)\b|[+/]", re.I)
"""Words that join drugs given together rather than alternatives given to different patients."""


def _closing_paren(text: str, opening: int) -> int:
    """Offset of the parenthesis closing the one at `opening`; the text's end when none closes it."""
    depth = 0
    for i in range(opening, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i
    return len(text)


SHARED_CLASS_ORDER = ("pd-1 inhibitor", "pd-l1 inhibitor", "ctla-4 inhibitor", "antiangiogenic", "chemotherapy", "ici")
"""Contract class tokens, narrowest first, for the class every alternative regimen belongs to."""
EITHER_RE = re.compile(
    r"\beither\s+(?P<a>[^,;:()]+?)\s+or\s+(?P<b>[^,;:()]+?)"
    r"(?=\s+(?:at|in|for|as|from|between|during|until|who|were|was|and\s+(?:were|was|had))\b|[,;:.()]|$)", re.I)
"""Alternatives a cohort was treated with: "treated with either doxorubicin or gemcitabine plus docetaxel"."""


def _contract_classes(lexicon: Lexicon, token: str) -> set[str]:
    if token in REGIMEN_CLASS_TOKENS:
        return {token, *(k for k in class_ancestors(lexicon, token) if k in REGIMEN_CLASS_TOKENS)}
    if lexicon.get("drug", token):
        return {k for k in drug_classes(lexicon, token) if k in REGIMEN_CLASS_TOKENS}
    mapped = class_token(lexicon, token)
    return {mapped, *(k for k in class_ancestors(lexicon, mapped) if k in REGIMEN_CLASS_TOKENS)} if mapped else set()


ALTERNATIVES_JOIN_RE = re.compile(r"\s*(?:,\s*)?(?:or|and/or)?\s*(?:the\s+)?", re.I)
"""What may stand between the items of a list of alternative treatments ("X, Y or the Z")."""
COUNTED_JOIN_RE = re.compile(r"\s*(?:,\s*)?(?:or|and/or|and)?\s*(?:the\s+)?", re.I)
"""The same between drugs each counted on its own patients, where "and" lists them too."""
PATIENT_COUNT_RE = scan_compile(
    r"[(\[]\s*(?:n\s*=\s*)?\d+(?:\s*(?:patients|pts|cases))?(?:\s*[,;]\s*\d+(?:\.\d+)?\s*%)?\s*[)\]]"
    r"|\bn\s*=\s*\d+|\bin\s+\d+(?:\s+(?:patients|pts|cases))?\b"
    r"|\b\d+\s+(?:(?:patients|pts|cases)\s+)?(?:received|were\s+(?:treated\s+with|given)|(?:were\s+)?on)\b|\b\d+\s*$",
    re.I)
"""How many patients took one drug of a list: "(n = 20)", "(12, 30%)", "in 12", "and 8 received", "8 on", "10 X"."""


def lists_alternatives(joins: Sequence[str], counted: bool = True) -> bool:
    """Whether the texts between listed treatments make them alternatives ("X, Y or Z"): commas
    and "or" only, with at least one "or" (a cohort given either, not a combination); or drugs each
    counted on its own patients ("X (n = 20) and Y (n = 15)", "30 received X, 10 Y and 5 Z") unless
    `counted` is False (groups randomised to X or Y are arms, not one cohort)."""
    if not joins:
        return False
    if all(ALTERNATIVES_JOIN_RE.fullmatch(j) for j in joins) and any(re.search(r"\bor\b", j) for j in joins):
        return True
    bare = [PATIENT_COUNT_RE.sub(" ", j) for j in joins]
    return counted and all(PATIENT_COUNT_RE.search(j) for j in joins) \
        and all(COUNTED_JOIN_RE.fullmatch(b) for b in bare)


def shared_class(regimens: Sequence[Sequence[str]], lexicon: Lexicon) -> tuple[str, ...]:
    """The regimen of one group pooled over different regimens (both arms of a comparison, a
    cohort treated with either of two regimens): the narrowest contract class that every drug of
    every regimen belongs to ("doxorubicin" / "gemcitabine + docetaxel" -> chemotherapy); none when
    a regimen is empty, is a placebo or no class holds them all."""
    if len(regimens) < 2 or any(not regimen for regimen in regimens):
        return ()
    common: set[str] | None = None
    for token in (t for regimen in regimens for t in regimen):
        classes = _contract_classes(lexicon, token)
        common = classes if common is None else common & classes
    return next(((key,) for key in SHARED_CLASS_ORDER if common and key in common), ())


def either_spans(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Offsets in `text` of the two alternatives of each "either A or B"."""
    return [((m.start("a"), m.end("a")), (m.start("b"), m.end("b"))) for m in EITHER_RE.finditer(text)]


def listed_regimen(text: str, items: Sequence[tuple[str, int, int]], lexicon: Lexicon) -> tuple[str, ...] | None:
    """The regimen of tokens `text` prints as one list: a class over its own drugs, alternatives of
    one class, or alternatives each combined with the same drugs (`without_listed_members`,
    `alternative_regimens`, `combined_alternatives`: the first that reads the list); None when none does."""
    remaining = (without_listed_members(text, items, lexicon) or alternative_regimens(text, items, lexicon)
                 or combined_alternatives(text, items, lexicon))
    return regimen_of(remaining, lexicon) if remaining is not None else None
