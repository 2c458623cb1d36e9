"""`kg build`: papers on disk -> records -> triples -> the store, one named graph per paper.

For each input file: `corpus.read` -> `extractors.extract` -> `kg.rdf_build.build_paper` ->
`KgStore.replace_graph`. A file that cannot be read or extracted is reported (name + reason) and
skipped; the store is only touched once a paper's graph is complete, so nothing already in it is
lost. The shared vocabulary is (re)written to `graph/lexicon` on every build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from corpus.formats import paper_files
from extractors.records import PaperRecords, Problem
from kg.concepts import build_lexicon_graph
from kg.errors import InputError, KgError
from kg.iris import DERIVED_GRAPH, LEXICON_GRAPH
from kg.rdf_build import PaperGraph, build_paper
from kg.store import KgStore
from ontology.lexicon import Lexicon, LexiconError, load_lexicon


@dataclass
class PaperResult:
    source_file: str
    path: Path
    graph_iri: str
    counts: dict[str, int]
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Failure:
    path: Path
    reason: str


@dataclass
class BuildReport:
    built: list[PaperResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    lexicon_triples: int = 0
    lexicon_problems: list[Problem] = field(default_factory=list)
    store_triples: int = 0
    conflicts: int = 0
    """Pairs of claims about the same result with different values, across the whole store."""

    def total(self, key: str) -> int:
        return sum(result.counts.get(key, 0) for result in self.built)

    @property
    def problems(self) -> list[Problem]:
        return self.lexicon_problems + [p for result in self.built for p in result.problems]


@dataclass(frozen=True)
class BuildEvent:
    """Progress: `kind` is 'start' (total known), 'file' (about to read), 'built' or 'failed'."""

    kind: str
    index: int
    total: int
    path: Path | None = None
    detail: str = ""


ProgressCallback = Callable[[BuildEvent], None]


def collect_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[Failure]]:
    """Files to build: files as given, directories -> their papers (`corpus.paper_files`); missing paths fail."""
    files: list[Path] = []
    missing: list[Failure] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(paper_files(path))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(Failure(path, "no such file or directory"))
    seen: set[Path] = set()
    unique = [f for f in files if not (f.resolve() in seen or seen.add(f.resolve()))]
    return unique, missing


def extract_file(path: Path) -> Iterator[PaperRecords]:
    """Read and extract the papers of one file, in any format (imports the extractors lazily: they are heavy)."""
    import corpus
    from extractors.extract import extract

    for doc in corpus.read_documents(path):
        yield extract(doc)


def _papers(extract: Callable[[Path], PaperRecords | Iterable[PaperRecords]],
            path: Path) -> Iterator[PaperRecords | Failure]:
    """The records of each paper in `path` (most files hold one; a PubMed set many), or the failure
    that stopped reading it: the papers read before a broken record are still built."""
    try:
        produced = extract(path)
        if isinstance(produced, PaperRecords):
            yield produced
        else:
            yield from produced
    except KgError as exc:
        yield Failure(path, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad paper must not stop the others
        yield Failure(path, _reason(exc))


def _reason(exc: BaseException) -> str:
    """CorpusError carries a `.reason`; other exceptions are named by type and message."""
    reason = getattr(exc, "reason", None)
    if reason:
        return str(reason)
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def write_lexicon(store: KgStore, lexicon: Lexicon) -> tuple[int, list[Problem]]:
    """(Re)write the shared vocabulary graph; returns its size and the entries it could not write."""
    graph, warnings = build_lexicon_graph(lexicon)
    return store.replace_graph(str(LEXICON_GRAPH), graph), [Problem("lexicon", w) for w in warnings]


def write_paper(store: KgStore, paper: PaperGraph, records: PaperRecords, path: Path) -> PaperResult:
    """Replace one paper's named graph; returns its counts and problems (extractor's and kg's)."""
    store.replace_graph(str(paper.graph_iri), paper.graph)
    problems = list(records.problems) + [Problem(paper.source_file, f"kg: {w}") for w in paper.warnings]
    return PaperResult(paper.source_file, path, str(paper.graph_iri), dict(paper.counts), problems)


def build_paths(paths: Iterable[str | Path], store: KgStore, *, lexicon: Lexicon | None = None,
                on_event: ProgressCallback | None = None,
                extract: Callable[[Path], PaperRecords | Iterable[PaperRecords]] | None = None) -> BuildReport:
    """Build every input into `store`; returns what was built and what failed (and why).

    `extract` turns a path into the records of its paper or papers (default: `corpus.read_documents` +
    `extractors.extract`).

    Raises InputError when there is nothing to build at all, KgError subclasses for store errors
    (those stop the build: later papers could not be written either).
    """
    extract = extract or extract_file
    files, failures = collect_inputs(paths)
    if not files and not failures:
        raise InputError("no input files: give papers (.txt, JATS/PubMed .xml, .pdf) or directories that hold them")
    try:
        lexicon = lexicon if lexicon is not None else load_lexicon()
    except LexiconError as exc:
        raise KgError(f"the lexicon is malformed: {exc}") from exc
    report = BuildReport(failures=list(failures))
    emit = on_event or (lambda event: None)
    for failure in failures:
        emit(BuildEvent("failed", 0, len(files), failure.path, failure.reason))
    emit(BuildEvent("start", 0, len(files)))

    report.lexicon_triples, report.lexicon_problems = write_lexicon(store, lexicon)

    built_from: dict[str, Path] = {}
    for index, path in enumerate(files, start=1):
        emit(BuildEvent("file", index, len(files), path))
        for records in _papers(extract, path):
            if isinstance(records, Failure):
                failure = records
            else:
                try:
                    paper: PaperGraph = build_paper(records, lexicon)
                except KgError as exc:
                    failure = Failure(path, f"{records.source_file}: {exc}")
                except Exception as exc:  # noqa: BLE001 - one bad paper must not stop the others
                    failure = Failure(path, f"{records.source_file}: {_reason(exc)}")
                else:
                    result = write_paper(store, paper, records, path)
                    if paper.source_file in built_from:
                        result.problems.append(Problem(paper.source_file, f"kg: {path} has the same file name as "
                                                       f"{built_from[paper.source_file]} and replaced its graph"))
                    built_from[paper.source_file] = path
                    report.built.append(result)
                    emit(BuildEvent("built", index, len(files), path, f"{result.counts['triples']} triples"))
                    continue
            report.failures.append(failure)
            emit(BuildEvent("failed", index, len(files), path, failure.reason))
    report.conflicts = write_conflicts(store)
    report.store_triples = len(store)
    return report


CONFLICTS_UPDATE = """
PREFIX skg: <https://w3id.org/sarcoma-kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
DROP SILENT GRAPH <%(graph)s> ;
INSERT { GRAPH <%(graph)s> { ?a skg:conflictsWith ?b } }
WHERE {
  { SELECT DISTINCT ?a ?b WHERE {
      GRAPH ?ga { ?a a skg:Claim ; skg:scope "cited" ; skg:comparisonKey ?key ; skg:valuePrinted ?va . }
      GRAPH ?gb { ?b a skg:Claim ; skg:scope "cited" ; skg:comparisonKey ?key ; skg:valuePrinted ?vb . }
      FILTER (?a != ?b)
      # a range ("6.2 to 23.06") spans results, it does not state one
      FILTER (!CONTAINS(?va, " to ") && !CONTAINS(?vb, " to "))
      # two values in one sentence are a contrast the extractor could not tell apart (arms,
      # eras), not two reports of one result
      FILTER NOT EXISTS {
        GRAPH ?g { ?ma skg:claim ?a ; prov:wasDerivedFrom ?sentence .
                   ?mb skg:claim ?b ; prov:wasDerivedFrom ?sentence . }
      }
  } }
}
"""


def write_conflicts(store: KgStore) -> int:
    """Recompute the derived graph: cited claims about the same thing with different values conflict,
    when different sentences state them. A paper's own results are left out: its arms and
    subgroups are not always told apart, so they would clash."""
    store.update(CONFLICTS_UPDATE % {"graph": DERIVED_GRAPH})
    return len(store.select(
        f"SELECT DISTINCT ?a ?b WHERE {{ GRAPH <{DERIVED_GRAPH}> {{ ?a ?p ?b }} }}").rows) // 2
