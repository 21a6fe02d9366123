"""Drawing documents: rich in a terminal, plain aligned text elsewhere, JSON on request.

Text from a data file is shown as text: control characters (terminal escapes among them) are
replaced by visible escapes, and rich receives `Text` objects, never markup strings.
"""

from __future__ import annotations

import json
import os
import re
import sys

from ottawa_cli.output.document import Block, Document, Fields, Line, Table
from ottawa_cli.output.terminal import console_width, drawn, overflows
from ottawa_cli.output.terminal import least_room as _least
from ottawa_cli.safe_text import UNSAFE, no_command, one_line, safe

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any

# In a JSON string, `\uXXXX` is the same character: escaping those a terminal would act on
# (C1 controls such as U+009B, DEL, bidirectional overrides) changes nothing a parser reads.
UNSAFE_IN_JSON = UNSAFE


def use_rich(stream: IO[str]) -> bool:
    """Rich output where a person reads it, a terminal; plain unwrapped text for pipes and
    files. In a terminal `NO_COLOR` removes colour and `TERM=dumb` every escape, nothing else."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _dumb() -> bool:
    return os.environ.get("TERM") == "dumb"


def _linkable(url: str) -> bool:
    """An address safe to hand a terminal as a hyperlink: http(s), nothing unsafe in it."""
    return url.startswith(("https://", "http://")) and safe(url) == url and " " not in url


def json_text(value: Any, *, ascii_only: bool = False, compact: bool = False) -> str:
    """The one way the tool writes JSON (status, list, export, check, untc...): indented UTF-8
    text, or ASCII with \\u escapes (the same JSON); control, bidirectional and format
    characters are escaped either way, so no data reaches a terminal or a log as a control.

    `compact`: one line, for reports of any size (the standard library encodes indented JSON
    in Python, and compact JSON in C, about ten times faster)."""
    text = json.dumps(value, ensure_ascii=ascii_only, indent=None if compact else 2)
    if text.isascii() and "\x7f" not in text:
        # JSON escapes every other ASCII control, so there is nothing to find (~45 ms of a
        # report of 59,000 findings).
        return text + "\n"
    return UNSAFE_IN_JSON.sub(_json_escape, text) + "\n"


def _json_escape(match: re.Match[str]) -> str:
    """JSON's escape for one character: a character beyond U+FFFF (a tag character) is written
    as its two UTF-16 halves, as JSON requires (`\\ue0000` would read back as U+E000 and "0")."""
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def write_json(value: Any, stream: IO[str]) -> None:
    """JSON as UTF-8 text, or ASCII where the stream cannot hold more."""
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    stream.write(json_text(value, ascii_only=encoding not in ("utf8", "utf16", "utf32")))


def write(document: Document, stream: IO[str] | None = None) -> None:
    stream = stream or sys.stdout
    if use_rich(stream):
        write_rich(document, stream)
    else:
        stream.write(plain(document))


def plain(document: Document) -> str:
    """Unwrapped, uncoloured text: one record a line, columns aligned with two spaces."""
    out: list[str] = []
    for block in document:
        if isinstance(block, Line) and block.about_styles:
            continue  # plain text draws no style
        if isinstance(block, Line):
            out.append(one_line(block.text))
        elif isinstance(block, Fields):
            if block.title:
                out.append(one_line(block.title))
            width = max((len(label) for label, _ in block.rows), default=0)
            out.extend(
                f"{label + ':' if label else '':<{width + 1}}  {one_line(value)}".rstrip()
                for label, value in block.rows
            )
        else:
            out.extend(_plain_table(block))
    return "\n".join(no_command(line) for line in out) + "\n"


def _plain_table(table: Table) -> list[str]:
    lines = [one_line(table.title)] if table.title else []
    grid = [[c.header for c in table.columns], *([one_line(x) for x in r] for r in table.rows)]
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


def write_rich(document: Document, stream: IO[str], width: int | None = None) -> None:
    """Rich output for a terminal of `width` columns (else the terminal's own): every cell and
    line wraps at word boundaries and folds a word longer than its room, so that no reference,
    title or address is ever cut.

    The text is rich's, drawn by `output.terminal` where it can promise the very same (rich's
    import alone costs more than the rest of the answer); else by rich."""
    room = width if width is not None else console_width(os.environ)
    if room is not None and _utf8(stream):
        text = drawn(_laid_out(document, room), room, colour=not os.environ.get("NO_COLOR"))
        if text is not None:
            stream.write(text)
            stream.flush()
            return
    _write_with_rich(document, stream, width)


def _utf8(stream: IO[str]) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    return encoding == "utf8"


def _laid_out(document: Document, width: int) -> list[Block]:
    """The blocks drawn on a terminal `width` wide: a table too wide for it as records."""
    blocks: list[Block] = []
    for block in document:
        if isinstance(block, Line) and block.about_styles and _dumb():
            continue  # TERM=dumb: no style is drawn
        if isinstance(block, Table) and (_too_wide(block, width) or overflows(block, width)):
            blocks.extend(_records(block))
        else:
            blocks.append(block)
    return blocks


def _write_with_rich(document: Document, stream: IO[str], width: int | None = None) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    console = Console(
        file=stream,
        width=width,
        highlight=False,
        markup=False,
        emoji=False,
        no_color=bool(os.environ.get("NO_COLOR")),
        # TERM=dumb: no escape of any kind, colour, style or hyperlink.
        color_system=None if _dumb() else "auto",
    )
    for block in _laid_out(document, console.width):
        if isinstance(block, Line) and block.link is not None:
            # Printed whole, never wrapped or cut by rich: the terminal folds it if it must.
            console.print(_rich_block(block, RichTable, Text), soft_wrap=True)
        else:
            console.print(_rich_block(block, RichTable, Text))


def _too_wide(table: Table, width: int) -> bool:
    """Whether the columns that are never cut (statuses, dates) and the least room the others
    need overflow the terminal, borders and padding counted."""
    needed = 2 * (len(table.columns) - 1)  # two spaces between columns (no box, no outer pad)
    for i, column in enumerate(table.columns):
        widest = max((len(row[i]) for row in table.rows), default=0)
        needed += widest if column.keep else _least(table, i)
    return needed > width


def _records(table: Table) -> list[Block]:
    """A table too wide for the terminal, one record a row: its first cell, then each other
    cell under its column's name."""
    blocks: list[Block] = [Line(safe(table.title), "heading")] if table.title else []
    for row, style in zip(table.rows, table.row_styles, strict=True):
        blocks.append(Line(row[0], style if style != "plain" else "heading"))
        fields = [(c.header, cell) for c, cell in zip(table.columns[1:], row[1:], strict=True)]
        blocks.append(Fields([(f"  {label}", value) for label, value in fields if value]))
    return blocks


def _rich_block(block: Block, rich_table: Any, text: Any) -> Any:
    if isinstance(block, Line):
        style: Any = _STYLES[block.style]
        if block.link is not None and _linkable(block.link) and not _dumb():
            from rich.style import Style

            style = Style.parse(style or "none") + Style(link=block.link)
        return text(safe(block.text), style=style)
    if isinstance(block, Fields):
        grid = rich_table.grid(padding=(0, 2))
        grid.add_column(style="bold", overflow="fold")
        grid.add_column(overflow="fold")
        if block.title:
            grid.title = text(safe(block.title), style="bold")
        for label, value in block.rows:
            grid.add_row(text(label), text(safe(value)))
        return grid
    # No box: two spaces between columns, as in plain text, so more fits a narrow terminal.
    table = rich_table(
        title=text(safe(block.title)) if block.title else None,
        header_style="bold",
        title_justify="left",
        box=None,
        pad_edge=False,
        show_edge=False,
    )
    for i, column in enumerate(block.columns):
        widest = max((len(row[i]) for row in block.rows), default=0)
        # A kept column is as wide as its widest cell, so no cell wraps; its header may.
        # Folded, never cut with "…": a reference or a title longer than its room goes on
        # the next line.
        table.add_column(
            text(column.header),
            justify=column.justify,
            # Another column gets the room `_too_wide` counted for it, so none is squeezed
            # to a letter or two a line.
            min_width=None if column.keep else _least(block, i),
            # A kept column's width is fixed: rich then gives the others the rest, rather than
            # squeezing one of them to a letter or two to make room for it.
            width=max(widest, 1) if column.keep else None,
            overflow="fold",
            no_wrap=False,
        )
    for row, style in zip(block.rows, block.row_styles, strict=True):
        table.add_row(*(text(safe(cell)) for cell in row), style=_STYLES[style])
    return table
