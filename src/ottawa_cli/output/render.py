"""Drawing documents: rich in a terminal, plain aligned text elsewhere, JSON on request.

Text from a data file is shown as text: control characters (terminal escapes among them) are
replaced by visible escapes, and rich receives `Text` objects, never markup strings.
"""

from __future__ import annotations

import json
import os
import sys
from typing import IO, Any

from ottawa_cli.output.document import Block, Document, Fields, Line, Table
from ottawa_cli.text import safe


def use_rich(stream: IO[str]) -> bool:
    """Rich output only where a person reads it: a terminal that wants colour."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def write_json(value: Any, stream: IO[str]) -> None:
    stream.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def write(document: Document, stream: IO[str] | None = None) -> None:
    stream = stream or sys.stdout
    if use_rich(stream):
        _write_rich(document, stream)
    else:
        stream.write(plain(document))


def plain(document: Document) -> str:
    """Unwrapped, uncoloured text: one record a line, columns aligned with two spaces."""
    out: list[str] = []
    for block in document:
        if isinstance(block, Line):
            out.append(safe(block.text))
        elif isinstance(block, Fields):
            if block.title:
                out.append(safe(block.title))
            width = max((len(label) for label, _ in block.rows), default=0)
            out.extend(
                f"{label + ':' if label else '':<{width + 1}}  {safe(value)}".rstrip()
                for label, value in block.rows
            )
        else:
            out.extend(_plain_table(block))
    return "\n".join(out) + "\n"


def _plain_table(table: Table) -> list[str]:
    lines = [safe(table.title)] if table.title else []
    grid = [[c.header for c in table.columns], *([safe(x) for x in r] for r in table.rows)]
    widths = [max(len(row[i]) for row in grid) for i in range(len(table.columns))]
    for row in grid:
        cells = [
            cell.rjust(w) if col.justify == "right" else cell.ljust(w)
            for cell, w, col in zip(row, widths, table.columns, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


_STYLES = {
    "plain": "",
    "heading": "bold",
    "muted": "dim",
    "good": "green",
    "warning": "yellow",
    "bad": "red",
    "emphasis": "bold cyan",
}


def _write_rich(document: Document, stream: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    console = Console(file=stream, highlight=False, markup=False, emoji=False)
    for block in document:
        console.print(_rich_block(block, RichTable, Text))


def _rich_block(block: Block, rich_table: Any, text: Any) -> Any:
    if isinstance(block, Line):
        return text(safe(block.text), style=_STYLES[block.style])
    if isinstance(block, Fields):
        grid = rich_table.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column()
        if block.title:
            grid.title = text(safe(block.title), style="bold")
        for label, value in block.rows:
            grid.add_row(text(label), text(safe(value)))
        return grid
    table = rich_table(
        title=text(safe(block.title)) if block.title else None,
        header_style="bold",
        title_justify="left",
    )
    for column in block.columns:
        table.add_column(text(column.header), justify=column.justify)
    for row, style in zip(block.rows, block.row_styles, strict=True):
        table.add_row(*(text(safe(cell)) for cell in row), style=_STYLES[style])
    return table
