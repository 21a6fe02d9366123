"""Documents made ahead of the day asked: sheets.

A State's status document changes only on the days its position, its deadlines or the readings
beside them change (an event's day, the day the law draws from one: entry into force, a period's
expiry, a withdrawal's effect, a duty's due date). Between two such days only the words that
count from the day asked or from today change ("329 days ago", "took effect" or "takes effect",
"As of"). A sheet is that document as plain JSON values, its texts holding those words as parts
resolved by `drawn` for the day asked; `views.status_document` is `drawn` of the sheet made from
the answer, so there is one drawing, whether the sheet was made now or ahead (`output.ahead`).

A text is a string, or a list of parts, each a string or one of:
- `["dated", DAY]`: the day and how far it is from the day asked ("10 Jan 2026 (329 days ago)");
- `["as-of"]`: the day asked;
- `["by", DAY, THEN, ELSE]`: THEN from DAY on, ELSE before it.

A block is one of:
- `["line", TEXT, STYLE]` (with `true` after it: a line about how things are drawn, "past
  entries are dimmed", said only where styles are); `["line-before", DAY, TEXT, STYLE]`, shown
  only before DAY;
  `["line-from", DAY, TEXT, STYLE]`, shown only from DAY on;
- `["fields", [[LABEL, TEXT], ...]]`;
- `["table", TITLE, [[HEADER, JUSTIFY, KEEP], ...], [[[TEXT, ...], STYLE, MUTED_AFTER], ...]]`,
  a row drawn muted after the day MUTED_AFTER (a deadline passed) where that is not null;
- `["footer", AGAINST, VERIFIED, OTHERS_TO, UPDATES]`: how current the data is (`footer_line`).

Days are ISO dates. Standard library only: `ottawa status` draws a sheet read from the index
without importing the models.
"""

from __future__ import annotations

import datetime as dt

from ottawa_cli.dates import human
from ottawa_cli.output.document import Column, Document, Fields, Line, Table

TYPE_CHECKING = False  # `typing` is not imported on `ottawa status`'s path
if TYPE_CHECKING:
    from typing import Any

    Sheet = list[Any]


def relative_day(day: dt.date, as_of: dt.date, today: dt.date | None = None) -> str:
    """How far `day` is from `as_of`: "in 3 days", "5 days ago" when `as_of` is today (or
    `today` is not given); else counted from the day asked, named ("5 days before 1 Sep 2025"),
    so that a past day asked about is not read as today."""
    days = (day - as_of).days
    unit = "day" if abs(days) == 1 else "days"
    if today is not None and today != as_of:
        if days == 0:
            return "the day asked"
        return f"{abs(days)} {unit} {'after' if days > 0 else 'before'} {human(as_of)}"
    if days == 0:
        return "today"
    return f"in {days} {unit}" if days > 0 else f"{-days} {unit} ago"


def dated(day: dt.date, as_of: dt.date, today: dt.date | None = None) -> str:
    return f"{human(day)} ({relative_day(day, as_of, today)})"


def text(parts: Any, as_of: dt.date, today: dt.date | None) -> str:
    """A sheet's text for the day asked."""
    if isinstance(parts, str):
        return parts
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif part[0] == "dated":
            out.append(dated(_day(part[1]), as_of, today))
        elif part[0] == "as-of":
            out.append(human(as_of))
        elif part[0] == "by":
            out.append(part[2] if _day(part[1]) <= as_of else part[3])
        else:
            raise ValueError(f"not a part of a sheet's text: {part!r}")
    return "".join(out)


def drawn(sheet: Sheet, as_of: dt.date, today: dt.date | None) -> Document:
    """The document a sheet is on the day asked, `today` being today."""
    doc: Document = []
    for block in sheet:
        kind = block[0]
        if kind == "line":
            # A fourth element: the line is about how things are drawn ("past entries are
            # dimmed"), said only where styles are.
            about_styles = len(block) > 3 and block[3] is True
            doc.append(Line(text(block[1], as_of, today), block[2], about_styles=about_styles))
        elif kind == "line-before" or kind == "line-from":
            if (as_of < _day(block[1])) == (kind == "line-before"):
                doc.append(Line(text(block[2], as_of, today), block[3]))
        elif kind == "fields":
            doc.append(Fields([(label, text(value, as_of, today)) for label, value in block[1]]))
        elif kind == "table":
            table = Table([Column(h, j, k) for h, j, k in block[2]], title=block[1])
            for cells, style, muted_after in block[3]:
                if muted_after is not None and as_of > _day(muted_after):
                    style = "muted"
                table.add(*(text(cell, as_of, today) for cell in cells), style=style)
            doc.append(table)
        elif kind == "footer":
            doc.append(footer_line(block, as_of))
        else:
            raise ValueError(f"not a block of a sheet: {kind!r}")
    return doc


def footer_block(
    against: str, verified: dt.date, others_to: dt.date | None, updates: str | None
) -> list[Any]:
    """The footer's block: the source the data was verified against, when, to when other
    sources were read, and what an overlay added (None: no overlay)."""
    others = None if others_to is None else others_to.isoformat()
    return ["footer", against, verified.isoformat(), others, updates]


def footer_line(block: list[Any], day: dt.date | None) -> Line:
    """When the data was last compared with the depositary, and, for a day after that, that
    what came later is not known here; and the facts an overlay of `ottawa update` added."""
    _, against, verified_on, others_on, updates = block
    verified_at = _day(verified_on)
    others = None if others_on is None else _day(others_on)
    verified = human(verified_at)
    text = f"Data verified against {against} as at {verified}"
    if others is not None and others > verified_at:
        text += f"; other sources read to {human(others)}"
    latest = max(verified_at, others or verified_at)
    if day is not None and day > latest:
        line = Line(
            f"{text}, before {human(day)}: an instrument, withdrawal or notice since then is not "
            "known here.",
            "warning",
        )
    elif day is not None and day > verified_at:
        line = Line(
            f"{text}: after {verified}, what is known here rests on those other sources, not "
            "on the depositary's record.",
            "warning",
        )
    else:
        line = Line(f"{text}.", "muted")
    return line if updates is None else Line(f"{line.text} {updates}", line.style)


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)
