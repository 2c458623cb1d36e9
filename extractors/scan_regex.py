"""`scan_compile`: `re.compile` for a pattern searched through whole sentences, with its first
character looked ahead for.

A search tries the pattern at every offset. Python's engine skips offsets quickly only when the
pattern starts with a literal or a case-sensitive character set; a pattern that starts with `\\b`,
a lookbehind or case-insensitive alternatives ("\\b(?:median|mean)\\b", re.I) runs its first
alternative, then the next, at every offset of the sentence. Most of the readers' cue patterns are
of that kind and are searched in every sentence. `scan_compile` reads, from the parsed pattern, the
characters a match can begin with, and puts a lookahead for them in front (`(?=[mM...])(?:...)`,
compiled with the same flags, so case folds as it does for the pattern itself): the offsets where
no match can begin are passed after one character test. Matches, groups and spans are unchanged;
a pattern whose first characters cannot be told (it may match the empty string, starts with `.`,
a back reference or scoped flags) is compiled as it is.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser behind `re.compile` (public as `sre_parse` before Python 3.11)
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: r"\d", sre_constants.CATEGORY_NOT_DIGIT: r"\D",
    sre_constants.CATEGORY_SPACE: r"\s", sre_constants.CATEGORY_NOT_SPACE: r"\S",
    sre_constants.CATEGORY_WORD: r"\w", sre_constants.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)
_REPEATS = tuple(getattr(sre_constants, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(sre_constants, name))
_GROUPS = tuple(getattr(sre_constants, name) for name in ("SUBPATTERN", "ATOMIC_GROUP") if hasattr(sre_constants, name))
MAX_CLASSES = 12
"""More first-character classes than this (a pattern that may begin almost anywhere): no lookahead."""


class _Unknown(Exception):
    """The first characters of a pattern cannot be told."""


def _char(code: int) -> str:
    return re.escape(chr(code)) if chr(code) not in "-]\\^" else "\\" + chr(code)


def _class(items: list[tuple[Any, Any]]) -> str:
    """A character class (`[...]`, `[^...]`) for the items of an IN node."""
    negate, parts = False, []
    for op, av in items:
        if op is sre_constants.NEGATE:
            negate = True
        elif op is sre_constants.LITERAL:
            parts.append(_char(av))
        elif op is sre_constants.RANGE:
            parts.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is sre_constants.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            raise _Unknown(op)
    if not parts:
        raise _Unknown("empty class")
    return ("[^" if negate else "[") + "".join(parts) + "]"


def _first(items: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """(classes one of which the first character consumed matches, whether `items` may consume nothing)."""
    classes: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # \b, ^, lookarounds: they consume nothing, the next item gives the character
        if op is sre_constants.LITERAL:
            return classes | {"[" + _char(av) + "]"}, False
        if op is sre_constants.NOT_LITERAL:
            return classes | {"[^" + _char(av) + "]"}, False
        if op is sre_constants.IN:
            return classes | {_class(av)}, False
        if op is sre_constants.BRANCH:
            empty = False
            for branch in av[1]:
                found, branch_empty = _first(branch)
                classes |= found
                empty = empty or branch_empty
            if not empty:
                return classes, False
            continue
        if op in _GROUPS:
            if op is sre_constants.SUBPATTERN:
                _, add_flags, del_flags, sub = av
                if add_flags or del_flags:
                    raise _Unknown("scoped flags")
            else:
                sub = av
            found, empty = _first(sub)
            classes |= found
            if not empty:
                return classes, False
            continue
        if op in _REPEATS:
            low, _, sub = av
            found, empty = _first(sub)
            classes |= found
            if low > 0 and not empty:
                return classes, False
            continue
        raise _Unknown(op)  # ANY, back references, conditionals
    return classes, True


_ANCHORS = (sre_constants.AT_BEGINNING, sre_constants.AT_BEGINNING_STRING, sre_constants.AT_BEGINNING_LINE)


def _unguided(items: list[tuple[Any, Any]]) -> bool:
    """Whether the engine has no shortcut of its own for the pattern: it does not begin with a character
    or a set (which the engine scans for) nor with an anchor (which it tries at few offsets)."""
    while items:
        op, av = items[0]
        if op is sre_constants.SUBPATTERN and not (av[1] or av[2]):
            items = list(av[3])
            continue
        if op in (sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.IN):
            return False
        if op in _REPEATS and av[0] > 0 and av[2] and av[2][0][0] in (sre_constants.LITERAL, sre_constants.IN):
            return False  # "[.!?]+": measured, the engine is as quick without the lookahead
        return not (op is sre_constants.AT and av in _ANCHORS)
    return False


def first_char_lookahead(pattern: str, flags: int = 0) -> str | None:
    """`(?=...)`: the characters a match of `pattern` can begin with; None when they cannot be told."""
    if flags & re.VERBOSE or not isinstance(pattern, str):
        return None
    try:
        parsed = sre_parse.parse(pattern, flags)
        if parsed.state.flags & (re.VERBOSE | re.LOCALE):
            return None
        if not _unguided(list(parsed.data)):
            return None
        classes, empty = _first(list(parsed.data))
    except (_Unknown, re.error, TypeError, ValueError):
        return None
    if empty or not classes or len(classes) > MAX_CLASSES or any(_broad(c) for c in classes):
        return None
    plain = sorted(c for c in classes if not c.startswith("[^"))
    merged = ["[" + "".join(c[1:-1] for c in plain) + "]"] if plain else []
    return "(?=" + "|".join(merged + sorted(c for c in classes if c.startswith("[^"))) + ")"


def _broad(char_class: str) -> bool:
    """A class most characters match (a negated one, a word or non-space character): no use looking ahead."""
    return char_class.startswith("[^") or any(escape in char_class for escape in (r"\w", r"\W", r"\S", r"\D"))


_GLOBAL_FLAGS_RE = re.compile(r"^\(\?[aiLmsux]+\)")


def scan_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, searched faster (see the module docstring); same matches."""
    ahead = first_char_lookahead(pattern, flags)
    if ahead is None:
        return re.compile(pattern, flags)
    inline = _GLOBAL_FLAGS_RE.match(pattern)
    head = inline.group() if inline else ""
    return re.compile(f"{head}{ahead}(?:{pattern[len(head):]})", flags)
