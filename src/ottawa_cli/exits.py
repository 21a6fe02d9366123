"""Exit codes, and the one place where library errors become a message on stderr and a code.

Stable and documented in the README: 0 ok; 1 invalid data or findings; 2 usage error (unknown
State, bad date, unreadable file). Knows nothing of Typer, so that `ottawa status` can answer
without loading it (see `ottawa_cli.entry`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

# More findings than this on stderr drown the message; `ottawa check` prints them all.
_SHOWN_FINDINGS = 20


def reporting_errors(body: Callable[[], object]) -> int:
    """Run a command's body; report a library error on stderr and return its exit code."""
    from ottawa_cli.loader import DataFileError, InvalidData
    from ottawa_cli.lookup import AmbiguousState, UnknownState
    from ottawa_cli.rules import BeforeTheTreaty, OutOfCalendar
    from ottawa_cli.text import safe

    try:
        body()
    except InvalidData as error:
        for finding in error.findings[:_SHOWN_FINDINGS]:
            field = f" [{finding.field}]" if finding.field else ""
            err(f"{finding.location()}: {finding.code}{field} {safe(finding.message)}")
        if len(error.findings) > _SHOWN_FINDINGS:
            more = len(error.findings) - _SHOWN_FINDINGS
            err(f"... and {more} more; run `ottawa check` for all")
        err("Error: the data file is invalid")
        return EXIT_INVALID
    except (UnknownState, AmbiguousState, OutOfCalendar, BeforeTheTreaty, DataFileError) as error:
        err(f"Error: {safe(str(error))}")
        return EXIT_USAGE
    except BrokenPipeError:
        return reader_went_away()
    return EXIT_OK


def reader_went_away() -> int:
    """`ottawa list | head -1`: not an error worth a traceback, nor a failure of the command."""
    # What is still buffered is flushed at exit; it now goes nowhere instead of raising again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_OK


def err(message: str) -> None:
    print(message, file=sys.stderr)
