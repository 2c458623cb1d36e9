"""Text made safe for terminals and spreadsheets, and the server's choice of result format."""

from __future__ import annotations

import csv
import io
import json

from kg.core.safe_text import csv_cell, csv_line, escaped_syntax, safe_text
from kg.query.query_workers import negotiate


def test_control_characters_are_shown_escaped() -> None:
    assert safe_text("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert safe_text("title\x1b]0;x\x07") == "title\\x1b]0;x\\x07"
    assert safe_text("\x9b31m red") == "\\x9b31m red"  # the one-byte CSI
    assert safe_text("left\u202eright\u2066") == "left\\u202eright\\u2066"
    assert safe_text("one\ttwo\nthree") == "one\\x09two\\x0athree"
    assert safe_text("one\ttwo\nthree", keep_breaks=True) == "one\ttwo\nthree"
    assert safe_text("caf\udce9") == "caf\\udce9"  # a byte that was not UTF-8
    assert safe_text("ORR 47.1% (95% CI: 23–72) — ok ≥ 3") == "ORR 47.1% (95% CI: 23–72) — ok ≥ 3"


def test_json_and_ntriples_keep_their_syntax() -> None:
    text = escaped_syntax(json.dumps({"q": "x\x1b\x9b\u202e\udce9y"}, ensure_ascii=False))
    assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
    assert json.loads(text) == {"q": "x\x1b\x9b\u202e\udce9y"}


def test_formula_cells_are_neutralised_and_numbers_kept() -> None:
    for formula in ("=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert csv_cell(formula) == "'" + formula
    for number in ("-0.42", "-3", "+1.5", "-1e-3", "0.61", "47.1"):  # e.g. a negative HR bound
        assert csv_cell(number) == number
    assert csv_cell("ORR") == "ORR" and csv_cell(5) == 5 and csv_cell("") == ""


def test_csv_line_is_read_back_as_written() -> None:
    rows = [["a", "b, c", 'say "hi"', "x\ry", "p\nq", "", "-1.5", "=1+1"], [""], ["", ""]]
    text = "".join(csv_line(row) for row in rows)
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["a", "b, c", 'say "hi"', "x\ry", "p\nq", "", "-1.5", "'=1+1"], [""], ["", ""]]


def test_the_server_follows_the_accept_header() -> None:
    assert negotiate("text/csv", graph=False) == ("CSV", "text/csv")
    assert negotiate("text/html, application/sparql-results+xml;q=0.9, */*;q=0.1", graph=False)[0] == "XML"
    assert negotiate("text/csv;q=0.2, text/tab-separated-values", graph=False)[0] == "TSV"
    assert negotiate("", graph=False) == ("JSON", "application/sparql-results+json")
    assert negotiate("text/turtle", graph=True) == ("TURTLE", "text/turtle")
    assert negotiate("text/csv", graph=True) == ("N_TRIPLES", "application/n-triples")
