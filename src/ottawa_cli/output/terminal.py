"""A document drawn for a terminal as rich draws it, without importing rich.

Importing rich costs more than the whole of `ottawa status` to a pipe (~55 ms here, 5.4 times
the interpreter's start-up, against the answer's ~27 ms; `benchmarks/startup.py`), so the
blocks a document is made of (a line, label and value pairs, a table without a box) are laid
out here by rich's own rules: its measuring of columns (`Table._calculate_column_widths`,
`_collapse_widths`, `ratio_reduce`), its wrapping and folding of words
(`rich._wrap.divide_line`, `Text.wrap`), its padding, alignment and styles, and the escape
codes its console writes. `drawn` gives the very text
rich writes, or None wherever it cannot promise that (a character that is not one cell wide,
a hyperlink, a column with no room, an environment that changes what rich does), and the
caller then asks rich. tests/output/test_terminal.py holds the two equal for every bundled
document and for generated ones, at many widths.

Standard library only.
"""

from __future__ import annotations

import os
import re
import sys
from itertools import pairwise

from ottawa_cli.output.document import Block, Fields, Line, Table
from ottawa_cli.safe_text import safe

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

# The characters rich counts as one cell each without looking them up (`rich.cells`), and the
# punctuation, currency signs and arrows the data and the documents use (one cell each in
# rich's table too; tests/output/test_terminal.py checks every one of them).
_ONE_CELL_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0xAC),
    (0xAE, 0x2FF),
    (0x370, 0x482),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x20A0, 0x20C0),
    (0x2190, 0x21FF),
    (0x2500, 0x25FC),
)
ONE_CELL = frozenset(chr(c) for start, end in _ONE_CELL_RANGES for c in range(start, end + 1))
_one_cell = ONE_CELL.issuperset

# rich's escape codes (`Style._make_ansi_codes`) for the document's styles, with colour and
# with `NO_COLOR` (its `Segment.remove_color`: attributes kept, colours dropped).
_CODES = {
    "plain": "",
    "heading": "1",
    "muted": "2",
    "good": "32",
    "warning": "33",
    "bad": "31",
    "emphasis": "1;36",
}
_CODES_NO_COLOR = {**_CODES, "good": "", "warning": "", "bad": "", "emphasis": "1"}
_BOLD = "1"

# Variables that change what rich does with a terminal (forcing or refusing one, Jupyter's
# sizes): where one is set, rich draws.
_RICH_ENVIRONMENT = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS")

_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")


def console_width(environ: Mapping[str, str]) -> int | None:
    """The width rich's console takes (`Console.size`): `COLUMNS` if it is digits, else the
    first standard stream's terminal size that can be read, else 80. None where rich would
    take another (a dumb terminal, a forced one) or none."""
    if sys.platform == "win32" or any(name in environ for name in _RICH_ENVIRONMENT):
        return None
    if environ.get("TERM", "").strip().lower() in ("dumb", "unknown"):
        return None
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns) or None
    width = 0
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    return width or 80


def drawn(blocks: Sequence[Block], width: int, *, colour: bool) -> str | None:
    """What rich's console writes for these blocks on a terminal `width` columns wide (each
    block printed as `render.write_rich` prints it), or None where that is not certain."""
    codes = _CODES if colour else _CODES_NO_COLOR
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Line):
            lines = _line(block, width, codes)
        elif isinstance(block, Fields):
            lines = _fields(block, width, codes)
        else:
            lines = _table(block, width, codes)
        if lines is None:
            return None
        out.extend(lines)
    return "".join(out)


# A column as rich's table measures and draws it: the padding left and right of its cells, how
# they are justified, their style, and its fixed or least width.
class _Column:
    __slots__ = ("justify", "left", "min_width", "right", "style", "width")

    def __init__(
        self,
        left: int,
        right: int,
        *,
        justify: str = "left",
        style: str = "",
        width: int | None = None,
        min_width: int | None = None,
    ) -> None:
        self.left, self.right, self.justify, self.style = left, right, justify, style
        self.width, self.min_width = width, min_width


def _styled(text: str, code: str) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if code and text else text


def _line(line: Line, width: int, codes: Mapping[str, str]) -> list[str] | None:
    """A line printed alone: wrapped at the terminal's width, nothing padded."""
    if line.link is not None:
        return None  # rich gives each hyperlink an id of its own; rich draws those
    text = _safe(line.text)
    if text is None:
        return None
    code = codes[line.style]
    return [_styled(part, code) + "\n" for part in _wrap(text, width, None)]


def _fields(fields: Fields, width: int, codes: Mapping[str, str]) -> list[str] | None:
    """`Table.grid(padding=(0, 2))`: a bold label column, a value column, no header."""
    if fields.title:
        return None  # a grid's title is centred: no document has one
    rows: list[list[str]] = []
    for label, value in fields.rows:
        safe_value = _safe(value)
        if not _one_cell(label) or safe_value is None:
            return None
        rows.append([label, safe_value])
    # Padding (0, 2) collapsed, no edge: two spaces right of the label, none elsewhere.
    columns = [_Column(0, 2, style=_BOLD), _Column(0, 0)]
    return _grid(columns, None, rows, [""] * len(rows), width, title=None)


def _table(table: Table, width: int, codes: Mapping[str, str]) -> list[str] | None:
    """A table with no box: one space of padding each side of a cell, none at the edges."""
    parts = _table_parts(table)
    if parts is None:
        return None
    columns, headers, rows, title = parts
    styles = [codes[style] for style in table.row_styles]
    return _grid(columns, headers, rows, styles, width, title=title)


def overflows(table: Table, width: int) -> bool:
    """Whether rich would draw the table wider than the terminal, and so cut every line at
    its edge: its columns' least widths (`least_room`) can add up to more than the room
    its shrinking of the widest ones leaves (`Table._collapse_widths`)."""
    parts = _table_parts(table)
    if parts is None:
        return False  # measured by rich: `render._too_wide` decides
    columns, headers, rows, _ = parts
    cells = [[row[i] for row in [headers, *rows]] for i in range(len(columns))]
    return sum(_widths(columns, cells, width)) > width


def _table_parts(
    table: Table,
) -> tuple[list[_Column], list[str], list[list[str]], str | None] | None:
    """The table's columns, header, rows and title as rich is given them, or None where a
    character is not one cell wide."""
    rows: list[list[str]] = []
    for row in table.rows:
        cells = [_safe(cell) for cell in row]
        if any(cell is None for cell in cells):
            return None
        rows.append([cell for cell in cells if cell is not None])
    headers = [column.header for column in table.columns]
    title = None
    if table.title:
        title = _safe(table.title)
        if title is None:
            return None
    if not all(_one_cell(header) for header in headers):
        return None
    last = len(table.columns) - 1
    columns = []
    for i, column in enumerate(table.columns):
        widest = max((len(row[i]) for row in table.rows), default=0)
        columns.append(
            _Column(
                0 if i == 0 else 1,
                0 if i == last else 1,
                justify=column.justify,
                # As `render._rich_block` asks of rich: a kept column is as wide as its
                # widest cell; another needs the room `least_room` gives it.
                width=max(widest, 1) if column.keep else None,
                min_width=None if column.keep else least_room(table, i),
            )
        )
    return columns, headers, rows, title


# A column that may wrap still needs this much room to be read.
_NARROWEST = 12
# A word longer than this may be folded inside a narrow column (an address, a reference).
_LONGEST_WORD_KEPT = 24


def least_room(table: Table, i: int) -> int:
    """The least room column `i` needs: enough for its longest word (up to a limit), so that a
    word such as "Secretary-General" is not split, and never less than `_NARROWEST`."""
    cells = [row[i] for row in table.rows]
    widest = max((len(cell) for cell in cells), default=0)
    word = max((len(w) for cell in cells for w in cell.split()), default=0)
    return min(widest, max(_NARROWEST, min(word, _LONGEST_WORD_KEPT)))


def _safe(text: str) -> str | None:
    """The text as `render` hands it to rich (`safe`), where every character is one cell."""
    shown = safe(text)
    return shown if _one_cell(shown) else None


def _measure(text: str, room: int, column: _Column) -> tuple[int, int]:
    """rich's `Measurement.get` of a padded cell with `room` columns: its longest word and its
    whole length, padding counted, none more than the room."""
    if room < 1:
        return 0, 0
    extra = column.left + column.right
    if room - extra < 1:
        least, most = room, room
    else:
        inner = room - extra
        most = len(text)
        words = text.split()
        least = max(len(word) for word in words) if words else most
        least = min(max(0, least), most)  # Measurement.normalize
        least, most = min(least, inner), min(most, inner)
        if most < 1:
            least = most = 0
        least, most = min(least + extra, room), min(most + extra, room)
    if most < 1:
        return 0, 0
    return min(least, most), most


def _measure_column(
    column: _Column, cells: Sequence[str], room: int
) -> tuple[int, int]:  # Table._measure_column
    if room < 1:
        return 0, 0
    padding = column.left + column.right
    if column.width is not None:
        fixed = min(column.width + padding, room)
        return fixed, fixed
    measured = [_measure(cell, room, column) for cell in cells]
    least = max((m[0] for m in measured), default=1)
    most = max((m[1] for m in measured), default=room)
    least, most = min(least, room), min(most, room)
    if column.min_width is not None:
        floor = max(0, column.min_width + padding)
        least, most = max(least, floor), max(most, floor)
    return least, most


def _ratio_reduce(
    total: int, ratios: list[int], maximums: list[int], values: list[int]
) -> list[int]:  # rich._ratio.ratio_reduce
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result: list[int] = []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            distributed = min(most, round(ratio * remaining / total_ratio))
            result.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _collapse(widths: list[int], wrapable: list[bool], room: int) -> list[int]:
    """rich's `Table._collapse_widths`: the widest columns that may wrap give way first."""
    total = sum(widths)
    excess = total - room
    if any(wrapable):
        while total and excess > 0:
            widest = max(w for w, may in zip(widths, wrapable, strict=True) if may)
            second = max(
                w if may and w != widest else 0 for w, may in zip(widths, wrapable, strict=True)
            )
            difference = widest - second
            ratios = [
                1 if (w == widest and may) else 0 for w, may in zip(widths, wrapable, strict=True)
            ]
            if not any(ratios) or not difference:
                break
            widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
            total = sum(widths)
            excess = total - room
    return widths


def _widths(columns: Sequence[_Column], cells: Sequence[Sequence[str]], room: int) -> list[int]:
    """rich's `Table._calculate_column_widths` for a table that does not expand."""
    widths = [_measure_column(c, cells[i], room)[1] or 1 for i, c in enumerate(columns)]
    if sum(widths) > room:
        wrapable = [column.width is None for column in columns]
        widths = _collapse(widths, wrapable, room)
        if sum(widths) > room:
            excess = sum(widths) - room
            widths = _ratio_reduce(excess, [1] * len(widths), widths, widths)
        widths = [
            _measure_column(c, cells[i], w)[1]
            for i, (c, w) in enumerate(zip(columns, widths, strict=True))
        ]
    return widths


def _divide(text: str, width: int) -> list[int]:
    """rich's `divide_line` with folding, every character one cell: where the lines break."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            chunks = [word[i : i + width] for i in range(0, len(word), width)]
            for n, chunk in enumerate(chunks):
                if start:
                    breaks.append(start)
                if n == len(chunks) - 1:
                    offset = len(chunk)
                else:
                    start += len(chunk)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _wrap(text: str, width: int, justify: str | None) -> list[str]:
    """rich's `Text.wrap` with folding: the lines `text` makes `width` wide, justified."""
    # `_WORD.finditer` stands for rich's loop of `re_word.match`, which stops at the first
    # place no word starts: the same places, since a word takes the spaces after it.
    offsets = [0, *_divide(text, width), len(text)]
    lines = [text[a:b] for a, b in pairwise(offsets)]
    out = []
    for line in lines:
        if len(line) > width:  # Text.rstrip_end
            trailing = _TRAILING_SPACE.search(line)
            if trailing is not None:
                line = line[: len(line) - min(len(trailing.group()), len(line) - width)]
        if justify == "left":
            line = line[:width].ljust(width)
        elif justify == "right":
            line = line.rstrip()[:width]
            line = " " * (width - len(line)) + line
        out.append(line[:width])
    return out


def _grid(
    columns: Sequence[_Column],
    headers: Sequence[str] | None,
    rows: Sequence[Sequence[str]],
    row_styles: Sequence[str],
    room: int,
    *,
    title: str | None,
) -> list[str] | None:
    """A table's lines as rich's console writes them, or None where rich would crop one."""
    grid_rows = ([list(headers)] if headers is not None else []) + [list(r) for r in rows]
    by_column = [[row[i] for row in grid_rows] for i in range(len(columns))]
    widths = _widths(columns, by_column, room)
    table_width = sum(widths)
    if table_width > room:
        return None  # rich would crop its lines at the terminal's edge
    out: list[str] = []
    if title is not None:
        out.extend(line + "\n" for line in _wrap(title, table_width, "left"))
    styles = ([_BOLD] if headers is not None else []) + list(row_styles)
    for index, (row, row_style) in enumerate(zip(grid_rows, styles, strict=True)):
        header = headers is not None and index == 0
        cells: list[list[str]] = []
        for text, column, width in zip(row, columns, widths, strict=True):
            inner = width - column.left - column.right
            if inner < 1:
                return None
            style = _add(column.style, row_style)
            if style is None:
                return None
            left = _styled(" " * column.left, style)
            right = _styled(" " * column.right, style)
            cells.append(
                [left + _styled(line, style) + right for line in _wrap(text, inner, column.justify)]
            )
        height = max(len(lines) for lines in cells)
        for i, (lines, column, width) in enumerate(zip(cells, columns, widths, strict=True)):
            filler = [_styled(" " * width, column.style or row_style)] * (height - len(lines))
            # A header row is aligned to its foot, every other row to its top.
            cells[i] = filler + lines if header else lines + filler
        out.extend("".join(cell[n] for cell in cells) + "\n" for n in range(height))
    return out


def _add(column_style: str, row_style: str) -> str | None:
    """A cell's style: its column's (a grid's bold labels) or its row's (a table's rows and
    header). rich adds two by putting attributes before colours; no document asks for both."""
    if column_style and row_style and column_style != row_style:
        return None
    return column_style or row_style
