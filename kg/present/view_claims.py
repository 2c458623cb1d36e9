"""The outcome measurements `kg view` draws, picked from the outcome question's stored rows.

`view_outcomes.rq` orders every measurement of the store (the claims stated by most papers first,
then endpoint, value highest first, value as printed, measurement IRI) before it cuts at the cap:
on 1,000 papers that took 16 s, and its count of what the filters match 8 s. The stored rows (one per
claim, with the papers stating it, its endpoint and its number; kg.build.answers) already hold what
that order starts with, for the same filters. So the claims are ordered from their rows, and only the
measurements of the first ones are looked up (`view_claim_measurements.rq`), in the same order and
with the same columns as `view_outcomes.rq` gives them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from operator import itemgetter

from kg.build.answers import read_claims
from kg.core.iris import is_claim_iri
from kg.core.nt import iri
from kg.store.canned import load_query
from kg.store.kg_store import KgStore, term_text, to_ox

Claim = tuple[str, int, str, Decimal | None]
"""A claim's row as `read_claims` gives it: (row IRI, papers stating it, endpoint, number)."""
ROWS_MARKER = re.compile(r"^[ \t]*# @rows[ \t]*$", re.MULTILINE)
OUTCOME_COLUMNS = ("m", "endpoint", "value", "unit", "ci_low", "ci_high", "n", "scope", "subgroup", "paper", "regimen",
                   "regimen_key", "work", "populations", "groups", "quote")
"""view_outcomes.rq's columns before papers, subtype and min, in its order."""
LOOKUP_CHUNK = 2_000
"""Claims per lookup query: the VALUES block stays a few hundred kB however many claims match."""

_COUNT = """PREFIX skg: <https://w3id.org/sarcoma-kg/ontology#>
SELECT (COUNT(DISTINCT ?m) AS ?measurements) WHERE {{ VALUES ?row {{ {rows} }} GRAPH ?g {{ ?m skg:claim ?row }} }}"""
"""How many measurements state these claims (each measurement states one claim at most)."""


def _claim_order(claim: Claim) -> tuple:
    """The order of view_outcomes.rq as far as a claim's row gives it: most papers first, endpoint,
    number highest first (none last)."""
    _, papers, endpoint, number = claim
    return (-papers, endpoint, number is None, -number if number is not None else 0)


def _number(printed: str) -> Decimal | None:
    try:
        return Decimal(printed) if printed else None
    except InvalidOperation:
        return None


def _measurement_order(row: dict[str, str], printed_number: str) -> tuple:
    """ORDER BY DESC(?papers) ?endpoint DESC(?number) ?value ?m, as view_outcomes.rq orders."""
    number = _number(printed_number)
    return (-int(row["papers"]), row["endpoint"], number is None, -number if number is not None else 0,
            row["value"], row["m"])


def _values(claims: Sequence[Claim]) -> str:
    # row IRIs are the store's own claim and measurement IRIs; nt.iri refuses any that could break out
    return " ".join(iri(claim[0]) for claim in claims)


def _lookup(store: KgStore, claims: Sequence[Claim],
            params: dict[str, object]) -> list[tuple[tuple, dict[str, str]]]:
    """The measurements of these claims in view_outcomes' columns (papers from their rows), each with
    its place in view_outcomes' order."""
    papers = {claim[0]: str(claim[1]) for claim in claims}
    echo = {name: term_text(to_ox(params[name])) if name in params else "" for name in ("subtype", "min")}
    text = ROWS_MARKER.sub(lambda _: f"  VALUES ?row {{ {_values(claims)} }}", load_query("view_claim_measurements"),
                           count=1)
    found = []
    for record in store.select(text).records():
        row = {name: record.get(name, "") for name in OUTCOME_COLUMNS}
        row.update(papers=papers[record["row"]], **echo, graph=record["g"])
        found.append((_measurement_order(row, record["number"]), row))
    return found


def _count(store: KgStore, claims: Sequence[Claim]) -> int:
    """How many measurements these rows stand for: a row that is a measurement (it states no claim)
    counts one; a claim's measurements are counted by its link alone (requiring also what
    view_claim_measurements.rq requires of a measurement made Oxigraph read every measurement)."""
    stated = [claim for claim in claims if is_claim_iri(claim[0])]
    total = len(claims) - len(stated)
    for start in range(0, len(stated), LOOKUP_CHUNK):
        rows = store.select(_COUNT.format(rows=_values(stated[start:start + LOOKUP_CHUNK]))).records()
        total += int(rows[0]["measurements"]) if rows else 0
    return total


def drawn_measurements(store: KgStore, params: dict[str, object],
                       max_claims: int | None) -> tuple[list[dict[str, str]], int]:
    """The measurements to draw (at most `max_claims + 1` distinct ones, so a caller sees whether the
    cap cut, in view_outcomes' order and columns, and the paper graph each is in as "graph") and how
    many measurements match the filters."""
    claims = sorted(read_claims(store, params), key=_claim_order)
    wanted = None if max_claims is None else max_claims + 1
    picked: list[tuple[tuple, dict[str, str]]] = []
    seen: set[str] = set()
    start = 0
    while start < len(claims) and (wanted is None or len(seen) < wanted):
        end = start if wanted is not None else len(claims)
        covered = 0
        while end < len(claims) and covered < (wanted or 0) - len(seen):
            covered += claims[end][1]  # a claim has a measurement in each paper stating it, at least
            end += 1
        # claims that tie on the order's first keys are looked up together: their measurements
        # interleave by value and IRI, so a cut inside such a tie could drop the wrong ones
        while end < len(claims) and _claim_order(claims[end]) == _claim_order(claims[end - 1]):
            end += 1
        for chunk in range(start, end, LOOKUP_CHUNK):
            found = _lookup(store, claims[chunk:min(end, chunk + LOOKUP_CHUNK)], params)
            picked.extend(found)
            seen.update(row["m"] for _, row in found)
        start = end
    picked.sort(key=itemgetter(0))
    matching = len(seen) if start == len(claims) else len(seen) + _count(store, claims[start:])
    return [row for _, row in picked], matching
