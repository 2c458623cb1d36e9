"""Drug names the lexicon does not list, recognised by their INN stem ("sarcoma_drug_names").

Papers name drugs the lexicon has never seen: a new agent, or a known one misspelled. A word the
lexicon does not know whose ending is an INN stem of anticancer drugs (-mab antibodies, -nib
kinase inhibitors, -ciclib, -parib, -lisib, -degib, -zomib, -platin, -taxel, -rubicin, -tecan,
-trexed, -citabine) is read as a drug:

- one slip away from a lexicon name (one letter changed, added or dropped, or two neighbours
  swapped: "pembrolisumab", "toripalmab") it is that drug. No two drug names in the lexicon are
  one slip apart (doxorubicin and aldoxorubicin are two), so a new drug is not merged into a
  known one;
- any other such word is a drug of its own, keyed by its lower-case spelling ("zanzalintinib",
  or a misspelling too far from its drug to be sure). `extract` reports each as a problem,
  naming the closest lexicon drug, so an analyst can add it to the lexicon.

A listed name printed with a hyphen inside it ("pembro-lizumab", a line-end hyphen the conversion
kept) is that drug, not an unlisted one named after its tail.

Entities the lexicon ruler found win; the matches are added to `doc.ents` (label "drug",
`ent_id_` = "drug:KEY").
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.doc_text import doc_text
from extractors.lexicon_ruler import JOINING_DASHES
from extractors.text_cues import folded
from ontology.lexicon import Lexicon

INN_STEMS = ("mab", "nib", "ciclib", "parib", "lisib", "degib", "zomib", "platin", "taxel", "rubicin", "tecan",
             "trexed", "citabine")
INN_STEM_RE = re.compile(r"^[a-z][a-z-]{3,}(?:" + "|".join(INN_STEMS) + r")$")

MIN_TYPO_LENGTH = 8
"""Shorter names are too close to each other for a slip to say which drug was meant."""


@lru_cache(maxsize=8)
def _drug_forms(lexicon: Lexicon) -> dict[str, str]:
    """Single-word names of the lexicon's drugs -> drug key."""
    return {form: key for form, key in lexicon.forms("drug").items() if " " not in form}


@lru_cache(maxsize=1024)
def closest_drug(lexicon: Lexicon, word: str) -> tuple[str, float] | None:
    """The lexicon drug whose name is closest to `word`, with the similarity ratio (kept: a comparison
    with every drug name, and papers name the same unlisted drugs again and again)."""
    forms = _drug_forms(lexicon)
    best = difflib.get_close_matches(word.lower(), list(forms), n=1, cutoff=0.6)
    if not best:
        return None
    return forms[best[0]], difflib.SequenceMatcher(None, word.lower(), best[0]).ratio()


def one_slip(a: str, b: str) -> bool:
    """Are `a` and `b` one edit apart: a letter changed, added or dropped, or two neighbours swapped?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _stem_ends(text: str) -> set[int]:
    """The end of every place a stem is printed in `text` (overlapping ones too: "tecanib")."""
    ends = set()
    for stem in INN_STEMS:
        at = text.find(stem)
        while at >= 0:
            ends.add(at + len(stem))
            at = text.find(stem, at + 1)
    return ends


def unlisted_drug_key(lexicon: Lexicon, word: str) -> str | None:
    """The drug key for a word the lexicon does not list, or None when it is no drug name."""
    lower = word.lower()
    # the ending first (a plain string test): most words have none of the stems
    if not (lower[:-1] if lower.endswith("\n") else lower).endswith(INN_STEMS):
        return None
    forms = _drug_forms(lexicon)
    if not INN_STEM_RE.match(lower) or lower in forms:
        return None
    if len(lower) >= MIN_TYPO_LENGTH:
        slipped = {key for form, key in forms.items() if one_slip(lower, form)}
        if len(slipped) == 1:
            return slipped.pop()
    return lower


def split_listed_name(lexicon: Lexicon, doc: Doc, i: int, taken: set[int]) -> tuple[int, str | None]:
    """(first token, key) when tokens i-2..i print a listed drug name broken by a hyphen with no
    space ("Pembro-lizumab"), else (i, None)."""
    if i < 2 or doc[i - 1].text not in JOINING_DASHES or doc[i - 2].whitespace_ or doc[i - 1].whitespace_:
        return i, None
    head = doc[i - 2]
    if not head.is_alpha or head.i in taken:
        return i, None
    return i - 2, _drug_forms(lexicon).get((head.text + doc[i].text).lower())


class DrugNameRecognizer:
    def __init__(self, name: str = "sarcoma_drug_names") -> None:
        self.name = name
        self.lexicon: Lexicon | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.lexicon is None:
            return doc
        # only tokens a stem ends in can be drug names: they are found from the text (a lower-cased
        # copy with the same offsets), not by a look at every token
        ends = _stem_ends(folded(doc_text(doc)))
        if not ends:
            return doc
        spans_at = (doc.char_span(end - 1, end, alignment_mode="expand") for end in ends)
        candidates = sorted({span.start for span in spans_at if span is not None and len(span)})
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        spans = []
        for i in candidates:
            token = doc[i]
            if token.i in taken or not token.is_alpha and "-" not in token.text:
                continue
            start, key = split_listed_name(self.lexicon, doc, token.i, taken)
            if key is None:
                start, key = token.i, unlisted_drug_key(self.lexicon, token.text)
            if key is not None:
                spans.append(Span(doc, start, token.i + 1, label="drug", span_id=f"drug:{key}"))
        if spans:
            doc.ents = sorted([*doc.ents, *spans], key=lambda span: span.start)
        return doc


@Language.factory("sarcoma_drug_names")
def make_drug_name_recognizer(nlp: Language, name: str) -> DrugNameRecognizer:
    """Reads nothing until `extractors.pipeline.build_nlp` gives it the lexicon."""
    return DrugNameRecognizer(name)
