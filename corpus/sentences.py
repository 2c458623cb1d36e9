"""Rule-based sentence splitting for clinical-paper prose, with character offsets.

A boundary is ". ", "! " or "? " (closing quotes/brackets and superscript citation numbers may
follow the mark) where the next
character opens a sentence: a capital, a digit, a quote, a bracket or a LaTeX "$". It is not a
boundary after abbreviations that the field writes before capitals or numbers ("vs.", "et al.",
"Fig. 2", "e.g.", "No. 5", "ref. 16") or after a person's initial ("Martin-Broto J. and ...").
Decimals ("4.8"), p-values ("P < 0.001") and "(n = 24, 47.1%)" hold no ". " and never split.
"""

from __future__ import annotations

import re

from corpus.document import Sentence

# Lower-cased tokens (without their final period) after which a period never ends a sentence.
ABBREVIATIONS = frozenset(
    """
    al approx ca cf cit dept dr e.g eg eq eqs fig figs i.e ie inc incl jr ltd
    max min mo mr mrs ms nb no nos p pp prof ref refs resp sect sr st suppl tab tabs univ
    viz vol vols vs
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
# Tokens that are abbreviations only when a number follows ("No. 5" but "... said no. The").
_BEFORE_NUMBER = frozenset({"no", "nos", "p", "pp", "vol", "min", "max", "mo"})

_CANDIDATE_RE = re.compile(
    r"[.!?]+[\"'”’)\]]*"
    r"(?:[⁰¹²³⁴⁵⁶⁷⁸⁹⁻–,]+|(?<=[A-Za-z%)\]][.!?])(?P<glued>\d{1,3}(?:[,–-]\d{1,3})*)|\^\{\d{1,3}(?:[,–-]\s*\d{1,3})*\})?"
    r"(?=\s+[\"'“‘(\[$A-Z0-9\u00C0-\u00DE])"
)
"""A mark that may end a sentence; a superscript citation may follow it ("... disease.⁷ Next"), also
as PDF conversions print one: flattened to digits glued to the mark after a word ("... disease.7 Next",
never after a number: "version 1.1 The") or in TeX braces ("... disease.^{7} Next")."""
_NEXT_CHAR_RE = re.compile(r"\s*(.?)", re.DOTALL)
_NAME_WORD_RE = re.compile(r"^[A-Z\u00C0-\u00DE][\w'’-]*,?$")
_INITIAL_RE = re.compile(r"^(?:[A-Z]\.-?)*[A-Z]$")


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Sentences of `text`; `Sentence.start/end` are shifted by `offset`, whitespace trimmed."""
    sentences: list[Sentence] = []
    start = 0
    for match in _CANDIDATE_RE.finditer(text):
        if match.group(0)[0] == "." and not _is_boundary(text, match.start(), match.end(), bool(match.group("glued"))):
            continue
        _append(sentences, text, start, match.end(), offset)
        start = match.end()
    _append(sentences, text, start, len(text), offset)
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int, offset: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(text[start:end], start + offset, end + offset))


def _is_boundary(text: str, dot: int, after: int, glued: bool = False) -> bool:
    """Whether the period at `dot` (its run of marks ending at `after`) ends a sentence; `glued`:
    digits follow the period with no space ("p.5", "No.3" are abbreviations then)."""
    # the token just before the mark: `$` also matches before a final newline, as a regex would
    token_end = dot - 1 if dot and text[dot - 1] == "\n" else dot
    token_start = _word_start(text, token_end)
    if token_start == token_end:
        return True
    token = text[token_start:token_end].lstrip("([{\"'“‘*")
    lowered = token.lower()
    following = _NEXT_CHAR_RE.match(text, after).group(1)
    if lowered in ABBREVIATIONS and (glued or lowered not in _BEFORE_NUMBER or following.isdigit()):
        return False
    if lowered == "al" or lowered.endswith("et al"):
        return False
    if "." in token and re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):
        return False  # "e.g", "i.e", "U.S" -- dotted abbreviations
    if _INITIAL_RE.match(token):
        return not _initial_of_name(text, token_start)
    return True


def _word_start(text: str, end: int) -> int:
    """Where the run of non-space characters ending at `end` starts (walking back: one long line
    costs its length once, not once per period)."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start


def _initial_of_name(text: str, token_start: int) -> bool:
    """A capital-letter token is a name initial when a name or "and"/"&" precedes it."""
    end = token_start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    previous = text[_word_start(text, end):end]
    if not previous:
        return True  # "J. Smith reported ..." at the start of a text
    return bool(_NAME_WORD_RE.match(previous) or _INITIAL_RE.match(previous.rstrip(".,"))
                or previous in {"and", "&"} or previous.endswith("."))
