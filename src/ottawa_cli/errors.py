"""The library's errors: one root class, each carrying the exit code it ends a command with.

As click's `ClickException` does, an error knows its exit code, so the one place that reports
errors (`cli.exits.reporting_errors`) catches `OttawaError` alone and never needs to know the
modules that raise. The codes are stable and documented in the README: 0 ok; 1 invalid data or
findings; 2 usage error.
"""

from __future__ import annotations

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class OttawaError(Exception):
    """Root of every error the library raises on purpose; `str(error)` is the message."""

    exit_code = EXIT_INVALID

    def details(self) -> list[str]:
        """Lines printed before `Error: …` (the findings of an invalid data file, say)."""
        return []


class UsageError(OttawaError):
    """What the user asked for cannot be answered as asked: exit 2."""

    exit_code = EXIT_USAGE


class PartlyAnswered(OttawaError):
    """Some treaties' data could not be read: the others were answered, and the run fails."""

    exit_code = EXIT_INVALID

    def __init__(self, failed: list[str]) -> None:
        super().__init__(
            f"the data of {', '.join(failed)} could not be read (said above); every other "
            "treaty is answered"
        )


class DataError(OttawaError):
    """The data does not parse or validate: exit 1."""

    exit_code = EXIT_INVALID
