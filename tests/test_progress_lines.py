"""Plain progress lines of `kg build` when standard error is no terminal (kg/present/progress_lines.py)."""

from __future__ import annotations

from kg.present.progress_lines import ProgressLines


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_line_at_most_every_period_with_the_time_left() -> None:
    clock, written = FakeClock(), []
    lines = ProgressLines(written.append, every=30, clock=clock)
    clock.now += 10
    lines.update(5, 100)
    assert written == []  # too soon: a short build prints nothing
    clock.now += 50  # 60 s in, 20 of 100 done
    lines.update(20, 100)
    assert written == ["kg build: 20/100 files done, 1m00s elapsed, about 4m00s left"]
    clock.now += 5
    lines.update(21, 100)
    assert len(written) == 1
    clock.now += 3600
    lines.update(100, 100)
    assert written[-1] == "kg build: 100/100 files done, 1h01m elapsed"  # done: no time left to guess


def test_an_unknown_total_gives_the_count_alone() -> None:
    clock, written = FakeClock(), []
    lines = ProgressLines(written.append, every=1, clock=clock)
    clock.now += 2
    lines.update(3, None)
    assert written == ["kg build: 3 files done, 0m02s elapsed"]


def test_lines_name_what_they_count() -> None:
    clock, written = FakeClock(), []
    lines = ProgressLines(written.append, every=1, clock=clock, what="shared answer rows")
    clock.now += 2
    lines.update(1000, 4000)
    assert written == ["kg build: 1000/4000 shared answer rows done, 0m02s elapsed, about 0m06s left"]


def test_lines_name_their_command() -> None:
    clock, written = FakeClock(), []
    lines = ProgressLines(written.append, every=1, clock=clock, what="papers", command="kg tables, outcomes.csv")
    clock.now += 4
    lines.update(50, 200)
    assert written == ["kg tables, outcomes.csv: 50/200 papers done, 0m04s elapsed, about 0m12s left"]


def test_a_file_of_many_papers_shows_the_papers_written_while_it_is_read() -> None:
    clock, written = FakeClock(), []
    lines = ProgressLines(written.append, every=30, clock=clock)
    clock.now += 40
    lines.update(0, 1, papers=2400)  # one PubMed export, 2,400 of its records written so far
    assert written == ["kg build: 0/1 files done (2,400 papers written), 0m40s elapsed"]
    clock.now += 40
    lines.update(3, 3, papers=3)  # one paper a file: the count says nothing more
    assert written[-1] == "kg build: 3/3 files done, 1m20s elapsed"
