"""Text from papers and users made safe for its reader: terminals and spreadsheets.

- `safe_text`: control characters shown as escapes, so a quote holding ESC codes cannot clear a
  screen or set a window title, and bidirectional overrides cannot reorder what is shown.
- `escaped_syntax`: the same characters as `\\uXXXX` inside JSON or N-Triples/Turtle output.
- `csv_cell`: a text cell starting with = + - @ tab or CR gets a leading apostrophe (OWASP, CSV
  injection), so a spreadsheet shows it instead of running it; numbers are left as they are.
"""

from __future__ import annotations

import re

# C0 and C1 controls (ESC starts terminal escape codes; 0x9b is a one-byte CSI), DEL, and the
# bidirectional overrides/isolates that reorder what a reader sees ("Trojan Source")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_WITH_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_OR_SURROGATE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                                  "\u2066-\u2069\ud800-\udfff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _uchar(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escaped_syntax(text: str) -> str:
    """JSON or N-Triples/Turtle text with the unsafe characters their writers leave raw written as
    `\\uXXXX` (valid in strings of both syntaxes; they occur only inside strings there)."""
    return _UNSAFE_OR_SURROGATE.sub(_uchar, text)


def safe_text(text: str, keep_breaks: bool = False) -> str:
    """`text` with control characters shown as escapes (`\\x1b`, `\\u202e`), for a terminal.

    Tabs and newlines stay when `keep_breaks` (multi-line output); lone surrogates (bytes that
    were not UTF-8) are shown as `\\udcXX` too.
    """
    pattern = _UNSAFE if keep_breaks else _UNSAFE_WITH_BREAKS
    text = pattern.sub(_escape, text)
    if any("\ud800" <= c <= "\udfff" for c in text):
        text = "".join(f"\\u{ord(c):04x}" if "\ud800" <= c <= "\udfff" else c for c in text)
    return text


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run as a formula (OWASP: a text cell starting with
    = + - @ tab or CR gets a leading apostrophe); numbers, negative ones included, stay numbers."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START) or _NUMBER.match(value):
        return value
    return "'" + value


def csv_line(cells: list[object]) -> str:
    """One CSV record (RFC 4180, "\\n" line end) of neutralised cells. A cell holding a comma, a
    quote or a line break of either kind is quoted: Python's csv module (before 3.12) leaves a
    lone CR unquoted when the line end is "\\n", which splits the record for every reader."""
    def quoted(value: object) -> str:
        text = "" if value is None else str(csv_cell(value))
        if any(c in text for c in ',"\r\n'):
            return '"' + text.replace('"', '""') + '"'
        return text

    line = ",".join(quoted(cell) for cell in cells)
    return (line if line or len(cells) != 1 else '""') + "\n"
