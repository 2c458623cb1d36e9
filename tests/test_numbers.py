"""One reading of printed numbers for the graph, claim keys, checks and plots."""

from __future__ import annotations

from decimal import Decimal

from kg.core.iris import value_key
from kg.core.numbers import canonical_decimal, is_not_reached, printed_decimal


def test_printed_precision_is_kept_and_non_numbers_are_none() -> None:
    assert printed_decimal("16.50").as_tuple().exponent == -2
    assert printed_decimal("37 %") == Decimal(37) and printed_decimal("\u22120.5") == Decimal("-0.5")
    for text in ("NR", "5 to 20", "<10", "", None, "1e5", "NaN"):
        assert printed_decimal(text) is None, text
    assert canonical_decimal("17.60") == "17.6" and canonical_decimal("2.0") == "2"


def test_not_reached_spellings_agree_everywhere() -> None:
    for text in ("NR", "n.r.", "N/R", "not reached"):
        assert is_not_reached(text) and value_key(text) == "nr"
    assert value_key("37.0") == value_key("37 %") == "37"
