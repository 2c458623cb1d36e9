"""Cheap tests that tell a sentence cannot hold what a costlier pattern looks for.

Most patterns of the readers need a word ("response", "risk", "free") that most sentences do not
print; testing for the word first skips the pattern's scan. The test must never say "absent"
where the pattern could match, so it folds case as `re.IGNORECASE` does.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TO_ASCII = str.maketrans({"\u0131": "i", "\u017f": "s"})
"""ı and ſ: `re.IGNORECASE` matches them to "i" and "s", `str.lower` keeps them apart."""


@lru_cache(maxsize=16)
def folded(text: str) -> str:
    """`text` lower-cased so that `word in folded(text)` holds wherever an `re.IGNORECASE` pattern
    could match the ASCII `word` in `text`, at the same offsets (kept for the last few sentences:
    several readers ask)."""
    if "\u0130" in text:  # İ: lower-cased to two characters, "i" and a combining dot
        text = text.replace("\u0130", "i")
    low = text.lower()
    return low.translate(_TO_ASCII) if "\u0131" in low or "\u017f" in low else low


def prints_any(text: str, *words: str) -> bool:
    """Whether `text` may print one of the lower-case ASCII `words` in any case (see `folded`)."""
    low = folded(text)
    return any(word in low for word in words)


def first_print(text: str, *words: str) -> int:
    """The earliest offset at which `text` may print one of the lower-case ASCII `words` in any case
    (see `folded`); -1 when it prints none."""
    low = folded(text)
    found = [at for word in words if (at := low.find(word)) >= 0]
    return min(found) if found else -1


LONG_RUN_RE = re.compile(r"\s{40}|\w{40}")
ENDING_WINDOW = 800
"""Longer than any match of the end-anchored patterns `search_ending_at` serves (at most 14 runs of
spaces or word characters, each under 40, and words of a few letters)."""


def search_ending_at(pattern: re.Pattern[str], text: str, end: int) -> re.Match[str] | None:
    """`pattern.search(text, 0, end)` for a pattern anchored at `end` ("...$") whose matches are a few
    words and spaces: searched in the window before `end` (each number or drug of a long sentence asks),
    the whole text only when the window holds a run of 40 that could carry a match past it."""
    start = max(0, end - ENDING_WINDOW)
    if start and LONG_RUN_RE.search(text, start, end):
        return pattern.search(text, 0, end)
    return pattern.search(text, start, end)
