"""N-Triples term text written directly (kg.core.nt) must be exactly what pyoxigraph prints and parses."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.core import nt
from kg.core.errors import BuildError
from ontology.namespace import SKG


@pytest.mark.parametrize("text", [
    "plain words", 'a "quoted" word', "back\\slash", "line\nbreak\tand tab\r", "\b\f", "nul \x00 and \x1f and \x7f",
    "µ ≥ 5 — “curly” \u2028", "",
])
def test_literal_is_oxigraphs_own_text(text: str) -> None:
    assert nt.literal(text) == str(ox.Literal(text))


def test_every_control_and_latin_character_escapes_like_oxigraph() -> None:
    for code in range(0x0, 0x250):
        char = chr(code)
        assert nt.literal(f"x{char}y") == str(ox.Literal(f"x{char}y")), hex(code)


def test_typed_literals_parse_back_to_their_values() -> None:
    store = ox.Store()
    data = "\n".join([
        f"<http://example.org/s> <http://example.org/n> {nt.integer(42)} .",
        f"<http://example.org/s> <http://example.org/d> {nt.decimal('17.60')} .",
        f"<http://example.org/s> <http://example.org/y> {nt.year(2019)} .",
        f"<http://example.org/s> <http://example.org/b> {nt.TRUE} .",
    ])
    store.load(data.encode(), format=ox.RdfFormat.N_TRIPLES)
    values = {q.predicate.value.rsplit("/", 1)[1]: q.object for q in store}
    assert values["n"] == ox.Literal("42", datatype=ox.NamedNode(nt.XSD + "integer"))
    assert values["d"] == ox.Literal("17.6", datatype=ox.NamedNode(nt.XSD + "decimal"))
    assert values["y"].value == "2019" and values["b"].value == "true"


def test_not_a_number_or_year_gives_no_literal() -> None:
    assert nt.decimal("not reached") is None
    assert nt.year(None) is None and nt.year(99) is None


def test_bad_iri_is_refused_with_the_value_named() -> None:
    assert nt.iri("https://example.org/a%20b") == "<https://example.org/a%20b>"
    with pytest.raises(BuildError, match="a b"):
        nt.iri("https://example.org/a b")


def test_vocabulary_gives_iri_text_and_refuses_misspelt_terms() -> None:
    skg = nt.Vocabulary(SKG)
    assert skg.quote == f"<{SKG.quote}>"
    assert skg.quote is skg.quote  # looked up once, then a plain attribute
    with pytest.raises(AttributeError):
        skg.quotte  # noqa: B018 - a typo must fail at once
