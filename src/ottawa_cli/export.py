"""The whole dataset with computed fields, as JSON, CSV or an iCalendar file (RFC 5545)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable

from ottawa_cli.models import Dataset
from ottawa_cli.rules import Position, deadlines, positions
from ottawa_cli.views import deadlines_json, position_json

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
    "stockpile_destruction_due",
    "mine_clearance_due",
    "initial_transparency_report_due",
    "as_of",
)


def _deadlines_by_id(dataset: Dataset, pos: Position) -> dict[str, dt.date]:
    return {d.duty.id: d.due for d in deadlines(dataset.treaty, pos)}


def as_json(dataset: Dataset, as_of: dt.date) -> str:
    states = []
    for pos in positions(dataset.treaty, dataset.states, as_of):
        record = position_json(pos)
        record["aliases"] = list(pos.state.aliases)
        due = deadlines(dataset.treaty, pos)
        record["deadlines"] = {d.duty.id: d.due.isoformat() for d in due}
        record["deadline_details"] = deadlines_json(due)
        states.append(record)
    payload = {
        "as_of": as_of.isoformat(),
        "treaty": {"id": dataset.treaty.id, "title": dataset.treaty.title},
        "verified": {
            "against": dataset.verified.against,
            "as_at": dataset.verified.as_at.isoformat(),
        },
        "states": states,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def as_csv(dataset: Dataset, as_of: dt.date) -> str:
    """One header row, one row a State, ISO dates, UTF-8: opens cleanly in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for pos in positions(dataset.treaty, dataset.states, as_of):
        due = _deadlines_by_id(dataset, pos)
        art20 = pos.art20
        writer.writerow(
            [
                pos.state.name,
                pos.state.iso2,
                pos.state.iso3,
                "; ".join(pos.state.aliases),
                pos.status,
                _iso(pos.signed),
                pos.consent.kind if pos.consent else "",
                _iso(pos.consent.date if pos.consent else None),
                _iso(pos.entry_into_force),
                _iso(art20.received if art20 else None),
                _iso(art20.takes_effect if art20 else None),
                ("true" if art20.suspended_by_armed_conflict else "false") if art20 else "",
                _iso(due.get("stockpile-destruction")),
                _iso(due.get("mine-clearance")),
                _iso(due.get("initial-transparency-report")),
                as_of.isoformat(),
            ]
        )
    return out.getvalue()


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def as_ics(dataset: Dataset, as_of: dt.date) -> str:
    """Upcoming effective dates and deadlines, one all-day event each.

    UIDs name the State and the fact, not the date, so a calendar re-importing the file after a
    date changes updates the event instead of adding a second one.
    """
    stamp = f"{as_of:%Y%m%d}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//ottawa-cli//Mine Ban Convention//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_text(dataset.treaty.short_title)}",
    ]
    for pos in positions(dataset.treaty, dataset.states, as_of):
        for uid, day, summary, description in _upcoming(dataset, pos):
            lines += [
                "BEGIN:VEVENT",
                f"UID:{uid}@ottawa-cli",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
                f"SUMMARY:{_text(summary)}",
                f"DESCRIPTION:{_text(description)}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _upcoming(dataset: Dataset, pos: Position) -> list[tuple[str, dt.date, str, str]]:
    name, code = pos.state.name, pos.state.iso3
    events = []
    art20 = pos.art20
    if art20 is not None and art20.takes_effect is not None and art20.takes_effect > pos.as_of:
        events.append(
            (
                f"withdrawal-takes-effect-{code}",
                art20.takes_effect,
                f"{name}: withdrawal takes effect",
                f"{dataset.treaty.withdrawal.article}: received {art20.received.isoformat()}.",
            )
        )
    if pos.status == "pending-entry-into-force" and pos.entry_into_force:
        events.append(
            (
                f"entry-into-force-{code}",
                pos.entry_into_force,
                f"{name}: the Convention enters into force",
                f"{dataset.treaty.entry_into_force.article}.",
            )
        )
    for deadline in deadlines(dataset.treaty, pos):
        if deadline.binding and deadline.due > pos.as_of:
            events.append(
                (
                    f"{deadline.duty.id}-{code}",
                    deadline.due,
                    f"{name}: {deadline.duty.title}",
                    f"{deadline.duty.article}.",
                )
            )
    return events


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping (3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """Fold lines longer than 75 octets (3.1), never splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74  # continuation lines start with one space
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


FORMATS: dict[str, Callable[[Dataset, dt.date], str]] = {
    "json": as_json,
    "csv": as_csv,
    "ics": as_ics,
}
