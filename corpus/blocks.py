"""Lines and blank-line separated blocks of a text, as offsets.

PDF conversions put one paragraph, heading, caption or table on a run of non-blank lines;
lines holding only whitespace (page-break debris) separate blocks like empty ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE_RE = re.compile(r"[^\n]*")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    """End of the content, without the line break (and without a trailing "\\r")."""
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(frozen=True)
class Block:
    lines: tuple[Line, ...]

    @property
    def start(self) -> int:
        """Offset of the first non-space character."""
        first = self.lines[0]
        return first.start + (len(first.text) - len(first.text.lstrip()))

    @property
    def end(self) -> int:
        """Offset just after the last non-space character."""
        last = self.lines[-1]
        return last.start + len(last.text.rstrip())

    @property
    def first(self) -> str:
        return self.lines[0].stripped

    def joined(self) -> str:
        """The lines stripped and joined with single spaces (for tests, not for offsets)."""
        return " ".join(line.stripped for line in self.lines)


def scan_lines(text: str) -> list[Line]:
    """Every line of `text` with its offsets."""
    lines = []
    for match in _LINE_RE.finditer(text):
        start, end = match.span()
        if start == end and start > 0 and text[start - 1] != "\n":
            continue  # finditer's empty match right after a non-empty line
        if end > start and text[end - 1] == "\r":
            end -= 1
        lines.append(Line(start, end, text[start:end]))
    return lines


def scan_blocks(text: str) -> list[Block]:
    """Maximal runs of non-blank lines."""
    blocks: list[Block] = []
    current: list[Line] = []
    for line in scan_lines(text):
        if line.stripped:
            current.append(line)
        elif current:
            blocks.append(Block(tuple(current)))
            current = []
    if current:
        blocks.append(Block(tuple(current)))
    return blocks


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink `start`..`end` so that it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
