"""Wordings of safety prose that name an event or its grade indirectly (used by `extractors.ae_prose`).

- Comparisons between arms: "more X with A than with B (a% vs b%)", "a higher incidence of X",
  "there were more X": the event is X, the comparison words and the arms compared are no part of it.
- Events counted by themselves: "5 episodes of X", "2 grade 4 adverse events".
- Deaths: "n patients died of/secondary to X", "n fatal toxicities due to X", "a death due to X":
  a grade 5 X (CTCAE), counted even without a percentage. Deaths from the disease, or from a cause
  the text calls unrelated, are no adverse events.
- A system organ class heading of a label's tabulated list before the first event of its rows.
- Where a grade phrase does not govern the figures after it: an aside ("mostly grade 1-2") and a
  grade split closed inside an earlier item's parenthesis; and a grade printed after the list it
  governs ("X (12%) and Y (8%) were the leading grade 3 or 4 toxicities").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque
from functools import lru_cache

from extractors.ae_figures import PEOPLE
from extractors.ae_grades import CLASS_NOUN_TAIL_RE, GRADE_RE, grade_of_match
from extractors.text_index import last_match_after

# -- comparisons ----------------------------------------------------------------------------
_DEGREE = r"(?:(?:statistically\s+)?(?:significantly|markedly|much|slightly|numerically|somewhat|substantially|" \
          r"considerably|notably)\s+)?"
COMPARISON_TAIL_RE = re.compile(
    r"\s+(?:(?:with|in|for|on|among|under|after|receiving|given|during)\s+[^,;:()]*?\s+)?than\b[^,;:()]*$", re.I)
"""'... with A than with B': the arms compared, after the event"""
COMPARATIVE_HEAD_RE = re.compile(
    r"^" + _DEGREE + r"(?:(?:more|fewer|less|higher|lower|greater|increased|reduced|decreased|elevated|overall|"
    r"pooled|cumulative|observed|reported|crude|estimated)\s+)?"
    r"(?:(?:frequency|incidence|rate|proportion|number|risk|occurrence)s?\s+){1,2}(?:of\s+)?"  # "all-grade" ate "of"
    r"|^" + _DEGREE + r"(?:more|fewer|less)\s+(?=[a-z])",
    re.I,
)
"""'a higher incidence of X', 'the pooled rate of X', 'more X': the words before the event"""
COMPARATIVE_RE = re.compile(r"\bthan\b|\b(?:more|fewer|less|higher|lower|greater|increased)\s+"
                            r"(?:(?:frequency|incidence|rate|proportion|number|risk|occurrence)s?\s+of\b|"
                            r"(?:[\w-]+\s+){0,4}?(?:with|in|among|for)\b)", re.I)
"""A comparison ties a figure to its event as a verb does: "a higher incidence of X (14% vs 5%)",
"more X with A (30% vs 18%)"."""
EXISTENTIAL_RE = re.compile(r"^\s*there\s*$", re.I)


def without_comparison(text: str) -> str:
    """`text` without the arms it compares: "X was more frequent with A than with B" -> "X was
    more frequent"."""
    return COMPARISON_TAIL_RE.sub("", text)


def without_comparative(text: str) -> str:
    """The event after the comparison words before it: "a higher incidence of X" -> "X"."""
    return COMPARATIVE_HEAD_RE.sub("", re.sub(r"^(?:a|an|the)\s+", "", text, flags=re.I))


# -- tabulated lists of product labels ------------------------------------------------------
_SOC = (r"blood\s+and\s+lymphatic\s+system|cardiac|ear\s+and\s+labyrinth|endocrine|eye|gastrointestinal|general|"
        r"hepatobiliary|immune\s+system|metabolism\s+and\s+nutrition|musculoskeletal\s+and\s+connective\s+tissue|"
        r"nervous\s+system|psychiatric|renal\s+and\s+urinary|reproductive\s+system\s+and\s+breast|"
        r"(?:respiratory,?\s+)?thoracic\s+and\s+mediastinal|skin\s+and\s+subcutaneous\s+tissue|vascular")
ORGAN_CLASS_RE = re.compile(
    r"^(?:(?:" + _SOC + r")(?:\s+disorders)?(?:\s+and\s+administration\s+site\s+conditions)?"
    r"|infections\s+and\s+infestations|investigations|injury,?\s+poisoning\s+and\s+procedural\s+complications)"
    r"\s+(?=[A-Z])", re.I)
"""A label's system organ class heading printed before the first event of its rows ("Blood and
lymphatic system disorders Neutropenia (53%)"): a heading, no part of the event's name."""


def without_organ_class(text: str) -> str:
    """`text` without a system organ class heading before its event."""
    m = ORGAN_CLASS_RE.match(text)
    # the lookahead's capital is the event's own: the heading's words match case-insensitively
    return text[m.end():] if m and text[m.end():][:1].isupper() else text


# -- events counted by themselves ------------------------------------------------------------
COUNTED_OF_RE = re.compile(r"\s*(?:episodes?|cases?|events?|occurrences?)\s+of\s+(?P<obj>[^,;.()]+?)"
                           r"(?=\s*(?:[,;.()]|\band\b|\bin\b|\bduring\b|\bwhich\b|$))", re.I)
"""'5 episodes of X': a count of the event itself, its name after "of"."""
_NOT_IN_A_NAME = (r"(?:of|in|on|at|to|for|from|with|by|due|the|an?|per|out|had|have|has|was|were|stopped|required|"
                  r"needed|discontinued|received|led)\b")
"""Words no event's name holds: "two stopped the drug for toxicity" counts patients who stopped"""
_EVENT_QUALIFIER = (r"(?:serious|severe|unexpected|additional|(?:possibly|probably|treatment|drug|immune)[-\s]related|"
                    r"(?:" + GRADE_RE.pattern + r"))")
COUNTED_EVENTS_RE = re.compile(
    r"\s*(?P<qualifiers>(?:" + _EVENT_QUALIFIER + r"\s+)+)?"
    r"(?P<obj>(?:(?!" + _NOT_IN_A_NAME + r")[A-Za-z][\w/-]*\s*){1,4}?)"
    r"(?=\s*(?:[,;.)]|\b(?:was|were|is|are|occurred|occurring|observed|reported|noted|seen|recorded|documented|"
    r"and)\b|$))", re.I)  # not before "(": "the two age groups (18% vs 21%)" names the groups of the figures
"""'2 grade 4 adverse events', 'three serious adverse events were recorded': events counted, the
count right before their (qualified) name"""
IN_PATIENTS_AFTER_RE = re.compile(r"\s*(?:(?:occurred|was\s+\w+|were\s+\w+)\s+)?(?:in|among)\s+(?:\d+|[a-z]+)\s+"
                                  r"(?:of\s+(?:the\s+)?\d+\s+)?" + PEOPLE + r"\b", re.I)
"""'five grade 3 events occurred in four patients': the patients, counted after, are the figure"""


def counted_events(text: str, start: int, end: int) -> re.Match[str] | None:
    """The events a count printed at [start, end) counts by themselves: "5 episodes of X", "3 cases
    of X" (the count may have read "cases" as its people), "two serious adverse events"; None when
    the count is of patients or the patients they occurred in are counted after them."""
    case_noun = re.search(r"\s+cases?$", text[start:end], re.I)
    of = COUNTED_OF_RE.match(text, start + case_noun.start() if case_noun else end)
    if of or re.search(PEOPLE + r"$", text[start:end], re.I):
        return of
    if re.search(r"(?:[/–≥⩾>-]|\bgrades?|\b(?:G|grades?\s*)\d\s*(?:and|or|to)|\bat\s+least)\s*$", text[:start], re.I):
        return None  # "grade 3/4 X", "G2 and 3 toxicities": a grade; "≥one X", "at least 1 X": at least one, no count
    events = COUNTED_EVENTS_RE.match(text, end)
    if events is None or IN_PATIENTS_AFTER_RE.match(text, events.end()):
        return None
    if not events.group("qualifiers") and re.fullmatch(r"events?\s*", events.group("obj"), re.I):
        return None  # "with 80 events, the study had 80% power": events of the analysis, no adverse events
    return events


# -- deaths ---------------------------------------------------------------------------------
_CAUSE_END = (r"(?=\s*(?:[,;.()]|\band\b|\bwhile\b|\bafter\b|\bduring\b|\bfollowing\b|\bin\s+(?:cycle|the)\b"
              r"|\b(?:occurred|were|was)\b|$))")
DIED_OF_RE = re.compile(
    r"\s*(?:(?:had\s+)?died|deceased)\s+(?:of|from|secondary\s+to|due\s+to|because\s+of|as\s+a\s+result\s+of)\s+"
    r"(?:an?\s+|the\s+)?(?P<cause>[^,;.()]+?)" + _CAUSE_END, re.I)
"""'(n patients) died of / from / due to (drug-induced) X': the cause after the verb"""
COUNTED_DEATHS_RE = re.compile(
    r"\s*(?:(?:fatal|toxic|treatment[-\s]related|drug[-\s]related)\s+)+"
    r"(?:toxicit(?:y|ies)|(?:adverse\s+)?events?|reactions?|cases?|deaths?)\s+"
    r"(?:due\s+to|from|caused\s+by|attributed\s+to|related\s+to|of)\s+(?:an?\s+|the\s+)?(?P<cause>[^,;.()]+?)"
    + _CAUSE_END, re.I)
"""'n fatal events due to X', 'one treatment-related death from X'"""
FATAL_WORD_RE = re.compile(r"\b(?:fatal|toxic|deaths?)\b", re.I)
DEATHS_OF_RE = re.compile(r"\s*deaths?\s+(?:due\s+to|from|caused\s+by|attributed\s+to|of)\s+(?:an?\s+|the\s+)?"
                          r"(?P<cause>[^,;.()]+?)" + _CAUSE_END, re.I)
"""'one death due to X'"""
TREATMENT_CAUSE_RE = re.compile(r"[-\s](?:related|induced|associated)\b|\btoxic", re.I)
NOT_TREATMENT_CAUSE_RE = re.compile(r"\b(?:unrelated|not\s+(?:related|attributed)|disease|progression|tumou?rs?|"
                                    r"sarcomas?|cancer|malignan\w*)\b", re.I)


def death_cause(text: str, at: int) -> re.Match[str] | None:
    """The cause of the deaths a count at `at` counts ("died of X", "fatal toxicities due to
    X", "deaths due to X"); None when none follows or the cause is the disease or unrelated."""
    m = DIED_OF_RE.match(text, at) or COUNTED_DEATHS_RE.match(text, at) or DEATHS_OF_RE.match(text, at)
    if m is None or NOT_TREATMENT_CAUSE_RE.search(m.group(0)):
        return None
    if m.re is COUNTED_DEATHS_RE and not FATAL_WORD_RE.search(text, m.start(), m.start("cause")):
        return None  # "four drug-related cases of X": cases the treatment caused, none said to be fatal
    return m


def caused_by_treatment(cause_text: str) -> bool:
    """The cause names the treatment as what caused it ("drug-induced X", "a treatment-related X")."""
    return TREATMENT_CAUSE_RE.search(cause_text) is not None


# -- grades that govern no figure after them ------------------------------------------------
ASIDE_GRADE_RE = re.compile(r"\b(?:mostly|mainly|predominantly|largely|generally)\s*"
                            + GRADE_RE.pattern, re.I)
"""'Adverse events were mostly grade 1-2; the commonest were X (35/60)': a grade describing the events
in passing governs no figure after it."""


NEGATED_GRADE_RE = re.compile(r"\b(?:no|without|nor|neither|none\s+of\s+(?:the\s+)?)\s*"
                              r"(?:(?!differences?\b)[\w-]+\s+)?(?:" + GRADE_RE.pattern + r")", re.I)
"""'No fatal events occurred, and the commonest were X (40%)': a grade denied governs no figure after it
("no difference in grade 3 X" denies no grade)."""


def blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def closed_asides_blanked(head: str) -> str:
    """`head` with every parenthesis or bracket closed before its end blanked: a grade split inside
    an earlier item's parenthesis ("X (76%; 8 grade 3), Y (65%)") governs that item, not the next."""
    out = list(head)
    stack: list[int] = []
    for i, ch in enumerate(head):
        if ch in "([":
            stack.append(i)
        elif ch in ")]" and stack:
            start = stack.pop()
            if not stack:
                out[start: i + 1] = " " * (i + 1 - start)
    return "".join(out)


class ClosedAsides:
    """`closed_asides_blanked` of every prefix of one text, from its bracket nesting read once: the
    nesting of a prefix is the text's up to there, so a prefix's closed asides are the text's outermost
    ones that close inside it (reading each figure's head again cost the square of a long sentence)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._blanked = closed_asides_blanked(text)
        self._opens: list[int] = []  # the outermost asides, by their "(" and closing offset
        self._closes: list[int] = []
        depth = 0
        for bracket in re.finditer(r"[(\[\])]", text):
            if bracket.group() in "([":
                if not depth:
                    self._opens.append(bracket.start())
                depth += 1
            elif depth:
                depth -= 1
                if not depth:
                    self._closes.append(bracket.start())
        if depth:
            self._closes.append(len(text))  # the last one never closes

    def head(self, end: int) -> str:
        """`closed_asides_blanked(text[:end])`."""
        return self.window(0, end)

    def window(self, start: int, end: int) -> str:
        """`closed_asides_blanked(text[:end])[start:]`."""
        k = bisect_left(self._opens, end) - 1
        if k >= 0 and self._closes[k] >= end:  # an aside still open at `end` is kept as printed
            cut = max(start, self._opens[k])
            return self._blanked[start:cut] + self._text[cut:end]
        return self._blanked[start:end]


    def open_from_before(self, start: int, end: int) -> bool:
        """Whether an aside still open at `end` opened before `start`."""
        k = bisect_left(self._opens, end) - 1
        return k >= 0 and self._closes[k] >= end and self._opens[k] < start


@lru_cache(maxsize=8)
def closed_asides(text: str) -> ClosedAsides:
    return ClosedAsides(text)


GRADE_WINDOW = 4000
"""How far before a figure the grade phrases are read afresh; the nearer half of the window is trusted,
and further back the whole text's grades, read once, stand in (a grade phrase and what blanks it, an
aside or a denial, run a few words; a sentence's list of events a few hundred characters)."""


class GradesBefore:
    """The last grade phrase before each figure of one text, its closed asides blanked and grades in
    passing or denied left out: read afresh in a window before the figure, and further back from the
    text's own grades, found once (one long listing sentence was read from its start for every figure)."""

    def __init__(self, text: str) -> None:
        self._asides = closed_asides(text)
        whole = NEGATED_GRADE_RE.sub(blank, ASIDE_GRADE_RE.sub(blank, self._asides.head(len(text))))
        found = [(m.start(), grade_of_match(m)) for m in GRADE_RE.finditer(whole)]
        self._starts, self._grades = [start for start, _ in found], [grade for _, grade in found]

    def last(self, end: int) -> str | None:
        """The grade of the last grade phrase in `closed_asides_blanked(text[:end])`, asides and denials blanked."""
        start = max(0, end - GRADE_WINDOW)
        trusted = max(0, end - GRADE_WINDOW // 2)  # where the window's cut no longer reaches
        if self._asides.open_from_before(trusted, end):
            start = trusted = 0  # an aside open since before the trusted half is read whole
        near = NEGATED_GRADE_RE.sub(blank, ASIDE_GRADE_RE.sub(blank, self._asides.window(start, end)))
        last = deque((m for m in GRADE_RE.finditer(near) if start + m.start() >= trusted), maxlen=1)
        if last or not trusted:
            return grade_of_match(last[0]) if last else None
        k = bisect_left(self._starts, trusted) - 1  # the text's own grades before the trusted half
        return self._grades[k] if k >= 0 else None


@lru_cache(maxsize=8)
def grades_before(text: str) -> GradesBefore:
    return GradesBefore(text)


CLOSING_RE = re.compile(r"[^;.%]*?[)\]]\s*,?\s*(?:were|was|are|is|represented|being)\s+(?P<rest>[^;.,]*)")
"""Matched at a position (no slice of the text after it): its class noun is read up to the first comma."""
FIGURE_END_RE = re.compile(r"%|\)\s*\)|\d\s*\)")


def closing_grade(text: str, end: int) -> str | None:
    """"neutropenia (38%) and anaemia (21%) were the commonest grade 3 or 4 events": the grade
    named after the list a figure ending at `end` stands in, in the clause whose subject the list is."""
    last_figure = last_match_after(FIGURE_END_RE, text).end_after(end)  # the end of the last figure after it
    m = (CLOSING_RE.match(text, last_figure) if last_figure is not None else None) or CLOSING_RE.match(text, end)
    if not m:
        return None
    rest = m.group("rest")
    grade = GRADE_RE.search(rest)  # a grade of the class the list belongs to, not an aside ("mostly grade 1")
    if not grade or not CLASS_NOUN_TAIL_RE.match(rest[grade.end():]):
        return None
    return grade_of_match(grade)
