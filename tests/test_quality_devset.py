"""Extraction quality on the dev set: 40 study texts in the forms real literature takes.

The dev set (../shared/devset) measures whether the extractors read papers they were not fitted
to. Its gold is read only by the scorer (../shared/eval/score.py), run on what `kg tables` wrote;
the product never sees it. The floors below are the figures reached so far, so no later change can
lower them unnoticed; issue 13's targets are strict 0.85, value 0.90, full 0.70 and AE 0.80.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.present.cli import app

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCORER = SHARED / "eval" / "score.py"
DEVSET = SHARED / "devset"
runner = CliRunner()

FLOORS = {"strict": 0.95, "value": 0.97, "full": 0.90}
"""Below today's figures (strict 1.000, value 1.000, full 0.998) by a margin, above issue 13's targets."""
AE_FLOOR = 0.97


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    texts = DEVSET / "texts"
    if not (SCORER.is_file() and texts.is_dir()):
        pytest.skip(f"dev set or scorer not found under {SHARED}")
    work = tmp_path_factory.mktemp("devset")
    store, out = work / "store", work / "tables"
    built = runner.invoke(app, ["build", str(texts), "--store", str(store)])
    assert built.exit_code == 0, built.output
    tabled = runner.invoke(app, ["tables", "--store", str(store), "--out", str(out)])
    assert tabled.exit_code == 0, tabled.output
    papers = ",".join(sorted(p.stem for p in texts.glob("*.txt")))
    done = subprocess.run([sys.executable, str(SCORER), "--tables", str(out), "--gold", str(DEVSET / "gold"),
                           "--papers", papers], capture_output=True, text=True, check=True)
    return done.stdout


def overall(report: str, level: str) -> float:
    match = re.search(rf"^\s+all\s+{level}\s+\d+\s+\d+\s+[\d.]+\s+[\d.]+\s+([\d.]+)", report, re.M)
    assert match, f"no overall {level} line in:\n{report}"
    return float(match.group(1))


@pytest.mark.parametrize("level", sorted(FLOORS))
def test_devset_outcome_floor(report: str, level: str) -> None:
    assert overall(report, level) >= FLOORS[level], report


def test_devset_adverse_event_floor(report: str) -> None:
    match = re.search(r"adverse events .* F1 ([\d.]+)", report)
    assert match, report
    assert float(match.group(1)) >= AE_FLOOR
