"""The whole dataset with computed fields, as JSON, CSV or an iCalendar file (RFC 5545)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from typing import TYPE_CHECKING

from ottawa_cli.evidence import of_events
from ottawa_cli.output.contract import export_json
from ottawa_cli.rules import entry_into_force_article
from ottawa_cli.text import one_line, safe

if TYPE_CHECKING:
    from ottawa_cli.api.export import ExportResult, ExportRow

# The columns every treaty's CSV has; each of the treaty's duties adds `<duty id>_due` before
# `as_of` (for the Mine Ban Convention: stockpile_destruction_due, mine_clearance_due, ...).
CSV_COLUMNS = (
    "name",
    "iso2",
    "iso3",
    "aliases",
    "status",
    "signed",
    "consent_kind",
    "consent_deposited",
    "entry_into_force",
    "withdrawal_received",
    "withdrawal_effective",
    "suspended_by_armed_conflict",
    # The weakest class among the facts the status rests on (depositary, official, reported).
    "evidence",
)


def as_json(result: ExportResult) -> str:
    from ottawa_cli.output.render import json_text

    return json_text(export_json(result))


def csv_columns(result: ExportResult) -> tuple[str, ...]:
    duties = tuple(f"{d.id.replace('-', '_')}_due" for d in result.dataset.treaty.duties)
    return (*CSV_COLUMNS, *duties, "as_of")


# A cell a spreadsheet would run as a formula (OWASP's list), or a line a CI log would run as
# a workflow command: shown as text instead, behind an apostrophe.
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "::")


def cell(text: str) -> str:
    text = one_line(text)
    return "'" + text if text.startswith(_FORMULA) else text


def as_csv_for_excel(result: ExportResult) -> str:
    """`as_csv` behind a byte order mark, which Excel needs to read UTF-8 (others ignore it)."""
    return "\ufeff" + as_csv(result)


def as_csv(result: ExportResult) -> str:
    """One header row, one row a State, ISO dates, UTF-8 (no byte order mark: `--excel` adds
    one): opens cleanly in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_columns(result))
    duties = result.dataset.treaty.duties
    for row in result.rows:
        pos = row.position
        due = {d.duty.id: d.due for d in row.deadlines}
        outcome = pos.outcome
        writer.writerow(
            [
                cell(pos.state.name),
                cell(pos.state.iso2),
                cell(pos.state.iso3 or ""),
                cell("; ".join(pos.state.aliases)),
                pos.status,
                _iso(pos.signed),
                pos.consent.kind if pos.consent else "",
                _iso(pos.consent.date if pos.consent else None),
                _iso(pos.entry_into_force),
                _iso(outcome.received if outcome else None),
                _iso(outcome.takes_effect if outcome else None),
                ("true" if outcome.suspended_by_armed_conflict else "false") if outcome else "",
                of_events(pos.depends_on, result.dataset.sources),
                *(_iso(due.get(duty.id)) for duty in duties),
                result.as_of.isoformat(),
            ]
        )
    return out.getvalue()


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def as_ics(result: ExportResult) -> str:
    """Upcoming effective dates and deadlines, one all-day event each, written by icalendar.

    UIDs name the treaty, the fact and the State, not the date, so a calendar re-importing the
    file after a date changes updates the event instead of adding a second one, and two
    treaties' calendars never share an event.
    """
    from icalendar import Calendar, Event

    from ottawa_cli import __version__

    treaty = result.dataset.treaty
    calendar = Calendar()
    calendar.add("prodid", f"-//ottawa-cli//ottawa {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", safe(treaty.short_title))
    stamp = dt.datetime.combine(result.as_of, dt.time(), dt.UTC)
    for row in result.rows:
        for fact, day, summary, description in _upcoming(result, row):
            event = Event()
            who = row.position.state.iso3 or row.position.state.iso2
            event.add("uid", f"{treaty.id}-{fact}-{who}@ottawa-cli")
            event.add("dtstamp", stamp)
            event.add("dtstart", day)
            # RFC 5545: an all-day event with no DTEND lasts the day; 9999-12-31 has no next.
            if day < dt.date.max:
                event.add("dtend", day + dt.timedelta(days=1))
            evidence = of_events(row.position.depends_on, result.dataset.sources)
            if evidence != "depositary":
                description += (
                    f" Rests on a source that is {evidence}, not the depositary's record."
                )
            event.add("summary", safe(summary))
            event.add("description", safe(description))
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
    written: bytes = calendar.to_ical()
    return written.decode("utf-8")


def _upcoming(result: ExportResult, row: ExportRow) -> list[tuple[str, dt.date, str, str]]:
    treaty = result.dataset.treaty
    pos = row.position
    name = pos.state.name
    events = []
    outcome = pos.outcome
    if (
        outcome is not None
        and outcome.takes_effect is not None
        and outcome.takes_effect > pos.as_of
    ):
        events.append(
            (
                "withdrawal-takes-effect",
                outcome.takes_effect,
                f"{name}: withdrawal from the {treaty.short_title} takes effect",
                f"{treaty.withdrawal.article}: received {outcome.received.isoformat()}.",
            )
        )
    if pos.status == "pending-entry-into-force" and pos.entry_into_force and pos.consent:
        events.append(
            (
                "entry-into-force",
                pos.entry_into_force,
                f"{name}: the {treaty.short_title} enters into force",
                f"{entry_into_force_article(treaty.entry_into_force, pos.consent.date)}.",
            )
        )
    for deadline in row.deadlines:
        if deadline.binding and deadline.due > pos.as_of:
            events.append(
                (
                    deadline.duty.id,
                    deadline.due,
                    f"{name}: {deadline.duty.title}",
                    f"{treaty.short_title}, {deadline.duty.article}.",
                )
            )
    return events


FORMATS: dict[str, Callable[[ExportResult], str]] = {
    "json": as_json,
    "csv": as_csv,
    "ics": as_ics,
}
