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


@pytest.fixture(scope="session")
def corpus_store(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store built once from the shared corpus (about 8 s); tests only read it."""
    from kg.build.pipeline import build_paths
    from kg.store.kg_store import KgStore

    path = tmp_path_factory.mktemp("corpus") / "store"
    store = KgStore.open(path)
    try:
        report = build_paths([corpus_dir], store)
    finally:
        store.close()
    assert not report.failures, report.failures
    return path
