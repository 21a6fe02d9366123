"""A problem found in a data file, located precisely enough to fix it."""

from __future__ import annotations

from collections.abc import Iterator
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


class Findings:
    """The one sink findings are gathered in, by the loader, `ottawa check` and `untc diff`
    alike: added as found, given back in the file's order. With a `cap`, at most that many of a
    code are kept one by one and the rest counted in one more finding of that code (a page of
    3,600 unread sentences is not 3,600 lines)."""

    __slots__ = ("_count", "_items", "cap")

    def __init__(self, cap: int | None = None) -> None:
        self.cap = cap
        self._items: list[Finding] = []
        self._count: dict[str, int] = {}

    def append(self, finding: Finding) -> None:
        if self.cap is not None:
            self._count[finding.code] = self._count.get(finding.code, 0) + 1
            if self._count[finding.code] > self.cap:
                return
        self._items.append(finding)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def sorted(self) -> list[Finding]:
        """In the file's order, then what each code had beyond the cap."""
        more = []
        if self.cap is not None:
            first = {f.code: f for f in reversed(self._items)}
            for code, count in sorted(self._count.items()):
                if count > self.cap:
                    seen = first[code]
                    more.append(
                        Finding(
                            code,
                            seen.severity,
                            f"... and {count - self.cap:,} more {code} findings, not listed (the "
                            f"first {self.cap:,} are)",
                            seen.file,
                        )
                    )
        return sorted(self._items, key=Finding.sort_key) + more
