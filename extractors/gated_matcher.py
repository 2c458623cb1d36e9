"""A spaCy `Matcher` that runs, on each sentence, only the patterns whose required words it prints.

spaCy's Matcher starts every pattern at every token, so its cost grows with the number of
patterns; the readers' families have dozens (a labelled CI's level, name and bounds, timepoint
lists of one to eight items), and most of them need words a given sentence does not print. A
token of a pattern that must be there (no "?", "*", "!" or "{0,m}" operator) and that tests its
ORTH (TEXT) or LOWER against one string or an `IN` list needs the sentence to hold such a token;
other tests (REGEX, NOT_IN, flags) are assumed to be met. Before each call, the sentence's
words decide which patterns can match at all, and a Matcher of only those runs.

The result is the full Matcher's, in the same order: the subset Matcher gets the same patterns
under the same keys, in the order they were added, and a pattern that cannot match yields
nothing; the Matcher's states of different patterns never interact, so dropping some leaves the
others' matches, and their order, as they were. One Matcher is built per subset met (a handful
per family), and reused.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

from spacy.attrs import LOWER, ORTH
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

Pattern = list[dict]
Requirement = tuple[int, frozenset[int]]
"""(LOWER or ORTH, the string ids one of which some token must have)."""
WORDS_KEY = "gated_matcher.words"
"""`Doc.user_data` key of a Doc's ORTH and LOWER ids (one array, read once per Doc)."""
_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER}
_OPTIONAL_OPS = frozenset({"?", "*", "!"})
WORDS_KEPT = 8
"""The word sets of the last few sentences are kept (several Matchers read each sentence)."""
_LAST_WORDS: OrderedDict[int, tuple[Doc | Span, frozenset[int], frozenset[int]]] = OrderedDict()


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
    for spec in pattern:
        if not _required(spec):
            continue
        for name, value in spec.items():
            attr = _ATTRS.get(name)
            if attr is None:
                continue
            if isinstance(value, str):
                found.add((attr, frozenset({get_string_id(value)})))
            elif isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
                found.add((attr, frozenset(get_string_id(v) for v in value["IN"])))
    return found


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
        """Each distinct requirement and its bit."""
        self._needs: list[int] = []
        """Per pattern, the bits of its requirements."""
        self._by_mask: dict[int, Matcher | None] = {}
        self._by_subset: dict[tuple[int, ...], Matcher] = {}

    def __len__(self) -> int:
        return len(self._patterns)

    def add(self, key: str, patterns: Iterable[Pattern]) -> None:
        for pattern in patterns:
            need = 0
            for requirement in requirements(pattern):
                need |= 1 << self._requirements.setdefault(requirement, len(self._requirements))
            self._patterns.append((key, pattern))
            self._needs.append(need)
        self._by_mask.clear()
        self._by_subset.clear()

    def __call__(self, doclike: Doc | Span, *, with_alignments: bool = False) -> list[tuple]:
        lowers, orths = doc_words(doclike)
        met = 0
        for (attr, ids), bit in self._requirements.items():
            if not ids.isdisjoint(lowers if attr == LOWER else orths):
                met |= 1 << bit
        if met in self._by_mask:
            matcher = self._by_mask[met]
        else:
            matcher = self._by_mask[met] = self._subset(met)
        return matcher(doclike, with_alignments=with_alignments) if matcher is not None else []

    def _subset(self, met: int) -> Matcher | None:
        """The Matcher of the patterns whose requirements `met` holds (None when there are none)."""
        kept = tuple(i for i, need in enumerate(self._needs) if need & ~met == 0)
        if not kept:
            return None
        if kept not in self._by_subset:
            matcher = Matcher(self.vocab)
            for i in kept:
                key, pattern = self._patterns[i]
                matcher.add(key, [pattern])
            self._by_subset[kept] = matcher
        return self._by_subset[kept]
