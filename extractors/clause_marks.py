"""Where a sentence prints what can break or change a clause, found once per sentence.

The endpoint reader asks, for each number, whether the text between it and an endpoint holds a
semicolon outside parentheses or a word of another measure ("adverse", "dose", ...). In one long
sentence that lists many groups after one endpoint, reading that text again for every number costs
the square of the sentence's length. Most such stretches hold no semicolon and none of those words
at all: a bisection over their places, found once, says so; only a stretch that holds one is read.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache


class Marks:
    """The [start, end) places of some literal strings in one text."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._ends = [end for _, end in ordered]

    def any_within(self, start: int, end: int) -> bool:
        """Whether one of the places lies whole inside [start, end)."""
        k = bisect_left(self._starts, start)
        while k < len(self._starts) and self._starts[k] < end:
            if self._ends[k] <= end:
                return True
            k += 1  # only places that run past `end` are passed over, and they start near it
        return False


@lru_cache(maxsize=16)
def marks_of(text: str, literals: tuple[str, ...]) -> Marks:
    """Every place of each of `literals` in `text`, matched as `re.I` matches them (so offsets are the text's)."""
    return Marks((m.start(), m.end()) for literal in literals for m in re.finditer(re.escape(literal), text, re.I))
