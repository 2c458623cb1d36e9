"""Extraction quality on the shared papers, measured the way the issues state it.

The gold standard is read only by the scorer (../shared/eval/score.py), which this test runs on
what `kg tables` wrote; the product never sees it.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.present.cli import app

SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "score.py"
runner = CliRunner()


@pytest.fixture(scope="module")
def report(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    if not SCORER.is_file():
        pytest.skip(f"scorer not found at {SCORER}")
    out = tmp_path_factory.mktemp("tables")
    result = runner.invoke(app, ["tables", "--store", str(corpus_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    done = subprocess.run([sys.executable, str(SCORER), "--tables", str(out)], capture_output=True, text=True,
                          check=True)
    return done.stdout


def f1(report: str, paper: str, level: str) -> float:
    match = re.search(rf"^\s+{paper}\s+{level}\s+\d+\s+\d+\s+[\d.]+\s+[\d.]+\s+([\d.]+)", report, re.M)
    assert match, f"no {paper}/{level} line in:\n{report}"
    return float(match.group(1))


def test_outcome_scores_meet_the_bar(report: str) -> None:
    assert f1(report, "all", "strict") >= 0.95  # issue 13: the shared papers keep strict >= 0.95
    for paper in ("002", "003", "004"):
        assert f1(report, paper, "strict") >= 0.80, paper
    assert f1(report, "all", "value") >= 0.90
    assert f1(report, "all", "full") >= 0.85  # today 0.926; issue 13 asks 0.70 of the dev set


def test_adverse_events_entities_and_references(report: str) -> None:
    assert float(re.search(r"adverse events .* F1 ([\d.]+)", report).group(1)) >= 0.97
    for kind in ("drug", "subtype", "target", "trial_id"):
        line = re.search(rf"entities {kind}\s.*P ([\d.]+)\s+R ([\d.]+)", report)
        precision, recall = float(line.group(1)), float(line.group(2))
        assert recall >= 0.95 and precision >= 0.90, kind
    refs = re.search(r"entries (\d+)/(\d+)\s+first_author (\d+)/\d+\s+year (\d+)/\d+\s+doi (\d+)/(\d+)", report)
    entries, total, author, year, doi, dois = map(int, refs.groups())
    assert (entries, total) == (111, 111)
    assert author >= 108 and year >= 108
    assert doi == dois == 24


def test_canonical_question(corpus_store: Path) -> None:
    result = runner.invoke(app, ["outcomes", "--endpoint", "ORR", "--subtype", "ASPS", "--min", "30",
                                 "--store", str(corpus_store), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.stdout.splitlines()))
    found = {(r["regimen"], r["value"], r["scope"]) for r in rows}
    assert {("anlotinib + benmelstobart", "82.1", "primary"), ("axitinib + pembrolizumab", "54.5", "cited"),
            ("atezolizumab", "37", "cited"), ("pembrolizumab", "57", "cited"), ("anlotinib", "46", "cited"),
            ("nivolumab + sunitinib", "50", "cited"), ("ici-based", "50", "primary")} <= found
    assert all(float(r["value"]) >= 30 for r in rows)
    primary = next(r for r in rows if r["value"] == "82.1" and r["ci_low"])
    assert (primary["ci_low"], primary["ci_high"], primary["n"]) == ("63.1", "93.9", "28")
    (atezolizumab,) = [r for r in rows if r["regimen"] == "atezolizumab"]
    assert (atezolizumab["cited_work"], atezolizumab["papers"]) == ("Chen AP 2023", "3"), \
        "three papers citing one trial's 37% are one claim with three supporting papers"
