"""One paper, from file to what the store writer needs: read -> extract -> graph -> N-Triples text.

This is the part of a build that runs in worker processes (`kg build --jobs N`, `--dask ADDRESS`):
it needs no store, and what it returns is plain, picklable data. The writer (one process) turns a
`PreparedPaper` into one SPARQL update (see `kg.build.paper_write`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.build.answer_parts import lexicon_concepts, paper_parts, parts_ntriples
from kg.build.rdf_build import build_paper
from kg.core.errors import KgError
from kg.core.nt import ntriples
from kg.quality.checks import run_checks

if TYPE_CHECKING:
    from extractors.records import PaperRecords, Problem
    from ontology.lexicon import Lexicon

StageCallback = Callable[[str], None]
Extract = Callable[[Path], "PaperRecords | Iterable[PaperRecords]"]
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
    answer_parts: str = ""
    """The paper's parts of the outcome question's rows as N-Triples lines (`kg.build.answer_parts`),
    for its answers graph."""


def content_hash(path: Path, fingerprint: str = "") -> str:
    """What decides whether a paper must be rebuilt: its bytes and the code and lexicon that read it."""
    digest = hashlib.sha256(fingerprint.encode())
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fingerprint_files() -> list[Path]:
    """The readers, extractors, lexicon and graph-building modules: what a paper's graph depends on."""
    root = Path(__file__).resolve().parents[2]
    graph_code = ("build/rdf_build.py", "core/nt.py", "build/frame_graph.py", "build/concepts.py", "core/iris.py",
                  "quality/checks.py", "core/numbers.py")
    files = [*sorted((root / "corpus").glob("*.py")), *sorted((root / "extractors").rglob("*.py")),
             *sorted((root / "ontology").rglob("*.py")), *sorted((root / "ontology").rglob("*.tsv")),
             *(root / "kg" / name for name in graph_code)]
    return files


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the readers, extractors, graph builder and lexicon: a changed one rebuilds every paper."""
    digest = hashlib.sha256()
    for path in fingerprint_files():
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class PaperTimeout(Exception):
    """Raised (by a SIGALRM handler) when a paper runs over its time budget; never caught per paper."""


def read_and_extract(path: Path, stage: StageCallback) -> Iterator[PaperRecords]:
    """The default extraction: the papers of one file (`corpus.read_documents`: text, JATS/PubMed
    XML, MEDLINE text, PDF, Word, HTML; most files hold one paper, a PubMed set many), each through
    `extractors.extract`."""
    import corpus
    from extractors.extract import extract

    stage("reading")
    for doc in corpus.read_documents(path):
        stage("extracting")
        yield extract(doc)
        stage("reading")


def prepare_file(path: Path, lexicon: Lexicon, *, extract: Extract | None = None,
                 stage: StageCallback = lambda name: None,
                 on_paper: Callable[[PreparedPaper], None] | None = None) -> tuple[list[PreparedPaper], str]:
    """Read, extract and build the papers of one file: (the papers, why the rest failed or '').
    With `on_paper`, each paper is handed to it as soon as it is built and the list stays empty: a
    PubMed export of thousands of records is never held whole.

    The papers read before a broken record or paper are kept; a `PaperTimeout` is not caught.
    """
    from extractors.records import PaperRecords

    papers: list[PreparedPaper] = []
    reasons: list[str] = []
    try:
        if extract is None:
            produced: Iterable[PaperRecords] = read_and_extract(path, stage)
        else:
            stage("extracting")
            result = extract(path)
            produced = [result] if isinstance(result, PaperRecords) else result
        for records in produced:
            stage("building the graph")
            try:
                paper = prepare_records(records, lexicon)
            except PaperTimeout:
                raise
            except Exception as exc:  # noqa: BLE001 - one bad paper must not stop the others
                reasons.append(f"{records.source_file}: {failure_reason(exc)}")
                continue
            if on_paper is None:
                papers.append(paper)
            else:
                on_paper(paper)
    except PaperTimeout:
        raise
    except Exception as exc:  # noqa: BLE001 - reported with the file's name, the build goes on
        reasons.append(failure_reason(exc))
    return papers, "; ".join(reasons)


def failure_reason(exc: BaseException) -> str:
    """CorpusError carries a `.reason`; KgError its message; others are named by type and message."""
    reason = getattr(exc, "reason", None)
    if reason:
        return str(reason)
    text = str(exc).strip()
    if isinstance(exc, KgError):
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def prepare_records(records: PaperRecords, lexicon: Lexicon | None) -> PreparedPaper:
    """One paper's records as the writer's input (its graph as N-Triples text)."""
    findings, check_warnings = run_checks(records)
    paper = build_paper(records, lexicon, findings)
    from extractors.records import Problem  # records are plain data: no spaCy on this import

    warnings = check_warnings + paper.warnings
    problems = list(records.problems) + [Problem(paper.source_file, f"kg: {w}") for w in warnings]
    vocabulary = "\n".join(f"({s} {p} {o})" for s, p, o in paper.vocabulary_triples)  # terms are N-Triples text
    # the parts are computed here, in the worker, with the lexicon the build writes to the store
    parts = paper_parts(paper.triples, lexicon_concepts(lexicon, paper.vocabulary_triples))
    return PreparedPaper(paper.source_file, str(paper.graph_iri), str(paper.publication), dict(paper.counts),
                         problems, ntriples(paper.triples), ntriples(paper.claim_triples), vocabulary,
                         paper.comparison_keys(), parts_ntriples(parts))
