"""A paper's parts of the answer rows, computed in Python (kg/build/answer_parts.py), are the parts the
SPARQL that once computed them gives over the store (tests/answer_parts_sparql.py, the oracle): the
same rows and the same encoded values, each field's values sorted (the SPARQL left their order to
the engine). Checked on the shared papers and on invented papers made to reach the corners:
several measurements of one claim, unknown subtypes, works without author or year, unknown works,
text that needs escaping, and a lexicon given by the user."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyoxigraph as ox
import pytest
from answer_parts_sparql import construct_parts
from sample_paper import SAMPLE_TEXT, sample_records

from extractors.records import Evidence, OutcomeClaim, PaperRecords, Reference
from kg.build.answer_parts import PART, lexical
from kg.build.answer_state import PART_FIELDS, RECORD_SEPARATOR, UNIT_SEPARATOR, parse_part
from kg.build.answers import paper_graphs, recompute_all_rows
from kg.build.pipeline import build_paths
from kg.core.iris import paper_answers_graph
from kg.store.kg_store import KgStore
from ontology.lexicon import Concept, Lexicon, load_lexicon

LEXICON = load_lexicon()

# invented sentences (no paper is quoted): what the extra measurements below are read from
EXTRA_TEXT = (
    "In the expansion cohort the ORR was 40.0% (n = 12) with exampletinib plus demolimab.\n"
    "Among 9 patients with zebra-cell sarcoma the DCR was 55.5%, 6 of 9 had a \"partial\" response \\ 100% noted.\n"
    "An earlier report gave a median PFS of 4.2 months [4, 5], an ORR of 18% [4] and a DCR of 30% [7].\n"
    "References\n"
    "4. Unnamed report on sarcoma.\n"
    "5. Roe Q. Sarcoma again. 2018.\n"
)


def _evidence(text: str, quote: str, source_file: str) -> Evidence:
    start = text.index(quote)
    return Evidence(source_file, "Results", start, start + len(quote), quote)


def corner_records(source_file: str) -> PaperRecords:
    """The sample paper plus measurements that reach the corners of the parts."""
    text = f"{SAMPLE_TEXT}{EXTRA_TEXT}"
    base = sample_records(source_file, doi="", text=text)
    regimen = ("demolimab", "exampletinib")
    first, second, third = EXTRA_TEXT.splitlines()[:3]
    references = [
        Reference(4, "", None, "", "", "Unnamed report on sarcoma", "4. Unnamed report on sarcoma.",
                  _evidence(text, "4. Unnamed report on sarcoma.", source_file)),
        Reference(5, "Roe Q", 2018, "", "", "Sarcoma again", "5. Roe Q. Sarcoma again. 2018.",
                  _evidence(text, "5. Roe Q. Sarcoma again. 2018.", source_file)),
    ]
    outcomes = [
        # the primary ORR claim again, from another sentence, with n and no CI: one row, two values per cell
        OutcomeClaim("ORR", "40.0", "%", "primary", ("ASPS",), regimen, _evidence(text, first, source_file),
                     subgroup="all patients", n=12),
        # a subtype the lexicon lacks, pooled with one it holds; a subgroup with "%" and a quote to escape
        OutcomeClaim("DCR", "55.5", "%", "primary", ("ZZQ", "CCS"), regimen, _evidence(text, second, source_file),
                     subgroup="responders \u001f 100%"),
        # cited numbers attributed to two works, one without author or year, and to that one alone
        OutcomeClaim("PFS_median", "4.2", "months", "cited", ("STS",), (), _evidence(text, third, source_file),
                     refs=(4, 5), ci_low="3.1", ci_high="5.0"),
        OutcomeClaim("ORR", "18", "%", "cited", ("STS",), ("demolimab",), _evidence(text, third, source_file),
                     refs=(4,)),
        # a cited number whose work is not in the reference list: a row of its own
        OutcomeClaim("DCR", "30", "%", "cited", ("STS",), ("demolimab",), _evidence(text, third, source_file),
                     refs=(7,)),
    ]
    return dataclasses.replace(base, references=[*base.references, *references],
                               outcomes=[*base.outcomes, *outcomes])


def corner_extract(path: Path) -> PaperRecords:  # module level: worker processes import it by name
    return corner_records(path.name)


def _sorted_values(part: str) -> str:
    """The oracle's part with each field's values sorted (the selectors already are)."""
    fields = part.split(UNIT_SEPARATOR)
    return UNIT_SEPARATOR.join([fields[0], *(
        value if name == "selector" else RECORD_SEPARATOR.join(sorted(value.split(RECORD_SEPARATOR)))
        for name, value in zip(PART_FIELDS, fields[1:], strict=True))])


def _stored_parts(store: KgStore, graph: str) -> dict[str, str]:
    quads = store.raw.quads_for_pattern(None, ox.NamedNode(PART), None, ox.NamedNode(paper_answers_graph(graph)))
    return {quad.subject.value: quad.object.value for quad in quads}


def _oracle_parts(store: KgStore, graph: str) -> dict[str, str]:
    return {triple.subject.value: _sorted_values(triple.object.value)
            for triple in store.raw.query(construct_parts(graph))}


def assert_parts_are_the_oracle_s(store: KgStore) -> dict[str, str]:
    """Every paper's stored parts are the oracle's; returns them all (row -> part)."""
    everything = {}
    graphs = paper_graphs(store)
    assert graphs
    for graph in graphs:
        stored = _stored_parts(store, graph)
        assert stored, graph
        assert stored == _oracle_parts(store, graph), graph
        everything.update(stored)
    return everything


def _field(part: str, name: str) -> list[str]:
    return part.split(UNIT_SEPARATOR)[1 + PART_FIELDS.index(name)].split(RECORD_SEPARATOR)


def _rows_of(parts: dict[str, str], endpoint: str, scope: str) -> list[str]:
    return [p for p in parts.values() if _field(p, "endpoint") == [endpoint] and _field(p, "scope") == [scope]]


def _write(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(name, encoding="utf-8")
    return [folder / name for name in names]


def test_the_shared_papers_parts_are_the_oracle_s(corpus_store: Path) -> None:
    with KgStore.open(corpus_store, read_only=True) as store:
        parts = assert_parts_are_the_oracle_s(store)
    assert len(parts) > 50
    assert any(len(_field(part, "ci_low")) > 1 for part in parts.values())  # a claim stated twice in a paper


def test_corner_cases_give_the_oracle_s_parts_and_a_recompute_gives_the_same_text(tmp_path: Path) -> None:
    with KgStore.open(tmp_path / "s") as store:
        build_paths(_write(tmp_path / "in", "a.txt", "b.txt"), store, lexicon=LEXICON, extract=corner_extract)
        parts = assert_parts_are_the_oracle_s(store)
        orr = _rows_of(parts, "ORR", "primary")
        assert orr and all(_field(p, "ci_low") == ["%", "22.7"] and _field(p, "n") == ["12", "30"] for p in orr)
        pooled = _rows_of(parts, "DCR", "primary")[0]
        assert _field(pooled, "population") == ["CCS", "ZZQ"]
        # the lexicon lacks ZZQ: its rows are found under CCS and what lies above it, never under ZZQ
        assert "DCR CCS" in _field(pooled, "selector") and not any("ZZQ" in s for s in _field(pooled, "selector"))
        assert parse_part(pooled)[1].one["subgroup"] == "responders \u001f 100%"
        assert [_field(p, "cited_work") for p in _rows_of(parts, "PFS_median", "cited")] == [["Roe Q 2018"]]
        assert sorted(_field(p, "cited_work") for p in _rows_of(parts, "ORR", "cited")) == [["?"], ["Smith A 2019"]]
        unknown = [row for row, p in parts.items() if "/claim/" not in row]
        assert len(unknown) == 2  # the number cited to an unknown work is its own row, one per paper
        assert all(_field(parts[row], "cited_work") == [""] for row in unknown)
        recompute_all_rows(store)  # from the store's graphs, as when the lexicon changes
        assert {row: part for g in paper_graphs(store) for row, part in _stored_parts(store, g).items()} == parts


def test_a_user_lexicon_reaches_the_workers_parts(tmp_path: Path) -> None:
    # the user's lexicon puts the invented subtype under CCS: its rows are found under CCS and STS
    zzq = Concept("subtype", "ZZQ", "zebra-cell sarcoma", parents=("CCS",))
    lexicon = Lexicon([*LEXICON, zzq])
    with KgStore.open(tmp_path / "s") as store:
        build_paths(_write(tmp_path / "in", "a.txt", "b.txt"), store, lexicon=lexicon, extract=corner_extract, jobs=1)
        parts = assert_parts_are_the_oracle_s(store)
    pooled = _rows_of(parts, "DCR", "primary")[0]
    assert {"DCR ZZQ", "* ZZQ", "DCR STS"} <= set(_field(pooled, "selector"))


@pytest.mark.parametrize(("term", "text"), [
    ('"plain"', "plain"),
    ('"a \\"b\\" \\\\ c\\n\\u001F"', 'a "b" \\ c\n\u001f'),
    ('"4.2"^^<http://www.w3.org/2001/XMLSchema#decimal>', "4.2"),
    ('"fr"@fr', "fr"),
    ("<https://example.org/x>", "https://example.org/x"),
])
def test_lexical_forms_are_those_sparql_str_gives(term: str, text: str) -> None:
    assert lexical(term) == text
    if not term.startswith("<"):
        assert lexical(str(ox.Literal(text))) == text
