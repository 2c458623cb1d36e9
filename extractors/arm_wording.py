"""How papers word their randomised arms beyond the plain "randomly assigned to A or B" (frame.py
reads that): a long clause before "to receive", arms listed in the next sentence, a first arm with
a maintenance sequel before the second, an arm named by its class and spelt out later, and an arm
named in its size parenthesis ("(maintenance group, n = 185)")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from extractors.offsets import mentions_between
from extractors.records import Arm, Evidence, Mention
from extractors.regimens import regimen_of, shared_class
from extractors.scan_regex import scan_compile
from extractors.study import Unit
from ontology.lexicon import Lexicon

PLACEBO = "placebo"
RANDOMISED_LONG_RE = scan_compile(
    r"\b(?:random(?:ly|i[sz]ed)\s+(?:assigned|allocated)|randomi[sz]ed)\s+(?:[\w,:'’()-]+\s+){4,16}?"
    r"to\s+(?:receive\s+(?:either\s+)?|either\s+)(?P<list>.+)$", re.I | re.S)
"""'randomly assigned 90 patients with progressive or recurrent X to receive either A or B', 'randomised
between 2015 and 2019 to receive A or B': the arms after a longer stretch, which 'to receive' marks."""
RECEIVED_EITHER_RE = re.compile(r"\b(?:patients|participants)\s+(?:received|were\s+given|were\s+treated\s+with)\s+"
                                r"either\s+(?P<list>.+)$", re.I | re.S)
"""'Patients received either A (n = 30) or B (n = 28)' after a randomisation that listed no arms."""
PART_SPLIT_RE = re.compile(r"\s*,?\s+(?:or|versus|vs\.?)\s+(?:to\s+)?(?:receive\s+)?(?:either\s+)?", re.I)
NAMED_GROUP_RE = re.compile(r"\(\s*(?P<name>[a-z][a-z-]+\s+(?:group|arm))\s*[,;]\s*n\s*=", re.I)
"""'(maintenance group, n = 185)': the name the results give the arm."""
LABELLED_PAREN_RE = re.compile(r"\b(?P<word>(?i:arm|group))\s+(?P<id>[A-Z0-9])\s*\((?P<what>[^()]+)\)")
"""'18 in Arm A (single-agent X) and 24 in Arm B (X plus Y)': a labelled arm and its regimen in brackets."""
SIZE_RE = re.compile(r"\((?:[^()]{0,40}?[,;]\s*)?n\s*=\s*(?P<n>\d+)\s*\)|\((?P<n2>\d+)\s+patients?\)", re.I)
"""'(n = 31)', '(control arm, n = 31)', '(31 patients)': a group's size printed after it."""


def named_aliases(arm: Arm, label: str, piece: str) -> tuple[str, ...]:
    """The arm's aliases, with the group name its size parenthesis gives it (the results use it)."""
    return (*arm.aliases, label) if NAMED_GROUP_RE.search(piece) else arm.aliases


FOLLOWED_BY_RE = re.compile(r",?\s+followed\s+by\b", re.I)


CONSISTED_OF_RE = re.compile(r"\b(?:chemotherapy|regimen|treatment|therapy)\s+(?:consisted\s+of|comprised|"
                             r"was\s+composed\s+of|included)\b", re.I)


def class_arm_spelt_out(arms: list[Arm], units: list[Unit], mentions: list[Mention], lexicon: Lexicon) -> list[Arm]:
    """"assigned to maintenance chemotherapy or to stop treatment ... Maintenance chemotherapy consisted
    of vinorelbine and cyclophosphamide": the one arm named only by its class takes the drugs a
    sentence spells it out with, when they all belong to that class."""
    by_class = [a for a in arms if a.regimen and PLACEBO not in a.regimen
                and not any(lexicon.get("drug", t) for t in a.regimen)]
    if len(arms) < 2 or len(by_class) != 1:
        return arms
    arm = by_class[0]
    for unit in units:
        m = CONSISTED_OF_RE.search(unit.text)
        if m is None:
            continue
        drugs = [x.key for x in mentions_between(mentions, unit.start + m.end(), unit.end) if x.type == "drug"]
        if drugs and shared_class([arm.regimen, *[(d,) for d in drugs]], lexicon) == arm.regimen:
            return [replace(a, regimen=regimen_of(drugs, lexicon)) if a is arm else a for a in arms]
    return arms


def without_followed_by(listed: str) -> str:
    """"to A plus B every 3 weeks, followed by B maintenance (n = 74) or A alone (n = 76)": the
    sequel of the first arm is blanked (offsets kept, its size kept) so that the arm after it stays
    in the list; a sequel with no arm after it is cut where the list is cut."""
    cut = FOLLOWED_BY_RE.search(listed)
    if cut is None:
        return listed
    rest = listed[cut.end():]
    after = PART_SPLIT_RE.search(rest)
    if after is None or re.search(r"\.\s", rest[: after.start()]):
        return listed
    end = cut.end() + after.start()
    size = SIZE_RE.search(listed, cut.end(), end)
    keep = (size.start(), size.end()) if size else (end, end)
    blanked = "".join(" " if cut.start() <= i < end and not keep[0] <= i < keep[1] else ch
                      for i, ch in enumerate(listed[: end]))
    return blanked + listed[end:]


GROUP_LABEL_AFTER_RE = re.compile(r"\(\s*(?P<word>arm|group)\s+(?P<id>[A-Z0-9])\s*(?:[,;:]\s*n\s*=\s*(?P<n>\d+)\s*)?\)",
                                  re.I)
"""'... X (group 3, n = 20) or control (group 4, n = 18)': a group labelled after its treatment."""
GROUP_START_RE = re.compile(r";|\s(?:or|versus|vs\.?)\s|\bto\s+(?:receive\s+)?", re.I)
"""Where the treatment of a group labelled after it starts: after the group before it, a ";", "or", "to"."""


def later_labelled_groups(arms: list[Arm], units: list[Unit],
                          regimen_in: Callable[[int, int, str], tuple[str, ...]],
                          no_drug: re.Pattern[str]) -> list[Arm]:
    """Labelled groups a later sentence adds to arms already labelled the same way ("after marginal
    surgery, patients were randomised to X (group 3) or control (group 4)"): each takes the treatment
    printed before its label (`regimen_in(start, end, text)`), a group with no drug (`no_drug`) none.
    Two groups may share a regimen then; their labels tell them apart in the results."""
    words = {a.label.split()[0].lower() for a in arms if a.label}
    if len(arms) < 2 or len(words) != 1 or any(not a.label for a in arms):
        return arms
    known = {a.label.lower() for a in arms}
    added: list[Arm] = []
    for unit in units:
        begin = 0
        for m in GROUP_LABEL_AFTER_RE.finditer(unit.text):
            label = f"{m.group('word').lower()} {m.group('id').upper()}"
            starts = [s.end() for s in GROUP_START_RE.finditer(unit.text, begin, m.start())]
            what = unit.text[starts[-1] if starts else begin : m.start()]
            begin = m.end()
            if m.group("word").lower() not in words or label.lower() in known:
                continue
            at = unit.start + m.start() - len(what)
            regimen = regimen_in(at, at + len(what), what)
            if regimen or no_drug.search(what):
                known.add(label.lower())
                added.append(Arm(label=label, regimen=regimen, role="experimental" if regimen else "control",
                                 size=int(m.group("n")) if m.group("n") else None,
                                 evidence=Evidence("", "", unit.start, unit.end, unit.text)))
    return arms + added if len(added) >= 2 else arms

