"""Long invented documents of several shapes, for tests that compare the work of reading them at two sizes.

Every sentence is made up here from a few templates; no paper, trial or study is named. The
shapes are what a long input looks like in practice: one line with no breaks, many paragraphs,
one table of many rows, a book of abstracts, and a thesis whose chapters cite a shared reference
list, name registered trials, define short forms and put tables and figures after their citing
paragraphs.
"""

from __future__ import annotations

import random
from collections.abc import Callable

DRUGS = ("pazopanib", "eribulin", "trabectedin", "doxorubicin", "ifosfamide", "gemcitabine", "docetaxel")
SUBTYPES = ("leiomyosarcoma", "liposarcoma", "synovial sarcoma", "angiosarcoma")
EVENTS = ("fatigue", "nausea", "neutropenia", "hypertension", "diarrhea", "anemia")


def result_sentences(n_chars: int, seed: int = 11) -> list[str]:
    """Invented result sentences, about `n_chars` characters in all."""
    pick = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n_chars:
        drug, subtype = pick.choice(DRUGS), pick.choice(SUBTYPES)
        form = pick.randrange(4)
        if form == 0:
            text = (f"With {drug}, {pick.randint(3, 20)} of {pick.randint(25, 60)} patients with {subtype} had a "
                    f"partial response ({pick.randint(5, 45)}.{pick.randint(0, 9)}%).")
        elif form == 1:
            text = (f"The median overall survival reached {pick.randint(6, 30)}.{pick.randint(0, 9)} months "
                    f"(95% CI {pick.randint(2, 5)}.0-{pick.randint(31, 40)}.5) in the {drug} group.")
        elif form == 2:
            text = (f"Disease control was achieved in {pick.randint(30, 85)}% of patients with {subtype} "
                    f"[{pick.randint(1, 40)}].")
        else:
            text = f"Grade 3 {pick.choice(EVENTS)} occurred in {pick.randint(1, 25)}% of patients given {drug}."
        out.append(text)
        size += len(text) + 1
    return out


HEAD = "A phase II trial of targeted agents in soft tissue sarcoma\n\nAbstract\n\nResults\n\n"


def one_line(n_chars: int) -> str:
    return HEAD + " ".join(result_sentences(n_chars)) + "\n"


def paragraphs(n_chars: int) -> str:
    return HEAD + "\n\n".join(result_sentences(n_chars)) + "\n"


def table_rows(n_chars: int) -> str:
    rows = (f"Toxicity {i}\t{i % 17 + 2} ({i % 31 + 1}.5%)\t{i % 4} ({i % 7}.5%)" for i in range(n_chars // 36))
    return HEAD + "Table 1 Treatment-related adverse events\nEvent\tAll grades\tGrade 3 or 4\n" + "\n".join(rows) + "\n"


def book_of_abstracts(n_chars: int) -> str:
    abstracts = (f"Abstract {k + 1}\n\nOutcomes of sarcoma therapy, series {k + 1}\n\nResults\n\n"
                 + " ".join(result_sentences(1200, seed=k)) for k in range(max(1, n_chars // 1300)))
    return "Congress abstracts\n\n" + "\n\n".join(abstracts) + "\n"


def _chapter(k: int, pick: random.Random, n_refs: int) -> str:
    first, second = pick.sample(DRUGS, 2)
    subtype = pick.choice(SUBTYPES)

    def ref() -> int:
        return pick.randint(1, n_refs)

    table = "\n".join([
        f"Table {k} Adverse events with {first}",
        "Event\tAny grade, n (%)\tGrade 3-4, n (%)",
        *(f"{event}\t{pick.randint(5, 30)} ({pick.randint(5, 60)}.0)\t{pick.randint(0, 5)} ({pick.randint(0, 9)}.0)"
          for event in EVENTS)])
    return "\n\n".join([
        f"{k}. Chapter {k}: {first} in {subtype}",
        "Introduction",
        f"Advanced {subtype} responds poorly to standard care [{ref()}]. Single-agent {second} gave an objective "
        f"response rate of {pick.randint(5, 30)}% [{ref()}, {ref()}]. The pairing of {first} and {second} was "
        f"studied in a registered phase II trial (NCT0{pick.randint(1000000, 9999999)}), with a median overall "
        f"survival of {pick.randint(8, 30)}.{pick.randint(0, 9)} months ({ref()}).",
        "Methods",
        f"Adults with measurable {subtype} received {first} plus {second} (R{k}X) every three weeks. "
        f"Progression-free survival (PFS) was the primary endpoint.",
        "Results",
        f"We enrolled {pick.randint(30, 120)} patients. The objective response rate was "
        f"{pick.randint(5, 60)}.{pick.randint(0, 9)}% (95% CI {pick.randint(1, 4)}.0-{pick.randint(61, 80)}.0) "
        f"with R{k}X. Median PFS was {pick.randint(2, 12)}.{pick.randint(0, 9)} months with {first}, versus "
        f"{pick.randint(1, 5)}.0 months with placebo (HR 0.{pick.randint(30, 90)}; p = 0.0{pick.randint(1, 4)}). "
        f"Partial responses were seen in {pick.randint(2, 9)} and {pick.randint(2, 9)} patients with {subtype} "
        f"and {pick.choice(SUBTYPES)}, respectively (Table {k}).",
        table,
        f"Figure {k}. Progression-free survival with {first}.",
        "Discussion",
        f"An earlier series of {second} in {subtype} reported a median PFS of {pick.randint(2, 9)}.{pick.randint(0, 9)}"
        f" months [{ref()}]. Grade 3 {pick.choice(EVENTS)} affected {pick.randint(2, 30)}% of patients given "
        f"{first} ({ref()}-{ref()}).",
    ])


def thesis(n_chars: int, seed: int = 5) -> str:
    pick = random.Random(seed)
    n_chapters = max(1, n_chars // 2600)
    n_refs = 4 * n_chapters
    chapters = "\n\n".join(_chapter(k + 1, pick, n_refs) for k in range(n_chapters))
    references = "\n".join(
        f"{i}. Writer{i} A, Author B. Outcomes of {pick.choice(DRUGS)} in {pick.choice(SUBTYPES)}. "
        f"Sarcoma Rep. {2000 + i % 24};{i % 40 + 1}:{i}-{i + 9}." for i in range(1, n_refs + 1))
    return ("Targeted therapy of soft tissue sarcoma: a thesis\n\nAbstract\n\nBackground: sarcomas are rare.\n\n"
            + chapters + "\n\nReferences\n\n" + references + "\n")


def _comma_list(n_chars: int, seed: int, item: Callable[[random.Random], str]) -> tuple[str, random.Random]:
    """Items drawn by `item` joined by commas, about `n_chars` characters in all, and the generator
    (for what the sentence says after the list)."""
    pick = random.Random(seed)
    items: list[str] = []
    size = 0
    while size < n_chars:
        items.append(item(pick))
        size += len(items[-1]) + 2
    return ", ".join(items), pick


def listed_rates(n_chars: int, seed: int = 7) -> str:
    """ONE sentence listing many groups' rates, each with its count (some naming the endpoint again), then
    the whole population's."""

    def group(pick: random.Random) -> str:
        denominator = pick.randint(12, 40)
        numerator = pick.randint(1, denominator)
        where = pick.choice((f"patients with {pick.choice(SUBTYPES)}", f"the {pick.choice(DRUGS)} group",
                             f"those older than {pick.randint(40, 70)} years", f"cohort {pick.randint(1, 9)}"))
        named = pick.choice(("", "", "an ORR of ", "a disease control rate of "))  # the endpoint again, or not
        return f"{named}{round(100 * numerator / denominator)}% ({numerator}/{denominator}) in {where}"

    groups, pick = _comma_list(n_chars, seed, group)
    return HEAD + "The objective response rate was " + groups + f", and {pick.randint(10, 50)}% overall.\n"


def listed_events_by_arm(n_chars: int, seed: int = 9) -> str:
    """ONE sentence listing many adverse events, each with its share in two arms."""

    def event_by_arm(pick: random.Random) -> str:
        event, drug = pick.choice(EVENTS), pick.choice(DRUGS)
        first, second = pick.randint(1, 30), pick.randint(1, 30)
        if pick.randrange(2):
            return f"{event} in {first} ({2 * first}%) patients given {drug} and {second} ({2 * second}%) given placebo"
        return f"{event} ({first}% in the {drug} arm vs {second}% in the control arm)"

    return HEAD + "Severe toxicities (grade 3-4) comprised " + _comma_list(n_chars, seed, event_by_arm)[0] + ".\n"


def listed_graded_events(n_chars: int, seed: int = 3) -> str:
    """ONE sentence listing many events, each with its grade, its count and its share."""

    def graded(pick: random.Random) -> str:
        count = pick.randint(1, 20)
        return f"grade {pick.randint(1, 4)} {pick.choice(EVENTS)} in {count} ({2 * count}%)"

    return HEAD + "Toxic effects were " + _comma_list(n_chars, seed, graded)[0] + ".\n"


def events_versus(n_chars: int, seed: int = 4) -> str:
    """ONE sentence listing many events, each with its two arms' shares side by side."""

    def versus(pick: random.Random) -> str:
        return f"{pick.choice(EVENTS)} ({pick.randint(1, 40)}% vs {pick.randint(1, 40)}%)"

    lead = "Compared with placebo, the commonest adverse events on the drug were "
    return HEAD + lead + _comma_list(n_chars, seed, versus)[0] + ".\n"


def safety_paragraphs(n_chars: int, seed: int = 5) -> str:
    """Paragraphs of safety sentences: graded lists, arm comparisons and single events."""
    pick = random.Random(seed)
    sentences: list[str] = []
    size = 0
    while size < n_chars:
        drug, form = pick.choice(DRUGS), pick.randrange(3)
        if form == 0:
            listed = ", ".join(f"grade 3 {pick.choice(EVENTS)} in {(k := pick.randint(1, 12))} ({3 * k}%)"
                               for _ in range(pick.randint(3, 6)))
            text = f"Under {drug}, treatment-related toxicities were {listed}."
        elif form == 1:
            listed = ", ".join(f"{pick.choice(EVENTS)} ({pick.randint(5, 60)}% vs {pick.randint(1, 30)}%)"
                               for _ in range(4))
            text = f"Frequent toxicities were {listed} in the {drug} and placebo arms."
        else:
            text = (f"Grade 3-4 {pick.choice(EVENTS)} was seen in {pick.randint(1, 20)} patients "
                    f"({pick.randint(2, 40)}%) on {drug}.")
        sentences.append(text)
        size += len(text) + 1
    paragraphs = (" ".join(sentences[k: k + 6]) for k in range(0, len(sentences), 6))
    return HEAD + "Safety\n\n" + "\n\n".join(paragraphs) + "\n"


def cited_sentence(n_chars: int, seed: int = 12) -> str:
    """ONE sentence carrying thousands of reference markers, bracketed and in parentheses."""
    pick = random.Random(seed)
    markers: list[str] = []
    size = 0
    while size < n_chars:
        first = pick.randint(1, 900)
        markers.append(pick.choice((f"[{first}]", f"[{first}-{first + pick.randint(1, 4)}]", f"({first}, {first + 3})",
                                    f"[{first}, {first + 2}, {first + 7}]")))
        size += len(markers[-1]) + 1
    return (HEAD + f"Earlier series of {DRUGS[0]} in {SUBTYPES[0]} gave response rates near 20% "
            + " ".join(markers) + ".\n")


def reference_list(n_chars: int, seed: int = 13) -> str:
    """A short paper followed by a reference list of thousands of entries."""
    pick = random.Random(seed)
    entries: list[str] = []
    size = 0
    while size < n_chars:
        i = len(entries) + 1
        entries.append(f"{i}. Smithson{i} K, Okafor L, Brandt M. {pick.choice(DRUGS).capitalize()} for "
                       f"{pick.choice(SUBTYPES)}: a series. Sarcoma Rev. {1990 + i % 35};{i % 50 + 1}:{i}-{i + 6}.")
        size += len(entries[-1]) + 1
    return HEAD + " ".join(result_sentences(1500)) + " [1, 2]\n\nReferences\n\n" + "\n".join(entries) + "\n"


SHAPES: dict[str, Callable[[int], str]] = {
    "one line": one_line,
    "paragraphs": paragraphs,
    "table rows": table_rows,
    "book of abstracts": book_of_abstracts,
    "thesis": thesis,
    "listed rates": listed_rates,
    "listed events by arm": listed_events_by_arm,
    "listed graded events": listed_graded_events,
    "events versus": events_versus,
    "safety paragraphs": safety_paragraphs,
    "cited sentence": cited_sentence,
    "reference list": reference_list,
}
