"""A stored answer row as a join of what each paper contributes: pure functions, no store.

Each paper's graph gives, per row (a claim, or a measurement that has none), a *part*: the values its
own measurements have for every cell (kg.build.answer_parts computes it from the paper's triples,
in the worker that builds it). A row's *state* is the join of the parts of every paper stating it:
a distinct set per listed cell, the smallest value for a cell that shows one value, the largest
number and the most detailed quote. Every step is a union, a min or a max, so joining is order-free and idempotent:
adding a paper's part to a row's state gives the state of all parts without reading the others,
which is what keeps adding a paper to a large store cheap (see kg.build.answers).

From the state come the row's cells, the same as the query that once grouped every measurement
(`GROUP_CONCAT(DISTINCT ...)`, `SAMPLE`, `MAX`, `COUNT(DISTINCT ?publication)`), with listed values
sorted so that a row does not depend on the order papers were written in.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

UNIT_SEPARATOR = "\u001f"
"""Between a part's fields (and a packed row's cells)."""
RECORD_SEPARATOR = "\u001e"
"""Between the values of one field of a part."""
UNBOUND = "%"
"""An unbound value (an encoded value never holds a "%" that starts no escape)."""

ONE_VALUE = ("endpoint", "regimen", "value", "unit", "subgroup", "scope")
"""Cells that show one value: the smallest of those printed (the claim's key makes them agree)."""
LISTED = ("ci_low", "ci_high", "n", "population", "paper", "cited_work", "source_file", "publication", "selector")
"""Cells (and hidden fields) that list every distinct value."""
PART_FIELDS = ("endpoint", "regimen", "value", "number", "unit", "ci_low", "ci_high", "n", "population", "subgroup",
               "scope", "publication", "paper", "cited_work", "quote", "source_file", "selector")
"""A part's fields, in order, after the row's IRI: `quote` is ranked ("CI flag, n flag|quote")."""

CELLS = ("endpoint", "regimen", "value", "number", "unit", "ci_low", "ci_high", "n", "population", "subgroup",
         "scope", "papers", "paper", "cited_work", "quote", "source_file")
"""A row's cells, in the order of its packed form (after the row's IRI)."""

_JOINED = {"ci_low": "/", "ci_high": "/", "n": "/", "population": "|", "paper": "; ", "cited_work": "; ",
           "source_file": "; "}


class PartError(ValueError):
    """A stored part or state is not in the shape this code writes (a store of another version)."""


def encode(value: str | None) -> str:
    """A value as it sits in a part or packed row: "%" escaped, separators escaped, None as "%"."""
    if value is None:
        return UNBOUND
    return value.replace("%", "%25").replace(UNIT_SEPARATOR, "%1F").replace(RECORD_SEPARATOR, "%1E")


def decode(field: str) -> str | None:
    if field == UNBOUND:
        return None
    if "%" not in field:
        return field
    return field.replace("%1F", UNIT_SEPARATOR).replace("%1E", RECORD_SEPARATOR).replace("%25", "%")


@dataclass(frozen=True)
class RowState:
    """What a row's cells are made from: one value, the largest number, the best quote, value sets."""

    one: Mapping[str, str | None]
    number: str | None
    quote: str | None
    listed: Mapping[str, frozenset[str]]

    def to_json(self) -> str:
        return json.dumps({"one": dict(self.one), "number": self.number, "quote": self.quote,
                           "listed": {k: sorted(v) for k, v in self.listed.items()}},
                          ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> RowState:
        try:
            data = json.loads(text)
            return cls({k: data["one"].get(k) for k in ONE_VALUE}, data["number"], data["quote"],
                       {k: frozenset(data["listed"].get(k, ())) for k in LISTED})
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise PartError(f"a stored answer state is malformed: {exc}") from exc


def _number(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise PartError(f"a stored answer number is not a decimal: {text!r}") from exc


def _larger_number(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a if b is None else b
    x, y = _number(a), _number(b)
    if x == y:  # "41.5" and "41.50": either prints the number; the same one whatever the order
        return min(a, b)
    return a if x > y else b


def _smaller(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a if b is None else b
    return min(a, b)


def _larger(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a if b is None else b
    return max(a, b)


def publication_digest(iri: str) -> str:
    """A publication as the state keeps it (it is only counted): short, whatever the IRI's length."""
    return hashlib.sha1(iri.encode("utf-8")).hexdigest()[:20]


def parse_part(text: str) -> tuple[str, RowState]:
    """(the row's IRI, its state from this one part) from a part's packed text."""
    fields = text.split(UNIT_SEPARATOR)
    if len(fields) != len(PART_FIELDS) + 1:
        raise PartError(f"an answer part has {len(fields) - 1} fields, not {len(PART_FIELDS)}")
    values = {name: [decode(v) for v in field.split(RECORD_SEPARATOR)]
              for name, field in zip(PART_FIELDS, fields[1:], strict=True)}
    one: dict[str, str | None] = {}
    for name in ONE_VALUE:
        bound = [v for v in values[name] if v is not None]
        one[name] = min(bound) if bound else None
    number = None
    for printed in values["number"]:
        number = _larger_number(number, printed)
    quote = None
    for ranked in values["quote"]:
        quote = _larger(quote, ranked)
    listed = {name: frozenset(v for v in values[name] if v) for name in LISTED}
    listed["publication"] = frozenset(publication_digest(p) for p in listed["publication"])
    return fields[0], RowState(one, number, quote, listed)


def join(a: RowState | None, b: RowState) -> RowState:
    """The state of both: order-free and idempotent (join(a, a) == a)."""
    if a is None:
        return b
    return RowState({k: _smaller(a.one[k], b.one[k]) for k in ONE_VALUE}, _larger_number(a.number, b.number),
                    _larger(a.quote, b.quote), {k: a.listed[k] | b.listed[k] for k in LISTED})


def join_all(states: Iterable[RowState]) -> RowState | None:
    joined: RowState | None = None
    for state in states:
        joined = join(joined, state)
    return joined


def _listing_key(item: str) -> tuple[int, Decimal | str, str]:
    """Numbers in numeric order, then text."""
    try:
        return (0, Decimal(item), item)
    except InvalidOperation:
        return (1, item, item)


def cells(state: RowState) -> dict[str, str | None]:
    """The row's cells (None: unbound) as the outcome question shows them."""
    out: dict[str, str | None] = dict(state.one)
    for name, joiner in _JOINED.items():
        out[name] = joiner.join(sorted(state.listed[name], key=_listing_key))
    out["number"] = state.number
    out["papers"] = str(len(state.listed["publication"]))
    out["quote"] = state.quote.partition("|")[2] if state.quote is not None else None
    return {name: out[name] for name in CELLS}


PACKED_ESCAPE = "\u001a"
"""Starts an escape in a packed row's cell (U+001A, a control character papers almost never hold):
followed by "u" it is U+001F, by "x" itself, by "e" a cell that is the empty text. An unbound cell is
empty, so that a row without the character is read by one split."""
_PACKED_EMPTY = PACKED_ESCAPE + "e"


def _pack(value: str | None) -> str:
    if value is None:
        return ""
    if not value:
        return _PACKED_EMPTY
    if PACKED_ESCAPE in value or UNIT_SEPARATOR in value:
        return value.replace(PACKED_ESCAPE, PACKED_ESCAPE + "x").replace(UNIT_SEPARATOR, PACKED_ESCAPE + "u")
    return value


def _unpack_cell(field: str, unbound: str | None) -> str | None:
    if not field:
        return unbound
    if PACKED_ESCAPE not in field:
        return field
    if field == _PACKED_EMPTY:
        return ""
    return field.replace(PACKED_ESCAPE + "u", UNIT_SEPARATOR).replace(PACKED_ESCAPE + "x", PACKED_ESCAPE)


def packed(row: str, row_cells: Mapping[str, str | None]) -> str:
    """The row as one literal: its IRI and every cell, separated by U+001F (`unpack` reverses it)."""
    return UNIT_SEPARATOR.join([_pack(row), *(_pack(row_cells[name]) for name in CELLS)])


def unpack(text: str, unbound: str | None = None) -> list[str | None]:
    """A packed row's fields: the row's IRI, then the cells in `CELLS` order (`unbound` for a cell
    that has no value)."""
    if unbound == "" and PACKED_ESCAPE in text:
        # the question's frame shows an empty text and an unbound cell alike: with those escapes gone
        # ("\x1ae" is never part of another escape), most rows need no decoding
        text = text.replace(_PACKED_EMPTY, "")
    fields = text.split(UNIT_SEPARATOR)
    if PACKED_ESCAPE not in text:
        if unbound == "":
            return fields  # one split, nothing to decode
        return [field or unbound for field in fields]
    return [_unpack_cell(field, unbound) for field in fields]
