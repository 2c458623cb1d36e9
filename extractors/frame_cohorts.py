"""The study frame's cohorts (`extractors.frame`): "synovial sarcoma (cohort 1) and angiosarcoma
(cohort 2)", "cohort A (liposarcoma)", "the UPS (n = 27), DDLPS (n = 25) and MFS (n = 20) cohorts",
"10 patients in each of four cohorts: UPS, DDLPS, SS and LMS"; sizes "24 patients were treated in
cohort A and 28 in cohort B"."""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.arm_wording import SIZE_RE
from extractors.offsets import mentions_between
from extractors.records import Cohort, Evidence, Mention
from extractors.study import Unit

COHORT_LABEL_AFTER_RE = re.compile(r"\(\s*(?i:cohort|arm)\s+(?P<id>[A-Z0-9])\s*\)")
"""'liposarcoma (cohort A)', 'bone sarcoma (Arm B)': a subtype's group and its label."""
COHORT_LABEL_BEFORE_RE = re.compile(r"\bcohort\s+(?P<id>[A-Z0-9])\s*(?:\(|:)")
COHORT_SIZE_RE = re.compile(
    r"\b(?P<n>\d+)\s+(?:patients\s+|pts\s+)?(?:were\s+\w+\s+)?(?:in|into|to)\s+cohort\s+(?P<id>[A-Z0-9])\b", re.I)
COHORT_LIST_RE = re.compile(
    r"(?:\b(?P<each>\d+)\s+(?:patients|pts)\s+(?:were\s+\w+\s+)?in\s+each\s+of\s+)?(?:the\s+)?(?:\w+\s+){0,2}?"
    r"cohorts\s*(?::|of|including|comprising|\()\s*", re.I)
COHORT_WORD_RE = re.compile(r"\bcohorts?\b|\barms?\b", re.I)


def subtypes_between(mentions: list[Mention], start: int, end: int) -> tuple[str, ...]:
    """The subtypes named between two offsets, each once, in order."""
    return tuple(dict.fromkeys(m.key for m in mentions_between(mentions, start, end) if m.type == "subtype"))


def study_cohorts(units: list[Unit], mentions: list[Mention]) -> list[Cohort]:
    """The cohorts the own sentences label or list, with their subtype and, when printed, their size."""
    cohorts: dict[str, Cohort] = {}
    for unit in units:
        if not COHORT_WORD_RE.search(unit.text):
            continue
        evidence = Evidence("", "", unit.start, unit.end, unit.text)
        for m in COHORT_LABEL_AFTER_RE.finditer(unit.text):
            # "liposarcoma (cohort A)": the subtype printed right before the label
            label_at = unit.start + m.start()
            before = [s for s in mentions if s.type == "subtype" and unit.start <= s.evidence.end <= label_at
                      and not re.search(r"[;)]|\band\b", unit.text[s.evidence.end - unit.start:m.start()])]
            if before:
                label = f"cohort {m.group('id')}"
                cohorts.setdefault(label, Cohort(label, (before[-1].key,), None, evidence))
        for m in COHORT_LABEL_BEFORE_RE.finditer(unit.text):
            clause = re.search(r"\)" if unit.text[m.end() - 1] == "(" else r"[;,.]", unit.text[m.end():])
            end = m.end() + clause.start() if clause else len(unit.text)  # to the parenthesis or clause end
            codes = subtypes_between(mentions, unit.start + m.end(), unit.start + end)
            if codes:
                label = f"cohort {m.group('id')}"
                cohorts.setdefault(label, Cohort(label, codes[:1], None, evidence))
        if re.search(r"\bcohorts\b", unit.text, re.I):
            # "the UPS (n = 27), DDLPS (n = 25) and MFS (n = 20) cohorts"
            for s in (s for s in mentions_between(mentions, unit.start, unit.end) if s.type == "subtype"):
                size = SIZE_RE.match(unit.text, s.evidence.end - unit.start)
                size = size or SIZE_RE.match(unit.text, s.evidence.end - unit.start + 1)
                if size:
                    label = f"{s.surface} cohort"
                    cohorts.setdefault(s.key, Cohort(label, (s.key,), int(size.group("n") or size.group("n2")),
                                                     evidence))
        listed = COHORT_LIST_RE.search(unit.text)
        if listed:
            # "10 patients in each of four cohorts: UPS, DDLPS, SS and LMS"
            rest = re.split(r"[;.]|\s(?:were|was|had|received)\s", unit.text[listed.end():])[0]
            codes = subtypes_between(mentions, unit.start + listed.end(), unit.start + listed.end() + len(rest))
            each = int(listed.group("each")) if listed.group("each") else None
            known = {c.population for c in cohorts.values()}
            for code in codes:
                if (code,) not in known:
                    cohorts.setdefault(code, Cohort(f"{code} cohort", (code,), each, evidence))
    for unit in units:
        for m in COHORT_SIZE_RE.finditer(unit.text):
            label = f"cohort {m.group('id')}"
            if label in cohorts and cohorts[label].size is None:
                cohorts[label] = replace(cohorts[label], size=int(m.group("n")))
        for m in re.finditer(r"\band\s+(?P<n>\d+)\s+in\s+cohort\s+(?P<id>[A-Z0-9])\b", unit.text):
            label = f"cohort {m.group('id')}"
            if label in cohorts and cohorts[label].size is None:
                cohorts[label] = replace(cohorts[label], size=int(m.group("n")))
    return list(cohorts.values())
