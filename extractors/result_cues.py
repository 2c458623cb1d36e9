"""Fixed cue phrases of result sentences, as phrase patterns over the sentence's tokens.

A cue is a few words in fixed order ("power", "null hypothesis", "was pre-specified") that says
what a sentence's numbers are, wherever they stand. Cues are asked of nearly every sentence, so
they are matched by spaCy's `PhraseMatcher` (lowercased token sequences, looked up by hash): about
a hundredth of what the same phrases cost as `Matcher` patterns, which try every pattern at every
token. They read the tokens `extractors.result_patterns` reads (the pipeline's own, handed over
by the outcome reader), so a line break between two words of a cue does not hide it.

Each `Cue` names its family, says what it catches, gives an example sentence of our own, and
writes its phrases in a small notation (`spellings`): words apart by spaces, a word's alternatives
apart by "|", an optional word ending in "?", a hyphen a word of its own ("two - stage").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import product

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from extractors.pattern_tokens import sentence_tokens


@dataclass(frozen=True)
class Cue:
    family: str
    """What a sentence with the cue is ("design": its rates are assumptions, not results)."""
    description: str
    example: str
    phrases: tuple[str, ...]


def spellings(phrase: str) -> list[tuple[str, ...]]:
    """Every word sequence a phrase stands for: "would be? considered|deemed" -> ("would", "be",
    "considered"), ("would", "considered"), ("would", "be", "deemed"), ("would", "deemed")."""
    positions = []
    for item in phrase.lower().split():
        alternatives = item.rstrip("?").split("|")
        positions.append([*alternatives, ""] if item.endswith("?") else alternatives)
    return [tuple(w for w in words if w) for words in product(*positions)]


CUES: tuple[Cue, ...] = (
    Cue("design", "assume, assumed, assuming, an assumption",
        "Assuming a true rate of 30%, 25 patients give 80% power.",
        ("assume|assumes|assumed|assuming|assumption|assumptions",)),
    Cue("design", "the null hypothesis, rate or response", "The null rate of 10% was rejected if 5 patients responded.",
        ("null hypothesis|hypotheses|rate|rates|response|responses",)),
    Cue("design", "the alternative hypothesis or rate", "An alternative rate of 35% was of interest.",
        ("alternative hypothesis|hypotheses|rate|rates",)),
    Cue("design", "H0 / H1, also printed with subscripts", "Under H0, the response rate is 5%.", ("h0|h1|h₀|h₁",)),
    Cue("design", "power", "The study had 90% power for a rate of 40%.", ("power",)),
    Cue("design", "sample size", "The sample size of 40 gives a CI half-width of 15%.", ("sample size|sizes",)),
    Cue("design", "prespecified as, was prespecified", "An ORR of 30% was pre-specified as the threshold.",
        ("prespecified as", "pre - specified as", "was prespecified", "was pre - specified")),
    Cue("design", "to detect", "Sixty patients were needed to detect a rise from 10% to 25%.", ("to detect",)),
    Cue("design", "the target(ed) rate or ORR", "The target ORR was 25%.", ("target|targeted rate|rates|orr",)),
    Cue("design", "would (be) considered, deemed, warrant", "A rate of 20% would be considered of interest.",
        ("would be? considered|deemed|warrant|warrants",)),
    Cue("design", "considered (clinically) meaningful, promising, active",
        "A DCR of 50% was considered clinically meaningful.",
        ("considered clinically? meaningful|promising|active",)),
    Cue("design", "uninteresting", "A rate of 5% is uninteresting.", ("uninteresting",)),
    Cue("design", "Simon's design", "Simon's optimal design needs 4 responses of 24.", ("simon",)),
    Cue("design", "two-stage design", "A two-stage design stopped at 2 responses among 15 patients.",
        ("two - stage design|designs",)),
    Cue("design", "is, are, was, were defined as", "Response was defined as a 30% decrease.",
        ("was|were|is|are defined as",)),
)
"""Cue phrases of sample-size and design sentences ("assuming an ORR of 10% under H0", "power to
detect an HR of 0.60"): their rates and ratios are assumptions, not results."""


@cache
def _matcher(family: str) -> PhraseMatcher:
    """The phrase patterns of one family's cues, keyed by the cue's index in `CUES`; built once."""
    vocab = sentence_tokens("").doc.vocab
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for i, cue in enumerate(CUES):
        if cue.family == family:
            words = [w for phrase in cue.phrases for w in spellings(phrase)]
            matcher.add(str(i), [Doc(vocab, words=list(w)) for w in words])
    return matcher


def cue_matches(text: str, family: str) -> list[tuple[Cue, int, int]]:
    """The cues of `family` in a sentence, with character offsets relative to it, in order."""
    tokens = sentence_tokens(text)
    matcher = _matcher(family)
    return sorted(((CUES[int(matcher.vocab.strings[key])], tokens.starts[start], tokens.end(end - 1))
                   for key, start, end in matcher(tokens.doc)), key=lambda m: (m[1], m[2]))


def has_cue(text: str, family: str) -> bool:
    """Does the sentence print a cue of `family`?"""
    return bool(_matcher(family)(sentence_tokens(text).doc))
