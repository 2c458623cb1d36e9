"""Clinical-trial identifiers and names ("trial_id" mentions) found by patterns.

Trial ids are not lexicon concepts: they are open-ended, so they are recognised by shape.

- Registry numbers: ClinicalTrials.gov `NCT01234567`, `ChiCTR2000012345` / `ChiCTR-IIR-17012345`,
  Chinadrugtrials `CTR20211234`, `EudraCT 2015-001234-56`, `ISRCTN12345678`, `jRCT...`,
  `UMIN000012345`, `ACTRN12612000123456`, `KCT0001234`, `DRKS00012345`, `JapicCTI-123456`, and
  PROSPERO review registrations `CRD42...`.
- Cooperative-group study numbers: `SARC031` / `SARC-031`, `Alliance A021502`, `SWOG S1801`,
  `KEYNOTE-555`, `CheckMate 067`, `EORTC 62012`, `JCOG1306`, ...
- Protocol codes built on a drug code: `ABC123-Ib-01`, `SHR-1210-III-310`.
- Acronym names in capitals used as the name of a trial or study: "the HARBOR trial",
  "HARBOR study", "a phase 3 trial (LANTERN)", "HARBOR-2 is a randomised trial", and the acronym
  in parentheses a trial report's own title line ends with or puts before its design ("... in
  advanced sarcoma (HARBOR-2)."; "... (HARBOR-2): a randomised, phase 3 trial"). Acronyms that
  are lexicon concepts (already an entity), common non-trial acronyms (`NON_TRIAL_ACRONYMS`) and
  abbreviations the text defines
  are not taken, nor names shorter than four characters or without three capitals in a row.

Keys are normalised by `normalise_trial_id`: upper case, no spaces around hyphens, and no
separator between a cooperative-group prefix and its number ("SARC-031", "SARC 031" -> "SARC031";
a lettered number keeps its space: "Alliance A091401").
The component ("sarcoma_trial_ids") adds the matches to `doc.ents` (label "trial_id",
`ent_id_` = "trial_id:KEY"); a longer trial match replaces a shorter lexicon match inside it
("ABC123-Ib-01" over the drug code "ABC123").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractors.abbreviations import find_abbreviations
from extractors.doc_text import doc_text
from extractors.lexicon_ruler import longest_spans
from extractors.offsets import Stabbing
from extractors.records import CitationMarker, Mention, TrialCitation, TrialName
from extractors.scan_regex import scan_compile

REGISTRY_RE = scan_compile(
    r"\b(?:NCT\d{8}|ChiCTR(?:-[A-Z]{2,4}-)?\d{6,12}|CTR\d{8}|EudraCT(?:\s+(?:No\.?|number)?:?)?\s*\d{4}-\d{6}-\d{2}"
    r"|ISRCTN\d{8}|jRCT\w{8,12}|UMIN\d{9}|ACTRN\d{14}|KCT\d{7}|DRKS\d{8}|JapicCTI-\d{6}|CTRI/\d{4}/\d+/\d+"
    r"|CRD42\d{6,11})\b"
)
GROUP_PREFIXES = (
    "SARC", "Alliance", "SWOG", "KEYNOTE", "CheckMate", "EORTC", "JCOG", "GOG", "NRG", "RTOG", "CALGB",
    "NCCTG", "ECOG-ACRIN", "IMpower", "IMbrave", "JAVELIN", "KEYLYNK", "LEAP", "CLEAR", "COG", "NSABP",
)
GROUP_RE = scan_compile(
    r"\b(?P<prefix>" + "|".join(GROUP_PREFIXES) + r")(?P<sep>[- ]?)(?P<number>[A-Z]{0,2}\d{3,6})\b"
)
PROTOCOL_RE = scan_compile(
    r"(?<![./\w-])(?P<code>[A-Z]{2,6}-?\d{3,6})-(?P<part>(?:I{1,3}V?|IV|[1-4])[ab]?|[A-Z][a-z]?)-(?P<num>\d{2,4})\b"
)
THREE_DIGITS_RE = re.compile(r"\d{3}")
"""Every registry (but jRCT), group and protocol number prints three digits in a row: a text without
them is not scanned."""
ACRONYM = r"[A-Z][A-Z0-9]*[A-Z0-9](?:-[A-Z0-9]+)*"
ACRONYM_TRIAL_RE = scan_compile(
    r"\b(?P<name>" + ACRONYM + r")(?:\s+(?:phase\s+[IV1-4]+[ab]?\s+)?)(?:trials?|study|studies)\b"
    r"|\b(?:trials?|study)\s*\((?P<name2>" + ACRONYM + r")\)"
    r"|\((?P<name3>" + ACRONYM + r")\)\s*:\s*(?:an?\s+)?[\w\s,-]{0,80}?\b(?:trial|study)\b"
    r"|\b(?P<name4>" + ACRONYM + r")\s+(?:is|was)\s+(?:the|a|an)\s+(?:first\s+)?[\w\s,-]{0,50}?\b(?:trial|study)\b"
)
TITLE_LINE_RE = re.compile(r"^\s*[^\n]{20,300}\((?P<name>" + ACRONYM + r")\)\s*\.?\s*$")
"""A trial report's title line ending with its acronym: "Phase II study of X in Y (HARBOR-2)."."""
NON_TRIAL_ACRONYMS = frozenset(
    """
    RECIST IRECIST CTCAE ECOG NCCN CSCO ESMO ASCO AACR FDA EMA NMPA WHO NCI NIH TCGA SEER CTOS
    EORTC SPSS SAS IHC PCR RNA DNA HR CI OR RR AE AES TRAE TRAES IRAE IRAES ICI ICIS TKI TKIS
    KM OS PFS ORR DCR CBR DOR TTR CR PR SD PD NR NA ITT PP QOL II III IV IB IA COVID COVID-19
    """.split()
)
"""Acronyms that name guidelines, agencies, methods or endpoints, never a trial."""


@dataclass(frozen=True)
class TrialMatch:
    start: int
    end: int
    text: str
    key: str


GROUP_LETTER_O_RE = re.compile(r"^(?P<prefix>" + "|".join(GROUP_PREFIXES) + r")(?P<sep>[- ]?)O(?P<digits>\d{2,5})$",
                               re.IGNORECASE)
"""A group study number whose leading zero was typed or converted as the letter O ("SARCO31" for
SARC031, "JCOGO603" for JCOG0603): PDF conversion and typing confuse the two."""
TITLE_ACRONYM_RE = re.compile(r"\((?P<name>" + ACRONYM + r")\)(?=\s*[:;.,]|\s*$)")
"""A trial's acronym in parentheses after a report's topic: "Pazopanib for ... (PALETTE): a ... trial"."""
TRIAL_TITLE_RE = re.compile(r"\b(?:trials?|study|randomi[sz]ed|phase\s+(?:[1-4]|I{1,3}V?|IV)[ab]?)\b", re.IGNORECASE)


def normalise_trial_id(text: str) -> str:
    """Upper case, single spaces, no spaces around hyphens, "SARC - 031" -> "SARC031"."""
    text = re.sub(r"\s*-\s*", "-", " ".join(text.split()))
    typo = GROUP_LETTER_O_RE.match(text)
    if typo:
        text = f"{typo.group('prefix')}{typo.group('sep')}0{typo.group('digits')}"
    if text.upper().startswith("EUDRACT"):
        return "EUDRACT " + re.sub(r"^\S+\s*(?:No\.?|number)?:?\s*", "", text)
    group = GROUP_RE.fullmatch(text)
    # "SARC 028" is SARC028 as "SARC-028" is; a lettered study number keeps its space ("Alliance A091401")
    if group and (group.group("sep") != " " or group.group("number").isdigit()):
        return f"{group.group('prefix')}{group.group('number')}".upper()
    return text.upper()


def find_trial_ids(text: str, exclude: frozenset[str] = frozenset()) -> list[TrialMatch]:
    """Trial identifiers and names in `text`, non-overlapping, in order.

    `exclude` holds acronyms that must not be read as trial names (for instance the
    abbreviations the text itself defines)."""
    found: list[TrialMatch] = []
    numbered = THREE_DIGITS_RE.search(text) is not None or "jRCT" in text  # a jRCT id may be all letters
    for regex in (REGISTRY_RE, GROUP_RE, PROTOCOL_RE) if numbered else ():
        for m in regex.finditer(text):
            found.append(TrialMatch(m.start(), m.end(), m.group(), normalise_trial_id(m.group())))
    # every acronym name prints "trial", "study" or "studies" (in lower case), and a title line ends with ")"
    named = "trial" in text or "stud" in text
    names = [(m.start(g), m.end(g), m.group(g)) for m in (ACRONYM_TRIAL_RE.finditer(text) if named else ())
             for g in ("name", "name2", "name3", "name4") if m.group(g)]
    closed = text.rstrip().endswith((")", ").")) and TRIAL_TITLE_RE.search(text)
    title = TITLE_LINE_RE.match(text) if closed else None
    if title:
        names.append((title.start("name"), title.end("name"), title.group("name")))
    for start, end, name in names:
        if len(name) < 4 or name.upper() in NON_TRIAL_ACRONYMS or name in exclude or not re.search("[A-Z]{3}", name):
            continue
        found.append(TrialMatch(start, end, name, normalise_trial_id(name)))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[TrialMatch] = []
    for match in found:
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept


def trials_in_title(title: str, exclude: frozenset[str] = frozenset()) -> list[TrialMatch]:
    """Trials a reference's title names: ids and names as in prose, and, in the title of a trial
    report, the acronym in parentheses after its topic ("... sarcoma (REGOSARC): a randomised,
    double-blind, placebo-controlled, phase 2 trial")."""
    found = find_trial_ids(title, exclude)
    if TRIAL_TITLE_RE.search(title):
        for m in TITLE_ACRONYM_RE.finditer(title):
            name = m.group("name")
            if (len(name) < 4 or name.upper() in NON_TRIAL_ACRONYMS or name in exclude
                    or not re.search("[A-Z]{3}", name) or any(t.start <= m.start("name") < t.end for t in found)):
                continue
            found.append(TrialMatch(m.start("name"), m.end("name"), name, normalise_trial_id(name)))
    return sorted(found, key=lambda t: t.start)


def _with_named(text: str, matches: list[TrialMatch], named: dict[str, str]) -> list[TrialMatch]:
    """`matches` plus every further printing of a name already read as a trial's."""
    found = list(matches)
    for name, key in named.items():
        if name not in text:
            continue  # most paragraphs print none of the names: no scan
        for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            if not any(t.start < m.end() and m.start() < t.end for t in found):
                found.append(TrialMatch(m.start(), m.end(), name, key))
    return sorted(found, key=lambda t: t.start)


class TrialIdRecognizer:
    """Adds trial-id entities; a trial match wins over a shorter lexicon entity inside it.

    Short forms defined anywhere earlier in the same document (docs sharing
    `doc.user_data["scope"]`) are never read as trial names; a name read as a trial's once
    ("the HARBOR-2 trial") is that trial wherever the document prints it again ("HARBOR-2 met
    its primary endpoint").
    """

    def __init__(self, name: str = "sarcoma_trial_ids") -> None:
        self.name = name
        self._scope: object = None
        self._defined: set[str] = set()
        self._named: dict[str, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        scope = doc.user_data.get("scope")
        if scope is None or scope != self._scope:
            self._scope, self._defined, self._named = scope, set(), {}
        text = doc_text(doc)  # `Doc.text` joins every token on each access: read it once
        self._defined |= {a.short for a in find_abbreviations(text)}
        ents = list(doc.ents)  # built once: `doc.ents` walks every token on each access
        known = frozenset({ent.text for ent in ents} | self._defined)
        matches = find_trial_ids(text, exclude=known)
        self._named.update({m.text: m.key for m in matches if not REGISTRY_RE.fullmatch(m.text)})
        matches = _with_named(text, matches, self._named)
        spans = []
        for match in matches:
            span = doc.char_span(match.start, match.end, label="trial_id", span_id=f"trial_id:{match.key}",
                                 alignment_mode="expand")
            if span is None:
                continue
            inside = [e for e in ents if e.start >= span.start and e.end <= span.end]
            if any(e.start == span.start and e.end == span.end for e in inside) and match.text.isalpha():
                continue  # an acronym the lexicon already knows
            spans.append(span)
        if spans:
            doc.ents = longest_spans([*spans, *ents])
        return doc


@Language.factory("sarcoma_trial_ids")
def make_trial_id_recognizer(nlp: Language, name: str) -> TrialIdRecognizer:
    return TrialIdRecognizer(name)


def trial_citations(mentions: list[Mention], citations: list[CitationMarker]) -> list[TrialCitation]:
    """Which cited works report which trials, read from sentences naming a trial and citing.

    A trial name takes the first citation marker after it in its sentence and before the next
    trial name ("SARC028 [5] and Alliance A091401 [6]"; "the SARC028 study ... (5)"), else the
    last marker before it ("as reported [5] in SARC028"). A sentence without a marker links
    nothing: a trial the paper names on its own is only mentioned.
    """
    trials = sorted((m for m in mentions if m.type == "trial_id"), key=lambda m: m.evidence.start)
    trial_starts = [m.evidence.start for m in trials]
    # by offset, not a scan of every marker and trial per trial (a long document names many)
    sentences = Stabbing([(c.sentence.start, c.sentence.end) for c in citations])
    found: list[TrialCitation] = []
    for mention in trials:
        at = mention.evidence.start
        in_sentence = [citations[i] for i in sentences.containing(at)]
        if not in_sentence:
            continue
        sentence = in_sentence[0].sentence
        later = bisect_right(trial_starts, at)
        next_trial = trial_starts[later] if later < len(trials) and trial_starts[later] < sentence.end else sentence.end
        after = [c for c in in_sentence if mention.evidence.end <= c.start < next_trial]
        before = [c for c in in_sentence if c.end <= at]
        marker = min(after, key=lambda c: c.start) if after else max(before, key=lambda c: c.start, default=None)
        if marker is not None:
            found.append(TrialCitation(TrialName(mention.key, mention.surface), marker.numbers, sentence))
    return found
