"""Adverse-event claims of a paper's own prose, sentence by sentence (`extractors.ae_prose` reads
one sentence, `extractors.ae_tables` the tables).

Paragraph context carries what one sentence alone cannot: a sentence in a paragraph that already
spoke of safety, with figures or announcing them ("Adverse events are listed in Table 3."), is read
even without an AE word ("Hypophosphatemia occurred in 41% of patients"), and a bare "grade 3
events" is the total the paragraph last named (TRAEs, irAEs...).
An arm phrase after a figure ("... in the placebo group", "given X") gives that figure the
arm's regimen; a later "A vs B" pair without arm phrases takes the arms in the order the paragraph
first named them; otherwise the study's regimen. Sentences that cite another study are skipped:
an AE rate of another trial is not this paper's safety result.
"""

from __future__ import annotations

import re

from corpus.document import Document, Sentence
from extractors.ae_prose import TOTALS, ProseAE, announces_safety, sentence_adverse_events
from extractors.ae_terms import lexicon_event_checker
from extractors.offsets import Coverage, mentions_between
from extractors.records import AdverseEventClaim, Arm, CitationMarker, Evidence, Mention, StudyFacts, StudyFrame
from extractors.regimens import regimen_of, regimen_token
from extractors.text_index import NEAR
from ontology.lexicon import Lexicon

__all__ = ["extract_adverse_events", "sentence_adverse_events"]


def _bare_arm(name: str) -> str:
    """An arm's name without "the", "arm", "group": "the AI group" -> "ai", "arm B" -> "b"."""
    return " ".join(re.sub(r"\b(?:the|arms?|groups?|cohorts?)\b", " ", name, flags=re.I).split()).casefold()


def _frame_arm(arm: str, frame_arms: list[Arm]) -> tuple[str, ...] | None:
    """The regimen of the study arm an arm phrase names by its label or short name ("arm B",
    "AI"), or by its role when the study has one control ("the control group")."""
    wanted = _bare_arm(arm)
    if not wanted:
        return None
    for candidate in frame_arms:
        if wanted in {_bare_arm(n) for n in (candidate.label, *candidate.aliases) if n}:
            return candidate.regimen or None
    controls = [a for a in frame_arms if a.role == "control"]
    if wanted == "control" and len(controls) == 1:
        return controls[0].regimen or None
    return None


def _arm_regimen(arm: str, start: int, end: int, mentions: list[Mention],
                 lexicon: Lexicon | None, frame_arms: list[Arm]) -> tuple[str, ...] | None:
    """The regimen an arm phrase printed in [start, end) names: a study arm it names, else its
    drugs or "placebo", widened to the one study arm holding them all ("the X group" of an X plus
    Y versus Y plus placebo trial is X + Y); None if none of these."""
    if not arm:
        return None
    from_frame = _frame_arm(arm, frame_arms)
    if from_frame:
        return from_frame
    if re.search(r"\bplacebo\b", arm, re.I):
        named: tuple[str, ...] = ("placebo",)
    elif lexicon is None:
        return None
    else:
        tokens = [t for surface, named_tokens in _tokens_by_surface(mentions, start, end, lexicon).items()
                  if surface in arm.lower() for t in named_tokens]
        if not tokens:
            return None
        named = regimen_of(tokens, lexicon)
    holding = [a.regimen for a in frame_arms if a.regimen and set(named) <= set(a.regimen)]
    return holding[0] if len(holding) == 1 else named


_surfaces_of: tuple[list[Mention], int, int, int, Lexicon, dict[str, list[str]]] | None = None


def _tokens_by_surface(mentions: list[Mention], start: int, end: int, lexicon: Lexicon) -> dict[str, list[str]]:
    """The regimen tokens of the mentions printed in [start, end), by their lowercase surface: read once
    per sentence, not for each of its figures (the regimen is a set: order and repeats do not count)."""
    global _surfaces_of
    if _surfaces_of is None or _surfaces_of[0] is not mentions or _surfaces_of[4] is not lexicon \
            or _surfaces_of[1:4] != (len(mentions), start, end):
        by_surface: dict[str, list[str]] = {}
        for m in mentions_between(mentions, start, end):
            if token := regimen_token(lexicon, m):
                tokens = by_surface.setdefault(m.surface.lower(), [])
                if token not in tokens:
                    tokens.append(token)
        _surfaces_of = (mentions, len(mentions), start, end, lexicon, by_surface)
    return _surfaces_of[5]


LEAD_ARM_RE = re.compile(r"\b(?:with|in|for|on|after)\s+(?:the\s+)?(?P<arm>[^,;()\d%]{1,60}?)\s*[(\[]\s*$", re.I)
"""An arm named right before the parenthesis of a comparison ("more frequent with X (55% vs 38%)")."""


def _regimens(found: list[ProseAE], sentence: Sentence, arms: list[tuple[str, ...]], mentions: list[Mention],
              lexicon: Lexicon | None, study: StudyFacts, frame_arms: list[Arm]) -> list[tuple[str, ...]]:
    """Each figure's regimen: the arm it names, else the arm at its place in an earlier comparison
    of the paragraph ("88 (56%) given X and 21 (27%) given placebo; ... rash (31 [20%] vs two
    [3%])": the second figure of a pair is placebo), else the study's regimen. `arms` collects the
    arm order of the first comparison whose arms are all named."""
    # the arm's drugs are mentions printed in the arm phrase, after its figure or (inside a
    # comparison in parentheses) right before it: from the sentence start, kept by surface
    named = [_arm_regimen(ae.arm, sentence.start, sentence.end, mentions, lexicon, frame_arms) for ae in found]
    groups: list[list[int]] = []
    for i, ae in enumerate(found):
        if ae.order == 0 or not groups:
            groups.append([i])
        elif ae.order != found[i - 1].order:
            groups[-1].append(i)
    for group in groups:
        paired = len(group) == len(frame_arms) == 2
        # the lead ends right before the figure: only the last characters before it are searched
        at = found[group[0]].start
        lead = LEAD_ARM_RE.search(sentence.text, max(0, at - NEAR), at) if paired else None
        if lead and not any(named[i] for i in group):
            # "more frequent with X (55% vs 38%)": the arm named before the comparison is its first figure's
            first = _arm_regimen(lead.group("arm"), sentence.start, sentence.end, mentions, lexicon, frame_arms)
            others = [a.regimen for a in frame_arms if a.regimen != first]
            if first in [a.regimen for a in frame_arms] and len(others) == 1 and others[0]:
                named[group[0]], named[group[1]] = first, others[0]
    if not arms:
        for group in groups:
            regimens = [named[i] for i in group]
            if len(group) == len(frame_arms) == 2 and sum(1 for r in regimens if r) == 1:
                # "rash (38% vs 0% in the placebo group)": the figure no arm names is the frame's other arm
                known = next(r for r in regimens if r)
                others = [a.regimen for a in frame_arms if a.regimen != known]
                if len(others) == 1 and others[0]:
                    regimens = [r or others[0] for r in regimens]
            if len(group) > 1 and all(regimens):
                arms.extend(r for r in regimens if r)
                break
        if not arms and len(frame_arms) == 2 and all(a.regimen for a in frame_arms) and any(g[1:] for g in groups):
            arms.extend(a.regimen for a in frame_arms)  # "(33% vs 13%)" in a two-arm trial: its arms in order
    out = []
    for ae, regimen in zip(found, named, strict=True):
        if regimen is None and ae.order < len(arms) and any(a.order for a in found):
            regimen = arms[ae.order]
        out.append(regimen or study.regimen)
    return out


def extract_adverse_events(doc: Document, markers: list[CitationMarker], study: StudyFacts,
                           mentions: list[Mention] | None = None,
                           lexicon: Lexicon | None = None, frame: StudyFrame | None = None) -> list[AdverseEventClaim]:
    """AE figures from the paper's own prose (sentences citing other work are skipped). The study
    frame's arms resolve arm phrases that name an arm by its label, short name or role."""
    cited = Coverage((c.sentence.start, c.sentence.end) for c in markers)  # not a scan per sentence
    is_event = lexicon_event_checker(lexicon)
    claims = []
    for paragraph in doc.paragraphs:
        safety = False
        last_total = "AEs"
        arms: list[tuple[str, ...]] = []
        for sentence in paragraph.sentences:
            if cited.covers(sentence.start):
                continue
            found = sentence_adverse_events(sentence.text, safety_context=safety, is_event=is_event)
            regimens = _regimens(found, sentence, arms, mentions or [], lexicon, study, frame.arms if frame else [])
            for ae, regimen in zip(found, regimens, strict=True):
                term = last_total if ae.term == "events" else ae.term
                if ae.term in TOTALS - {"events"}:
                    last_total = ae.term
                claims.append(AdverseEventClaim(
                    term=term, grade=ae.grade, n=ae.n, percent=ae.percent, regimen=regimen, group_size=ae.group_size,
                    evidence=Evidence(doc.source_file, paragraph.section, sentence.start, sentence.end, sentence.text),
                ))
            safety = safety or bool(found) or announces_safety(sentence.text)
    return claims
