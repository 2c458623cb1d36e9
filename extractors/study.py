"""What a paper says about its own study: design, phase, registration, centers, enrolment,
evaluable patients, data cutoff, median follow-up, population and main regimen.

Papers describe other studies too, mostly in the introduction and discussion and always with
a citation marker. So sentences are read in order of trust: the title, then the abstract (and
front matter before any main heading), then Results, then Methods, and only then the other
sections, where a sentence counts only when it speaks of "this", "our" or "the present" study,
or "we". A sentence with a citation marker is never read, nor the reference list, author lines
and page notes. Section kinds are the reader's canonical kinds (`Document.section_kind_at`).

Design and phase are read only from the title and from sentences about this study; population
and regimen from the title, else from the first abstract sentence about this study or its
treatment that names them (subtypes joined by "and"/"or"/"/" are pooled: "LMS|LPS").

Each fact keeps the sentence it was read from as `StudyFacts.evidence[field]`. Dates are
normalised to ISO ("January 31, 2024" -> "2024-01-31", "May 2024" -> "2024-05"); follow-up keeps
the number and unit ("15.8 months").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from corpus.bibliographic import MONTH
from corpus.blocks import Block, Line
from corpus.document import Document
from corpus.metadata import is_title_like
from corpus.sentences import split_sentences
from extractors.citations import find_citations
from extractors.measurements import NUMBER_WORDS, word_to_int
from extractors.offsets import mentions_between
from extractors.records import Evidence, Mention, StudyFacts
from extractors.result_cues import has_cue
from extractors.scan_regex import scan_compile
from extractors.study_regimens import either_regimen, mixed_regimen, regimen_in
from extractors.text_cues import prints_any
from extractors.treated_share import (
    COUNT,
    SUBJECTS,
    asks_about_treatment,
    given_to_part,
    is_series,
    withheld_in,
)
from extractors.trials import REGISTRY_RE, normalise_trial_id
from ontology.lexicon import Lexicon, load_lexicon

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}

RANK = {"title": 0, "abstract": 1, "": 1, "results": 2, "methods": 3}
"""Trust rank of a section kind (`corpus` canonical kinds); other kinds rank 4."""
SKIPPED_KINDS = frozenset({"references"})
SKIPPED_PARAGRAPHS = frozenset({"authors", "note"})
TREATED_RE = re.compile(r"\b(?:received|receiving|treated with|were given|combination of|(?:trial|study) of)\b", re.I)
FUTURE_RE = scan_compile(r"\b(?:needed|warranted|required|future|further)\b", re.I)
RANDOM_ASSIGNMENT_RE = re.compile(r"(?<!non-)(?<!non)\brandomi[sz](?:ed|ation)\b|\brandomly\s+(?:assigned|allocated)\b",
                                  re.I)
"""A study that assigned its patients at random ("randomised", "after randomisation", "randomly
assigned"), and not a "non-randomised" one."""
"""Sentences that call for other studies do not describe this one."""
NEXT_TRIAL_RE = re.compile(r"\b(?:led|lead|leading)\s+to\s+(?:an?|the)\s+(?:[\w/]+[- ]){0,4}(?:trial|study)\b"
                           r"|\b(?:planned|ongoing|upcoming|subsequent|next)\s+(?:\w+[- ]){0,3}(?:trial|study)\b", re.I)
"""Sentences that point to a later trial: its treatment is not this study's."""
OWN_STUDY_RE = scan_compile(
    r"\b(?:our|we|herein)\b|^This\s+was\b"
    r"|\b(?:this|the\s+present|(?:the\s+)?current)\s+(?:\w+[- ]){0,4}?(?:study|trial|analysis|cohort)\b",
    re.I,
)
"""A sentence about the paper's own study: "our", "we", "herein", "this phase II trial", "the present study"."""


@lru_cache(maxsize=4096)
def about_own_study(text: str) -> bool:
    """Whether `OWN_STUDY_RE` finds the paper's own study in `text` (kept per sentence: the study
    facts, the frame and the outcome reader each ask of the same sentences; `extract` clears it
    before each paper)."""
    return OWN_STUDY_RE.search(text) is not None


@dataclass(frozen=True)
class Unit:
    """A sentence with the kind of section it stands in and its trust rank."""

    text: str
    start: int
    end: int
    section: str
    kind: str
    rank: int


def title_span(doc: Document) -> tuple[int, int] | None:
    """Where the title stands in the text (whitespace may differ), or None."""
    words = doc.metadata.title.split()
    if not words:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in words), doc.text)
    return (m.start(), m.end()) if m else None


def opening_line_title(doc: Document) -> tuple[int, int] | None:
    """An untitled text whose first paragraph opens with a title-like line glued to a citation or
    journal line ("Drug X in chordoma: a retrospective series" / "Eur J Cancer 2015"): that line is
    the title. The reader rejects the pair as one block because of the year it carries."""
    if doc.metadata.title.strip() or not doc.paragraphs:
        return None
    first = doc.paragraphs[0]
    if first.kind != "body" or "\n" not in doc.text[first.start:first.end]:
        return None
    start = first.start
    end = doc.text.index("\n", start)
    line = doc.text[start:end].rstrip()
    if not is_title_like(Block((Line(start, start + len(line), line),))):
        return None
    return start, start + len(line)


def sentence_units(doc: Document) -> list[Unit]:
    """Every paragraph sentence (and the title) with its section kind and rank, most trusted first."""
    units = []
    span = title_span(doc)
    if span and not any(p.start <= span[0] < p.end for p in doc.paragraphs):
        units.append(Unit(doc.text[span[0]:span[1]], span[0], span[1], "Title", "title", 0))
    opening = None if span else opening_line_title(doc)
    if opening:
        units.append(Unit(doc.text[opening[0]:opening[1]], opening[0], opening[1], "Title", "title", 0))
    for paragraph in doc.paragraphs:
        kind = "title" if paragraph.kind == "title" else doc.section_kind_at(paragraph.start)
        if kind in SKIPPED_KINDS or paragraph.kind in SKIPPED_PARAGRAPHS:
            continue
        sentences = paragraph.sentences or tuple(split_sentences(paragraph.text, paragraph.start))
        for sentence in sentences:
            units.append(Unit(sentence.text, sentence.start, sentence.end, paragraph.section, kind,
                              RANK.get(kind, 4)))
    return sorted(units, key=lambda u: (u.rank, u.start))


_last_own: tuple[Document, tuple[Unit, ...]] | None = None


def own_sentences(doc: Document) -> tuple[Unit, ...]:
    """Sentences about the paper's own study, most trusted first (see the module docstring).
    Computed once per document: the study facts and the frame both read them."""
    global _last_own
    if _last_own is not None and _last_own[0] is doc:
        return _last_own[1]
    n_refs = doc.citable_references
    units = tuple(u for u in sentence_units(doc)
                  if not find_citations(u.text, n_refs) and (u.rank < 4 or about_own_study(u.text)))
    _last_own = (doc, units)
    return units


def _first(units: Iterable[Unit], finder: Callable[[str], str | None]) -> tuple[str, Unit] | None:
    for unit in units:
        value = finder(unit.text)
        if value:
            return value, unit
    return None


def _regex_finder(*patterns: str, group: int = 1, cues: tuple[str, ...] = ()) -> Callable[[str], str | None]:
    """The first pattern's group found in a text; `cues`, when given, are words one of which every
    pattern's match prints (a text without any is not scanned: these patterns are costly)."""
    compiled = [re.compile(p, re.I) for p in patterns]

    def find(text: str) -> str | None:
        if cues and not prints_any(text, *cues):
            return None
        for regex in compiled:
            m = regex.search(text)
            if m:
                return m.group(group)
        return None

    return find


def roman_phase(text: str) -> str:
    """"2" -> "II", "1b/2" -> "Ib/II", "III" stays."""
    roman = {"1": "I", "2": "II", "3": "III", "4": "IV"}
    parts = []
    for part in re.split(r"\s*/\s*", text):
        m = re.fullmatch(r"([IVX]+|\d)([ab]?)", part, re.I)
        parts.append(roman.get(m.group(1), m.group(1).upper()) + m.group(2).lower() if m else part)
    return "/".join(parts)


PHASE_FINDER = _regex_finder(r"\bphase\s+((?:I{1,3}V?|IV|[1-4])[ab]?(?:\s*/\s*(?:I{1,3}V?|IV|[1-4])[ab]?)?)\b")
CENTER_RE = re.compile(
    r"\b(single|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})[- ](?:center|centre|institution|site)s?\b"
    r"|\b(?:at|in|from|across)\s+(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(?:centers|centres|institutions|hospitals|sites)\b", re.I)
CENTER_CUES = ("center", "centre", "institution", "site", "hospitals")
SHARE_AFTER = r"(?!\s*\(\s*\d+(?:[.·]\d+)?\s*%)"
"""Not followed by "(87%)": a count printed with its share is a part of the study, not its size."""
ENROLLED_FINDER = _regex_finder(
    r"\b(?:a total of|in total,?|overall,?)\s+(" + COUNT + r")\s+(?:\w+\s+){0,2}?" + SUBJECTS + r"\b" + SHARE_AFTER,
    # no other number between the count and the people: "25 trials including 3453 patients" counts trials
    r"(?:^|[^\w.,])(" + COUNT + r")\s+(?:(?!\d)[\w-]+\s+){0,6}?" + SUBJECTS
    + r"\b[^.;]{0,80}?\b(?:were|was)\s+(?:enrolled|included|recruited|registered|analy[sz]ed)",
    r"\b(?:enrolled|included|recruited|reviewed|identified|analy[sz]ed)\s+(?:a total of\s+)?(" + COUNT
    + r")\s+(?:(?!\d)[\w-]+\s+){0,3}?" + SUBJECTS,
    cues=("total", "overall", "enrolled", "included", "recruited", "registered", "analy", "reviewed", "identified"),
)
MORE_ENROLLED_RE = re.compile(r"\b(?:and|plus)\s+(?:another\s+)?(" + COUNT + r")\s+(?:more|additional|further)\b"
                              r"(?!\s+(?:\w+\s+)?(?:were\s+)?(?:screened|excluded|ineligible))", re.I)
""""24 patients entered the first cohort and 21 more an expansion cohort": 45 in all."""
STUDY_SIZE_RE = re.compile(
    # no words naming a part of the cohort between the number and "patients" ("30 ASPS patients")
    r"(?:^|[^\w.,])(" + COUNT + r")\s+(?:(?:consecutive|eligible|adult|total)\s+)?" + SUBJECTS
    + r"\s+(?:(?:who\s+)?(?:were|was|have\s+been)\s+)?(?:included|enrolled|recruited)\s+in\s+"
    r"(?:this|our|the\s+present|the\s+current)\s+(?:study|trial|analysis|cohort)\b", re.I)
"""A sentence stating the size of the whole study ("Out of the 51 patients included in this study")."""
STUDY_SIZE_CUES = ("included", "enrolled", "recruited")
OTHER_STUDIES_RE = re.compile(r"\b(?:in|across|from)\s+(?:the\s+)?(?:\d+|" + "|".join(NUMBER_WORDS)
                              + r")\s+(?:\w+\s+)?(?:studies|trials|series|reports)\b", re.I)
"""'a total of 58 patients across three series, ours included': a count pooled over published series."""
EVALUABLE_FINDER = _regex_finder(
    # "38 of 44 patients were evaluable": the first number; the second is everyone
    r"(?:^|[^\w.,])(" + COUNT + r")\s+(?:out\s+)?of\s+(?:the\s+)?" + COUNT + r"\s+(?:" + SUBJECTS
    + r"\s+)?(?:were|was)\s+(?:evaluable|assessable)",
    r"(?:^|[^\w.,])(" + COUNT + r")\s+(?:" + SUBJECTS + r"\s+)?(?:were|was)\s+(?:evaluable|assessable)",
    r"(?:^|[^\w.,])(" + COUNT + r")\s+(?:\w+\s+){0,2}?(?:evaluable|assessable)\s+" + SUBJECTS,
    # "Among the 18 women assessed for response, 5 responded": the patients whose response was assessed
    r"\b(?:of|among)\s+(?:the\s+|all\s+)?(" + COUNT + r")\s+" + SUBJECTS
    + r"\s+(?:who\s+were\s+)?(?:evaluated|assessed)\s+for\s+(?:efficacy|response|activity)",
    cues=("evaluable", "assessable", "evaluated", "assessed"),
)
ANALYSED_FINDER = _regex_finder(
    r"(?:^|[^\w.,])(" + COUNT + r")\s+(?:[\w-]+\s+){0,6}?" + SUBJECTS
    + r"\b[^.;]{0,60}?\bincluded in the (?:final |efficacy )?analys[ie]s",
    cues=("analys",),
)
ALL_EVALUATED_RE = re.compile(
    r"\ball (?:the )?(?:enrolled |included )?(?:patients|participants|subjects)\s+(?:were|was)\s+"
    r"(?:evaluated|evaluable|assessed|assessable)\b", re.I)
CUTOFF_RE = re.compile(r"cut-?\s?off|data(?:base)?\s+(?:lock|freeze)", re.I)
DATE_RES = (
    re.compile(r"\b(?P<month>" + MONTH + r")\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>" + MONTH + r"),?\s+(?P<year>(?:19|20)\d{2})\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})[-/](?P<mnum>\d{1,2})[-/](?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<month>" + MONTH + r"),?\s+(?P<year>(?:19|20)\d{2})\b"),
)
DURATION = r"(\d+(?:\.\d+)?\s*(?:months?|years?|weeks?|days?))\b"
FOLLOWUP_FINDER = _regex_finder(
    r"median\s+(?:duration\s+of\s+|length\s+of\s+)?follow[- ]?up(?:\s+(?:time|period|duration|interval))?"
    r"[^.;]{0,40}?" + DURATION,
    r"follow(?:ed)?[- ]?up\s+(?:for\s+)?(?:a\s+)?median\s+(?:of\s+)?" + DURATION,
)


def iso_date(text: str) -> str | None:
    """The first date in `text` as ISO ("2024-01-31" or "2024-01"), or None."""
    found = []
    for regex in DATE_RES:
        for m in regex.finditer(text):
            parts = m.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else MONTHS.get(
                next((k for k in MONTHS if k.startswith(parts["month"].lower().rstrip(".")[:3])), ""), 0)
            if not 1 <= month <= 12:
                continue
            day = f"-{int(parts['day']):02d}" if parts.get("day") else ""
            found.append((m.start(), f"{parts['year']}-{month:02d}{day}"))
    return min(found)[1] if found else None


def cutoff_date(text: str) -> str | None:
    """The date printed right after a cutoff / data-lock phrase (within 60 characters), or None."""
    for keyword in CUTOFF_RE.finditer(text):
        date = iso_date(text[keyword.end():keyword.end() + 60])
        if date:
            return date
    return None


def design_of(units: Sequence[Unit]) -> tuple[str, str, Unit | None]:
    """(design, phase, evidence unit) from the title and the sentences that speak of this study."""
    texts = [u for u in units if u.rank == 0 or about_own_study(u.text)]
    # "these data led to a phase 3 study": the phase of a later trial, not this study's
    phase_hit = _first([u for u in texts if u.rank == 0 or not NEXT_TRIAL_RE.search(u.text)], PHASE_FINDER)
    phase = roman_phase(phase_hit[0]) if phase_hit else ""

    def has(pattern: str) -> Unit | None:
        return next((u for u in texts if re.search(pattern, u.text, re.I) and not FUTURE_RE.search(u.text)), None)

    randomized = has(RANDOM_ASSIGNMENT_RE.pattern)
    single_arm = has(r"\bsingle[- ](?:arm|group)\b")
    retrospective = has(r"\bretrospective(?:ly)?\b")
    prospective = has(r"\bprospective(?:ly)?\b")
    if phase:
        kind = "single-arm " if single_arm else "randomized " if randomized else ""
        return f"{kind}phase {phase}", phase, phase_hit[1] if phase_hit else None
    if retrospective:
        series = has(r"\bcase series\b")
        return ("retrospective case series" if series else "retrospective cohort"), "", retrospective
    if randomized:
        return "randomized", "", randomized
    if prospective:
        return ("prospective cohort" if has(r"\bcohort\b") else "prospective"), "", prospective
    return "", "", None


def _subtypes_in(mentions: list[Mention], start: int, end: int, text: str) -> list[str]:
    """Subtype keys in [start, end): the first one and those coordinated with it ("LMS and LPS")."""
    inside = [m for m in mentions_between(mentions, start, end) if m.type == "subtype"]
    if not inside:
        return []
    keys = [inside[0].key]
    for prev, cur in zip(inside, inside[1:], strict=False):
        gap = text[prev.evidence.end:cur.evidence.start]
        if cur.key == prev.key and re.fullmatch(r"\s*\(\s*", gap):
            continue  # "angiosarcoma (AS), chordoma (CH)": the short form echoes the name
        if not re.fullmatch(r"\s*\)?\s*(?:,|/|and|or|,\s*and|,\s*or)\s*", gap) and not COUNTED_WITH_RE.fullmatch(gap):
            break
        keys.append(cur.key)
    return sorted(dict.fromkeys(keys))


COUNTED_WITH_RE = re.compile(r"\s*(?:,|and|,\s*and)\s+(?:\d+|" + "|".join(NUMBER_WORDS) + r")\s+(?:patients\s+)?"
                             r"(?:with|had)\s+", re.I)
"""'31 patients with synovial sarcoma and 9 with myxoid liposarcoma': the enrolment's second subtype."""
BROAD_SUBTYPES = frozenset({"SARC", "STS", "BS"})
"""Roots: a text that names one of them besides a subtype studies a mix, not that subtype."""
DEFINING_APPOSITION_RE = re.compile(
    r"\s*[,(]\s*(?:is\s+)?an?\s+(?:[\w-]+\s+){0,4}?(?:sarcomas?|subtypes?|malignanc(?:y|ies)|tumou?rs?)\b", re.I)
""""clear cell sarcoma, an uncommon sarcoma of tendons": the words after a subtype saying what it is."""
BROAD_WORD_RE = re.compile(r"\b(?:sarcomas?|histolog(?:y|ies|ic\s+subtypes?)|subtypes)\b", re.I)


def sole_subtype(mentions: list[Mention], units: list[Unit]) -> tuple[str, Unit] | None:
    """The one subtype an untitled abstract keeps naming (news pieces, digests: "the rare
    malignancy X ... patients with X"): every subtype mention in its own abstract sentences is
    the same specific subtype, named in two or more of them. A second subtype or a root
    (sarcoma, STS) means a mixed study, which keeps the default."""
    seen: dict[str, list[Unit]] = {}
    for unit in units:
        if unit.rank > 1:
            continue
        inside = [m for m in mentions_between(mentions, unit.start, unit.end) if m.type == "subtype"]
        text = unit.text
        defined = [d.span() for m in inside if m.key not in BROAD_SUBTYPES
                   and (d := DEFINING_APPOSITION_RE.match(text, m.evidence.end - unit.start))]
        for a, b in defined:  # "X, an uncommon sarcoma,": what X is, not a wider population
            text = text[:a] + " " * (b - a) + text[b:]
        inside = [m for m in inside if not any(a <= m.evidence.start - unit.start < b for a, b in defined)]
        for m in reversed(inside):  # blank the subtype names: a "sarcoma" left over is the broad word
            a, b = m.evidence.start - unit.start, m.evidence.end - unit.start
            text = text[:a] + " " * (b - a) + text[b:]
        if BROAD_WORD_RE.search(text):
            return None  # "advanced sarcomas, including X": a mix with X among it
        for m in inside:
            seen.setdefault(m.key, []).append(unit)
    if len(seen) != 1:
        return None
    key, where = next(iter(seen.items()))
    if key in BROAD_SUBTYPES or len({u.start for u in where}) < 2:
        return None
    return key, where[0]


ENROLLED_WITH_RE = scan_compile(r"\b(?:enrolled|included|recruited|randomi[sz]ed|assigned)\b[^.;]*?\b(?:\d+|"
                                + "|".join(NUMBER_WORDS) + r")\s+(?:[\w-]+\s+){0,5}?(?:patients|participants)\b"
                                r"[^.;]*?\bwith\s+", re.I)
"""'researchers enrolled 452 patients 18 years or older with ...': who the study took in."""


def _enrolled_subtypes(mentions: list[Mention], units: list[Unit], text: str) -> tuple[list[str], Unit] | None:
    """A title that names only the umbrella (soft tissue sarcoma) over a study whose own enrolment
    sentence takes in one or two named subtypes ("enrolled 452 patients with advanced liposarcoma or
    leiomyosarcoma"): those subtypes are the population."""
    for unit in units:
        if unit.rank == 0 or unit.rank > 2:
            continue
        m = ENROLLED_WITH_RE.search(unit.text)
        if m is None:
            continue
        start = unit.start + m.end()
        found = _subtypes_in(mentions, start, unit.end, text)
        inside = [x for x in mentions_between(mentions, start, unit.end) if x.type == "subtype"]
        if found and len(found) <= 2 and not BROAD_SUBTYPES & set(found) and inside \
                and inside[0].evidence.start - start < 80:
            return found, unit
        return None
    return None


def _evidence(doc: Document, unit: Unit) -> Evidence:
    return Evidence(doc.source_file, unit.section, unit.start, unit.end, doc.text[unit.start:unit.end])


def study_facts(doc: Document, mentions: list[Mention], lexicon: Lexicon | None = None) -> StudyFacts:
    """The study's own facts (see the module docstring); empty fields when not printed."""
    lexicon = lexicon if lexicon is not None else load_lexicon()
    units = own_sentences(doc)
    facts = StudyFacts()

    def keep(field: str, value: object, unit: Unit | None) -> None:
        if value in (None, "", ()) or unit is None:
            return
        setattr(facts, field, value)
        facts.evidence[field] = _evidence(doc, unit)

    design, phase, unit = design_of(units)
    keep("design", design, unit)
    keep("phase", phase, unit)
    registration = _first(units, lambda t: (m := REGISTRY_RE.search(t)) and normalise_trial_id(m.group()))
    if registration:
        keep("registration", registration[0], registration[1])
    centers = _first(units, lambda t: prints_any(t, *CENTER_CUES) and (m := CENTER_RE.search(t))
                     and (m.group(1) or m.group(2)))
    if centers:
        keep("centers", 1 if centers[0].lower() == "single" else word_to_int(centers[0]), centers[1])
    # a primary study's enrolment is no count pooled over several studies (a meta-analysis has no design here)
    enrolled = _first(units, lambda t: ENROLLED_FINDER(t) if not (design and OTHER_STUDIES_RE.search(t)) else None)
    if enrolled:
        more = MORE_ENROLLED_RE.search(enrolled[1].text)
        count = word_to_int(enrolled[0])
        keep("n_enrolled", count + word_to_int(more.group(1)) if more and count is not None else count, enrolled[1])
    # "20 evaluable patients give 80% power": a sample-size plan, not who was evaluated
    evaluable = _first(units, lambda t: EVALUABLE_FINDER(t) if not has_cue(t, "design") else None) \
        or _first(units, ANALYSED_FINDER)
    if evaluable:
        keep("n_evaluable", word_to_int(evaluable[0]), evaluable[1])
    elif facts.n_enrolled is not None:
        everyone = next((u for u in units if ALL_EVALUATED_RE.search(u.text)), None)
        keep("n_evaluable", facts.n_enrolled, everyone)
    for unit in units:
        for m in STUDY_SIZE_RE.finditer(unit.text) if prints_any(unit.text, *STUDY_SIZE_CUES) else ():
            size = word_to_int(m.group(1))
            if size is not None:
                facts.size_statements.append((size, _evidence(doc, unit)))
    cutoff = _first(units, cutoff_date)
    if cutoff:
        keep("data_cutoff", cutoff[0], cutoff[1])
    followup = _first(units, FOLLOWUP_FINDER)
    if followup:
        keep("median_followup", re.sub(r"\s+", " ", followup[0]), followup[1])
    cohort = max([size for size, _ in facts.size_statements] + [facts.n_enrolled or 0])
    facts.mixed_therapy = _population_and_regimen(doc, mentions, units, keep, lexicon, cohort, is_series(facts.design))
    return facts


def _population_and_regimen(doc: Document, mentions: list[Mention], units: list[Unit],
                            keep: Callable[[str, object, Unit | None], None], lexicon: Lexicon,
                            cohort: int = 0, series: bool = True) -> bool:
    """Population and regimen from the title, else from an abstract sentence about this study;
    True when that sentence gives the cohort alternative regimens (`mixed_regimen`) or gives its
    treatment to part of a cohort of `cohort` patients only (`given_to_part`)."""
    candidates = [u for u in units
                  if u.rank == 0 or (u.rank == 1 and (about_own_study(u.text) or TREATED_RE.search(u.text)))]
    for unit in candidates:
        population = _subtypes_in(mentions, unit.start, unit.end, doc.text)
        if population:
            enrolled = _enrolled_subtypes(mentions, units, doc.text) if population == ["STS"] else None
            keep("population", "|".join(enrolled[0] if enrolled else population), enrolled[1] if enrolled else unit)
            break
    else:
        sole = sole_subtype(mentions, units)
        if sole:
            keep("population", sole[0], sole[1])
    for unit in candidates:
        if unit.rank > 0 and (FUTURE_RE.search(unit.text) or NEXT_TRIAL_RE.search(unit.text)):
            continue  # "the results led to a phase III trial of X plus Y": that trial's treatment
        if unit.rank == 0 and series and asks_about_treatment(unit.text):
            return True  # "Impact of adjuvant X on survival in ...": a series of patients with and without X
        mixed = mixed_regimen(mentions, unit.start, unit.text, lexicon)
        if mixed is not None:  # "patients who received X, Y or Z": the class they share, if any
            keep("regimen", mixed, unit)
            return True
        regimen = either_regimen(mentions, unit.start, unit.text, lexicon) \
            or regimen_in(mentions, unit.start, unit.end, unit.text, lexicon)
        if unit.rank > 0 and (given_to_part(unit.text, cohort, names_treatment=bool(regimen) and series) or withheld_in(
                unit.text, [m.evidence.start - unit.start for m in mentions_between(mentions, unit.start, unit.end)])):
            return True  # "... and 6 months for those who did not receive X": some patients had X, some not
        if regimen:
            keep("regimen", regimen, unit)
            break
    return False
