"""The `kg` command line: a thin layer over the kg library.

Exit status: 0 ok, 1 validation failed, 2 error (printed as `error: ...` on stderr, no traceback).
The store is `--store`, else $SARCOMA_KG_STORE, else `.kg-store` in the current directory.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from kg.build.budget import DEFAULT_BASE_SECONDS, DEFAULT_SECONDS_PER_MB, PaperBudget
from kg.core.errors import InputError, KgError
from kg.core.safe_text import safe_text
from kg.export.registry import EXPORTERS, export, export_format
from kg.present import output
from kg.present.cli_errors import GuardedGroup
from kg.present.graph import KnowledgeGraph
from kg.present.progress_lines import ProgressLines
from kg.quality.checks import CHECK_NAMES
from kg.query.api import CONFLICTS, check_text, findings_and_conflicts, query_text, resolve_codes
from kg.store import canned
from kg.store.kg_store import STORE_ENV, KgStore, parse_param, store_path
from kg.store.sparql_text import check_service

if TYPE_CHECKING:
    from kg.build.pipeline import BuildEvent, BuildReport

# build, tables, validate and view import their heavy libraries (spaCy, pandas, pyshacl, pyvis)
# inside the command, so `kg sparql` starts fast.

app = typer.Typer(
    cls=GuardedGroup,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    help="Build, query, export, validate and view the sarcoma treatment knowledge graph.",
)

StoreOpt = Annotated[
    Path | None,
    typer.Option("--store", envvar=STORE_ENV, show_default=False,
                 help=f"Store folder (default: ${STORE_ENV}, else ./.kg-store)."),
]
PROBLEMS_SHOWN = 10


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


def _stdout() -> Console:
    console = Console(highlight=False)
    if not console.is_terminal:  # pipes and files: do not fold tables at 80 columns
        console.width = max(console.width, 160)
    return console


@contextmanager
def _user_errors() -> Iterator[None]:
    """KgError -> `error: ...` on stderr and exit 2 (no traceback; `GuardedGroup` catches the rest)."""
    try:
        yield
    except KgError as exc:
        typer.echo(f"error: {safe_text(str(exc))}", err=True)
        raise typer.Exit(2) from None


def _open(store: Path | None) -> KgStore:
    """Open for reading; say on stderr when the store's last build did not finish."""
    from kg.store.build_record import open_for_reading

    return open_for_reading(store, lambda warning: typer.echo(warning, err=True))


# -- build ----------------------------------------------------------------------------------------


BUILD_FAILURES_EXIT = 3
"""`kg build` exit code when some papers failed and the others were built (see README, exit codes)."""
DEFAULT_PAPER_TIMEOUT = DEFAULT_BASE_SECONDS
"""Seconds any paper may take (`--paper-timeout`), plus `DEFAULT_SECONDS_PER_MB` for each MB of its file."""


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(
        help="Papers (text, JATS/PubMed XML, MEDLINE .nbib, PDF, .docx, .html) or folders of them.")],
    store: StoreOpt = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print every extraction problem.")] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=0, help="Worker processes that extract (default: the number of cores; 0: none).")] = None,
    paper_timeout: Annotated[float, typer.Option(
        "--paper-timeout", min=0, help="Seconds any paper may take, plus --paper-timeout-per-mb for each MB of "
        "its file; a paper over its budget fails, the build goes on (0: no limit).")] = DEFAULT_PAPER_TIMEOUT,
    paper_timeout_per_mb: Annotated[float, typer.Option(
        "--paper-timeout-per-mb", min=0, help="Seconds each MB of a file adds to its budget (a 5 MB file: "
        "--paper-timeout + 5 x this).")] = DEFAULT_SECONDS_PER_MB,
    force: Annotated[bool, typer.Option(
        "--force", help="Rebuild papers already in the store even when their file and the code are unchanged.")]
    = False,
    dask: Annotated[str | None, typer.Option(
        "--dask", help="Extract on this Dask distributed scheduler (tcp://host:8786); this process writes.")]
    = None,
) -> None:
    """Read papers, extract records, and (re)place each paper's named graph in the store.

    Exit codes: 0 all built; 3 some papers failed (the others are in the store); 2 nothing could be built.
    """
    from kg.build.pipeline import build_paths
    from kg.build.workers import start_fork_server

    if not dask and jobs != 0:
        start_fork_server()  # the workers' pipeline loads while the store opens and takes the lexicon
    err = _stderr()
    command = shlex.join(["kg", "build", *sys.argv[2:]]) if sys.argv[1:2] == ["build"] else "kg build ..."
    with _user_errors():
        prepare = None
        if dask:
            from kg.build.distributed import dask_preparer

            prepare = dask_preparer(dask)
        with KgStore.open(store) as kg_store:
            progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                                console=err, transient=True, disable=not err.is_terminal)
            task = progress.add_task("building", total=None)
            lines = None if err.is_terminal else ProgressLines(
                lambda line: err.print(line, markup=False, highlight=False, soft_wrap=True))
            total: list[int | None] = [None]
            written = [0]  # papers written: a file may hold thousands (a PubMed export)
            row_lines: list[ProgressLines] = []  # made when the rows' turn comes: its time counts from then

            recompute_lines: dict[str, ProgressLines] = {}

            def on_event(event: BuildEvent) -> None:
                if event.kind == "built":
                    written[0] += 1
                if lines is not None and event.kind in ("built", "skipped", "failed"):
                    lines.update(event.index, total[0], papers=written[0])
                if event.kind == "recompute":  # the store's rows made again before any paper is read
                    what = ("papers' question parts made again" if event.detail == "parts"
                            else "question rows made again")
                    if lines is not None:
                        recompute_lines.setdefault(event.detail, ProgressLines(lines.write, what=what)).update(
                            event.index, event.total)
                    progress.update(task, description=what, completed=event.index, total=event.total)
                    if event.index == event.total:
                        progress.update(task, description="building", completed=0, total=total[0])
                elif event.kind == "rows":
                    if lines is not None:
                        if not row_lines:
                            row_lines.append(ProgressLines(lines.write, what="shared answer rows"))
                        row_lines[0].update(event.index, event.total)
                    progress.update(task, description="joining shared answer rows", completed=event.index,
                                    total=event.total)
                elif event.kind == "start":
                    total[0] = event.total
                    progress.update(task, total=event.total)
                elif event.kind == "file" and event.path is not None:
                    progress.update(task, description=f"reading {escape(safe_text(event.path.name))}")
                elif event.kind in ("built", "skipped"):
                    papers = f" ({written[0]:,} papers written)" if written[0] > event.index else ""
                    progress.update(task, completed=event.index, description=f"building{papers}")
                elif event.kind == "failed" and event.path is not None:
                    err.print(safe_text(f"error: {event.path}: {event.detail}"), markup=False, soft_wrap=True)
                    if event.index:
                        progress.update(task, completed=event.index)

            with progress:
                report = build_paths(paths, kg_store, on_event=on_event, jobs=os.cpu_count() or 1 if jobs is None
                                     else jobs, paper_timeout=_budget(paper_timeout, paper_timeout_per_mb), force=force,
                                     command=command, prepare=prepare)
    _print_problems(err, report, verbose)
    _stdout().print(_summary(report, store_path(store)))
    if not report.built and not report.skipped:
        n = len(report.failures)
        typer.echo(f"error: none of the {n} input file{'s' if n != 1 else ''} could be built", err=True)
        raise typer.Exit(2)
    if report.failures:
        n = len(report.failures)
        typer.echo(f"error: {n} input file{'s' if n != 1 else ''} failed (listed above); the others are in "
                   "the store", err=True)
        raise typer.Exit(BUILD_FAILURES_EXIT)


@app.command()
def remove(
    papers: Annotated[list[str], typer.Argument(help="Paper files (or their file names) to take out of the store.")],
    store: StoreOpt = None,
) -> None:
    """Remove papers' graphs, the claims only they stated, and the conflicts they took part in."""
    from kg.build.pipeline import remove_papers

    with _user_errors():
        with KgStore.open(store) as kg_store:
            removed = remove_papers(papers, kg_store)
    typer.echo(f"removed {len(removed)} paper{'s' if len(removed) != 1 else ''}")


@app.command()
def push(
    to: Annotated[str, typer.Option("--to", help="Graph Store endpoint, e.g. http://127.0.0.1:7878/store.")],
    store: StoreOpt = None,
    paper: Annotated[list[str] | None, typer.Option(
        "--paper", help="Only this paper's graph (file name; repeatable). Default: every graph.")] = None,
) -> None:
    """Write each named graph to a SPARQL 1.1 Graph Store HTTP Protocol endpoint (PUT replaces it there)."""
    from kg.core.iris import graph_iri
    from kg.export.push import check_url, push_store

    with _user_errors():
        check_url(to)
        graphs = [str(graph_iri(Path(name).name)) for name in paper] if paper else None
        with _open(store) as kg_store:
            if graphs is not None:
                missing = sorted(set(graphs) - set(kg_store.named_graphs()))
                if missing:
                    raise InputError(f"the store holds no paper graph {', '.join(missing)}")
            sent = push_store(kg_store, to, graphs)
    typer.echo(f"pushed {sent} graph{'s' if sent != 1 else ''} to {to}")


def _budget(base: float, per_mb: float) -> PaperBudget | None:
    """`--paper-timeout` and `--paper-timeout-per-mb` as one paper's budget; None (no limit) for 0."""
    return PaperBudget(base, per_mb) if base else None


def _print_problems(err: Console, report: BuildReport, verbose: bool) -> None:
    problems = report.problems
    if not problems:
        return
    shown = 0
    per_file: dict[str, int] = {}
    for problem in problems:
        per_file[problem.source_file] = per_file.get(problem.source_file, 0) + 1
        if verbose or per_file[problem.source_file] <= PROBLEMS_SHOWN:
            err.print(safe_text(f"warning: {problem.source_file}: {problem.message}"), markup=False, soft_wrap=True)
            shown += 1
    more = "" if shown == len(problems) else f" ({shown} shown; --verbose prints all)"
    err.print(f"warning: {len(problems)} problem{'s' if len(problems) != 1 else ''} recorded while "
              f"extracting{more}", markup=False, soft_wrap=True)


LISTED_PAPERS = 50
"""Papers (and unchanged files) the build's table lists one by one; the rest are counted in one row."""


def _summary(report: BuildReport, where: Path) -> Table:
    columns = ("triples", "entities", "references", "outcomes", "adverse_events", "findings")
    headers = ("triples", "entities", "refs", "outcomes", "AEs", "findings", "problems")
    table = Table(title=Text(safe_text(f"kg build -> {where}")), title_justify="left")
    table.add_column("paper", overflow="fold")
    for header in headers:
        table.add_column(header, justify="right", no_wrap=True)
    # a build of thousands of papers lists the first of them, and every failure
    for result in report.built[:LISTED_PAPERS]:
        table.add_row(Text(safe_text(result.source_file)), *(str(result.counts.get(c, 0)) for c in columns),
                      str(len(result.problems)))
    if len(report.built) > LISTED_PAPERS:
        table.add_row(f"... {len(report.built) - LISTED_PAPERS:,} more papers built (`kg tables` writes one row "
                      "each to studies.csv)", *("" for _ in columns), "", style="italic")
    for failure in report.failures:
        table.add_row(Text(safe_text(f"{failure.path.name} (failed)")), *("-" for _ in columns), "-")
    for path in report.skipped[:LISTED_PAPERS]:
        table.add_row(Text(safe_text(f"{path.name} (unchanged, skipped)")), *("-" for _ in columns), "-")
    if len(report.skipped) > LISTED_PAPERS:
        table.add_row(f"... {len(report.skipped) - LISTED_PAPERS:,} more files unchanged, skipped",
                      *("-" for _ in columns), "-", style="italic")
    files = len(report.built) + len(report.skipped)
    same_name = f" ({files - report.papers} replaced a same-named file)" if files > report.papers else ""
    table.add_row(f"{report.papers} in store{same_name}, {len(report.built)} built, {len(report.skipped)} "
                  f"unchanged, {len(report.failures)} failed",
                  *(str(report.total(c)) for c in columns), str(len(report.problems)), style="bold")
    table.caption = (f"store now holds {report.store_papers} papers (lexicon: {report.lexicon_triples} triples); "
                     f"{report.conflicts} pair(s) of conflicting cited claims; `kg check` lists the findings")
    return table


# -- queries --------------------------------------------------------------------------------------


@app.command()
def sparql(
    query_or_file: Annotated[str, typer.Argument(
        help="A .rq file, the name of a canned query (see `kg queries`), or SPARQL text.")],
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", help="Bind a variable: name=value, name=<iri>, name:decimal=30 (repeatable).")] = None,
    print_query: Annotated[bool, typer.Option(
        "--print-query", help="Print the query for another endpoint (kg serve, any client): prefixes declared, "
        "parameters bound by VALUES blocks; nothing is run.")] = False,
    allow_service: Annotated[list[str] | None, typer.Option(
        "--allow-service", help="Let SERVICE clauses query this endpoint IRI (repeatable); federation is off "
        "otherwise.")] = None,
) -> None:
    """Run a SPARQL query over the union of all graphs (project prefixes predeclared).

    A triple held by several graphs matches once per graph: use SELECT DISTINCT (or GRAPH ?g).
    """
    with _user_errors():
        output.check_format(fmt)
        params = dict(parse_param(check_text("--param", spec)) for spec in param or [])
        text = check_text("the query", query_text(query_or_file))
        check_service(text, allow_service or ())
        if print_query:
            from kg.store.sparql_text import portable_query

            typer.echo(safe_text(portable_query(text, params), keep_breaks=True))
            return
        with _open(store) as kg_store:  # a SELECT is printed as it is read: a whole-store one is large
            output.print_result(kg_store.query(text, params, stream=True), fmt, _stdout())


@app.command()
def outcomes(
    store: StoreOpt = None,
    endpoint: Annotated[str | None, typer.Option(help="Endpoint code: ORR, DCR, PFS_median, ...")] = None,
    subtype: Annotated[str | None, typer.Option(help="Subtype or group code (includes its subtypes).")] = None,
    min_value: Annotated[float | None, typer.Option("--min", help="Lowest numeric value.")] = None,
    max_value: Annotated[float | None, typer.Option("--max", help="Highest numeric value.")] = None,
    regimen: Annotated[str | None, typer.Option(
        help="A drug or class the regimen contains (anlotinib, pd-1 inhibitor) or a whole regimen key.")] = None,
    scope: Annotated[str, typer.Option(help="primary, cited or all.")] = "all",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
) -> None:
    """Which regimens report an endpoint in a subtype (e.g. --endpoint ORR --subtype ASPS --min 30)."""
    with _user_errors():
        output.check_format(fmt)
        with _open(store) as kg_store:
            shown = KnowledgeGraph(kg_store).outcome_rows(endpoint, subtype, regimen, min_value, max_value, scope)
        if fmt == "table":  # the terminal view: no repeated filter columns, quotes clipped
            shown = shown.without("endpoint", "subtype", "source_file", "unit", "claim")
        output.print_result(shown, fmt, _stdout(), clip={"quote": 70, "subgroup": 24})


CHECKS = (*CHECK_NAMES, CONFLICTS)


@app.command()
def check(
    store: StoreOpt = None,
    only: Annotated[str | None, typer.Option("--check", help=f"Only this check: {', '.join(CHECKS)}.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
) -> None:
    """List data-quality findings with their evidence: printed numbers that do not add up, conflicting citations."""
    with _user_errors():
        if only is not None and only not in CHECKS:
            raise InputError(f"unknown check {only!r}; use one of {', '.join(CHECKS)}")
        output.check_format(fmt)
        with _open(store) as kg_store:
            result = findings_and_conflicts(kg_store, only)
        shown = result.without("finding", "measurements", "section") if fmt == "table" else result
        output.print_result(shown, fmt, _stdout(), clip={"quote": 90})
    count = len(result)
    typer.echo(f"{count} finding{'s' if count != 1 else ''}", err=True)


@app.command()
def queries() -> None:
    """List the canned queries (kg/store/queries/*.rq) and what they answer."""
    table = Table("name", "answers")
    for name in canned.query_names():
        table.add_row(Text(safe_text(name)), Text(safe_text(canned.describe(canned.load_query(name)))))
    _stdout().print(table)


# -- outputs --------------------------------------------------------------------------------------


@app.command()
def tables(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the CSV files.")],
    store: StoreOpt = None,
) -> None:
    """Write the contract tables (outcomes, adverse_events, entities, references, studies) as CSV."""
    from kg.query.tables import write_tables

    err = _stderr()
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, transient=True, disable=not err.is_terminal)
    task = progress.add_task("writing tables", total=None)
    lines: dict[str, ProgressLines] = {}  # one per table: its time counts from its start

    def on_progress(name: str, done: int, papers: int) -> None:
        progress.update(task, description=f"writing {name}.csv", completed=done, total=papers)
        if not err.is_terminal:
            if name not in lines:
                lines[name] = ProgressLines(lambda line: err.print(line, markup=False, highlight=False),
                                            what="papers", command=f"kg tables, {name}.csv")
            lines[name].update(done, papers)

    with _user_errors():
        with _open(store) as kg_store, progress:
            counts = write_tables(kg_store, out, on_progress)
    for name, rows in counts.items():
        typer.echo(safe_text(f"{out / (name + '.csv')}: {rows} rows"))


@app.command("export")
def export_cmd(
    output_file: Annotated[Path, typer.Option("--output", "-o", help="File to write (a folder for kgx).")],
    store: StoreOpt = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help=f"{', '.join(EXPORTERS)} (default: from the file suffix).")] = None,
) -> None:
    """Export the graph: ttl/nt/jsonld = union of graphs; nq/trig = named graph per paper; graphml; kgx (folder)."""
    with _user_errors():
        fmt = export_format(fmt, output_file)
        with _open(store) as kg_store:
            result = export(kg_store, fmt, output_file)
    typer.echo(safe_text(f"{', '.join(str(f) for f in result.files)}: {result.summary()} ({fmt})"))


@app.command()
def validate(
    store: StoreOpt = None,
    limit: Annotated[int, typer.Option(help="Show at most this many issues (0 = all).")] = 50,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Worker processes validating the paper graphs (default: the number of cores).")]
    = None,
) -> None:
    """Check the store against the SHACL shapes; exit 1 when there are violations."""
    from kg.quality.validate import validate_store

    err = _stderr()
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, transient=True, disable=not err.is_terminal)
    task = progress.add_task("validating paper graphs", total=None)
    lines = None if err.is_terminal else ProgressLines(lambda line: err.print(line, markup=False, highlight=False),
                                                       what="paper graphs", command="kg validate")

    def on_progress(done: int, papers: int) -> None:
        progress.update(task, completed=done, total=papers)
        if lines is not None:
            lines.update(done, papers)

    with _user_errors():
        with _open(store) as kg_store, progress:
            report = validate_store(kg_store, jobs=jobs or os.cpu_count() or 1, on_progress=on_progress)
    typer.echo(safe_text(report.text(limit or None), keep_breaks=True))
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def view(
    output_file: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")],
    store: StoreOpt = None,
    subtype: Annotated[str | None, typer.Option(
        help="Draw only outcome claims in this subtype or group (includes its subtypes).")] = None,
    endpoint: Annotated[str | None, typer.Option(help="Draw only outcome claims of this endpoint (ORR, ...).")] = None,
    min_value: Annotated[float | None, typer.Option("--min", help="Draw only outcome claims with a value >= this.")]
    = None,
    max_claims: Annotated[int, typer.Option(
        "--max-claims", min=1, help="Draw at most this many outcome claims (after the filters; the claims stated "
        "by most papers first); the page then holds only what they touch.")] = 500,  # view.DEFAULT_MAX_CLAIMS
) -> None:
    """Write one offline HTML file: papers, cited works, regimens, drugs, targets, subtypes, outcome claims.

    The filters restrict which outcome claims are drawn; the page has its own subtype/regimen filter.
    """
    with _user_errors():
        endpoint, subtype = resolve_codes(endpoint, subtype)  # a wrong name fails before the store is opened
        from kg.build.answers import rows_of_another_version

        with _open(store) as kg_store:
            if rows_of_another_version(kg_store):
                typer.echo("note: this store was built by another version of sarcoma-kg, so the view reads every "
                           "measurement (slow on a large store); `kg build` on its papers again makes it fast",
                           err=True)
            summary = KnowledgeGraph(kg_store).view(output_file, subtype=subtype, endpoint=endpoint, min=min_value,
                                                    max_claims=max_claims)
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.kinds.items()))
    typer.echo(safe_text(f"{output_file}: {summary.nodes} nodes ({kinds}), {summary.edges} edges"))
    if summary.capped:
        typer.echo(summary.cap_message(), err=True)
    if not summary.outcomes and (subtype or endpoint or min_value is not None):
        typer.echo("warning: no outcome claim matches the filters; the view shows the rest of the graph", err=True)


@app.command()
def plot(
    output_file: Annotated[Path, typer.Option("--output", "-o", help="Image to write: .png, .svg or .pdf.")],
    endpoint: Annotated[str, typer.Option(help="Endpoint code: ORR, DCR, PFS_median, ...")],
    store: StoreOpt = None,
    subtype: Annotated[str | None, typer.Option(help="Subtype or group code (includes its subtypes).")] = None,
    min_value: Annotated[float | None, typer.Option("--min", help="Lowest numeric value.")] = None,
    max_rows: Annotated[int, typer.Option(  # the default is plot.DEFAULT_MAX_ROWS (a test says so)
        "--max-rows", min=1, help="Draw at most this many results, the highest values first.")] = 60,
) -> None:
    """Forest plot of one endpoint's results (value, CI, primary vs cited), e.g. --endpoint ORR --subtype ASPS."""
    with _user_errors():
        resolve_codes(endpoint, subtype)  # a wrong name fails before the store is opened
        with _open(store) as kg_store:
            summary = KnowledgeGraph(kg_store).plot(endpoint, subtype, output_file, min=min_value, max_rows=max_rows)
    typer.echo(safe_text(f"{output_file}: {summary.plotted} result{'s' if summary.plotted != 1 else ''} plotted"))
    if summary.left_out:
        typer.echo(summary.cap_message(), err=True)
    if summary.skipped:
        values = safe_text(", ".join(sorted(set(summary.skipped_values))))
        typer.echo(f"skipped {summary.skipped} result{'s' if summary.skipped != 1 else ''} whose value is not a "
                   f"single number ({values})")


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback unless you say otherwise).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 7878,
    query_timeout: Annotated[float, typer.Option(
        "--query-timeout", min=0.001, help="Stop a query after this many seconds (HTTP 503).")] = 30.0,
    workers: Annotated[int, typer.Option(
        min=1, max=64, help="Queries evaluated at once, each in its own process.")] = 4,
    allow_service: Annotated[list[str] | None, typer.Option(
        "--allow-service", help="Let SERVICE clauses query this endpoint IRI (repeatable); refused otherwise.")]
    = None,
) -> None:
    """Serve the store read-only over the SPARQL 1.1 Protocol; queries are time-bounded; Ctrl-C stops it."""
    from kg.present.serve import serve as serve_store

    with _user_errors():
        code = serve_store(store, host, port, echo=lambda line: typer.echo(safe_text(line)),
                           query_timeout=query_timeout, workers=workers, allow_service=allow_service or ())
    raise typer.Exit(code)
