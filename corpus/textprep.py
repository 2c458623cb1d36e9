"""Text as every reader hands it on: one newline convention, invisible format characters out.

- Line ends: CRLF and lone CR become LF, as Python's text mode reads a file, so a file saved on
  any system gives the same text, the same offsets and the same graph.
- Format characters (Unicode category Cf: zero-width spaces and joiners, bidirectional controls,
  soft hyphens, word joiners, byte-order marks inside the text) are invisible in print but split
  words for every matcher ("pazo\u200bpanib"). They are removed before anything is matched, and
  an `OffsetMap` turns offsets in the cleaned text back into offsets in the decoded text, so
  evidence still points at the file's own characters.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

_FORMAT_RE = re.compile(
    "[" + "".join(chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Cf")
    + "\U000110BD\U000110CD\U00013430-\U0001343F\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A"
    + "\U000E0001\U000E0020-\U000E007F]"
)
"""Unicode category Cf: the Basic Multilingual Plane scanned, the few astral ones listed (tag
characters, Egyptian hieroglyph, shorthand and musical format controls)."""


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


@dataclass(frozen=True)
class OffsetMap:
    """Offsets in a cleaned text -> offsets in the text it was cleaned from."""

    removed_at: tuple[int, ...] = ()
    """For each removed character, in order, its offset in the cleaned text (where it stood)."""

    def __bool__(self) -> bool:
        return bool(self.removed_at)

    def start(self, offset: int) -> int:
        """Original offset of the character at cleaned `offset` (removed characters before it skipped)."""
        return offset + bisect.bisect_right(self.removed_at, offset)

    def end(self, offset: int) -> int:
        """Original offset just after the cleaned character before `offset` (an exclusive end)."""
        return offset + bisect.bisect_left(self.removed_at, offset) if offset > 0 else 0


def strip_format_chars(text: str) -> tuple[str, OffsetMap]:
    """`text` without format characters, and the map back to `text`'s offsets."""
    removed: list[int] = []
    pieces: list[str] = []
    last = 0
    for match in _FORMAT_RE.finditer(text):
        pieces.append(text[last:match.start()])
        removed.append(match.start() - len(removed))
        last = match.end()
    if not removed:
        return text, OffsetMap()
    pieces.append(text[last:])
    return "".join(pieces), OffsetMap(tuple(removed))


def clean(text: str) -> str:
    """Newlines normalised and format characters removed (for text a reader produces itself)."""
    return _FORMAT_RE.sub("", normalize_newlines(text))
