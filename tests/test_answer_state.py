"""Joining papers' parts into an outcome row (kg/build/answer_state.py): order-free, idempotent, and
the cells the outcome question shows."""

from __future__ import annotations

import itertools

import pytest

from kg.build.answer_state import (
    CELLS,
    PART_FIELDS,
    RECORD_SEPARATOR,
    UNIT_SEPARATOR,
    PartError,
    RowState,
    cells,
    decode,
    encode,
    join,
    join_all,
    packed,
    parse_part,
    unpack,
)

ROW = "https://example.org/claim/1"


def part(**fields: list[str | None]) -> str:
    """A part's text: every field of PART_FIELDS (unbound unless given), values encoded."""
    values = [RECORD_SEPARATOR.join(encode(v) for v in fields.get(name, [None])) for name in PART_FIELDS]
    return UNIT_SEPARATOR.join([ROW, *values])


FIRST = part(endpoint=["ORR"], value=["41.5"], number=["41.5"], unit=["%"], n=["12", "9"], population=["LMS"],
             scope=["cited"], publication=["https://doi.org/10.1/a"], paper=["Okafor 2021"],
             cited_work=["Berg 2019"], quote=["00|An ORR of 41.5% was seen.", "01|Five of 12 (41.5%) responded."],
             source_file=["a.txt"], selector=["ORR LMS", "* *"])
SECOND = part(endpoint=["ORR"], value=["41.50"], number=["41.50"], unit=["%"], n=["10"], ci_low=["20.1"],
              population=["LMS", "UPS"], scope=["cited"], publication=["https://doi.org/10.1/b"],
              paper=["Alvarez 2022"], cited_work=[""], quote=["11|ORR 41.5% (95% CI 20.1-60.2; n = 10)."],
              source_file=["b.txt"], selector=["ORR UPS", "* *"])
SAME_PAPER_AGAIN = part(endpoint=["ORR"], value=["41.5"], number=["41.5"], scope=["cited"],
                        publication=["https://doi.org/10.1/a"], paper=["Okafor 2021"], quote=["00|Again."],
                        source_file=["a copy.txt"], selector=["ORR LMS"])


def states(*texts: str) -> list[RowState]:
    return [parse_part(text)[1] for text in texts]


def test_a_part_names_its_row_and_keeps_one_smallest_value_and_every_listed_one() -> None:
    row, state = parse_part(FIRST)
    assert row == ROW
    assert state.one["endpoint"] == "ORR" and state.one["regimen"] is None
    assert state.listed["n"] == {"12", "9"} and state.quote == "01|Five of 12 (41.5%) responded."


def test_joining_is_order_free_and_idempotent() -> None:
    parts = states(FIRST, SECOND, SAME_PAPER_AGAIN)
    whole, *others = [join_all(order) for order in itertools.permutations(parts)]
    assert all(other == whole for other in others)
    assert all(join(whole, p) == whole for p in parts)
    assert join(None, parts[0]) == parts[0]


def test_cells_list_sorted_values_count_publications_and_show_the_most_detailed_quote() -> None:
    shown = cells(join_all(states(SECOND, FIRST, SAME_PAPER_AGAIN)))
    assert shown["n"] == "9/10/12"  # numbers in numeric order
    assert shown["population"] == "LMS|UPS"
    assert shown["papers"] == "2"  # two publications, though three files
    assert shown["source_file"] == "a copy.txt; a.txt; b.txt"
    assert shown["cited_work"] == "Berg 2019"  # a measurement without a work adds nothing
    assert shown["quote"] == "ORR 41.5% (95% CI 20.1-60.2; n = 10)."
    assert shown["value"] == "41.5" and shown["number"] == "41.5"
    assert shown["ci_low"] == "20.1" and shown["ci_high"] == "" and shown["regimen"] is None


def test_the_larger_number_wins_by_value_not_by_text() -> None:
    low = part(number=["9.5"], publication=["p1"])
    high = part(number=["10"], publication=["p2"])
    assert cells(join_all(states(low, high)))["number"] == "10"


def test_values_with_separators_and_percent_signs_survive_packing() -> None:
    awkward = f"50% {UNIT_SEPARATOR}odd{RECORD_SEPARATOR} %25 text"
    assert decode(encode(awkward)) == awkward and decode(encode(None)) is None
    shown = cells(join_all(states(part(quote=[f"00|{awkward}"], publication=["p"]))))
    fields = unpack(packed(ROW, shown))
    assert fields[0] == ROW and awkward in fields and None in fields


@pytest.mark.parametrize("text", ["", "\u001a", "\u001ae", "\u001au", "\u001ax", "a\u001fb", "\u001a\u001f",
                                  "x\u001a\u001au\u001f", "50%", "%25", "plain text"])
def test_every_cell_text_survives_the_packed_row(text: str) -> None:
    row_cells = dict.fromkeys(CELLS, text) | {"number": None}
    for unbound in (None, ""):
        fields = unpack(packed(ROW, row_cells), unbound)
        assert fields[0] == ROW and len(fields) == len(CELLS) + 1
        assert fields[1:] == [unbound if name == "number" else text for name in CELLS]


def test_a_row_without_escapes_is_read_by_one_split() -> None:
    text = packed(ROW, dict.fromkeys(CELLS, "ORR") | {"subgroup": None, "unit": "%"})
    assert "\u001a" not in text and text.split("\u001f") == unpack(text, "")
    assert unpack(text)[CELLS.index("subgroup") + 1] is None


def test_a_state_survives_its_json_form() -> None:
    state = join_all(states(FIRST, SECOND))
    assert RowState.from_json(state.to_json()) == state


def test_malformed_parts_and_states_are_named() -> None:
    with pytest.raises(PartError, match="fields"):
        parse_part(f"{ROW}{UNIT_SEPARATOR}ORR")
    with pytest.raises(PartError, match="state"):
        RowState.from_json("{not json")
    with pytest.raises(PartError, match="decimal"):
        join_all(states(part(number=["12"]), part(number=["twelve"])))


def test_empty_and_unbound_cells_need_no_decoding_in_the_frame() -> None:
    row_cells = dict.fromkeys(CELLS, "ORR") | {"ci_low": "", "ci_high": "", "subgroup": None}
    text = packed(ROW, row_cells)
    assert "\u001a" in text  # an empty text is escaped, to tell it from an unbound cell
    fields = unpack(text, "")
    assert fields[1:] == [row_cells[name] or "" for name in CELLS]
    assert unpack(text)[CELLS.index("ci_low") + 1] == "" and unpack(text)[CELLS.index("subgroup") + 1] is None
