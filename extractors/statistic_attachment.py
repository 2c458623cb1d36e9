"""Which value a CI or a p-value printed in a sentence belongs to.

A labelled CI ("95% CI 3.2-6.0") belongs to the nearest value before it when nothing but its own
clause stands between them (`relation_patterns.attached`); a bare CI ("4.6 (3.2-6.0)") to the value
right before its bracket, and a comma CI ("HR 0.93, 0.71-1.22") to the HR right before its comma,
each only when the pair holds the value. A p-value belongs to the value before it in its clause;
after a comparison ("7.0 vs 2.9 months", "improved from 1.5 to 4.2 months") to every value compared
since the last p-value, unless a ";" outside the P's own parenthesis parts them, or a ";" inside it opens
a part with values of its own before the P.

The clause tests read the sentence's tokens (`extractors.relation_patterns`), not its characters.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from extractors.interval_patterns import bare_cis, comma_cis, labelled_cis
from extractors.relation_patterns import attached, clause_words, compares, enclosing_parenthesis, tokens_between
from extractors.statistic_patterns import p_text, p_values

if TYPE_CHECKING:
    from extractors.measurements import Quantity


def _dot(number: str) -> str:
    return number.replace("·", ".").replace("\u2212", "-")


def attach_ci_and_p(text: str, found: list[Quantity]) -> list[Quantity]:
    """`found` (a sentence's quantities, in order) with each CI and p-value of `text` attached."""
    out = list(found)
    cis = (*labelled_cis(text), *bare_cis(text), *comma_cis(text))
    ci_spans = tuple((ci.start, ci.end) for ci in cis)
    for ci in labelled_cis(text):
        before = [i for i, q in enumerate(out) if q.end <= ci.start]
        if before and attached(clause_words(text, out[before[-1]].end, ci.start)):
            i = before[-1]
            out[i] = replace(out[i], ci_low=_dot(ci.low), ci_high=_dot(ci.high),
                             ci_level="" if ci.level in ("", "95") else ci.level)
    for ci in bare_cis(text):
        i = next((i for i, q in enumerate(out) if q.end <= ci.start and not text[q.end : ci.start].strip()
                  and not q.ci_low), None)
        if i is not None and _brackets(out[i].value, ci.low, ci.high):
            out[i] = replace(out[i], ci_low=_dot(ci.low), ci_high=_dot(ci.high))
    for ci in comma_cis(text):
        i = next((i for i, q in enumerate(out) if q.end == ci.start and q.kind == "hr" and not q.ci_low), None)
        if i is not None and _brackets(out[i].value, ci.low, ci.high):
            out[i] = replace(out[i], ci_low=_dot(ci.low), ci_high=_dot(ci.high))
    for statistic in p_values(text):
        p, at = p_text(statistic), statistic.start
        before = [i for i, q in enumerate(out) if q.end <= at and not q.p_value]
        if not before:
            continue
        if compares(tokens_between(text, out[before[0]].start, at)) or any(out[i].change for i in before):
            # a comparison: the p-value belongs to every value printed since the last p-value; a ";"
            # inside the parenthesis that holds the P ("(HR 0.6, 95% CI ...; P = 0.01)") breaks nothing
            opened = enclosing_parenthesis(text, at)
            # "(group A: 7 vs 5 months, P = .2; group B: HR 0.7, P = .04)": a ";" whose
            # part holds values of its own before the P parts the values before it from that P
            semi = text.rfind(";", 0, at)
            own_part = semi >= 0 and any(semi < q.start < at for q in out)
            group = [i for i in before if ";" not in tokens_between(text, out[i].end, max(opened, out[i].end))
                     and not (own_part and out[i].end <= semi)]
            for i in group or before[-1:]:
                out[i] = replace(out[i], p_value=p)
        elif attached(clause_words(text, out[before[-1]].end, at, skip=ci_spans)):
            out[before[-1]] = replace(out[before[-1]], p_value=p)
    return out


def _brackets(value: str, lo: str, hi: str) -> bool:
    """A CI holds its value ("4.6 (3.2–6.0)"); a pair that does not is no CI of it."""
    try:
        v, a = float(_dot(value)), float(_dot(lo))
    except ValueError:
        return False
    b = float("inf") if hi == "NR" else float(_dot(hi))
    return a <= v <= b
