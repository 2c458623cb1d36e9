"""Cheap tests that tell a sentence cannot hold what a costlier pattern looks for.

Most patterns of the readers need a word ("response", "risk", "free") that most sentences do not
print; testing for the word first skips the pattern's scan. The test must never say "absent"
where the pattern could match, so it folds case as `re.IGNORECASE` does.
"""

from __future__ import annotations

from functools import lru_cache

_FOLDED_TO_ASCII = ("\u0130", "\u0131", "\u017f")
"""İ, ı and ſ: `re.IGNORECASE` matches them to "i" and "s", `str.lower` keeps them apart."""


@lru_cache(maxsize=16)
def folded(text: str) -> str:
    """`text` lower-cased so that `word in folded(text)` holds wherever an `re.IGNORECASE` pattern
    could match the ASCII `word` in `text` (kept for the last few sentences: several readers ask)."""
    low = text.lower()
    if any(char in text for char in _FOLDED_TO_ASCII):
        low = low.replace("i\u0307", "i").replace("\u0131", "i").replace("\u017f", "s")
    return low


def prints_any(text: str, *words: str) -> bool:
    """Whether `text` may print one of the lower-case ASCII `words` in any case (see `folded`)."""
    low = folded(text)
    return any(word in low for word in words)
