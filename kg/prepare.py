"""One paper, from file to what the store writer needs: read -> extract -> graph -> N-Triples text.

This is the part of a build that runs in worker processes (`kg build --jobs N`, `--dask ADDRESS`):
it needs no store, and what it returns is plain, picklable data. The writer (one process) turns a
`PreparedPaper` into one SPARQL update (see `kg.paper_write`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.rdf_build import build_paper
from kg.store import to_ox

if TYPE_CHECKING:
    from extractors.records import PaperRecords, Problem
    from ontology.lexicon import Lexicon

StageCallback = Callable[[str], None]
"""Told the name of each stage as a paper enters it ('reading', 'extracting', 'building the graph')."""


@dataclass
class PreparedPaper:
    """A paper's graph as N-Triples text, with what the build report needs about it."""

    source_file: str
    graph_iri: str
    publication: str
    counts: dict[str, int]
    problems: list[Problem]
    graph_nt: str
    claims_nt: str
    vocabulary_rows: str
    """`(s p o)` rows of the shared descriptions, for a VALUES block."""
    comparison_keys: set[str] = field(default_factory=set)


def content_hash(path: Path, fingerprint: str = "") -> str:
    """What decides whether a paper must be rebuilt: its bytes and the code and lexicon that read it."""
    digest = hashlib.sha256(fingerprint.encode())
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the readers, extractors, graph builder and lexicon: a changed one rebuilds every paper."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    files = [*sorted((root / "corpus").glob("*.py")), *sorted((root / "extractors").rglob("*.py")),
             *sorted((root / "ontology").rglob("*.py")), *sorted((root / "ontology").rglob("*.tsv")),
             *(root / "kg" / name for name in ("rdf_build.py", "concepts.py", "iris.py", "checks.py", "numbers.py"))]
    for path in files:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _nt(triples: object) -> str:
    return "\n".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ." for s, p, o in triples)  # type: ignore[attr-defined]


def read_and_extract(path: Path, stage: StageCallback) -> PaperRecords:
    """The default extraction: `corpus.read` then `extractors.extract` (both imported lazily: heavy)."""
    import corpus
    from extractors.extract import extract

    stage("reading")
    doc = corpus.read(path)
    stage("extracting")
    return extract(doc)


def prepare_paper(path: Path, lexicon: Lexicon, *, extract: Callable[[Path], PaperRecords] | None = None,
                  stage: StageCallback = lambda name: None) -> PreparedPaper:
    """Read, extract and build one paper; raises what the reader or extractor raised."""
    if extract is None:
        records = read_and_extract(path, stage)
    else:
        stage("extracting")
        records = extract(path)
    stage("building the graph")
    return prepare_records(records, lexicon)


def prepare_records(records: PaperRecords, lexicon: Lexicon | None) -> PreparedPaper:
    """One paper's records as the writer's input (its graph as N-Triples text)."""
    paper = build_paper(records, lexicon)
    from extractors.records import Problem  # records are plain data: no spaCy on this import

    problems = list(records.problems) + [Problem(paper.source_file, f"kg: {w}") for w in paper.warnings]
    vocabulary = "\n".join(f"({to_ox(s)} {to_ox(p)} {to_ox(o)})" for s, p, o in paper.vocabulary_triples)
    return PreparedPaper(paper.source_file, str(paper.graph_iri), str(paper.publication), dict(paper.counts),
                         problems, _nt(paper.triples), _nt(paper.claim_triples), vocabulary,
                         paper.comparison_keys())
