"""Questions asked of one long text at each of its figures, answered from the text's own index.

A reader that asks, for every figure of a sentence, "does this cue occur before it in its clause?" or
"where is the last figure after it?" rescans the sentence each time: one sentence listing thousands
of figures is then read thousands of times. These indexes scan the text once (cached per text) and
answer each question by bisection, with a short window read afresh where the text's edge matters.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

NEAR = 400
"""How much of a span's end is searched afresh: a cue that a span's end cuts short matches there and
nowhere in the whole text; the cues asked about run a few words."""


class SpanIndex:
    """The matches of one pattern in one text (`finditer`, non-overlapping), for questions about spans."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self._pattern, self._text = pattern, text
        spans = [m.span() for m in pattern.finditer(text)]
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]

    def found_within(self, start: int, end: int) -> bool:
        """`pattern.search(text[start:end])` is not None, for a pattern whose matches at `start` are
        those of the whole text there (`start` is 0, or a character no match begins with), which ends
        its matches with a word (`\\b`) and whose matches run under `NEAR` characters: a match of the
        whole text inside the span, else one found afresh in the span's last `NEAR` characters, where
        its end may cut a match short."""
        k = bisect_right(self._ends, end) - 1  # the last match ending inside: the latest start of those
        if k >= 0 and self._starts[k] >= start:
            return True
        return self._pattern.search(self._text, max(start, end - NEAR), end) is not None

    def last_end_before(self, end: int) -> int:
        """The end of the last match ending by `end` (0 when none does): the last match of
        `finditer(text, 0, end)` for a pattern ending on a character it consumes (no `$`, `\\b` or
        lookahead) whose match at a place ends where it ends (one match that `end` cuts is none there)."""
        k = bisect_right(self._ends, end) - 1
        return self._ends[k] if k >= 0 else 0


LIST_REACH = 2000
"""How far back a cue that lists words or numbers before the one read is searched ("dedifferentiated, myxoid
and round cell liposarcoma", "at least 6, 9 and 12 months"): lists of a few dozen words run a few hundred
characters."""


def search_before(pattern: re.Pattern[str], text: str, end: int, reach: int = NEAR) -> re.Match[str] | None:
    """`pattern.search(text[:end])` for a pattern anchored at the end (`$`) whose matches run under
    `reach` characters: only the last `reach` characters are searched (the text before them is seen
    by a word boundary or lookbehind at their start, as in the slice)."""
    return pattern.search(text, max(0, end - reach), end)


@lru_cache(maxsize=32)
def span_index(pattern: re.Pattern[str], text: str) -> SpanIndex:
    return SpanIndex(pattern, text)


class CharIndex:
    """Where one character occurs in one text."""

    def __init__(self, text: str, char: str) -> None:
        self._at = [m.start() for m in re.finditer(re.escape(char), text)]

    def last_before(self, end: int) -> int:
        """`text.rfind(char, 0, end)`."""
        k = bisect_left(self._at, end) - 1
        return self._at[k] if k >= 0 else -1

    def any_before(self, end: int) -> bool:
        """`char in text[:end]`."""
        return bool(self._at) and self._at[0] < end


SPACES_RE = re.compile(r"\s*")


def after_spaces(text: str, at: int) -> int:
    """`at + len(text[at:]) - len(text[at:].lstrip())` (`\\s` and `str.lstrip` skip the same characters),
    without copying the rest of the text."""
    spaces = SPACES_RE.match(text, at)
    return spaces.end() if spaces else at


def last_words(text: str, end: int, count: int) -> list[str]:
    """`re.findall("[A-Za-z]+", text[:end])[-count:]`, from the characters just before `end`: a word the
    window cuts is the window's first, so one more than `count` words found leaves the last ones whole."""
    start = max(0, end - 200)
    while True:
        words = re.findall(r"[A-Za-z]+", text[start:end])
        if len(words) > count or start == 0:
            return words[-count:]
        start = max(0, start - 2000)


@lru_cache(maxsize=32)
def char_index(text: str, char: str) -> CharIndex:
    return CharIndex(text, char)


class LastMatchAfter:
    """The end of the last match of a pattern in `text[pos:]`, for a pattern with no anchor, word
    boundary or lookaround (its matches from `pos` are those of the text sliced there). A scan from
    `pos` and the scan of the whole text find the same matches once one match is common to both,
    a few characters on: the whole text's last match then ends it."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self._pattern, self._text = pattern, text
        self._spans = {m.span() for m in pattern.finditer(text)}
        self._last_end = max((end for _, end in self._spans), default=None)

    def end_after(self, pos: int) -> int | None:
        last = None
        for m in self._pattern.finditer(self._text, pos):
            if m.span() in self._spans:
                return self._last_end
            last = m.end()
        return last


@lru_cache(maxsize=16)
def last_match_after(pattern: re.Pattern[str], text: str) -> LastMatchAfter:
    return LastMatchAfter(pattern, text)
