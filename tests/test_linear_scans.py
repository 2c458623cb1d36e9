"""Reading a paper hands the regex engine text in proportion to its length: counted, never timed.

`test_linear_work` counts the Python lines each function runs; a function that runs a few lines per
figure but hands the engine the rest of its sentence each time ("the last figure after this one",
"a consequence earlier in the clause", a pattern matched on `text[end:]`) escapes it, and one long
sentence listing thousands of figures then costs its length squared. Here the characters each
project function hands to the engine are counted at one size and at four times that: a search's
span up to its match, a match's whole string when handed a slice from its start (a copy of the
rest of the text), a match's extent when started at a position.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from long_documents import SHAPES
from test_linear_work import GROWTH, SLACK, SMALL

from corpus.reader import parse_source
from extractors.extract import extract
from ontology.lexicon import load_lexicon

ROOT = Path(__file__).resolve().parents[1]
PROJECT_CODE = tuple(str(ROOT / part) + "/" for part in ("corpus", "extractors", "kg"))
MIN_CHARS = 200_000
"""Functions that hand the engine fewer characters than this on the large text are too small to judge."""


def _caller(depth: int = 2) -> str | None:
    frame = sys._getframe(depth)
    code = frame.f_code
    if not code.co_filename.startswith(PROJECT_CODE):
        return None
    return f"{code.co_filename}:{code.co_name}@{code.co_firstlineno}"


class CountingPattern:
    """A compiled pattern that counts, per calling project function, the characters it is handed."""

    def __init__(self, real: re.Pattern[str], counts: Counter[str]) -> None:
        self._real, self._counts = real, counts

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def _add(self, chars: int) -> None:
        caller = _caller(3)
        if caller:
            self._counts[caller] += chars

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        m = self._real.search(string, pos, endpos)
        self._add((m.end() if m else min(endpos, len(string))) - pos)
        return m

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        m = self._real.match(string, pos, endpos)
        self._add(len(string) if pos == 0 else (m.end() - pos if m else 0))
        return m

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        m = self._real.fullmatch(string, pos, endpos)
        self._add(min(endpos, len(string)) - pos)
        return m

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        caller = _caller()
        end = min(endpos, len(string))

        def scan() -> Iterator[re.Match[str]]:
            reached = pos  # counted as far as the caller read: a scan stopped early reads no further
            try:
                for m in self._real.finditer(string, pos, endpos):
                    reached = m.end()
                    yield m
                reached = end
            finally:
                if caller:
                    self._counts[caller] += reached - pos
        return scan()

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        self._add(min(endpos, len(string)) - pos)
        return self._real.findall(string, pos, endpos)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        self._add(len(string))
        return self._real.sub(repl, string, count)

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        self._add(len(string))
        return self._real.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        self._add(len(string))
        return self._real.split(string, maxsplit)


def _compared_by_identity() -> set[str]:
    """Patterns the code compares by identity (`m.re is NAME`): a stand-in would change the reading."""
    names: set[str] = set()
    for folder in ("corpus", "extractors", "kg"):
        for path in (ROOT / folder).rglob("*.py"):
            names.update(re.findall(r"\.re is (\w+)", path.read_text(encoding="utf-8")))
    return names


def _module_level(counts: Counter[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pattern held by a project module stands in for itself, counted; so do `re`'s functions."""
    kept = _compared_by_identity()
    stand_ins: dict[int, CountingPattern] = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith(("corpus.", "extractors.", "kg.")):
            continue
        for attr, value in list(vars(module).items()):
            if isinstance(value, re.Pattern) and attr not in kept:
                stand_in = stand_ins.setdefault(id(value), CountingPattern(value, counts))
                monkeypatch.setattr(module, attr, stand_in)

    def counted(method: str) -> Callable[..., Any]:
        def call(pattern: Any, string: str, *args: Any, **kwargs: Any) -> Any:
            flags = kwargs.pop("flags", 0)
            real = pattern._real if isinstance(pattern, CountingPattern) else re.compile(pattern, flags)
            return getattr(CountingPattern(real, counts), method)(string, *args, **kwargs)
        return call

    for method in ("search", "match", "fullmatch", "finditer", "findall"):
        monkeypatch.setattr(re, method, counted(method))

    def sub(pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0) -> str:
        real = pattern._real if isinstance(pattern, CountingPattern) else re.compile(pattern, flags)
        return CountingPattern(real, counts).sub(repl, string, count)

    def split(pattern: Any, string: str, maxsplit: int = 0, flags: int = 0) -> list[str]:
        real = pattern._real if isinstance(pattern, CountingPattern) else re.compile(pattern, flags)
        return CountingPattern(real, counts).split(string, maxsplit)

    monkeypatch.setattr(re, "sub", sub)
    monkeypatch.setattr(re, "split", split)


def characters_scanned(text: str, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    lexicon = load_lexicon()
    counts: Counter[str] = Counter()
    with monkeypatch.context() as patch:
        _module_level(counts, patch)
        extract(parse_source(text, "long.txt"), lexicon)
    return counts


@pytest.fixture(scope="module", autouse=True)
def _warm_pipeline() -> None:
    extract(parse_source(SHAPES["thesis"](3000), "warm.txt"), load_lexicon())


def rescanning(small: Counter[str], large: Counter[str], size_ratio: float) -> dict[str, tuple[int, int]]:
    """The functions whose characters handed to the engine grew much faster than the text."""
    return {name: (small[name], count) for name, count in large.items()
            if count >= MIN_CHARS and count > SLACK * size_ratio * max(small[name], 1)}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_no_function_hands_the_regex_engine_more_than_linear_text(shape: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    small_text, large_text = SHAPES[shape](SMALL), SHAPES[shape](SMALL * GROWTH)
    small, large = characters_scanned(small_text, monkeypatch), characters_scanned(large_text, monkeypatch)
    assert sum(large.values()) > 0.5 * len(large_text)  # the text was really read through the stand-ins
    assert rescanning(small, large, len(large_text) / len(small_text)) == {}


def _per_item_tail(pattern: CountingPattern, text: str, ends: list[int]) -> int:
    return sum(1 for end in ends if pattern.match(text[end:]))


def _at_each_item(pattern: CountingPattern, text: str, ends: list[int]) -> int:
    return sum(1 for end in ends if pattern.match(text, end))


def test_the_count_catches_a_match_on_the_rest_of_the_text_and_passes_a_match_at_a_position(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "PROJECT_CODE", (__file__,))
    counts = []
    for items in (3000, 3000 * GROWTH):
        counted: Counter[str] = Counter()
        pattern = CountingPattern(re.compile(r"\s*and"), counted)
        text = "x and " * items
        ends = list(range(1, len(text), 6))
        assert _per_item_tail(pattern, text, ends) == _at_each_item(pattern, text, ends) == items
        counts.append(counted)
    flagged = rescanning(counts[0], counts[1], GROWTH)
    (name,) = flagged
    assert name.endswith(f":<genexpr>@{_per_item_tail.__code__.co_firstlineno + 1}")  # the scan in _per_item_tail
    assert flagged[name][1] > 10 * flagged[name][0]  # sixteenfold, for four times the items
