"""Which of a sentence's populations a number can see, found once per sentence and looked up by offset.

A population tucked into a parenthesis ("ORR 30% (LMS 4 of 10)") is no group of a number outside
it. One long sentence that lists many groups ("12% (3/25) in X, 40% (4/10) in Y, ...") has as many
populations and parentheses as numbers: testing every population against every parenthesis for each
number, then filtering the list for the one before or after it, costs the cube of the sentence's
length. Here the parentheses, each population's innermost enclosing one and the visible list are
found once per sentence, and "the first population after" / "the last before" an offset bisect.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache

from extractors.measurements import BRACKET_RE
from extractors.offsets import Stabbing
from extractors.outcome_context import Located, SentenceContext


@lru_cache(maxsize=8)
def _paren_spans(text: str, base: int) -> tuple[tuple[int, int], ...]:
    """The sentence's parentheses (absolute offsets), found once per sentence."""
    spans, stack = [], []
    for bracket in BRACKET_RE.finditer(text):  # from bracket to bracket, not character by character
        i = bracket.start()
        if text[i] in "([":
            stack.append(i)
        elif stack:
            spans.append((base + stack.pop(), base + i + 1))
    return tuple(spans)


def _innermost_enclosing(populations: list[Located], parens: tuple[tuple[int, int], ...]) -> list[int | None]:
    """For each population, the position in `parens` of the innermost parenthesis holding it whole.

    Parentheses matched on a stack nest or are disjoint, so the ones holding a population's start
    are a chain, outermost first: a sweep over starts keeps that chain, and every parenthesis that
    holds the population holds the innermost one too."""
    by_start = sorted(range(len(parens)), key=lambda k: parens[k][0])
    out: list[int | None] = [None] * len(populations)
    chain: list[int] = []
    next_paren = 0
    for i in sorted(range(len(populations)), key=lambda i: populations[i].start):
        p = populations[i]
        while next_paren < len(by_start) and parens[by_start[next_paren]][0] <= p.start:
            opened = by_start[next_paren]
            while chain and parens[chain[-1]][1] <= parens[opened][0]:
                chain.pop()  # closed before this one opens
            chain.append(opened)
            next_paren += 1
        while chain and parens[chain[-1]][1] <= p.start:
            chain.pop()
        out[i] = next((k for k in reversed(chain) if p.end <= parens[k][1]), None)
    return out


class VisiblePopulations:
    """The populations a number sees, in the sentence's order (by start), with bisecting lookups."""

    def __init__(self, items: list[Located]) -> None:
        self.items = items
        self._starts = [p.start for p in items]

    def first_from(self, offset: int) -> Located | None:
        """The first population starting at or after `offset`."""
        k = bisect_left(self._starts, offset)
        return self.items[k] if k < len(self.items) else None

    def last_ending_by(self, offset: int) -> Located | None:
        """The last population (in list order) that ends at or before `offset`."""
        k = bisect_right(self._starts, offset) - 1
        while k >= 0 and self.items[k].end > offset:  # only populations overlapping `offset` are passed over
            k -= 1
        return self.items[k] if k >= 0 else None

    def starting_within(self, start: int, end: int) -> list[Located]:
        """The populations that start in [start, end], in list order."""
        return self.items[bisect_left(self._starts, start):bisect_right(self._starts, end)]


class _SentencePopulations:
    """A sentence's populations split once: those outside every parenthesis, and the others by the
    innermost parenthesis around them."""

    def __init__(self, ctx: SentenceContext) -> None:
        populations = ctx.populations
        self.all = VisiblePopulations(populations)
        parens = _paren_spans(ctx.text, ctx.start)
        enclosing = _innermost_enclosing(populations, parens)
        self.outside = VisiblePopulations([p for p, k in zip(populations, enclosing, strict=True) if k is None])
        self._inside: dict[int, list[int]] = {}
        for i, k in enumerate(enclosing):
            if k is not None:
                self._inside.setdefault(k, []).append(i)
        self._holders = list(self._inside)
        self._stabbing = Stabbing([parens[k] for k in self._holders])
        self._populations = populations
        self._enclosing = enclosing

    def visible(self, around: int | None) -> VisiblePopulations:
        """Outside every parenthesis, or inside one whose innermost parenthesis also holds `around`."""
        if around is None or not self._holders:
            return self.outside
        extra = [i for h in self._stabbing.containing(around) for i in self._inside[self._holders[h]]]
        if not extra:
            return self.outside
        shown = set(extra)
        return VisiblePopulations([p for i, p in enumerate(self._populations)
                                   if self._enclosing[i] is None or i in shown])


_cache: dict[int, tuple[list[Located], int, str, int, _SentencePopulations]] = {}


def _sentence_populations(ctx: SentenceContext) -> _SentencePopulations:
    key = id(ctx.populations)
    hit = _cache.get(key)
    if hit is None or hit[0] is not ctx.populations or hit[1] != len(ctx.populations) or hit[2] != ctx.text \
            or hit[3] != ctx.start:
        if len(_cache) >= 8:
            _cache.pop(next(iter(_cache)))
        hit = (ctx.populations, len(ctx.populations), ctx.text, ctx.start, _SentencePopulations(ctx))
        _cache[key] = hit  # the list itself is held, so its id is not reused while cached
    return hit[4]


def populations_index(ctx: SentenceContext) -> VisiblePopulations:
    """All the sentence's populations, parenthesised or not (they are sorted by start)."""
    return _sentence_populations(ctx).all


def visible_index(ctx: SentenceContext, around: int | None = None) -> VisiblePopulations:
    """Populations not tucked into a parenthesis (unless the number at `around` is inside it)."""
    return _sentence_populations(ctx).visible(around)


def visible_populations(ctx: SentenceContext, around: int | None = None) -> list[Located]:
    """Populations not tucked into a parenthesis (unless the number itself is inside it), as a new list."""
    return list(visible_index(ctx, around).items)
