"""Printing query results: a rich table, CSV, or the W3C SPARQL 1.1 JSON results format."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice

import pyoxigraph as ox
import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kg.core.errors import InputError
from kg.core.safe_text import csv_line, escaped_syntax, safe_text
from kg.export.base import curie
from kg.store.kg_store import QueryResult, Rows, RowStream, Term, term_text
from ontology.namespace import PREFIXES

FORMATS = ("table", "csv", "json")


def compact(term: Term | None) -> str:
    """For display: IRIs shortened with the project prefixes, literals as their text."""
    if isinstance(term, ox.NamedNode):
        return curie(term.value, PREFIXES)
    return term_text(term)


def json_term(term: Term) -> dict[str, str]:
    """A term in the SPARQL 1.1 Query Results JSON Format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def rows_json(rows: Rows) -> str:
    bindings = [_json_binding(rows.columns, row) for row in rows.rows]
    return escaped_syntax(json.dumps({"head": {"vars": rows.columns}, "results": {"bindings": bindings}},
                                     ensure_ascii=False, indent=1))


def _json_binding(columns: list[str], row: tuple[Term | None, ...]) -> dict[str, dict[str, str]]:
    return {c: json_term(t) for c, t in zip(columns, row, strict=True) if t is not None}


def _csv_record(row: tuple[Term | None, ...]) -> str:
    return csv_line([safe_text(term_text(t), keep_breaks=True) for t in row])


def rows_csv(rows: Rows) -> str:
    return "".join([csv_line(list(rows.columns)), *(_csv_record(row) for row in rows.rows)])


STREAM_CHUNK = 2_000
"""Rows written to stdout at a time when a result is streamed."""


def _chunks(texts: Iterator[str]) -> Iterator[str]:
    while chunk := "".join(islice(texts, STREAM_CHUNK)):
        yield chunk


def stream_csv(rows: RowStream) -> Iterator[str]:
    """The CSV of a streamed result, in chunks, as its rows come (`rows_csv`'s text)."""
    yield csv_line(list(rows.columns))
    yield from _chunks(_csv_record(row) for row in rows.rows)


def stream_json(rows: RowStream) -> Iterator[str]:
    """The SPARQL 1.1 JSON results of a streamed result, in chunks, one binding a line."""
    names = escaped_syntax(json.dumps(rows.columns, ensure_ascii=False))
    yield f'{{"head": {{"vars": {names}}},\n"results": {{"bindings": ['
    lines = (escaped_syntax(json.dumps(_json_binding(rows.columns, row), ensure_ascii=False)) for row in rows.rows)
    yield from _chunks(("\n" if i == 0 else ",\n") + line for i, line in enumerate(lines))
    yield "\n]}}\n"


def _clipped(text: str, limit: int | None) -> str:
    return text if limit is None or len(text) <= limit else text[: limit - 1].rstrip() + "…"


TABLE_ROWS = 1_000
"""Rows a table shows at most: a literature's whole-store query has tens of thousands, which took a
minute to lay out as a table nobody reads; csv and json print every row."""


def rows_table(rows: Rows, clip: dict[str, int] | None = None, limit: int | None = TABLE_ROWS,
               total: int | None = None) -> Table:
    """A rich table of the first `limit` rows (None: all), its caption saying how many there are
    (`total`, when `rows` holds only the first ones); `clip` shortens long columns (quotes) for the
    terminal only."""
    clip = clip or {}
    total = len(rows) if total is None else total
    caption = f"{total:,} row{'s' if total != 1 else ''}"
    if limit is not None and total > limit:
        caption = f"the first {limit:,} of {total:,} rows; --format csv or json prints them all"
    table = Table(*(safe_text(c) for c in rows.columns), caption=caption)
    for row in rows.rows[:limit]:
        cells = (_clipped(compact(t), clip.get(c)) for c, t in zip(rows.columns, row, strict=True))
        table.add_row(*(Text(safe_text(cell)) for cell in cells))  # Text: no rich markup from data
    return table


def check_format(fmt: str) -> None:
    """InputError for a format `print_result` cannot write (checked before any query runs)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def print_result(result: QueryResult | RowStream, fmt: str, console: Console,
                 clip: dict[str, int] | None = None) -> None:
    """Print a SELECT / ASK / CONSTRUCT result in `fmt` (table, csv, json) to stdout; a streamed
    SELECT is written as its rows come (a table keeps the first rows only)."""
    if isinstance(result, bool):
        if fmt == "json":
            typer.echo(json.dumps({"head": {}, "boolean": result}))
        else:
            typer.echo("true" if result else "false")
    elif isinstance(result, RowStream):
        if fmt == "table":  # the first rows shown, the others counted as they go by
            shown = list(islice(result.rows, TABLE_ROWS))
            total = len(shown) + sum(1 for _ in result.rows)
            console.print(rows_table(Rows(result.columns, shown), clip, total=total))
            return
        for text in (stream_json if fmt == "json" else stream_csv)(result):
            typer.echo(text, nl=False)  # as the whole result: UTF-8 even where stdout claims ASCII
    elif isinstance(result, Rows):
        if fmt == "json":
            typer.echo(rows_json(result))
        elif fmt == "csv":
            typer.echo(rows_csv(result), nl=False)
        else:
            console.print(rows_table(result, clip))
    else:
        rdf_format = ox.RdfFormat.JSON_LD if fmt == "json" else ox.RdfFormat.N_TRIPLES
        typer.echo(escaped_syntax(ox.serialize(result, format=rdf_format).decode("utf-8")), nl=False)

