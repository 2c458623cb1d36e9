"""`kg sparql` prints a SELECT as the engine gives it: the same CSV / JSON as the whole result, a
table of the first rows with the count of all, and a quiet stop when the reader goes away."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rich.console import Console

from kg.core.errors import StoreError
from kg.present import output
from kg.present.output import TABLE_ROWS, print_result, rows_csv, rows_json
from kg.store.kg_store import KgStore, Rows, RowStream

HOSTILE = [
    (ox.NamedNode("https://example.org/a"), ox.Literal("=HYPERLINK(\"x\")"), ox.Literal("3", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))),
    (ox.BlankNode("b1"), ox.Literal('a, "quoted"\nline\rend'), None),
    (None, ox.Literal("\x1b[31mred\u202e", language="en"), ox.Literal("")),
    (ox.NamedNode("https://example.org/b"), ox.Literal("plain"), ox.Literal("1.5", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#decimal"))),
]
COLUMNS = ["s", "label", "value"]


def _streamed(rows: list[tuple], fmt: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    print_result(RowStream(list(COLUMNS), iter(rows)), fmt, Console(file=io.StringIO(), width=120))
    return capsys.readouterr().out


@pytest.mark.parametrize("chunk", [1, 3, output.STREAM_CHUNK])
def test_a_streamed_result_prints_the_csv_and_json_of_the_whole_result(chunk: int, monkeypatch: pytest.MonkeyPatch,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(output, "STREAM_CHUNK", chunk)
    whole = Rows(list(COLUMNS), list(HOSTILE))
    assert _streamed(HOSTILE, "csv", capsys) == rows_csv(whole)
    streamed_json = _streamed(HOSTILE, "json", capsys)
    assert json.loads(streamed_json) == json.loads(rows_json(whole))
    assert "\x1b" not in streamed_json and "\u202e" not in streamed_json  # escaped, as in the whole result's JSON


def test_an_empty_streamed_result_is_a_header_line_and_valid_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert _streamed([], "csv", capsys) == "s,label,value\n"
    assert json.loads(_streamed([], "json", capsys)) == {"head": {"vars": COLUMNS}, "results": {"bindings": []}}


def test_a_streamed_table_shows_its_first_rows_and_counts_them_all() -> None:
    rows = [(ox.Literal(str(i)), ox.Literal(f"row {i}"), None) for i in range(TABLE_ROWS + 7)]
    console = io.StringIO()
    print_result(RowStream(list(COLUMNS), iter(rows)), "table", Console(file=console, width=120))
    text = " ".join(console.getvalue().split())  # the caption is folded to the table's width
    assert f"the first {TABLE_ROWS:,} of {TABLE_ROWS + 7:,} rows; --format csv or json prints them all" in text
    assert f"row {TABLE_ROWS - 1} " in text and f"row {TABLE_ROWS} " not in text


def test_an_engine_error_while_the_rows_are_read_names_the_store(tmp_path: Path) -> None:
    def failing():  # noqa: ANN202 - the engine reports a broken file only once it reads that far
        yield from ()
        raise RuntimeError("IO error: the file is gone")

    with KgStore.open(tmp_path / "s") as store:
        stream = store._solutions(failing(), ["s"])  # noqa: SLF001 - the error mapping of a lazy result
        with pytest.raises(StoreError, match="cannot read the store at .*IO error"):
            list(stream)


def test_a_large_streamed_result_stops_quietly_when_its_reader_goes_away(tmp_path: Path) -> None:
    with KgStore.open(tmp_path / "s") as store:
        store.update("INSERT DATA { " + " ".join(
            f"<https://example.org/n{i}> <https://example.org/label> \"label number {i}\" ." for i in range(20_000))
            + " }")
    kg = Path(sys.executable).with_name("kg")
    with subprocess.Popen([str(kg), "sparql", "SELECT ?s ?o WHERE { ?s ?p ?o }", "--store", str(tmp_path / "s"),
                           "-f", "csv"], stdout=subprocess.PIPE, stderr=subprocess.PIPE) as reader:
        assert reader.stdout is not None and reader.stderr is not None
        assert reader.stdout.readline() == b"s,o\n"
        reader.stdout.close()  # 20,000 rows are more than a pipe holds: the next writes fail
        error = reader.stderr.read().decode()
        assert reader.wait(timeout=60) == 141
    assert error == ""


def test_a_streamed_result_is_utf_8_where_stdout_claims_ascii(tmp_path: Path) -> None:
    with KgStore.open(tmp_path / "s") as store:
        store.update('INSERT DATA { <https://example.org/a> <https://example.org/label> "β-catenin 12–20 µg" . }')
    kg = Path(sys.executable).with_name("kg")
    for fmt in ("csv", "json"):
        done = subprocess.run([str(kg), "sparql", "SELECT ?o WHERE { ?s ?p ?o }", "--store", str(tmp_path / "s"),
                               "-f", fmt], capture_output=True, env={**os.environ, "PYTHONIOENCODING": "ascii"},
                              timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        assert "β-catenin 12–20 µg" in done.stdout.decode("utf-8")
