"""`--format table` shows at most TABLE_ROWS rows and says so; csv and json print every row."""

from __future__ import annotations

import io

import pyoxigraph as ox
from rich.console import Console

from kg.present.output import TABLE_ROWS, print_result, rows_csv, rows_table
from kg.store.kg_store import Rows


def _rows(count: int) -> Rows:
    return Rows(["n", "label"], [(ox.Literal(str(i)), ox.Literal(f"row {i}")) for i in range(count)])


def _printed(rows: Rows, fmt: str = "table") -> str:
    out = io.StringIO()
    print_result(rows, fmt, Console(file=out, width=120))
    return out.getvalue()


def test_a_long_result_shows_its_first_rows_and_says_how_many_there_are() -> None:
    rows = _rows(TABLE_ROWS + 5)
    table = rows_table(rows)
    assert table.row_count == TABLE_ROWS
    assert table.caption == f"the first {TABLE_ROWS:,} of {TABLE_ROWS + 5:,} rows; --format csv or json prints them all"
    text = _printed(rows)
    assert f"row {TABLE_ROWS - 1}" in text and f"row {TABLE_ROWS}" not in text
    assert rows_csv(rows).count("\n") == TABLE_ROWS + 6  # the header and every row


def test_a_short_result_is_shown_whole() -> None:
    rows = _rows(3)
    assert rows_table(rows).row_count == 3 and rows_table(rows).caption == "3 rows"
    assert rows_table(_rows(1)).caption == "1 row"
    assert rows_table(_rows(TABLE_ROWS + 1), limit=None).row_count == TABLE_ROWS + 1
