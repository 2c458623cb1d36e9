"""`extract(doc)`: run the pipeline over a `Document` and collect its records.

Read, in reading order: the title (when no paragraph holds it), every paragraph outside the
reference list except author lines and page notes (`Paragraph.kind` "authors" / "note"), table
captions, footnotes and cells, and figure captions and footnotes. A paragraph that continues an
unfinished sentence after page furniture is read joined to the paragraph it continues, so a name
cut by a running footer ("the response" / footer / "rate") is one mention (`extractors.text_units`;
offsets map back to the source). All of them go
through one `nlp.pipe` call, tagged with the source file as abbreviation scope, so a short
form the paper defines early ("advanced STS (aSTS)") resolves everywhere after.

What comes out (`PaperRecords`):

- `mentions`: one `Mention` per entity, plus the targets nested in drug-class names
  ("anti-CTLA4" also mentions CTLA-4; see `extractors.lexicon_ruler`). Its `Evidence` points at the mention itself:
  `start`/`end` are the mention's character offsets in the source file and `quote` is the
  surface (`text[start:end]`, the `Evidence` contract); `section` is the enclosing section.
  The sentence around a mention can be recovered from the Document by offset.
- `references`: every reference-list entry, parsed (`extractors.references`).
- `citations`: citation markers in paragraphs and captions (not in table cells, whose
  bracketed integers are counts), with numbers no larger than the reference list; the
  marker's `sentence` evidence quotes the whole sentence.
- `study`: `extractors.study.study_facts`.
- `trial_citations`: trials named next to a citation marker, so the cited works report them;
  reference entries carry the trials their titles name (`Reference.trials`).

Nothing raises on odd input: what cannot be done is reported in `problems` (a text unit whose
offsets do not match the source text, an entry without author or year, a failing parser).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Span

from corpus.document import Document
from extractors.adverse_events import extract_adverse_events
from extractors.drug_names import closest_drug
from extractors.frame import build_frame, fallback_regimen
from extractors.gc_pause import without_cyclic_gc
from extractors.lexicon_ruler import NESTED_KEY, split_id
from extractors.offsets import Coverage
from extractors.outcome_context import too_generic_populations
from extractors.outcomes import extract_outcomes
from extractors.pipeline import build_nlp
from extractors.provenance import to_source
from extractors.records import CitationMarker, Evidence, Mention, PaperRecords, Problem, TrialName
from extractors.references import parse_reference
from extractors.regimen_abbreviations import combination_short_forms
from extractors.study import SKIPPED_PARAGRAPHS, about_own_study, study_facts, title_span
from extractors.subtype_ellipsis import elliptical_subtypes
from extractors.table_outcomes import table_claims
from extractors.text_units import TextUnit, paragraph_units
from extractors.treated_share import is_series
from extractors.trials import trial_citations, trials_in_title
from extractors.unit_docs import UnitDocs
from ontology.lexicon import Lexicon, load_lexicon


def _locate(doc: Document, text: str, near: int) -> int | None:
    """The offset of `text` in the source at or after `near` (None when it is not there)."""
    if doc.text.startswith(text, near):
        return near
    found = doc.text.find(text, max(0, near - 200))
    return found if found >= 0 else None


def text_units(doc: Document, problems: list[Problem]) -> list[TextUnit]:
    """Everything to read, in reading order (see the module docstring)."""
    # the reference list by offset, not a scan of every entry per paragraph (a thesis has hundreds)
    in_references = Coverage((r.start, r.end) for r in doc.references)
    ref_starts = sorted(r.start for r in doc.references)
    units: list[TextUnit] = []

    def add(text: str, near: int, section: str, kind: str) -> None:
        if not text.strip():
            return
        start = _locate(doc, text, near)
        if start is None:
            problems.append(Problem(doc.source_file, f"{kind} at offset {near} not found in the source text"))
            return
        units.append(TextUnit(text, start, section, kind))

    span = title_span(doc)
    if span and not any(p.start <= span[0] < p.end for p in doc.paragraphs):
        add(doc.text[span[0]:span[1]], span[0], "Title", "title")
    read = [p for p in doc.paragraphs if p.kind not in SKIPPED_PARAGRAPHS
            and not in_references.covers(p.start) and not _any_between(ref_starts, p.start, p.end)]
    for unit in paragraph_units(read, doc.text):
        if unit.joins:
            units.append(unit)  # a sentence cut by a page break, read whole (extractors.text_units)
        else:
            add(unit.text, unit.start, unit.section, "paragraph")
    for table in doc.tables:
        add(table.caption, max(table.caption_start, table.start), table.section, "caption")
        add(table.footnote, max(table.footnote_start, table.start), table.section, "caption")
        for row in (*table.header, *table.rows):
            for cell in row:
                add(cell.text, cell.start, table.section, "cell")
    for figure in doc.figures:
        section = doc.section_at(figure.start)
        add(figure.caption, max(figure.caption_start, figure.start), section, "caption")
        add(figure.footnote, max(figure.footnote_start, figure.start), section, "caption")
    return sorted(units, key=lambda u: u.start)


def _any_between(sorted_offsets: list[int], start: int, end: int) -> bool:
    """Whether some offset lies in [start, end)."""
    k = bisect_left(sorted_offsets, start)
    return k < len(sorted_offsets) and sorted_offsets[k] < end


ORGANISATION_AFTER_RE = re.compile(
    r"(?:\s+and\s+Bone\s+Sarcoma)?\s+(?:(?:Study|Working|Research|Cooperative|Interdisciplinary|Clinical\s+Trials?)\s+)?"
    r"(?:Group|Committee|Society|Consortium|Alliance|Network|Foundation|Association|Organi[sz]ation)\b")
"""What follows a subtype in the name of a body that runs trials ("Soft Tissue Sarcoma Study Group", "Soft
Tissue and Bone Sarcoma Group"): capitalised, as names are (a cohort, "the bone sarcoma group", is not)."""


def _mention(doc: Document, lexicon: Lexicon, unit: TextUnit, ent: Span) -> Mention:
    type_, key = split_id(ent.id_)
    concept = lexicon.get(type_, key)
    start, end = unit.source_offset(ent.start_char), unit.source_end(ent.end_char)
    evidence = Evidence(doc.source_file, unit.section, start, end, doc.text[start:end])
    return Mention(type_, key, concept.label if concept else key, ent.text, evidence)


def _names_nothing(nlp: Language, unit: TextUnit) -> bool:
    """A table cell without a letter ("12 (34.5)", "0.81–1.09"): no component finds anything in it (every
    trial, drug and short form, and unless the ruler says otherwise every lexicon form, has a letter),
    and a cell's citation markers are not read, so it is not sent through the pipeline (most cells
    of a paper are numbers)."""
    if unit.kind != "cell" or any(ch.isalpha() for ch in unit.text):
        return False
    ruler = nlp.get_pipe("sarcoma_lexicon_ruler")
    return not getattr(ruler, "reads_letterless", True)


@lru_cache(maxsize=4)
def _lexicon_acronyms(lexicon: Lexicon) -> frozenset[str]:
    """The lexicon's all-capital names ("ASPS", "VEGFR2"): never a trial's name."""
    return frozenset(form for concept in lexicon for form, _ in concept.surface_forms() if form.isupper())


@without_cyclic_gc  # linear in the paper's length (see extractors/gc_pause.py)
def extract(doc: Document, lexicon: Lexicon | None = None) -> PaperRecords:
    """Mentions, parsed references, citation markers and study facts of one paper."""
    lexicon = lexicon if lexicon is not None else load_lexicon()
    nlp = build_nlp(lexicon)
    about_own_study.cache_clear()  # kept for one paper's sentences: nothing carries over to the next
    records = PaperRecords(
        source_file=doc.source_file,
        title=doc.metadata.title,
        authors=list(doc.metadata.authors),
        doi=doc.metadata.doi,
        journal=doc.metadata.journal,
        year=doc.metadata.year,
    )
    problems = records.problems
    for entry in doc.references:
        try:
            reference = parse_reference(entry, doc.source_file, doc.text, doc.section_at(entry.start) or "References")
        except (ValueError, IndexError, AttributeError) as err:
            problems.append(Problem(doc.source_file, f"reference {entry.number}: not parsed ({err})"))
            continue
        trials = trials_in_title(reference.title, _lexicon_acronyms(lexicon))
        reference = replace(reference, trials=tuple(TrialName(m.key, m.text) for m in trials))
        records.references.append(reference)
        missing = [name for name in ("first_author", "year") if not getattr(reference, name)]
        if missing:
            problems.append(Problem(doc.source_file, f"reference {entry.number}: no {' or '.join(missing)} found"))
    if doc.citable_references is None:
        problems.append(Problem(doc.source_file, "no reference list: citation markers are not checked against it"))

    generic = too_generic_populations(lexicon)
    units = text_units(doc, problems)
    # A text that cites nothing has no markers: "(13)C", "(1)" there are something else.
    n_references = doc.citable_references
    units = [unit for unit in units if not _names_nothing(nlp, unit)]
    inputs = []
    for unit in units:
        spacy_doc = nlp.make_doc(unit.text)
        spacy_doc.user_data["scope"] = doc.source_file
        spacy_doc.user_data["n_references"] = n_references
        inputs.append(spacy_doc)
    unlisted: dict[str, str] = {}
    paragraph_docs = UnitDocs()  # the outcome reader's sentences take their tokens from these
    sentence_texts: dict[tuple[int, int], str] = {}

    def sentence_text(start: int, end: int) -> str:
        """`doc.text[start:end]`, one string per sentence for all its markers (thousands of markers in one
        sentence each copied it)."""
        if (start, end) not in sentence_texts:
            sentence_texts[(start, end)] = doc.text[start:end]
        return sentence_texts[(start, end)]

    for unit, spacy_doc in zip(units, nlp.pipe(inputs), strict=True):
        if unit.kind == "paragraph":  # found by source offset (through its joins, when a page break cut it)
            paragraph_docs.add(unit.start, unit.text, spacy_doc, unit.joins)
        nested = spacy_doc.spans[NESTED_KEY] if NESTED_KEY in spacy_doc.spans else []
        for ent in sorted([*spacy_doc.ents, *nested], key=lambda e: (e.start_char, -len(e.text))):
            mention = _mention(doc, lexicon, unit, ent)
            if mention.type == "drug" and lexicon.get("drug", mention.key) is None:
                unlisted.setdefault(mention.key, mention.surface)  # read by its INN stem: kept, and reported
            elif mention.type != "trial_id" and lexicon.get(mention.type, mention.key) is None:
                problems.append(Problem(doc.source_file, f"entity {ent.id_!r} is not in the lexicon"))
                continue
            if mention.type == "subtype" and mention.key in generic:
                continue  # "sarcoma" alone names no subtype an analyst could ask for
            if mention.type == "subtype" and ORGANISATION_AFTER_RE.match(unit.text, ent.end_char):
                continue  # "the Soft Tissue Sarcoma Study Group": a cooperative group's name, not its patients
            records.mentions.append(mention)
        if unit.kind == "cell":
            continue
        sentences: list[Span] = []  # the unit's sentences, listed at its first marker: a token's `.sent`
        firsts: list[int] = []  # walks its whole sentence, once per marker
        for citation in spacy_doc.user_data.get("citations", []):
            marker = spacy_doc.char_span(citation.start, citation.end, alignment_mode="expand")
            if marker is not None and len(marker):
                if not sentences:
                    sentences = list(spacy_doc.sents)
                    firsts = [s.start for s in sentences]
                sent = sentences[bisect_right(firsts, marker.start) - 1]
            else:
                sent = spacy_doc[:]
            s_start, s_end = unit.source_offset(sent.start_char), unit.source_end(sent.end_char)
            records.citations.append(CitationMarker(
                numbers=citation.numbers,
                surface=citation.text,
                start=unit.source_offset(citation.start),
                end=unit.source_end(citation.end),
                sentence=Evidence(doc.source_file, unit.section, s_start, s_end, sentence_text(s_start, s_end)),
            ))
    for key, surface in unlisted.items():
        close = closest_drug(lexicon, key)
        hint = f"; closest lexicon drug: {close[0]}" if close else ""
        problems.append(Problem(doc.source_file, f"drug {surface!r} is not in the lexicon: kept as {key!r}, "
                                                 f"read by its INN stem{hint}"))
    records.mentions.extend(combination_short_forms(doc.text, records.mentions, doc.source_file, doc.section_at))
    records.mentions.extend(elliptical_subtypes(doc.text, records.mentions, lexicon, doc.source_file, doc.section_at))
    records.mentions.sort(key=lambda m: (m.evidence.start, -(m.evidence.end - m.evidence.start)))
    records.trial_citations = trial_citations(records.mentions, records.citations)
    try:
        records.study = study_facts(doc, records.mentions, lexicon)
        records.frame = build_frame(doc, records.mentions, records.study, lexicon)
        records.study.population = "|".join(records.frame.population)
        if not records.frame.arms and not records.study.mixed_therapy \
                and not any(lexicon.get("drug", t) for t in records.study.regimen):
            # none named, or only a class ("a checkpoint inhibitor"): the drugs patients received
            cohort = max([size for size, _ in records.study.size_statements] + [records.study.n_enrolled or 0])
            received = fallback_regimen(doc, records.mentions, lexicon, cohort, is_series(records.study.design))
            if received and (not records.study.regimen or any(lexicon.get("drug", t) for t in received)):
                records.study.regimen = received
    except (ValueError, IndexError, AttributeError) as err:
        problems.append(Problem(doc.source_file, f"study facts not read ({err})"))
    _add_claims(doc, lexicon, records, paragraph_docs)
    return to_source(records, doc)


def _add_claims(doc: Document, lexicon: Lexicon, records: PaperRecords, paragraph_docs: UnitDocs) -> None:
    """Outcome and adverse-event claims from prose and tables (a failure is a problem, not a crash)."""
    try:
        records.outcomes = extract_outcomes(
            doc, lexicon, records.mentions, records.citations, records.references, records.study, records.frame,
            paragraph_docs,
        )
        table_outcomes, table_adverse = table_claims(doc, records.study, records.mentions, lexicon, records.frame)
        records.outcomes.extend(table_outcomes)
        records.adverse_events = table_adverse + extract_adverse_events(
            doc, records.citations, records.study, records.mentions, lexicon, records.frame)
    except (ValueError, IndexError, AttributeError, KeyError) as err:
        records.problems.append(Problem(doc.source_file, f"outcome claims not read ({type(err).__name__}: {err})"))
