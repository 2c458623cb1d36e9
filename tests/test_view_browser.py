"""`kg view` in a real browser: headless Debian Chromium driven by Playwright.

Checks what only a browser can: the page makes no request beyond its own file, draws a canvas
in time, holds every node of the graph, shows tooltips with their quote, filters client-side,
and never runs a `<script>` planted in a paper. Skipped (with the reason) when /usr/bin/chromium
or the playwright package is missing; `.ci/run` installs chromium, the test extra playwright.
Playwright's own browsers are never used (`playwright install` is not needed).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sample_paper import load_samples, sample_records

from extractors.records import PaperRecords
from kg.present.view import view_graph, write_view
from kg.store.kg_store import KgStore
from ontology.lexicon import Concept, Lexicon

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL = ("file:", "data:", "about:")
SETTLE_MS = 10_000
PLANTED = "<script>window.__pwned=1</script>"
LEXICON = Lexicon([Concept("drug", "demolimab", "demolimab", targets=("PD-L1",)),
                   Concept("subtype", "ASPS", "alveolar soft part sarcoma", parents=("STS",))])

if not CHROMIUM.exists() and shutil.which("chromium") is None:
    if os.environ.get("SARCOMA_KG_REQUIRE_BROWSER"):  # set by .ci/run: CI must not pass by skipping these
        pytest.fail(f"no Chromium at {CHROMIUM}, and .ci/run requires the browser tests", pytrace=False)
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run does it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")


def planted_records() -> PaperRecords:
    """The invented sample paper with PLANTED in its title and in the quote of its ORR claim."""
    records = sample_records(title=f"Exampletinib {PLANTED} in ASPS")
    orr = records.outcomes[0]
    quote = orr.evidence.quote.replace("with ASPS,", f"with ASPS {PLANTED},")
    records.outcomes[0] = dataclasses.replace(orr, evidence=dataclasses.replace(orr.evidence, quote=quote))
    return records


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield launched
        launched.close()


class Opened:
    """A view page opened in the browser, with every request and error it produced."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 860})
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.route("**/*", self._route)
        started = time.monotonic()
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-kg-ready]", timeout=SETTLE_MS)
        self.seconds = time.monotonic() - started

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def hover(self, node_id: str) -> str:
        """Move the mouse onto a node (zoomed in on it) and return the tooltip's text."""
        self.page.evaluate("id => kgView.network.focus(id, {scale: 3, animation: false})", node_id)
        point = self.page.evaluate("id => kgView.network.canvasToDOM(kgView.network.getPosition(id))", node_id)
        box = self.page.locator("#kg-network canvas").bounding_box()
        self.page.mouse.move(box["x"] + point["x"] + 2, box["y"] + point["y"] + 2, steps=4)
        self.page.wait_for_function(
            "() => { const t = document.querySelector('div.vis-tooltip');"
            " return t && t.style.visibility === 'visible' && t.innerText.length > 0; }", timeout=5000)
        return self.page.evaluate("document.querySelector('div.vis-tooltip').innerText")


@pytest.fixture(scope="module")
def corpus_view(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """The full three-paper view and the networkx graph it was drawn from."""
    path = tmp_path_factory.mktemp("view") / "corpus.html"
    with KgStore.open(corpus_store, read_only=True) as store:
        write_view(store, path)
        graph = view_graph(store)
    return path, graph


@pytest.fixture(scope="module")
def planted_view(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """A tiny store whose paper title and ORR quote carry `<script>window.__pwned=1</script>`."""
    folder = tmp_path_factory.mktemp("planted")
    with KgStore.open(folder / "store") as store:
        load_samples(store, [planted_records()], LEXICON)
        write_view(store, folder / "planted.html")
        graph = view_graph(store)
    return folder / "planted.html", graph


def test_corpus_view_is_offline_drawn_complete_and_fast(browser: Any, corpus_view: tuple[Path, Any]) -> None:
    path, graph = corpus_view
    opened = Opened(browser, path)
    try:
        assert opened.seconds < SETTLE_MS / 1000
        assert not opened.blocked, f"requests left the file: {opened.blocked[:5]}"
        assert all(url.startswith(LOCAL) for url in opened.requests), opened.requests
        assert not opened.errors, opened.errors
        box = opened.page.locator("#kg-network canvas").bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 300
        painted = opened.page.evaluate(
            "() => { const c = document.querySelector('#kg-network canvas');"
            " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
            " for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }")
        assert painted > 1000, "the canvas is blank"
        assert opened.page.evaluate("kgView.nodes.length") == graph.number_of_nodes()
        assert opened.page.evaluate("kgView.edges.length") == graph.number_of_edges()
        kinds = opened.page.evaluate("() => [...new Set(kgView.nodes.get().map(n => n.kind))].sort()")
        assert kinds == sorted({"paper", "cited_work", "regimen", "drug", "drug_class", "target", "subtype",
                                "outcome"})
        titles = opened.page.evaluate("() => Object.fromEntries(kgView.nodes.get().map(n => [n.id, n.title]))")
        for node, data in graph.nodes(data=True):
            if data["kind"] == "outcome":
                assert data["facts"]["quote"] in titles[node]
    finally:
        opened.page.close()


def test_client_side_filter_narrows_to_a_subtype_and_a_regimen(browser: Any, corpus_view: tuple[Path, Any]) -> None:
    path, graph = corpus_view
    outcomes = {node: data for node, data in graph.nodes(data=True) if data["kind"] == "outcome"}
    visible = "() => kgView.nodes.get({filter: n => !n.hidden && n.kind === 'outcome'}).length"
    opened = Opened(browser, path)
    try:
        assert opened.page.evaluate(visible) == len(outcomes)
        opened.page.select_option("#kg-subtype", "ASPS")
        asps = [n for n, d in outcomes.items() if "ASPS" in d["groups"]]
        assert 0 < len(asps) < len(outcomes)
        assert opened.page.evaluate(visible) == len(asps)
        assert opened.page.inner_text("#kg-count").startswith(f"{len(asps)} of {len(outcomes)}")
        regimen = "anlotinib + benmelstobart"
        opened.page.select_option("#kg-regimen", regimen)
        both = [n for n in asps if outcomes[n]["regimen"] == regimen]
        assert both and opened.page.evaluate(visible) == len(both)
        opened.page.select_option("#kg-subtype", "")
        opened.page.select_option("#kg-regimen", "")
        assert opened.page.evaluate(visible) == len(outcomes)
        assert opened.page.evaluate("kgView.nodes.get({filter: n => n.hidden}).length") == 0
    finally:
        opened.page.close()


def test_planted_script_never_runs_and_shows_as_text(browser: Any, planted_view: tuple[Path, Any]) -> None:
    path, graph = planted_view
    opened = Opened(browser, path)
    try:
        assert opened.page.evaluate("typeof window.__pwned") == "undefined"
        assert opened.page.evaluate("document.scripts.length") == 3  # data, vis-network, the app
        assert not opened.blocked and not opened.errors, (opened.blocked, opened.errors)
        assert opened.page.evaluate("kgView.nodes.length") == graph.number_of_nodes()
        orr = next(node for node, data in graph.nodes(data=True) if data.get("label") == "ORR 40.0%")
        tooltip = opened.hover(orr)
        assert PLANTED in tooltip and "CI 22.7 to 59.4" in tooltip and "n = 30" in tooltip
        tags = "sel => [...document.querySelectorAll(sel)].map(e => e.tagName)"
        assert set(opened.page.evaluate(tags, "div.vis-tooltip *")) <= {"BR"}  # innerText: text and line breaks
        paper = next(node for node, data in graph.nodes(data=True) if data["kind"] == "paper")
        opened.page.mouse.move(1, 1)
        assert PLANTED in opened.hover(paper)
        opened.page.evaluate("id => kgView.network.selectNodes([id])", paper)
        details = opened.page.evaluate(
            "id => { kgView.network.body.emitter.emit('click', {nodes: [id], edges: []});"
            " return document.getElementById('kg-details').textContent; }", paper)
        assert PLANTED in details
        assert opened.page.evaluate(tags, "#kg-details *") == []
        assert opened.page.evaluate("typeof window.__pwned") == "undefined"
    finally:
        opened.page.close()


def test_capped_view_shows_its_note_and_only_the_drawn_claims(browser: Any, corpus_store: Path,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "capped.html"
    with KgStore.open(corpus_store, read_only=True) as store:
        summary = write_view(store, path, max_claims=10)
        graph = view_graph(store, max_claims=10)
    assert summary.capped and summary.outcomes == 10
    opened = Opened(browser, path)
    try:
        assert not opened.blocked and not opened.errors, (opened.blocked, opened.errors)
        note = opened.page.locator("#kg-cap")
        assert note.is_visible()
        assert note.inner_text().startswith(f"Drew 10 of {summary.matching:,} outcome claims")
        assert opened.page.evaluate("kgView.nodes.length") == graph.number_of_nodes()
        assert opened.page.inner_text("#kg-count").startswith("10 of 10 outcome claims")
    finally:
        opened.page.close()
