"""Errors of the kg package: a small hierarchy whose messages tell the user what to do.

The CLI prints `error: <message>` and exits 2 for any `KgError`; validation failures are not
errors (they are a report, exit 1).
"""

from __future__ import annotations


class KgError(Exception):
    """Base class: something the user can act on (the message says what)."""


class StoreError(KgError):
    """The store cannot be opened, read or written (missing, locked, corrupt, disk full)."""


class QueryError(KgError):
    """A SPARQL query or one of its parameters is invalid."""


class InputError(KgError):
    """The inputs of a command are unusable (no files to build, unknown format, bad option)."""


class BuildError(KgError):
    """Records could not be turned into triples."""


class ViewError(KgError):
    """The HTML view could not be written safely (e.g. a remote resource would remain)."""


class OutputError(KgError):
    """A result file or folder could not be written."""
