"""The code fingerprint decides when every paper must be rebuilt: it must cover the code that reads them."""

from __future__ import annotations

from pathlib import Path

from kg.build import frame_graph, prepare, rdf_build
from kg.core import iris, nt


def test_fingerprint_covers_existing_reader_extractor_and_graph_files() -> None:
    files = prepare.fingerprint_files()
    assert all(path.is_file() for path in files), [str(p) for p in files if not p.is_file()]
    names = {path.resolve() for path in files}
    for module in (rdf_build, nt, frame_graph, iris):
        assert module.__file__ is not None and Path(module.__file__).resolve() in names
    assert any(path.parent.name == "extractors" for path in files)
    assert any(path.parent.name == "corpus" for path in files)
    assert any(path.suffix == ".tsv" for path in files)
