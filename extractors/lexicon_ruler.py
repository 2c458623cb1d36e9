"""A SpanRuler-style component ("sarcoma_lexicon_ruler") fed by the ontology's lexicon.

Every surface form of every concept becomes one pattern row, as spaCy's `SpanRuler` takes
them: `{"label": concept type, "pattern": [token patterns], "id": "type:key"}`.

- Case-sensitive forms (short abbreviations with capitals, see `ontology.lexicon`) match on
  `ORTH`, the others on `LOWER`, so "AS" (angiosarcoma) never matches the English "as".
- Multi-token forms are tokenised with the pipeline's own tokenizer, so "PD-L1", "anti-PD-1",
  "SHR-1210" or "VEGFR/PDGFR" split the same way in the pattern and in the text.
- In case-insensitive forms a hyphen between two words and a space are interchangeable:
  "soft tissue sarcoma" also matches "soft-tissue sarcoma" and the other way round (each
  spelling is its own row, so rows stay exact phrases and match fast). Typeset text joins the
  same words with an en dash ("hand–foot syndrome"): a form printed with hyphens also gets that
  spelling with en dashes, so the lexicon lists the hyphenated name only (`ontology.lexicon.fold`).
- Plurals and misspellings match only when the lexicon lists them as synonyms.

Matches become `doc.ents` (label = concept type, `ent_id_` = "type:key"). Overlaps are
resolved by `longest_spans`: the longest match wins, then the earliest, then the concept type
listed first in `TYPE_PRIORITY`. A class named after its target also mentions the target:
target matches inside a longer drug-class, drug or biomarker entity ("anti-CTLA4", "BRAF/MEK inhibitors",
"PD-1 inhibitors", "PD-L1 expression") are kept in `doc.spans["nested_targets"]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import product

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from extractors.doc_text import doc_text
from ontology.lexicon import Lexicon

TYPE_PRIORITY = ("drug", "drug_class", "subtype", "target", "endpoint", "adverse_event", "biomarker")
"""Which type wins when two concepts claim exactly the same span."""

NUMBERED_RANGE_RE = re.compile(r"^(?P<stem>[A-Za-z][A-Za-z-]*[A-Za-z-])(?P<lo>\d)[–-](?P<hi>\d)$")
"""A numbered family written as a range: "VEGFR1–3", "FGFR1-4" (one token, or three where the dash is split off)."""
_RANGE_IN_TEXT_RE = re.compile(r"[A-Za-z-]\d[–-]\d")
"""Where a NUMBERED_RANGE_RE token could be: a text without it needs no look at its tokens."""
NESTED_KEY = "nested_targets"
"""`doc.spans` key of target mentions nested in a longer drug-class or drug mention."""
NESTING_TYPES = frozenset({"drug_class", "drug", "biomarker"})

PatternRow = dict[str, object]

JOINING_DASHES = frozenset({"-", "\u2010", "\u2011", "\u2013"})
"""Tokens that join two words of a name like a hyphen (hyphen, Unicode hyphens, en dash)."""

MAX_JUNCTIONS = 4
"""Forms with more word junctions than this get only their printed and all-space spellings."""


def concept_id(type_: str, key: str) -> str:
    return f"{type_}:{key}"


def split_id(id_: str) -> tuple[str, str]:
    """"drug:anlotinib" -> ("drug", "anlotinib")."""
    type_, _, key = id_.partition(":")
    return type_, key


def _is_word(text: str) -> bool:
    return len(text) > 1 and text.isalpha()


PLAIN_FORM_RE = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")
"""A form of ASCII words and single spaces: no tokenizer rule splits inside such a word, so its tokens
are its words (unless a word is one of the tokenizer's special cases, "Cannot" or "Dont")."""


def form_tokens(form: str, tokenizer: Tokenizer) -> list[tuple[str, bool]]:
    """The form's tokens as (text, followed by a space). Most of the lexicon's ~7,000 forms are plain
    words, read here without making a `Doc` of each (a sizeable part of building the pipeline, which
    every `kg build --jobs N` waits for); the others are tokenized."""
    if PLAIN_FORM_RE.fullmatch(form):
        words = form.split(" ")
        if not any(word in tokenizer.rules for word in words):
            return [(word, i < len(words) - 1) for i, word in enumerate(words)]
    return [(t.text, bool(t.whitespace_)) for t in tokenizer(form)]


def token_patterns(form: str, case_sensitive: bool, tokenizer: Tokenizer) -> list[list[dict[str, str]]]:
    """Token patterns of one surface form: one, or one per hyphen/space spelling (see above)."""
    attr = "ORTH" if case_sensitive else "LOWER"
    tokens = form_tokens(form, tokenizer)
    words = [text if case_sensitive else text.lower() for text, _ in tokens]
    if not words:
        return []
    if case_sensitive:
        return [[{attr: w} for w in words]]
    # split into word runs joined by a space or a hyphen; each junction may be either
    pieces: list[list[str]] = [[words[0]]]
    junctions: list[str] = []
    i = 1
    while i < len(tokens):
        prev, spaced = tokens[i - 1]
        if (words[i] in JOINING_DASHES and not spaced and i + 1 < len(tokens) and _is_word(prev)
                and _is_word(tokens[i + 1][0])):
            junctions.append("-")
            pieces.append([words[i + 1]])
            i += 2
            continue
        if spaced and _is_word(prev) and _is_word(tokens[i][0]):
            junctions.append(" ")
            pieces.append([words[i]])
        else:
            pieces[-1].append(words[i])
        i += 1
    if len(junctions) > MAX_JUNCTIONS:
        choices = [tuple(junctions), tuple(" " for _ in junctions)]
    else:
        choices = list(product(" -", repeat=len(junctions)))
    if "-" in junctions:  # the printed spelling, typeset: "hand-foot syndrome" -> "hand–foot syndrome"
        choices.append(tuple("–" if joint == "-" else joint for joint in junctions))
    patterns = []
    for choice in dict.fromkeys(choices):
        seq = list(pieces[0])
        for joint, piece in zip(choice, pieces[1:], strict=True):
            seq.extend([joint, *piece] if joint != " " else piece)
        patterns.append([{attr: w} for w in seq])
    return patterns


def lexicon_patterns(lexicon: Lexicon, tokenizer: Tokenizer) -> list[PatternRow]:
    """Pattern rows for every (concept, surface form, hyphen/space spelling)."""
    rows: list[PatternRow] = []
    for concept in lexicon:
        for form, case_sensitive in concept.surface_forms():
            for pattern in token_patterns(form, case_sensitive, tokenizer):
                rows.append({"label": concept.type, "pattern": pattern, "id": concept_id(concept.type, concept.key)})
    return rows


def phrase_words(pattern: object) -> tuple[str, list[str]] | None:
    """(attr, words) when every token of `pattern` tests one exact ORTH (or every one LOWER)."""
    if not isinstance(pattern, list) or not pattern:
        return None
    if not all(isinstance(t, dict) and len(t) == 1 and isinstance(next(iter(t.values())), str) for t in pattern):
        return None
    attrs = {next(iter(t)) for t in pattern}
    if len(attrs) != 1 or not attrs <= {"ORTH", "LOWER"}:
        return None
    attr = attrs.pop()
    return attr, [t[attr] for t in pattern]


def nested_targets(kept: list[Span], matches: list[Span]) -> list[Span]:
    """Target matches inside a kept drug-class or drug span ("anti-CTLA4", "BRAF/MEK inhibitors")."""
    found: dict[tuple[int, int, str], Span] = {}
    for span in matches:
        if span.label_ != "target":
            continue
        for outer in kept:
            if outer.label_ in NESTING_TYPES and outer.start <= span.start and span.end <= outer.end \
                    and (outer.start, outer.end) != (span.start, span.end):
                found.setdefault((span.start, span.end, span.id_), span)
    return sorted(found.values(), key=lambda s: s.start)


def _priority(label: str) -> int:
    return TYPE_PRIORITY.index(label) if label in TYPE_PRIORITY else len(TYPE_PRIORITY)


def longest_spans(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans: longest first, then earliest, then by `TYPE_PRIORITY`."""
    ordered = sorted(spans, key=lambda s: (-(s.end - s.start), s.start, _priority(s.label_), s.id_))
    taken: set[int] = set()
    kept = []
    for span in ordered:
        if not any(i in taken for i in range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)


class LexiconRuler:
    """Matches lexicon pattern rows and writes the winners to `doc.ents`.

    Rows whose tokens each test one exact `ORTH` or `LOWER` value (all that `lexicon_patterns`
    makes) go to two `PhraseMatcher`s, which stay fast with thousands of forms; any other token
    pattern added by hand goes to a `Matcher`.
    """

    def __init__(self, nlp: Language, name: str = "sarcoma_lexicon_ruler") -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.phrase_matchers = {
            "ORTH": PhraseMatcher(nlp.vocab, attr="ORTH"),
            "LOWER": PhraseMatcher(nlp.vocab, attr="LOWER"),
        }
        self.matcher = Matcher(nlp.vocab, validate=True)
        self._patterns: list[PatternRow] = []
        self.reads_letterless = False
        """Whether some row could match a text without a letter (a phrase of no letter, or any
        row for the `Matcher`, which may test anything): `extractors.extract` reads table cells
        without letters only then."""

    @property
    def patterns(self) -> list[PatternRow]:
        return [dict(row) for row in self._patterns]

    def __len__(self) -> int:
        return len(self._patterns)

    def add_patterns(self, rows: Iterable[PatternRow]) -> None:
        phrases: dict[tuple[str, str], list[list[int]]] = {}
        for row in rows:
            id_, pattern = str(row["id"]), row["pattern"]
            phrase = phrase_words(pattern)
            if phrase:
                attr, words = phrase
                phrases.setdefault((attr, id_), []).append(self._phrase_key(attr, words))
                self.reads_letterless |= not any(ch.isalpha() for word in words for ch in word)
            else:
                self.matcher.add(id_, [pattern])  # type: ignore[list-item]
                self.reads_letterless = True
            self._patterns.append(dict(row))
        for (attr, id_), keys in phrases.items():
            # each phrase as its tokens' attribute values, the form in which spaCy itself adds the
            # phrases of an unpickled PhraseMatcher: a Doc per phrase (and a vocabulary entry per
            # word) was half the cost of building the pipeline
            self.phrase_matchers[attr].add(id_, keys)  # type: ignore[arg-type]

    def _phrase_key(self, attr: str, words: list[str]) -> list[int]:
        """What the PhraseMatcher reads from a Doc of `words`: each token's ORTH, or its LOWER (the
        lowercase form the vocabulary gives a word), as string hashes."""
        if attr == "LOWER":
            lower = self.vocab.lex_attr_getters.get(LOWER, str.lower)
            words = [lower(word) for word in words]
        return [self.vocab.strings.add(word) for word in words]

    def __call__(self, doc: Doc) -> Doc:
        matches = [*self.phrase_matchers["ORTH"](doc), *self.phrase_matchers["LOWER"](doc)]
        if len(self.matcher):
            matches.extend(self.matcher(doc))
        spans = []
        for match_id, start, end in matches:
            id_ = doc.vocab.strings[match_id]
            spans.append(Span(doc, start, end, label=split_id(id_)[0], span_id=id_))
        doc.ents = longest_spans([*doc.ents, *spans, *self._numbered_ranges(doc)])
        doc.spans[NESTED_KEY] = nested_targets(list(doc.ents), spans)
        return doc

    def _numbered_ranges(self, doc: Doc) -> list[Span]:
        """"VEGFR1–3" prints the name of its first member: a target span for it over the range's
        token (the token is one word, so no lexicon form matches it otherwise)."""
        found: list[Span] = []
        if _RANGE_IN_TEXT_RE.search(doc_text(doc)) is None:
            return found
        for token in doc:
            end = token.i + 1
            printed = token.text
            if end + 1 < len(doc) and not token.whitespace_ and doc[end].text in JOINING_DASHES \
                    and not doc[end].whitespace_:  # the tokenizer splits a dash between digits off
                printed, end = printed + doc[end].text + doc[end + 1].text, end + 2
            m = NUMBERED_RANGE_RE.match(printed)
            if not m or not 0 < int(m.group("hi")) - int(m.group("lo")) <= 4:
                continue
            word = Doc(self.vocab, words=[f"{m.group('stem')}{m.group('lo')}"])
            ids = sorted({doc.vocab.strings[i] for matcher in self.phrase_matchers.values()
                          for i, _, _ in matcher(word)})
            found += [Span(doc, token.i, end, label="target", span_id=i)
                      for i in ids[:1] if split_id(i)[0] == "target"]
        return found


@Language.factory("sarcoma_lexicon_ruler")
def make_lexicon_ruler(nlp: Language, name: str) -> LexiconRuler:
    """An empty ruler; `extractors.pipeline.build_nlp` adds the lexicon's pattern rows."""
    return LexiconRuler(nlp, name)
