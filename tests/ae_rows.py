"""What the AE prose tests compare: the adverse events one sentence gives, as (term, grade, n, percent) rows."""

from extractors.ae_prose import sentence_adverse_events


def ae_rows(text: str, **options: object) -> list[tuple]:
    """(term, grade, n, percent) of each adverse event `sentence_adverse_events` reads in `text`."""
    return [(a.term, a.grade, a.n, a.percent) for a in sentence_adverse_events(text, **options)]
