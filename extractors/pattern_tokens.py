"""The tokens a sentence's token patterns read: the pipeline's own, handed over by the outcome reader
sentence by sentence (`hand_over`), else the sentence tokenized by the pipeline's tokenizer; whitespace
tokens left out, each token with its offset in the sentence text. Used by `extractors.result_patterns`
and the other token-pattern readers."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IDX, IS_SPACE
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from extractors.pipeline import build_nlp


@lru_cache(maxsize=1)
def pipeline_tokenizer() -> Tokenizer:
    """The pipeline's tokenizer (its rules keep numbers apart from what is glued to them, see
    `extractors.pipeline`), for a sentence whose pipeline tokens were not handed over."""
    return build_nlp().tokenizer


@dataclass(frozen=True)
class SentenceTokens:
    """A sentence's tokens without whitespace tokens (a line break inside "7 of\n20" must not stop
    a pattern), with each token's offset in the sentence text."""

    text: str
    doc: Doc | Span
    starts: tuple[int, ...]

    def end(self, i: int) -> int:
        return self.starts[i] + len(self.doc[i])


def tokens_of(span: Span, text: str) -> SentenceTokens:
    """The pipeline's own tokens of a sentence (`span`, which reads `text`), as the patterns read
    them (no tokenizing again: a sentence with a whitespace token is copied into a Doc without it)."""
    offsets = span.doc.user_data.get(OFFSETS_KEY)
    if offsets is None:  # once per paragraph, not a Token object per token and sentence
        offsets = span.doc.user_data[OFFSETS_KEY] = span.doc.to_array([IDX, IS_SPACE])
    rows = offsets[span.start : span.end]
    base = span.start_char
    if not rows[:, 1].any():
        return SentenceTokens(text, span, tuple((rows[:, 0] - base).tolist()))
    kept = [t for t in span if not t.is_space]
    doc = Doc(span.doc.vocab, words=[t.text for t in kept], spaces=[True] * len(kept))
    return SentenceTokens(text, doc, tuple(t.idx - base for t in kept))


OFFSETS_KEY = "result_patterns.offsets"
"""`Doc.user_data` key of a paragraph Doc's token offsets and whitespace flags (one array)."""


_HANDED_OVER: OrderedDict[str, Span | SentenceTokens] = OrderedDict()
HANDED_OVER_KEPT = 8


def hand_over(span: Span, text: str) -> None:
    """Give the grammar a sentence's tokens from the pipeline's Doc before the sentence's text is
    read (the outcome reader does, sentence by sentence): every function of the grammar takes the
    sentence text, and finds its tokens here by that text instead of tokenizing it again. The last
    few are kept (a sentence is read whole before the next); their offsets are worked out only
    for a sentence some shape is looked for in."""
    _HANDED_OVER[text] = span
    _HANDED_OVER.move_to_end(text)
    while len(_HANDED_OVER) > HANDED_OVER_KEPT:
        _HANDED_OVER.popitem(last=False)


def sentence_tokens(text: str) -> SentenceTokens:
    """The tokens of a sentence: those handed over for its text, else its text tokenized."""
    given = _HANDED_OVER.get(text)
    if given is None:
        return _tokenized(text)
    if isinstance(given, Span):
        given = _HANDED_OVER[text] = tokens_of(given, text)
    return given


@lru_cache(maxsize=8)
def _tokenized(text: str) -> SentenceTokens:
    tokenized = pipeline_tokenizer()(text)
    kept = [t for t in tokenized if not t.is_space]
    if len(kept) == len(tokenized):
        return SentenceTokens(text, tokenized, tuple(t.idx for t in tokenized))
    doc = Doc(tokenized.vocab, words=[t.text for t in kept], spaces=[True] * len(kept))
    return SentenceTokens(text, doc, tuple(t.idx for t in kept))
