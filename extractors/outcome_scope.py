"""Whose result a sentence reports: the paper's own (primary), another work's (cited), or no one's.

A sentence with a citation marker reports the works it cites; one that names "X et al." reports
that author's reference; one that names a trial other than the paper's own (news: "in the X trial,
...") or opens on an earlier study reports that study. In an introduction or discussion, a sentence
continues the cited sentence before it, or leads into the marker of the sentence after it; what is
known, told of no study, is no one's result. Inside a primary sentence, a number set against the
study's own as what others found ("exceeded the historical 15%") is cited; inside a cited one, a
number told of the paper's own study before it is compared ("Our ORR of 30% exceeds the 12% of [4]")
is primary.

`ParagraphState` is what carries from one sentence to the next inside a paragraph (the scope and
references of the sentence before, its population and regimen).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from corpus.bibliographic import cited_surname
from corpus.document import Document, Sentence
from extractors.measurements import Quantity
from extractors.offsets import Coverage, Stabbing, last_end_by
from extractors.outcome_context import SentenceContext, is_known_statement
from extractors.records import CitationMarker, Mention, Reference, StudyFacts
from extractors.regimens import regimen_of
from extractors.scan_regex import scan_compile
from extractors.study import about_own_study
from extractors.zones import BACKGROUND_ZONES
from ontology.lexicon import Lexicon

NEW_STUDY_RE = re.compile(
    r"^\s*(?:in\s+)?(?:a|an|another|one)\s+(?:[\w,-]+\s+){0,6}?(?:trial|study|analysis|registry|cohort|series)\b",
    re.I,
)
BENCHMARK_RE = scan_compile(
    # words that set a number against this study's result as what others found: "exceeded the
    # historical 15%", "compares favourably with the 4 months usually seen", "higher than the 20%
    # reported for X", "in previous trials"
    r"\bhistorical(?:ly)?\b|\bbenchmark\b|\b(?:previously|earlier)\s+reported\b|\breported\s+(?:previously|earlier)\b"
    r"|\bin\s+(?:previous|prior|earlier|other)\s+(?:studies|trials|reports|series)\b|\bliterature\b"
    r"|\bcompares?\s+(?:favou?rably|well)\s+(?:with|to)\b|\busually\s+(?:seen|observed|reported)\b",
    re.I,
)
EARLIER_STUDY_RE = re.compile(
    r"^\s*(?:in|by)\s+(?:the|an?|another)\s+(?:[\w-]+\s+){0,2}?(?:earlier|previous|prior|older|separate|historical)"
    r"\s+(?:[\w-]+\s+){0,4}?(?:trial|study|series|cohort|analysis|report)\b", re.I)
"""A sentence that opens on another study ("In the earlier X trial, ..."): its numbers are that study's."""


@dataclass
class ParagraphState:
    """What carries from one sentence to the next inside a paragraph."""

    population: tuple[str, ...] | None = None
    population_source: tuple[str, tuple[int, ...]] = ("primary", ())
    """(scope, refs) of the sentence that named `population`: it carries only to the same scope."""
    previous_scope: str = ""
    """"cited" / "primary" for the sentence just before, "" when it reported nothing."""
    cited_refs: tuple[int, ...] = ()
    combination: list[str] = field(default_factory=list)
    """Tokens of the last combination a sentence named, for "this combination" in the next."""
    lead_regimen: tuple[str, ...] = ()
    """The regimen an unmarked sentence just named without reporting a result of its own: a cited
    sentence right after it that names none is about that regimen ("X was given to 12 patients.
    The ORR was 75% [2].")."""
    lead_age: int = 0
    arm_order: list[tuple[str, ...]] = field(default_factory=list)
    """The regimens the sentence before gave its results, in order, when it compared two or more: a
    "respectively" run that names no group follows that order."""
    survival_family: str = ""
    """The survival endpoint (PFS, OS, EFS, DFS) the sentence before named, for a bare "rate at 6
    months" in the next (`extractors.elliptical_rates`)."""
    cohort_regimen: tuple[str, ...] = ()
    """The regimen a sentence gave a group of patients without a result of its own ("Thirty-six
    patients received X."): the paper's own results in the next sentence that name none are theirs."""
    tested_regimen: tuple[str, ...] = ()
    """The treatment a comparison naming only the control was given to (`extractors.control_arms`)."""
    given_regimens: list[tuple[str, ...]] = field(default_factory=list)
    """The regimens sentences of the paragraph gave counted groups of patients ("36 patients received
    X", "37 were given Y and Z"), for a later result "for all patients" (`outcome_regimens.pooled_regimen`)."""


PRESENTED_RE = re.compile(
    r"\b(?:results|findings|data)\s+(?:from|of)\s+(?:the\s+)?[^.;]{0,80}?\b(?:trial|study)\b[^.;]{0,10}?"
    r"\b(?:presented|published|reported)\s+(?:at|during|in)\b", re.I)
"""'Results from the phase 2 X trial presented at the ... meeting': a news report's own trial."""


def _start_index(starts: list[int]) -> tuple[list[int], list[int]]:
    """(sorted start offsets, the item index of each) for `_starting_in`."""
    order = sorted(range(len(starts)), key=starts.__getitem__)
    return [starts[i] for i in order], order


def _starting_in(items: list, index: tuple[list[int], list[int]], pieces: list[Sentence]) -> list:
    """The items whose start falls in one of the pieces, in their original order."""
    starts, order = index
    chosen: set[int] = set()
    for piece in pieces:
        chosen.update(order[bisect_left(starts, piece.start):bisect_left(starts, piece.end)])
    return [items[i] for i in sorted(chosen)]


def start_index(starts: list[int]) -> tuple[list[int], list[int]]:
    """(sorted start offsets, the item index of each) for `starting_in`."""
    order = sorted(range(len(starts)), key=starts.__getitem__)
    return [starts[i] for i in order], order


def starting_in(items: list, index: tuple[list[int], list[int]], pieces: list[Sentence]) -> list:
    """The items whose start falls in one of the pieces, in their original order."""
    starts, order = index
    chosen: set[int] = set()
    for piece in pieces:
        chosen.update(order[bisect_left(starts, piece.start):bisect_left(starts, piece.end)])
    return [items[i] for i in sorted(chosen)]


@dataclass
class ScopeReader:
    """The scope of each sentence of one paper (see the module docstring)."""

    doc: Document
    lexicon: Lexicon
    mentions: list[Mention]
    markers: list[CitationMarker]
    references: list[Reference]
    study: StudyFacts
    zones: dict[int, str]
    """Sentence start -> zone (`extractors.zones`)."""
    regimen_by_refs: dict[tuple[int, ...], tuple[str, ...]]
    """The outcome reader's regimens of cited works (read, to tell a new study from the one before)."""
    own_trials: set[str] = field(default_factory=set)
    """Keys of the paper's own trial (registration, name)."""

    def __post_init__(self) -> None:
        # sorted start offsets, so each sentence finds its mentions by bisection instead of
        # filtering every mention of the paper (quadratic on long documents)
        self.mention_starts = start_index([m.evidence.start for m in self.mentions])
        self.paragraph_spans = Stabbing([(p.start, p.end) for p in self.doc.paragraphs])
        self.own_trials = self.find_own_trials()

    def scope(self, ctx: SentenceContext, state: ParagraphState,
               following: SentenceContext | None) -> tuple[str, tuple[int, ...]]:
        """cited when the sentence carries a marker, names "X et al.", or (in an introduction or
        discussion) continues the cited sentence just before it or leads into the one after."""
        numbers = marker_numbers(ctx)
        if numbers:
            return "cited", numbers
        if ctx.own_study:
            return "primary", ()
        if self.names_other_trial(ctx) or EARLIER_STUDY_RE.match(ctx.text):
            return "cited", ()  # news: "in the X trial, drug Y gave ...", another study by its name
        by_author = self.refs_by_author(ctx.cited_authors, ctx.start)
        if by_author:
            return "cited", by_author
        if ctx.cited_authors and following is not None and marker_numbers(following):
            return "cited", marker_numbers(following)
        if ctx.background:
            next_refs = marker_numbers(following) if following is not None and not following.own_study else ()
            if state.previous_scope == "cited" and not (next_refs and self.opens_new_study(ctx, state)):
                return "cited", state.cited_refs
            if next_refs:
                return "cited", next_refs
            if ctx.zone == "background":
                # what is known, told of no study: no result of anyone; else other studies' results
                return ("known" if is_known_statement(ctx.text) else "cited"), ()
        return "primary", ()

    def find_own_trials(self) -> set[str]:
        """The paper's own trial: its registration, trials its title names, and the first trial the
        paper names outside background and citations (a report names its own trial first)."""
        own = {self.study.registration.upper()} if self.study.registration else set()
        trials = sorted((m for m in self.mentions if m.type == "trial_id"), key=lambda m: m.evidence.start)
        cited = [(c.sentence.start, c.sentence.end) for c in self.markers]
        title = self.doc.metadata.title.lower()
        for m in trials:
            zone = self.zones.get(self.sentence_start(m.evidence.start), "")
            if zone == "title" or m.evidence.section == "Title" or (title and m.surface.lower() in title):
                own.add(m.key.upper())
        in_cited = Coverage(cited)
        first = next((m for m in trials if not in_cited.covers(m.evidence.start)), None)
        if first is not None:
            start = self.sentence_start(first.evidence.start)
            sentence = next((s.text for p in self.doc.paragraphs for s in p.sentences if s.start == start), "")
            # a text that cites nothing (a news report) names its own trial first
            if self.zones.get(start, "") not in BACKGROUND_ZONES and (
                    about_own_study(sentence) or self.zones.get(start, "") == "methods"
                    or PRESENTED_RE.search(sentence) or not self.markers):
                own.add(first.key.upper())
        return own

    def sentence_start(self, offset: int) -> int:
        at = self.paragraph_spans.first_containing(offset)  # by offset: a long paper names many trials
        if at is None:
            return -1
        paragraph = self.doc.paragraphs[at]
        return next((s.start for s in paragraph.sentences if s.start <= offset < s.end), paragraph.start)

    def names_other_trial(self, ctx: SentenceContext) -> bool:
        starts, order = self.mention_starts  # only the sentence's own mentions (linear in the paper)
        inside = order[bisect_left(starts, ctx.start):bisect_left(starts, ctx.end)]
        return any(self.mentions[i].type == "trial_id" and self.mentions[i].key.upper() not in self.own_trials
                   for i in inside)

    def opens_new_study(self, ctx: SentenceContext, state: ParagraphState) -> bool:
        """"In a phase II trial, X achieved ...": a new study, told before its marker arrives."""
        if NEW_STUDY_RE.match(ctx.text):
            return True
        named = regimen_of([r.key for r in ctx.regimen_items], self.lexicon)
        return bool(named) and named != self.regimen_by_refs.get(state.cited_refs, named)

    def refs_by_author(self, authors: list[str], before: int) -> tuple[int, ...]:
        """References whose first author is named; a surname shared by several references
        resolves to the one the paper cited most recently before this sentence."""
        found = set()
        for author in authors:
            hits = [r.number for r in self.references if cited_surname(r.first_author) == author.lower()]
            if len(hits) > 1:
                last_cited = {n: m.start for m in self.markers if m.start < before for n in m.numbers if n in hits}
                hits = [max(last_cited, key=last_cited.get)] if last_cited else []
            if len(hits) == 1:
                found.add(hits[0])
        return tuple(sorted(found))


def marker_numbers(ctx: SentenceContext) -> tuple[int, ...]:
    return tuple(sorted({n for m in ctx.markers for n in m.numbers}))


def historical(ctx: SentenceContext, q: Quantity, quantities: list[Quantity]) -> bool:
    """"... exceeded the historical benchmark of TKI monotherapy (46%)", "compares favourably with
    the 4 months usually seen": a number given as others' result inside a sentence about this study."""
    previous_end = last_end_by(quantities, q.start, ctx.start)
    return bool(BENCHMARK_RE.search(ctx.text[ctx.rel(previous_end) : ctx.rel(q.start)]))


OWN_OPENING_RE = re.compile(
    r"^\s*(?:(?:in|among|for)\s+(?:this|our|the\s+(?:present|current))\s+(?:[\w-]+\s+){0,3}?"
    r"(?:study|trial|cohort|series|analysis|population|patients)\b|our\b|we\b)", re.I)
"""A sentence that opens on the paper's own study: "In this cohort, ...", "Our median OS ...", "We saw ..."."""
SET_AGAINST_RE = scan_compile(
    r"\b(?:than|compared|comparable|versus|vs|similar|close|in\s+line|consistent|agrees?|exceed(?:s|ed|ing)?"
    r"|below|above|reported|described|seen\s+(?:in|with)|observed\s+(?:in|with|by)|et\s+al"
    r"|resembl\w*|match(?:es|ed|ing)?|mirror\w*|(?:un)?like|contrast)\b", re.I)
"""Words after which a number in such a sentence is the other work's ("... close to the 4.0 months reported")."""


OWN_AFTER_RE = re.compile(
    r"\s*(?:%|months?|weeks?)?\s*(?:\([^()]*\)\s*)?(?:in|of|for|among|with)\s+(?:our|this|the\s+(?:present|current))"
    r"\s+(?:(?!(?:in|of|for|among|with|and|or)\b)[\w-]+\s+){0,2}?(?:study|trial|cohort|series|analysis|population|patients)\b",
    re.I)
"""A number told as the paper's own right after it: "..., lower than the 75% in our SS cohort" (not "24% for
this combination in patients": the group must follow the determiner closely)."""


OWN_CLAUSE_RE = re.compile(r"(?:^|[,;])[\s)\]]*(?:(?:and|but|whereas|while)\s+)?(?:our|we)\b", re.I)
"""A clause of the paper's own after a citation: "..., our response rate was", "..., and we saw"."""


def own_before_comparison(ctx: SentenceContext, q: Quantity) -> bool:
    """"Our median OS of 10.9 months is shorter than the 13.5 months reported by X [1]": in a sentence
    that cites, a number told of the paper's own study before the sentence sets anything against it
    is the paper's own result; so is one the sentence says is its own ("than the 75% in our cohort")."""
    if OWN_AFTER_RE.match(ctx.text, ctx.rel(q.end)):
        return True
    last_marker = _markers_of(ctx).last_end_by(q.start)
    if last_marker is not None:  # "... responded [3], our UPS response rate was 33.3%": a clause of its own
        clause = ctx.text[ctx.rel(last_marker) : ctx.rel(q.start)]
        return bool(OWN_CLAUSE_RE.search(clause)) and not SET_AGAINST_RE.search(clause)
    if not OWN_OPENING_RE.match(ctx.text):
        return False
    return not_yet_compared(ctx, q)


def not_yet_compared(ctx: SentenceContext, q: Quantity) -> bool:
    """No marker and no word that sets another work's number against the study's stands before `q`."""
    return not _markers_of(ctx).any_before(q.start) and not SET_AGAINST_RE.search(ctx.text[: ctx.rel(q.start)])


def restates_own_result(ctx: SentenceContext, q: Quantity, endpoint: str, own: set[tuple[str, str]]) -> bool:
    """"The pair gave an ORR of 12.5% in LMS, meeting its end point. This compares with ... [1]": in a
    discussion, a number that restates one of the paper's own results (same endpoint and value, read
    earlier) before the sentence cites or compares anything is the paper's, not the cited work's."""
    return ctx.zone == "discussion" and (endpoint, q.value) in own and not_yet_compared(ctx, q)


class MarkerIndex:
    """A sentence's citation markers by their offsets, sorted once: each number of a sentence that cites
    thousands of works asks where the markers before and after it are."""

    def __init__(self, markers: list[CitationMarker]) -> None:
        self.markers = markers
        self._ends = sorted(m.end for m in markers)
        self._first_start = min((m.start for m in markers), default=None)
        in_order = all(a.start <= b.start for a, b in zip(markers, markers[1:], strict=False))
        self._starts = [m.start for m in markers] if in_order else None

    def last_end_by(self, offset: int) -> int | None:
        """`max(m.end for m in markers if m.end <= offset)`, None when none ends by it."""
        k = bisect_right(self._ends, offset) - 1
        return self._ends[k] if k >= 0 else None

    def any_before(self, offset: int) -> bool:
        return self._first_start is not None and self._first_start < offset

    def first_from(self, offset: int) -> CitationMarker | None:
        """The first marker, in the list's order, starting at or after `offset`."""
        if self._starts is None:
            return next((m for m in self.markers if m.start >= offset), None)
        k = bisect_left(self._starts, offset)
        return self.markers[k] if k < len(self.markers) else None


def _markers_of(ctx: SentenceContext) -> MarkerIndex:
    """The context's marker index, made at its first question (kept on the context, for its sentence)."""
    index = ctx.__dict__.get("_marker_index")
    if index is None or index.markers is not ctx.markers:
        index = ctx.__dict__["_marker_index"] = MarkerIndex(ctx.markers)
    return index


def refs_near(ctx: SentenceContext, position: int, refs: tuple[int, ...]) -> tuple[int, ...]:
    """The marker printed after the number (else before it) when a sentence cites several works."""
    if len(ctx.markers) < 2:
        return refs
    marker = _markers_of(ctx).first_from(position) or max(ctx.markers, key=lambda m: m.start)
    return tuple(sorted(marker.numbers))
