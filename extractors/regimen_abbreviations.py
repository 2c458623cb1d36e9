"""Short forms a paper defines for a combination of drugs ("gemcitabine plus docetaxel (GD)",
"Adriamycin and ifosfamide (AI)"), resolved to every drug of the combination.

The abbreviation component resolves a short form only when its long form is one lexicon
concept; an arm named by a combination is two or more, so papers that then write "79% for AI
and 59% for GD" would leave both arms without a regimen. Here a parenthesised all-capital short
form right after drugs joined by "plus", "and", "with", "+" or "/" (alone or as the label of a
"regimen", "protocol" or "arm": "(VIT regimen)") becomes, from the definition
on, a mention of each of those drugs at each of its later occurrences. A short form that the
lexicon already reads at some place keeps that meaning there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from extractors.records import Evidence, Mention

JOINER = r"\s*(?:\+|/|,\s*|\s(?:plus|and|with|combined\s+with|in\s+combination\s+with)\s)\s*"
SHORT_RE = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9-]{1,7})(?:\s+(?:regimen|protocol|combination|arm|group))?\s*\)")
"""'(GD)', and the label with its noun: '(VIT regimen)'."""
PARTS_RE = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9-]{1,7}(?:\s*[+/]\s*[A-Z][A-Za-z0-9-]{1,7})+)\s*\)")
"""'(AXI + PEM)', '(GEM/DOC)': a short form for each drug of the combination before it, in its order."""
COMBINATION_NOUN_RE = re.compile(r"\s+(?:combinations?|regimens?|doublets?|therapy|treatment)$", re.I)
_WORD_RE = re.compile(r"[\w-]+")


def _combination_before(drugs: list[Mention], drug_starts: list[int], text: str, paren_start: int) -> list[Mention]:
    """The drugs joined into one combination that ends right before `paren_start` (`drugs` sorted by
    start, `drug_starts` their starts): walked back from there, not filtered from the whole list."""
    chain: list[Mention] = []
    end = paren_start
    for k in range(bisect_right(drug_starts, paren_start) - 1, -1, -1):
        m = drugs[k]
        if m.evidence.end > end:
            continue
        gap = text[m.evidence.end:end]
        if chain and not re.fullmatch(JOINER, gap):
            break
        if not chain and gap.strip():
            break
        chain.append(m)
        end = m.evidence.start
    return list(reversed(chain)) if len(chain) >= 2 else []


def combination_short_forms(text: str, mentions: list[Mention], source_file: str,
                            section_at: Callable[[int], str]) -> list[Mention]:
    """Drug mentions for each later use of a short form defined for a drug combination."""
    drugs = sorted((m for m in mentions if m.type == "drug"), key=lambda m: m.evidence.start)
    drug_starts = [m.evidence.start for m in drugs]
    taken = {(m.evidence.start, m.evidence.end) for m in mentions}
    definitions: dict[str, tuple[int, list[Mention]]] = {}  # short form -> (end of its definition, drugs)
    for m in SHORT_RE.finditer(text):
        short = m.group(1)
        if short in definitions or not short.isupper() or not re.search(r"[A-Z].*[A-Z]", short):
            continue
        combination = _combination_before(drugs, drug_starts, text, m.start())
        if combination and len(short) <= 2 * len(combination) + 2:
            definitions[short] = (m.end(), combination)
    for m in PARTS_RE.finditer(text):  # "axitinib plus pembrolizumab (AXI + PEM)": one short form per drug
        parts = re.split(r"\s*[+/]\s*", m.group(1))
        noun = COMBINATION_NOUN_RE.search(text, max(0, m.start() - 20), m.start())  # "X and Y combinations (X/Y)"
        combination = _combination_before(drugs, drug_starts, text, noun.start() if noun else m.start())
        if len(parts) != len(combination) or any(p in definitions or not p.isupper() or p[0] != d.surface[:1].upper()
                                                 for p, d in zip(parts, combination, strict=True)):
            continue
        for part, drug in zip(parts, combination, strict=True):
            definitions[part] = (m.end(), [drug])
    # a use is a whole word ("AI", not "AIx" or "X-AI"): one pass over the words finds the uses of
    # every short form, instead of one search of the rest of the text per short form
    uses: dict[str, list[tuple[int, int]]] = {short: [] for short in definitions}
    if definitions:
        for word in _WORD_RE.finditer(text, min(end for end, _ in definitions.values())):
            found = uses.get(word.group())
            if found is not None and word.start() >= definitions[word.group()][0]:
                found.append(word.span())
    added: list[Mention] = []
    for short, (_, combination) in definitions.items():
        keys = list(dict.fromkeys(d.key for d in combination))
        for start, end in uses[short]:
            if (start, end) in taken:
                continue
            for key, source in zip(keys, combination, strict=False):
                evidence = Evidence(source_file, section_at(start) or "", start, end, short)
                added.append(Mention("drug", key, source.label, short, evidence))
    return added
