"""`scan_compile` finds what `re.compile` finds: same spans, groups and substitutions."""

from __future__ import annotations

import re

import pytest

from extractors.scan_regex import first_char_lookahead, scan_compile

PATTERNS = [
    (r"\b(?:median|mean)\s+(?P<what>\w+)", re.I),
    (r"(?<![a-z])(?:months?|weeks?|y)(?![a-z])", re.I),
    (r"(?:https?://|\bdoi\s*:?\s*|(?<![\w/.]))(10\.\d{4,9}/\S+)", re.I),
    (r"(?:\bI|tau|τ)\s*(?:²|2|\^2)", 0),
    (r"(?:and\s+)?(?:which|that)\s+\w+", re.I),
    (r"\bnot\b.*\b(?:reached|achieved)\b|\bNR\b", re.S),
    (r"\b[Nn]\s*=\s*$", 0),
    (r"(?i)\bstable\s+disease\b", 0),
    (r"(?:\s*\([^()]*\))*\s+in\s+[^\d;,.()%]{3,60}?\s*(?=\()", re.I),
    (r"\bkelvin\b|\bstrange\b|\bistanbul\b", re.I),
    (r"[;.](?!\d)|,\s*(?=(?:the|median)\b)", re.I),
]
TEXTS = [
    "The median PFS was 6.2 months (95% CI 4.1-8.3) and the mean OS 14 MONTHS in 40 patients.",
    "Median survival: NR; OS was not yet reached at 2y, not\nreached after 3 weeks.",
    "See doi: 10.1000/xyz123 or https://doi.org/10.1016/j.ejca.2020.01.001 and 10.1/short.",
    "Heterogeneity was high (I² = 71%, tau^2 0.3); τ 2 small.",
    "rash, which occurred in 75%, and that resolved; n = ",
    "Stable Disease in the UPS cohort (n = 20) in patients with two prior lines (25%).",
    "ſtrange KELVIN İstanbul ıstanbul Kelvin (Kelvin sign) strange",
    "",
    "; , the median. 3.5",
]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_scan_compile_matches_as_re_compile(pattern: str, flags: int) -> None:
    plain, scanning = re.compile(pattern, flags), scan_compile(pattern, flags)
    assert scanning.pattern != plain.pattern  # a lookahead was put in front
    for text in TEXTS:
        assert [(m.span(), m.groups(), m.groupdict()) for m in scanning.finditer(text)] == \
            [(m.span(), m.groups(), m.groupdict()) for m in plain.finditer(text)], (pattern, text)
        assert scanning.sub("#", text) == plain.sub("#", text)
        for pos in range(0, len(text), 7):
            found, expected = scanning.search(text, pos), plain.search(text, pos)
            assert (found.span() if found else None) == (expected.span() if expected else None)


def test_the_lookahead_names_the_first_characters() -> None:
    assert first_char_lookahead(r"\b(?:median|mean)\b", re.I) == "(?=[m])"
    assert first_char_lookahead(r"(?<![a-z])(?:a|b+|c?d)", 0) == "(?=[abcd])"


@pytest.mark.parametrize(("pattern", "flags"), [
    (r"x?", 0),  # may match nothing
    (r".foo", 0),  # any character first
    (r"(a)\1", 0),  # back reference first: (a) is fine, but the pattern begins with a literal
    (r"foo", 0),  # a literal: the engine scans for it itself
    (r"[abc]+d", 0),  # a set: likewise
    (r"^\s*\d+", 0),  # anchored: tried at the start only
    (r"(?i:a)b", 0),  # scoped flags
    (r"\bfoo  # a comment", re.X),  # verbose
    (r"\b\w+", 0),  # begins with a word character: nearly every offset
    (r"(a)?(?(1)b|c)", 0),  # a conditional may come first
])
def test_patterns_whose_start_cannot_help_are_compiled_as_they_are(pattern: str, flags: int) -> None:
    assert scan_compile(pattern, flags).pattern == pattern
