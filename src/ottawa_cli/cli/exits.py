"""The one place where library errors become a message on stderr and an exit code.

Every error the library raises on purpose derives from `errors.OttawaError` and carries its exit
code (stable, documented in the README: 0 ok; 1 invalid data or findings; 2 usage error), so
nothing here knows which module raised it. Knows nothing of Typer either, so that `ottawa status`
can answer without loading it (see `ottawa_cli.cli.fast`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from ottawa_cli.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, OttawaError

__all__ = [
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "err",
    "message",
    "reader_went_away",
    "reporting_errors",
]


def reporting_errors(body: Callable[[], object]) -> int:
    """Run a command's body; report a library error on stderr and return its exit code."""
    try:
        body()
    except OttawaError as error:
        from ottawa_cli.safe_text import one_line

        for line in error.details():
            err(line)
        err(f"Error: {one_line(message(error))}")
        return error.exit_code
    except BrokenPipeError:
        return reader_went_away()
    return EXIT_OK


def message(error: OttawaError) -> str:
    """The library's message, naming the command line's options where it names a query's
    parts (`errors.Named`)."""
    from ottawa_cli.cli.options import OPTION_NAMES

    return error.worded(OPTION_NAMES.get)


def reader_went_away() -> int:
    """`ottawa list | head -1`: not an error worth a traceback, nor a failure of the command."""
    # What is still buffered is flushed at exit; it now goes nowhere instead of raising again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_OK


def err(message: str) -> None:
    print(message, file=sys.stderr)
