"""The HTML page of `kg view`: one self-contained file that works offline and never runs paper text.

- vis-network is read from pyvis's package files (`pyvis/templates/lib/vis-*/vis-network.min.js`)
  and inlined; the page has no `src`/`href` attributes at all, and a Content-Security-Policy
  (`default-src 'none'`, scripts allowed by their SHA-256 only) stops any request or injected script
  the browser might otherwise run. `check_offline` refuses a page that would load anything.
- The layout is computed here (a seeded spring layout, kg.present.spring_layout; fewer iterations
  above 2,000 nodes) and physics is off, so a big graph is drawn at once and the same store always gives the
  same picture.
- Data reaches the page only as JSON in a `<script type="application/json">` block with `<`, `>`
  and `&` written as `\\u003c`, `\\u003e`, `\\u0026`, so no `</script>` (or any tag) can appear in
  it. Labels are drawn on the canvas, tooltips and the details panel are set with
  `innerText`/`textContent`, and filter options are built with `new Option(text, value)`: paper
  text is always shown as text. Static HTML around it goes through `html.escape`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources
from typing import Any

import networkx as nx

from kg.core.errors import ViewError
from kg.present.spring_layout import spring_positions

KINDS: dict[str, tuple[str, str]] = {
    "paper": ("#1f77b4", "Paper"),
    "cited_work": ("#aec7e8", "Cited work"),
    "regimen": ("#ff7f0e", "Regimen"),
    "drug": ("#d62728", "Drug"),
    "drug_class": ("#ff9896", "Drug class"),
    "target": ("#9467bd", "Target"),
    "subtype": ("#2ca02c", "Subtype"),
    "outcome": ("#17becf", "Outcome claim"),
}
"""Node kind -> (colour, legend label), in legend order."""

SIZES = {"paper": 26, "regimen": 16, "subtype": 14, "drug": 12, "drug_class": 12, "target": 11, "outcome": 9,
         "cited_work": 8}
FONT_SIZES = {"paper": 22, "regimen": 15, "subtype": 15, "drug": 13, "drug_class": 12, "target": 12, "outcome": 10,
              "cited_work": 10}
SHAPES = {"outcome": "diamond", "paper": "square"}
LAYOUT_SEED = 7
_RESOURCE_ATTR = re.compile(
    r"<(?:script|link|img|iframe|frame|embed|object|source|audio|video|track|image|use|base|form)\b[^>]*?"
    r"\s(?:src|href|xlink:href|data|srcset|poster|action)\s*=",
    re.IGNORECASE,
)
_REMOTE_CSS = re.compile(r"@import|url\(\s*['\"]?\s*(?:https?:)?//", re.IGNORECASE)
_REFRESH = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*['\"]?refresh", re.IGNORECASE)


def vis_network_js() -> str:
    """The vis-network bundle that pyvis ships (newest version folder)."""
    lib = resources.files("pyvis") / "templates" / "lib"
    try:
        folders = sorted((entry for entry in lib.iterdir() if entry.name.startswith("vis-")),
                         key=lambda entry: [int(p) for p in re.findall(r"\d+", entry.name)])
        for folder in reversed(folders):
            script = folder / "vis-network.min.js"
            if script.is_file():
                text = script.read_text(encoding="utf-8")
                if "</script" in text.lower():
                    raise ViewError(f"{script} contains '</script' and cannot be inlined")
                return text
    except OSError as exc:
        raise ViewError(f"cannot read vis-network from the pyvis package: {exc}") from exc
    raise ViewError("vis-network.min.js not found in the pyvis package (reinstall pyvis)")


def json_for_script(data: Any) -> str:
    """JSON that is safe inside `<script type="application/json">`: no `<`, `>` or `&` at all."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


LAYOUT_ITERATIONS = 80
"""Spring layout iterations up to FULL_LAYOUT_NODES nodes; fewer above (see layout_iterations)."""
FULL_LAYOUT_NODES = 2000
MIN_LAYOUT_ITERATIONS = 20


def layout_iterations(nodes: int) -> int:
    """How many spring layout iterations a graph of `nodes` nodes gets. An iteration costs the square
    of the nodes (every pair is compared), so above FULL_LAYOUT_NODES the count falls with that square
    (2,250 nodes: 80 iterations take about 4 s, networkx's loop took 25 s), but never below
    MIN_LAYOUT_ITERATIONS, where clusters have formed and the page still looks laid out."""
    if nodes <= FULL_LAYOUT_NODES:
        return LAYOUT_ITERATIONS
    return max(MIN_LAYOUT_ITERATIONS, int(LAYOUT_ITERATIONS * (FULL_LAYOUT_NODES / nodes) ** 2))


def layout(graph: nx.Graph) -> dict[Any, tuple[float, float]]:
    """Seeded spring layout, scaled to vis-network pixels (empty graph -> {})."""
    if not len(graph):
        return {}
    positions = spring_positions(graph, layout_iterations(len(graph)), LAYOUT_SEED)
    scale = 60.0 * max(1.0, len(graph) ** 0.5)
    return {node: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for node, (x, y) in positions.items()}


def page_data(graph: nx.Graph) -> dict[str, Any]:
    """What the page script reads: vis nodes and edges, and the choices of the two filters."""
    positions = layout(graph)
    nodes: list[dict[str, Any]] = []
    subtypes: set[str] = set()
    regimens: set[str] = set()
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        kind = data.get("kind", "")
        colour = KINDS.get(kind, ("#7f7f7f", kind))[0]
        x, y = positions.get(node, (0.0, 0.0))
        item: dict[str, Any] = {"id": node, "label": data.get("label") or node, "title": data.get("title", ""),
                                "kind": kind, "color": colour, "shape": SHAPES.get(kind, "dot"),
                                "size": SIZES.get(kind, 11), "font": {"size": FONT_SIZES.get(kind, 11)},
                                "x": x, "y": y}
        if kind == "outcome":
            item["subtypes"] = list(data.get("groups", []))
            item["regimen"] = data.get("regimen", "")
            subtypes.update(item["subtypes"])
            if item["regimen"]:
                regimens.add(item["regimen"])
        if kind in ("subtype", "regimen"):
            item["key"] = data.get("label", "")
        nodes.append(item)
    edges = [{"id": f"e{i}", "from": source, "to": target, "title": graph.edges[source, target].get("relation", "")}
             for i, (source, target) in enumerate(sorted(tuple(sorted(edge)) for edge in graph.edges))]
    initial = graph.graph.get("filters", {}).get("subtype") or ""
    return {"nodes": nodes, "edges": edges, "subtypes": sorted(subtypes), "regimens": sorted(regimens),
            "initial": {"subtype": initial if initial in subtypes else ""},
            "kinds": [{"kind": kind, "label": label, "color": colour} for kind, (colour, label) in KINDS.items()]}


def _legend() -> str:
    items = []
    for kind, (colour, label) in KINDS.items():
        radius = "0" if SHAPES.get(kind) in ("square", "diamond") else "6px"
        turn = "transform:rotate(45deg) scale(.8);" if SHAPES.get(kind) == "diamond" else ""
        items.append(f'<span class="kg-key" data-kind="{html.escape(kind)}"><span class="kg-swatch" '
                     f'style="background:{html.escape(colour)};border-radius:{radius};{turn}"></span>'
                     f"{html.escape(label)}</span>")
    return f'<div id="kg-legend">{"".join(items)}</div>'


def _filters_text(filters: dict[str, str | None]) -> str:
    parts = []
    if filters.get("endpoint"):
        parts.append(f"endpoint {filters['endpoint']}")
    if filters.get("subtype"):
        parts.append(f"subtype {filters['subtype']} (incl. subtypes below it)")
    if filters.get("min"):
        parts.append(f"value \u2265 {filters['min']}")
    return "outcome claims in this file: " + (", ".join(parts) if parts else "all")


def cap_note(cap: dict[str, Any] | None) -> str:
    """The page's note when the cap left outcome claims out ("" when it did not)."""
    if not cap:
        return ""
    return (f"Drew {cap['drawn']:,} of {cap['matching']:,} outcome claims matching the filters (the claims "
            f"stated by most papers first, then endpoint and value), with the {cap['papers_drawn']:,} of "
            f"{cap['papers']:,} papers and the works, regimens and concepts they touch. Narrow with "
            "kg view --subtype, --endpoint, --min or raise --max-claims to see the others.")


_CSS = """
html, body { margin: 0; height: 100%; font: 13px/1.35 system-ui, sans-serif; color: #222; }
body { display: flex; flex-direction: column; }
#kg-header { padding: 6px 10px; border-bottom: 1px solid #ddd; background: #fafafa; }
#kg-header h1 { font-size: 15px; margin: 0 12px 4px 0; display: inline-block; }
#kg-header label { margin-right: 12px; }
#kg-cli, #kg-count { color: #555; margin-right: 12px; }
#kg-cap { margin: 4px 0; padding: 3px 6px; background: #fff3cd; border: 1px solid #e0c36c; border-radius: 3px; }
#kg-legend { margin-top: 4px; }
.kg-key { display: inline-block; margin-right: 14px; white-space: nowrap; }
.kg-swatch { display: inline-block; width: 11px; height: 11px; margin-right: 5px; vertical-align: -1px;
             border: 1px solid rgba(0,0,0,.25); }
#kg-main { flex: 1; display: flex; min-height: 0; }
#kg-network { flex: 1; min-width: 0; background: #fff; }
#kg-details { width: 300px; overflow: auto; padding: 8px 10px; border-left: 1px solid #ddd; background: #fcfcfc;
              white-space: pre-wrap; word-wrap: break-word; color: #333; }
div.vis-tooltip { position: absolute; visibility: hidden; padding: 6px 8px; white-space: pre-wrap;
                  max-width: 520px; font: 13px/1.35 system-ui, sans-serif; color: #000; background: #fffbe6;
                  border: 1px solid #a0a08c; border-radius: 3px; box-shadow: 3px 3px 10px rgba(0,0,0,.2);
                  pointer-events: none; z-index: 5; }
"""

_APP_JS = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var options = {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: true },
    nodes: { font: { size: 11, color: "#222" }, borderWidth: 1, scaling: { label: { drawThreshold: 4 } } },
    edges: { smooth: false, width: 0.6, color: { color: "#c9c9c9", highlight: "#444", hover: "#777" } }
  };
  var network = new vis.Network(document.getElementById("kg-network"), { nodes: nodes, edges: edges }, options);
  var neighbours = {};
  data.edges.forEach(function (e) {
    (neighbours[e.from] = neighbours[e.from] || []).push(e.to);
    (neighbours[e.to] = neighbours[e.to] || []).push(e.from);
  });
  var outcomes = data.nodes.filter(function (n) { return n.kind === "outcome"; });
  var subtypeSelect = document.getElementById("kg-subtype");
  var regimenSelect = document.getElementById("kg-regimen");
  data.subtypes.forEach(function (v) { subtypeSelect.appendChild(new Option(v, v)); });
  data.regimens.forEach(function (v) { regimenSelect.appendChild(new Option(v, v)); });
  subtypeSelect.value = data.initial.subtype;
  var count = document.getElementById("kg-count");
  var details = document.getElementById("kg-details");

  function apply() {
    var subtype = subtypeSelect.value, regimen = regimenSelect.value;
    var keep = null, shown = outcomes.length;
    if (subtype || regimen) {
      keep = {}; shown = 0;
      outcomes.forEach(function (n) {
        if ((subtype && n.subtypes.indexOf(subtype) < 0) || (regimen && n.regimen !== regimen)) { return; }
        shown += 1; keep[n.id] = true;
        (neighbours[n.id] || []).forEach(function (m) { keep[m] = true; });
      });
      data.nodes.forEach(function (n) {
        if ((n.kind === "subtype" && n.key === subtype) || (n.kind === "regimen" && n.key === regimen)) {
          keep[n.id] = true;
        }
      });
    }
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: keep !== null && !keep[n.id] }; }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, hidden: keep !== null && !(keep[e.from] && keep[e.to]) };
    }));
    count.textContent = shown + " of " + outcomes.length + " outcome claims";
    network.fit({ nodes: keep === null ? [] : Object.keys(keep), animation: false });
  }
  subtypeSelect.addEventListener("change", apply);
  regimenSelect.addEventListener("change", apply);
  network.on("click", function (params) {
    details.textContent = params.nodes.length ? nodes.get(params.nodes[0]).title
                                               : "Click a node to see its details here.";
  });
  network.once("afterDrawing", function () { document.body.setAttribute("data-kg-ready", "1"); });
  apply();
  window.kgView = { network: network, nodes: nodes, edges: edges, data: data, apply: apply };
})();
"""


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render_html(graph: nx.Graph, *, title: str = "sarcoma-kg view") -> str:
    """The self-contained page for a view graph (raises ViewError if it would load anything)."""
    vis_js = vis_network_js()
    data = json_for_script(page_data(graph))
    csp = (f"default-src 'none'; script-src {_sha256(vis_js)} {_sha256(_APP_JS)}; style-src 'unsafe-inline'; "
           "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'")
    filters = graph.graph.get("filters", {})
    note = cap_note(graph.graph.get("cap"))
    cap_block = f'<div id="kg-cap" role="note">{html.escape(note)}</div>\n' if note else ""
    heading = f"{title}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<div id="kg-header">
<h1>{html.escape(heading)}</h1><span id="kg-cli">{html.escape(_filters_text(filters))}</span>
<label>Subtype <select id="kg-subtype"><option value="">all</option></select></label>
<label>Regimen <select id="kg-regimen"><option value="">all</option></select></label>
<span id="kg-count"></span>
{cap_block}{_legend()}
</div>
<div id="kg-main"><div id="kg-network"></div><div id="kg-details">Click a node to see its details here.</div></div>
<script type="application/json" id="kg-data">{data}</script>
<script>{vis_js}</script>
<script>{_APP_JS}</script>
</body>
</html>
"""
    check_offline(page)
    return page


def check_offline(page: str) -> None:
    """Raise ViewError if the page would fetch anything (an src/href/data attribute, a CSS import or
    remote url(), a refresh)."""
    for pattern, what in ((_RESOURCE_ATTR, "a resource attribute"), (_REMOTE_CSS, "a remote stylesheet or url()"),
                          (_REFRESH, "a refresh")):
        found = pattern.search(page)
        if found:
            raise ViewError(f"the view would load remote resources ({what}: {found.group(0)[:80]}...); "
                            "refusing to write it")
