"""Lookups by character offset, so per-sentence work does not scan the whole paper.

A long document (a thesis, a book of abstracts, one 5 MB line) has as many sentences as
mentions and citation markers: filtering every list for every sentence is quadratic in its
length. These indexes answer the same questions in logarithmic time and keep list order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class OffsetIndex(Generic[T]):
    """Items by their start offset."""

    def __init__(self, starts: Sequence[int], items: Sequence[T]) -> None:
        self._order = sorted(range(len(items)), key=starts.__getitem__)
        self._starts = [starts[i] for i in self._order]
        self._items = items

    def within(self, spans: Iterable[tuple[int, int]]) -> list[T]:
        """The items starting inside any [start, end) span, in their original order."""
        hits: set[int] = set()
        for start, end in spans:
            hits.update(self._order[bisect_left(self._starts, start):bisect_left(self._starts, end)])
        return [self._items[i] for i in sorted(hits)]


class Coverage:
    """A set of [start, end) intervals (they may overlap): is an offset inside any of them?"""

    def __init__(self, intervals: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(intervals)
        self._starts = [start for start, _ in ordered]
        self._reach: list[int] = []  # the furthest end among the intervals so far
        for _, end in ordered:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def covers(self, offset: int) -> bool:
        last = bisect_right(self._starts, offset) - 1
        return last >= 0 and self._reach[last] > offset


class Spans:
    """[start, end) spans added one by one (they may overlap or touch): does a span overlap any of them?

    Kept as the disjoint runs their union makes, so a question bisects instead of asking every span
    (a long sentence adds as many spans as it has numbers, and asks as often)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._all: list[tuple[int, int]] = []
        self._starts: list[int] = []  # the union of the non-empty spans, as runs by start
        self._ends: list[int] = []
        self._points: list[int] = []  # empty spans [p, p): they overlap a span holding p strictly inside
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        self._all.append((start, end))
        if end <= start:
            insort(self._points, start)
            return
        first = bisect_left(self._ends, start)  # the runs this span overlaps or touches are merged with it
        past = bisect_right(self._starts, end)
        if first < past:
            start, end = min(start, self._starts[first]), max(end, self._ends[past - 1])
        self._starts[first:past] = [start]
        self._ends[first:past] = [end]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span (a, b) added has a < end and start < b."""
        if end <= start:  # an empty question: the union of the spans does not answer it
            return any(a < end and start < b for a, b in self._all)
        k = bisect_left(self._starts, end)
        if k and self._ends[k - 1] > start:
            return True
        p = bisect_right(self._points, start)
        return p < len(self._points) and self._points[p] < end


class Stabbing:
    """[start, end) intervals in list order: which of them contain an offset, in list order.

    Walks back from the last interval starting at or before the offset while an earlier one may
    still reach it, so the cost is the intervals around the offset, not the whole list (the
    intervals here are sentences and paragraphs, which do not nest deeply)."""

    def __init__(self, intervals: Sequence[tuple[int, int]]) -> None:
        self._order = sorted(range(len(intervals)), key=lambda i: intervals[i][0])
        self._starts = [intervals[i][0] for i in self._order]
        self._ends = [intervals[i][1] for i in self._order]
        self._reach: list[int] = []  # the furthest end among the intervals so far (by start)
        for end in self._ends:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def containing(self, offset: int) -> list[int]:
        """The list positions of the intervals with start <= offset < end, in list order."""
        hits = []
        k = bisect_right(self._starts, offset) - 1
        while k >= 0 and self._reach[k] > offset:
            if self._ends[k] > offset:
                hits.append(self._order[k])
            k -= 1
        return sorted(hits)

    def first_containing(self, offset: int) -> int | None:
        """The first list position whose interval contains `offset` (None: none does)."""
        hits = self.containing(offset)
        return hits[0] if hits else None


_last_index: tuple[list, int, OffsetIndex] | None = None


def mentions_between(mentions: list, start: int, end: int) -> list:
    """The mentions starting in [start, end), in list order, by bisection over the paper's list
    (its index is kept for the list last asked about, and rebuilt when the list grows)."""
    global _last_index
    if _last_index is None or _last_index[0] is not mentions or _last_index[1] != len(mentions):
        _last_index = (mentions, len(mentions), OffsetIndex([m.evidence.start for m in mentions], mentions))
    return _last_index[2].within([(start, end)])


_last_ends: tuple[list, int, list[int]] | None = None


def last_end_by(items: list, offset: int, default: int) -> int:
    """The furthest `end` among the items that end at or before `offset` (`default` when none does), by
    bisection over their sorted ends (kept for the list last asked about, rebuilt when it grows)."""
    global _last_ends
    if _last_ends is None or _last_ends[0] is not items or _last_ends[1] != len(items):
        _last_ends = (items, len(items), sorted(item.end for item in items))
    k = bisect_right(_last_ends[2], offset) - 1
    return _last_ends[2][k] if k >= 0 else default


_last_starts: tuple[list, int, list[int]] | None = None


def starting_within(items: list, start: int, end: int) -> list:
    """The items of a list sorted by `start` whose start lies in [start, end), by bisection (the starts
    are kept for the list last asked about, and read again when it grows)."""
    global _last_starts
    if _last_starts is None or _last_starts[0] is not items or _last_starts[1] != len(items):
        _last_starts = (items, len(items), [item.start for item in items])
    return items[bisect_left(_last_starts[2], start):bisect_left(_last_starts[2], end)]
