"""Plain typed records the extractors produce; `kg/` turns them into triples.

No RDF here. Every record that states something carries an `Evidence` pointing at the
sentence or table cell it came from (character offsets into the source file).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    source_file: str
    section: str
    start: int
    end: int
    quote: str
    """Exactly `text[start:end]` of the source file."""
    locator: str = ""
    """Where the quote stands in the original: "line 12", an XML element path, "page 3"."""


@dataclass(frozen=True)
class Mention:
    """A lexicon concept found in the text."""

    type: str
    """drug, drug_class, target, subtype, endpoint, trial_id, biomarker, adverse_event"""
    key: str
    """Lexicon key: lowercase INN, subtype code, endpoint code, target symbol, trial id."""
    label: str
    """Preferred label of the concept."""
    surface: str
    """The text as printed."""
    evidence: Evidence


@dataclass(frozen=True)
class Reference:
    """One entry of the paper's reference list, parsed."""

    number: int
    first_author: str
    year: int | None
    journal: str
    doi: str
    title: str
    text: str
    evidence: Evidence
    volume: str = ""
    pages: str = ""
    trials: tuple[TrialName, ...] = ()
    """Trials the entry's title names ("... sarcoma (PALETTE): a randomised ... trial")."""


@dataclass(frozen=True)
class TrialName:
    """A trial's normalised key (registry id or name, e.g. "SARC028") and the name as printed."""

    key: str
    name: str


@dataclass(frozen=True)
class TrialCitation:
    """A sentence that names a trial next to a citation marker: the cited works report that trial."""

    trial: TrialName
    refs: tuple[int, ...]
    evidence: Evidence
    """The sentence."""


@dataclass(frozen=True)
class CitationMarker:
    """An in-text citation such as "[3–5]" or "(7, 11–15)", resolved to reference numbers."""

    numbers: tuple[int, ...]
    surface: str
    start: int
    end: int
    sentence: Evidence


@dataclass
class StudyFacts:
    """What the paper says about its own study; empty strings / None when not printed."""

    design: str = ""
    phase: str = ""
    registration: str = ""
    centers: int | None = None
    n_enrolled: int | None = None
    n_evaluable: int | None = None
    population: str = ""
    """Subtype code(s) of the study population, "|"-joined (e.g. "STS", "ASPS")."""
    regimen: tuple[str, ...] = ()
    """Sorted regimen tokens (INN names or class tokens) of the study's main treatment."""
    mixed_therapy: bool = False
    """The cohort was treated with alternative regimens ("received X, Y or Z"): `regimen` is the class
    they share, or empty."""
    data_cutoff: str = ""
    median_followup: str = ""
    evidence: dict[str, Evidence] = field(default_factory=dict)
    """Field name -> where that fact was read."""
    size_statements: list[tuple[int, Evidence]] = field(default_factory=list)
    """Every sentence that states the whole study's size ("79 patients were included in this
    study"), with the number it states; `kg.quality.checks` compares them with n_enrolled/n_evaluable."""


@dataclass(frozen=True)
class Arm:
    """A treatment arm of the paper's own study; placebo and active controls are arms too."""

    label: str
    """As the paper names it ("arm A", "group B"), "" when it names none."""
    regimen: tuple[str, ...]
    """Sorted regimen tokens; a placebo arm holds "placebo" (with any drug both arms get)."""
    role: str
    """experimental | control"""
    size: int | None = None
    evidence: Evidence | None = None
    """The sentence the arm was read from."""
    aliases: tuple[str, ...] = ()
    """Short names the paper gives the arm ("AI" for doxorubicin plus ifosfamide)."""

    @property
    def name(self) -> str:
        """The label as printed, else the regimen ("doxorubicin + placebo arm"): how claims name it."""
        return self.label or (" + ".join(self.regimen) + " arm" if self.regimen else "arm")


@dataclass(frozen=True)
class Cohort:
    """A cohort of the paper's own study, defined by its subtype(s)."""

    label: str
    """As the paper names it ("cohort A", "UPS cohort")."""
    population: tuple[str, ...]
    size: int | None = None
    evidence: Evidence | None = None


@dataclass
class StudyFrame:
    """Who the paper's numbers can belong to: design, arms, cohorts and the whole population."""

    design: str = ""
    """single-arm | randomized | comparative | basket | meta-analysis | retrospective cohort |
    prospective cohort | "" (not said)."""
    population: tuple[str, ...] = ()
    """Codes of the whole study population ("STS" for a mixed-histology study)."""
    arms: list[Arm] = field(default_factory=list)
    cohorts: list[Cohort] = field(default_factory=list)
    lines: list[Cohort] = field(default_factory=list)
    """Line-of-therapy groups of the whole population ("first line", "subsequent lines") with the
    sizes the paper prints for them; results name them ("ORR 35% in first-line patients")."""


@dataclass(frozen=True)
class OutcomeClaim:
    """One efficacy number with its context (filled by the outcome extractor)."""

    endpoint: str
    value: str
    """As printed with a dot decimal; "NR" for not reached; a range keeps both ends."""
    unit: str
    scope: str
    """primary | cited"""
    population: tuple[str, ...]
    """Subtype / group codes, pooled groups have several (("ASPS", "CCS"))."""
    regimen: tuple[str, ...]
    evidence: Evidence
    subgroup: str = ""
    timepoint: str = ""
    ci_low: str = ""
    ci_high: str = ""
    n: int | None = None
    p_value: str = ""
    refs: tuple[int, ...] = ()
    group: str = ""
    ci_level: str = ""
    """The CI's printed confidence level when it is not 95% ("90", "80"); "" for a 95% or unlabelled CI."""
    """Label of the frame's arm or cohort the number belongs to ("arm A", "cohort B"), "" for the
    whole study or when the paper does not say."""


@dataclass(frozen=True)
class AdverseEventClaim:
    term: str
    grade: str
    """As printed, normalised: any, 1, 2, 3, 4, 3-4, >=3, 5"""
    n: int | None
    percent: str
    regimen: tuple[str, ...]
    evidence: Evidence
    scope: str = "primary"
    group_size: int | None = None
    """Patients the percentage is of, when the table header prints it ("Arm A (n = 20)")."""


@dataclass(frozen=True)
class Problem:
    """Something the extractor could not do; reported, never silently dropped."""

    source_file: str
    message: str


@dataclass
class PaperRecords:
    """Everything extracted from one paper."""

    source_file: str
    title: str
    authors: list[str]
    doi: str
    journal: str
    year: int | None
    mentions: list[Mention] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    citations: list[CitationMarker] = field(default_factory=list)
    study: StudyFacts = field(default_factory=StudyFacts)
    frame: StudyFrame = field(default_factory=StudyFrame)
    outcomes: list[OutcomeClaim] = field(default_factory=list)
    adverse_events: list[AdverseEventClaim] = field(default_factory=list)
    trial_citations: list[TrialCitation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
