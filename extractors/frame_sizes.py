"""The sizes of a study's arms, printed apart from the arms ("(arm A, 48; arm B, 48)", "79 in the placebo
group") or after a regimen ("X + Y (n=35) vs X (n=22)"), and the regimen a span of a sentence names.
Used by `extractors.frame`."""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.arm_wording import PLACEBO
from extractors.offsets import mentions_between
from extractors.records import Arm, Mention
from extractors.regimens import regimen_of, regimen_token
from extractors.study import Unit
from ontology.lexicon import Lexicon

PLACEBO_RE = re.compile(r"\bplacebo\b", re.I)
ARM_SIZES_RE = re.compile(r"\barm\s+(?P<id>[A-Z0-9])\s*[,:=]\s*(?:n\s*=\s*)?(?P<n>\d+)\b")
GROUP_SIZE_RE = re.compile(r"\b(?P<n>\d+)\s+(?:patients\s+)?(?:were\s+\w+\s+)?(?:in|to)\s+(?:the\s+)?"
                           r"(?P<name>[\w-]+)\s+(?:group|arm)\b", re.I)
EVENTS_AFTER_RE = re.compile(r"[^.;]*?\b(?:died|progressed|relapsed|deaths?|events?)\b", re.I)
""""73 patients in the X arm and 96 in the Y arm had died": patients counted for an event, not the arm's size."""


def span_regimen(mentions: list[Mention], start: int, end: int, text: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The regimen of the drugs and classes mentioned in [start, end) (`text` printing "placebo" adds it)."""
    tokens = {regimen_token(lexicon, m) for m in mentions_between(mentions, start, end)}
    if PLACEBO_RE.search(text):
        tokens.add(PLACEBO)
    return regimen_of([t for t in tokens if t], lexicon)


def with_sizes(arms: list[Arm], units: list[Unit]) -> list[Arm]:
    """Arm sizes printed apart from the list of arms ("(arm A, 48; arm B, 48)", "79 in the placebo group")."""
    out = []
    for arm in arms:
        size = arm.size
        for unit in units:
            each = re.search(r"\b(\d+)\s+(?:patients\s+)?(?:per|in each)\s+(?:group|arm)\b", unit.text)
            if size is None and each:
                size = int(each.group(1))
            if size is not None:
                break
            letter = arm.label.split()[-1] if arm.label else ""
            for m in ARM_SIZES_RE.finditer(unit.text):
                if letter and m.group("id") == letter:
                    size = int(m.group("n"))
            for m in GROUP_SIZE_RE.finditer(unit.text):
                if m.group("name").lower() in arm.regimen and distinguishes(m.group("name").lower(), arm, arms) \
                        and not EVENTS_AFTER_RE.match(unit.text, m.end()):
                    size = int(m.group("n"))
        out.append(replace(arm, size=size))
    return out


ARM_ABBREVIATION_RE = re.compile(r"^\s*(?P<abbr>[A-Z][A-Za-z+/-]{0,5})\s*,?\s*$")
"""The short name a paper gives an arm beside its size: "(AI, n = 35)"."""
N_EQUALS_RE = re.compile(r"\(?\s*\bn\s*=\s*(?P<n>\d+)", re.I)
SEGMENT_BREAK_RE = re.compile(r"[;(]|\bvs\.?|\bversus\b|\bor\b|\band\b(?!\s+\w+\s*(?:,|\(|n\s*=))", re.I)


SHARE_BEFORE_RE = re.compile(r"\d\s*%\s*$")


def with_printed_sizes(arms: list[Arm], units: list[Unit], mentions: list[Mention],
                        lexicon: Lexicon) -> list[Arm]:
    """Sizes printed after a regimen ("(doxorubicin, n = 60; gemcitabine plus docetaxel, n = 58)",
    "X + Y (n=35) vs X (n=22)"): the regimen of the words since the last separator is the arm's."""
    if len(arms) < 2:
        return arms
    sizes: dict[tuple[str, ...], int] = {}
    aliases: dict[tuple[str, ...], list[str]] = {}
    for unit in units:
        for m in N_EQUALS_RE.finditer(unit.text):
            head = unit.text[:m.start()]
            if SHARE_BEFORE_RE.search(head):
                continue  # "In the X arm, 1.6% (n = 1) stopped": the patients behind a share, not the arm
            cuts = [0] + [b.end() for b in SEGMENT_BREAK_RE.finditer(head)]
            # "X with Y (AI, n = 35)": an abbreviation in the parenthesis sends us one segment back
            for cut, end in ((cuts[-1], m.start()), (cuts[-2] if len(cuts) > 1 else 0, cuts[-1])):
                regimen = span_regimen(mentions, unit.start + cut, unit.start + end, head[cut:end], lexicon)
                if regimen:
                    sizes.setdefault(regimen, int(m.group("n")))
                    short = ARM_ABBREVIATION_RE.search(head[cuts[-1]:])
                    if short and cut != cuts[-1]:
                        aliases.setdefault(regimen, []).append(short.group("abbr"))
                    break
    return [replace(a, size=a.size if a.size is not None else sizes.get(a.regimen),
                    aliases=tuple(dict.fromkeys((*a.aliases, *aliases.get(a.regimen, ()))))) for a in arms]


def distinguishes(token: str, arm: Arm, arms: list[Arm]) -> bool:
    """Whether a regimen token names `arm` alone among the study's arms."""
    return token in arm.regimen and not any(token in other.regimen for other in arms if other is not arm)
