"""Adverse-event figures in one sentence of prose: a small grammar of safety statements.

The figures themselves (counts and percentages in the ways safety results print them, and the
numbers that are none) are found by `extractors.ae_figures`. Each figure sits in one of these
slots, and the slot says where its event term is:

- parenthesis after the term: "hypertension (9.3%)", "neutropenia (36 [34·0%] vs 32 [30·2%])";
- "in/by" after the statement's subject: "grade 3 hypertension occurred in 4 patients (7.7%)",
  "febrile neutropenia in 10.4% vs 8.3%"; a class subject names its events after the verb
  ("frequent adverse events were cough in 21%, ...");
- subject of a verb of experiencing: "3 patients (7.3%) had grade 3 events", "22% of patients
  had ...", "..., with 3% experiencing grade 3 reactions" (the event before, at that grade);
- predicate of the event: "the incidence of grade 3 rash was 12%";
- right after the term, when an arm pair follows or a colon opened a list ("grade ≥3 anaemia
  22% vs 9%", "toxicities: leukopenia 35%, anaemia 18%"), or after a comma in journal style
  ("were lymphopenia, 31%; anaemia, 14%").

Outside sentences that speak of adverse events, only events the lexicon knows are read, and a
grade phrase alone ("grade 3 tumours") is no safety cue.

A figure with no term of its own continues the one before it ("... and 17 (27.0%) in the
monotherapy group", "... and was grade 3 in 4 (6.9%)"). The grade is the figure's own ("7 grade
3, 2 grade 4"), else the last grade phrase printed before it ("Grade ≥3 TRAEs occurred in 18
(33.3%), most commonly hypertension (9.3%)": hypertension is >=3), else one named after the list
the figure closes ("X (12%) and Y (8%) were the leading grade 3 or 4 toxicities"), else "any".
Several figures of one slot joined by "vs", "versus", "v", "and" are arms (`extractors.ae_arms`
reads their arm phrases and "respectively").

Numbers about what the events led to (dose reductions, interruptions, discontinuations) or about
recovery ("which resolved in 10") are no events; treatment-related deaths are grade 5.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extractors.ae_arms import (
    arm_after,
    arm_before,
    back_referred,
    declared_arms,
    list_arms,
    respectively,
    subject_arm,
)
from extractors.ae_figures import PEOPLE, Figure, ProseAE, enclosing_paren, find_figures, masked, paren_end
from extractors.ae_grades import GRADE_RE, grade_of_match, last_grade, strip_grades
from extractors.ae_terms import CLASS_END_RE, VERB_RE, clean_terms, is_filler, lexicon_event_checker
from extractors.ae_wording import (
    ASIDE_GRADE_RE,
    COMPARATIVE_RE,
    COUNTED_OF_RE,
    NEGATED_GRADE_RE,
    blank,
    caused_by_treatment,
    closing_grade,
    counted_events,
    death_cause,
    grades_before,
)
from extractors.scan_regex import scan_compile
from extractors.text_cues import prints_any
from extractors.text_index import NEAR, char_index, span_index

EXPERIENCE_RE = re.compile(
    r"\s*(?:(?:of\s+(?:the\s+|all\s+)?(?:[a-z]+\s+)?)?" + PEOPLE + r"\s+)?"
    r"(?:had|developed|experienced|suffered|reported|presented\s+with|showed|having|"
    r"developing|experiencing|(?:were|was)\s+associated\s+with)\s+"
    r"(?P<obj>[^,;.()]+?)(?=\s*(?:[,;.()]|\band\s+(?:none|no|\d|one|two|three)\b|\bwhich\b|\bthat\b|\bfrom\b"
    r"|\bdue\s+to\b|\bafter\b|\bduring\b|\bwhile\b|$))",
    re.I,
)
PEOPLE_COUNT_RE = re.compile(PEOPLE + r"$", re.I)
OF_GROUP = r"\s+(?:out\s+)?of\s+(?:the\s+|all\s+)?\d+\s+(?:[a-z]+\s+)?" + PEOPLE + r"\b(?!\s*\()"
OF_GROUP_RE = re.compile(OF_GROUP, re.I)
GROUP_COUNT_END_RE = re.compile(r"\s*(?:[,;.()]|\band\b|each\b|$)|" + OF_GROUP, re.I)
"""Where a count of a group printed without its percentage may end: a separator, or "of N patients"."""
PATIENTS_DESCRIBED_RE = re.compile(r"\s+(?:receiving|treated|given|who|after|during|aged|older|younger)\b",
                                   re.I)
UNITS_BEFORE_RE = re.compile(r"\s*\d+\s+(?:cycles?|courses?|episodes?|c)\b(?:\s*\[\w+\])?\s*[,;]\s*", re.I)
"""'(14 cycles [c], 6 pts)': the cycles counted before the patients, who are the figure."""
DIED_AFTER_RE = re.compile(r"\s*(?:" + PEOPLE + r"\s+)?(?:died|deceased)\b", re.I)
EXPERIENCE_VERB_RE = re.compile(r"\b(?:had|developed|experienced|suffered)\b", re.I)
GAPPED_RE = re.compile(r"\s*(?P<obj>grades?\s*[^,;.()]+?)(?=\s*(?:[,;.()]|\band\b|$))", re.I)
"""A subject figure whose verb the clause before printed: "... and 7 patients (4.1%) grade ≥3 Y".
It, `EXPERIENCE_RE` and `DIED_AFTER_RE` are matched at a figure's end (none looks behind it), not in the
text sliced there: a sentence of many figures is not copied once per figure."""
CLOSED_AFTER_RE = re.compile(r"\s*(?:[;.)]|,\s*and\b|$)")
LISTED_AFTER_RE = re.compile(r"\s*(?:[,;.)(]|and\b|$)")
"""What ends a listed figure ("and" begins a word wherever a figure's slice would start it)."""
IN_SLOT_RE = re.compile(
    r"\b(?:in|by|among|to|of|affect(?:ed|ing|s))\s+(?:a\s+(?:pooled|total\s+of)\s+|an?\s+estimated\s+|only\s+|about\s+"
    r"|approximately\s+|nearly\s+|almost\s+)?$",
    re.I,
)
STATISTIC_OF_RE = re.compile(r"\b(?:minimum|maximum|median|mean|average|range)\s+(?:of\s+)?$", re.I)
RATE_SLOT_RE = re.compile(r"\b(?:was|were)\s+(?:reported\s+|observed\s+|seen\s+)?(?:as\s+)?$", re.I)
"""'the incidence of grade 3 rash was 12%': the figure is the predicate of its event"""
CONSEQUENCE_RE = scan_compile(
    r"\b(?:reduc\w*|interrupt\w*|discontinu\w*|delay\w*|withdr[ae]w\w*|withdrawal|stopp\w*|terminat\w*|"
    r"modif\w*|hospitali[sz]\w*|led\s+to|leading\s+to|resulted\s+in|due\s+to|because\s+of|required)\b",
    re.I,
)
BARE_RE = re.compile(r"(?:^|[,;:]\s*(?:and\s+)?)[A-Za-z][^,;:()%]*?[a-z]{3}[^,;:()%]*:?\s*$")
"""A short noun phrase right before a figure, with no verb or preposition linking them"""
MORE_RE = re.compile(r"\s*,?\s*(?:respectively\s*,\s*(?:(?:in|on|for|with)\s+[^,;%\d()]{1,60}?\s*,\s*)?"
                     r"(?=vs\b|versus\b|compared\b|than\b))?"
                     r"(?:and|vs\.?|v\.?|versus|compared\s+with|than|and\s+in)?\s*")
"""What may join a further arm's figure to the one before ("41.7% vs 37.5%", "46% v 19%"), also after a
closed "respectively" ("... 49% and 10%, respectively, in arm A, compared with 88% and 63%, ...")"""
COMMA_TERM_RE = re.compile(r"(?:^|[;:]|\b(?:were|was|included|including|are)\b)\s*(?:and\s+)?"
                           r"(?P<term>[A-Za-z][^,;:()%\d]{2,60}?),\s*$", re.I)
"""Journal style "the most common were neutropenia, 40%; anaemia, 20%": term, comma, figure"""
COMPARED_NEXT_RE = re.compile(r"\s*(?:vs\.?|versus|v\.?)\s")
CLASS_ONLY_RE = re.compile(r"(?:events?|reactions?|toxicit(?:y|ies)|cases?|episodes?)", re.I)
"""A class noun naming no event: "grade 3 reactions" after "X was seen in 25%, with 3% ..." is grade 3 X"""
RESOLVED_RE = re.compile(r"\b(?:resolv|recover|revers|improv|subsid)\w*\b[^,;()]*$", re.I)
"""'..., which resolved in 15 (75%)': the figure counts recoveries, not events"""
GIVEN_AS_RE = re.compile(r"\b(?:was|were)\s+(?:provided|given|administered|prescribed|delivered|started|initiated|"
                         r"continued)\b", re.I)
"""'the agent was administered as maintenance in 40%': how a treatment was used, no event"""
USED_RE = re.compile(r"\b(?:used|administered|prescribed|given|received|needed)\s*$", re.I)
DEATH_RE = scan_compile(r"\bdeaths?\b|\bdied\b|\bfatal\b", re.I)
DIED_RE = re.compile(r"\bdeaths?\b|\bdied\b", re.I)
SUBJECT_HEAD_RE = re.compile(r"(?:^|[,;:]|\band|\bwhile|\bwhereas|,\s*with|\bof\s+whom|\bamong\s+whom)\s*"
                             r"(?:overall\s+|in\s+total\s+|only\s+|"
                             r"nearly\s+|almost\s+|about\s+|approximately\s+)?$", re.I)
"""What may precede a figure that is the subject of its statement ("..., with 5% experiencing ...")"""
AMONG_RE = re.compile(r"\b(?:among\s+(?:the\s+|all\s+)?|of\s+(?:the|all)\s+)(\d+)\s+"
                      r"(?:treated\s+|evaluable\s+|enrolled\s+)?(?:patients|participants)\b(?!\s*\()"
                      r"(?!\s+(?:who|that)\s+(?:developed|experienced|suffered)\b)", re.I)
"""The group a sentence's figures are of: "Among the 38 treated patients, ...". "3 of the 9 patients who
developed X" counts within those with the event, which is no denominator of the event's own rate."""
GROUP_SIZE_PAREN_RE = re.compile(r"\(\s*[nN]\s*=\s*\d+\s*\)")
COLON_NEXT_RE = re.compile(r"\s*:")
GROUP_NOUN_END_RE = re.compile(r"\b(?:population|set|patients|participants|subjects|evaluable|cohort|arm|group|"
                               r"treated|safety|analysis)\s*$", re.I)
"""'In the safety population (n = 58)', 'Adverse events (n = 58): ...': a size of the group the
figures are of, printed before them, is no event count."""
NO_DEATHS_RE = scan_compile(
    r"\b(?:no|without|zero)\s+(?:(?:treatment|drug|therapy|study)[-\s](?:related|associated)\s+deaths?"
    r"|deaths?\s+(?:related|attributed|attributable|due)\s+to\s+(?:the\s+)?(?:study\s+)?(?:treatment|drugs?|therapy)"
    r"|grade\s+5\s+(?:T?R?AEs?|(?:treatment-related\s+)?(?:adverse\s+)?events?|toxicit(?:y|ies)))\b", re.I)
"""'No treatment-related deaths occurred', 'no deaths related to the treatment': zero grade 5 events."""
AE_CUE_RE = re.compile(r"(?=[airst])(?:adverse|\bT?R?AEs?\b|\birAEs?\b|\bSAEs?\b|toxicit|side[-\s]effect|safety)", re.I)
"""A safety cue (the lookahead names the first letters of its words, tried first at every offset: a cheap
miss for most sentences, which print none)."""
AE_CUE_WORDS = ("adverse", "ae", "toxicit", "side", "safety")
"""A word every `AE_CUE_RE` match prints ("TRAEs", "irAE" and "SAE" print "ae")."""


def speaks_of_safety(text: str) -> bool:
    """`AE_CUE_RE` in `text`, its words looked for first (most sentences print none)."""
    return prints_any(text, *AE_CUE_WORDS) and AE_CUE_RE.search(text) is not None


LIST_LEAD_RE = re.compile(r"\b(?:most\s+(?:common|frequent)\w*|commonest|most\s+often|frequent\w*|included|including|"
                          r"such\s+as|were\s+mainly|were\s+mostly)\b", re.I)
METHOD_RE = re.compile(r"\b(?:grad(?:ed|ing)|assess(?:ed|ment)|according\s+to|CTCAE|criteria|monitor\w*|"
                       r"evaluat\w*|record(?:ed|ing)|collected|defined|eligib\w*|exclu\w*|will\s+be)\b", re.I)
TOTALS = frozenset({"TRAEs", "AEs", "irAEs", "SAEs", "events"})
QUALIFIER_RE = re.compile(r"^\s*(one\s+or\s+more|at\s+least\s+one)\s+", re.I)
def announces_safety(text: str) -> bool:
    """A results sentence that speaks of adverse events without figures ("Adverse events are
    summarised in Table 3", "Toxicity was manageable"); how they were graded or recorded is method."""
    return speaks_of_safety(text) and not METHOD_RE.search(text)


CHANGE_BY_RE = re.compile(r"\bby\s*$", re.I)
OF_AFTER_RE = re.compile(r"(?:\s*,?\s*(?:and\s+)?\d+(?:[.·]\d+)?\s*%)*\s*of\b", re.I)
""""reported by 12% (or by 35%, 20% and 15%) of patients" is an incidence; "shrank by 30%" a change, which no
event has."""


def sentence_adverse_events(text: str, *, safety_context: bool = False,
                            is_event: Callable[[str], bool] | None = None) -> list[ProseAE]:
    """Every adverse-event figure of one sentence.

    A sentence is read when it speaks of adverse events or grades, when `safety_context` says
    its paragraph already does, or for figures whose term `is_event` knows. A bare "events" is
    returned as the term "events", for the caller to resolve to the total its paragraph names."""
    is_event = is_event or lexicon_event_checker()
    figures = find_figures(text)
    # read only for a figure's sake: about half of the sentences have none
    among = AMONG_RE.search(text) if figures else None
    cue = bool(figures) and speaks_of_safety(text)
    graded = bool(figures) and bool(GRADE_RE.search(text))
    found: list[ProseAE] = []
    kinds: list[str] = []
    previous: list[str] = []
    order = 0
    boundary = 0
    listed: dict[int, tuple[list[str], list[str]]] = {}  # figure start -> events, grades "respectively" spreads
    previous_end = 0
    header_size = None
    live_paren_end = 0  # the end of the last parenthesis whose first figure was read
    for fig in figures:
        if fig.n is None and CHANGE_BY_RE.search(text, max(0, fig.start - 8), fig.start) \
                and not OF_AFTER_RE.match(text, fig.end):
            boundary = max(boundary, fig.end)
            continue  # "a decrease in tumour volume by 30%": a change measured, no event's incidence
        if _is_group_size(text, fig):
            header_size = fig.n  # the figures after it are of this group
            boundary = max(boundary, paren_end(text, enclosing_paren(text, fig.start) or fig.start))
            continue
        head = text[boundary: fig.start]
        between, previous_end = text[previous_end: fig.start], fig.end
        slot = _slot(text, fig, boundary)
        if slot is None:
            boundary = max(boundary, fig.end)
            continue
        kind, term_text, slot_end = slot
        order = order + 1 if kind == "more" and not GRADE_RE.search(between) else 0  # a new grade: no new arm
        in_parens = kind in ("paren", "more") and enclosing_paren(text, fig.start) is not None
        if kind == "more" and in_parens and fig.start > live_paren_end:
            continue  # a further figure of a parenthesis whose first was read as none ("(1 hip, 4 wrist)")
        arm, arm_end = arm_after(text, fig.end if in_parens else max(fig.end, slot_end))
        arm = fig.arm or arm or arm_before(text, fig) or subject_arm(text, fig)
        boundary = max(boundary, slot_end if in_parens else max(slot_end, arm_end))
        if kind != "subject" and _consequence_in_clause(text, fig.start):
            previous = []
            continue
        if kind == "in" and term_text and (RESOLVED_RE.search(term_text) or USED_RE.search(term_text)
                                           or GIVEN_AS_RE.search(term_text)):
            continue  # recoveries, and a drug "used in 55%" (to manage an event), are no events
        open_at = enclosing_paren(text, fig.start)
        inside = text[open_at + 1: fig.start] if open_at is not None else ""
        # "rash and diarrhoea (each 10%)", "X and Y (10% each)", "(both 4%)"
        each = bool(re.search(r"\beach\b", text[fig.start: fig.end + 12]) or re.search(r"\b(?:each|both)\s*$", inside))
        inherited = term_text is None or is_filler(masked(term_text))
        if (kind == "paren" and fig.count_only and found and found[-1].n is not None and open_at is not None
                and (inherited or clean_terms(term_text or "") == previous)
                and not GRADE_RE.search(text[fig.start: paren_end(text, open_at)])):
            continue  # "in 4 patients (3 women/1 man)": a breakdown of the count before, no events of its own
        if inherited:
            terms = previous  # already read as an adverse event: no further gate
        else:
            terms = clean_terms(QUALIFIER_RE.sub("", term_text), subject=kind == "in", each=each)
            if kind in ("in", "paren"):  # a list "respectively" (or a plain list of as many figures) spreads
                listed[fig.start] = (clean_terms(QUALIFIER_RE.sub("", term_text), subject=True, each=True),
                                     _listed_grades(term_text))
        in_own_paren = open_at is not None and kind in ("paren", "more")
        named = _named_inside(text, fig, open_at, is_event) if in_own_paren else None
        if named:
            terms = [named]  # "cytopenias (70% anaemia, 40% neutropenia)": each figure names its own event
        fatal_event = bool(terms) and all(is_event(t) for t in terms) and not DIED_RE.search(term_text or "")
        if DEATH_RE.search(term_text or "") and kind not in ("paren", "death") and not fatal_event:
            if not re.search(r"related|toxic|adverse|reactions?\b", term_text or "", re.I):
                continue  # deaths from the disease are an outcome, not an adverse event
            terms = ["treatment-related deaths"]
        if kind == "counted" and not (terms and all(t in TOTALS or is_event(t) or CLASS_END_RE.search(t)
                                                    for t in terms)):
            continue  # a count right before a noun counts events only when the noun names them
        if kind == "death" and not (terms and (all(map(is_event, terms)) or caused_by_treatment(term_text or ""))):
            continue  # "died of X": an adverse event only when X is one, or the text says the treatment caused it
        if (previous and kind == "subject" and re.search(r"\b(?:with|of\s+whom|among\s+whom)\s*$", head, re.I)
                and CLASS_ONLY_RE.fullmatch(strip_grades(term_text or ""))):
            terms = previous  # "X in 28%, with 5% experiencing grade 3 events": grade 3 X
        if not terms:
            continue
        qualifier = QUALIFIER_RE.match(term_text or "") if kind == "subject" else None
        if qualifier:  # "experienced one or more TRAEs": the total, as printed
            terms = [f"{t} ({' '.join(qualifier.group(1).split())})" for t in terms]
        grade = _grade(text, fig, kind, term_text)
        if kind == "death":
            grade = "5"  # CTCAE: death related to an adverse event
        elif terms[0].endswith("deaths"):
            if not fig.percent:
                continue  # "two treatment-related deaths occurred": events counted, no rate
            grade = "5"
        known = all(t in TOTALS or is_event(t) or t.endswith("deaths") for t in terms)
        # a grade phrase is a safety cue only for an event ("grade 3 tumours (40%)" is none), or in a
        # paragraph already speaking of safety ("Grade 3 events comprised X (7 patients)"); outside
        # safety statements only an event the lexicon knows, with its verb
        verbless = kind in ("paren", "bare") and not (
            safety_context and span_index(LIST_LEAD_RE, text).found_within(0, fig.start))
        # no verb ties a verbless figure to an event, unless a list lead does in a safety paragraph
        # ("The commonest were X (38%)")
        if not (inherited or cue or kind == "death" or (graded and known)
                or (safety_context and (not verbless or known or graded))
                # a comparison ties a known event to its figures as a verb does: "a higher incidence of X (14% vs 5%)"
                or (known and (not verbless or COMPARATIVE_RE.search(head)))):
            continue
        for term in terms:
            size = fig.of or ((int(among.group(1)) if among else header_size) if not arm and not order else None)
            size = size if size and (fig.n or 0) <= size else None  # a count above it: no denominator
            # a rate of 0% counts no patient: n = 0, as a table cell printed "0" is
            n = 0 if fig.n is None and re.fullmatch(r"0+(?:\.0+)?", fig.percent) else fig.n
            found.append(ProseAE(term, grade, n, fig.percent, fig.start, fig.end, arm, order, size))
            kinds.append(kind)
        # the parenthesis the figure stands in, else the one it opens ("in 14 patients (26%; ...")
        last_paren = enclosing_paren(text, fig.start)
        last_paren = enclosing_paren(text, fig.end - 1) if last_paren is None else last_paren
        if last_paren is not None:
            live_paren_end = max(live_paren_end, paren_end(text, last_paren))
        previous = terms
    zero = NO_DEATHS_RE.search(text)
    if zero and not any(ae.term.endswith("deaths") for ae in found):
        found.append(ProseAE("treatment-related deaths", "5", 0, "", zero.start(), zero.end()))
        kinds.append("none")
    return _distinct(declared_arms(text, back_referred(respectively(text, list_arms(found, kinds), listed))))



def _named_inside(text: str, fig: Figure, open_at: int, is_event: Callable[[str], bool]) -> str | None:
    """The event a figure inside a parenthesis names for itself, right after it ("(62% anaemia,
    40% neutropenia)") or right before it ("(anaemia 62%, neutropenia 40%)"), when the lexicon
    knows it as an event: it, not the class before the parenthesis, is what the figure counts."""
    after = re.split(r"[,;)(\[]", text[fig.end: paren_end(text, open_at)])[0]
    before = re.split(r"[,;(\]]", text[open_at: fig.start])[-1]
    for piece in (after, before):
        if not piece.strip() or re.search(r"\d|%|\b(?:vs|versus)\b", piece, re.I) or re.match(
                r"\s*(?:with|in|of|at|for|from|due|after|requiring|among|on|to|by|without)\b", piece, re.I):
            continue  # "(20%; 3 with fever)": a feature of the event before, not an event of its own
        terms = clean_terms(piece)
        if len(terms) == 1 and len(terms[0].split()) <= 4 and is_event(terms[0]):
            return terms[0]
    return None


def _is_group_size(text: str, fig: Figure) -> bool:
    """"(n = 58)" after a group ("the safety population (n = 58)") or heading a list ("Adverse
    events (n = 58): ..."): the size of the group, not a count of events."""
    open_at = enclosing_paren(text, fig.start)
    if open_at is None or fig.percent:
        return False
    paren = GROUP_SIZE_PAREN_RE.match(text, open_at)
    if paren is None:
        return False
    return bool(COLON_NEXT_RE.match(text, paren.end())
                or GROUP_NOUN_END_RE.search(text, max(0, open_at - NEAR), open_at))  # a group noun ends before it


def _listed_grades(text: str) -> list[str]:
    """The grades a "respectively" may spread: "any-grade and grade ≥3 X" gives two, and so does
    "grade 3 and 4 X" (otherwise the range 3-4)."""
    grades = []
    for m in GRADE_RE.finditer(text):
        if m.group("lo") and re.search(r"\band\b", m.group(0), re.I):
            grades.extend(grade_of_match(m).split("-"))
        else:
            grades.append(grade_of_match(m))
    return grades


def _consequence_in_clause(text: str, start: int) -> bool:
    """`CONSEQUENCE_RE` from the last clause break (";") before `start` to `start`, from the text's index."""
    cut = max(char_index(text, ";").last_before(start), 0)
    return span_index(CONSEQUENCE_RE, text).found_within(cut, start)


def _slot(text: str, fig: Figure, boundary: int) -> tuple[str, str | None, int] | None:
    """(kind, raw term text, end of slot) for a figure, or None when it stands in no AE slot."""
    open_at = enclosing_paren(text, fig.start)
    if open_at is not None and open_at >= boundary:
        inside_before = text[open_at + 1: fig.start]
        opens_it = re.fullmatch(r"\s*\$?\s*", inside_before) or UNITS_BEFORE_RE.fullmatch(inside_before)
        if fig.count_only and not opens_it:
            return None
        return "paren", text[boundary:open_at], paren_end(text, open_at)
    if open_at is not None:
        return "more", None, paren_end(text, open_at)  # a further figure in the same parenthesis
    head = text[boundary: fig.start]
    if STATISTIC_OF_RE.search(head):
        return None  # "a minimum of 2 and a maximum of 30 cycles", "a median of 4": no count of patients
    if IN_SLOT_RE.search(head) or (RATE_SLOT_RE.search(head) and not fig.count_only):
        # "in 14 of 40 patients": the count of a group printed without its percentage
        ends = GROUP_COUNT_END_RE.match(text, fig.end)
        # "in one patient receiving X", "in 2 patients who ...": the patients described, still the count
        described = PEOPLE_COUNT_RE.search(text[fig.start: fig.end]) and PATIENTS_DESCRIBED_RE.match(text, fig.end)
        if fig.count_only and not (ends or described):
            return None
        group = OF_GROUP_RE.match(text, fig.end) if fig.count_only else None
        return "in", RATE_SLOT_RE.sub("", IN_SLOT_RE.sub("", head)), group.end() if group else fig.end
    cause = death_cause(text, fig.end) if fig.start >= boundary and (fig.count_only or SUBJECT_HEAD_RE.search(head)) \
        else None
    if cause:  # "n patients died of X", "n fatal events due to X": grade 5 X
        return "death", cause.group("cause"), cause.end()
    counted = counted_events(text, fig.start, fig.end) if fig.count_only and fig.start >= boundary else None
    if counted:
        if counted.re is COUNTED_OF_RE:
            return "subject", counted.group("obj"), counted.end()
        return "counted", text[fig.end: counted.end()], counted.end()  # "two serious adverse events"
    if SUBJECT_HEAD_RE.search(head):
        if DIED_AFTER_RE.match(text, fig.end):
            return None  # "and one (2.5%) died of sepsis": a death, not a further case of the event before
        m = EXPERIENCE_RE.match(text, fig.end)
        if m and not CONSEQUENCE_RE.search(m.group(0)):
            return "subject", m.group("obj"), m.end()
        gapped = GAPPED_RE.match(text, fig.end)
        if gapped and span_index(EXPERIENCE_VERB_RE, text).found_within(0, fig.start):
            # "12 (20%) had grade 3 X and 3 (5%) grade 4 Y": the verb of the clause before, left out
            return "subject", gapped.group("obj"), gapped.end()
    if MORE_RE.fullmatch(head) and not fig.count_only:
        return "more", None, fig.end  # "41.7% vs 37.5%": a further arm of the figure before
    comma = COMMA_TERM_RE.search(head)
    if comma and not fig.count_only and CLOSED_AFTER_RE.match(text, fig.end):
        return "bare", comma.group("term"), fig.end  # "were neutropenia, 40%; anaemia, 20%"
    bare = BARE_RE.search(head) and not VERB_RE.search(head)
    listed_after_colon = char_index(text, ":").any_before(fig.start) and LISTED_AFTER_RE.match(text, fig.end)
    if bare and not fig.count_only and (COMPARED_NEXT_RE.match(text, fig.end) or listed_after_colon):
        return "bare", head, fig.end  # "grade ≥3 neutropenia 41% vs 12%": the term right before the pair
    return None


def _grade(text: str, fig: Figure, kind: str, term_text: str | None) -> str:
    """The figure's own grade phrase, else the last one before it in the sentence, else "any".
    A clause with a subject and verb of its own ("; rhabdomyolysis occurred in one") is not
    governed by an earlier clause's grade; an elliptical one ("and febrile neutropenia in 4") is."""
    own = last_grade(NEGATED_GRADE_RE.sub(blank, ASIDE_GRADE_RE.sub(blank, term_text))) if term_text else None
    if own:
        return own
    after = re.match(r"\s*(?:(?:patients?|cases?|events?)\s+)?(?:with\s+|at\s+|of\s+)?", text[fig.end:])
    right_after = GRADE_RE.match(text, fig.end + (after.end() if after else 0))
    if right_after:  # "thrombocytopenia (5 grade 3, 1 grade 4)"
        return grade_of_match(right_after)
    if kind == "in" and term_text and VERB_RE.search(term_text) and clean_terms(term_text, subject=True):
        return "any"
    return (grades_before(text).last(fig.start) or
            (closing_grade(text, fig.end) if kind in ("paren", "more") else None) or "any")


def _distinct(found: list[ProseAE]) -> list[ProseAE]:
    seen, out = set(), []
    for ae in found:
        key = (ae.term.lower(), ae.grade, ae.n, ae.percent, ae.start)
        if key not in seen:
            seen.add(key)
            out.append(ae)
    return out
