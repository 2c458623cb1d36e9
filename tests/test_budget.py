"""A paper's time budget grows with its file: `kg build --paper-timeout` + `--paper-timeout-per-mb`."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sample_paper import SAMPLE_TEXT, sample_records
from typer.testing import CliRunner

from kg.build.budget import DEFAULT_BASE_SECONDS, DEFAULT_SECONDS_PER_MB, PaperBudget, as_budget
from kg.build.pipeline import build_paths
from kg.present.cli import _budget, app
from kg.store.kg_store import KgStore
from ontology.lexicon import Lexicon


def stalling_extract(path: Path):  # noqa: ANN201 - module level: worker processes import it by name
    if path.read_bytes().startswith(b"STALL"):
        time.sleep(60)
    return sample_records(path.name, doi="", text=SAMPLE_TEXT)


def _file(path: Path, size: int, head: bytes = b"") -> Path:
    path.write_bytes(head + b"x" * (size - len(head)))
    return path


def test_the_budget_is_the_base_plus_the_allowance_for_each_megabyte(tmp_path: Path) -> None:
    budget = PaperBudget(base=10, per_mb=4)
    assert budget.seconds(_file(tmp_path / "small.txt", 50_000)) == pytest.approx(10.2)
    assert budget.seconds(_file(tmp_path / "big.txt", 5_000_000)) == pytest.approx(30)
    assert budget.seconds(tmp_path / "gone.txt") == 10  # a file that vanished: the base alone


def test_budgets_given_as_seconds_and_no_limit() -> None:
    assert as_budget(None) is None
    assert as_budget(0) is None
    assert as_budget(PaperBudget(0, 0)) is None
    assert as_budget(7) == PaperBudget(7.0)
    assert as_budget(PaperBudget(0, 3)) == PaperBudget(0, 3)
    with pytest.raises(ValueError, match="cannot be negative"):
        PaperBudget(-1)


def test_the_default_budget_lets_a_five_megabyte_paper_take_ten_times_a_half_megabyte_one(tmp_path: Path) -> None:
    """The default grows with the file: a 5 MB paper gets far more than the base (which a 5 MB build
    of result sentences outgrows on a loaded machine), a small paper about the base."""
    default = _budget(DEFAULT_BASE_SECONDS, DEFAULT_SECONDS_PER_MB)
    assert default is not None and DEFAULT_SECONDS_PER_MB > 0
    big = default.seconds(_file(tmp_path / "big.txt", 5_000_000))
    half = default.seconds(_file(tmp_path / "half.txt", 500_000))
    assert big == DEFAULT_BASE_SECONDS + 5 * DEFAULT_SECONDS_PER_MB
    assert big >= 2 * DEFAULT_BASE_SECONDS and half < big
    assert _budget(0, DEFAULT_SECONDS_PER_MB) is None  # --paper-timeout 0: no limit at all


def test_the_build_help_documents_the_budget_per_megabyte() -> None:
    result = CliRunner().invoke(app, ["build", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "--paper-timeout-per-mb" in result.output and "each MB" in result.output


@pytest.mark.parametrize("jobs", [0, 1])
def test_a_paper_over_its_size_grown_budget_fails_with_that_budget(tmp_path: Path, jobs: int) -> None:
    stalled = _file(tmp_path / "stalled.txt", 1_000_000, head=b"STALL")
    good = tmp_path / "good.txt"
    good.write_text(SAMPLE_TEXT, encoding="utf-8")
    with KgStore.open(tmp_path / "s") as store:
        report = build_paths([stalled, good], store, lexicon=Lexicon([]), extract=stalling_extract, jobs=jobs,
                             paper_timeout=PaperBudget(base=1, per_mb=1.5))
    assert [r.source_file for r in report.built] == ["good.txt"]
    (failure,) = report.failures
    assert failure.path == stalled and "2.5 s per-paper budget" in failure.reason
