"""Arms a paper names by their role only: "18% with monotherapy", "in the combination arm".

A trial of a combination against one of its drugs alone often names its arms by role once the
drugs are introduced ("Single-agent X ... ; the clinical benefit rate was 29% with the combination
and 18% with monotherapy"). When no arms were read for the study frame, the role still says which
regimen a number belongs to: the combination is the study's regimen of two or more drugs, the
monotherapy the drug of it the paper prints as given alone ("single-agent X", "X alone").
"""

from __future__ import annotations

import re

from extractors.outcome_context import SentenceContext
from extractors.records import Mention

ROLE_PHRASE_RE = re.compile(
    r"\b(?:with|in|for|on|among|by|received|receiving|given|treated\s+with)\s+"
    r"(?:the\s+|those\s+(?:in|on|given)\s+(?:the\s+)?)?"
    r"(?:(?P<combo>combination|combined\s+(?:therapy|treatment|regimen)|doublet)(?!\s+(?:of|with)\b)"
    r"|(?P<mono>monotherapy|single[- ]agent))"
    r"(?:\s+(?:arm|group|cohort|therapy|treatment))?\b", re.I)
"""A group named by its role: "with the combination", "in the monotherapy arm"."""
ALONE_BEFORE_RE = re.compile(r"\b(?:single[- ]agent|monotherapy\s+with)\s+$", re.I)
ALONE_AFTER_RE = re.compile(r"\s+(?:alone|monotherapy)\b", re.I)


def study_roles(text: str, mentions: list[Mention], regimen: tuple[str, ...]) -> tuple[tuple[str, ...], ...] | None:
    """(combination, monotherapy) of a study whose regimen has two or more drugs and whose text
    prints one of them as given alone; None otherwise."""
    if len(regimen) < 2:
        return None
    for m in mentions:
        if m.type != "drug" or m.key not in regimen:
            continue
        before = text[max(0, m.evidence.start - 30) : m.evidence.start]
        if ALONE_BEFORE_RE.search(before) or ALONE_AFTER_RE.match(text, m.evidence.end):
            return regimen, (m.key,)
    return None


def role_of_number(ctx: SentenceContext, start: int, end: int,
                   roles: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    """The regimen a role phrase gives the number at [start, end): the phrase printed right after it
    (its parenthesis skipped), else, in a sentence that names no regimen, the sentence's only role."""
    phrases = list(ROLE_PHRASE_RE.finditer(ctx.text)) if re.search(
        r"combin|doublet|monotherapy|single[- ]agent", ctx.text, re.I) else []
    if not phrases:
        return None
    rest = ctx.text[ctx.rel(end):]
    skipped = re.match(r"\s*(?:\([^()]*\)\s*)*,?\s*(?:of\s+(?:the\s+)?(?:patients|those)\s+(?:who\s+)?)?", rest)
    offset = ctx.rel(end) + (skipped.end() if skipped else 0)
    after = next((p for p in phrases if p.start() == offset), None)
    if after is None and (ctx.regimen_items or len({_role(p) for p in phrases}) != 1):
        return None
    phrase = after or phrases[0]
    return roles[0] if _role(phrase) == "combo" else roles[1]


def _role(m: re.Match[str]) -> str:
    return "combo" if m.group("combo") else "mono"
