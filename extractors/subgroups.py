"""Subgroups a result is about, read from its sentence: line of therapy, earlier treatment ("who had
received prior antiangiogenic therapy", "TKI-naive"), performance status and the tumour's mutation
("KIT exon 11", "BRAF wild-type").

A line is named with a preposition ("as first-line treatment", "in later lines") or as the adjective
of a group noun ("first-line use", "later-line patients", "first-line and later-line patients").

"12 had received at most 2 lines, with a median PFS of 9.0 months" is a result for the ≤2-lines
subgroup, of 12 patients; "5 patients treated in later lines had a median PFS of 4.2 months"
another. Without the subgroup both would read as the whole ASPS cohort's.

A number takes the subgroup phrase before it in its clause (clauses end at ";", "while",
"whereas"). Two subgroups compared ("as first-line treatment achieved greater PFS than
subsequent lines (NR vs 12.1 months)") give the numbers of the "(A vs B)" pair in order. Where the
text does not say which subgroup a number belongs to (two different phrases before it, or one
subgroup against the rest: "ECOG 2-3 (7.0 vs. 2.9 months)"), the number gets no subgroup rather
than a guess. A phrase right after the number is its group ("7.1 months for first-line patients"),
and so is the k-th of a list closed by "respectively" ("35% and 12% in first-line and later-line
patients, respectively"); a phrase further on is another number's ("40% overall and lower in
later lines").

The size of the subgroup is the count printed just before its phrase ("12 were treated in
≤ 2 lines", "37 patients (...) who were treated in ≤ 2 lines") or just after it ("as first-line
treatment for 32 patients", or elliptically "and 25 in later lines"); the caller must not give a
subgroup the size of the whole group, and may take a size the study frame read (`StudyFrame.lines`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.measurements import NUMBER_WORD_RE, word_to_int
from extractors.text_cues import prints_any
from extractors.text_index import search_before, span_index

_CMP = {"≤": "≤", "<=": "≤", "=<": "≤", "≥": "≥", ">=": "≥", "=>": "≥", "<": "<", ">": ">"}
_ORDINAL = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_LINE_GROUP_NOUN = r"(?:use|users|patients|cases|recipients|treatment|therapy|setting|groups?|cohorts?|subgroups?)\b"
LINE_RE = re.compile(
    # a bound on the line stands on its own: "≤ 2 lines", "≥ third-line treatment", "≥3L"
    # ("≤2nd- or ≥3rd-line": the first line word left out after a hyphen)
    r"(?P<phrase>(?P<cmp>≤|<=|=<|≥|>=|=>|<|>)\s*(?:(?P<k>\d)\s*(?:lines?|L)\b|(?P<cord>" + _ORDINAL
    + r")(?:[- ]lines?|-(?=\s+(?:or|and|to|vs\.?|versus)\s))))"
    # a named line needs a preposition or a comparison before it: "in subsequent lines", "as
    # first-line treatment", "than later lines", "versus second-line", "treated with the first-line regimen"
    r"|\b(?:(?:in|as|to|at|than|over|versus|vs\.?|compared\s+(?:to|with))\s+(?:the\s+|a\s+)?|with\s+the\s+)"
    r"(?P<named>(?P<later>subsequent|later|further)\s+lines?\b"
    r"|(?P<ord>" + _ORDINAL + r")(?:\s+or\s+(?P<more>later|subsequent|higher|further))?[- ]lines?)"
    # a line named as the adjective of a group noun needs no preposition: "First-line use was
    # associated with ... than later-line use", "second-line patients"
    r"|\b(?P<adj>(?P<adj_later>subsequent|later|further)|(?P<adj_ord>" + _ORDINAL + r")"
    r"(?:\s+or\s+(?P<adj_more>later|subsequent|higher|further))?)[- ]line\b"
    r"(?=\s+" + _LINE_GROUP_NOUN + r"|\s*(?:,(?:\s*(?:and|or)\b)?|and|or|vs\.?|versus)\s+"
    r"(?:" + _ORDINAL + r"|later|subsequent|further)"
    r"[- ]line\s+(?:" + _LINE_GROUP_NOUN + r"))",
    re.I,
)
ECOG_RE = re.compile(
    r"\bECOG(?:\s+performance\s+status|\s+PS)?(?:\s+(?:score|of))*\s+(?P<a>[0-4])(?:\s*(?:–|-|to|or)\s*(?P<b>[0-4]))?\b")
SIZE_BEFORE_RE = re.compile(
    r"(?:^|[^\w.,])(?P<n>\d+|" + NUMBER_WORD_RE + r")\s+(?:[\w-]+\s+){0,3}?(?:\([^()]*\)\s+)?(?:who\s+)?"
    r"(?:were|was|had\s+been)?\s*(?:treated|given|receiving|received|enrolled)\b[^,;()]{0,30}$",
    re.I,
)
CLAUSE_BREAK_RE = re.compile(r";|,?\s+(?:while|whereas)\s", re.I)
COMPARE_RE = re.compile(r"\b(?:than|vs\.?|versus|compared\s+(?:to|with))\s", re.I)
SIZE_AFTER_RE = re.compile(
    r"\s*(?:treatment|therapy|setting)?\s*(?:for|in|of|among)\s+(?P<n>\d+|" + NUMBER_WORD_RE + r")\s+"
    r"(?:[\w-]+\s+){0,2}?(?:patients|cases|subjects)\b", re.I)
SIZE_ELLIPTIC_RE = re.compile(
    r"(?:,|\band)\s+(?P<n>\d+|" + NUMBER_WORD_RE + r")\s+(?:patients\s+)?"
    r"(?:(?:were\s+)?(?:treated\s+)?(?:in|as|at)\s+)?$", re.I)
"""The second of two sized groups, its verb left out: "12 received it as first-line therapy and 20 in later lines"."""
RESULT_AT_RE = re.compile(r"[\d.·]+\s*(?:%|percent|months?|mos?\b|weeks?|wks?\b)?", re.I)
AFTER_GAP_RE = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?,?\s*(?:for|in|among|with|as)?\s*(?:the\s+)?(?:\d+\s+)?(?:those|patients|pts)?\s*"
    r"(?:(?:who\s+)?(?:were\s+)?(?:treated|given|receiving|received)\s+(?:it\s+|the\s+\w+\s+)?"
    r"|(?<=patients\s)(?:with|harbou?ring|carrying)\s+(?:an?\s+)?)?$", re.I)
"""What may stand between a number and the group it is for: "7.1 months for first-line patients",
"3.2 months for those treated in later lines", "35% for patients carrying a PDGFRA exon 12 mutation"."""
RESPECTIVELY_RE = re.compile(r",?\s*respectively\b", re.I)
PAIR_RE = re.compile(r"\(\s*(?P<a>[^()]*?)\s+(?:vs\.?|versus)\s+(?P<b>[^()]*?)\s*\)", re.I)


@dataclass(frozen=True)
class Subgroup:
    label: str
    start: int
    """Offset of the phrase in the sentence."""
    end: int
    size: int | None = None


PRIOR_CUE_RE = re.compile(r"\b(?:prior|previous)\b", re.I)
PRIOR_RE = re.compile(
    r"\b(?:who\s+had\s+(?:received|been\s+treated\s+with)|with|after)\s+(?:a\s+)?(?:prior|previous)\s+"
    r"(?P<what>(?:[\w-]+\s+){0,2}?[\w-]*(?:therapy|therapies|treatments?))\b", re.I)
"""A subgroup by earlier treatment, with its own count: "the 12 patients who had received prior
antiangiogenic therapy" ("-naive" describes a whole study's eligibility as often as a subgroup)."""
PRIOR_SIZE_RE = re.compile(
    r"(?:^|[^\w.,])(?P<n>\d+|" + NUMBER_WORD_RE + r")\s+(?:[\w-]+\s+){0,2}?(?:patients|cases|subjects)\s*$", re.I)
"""The count just before such a phrase ("Among the 12 patients who had ...")."""


BIOMARKER_RE = re.compile(
    r"\b(?P<gene>[A-Z][A-Z0-9]{1,7})(?:\s+|-)(?:(?:mutations?|mutated)\s+(?:at|in|of)\s+(?=exon))?(?P<what>exon\s+\d{1,2}(?:\s*(?:/|or|and)\s*\d{1,2})?"
    r"|[A-Z]\d{2,4}(?:[A-Z]|del\b)(?:/[A-Z])?|wild[- ]?type)(?!\w|-(?!mutant|mutated))")
"""A subgroup by the tumour's mutation: "in the KIT exon 11 population", "for patients with PDGFRA D842V
mutations", "Among BRAF wild-type patients". Without it such a group's result reads as the whole
study's (the size is left to the counts the sentence prints)."""
BIOMARKER_CUE_RE = re.compile(r"exon|wild[- ]?type|\b[A-Z]\d{2,4}(?:[A-Z]|del)\b", re.I)


RESPONDER_RE = re.compile(
    r"\b(?:in|among|for)\s+(?:the\s+)?(?:\d+\s+)?(?:(?P<non>non-?)?(?:responding\s+(?:patients|pts)|responders)"
    r"|(?:patients|pts)\s+who\s+(?:had\s+)?(?:responded|achieved\s+an?\s+(?:objective\s+)?response))\b", re.I)
"""A subgroup by the response itself: "responders had a median PFS of 6 months" is no whole
study's PFS. A duration or time to response, and the complete and partial responses "among responders", are
counted in responders by definition (`RESPONSE_TIMES_RE`)."""
RESPONSE_TIMES_RE = re.compile(r"duration\s+of\s+(?:the\s+)?response|response\s+duration|\bDOR\b|time\s+to\s+"
                               r"(?:\w+\s+)?response|\bTTR\b|(?:complete|partial)\s+respon|\b[CP]Rs?\b", re.I)


def _biomarker_label(m: re.Match[str]) -> str:
    what = " ".join(m.group("what").split())
    return f"{m.group('gene')} {'wild-type' if what.lower().startswith('wild') else what}"


def _prior_label(m: re.Match[str]) -> str:
    return "prior " + " ".join(m.group("what").split())


def _line_label(m: re.Match[str]) -> str:
    if m.group("cmp"):
        if m.group("k"):
            return f"{_CMP[m.group('cmp')]}{m.group('k')} lines"
        return f"{_CMP[m.group('cmp')]}{_ordinal(m.group('cord'))} line"
    if m.group("later") or m.group("adj_later"):
        return "subsequent lines"
    ordinal = _ordinal(m.group("ord") or m.group("adj_ord"))
    return f"{ordinal} or later line" if m.group("more") or m.group("adj_more") else f"{ordinal} line"


def _ordinal(word: str) -> str:
    word = word.lower()
    return {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth"}.get(word, word)


LINE_CUE_RE = re.compile(r"line|\d\s*l\b", re.I)
"""What every `LINE_RE` match prints ("lines", "first-line", "≥3L"): a sentence without it is not scanned."""


def subgroup_phrases(sentence: str) -> list[Subgroup]:
    """Line-of-therapy, ECOG, mutation and responder subgroups named in a sentence, in order."""
    return list(_subgroup_phrases(sentence))


@lru_cache(maxsize=16)
def _subgroup_phrases(sentence: str) -> tuple[Subgroup, ...]:
    """`subgroup_phrases`, kept for the last few sentences: each number of a sentence asks again."""
    biomarker = BIOMARKER_CUE_RE.search(sentence) is not None
    responders = prints_any(sentence, "respond") and not RESPONSE_TIMES_RE.search(sentence)
    if not LINE_CUE_RE.search(sentence) and "ECOG" not in sentence and not PRIOR_CUE_RE.search(sentence) \
            and not biomarker and not responders:
        return ()
    found: list[Subgroup] = []
    for m in LINE_RE.finditer(sentence):
        begin = m.start("named") if m.group("named") else m.start("adj") if m.group("adj") else m.start()
        size = (SIZE_BEFORE_RE.search(sentence[max(0, begin - 120):begin])
                or SIZE_AFTER_RE.match(sentence, m.end())
                or (SIZE_ELLIPTIC_RE.search(sentence[max(0, m.start() - 40):begin]) if found else None))
        found.append(Subgroup(_line_label(m), begin, m.end(), word_to_int(size.group("n")) if size else None))
    for m in PRIOR_RE.finditer(sentence) if PRIOR_CUE_RE.search(sentence) else ():
        size = PRIOR_SIZE_RE.search(sentence[max(0, m.start() - 80):m.start()])
        if size:  # without its own count the group may be the whole (pretreated) study
            found.append(Subgroup(_prior_label(m), m.start(), m.end(), word_to_int(size.group("n"))))
    for m in ECOG_RE.finditer(sentence):
        grades = f"{m.group('a')}–{m.group('b')}" if m.group("b") else m.group("a")
        found.append(Subgroup(f"ECOG {grades}", m.start(), m.end()))
    for m in BIOMARKER_RE.finditer(sentence) if biomarker else ():
        found.append(Subgroup(_biomarker_label(m), m.start(), m.end()))
    for m in RESPONDER_RE.finditer(sentence) if responders else ():
        found.append(Subgroup("non-responders" if m.group("non") else "responders", m.start(), m.end()))
    return tuple(sorted(found, key=lambda s: s.start))


@lru_cache(maxsize=8)
def _prints_respectively(sentence: str) -> bool:
    """Told once per sentence: each number of a long one asked again."""
    return prints_any(sentence, "respectively")


@lru_cache(maxsize=8)
def _breaks(sentence: str) -> bool:
    """Whether a sentence may break its clauses (most have no break: no scan), told once per sentence."""
    return ";" in sentence or prints_any(sentence, "while", "whereas")


def subgroup_at(sentence: str, offset: int) -> Subgroup | None:
    """The subgroup the number at `offset` of `sentence` is about (see the module docstring)."""
    clause_start = span_index(CLAUSE_BREAK_RE, sentence).last_end_before(offset) if _breaks(sentence) else 0
    after = _named_after(sentence, offset, clause_start)
    if after is not None:
        return after
    before = [s for s in _subgroup_phrases(sentence) if clause_start <= s.start and s.end <= offset]
    if not before:
        return None
    nearest = before[-1]
    pair = next((p for p in PAIR_RE.finditer(sentence) if p.start() <= offset < p.end()), None)
    if pair is not None:
        # "first-line ... than subsequent lines (NR vs 12.1 months)": the two sides, in order; one
        # subgroup against the rest ("ECOG 2-3 (7.0 vs. 2.9 months)") does not say which is which
        first = next((s for s in reversed(before) if s.label != nearest.label), None)
        between = sentence[first.end:nearest.start] if first else ""
        if first is None or "(" in between or not COMPARE_RE.search(between):
            return None
        return first if offset < pair.start("b") else nearest
    if len({s.label for s in before}) > 1:
        return _listed_before(sentence, offset, before) or _versus_by_order(sentence, offset, before)
    return nearest


LISTED_JOIN_RE = re.compile(r"\s*(?:,\s*)?(?:and|or)?\s*(?:the\s+)?", re.I)


def _listed_before(sentence: str, offset: int, before: list[Subgroup]) -> Subgroup | None:
    """"For a GENE exon m or a GENE exon n mutation the response rates reached a% and b%, respectively": k groups
    listed before a run of k numbers closed by "respectively" take the numbers in order."""
    respectively = RESPECTIVELY_RE.search(sentence, offset) if prints_any(sentence, "respectively") else None
    if respectively is None:
        return None
    listed = [before[-1]]
    for phrase in reversed(before[:-1]):
        if not LISTED_JOIN_RE.fullmatch(sentence[phrase.end:listed[0].start].replace(" a ", " ")):
            break
        listed.insert(0, phrase)
    numbers = [m.start() for m in RESULT_AT_RE.finditer(sentence, listed[-1].end, respectively.start())
               if re.match(r"\d", m.group()) and (m.group().strip()[-1:] in "%sk" or "." in m.group())]
    at = offset + len(re.match(r"[<>≤≥]?\s*", sentence[offset:]).group())  # "<50%": the bound's number
    if len(listed) < 2 or len({p.label for p in listed}) != len(listed) or len(numbers) != len(listed) \
            or at not in numbers:
        return None
    return listed[numbers.index(at)]


VERSUS_PAIR_RE = re.compile(
    r"(?P<a>\d+(?:[.·]\d+)?)\s*(?:%|months?|weeks?)?\s*(?:versus|vs\.?)\s*(?P<b>\d+(?:[.·]\d+)?)", re.I)
JOINED_PAIR_RE = re.compile(r"\s*-?\s*(?:or|and|versus|vs\.?)\s*$", re.I)


def _versus_by_order(sentence: str, offset: int, before: list[Subgroup]) -> Subgroup | None:
    """"given as ≤1st- or ≥2nd-line therapy (ORR 30% vs 12%)": the two groups
    joined before the numbers take the two numbers of each "a versus b" pair, in order."""
    first, second = before[-2], before[-1]
    if first.label == second.label or not JOINED_PAIR_RE.match(sentence[first.end:second.start] + " "):
        return None
    pair = next((p for p in VERSUS_PAIR_RE.finditer(sentence, second.end) if offset in (p.start("a"), p.start("b"))),
                None)
    if pair is None:
        return None
    return first if offset == pair.start("a") else second


def _named_after(sentence: str, offset: int, clause_start: int) -> Subgroup | None:
    """The group a number names after it: right after it ("7.1 months for first-line patients"),
    or by order in a "respectively" list ("35% and 12% in first-line and later-line patients,
    respectively")."""
    number = RESULT_AT_RE.match(sentence, offset)
    if number is None:
        return None
    phrases = [p for p in _subgroup_phrases(sentence) if p.start >= number.end()]
    by_order = _respectively(sentence, offset, clause_start, number.end(), phrases)
    if by_order is not None:
        return by_order
    if phrases and AFTER_GAP_RE.match(sentence[number.end():_phrase_begin(sentence, phrases[0])]):
        return phrases[0]
    return None


def _respectively(sentence: str, offset: int, clause_start: int, number_end: int,
                  phrases: list[Subgroup]) -> Subgroup | None:
    """"35% and 12% in first-line and later-line patients, respectively": the k-th number's group
    is the k-th phrase listed after the numbers."""
    respectively = RESPECTIVELY_RE.search(sentence, number_end) if _prints_respectively(sentence) else None
    listed = [p for p in phrases if respectively is not None and p.end <= respectively.start()]
    if len(listed) < 2:
        return None
    numbers = [m for m in RESULT_AT_RE.finditer(sentence, clause_start, listed[0].start)
               if re.match(r"\d", m.group()) and (m.group().strip()[-1:] in "%sk" or "." in m.group())]
    starts = [m.start() for m in numbers]
    if len(numbers) != len(listed) or offset not in starts:
        return None
    return listed[starts.index(offset)]


PREPOSITION_END_RE = re.compile(r"(?:\b(?:in|as|to|at|for)\s+(?:the\s+)?)$", re.I)


def _phrase_begin(sentence: str, phrase: Subgroup) -> int:
    """Where a phrase's words start, its preposition included ("in later lines")."""
    m = search_before(PREPOSITION_END_RE, sentence, phrase.start)  # only the characters before it, not the head
    return m.start() if m else phrase.start


LISTED_IN_RE = re.compile(
    r"(?P<number>\d+(?:[.·]\d+)?\s*%?)\s*(?:\([^()]*\)\s*)?in\s+(?:the\s+)?"
    r"(?P<phrase>[A-Za-z][\w/-]*(?:\s+(?!and\b|or\b)[A-Za-z][\w/-]*){0,3}?)(?=\s*(?:,|;|\.|\band\b|\bor\b|$))")
WHOLE_GROUP_RE = re.compile(r"(?:whole|entire|overall|total|all)\b|^(?:series|cohort|population|patients)$", re.I)


def listed_group_at(sentence: str, offset: int) -> Subgroup | None:
    """"40% (8/20) in all patients, 50% (5/10) in limb tumours and 30% (3/10) in trunk tumours": in a
    list of numbers each followed by "in" and a group of its own, the group after the number at
    `offset` (None for the whole series, and for a number outside such a list). The caller
    leaves out a phrase that only names a population. The size is the denominator of its "(x/N)"."""
    if " in " not in sentence:
        return None
    return _listed_groups(sentence).get(offset)


@lru_cache(maxsize=8)
def _listed_groups(sentence: str) -> dict[int, Subgroup]:
    """`listed_group_at` for every number of the sentence, read once (asked once per number, reading
    the sentence each time made a long sentence's numbers cost its length squared)."""
    listed = list(LISTED_IN_RE.finditer(sentence))
    if len({m.group("phrase").lower() for m in listed}) < 2:
        return {}
    groups = {}
    for m in listed:
        if WHOLE_GROUP_RE.search(m.group("phrase")):
            continue
        size = re.search(r"\(\s*\d+\s*/\s*(\d+)\s*\)", sentence[m.end("number"): m.start("phrase")])
        groups.setdefault(m.start("number"), Subgroup(m.group("phrase"), m.start("phrase"), m.end("phrase"),
                                                      int(size.group(1)) if size else None))
    return groups


def line_of_label(label: str) -> str:
    """The line of therapy a table's row or column label names and nothing else ("First line",
    "Later lines", "≥ 2 lines"), else "". A label prints the line without the preposition a
    sentence needs before it."""
    text = label.strip(" ,;:")
    lines = [s for s in _subgroup_phrases("in " + text) if not s.label.startswith("ECOG")]
    if len(lines) != 1 or lines[0].end != len(text) + 3:
        return ""
    return lines[0].label
