"""What a command shows, independent of how it is drawn: headings, fields, tables, notes.

Views build these from computed facts; `render` draws them as rich output in a terminal or as
plain text in a pipe. Every string in a document is literal text: no markup is interpreted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Style = Literal["plain", "heading", "muted", "good", "warning", "bad", "emphasis"]


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    style: Style = "plain"


@dataclass(frozen=True, slots=True)
class Fields:
    """Label and value pairs, one a line."""

    rows: list[tuple[str, str]]
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    justify: Literal["left", "right"] = "left"


@dataclass(slots=True)
class Table:
    columns: list[Column]
    rows: list[list[str]] = field(default_factory=list)
    row_styles: list[Style] = field(default_factory=list)
    title: str | None = None

    def add(self, *cells: str, style: Style = "plain") -> None:
        self.rows.append(list(cells))
        self.row_styles.append(style)


Block = Line | Fields | Table
Document = list[Block]
