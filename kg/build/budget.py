"""The time one paper may take: a base plus an allowance that grows with the size of its file.

Reading and writing a paper cost time in proportion to its length, so one fixed budget either
kills a long but sound file (a 5 MB thesis or book of abstracts) or lets a pathological short
one hold the build for as long. `kg build` gives each file `base + per_mb x its size in MB`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_BASE_SECONDS = 300.0
"""What any paper may take: about a hundred times an ordinary 50 KB paper on a loaded machine."""
DEFAULT_SECONDS_PER_MB = 120.0
"""What each megabyte of the file adds: several times the measured cost of a megabyte of result
sentences (reading, extraction, graph and store writes), so a busy machine does not fail sound files."""


@dataclass(frozen=True)
class PaperBudget:
    """`base` seconds plus `per_mb` seconds per megabyte (10^6 bytes) of the paper's file."""

    base: float
    per_mb: float = 0.0

    def __post_init__(self) -> None:
        if self.base < 0 or self.per_mb < 0:
            raise ValueError(f"a paper's time budget cannot be negative (base {self.base}, per MB {self.per_mb})")

    def seconds(self, path: Path) -> float:
        """The budget of the file at `path` (the base alone when its size cannot be read)."""
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        return self.base + self.per_mb * size / 1_000_000


Budget = PaperBudget | float | None
"""What build functions accept: a `PaperBudget`, a fixed number of seconds, or None / 0 for no limit."""


def as_budget(budget: Budget) -> PaperBudget | None:
    """`budget` as a `PaperBudget`; None when there is no limit (None, 0 or a zero budget)."""
    if budget is None:
        return None
    if not isinstance(budget, PaperBudget):
        budget = PaperBudget(float(budget))
    return budget if budget.base or budget.per_mb else None
