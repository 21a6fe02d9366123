"""The whole dataset with computed fields, as JSON, CSV or an iCalendar file (RFC 5545)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ottawa_cli.law.clauses import entry_into_force_article
from ottawa_cli.law.evidence import of_events
from ottawa_cli.output.contract import export_json
from ottawa_cli.safe_text import one_line, safe

if TYPE_CHECKING:
    from ottawa_cli.api.export import ExportResult, ExportRow
    from ottawa_cli.law.model import Event

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


# After `as_of`: which treaty each row is about (its id and full title), so that rows of several
# treaties' files can be put together.
TREATY_COLUMNS = ("treaty", "treaty_title")


def as_json(result: ExportResult) -> str:
    from ottawa_cli.output.render import json_text

    return json_text(export_json(result))


def csv_columns(result: ExportResult) -> tuple[str, ...]:
    duties = tuple(f"{d.id.replace('-', '_')}_due" for d in result.dataset.treaty.duties)
    return (*CSV_COLUMNS, *duties, "as_of", *TREATY_COLUMNS)


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
                cell(result.dataset.treaty.id),
                cell(result.dataset.treaty.title),
            ]
        )
    return out.getvalue()


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


@dataclass(frozen=True, kw_only=True, slots=True)
class CalendarItem:
    """One event of the calendar: a date to come, or one cancelled (a revoked notice)."""

    # What the date is, for the UID: "withdrawal-takes-effect", "entry-into-force", a duty's id.
    fact: str
    day: dt.date
    summary: str
    description: str
    # The recorded instrument or notice it rests on: its source and depositary notification.
    rests_on: Event | None
    # Each change to the event raises it (RFC 5545: a calendar keeps the highest).
    sequence: int = 0
    cancelled: bool = False


def as_ics(result: ExportResult) -> str:
    """Upcoming effective dates and deadlines, one all-day event each, written by icalendar.

    UIDs name the treaty, the fact and the State, not the date, so a calendar re-importing the
    file after a date changes updates the event instead of adding a second one, and two
    treaties' calendars never share an event. A notice revoked before it took effect is its
    event cancelled (STATUS:CANCELLED, a higher SEQUENCE). DTSTAMP is when the file was made.
    """
    from icalendar import Calendar, Event, Journal

    from ottawa_cli import __version__
    from ottawa_cli.output.views import footer

    treaty = result.dataset.treaty
    calendar = Calendar()
    calendar.add("prodid", f"-//ottawa-cli//ottawa {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", safe(treaty.short_title))
    stamp = result.made
    items = calendar_items(result)
    for row, item in items:
        event = Event()
        who = row.position.state.iso3 or row.position.state.iso2
        event.add("uid", f"{treaty.id}-{item.fact}-{who}@ottawa-cli")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        # RFC 5545: an all-day event with no DTEND lasts the day; 9999-12-31 has no next.
        if item.day < dt.date.max:
            event.add("dtend", item.day + dt.timedelta(days=1))
        description = f"{treaty.title} ({treaty.id}). {item.description}"
        if item.rests_on is not None:
            description += " " + _cited(result, item.rests_on)
        evidence = of_events(row.position.depends_on, result.dataset.sources)
        if evidence != "depositary":
            description += f" Rests on a source that is {evidence}, not the depositary's record."
        event.add("summary", safe(item.summary))
        event.add("description", safe(description))
        event.add("categories", [safe(treaty.short_title)])
        event.add("x-ottawa-treaty", treaty.id)
        event.add("sequence", item.sequence)
        if item.cancelled:
            event.add("status", "CANCELLED")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    if not items:
        # RFC 5545 asks for at least one component: a journal entry says there is no date to
        # come, and how current the data is, where a calendar shows no event.
        journal = Journal()
        journal.add("uid", f"{treaty.id}-no-upcoming-date@ottawa-cli")
        journal.add("dtstamp", stamp)
        journal.add("dtstart", result.as_of)
        said = no_upcoming(result)
        journal.add("summary", safe(said[:1].upper() + said[1:]))
        journal.add("description", safe(footer(result.dataset, result.as_of).text))
        journal.add("x-ottawa-treaty", treaty.id)
        calendar.add_component(journal)
    written: bytes = calendar.to_ical()
    return written.decode("utf-8")


def no_upcoming(result: ExportResult) -> str:
    """What an empty calendar says (on stderr too)."""
    return (
        f"no date to come under the {result.dataset.treaty.short_title} after "
        f"{result.as_of.isoformat()}: the calendar holds no event"
    )


def _cited(result: ExportResult, event: Event) -> str:
    """The source of the fact an event rests on, in full, and its depositary notification."""
    source = result.dataset.sources.get(event.source)
    text = f"Source: {source.title if source is not None else event.source}"
    if source is not None and source.url:
        text += f", {source.url}"
    if event.notification:
        text += f"; depositary notification {event.notification}"
    return text + "."


def calendar_items(result: ExportResult) -> list[tuple[ExportRow, CalendarItem]]:
    """Every event of the calendar, with the row it is about."""
    return [(row, item) for row in result.rows for item in _upcoming(result, row)]


def _upcoming(result: ExportResult, row: ExportRow) -> list[CalendarItem]:
    from ottawa_cli.law.clauses import withdrawal_rule, withdrawal_takes_effect
    from ottawa_cli.law.history import history

    treaty = result.dataset.treaty
    pos = row.position
    name = pos.state.name
    events = []
    notices = [
        (period, n)
        for period in history(treaty, pos.events, pos.state.armed_conflicts)
        for n in period.notices
    ]
    # A revocation, and a new notice after one, each change the same event.
    revoked = [n for _, n in notices if n.revoked_by is not None]
    outcome = pos.outcome
    if (
        outcome is not None
        and outcome.takes_effect is not None
        and outcome.takes_effect > pos.as_of
    ):
        before = sum(1 for n in revoked if n.event.date < outcome.received)
        events.append(
            CalendarItem(
                fact="withdrawal-takes-effect",
                day=outcome.takes_effect,
                summary=f"{name}: withdrawal from the {treaty.short_title} takes effect",
                description=f"{treaty.withdrawal.article}: received "
                f"{outcome.received.isoformat()}.",
                rests_on=pos.withdrawal,
                sequence=2 * before,
            )
        )
    elif notices and notices[-1][1].revoked_by is not None:
        period, last = notices[-1]
        assert last.revoked_by is not None
        rule = withdrawal_rule(treaty, period.consent)
        would = withdrawal_takes_effect(
            rule, last.event.date, pos.state.armed_conflicts, later_date=last.event.later_date
        ).takes_effect
        if would is not None:
            events.append(
                CalendarItem(
                    fact="withdrawal-takes-effect",
                    day=would,
                    summary=f"Cancelled: {name}: withdrawal from the {treaty.short_title} "
                    "takes effect",
                    description=f"The notice of withdrawal received "
                    f"{last.event.date.isoformat()} was revoked on "
                    f"{last.revoked_by.date.isoformat()}, before it took effect: {name} stays "
                    f"a {treaty.party_word} ({rule.article}).",
                    rests_on=last.revoked_by,
                    sequence=2 * len(revoked) - 1,
                    cancelled=True,
                )
            )
    if pos.status == "pending-entry-into-force" and pos.entry_into_force and pos.consent:
        article = entry_into_force_article(treaty.entry_into_force, pos.consent.date)
        events.append(
            CalendarItem(
                fact="entry-into-force",
                day=pos.entry_into_force,
                summary=f"{name}: the {treaty.short_title} enters into force",
                description=f"{article}.",
                rests_on=pos.consent,
            )
        )
    for deadline in row.deadlines:
        if deadline.binding and deadline.due > pos.as_of:
            events.append(
                CalendarItem(
                    fact=deadline.duty.id,
                    day=deadline.due,
                    summary=f"{name}: {deadline.duty.title}",
                    description=f"{treaty.short_title}, {deadline.duty.article}.",
                    rests_on=pos.consent,
                )
            )
    return events


FORMATS: dict[str, Callable[[ExportResult], str]] = {
    "json": as_json,
    "csv": as_csv,
    "ics": as_ics,
}
