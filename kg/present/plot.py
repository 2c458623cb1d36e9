"""`kg plot`: a forest-style plot of the results for one endpoint (and subtype), as PNG or SVG.

One row per result from the `outcomes_by_subtype` query (the same rows as `kg outcomes`): the
value as a point, the CI as a horizontal line where one was printed, primary results and
results a paper cites told apart by marker and colour. Values that are not one number ("NR",
"5 to 20", "<10") cannot be drawn as a point: they are skipped and counted. At most `max_rows`
results are drawn (default DEFAULT_MAX_ROWS), the first in the question's order (highest value
first), and the summary says how many were left out: a literature gives thousands of results for an
endpoint, and a figure of 2,000 rows is 70,000 pixels tall and unreadable. matplotlib draws with the
Agg backend (no display needed); SVG text stays text, so labels are searchable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from kg.core.errors import InputError, OutputError
from kg.core.numbers import printed_decimal
from kg.query.api import GraphQueries
from kg.store.kg_store import KgStore

FORMATS = ("png", "svg", "pdf")
DEFAULT_MAX_ROWS = 60
"""Results drawn at most: a figure about 20 inches tall, still read row by row."""
STYLES = {
    "primary": {"marker": "o", "color": "#1f4e9c", "label": "primary (the paper's own result)"},
    "cited": {"marker": "s", "color": "#e07b00", "label": "cited (a result the paper cites)"},
}


@dataclass(frozen=True)
class ForestRow:
    """One plotted result."""

    label: str
    value: float
    ci_low: float | None
    ci_high: float | None
    scope: str
    unit: str


@dataclass
class PlotSummary:
    plotted: int
    skipped: int
    skipped_values: list[str] = field(default_factory=list)
    output: Path | None = None
    left_out: int = 0
    """Results that could be drawn but were not: more than `max_rows` matched."""

    def cap_message(self) -> str:
        """The line that says the cap left results out ("" when it did not)."""
        if not self.left_out:
            return ""
        return (f"plotted {self.plotted:,} of {self.plotted + self.left_out:,} results (the highest values); "
                "narrow with --subtype or --min, or raise --max-rows")


def check_max_rows(max_rows: int | None) -> int | None:
    """`max_rows` if it is None or a whole number of at least 1, else InputError."""
    if max_rows is not None and (isinstance(max_rows, bool) or not isinstance(max_rows, int) or max_rows < 1):
        raise InputError(f"--max-rows must be a whole number of at least 1, not {max_rows!r}")
    return max_rows


def _number(text: str) -> float | None:
    value = printed_decimal(text)
    return float(value) if value is not None else None


def _mathsafe(text: str) -> str:
    """Text for matplotlib labels: `$` would start mathtext."""
    return text.replace("$", r"\$")


def row_label(row: dict[str, str]) -> str:
    """'regimen · source · n=..': source is the reporting paper, or 'cited work (in paper)'."""
    regimen = row.get("regimen") or "(regimen not stated)"
    source = row.get("paper", "")
    if row.get("scope") == "cited":
        source = f"{row.get('cited_work') or 'unknown work'} (cited in {source})"
    n = f"n={row['n']}" if row.get("n") else "n=?"
    return f"{regimen} \u00b7 {source} \u00b7 {n}"


def forest_rows(records: list[dict[str, str]]) -> tuple[list[ForestRow], list[str]]:
    """The plottable rows (first occurrence of each result) and the printed values skipped."""
    rows: list[ForestRow] = []
    skipped: list[str] = []
    seen: set[tuple[tuple[str, str], ...]] = set()
    for record in records:
        identity = tuple(sorted((k, v) for k, v in record.items() if k not in ("subtype", "min", "max", "component")))
        if identity in seen:  # without a subtype a result comes once per subtype above its population
            continue
        seen.add(identity)
        value = _number(record.get("value", ""))
        if value is None:
            skipped.append(record.get("value", ""))
            continue
        rows.append(ForestRow(row_label(record), value, _number(record.get("ci_low", "")),
                              _number(record.get("ci_high", "")), record.get("scope", ""), record.get("unit", "")))
    return rows, skipped


def select_rows(store: KgStore, endpoint: str, subtype: str | None = None,
                min_value: Decimal | float | None = None) -> list[dict[str, str]]:
    """The rows of `kg outcomes` for the endpoint (and subtype and lowest value)."""
    return GraphQueries(store).outcome_rows(endpoint, subtype, min=min_value).records()


def plot_title(endpoint: str, subtype: str | None, min_value: Decimal | float | None) -> str:
    title = f"{endpoint} in {subtype} (incl. its subtypes)" if subtype else f"{endpoint}, all subtypes"
    if min_value is not None:
        title += f", value \u2265 {min_value:g}" if isinstance(min_value, float) else f", value \u2265 {min_value}"
    return title


def draw(rows: list[ForestRow], title: str, endpoint: str, output: Path, fmt: str) -> None:
    """Draw the forest plot of `rows` (top to bottom in the given order) into `output`.

    Uses a bare `Figure` on the Agg canvas (no pyplot, no global backend switch)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    height = 1.6 + 0.32 * len(rows)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "sarcoma-kg", "font.size": 9}):
        figure = Figure(figsize=(10, height), layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        positions = list(range(len(rows)))[::-1]
        for y, row in zip(positions, rows, strict=True):
            style = STYLES.get(row.scope, STYLES["primary"])
            if row.ci_low is not None and row.ci_high is not None:
                axes.hlines(y, row.ci_low, row.ci_high, color=style["color"], linewidth=1.6)
            axes.plot([row.value], [y], linestyle="none", marker=style["marker"], markersize=7,
                      color=style["color"], markerfacecolor=style["color"] if row.scope != "cited" else "white",
                      markeredgewidth=1.5)
        axes.set_yticks(positions, [_mathsafe(row.label) for row in rows])
        axes.set_ylim(-0.7, len(rows) - 0.3)
        units = sorted({row.unit for row in rows if row.unit})
        axes.set_xlabel(_mathsafe(endpoint + (f" ({', '.join(units)})" if units else "")))
        lows = [v for row in rows for v in (row.value, row.ci_low) if v is not None]
        if min(lows) >= 0:
            axes.set_xlim(left=0)
        axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        axes.set_title(_mathsafe(title), fontsize=11, loc="left")
        handles = [Line2D([], [], linestyle="none", marker=s["marker"], color=s["color"],
                          markerfacecolor=s["color"] if scope != "cited" else "white", label=s["label"])
                   for scope, s in STYLES.items()]
        handles.append(Line2D([], [], color="#555555", linewidth=1.6, label="CI (where printed)"))
        axes.legend(handles=handles, loc="best", fontsize=8, framealpha=0.9)
        metadata = {"Date": None} if fmt in ("svg", "pdf") else {}
        try:
            figure.savefig(output, format=fmt, dpi=110, metadata=metadata)
        except OSError as exc:
            raise OutputError(f"cannot write {output}: {exc}") from exc


def plot_outcomes(store: KgStore, endpoint: str, subtype: str | None, output: str | Path, *,
                  min_value: Decimal | float | None = None, max_rows: int | None = DEFAULT_MAX_ROWS) -> PlotSummary:
    """Write a forest plot of the `endpoint` results (in `subtype` if given, at least `min_value`) to `output`:
    at most `max_rows` of them (None: all).

    The format comes from the suffix (.png, .svg, .pdf). InputError when nothing can be drawn.
    """
    check_max_rows(max_rows)
    out = Path(output)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InputError(f"cannot tell the image format of {out.name}; end it with .png, .svg or .pdf")
    rows, skipped = forest_rows(select_rows(store, endpoint, subtype, min_value))
    where = f" in {subtype}" if subtype else ""
    if not rows:
        detail = f" ({len(skipped)} found, none a single number: {', '.join(sorted(set(skipped)))})" if skipped else ""
        raise InputError(f"no {endpoint} results{where} to plot{detail}; try `kg outcomes` with the same options")
    drawn = rows if max_rows is None else rows[:max_rows]
    draw(drawn, plot_title(endpoint, subtype, min_value), endpoint, out, fmt)
    return PlotSummary(len(drawn), len(skipped), skipped, out, left_out=len(rows) - len(drawn))
