"""The study frame: design, arms, cohorts and whole population, read before any number.

Read from the title, then the abstract's design sentences, then methods and results (the
sentences `extractors.study` trusts, background zones left out):

- arms: "A versus B" in the title, "X with or without Y" (X + Y, then X alone), "randomly assigned
  (2:1) to A (n = 80) or placebo (n = 40)", "to A (arm A) or B (arm B)"; a placebo or an active
  control is an arm with a regimen of its own ("placebo plus epirubicin" is epirubicin + placebo).
  The first arm named is the experimental one, unless it is the placebo or "alone" arm.
  Sizes: "(n = 48)" inside the arm's part, "(arm A, 48; arm B, 48)", "158 in the X group".
- cohorts: see `extractors.frame_cohorts`.
- population: the study facts' population, except that a study whose cohorts are different
  subtypes the title does not pool is a mixed population (STS), and so is one whose own sentences
  count its patients under the umbrella ("a trial involving 30 STS patients") while the title names
  the subtype that did best.
- line-of-therapy groups the paper sizes ("22 received X as first-line treatment and 30 in later
  lines"), for results that name them (`extractors.subgroups`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from corpus.document import Document
from extractors.arm_wording import (
    LABELLED_PAREN_RE,
    NAMED_GROUP_RE,
    PART_SPLIT_RE,
    PLACEBO,
    RANDOMISED_LONG_RE,
    RECEIVED_EITHER_RE,
    SIZE_RE,
    class_arm_spelt_out,
    later_labelled_groups,
    named_aliases,
    without_followed_by,
)
from extractors.frame_cohorts import study_cohorts, subtypes_between
from extractors.frame_sizes import distinguishes, span_regimen, with_printed_sizes, with_sizes
from extractors.measurements import NUMBER_WORD_RE, top_level_parts
from extractors.offsets import mentions_between
from extractors.records import Arm, Cohort, Evidence, Mention, StudyFacts, StudyFrame
from extractors.regimens import listed_regimen, regimen_of, regimen_token
from extractors.scan_regex import scan_compile
from extractors.study import (
    FUTURE_RE,
    RANDOM_ASSIGNMENT_RE,
    Unit,
    _subtypes_in,
    about_own_study,
    own_sentences,
)
from extractors.study_regimens import either_regimen, mixed_regimen
from extractors.subgroups import subgroup_phrases
from extractors.treated_share import given_to_part
from extractors.zones import running_head, sentence_zones
from ontology.lexicon import Lexicon

ALONE_RE = re.compile(r"\b(?:alone|monotherapy|only)\b", re.I)
VERSUS_RE = re.compile(r"\s+(?:versus|vs\.?|(?-i:v)\.?|compared\s+with|compared\s+to)\s+", re.I)
COMPARING_RE = re.compile(r"\bcompar(?:ing|ed|es|e)\s+\S.*?(?P<split>\s+(?:to|with)\s+)"
                          r"|\b(?:comparison|comparing)\s+of\s+\S.*?(?P<split2>\s+(?:and|with|to)\s+)", re.I)
"""'X compared with Y', 'Randomized Comparison of X and Y': two arms in the title."""
NO_DRUG_ARM_RE = re.compile(r"\b(?:best\s+supportive\s+care|supportive\s+care(?:\s+alone)?|BSC|"
                            r"observation(?:\s+alone)?|(?:stop(?:ping)?|discontinu(?:e|ing))\s+(?:treatment|therapy)|no\s+further\s+treatment|"
                            r"active\s+(?:surveillance|monitoring)|watchful\s+waiting|"
                            r"no\s+(?:adjuvant\s+|additional\s+)?(?:treatment|therapy|chemotherapy)|"
                            r"(?:surgery|resection|radiotherapy)\s+alone)\b"
                            r"|^\s*(?:to\s+)?(?:an?\s+|the\s+)?(?:untreated\s+)?control\b(?!-)", re.I)
"""An arm that receives no drug: its rows carry an empty regimen, never the other arm's drug ("or to
control (group 2)", "or to surgery alone" in a list of arms)."""
NO_DRUG_ALIASES = ("best supportive care", "supportive care", "BSC", "observation", "surveillance")
CHOICE_ARM_RE = re.compile(r"\s*,?\s+(?:or|versus|vs\.?)\s+(?:to\s+)?(?:the\s+|a\s+)?(?:treatment\s+of\s+)?"
                           r"(?:investigator|physician|doctor)['’]?s?['’]?\s+choice\b", re.I)
"""'X or the investigator's choice of ...': the control arm is whichever treatment the doctor picked."""
CHOICE_ALIASES = ("investigator's choice", "physician's choice", "treatment of physician's choice")
WITH_OR_WITHOUT_RE = re.compile(r"\s+(?:with\s+or\s+without|±|\+/-)\s+", re.I)
TITLE_TAIL_RE = re.compile(r"\s+(?:in|for|as|among|after|on)\s+(?:\w+\s+){0,3}?(?:patients|adults|children|"
                           r"advanced|metastatic|first|second|previously|untreated|pretreated|the)\b|[:;]"
                           r"|\((?![\w+/-]{1,10}\))", re.I)  # "(ABC)" defines a short form; the title goes on
RANDOMISED_RE = scan_compile(
    r"\b(?:random(?:ly|i[sz]ed)\s+(?:assigned|allocated)?|randomi[sz]ed|allocated|assigned)\s*"
    r"(?:\(?\s*\d\s*:\s*\d\s*\)?\s*|in\s+a\s+\d\s*:\s*\d\s+ratio\s*|"
    r"at\s+a\s+ratio\s+of\s+(?:\d|one|two)\s+(?:to|:)\s+(?:\d|one|two)\s+|\w+\s+){0,3}?"
    r"\bto\s+(?:receive\s+|either\s+)*(?P<list>.+)$", re.I | re.S)
ARM_LABEL_RE = re.compile(r"\(\s*(?P<word>arm|group|cohort)\s+(?P<id>[A-Z0-9])\s*(?:[,;:]\s*n\s*=\s*(?P<n>\d+)\s*)?\)")
"""'(arm A)', '(group 1, n = 77)': an arm's label, and its size when the parenthesis prints one."""


def build_frame(doc: Document, mentions: list[Mention], study: StudyFacts, lexicon: Lexicon) -> StudyFrame:
    """The study frame of `doc` (see the module docstring)."""
    zones = sentence_zones(doc)
    units = [u for u in own_sentences(doc) if zones.get(u.start, "") not in {"background", "furniture"}]
    frame = StudyFrame(design=_design([u for u in units if zones.get(u.start, "") != "conclusion"], study))
    title = [u for u in units if u.kind == "title"]
    arms = _title_arms(title[0], mentions, lexicon) if title else []
    randomised = frame.design == "randomized" or any(RANDOM_ASSIGNMENT_RE.search(u.text) for u in units)
    for unit in units:
        listed = _randomised_arms(unit, mentions, lexicon, randomised)
        merged = _merge_arms(arms, listed) if len(listed) >= 2 else None
        if merged is not None:
            arms = merged
            if all(a.size is not None for a in arms):
                break
    labelled = _labelled_arms(units, mentions, lexicon)
    if len(labelled) >= 2:  # "Cohort A received X; cohort B received X plus Y"
        arms = _merge_arms(arms, labelled) or arms
    if not arms:
        # no title arms: "We conducted a randomised phase 2 study of X ± Y", "In this randomised trial
        # comparing X with best supportive care, ..." (the comparison ends at the clause's comma)
        own = (c for u in units if about_own_study(u.text) and re.search(r"\brandomi[sz]ed\b", u.text, re.I)
               and (c := _comparison_clause(u)))
        arms = next((found for c in own if (found := _title_arms(c, mentions, lexicon))), [])
    if not arms:
        arms = _table_arms(doc, mentions, lexicon)
    # an objective in the background ("We asked whether X is non-inferior to the standard Y") counts here
    arms = _standard_arm_is_control(arms, own_sentences(doc), mentions, lexicon)
    arms = class_arm_spelt_out(arms, units, mentions, lexicon)
    arms = later_labelled_groups(arms, units, lambda a, b, text: span_regimen(mentions, a, b, text, lexicon),
                                 NO_DRUG_ARM_RE)
    frame.arms = with_printed_sizes(with_sizes(arms, units), units, mentions, lexicon)
    frame.cohorts = study_cohorts(units, mentions)
    frame.population = _population(study, frame.cohorts, title[0] if title else None, mentions)
    if len(frame.population) == 1 and frame.population != ("STS",) and _mixed_enrolment(units):
        frame.population = ("STS",)  # "a trial of 30 STS patients" whose title names the subtype that did best
    population_quote = study.evidence["population"].quote if "population" in study.evidence else ""
    head = running_head(doc)
    if head is not None and (not study.population or SUBGROUP_RE.search(population_quote)):
        codes = _subtypes_in(mentions, head[0], head[1], doc.text)
        if codes:
            frame.population = tuple(codes)
    elif not study.population:
        # no title or abstract (a results or discussion excerpt): the first sentence about this
        # study that names its patients ("In this cohort of patients with advanced ASPS, ...")
        for unit in own_sentences(doc):
            if about_own_study(unit.text) and zones.get(unit.start, "") not in {"furniture"}:
                codes = _subtypes_in(mentions, unit.start, unit.end, doc.text)
                if codes and not SUBGROUP_RE.search(unit.text):
                    frame.population = tuple(codes)
                    break
    frame.arms = [replace(a, evidence=_located(doc, a.evidence)) for a in frame.arms]
    frame.cohorts = [replace(c, evidence=_located(doc, c.evidence)) for c in frame.cohorts]
    frame.lines = [replace(c, evidence=_located(doc, c.evidence)) for c in _line_groups(units, frame.population)]
    if len(frame.cohorts) >= 2 and frame.design in {"single-arm", ""}:
        frame.design = "multi-cohort"
    if len(frame.arms) >= 2 and not frame.design:
        frame.design = "randomized" if any(RANDOM_ASSIGNMENT_RE.search(u.text) for u in units) else "comparative"
    return frame


def _comparison_clause(unit: Unit) -> Unit | None:
    """The clause of `unit` comparing two treatments ("comparing X with Y", up to its comma), or None."""
    split = WITH_OR_WITHOUT_RE.search(unit.text) or COMPARING_RE.search(unit.text) or VERSUS_RE.search(unit.text)
    if split is None:
        return None
    cut = re.search(r"[,;]", unit.text[split.end():])
    end = split.end() + cut.start() if cut else len(unit.text)
    return replace(unit, text=unit.text[:end], end=unit.start + end)


def _line_groups(units: list[Unit], population: tuple[str, ...]) -> list[Cohort]:
    """Line-of-therapy groups with a printed size ("20 received X as first-line treatment and 25 in
    later lines"), the first size printed for each."""
    groups: dict[str, Cohort] = {}
    for unit in units:
        for phrase in subgroup_phrases(unit.text):
            if phrase.size is not None and not phrase.label.startswith(("ECOG", "prior")) \
                    and phrase.label not in groups:
                evidence = Evidence("", "", unit.start, unit.end, unit.text)
                groups[phrase.label] = Cohort(phrase.label, population, phrase.size, evidence)
    return list(groups.values())


SUBGROUP_RE = re.compile(r"\bsubgroups?\b|\bsubsets?\b", re.I)


def _located(doc: Document, evidence: Evidence | None) -> Evidence | None:
    """The sentence evidence with the source file and section filled in."""
    if evidence is None:
        return None
    return replace(evidence, source_file=doc.source_file, section=doc.section_at(evidence.start),
                   quote=doc.text[evidence.start:evidence.end])


"""How a paper says its patients were randomised ("randomized 1:1", "randomly assigned them 2:1")."""


def _design(units: list[Unit], study: StudyFacts) -> str:
    """The frame's design: the two kinds `study.design_of` does not tell (meta-analysis, basket),
    else the kind of design it found ("randomized phase 3" -> "randomized")."""
    text = " ".join(u.text for u in units if u.rank <= 3 and not FUTURE_RE.search(u.text))
    if re.search(r"\bmeta-?analys[ie]s\b|\bsystematic\s+review\b|\bpooled\s+analys[ie]s\b", text, re.I):
        return "meta-analysis"
    if re.search(r"\bbasket\b", text, re.I):
        return "basket"
    for kind in ("randomized", "single-arm", "retrospective cohort", "prospective cohort"):
        if study.design.startswith(kind.split()[0]):
            return kind
    # a phase 3 trial compares arms; an early-phase trial that says nothing else has one
    return "single-arm" if "phase" in study.design and not re.search(r"\b(?:3|III)\b", study.design) else ""


def _arm(regimen: tuple[str, ...], role: str, unit: Unit, label: str = "", size: int | None = None) -> Arm:
    evidence = Evidence("", "", unit.start, unit.end, unit.text)
    return Arm(label=label, regimen=regimen, role=role, size=size, evidence=evidence)


def _title_arms(unit: Unit, mentions: list[Mention], lexicon: Lexicon) -> list[Arm]:
    """"A plus B versus placebo plus B ...", "A with or without B ..." in the title."""
    text = unit.text
    tail = TITLE_TAIL_RE.search(text)
    head_end = tail.start() if tail else len(text)
    head = text[:head_end]
    split = WITH_OR_WITHOUT_RE.search(head)
    if split:
        base = span_regimen(mentions, unit.start, unit.start + split.start(), head[:split.start()], lexicon)
        added = span_regimen(mentions, unit.start + split.end(), unit.start + head_end, head[split.end():], lexicon)
        if base and added:
            return [_arm(tuple(sorted({*base, *added})), "experimental", unit), _arm(base, "control", unit)]
        return []
    split = VERSUS_RE.search(head)
    comparing = COMPARING_RE.search(head) if not split else None
    at = (split.start(), split.end()) if split else (
        comparing.span("split" if comparing.group("split") else "split2") if comparing else None)
    if at is None:
        return []
    first_text, second_text = head[:at[0]], head[at[1]:]
    first = span_regimen(mentions, unit.start, unit.start + at[0], first_text, lexicon)
    second = span_regimen(mentions, unit.start + at[1], unit.start + head_end, second_text, lexicon)
    if first and not second and NO_DRUG_ARM_RE.search(second_text):
        # "X versus best supportive care": the control arm gets no drug
        return [_arm(first, "experimental", unit), replace(_arm((), "control", unit), aliases=NO_DRUG_ALIASES)]
    if not first or not second or first == second:
        return []
    return _ordered([(first, first_text), (second, second_text)], unit)


def _ordered(parts: list[tuple[tuple[str, ...], str]], unit: Unit) -> list[Arm]:
    """Arms in printed order; the first is experimental unless it is placebo or "X alone"."""
    arms = []
    for i, (regimen, text) in enumerate(parts):
        control = PLACEBO in regimen or bool(ALONE_RE.search(text)) or (i > 0 and not arms[0].role == "control")
        arms.append(_arm(regimen, "control" if control else "experimental", unit))
    if all(a.role == "control" for a in arms):
        arms[-1] = replace(arms[-1], role="experimental") if PLACEBO not in arms[-1].regimen else arms[-1]
    if len(arms) == 2 and PLACEBO not in arms[0].regimen + arms[1].regimen:
        small, large = sorted(arms, key=lambda a: len(a.regimen))
        if small.regimen and set(small.regimen) < set(large.regimen):  # "A or A plus B": the add-on is tested
            arms = [replace(a, role="experimental" if a is large else "control") for a in arms]
    return arms


def _placebo_for_last_drug(found: list, mentions: list[Mention], base: int, listed: str, lexicon: Lexicon) -> list:
    """"to receive X combined with Y or placebo": the placebo stands in for Y, the drug named last
    before it, so that arm is X + placebo."""
    if len(found) != 2 or found[1][0] != (PLACEBO,) or len(found[0][0]) < 2:
        return found
    first_piece = found[0][1]
    at = base + listed.index(first_piece)
    drugs = [m for m in mentions if at <= m.evidence.start < at + len(first_piece) and m.key in found[0][0]]
    if not drugs:
        return found
    kept = [t for t in found[0][0] if t != drugs[-1].key]
    return [found[0], (regimen_of([*kept, PLACEBO], lexicon), *found[1][1:])]


def _without_drug(arms: list[Arm]) -> list[Arm]:
    """A no-drug arm (best supportive care, observation) is the control; the drug arms are not."""
    if all(a.regimen for a in arms):
        return arms
    return [replace(a, role="control", aliases=NO_DRUG_ALIASES) if not a.regimen else replace(a, role="experimental")
            for a in arms]


def _randomised_arms(unit: Unit, mentions: list[Mention], lexicon: Lexicon, randomised: bool = False) -> list[Arm]:
    """"were randomly assigned (2:1) to A (n = 80) or B (n = 40)" and similar lists of arms; in a
    randomised study (`randomised`) also "patients received either A or B"."""
    for part_at, sentence_part in top_level_parts(unit.text):  # "(n = 48; 46 assessable)" splits no list
        match = RANDOMISED_RE.search(sentence_part) or RANDOMISED_LONG_RE.search(sentence_part) \
            or (RECEIVED_EITHER_RE.search(sentence_part) if randomised else None)
        if not match:
            continue
        offset = part_at + match.start("list")
        listed = match.group("list")
        listed = without_followed_by(listed)
        cut = re.search(r"\.\s|,\s+(?:stratified|with|and\s+(?:the|all|patients))\b|,?\s+followed\s+by\b", listed)
        listed = listed[: cut.start()] if cut else listed
        choice = CHOICE_ARM_RE.search(listed)
        if choice:  # "X or the investigator's choice of A, B or C": one control arm of no one regimen
            base_at = unit.start + offset
            first = span_regimen(mentions, base_at, base_at + choice.start(), listed[: choice.start()], lexicon)
            if first:
                return [_arm(first, "experimental", unit),
                        replace(_arm((), "control", unit, label="investigator's choice arm"), aliases=CHOICE_ALIASES)]
        split = WITH_OR_WITHOUT_RE.search(listed)
        if split:  # "randomly assigned to receive X with or without Y": X + Y, and X alone
            base_at = unit.start + offset
            base = span_regimen(mentions, base_at, base_at + split.start(), listed[: split.start()], lexicon)
            added = span_regimen(mentions, base_at + split.end(), base_at + len(listed), listed[split.end():], lexicon)
            if base and added and not set(added) <= set(base):
                return [_arm(tuple(sorted({*base, *added})), "experimental", unit), _arm(base, "control", unit)]
        parts, position = [], 0
        for split in [*PART_SPLIT_RE.finditer(listed), None]:
            end = split.start() if split else len(listed)
            parts.append((position, end))
            position = split.end() if split else position
        arms_found = []
        for start, end in parts:
            piece = listed[start:end]
            regimen = span_regimen(mentions, unit.start + offset + start, unit.start + offset + end, piece, lexicon)
            if not regimen and not NO_DRUG_ARM_RE.search(piece):
                continue
            label = ARM_LABEL_RE.search(piece)
            size = SIZE_RE.search(piece) or (label if label and label.group("n") else None)
            no_drug = NO_DRUG_ARM_RE.search(piece) if not regimen else None
            named_group = NAMED_GROUP_RE.search(piece)
            name = (f"{label.group('word')} {label.group('id')}" if label
                    else named_group.group("name") if named_group
                    else f"{no_drug.group()} arm" if no_drug else "")
            arms_found.append((regimen, piece, name,
                               int(size.group("n") or size.groupdict().get("n2")) if size else None))
        arms_found = _placebo_for_last_drug(arms_found, mentions, unit.start + offset, listed, lexicon)
        if len(arms_found) >= 2 and sum(not r for r, *_ in arms_found) <= 1:
            ordered = _without_drug(_ordered([(r, p) for r, p, _, _ in arms_found], unit))
            return [replace(a, label=lab, size=n, aliases=named_aliases(a, lab, piece))
                    for a, (_, piece, lab, n) in zip(ordered, arms_found, strict=True)]
    return []


def _table_arms(doc: Document, mentions: list[Mention], lexicon: Lexicon) -> list[Arm]:
    """Arms a comparative results table prints as columns ("X + Y (n = 64) | X + Z (n = 58)")."""
    for table in doc.tables:
        for row in table.header:
            columns = []
            for cell in row:
                size = SIZE_RE.search(cell.text)
                regimen = span_regimen(mentions, cell.start, cell.end, cell.text, lexicon)
                if regimen and size:
                    columns.append((regimen, cell, int(size.group("n") or size.group("n2"))))
            if len(columns) >= 2 and len({r for r, _, _ in columns}) == len(columns):
                unit = Unit(table.caption, table.caption_start, table.caption_end, table.section, "results", 2)
                arms = _ordered([(r, c.text) for r, c, _ in columns], unit)
                return [replace(a, size=n) for a, (_, _, n) in zip(arms, columns, strict=True)]
    return []


STANDARD_RE = re.compile(r"\b(?:standard(?:[- ]of[- ]care)?|conventional|usual[- ]care"
                         r"|(?<!disease\s)(?<!disease-)control|reference)\s+"  # "disease control with X" is no arm
                         r"(?:(?:arm|group|regimen|treatment|therapy|chemotherapy)\s+)?(?:of\s+|with\s+)?", re.I)


def _standard_arm_is_control(arms: list[Arm], units: Sequence[Unit], mentions: list[Mention],
                             lexicon: Lexicon) -> list[Arm]:
    """"non-inferior to the standard doxorubicin plus ifosfamide": the arm the paper calls the
    standard (or control) is the control, whichever it names first (a placebo arm decides alone)."""
    if len(arms) != 2 or any(PLACEBO in a.regimen for a in arms):
        return arms
    for unit in units:
        for m in STANDARD_RE.finditer(unit.text):
            clause = re.split(r"[,;:()]|\s(?:and|or|versus|vs\.?|in|for)\s(?!\w+\s*\()", unit.text[m.end():])[0]
            start = unit.start + m.end()
            regimen = span_regimen(mentions, start, start + len(clause), "", lexicon)
            named = next((a for a in arms if a.regimen == regimen), None) if regimen else None
            if named is not None:
                return [replace(a, role="control" if a is named else "experimental") for a in arms]
    return arms


LABELLED_GIVEN_RE = re.compile(
    r"\b(?P<word>cohort|arm|group)\s+(?P<id>[A-Z0-9])\b[^;.]{0,40}?\b(?:received|receiving|was\s+given|were\s+given|"
    r"(?:was|were)?\s*treated\s+with|(?:was|were)\s+assigned\s+to)\s+"
    r"(?P<what>(?:(?!\b(?:cohort|arm|group)\s+[A-Z0-9]\b)[^;.])+)", re.I)
"""'cohort A received X', 'patients in arm B were treated with X plus Y': a labelled group and its regimen;
its regimen ends where the next labelled group starts ("group 1 received X, group 2 received Y")."""
WHAT_END_RE = re.compile(r",?\s+(?:and|while|whereas)\s+(?:patients|those|the|cohort|arm|group)\b"
                         r"|,\s+(?:cohort|arm|group)\b", re.I)


def _labelled_arms(units: list[Unit], mentions: list[Mention], lexicon: Lexicon) -> list[Arm]:
    """Groups the methods label with a letter or number and give a regimen each, in printed order; []
    unless two or more are found with different regimens."""
    found: dict[str, tuple[tuple[str, ...], str, Unit]] = {}
    for unit in units:
        if unit.kind == "title" or FUTURE_RE.search(unit.text):
            continue
        cue = LABEL_CUE_RE.search(unit.text)
        for m in [*LABELLED_GIVEN_RE.finditer(unit.text), *LABELLED_PAREN_RE.finditer(unit.text)] if cue else ():
            what = m.group("what")
            cut = WHAT_END_RE.search(what)
            what = what[: cut.start()] if cut else what
            at = unit.start + m.start("what")
            regimen = span_regimen(mentions, at, at + len(what), what, lexicon)
            label = f"{m.group('word').lower()} {m.group('id').upper()}"
            if (regimen or NO_DRUG_ARM_RE.search(what)) and label not in found:  # "group 4 received observation"
                found[label] = (regimen, what, unit)
    if len(found) < 2 or len({r for r, _, _ in found.values()}) != len(found):
        return []
    arms = _ordered([(r, what) for r, what, _ in found.values()], next(iter(found.values()))[2])
    if len(arms) == 2 and set(arms[0].regimen) < set(arms[1].regimen):
        # "arm A received X; arm B received X plus Y": the arm that adds a drug is the experimental one
        arms = [replace(arms[0], role="control"), replace(arms[1], role="experimental")]
    return [replace(a, label=label) for a, label in zip(arms, found, strict=True)]


LABEL_CUE_RE = scan_compile(r"\b(?:cohort|arm|group)\s+[A-Z0-9]\b", re.I)


def _merge_arms(title_arms: list[Arm], listed: list[Arm]) -> list[Arm] | None:
    """The title's arms with the labels and sizes a list of arms prints, or the list itself when
    the title names no arms; None when the list does not map one to one onto the title's arms
    ("placebo plus epirubicin (n = 106)" is the title's epirubicin + placebo arm)."""
    if not title_arms:
        return listed if len({a.regimen for a in listed}) == len(listed) else None
    if len(listed) != len(title_arms):
        return None
    merged = []
    for arm, match in zip(title_arms, [_matching_arm(a, title_arms) for a in listed], strict=True):
        if match is not arm:
            return None
        merged.append(arm)
    return [replace(t, label=a.label or t.label, size=a.size if a.size is not None else t.size)
            for t, a in zip(merged, listed, strict=True)]


def _matching_arm(arm: Arm, arms: list[Arm]) -> Arm | None:
    same = [a for a in arms if a.regimen == arm.regimen]
    if len(same) == 1:
        return same[0]
    return arm_named_by(arm.regimen, arms)


def arm_named_by(tokens: tuple[str, ...], arms: list[Arm]) -> Arm | None:
    """The arm a regimen mention names: its tokens fit the arm and one of them is the arm's own."""
    fitting = [a for a in arms if set(tokens) <= set(a.regimen) and any(distinguishes(t, a, arms) for t in tokens)]
    return fitting[0] if len(fitting) == 1 else None


def experimental_arm(arms: list[Arm]) -> Arm | None:
    return next((a for a in arms if a.role == "experimental"), arms[0] if arms else None)


def _population(study: StudyFacts, cohorts: list[Cohort], title: Unit | None,
                mentions: list[Mention]) -> tuple[str, ...]:
    """The whole study's population (see the module docstring)."""
    codes = tuple(c for c in study.population.split("|") if c)
    distinct = {code for cohort in cohorts for code in cohort.population}
    if len(distinct) >= 2:
        titled = set(subtypes_between(mentions, title.start, title.end)) if title else set()
        if not distinct <= titled:
            return ("STS",)
        return tuple(sorted(distinct))
    return codes or ("STS",)


RECEIVED_RE = re.compile(r"\b(?:received|receiving|treated\s+with|were\s+given|given|on)\b", re.I)
_UMBRELLA = r"(?:STS|soft[- ]tissue\s+sarcomas?|(?:bone\s+(?:and|or)\s+)?(?:soft[- ]tissue\s+)?sarcomas?)"
MIXED_ENROLMENT_RE = scan_compile(
    r"\b(?:\d+|" + NUMBER_WORD_RE + r")\s+(?:(?:adult|evaluable|eligible)\s+)?(?:"
    r"(?:advanced\s+|metastatic\s+)?" + _UMBRELLA + r"\s+patients"
    r"|patients\s+with\s+(?:(?:advanced|metastatic|unresectable|locally|recurrent|or|and|various|different|diverse"
    r"|mixed),?\s+)*"
    r"(?:(?:sub)?types\s+of\s+)?" + _UMBRELLA + r"(?!\s+(?:of|subtype))"
    r"|patients\s+with\s+(?:various|different|diverse|mixed|multiple)\s+(?:histologic(?:al)?\s+)?(?:sub)?types)\b",
    re.I)
"""The study's own patients counted under the umbrella: "a phase II trial involving 30 STS patients",
"40 patients with various subtypes of soft-tissue sarcoma"."""


def _mixed_enrolment(units: list[Unit]) -> bool:
    """Whether the paper's own sentences enrol a mixed-histology population (MIXED_ENROLMENT_RE),
    so that a single subtype its title names is the subgroup that did best, not the population."""
    return any(MIXED_ENROLMENT_RE.search(u.text) and not FUTURE_RE.search(u.text)
               for u in units if u.kind != "title")


def _alternatives_class(mentions: list[Mention], start: int, rest: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The class of the drugs the rest of a sentence (from source offset `start`) gives the cohort as
    alternatives ("received X or Y", "30 received X, 10 Y and 5 Z") or as a class's examples ("ICIs
    including X (n = 20) and Y (n = 15)"); () when it lists none or they share no contract class."""
    items = [(t, m.evidence.start - start, m.evidence.end - start)
             for m in mentions_between(mentions, start, start + len(rest)) if (t := regimen_token(lexicon, m))]
    listed = listed_regimen(rest, items, lexicon)
    if listed is not None:
        return listed
    return mixed_regimen(mentions, start, rest, lexicon) or ()


def fallback_regimen(doc: Document, mentions: list[Mention], lexicon: Lexicon, cohort: int = 0,
                     series: bool = True) -> tuple[str, ...]:
    """The study's treatment when neither title nor abstract names it (a results section alone):
    the drugs of the first own sentence that says patients received them, else those a table
    caption names ("Efficacy of X plus Y by subtype"). Prior treatments are not the study's, nor is a drug
    given to part of a `series` of `cohort` patients ("Of the 80 patients, 30 received X")."""
    zones = sentence_zones(doc)
    for unit in own_sentences(doc):
        if zones.get(unit.start, "") in {"background", "furniture", "discussion"} \
                or given_to_part(unit.text, cohort, names_treatment=series):
            continue
        for match in RECEIVED_RE.finditer(unit.text):
            after = unit.start + match.end()
            clause = re.split(r"[,;:()]|\s(?:but|while|whereas|who|which)\s", unit.text[match.end():])[0]
            # the object of "received", not the next clause
            if not re.search(r"\b(?:prior|previous|previously|before|had)\s+(?:\w+\s+)?$", unit.text[:match.start()],
                             re.I):  # "had previously received X" is a prior treatment
                # "received X or Y": a cohort on alternatives has the class they share, not both drugs
                regimen = either_regimen(mentions, after, clause, lexicon) \
                    or _alternatives_class(mentions, after, unit.text[match.end():], lexicon) \
                    or span_regimen(mentions, after, after + len(clause), "", lexicon)
                if regimen:
                    return regimen
    for table in doc.tables:
        if table.caption_start >= 0:
            regimen = span_regimen(mentions, table.caption_start, table.caption_end, "", lexicon)
            if regimen and not re.search(r"\b(?:prior|previous)\b", table.caption, re.I):
                return regimen
    return ()
