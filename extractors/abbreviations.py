"""Abbreviation definitions ("alveolar soft part sarcoma (ASPS)") and their resolution.

The detection follows Schwartz & Hearst (2003), "A simple algorithm for identifying
abbreviation definitions in biomedical text", Pacific Symposium on Biocomputing 8:451-462:
a short form in parentheses after its long form ("long form (SF)"), or the reverse
("SF (long form)") when the parentheses hold more than two words; the long form is searched
among the min(|SF| + 5, 2 * |SF|) words before the parenthesis, matching the short form's
characters right to left, the first one at the start of a word.

One relaxation, for papers that abbreviate inside a single word ("myxofibrosarcoma (FBS)"):
when the strict match fails but the word(s) right before the parenthesis form one lexicon
entity whose letters contain the short form's letters in order, that entity is the long form.

The component ("sarcoma_abbreviations") resolves a definition when its long form is a lexicon
concept: the whole long form is one entity, or an entity at its end preceded only by disease
state words (`STATE_MODIFIERS`: "advanced STS (aSTS)", "metastatic soft tissue sarcoma (mSTS)").
From the definition on, occurrences of the short form (and its plural or singular: "TRAEs" /
"TRAE") become entities of that concept. A short form that is itself a lexicon form keeps its
lexicon meaning. Definitions live for one document: docs that carry the same
`doc.user_data["scope"]` (the extractor sets the source file name) share them, a doc with
another or no scope starts afresh.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.doc_text import doc_text
from extractors.lexicon_ruler import longest_spans

STATE_MODIFIERS = frozenset(
    """
    advanced metastatic locally recurrent refractory unresectable relapsed localized localised
    untreated pretreated previously treated primary adult pediatric paediatric childhood
    high-grade low-grade newly diagnosed inoperable progressive
    """.split()
)

_PAREN = re.compile(r"\(([^()]{1,120})\)")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Abbreviation:
    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


def is_short_form(text: str) -> bool:
    """Schwartz-Hearst short-form conditions, plus at least one capital letter."""
    return (
        2 <= len(text) <= 10
        and len(text.split()) <= 2
        and text[0].isalnum()
        and any(c.isalpha() for c in text)
        and any(c.isupper() for c in text)
    )


def long_form_start(short: str, candidate: str) -> int | None:
    """Where the long form of `short` starts in `candidate` (which ends where it must end).

    Characters of the short form are matched right to left; the first one must start a word.
    """
    s_index, l_index = len(short) - 1, len(candidate) - 1
    while s_index >= 0:
        char = short[s_index].lower()
        if not char.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (
            candidate[l_index].lower() != char or (s_index == 0 and l_index > 0 and candidate[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = l_index + 1
    while start > 0 and not candidate[start - 1].isspace():
        start -= 1  # extend to the start of the word
    return start


def _window(text: str, end: int, n_words: int) -> int:
    """Start offset of the last `n_words` words before `end`, not crossing a clause break.

    Only the last `n_words` words are looked at (a clause break further back changes nothing),
    so a long line costs each parenthesis its window, not the whole line before it.
    """
    lowest = _words_back(text, end, n_words)
    floor = max(text.rfind(sep, max(0, lowest - 2), end) for sep in (". ", "; ", ": ", "(", ")", "[", "]", "\n"))
    floor = max(floor + 1, 0) if floor >= 0 else 0
    words = list(_WORD.finditer(text, max(floor, lowest), end))
    return words[-n_words].start() if len(words) >= n_words else (words[0].start() if words else end)


def _words_back(text: str, end: int, n_words: int) -> int:
    """Start of the `n_words`-th word before `end` (of the first word when there are fewer)."""
    at, start = end, end
    for _ in range(n_words):
        while at > 0 and text[at - 1].isspace():
            at -= 1
        if at == 0:
            break
        while at > 0 and not text[at - 1].isspace():
            at -= 1
        start = at
    return start


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Schwartz-Hearst definitions in `text`, in order of the short forms."""
    return list(_abbreviations_in(text))


@lru_cache(maxsize=8)
def _abbreviations_in(text: str) -> tuple[Abbreviation, ...]:
    """Cached: the trial and abbreviation components both read the same unit's definitions."""
    return tuple(_find_abbreviations(text))


def _find_abbreviations(text: str) -> list[Abbreviation]:
    found = []
    for paren in _PAREN.finditer(text):
        inner = re.split(r"[;,]\s", paren.group(1), maxsplit=1)[0].strip()
        inner_start = paren.start(1) + paren.group(1).index(inner) if inner else paren.start(1)
        before_end = paren.start()
        while before_end > 0 and text[before_end - 1].isspace():
            before_end -= 1
        if is_short_form(inner):
            n_words = min(len(inner) + 5, 2 * len(inner))
            window_start = _window(text, before_end, n_words)
            candidate = text[window_start:before_end]
            start = long_form_start(inner, candidate)
            if start is None:
                continue
            long_form = candidate[start:]
            if len(long_form) <= len(inner) or inner in long_form.split():
                continue
            found.append(Abbreviation(inner, long_form, inner_start, inner_start + len(inner),
                                      window_start + start, before_end))
        elif len(paren.group(1).split()) > 2:
            word_start = _words_back(text, before_end, 1)
            word = text[word_start:before_end]
            if word and is_short_form(word) and long_form_start(word, paren.group(1)) == 0:
                found.append(Abbreviation(word, paren.group(1), word_start, before_end,
                                          paren.start(1), paren.end(1)))
    return found


def letters_in_order(short: str, long: str) -> bool:
    """Whether the letters of `short` occur in `long` in order (case-insensitive)."""
    rest = iter(long.lower())
    return all(char in rest for char in short.lower() if char.isalnum())


def resolving_entity(long_start: int, long_end: int, ents: list[Span], text: str | None = None) -> Span | None:
    """The entity that gives the long form its meaning, or None (see the module docstring).
    `text` is the doc's text when the caller has it (`Doc.text` is rebuilt on each access)."""
    for ent in ents:
        if ent.end_char != long_end or ent.start_char < long_start:
            continue
        prefix = (ent.doc.text if text is None else text)[long_start:ent.start_char].lower().split()
        if all(word in STATE_MODIFIERS or word in {"the", "a", "an"} for word in prefix):
            return ent
    return None


def _variants(short: str) -> list[str]:
    """The short form and its plural or singular ("TRAEs" <-> "TRAE")."""
    if len(short) > 2 and short.endswith("s") and short[-2].isupper():
        return [short, short[:-1]]
    if short[-1].isupper():
        return [short, short + "s"]
    return [short]


class AbbreviationResolver:
    """Gives a paper's own short forms the meaning of their long forms' lexicon concepts."""

    def __init__(self, name: str = "sarcoma_abbreviations") -> None:
        self.name = name
        self._scope: object = None
        self._known: dict[str, tuple[str, str]] = {}

    def definitions(self, doc: Doc) -> dict[str, tuple[int, str, str]]:
        """Short form -> (offset from which it applies, label, concept id), defined in `doc`."""
        ents = list(doc.ents)
        text = doc_text(doc)  # `Doc.text` joins every token on each access: read it once
        # entities by their end and start offsets: each parenthesis looks up its neighbours
        # instead of scanning every entity of a long paragraph
        by_end: dict[int, list[Span]] = {}
        for ent in ents:
            by_end.setdefault(ent.end_char, []).append(ent)
        spans = {(e.start_char, e.end_char) for e in ents}
        starts = [e.start_char for e in ents]
        found: dict[str, tuple[int, str, str]] = {}
        for abbr in find_abbreviations(text):
            if (abbr.short_start, abbr.short_end) in spans:
                continue  # the short form is a lexicon form: it keeps its meaning
            ent = resolving_entity(abbr.long_start, abbr.long_end, by_end.get(abbr.long_end, []), text)
            if ent is not None and ent.label_ != "trial_id":
                found.setdefault(abbr.short, (abbr.short_start, ent.label_, ent.id_))
        for paren in _PAREN.finditer(text):
            short = paren.group(1).strip()
            # "doxorubicin (D)": a drug's one-letter short form (not a Roman numeral: "phase I" stays a phase)
            letter = len(short) == 1 and short.isupper() and short not in "IVX"
            if not (is_short_form(short) or letter) or short in found or " " in short:
                continue
            before_end = paren.start()
            while before_end > 0 and text[before_end - 1].isspace():
                before_end -= 1
            ent = next(iter(by_end.get(before_end, [])), None)
            if letter and (ent is None or ent.label_ != "drug" or ent.text[:1].upper() != short):
                continue
            covering = bisect_right(starts, paren.start(1)) - 1  # entities do not overlap
            short_taken = covering >= 0 and paren.start(1) < ents[covering].end_char
            if ent is not None and not short_taken and ent.label_ != "trial_id" and letters_in_order(short, ent.text) \
                    and not _joined_to_same_kind(text, ent, by_end):
                found[short] = (paren.start(1), ent.label_, ent.id_)
        return found

    def __call__(self, doc: Doc) -> Doc:
        scope = doc.user_data.get("scope")
        if scope is None or scope != self._scope:
            self._scope, self._known = scope, {}
        local = self.definitions(doc)
        rules = [(short, 0, label, id_) for short, (label, id_) in self._known.items()]
        rules += [(short, start, label, id_) for short, (start, label, id_) in local.items()]
        spans = []
        forms = [_variants(short) for short, *_ in rules]
        for rule, variant, at in _occurrences(doc_text(doc), forms):  # one pass over the text
            _, start, label, id_ = rules[rule]
            if at < start:
                continue
            span = doc.char_span(at, at + len(forms[rule][variant]), label=label, span_id=id_)
            if span is not None:
                spans.append(span)
        if spans:
            taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
            new = [s for s in longest_spans(spans) if not taken.intersection(range(s.start, s.end))]
            doc.ents = longest_spans([*doc.ents, *new])
        if scope is not None:
            for short, (_, label, id_) in local.items():
                self._known.setdefault(short, (label, id_))
        return doc


_RUN = re.compile(r"[\w-]+")


_JOINED_RE = re.compile(r"(?:\+|/|,|\bplus|\band|\bwith)$", re.I)


def _joined_to_same_kind(text: str, ent: Span, by_end: dict[int, list[Span]]) -> bool:
    """"X plus Y (XY)" abbreviates the combination, not Y alone (extractors/regimen_abbreviations)."""
    end = ent.start_char
    while end > 0 and text[end - 1].isspace():
        end -= 1
    # the joiner ends right before the entity: search only its own few characters, not the text before
    joiner = _JOINED_RE.search(text, max(0, end - 5), end)
    if joiner is None:
        return False
    end = joiner.start()
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return any(other.label_ == ent.label_ for other in by_end.get(end, []))


def _occurrences(text: str, forms: list[list[str]]) -> list[tuple[int, int, int]]:
    """(rule, variant, offset) of every whole-word occurrence of `forms[rule][variant]` in `text`
    (not inside a longer word or hyphenated name), ordered by rule, variant, then offset.

    An occurrence starts where a run of word characters and hyphens starts, and its own leading
    run must be that whole run: each distinct lead run is found by a string search (a paper
    defines a few short forms; a walk over every word of every paragraph cost more).
    """
    by_lead: dict[str, list[tuple[int, int, str]]] = {}
    for rule, variants in enumerate(forms):
        for variant, form in enumerate(variants):
            lead = _RUN.match(form)
            if lead is not None:
                by_lead.setdefault(lead.group(), []).append((rule, variant, form))
    found = []
    # each lead is looked for as a string (a few short forms, not a walk over every word of the text):
    # a place counts where a run starts there (no run character before it) and is the lead whole
    for lead, entries in by_lead.items():
        at = text.find(lead)
        while at >= 0:
            if (at == 0 or not _RUN.match(text, at - 1)) and _RUN.match(text, at).group() == lead:
                for rule, variant, form in entries:
                    end = at + len(form)
                    if text.startswith(form, at) and not (end < len(text) and _RUN.match(text[end])):
                        found.append((rule, variant, at))
            at = text.find(lead, at + 1)
    kept: list[tuple[int, int, int]] = []
    for rule, variant, at in sorted(found):  # a form's occurrences do not overlap (as a regex scan)
        if kept and kept[-1][:2] == (rule, variant) and at < kept[-1][2] + len(forms[rule][variant]):
            continue
        kept.append((rule, variant, at))
    return kept


@Language.factory("sarcoma_abbreviations")
def make_abbreviation_resolver(nlp: Language, name: str) -> AbbreviationResolver:
    return AbbreviationResolver(name)
