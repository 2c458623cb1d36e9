"""The event term of the stretch of prose before an adverse-event figure ("grade 3 hypertension
occurred in", "the incidence of X was", "X, Y and Z (5% each)"), and whether a stretch names no event
at all. Used by `extractors.ae_prose`, whose docstring gives the slots a figure's term sits in."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from extractors.ae_grades import strip_grades, total_term
from extractors.ae_wording import EXISTENTIAL_RE, without_comparative, without_comparison, without_organ_class
from extractors.scan_regex import scan_compile
from ontology.lexicon import Lexicon, fold, load_lexicon

VERB_RE = re.compile(
    r"\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been|occurred|occurring|reported|observed|documented|"
    r"recorded|noted|seen|developed|found|appeared|emerged|rising|rose|increasing|increased\s+to|reached|reaching)\b",
    re.I,
)
PREDICATE_RE = re.compile(
    r"^\s*(?:(?:also|quite|very|relatively|fairly)\s+)*(?:the\s+)?(?:most|main|more|less|predominant|leading|commonest|common|frequent|rare|uncommon|only|"
    r"similar|comparable|higher|lower|greater|balanced|alike)\b", re.I
)
LEAD_RE = re.compile(
    r"^.*\b(?:were|was|are|is|included|including|includes|comprised|comprising|such\s+as|namely|notably|mainly|"
    r"mostly|chiefly|primarily|predominantly|particularly|especially|largely|most\s+(?:commonly|often|frequently)|"
    r"(?:most\s+(?:common|frequent)\w*|commonest)(?:\s+(?:ones?|events?|AEs?))?\s+being|"
    r"followed\s+by|as\s+well\s+as|with|as|of\s+which|consisting\s+of|e\.g\.|whereas|while|but|although|"
    r"experienced|developed|had|reported|showed|remains?|remained)\s+",
    re.I,
)
CLASS_END_RE = re.compile(r"(?:adverse\s+\w+|events?|toxicit(?:y|ies)|T?R?AEs?|side[-\s]effects?)\s*$", re.I)
ASIDE_RE = re.compile(r"^(?:and\s+)?(?:\w+ly\s+)?(?:attributable|related|due|secondary|associated|linked|owing|"
                      r"mostly|mainly|all|both|none|each)\b", re.I)
PARTICIPLE = r"(?:reported|seen|observed|noted|documented|recorded|occurring|developing|affecting|found)"
NOT_A_TERM_RE = re.compile(
    r"(?<![A-Z])\d|%|\b(?:patients?|pts|participants?|people|persons?|individuals?|adults?|children|cohorts?|study|trial|groups?|arms?|months?|weeks?|median|plus|those|"
    r"response|responses|responders?|survival|progression|disease|control|benefit|rate|ratio|hazard|dose|doses|"
    r"incidences?|frequency|frequencies|proportions?|occurrences?|"
    r"cycles?|treatment|therapy|regimen|combination|monotherapy|placebo|alone|each|both|overall|total|all|"
    r"baseline|age|years?|none|no|primar(?:y|ies)|tumou?rs?|lesions?|sites?|metastas[ie]s|histotypes?|"
    r"subtypes?|heterogeneity|moderate|mild|severe|received|prior|previous|radiotherapy|surgery|resection|lines?|"
    r"inhibitors?|agents?|minimum|maximum|given|administered|sample|accrual|enrol\w*|power|"
    r"assigned|randomi[sz]ed|allocated|design|relief|"  # "patients assigned to X (62%)", a heading, a benefit
    r"mOS|mPFS|ORR|DCR|CBR|PFS|OS|CRs?|PRs?|SD|PDs?|HR|CI|I2|I²)\b|sarcomas?\b",  # a tumour, not an event
    re.I,
)
RATE_NOUN_END_RE = re.compile(r"\s+(?:rates?|incidences?|frequenc(?:y|ies)|proportions?)$", re.I)
BETWEEN_RE = re.compile(r"\s+between\s+[^,;:()]*$", re.I)
RELATIVE_RE = scan_compile(r"(?:and\s+)?(?:which|that|who)\s+(?:\w+\s+){0,2}?" + VERB_RE.pattern[2:-2] + r"\b.*", re.I)
"""'X, which occurred in 75%': a relative clause after the event, its verb the figure's."""
RELATED_PREFIX_RE = re.compile(r"^(?:[a-z0-9]+)[-\s](?:related|induced|associated|mediated)\s+(?=\S)", re.I)


def clean_terms(raw: str, *, subject: bool = False, each: bool = False) -> list[str]:
    """The event noun(s) of the stretch of text before a figure; [] when it holds none.

    `subject`: the text is the subject of "... occurred/was reported in" ("X was the most common
    AE, seen in" -> X). `each`: "X and Y (3.4% each)" names two events."""
    text = strip_grades(" ".join(raw.replace("\u2010", "-").split()))
    text = re.sub(r"\s*\(\s*\)", "", text).strip(" ,;:")  # "Neutropenia (any grade)" -> "Neutropenia"
    text = BETWEEN_RE.sub("", text)  # "X between children and adults (31% vs 35%)": the groups compared, no events
    pieces = re.split(r"([,;:])", text)
    segments, separators = [s.strip() for s in pieces[0::2]], pieces[1::2]
    while len(segments) > 1 and (ASIDE_RE.match(segments[-1]) or RELATIVE_RE.fullmatch(segments[-1]) or re.fullmatch(
            r"(?:and\s+)?(?:(?:was|were)\s+)?(?:\w+ly\s+)?" + PARTICIPLE + r"?\s*", segments[-1], re.I)):
        segments.pop()  # "X was the most common AE, reported" / "X, largely due to Y, were" / "X, which occurred": X
        separators.pop()
    text = without_comparison(segments[-1])  # "X was more frequent with A than with B": the arms are no event
    verb = VERB_RE.search(text)
    named = text[verb.end():].strip() if verb else ""
    if verb and EXISTENTIAL_RE.match(text[: verb.start()]):
        text = text[verb.end():]  # "there were more X", "there were adverse effects in": X
    elif (verb and subject and CLASS_END_RE.search(text[: verb.start()]) and not re.match(r"\w+(?:ed|en)\b", named)
            and _noun(named, lead=False)):
        text = text[verb.end():]  # "frequent adverse events were X in 20%": X, the events' name
    elif verb and (subject or PREDICATE_RE.match(text[verb.end():]) or re.fullmatch(PARTICIPLE, named, re.I)):
        text = text[: verb.start()]  # "X was the most frequent event (...)", "X occurred in ..."
    if each:
        parts = [p for p in re.split(r"\s*,\s*|\s+and\s+", text) if p]
        # "X, Y, and Z (5% each)": earlier list items, back to the first that is no short noun phrase
        for segment, separator in zip(reversed(segments[:-1]), reversed(separators), strict=True):
            if separator != ",":
                break  # a list does not reach back over ";" or ":"
            item = re.sub(r"^(?:and|or)\s+", "", segment, flags=re.I)
            verb = VERB_RE.search(item)
            if verb:  # "events were X, Y and Z (5% each)": the list starts after the verb
                item = item[verb.end():].strip()
            if not item:
                break
            if len(item.split()) > 3 or _noun(item, lead=False) is None:
                # the list's first item after its lead: "The incidence of X, Y and Z", "Although X, Y and Z"
                lead_free = _noun(item)
                if lead_free and lead_free != item and len(lead_free.split()) <= 3:
                    parts.insert(0, lead_free)
                break
            parts.insert(0, item)
            if verb:
                break
        if len(parts) > 1:
            return [t for t in (_noun(p, lead=i == 0) for i, p in enumerate(parts)) if t]
    term = _noun(text)
    return [term] if term else []


MAX_JOINED_DEPTH = 8
"""How many "and"/"or" joins `_noun` looks back through: no term has more parts, and a text of
thousands of joins (hostile or broken) would otherwise exhaust the recursion limit."""


def _noun(text: str, lead: bool = True, depth: int = 0) -> str | None:
    if lead:
        text = LEAD_RE.sub("", text)
    text = re.sub(r"^(?:(?:and|or|then)(?:\s+|$))+", "", text.strip(" ,;:"), flags=re.I)
    if depth > MAX_JOINED_DEPTH:
        return None
    joined = re.search(r"^(?P<a>.+)\s(?:and|or)\s(?P<b>.+)$", text)
    if joined and _noun(joined.group("a"), lead=False, depth=depth + 1) is None:
        text = joined.group("b")  # "of patients and febrile neutropenia": the event after "and"
    text = re.sub(r"\b(?:of|in|with|at|for)\s*$", "", text).strip(" ,;:-")
    text = re.sub(r"^(?:the|a|an|any|all|severe)\s+", "", text, flags=re.I).strip()
    # "the (pooled) incidences of X", "a higher frequency of X", "more X": X; the rate and its comparison name no event
    text = without_comparative(without_organ_class(text))
    text = re.sub(r"^(?:some|any|a)\s+(?:degree|form|kind|type|level)\s+of\s+", "", text, flags=re.I)  # "some X"
    text = re.sub(r"^(?:no\s+)?(?:significant\s+)?differences?\s+in\s+", "", text, flags=re.I)  # "no difference in X"
    # "grade 2 events of rash" -> rash; "(5 patients had) 7 episodes of rash": the patients are the count
    text = re.sub(r"^(?:\d+\s+)?(?:events?|cases?|episodes?)\s+of\s+", "", text, flags=re.I)
    text = re.sub(r"\s*\((?:T?R?AEs?|TEAEs?|irAEs?|SAEs?)\)$", "", text)
    text = re.sub(r"\s*\([A-Za-z]{1,6}\)$", "", text)  # "cytokine release syndrome (CRS)": the abbreviation
    text = re.sub(r"^clinically\s+(?:significant|relevant|meaningful)\s+", "", text, flags=re.I)
    if not text:
        return None
    rated = RATE_NOUN_END_RE.sub("", text)
    if rated != text and (total_term(rated) or lexicon_event_checker()(rated)):
        text = rated  # "the febrile neutropenia rate", "X rates": the event whose rate it is
    total = total_term(text)
    if total:
        return total
    if re.fullmatch(r"(?:radiation|irradiation|chemotherapy|immunotherapy|amputation)", text, re.I):
        return None  # "an amputation in 3 and radiation in 5": treatments counted, no events
    text = RELATED_PREFIX_RE.sub("", text)
    if (len(text.split()) > 6 or NOT_A_TERM_RE.search(text) or not re.search(r"[a-z]{3}", text, re.I)
            or re.match(r"(?:for|in|at|on|to|by|from|after|than)\b", text, re.I)):
        return None
    return text


def is_filler(raw: str) -> bool:
    """Nothing but connectives, verbs and grade phrases: the figure continues the term before it
    ("and 17 (27.0%) in the monotherapy group", "and was grade 3 in")."""
    rest = strip_grades(raw)
    rest = re.sub(r"\b(?:and|or|but|in|of|by|to|among|the|a|patients?|pts|those|with|was|were|is|are|had|rising|"
                  r"increasing|respectively|vs\.?|versus|compared|pooled|only|overall|each|also|then|"
                  # a pronoun and its verb: "X in 40 of the 500 courses; these were seen in 11 patients"
                  r"these|they|it|this|which|occurred|occurring|seen|observed|reported|noted)\b", " ", rest,
                  flags=re.I)
    return not re.search(r"[a-z]{2}", re.sub(r"[^A-Za-z\s]", " ", rest), re.I)


@lru_cache(maxsize=4)
def lexicon_event_checker(lexicon: Lexicon | None = None) -> Callable[[str], bool]:
    """term -> True when the lexicon (default: the project's) knows it, or a word run in it, as an AE."""
    forms = set((lexicon or load_lexicon()).forms("adverse_event"))

    def is_event(term: str) -> bool:
        words = fold(term).split()
        return any(" ".join(words[i:j]) in forms for i in range(len(words)) for j in range(i + 1, len(words) + 1))

    return is_event
