"""Short forms defined for drug combinations resolve to every drug of the combination."""

from __future__ import annotations

from extractors.records import Evidence, Mention
from extractors.regimen_abbreviations import combination_short_forms

TEXT = ("Adults were randomised to epirubicin plus trofosfamide (ET) or to paclitaxel and carboplatin (PC). "
        "The 2-year survival was 70% with ET and 52% with PC. Zanotinib (Z) was given to a third group.")


def _drug(key: str, surface: str) -> Mention:
    start = TEXT.index(surface)
    return Mention("drug", key, key, surface, Evidence("x.txt", "", start, start + len(surface), surface))


def _uses(mentions: list[Mention], short: str) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for m in mentions:
        if m.surface == short:
            found.setdefault(m.evidence.start, set()).add(m.key)
    return found


def test_each_later_use_of_a_combination_short_form_names_all_its_drugs() -> None:
    mentions = [_drug(k, k) for k in ("epirubicin", "trofosfamide", "paclitaxel", "carboplatin")]
    mentions.append(_drug("zanotinib", "Zanotinib"))
    added = combination_short_forms(TEXT, mentions, "x.txt", lambda _: "Results")
    assert list(_uses(added, "ET").values()) == [{"epirubicin", "trofosfamide"}]
    assert list(_uses(added, "PC").values()) == [{"paclitaxel", "carboplatin"}]
    assert all(m.evidence.quote == TEXT[m.evidence.start:m.evidence.end] for m in added)
    assert not _uses(added, "Z")  # one drug: the ordinary abbreviation component's business


def test_short_form_without_a_combination_before_it_is_left_alone() -> None:
    mentions = [_drug("epirubicin", "epirubicin"), _drug("paclitaxel", "paclitaxel")]
    assert combination_short_forms(TEXT, mentions, "x.txt", lambda _: "") == []
