"""Hostile inputs beside a good paper: each gets its message, the good paper is built, the store answers.

Every input is generated here (a sparse file stands for a huge one); nothing large is committed.
The papers are invented for the test.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.present.cli import app

runner = CliRunner()
GOOD = ("Eribulin in liposarcoma: a phase II study\n\nAbstract\n\nResults\n\n"
        "The objective response rate was 25% in 40 patients with liposarcoma treated with eribulin.\n")
RESULT = "The disease control rate was {rate}% with pazopanib in leiomyosarcoma."
REFUSED = {  # file -> the reason `kg build` must give for it
    "empty.txt": "empty file",
    "blank.txt": "only whitespace",
    "binary.txt": "binary content",
    "image.txt": "unsupported format: a PNG image",
    "utf16.txt": "binary content",
    "latin1.txt": "not UTF-8 text",
    "nul.txt": "NUL byte",
    "huge.txt": "file too large",
}


def _paper(title: str, *results: str) -> str:
    return f"{title}\n\nAbstract\n\nResults\n\n" + "\n\n".join(results) + "\n"


def _write_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\t\n   \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (folder / "utf16.txt").write_bytes(GOOD.encode("utf-16"))
    (folder / "latin1.txt").write_bytes(_paper("Caf\xe9 au lait study", RESULT.format(rate=40)).encode("latin-1"))
    (folder / "nul.txt").write_bytes(b"Results\n\nThe ORR was 30%\x00 in sarcoma.\n")
    with (folder / "huge.txt").open("wb") as huge:  # sparse: no disk used
        huge.truncate(21 * 1024 * 1024)
    # texts that build, whose content must neither break the graph nor attack a reader
    (folder / "markup.txt").write_text(_paper(
        "<script>alert(1)</script> Pazopanib in leiomyosarcoma",
        '"} ; DROP ALL ; <urn:x> <urn:y> "z" . # ' + RESULT.format(rate=61),
        "\u202eThe\u200b disease control rate was 62% with pazo\u200dpanib in leiomyosarcoma.",
        "\x1b]0;owned\x07\x1b[2J" + RESULT.format(rate=63),
        '=HYPERLINK("http://evil.example/","x") ' + RESULT.format(rate=64),
        "The objective response rate was 150% in 20 patients with leiomyosarcoma treated with pazopanib.",
    ), encoding="utf-8")
    markers = " ".join(f"[{i}]" for i in range(1, 10_001))
    (folder / "markers.txt").write_text(_paper("Trabectedin in sarcoma", f"{RESULT.format(rate=50)} {markers}"),
                                        encoding="utf-8")
    (folder / "longtoken.txt").write_text(_paper("A long token", "x" * 40_000 + " " + RESULT.format(rate=51)),
                                          encoding="utf-8")
    line = " ".join(RESULT.format(rate=10 + i % 80) for i in range(1500))  # ~100 KB on one line
    (folder / "longline.txt").write_text(_paper("One long line", line), encoding="utf-8")
    (folder / "cr_only.txt").write_bytes(GOOD.replace("liposarcoma", "synovial sarcoma").encode().replace(b"\n", b"\r"))


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("hostile")
    _write_inputs(root / "in")
    result = runner.invoke(app, ["build", str(root / "in"), "--store", str(root / "store")])
    assert "Traceback" not in result.output
    return root / "store", result.stderr


def test_each_refused_file_is_named_with_its_reason(hostile_build: tuple[Path, str]) -> None:
    _, stderr = hostile_build
    for name, reason in REFUSED.items():
        lines = [line for line in stderr.splitlines() if f"{name}:" in line and line.startswith("error: ")]
        assert lines and reason in lines[0], (name, lines)


def _csv(args: list[str]) -> list[dict[str, str]]:
    result = runner.invoke(app, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_the_good_papers_beside_them_are_built_and_queryable(hostile_build: tuple[Path, str]) -> None:
    store, _ = hostile_build
    rows = _csv(["outcomes", "--store", str(store), "--endpoint", "ORR"])
    assert ("good.txt", "eribulin", "25") in {(r["source_file"], r["regimen"], r["value"]) for r in rows}
    built = {r["f"] for r in _csv(["sparql", "SELECT DISTINCT ?f WHERE { ?p skg:sourceFile ?f }", "--store",
                                   str(store)])}
    assert {"good.txt", "markup.txt", "markers.txt", "longtoken.txt", "longline.txt", "cr_only.txt"} <= built
    assert not built & set(REFUSED)
    dcr = {(r["source_file"], r["value"]) for r in _csv(["outcomes", "--store", str(store), "--endpoint", "DCR"])}
    assert {("markers.txt", "50"), ("longtoken.txt", "51"), ("markup.txt", "61")} <= dcr
    assert len({v for f, v in dcr if f == "longline.txt"}) == 80  # every rate of the long line


def test_an_impossible_rate_is_kept_and_flagged(hostile_build: tuple[Path, str]) -> None:
    store, _ = hostile_build
    orr = {(r["source_file"], r["value"]) for r in _csv(["outcomes", "--store", str(store), "--endpoint", "ORR"])}
    assert ("markup.txt", "150") in orr  # kept as printed
    findings = _csv(["check", "--check", "impossible_value", "--store", str(store)])
    assert any("ORR 150%: a percentage outside 0-100%" in f["message"] for f in findings)


def test_hostile_text_reaches_no_reader_raw(hostile_build: tuple[Path, str], tmp_path: Path) -> None:
    store, _ = hostile_build
    # the quotes holding an escape character (a table shows 1,000 rows at most, and the paper has more)
    hostile = 'SELECT ?q WHERE { ?e skg:quote ?q FILTER (CONTAINS(?q, "\\u001B")) }'
    for args in (["outcomes", "--endpoint", "DCR"], ["sparql", hostile], ["sparql", hostile, "--format", "csv"],
                 ["sparql", hostile, "--format", "json"],
                 ["sparql", "CONSTRUCT { ?e <urn:q> ?q } WHERE { ?e skg:quote ?q }"], ["check"]):
        result = runner.invoke(app, [*args, "--store", str(store)])
        assert result.exit_code == 0, (args, result.output)
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout, args
        assert "1b" in result.stdout, args  # shown escaped (\x1b or \u001b), not dropped
    out = tmp_path / "tables"
    assert runner.invoke(app, ["tables", "--out", str(out), "--store", str(store)]).exit_code == 0
    for table in out.glob("*.csv"):
        for row in csv.reader(table.open(encoding="utf-8", newline="")):
            assert not any(cell.startswith(("=", "+", "@")) for cell in row), (table.name, row)
            assert not any(cell.startswith("-") and not cell.lstrip("-").replace(".", "").isdigit() for cell in row)
    quotes = [r["quote"] for r in csv.DictReader((out / "outcomes.csv").open(encoding="utf-8", newline=""))]
    assert any(q.startswith("'=HYPERLINK(") for q in quotes)


def _tables(store: Path, out: Path) -> dict[str, str]:
    result = runner.invoke(app, ["tables", "--out", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.csv"))}


def test_kill_9_during_a_rebuild_leaves_the_previous_content(tmp_path: Path) -> None:
    """A few trials (the full run of many is a benchmark): the store answers as before every time."""
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "good.txt").write_text(GOOD, encoding="utf-8")
    (papers / "second.txt").write_text(_paper("Pazopanib in leiomyosarcoma", RESULT.format(rate=44)),
                                       encoding="utf-8")
    store = tmp_path / "store"
    assert runner.invoke(app, ["build", str(papers), "--store", str(store)]).exit_code == 0
    before = _tables(store, tmp_path / "before")
    for trial, delay in enumerate((0.8, 2.0, 3.5)):
        proc = subprocess.Popen([sys.executable, "-c", "from kg.present.cli import app; app()", "build", str(papers),
                                 "--store", str(store)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        assert _tables(store, tmp_path / f"after{trial}") == before, f"trial {trial} (kill after {delay} s)"


def test_a_file_name_with_escape_codes_is_shown_escaped(tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "title\x1b]0;owned\x07.txt").write_text(GOOD, encoding="utf-8")
    (papers / "bad\x1b[2J.txt").write_bytes(b"")
    result = runner.invoke(app, ["build", str(papers), "--store", str(tmp_path / "store")])
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "title\\x1b]0;owned\\x07.txt" in result.stdout and "bad\\x1b[2J.txt: empty file" in result.stderr
    query = "SELECT ?f WHERE { ?p skg:sourceFile ?f }"
    listed = runner.invoke(app, ["sparql", query, "--store", str(tmp_path / "store")])
    assert "\x1b" not in listed.stdout and "title\\x1b" in listed.stdout


def test_a_sentence_of_thousands_of_joined_events_is_read() -> None:
    # each "and" took the event reader one call deeper: 1,500 of them passed the recursion limit
    from corpus.reader import parse
    from extractors.extract import extract

    text = ("A phase II study of drug Q in sarcoma\n\nAbstract\n\nResults: Grade 3 events were "
            + "rash and fatigue and " * 1500 + "nausea in 4 patients (10%).\n")
    records = extract(parse(text, "joined.txt"))
    assert records.outcomes is not None
