"""Split a reference list into entries (numbering only; authors, years etc. are parsed elsewhere).

Entries are printed "14. Liu Z, ...", "[14] Liu Z, ...", "- Gronchi A, ..." (bullets: the number
comes from the order) or, rarely, unmarked one per paragraph. Lists mix styles (bullets 1-5,
then "6. ..."). A line without a marker, or a bullet that opens in lower case or does not read
like the start of a reference while the previous entry is unfinished, continues the previous
entry (a page break cut it): its text is joined with a single space and `spans` keeps the
offsets of each piece, markers excluded.
"""

from __future__ import annotations

import re

from corpus.bibliographic import PARTICLES
from corpus.blocks import Line, strip_span
from corpus.document import ReferenceEntry
from corpus.sections import looks_like_heading
from corpus.tables import caption_match

_NUMBERED_RE = re.compile(r"^\s*(?:\[(?P<a>\d{1,4})\]|(?P<b>\d{1,4})[.)])\s+(?=\S)")
_BARE_NUMBERED_RE = re.compile(r"^\s*(?P<b>\d{1,3})\s+(?=[A-Z\u00C0-\u024F])")
"""A number and a space, no stop or bracket ("1 Hale A, ..."), as Lancet journals print entries:
an entry only where such numbers count up 1, 2, 3, ... through the list (else "2016; ..." or a
page number that opens a continuation line would be one)."""
_BULLET_RE = re.compile(r"^\s*[-•*–·▪]\s+(?=\S)")
_AUTHOR_START_RE = re.compile(r"^[A-Z\u00C0-\u024F][\w'’\u00C0-\u024F.-]*")
_COMPLETE_END_RE = re.compile(r"(?:[.)\]>\d]|\.\*|\*)$")


def split_references(text: str, lines: list[Line]) -> tuple[list[ReferenceEntry], int]:
    """Entries from `lines` (those after the references heading) and the offset where the list ends.

    The list ends at an unmarked line after a blank line, with no marked entry in the next few
    lines, that is a table line or caption or, while the last entry is complete, a capitalised
    line (a heading such as "Publisher's Note"; in a list without markers only a standalone
    heading-like line). Else it runs to the last line.
    """
    bare = _bare_numbered_lines(lines)
    marked = bool(bare) or any(_marker(line.text) for line in lines)
    pieces: list[list[tuple[int, int]]] = []
    numbers: list[tuple[int, bool]] = []
    end = lines[-1].end if lines else len(text)
    previous_blank = True
    for k, line in enumerate(lines):
        content = line.stripped
        if not content:
            previous_blank = True
            continue
        next_blank = k + 1 >= len(lines) or not lines[k + 1].stripped
        last_text = _joined(text, pieces[-1]) if pieces else ""
        complete = not pieces or bool(_COMPLETE_END_RE.search(last_text))
        numbered = _NUMBERED_RE.match(line.text) or (_BARE_NUMBERED_RE.match(line.text) if k in bare else None)
        bullet = None if numbered else _BULLET_RE.match(line.text)
        marker = numbered or bullet
        body = content if marker is None else line.text[marker.end():].strip()
        later_lines = [j for j in range(k + 1, min(k + 12, len(lines))) if lines[j].stripped][:5]
        more_entries = any(j in bare or _marker(lines[j].text) for j in later_lines)
        if marker is None and previous_blank and not more_entries and _ends_list(
                line.text, content, marked, complete, next_blank):
            end = line.start  # what follows the list: "Publisher's Note", figure legends, a table
            break
        span = strip_span(text, line.start + (marker.end() if marker else 0), line.end)
        if numbered:
            new, number, printed = True, int(numbered.groupdict().get("a") or numbered.group("b")), True
        elif bullet:
            continues = body[:1].islower() and not _particle_start(body)
            continues = continues or (not complete and not _starts_reference(body))
            new, number, printed = not continues, (numbers[-1][0] + 1 if numbers else 1), False
        elif marked:
            new, number, printed = not pieces, 1, False
        else:
            new = not pieces or (complete and previous_blank) or (complete and _starts_reference(body))
            number, printed = (numbers[-1][0] + 1 if numbers else 1), False
        if new:
            pieces.append([span])
            numbers.append((number, printed))
        else:
            pieces[-1].append(span)
        previous_blank = False
    entries = [
        ReferenceEntry(number=n, text=_joined(text, spans), start=spans[0][0], end=spans[-1][1],
                       numbered=printed, spans=tuple(spans))
        for spans, (n, printed) in zip(pieces, numbers, strict=True)
    ]
    return entries, end


def _bare_numbered_lines(lines: list[Line]) -> set[int]:
    """Indexes of the lines that open entries numbered "1 ...", "2 ...": the first entry is 1 and at
    least three count up; a line whose number does not come next is a continuation."""
    found: dict[int, int] = {}
    for k, line in enumerate(lines):
        match = _BARE_NUMBERED_RE.match(line.text)
        if match and int(match.group("b")) == len(found) + 1:
            found[k] = len(found) + 1
        elif not found and line.stripped:
            return set()  # the list opens otherwise
    return set(found) if len(found) >= 3 else set()


def _marker(raw: str) -> bool:
    return bool(_NUMBERED_RE.match(raw) or _BULLET_RE.match(raw))


def _ends_list(raw: str, content: str, marked: bool, complete: bool, next_blank: bool) -> bool:
    """Whether an unmarked line after a blank line is no part of the reference list."""
    if "\t" in raw or caption_match(content) is not None:
        return True
    if not complete:
        return False  # the previous entry goes on after a page break
    if marked:
        return not content[:1].islower()  # entries are marked; a capitalised plain line is new text
    return next_blank and looks_like_heading(content) and not _starts_reference(content)


def _joined(text: str, spans: list[tuple[int, int]]) -> str:
    return " ".join(text[s:e] for s, e in spans)


def _particle_start(body: str) -> bool:
    """ "van der Graaf WTA, ..." opens in lower case but is an author list."""
    words = body.split()
    return len(words) > 1 and words[0].lower() in PARTICLES and bool(_AUTHOR_START_RE.match(words[1]) or
                                                                     words[1].lower() in PARTICLES)


def _starts_reference(body: str) -> bool:
    """Opens like a reference: a surname with initials ("Liu Z,") or an organisation ("ASCO.")."""
    if _particle_start(body):
        return True
    match = _AUTHOR_START_RE.match(body)
    if not match:
        return False
    head = body[:60]
    return bool(re.match(r"^[\w'’\u00C0-\u024F .-]{1,40}?\s[A-Z]{1,4}(?:[,.]|\s+et al|$)", head)
                or re.match(r"^[A-Z][\w'’&\u00C0-\u024F -]{1,60}?\.\s", head))
