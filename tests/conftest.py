"""Shared fixtures: the seed corpus lives beside the repository, in ../shared/corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus directory; tests that need it are skipped when it is missing."""
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS_DIR}")
    return CORPUS_DIR


@pytest.fixture(scope="session")
def corpus_files(corpus_dir: Path) -> list[Path]:
    """The corpus papers (*.txt), sorted by name."""
    files = sorted(corpus_dir.glob("*.txt"))
    if not files:
        pytest.skip(f"no *.txt papers in {corpus_dir}")
    return files
