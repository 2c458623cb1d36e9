"""Sentence starts as a spaCy component ("sarcoma_sentences").

spaCy's rule-based `sentencizer` splits after every period, which breaks clinical text at
"vs.", "et al.", "Fig. 2", "ref. 16" and at initials. The corpus reader already owns rules that
survive those (`corpus.sentences.split_sentences`); this component applies the same rules to a
spaCy `Doc`, so a sentence the reader reports and one the pipeline sees are the same text.
A line break also ends a sentence (PDF conversions put headings and table rows on lines of
their own). The matching logic is the pure function `sentence_spans`.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from corpus.sentences import split_sentences
from extractors.doc_text import doc_text


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, line by line, whitespace trimmed."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        spans.extend((s.start, s.end) for s in split_sentences(line.group(), line.start()))
    return spans


class SentenceSetter:
    """Sets `Token.is_sent_start` from `sentence_spans`."""

    def __init__(self, name: str = "sarcoma_sentences") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = {start for start, _ in sentence_spans(doc_text(doc))}
        # one array write: setting `Token.is_sent_start` token by token rescans the whole doc
        # each time (spaCy checks for a parse), which is quadratic in a long line; the token
        # offsets are read as one array too (a Token object per token cost as much as the rules)
        flags = numpy.array([1 if idx in starts else -1 for idx in doc.to_array(IDX).tolist()], dtype="int64")
        flags[0] = 1
        doc.from_array([SENT_START], flags.view("uint64").reshape(-1, 1))
        return doc


@Language.factory("sarcoma_sentences")
def make_sentence_setter(nlp: Language, name: str) -> SentenceSetter:
    return SentenceSetter(name)
