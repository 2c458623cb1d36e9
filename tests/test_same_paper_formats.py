"""One invented paper written as plain text, JATS XML, PDF and a web page gives the same outcome rows."""

from __future__ import annotations

import textwrap
from pathlib import Path
from xml.sax.saxutils import escape

from pdf_maker import write_pdf

from corpus import read_any

TITLE = "Cabozantinib in advanced alveolar soft part sarcoma: a phase II trial"
ABSTRACT = [
    ("Methods", "Adults with advanced alveolar soft part sarcoma (ASPS) received cabozantinib 60 mg daily."),
    ("Results", "Of 30 evaluable patients, 12 responded partially, an objective response rate of 40% "
                "(95% CI, 23-59). The median progression-free survival was 13.1 months."),
]
RESULTS = ("The disease control rate was 90% (27 of 30 patients). The 12-month overall survival rate was 88%. "
           "Grade 3 hypertension occurred in 5 patients (17%).")


def _txt(path: Path) -> Path:
    parts = [TITLE, "Abstract", *[f"{label}: {text}" for label, text in ABSTRACT], "Results", RESULTS]
    path.write_text("\n\n".join(parts) + "\n")
    return path


def _jats(path: Path) -> Path:
    secs = "".join(f"<sec><title>{label}</title><p>{escape(text)}</p></sec>" for label, text in ABSTRACT)
    path.write_text(
        '<?xml version="1.0"?><article article-type="research-article"><front><article-meta>'
        f"<title-group><article-title>{escape(TITLE)}</article-title></title-group>"
        f"<abstract>{secs}</abstract></article-meta></front>"
        f'<body><sec sec-type="results"><title>Results</title><p>{escape(RESULTS)}</p></sec></body></article>')
    return path


def _pdf(path: Path) -> Path:
    lines = [TITLE, "", "Abstract", ""]
    for label, text in ABSTRACT:
        lines += textwrap.wrap(f"{label}: {text}", 90) + [""]
    lines += ["Results", ""] + textwrap.wrap(RESULTS, 90)
    return write_pdf(path, [[lines]])


def _html(path: Path) -> Path:
    parts = "".join(f"<p><b>{label}:</b> {escape(text)}</p>" for label, text in ABSTRACT)
    path.write_text(
        f"<!DOCTYPE html><html><head><title>{escape(TITLE)} | Journal</title><script>var n = '99%';</script></head>"
        "<body><header><h1>Journal</h1></header><nav><a href='/'>Home</a></nav>"
        f"<main><article><h1>{escape(TITLE)}</h1><h2>Abstract</h2>{parts}"
        f"<h2>Results</h2><p>{escape(RESULTS)}</p></article></main>"
        "<aside>Most read: an objective response rate of 75% elsewhere.</aside><footer>(c) 2025</footer></body></html>")
    return path


def _rows(path: Path) -> set[tuple]:
    from extractors.extract import extract

    records = extract(read_any(path))
    return {(o.endpoint, o.value, o.population, o.regimen, o.n, o.scope) for o in records.outcomes}


def test_text_jats_pdf_and_html_give_the_same_outcome_rows(tmp_path: Path) -> None:
    text_rows = _rows(_txt(tmp_path / "paper.txt"))
    assert {row[0] for row in text_rows} >= {"ORR", "PFS_median", "DCR"}
    assert _rows(_jats(tmp_path / "paper.nxml")) == text_rows
    assert _rows(_pdf(tmp_path / "paper.pdf")) == text_rows
    assert _rows(_html(tmp_path / "paper.html")) == text_rows
