"""Adverse-event claims of a paper's own prose, sentence by sentence (`extractors.ae_prose` reads
one sentence, `extractors.ae_tables` the tables).

Paragraph context carries what one sentence alone cannot: a sentence in a paragraph that already
spoke of safety is read even without an AE word ("Hypophosphatemia occurred in 41% of
patients"), and a bare "grade 3 events" is the total the paragraph last named (TRAEs, irAEs...).
An arm phrase after a figure ("... in the placebo group", "given X") gives that figure the
arm's regimen; otherwise the study's regimen. Sentences that cite another study are skipped:
an AE rate of another trial is not this paper's safety result.
"""

from __future__ import annotations

import re

from corpus.document import Document, Sentence
from extractors.ae_prose import TOTALS, ProseAE, lexicon_event_checker, sentence_adverse_events
from extractors.records import AdverseEventClaim, CitationMarker, Evidence, Mention, StudyFacts
from extractors.regimens import regimen_of, regimen_token
from ontology.lexicon import Lexicon

__all__ = ["extract_adverse_events", "sentence_adverse_events"]


def _arm_regimen(arm: str, sentence: Sentence, ae: ProseAE, mentions: list[Mention], lexicon: Lexicon | None,
                 study: StudyFacts) -> tuple[str, ...]:
    """The regimen an arm phrase names: its drugs, "placebo", or the study's own regimen."""
    if not arm:
        return study.regimen
    if re.search(r"\bplacebo\b", arm, re.I):
        return ("placebo",)
    start = sentence.start + ae.end
    end = start + 120
    if lexicon is not None:
        tokens = [t for m in mentions if start <= m.evidence.start < end and m.surface.lower() in arm.lower()
                  and (t := regimen_token(lexicon, m))]
        if tokens:
            return regimen_of(tokens, lexicon)
    return study.regimen


def extract_adverse_events(doc: Document, markers: list[CitationMarker], study: StudyFacts,
                           mentions: list[Mention] | None = None,
                           lexicon: Lexicon | None = None) -> list[AdverseEventClaim]:
    """AE figures from the paper's own prose (sentences citing other work are skipped)."""
    cited = [(c.sentence.start, c.sentence.end) for c in markers]
    is_event = lexicon_event_checker(lexicon)
    claims = []
    for paragraph in doc.paragraphs:
        safety = False
        last_total = "AEs"
        for sentence in paragraph.sentences:
            if any(a <= sentence.start < b for a, b in cited):
                continue
            found = sentence_adverse_events(sentence.text, safety_context=safety, is_event=is_event)
            for ae in found:
                term = last_total if ae.term == "events" else ae.term
                if ae.term in TOTALS - {"events"}:
                    last_total = ae.term
                claims.append(AdverseEventClaim(
                    term=term, grade=ae.grade, n=ae.n, percent=ae.percent,
                    regimen=_arm_regimen(ae.arm, sentence, ae, mentions or [], lexicon, study),
                    evidence=Evidence(doc.source_file, paragraph.section, sentence.start, sentence.end, sentence.text),
                ))
            safety = safety or bool(found) or bool(re.search(r"adverse|toxicit|side[-\s]effect|safety|tolerab",
                                                             sentence.text, re.I))
    return claims
