"""The regimen of a study's cohort, read from the sentences that say what it was given: the drugs (else
classes) a stretch names, leaving out earlier treatments and keeping a class combined with a drug; the
class shared by alternatives ("either X or Y plus Z", "received X, Y or Z", "various therapies").
Used by `extractors.study` and `extractors.frame`."""

from __future__ import annotations

import re

from extractors.offsets import mentions_between
from extractors.records import Mention
from extractors.regimens import (
    RANDOMISED_TO_RE,
    class_token,
    earlier_treatments,
    either_spans,
    listed_regimen,
    lists_alternatives,
    regimen_of,
    regimen_token,
    shared_class,
)
from extractors.treated_share import COUNTED_GIVEN_RE, counted_groups_cover_cohort
from ontology.lexicon import Lexicon

COMBINED_WITH_RE = re.compile(r"\s*(?:plus|\+|(?:in\s+)?combin(?:ed|ation)\s+with|with|and)\s*", re.I)
"""What joins a drug to the class it is given with ("X plus chemotherapy", "X combined with a PD-1 inhibitor")."""


def regimen_in(mentions: list[Mention], start: int, end: int, text: str = "",
                lexicon: Lexicon | None = None) -> tuple[str, ...]:
    """The drugs (else drug classes) mentioned in [start, end) of the source; `text`, that stretch of the
    source, leaves out the treatments patients had before ("X in LMS previously treated with Y": X). A
    class combined with a drug ("X plus chemotherapy") is part of the regimen when `lexicon` is given."""
    inside = mentions_between(mentions, start, end)
    if text:
        earlier = earlier_treatments(text, [(m.evidence.start - start, m.evidence.end - start) for m in inside])
        inside = [m for i, m in enumerate(inside) if i not in earlier]
    drugs = sorted({m.key for m in inside if m.type == "drug"})
    if lexicon is not None:
        tokens = [(t, m.evidence.start - start, m.evidence.end - start)
                  for m in inside if (t := regimen_token(lexicon, m))]
        listed = listed_regimen(text, tokens, lexicon) if text else None
        if listed is not None:  # "treated with VEGFR TKIs (X in 30, Y in 12)": the class, not X + Y
            return listed
    if drugs:
        if text and lexicon is not None:
            return regimen_of(drugs + _combined_classes(inside, start, text, lexicon), lexicon)
        return tuple(drugs)
    classes = [m for m in inside if m.type == "drug_class"]
    if lexicon is None:
        return tuple(sorted({m.key for m in classes}))
    # the contract's class tokens ("VEGFR TKIs" -> antiangiogenic), not lexicon keys
    regimen = regimen_of([t for m in classes if (t := class_token(lexicon, m.key))], lexicon)
    joins = [text[a.evidence.end - start : b.evidence.start - start]
             for a, b in zip(classes, classes[1:], strict=False)]
    if text and len(regimen) >= 3 and all(CLASS_LIST_JOIN_RE.fullmatch(j) for j in joins):
        return ()  # "chemotherapy, PD-1 antibodies and mTOR inhibitors compared": classes side by side
    return regimen


CLASS_LIST_JOIN_RE = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", re.I)
"""What lists treatment classes side by side (not "plus" or "combined with", which join a combination)."""


def _combined_classes(inside: list[Mention], start: int, text: str, lexicon: Lexicon) -> list[str]:
    """Class tokens printed right beside a drug with a combining word between them."""
    out = []
    inside = [m for m in inside if m.type in ("drug", "drug_class")]  # not the target inside "PD-1 inhibitors"
    for a, b in zip(inside, inside[1:], strict=False):
        gap = text[a.evidence.end - start : b.evidence.start - start]
        if {a.type, b.type} != {"drug", "drug_class"} or not COMBINED_WITH_RE.fullmatch(gap):
            continue
        token = regimen_token(lexicon, a if a.type == "drug_class" else b)
        if token:
            out.append(token)
    return out


def either_regimen(mentions: list[Mention], start: int, text: str, lexicon: Lexicon) -> tuple[str, ...]:
    """"treated with either doxorubicin or gemcitabine plus docetaxel": one cohort on alternative
    regimens has the class they share (`regimens.shared_class`); () when `text` (starting at source
    offset `start`) offers no such alternatives or they share no class. Patients randomised to
    either of two regimens are two arms (`extractors.frame`), not one cohort."""
    if RANDOMISED_TO_RE.search(text):
        return ()
    for a, b in either_spans(text):
        alternatives = [tuple(sorted({t for m in mentions_between(mentions, start + lo, start + hi)
                                      if (t := regimen_token(lexicon, m))}))
                        for lo, hi in (a, b)]
        shared = shared_class(alternatives, lexicon)
        if shared:
            return shared
    return ()


MIXED_THERAPY_RE = re.compile(
    r"\b(?:various|different|diverse|multiple|several|a\s+variety\s+of|mixed)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:regimens|therapies|treatments|agents|drugs)\b", re.I)
"""'treated with various systemic therapies': a cohort on no one regimen."""


def mixed_regimen(mentions: list[Mention], start: int, text: str, lexicon: Lexicon) -> tuple[str, ...] | None:
    """The regimen of a cohort that `text` (at source offset `start`) says took alternative treatments:
    "received X, Y or Z", "treated with various therapies", "20 received X and 15 received Y". The
    class every alternative belongs to (`regimens.shared_class`), () when none does; None when the
    text gives no alternatives."""
    inside = [m for m in mentions_between(mentions, start, start + len(text)) if regimen_token(lexicon, m)]
    earlier = earlier_treatments(text, [(m.evidence.start - start, m.evidence.end - start) for m in inside])
    given = [m for i, m in enumerate(inside) if i not in earlier]
    joins = [text[a.evidence.end - start : b.evidence.start - start] for a, b in zip(given, given[1:], strict=False)]
    listed = len(given) >= 2 and lists_alternatives(joins, counted=not RANDOMISED_TO_RE.search(text))
    counted = len(COUNTED_GIVEN_RE.findall(text)) >= 2 and len({m.key for m in given}) >= 2 \
        and counted_groups_cover_cohort(text)  # "35 (17%) received X and 20 (10%) Y": parts, not the cohort
    if not (listed or counted or (MIXED_THERAPY_RE.search(text) and given)):
        return None
    return shared_class([(t,) for m in given if (t := regimen_token(lexicon, m))], lexicon)
