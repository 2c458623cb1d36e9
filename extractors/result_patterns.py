"""Result statement shapes as spaCy token patterns, in one place.

Each `Shape` is a named `Matcher` pattern with a one-line description and an example sentence;
every token of a pattern may carry a slot name ("x" the count, "n" the group size, "p" the
percent, ...). `statement_matches` runs all shapes over one sentence (a `Span` of the pipeline's
Doc, or its text, which is then tokenized by the pipeline's tokenizer) and hands back typed
matches with character offsets relative to the sentence, so regex-era consumers keep working.

The Matchers are built once per process. Leaf recognisers (a number with a dot or middle-dot
decimal, a count in digits or words, "19/52" printed as one token) are token-level REGEX
attributes; everything above one token is a pattern.

Shapes, in the order they claim text (an earlier shape's match wins an overlap):
responders "X of N ... (P%)", "(X of N, P%)", "X (P%) of N", "P% (X/N)", "X responded (P%)",
"X (P%) responded"; counts in parentheses "(X of N)"; zero responders "none of the N", "no responses
among the N"; response category lists "one complete and seven partial responses"; compact counts
"2 PR/10", "0/10 in LMS". On demand (read
from a lexicon mention's end): the count after a response category "PR in 12 patients". Fixed cue
phrases (design sentences) are phrase patterns over the same tokens, in `extractors.result_cues`.

Cost: the patterns read the pipeline's own tokens. The outcome reader hands each sentence's span of
the paragraph's Doc over (`hand_over`) before reading it, and the grammar finds those tokens by the
sentence text; only a text it was not given (a sentence joined across a page break, a test) is
tokenized, with the pipeline's tokenizer. Sentences without a cue of any shape (`CUES_RE`) are not
matched at all.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache, lru_cache

from spacy.tokens import Doc, Span

from extractors.gated_matcher import GatedMatcher
from extractors.pattern_tokens import SentenceTokens, pipeline_tokenizer, sentence_tokens
from extractors.quantity_words import NUMBER_WORD_RE, NUMBER_WORDS
from extractors.scan_regex import scan_compile

Token = dict
Slotted = tuple[str, Token]
"""A pattern token with its slot name ("" for a token no consumer reads)."""

_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_DIGIT_WORDS = [w for w, v in NUMBER_WORDS.items() if 1 <= v <= 9]
HUNDREDS_BEFORE_RE = re.compile(r"\b(?:" + "|".join(w for w, v in NUMBER_WORDS.items() if 1 <= v < 20)
                                + r")\s+hundred(?:\s+and)?\s+$", re.I)
UNIT_AFTER_TENS_RE = re.compile(r"-(?:" + "|".join(_DIGIT_WORDS) + r")\b", re.I)
COUNT_TEXT_RE = re.compile(r"\d+|" + NUMBER_WORD_RE, re.I)
NUMBER = {"TEXT": {"REGEX": r"^\d+(?:[.·]\d+)?$"}}
"""A number as printed, dot or Lancet middle-dot decimal ("29.0", "4·6")."""
WHOLE = {"TEXT": {"REGEX": r"^\d+$"}}
FRACTION = {"TEXT": {"REGEX": r"^\d+/\d+$"}}
"""A fraction the tokenizer leaves whole: "19/52" (of "n=19/52", "n" and "=" are tokens of their own)."""


def count(slot: str) -> list[Slotted]:
    """A count in digits or words; "Twenty-one" is three tokens, read together. "one hundred and"
    before it is taken in by `_typed` (a leading optional token would start a state at every token)."""
    return [
        (slot, {"LOWER": {"REGEX": r"^(?:\d+|" + _WORDS + r")$"}}),
        (slot, {"ORTH": "-", "OP": "?"}),
        (slot, {"LOWER": {"IN": _DIGIT_WORDS}, "OP": "?"}),
    ]


def percent(slot: str = "p") -> list[Slotted]:
    return [(slot, NUMBER), ("", {"ORTH": "%"})]


def word(*lower: str, op: str = "") -> Slotted:
    """A token that is one of `lower` (lowercased); one word is a plain attribute test, cheaper
    than a set predicate."""
    spec: Token = {"LOWER": lower[0]} if len(lower) == 1 else {"LOWER": {"IN": list(lower)}}
    if op:
        spec["OP"] = op
    return ("", spec)


OF = [word("out", op="?"), word("of")]
""""of" / "out of"."""
OPEN, CLOSE = ("", {"ORTH": "("}), ("", {"ORTH": ")"})
FILLER = ("", {"TEXT": {"REGEX": r"^(?:[A-Za-z][\w]*|-)$"}, "LOWER": {"NOT_IN": ["of", "and", "or"]}, "OP": "{0,8}"})
"""A few words between a count and its percent ("3 of 8 patients with UPS (37.5%)")."""
RESPONSE_NOUN = [
    ("", {"LOWER": {"IN": ["a", "an"]}, "OP": "?"}),
    ("", {"IS_ALPHA": True, "OP": "{0,2}"}),
    word("response", "responses"),
]
""""a partial response", "objective responses"."""


IN_COUNT: tuple[Slotted, ...] = (
    word("was", "were", "is", "are", op="?"), ("", {"IS_ALPHA": True, "OP": "{0,4}"}), word("in"),
    word("the", "a", "an", op="?"), word("additional", "further", "another", op="?"), *count("x"),
)
PARENTHETICAL: tuple[Slotted, ...] = (OPEN, ("", {"ORTH": {"NOT_IN": ["(", ")"]}, "OP": "*"}), CLOSE)
SHARE_OPEN: tuple[Slotted, ...] = (
    word("was", "were", op="?"), word("seen", "observed", "achieved", op="?"), word("in"), *percent(), OPEN,
    word("n", op="?"), ("", {"ORTH": "=", "OP": "?"}),
)
LIST_JOIN: tuple[Slotted, ...] = (
    word(",", "or", "and", "nor"), word("in", "among", op="?"), word("the", op="?"),
)
LIST_JOIN_OPTIONAL: tuple[Slotted, ...] = tuple((slot, {**spec, "OP": "?"}) if i == 0 else (slot, spec)
                                               for i, (slot, spec) in enumerate(LIST_JOIN))
""""..., or in the 6 with LPS": what joins one group of a list to the next."""
ZERO_FRACTION: tuple[Slotted, ...] = (("fraction", {"TEXT": {"REGEX": r"^0/\d+$"}}),)
ZERO_SPACED: tuple[Slotted, ...] = (("x", {"ORTH": "0"}), ("", {"ORTH": "/"}), ("n", WHOLE))
FOLLOW_IN: tuple[Slotted, ...] = (word("were", op="?"), word("seen", op="?"), ("", {"ORTH": "in"}))
FOLLOW_GROUP: tuple[Slotted, ...] = (("", {"TEXT": {"REGEX": r"^[A-Z]{2,}(?![A-Za-z0-9_])"}}),)
""""0/10 in LMS", "0/10 LMS": the group follows the fraction."""
NOT_A_COUNT_AFTER = r"\s*(?:%|[.·]\d|of\b|years?|months?|weeks?)"


@dataclass(frozen=True)
class Shape:
    name: str
    """The statement kind consumers ask for ("responders", "category_list")."""
    description: str
    example: str
    pattern: tuple[Slotted, ...]
    shortest: bool = False
    """Of the matches starting at one token, keep the shortest (a lazy reading); else the longest."""
    on_demand: bool = False
    """Read only when a consumer asks for it by name (after a lexicon mention, for a cue), every
    match kept: no overlap rule and no cue filter."""
    not_followed_by: str = ""
    """A regex that must not match right after the match ("in 12 months" counts no patients)."""


@dataclass(frozen=True)
class PatternMatch:
    """One shape found in a sentence; offsets are relative to the sentence text."""

    shape: str
    variant: int
    """Index of the shape in `SHAPES`: earlier shapes win overlaps."""
    start: int
    end: int
    slots: dict[str, tuple[int, int]] = field(default_factory=dict, hash=False, compare=False)

    def has(self, slot: str) -> bool:
        return slot in self.slots

    def slot_start(self, slot: str) -> int:
        return self.slots[slot][0]

    def slot_end(self, slot: str) -> int:
        return self.slots[slot][1]


SHAPES: tuple[Shape, ...] = (
    Shape("responders", "X of N [a few words] (P%: the percent is the rate, N the group size",
          "Seven of 20 patients with angiosarcoma (35%) responded.",
          (*count("x"), *OF, word("the", "all", op="?"), *count("n"), FILLER, OPEN, *percent())),
    Shape("responders", "(X of N, P%): count, group size and rate inside one parenthesis",
          "Responses were seen in leiomyosarcoma (3 of 12, 25%).",
          (OPEN, *count("x"), *OF, word("the", op="?"), *count("n"), ("", {"IS_ALPHA": True, "OP": "?"}),
           ("", {"ORTH": {"IN": [",", ";"]}}), *percent())),
    Shape("responders", "(X/N, P%): a fraction and its rate inside one parenthesis",
          "Responses were seen in leiomyosarcoma (3/12, 25%).",
          (OPEN, ("fraction", FRACTION), ("", {"ORTH": {"IN": [",", ";"]}}), *percent())),
    Shape("responders", "X (P%) of N: the percent printed between the count and the group size",
          "Five (25%) of 20 evaluable patients had a partial response.",
          (*count("x"), OPEN, *percent(), CLOSE, *OF, word("the", op="?"), *count("n"))),
    Shape("responders", "X (P%, its interval) of N: the percent and its CI between the count and the group size",
          "Five (25%, 95% CI 9%-49%) of 20 evaluable patients had a partial response.",
          (*count("x"), OPEN, *percent(), ("", {"ORTH": {"IN": [",", ";"]}}),
           ("", {"ORTH": {"NOT_IN": [")", "("]}, "OP": "{1,12}"}), CLOSE, *OF, word("the", op="?"), *count("n"))),
    Shape("responders", "P% (X/N): the rate first, its fraction in parentheses",
          "The response rate was 15% (3/20).",
          (*percent(), OPEN, word("n", op="?"), ("", {"ORTH": "=", "OP": "?"}), ("fraction", FRACTION))),
    Shape("responders", "P% (X / N) or P% (X of N), the fraction printed as separate tokens",
          "The response rate was 15% (3 of 20).",
          (*percent(), OPEN, word("n", op="?"), ("", {"ORTH": "=", "OP": "?"}), ("x", WHOLE),
           ("", {"LOWER": {"IN": ["/", "of", "out"]}}), word("of", op="?"), ("n", WHOLE))),
    Shape("responders", "X responded (P%): a count of responders with its rate, no group size",
          "Four patients responded (20%).",
          (*count("x"), word("patients", op="?"), word("responded"), OPEN, *percent())),
    Shape("responders", "X had a ... response (P%): responders named by their response",
          "Four patients achieved a partial response (20%).",
          (*count("x"), word("patients", op="?"), word("had", "achieved"), *RESPONSE_NOUN, OPEN, *percent())),
    Shape("responders", "X (P%) responded: the rate right after the count",
          "Four (20%) patients responded.",
          (*count("x"), OPEN, *percent(), CLOSE, word("patients", op="?"), word("responded"))),
    Shape("responders", "X (P%) had a ... response: the rate right after the count",
          "Four (20%) patients had an objective response.",
          (*count("x"), OPEN, *percent(), CLOSE, word("patients", op="?"),
           word("had", "achieved", "showed", "experienced"), *RESPONSE_NOUN)),
    Shape("responders", "all X [a few words] (100%): every patient of a group of X, an item of a responder list",
          "Ten patients responded (50%): two of 12 with A (17%) and all eight with B (100%).",
          (word("all"), *count("x"), FILLER, OPEN, ("p", {"ORTH": {"IN": ["100", "100.0"]}}), ("", {"ORTH": "%"}))),
    Shape("responders", "X/N [a few words] (P%: a fraction, the group it counts, then the rate",
          "Responses occurred in 7/20 patients with angiosarcoma (35%).",
          (("fraction", FRACTION), FILLER, OPEN, *percent())),
    Shape("zero", "none of the N: no responder in a group of N (the group phrase follows)",
          "Among the others, none of the 6 patients with chondrosarcoma responded.",
          (word("none"), word("of"), word("the", op="?"), *count("n"))),
    Shape("zero", "no responses ... among N: no responder in the group(s) listed after it",
          "No objective responses were seen among the 9 patients with chordoma.",
          (word("no"), word("objective", "confirmed", op="?"), word("response", "responses", "responder", "responders"),
           ("", {"TEXT": {"REGEX": r"^\w+$"}, "OP": "{0,3}"}), word("among", "in"), word("the", "all", op="?"),
           *count("n")),
          shortest=True),
    Shape("zero_group", "no responses in the X arm: no responder in the arm, group or cohort named",
          "No objective responses were observed in the placebo arm.",
          (word("no"), word("objective", "confirmed", op="?"), word("response", "responses", "responder", "responders"),
           word("were", "was", op="?"), ("", {"TEXT": {"REGEX": r"^\w+$"}, "OP": "?"}), word("among", "in"),
           ("group", {"LOWER": "the", "OP": "?"}), ("group", {"TEXT": {"REGEX": r"^[\w+-]+$"}, "OP": "{1,5}"}),
           ("group", {"LOWER": {"REGEX": r"^(?:arm|group|cohort)s?$"}})),
          shortest=True),
    Shape("paren_count", "(X of N): a count and its group size in parentheses after the group it counts",
          "Partial responses were seen in chordoma (2 of 7) and in chondrosarcoma (1 of 9 patients).",
          (OPEN, *count("x"), ("", {"LOWER": {"IN": ["of", "/", "out"]}}), word("of", op="?"), *count("n"),
           word("patients", "cases", op="?"), CLOSE)),
    Shape("category_list", "X complete and Y partial: counts of response categories listed together",
          "There were two complete and five partial responses.",
          (*count("x1"), ("c1", {"LOWER": {"IN": ["complete", "partial"]}}),
           word("response", "responses", "remission", "remissions", op="?"),
           ("", {"LOWER": {"IN": [",", "and", "or"]}}), *count("x2"),
           ("c2", {"LOWER": {"IN": ["complete", "partial", "stable"]}}))),
    Shape("compact_count", "X PR/N: a compact category count over a group size (meeting abstracts)",
          "Partial responses: 2 PR/11 in chordoma and 1PR out of 9 in chondrosarcoma.",
          (("x", WHOLE), ("category", {"TEXT": {"REGEX": r"^(?:CR|PR|SD)s?$"}}),
           ("", {"ORTH": {"IN": ["/", "of", "out"]}}), ("", {"ORTH": "of", "OP": "?"}), ("n", WHOLE))),
    *(Shape("compact_count", "0/N before a group: no responder among N (the group named after it)", example,
            (*zero, *follow))
      for example, zero, follow in (("No responses were seen: 0/11 in chordoma.", ZERO_FRACTION, FOLLOW_IN),
                                    ("No responses: 0/11 ES.", ZERO_FRACTION, FOLLOW_GROUP),
                                    ("No responses: 0 / 11 were seen in chordoma.", ZERO_SPACED, FOLLOW_IN),
                                    ("No responses: 0 / 11 ES.", ZERO_SPACED, FOLLOW_GROUP))),
    Shape("zero_item", "the N (patients) with G: one group of a zero-responder list, read where the list goes on",
          "No responses among the 9 patients with chordoma or the 4 with chondrosarcoma.",
          (*LIST_JOIN_OPTIONAL, *count("n"), word("patients", "cases", "subjects", op="?"),
           word("with", "in", "who", "having")), on_demand=True),
    Shape("zero_next", ", or the N: where the next group of a zero-responder list begins",
          "none of the 5 with chordoma, or the 4 with chondrosarcoma",
          (*LIST_JOIN, *count("n")), on_demand=True),
    *(Shape("all_category", "..., all partial: every responder of a count had the category named", example,
            (("", {"ORTH": ")", "OP": "?"}), word(","), word("with", op="?"), word("all"), *middle,
             ("c", {"LOWER": {"IN": ["complete", "partial"]}})), shortest=True, on_demand=True)
      for example, middle in (("Seven of 20 patients (35%), all partial, responded.", ()),
                              ("Seven of 20 responded (35%), all of them partial.", (word("of"), word("them"))),
                              ("Seven (35%), with all the responses being partial.",
                               (word("the", op="?"), word("responses", "responders"),
                                ("", {"TEXT": {"REGEX": r"^\w+$"}, "OP": "{0,2}"}))))),
    Shape("lead_total", "of the N patients: a group size printed before the count it is the total of",
          "Of the 30 evaluable patients, 16 (53%) responded.",
          (word("of", "among"), word("the", "all", op="?"), *count("n"),
           # a few words ("evaluable", "well-differentiated": three tokens) before the noun
           ("", {"TEXT": {"REGEX": r"^[A-Za-z-]+$"}, "OP": "{0,4}"}), word("patients", "cases", "subjects")),
          shortest=True, on_demand=True),
    Shape("after_category", "in N: the count of patients printed after a response category",
          "Stable disease was recorded in 9 patients.",
          IN_COUNT, shortest=True, on_demand=True, not_followed_by=NOT_A_COUNT_AFTER),
    Shape("after_category", "(...) in N: the same with the category's abbreviation or a note between",
          "Partial response (PR) was recorded in 4 patients.",
          (*PARENTHETICAL, *IN_COUNT), shortest=True, on_demand=True, not_followed_by=NOT_A_COUNT_AFTER),
    Shape("after_category", "N (P%): a count and its share right after the category, as responses are listed",
          "Responses were: partial response 11 (25.0%), stable disease (confirmed) 16 (36.4%).",
          (("x", WHOLE), OPEN, *percent(), CLOSE), on_demand=True),
    Shape("after_category", "(...) N (P%): the same with a note in parentheses between",
          "Stable disease (confirmed) 16 (36.4%) was the best response.",
          (*PARENTHETICAL, ("x", WHOLE), OPEN, *percent(), CLOSE), on_demand=True),
    Shape("after_category", "(n = N): the count of a response category in parentheses after it",
          "Stable disease (n = 11) was the best response in most patients.",
          (OPEN, word("n", "n="), ("", {"ORTH": "=", "OP": "?"}), ("x", WHOLE), CLOSE),
          on_demand=True),
    Shape("after_category", "in P% (X/N): a category's share followed by its count",
          "Complete response was seen in 5.0% (2/40) of patients.",
          (*SHARE_OPEN, ("fraction", FRACTION)), on_demand=True),
    Shape("after_category", "in P% (X / N), the fraction printed as separate tokens",
          "Complete response was seen in 5.0% (n = 2 / 40) of patients.",
          (*SHARE_OPEN, ("x", WHOLE), ("", {"ORTH": "/"})), on_demand=True),
)

UNITS_SHORT = ("month", "months", "week", "weeks", "year", "years", "mo", "mos", "wk", "wks", "yr", "yrs")
UNITS_LONG = ("month", "months", "week", "weeks", "year", "years")
UNITS_ABBREVIATED = (*UNITS_SHORT, "y")
"""Every unit a timepoint prints, "y" ("2-y OS") included: too short to read as a time by itself."""
TIME_UNIT: Slotted = ("unit", {"LOWER": {"IN": list(UNITS_ABBREVIATED)}})
GLUED_TIMEPOINT: Slotted = ("glued", {"LOWER": {"REGEX": r"^\d+(?:y|yrs?|years?|mos?|months?|wks?|weeks?)$"}})
"""A timepoint and its unit in one token ("2y", "24mo")."""
TIMED_NEXT: Slotted = ("", {"LOWER": {"REGEX": r"^(?:pfs|os|efs|dfs|progression|survival|rate)"}})
"""What a timepoint printed with a space before its unit must precede ("6 months PFS"); "overall" only
with its survival ("11 months overall and 14 months in X" is a median and no timepoint)."""
HYPHENS = ("-", "\u2010", "\u2011")
"""A hyphen as printed: ASCII, or the Unicode hyphen and non-breaking hyphen of typeset text ("4\u2010month")."""
HYPHEN: Slotted = ("", {"ORTH": {"IN": list(HYPHENS)}})
LIST_ITEMS = 8
"""At most this many timepoints in one list ("at 3, 6, 9, 12, 18 and 24 months")."""


def _timepoint_list(trigger: tuple[Slotted, ...], items: int) -> tuple[Slotted, ...]:
    """"at 3, 6 and 12 months", "at 3 months, 6 months, and 12 months": `items` numbers, each but
    the last with an optional unit of its own and "," / ", and" / "and" after it."""
    item = (("list", WHOLE), ("list", {"LOWER": {"IN": list(UNITS_SHORT)}, "OP": "?"}),
            ("list", {"LOWER": {"IN": [",", "and"]}, "OP": "{1,2}"}))
    return (*trigger, word("the", op="?"), *item * (items - 1), ("list", WHOLE),
            ("unit", {"LOWER": {"IN": list(UNITS_ABBREVIATED)}}))


def _hyphen_list(items: int) -> tuple[Slotted, ...]:
    """"12- and 24-month", "three- or five-year", "two and three-year", "1-, 3-, and 5-year" (a serial
    comma before the last): numbers (digits or words) left hanging, on a hyphen or not, then the last
    one's unit."""
    # "One-and two-year": a hyphen glued to the next word is a token of its own
    hanging = (("hlist", {"LOWER": {"REGEX": r"^(?:\d+|" + _WORDS + r")[-\u2010\u2011]?$"}}),
               ("hlist", {"ORTH": {"IN": list(HYPHENS)}, "OP": "?"}))
    serial_comma = ("hlist", {"ORTH": ",", "OP": "?"}) if items > 2 else None
    return (*hanging, *(("hlist", {"ORTH": ","}), *hanging) * (items - 2), *((serial_comma,) if serial_comma else ()),
            ("hlist", {"LOWER": {"IN": ["and", "or"]}}),
            ("hlist", {"LOWER": {"REGEX": r"^(?:\d+|" + _WORDS + r")$"}}), HYPHEN,
            ("unit", {"LOWER": {"IN": list(UNITS_LONG)}}))


def _listed(items: int, hanging: str = "") -> str:
    """An example list of `items` timepoints: "6", "6 and 12", "6, 12 and 18" ("6-, 12- and 18")."""
    numbers = [str(6 * (i + 1)) for i in range(items)]
    if items == 1:
        return numbers[0]
    return ", ".join(n + hanging for n in numbers[:-1]) + " and " + numbers[-1]


GLUED_NAMES = r"(?:pfr|pfs|os|orr|dcr)"
MONTHS_GLUED_RE = re.compile(r"(?:(?:pfs|pfr)-?(?:3|4|6|9)|os-?(?:6|12|18|24|36))", re.I)
"""A survival rate named with its months glued on and no unit ("PFS-6", "PFR3", "OS-12": the rate at 6, 3
and 12 months, as sarcoma trials print it). Not "PFS2" (the time to a second progression), nor "PFR12" or
"PFS12", which trials of 12-week assessments print for 12 weeks."""
"""Rates whose timepoint meeting abstracts glue to the name: "PFR12 weeks", "PFS12wks"."""
TIMEPOINT_SHAPES: tuple[Shape, ...] = (
    Shape("timepoint", "N-month: a timepoint before what it times", "The 6-month PFS rate was 40%.",
          (*count("n"), HYPHEN, TIME_UNIT), on_demand=True),
    Shape("timepoint", "N months PFS: the same with a space, right before an endpoint", "Six months PFS was 35%.",
          (*count("n"), TIME_UNIT, ("", {"ORTH": "-", "OP": "*"}), TIMED_NEXT), on_demand=True),
    Shape("timepoint", "N months overall survival: the same before overall survival", "Six months overall survival "
          "was 80%.", (*count("n"), TIME_UNIT, word("overall"), ("", {"LOWER": {"REGEX": r"^surv"}})), on_demand=True),
    *(Shape("timepoint", "at N (, M and K) months: timepoints after at, after, by, within, (for) up to",
            f"Rates {opening} {_listed(items)} months were 80% or more.", _timepoint_list(trigger, items),
            on_demand=True)
      for opening, trigger in (("at", (word("at", "after", "by", "within"),)),
                               ("for up to", (word("for", op="?"), word("up"), word("to"))),
                               # "disease control for more than 32 weeks", "for at least 6 months"
                               ("for more than", (word("for", "lasting"), word("more", "longer"), word("than"))),
                               ("for at least", (word("for", "lasting"), word("at"), word("least"))))
      for items in range(1, LIST_ITEMS + 1)),
    *(Shape("timepoint", "N- and M-month: hyphenated timepoints sharing one unit",
            f"The {_listed(items, '-')}-month OS rates were given.", _hyphen_list(items), on_demand=True)
      for items in range(2, LIST_ITEMS + 1)),
    Shape("timepoint", "2y OS: a timepoint glued to its unit, right before an endpoint", "The 2y OS was 60%.",
          (GLUED_TIMEPOINT, TIMED_NEXT), on_demand=True),
    Shape("timepoint", "at 2y: a glued timepoint after at, after, by, within", "Survival at 2y was 60%.",
          (word("at", "after", "by", "within"), GLUED_TIMEPOINT), on_demand=True),
    Shape("timepoint", "at one year: a timepoint in words after at, after, by", "Survival at one year was 80%.",
          (word("at", "after", "by"), ("n", {"LOWER": {"REGEX": r"^(?:" + _WORDS + r")$"}}), TIME_UNIT),
          on_demand=True),  # digits are the list shape's ("at 3 months, 6 months, and 12 months")
    Shape("timepoint", "two years after starting treatment: a span from the start, as a timepoint",
          "Two years after starting treatment, 61% were alive.",
          (*count("n"), TIME_UNIT, word("after"),
           word("starting", "start", "joining", "entering", "enrolment", "enrollment", "initiation", "treatment",
                "randomisation", "randomization", "diagnosis", "surgery", "the")), on_demand=True),
    Shape("timepoint", "at week N, at cycle N: the unit before the number", "Responses were assessed at week 12.",
          (word("at"), ("unit", {"LOWER": {"IN": ["week", "month", "cycle"]}}), ("n", WHOLE)), on_demand=True),
    Shape("timepoint", "PFR12 weeks: the timepoint glued to the rate's name", "The PFR12 weeks was 44%.",
          (("glued", {"LOWER": {"REGEX": GLUED_NAMES + r"\d+$"}}),
           ("unit", {"LOWER": {"IN": ["week", "weeks", "wk", "wks", "month", "months", "mo", "mos"]}})),
          on_demand=True),
    Shape("timepoint", "PFS12wks: name, timepoint and unit in one token", "The PFS12wks was 44%.",
          (("glued", {"LOWER": {"REGEX": GLUED_NAMES + r"\d+(?:weeks?|months?|wks?|mos?)$"}}),), on_demand=True),
    Shape("timepoint", "PFS-6: a survival rate's name and its months, no unit printed", "The PFS-6 was 44%.",
          (("glued", {"LOWER": {"REGEX": "^" + MONTHS_GLUED_RE.pattern + "$"}}),), on_demand=True),
)
"""Timepoints of rates ("6-month", "at 3, 6 and 12 months", "12- and 24-month", "at week 12",
"PFR12 weeks"); `measurements.scan_timepoints` reads them, the earliest first."""
TIMEPOINT_CUE_RE = scan_compile(r"(?<![a-z])(?:" + "|".join((*UNITS_ABBREVIATED, "cycle")) + r")(?![a-z])|\b"
                                + MONTHS_GLUED_RE.pattern + r"\b", re.I)
"""Every timepoint prints one of its unit words: a sentence without any is not matched."""
SHAPES = (*SHAPES, *TIMEPOINT_SHAPES)


ON_DEMAND = frozenset(s.name for s in SHAPES if s.on_demand)


@cache
def _matcher(on_demand: str) -> GatedMatcher:
    """The Matcher over the statement shapes (`on_demand` ""), or over the on-demand shape named
    `on_demand`, built once per process."""
    matcher = GatedMatcher(pipeline_tokenizer().vocab)
    for i, shape in enumerate(SHAPES):
        if (shape.name if shape.on_demand else "") == on_demand:
            matcher.add(str(i), [[dict(spec) for _, spec in shape.pattern]])
    return matcher


def statement_matches(sentence: Span | Doc | str, shape: str | None = None) -> list[PatternMatch]:
    """Every shape in `sentence` (or only those named `shape`), in claim order: by shape, then by
    position; a match overlapping one already taken is dropped, and a count that is no number
    ("one and two") does not match. An on-demand shape, asked by name, gives all its matches."""
    text = sentence if isinstance(sentence, str) else sentence.text
    if shape in ON_DEMAND:
        if shape == "timepoint" and not _prints_time_unit(text):
            return []
        return list(_on_demand_matches(text, shape))
    return [m for m in _matches(text) if shape is None or m.shape == shape]


@lru_cache(maxsize=16)
def _prints_time_unit(text: str) -> bool:
    """`TIMEPOINT_CUE_RE` in `text`, kept for the last few sentences (a sentence's timepoints and its
    glued rates both ask)."""
    return TIMEPOINT_CUE_RE.search(text) is not None


def matches_at(sentence: Span | Doc | str, shape: str, at: int) -> list[PatternMatch]:
    """The on-demand shape `shape` read from the first token at or after offset `at` (a lexicon
    mention's end): best first (the earlier pattern, then the shorter reading)."""
    text = sentence if isinstance(sentence, str) else sentence.text
    starts = sentence_tokens(text).starts
    k = bisect_left(starts, at)
    found = _on_demand_by_start(text, shape).get(starts[k], []) if k < len(starts) else []
    return sorted(found, key=lambda m: (m.variant, m.end))


@cache
def _variant(key: int) -> int:
    """The index in `SHAPES` of a match key (read from the Matchers' vocabulary, which a Doc of a
    pipeline built for another lexicon does not share)."""
    return int(pipeline_tokenizer().vocab.strings[key])


@lru_cache(maxsize=16)
def _on_demand_matches(text: str, shape: str) -> tuple[PatternMatch, ...]:
    tokens = sentence_tokens(text)
    found = (_typed(tokens, _variant(key), start, end, alignment)
             for key, start, end, alignment in _matcher(shape)(tokens.doc, with_alignments=True))
    return tuple(m for m in found if m is not None)


@lru_cache(maxsize=16)
def _on_demand_by_start(text: str, shape: str) -> dict[int, list[PatternMatch]]:
    """The matches of `_on_demand_matches` by their start (each number of a long sentence asks for one start)."""
    by_start: dict[int, list[PatternMatch]] = {}
    for m in _on_demand_matches(text, shape):
        by_start.setdefault(m.start, []).append(m)
    return by_start


CUES_RE = scan_compile(r"%|complete|partial|\bno(?:ne)?\b|\(\s*\w+(?:-\w+)?\s+(?:of|/|out)\b"
                       r"|\d\s*(?:CR|PR|SD)|\b0\s*/", re.I)
"""Every shape prints one of these: a sentence without any is not tokenized or matched."""


@lru_cache(maxsize=8)
def _matches(text: str) -> tuple[PatternMatch, ...]:
    if not CUES_RE.search(text):
        return ()
    tokens = sentence_tokens(text)
    found: list[PatternMatch] = []
    for key, start, end, alignment in _matcher("")(tokens.doc, with_alignments=True):
        variant = _variant(key)
        match = _typed(tokens, variant, start, end, alignment)
        if match is not None:
            found.append(match)
    found.sort(key=lambda m: (m.variant, m.start, m.end if SHAPES[m.variant].shortest else -m.end))
    taken: dict[str, tuple[list[int], list[int]]] = {}  # starts and ends of the readings kept, by start
    kept = []
    for m in found:
        starts, ends = taken.setdefault(m.shape, ([], []))
        k = bisect_left(starts, m.end)  # kept readings never overlap: only the last one starting before m's end may
        if k and ends[k - 1] > m.start:
            continue  # one reading per stretch of text within a kind of statement
        starts.insert(k, m.start)
        ends.insert(k, m.end)
        kept.append(m)
    return tuple(kept)


def _typed(tokens: SentenceTokens, variant: int, start: int, end: int, alignment: list[int]) -> PatternMatch | None:
    """The match with its slots as character spans; None when a slot spells no count."""
    shape, text = SHAPES[variant], tokens.text
    slots: dict[str, tuple[int, int]] = {}
    for i, index in zip(range(start, end), alignment, strict=True):
        name = shape.pattern[index][0]
        if name:
            a, b = slots.get(name, (tokens.starts[i], tokens.end(i)))
            slots[name] = (min(a, tokens.starts[i]), max(b, tokens.end(i)))
    if "fraction" in slots:  # "19/52"
        a, b = slots.pop("fraction")
        slash = text.index("/", a)
        slots["x"], slots["n"] = (a, slash), (slash + 1, b)
    for name in ("x", "n", "x1", "x2"):
        if name not in slots:
            continue
        a, b = slots[name]
        b = a + len(text[a:b].rstrip(" -"))  # "10 -": the dash belongs to what follows
        hundreds = HUNDREDS_BEFORE_RE.search(text, max(0, a - 30), a) if not text[a].isdigit() else None
        a = hundreds.start() if hundreds else a
        if not COUNT_TEXT_RE.fullmatch(text[a:b]) or UNIT_AFTER_TENS_RE.match(text, b):
            return None  # "one and two" spells no one number; "twenty" of "twenty-one" is a part of one
        slots[name] = (a, b)
    end_char = tokens.end(end - 1)
    if shape.not_followed_by and re.match(shape.not_followed_by, text[end_char:], re.I):
        return None
    first = min([tokens.starts[start], *(a for a, _ in slots.values())])
    return PatternMatch(shape.name, variant, first, end_char, slots)
