"""The library's errors: one root class, each carrying the exit code it ends a command with.

As click's `ClickException` does, an error knows its exit code, so the one place that reports
errors (`cli.exits.reporting_errors`) catches `OttawaError` alone and never needs to know the
modules that raise. The codes are stable and documented in the README: 0 ok; 1 invalid data or
findings; 2 usage error.
"""

from __future__ import annotations

from collections.abc import Callable

# `typing` is not imported at run time on `ottawa status`'s path (`ottawa_cli.records`).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from ottawa_cli.records import Record

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class Named(Record):
    """A part of a query a message names (`since`, `as_at`): how it is called is the front end's
    to say (`--since` on the command line), so the library names no option of its own."""

    field: str
    # How the library says it, where not the field's own name.
    said: str | None = None


class OttawaError(Exception):
    """Root of every error the library raises on purpose; `str(error)` is the message, in the
    library's words; `worded` gives it in a front end's."""

    exit_code = EXIT_INVALID

    def __init__(self, *message: str | Named) -> None:
        self.parts = message
        super().__init__("".join(p if isinstance(p, str) else p.said or p.field for p in message))

    def worded(self, name: Callable[[str], str | None]) -> str:
        """The message, with each query part it names called as `name` calls it (None: as the
        library does); a message that names none is `str(error)`."""
        parts = getattr(self, "parts", ())
        if not any(isinstance(p, Named) for p in parts):
            return str(self)
        return "".join(
            p if isinstance(p, str) else (name(p.field) or p.said or p.field) for p in parts
        )

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
