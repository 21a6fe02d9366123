"""What each command shows: stable JSON shapes (a public contract) and documents to render.

JSON keys may be added, never renamed or changed in meaning.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from ottawa_cli.dates import human
from ottawa_cli.document import Column, Document, Fields, Line, Style, Table
from ottawa_cli.models import Dataset, Duty, Event, Source
from ottawa_cli.rules import BOUND, Art20Outcome, Deadline, Position, Status, deadlines

if TYPE_CHECKING:
    # Only the timeline commands build these; `status` need not import their module.
    from ottawa_cli.timeline import Entry, PartyCount

_STATUS_STYLE: dict[Status, Style] = {
    "not-a-party": "muted",
    "signatory": "plain",
    "pending-entry-into-force": "emphasis",
    "party": "good",
    "withdrawing": "warning",
    "withdrawal-suspended": "warning",
    "withdrawn": "bad",
}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def status_since(pos: Position) -> dt.date | None:
    """The day the State's current status began, as far as the record says."""
    if pos.status == "signatory":
        return pos.signed
    if pos.status == "pending-entry-into-force" and pos.consent:
        return pos.consent.date
    if pos.status == "party":
        return pos.entry_into_force or (pos.consent.date if pos.consent else None)
    if pos.art20 is None:
        return None
    if pos.status == "withdrawing":
        return pos.art20.received
    if pos.status == "withdrawal-suspended":
        return pos.art20.period_expires
    return pos.art20.takes_effect


def position_json(pos: Position) -> dict[str, Any]:
    consent = None
    if pos.consent is not None:
        consent = {"kind": pos.consent.kind, "deposited": _iso(pos.consent.date)}
        if pos.consent.kind == "succession":
            bound_from = pos.consent.bound_from
            consent["bound_from"] = _iso(bound_from.date) if bound_from else None
    withdrawal = None
    if pos.art20 is not None and pos.withdrawal is not None:
        withdrawal = {
            "received": _iso(pos.art20.received),
            "effective": _iso(pos.art20.takes_effect),
            "suspended_by_armed_conflict": pos.art20.suspended_by_armed_conflict,
            "period_expires": _iso(pos.art20.period_expires),
            "notification": pos.withdrawal.notification,
        }
    return {
        "name": pos.state.name,
        "iso2": pos.state.iso2,
        "iso3": pos.state.iso3,
        "as_of": _iso(pos.as_of),
        "status": pos.status,
        "signed": _iso(pos.signed),
        "consent": consent,
        "entry_into_force": _iso(pos.entry_into_force),
        "withdrawal": withdrawal,
        "since": _iso(status_since(pos)),
        "events": [_event_json(e) for e in pos.events],
        "reasons": list(pos.steps),
    }


def _event_json(event: Event) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "date": _iso(event.date),
        "legal_effect": event.has_legal_effect,
        "source": event.source,
        "notification": event.notification,
        "title": event.title,
        "note": event.note,
    }


def parties(positions: list[Position]) -> int:
    return sum(1 for p in positions if p.status in BOUND)


def list_json(as_of: dt.date, positions: list[Position], total: int) -> dict[str, Any]:
    return {
        "as_of": _iso(as_of),
        "parties": total,
        "states": [position_json(p) for p in positions],
    }


def pending_json(as_of: dt.date, positions: list[Position]) -> dict[str, Any]:
    return {"as_of": _iso(as_of), "states": [position_json(p) for p in positions]}


def _relative(day: dt.date, as_of: dt.date) -> str:
    days = (day - as_of).days
    if days == 0:
        return "today"
    unit = "day" if abs(days) == 1 else "days"
    return f"in {days} {unit}" if days > 0 else f"{-days} {unit} ago"


def _dated(day: dt.date, as_of: dt.date) -> str:
    return f"{human(day)} ({_relative(day, as_of)})"


_EVENT_LABEL = {
    "signature": "signed",
    "ratification": "ratification deposited",
    "acceptance": "acceptance deposited",
    "approval": "approval deposited",
    "accession": "accession deposited",
    "succession": "succession deposited",
    "withdrawal": "withdrawal received",
    "notification": "notification",
    "milestone": "milestone",
}


def status_document(dataset: Dataset, pos: Position, today: dt.date) -> Document:
    rows: list[tuple[str, str]] = [("Status", pos.status)]
    since = status_since(pos)
    if since is not None:
        rows.append(("Since", _dated(since, pos.as_of)))
    if pos.signed:
        rows.append(("Signed", human(pos.signed)))
    if pos.consent:
        rows.append((pos.consent.kind.capitalize(), f"deposited {human(pos.consent.date)}"))
    if pos.entry_into_force:
        rows.append(("In force for it", human(pos.entry_into_force)))
    elif pos.consent and pos.consent.kind == "succession":
        rows.append(("In force for it", "date not recorded (bound at the latest from deposit)"))
    if pos.art20:
        rows.append(("Withdrawal", f"received {human(pos.art20.received)}"))
        if pos.art20.takes_effect:
            verb = "took effect" if pos.art20.takes_effect <= pos.as_of else "takes effect"
            rows.append(
                (
                    "",
                    f"{verb} {_dated(pos.art20.takes_effect, pos.as_of)}, "
                    f"{dataset.treaty.withdrawal.article}",
                )
            )
        else:
            rows.append(
                (
                    "",
                    f"held by {dataset.treaty.withdrawal.article}: not before the end "
                    "of the armed conflict, no end recorded",
                )
            )
        if pos.withdrawal is not None and pos.withdrawal.note:
            rows.append(("", pos.withdrawal.note))
    if pos.as_of != today:
        rows.append(("As of", human(pos.as_of)))

    doc: Document = [
        Line(f"{pos.state.name} — {pos.status}", _STATUS_STYLE[pos.status]),
        Fields(rows),
    ]
    if pos.events:
        doc.append(Line(""))
        doc.append(events_table(dataset, pos.events))
    notices = [e for e in pos.events if not e.has_legal_effect and e.kind == "notification"]
    for notice in notices:
        doc.append(Line(""))
        doc.append(
            Line(
                f"Notice of {human(notice.date)}, with no effect under the Convention: "
                f"{notice.title or 'notification'}",
                "warning",
            )
        )
        if notice.note:
            doc.append(Line(f"  {notice.note}", "warning"))
    for conflict in pos.state.armed_conflicts:
        if conflict.start <= pos.as_of:
            until = (
                f"until {human(conflict.end)}"
                if conflict.end and conflict.end <= pos.as_of
                else "no end recorded"
            )
            doc.append(Line(""))
            doc.append(
                Line(
                    f"Armed conflict (curated assertion, for {dataset.treaty.withdrawal.article}): "
                    f"{conflict.name}, from {human(conflict.start)}, {until}",
                    "muted",
                )
            )
    if pos.steps:
        doc.append(Line(""))
        doc.append(Line("Why", "heading"))
        doc.extend(Line(f"  {step}") for step in pos.steps)
    due = deadlines(dataset.treaty, pos)
    if due:
        doc.append(Line(""))
        doc.append(deadlines_table(due, pos.as_of))
    doc.append(Line(""))
    doc.append(footer(dataset))
    return doc


def events_table(dataset: Dataset, events: tuple[Event, ...]) -> Table:
    table = Table([Column("Date"), Column("Event"), Column("Source")], title="Record")
    for event in events:
        what = _EVENT_LABEL[event.kind]
        if event.title:
            what += f": {event.title}"
        if event.notification:
            what += f" ({event.notification})"
        style: Style = "plain" if event.has_legal_effect else "muted"
        table.add(human(event.date), what, source_label(dataset, event.source), style=style)
    return table


def deadlines_table(due: list[Deadline], as_of: dt.date) -> Table:
    table = Table([Column("Due"), Column("Duty"), Column("Article")], title="Deadlines")
    for deadline in due:
        when = _dated(deadline.due, as_of)
        duty = deadline.duty.title
        if deadline.extension is not None and deadline.original is not None:
            by = f" by the {deadline.extension.granted_by}" if deadline.extension.granted_by else ""
            duty += f" (extended from {human(deadline.original)}{by})"
        if deadline.completion is not None:
            duty += f" — declared completed {human(deadline.completion.date)}"
        if not deadline.binding:
            when += " — no longer binding: withdrawn before"
        done = deadline.completion is not None or deadline.due < as_of
        style: Style = "muted" if not deadline.binding or done else "plain"
        table.add(when, duty, deadline.duty.article, style=style)
    return table


def deadlines_json(due: list[Deadline]) -> list[dict[str, Any]]:
    return [
        {
            "duty": d.duty.id,
            "article": d.duty.article,
            "due": _iso(d.due),
            "binding": d.binding,
            "original": _iso(d.original),
            "extended_by": d.extension.granted_by if d.extension else None,
            "extension_source": d.extension.source if d.extension else None,
            "completed": _iso(d.completion.date) if d.completion else None,
        }
        for d in due
    ]


def status_json(dataset: Dataset, pos: Position) -> dict[str, Any]:
    """`status --json`: the State object, with the deadlines that follow for it."""
    return position_json(pos) | {"deadlines": deadlines_json(deadlines(dataset.treaty, pos))}


def source_label(dataset: Dataset, key: str) -> str:
    source: Source | None = dataset.sources.get(key)
    if source is None:
        return f"{key} (unknown source)"
    title = source.title
    if len(title) <= 70:
        return title
    # A long title: the document's name, before the detail after a comma or parenthesis.
    cut = re.search(r", | \(", title[20:])
    return title[: 20 + cut.start()] if cut and cut.start() < 50 else title[:69] + "…"


def footer(dataset: Dataset) -> Line:
    against = dataset.sources.get(dataset.verified.against)
    name = (
        "UNTC"
        if dataset.verified.against == "untc"
        else (against.title if against else dataset.verified.against)
    )
    return Line(f"Data verified against {name} as at {human(dataset.verified.as_at)}.", "muted")


def list_document(
    positions: list[Position], as_of: dt.date, total: int, dataset: Dataset
) -> Document:
    table = Table(
        [
            Column("State"),
            Column("Status"),
            Column("Since"),
            Column("In force"),
            Column("Withdrawal takes effect"),
        ]
    )
    for pos in positions:
        since = status_since(pos)
        effect = ""
        if pos.art20:
            effect = (
                human(pos.art20.takes_effect) if pos.art20.takes_effect else "held (Art. 20(3))"
            )
        table.add(
            pos.state.name,
            pos.status,
            human(since) if since else "",
            human(pos.entry_into_force) if pos.entry_into_force else "",
            effect,
            style=_STATUS_STYLE[pos.status],
        )
    return [
        table,
        Line(f"{total} States Parties on {human(as_of)}; {len(positions)} States shown."),
        footer(dataset),
    ]


def pending_document(positions: list[Position], as_of: dt.date, dataset: Dataset) -> Document:
    if not positions:
        return [Line(f"No withdrawal pending on {human(as_of)}."), footer(dataset)]
    table = Table(
        [
            Column("State"),
            Column("Received"),
            Column("Takes effect"),
            Column("Countdown", "right"),
            Column("Note"),
        ]
    )
    for pos in positions:
        assert pos.art20 is not None
        art20 = pos.art20
        if art20.takes_effect is not None:
            effect, countdown = human(art20.takes_effect), _relative(art20.takes_effect, as_of)
        else:
            effect, countdown = "not before the conflict ends", "—"
        note = ""
        if art20.held_by:
            note = f"held by {dataset.treaty.withdrawal.article}: " + ", ".join(
                c.name for c in art20.held_by
            )
        elif art20.at_risk_from:
            note = (
                f"armed conflict recorded: {dataset.treaty.withdrawal.article} may hold it "
                "past " + human(art20.period_expires)
            )
        table.add(
            pos.state.name,
            human(art20.received),
            effect,
            countdown,
            note,
            style=_STATUS_STYLE[pos.status],
        )
    return [
        table,
        Line(f"{len(positions)} withdrawals pending on {human(as_of)}."),
        footer(dataset),
    ]


_PUBLISHED_LABEL = {
    "entry_into_force": "entry into force (published)",
    "bound_from": "bound from (succession)",
    "takes_effect": "takes effect (published)",
}


def sources_document(dataset: Dataset, pos: Position) -> Document:
    """Each fact with its source, so a reader can verify any date in one step."""
    table = Table([Column("Fact"), Column("Date"), Column("Source"), Column("Where")])

    def add(fact: str, day: dt.date, key: str) -> None:
        source = dataset.sources.get(key)
        where = (source.url or source.note or "") if source else ""
        table.add(fact, human(day), source.title if source else f"{key} (unknown source)", where)

    for event in pos.state.events:
        add(_EVENT_LABEL[event.kind], event.date, event.source)
        if event.notification:
            table.add("  depositary notification", "", event.notification, "")
        if event.note:
            table.add("  note", "", event.note, "")
        for key in event.see_also:
            add("  see also", event.date, key)
        for name, published in event.published():
            add(f"  {_PUBLISHED_LABEL[name]}", published.date, published.source)
    for conflict in pos.state.armed_conflicts:
        add(f"armed conflict: {conflict.name} (curated assertion)", conflict.start, conflict.source)
    return [Line(f"{pos.state.name} — sources", "heading"), table, footer(dataset)]


def sources_json(dataset: Dataset, pos: Position) -> dict[str, Any]:
    keys = [k for e in pos.state.events for k in e.cited()]
    keys.extend(c.source for c in pos.state.armed_conflicts)
    return {
        "name": pos.state.name,
        "events": [_event_json(e) | _published_json(e) for e in pos.state.events],
        "sources": {
            k: {"title": s.title, "url": s.url, "date": _iso(s.date), "note": s.note}
            for k in dict.fromkeys(keys)
            if (s := dataset.sources.get(k)) is not None
        },
        "verified": {"against": dataset.verified.against, "as_at": _iso(dataset.verified.as_at)},
    }


def _published_json(event: Event) -> dict[str, Any]:
    return {
        name: {"date": _iso(published.date), "source": published.source}
        for name, published in event.published()
    }


# Timeline --------------------------------------------------------------------------------------


def timeline_json(
    entries: list[Entry],
    today: dt.date,
    start: dt.date | None,
    end: dt.date | None,
    states: list[str],
) -> dict[str, Any]:
    return {
        "today": _iso(today),
        "from": _iso(start),
        "to": _iso(end),
        "states": states,
        "entries": [
            {
                "date": _iso(e.date),
                "state": e.state,
                "kind": e.kind,
                "text": e.text,
                "article": e.article,
                "computed": e.computed,
                "legal_effect": e.legal_effect,
                "source": e.source,
                "past": e.date <= today,
            }
            for e in entries
        ],
    }


def timeline_document(entries: list[Entry], today: dt.date, dataset: Dataset) -> Document:
    if not entries:
        return [Line("Nothing in that period."), footer(dataset)]
    table = Table([Column("Date"), Column("State"), Column("Event"), Column("Basis")])
    marked = False
    for entry in entries:
        if not marked and entry.date > today:
            table.add(human(today), "", "── today ──", "", style="warning")
            marked = True
        basis = entry.article or ""
        if not entry.computed and entry.source:
            basis = source_label(dataset, entry.source)
        if not entry.legal_effect:
            basis = f"{basis} · no legal effect" if basis else "no legal effect"
        style: Style = "muted" if entry.date <= today else "emphasis"
        if entry.kind == "withdrawal-takes-effect" or entry.kind == "withdrawal-held":
            style = "bad" if entry.date <= today else "warning"
        table.add(
            human(entry.date), entry.state or "(the Convention)", entry.text, basis, style=style
        )
    if not marked:
        table.add(human(today), "", "── today ──", "", style="warning")
    return [
        table,
        Line(
            "Past entries are dimmed; computed dates cite their article; recorded ones their "
            "source.",
            "muted",
        ),
        footer(dataset),
    ]


# Parties over time ------------------------------------------------------------------------------


def parties_json(counts: list[PartyCount], per_year: list[tuple[int, int]]) -> dict[str, Any]:
    return {
        "changes": [
            {
                "date": _iso(c.date),
                "parties": c.parties,
                "change": c.change,
                "joined": list(c.joined),
                "left": list(c.left),
            }
            for c in counts
        ],
        "years": [{"year": y, "parties_at_end": n} for y, n in per_year],
    }


def parties_document(
    counts: list[PartyCount], per_year: list[tuple[int, int]], dataset: Dataset
) -> Document:
    changes = Table(
        [Column("Date"), Column("Parties", "right"), Column("Change", "right"), Column("Who")],
        title="States Parties at each change",
    )
    for c in counts:
        who = "; ".join(
            f"{verb}: {', '.join(names)}"
            for verb, names in (("joined", c.joined), ("left", c.left))
            if names
        )
        changes.add(
            human(c.date),
            str(c.parties),
            f"{c.change:+d}",
            who,
            style="bad" if c.change < 0 else "plain",
        )
    chart = Table(
        [Column("Year"), Column("Parties", "right"), Column("")],
        title="States Parties at the end of each year",
    )
    peak = max((n for _, n in per_year), default=0) or 1
    for year, n in per_year:
        chart.add(str(year), str(n), "█" * round(40 * n / peak))
    doc: Document = [changes, Line(""), chart]
    falls = [c for c in counts if c.change < 0]
    if falls:
        first = falls[0]
        doc.append(
            Line(
                f"The first fall in the treaty's history: {human(first.date)}, "
                f"{first.change:+d} ({', '.join(first.left)}).",
                "warning",
            )
        )
    doc.append(footer(dataset))
    return doc


# Calculator -------------------------------------------------------------------------------------


def withdraw_json(outcome: Art20Outcome) -> dict[str, Any]:
    return {
        "received": _iso(outcome.received),
        "period_expires": _iso(outcome.period_expires),
        "takes_effect": _iso(outcome.takes_effect),
        "suspended_by_armed_conflict": outcome.suspended_by_armed_conflict,
        "steps": list(outcome.steps),
    }


def withdraw_document(outcome: Art20Outcome) -> Document:
    effect = (
        human(outcome.takes_effect)
        if outcome.takes_effect
        else "no date: not before the end of the armed conflict"
    )
    rows = [
        ("Received", human(outcome.received)),
        ("Six months expire", human(outcome.period_expires)),
        ("Takes effect", effect),
    ]
    return [
        Fields(rows),
        Line(""),
        Line("Why", "heading"),
        *(Line(f"  {step}") for step in outcome.steps),
    ]


def join_json(
    deposited: dt.date, in_force: dt.date, steps: list[str], due: list[tuple[Duty, dt.date | None]]
) -> dict[str, Any]:
    return {
        "deposited": _iso(deposited),
        "entry_into_force": _iso(in_force),
        "deadlines": [
            {
                "duty": d.id,
                "article": d.article,
                "title": d.title,
                "due": _iso(day),
                "annually_on": d.annually_on,
            }
            for d, day in due
        ],
        "steps": steps,
    }


def join_document(
    deposited: dt.date, in_force: dt.date, steps: list[str], due: list[tuple[Duty, dt.date | None]]
) -> Document:
    table = Table([Column("Due"), Column("Duty"), Column("Article")], title="Deadlines")
    for duty, day in due:
        table.add(
            human(day) if day else f"each year by {_month_day(duty.annually_on)}",
            duty.title,
            duty.article,
        )
    return [
        Fields([("Deposited", human(deposited)), ("In force for it", human(in_force))]),
        Line(""),
        Line("Why", "heading"),
        *(Line(f"  {s}") for s in steps),
        Line(""),
        table,
    ]


def _month_day(text: str | None) -> str:
    if not text:
        return ""
    month, day = (int(x) for x in text.split("-"))
    return human(dt.date(2000, month, day)).rsplit(" ", 1)[0]
