"""What a sentence says around its numbers: endpoints, populations, regimens, scope cues.

Built from the lexicon mentions that fall inside the sentence plus a few general patterns
the lexicon cannot hold: a paper's own groups ("non-ASPS", "other subtypes", pooled
"ASPS or CCS"), "X of Y patients" counts, and cues that a sentence reports this study's
own result ("our", "this study") or another study's ("et al.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractors.records import CitationMarker, Mention
from extractors.regimens import earlier_treatments, regimen_token
from extractors.scan_regex import scan_compile
from extractors.study import about_own_study
from extractors.text_cues import prints_any
from extractors.text_index import last_words, search_before
from extractors.treated_share import WENT_WITHOUT_RE, not_given_before
from ontology.lexicon import Lexicon

# Endpoint families and how a family plus a unit gives the contract's endpoint code.
ENDPOINT_FAMILY = {
    "ORR": "ORR", "DCR": "DCR", "CBR": "CBR",
    "PFS": "PFS", "PFS_median": "PFS", "PFS_rate": "PFS",
    "OS": "OS", "OS_median": "OS", "OS_rate": "OS",
    "DoR": "DoR", "DoR_median": "DoR", "TTR": "TTR", "TTR_median": "TTR",
    "followup_median": "followup",
    "CR": "CR", "CR_n": "CR", "PR": "PR", "PR_n": "PR", "SD": "SD", "SD_n": "SD", "PD": "PD", "PD_n": "PD",
    "HR_PFS": "PFS", "HR_OS": "OS",
    "TTP": "TTP", "TTP_median": "TTP", "TTF": "TTF", "TTF_median": "TTF",
    "EFS": "EFS", "EFS_median": "EFS", "EFS_rate": "EFS",
    "DFS": "DFS", "DFS_median": "DFS", "DFS_rate": "DFS",
    "RFS": "DFS",  # recurrence- or relapse-free survival: the DFS family, as an elided "recurrence-free" is
    "DSS": "DSS", "DSS_median": "DSS", "DSS_rate": "DSS",
}
RESPONSE_CATEGORIES = {"CR", "PR", "SD", "PD"}
ELIDED_SURVIVAL_RE = re.compile(
    r"\b(?P<word>overall|(?:progression|event|disease|recurrence|relapse)[-\s]free)\s+(?:and|or|&)\s+"
    r"(?:overall|(?:progression|event|disease|recurrence|relapse)[-\s]free)\s+survival", re.I)
"""'overall and event-free survival', 'progression-free and overall survival': two endpoints, the first
named without its last word."""
ELIDED_KEYS = {"progression": "PFS", "event": "EFS", "disease": "DFS", "recurrence": "DFS", "relapse": "DFS"}
FOLLOWUP_RE = re.compile(r"\bfollow[-\s]?ups?\b", re.I)
ET_AL_RE = scan_compile(
    r"\b([A-Z][A-Za-z'’\-]+)(?:\s+and\s+(?:his|her|their)\s+colleagues|\s+et\s+al\.?"
    r"|['’]s?\s+(?:study|trial|report|series|cohort|analysis|work|group))"
)
OTHERS_RE = scan_compile(
    r"\b(?:(?:the\s+)?other\s+(?:sub)?types?(?:\s+of\s+[A-Za-z]+)?|other\s+histolog(?:y|ies|ic\s+subtypes)"
    r"|(?<=/)others\b)",
    re.I,
)
NON_GROUP_RE = re.compile(r"\bnon[-–]?\s*(?P<code>[A-Z][A-Za-z]{1,6})\b")
EVERYONE = "ALL"
"""Key of a population that is the whole study ("ASPS and non-ASPS", "sarcoma"): its codes are ()."""
NOT_THIS_REGIMEN_RE = re.compile(
    r"[-\s](?:refractory|naive|naïve|resistant|pretreated|pre-treated|sensitive|intolerant|ineligible|failure)",
    re.I,
)
NO_REGIMEN = ""
"""The regimen item of a treatment a group did not have ("those not treated with X"): it binds the numbers of
that group as any regimen does, and names no regimen (`regimens.regimen_of` drops it)."""
NO_DRUG_GROUP_RE = re.compile(r"\b(?:best\s+supportive\s+care|BSC|(?:surgery|resection|radiotherapy|observation)\s+"
                              r"alone|no\s+further\s+(?:treatment|therapy)|active\s+surveillance|watchful\s+waiting)\b",
                              re.I)
"""A group given no drug ("the surgery alone arm", "with best supportive care"): its numbers take no regimen."""
NO_DRUG_CUES = ("supportive", "BSC", "alone", "further", "surveillance", "watchful")
COUNT_OF_RE = re.compile(
    r"\b(?P<x>\d+|[A-Za-z]+(?:-[a-z]+)?)\s+(?:of|out\s+of)\s+(?:the\s+)?(?P<y>\d+|[A-Za-z]+(?:-[a-z]+)?)\s+"
    r"(?:patients|cases|subjects|pts)\b",
    re.I,
)
GROUP_SIZE_RE = scan_compile(
    r"\b(?:among|in|of|out\s+of|including|included)\s+(?:the\s+|all\s+|a\s+total\s+of\s+)?(?P<n>\d+)\s+"
    r"(?:\w+\s+){0,2}?(?:patients|cases|subjects|pts)\b"
    r"|\(\s*n\s*=\s*(?P<n2>\d+)\s*\)"
    r"|\b(?P<n3>\d+)\s+(?:evaluable\s+)?(?:patients|cases)\s+with\b"
    r"|\b(?P<n4>\d+)\s+(?:patients|cases|subjects|pts)\s+(?:were|was)\s+(?:evaluable|assessable)\b",
    re.I,
)


@dataclass(frozen=True)
class Located:
    """Something found in the sentence, with absolute offsets."""

    kind: str
    key: str
    start: int
    end: int
    codes: tuple[str, ...] = ()


SECOND_EVENT_BEFORE_RE = re.compile(r"\b(?:second|subsequent)\s+$", re.I)
""""second progression-free survival" (PFS2, to progression on the next line): no endpoint of the contract."""


@dataclass
class SentenceContext:
    text: str
    start: int
    section: str
    endpoints: list[Located] = field(default_factory=list)
    populations: list[Located] = field(default_factory=list)
    regimen_items: list[Located] = field(default_factory=list)
    markers: list[CitationMarker] = field(default_factory=list)
    own_study: bool = False
    cited_authors: list[str] = field(default_factory=list)
    pieces: list[tuple[int, int]] = field(default_factory=list)
    """The printed pieces of the sentence (two when a page break cut it)."""
    background: bool = False
    """In an introduction or discussion, where other studies' results are retold."""
    zone: str = ""
    """The sentence's zone (`extractors.zones`): "results", "background", "methods", ..."""

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def rel(self, offset: int) -> int:
        return offset - self.start


@lru_cache(maxsize=8)
def too_generic_populations(lexicon: Lexicon) -> frozenset[str]:
    """Subtype concepts above STS ("sarcoma"): too broad to name a study population."""
    return frozenset(
        c.key for c in lexicon.of_type("subtype") if c.key != "STS" and "STS" in lexicon.subtype_descendants(c.key)
    )


def _inside_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _population_mentions(
    text: str, base: int, subtypes: list[Mention], lexicon: Lexicon, generic: frozenset[str] = frozenset()
) -> list[Located]:
    """Subtype mentions, the paper's own groups, and pooled "A or B" groups."""
    groups: list[Located] = []
    for m in NON_GROUP_RE.finditer(text) if "non" in text else ():  # most sentences: no scan
        code = m.group("code")
        if lexicon.get("subtype", code.upper()) or any(s.surface == code for s in subtypes):
            key = next((s.key for s in subtypes if s.surface == code), code.upper())
            groups.append(Located("population", f"non{key}", base + m.start(), base + m.end(), (f"non{key}",)))
    for m in OTHERS_RE.finditer(text) if prints_any(text, "other") else ():
        groups.append(Located("population", "OTHERS", base + m.start(), base + m.end(), ("OTHERS",)))
    spans = [(g.start, g.end) for g in groups]
    singles = [
        Located("population", EVERYONE if s.key in generic else s.key, s.evidence.start, s.evidence.end,
                () if s.key in generic else (s.key,))
        for s in subtypes
        if not _inside_any(s.evidence.start, s.evidence.end, spans)
    ]
    merged = _pool(text, base, sorted(singles + groups, key=lambda x: x.start))
    return merged


def _pool(text: str, base: int, items: list[Located]) -> list[Located]:
    """"ASPS or CCS", "UPS/others": adjacent populations joined by or / and / slash are one pool."""
    out: list[Located] = []
    for item in items:
        if out:
            prev = out[-1]
            between = text[prev.end - base : item.start - base]
            if re.fullmatch(r"\s*(?:or|/|and)\s*", between) and item.codes != prev.codes and prev.codes and item.codes:
                codes = prev.codes + item.codes
                if any(f"non{c}" in codes for c in codes):
                    out[-1] = Located("population", EVERYONE, prev.start, item.end, ())  # X and non-X: everyone
                else:
                    out[-1] = Located("population", "|".join(codes), prev.start, item.end, codes)
                continue
        out.append(item)
    return out


def build_context(
    text: str,
    start: int,
    section: str,
    mentions: list[Mention],
    markers: list[CitationMarker],
    lexicon: Lexicon,
) -> SentenceContext:
    """Gather what the sentence `text` (at absolute offset `start`) mentions."""
    ctx = SentenceContext(text=text, start=start, section=section, markers=markers)
    generic = too_generic_populations(lexicon)
    subtypes = [m for m in mentions if m.type == "subtype"]
    second_end = -1  # where the last "second <endpoint>" ended: its "(PFS)" names it again
    for m in mentions:
        if m.type == "endpoint" and m.key in ENDPOINT_FAMILY:
            if search_before(SECOND_EVENT_BEFORE_RE, text, m.evidence.start - start) or (
                    second_end >= 0 and re.fullmatch(r"\s*\(\s*", text[second_end - start: m.evidence.start - start])):
                second_end = m.evidence.end
                continue
            ctx.endpoints.append(Located("endpoint", m.key, m.evidence.start, m.evidence.end))
    treatments = [(m, token) for m in mentions if (token := regimen_token(lexicon, m))]
    earlier = earlier_treatments(text, [(m.evidence.start - start, m.evidence.end - start) for m, _ in treatments])
    for i, (m, token) in enumerate(treatments):
        if i not in earlier and not NOT_THIS_REGIMEN_RE.match(text, m.evidence.end - start):
            # "for those who did not receive X": a group of no regimen, printed where X stands
            withheld = not_given_before(text, m.evidence.start - start)
            ctx.regimen_items.append(Located("regimen", NO_REGIMEN if withheld else token, m.evidence.start,
                                             m.evidence.end))
    for nm in NO_DRUG_GROUP_RE.finditer(text) if prints_any(text, *NO_DRUG_CUES) else ():
        ctx.regimen_items.append(Located("regimen", NO_REGIMEN, start + nm.start(), start + nm.end()))
    for nm in WENT_WITHOUT_RE.finditer(text) if prints_any(text, "did not", "untreated") else ():
        ctx.regimen_items.append(Located("regimen", NO_REGIMEN, start + nm.start(), start + nm.end()))
    for em in ELIDED_SURVIVAL_RE.finditer(text) if prints_any(text, "free") else ():
        word = em.group("word")  # "overall and event-free survival": the first endpoint's last word left out
        key = "OS" if word.lower() == "overall" else ELIDED_KEYS.get(word.lower().split("-")[0].split()[0])
        span = (start + em.start("word"), start + em.end("word"))
        if key and not any(e.start <= span[0] < e.end for e in ctx.endpoints):
            ctx.endpoints.append(Located("endpoint", key, *span))
    for fm in FOLLOWUP_RE.finditer(text) if prints_any(text, "follow") else ():
        span = (start + fm.start(), start + fm.end())
        # "a survival follow-up of 30 months (median)", "median survival follow-up": how long survival was followed
        survival = [e for e in ctx.endpoints if e.key == "OS_median" and e.end <= span[0]
                    and not text[e.end - start : fm.start()].strip()]
        if survival:
            ctx.endpoints = [e for e in ctx.endpoints if e not in survival]
            span = (survival[0].start, span[1])
        if not any(e.start <= span[0] < e.end for e in ctx.endpoints):
            ctx.endpoints.append(Located("endpoint", "followup_median", *span))
    ctx.endpoints = _drop_abbreviation_echo(text, start, sorted(ctx.endpoints, key=lambda e: e.start))
    ctx.regimen_items.sort(key=lambda r: r.start)
    ctx.populations = _population_mentions(text, start, subtypes, lexicon, generic)
    ctx.own_study = about_own_study(text)
    ctx.cited_authors = [m.group(1) for m in ET_AL_RE.finditer(text)]
    return ctx


def _drop_abbreviation_echo(text: str, base: int, endpoints: list[Located]) -> list[Located]:
    """"objective response rate (ORR)" names one endpoint once, not twice."""
    out: list[Located] = []
    for e in endpoints:
        if out and ENDPOINT_FAMILY[out[-1].key] == ENDPOINT_FAMILY[e.key]:
            between = text[out[-1].end - base : e.start - base]
            if re.fullmatch(r"\s*\(\s*", between):
                continue
        out.append(e)
    return out


RESPONDERS_AFTER_RE = re.compile(
    r"(?:\s+with\b)?\s*(?:an?\s+|confirmed\s+|durable\s+)?(?:complete|partial|objective|stable"
    r"|responses?\b|(?:CR|PR|SD|ORR)\b|(?:a\s+)?clinical\s+benefit|disease\s+control)", re.I)
"""After "N patients with": a response category, so the N counts responders ("including 3 patients with
complete responses"), never the group the rate is over. Progression is left out: eligibility names groups by it."""

COUNTED_SHARE_AFTER_RE = re.compile(
    r"\s*\(\s*\d+(?:[.·]\d+)?\s*%\s*\)\s*(?:had|achieved|attained|experienced|showed|developed|responded|died"
    r"|remained|were|was)\b", re.I)
"""After "N patients": their share of the group and what they had, so the N counts patients with an outcome."""

EVENT_WORDS = frozenset({"cr", "pr", "sd", "pd", "response", "responses", "disease", "control", "observed", "seen",
                         "recorded", "occurred", "achieved", "documented", "reported", "noted", "progression"})
"""Words after which "in 12 patients" counts patients with an event, not a group ("PR in 12 patients")."""


def group_size(text: str) -> int | None:
    """The group size a sentence states ("among 52 patients", "(n = 24)"), if exactly one; "PR in 12
    patients" and "(n = 4)" after a response category count events, not a group."""
    sizes = set()
    sized = "=" in text or prints_any(text, "patients", "cases", "subjects", "pts")  # what every size prints
    for m in GROUP_SIZE_RE.finditer(text) if sized else ():
        before = last_words(text, m.start(), 2)
        opener = m.group(0).split()[0].lower()
        if (opener == "in" or m.group("n2")) and any(w.lower() in EVENT_WORDS for w in before):
            continue
        if (m.group("n3") or opener in {"including", "included"}) and RESPONDERS_AFTER_RE.match(text, m.end()):
            continue  # "including 3 patients with complete responses" counts responders, not the group
        if m.group("n") and COUNTED_SHARE_AFTER_RE.match(text, m.end()):
            continue  # "of 50 patients (38%) who had SD": a count with its share, not the group
        sizes.add(int(m.group("n") or m.group("n2") or m.group("n3") or m.group("n4")))
    return sizes.pop() if len(sizes) == 1 else None


STUDY_REPORT_RE = re.compile(
    r"\b(?:reported|showed|shown|demonstrated|found|observed|achieved|yielded|produced|led|resulted|was|were|had|"
    r"stud(?:y|ies)|trials?|series|analys[ie]s|cohorts?|et\s+al)\b", re.I)


def is_known_statement(text: str) -> bool:
    """"Patients with advanced STS have a median OS of 12 to 16 months": what is known, told in the
    present tense without a study; "Earlier series reported response rates near 6%" tells of studies."""
    return not STUDY_REPORT_RE.search(text)
