"""Whether a sentence gives its treatment to part of the study's cohort only.

A retrospective or population series in which some patients had a drug is no cohort on that drug:
its whole-series results (survival, follow-up) belong to no one regimen (devset README: a regimen
is what the patients a result describes were given). A share is read in the forms series print:
"20 (38%) underwent chemotherapy", "Nine patients were given X" in a series of 60, "Of the 80
patients, 30 received X", "..., of whom 30 were treated with X", "38% of them received X",
"Twenty percent received X", "X was given to 30 patients (38%)", "X was used in 20% of cases".
A share of `PART_OF_COHORT` or more ("72 (90%) received X") is the cohort's treatment.
"""

from __future__ import annotations

import re

from extractors.quantity_words import NUMBER_WORDS, word_to_int
from extractors.regimens import SHARE_GIVEN_RE
from extractors.text_cues import search_ending_at

UNITS = [word for word, value in NUMBER_WORDS.items() if value < 20]  # "zero" ... "nineteen"
TENS = [word for word, value in NUMBER_WORDS.items() if value >= 20]  # "twenty" ... "ninety"
_UNIT_WORDS = "|".join(sorted(UNITS[1:], key=len, reverse=True))
COUNT = (
    r"(?:\d{1,4}|(?:(?:" + _UNIT_WORDS + r")\s+hundred(?:\s+and)?\s+)?"
    r"(?:(?:" + "|".join(TENS) + r")(?:[-\s](?:" + "|".join(UNITS[1:10]) + r"))?|" + _UNIT_WORDS + r"))"
)
"""A count of patients as printed: up to four digits, or words ("twenty-one", "one hundred and two")."""
PART_OF_COHORT = 0.8
"""A treatment given to fewer than this share of the cohort is not the cohort's regimen."""

SUBJECTS = r"(?:patients|pts|participants|subjects|cases|individuals|adults|adolescents|children|women|men)"
"""The words a study counts its people in (its size, the share of it given a treatment)."""
_GIVEN = (r"(?:received|underwent|were\s+treated\s+with|were\s+given|were\s+administered|had)"
          r"(?!\s+(?:received|been|prior|previous|previously|earlier|before)\b)")
"""How a share of the cohort is given a treatment; "had received prior X" is its history, not its treatment."""
COUNT_GIVEN_RE = re.compile(
    r"(?:^|[^\w.,])(" + COUNT + r")\s+(?:patients|participants|pts|cases)\s+(?:received|underwent|were\s+treated\s+with"
    r"|were\s+given)\b", re.I)
"""'Nine patients were given X': a counted group and its treatment."""
OF_COHORT_GIVEN_RE = re.compile(
    r"\b(?:of|among)\s+(?:the|these|all|our)?\s*(?P<whole>" + COUNT + r")\s+(?:[\w-]+\s+){0,3}?" + SUBJECTS
    + r"\b[^.;]{0,80}?,\s*(?P<part>" + COUNT + r")\s+(?:\(\s*\d+(?:\.\d+)?\s*%\s*\)\s+)?(?:" + SUBJECTS + r"\s+)?"
    + _GIVEN + r"\s", re.I)
"""'Of the 80 patients, 30 received X': the part and the whole in one sentence."""
OF_WHOM_GIVEN_RE = re.compile(
    r"(?:^|[^\w.,])(?P<whole>" + COUNT + r")\s+(?:[\w-]+\s+){0,3}?" + SUBJECTS
    + r"\b[^.;]{0,100}?,?\s+(?:of|among)\s+(?:whom|them|these)\s*,?\s+(?P<part>" + COUNT + r")\s+"
    r"(?:\(\s*\d+(?:\.\d+)?\s*%\s*\)\s+)?" + _GIVEN + r"\s", re.I)
"""'We reviewed 80 patients, of whom 30 were treated with X'."""
PERCENT_GIVEN_RE = re.compile(
    r"(?:^|[^\w.,])(?P<share>\d+(?:\.\d+)?|" + "|".join(TENS + UNITS[1:]) + r")\s*(?:%|\s(?:per\s?cent|percent))\s+"
    r"(?:of\s+(?:the\s+|these\s+|all\s+|our\s+)?(?:them|" + SUBJECTS + r"|cohort|series)\s+)?"
    r"(?:\(\s*n\s*=\s*\d+\s*\)\s+)?" + _GIVEN + r"\s", re.I)
"""'38% of them received X', 'Twenty percent received X'."""
GIVEN_TO_RE = re.compile(
    r"\b(?:was|were)\s+(?:given|administered|delivered|used|offered)\s+(?:to|in)\s+"
    r"(?:(?P<count>" + COUNT + r")\s+(?:" + SUBJECTS + r")\s*(?:\(\s*(?P<share>\d+(?:\.\d+)?)\s*%\s*\))?"
    r"|(?P<share2>\d+(?:\.\d+)?)\s*%\s+of\s+(?:the\s+)?(?:" + SUBJECTS + r"|cohort|series))", re.I)
"""'X was given to 30 patients (38%)', 'X was used in 20% of cases': the treatment first, then its share."""


def _share_below(share: str | None) -> bool:
    value = word_to_int(share) if share and not share[0].isdigit() else (float(share) if share else None)
    return value is not None and value < 100 * PART_OF_COHORT


def _count_below(part: str, whole: int | None) -> bool:
    count = word_to_int(part)
    return bool(whole and count is not None and count < PART_OF_COHORT * whole)


def given_to_part(text: str, cohort: int, names_treatment: bool = False) -> bool:
    """True when `text` gives its treatment to part of a cohort of `cohort` patients only (see the
    module docstring). The forms that print the whole beside the part, a bare percentage or the
    treatment before its share are read only when the sentence `names_treatment` (a drug or class) of a
    series (not a trial, whose enrolment sentence "Of the 45 patients enrolled, 30 received X" counts who
    was treated at all): "Of the 80 patients, 60 underwent surgery" is no share of any regimen."""
    for m in SHARE_GIVEN_RE.finditer(text):
        if m.group(1) is None or float(m.group(1)) < 100 * PART_OF_COHORT:
            return True
    given = list(COUNT_GIVEN_RE.finditer(text))
    if len(given) == 1 and len(re.findall(r"\d+", text)) <= len(re.findall(r"\d+", given[0].group(1))):
        # a sentence sharing the cohort out among several treatments is read by `study_regimens.mixed_regimen`
        return _count_below(given[0].group(1), cohort)
    if not names_treatment:
        return False
    for m in OF_COHORT_GIVEN_RE.finditer(text):
        if _count_below(m.group("part"), word_to_int(m.group("whole"))):
            return True
    for m in OF_WHOM_GIVEN_RE.finditer(text):
        if _count_below(m.group("part"), word_to_int(m.group("whole"))):
            return True
    if any(_share_below(m.group("share")) for m in PERCENT_GIVEN_RE.finditer(text)):
        return True
    for m in GIVEN_TO_RE.finditer(text):
        share = m.group("share") or m.group("share2")
        if _share_below(share) if share else _count_below(m.group("count"), cohort):
            return True
    return False


NOT_GIVEN_BEFORE_RE = re.compile(
    r"(?<!\bhad\s)(?<!\bhave\s)(?<!\bhas\s)\b(?:(?:did\s+not|didn['’]t|not|never|no\s+longer)\s+"
    r"(?!previously\b|yet\b)(?:\w+\s+)?(?:receive[ds]?|treated\s+with|given|undergo|underwent|get|got)"
    r"|(?<!\bor\s)(?<!\band\s)without|no)\s+(?:any\s+)?(?:(?:adjuvant|neoadjuvant|systemic|further|first-line)\s+)?$",
    re.I)
"""'who did not receive X', 'not treated with X', 'without X', 'no X': a treatment the group went without
(not "with or without X", which names two arms, nor "who had not received X", patients new to X)."""
def not_given_before(text: str, end: int) -> bool:
    """Whether `NOT_GIVEN_BEFORE_RE` matches `text[:end]` (each treatment of a long sentence asks)."""
    return search_ending_at(NOT_GIVEN_BEFORE_RE, text, end) is not None


WENT_WITHOUT_RE = re.compile(
    r"\b(?:those|patients|the\s+others|others)\s+who\s+did\s+not(?:\s+(?:receive|get)\s+(?:it|them|this\s+\w+))?"
    r"(?=\s*(?:[,.;)(]|respectively\b|and\b|$))|\buntreated\s+(?:patients|group|cohort)\b", re.I)
"""'... and those who did not, respectively', 'than untreated patients': a group that went without the treatment
just named, printed without it."""


def withheld_in(text: str, starts: list[int]) -> bool:
    """Whether a treatment mentioned at one of `starts` (offsets into `text`) is one a group went without
    ("those who did not receive X", "X ... and those who did not"): a series in which some patients had it
    and some not."""
    if not starts:
        return False
    return any(NOT_GIVEN_BEFORE_RE.search(text, 0, at) for at in starts) or bool(WENT_WITHOUT_RE.search(text))


_TREATMENT_KIND = (r"(?:(?:adjuvant|neoadjuvant|perioperative|preoperative|postoperative|systemic|maintenance|"
                   r"first-line|second-line|multimodal|combined)\s+){1,2}(?:chemotherapy|radiotherapy|therapy|treatment)"
                   r"|chemotherapy|radiotherapy")
TREATMENT_QUESTION_RE = re.compile(
    r"^\W*(?:(?:the\s+)?(?:impact|role|effect|influence|benefit|value)\s+of\s+(?:" + _TREATMENT_KIND
    + r")\s+(?:on|in|for|after)\b|(?:does|do|is|can|should)\s+(?:the\s+)?(?:addition\s+of\s+)?(?:"
    + _TREATMENT_KIND + r")\s+(?:improve|prolong|benefit|help|matter|reduce))"
    r"|\b(?:multi-?modal(?:ity)?|tri-?modal(?:ity)?|combined[- ]modality)\s+(?:therapy|treatment|management)"
    r"\s+(?:for|in|of)\b", re.I)
"""A title that asks what a kind of treatment does ("Impact of adjuvant chemotherapy on survival in ...",
"Does adjuvant radiotherapy improve ...", "Results of multimodal treatment for X": surgery, radiotherapy
and chemotherapy in the measure each patient had them); a named drug's "Role of X in ..." is left alone."""


def asks_about_treatment(title: str) -> bool:
    """Whether a series' title asks about the effect of a treatment: such a series compares patients with
    and without it, so its whole-cohort results belong to no regimen."""
    return TREATMENT_QUESTION_RE.search(title) is not None


TRIAL_DESIGN_RE = re.compile(r"\bphase\b|\brandomi[sz]ed\b|\bsingle-arm\b", re.I)


def is_series(design: str) -> bool:
    """Whether a study of `design` (`StudyFacts.design`) is a series, not a trial that treats all it enrols."""
    return TRIAL_DESIGN_RE.search(design) is None


COUNTED_GIVEN_RE = re.compile(r"\b\d+\s+(?:\(\s*(?P<share>\d+(?:\.\d+)?)\s*%\s*\)\s+)?(?:patients\s+)?"
                              r"(?:received|were\s+treated\s+with|were\s+given)\s", re.I)
"""'50 (60%) received X', '20 were given Y': a group counted with its treatment, and its share where printed."""


def counted_groups_cover_cohort(text: str) -> bool:
    """Whether groups counted with their shares ("50 (60%) received X and 30 (40%) received Y") cover
    the cohort between them; groups printed without a share are taken to cover it."""
    shares = [float(m.group("share")) for m in COUNTED_GIVEN_RE.finditer(text) if m.group("share")]
    return not shares or sum(shares) >= 100 * PART_OF_COHORT
