"""Line ends and invisible format characters: the same records whatever the file's conventions."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import read
from corpus.textprep import normalize_newlines, strip_format_chars

PAPER = """Lenvatinib in an invented cohort of synovial sarcoma

Abstract

Results: Of 24 patients, 9 responded partially (objective response rate 37.5%) [1].
The median progression-free survival was 6.2 months [2].

References

1. Arden T, Bosko M. Kinase inhibitors in synovial sarcoma. Invented Oncol. 2019;4:10-19.
2. Crane P, Dole R. Survival after second-line therapy. Invented Oncol. 2021;6:33-41.
"""


def test_newlines_normalised() -> None:
    assert normalize_newlines("a\r\nb\rc\n") == "a\nb\nc\n"


def test_format_characters_removed_with_a_map_back() -> None:
    source = "pazo\u200bpanib and \u202eso\u00adra\u2066fenib"
    text, offsets = strip_format_chars(source)
    assert text == "pazopanib and sorafenib"
    start = text.index("sorafenib")
    assert source[offsets.start(start):offsets.end(start + len("sorafenib"))] == "so\u00adra\u2066fenib"
    assert source[offsets.start(0):offsets.end(9)] == "pazo\u200bpanib"
    assert strip_format_chars("plain")[1].removed_at == ()


@pytest.fixture(scope="module")
def extract_records():
    from extractors.extract import extract

    def run(path: Path):  # noqa: ANN202
        return extract(read(path))
    return run


def test_cr_crlf_and_lf_files_give_the_same_records(tmp_path: Path, extract_records) -> None:  # noqa: ANN001
    records = []
    for name, ending in (("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")):
        folder = tmp_path / name
        folder.mkdir()
        path = folder / "paper.txt"
        path.write_bytes(PAPER.replace("\n", ending).encode())
        records.append(extract_records(path))
    lf, crlf, cr = records
    assert len(lf.references) == 2 and lf.outcomes
    assert lf == crlf == cr


def test_format_characters_do_not_change_what_is_read(tmp_path: Path, extract_records) -> None:  # noqa: ANN001
    clean_path = tmp_path / "clean" / "paper.txt"
    dirty_path = tmp_path / "dirty" / "paper.txt"
    clean_path.parent.mkdir()
    dirty_path.parent.mkdir()
    clean_path.write_text(PAPER)
    dirty = PAPER.replace("Lenvatinib", "Lenva\u200btinib").replace("objective", "ob\u00adjec\u200dtive")
    dirty = dirty.replace("Results:", "\u2067Results:\u2069")
    dirty_path.write_text(dirty)
    clean, noisy = extract_records(clean_path), extract_records(dirty_path)
    assert [(o.endpoint, o.value) for o in clean.outcomes] == [(o.endpoint, o.value) for o in noisy.outcomes]
    assert {m.key for m in clean.mentions} == {m.key for m in noisy.mentions}
    for outcome in noisy.outcomes:  # evidence quotes the file's own characters at the file's offsets
        assert dirty[outcome.evidence.start:outcome.evidence.end] == outcome.evidence.quote
        line = dirty.count("\n", 0, outcome.evidence.start) + 1
        assert outcome.evidence.locator == f"line {line}" and line in (5, 6)
    assert any("\u00ad" in o.evidence.quote for o in noisy.outcomes)
