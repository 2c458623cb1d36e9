"""The result statement shapes (extractors/result_patterns.py) on sentences written for these tests."""

import pytest

from extractors.result_patterns import SHAPES, statement_matches


def slots(sentence: str, shape: str) -> list[dict[str, str]]:
    return [{k: sentence[a:b] for k, (a, b) in m.slots.items()} for m in statement_matches(sentence, shape)]


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.description.split(":")[0])
def test_every_shape_reads_its_own_example(shape) -> None:
    found = [m for m in statement_matches(shape.example, shape.name) if SHAPES[m.variant] is shape]
    assert found, shape.example


@pytest.mark.parametrize("sentence, expected", [
    ("Seven of 20 patients with angiosarcoma (35%) responded.", {"x": "Seven", "n": "20", "p": "35"}),
    ("Responses occurred in 6 out of the 24 evaluable patients (25·0%).", {"x": "6", "n": "24", "p": "25·0"}),
    ("Twenty-one of 60 (35 %) had stable disease.", {"x": "Twenty-one", "n": "60", "p": "35"}),
    ("in one hundred and two of 300 patients (34%)", {"x": "one hundred and two", "n": "300", "p": "34"}),
    ("seen in myxoid liposarcoma (2 of 8, 25%)", {"x": "2", "n": "8", "p": "25"}),
    ("Three (15%) of the 20 patients responded.", {"x": "Three", "p": "15", "n": "20"}),
    ("The ORR was 30% (n=6/20).", {"p": "30", "x": "6", "n": "20"}),
    ("The DCR was 45% (n = 9 / 20).", {"p": "45", "x": "9", "n": "20"}),
    ("The ORR was 10% (2 out of 20).", {"p": "10", "x": "2", "n": "20"}),
    ("Two patients responded (10%).", {"x": "Two", "p": "10"}),
    ("Two patients achieved a durable partial response (10%).", {"x": "Two", "p": "10"}),
    ("Two (10%) patients responded.", {"x": "Two", "p": "10"}),
    ("Two (10%) experienced objective responses.", {"x": "Two", "p": "10"}),
    ("the rate was 12% (3/25).¹⁴", {"p": "12", "x": "3", "n": "25"}),
])
def test_responder_shapes(sentence: str, expected: dict[str, str]) -> None:
    assert slots(sentence, "responders") == [expected]


@pytest.mark.parametrize("sentence", [
    "Seven of 20 patients with angiosarcoma responded.",  # no percent: no rate
    "Two patients had hypertension (10%).",  # had something, not a response
    "The dose was 3.5 of 10 mg (20%).",  # a decimal is no count
    "Of 20 patients, 35% responded.",  # the percent is not tied to a count
])
def test_no_responder_shape(sentence: str) -> None:
    assert slots(sentence, "responders") == []


def test_words_that_spell_no_one_number_are_not_one_count() -> None:
    assert [s["x"] for s in slots("One and two of 20 patients (10%) were treated.", "responders")] == ["two"]


def test_an_earlier_shape_wins_an_overlap() -> None:
    # "(4 of 10, 40%)" is read once, as a parenthesised count, not also as "4 of 10 ... (40%"
    found = statement_matches("Responses in two cohorts (4 of 10, 40%) were confirmed.", "responders")
    assert len(found) == 1 and found[0].variant == 1


@pytest.mark.parametrize("sentence, expected", [
    ("We recorded one complete and seven partial responses.",
     {"x1": "one", "c1": "complete", "x2": "seven", "c2": "partial"}),
    ("There were 2 partial remissions, 5 stable disease.", {"x1": "2", "c1": "partial", "x2": "5", "c2": "stable"}),
])
def test_category_list(sentence: str, expected: dict[str, str]) -> None:
    assert slots(sentence, "category_list") == [expected]


@pytest.mark.parametrize("sentence", [
    "We recorded one complete response.",
    "Complete and partial responses were pooled.",
    "one complete and seven incomplete cycles",
])
def test_no_category_list(sentence: str) -> None:
    assert slots(sentence, "category_list") == []


def test_offsets_are_relative_to_the_sentence_span() -> None:
    import spacy

    nlp = spacy.blank("en")
    doc = nlp("Background first. Then 3 of 12 patients (25%) responded.")
    sentence = doc[3:]
    [m] = statement_matches(sentence, "responders")
    assert sentence.text[m.slot_start("x") : m.slot_end("x")] == "3"
    assert sentence.text[m.start : m.end] == "3 of 12 patients (25%"


def test_sentence_without_cue_is_not_matched() -> None:
    assert statement_matches("Median follow-up was 14 months.") == []


@pytest.mark.parametrize("sentence, n", [
    ("None of the 6 patients with chordoma responded.", "6"),
    ("none of twelve had a response", "twelve"),
    ("No objective responses were seen among the 9 patients with chordoma.", "9"),
    ("There were no confirmed responders in all 14 patients.", "14"),
])
def test_zero_responder_anchor(sentence: str, n: str) -> None:
    assert slots(sentence, "zero") == [{"n": n}]


@pytest.mark.parametrize("sentence", [
    "None of these events were serious.",  # no count after "none of"
    "No responses were seen in the placebo arm.",  # no group size
    "No new safety signal emerged in 12 patients after many cycles of treatment.",  # not a response
])
def test_no_zero_responder_anchor(sentence: str) -> None:
    assert slots(sentence, "zero") == []


def test_zero_anchor_reads_the_nearest_group() -> None:
    # lazy: the first "in" followed by a count, not a later one
    assert slots("no responses were seen in 3 in 5 patients", "zero") == [{"n": "3"}]


@pytest.mark.parametrize("sentence, expected", [
    ("Partial responses in chordoma (2 of 7) were durable.", [{"x": "2", "n": "7"}]),
    ("responses in ES (three out of ten cases) and in OS (1 / 8)", [{"x": "three", "n": "ten"}, {"x": "1", "n": "8"}]),
])
def test_paren_count(sentence: str, expected: list[dict[str, str]]) -> None:
    assert slots(sentence, "paren_count") == expected


@pytest.mark.parametrize("sentence", [
    "responses in chordoma (2 of 7 were partial)",  # the parenthesis goes on
    "as described before (one of the first reports)",  # "the first" is no group size
])
def test_no_paren_count(sentence: str) -> None:
    assert slots(sentence, "paren_count") == []


def count_after(sentence: str, category: str) -> str | None:
    from extractors.result_patterns import matches_at

    end = sentence.index(category) + len(category)
    found = matches_at(sentence, "after_category", end)
    return sentence[found[0].slot_start("x") : found[0].slot_end("x")] if found else None


@pytest.mark.parametrize("sentence, category, count", [
    ("Partial response (PR) was recorded in 4 patients.", "Partial response", "4"),
    ("Partial response was recorded in 4 patients.", "Partial response", "4"),
    ("stable disease in another 9", "stable disease", "9"),
    ("stable disease in twenty-one patients", "stable disease", "twenty-one"),
    ("Stable disease (n = 11) was common.", "Stable disease", "11"),
    ("Stable disease (n=11) was common.", "Stable disease", "11"),
    ("Complete response was seen in 5.0% (2/40) of patients.", "Complete response", "2"),
    ("Complete response in 5·0% (n = 2 / 40).", "Complete response", "2"),
])
def test_count_after_a_category(sentence: str, category: str, count: str) -> None:
    assert count_after(sentence, category) == count


@pytest.mark.parametrize("sentence, category", [
    ("Partial response in 12 months.", "Partial response"),  # a duration, not patients
    ("Partial response in 12% of them.", "Partial response"),  # a share, no count
    ("Partial response in 3 of 5 patients.", "Partial response"),  # "3 of 5" is a responder statement
    ("Partial response in 3.5 months.", "Partial response"),
    ("Partial response was assessed by investigators in each of the centres.", "Partial response"),
    ("Patients with stable disease were assigned in a 2:1 ratio.", "stable disease"),  # a ratio is no count
])
def test_no_count_after_a_category(sentence: str, category: str) -> None:
    assert count_after(sentence, category) is None


def test_count_after_reads_from_the_mention_not_earlier() -> None:
    sentence = "Disease control in 20 patients, partial response in 3."
    assert count_after(sentence, "partial response") == "3"


def test_a_line_break_inside_a_shape_is_only_a_space() -> None:
    sentence = "Responses occurred in 7 of\n20  patients with chordoma\n(35%)."
    [m] = statement_matches(sentence, "responders")
    assert (sentence[m.slot_start("x") : m.slot_end("x")], sentence[m.slot_start("n") : m.slot_end("n")]) == ("7", "20")
    assert sentence[m.slot_start("p") : m.slot_end("p")] == "35"


@pytest.mark.parametrize("sentence, expected", [
    ("Partial responses: 2 PR/11 in chordoma.", [{"x": "2", "category": "PR", "n": "11"}]),
    ("1PR out of 9 in chondrosarcoma", [{"x": "1", "category": "PR", "n": "9"}]),
    ("4 CRs of 20 and 3 SD / 20", [{"x": "4", "category": "CRs", "n": "20"}, {"x": "3", "category": "SD", "n": "20"}]),
    ("No responses: 0/11 in chordoma, 0 / 7 ES.", [{"x": "0", "n": "11"}, {"x": "0", "n": "7"}]),
])
def test_compact_count(sentence: str, expected: list[dict[str, str]]) -> None:
    assert sorted(slots(sentence, "compact_count"), key=str) == sorted(expected, key=str)


@pytest.mark.parametrize("sentence", [
    "The dose was 2 mg/10 kg.",  # no category between the numbers
    "Scores of 0/10 were recorded.",  # "0/10" not before a group
    "2 pr/10 in chordoma",  # categories are printed in capitals
])
def test_no_compact_count(sentence: str) -> None:
    assert slots(sentence, "compact_count") == []


def test_zero_responder_list_items() -> None:
    from extractors.result_grammar import zero_responders

    sentence = "No responses were seen among the 9 patients with chordoma or the 4 with ES nor in the 3 cases with OS."
    assert [s.total for s in zero_responders(sentence)] == [9, 4, 3]


def test_a_list_stops_at_a_count_that_names_no_group() -> None:
    from extractors.result_grammar import zero_responders

    sentence = "None of the 7 with chordoma, or 2 of them, or the 5 with ES responded."
    assert [s.total for s in zero_responders(sentence)] == [7]


@pytest.mark.parametrize("sentence, group", [
    ("No objective responses were observed in the placebo arm.", "the placebo arm"),
    ("no responses among the ifosfamide+etoposide arm", "the ifosfamide+etoposide arm"),
    ("No confirmed responders were seen in the low dose cohorts and the rest.", "the low dose cohorts"),
])
def test_zero_in_a_named_group(sentence: str, group: str) -> None:
    [m] = statement_matches(sentence, "zero_group")
    assert sentence[m.slot_start("group") : m.end] == group


@pytest.mark.parametrize("sentence", [
    "No responses were observed in 12 patients.",  # a count, read by the zero shapes, not a named group
    "Responses were observed in the placebo arm.",  # not "no"
    "No new safety signals were seen in the control arm.",  # no response word
])
def test_no_zero_in_a_named_group(sentence: str) -> None:
    assert statement_matches(sentence, "zero_group") == []


@pytest.mark.parametrize("tail, category", [
    (", all partial.", "PR"), ("), all of them complete", "CR"), (", with all the responses being partial", "PR"),
    (", all responders partial", "PR"), (", all patients partial", ""), (", mostly partial", ""),
])
def test_all_of_one_category(tail: str, category: str) -> None:
    from extractors.result_grammar import all_of_category

    sentence = "Responses occurred in 6 of 30 patients (20%" + tail
    assert all_of_category(sentence, sentence.index("%") + 1) == category


@pytest.mark.parametrize("sentence, total", [
    ("Of the 30 evaluable patients, 16 (53%) responded.", 30),
    ("Among all 12 well-differentiated cases, four patients responded (33%).", 12),
    ("Of the 40 patients with 2 prior lines, 10 (25%) responded.", None),  # a number stands between
    ("Of 8 patients, 10 (50%) responded.", None),  # a total below the count is no total
])
def test_group_size_printed_before_the_count(sentence: str, total: int | None) -> None:
    from extractors.result_grammar import responder_statements

    [s] = responder_statements(sentence)
    assert s.total == total



@pytest.mark.parametrize("sentence, values", [
    ("The 9-month OS rate was 61%.", [("9 months",)]),
    ("A twenty-four-month survival of 30% was seen.", [("24 months",)]),
    ("Patients free of progression at 1 yr were 4.", [("1 year",)]),  # abbreviated units after "at" too
    ("We saw 3 months PFS in 40% of them.", [("3 months",)]),
    ("OS was 70% and 55% at 1 and 2 years.", [("1 year", "2 years")]),
    ("Rates at 4 weeks, 8 weeks, and 16 weeks were 90%, 80% and 50%.", [("4 weeks", "8 weeks", "16 weeks")]),
    ("Treatment went on for up to 18 months.", [("18 months",)]),
    ("The 3-, 6- or 9-month rates were 80%, 60% and 40%.", [("3 months", "6 months", "9 months")]),
    ("Two-, four- and six-year rates were 80%, 60% and 40%.", [("2 years", "4 years", "6 years")]),
    ("Scans were read at cycle 4 and at week 16.", [("4 cycles",), ("16 weeks",)]),
    ("The PFR6 months was 52% and the OS24wks 90%.", [("6 months",), ("24 weeks",)]),
])
def test_timepoints(sentence: str, values: list[tuple[str, ...]]) -> None:
    from extractors.measurements import scan_timepoints

    assert [t.values for t in scan_timepoints(sentence)] == values


@pytest.mark.parametrize("sentence", [
    "Median PFS was 2.5 months.",  # a duration, not a timepoint
    "Responses lasted 6 months or longer.",  # a space before the unit and no endpoint after it
    "A 1.5-month delay was seen.",  # a decimal is no timepoint count
    "Survival at 1.5 years was 70%.",  # nor after "at"
    "Dosing at weeks 2 and 4 was reduced.",  # "at week N" takes one number
    "Responses were durable in 6 of 8 patients.",  # no unit word: not matched at all
])
def test_no_timepoint(sentence: str) -> None:
    from extractors.measurements import scan_timepoints

    assert scan_timepoints(sentence) == []


def test_timepoint_offsets_and_the_earlier_reading_wins() -> None:
    from extractors.measurements import scan_timepoints

    sentence = "OS at 6 and 12 months was 80% and 65%; the PFR12 weeks was 40%."
    found = scan_timepoints(sentence)
    assert [sentence[t.start : t.end] for t in found] == ["at 6 and 12 months", "12 weeks"]


@pytest.mark.parametrize("sentence, expected", [
    ("The PFR12 weeks was 44%.", [("PFS_rate", "PFR")]),
    ("OS24wks reached 90% and PFS6 months 52%.", [("OS_rate", "OS"), ("PFS_rate", "PFS")]),
    ("The pfr12 weeks was 44%.", []),  # the name is printed in capitals
    ("The PFR12 Weeks was 44%.", []),  # and the unit in lower case
    ("The ORR12 weeks was 20%.", []),  # a response rate has no glued timepoint name here
    ("The PFR 12 weeks was 44%.", []),  # not glued: the timepoint is read as a duration or by "at"
])
def test_rates_named_with_a_glued_timepoint(sentence: str, expected: list[tuple[str, str]]) -> None:
    from extractors.measurements import glued_rates

    assert [(key, sentence[a:b]) for key, a, b in glued_rates(sentence)] == expected
