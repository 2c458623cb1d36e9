"""The one grade parser (`extractors.ae_grades`): prose phrases and table header cells read alike."""

import pytest

from extractors.ae_grades import grade_phrase, header_grade, strip_grades
from extractors.ae_tables import grade_of


@pytest.mark.parametrize(("label", "group"), [
    ("Any grade", "any"), ("All grades, n (%)", "any"), ("Total", "any"), ("Overall", "any"),
    ("Grade 1–2", "1-2"), ("Grade 3", "3"), ("Grade 5", "5"), ("Grade III/IV", "3-4"),
    ("G1-2", "1-2"), ("G≥3", ">=3"), ("G>=3", ">=3"), ("≥G3", ">=3"), ("Gr 3-4", "3-4"), ("Gr. 4", "4"),
    ("Grade ≥ 3", ">=3"), ("≥ Grade 3", ">=3"), ("Grade 3 or higher", ">=3"), ("Grade 3+", ">=3"),
    ("Grade 1+", "any"), ("3/4 grade n (%)", "3-4"), ("Grades 4/4", "4"),
])
def test_header_cells(label: str, group: str) -> None:
    assert header_grade(label) == group
    assert grade_of(label) == group  # the table reader asks the same parser


@pytest.mark.parametrize("label", ["Characteristic", "n (%)", "Drug A (n = 40)", "Events", "Glioma G-CSF"])
def test_cells_naming_no_grade(label: str) -> None:
    assert header_grade(label) is None


def test_prose_and_header_agree_where_the_copies_differed() -> None:
    # the old header fallback read "4/4 grade" as the range "4-4" and "grade 3+" as grade 3 alone
    assert header_grade("4/4 grade") == "4"
    assert grade_phrase("grade 3+ toxicities") == header_grade("Grade 3+") == ">=3"
    assert grade_phrase("Gr 3-4 events") == header_grade("Gr 3-4") == "3-4"


def test_strip_grades_leaves_the_event() -> None:
    assert strip_grades("G≥3 mucositis") == "mucositis"
    assert strip_grades("grade 3+ fatigue") == "fatigue"
