"""Numbers as papers print them, read one way for the graph, the claim keys, the checks and the plots.

A printed value is one plain decimal ("82.1", "−0.5", "37 %") or not a number at all ("NR",
"5 to 20", "<10"). `printed_decimal` keeps the printed precision ("16.50" stays 16.50: the checks
need it); `canonical_decimal` is the form the graph stores ("17.60" -> "17.6", "2.0" -> "2").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
NOT_REACHED = frozenset({"nr", "n.r.", "n/r", "not reached"})


def printed_decimal(text: str | None) -> Decimal | None:
    """The number a cell or value prints (a trailing % allowed), at its printed precision; else None."""
    text = (text or "").strip().replace("\u2212", "-").rstrip("%").strip()
    if not PLAIN_NUMBER.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def canonical_decimal(text: str | None) -> str | None:
    """'17.60' -> '17.6', '2.0' -> '2', '.5' -> '0.5'; None when the text is not one plain number."""
    value = printed_decimal(text)
    if value is None:
        return None
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def is_not_reached(text: str | None) -> bool:
    """"NR", "n.r.", "not reached" (a median the follow-up did not reach)."""
    return (text or "").strip().lower() in NOT_REACHED
