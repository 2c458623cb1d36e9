"""Tables and figure captions ("floats") found among the blocks of a converted paper.

A table is a caption line ("Table 2 Univariate ...", "TABLE 1 ...", "Table 1. ...") followed by
TAB-separated lines, or by pipe-separated lines as web pages print tables ("| a | b |", its
"|---|---|" rule dropped); three or more such lines with no caption before them are a table too,
captioned by a "Table N ..." line right after them if there is one. A figure is a label ("Fig. 1",
"FIGURE 3", "Figure 2.") with its caption on the same line, the next line or the next block. A
glossary or "Abbreviation(s): ..." block right after either is its footnote. Everything keeps
offsets into the document text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.blocks import Block, Line, strip_span
from corpus.document import Cell, Figure, Table
from corpus.sections import is_known_heading

TABLE_CAPTION_RE = re.compile(
    r"^(?P<label>(?:Table|TABLE)\s+S?\d+[A-Za-z]?)(?P<sep>\s+\||[.:|]?)(?=\s|$)\s*(?P<rest>.*)$")
"""A table's caption line: "Table 2 ...", "Table 2. ...", "TABLE 2 | ..." (a bar between label and title)."""
FIGURE_CAPTION_RE = re.compile(
    r"^(?P<label>(?:Fig\.|Figs\.|FIG\.|Figure|FIGURE|Fig)\s*S?\d+[A-Za-z]?)(?P<sep>\s+\||[.:|]?)(?=\s|$)\s*(?P<rest>.*)$"
)
PIPE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
PIPE_RULE_RE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_FOOTNOTE_RE = re.compile(r"^(?:Abbreviations?\b|(?:Notes?|Footnotes?|Source|Legend)\s*[:.])|^[*†‡§¶#](?!\*)")
_GLOSSARY_ITEM_RE = re.compile(r"^\s*[^\s,;:=]*[A-Z][^\s,;:=]*\s*[,:=]\s+\S")


@dataclass
class Floats:
    """What `find_floats` found, and which blocks it used up."""

    tables: list[Table]
    figures: list[Figure]
    used: set[int]


def caption_match(line: str) -> tuple[str, re.Match[str]] | None:
    """("table" | "figure", match) when `line` opens a caption rather than a sentence."""
    for kind, pattern in (("table", TABLE_CAPTION_RE), ("figure", FIGURE_CAPTION_RE)):
        match = pattern.match(line.strip())
        if match:
            rest = match.group("rest")
            # "Table 2 shows ..." is prose; captions go on with a capital, a bracket or nothing.
            if match.group("sep") or not rest or rest[0].isupper() or rest[0] in "(*[":
                return kind, match
    return None


def is_footnote(text: str) -> bool:
    """An abbreviation glossary or note that follows a table or figure."""
    text = text.strip()
    if _FOOTNOTE_RE.match(text):
        return True
    items = [item for item in text.split(";") if item.strip()]
    return len(items) >= 2 and sum(bool(_GLOSSARY_ITEM_RE.match(i)) for i in items) >= 0.6 * len(items)


def find_floats(text: str, blocks: list[Block], skip: set[int]) -> Floats:
    """Tables and figures among `blocks` (indices in `skip` are left alone)."""
    found = Floats([], [], set())
    i = 0
    while i < len(blocks):
        if i in skip:
            i += 1
            continue
        hit = caption_match(blocks[i].first)
        if hit is None:
            bare = _uncaptioned_table(text, blocks, i, skip)
            if bare is not None:  # rows with no caption before them: a web page's table
                found.tables.append(bare[0])
                found.used.update(bare[1])
                i = max(bare[1]) + 1
                continue
            i += 1
            continue
        kind, match = hit
        if kind == "table":
            table, used = _table(text, blocks, i, match, skip)
            found.tables.append(table)
        else:
            figure, used = _figure(text, blocks, i, match, skip)
            found.figures.append(figure)
        found.used.update(used)
        i = max(used) + 1
    return found


def _caption_span(text: str, line: Line, match: re.Match[str], more: list[Line]) -> tuple[int, int]:
    """Offsets of the caption text after the label, running over `more` lines."""
    lead = len(line.text) - len(line.text.lstrip())
    start = line.start + lead + match.start("rest")
    end = more[-1].end if more else line.end
    if not match.group("rest") and more:
        start = more[0].start
    return strip_span(text, start, end)


def _footnote(text: str, blocks: list[Block], i: int, skip: set[int]) -> tuple[int, int] | None:
    if i < len(blocks) and i not in skip and is_footnote(blocks[i].joined()):
        return blocks[i].start, blocks[i].end
    return None


def _table(text: str, blocks: list[Block], i: int, match: re.Match[str], skip: set[int]) -> tuple[Table, list[int]]:
    block = blocks[i]
    caption_lines: list[Line] = []
    row_lines: list[Line] = []
    for line in block.lines[1:]:
        if _is_row(line.text) or row_lines:
            row_lines.append(line)
        else:
            caption_lines.append(line)
    used = [i]
    j = i + 1
    # Rows go on through blocks that open with a TAB line (a blank line may split a table).
    while j < len(blocks) and j not in skip and _is_row(blocks[j].lines[0].text):
        row_lines.extend(blocks[j].lines)
        used.append(j)
        j += 1
    cap_start, cap_end = _caption_span(text, block.lines[0], match, caption_lines)
    rows = [_cells(text, line) for line in row_lines if not PIPE_RULE_RE.match(line.text)]
    n_header = 0
    if rows:
        n_header = 1
        if len(rows) > 1 and not rows[1][0].text and any(c.text for c in rows[1][1:]):
            n_header = 2  # a second header row leaves the row-label column empty
    foot = _footnote(text, blocks, j, skip)
    end = strip_span(text, block.start, row_lines[-1].end)[1] if row_lines else cap_end
    if foot:
        used.append(j)
        end = foot[1]
    table = Table(
        label=match.group("label"), caption=text[cap_start:cap_end], start=block.start, end=end, section="",
        header=tuple(rows[:n_header]), rows=tuple(rows[n_header:]),
        footnote=text[foot[0]:foot[1]] if foot else "",
        caption_start=cap_start, caption_end=cap_end,
        footnote_start=foot[0] if foot else -1, footnote_end=foot[1] if foot else -1,
    )
    return table, used


def _uncaptioned_table(text: str, blocks: list[Block], i: int, skip: set[int]) -> tuple[Table, list[int]] | None:
    """A block of at least three TAB or pipe rows with no caption line before it: a table whose
    caption, if any, is the "Table N ..." line right after its rows (in the block or the next)."""
    lines = blocks[i].lines
    n_rows = next((k for k, line in enumerate(lines) if not _is_row(line.text)), len(lines))
    row_lines = [line for line in lines[:n_rows] if not PIPE_RULE_RE.match(line.text)]
    if len(row_lines) < 3 or sum(c.text != "" for c in _cells(text, row_lines[0])) < 2:
        return None
    used = [i]
    after = lines[n_rows:]
    following = blocks[i + 1] if i + 1 < len(blocks) and i + 1 not in skip else None
    if not after and following is not None and not any(_is_row(x.text) for x in following.lines):
        after = blocks[i + 1].lines
        used.append(i + 1)
    hit = caption_match(after[0].text) if after else None
    if after and (hit is None or hit[0] != "table"):
        if len(used) > 1:
            used.pop()  # the next block is prose, not this table's caption
        elif after:
            return None  # rows followed by prose in one block: no table
        hit = None
    cap_start = cap_end = row_lines[0].start
    if hit:
        cap_start, cap_end = _caption_span(text, after[0], hit[1], list(after[1:]))
    rows = [_cells(text, line) for line in row_lines]
    n_header = 2 if len(rows) > 2 and not rows[1][0].text and any(c.text for c in rows[1][1:]) else 1
    end = max(cap_end, strip_span(text, blocks[i].start, row_lines[-1].end)[1])
    table = Table(
        label=hit[1].group("label") if hit else "", caption=text[cap_start:cap_end] if hit else "",
        start=blocks[i].start, end=end, section="", header=tuple(rows[:n_header]), rows=tuple(rows[n_header:]),
        footnote="", caption_start=cap_start, caption_end=cap_end, footnote_start=-1, footnote_end=-1,
    )
    return table, used


def _is_row(line: str) -> bool:
    return "\t" in line or bool(PIPE_ROW_RE.match(line))


def _cells(text: str, line: Line) -> tuple[Cell, ...]:
    if "\t" not in line.text and PIPE_ROW_RE.match(line.text):
        return _pipe_cells(text, line)
    cells = []
    position = line.start
    for raw in line.text.split("\t"):
        start, end = strip_span(text, position, position + len(raw))
        cells.append(Cell(text[start:end], start, end))
        position += len(raw) + 1
    return tuple(cells)


def _figure(text: str, blocks: list[Block], i: int, match: re.Match[str],
            skip: set[int]) -> tuple[Figure, list[int]]:
    block = blocks[i]
    more = list(block.lines[1:])
    notes = next((k for k, line in enumerate(more) if is_footnote(line.text)), None)
    note_lines = more[notes:] if notes is not None else []
    more = more[:notes] if notes is not None else more
    used = [i]
    j = i + 1
    if not match.group("rest") and not more and j < len(blocks) and j not in skip:
        nxt = blocks[j]
        # The caption of a bare label is the next block, unless that is body text cut by a page.
        if not nxt.first[:1].islower() and caption_match(nxt.first) is None and not is_known_heading(nxt.first):
            more = list(nxt.lines)
            used.append(j)
            j += 1
    cap_start, cap_end = _caption_span(text, block.lines[0], match, more)
    foot: tuple[int, int] | None = None
    if note_lines:
        foot = strip_span(text, note_lines[0].start, note_lines[-1].end)
    elif (foot := _footnote(text, blocks, j, skip)) is not None:
        used.append(j)
    end = foot[1] if foot else max(cap_end, strip_span(text, block.start, block.lines[0].end)[1])
    figure = Figure(
        label=match.group("label"), caption=text[cap_start:cap_end], start=block.start, end=end,
        caption_start=cap_start, caption_end=cap_end,
        footnote=text[foot[0]:foot[1]] if foot else "",
        footnote_start=foot[0] if foot else -1, footnote_end=foot[1] if foot else -1,
    )
    return figure, used


def _pipe_cells(text: str, line: Line) -> tuple[Cell, ...]:
    """The cells of a "| a | b |" line, offsets into the document."""
    bars = [line.start + i for i, ch in enumerate(line.text) if ch == "|"]
    cells = []
    for left, right in zip(bars, bars[1:], strict=False):
        start, end = strip_span(text, left + 1, right)
        cells.append(Cell(text[start:end], start, end))
    return tuple(cells)
