"""Arms of adverse-event figures in one sentence: the arm phrase printed after a figure ("in the
placebo group", "given X", "(arm A)"), the label before it inside a comparison ("(X 6 [9%] vs
placebo 5 [8%])"), an arm closing a list ("neutropenia (80%) and anaemia (45%) for arm A"), and
"respectively", which spreads a list of events, grades or arms over the figures it closes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque
from dataclasses import replace
from functools import lru_cache

from extractors.ae_figures import PEOPLE, Figure, ProseAE, enclosing_paren, paren_end
from extractors.text_cues import folded

ARM_RE = re.compile(
    r"\s*[)\]]?\s*(?:" + PEOPLE + r"\s+)?(?:of\s+(?:the\s+)?(?:patients|those|participants)\s+)?"
    r"(?:(?:in|of)\s+the\s+(?P<group>[^,;()]+?)\s+(?:group|arm|cohort)s?"
    r"|(?:in|of)\s+(?P<named>(?:arm|group|cohort)\s+(?:[A-Z]|\d+|I{1,3}|IV)\b)"
    r"|(?:who\s+(?:received|were\s+given|were\s+treated\s+with)|given|receiving|treated\s+with|on|with|for)\s+"
    r"(?:the\s+)?(?P<given>[^,;()]+?))"
    r"(?=\s*(?:[,;.)]|\band\b|\bvs\b|\bversus\b|\bcompared\b|\bthan\b|\bwhile\b|\bwhereas\b|$))",
    re.I,
)
PAREN_ARM_RE = re.compile(
    r"\s*\(\s*(?P<arm>(?:arm|group|cohort)\s+[A-Z0-9]\w*|[^()%\d,;]{1,40}?\s+(?:arm|group)"
    r"|[A-Za-z][A-Za-z+\-/ ]{0,30}(?=\s*\)\s*(?:vs\.?|versus|v\.?)\s))\s*\)", re.I)
"""'41.7% (arm A) vs 37.5% (arm B)', '36% (drug X) vs 5% (placebo)': an arm label in parentheses after
its figure (a bare label only before "vs"). Both patterns are matched at a figure's end, not in the text sliced
there: neither looks behind where it starts."""
RESPECTIVELY_RE = re.compile(r"(?:[^.;]|(?<=\d)\.(?=\d))*?\brespectively\b", re.I)
"""A "respectively" closing the clause: a decimal point ("21.6%") is no sentence end."""
HARD_STOP_RE = re.compile(r";|(?<!\d)\.|\.(?!\d)")
"""Where `RESPECTIVELY_RE` stops: a ";" or a "." that is no decimal point."""


class RespectivelyMarks:
    """Where one text prints "respectively" and where its clauses stop, found once: whether a
    "respectively" closes the clause after a figure is then told without reading the text after it
    again for each group of figures (one long listing sentence was read to its end for every group)."""

    def __init__(self, text: str) -> None:
        self._text = text
        low = folded(text)  # the offsets of `text`, case folded as `re.I` folds it
        self._words = [m.start() for m in re.finditer("respectively", low)]
        self._stops = [m.start() for m in HARD_STOP_RE.finditer(text)]

    def closes(self, end: int) -> bool:
        """`RESPECTIVELY_RE.match(text[end:])` is not None: a whole word "respectively" before the
        first stop after `end` (a "." right at `end` stops it: the slice has no digit before it)."""
        text = self._text
        k = bisect_left(self._stops, end)
        stop = end if text[end:end + 1] == "." else (self._stops[k] if k < len(self._stops) else len(text))
        for at in self._words[bisect_left(self._words, end):]:
            if at + len("respectively") > stop:
                return False
            if (at == end or not _word_char(text[at - 1])) and (
                    at + len("respectively") == stop or not _word_char(text[at + len("respectively")])):
                return True
        return False


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


@lru_cache(maxsize=8)
def _respectively_marks(text: str) -> RespectivelyMarks:
    return RespectivelyMarks(text)


def arm_after(text: str, end: int) -> tuple[str, int]:
    """The arm phrase printed right after a figure, and where it ends."""
    labelled = PAREN_ARM_RE.match(text, end)
    if labelled:  # "41.7% (arm A) vs 37.5% (arm B)"
        return labelled.group("arm").strip(), labelled.end()
    m = ARM_RE.match(text, end)
    if not m:
        return "", end
    arm = (m.group("group") or m.group("named") or m.group("given") or "").strip()
    if re.fullmatch(r"(?:two|three|both|all|each|either)", arm, re.I):
        return "", m.end()  # "in the two arms": every arm, none named
    return arm, m.end()


def respectively(text: str, found: list[ProseAE], listed: dict[int, tuple[list[str], list[str]]],
                  ) -> list[ProseAE]:
    """k figures joined as a comparison and closed by "respectively" take, in order, the k items
    of a list printed before them: events ("diarrhoea and nausea occurred in 30 (45%) and 9 (14%),
    respectively"), grades ("any-grade and grade ≥3 rash in 40% and 6%, respectively") or arms
    ("... in the X and placebo groups, respectively"). Two grades of one event need no
    "respectively" when "and" joins its two figures and no arm is named ("grade 3 and 4
    neutropenia in 33% and 3%")."""
    out = list(found)
    i = 0
    last_list: list[str] = []
    while i < len(out):
        j = i + 1
        while (j < len(out) and out[j].order == out[j - 1].order + 1 and out[j].term == out[i].term
               and not re.search(r"\brespectively\b", text[out[j - 1].end: out[j].start], re.I)):
            j += 1  # a "respectively" closes its figures: "... 49% and 10%, respectively, vs 88% and 63%, ..."
        k = j - i
        terms, grades = listed.get(out[i].start, ([], []))
        # "grade 3 and 4 neutropenia in 33% and 3%", "nausea, vomiting and fatigue in 60%, 45% and 40%":
        # as many grades or events as figures, the figures joined by "," and "and", no arm
        plain = not any(a.arm for a in out[i:j]) and all(
            re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)", text[a.end: b.start], re.I)
            for a, b in zip(out[i:j - 1], out[i + 1:j], strict=True))
        paired = plain and (len(grades) == k == len(set(grades)) or len(terms) == k)
        closed = _respectively_marks(text).closes(out[j - 1].end)
        if k < 2 or not (closed or paired):
            i = j
            continue
        if not terms and len(last_list) == k:
            terms = last_list  # "..., compared with 88%, 58% and 63%, respectively, ...": the same list again
        last_list = terms or last_list
        terms = terms or [p for p in re.split(r"\s+(?:and|or)\s+", out[i].term) if p]
        arms = [a for a in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", out[j - 1].arm) if a]
        if len(arms) == 1 and k == 2:
            arms = _versus_arms(text, out[j - 1].end, arms[0]) or arms
        if len(terms) == k and not any(a.arm for a in out[i:j]):
            for n, term in enumerate(terms):
                out[i + n] = replace(out[i + n], term=term, order=0)
        elif len(grades) == k and len(set(grades)) == k:
            for n, grade in enumerate(grades):
                out[i + n] = replace(out[i + n], grade=grade, order=0)
        elif len(arms) == k and not any(a.arm for a in out[i:j - 1]):
            for n, arm in enumerate(arms):
                out[i + n] = replace(out[i + n], arm=arm)
        i = j
    return out


def _versus_arms(text: str, after: int, arm: str) -> list[str]:
    """"40% vs 22% of the patients given X versus Y, respectively": the arm phrase after the figures stopped
    at "versus"; both arms it compares, in order ([] when the text goes on otherwise)."""
    at = text.find(arm, after)
    other = VERSUS_ARM_RE.match(text, at + len(arm)) if at >= 0 else None
    return [arm, other.group("b")] if other else []


VERSUS_ARM_RE = re.compile(r"\s+(?:versus|vs\.?|v\.?)\s+(?:the\s+)?(?P<b>[^,;()]+?)\s*,?\s*respectively\b", re.I)


def arm_before(text: str, fig: Figure) -> str:
    """"(drug X 6 [9%] vs placebo 5 [8%])": in a comparison inside parentheses, the arm label
    printed right before each figure."""
    open_at = enclosing_paren(text, fig.start)
    if open_at is None:
        return ""
    inside = text[open_at + 1: paren_end(text, open_at)]
    if not re.search(r"\bvs\b|\bversus\b", inside, re.I):
        return ""
    label = re.split(r"\bvs\.?|\bversus\b|[,;:(\[]", text[open_at + 1: fig.start], flags=re.I)[-1]
    label = re.sub(r"^\s*(?:and|in|the)\s+", "", label, flags=re.I).strip()
    if not label or len(label.split()) > 5 or re.search(r"\d|%|\b(?:grade|patients?)\b", label, re.I):
        return ""
    return label


SUBJECT_ARM_RE = re.compile(
    r"\b(?:in\s+)?the\s+(?P<group>[\w+\-/ ]{1,40}?)\s+(?:group|arm|cohort)s?\s+"
    r"(?:experienced|had|reported|included|showed|developed)\b", re.I)
CLAUSE_BREAK_RE = re.compile(r";|\b(?:while|whereas|but)\b", re.I)


def subject_arm(text: str, fig: Figure) -> str:
    """"rash in 9% with drug X; the control arm had rash in 2%": the arm that is the subject of the
    figure's own clause (from the last ";", "while", "whereas" or "but" before the figure)."""
    start = max(0, fig.start - SUBJECT_WINDOW)
    flat = _flat_heads(text).window(start, fig.start)  # "(9%; n=8)" breaks no clause
    last_break = deque(CLAUSE_BREAK_RE.finditer(flat), maxlen=1)
    found = list(SUBJECT_ARM_RE.finditer(text, start + last_break[0].end() if last_break else start, fig.start))
    return found[-1].group("group").strip() if found else ""


SUBJECT_WINDOW = 3000
"""How far before a figure its clause's subject is looked for: a clause runs a few hundred characters,
and one long listing sentence was read again from its start for every figure."""


INNER_PAREN_RE = re.compile(r"\([^()]*\)")


class FlatHeads:
    """`INNER_PAREN_RE` blanked in every prefix of one text, from the text's own blanking made once: a
    prefix holds the text's parentheses that close inside it, and the one it cuts is left as printed."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._spans = [m.span() for m in INNER_PAREN_RE.finditer(text)]
        self._starts = [start for start, _ in self._spans]
        self._flat = INNER_PAREN_RE.sub(lambda m: " " * len(m.group()), text)

    def head(self, end: int) -> str:
        """`INNER_PAREN_RE.sub(blanks, text[:end])`."""
        return self.window(0, end)

    def window(self, start: int, end: int) -> str:
        """`INNER_PAREN_RE.sub(blanks, text[:end])[start:]`."""
        k = bisect_left(self._starts, end) - 1
        if k >= 0 and self._spans[k][1] > end:  # the parenthesis `end` cuts is kept as printed
            cut = max(start, self._starts[k])
            return self._flat[start:cut] + self._text[cut:end]
        return self._flat[start:end]


@lru_cache(maxsize=8)
def _flat_heads(text: str) -> FlatHeads:
    return FlatHeads(text)



def list_arms(found: list[ProseAE], kinds: list[str]) -> list[ProseAE]:
    """"neutropenia (80%) and anaemia (45%) for arm A": an arm phrase after the last event of a
    list in parentheses is the arm of the whole list (back to the previous arm or non-list figure)."""
    out = list(found)
    arm = ""
    for i in range(len(out) - 1, -1, -1):
        if kinds[i] != "paren" or out[i].order:
            arm = ""
            continue
        if out[i].arm:
            arm = out[i].arm
        elif arm:
            out[i] = replace(out[i], arm=arm)
    return out




DECLARED_RE = re.compile(
    r"\b(?:in|with|for|of)\s+(?:the\s+)?(?P<a>[^,;()%\d]{1,40}?)\s+(?:arm|group|cohort)\s+"
    r"(?:vs\.?|versus|compared\s+with|and)\s+(?:in\s+|with\s+)?(?:the\s+)?(?P<b>[^,;()%\d]{1,40}?)\s+(?:arm|group|cohort)s?\b",
    re.I)
"""Arms named in order before the figures: "in the combination arm versus the control arm were X (55% vs 40%)"."""


def declared_arms(text: str, found: list[ProseAE]) -> list[ProseAE]:
    """Figures of a comparison with no arm phrase of their own take, by their place in it, the arms
    a sentence names in order before its first figure."""
    if not found or not any(a.order for a in found) or any(a.arm for a in found):
        return found
    m = DECLARED_RE.search(text[: found[0].start])
    if not m:
        return found
    arms = [m.group("a").strip(), m.group("b").strip()]
    return [replace(a, arm=arms[a.order]) if a.order < len(arms) else a for a in found]


BACK_REFERENCE_RE = re.compile(r"(?:the\s+)?(?:respective|corresponding|same)\s+(?:rates?|figures?|incidences?|"
                               r"frequenc(?:y|ies)|proportions?|percentages?|values?)", re.I)
"""'X (29%), Y (15%) and Z (13%); in the second cohort, respective rates were 15%, 5% and 0%': the
figures repeat the list before them, in its order, for another group."""


def back_referred(found: list[ProseAE]) -> list[ProseAE]:
    """Rows whose term is a `BACK_REFERENCE_RE` take the terms of the list before them."""
    out = list(found)
    i = 0
    while i < len(out):
        if not BACK_REFERENCE_RE.fullmatch(out[i].term):
            i += 1
            continue
        j = i
        while j < len(out) and out[j].term == out[i].term:
            j += 1
        listed: list[ProseAE] = []
        for ae in reversed(out[:i]):
            if BACK_REFERENCE_RE.fullmatch(ae.term) or any(ae.term == x.term for x in listed):
                break
            listed.insert(0, ae)
        if len(listed) >= j - i:
            listed = listed[len(listed) - (j - i):]
            for k in range(i, j):
                out[k] = replace(out[k], term=listed[k - i].term, grade=listed[k - i].grade, order=0)
        else:
            del out[i:j]  # a back-reference whose list cannot be found names no event
            continue
        i = j
    return out
