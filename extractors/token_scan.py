"""Named token patterns read from left to right, the longest reading at each start.

A small engine the number families share (`extractors.statistic_patterns`,
`extractors.quantity_patterns`): a family is a dict of pattern lists, each pattern a list of
(slot, token spec) pairs over the pipeline's tokens (`result_patterns.sentence_tokens`). A scan
keeps, as a regular expression's scan would, the leftmost match and, of those starting there, the
longest; a match never overlaps the one kept before it. Slots come back as character spans of the
sentence text; tokens in the `CONTEXT` slot must be there but are no part of the match.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.matcher import Matcher

from extractors.result_patterns import SentenceTokens, Slotted, pipeline_tokenizer

CONTEXT = "context"
"""Slot of a pattern token that must be there but is no part of the match (what precedes or
follows it)."""

Family = dict[str, Callable[[], list[list[Slotted]]]]
"""Pattern lists by name: each builds its patterns once per process."""


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
    """The Matchers of one family, built on first use, and a leftmost-longest scan over them."""

    def __init__(self, family: Family) -> None:
        self._family = family
        self._built: dict[str, tuple[Matcher, tuple[tuple[str, ...], ...]]] = {}

    def _matcher(self, kind: str) -> tuple[Matcher, tuple[tuple[str, ...], ...]]:
        if kind not in self._built:
            matcher = Matcher(pipeline_tokenizer().vocab)
            slots = []
            for i, pattern in enumerate(self._family[kind]()):
                matcher.add(f"{kind}:{i}", [[dict(spec) for _, spec in pattern]])
                slots.append(tuple(name for name, _ in pattern))
            self._built[kind] = (matcher, tuple(slots))
        return self._built[kind]

    def all_matches(self, tokens: SentenceTokens, kind: str) -> list[TokenMatch]:
        """Every match of the family's `kind` patterns, overlapping ones included."""
        matcher, slot_names = self._matcher(kind)
        vocab_strings = pipeline_tokenizer().vocab.strings
        found = []
        for key, start, end, alignment in matcher(tokens.doc, with_alignments=True):
            # read from the Matcher's vocabulary: a Doc of another lexicon's pipeline does not share it
            index = int(vocab_strings[key].rsplit(":", 1)[1])
            names = slot_names[index]
            slots: dict[str, tuple[int, int]] = {}
            for i, at in zip(range(start, end), alignment, strict=True):
                name = names[at] or "span"
                if name == CONTEXT:
                    continue
                for key_ in {name, "span"}:
                    a, b = slots.get(key_, (tokens.starts[i], tokens.end(i)))
                    slots[key_] = (min(a, tokens.starts[i]), max(b, tokens.end(i)))
            if "span" in slots:
                found.append(TokenMatch(*slots.pop("span"), index, slots))
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
