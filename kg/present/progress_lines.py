"""Progress of a long build as plain lines, for a standard error that is no terminal (a batch job,
a CI log, `nohup`): the progress bar draws nothing there, and a build of thousands of papers would
say nothing for an hour."""

from __future__ import annotations

import time
from collections.abc import Callable

PROGRESS_LINE_SECONDS = 30.0
"""At most one line per this many seconds (the first after as long)."""


class ProgressLines:
    """Call `update(done, total)` as papers (or `what` else) finish; a line goes to `write` every
    `every` seconds."""

    def __init__(self, write: Callable[[str], None], every: float = PROGRESS_LINE_SECONDS,
                 clock: Callable[[], float] = time.monotonic, what: str = "files", command: str = "kg build") -> None:
        self.write, self.every, self.clock, self.what, self.command = write, every, clock, what, command
        self.started = self.last = clock()

    def update(self, done: int, total: int | None, papers: int | None = None) -> None:
        """`papers`: the papers written so far, when files may hold many (a PubMed export of thousands
        of records is one file: its papers are the progress while it is read)."""
        now = self.clock()
        if now - self.last < self.every or (done <= 0 and not papers):
            return
        self.last = now
        elapsed = now - self.started
        counted = f"{done}/{total}" if total else f"{done}"
        line = f"{self.command}: {counted} {self.what} done"
        if papers is not None and papers != done:
            line += f" ({papers:,} papers written)"
        line += f", {_duration(elapsed)} elapsed"
        if total and 0 < done < total:
            line += f", about {_duration(elapsed / done * (total - done))} left"
        self.write(line)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"
