"""Named token patterns read from left to right, the longest reading at each start.

A small engine the number families share (`extractors.statistic_patterns`,
`extractors.quantity_patterns`), which register their kinds with a `TokenScanner` of their own: a
family is a dict of pattern lists, each pattern a list of (slot, token spec) pairs over the
pipeline's tokens (`pattern_tokens.sentence_tokens`). One Matcher holds every kind of a scanner, so
a sentence is matched once however many of its kinds are read. A scan keeps, as a regular
expression's scan would, the leftmost match and, of those starting there, the longest; a match never
overlaps the one kept before it. Slots come back as character spans of the sentence text; tokens in
the `CONTEXT` slot must be there but are no part of the match.

Cost: the Matcher tries every pattern at every token, and runs a REGEX or IN test of a pattern's
first token on every token, so a family keeps few patterns, with optional tokens, and checks on
each match what a pattern cannot spell. The Matcher is a `GatedMatcher`
(`extractors.gated_matcher`): of a sentence, it runs only the patterns whose required words it prints.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from extractors.gated_matcher import GatedMatcher
from extractors.pattern_tokens import SentenceTokens, pipeline_tokenizer
from extractors.result_patterns import Slotted

CONTEXT = "context"
"""Slot of a pattern token that must be there but is no part of the match (what precedes or
follows it)."""

Family = dict[str, Callable[[], list[list[Slotted]]]]
"""Pattern lists by name: each builds its patterns once per process."""
SENTENCES_KEPT = 8
"""The matches of the last few sentences are kept (a sentence is read whole before the next)."""


@dataclass(frozen=True)
class TokenMatch:
    """One match: its character span (without context tokens) and each slot's span."""

    start: int
    end: int
    pattern: int
    """Index of the pattern in its list (which reading of the family matched)."""
    slots: dict[str, tuple[int, int]] = field(default_factory=dict, hash=False, compare=False)

    def has(self, slot: str) -> bool:
        return slot in self.slots

    def text(self, sentence: str, slot: str) -> str:
        """What the slot reads in `sentence` ("" when the slot did not match)."""
        a, b = self.slots.get(slot, (0, 0))
        return sentence[a:b]


class TokenScanner:
    """One Matcher over every kind registered, built on first use (and again after a later
    registration), run once per sentence however many kinds are read from it; and a leftmost-longest
    scan over one kind's matches."""

    def __init__(self) -> None:
        self._kinds: Family = {}
        self._built: tuple[GatedMatcher, dict[str, tuple[tuple[str, ...], ...]]] | None = None
        self._last: OrderedDict[int, tuple[SentenceTokens, dict[str, list[TokenMatch]]]] = OrderedDict()

    def register(self, family: Family) -> None:
        """Add a family's kinds (a name may be given once)."""
        for kind in family:
            if kind in self._kinds:
                raise ValueError(f"token_scan: the pattern kind {kind!r} is registered twice")
        self._kinds.update(family)
        self._built = None
        self._last.clear()

    def _matcher(self) -> tuple[GatedMatcher, dict[str, tuple[tuple[str, ...], ...]]]:
        if self._built is None:
            matcher = GatedMatcher(pipeline_tokenizer().vocab)
            slots: dict[str, tuple[tuple[str, ...], ...]] = {}
            for kind, build in self._kinds.items():
                patterns = build()
                for i, pattern in enumerate(patterns):
                    matcher.add(f"{kind}:{i}", [[dict(spec) for _, spec in pattern]])
                slots[kind] = tuple(tuple(name for name, _ in pattern) for pattern in patterns)
            self._built = (matcher, slots)
        return self._built

    def all_matches(self, tokens: SentenceTokens, kind: str) -> list[TokenMatch]:
        """Every match of the `kind` patterns, overlapping ones included."""
        if kind not in self._kinds:
            raise KeyError(f"token_scan: no pattern kind {kind!r} is registered")
        cached = self._last.get(id(tokens))
        if cached is None or cached[0] is not tokens:
            cached = (tokens, self._run(tokens))
            self._last[id(tokens)] = cached
            while len(self._last) > SENTENCES_KEPT:
                self._last.popitem(last=False)
        return cached[1].get(kind, [])

    def _run(self, tokens: SentenceTokens) -> dict[str, list[TokenMatch]]:
        matcher, slot_names = self._matcher()
        vocab_strings = pipeline_tokenizer().vocab.strings
        found: dict[str, list[TokenMatch]] = {}
        for key, start, end, alignment in matcher(tokens.doc, with_alignments=True):
            # read from the Matcher's vocabulary: a Doc of another lexicon's pipeline does not share it
            kind, index = vocab_strings[key].rsplit(":", 1)
            names = slot_names[kind][int(index)]
            first_last: dict[str, tuple[int, int]] = {}  # token indices first: a Token object costs
            for i, at in zip(range(start, end), alignment, strict=True):
                name = names[at] or "span"
                if name == CONTEXT:
                    continue
                for key_ in (name, "span") if name != "span" else ("span",):
                    first_last[key_] = (first_last.get(key_, (i, i))[0], i)
            if "span" in first_last:
                slots = {name: (tokens.starts[a], tokens.end(b)) for name, (a, b) in first_last.items()}
                found.setdefault(kind, []).append(TokenMatch(*slots.pop("span"), int(index), slots))
        return found

    def scan(self, tokens: SentenceTokens, kind: str,
             keep: Callable[[TokenMatch], bool] | None = None) -> list[TokenMatch]:
        """Non-overlapping matches of `kind`, from left to right, the longest reading at each start;
        `keep` drops a reading before overlaps are settled (a test a pattern cannot spell)."""
        found = [m for m in self.all_matches(tokens, kind) if keep is None or keep(m)]
        found.sort(key=lambda m: (m.start, -m.end, m.pattern))
        kept: list[TokenMatch] = []
        for match in found:
            if kept and match.start < kept[-1].end:
                continue
            kept.append(match)
        return kept

