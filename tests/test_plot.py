"""`kg plot`: a forest plot (PNG/SVG) of one endpoint's results; skipped values are counted."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sample_paper import load_samples
from typer.testing import CliRunner

from kg.core.errors import InputError
from kg.present.cli import app
from kg.present.plot import forest_rows, plot_outcomes, row_label
from kg.store.kg_store import KgStore
from ontology.lexicon import Concept, Lexicon

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
runner = CliRunner()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    lexicon = Lexicon([Concept("subtype", "ASPS", "alveolar soft part sarcoma", parents=("STS",))])
    path = tmp_path / "store"
    with KgStore.open(path) as store:
        load_samples(store, None, lexicon)
    return path


def _svg_text(path: Path) -> str:
    root = ET.parse(path).getroot()  # parses as XML
    assert root.tag.endswith("svg")
    return " ".join("".join(element.itertext()) for element in root.iter() if element.tag.endswith("text"))


def test_png_and_svg(store_path: Path, tmp_path: Path) -> None:
    with KgStore.open(store_path, read_only=True) as store:
        png = plot_outcomes(store, "ORR", "ASPS", tmp_path / "orr.png")
        svg = plot_outcomes(store, "ORR", "STS", tmp_path / "orr.svg")  # ASPS lies below STS
    assert (png.plotted, png.skipped) == (2, 0) and (svg.plotted, svg.skipped) == (2, 0)
    assert (tmp_path / "orr.png").read_bytes().startswith(PNG_SIGNATURE)
    text = _svg_text(tmp_path / "orr.svg")
    assert "demolimab + exampletinib" in text and "demolimab" in text
    assert "Ann Example 2024" in text and "Smith A 2019 (cited in Ann Example 2024)" in text
    assert "n=30" in text and "ORR in STS" in text
    assert "primary (the paper" in text and "cited (a result" in text  # the legend


def test_values_that_are_not_one_number_are_skipped_and_counted(store_path: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["plot", "--store", str(store_path), "--endpoint", "PFS_median", "--subtype", "ASPS",
                                 "-o", str(tmp_path / "pfs.png")])
    assert result.exit_code == 2, result.output  # the only PFS value is "NR"
    assert "none a single number: NR" in result.output
    rows, skipped = forest_rows([
        {"regimen": "a", "value": "5 to 20", "scope": "primary", "paper": "X 2020"},
        {"regimen": "a", "value": "<10", "scope": "primary", "paper": "X 2020"},
        {"regimen": "a", "value": "12.5", "ci_low": "8", "ci_high": "n/a", "scope": "primary", "paper": "X 2020"},
    ])
    assert skipped == ["5 to 20", "<10"]
    assert [(r.value, r.ci_low, r.ci_high) for r in rows] == [(12.5, 8.0, None)]


def test_cli_plot_and_empty_selection(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "orr.svg"
    result = runner.invoke(app, ["plot", "--store", str(store_path), "--endpoint", "objective response rate",
                                 "--subtype", "ASPS", "--min", "38", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 result plotted" in result.stdout
    assert "demolimab + exampletinib" in _svg_text(out) and "Smith A" not in _svg_text(out)
    result = runner.invoke(app, ["plot", "--store", str(store_path), "--endpoint", "ORR", "--subtype", "UPS",
                                 "-o", str(tmp_path / "none.png")])
    assert result.exit_code == 2
    assert "error: no ORR results in UPS to plot" in result.output
    assert not (tmp_path / "none.png").exists()
    result = runner.invoke(app, ["plot", "--store", str(store_path), "--endpoint", "ORR",
                                 "-o", str(tmp_path / "x.gif")])
    assert result.exit_code == 2 and ".png, .svg or .pdf" in result.output


def test_empty_selection_is_an_input_error(store_path: Path, tmp_path: Path) -> None:
    with KgStore.open(store_path, read_only=True) as store, pytest.raises(InputError, match="no DCR results"):
        plot_outcomes(store, "DCR", None, tmp_path / "x.png")


def test_row_label() -> None:
    assert row_label({"regimen": "", "paper": "A 2020", "scope": "primary", "n": ""}) == (
        "(regimen not stated) \u00b7 A 2020 \u00b7 n=?")
    assert row_label({"regimen": "r", "paper": "A 2020", "scope": "cited", "cited_work": "B 2019", "n": "14"}) == (
        "r \u00b7 B 2019 (cited in A 2020) \u00b7 n=14")



def test_the_plot_draws_at_most_max_rows_and_says_what_it_left_out(tmp_path: Path) -> None:
    from sample_paper import sample_records

    lexicon = Lexicon([Concept("subtype", "ASPS", "alveolar soft part sarcoma", parents=("STS",))])
    path = tmp_path / "store"
    with KgStore.open(path) as store:  # five invented papers: five primary ORRs and one cited ORR
        load_samples(store, [sample_records(f"p{i}.txt", doi=f"10.9999/p{i}") for i in range(5)], lexicon)
    with KgStore.open(path, read_only=True) as store:
        capped = plot_outcomes(store, "ORR", "ASPS", tmp_path / "capped.svg", max_rows=2)
        everything = plot_outcomes(store, "ORR", "ASPS", tmp_path / "all.svg", max_rows=None)
        with pytest.raises(InputError, match="max-rows"):
            plot_outcomes(store, "ORR", "ASPS", tmp_path / "x.svg", max_rows=0)
    assert (capped.plotted, capped.left_out) == (2, everything.plotted - 2) and everything.left_out == 0
    assert capped.cap_message().startswith(f"plotted 2 of {everything.plotted} results (the highest values)")
    assert everything.cap_message() == ""
    assert "Smith A" not in _svg_text(tmp_path / "capped.svg")  # the cited 37% is below the five 40.0%
    result = runner.invoke(app, ["plot", "--store", str(path), "--endpoint", "ORR", "--max-rows", "1",
                                 "-o", str(tmp_path / "one.png")])
    assert result.exit_code == 0, result.output
    assert "1 result plotted" in result.stdout and "plotted 1 of" in result.stderr
    result = runner.invoke(app, ["plot", "--store", str(path), "--endpoint", "ORR", "--max-rows", "0",
                                 "-o", str(tmp_path / "none.png")])
    assert result.exit_code == 2


def test_the_cli_and_the_api_default_to_the_same_plot_cap() -> None:
    import inspect

    from kg.present import cli
    from kg.present.graph import KnowledgeGraph
    from kg.present.plot import DEFAULT_MAX_ROWS

    assert inspect.signature(cli.plot).parameters["max_rows"].default == DEFAULT_MAX_ROWS
    assert inspect.signature(KnowledgeGraph.plot).parameters["max_rows"].default == DEFAULT_MAX_ROWS
