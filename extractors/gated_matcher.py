"""A spaCy `Matcher` that runs, on each sentence, only the patterns whose required words it prints.

spaCy's Matcher starts every pattern at every token, so its cost grows with the number of
patterns; the readers' families have dozens (a labelled CI's level, name and bounds, timepoint
lists of one to eight items), and most of them need words a given sentence does not print. A
token of a pattern that must be there (no "?", "*", "!" or "{0,m}" operator) and that tests its
ORTH (TEXT) or LOWER against one string or an `IN` list needs the sentence to hold such a token,
and one that tests them with a REGEX needs some token the expression finds something in (it is
run once over the sentence's distinct words, only for patterns whose words are all there); other
tests (NOT_IN, flags) are assumed to be met. Before each call, the sentence's words decide which
patterns can match at all, and a Matcher of only those runs.

The result is the full Matcher's, in the same order: the subset Matcher gets the same patterns
under the same keys, in the order they were added, and a pattern that cannot match yields
nothing; the Matcher's states of different patterns never interact, so dropping some leaves the
others' matches, and their order, as they were. One Matcher is built per subset met (a handful
per family), and reused.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable
from functools import cache

from spacy.attrs import LOWER, ORTH
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

Pattern = list[dict]
Requirement = tuple[int, frozenset[int]]
"""(LOWER or ORTH, the string ids one of which some token must have)."""
RegexRequirement = tuple[int, str]
"""(LOWER or ORTH, a REGEX some token's value must hold a match of)."""
WORDS_KEY = "gated_matcher.words"
"""`Doc.user_data` key of a Doc's ORTH and LOWER ids (one array, read once per Doc)."""
_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER}
_OPTIONAL_OPS = frozenset({"?", "*", "!"})
SUBSETS_KEPT = 512
"""At most this many subset Matchers (and 8 times as many word sets mapped to them) are kept per
Matcher; past that they are built again as sentences need them (a few dozen per family serve a
corpus of varied papers)."""
WORDS_KEPT = 8
"""The word sets of the last few sentences are kept (several Matchers read each sentence)."""
_LAST_WORDS: OrderedDict[int, tuple[Doc | Span, frozenset[int], frozenset[int]]] = OrderedDict()
_LAST_STRINGS: OrderedDict[tuple[int, int], tuple[frozenset[int], str]] = OrderedDict()


def _required(spec: dict) -> bool:
    """Whether a pattern token must match some token of the doc (its operator lets it be absent
    or asks for its absence otherwise)."""
    op = spec.get("OP")
    if op is None or op in ("1", "+"):
        return True
    if op in _OPTIONAL_OPS:
        return False
    low = op.strip("{}").split(",")[0].strip()  # "{n}", "{n,m}", "{n,}", "{,m}"
    return low.isdigit() and int(low) > 0


def requirements(pattern: Pattern) -> set[Requirement]:
    """What a doc must print for `pattern` to match it: one requirement per required token test
    of an ORTH or LOWER against a string or an `IN` list."""
    found: set[Requirement] = set()
    for attr, value in _required_tests(pattern):
        if isinstance(value, str):
            found.add((attr, frozenset({get_string_id(value)})))
        elif set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
            found.add((attr, frozenset(get_string_id(v) for v in value["IN"])))
    return found


def regex_requirements(pattern: Pattern) -> set[RegexRequirement]:
    """The REGEX tests of an ORTH or LOWER of the required tokens of `pattern` (spaCy searches each
    in the token's value, as `re.search` does)."""
    return {(attr, value["REGEX"]) for attr, value in _required_tests(pattern)
            if isinstance(value, dict) and set(value) == {"REGEX"} and isinstance(value["REGEX"], str)}


def _required_tests(pattern: Pattern) -> list[tuple[int, str | dict]]:
    """(attribute, value) of each ORTH, TEXT or LOWER test of a required token of `pattern`."""
    return [(_ATTRS[name], value) for spec in pattern if _required(spec) for name, value in spec.items()
            if name in _ATTRS and isinstance(value, (str, dict))]


def _strings(vocab: Vocab, ids: frozenset[int]) -> str:
    """The distinct values `ids` name, one a line (a token's value holds no line break a REGEX test
    could read across: see `_regex_met`)."""
    key = (id(vocab), id(ids))
    kept = _LAST_STRINGS.get(key)
    if kept is not None and kept[0] is ids:
        return kept[1]
    text = "\n".join(vocab.strings[i] for i in ids)
    _LAST_STRINGS[key] = (ids, text)
    while len(_LAST_STRINGS) > 2 * WORDS_KEPT:
        _LAST_STRINGS.popitem(last=False)
    return text


def doc_words(doclike: Doc | Span) -> tuple[frozenset[int], frozenset[int]]:
    """The LOWER and the ORTH ids of the tokens of `doclike` (a Span reads its Doc's, kept once)."""
    kept = _LAST_WORDS.get(id(doclike))
    if kept is not None and kept[0] is doclike:
        return kept[1], kept[2]
    doc = doclike.doc if isinstance(doclike, Span) else doclike
    rows = doc.user_data.get(WORDS_KEY)
    if rows is None or len(rows) != len(doc):
        rows = doc.user_data[WORDS_KEY] = doc.to_array([LOWER, ORTH])
    if isinstance(doclike, Span):
        rows = rows[doclike.start : doclike.end]
    words = frozenset(rows[:, 0].tolist()), frozenset(rows[:, 1].tolist())
    _LAST_WORDS[id(doclike)] = (doclike, *words)
    while len(_LAST_WORDS) > WORDS_KEPT:
        _LAST_WORDS.popitem(last=False)
    return words


class GatedMatcher:
    """`Matcher.add` and `Matcher.__call__` (with alignments or not) over only the patterns a doc's
    words allow (see the module docstring)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._patterns: list[tuple[str, Pattern]] = []
        self._requirements: dict[Requirement, int] = {}
        """Each distinct word requirement and its bit."""
        self._regexes: dict[RegexRequirement, tuple[int, re.Pattern[str]]] = {}
        """Each distinct REGEX requirement, its bit and its expression (read line by line)."""
        self._needs: list[tuple[int, int]] = []
        """Per pattern, the bits of its word requirements and of its REGEX requirements."""
        self._pending: dict[int, int] = {}
        """The REGEX bits worth testing once the word bits are known: those of the patterns whose
        words are all there."""
        self._by_mask: dict[int, Matcher | None] = {}
        self._by_subset: dict[tuple[int, ...], Matcher] = {}

    def __len__(self) -> int:
        return len(self._patterns)

    def _bit(self) -> int:
        return len(self._requirements) + len(self._regexes)

    def add(self, key: str, patterns: Iterable[Pattern]) -> None:
        for pattern in patterns:
            words = regexes = 0
            for requirement in requirements(pattern):
                words |= 1 << self._requirements.setdefault(requirement, self._bit())
            for regex in regex_requirements(pattern):
                if regex not in self._regexes and _regex_met(regex[1]) is not None:
                    self._regexes[regex] = (self._bit(), _regex_met(regex[1]))
                if regex in self._regexes:
                    regexes |= 1 << self._regexes[regex][0]
            self._patterns.append((key, pattern))
            self._needs.append((words, regexes))
        self._pending.clear()
        self._by_mask.clear()
        self._by_subset.clear()

    def __call__(self, doclike: Doc | Span, *, with_alignments: bool = False) -> list[tuple]:
        lowers, orths = doc_words(doclike)
        met = 0
        for (attr, ids), bit in self._requirements.items():
            if not ids.isdisjoint(lowers if attr == LOWER else orths):
                met |= 1 << bit
        pending = self._pending.get(met)
        if pending is None:
            if len(self._pending) >= 8 * SUBSETS_KEPT:
                self._pending.clear()
            pending = self._pending[met] = self._regex_bits(met)
        if pending:
            for (attr, _), (bit, regex) in self._regexes.items():
                if pending >> bit & 1 and regex.search(_strings(doclike.vocab, lowers if attr == LOWER else orths)):
                    met |= 1 << bit
        if met in self._by_mask:
            matcher = self._by_mask[met]
        else:
            if len(self._by_mask) >= 8 * SUBSETS_KEPT:
                self._by_mask.clear()
            matcher = self._by_mask[met] = self._subset(met)
        return matcher(doclike, with_alignments=with_alignments) if matcher is not None else []

    def _regex_bits(self, met: int) -> int:
        """The REGEX bits of the patterns whose word requirements `met` holds."""
        bits = 0
        for words, regexes in self._needs:
            if words & ~met == 0:
                bits |= regexes
        return bits

    def _subset(self, met: int) -> Matcher | None:
        """The Matcher of the patterns whose requirements `met` holds (None when there are none)."""
        kept = tuple(i for i, (words, regexes) in enumerate(self._needs) if (words | regexes) & ~met == 0)
        if not kept:
            return None
        if kept not in self._by_subset:
            if len(self._by_subset) >= SUBSETS_KEPT:
                self._by_subset.clear()
            matcher = Matcher(self.vocab)
            for i in kept:
                key, pattern = self._patterns[i]
                matcher.add(key, [pattern])
            self._by_subset[kept] = matcher
        return self._by_subset[kept]


_LINE_UNSAFE = ("(?<!", "(?!", "\\A", "\\Z")
"""What may hold at the edge of one value but not before or after a line break: such an expression
is not used to rule patterns out."""


@cache
def _regex_met(regex: str) -> re.Pattern[str] | None:
    """The expression spaCy searches each token's value with, to search the doc's distinct values one
    a line (`re.MULTILINE`: "^" and "$" hold at each value's edges, as they do in the value alone); a
    match in some value is a match there. None for an expression a line break next to the value could
    stop (a negative lookaround, \\A, \\Z) or that does not compile."""
    if any(part in regex for part in _LINE_UNSAFE):
        return None
    try:
        return re.compile(regex, re.MULTILINE)
    except re.error:
        return None
