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

from spacy.language import Language
from spacy.tokens import Doc

from corpus.sentences import split_sentences


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
        starts = {start for start, _ in sentence_spans(doc.text)}
        for token in doc:
            token.is_sent_start = token.i == 0 or token.idx in starts
        return doc


@Language.factory("sarcoma_sentences")
def make_sentence_setter(nlp: Language, name: str) -> SentenceSetter:
    return SentenceSetter(name)
