"""A small invented paper as `PaperRecords`, a test fixture for `kg/` (written to a store by `load_samples`).

The text is made up (no real paper is named); every quote is an exact slice of `SAMPLE_TEXT`
at the recorded offsets, as the extractors guarantee for real papers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractors.records import (
    AdverseEventClaim,
    CitationMarker,
    Evidence,
    Mention,
    OutcomeClaim,
    PaperRecords,
    Problem,
    Reference,
    StudyFacts,
)

if TYPE_CHECKING:
    from kg.store.kg_store import KgStore
    from ontology.lexicon import Lexicon

SAMPLE_TEXT = (
    "Exampletinib plus Demolimab in advanced alveolar soft part sarcoma\n"
    "Results\n"
    "Among 30 patients with ASPS, the ORR was 40.0% (95% CI: 22.7-59.4) with exampletinib "
    "plus demolimab.\n"
    "Median PFS was not reached (NR).\n"
    "A previous trial of demolimab alone reported an ORR of 37% [2, 3].\n"
    "Table 3\tHypertension\t12 (40.0)\t2 (6.7)\n"
    "References\n"
    "1. Doe J, Roe R. Sarcoma therapy today. J Sarcoma Res. 2020;12:1-10.\n"
    "2. Smith A, Jones B. Demolimab in ASPS. Lancet Oncol. 2019;20:100-8. doi:10.1000/XYZ.123\n"
)


def _span(text: str, quote: str, section: str, source_file: str, occurrence: int = 0) -> Evidence:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return Evidence(source_file, section, start, start + len(quote), quote)


SAMPLE_TITLE = "Exampletinib plus Demolimab in advanced alveolar soft part sarcoma"
SAMPLE_FILE = "sample_paper.txt"


def sample_records(source_file: str = SAMPLE_FILE, *, doi: str = "10.9999/sample.2024.001",
                   title: str | None = None, text: str = SAMPLE_TEXT) -> PaperRecords:
    """Records of the invented sample paper (a fresh object each call).

    Another file name is another invented paper: its default title carries the file's stem, as
    papers are keyed on author, year and title (see kg.core.iris.work_iri).
    """
    if title is None:
        title = SAMPLE_TITLE if source_file == SAMPLE_FILE else f"{SAMPLE_TITLE} ({source_file.rsplit('.', 1)[0]})"

    def ev(quote: str, section: str = "Results", occurrence: int = 0) -> Evidence:
        return _span(text, quote, section, source_file, occurrence)

    s_orr = "Among 30 patients with ASPS, the ORR was 40.0% (95% CI: 22.7-59.4) with exampletinib plus demolimab."
    s_pfs = "Median PFS was not reached (NR)."
    s_cited = "A previous trial of demolimab alone reported an ORR of 37% [2, 3]."
    s_ae = "Table 3\tHypertension\t12 (40.0)\t2 (6.7)"
    ref1 = "1. Doe J, Roe R. Sarcoma therapy today. J Sarcoma Res. 2020;12:1-10."
    ref2 = "2. Smith A, Jones B. Demolimab in ASPS. Lancet Oncol. 2019;20:100-8. doi:10.1000/XYZ.123"
    regimen = ("demolimab", "exampletinib")
    orr_ev = ev(s_orr)
    return PaperRecords(
        source_file=source_file,
        title=title,
        authors=["Ann Example", "Bo Sample"],
        doi=doi,
        journal="Journal of Invented Oncology",
        year=2024,
        mentions=[
            Mention("drug", "exampletinib", "Exampletinib", "Exampletinib", ev("Exampletinib plus Demolimab", "")),
            Mention("drug", "exampletinib", "Exampletinib", "exampletinib", orr_ev),
            Mention("drug", "demolimab", "Demolimab", "demolimab", orr_ev),
            Mention("subtype", "ASPS", "Alveolar soft part sarcoma", "ASPS", orr_ev),
            Mention("endpoint", "ORR", "Objective response rate", "ORR", orr_ev),
            Mention("target", "PD-L1", "PD-L1", "PD-L1", ev(s_cited)),
        ],
        references=[
            Reference(1, "Doe J", 2020, "J Sarcoma Res", "", "Sarcoma therapy today", ref1,
                      ev(ref1, "References"), volume="12", pages="1-10"),
            Reference(2, "Smith A", 2019, "Lancet Oncol", "10.1000/XYZ.123", "Demolimab in ASPS", ref2,
                      ev(ref2, "References"), volume="20", pages="100-8"),
        ],
        citations=[CitationMarker((2, 3), "[2, 3]", text.index("[2, 3]"), text.index("[2, 3]") + 6,
                                  ev(s_cited))],
        study=StudyFacts(design="single-arm phase II", phase="II", registration="NCT00000001",
                         n_enrolled=30, n_evaluable=30, population="ASPS", regimen=regimen,
                         median_followup="12.0 months", evidence={"n_enrolled": orr_ev}),
        outcomes=[
            OutcomeClaim("ORR", "40.0", "%", "primary", ("ASPS",), regimen, orr_ev, subgroup="all patients",
                         ci_low="22.7", ci_high="59.4", n=30),
            OutcomeClaim("PFS_median", "NR", "months", "primary", ("ASPS",), regimen, ev(s_pfs), n=30),
            OutcomeClaim("ORR", "37", "%", "cited", ("ASPS",), ("demolimab",), ev(s_cited), refs=(2, 3)),
        ],
        adverse_events=[
            AdverseEventClaim("Hypertension", "any", 12, "40.0", regimen, ev(s_ae, "Table 3")),
            AdverseEventClaim("Hypertension", "3-4", 2, "6.7", regimen, ev(s_ae, "Table 3")),
        ],
        problems=[Problem(source_file, "sample problem: a sentence could not be parsed")],
    )


def load_samples(store: KgStore, records: list[PaperRecords] | None = None,
                 lexicon: Lexicon | None = None) -> int:
    """Write sample papers (default: the one sample) and the lexicon graph into `store`.

    Returns the store's triple count. The same path as `kg build`, minus reading files.
    """
    from pathlib import Path

    from kg.build.pipeline import write_lexicon, write_paper
    from kg.build.prepare import prepare_records

    for paper_records in records if records is not None else [sample_records()]:
        write_paper(store, prepare_records(paper_records, lexicon), Path(paper_records.source_file))
    if lexicon is not None:
        write_lexicon(store, lexicon)
    return len(store)


def graph_size(store: KgStore, graph_iri: str) -> int:
    """How many triples the named graph `graph_iri` of `store` holds."""
    import pyoxigraph as ox

    return sum(1 for _ in store.raw.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_iri))))
