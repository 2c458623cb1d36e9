"""The Python API: `from kg import KnowledgeGraph`, the `kg` commands as pandas DataFrames plus the view and the plot.

    with KnowledgeGraph.open(".kg-store") as graph:
        graph.outcomes(endpoint="ORR", subtype="ASPS", min=30)
        graph.view("asps.html", subtype="ASPS")

The questions live in `kg.query.api.GraphQueries`; drawing lives here so that query never imports present.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from kg.query.api import GraphQueries, resolve_codes


class KnowledgeGraph(GraphQueries):
    """A built store, for analysis in Python: the questions of `GraphQueries`, the view and the plot."""

    # -- outputs (other modules, imported when used) ------------------------------------------

    def view(self, out_path: str | os.PathLike[str], subtype: str | None = None, endpoint: str | None = None,
             min: float | None = None, max_claims: int | None = 500) -> Any:
        """Write the offline HTML view (kg.present.view.write_view), optionally only the outcome claims of a
        subtype / endpoint / at least `min`, at most `max_claims` of them (None: all); returns its summary
        (node and edge counts, claims drawn and matching)."""
        from kg.present.view import write_view

        endpoint, subtype = resolve_codes(endpoint, subtype)
        return write_view(self.store, Path(out_path), endpoint=endpoint, subtype=subtype, min_value=min,
                          max_claims=max_claims)

    def plot(self, endpoint: str, subtype: str | None, out_path: str | os.PathLike[str],
             min: float | None = None, max_rows: int | None = 60) -> Any:
        """Forest plot of an endpoint's results in a subtype (kg.present.plot.plot_outcomes); .png/.svg/.pdf;
        at most `max_rows` results, the highest values (None: all)."""
        from kg.present.plot import plot_outcomes

        resolved_endpoint, subtype = resolve_codes(endpoint, subtype)
        return plot_outcomes(self.store, resolved_endpoint or endpoint, subtype, Path(out_path), min_value=min,
                             max_rows=max_rows)
