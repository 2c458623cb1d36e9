"""One place where every failure of a `kg` command becomes one line on stderr and exit status 2.

`GuardedGroup` is the Typer group class of the `kg` app: whatever a command raises (a `KgError`,
a usage mistake click reports, an unreadable file, text that is not UTF-8) is printed as
`error: ...` on one line, control characters escaped, and the command exits 2. An unexpected
exception is reported the same way, naming its type; `SARCOMA_KG_DEBUG=1` shows the traceback.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer import _click as click  # the click that Typer runs on (Typer vendors it)
from typer.core import TyperGroup
from typer.exceptions import Abort, Exit

from kg.core.errors import KgError
from kg.core.safe_text import safe_text

DEBUG_ENV = "SARCOMA_KG_DEBUG"
INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C
PIPE_CLOSED = 141  # as a shell reports a command stopped by SIGPIPE


def _line(message: str) -> str:
    return " ".join(safe_text(message).split())


def error_message(exc: BaseException) -> str:
    """The one line a user sees for an exception raised by a command."""
    if isinstance(exc, KgError):
        return str(exc)
    if isinstance(exc, click.exceptions.UsageError):
        where = f"{exc.ctx.command_path}: " if exc.ctx is not None else ""
        hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
        return f"{where}{exc.format_message()}{hint}"
    if isinstance(exc, UnicodeError):
        return f"text that is not valid UTF-8 ({exc})"
    if isinstance(exc, OSError):
        name = f"{exc.filename}: " if exc.filename else ""
        return f"{name}{exc.strerror or exc}"
    return f"unexpected {type(exc).__name__}: {exc} (set {DEBUG_ENV}=1 for the traceback)"


def fail(exc: BaseException) -> Exit:
    typer.echo(f"error: {_line(error_message(exc))}", err=True)
    return Exit(2)


class GuardedGroup(TyperGroup):
    """A Typer group whose commands never end in a traceback (see the module docstring)."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:  # options of `kg` itself (the commands' own are parsed in `invoke`)
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.exceptions.UsageError as exc:
            raise fail(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (Exit, Abort, click.exceptions.NoArgsIsHelpError):
            raise
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise Exit(INTERRUPTED) from None
        except BrokenPipeError:  # the reader went away (`kg sparql ... | head`): stop quietly, as `cat` does
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the exit's flush must not fail again
            raise Exit(PIPE_CLOSED) from None
        except click.exceptions.ClickException as exc:
            raise fail(exc) from None
        except Exception as exc:
            if os.environ.get(DEBUG_ENV) and not isinstance(exc, KgError):
                raise
            raise fail(exc) from None

