"""A grammar of result statements: what a number in a results sentence is, and which group phrase
it is tied to.

Pure functions over one sentence's text (offsets relative to it). `outcomes.py` calls them before
its generic "nearest endpoint" reading, so the shapes below decide first:

- responders: "X of N (P%)", "X (P%) of N", "P% (X/N)", "(X of N, P%)", "X responded (P%)",
  counts in digits or words ("Eleven of the 26"); the percent is the rate, N the group size;
- zero responders: "none of the N with G", "no responses among the N patients with G or the M
  with H" (a rate of 0 for each group);
- response categories: "one complete and seven partial responses", "PR in 12 patients",
  "partial responses in G1 (3 of 5), G2 (2 of 9)";
- the topic of a count-with-percent ("disease control ... in 14 patients (34.1%)");
- numbers that are no result: design assumptions ("assuming an ORR of 10% under H0", "power to
  detect an HR of 0.60"), definitions in parentheses after an endpoint ("CBR; objective response
  or stable disease"), counts of responders ("10 of the 12 responders").
Each statement hands back its group span: where the group phrase that the number belongs to
is printed ("4 of 10 (40%) with UPS", "angiosarcoma (2 of 4)").

The statement shapes themselves (responders, zero-responder anchors, category lists and counts,
counts in parentheses, compact "2 PR/10" counts) are token patterns in `extractors.result_patterns`;
this module turns their matches into `Statement`s with group spans. Still regexes here: topic
words, thresholds and definitions. Design cues are phrase patterns over the same tokens (`extractors.result_cues`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.measurements import NUMBER_WORD_RE, top_level_parts, without_parentheses, word_to_int
from extractors.result_cues import has_cue
from extractors.result_patterns import matches_at, statement_matches
from extractors.scan_regex import scan_compile
from extractors.text_cues import folded
from extractors.text_index import LIST_REACH, after_spaces

COUNT = r"(?:\d+|" + NUMBER_WORD_RE + r")"

TOPIC_RES = (
    ("PFS_rate", re.compile(r"\bprogression[-\s]free\b(?!\s+survival\s+(?:was|of|time))|\bfree\s+of\s+progression"
                            r"|\bnon[-\s]?progression\b",
                            re.I)),
    ("OS_rate", re.compile(r"\b(?:were|was|remained|still)\s+alive\b", re.I)),
    ("DCR", re.compile(r"\bdisease[-\s]control|\bDCR\b", re.I)),
    ("CBR", re.compile(r"\bclinical[-\s]benefit|\bCBR\b", re.I)),
    ("category", re.compile(r"\b(?:complete|partial)\s+(?:respon|remission)|\bstable\s+disease|\bprogressive\s+disease"
                            r"|\bdisease\s+stabili[sz]ation"
                            r"|\b(?:CR|PR|SD|PD)\b|(?<!non-)(?<!non\s)\bprogress(?:ed|ion)\b(?![-\s]free)", re.I)),
    ("none", re.compile(r"adverse|toxicit|\bTRAEs?\b|\bAEs?\b|\bgrade\s*[≥>]?\s*\d|\bmale|\bfemale|\bwomen\b|\bmen\b"
                        r"|\bECOG\b|\bmetasta|\bprior\b|\bprevious|\bdiscontinu|\bdose\b|\breduc|\binterrupt", re.I)),
    # "complete responses" is a category's word, not the response rate's (both patterns would match it); a
    # partial response stays the rate's too ("the best response was a partial response, in 5 of 30 (17%)")
    ("ORR", re.compile(r"(?<!best\s)(?<!overall\s)(?<!complete\s)\brespon(?:se|ses|ded|ding)\b"
                       r"|\bORR\b|(?<!complete\s)\bremission", re.I)),
)
CATEGORY_WORDS = {"complete": "CR", "partial": "PR", "stable": "SD", "progressive": "PD"}
@dataclass(frozen=True)
class Statement:
    """One number a result shape reads, with where its group phrase sits (offsets in the sentence)."""

    kind: str
    """responders | zero | category"""
    value: str
    """The percent as printed for responders, "0" for zero responders, the count for categories."""
    count: int | None
    total: int | None
    start: int
    end: int
    value_start: int
    """Where the number itself is printed (the percent of "X of N (P%)")."""
    group_span: tuple[int, int]
    category: str = ""
    """CR/PR/SD/PD for category counts."""


def _int(token: str | None) -> int | None:
    return word_to_int(token) if token else None


RESPONDERS_NOUN_RE = re.compile(r"\s*(?:\w+\s+)?responders\b|\s*(?:patients\s+)?(?:still|remain)", re.I)
"""After "X of N": "10 of the 12 responders", "3 of 12 patients still ...": no rate of a group."""


def responder_statements(text: str) -> list[Statement]:
    """The "responders" shapes of `extractors.result_patterns` ("X of N (P%)", "X (P%) of N",
    "P% (X/N)", ...), in order, each with its group span."""
    found: list[Statement] = []
    for m in statement_matches(text, "responders"):
        x = _int(text[m.slot_start("x") : m.slot_end("x")])
        n = _int(text[m.slot_start("n") : m.slot_end("n")]) if m.has("n") else None
        if n is None and text[m.start : m.start + 4].lower() == "all ":
            n = x  # "all seven with B (100%)": the group is the count
        if x is None or (n is not None and (n < x or n == 0)):
            continue
        if m.has("n") and RESPONDERS_NOUN_RE.match(text, m.slot_end("n")):
            continue  # "10 of the 12 responders": a count among responders, not a rate
        p_start = m.slot_start("p")
        paren = text[m.start] == "("
        group = (m.slot_end("n") if m.has("n") and m.slot_end("n") < p_start else m.end, p_start)
        found.append(Statement("responders", text[p_start : m.slot_end("p")].replace("·", "."), x, n, m.start, m.end,
                               p_start, (-1, -1) if paren else group))
    found.sort(key=lambda s: s.start)
    return [_with_lead_total(text, s, found[i - 1].end if i else 0) for i, s in enumerate(found)]


def _with_lead_total(text: str, s: Statement, previous_end: int) -> Statement:
    """"Of the 30 patients treated, 16 (53%) responded": the group size is printed before the count
    (after the statement before it, if any)."""
    if s.total is not None:
        return s
    lo = max(previous_end, _clause_start(text, s.start))
    leads = [m for m in statement_matches(text, "lead_total")
             if lo <= m.start and m.end <= s.start and not re.search(r"[.;\d]", text[m.end : s.start])]
    m = min(leads, key=lambda m: (m.start, m.end), default=None)
    total = _int(text[m.slot_start("n") : m.slot_end("n")]) if m else None
    if total is None or (s.count is not None and total < s.count):
        return s
    return Statement(s.kind, s.value, s.count, total, s.start, s.end, s.value_start, s.group_span, s.category)


def result_statements(text: str) -> list[Statement]:
    """Responder and zero-responder statements in order, each with its group span; one statement's
    group phrase ends where the next statement begins."""
    found = sorted(responder_statements(text) + zero_responders(text), key=lambda s: s.start)
    spanned = _with_group_spans(text, found)
    taken = [(s.start, s.end) for s in spanned]
    extra = [z for z in zero_in_groups(text) if not any(a < z.end and z.start < b for a, b in taken)]
    return sorted(spanned + extra, key=lambda s: s.start)


def _with_group_spans(text: str, statements: list[Statement]) -> list[Statement]:
    """A statement's group phrase runs from its count to the next statement (or the clause end);
    one printed inside a parenthesis ("angiosarcoma (2 of 4)") names its group just before."""
    out = []
    for i, s in enumerate(statements):
        limit = statements[i + 1].start if i + 1 < len(statements) else _clause_end(text, s.end)
        opener = NEXT_GROUP_OPENER_RE.search(text, s.end, limit)
        limit = opener.start() if opener else limit  # "..., and in the UPS cohort 3 of 14": the next one's group
        if s.group_span == (-1, -1):
            previous = statements[i - 1].end if i else _clause_start(text, s.start)
            span = (previous, s.start)
        else:
            span = (s.group_span[0], max(_trim_connectors(text, s.group_span[0], limit), s.group_span[1]))
        out.append(Statement(s.kind, s.value, s.count, s.total, s.start, s.end, s.value_start, span, s.category))
    return out


NEXT_GROUP_OPENER_RE = re.compile(r"[;,]\s*(?:(?:and|but|while|whereas)\s+)?(?:in|among|for)\s+(?:the|those)\b", re.I)
"""A clause that opens on another group before the next statement ("(33.3%), and in the MFS cohort 3 of
14 ..."): the group phrase of the statement before ends there."""
CONNECTOR_WORDS = frozenset({"and", "or", "nor", "the", "in", "among"})


def _trim_connectors(text: str, start: int, end: int) -> int:
    """The end of a group phrase without the list words that lead into the next item ("..., and")."""
    while end > start:
        kept = start + len(text[start:end].rstrip(" \t\n,;"))
        word = re.search(r"[A-Za-z]+$", text[max(start, kept - 6) : kept])
        if word and word.group(0).lower() in CONNECTOR_WORDS and (kept - len(word.group(0)) == start or
                                                                 not text[kept - len(word.group(0)) - 1].isalpha()):
            end = kept - len(word.group(0))
            continue
        return kept
    return end


CLAUSE_END_RE = scan_compile(r"[;.](?!\d)|,\s*(?:and\s+|but\s+|while\s+|whereas\s+)?(?=(?:the|median|with|compared"
                             r"|including|comprising|of\s+which)\b)", re.I)
"""Clause ends; ", including k complete responses" opens the breakdown of the number before it."""


BRACKETED_INTERVAL_RE = re.compile(r"\s*(?:\d+(?:\.\d+)?\s*%\s*)?(?:CI|confidence\s+interval)\b", re.I)
"""What follows the ";" of "(67%; 95% CI, 41-87%)": the share's interval, still its clause."""


@lru_cache(maxsize=4)
def _clause_marks(text: str) -> tuple[list[int], list[int]]:
    """Where clauses end (a stop or semicolon, a comma before a new subject) and where they begin
    (after a semicolon or colon), found once per sentence so each lookup is a bisection."""
    depth, inside = 0, []  # "(67%; 95% CI, 41-87%)": a semicolon before a bracketed interval ends no clause
    for ch in text:
        depth = depth + 1 if ch in "([" else max(depth - 1, 0) if ch in ")]" else depth
        inside.append(depth > 0)
    interval = {i for i, ch in enumerate(text) if ch == ";" and inside[i] and BRACKETED_INTERVAL_RE.match(text, i + 1)}
    ends = [m.start() for m in CLAUSE_END_RE.finditer(text) if m.start() not in interval]
    starts = [i + 1 for i, ch in enumerate(text) if ch in ";:" and i not in interval]
    return ends, starts


def _clause_end(text: str, at: int) -> int:
    ends = _clause_marks(text)[0]
    i = bisect.bisect_left(ends, at)
    return ends[i] if i < len(ends) else len(text)


def _clause_start(text: str, at: int) -> int:
    starts = _clause_marks(text)[1]
    i = bisect.bisect_right(starts, at)
    return starts[i - 1] if i else 0


def zero_in_groups(text: str) -> list[Statement]:
    """"no responses were observed in the dacarbazine arm": a rate of 0 for the arm or cohort named."""
    return [Statement("zero", "0", 0, None, m.start, m.end, m.slot_start("group"), (m.slot_start("group"), m.end))
            for m in statement_matches(text, "zero_group")]


def zero_responders(text: str) -> list[Statement]:
    """"none of the 8 with LMS", "no responses among the 9 patients with LMS or the 6 with LPS"."""
    out = []
    for anchor in sorted(statement_matches(text, "zero"), key=lambda m: m.start):
        none = text[anchor.start : anchor.start + 4].lower() == "none"
        if none and not re.search(r"respon", text, re.I):
            continue  # "none of the 8 had progressed" says nothing about response
        pos = anchor.slot_start("n")
        end = _clause_end(text, pos)
        items = []
        while pos < end:
            item = next(iter(matches_at(text, "zero_item", pos)), None)
            if item is None or item.slot_start("n") >= end:
                break
            n = _int(text[item.slot_start("n") : item.slot_end("n")])
            if n is None:
                break
            items.append((item.slot_start("n"), item.end, n))
            following = [m.start for m in statement_matches(text, "zero_next") if m.start >= item.end]
            pos = min(following) if following and min(following) < end else end
        if not items and none:
            n = _int(text[anchor.slot_start("n") : anchor.slot_end("n")])
            if n:
                items.append((anchor.slot_start("n"), anchor.slot_end("n"), n))
        for i, (start, item_end, n) in enumerate(items):
            limit = _trim_connectors(text, item_end, items[i + 1][0] if i + 1 < len(items) else end)
            out.append(Statement("zero", "0", 0, n, anchor.start if i == 0 else start, item_end, start,
                                 (item_end, max(item_end, limit))))
    return out


def statement_topic(text: str, start: int, end: int) -> str | None:
    """What a count-with-percent in `text[start:end]` counts, read from the topic word of its clause
    nearest to it: ORR, DCR, CBR, "category" (CR/PR/SD/PD: a count, not a rate), or None (baseline,
    AE, dose, no topic)."""
    topic = nearest_topic(text, start, end)
    return None if topic == "none" else topic


@lru_cache(maxsize=4)
def _topic_words(text: str) -> tuple[list[int], list[tuple[int, int, str]]]:
    """Every topic word of a sentence, sorted (their starts apart for bisection)."""
    words = sorted((m.start(), m.end(), topic) for topic, pattern in TOPIC_RES for m in pattern.finditer(text)
                   if topic != "category" or not ALL_OF_CATEGORY_RE.search(text, 0, m.start()))
    return [w[0] for w in words], words


ALL_OF_CATEGORY_RE = re.compile(r"\ball\s+(?:of\s+them\s+|were\s+|being\s+)?$", re.I)
"""'11 patients (28%, all partial responses)': the category every responder had, a note on the count's
topic, not the topic itself."""


def nearest_topic(text: str, start: int, end: int) -> str | None:
    """The topic word of the clause nearest to `text[start:end]`: ORR, DCR, CBR, category, none
    (a baseline, safety or dosing word), or None when the clause names no topic."""
    clause_start, clause_end = _clause_start(text, start), _clause_end(text, end)
    starts, words = _topic_words(text)
    i = bisect.bisect_left(starts, start)
    near = [w for w in words[max(0, i - 3) : i + 3] if clause_start <= w[0] and w[1] <= clause_end]
    best: tuple[int, str] | None = None
    for w_start, w_end, topic in near:
        distance = start - w_end if w_end <= start else max(0, w_start - end)
        if best is None or distance < best[0]:
            best = (distance, topic)
    if best is None and clause_start > 1 and text[clause_start - 1] == ":":
        # "Sixteen patients responded (73%): nine of 15 with X (60%) and ...": the lead-in's topic
        lead = nearest_topic(text, clause_start - 1, clause_start - 1)
        return lead if lead in {"ORR", "DCR", "CBR"} else None
    return None if best is None else best[1]


RESPONDED_ALL_RE = re.compile(
    r"\s*(?:had|achieved|showed|attained)\s+(?:an?\s+)?(?:objective\s+|overall\s+)?(?:response|remission)s?"
    r"(?:\s+[\w-]+){0,3}?\s*\(\s*all\s+(?:of\s+them\s+|were\s+)?(?P<c>complete|partial)\b", re.I)


def all_of_category(text: str, end: int) -> str:
    """"9 of 31 patients (29.0%), all partial": every responder had the named category (PR)."""
    close = text.find(")", end)
    opening = after_spaces(text, end)
    if close >= 0 and "(" not in text[end:close]:
        end = close + 1  # the percent's own parenthesis ("(29.0%; 95% CI ...)") ends first
    elif text[opening:opening + 1] == "(":  # "37% (n = 19/52; 95% CI ...)": its fraction's parenthesis
        depth, i = 0, opening
        for i in range(opening, len(text)):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                break
        end = i + 1
    found = matches_at(text, "all_category", end)
    if not found or text[end : found[0].start].strip():
        named = RESPONDED_ALL_RE.match(text, end)  # "10 (26%) had an objective response (all partial)"
        return CATEGORY_WORDS[named.group("c").lower()] if named else ""
    return CATEGORY_WORDS[text[found[0].slot_start("c") : found[0].slot_end("c")].lower()]


def category_counts(text: str) -> list[Statement]:
    """"one complete and seven partial responses" -> CR 1, PR 7."""
    out = []
    for m in statement_matches(text, "category_list"):
        tail = text[m.end : m.end + 40]
        if not re.match(r"\s*(?:\w+\s+)?(?:respon|remission|disease)", tail, re.I) and "respon" not in text.lower():
            continue
        for x, c in (("x1", "c1"), ("x2", "c2")):
            count = _int(text[m.slot_start(x) : m.slot_end(x)])
            if count is not None:
                category = CATEGORY_WORDS[text[m.slot_start(c) : m.slot_end(c)].lower()]
                out.append(Statement("category", str(count), count, None, m.slot_start(x), m.slot_end(c),
                                     m.slot_start(x), (m.end, m.end), category))
    return out


SPLIT_TOTAL_RE = re.compile(r"\s*/\s*(\d+)")


def count_after_category(text: str, category_end: int) -> tuple[int, int | None] | None:
    """(count, the group size printed with it) of "partial response (PR) in 12 patients", "stable disease
    was recorded in 26 patients", "stable disease (n = 57)", "complete response in 3.3% (1/30)" (1, 30)."""
    found = matches_at(text, "after_category", category_end)
    if not found or text[category_end : found[0].start].strip():
        return None
    match = found[0]
    count = _int(text[match.slot_start("x") : match.slot_end("x")])
    if count is None or 1900 <= count <= 2100:
        return None
    split = SPLIT_TOTAL_RE.match(text, match.slot_end("x")) if not match.has("n") else None
    total = _int(text[match.slot_start("n") : match.slot_end("n")]) if match.has("n") else \
        int(split.group(1)) if split else None
    return count, total


def paren_counts(text: str, start: int, end: int) -> list[Statement]:
    """"partial responses in ASPS (3 of 5), UPS (2 of 9)": counts in parentheses after their group."""
    found = [
        Statement("category", str(x), x, _int(text[m.slot_start("n") : m.slot_end("n")]), m.start, m.end,
                  m.slot_start("x"), (-1, -1))
        for m in statement_matches(text, "paren_count")
        if start <= m.start and m.end <= end and (x := _int(text[m.slot_start("x") : m.slot_end("x")])) is not None
    ]
    return _with_group_spans(text, found)


def is_design_statement(text: str) -> bool:
    """A sample-size or design sentence ("assuming ... under H0", "power to detect"): its rates
    are assumptions, not results (the "design" cues of `extractors.result_cues`)."""
    return has_cue(text, "design")


def before_design_clause(text: str) -> int:
    """Where the first clause printing a design cue starts in `text` (clauses split at semicolons outside
    parentheses): numbers before it are results ("responses in 19 (37%); since the lower bound exceeded the
    null rate of 18%, ..."), numbers from it on are assumptions; 0 when the sentence opens with one, and
    len(text) when it prints none."""
    if not is_design_statement(text):
        return len(text)
    return next((start for start, clause in top_level_parts(text) if is_design_statement(clause)), 0)


def definition_spans(text: str, endpoint_ends: list[int]) -> list[tuple[int, int]]:
    """Parentheses opened right after an endpoint name define it ("CBR; objective response or
    stable disease ..."): endpoint words inside them are not what the number measures."""
    spans = []
    for end in endpoint_ends:
        m = re.compile(r"\s*\(").match(text, end)
        if not m:
            continue
        depth, i = 0, m.end() - 1
        for i in range(m.end() - 1, len(text)):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                break
        inside = text[m.end() : i]
        if re.search(r"[;:]|\bor\b|\bdefined\b|\blasting\b|\bplus\b|\+", inside) and not re.search(r"\d\s*%", inside):
            spans.append((m.end(), i))
    return spans


GROUP_PHRASE_RE = re.compile(r"[\s,]*(?:for|in|among|of|with|within|across)\b(?:\s+(?!and\b|or\b|vs\b|versus\b)"
                             r"[^\s\d.;:%]+){0,4}\s*$", re.I)


def group_phrase_follows(between: str) -> bool:
    """Is the text between a number and a population mention after it a group phrase ("for",
    "in the", "among patients with")? At most four words, no number, no list break."""
    return bool(GROUP_PHRASE_RE.match(without_parentheses(between)))


THRESHOLD_BEFORE_RE = scan_compile(
    r"\b(?:component|expression|staining|positivity|content|fraction|score|cells?|level)\s+(?:of\s+)?"
    r"(?:at\s+least|≥|>=?|more\s+than|greater\s+than|above|over|<|≤|less\s+than|below|under)\s*$",
    re.I,
)
THRESHOLD_AFTER_RE = re.compile(r"\s*(?:of\s+(?:the\s+)?(?:tumou?r\s+)?cells|positivity|expression|staining"
                                r"|or\s+(?:greater|higher|more|above|less|lower|below))\b", re.I)


def is_threshold(text: str, start: int, end: int) -> bool:
    """A biomarker or composition cut-off ("a round-cell component of at least 5%", "MAGE-A4 in
    ≥30% of tumour cells", "a proportion score of 50% or higher"), not a result."""
    clause_start = _clause_start(text, start)
    last = start
    while last > clause_start and text[last - 1].isspace():
        last -= 1
    # the pattern ends on a comparison word and spaces: a clause that ends on none is read no further
    compared = folded(text)[max(clause_start, last - 5):last].endswith(THRESHOLD_WORD_ENDS)
    return bool((compared and THRESHOLD_BEFORE_RE.search(text[clause_start:start]))
                or THRESHOLD_AFTER_RE.match(text, end))


THRESHOLD_WORD_ENDS = ("least", "≥", ">", "=", "than", "above", "over", "<", "≤", "below", "under")
"""How every `THRESHOLD_BEFORE_RE` match ends, before its spaces."""


COORDINATED_RE = re.compile(r"(?P<mods>(?:[A-Za-z][\w-]*\s*,\s*)*[A-Za-z][\w-]*)\s*,?\s+(?:and|or)\s+$", re.I)


def coordinated_subtypes(text: str, subtypes: list[tuple[int, int, str]], forms: dict[str, str]
                         ) -> list[tuple[int, int, tuple[str, ...]]]:
    """"embryonal and alveolar RMS", "dedifferentiated and myxoid liposarcoma": modifiers joined
    before one named subtype each name a subtype of their own with the same head. `subtypes` are
    (start, end, code) mentions in `text`; `forms` the lexicon's folded subtype names -> code.
    Returns (start, end, codes) for each coordination found, codes in printed order."""
    out = []
    for start, end, code in subtypes:
        words = text[start:end].split(maxsplit=1)
        if len(words) < 2:
            continue
        head = words[1]
        reach = max(0, start - LIST_REACH)  # the modifiers run a few words: the line's start is looked for no further
        line_start = text.rfind("\n", reach, start) + 1
        m = COORDINATED_RE.search(text, max(reach, line_start, _clause_start(text, start)), start)
        if not m:
            continue
        modifiers = [w.strip() for w in re.split(r"\s*,\s*", m.group("mods")) if w.strip()]
        codes = [forms.get(" ".join(f"{w} {head}".casefold().split())) for w in modifiers]
        if codes and all(codes):
            out.append((m.start("mods"), end, (*codes, code)))
    return out


RESPONSE_WORD_RE = re.compile(r"respon|\b(?:CR|PR|ORR)\b")


def fraction_counts(text: str) -> list[Statement]:
    """"2 PR/10 were seen in DDLPS, 1PR/10 in SS and 0/10 in LMS": a category count (or, for "0/N"
    in a sentence about response, a rate of 0) for the group named after it."""
    # the words first, as plain substrings (most sentences print none), then the pattern
    if not any(cue in text for cue in ("respon", "CR", "PR", "ORR")) or not RESPONSE_WORD_RE.search(text):
        return []
    found = []
    for m in sorted(statement_matches(text, "compact_count"), key=lambda m: m.start):
        x, end = text[m.slot_start("x") : m.slot_end("x")], m.slot_end("n")
        n = int(text[m.slot_start("n") : end])
        if not m.has("category"):  # "0/10 in LMS"
            found.append(Statement("zero", "0", 0, n, m.start, end, m.start, (end, end)))
        else:
            category = text[m.slot_start("category") : m.slot_end("category")].rstrip("s").upper()
            found.append(Statement("category", x, int(x), n, m.start, end, m.start, (end, end), category))
    out = []
    for i, s in enumerate(found):
        limit = found[i + 1].start if i + 1 < len(found) else _clause_end(text, s.end)
        out.append(Statement(s.kind, s.value, s.count, s.total, s.start, s.end, s.value_start,
                             (s.end, max(s.end, _trim_connectors(text, s.end, limit))), s.category))
    return out


WHOLE_GROUP_PHRASE_RE = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:among|in|for|across)\s+(?:all|the\s+(?:overall|whole|entire|total))\s+"
    r"(?:(?:evaluable|enrolled|treated|randomi[sz]ed)\s+)?(?:patients|population|cohort|participants)\b"
    r"|\s*(?:\([^()]*\)\s*)?(?:overall|in\s+total)\b(?!\s+(?:survival|response))",
    re.I,
)


def whole_population_follows(text: str, at: int) -> bool:
    """"4.7 months among all patients", "12% overall": the group phrase after a number names the
    whole study population."""
    return bool(WHOLE_GROUP_PHRASE_RE.match(text, at))
