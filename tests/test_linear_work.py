"""Reading a paper does work in proportion to its length: counted, never timed.

Every line of the project's own Python (corpus/, extractors/, kg/) executed while a generated
document is read, extracted and turned into its graph is counted per function, at one size and
at four times that size. A function that scans the whole paper for each sentence, mention,
paragraph, table or trial does quadratic work: its count grows about sixteenfold, where linear
work grows fourfold. Counts are exact and independent of the machine's load, so the test fails
on the structure of the code, not on a slow day.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from long_documents import SHAPES

from corpus.document import Paragraph
from corpus.reader import parse_source
from corpus.table_citing import TableCitations
from extractors.extract import extract
from extractors.offsets import Stabbing
from extractors.records import Evidence, Mention
from extractors.regimen_abbreviations import combination_short_forms
from kg.build.prepare import prepare_records
from ontology.lexicon import load_lexicon

ROOT = Path(__file__).resolve().parents[1]
PROJECT_CODE = tuple(str(ROOT / part) + "/" for part in ("corpus", "extractors", "kg"))
SMALL = 10_000
GROWTH = 4
SLACK = 1.5
"""A function may grow this many times faster than the text (n log n and uneven templates do)."""
MIN_LINES = 2_000
"""Functions that run fewer lines than this on the large text are too small to judge."""

Trace = Callable[[FrameType, str, Any], Any]


def lines_per_function(work: Callable[[], object], code: tuple[str, ...] = PROJECT_CODE) -> Counter[str]:
    """How many lines each function of `code` (files or folders) ran during `work()`."""
    counts: Counter[str] = Counter()

    def local(frame: FrameType, event: str, arg: object) -> Trace:
        if event == "line":
            counts[f"{frame.f_code.co_filename}:{frame.f_code.co_name}@{frame.f_code.co_firstlineno}"] += 1
        return local

    def calls(frame: FrameType, event: str, arg: object) -> Trace | None:
        return local if frame.f_code.co_filename.startswith(code) else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        work()
    finally:
        sys.settrace(previous)
    return counts


def reading_work(text: str) -> Counter[str]:
    lexicon = load_lexicon()
    return lines_per_function(lambda: prepare_records(extract(parse_source(text, "long.txt"), lexicon), lexicon))


@pytest.fixture(scope="module", autouse=True)
def _warm_pipeline() -> None:
    """The pipeline, lexicon and caches are built once, before any count."""
    prepare_records(extract(parse_source(SHAPES["thesis"](3000), "warm.txt"), load_lexicon()), load_lexicon())


def superlinear(small: Counter[str], large: Counter[str], size_ratio: float) -> dict[str, tuple[int, int]]:
    """The functions whose line count grew much faster than the text."""
    return {name: (small[name], count) for name, count in large.items()
            if count >= MIN_LINES and count > SLACK * size_ratio * max(small[name], 1)}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_no_function_does_more_than_linear_work_in_the_length_of_a_paper(shape: str) -> None:
    small_text, large_text = SHAPES[shape](SMALL), SHAPES[shape](SMALL * GROWTH)
    small, large = reading_work(small_text), reading_work(large_text)
    size_ratio = len(large_text) / len(small_text)
    assert sum(large.values()) > 0.5 * size_ratio * sum(small.values())  # both sizes were really read
    assert superlinear(small, large, size_ratio) == {}
    assert sum(large.values()) < SLACK * size_ratio * sum(small.values())


def _per_item_scan(items: list[int]) -> int:
    return sum(1 for item in items for other in items if other < item)


def _one_pass(items: list[int]) -> int:
    return sum(1 for item in items if item % 2)


def test_the_measure_catches_a_scan_of_every_item_per_item_and_passes_one_pass() -> None:
    small, large = list(range(300)), list(range(300 * GROWTH))
    counts = [lines_per_function(lambda items=items: (_per_item_scan(items), _one_pass(items)), (__file__,))
              for items in (small, large)]
    flagged = superlinear(counts[0], counts[1], GROWTH)
    (name,) = flagged
    assert name.endswith(f":<genexpr>@{_per_item_scan.__code__.co_firstlineno + 1}")
    assert flagged[name][1] > 10 * flagged[name][0]  # sixteenfold, for four times the items


def test_intervals_containing_an_offset_are_those_a_scan_finds() -> None:
    pick = random.Random(3)
    for _ in range(200):
        intervals = []
        for _ in range(pick.randint(0, 30)):
            start = pick.randint(0, 100)
            intervals.append((start, start + pick.randint(0, 15)))
        index = Stabbing(intervals)
        for offset in range(-2, 120):
            expected = [i for i, (start, end) in enumerate(intervals) if start <= offset < end]
            assert index.containing(offset) == expected
            assert index.first_containing(offset) == (expected[0] if expected else None)


def _paragraphs(texts: list[str]) -> list[Paragraph]:
    return [Paragraph(text, 0, len(text), f"part {k}", kind="body") for k, text in enumerate(texts)]


def test_the_first_paragraph_citing_a_table_number() -> None:
    citations = TableCitations(_paragraphs([
        "Responses are listed below.",
        "Toxicities were mild (Tables 2, 4 and 5a); see table 3.5 for doses.",
        "Table 3 gives the subgroups, as does Table 12.",
        "TABLE 1A and Table 3 again.",
    ]))
    found = {number: paragraph.section if (paragraph := citations.first_citing(number)) else None
             for number in ("1", "1a", "1A", "2", "3", "4", "5", "5a", "12", "7")}
    assert found == {"1": None, "1a": "part 3", "1A": "part 3", "2": "part 1", "3": "part 2", "4": "part 1",
                     "5": None, "5a": "part 1", "12": "part 2", "7": None}


def _uses_by_search(text: str, added: list[Mention]) -> list[tuple[str, int]]:
    """Where each short form occurs as a whole word after its definition, one regex search per short form."""
    out = []
    for short in dict.fromkeys(m.surface for m in added):
        definition = text.index(f"({short})") + len(short) + 2
        out += [(short, use.start()) for use in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text)
                if use.start() >= definition]
    return out


def test_one_pass_finds_every_later_use_of_many_combination_short_forms() -> None:
    pick = random.Random(8)
    parts, mentions = [], []
    for k in range(40):
        short = f"C{k}X"
        parts.append(f"Patients got drug{k}a plus drug{k}b ({short}).")
        for word in (f"drug{k}a", f"drug{k}b"):
            start = sum(len(p) + 1 for p in parts[:-1]) + parts[-1].index(word)
            mentions.append(Mention("drug", word, word, word, Evidence("x.txt", "", start, start + len(word), word)))
        earlier = f"C{pick.randrange(k + 1)}X"
        parts.append(f"With {earlier} the rate was {k}%; {earlier}-like and x{earlier} differ, as does {short}.")
    text = " ".join(parts)
    added = combination_short_forms(text, mentions, "x.txt", lambda _: "")
    assert len({m.surface for m in added}) == 40
    per_use = [(m.surface, m.evidence.start) for m in added]
    assert sorted(set(per_use)) == sorted(_uses_by_search(text, added))
    assert per_use == sorted(per_use, key=lambda use: int(use[0][1:-1]))  # grouped by definition, in order
