"""A problem found in a data file, located precisely enough to fix it."""

from __future__ import annotations

from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class Finding(NamedTuple):
    code: str
    severity: Severity
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    # Dotted path of the field in the data, e.g. "states[12].events[0].date".
    field: str | None = None

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.code)
