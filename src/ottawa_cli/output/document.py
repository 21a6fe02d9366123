"""What a command shows, independent of how it is drawn: headings, fields, tables, notes.

Views build these from computed facts; `render` draws them as rich output in a terminal or as
plain text in a pipe. Every string in a document is literal text: no markup is interpreted.
"""

from __future__ import annotations

# `typing` is not imported at run time on `ottawa status`'s path (`ottawa_cli.records`).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal
    from typing import NamedTuple as Record

    Style = Literal["plain", "heading", "muted", "good", "warning", "bad", "emphasis"]
else:
    from ottawa_cli.records import Record


class Line(Record):
    text: str
    style: Style = "plain"
    # An address the line is, shown whole (never wrapped or cut) and, in a terminal that takes
    # them, as a hyperlink.
    link: str | None = None
    # A line about how things are drawn ("past entries are dimmed"): said only where styles
    # are drawn, never in plain text.
    about_styles: bool = False


class Fields(Record):
    """Label and value pairs, one a line."""

    rows: list[tuple[str, str]]
    title: str | None = None


class Column(Record):
    header: str
    justify: Literal["left", "right"] = "left"
    # Never cut or wrapped, however narrow the terminal (a status, a date): others give way.
    keep: bool = False


class Table:
    """Rows under column headers; built row by row."""

    __slots__ = ("columns", "row_styles", "rows", "title")

    def __init__(self, columns: list[Column], title: str | None = None) -> None:
        self.columns = columns
        self.title = title
        self.rows: list[list[str]] = []
        self.row_styles: list[Style] = []

    def add(self, *cells: str, style: Style = "plain") -> None:
        self.rows.append(list(cells))
        self.row_styles.append(style)


Block = Line | Fields | Table
Document = list[Block]
