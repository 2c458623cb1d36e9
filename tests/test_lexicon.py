"""The lexicon TSV files: size, required keys, referential integrity, no clashing surface forms."""

from __future__ import annotations

from collections import defaultdict
from importlib import resources

import pytest

from ontology.lexicon import (
    COLUMNS,
    CONCEPT_FILES,
    Concept,
    LexiconError,
    fold,
    is_case_sensitive,
    load_lexicon,
    read_concepts,
)

SUBTYPE_CODES = ("STS", "ASPS", "CCS", "UPS", "DDLPS", "LPS", "LMS", "MFS", "AS", "SS", "ES", "MPNST", "RMS")
ENDPOINT_CODES = (
    "ORR DCR CBR PFS_median OS_median PFS_rate OS_rate DoR_median TTR_median followup_median "
    "CR_n PR_n SD_n PD_n HR_PFS HR_OS PFS OS DoR TTR CR PR SD PD AE TRAE"
).split()
CLASS_TOKENS = (
    "ici",
    "ici-based",
    "pd-1 inhibitor",
    "pd-l1 inhibitor",
    "ctla-4 inhibitor",
    "antiangiogenic",
    "chemotherapy",
)
# Forms that mean an endpoint (or are plain English) and must never name a subtype.
NOT_SUBTYPE_FORMS = ("OS", "PFS", "PD", "PR", "SD", "CR", "DCR", "ORR", "AE", "HR", "CI", "aSTS", "mSTS", "FBS")
# Lowercase words that must never match case-insensitively (they are English or too ambiguous).
STOPWORDS = {"as", "is", "es", "ss", "os", "pd", "pr", "sd", "cr", "hr", "ae", "ci", "all", "met", "kit", "ret"}


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def _file_text(filename: str) -> str:
    return (resources.files("ontology") / "lexicon" / filename).read_text(encoding="utf-8")


def _keys(lexicon, type_: str) -> set[str]:
    return {c.key for c in lexicon.of_type(type_)}


def _index(concepts) -> dict[str, set[tuple[str, str]]]:
    """casefolded surface form -> {(type, key)} over the given concepts."""
    index: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for concept in concepts:
        for form, _ in concept.surface_forms():
            index[form.casefold()].add((concept.type, concept.key))
    return index


def _clashes(concepts) -> dict[str, set[tuple[str, str]]]:
    """Surface forms that would match more than one concept, honouring case-sensitive matching.

    Two case-sensitive forms clash only when identical ("CRS" and "CRs" do not); a
    case-insensitive form clashes with anything that is equal after casefolding.
    """
    exact: dict[str, set[tuple[str, str]]] = defaultdict(set)
    folded: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for concept in concepts:
        for form, case_sensitive in concept.surface_forms():
            (exact[form] if case_sensitive else folded[form.casefold()]).add((concept.type, concept.key))
    clashes = {form: ids for form, ids in exact.items() if len(ids) > 1}
    clashes |= {form: ids for form, ids in folded.items() if len(ids) > 1}
    for form, ids in exact.items():
        other = folded.get(form.casefold(), set())
        if other - ids:
            clashes[form] = ids | other
    return clashes


def _resolve(lexicon, type_: str, form: str) -> set[str]:
    return {key for t, key in _index(lexicon.of_type(type_)).get(form.casefold(), set()) if t == type_}


# --- files -------------------------------------------------------------------------------------


@pytest.mark.parametrize("filename", sorted(CONCEPT_FILES.values()))
def test_file_shape(filename):
    lines = _file_text(filename).splitlines()
    assert tuple(lines[0].split("\t")) == COLUMNS
    assert len(lines) > 1
    for line_no, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        assert len(cells) == len(COLUMNS), f"{filename}:{line_no} has {len(cells)} cells"
        assert cells[0].strip() and cells[1].strip(), f"{filename}:{line_no} empty key/label"
        assert cells[0] == cells[0].strip(), f"{filename}:{line_no} key has surrounding spaces"


@pytest.mark.parametrize(("type_", "filename"), sorted(CONCEPT_FILES.items()))
def test_file_parses_with_unique_keys(type_, filename):
    concepts = read_concepts(type_, filename, _file_text(filename))
    keys = [c.key for c in concepts]
    assert all(keys)
    assert len(keys) == len(set(keys))


def test_every_type_loaded(lexicon):
    for type_ in CONCEPT_FILES:
        assert lexicon.of_type(type_), type_


def test_xrefs_are_curies_with_a_source(lexicon):
    for concept in lexicon:
        for xref in concept.xrefs:
            prefix, _, local = xref.removeprefix("close:").partition(":")
            assert prefix and local and " " not in xref, (concept.key, xref)
        if concept.xrefs:
            assert concept.source, f"{concept.type} {concept.key}: xrefs without a source"


# --- counts and required keys ------------------------------------------------------------------


def test_counts(lexicon):
    assert len(lexicon.of_type("drug")) >= 100
    assert len(lexicon.of_type("subtype")) >= 50
    assert len(lexicon.of_type("adverse_event")) >= 80
    assert len(lexicon.of_type("biomarker")) >= 25
    assert len(lexicon.of_type("target")) >= 30


def test_required_subtype_codes(lexicon):
    assert set(SUBTYPE_CODES) <= _keys(lexicon, "subtype")


def test_required_endpoint_codes(lexicon):
    assert set(ENDPOINT_CODES) <= _keys(lexicon, "endpoint")


def test_required_class_tokens(lexicon):
    assert set(CLASS_TOKENS) <= _keys(lexicon, "drug_class")
    assert lexicon.get("drug_class", "ici").label == "immune checkpoint inhibitor"
    assert lexicon.get("drug_class", "ici-based").label == "immunotherapy-based therapy"


def test_drug_keys_are_lowercase(lexicon):
    for concept in lexicon.of_type("drug"):
        assert concept.key == concept.key.lower(), concept.key
    for concept in lexicon.of_type("drug_class"):
        assert concept.key == concept.key.lower(), concept.key


# --- referential integrity ---------------------------------------------------------------------


def test_drug_parents_and_targets_exist(lexicon):
    classes, targets = _keys(lexicon, "drug_class"), _keys(lexicon, "target")
    for drug in lexicon.of_type("drug"):
        assert drug.parents, f"{drug.key} has no drug class"
        assert set(drug.parents) <= classes, (drug.key, set(drug.parents) - classes)
        assert set(drug.targets) <= targets, (drug.key, set(drug.targets) - targets)


@pytest.mark.parametrize("type_", ["drug_class", "subtype", "endpoint"])
def test_parents_exist_and_are_acyclic(lexicon, type_):
    keys = _keys(lexicon, type_)
    parents = {c.key: c.parents for c in lexicon.of_type(type_)}
    for key, ps in parents.items():
        assert set(ps) <= keys, (key, set(ps) - keys)
        assert key not in ps, key

    def ancestors(key: str) -> set[str]:
        found, stack = set(), list(parents[key])
        while stack:
            parent = stack.pop()
            assert parent != key, f"cycle through {key}"
            if parent not in found:
                found.add(parent)
                stack.extend(parents[parent])
        return found

    for key in keys:
        ancestors(key)


def test_subtype_hierarchy(lexicon):
    soft = lexicon.subtype_descendants("STS")
    bone = lexicon.subtype_descendants("BS")
    assert {"ASPS", "CCS", "UPS", "DDLPS", "LPS", "LMS", "MFS", "AS", "SS", "ES", "MPNST", "RMS"} <= soft
    assert {"DDLPS", "WDLPS", "MLPS", "PLPS"} <= lexicon.subtype_descendants("LPS")
    assert {"ERMS", "ARMS", "PRMS"} <= lexicon.subtype_descendants("RMS")
    assert {"OSA", "EWS", "CHS", "CHOR"} <= bone
    assert "OSA" not in soft
    everything = lexicon.subtype_descendants("SARC")
    assert everything == _keys(lexicon, "subtype")


def test_class_hierarchy(lexicon):
    def closure(key: str) -> set[str]:
        found, stack = set(), [key]
        while stack:
            for parent in lexicon.get("drug_class", stack.pop()).parents:
                if parent not in found:
                    found.add(parent)
                    stack.append(parent)
        return found

    assert "ici" in closure("pd-1 inhibitor")
    assert "ici" in closure("pd-l1 inhibitor")
    assert "ici" in closure("ctla-4 inhibitor")
    assert {"antiangiogenic", "tki"} <= closure("vegfr inhibitor")
    assert "chemotherapy" in closure("anthracycline")


def test_drug_examples(lexicon):
    pembro = lexicon.get("drug", "pembrolizumab")
    assert "pd-1 inhibitor" in pembro.parents and "PD-1" in pembro.targets
    assert "MK-3475" in pembro.synonyms and "Keytruda" in pembro.synonyms
    anlotinib = lexicon.get("drug", "anlotinib")
    assert {"multikinase inhibitor", "antiangiogenic"} <= set(anlotinib.parents)
    assert {"VEGFR", "PDGFR", "FGFR", "KIT"} <= set(anlotinib.targets)
    assert "pd-l1 inhibitor" in lexicon.get("drug", "benmelstobart").parents


# --- surface forms -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "key"),
    [
        ("TQB2450", "benmelstobart"),
        ("AL3818", "anlotinib"),
        ("YN968D1", "apatinib"),
        ("IBI308", "sintilimab"),
        ("SHR-1210", "camrelizumab"),
        ("JS001", "toripalimab"),
        ("BGB-A317", "tislelizumab"),
        ("GB226", "geptanolimab"),
        ("AK105", "penpulimab"),
        ("Keytruda", "pembrolizumab"),
        ("DTIC", "dacarbazine"),
        ("5-FU", "fluorouracil"),
        ("actinomycin D", "dactinomycin"),
    ],
)
def test_drug_surface_forms_resolve(lexicon, form, key):
    assert _resolve(lexicon, "drug", form) == {key}


@pytest.mark.parametrize(
    ("type_", "form", "key"),
    [
        ("endpoint", "mPFS", "PFS_median"),
        ("endpoint", "median PFS", "PFS_median"),
        ("endpoint", "PFS", "PFS"),
        ("endpoint", "objective response rate", "ORR"),
        ("endpoint", "complete response", "CR_n"),
        ("endpoint", "CR", "CR_n"),
        ("endpoint", "hazard ratio", "HR"),
        ("subtype", "alveolar soft-part sarcoma", "ASPS"),
        ("subtype", "malignant fibrous histiocytoma", "UPS"),
        ("subtype", "malignant peripheral nerve sheath tumour", "MPNST"),
        ("subtype", "osteosarcoma", "OSA"),
        ("drug_class", "anti-PD-1", "pd-1 inhibitor"),
        ("drug_class", "TKIs", "tki"),
        ("drug_class", "immunotherapy-based treatment", "ici-based"),
        ("target", "CD274", "PD-L1"),
        ("target", "KDR", "VEGFR2"),
        ("adverse_event", "palmar-plantar erythrodysesthesia", "hand-foot syndrome"),
        ("adverse_event", "anaemia", "anemia"),
        ("biomarker", "tertiary lymphoid structures", "TLS"),
    ],
)
def test_other_surface_forms_resolve(lexicon, type_, form, key):
    assert _resolve(lexicon, type_, form) == {key}


@pytest.mark.parametrize("type_", sorted(CONCEPT_FILES))
def test_no_surface_form_clash_within_type(lexicon, type_):
    assert not _clashes(lexicon.of_type(type_))


def test_no_surface_form_clash_across_types(lexicon):
    assert not _clashes(lexicon)


def test_no_endpoint_abbreviation_names_a_subtype(lexicon):
    forms = {form for c in lexicon.of_type("subtype") for form, _ in c.surface_forms()}
    assert not forms & set(NOT_SUBTYPE_FORMS)


def test_short_forms_are_safe(lexicon):
    for concept in lexicon:
        for form, case_sensitive in concept.surface_forms():
            assert len(form) >= 2, (concept.key, form)
            assert form == form.strip() and "  " not in form, (concept.key, form)
            if not case_sensitive:
                assert form.casefold() not in STOPWORDS, (concept.type, concept.key, form)


def test_clash_detection():
    a = Concept(type="endpoint", key="CR_n", label="complete response", synonyms=("CRs",))
    b = Concept(type="adverse_event", key="crs", label="cytokine release syndrome", synonyms=("CRS",))
    c = Concept(type="subtype", key="X", label="Complete Response")
    assert not _clashes([a, b])
    assert set(_clashes([a, c])) == {"complete response"}


def test_case_sensitivity_rule():
    assert is_case_sensitive("AS") and is_case_sensitive("mPFS")
    assert not is_case_sensitive("as") and not is_case_sensitive("angiosarcoma")
    forms = dict(Concept(type="subtype", key="AS", label="angiosarcoma", synonyms=("AS",)).surface_forms())
    assert forms == {"angiosarcoma": False, "AS": True}


# --- malformed files ---------------------------------------------------------------------------

HEADER = "\t".join(COLUMNS)


@pytest.mark.parametrize(
    "text",
    [
        "key\tsynonyms\nx\ty\n",  # no label column
        HEADER + "\n\tlabel\t\t\t\t\t\t\n",  # empty key
        HEADER + "\nkey\t\t\t\t\t\t\t\n",  # empty label
        HEADER + "\nkey\tlabel\t\t\t\t\t\t\textra\n",  # stray TAB: one cell too many
        HEADER + "\nkey\tlabel\t\t\t\t\t\t\nkey\tother\t\t\t\t\t\t\n",  # duplicate key
    ],
)
def test_malformed_file_names_the_file(text):
    with pytest.raises(LexiconError, match="broken.tsv"):
        read_concepts("drug", "broken.tsv", text)


def test_well_formed_row_parses():
    text = HEADER + "\nfoo\tFoo\tF-1| Foo2 \tpd-1 inhibitor\tPD-1\t\t\tnote\n"
    (concept,) = read_concepts("drug", "ok.tsv", text)
    assert concept.synonyms == ("F-1", "Foo2")
    assert concept.parents == ("pd-1 inhibitor",) and concept.targets == ("PD-1",)


def test_class_tokens_map_up_or_keep_a_specific_class(lexicon):
    from extractors.regimens import class_token
    assert class_token(lexicon, "vegfr inhibitor") == "antiangiogenic"  # mapped to the contract's token
    assert class_token(lexicon, "mtor inhibitor") == "mtor inhibitor"  # none above it: kept, not dropped
    assert class_token(lexicon, "targeted therapy") is None  # too broad to name a treatment
    assert class_token(lexicon, "immunomodulator") is None  # outside the contract's families


def test_site_word_before_a_subtype_short_form(lexicon):
    from extractors.pipeline import build_nlp
    nlp = build_nlp(lexicon)
    ids = [e.id_ for e in nlp("Responses in uterine LMS differed from those in nonuterine LMS.").ents]
    assert ids == ["subtype:uLMS", "subtype:LMS"]


def test_fold_joins_dashes_case_and_spaces(lexicon):
    assert fold("Hand–Foot   Syndrome") == fold("hand‐foot syndrome") == "hand-foot syndrome"
    assert fold("fatigue — grade 3") == "fatigue — grade 3"  # an em dash separates, it does not join
    assert lexicon.forms("adverse_event").get(fold("Hand–foot skin reaction")) == "hand-foot syndrome"


def test_no_form_is_listed_twice_in_dash_spellings(lexicon):
    """A name is listed with a hyphen; `fold` and the ruler accept its en-dash spelling."""
    for concept in lexicon:
        forms = [f for f in (concept.label, *concept.synonyms) if not is_case_sensitive(f)]
        assert len({fold(f) for f in forms}) == len({f.casefold() for f in forms}), (concept.type, concept.key)
