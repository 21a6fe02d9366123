"""The JSON every command prints with `--json`: a public contract, in one place.

Keys may be added, never renamed or changed in meaning; dates are ISO 8601, null where none. Where
commands disagree on a name, both stay, as documented in the README: a withdrawal's date is
`effective` in a State object but `takes_effect` in `calc withdraw`; the reasoning is `reasons`
in a State object but `steps` in `calc`; `deadlines` is a list of objects in `status` and a
mapping of duty ids to dates in `export` (with the objects as `deadline_details`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ottawa_cli.law.evidence import of_event, of_events
from ottawa_cli.reasons import entry_text, said

if TYPE_CHECKING:
    from ottawa_cli.api.calc import JoinResult, WithdrawResult
    from ottawa_cli.api.export import ExportResult
    from ottawa_cli.api.history import PartiesResult, TimelineResult
    from ottawa_cli.api.sources import SourcesResult
    from ottawa_cli.api.states import ListResult, PendingEverywhereResult, PendingResult
    from ottawa_cli.api.status import StatusEverywhereResult, StatusResult
    from ottawa_cli.api.treaties import TreatiesResult
    from ottawa_cli.api.update import HeldResult
    from ottawa_cli.law.model import Dataset, Event
    from ottawa_cli.law.position import Deadline, Position

JSON = dict[str, Any]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def verification_json(dataset: Dataset, day: dt.date) -> JSON:
    """Added to every object: when the data was verified against the depositary, the latest day
    other sources were read to, and whether the day asked about is after the depositary's date
    (instruments since are not known from the depositary's record)."""
    return {
        "data_verified_as_at": _iso(dataset.verified.as_at),
        "data_others_to": _iso(dataset.verified.others_to),
        "stale": day > dataset.verified.as_at,
        "updates": updates_json(dataset),
    }


def updates_across_json(datasets: Iterable[Dataset]) -> JSON | None:
    """`updates` of an object that answers for several treaties: null where none of their data
    includes a fact of the overlay of `ottawa update`; else the facts counted over all of them,
    the latest page's day, and which treaties (each treaty's own is in its `treaties` entry)."""
    held = [(d.treaty.id, d.updates) for d in datasets if d.updates is not None]
    if not held:
        return None
    return {
        "facts": sum(u.facts for _, u in held),
        "as_at": _iso(max(u.as_at for _, u in held)),
        "reviewed": False,
        "file": None,
        "page": None,
        "treaties": [treaty for treaty, _ in held],
    }


def updates_json(dataset: Dataset) -> JSON | None:
    """The facts `ottawa update` imported into this answer's data (its overlay), or null."""
    updates = dataset.updates
    if updates is None:
        return None
    return {
        "facts": updates.facts,
        "as_at": _iso(updates.as_at),
        "reviewed": False,
        "file": updates.file,
        "page": updates.page,
    }


def _rests_on(pos: Position, dataset: Dataset) -> list[JSON]:
    """The facts the position depends on that rest on less than the depositary's record."""
    from ottawa_cli.store.overlay_folder import SOURCE

    # A fact from the overlay is the depositary's page, but no curator has read it.
    return [
        {"kind": e.kind, "date": _iso(e.date), "evidence": evidence, "source": e.source}
        | ({"reviewed": False} if e.source == SOURCE else {})
        for e in pos.depends_on
        if (evidence := of_event(e, dataset.sources)) != "depositary" or e.source == SOURCE
    ]


def position_json(pos: Position, dataset: Dataset) -> JSON:
    """A State object: the State's history up to and including `as_of`."""
    consent = None
    if pos.consent is not None:
        consent = {"kind": pos.consent.kind, "deposited": _iso(pos.consent.date)}
        if pos.consent.kind == "succession":
            bound_from = pos.consent.bound_from
            consent["bound_from"] = _iso(bound_from.date) if bound_from else None
    withdrawal = None
    if pos.outcome is not None and pos.withdrawal is not None:
        withdrawal = {
            "received": _iso(pos.outcome.received),
            "effective": _iso(pos.outcome.takes_effect),
            "suspended_by_armed_conflict": pos.outcome.suspended_by_armed_conflict,
            "period_expires": _iso(pos.outcome.period_expires),
            "notification": pos.withdrawal.notification,
            # Aligned with `calc withdraw`: the same date as `effective`.
            "takes_effect": _iso(pos.outcome.takes_effect),
        }
    provisional = None
    if pos.provisional is not None:
        provisional = {
            "declared": _iso(pos.provisional.date),
            "applies": pos.provisional.applies,
            "article": dataset.treaty.provisional_application_article,
            # It binds until the treaty itself is in force for the State.
            "until": _iso(pos.entry_into_force),
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
        "since": _iso(pos.since),
        "events": [event_json(e, dataset) for e in pos.events],
        "reasons": said(pos.steps),
        "treaty": dataset.treaty.id,
        "provisional_application": provisional,
        # The weakest class among the facts the status rests on, and those below the
        # depositary's record.
        "not_to_be_confused_with": list(pos.state.not_to_be_confused_with),
        "evidence": of_events(pos.depends_on, dataset.sources),
        "rests_on": _rests_on(pos, dataset),
        # A signatory's notice that it does not intend to become a party.
        "non_intention": next(
            (
                {"date": _iso(e.date), "source": e.source}
                for e in pos.events
                if e.kind == "non-intention"
            ),
            None,
        ),
    } | verification_json(dataset, pos.as_of)


def event_json(event: Event, dataset: Dataset) -> JSON:
    dispute = event.dispute
    return {
        "kind": event.kind,
        "date": _iso(event.date),
        "legal_effect": event.has_legal_effect,
        "source": event.source,
        "notification": event.notification,
        "title": event.title,
        "note": event.note,
        "applies": event.applies,
        "evidence": of_event(event, dataset.sources),
        "conflicting_dates": [
            {"field": c.field, "date": _iso(c.date), "source": c.source, "note": c.note}
            for c in event.conflicting_dates
        ],
        "dispute": None
        if dispute is None
        else {
            "by": dispute.by,
            "reading": dispute.reading,
            "source": dispute.source,
            "date": _iso(dispute.date),
        },
    }


def deadlines_json(due: tuple[Deadline, ...] | list[Deadline]) -> list[JSON]:
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
            # What the duty depends on where the data does not record it; the article under
            # which the deadline may be extended, and whether `due` is the original date; the
            # day the State's membership ended, from which no duty runs.
            "applies_if": d.duty.applies_if,
            "may_be_extended_under": d.duty.may_be_extended_under,
            "original_deadline": d.original_deadline,
            "ended": _iso(d.ended),
        }
        for d in due
    ]


def status_json(result: StatusResult) -> JSON:
    """`status --json`: the State object, with the deadlines that follow for it, and where the
    answer rests on less than the depositary's record and that record reads otherwise, the
    position on the depositary's record alone."""
    other = result.depositary_reading
    return position_json(result.position, result.dataset) | {
        "deadlines": deadlines_json(result.deadlines),
        "evidence_asked": result.evidence,
        "depositary_reading": None
        if other is None
        else {"status": other.status, "since": _iso(other.since)},
        # What the record gives without each fact below the depositary's record the answer
        # turns on.
        "readings": [
            {
                "without": {
                    "kind": fact.kind,
                    "date": _iso(fact.date),
                    "evidence": of_event(fact, result.dataset.sources),
                    "source": fact.source,
                },
                "status": reading.status,
                "since": _iso(reading.since),
            }
            for fact, reading in result.readings
        ],
    }


def status_everywhere_json(result: StatusEverywhereResult) -> list[JSON]:
    """`status --treaty all --json`: a State object per bundled treaty, each naming its treaty;
    a treaty whose data could not be read is `{"treaty", "error"}`."""
    return [status_json(r) for r in result.results] + _failed_json(result.failed)


def _failed_json(failed: tuple[tuple[str, str], ...]) -> list[JSON]:
    return [{"treaty": treaty, "error": error} for treaty, error in failed]


def pending_everywhere_json(result: PendingEverywhereResult) -> JSON:
    """Every treaty's pending withdrawals; how current each treaty's data is, and (the oldest
    record and whether any is stale) at the top, as every object says."""
    currency = [
        {"treaty": d.treaty.id} | verification_json(d, result.as_of) for d in result.datasets
    ]
    oldest = min((d.verified.as_at for d in result.datasets), default=None)
    return {
        "as_of": _iso(result.as_of),
        "states": [position_json(p, dataset) for dataset, p in result.rows],
        "treaty": "all",
        "evidence_asked": result.evidence,
        "left_out": [position_json(p, dataset) for dataset, p in result.left_out],
        "treaties": currency,
        "data_verified_as_at": _iso(oldest),
        "stale": any(c["stale"] for c in currency),
        "updates": updates_across_json(result.datasets),
        "failed": _failed_json(result.failed),
    }


def treaties_json(result: TreatiesResult) -> JSON:
    return {
        "today": _iso(result.today),
        "treaties": [
            {
                "id": row.dataset.treaty.id,
                "short_title": row.dataset.treaty.short_title,
                "title": row.dataset.treaty.title,
                "depositary": row.dataset.treaty.depositary,
                "entry_into_force": _iso(
                    own.date
                    if (own := row.dataset.treaty.entry_into_force.treaty_in_force)
                    else None
                ),
                "in_force": row.dataset.treaty.entry_into_force.in_force,
                "awaits": row.dataset.treaty.entry_into_force.awaits,
                "parties": row.parties,
                "parties_on_less_than_depositary": row.parties_on_less,
                "reference": row.dataset.treaty.reference,
                "status_page": row.dataset.treaty.status_page,
                "party_word": row.dataset.treaty.party_word,
                "verified": {
                    "against": row.dataset.verified.against,
                    "as_at": _iso(row.dataset.verified.as_at),
                },
                "default": row.default,
            }
            | verification_json(row.dataset, result.today)
            for row in result.rows
        ],
        "failed": _failed_json(result.failed),
    }


def list_json(result: ListResult) -> JSON:
    return {
        "as_of": _iso(result.as_of),
        "parties": result.parties,
        "states": [position_json(p, result.dataset) for p in result.positions],
        "treaty": result.dataset.treaty.id,
        "evidence_asked": result.evidence,
    } | verification_json(result.dataset, result.as_of)


def pending_json(result: PendingResult) -> JSON:
    return {
        "as_of": _iso(result.as_of),
        "states": [position_json(p, result.dataset) for p in result.positions],
        "treaty": result.dataset.treaty.id,
        "evidence_asked": result.evidence,
        "left_out": [position_json(p, result.dataset) for p in result.left_out],
    } | verification_json(result.dataset, result.as_of)


def sources_json(result: SourcesResult) -> JSON:
    dataset = result.dataset
    return {
        "name": result.state.name,
        "events": [event_json(e, dataset) | _published_json(e) for e in result.state.events],
        "sources": {
            k: {"title": s.title, "url": s.url, "date": _iso(s.date), "note": s.note}
            for k in result.cited
            if (s := dataset.sources.get(k)) is not None
        },
        "verified": {"against": dataset.verified.against, "as_at": _iso(dataset.verified.as_at)},
        "treaty": dataset.treaty.id,
        "data_verified_as_at": _iso(dataset.verified.as_at),
    }


def _published_json(event: Event) -> JSON:
    return {
        name: {"date": _iso(published.date), "source": published.source}
        for name, published in event.published()
    }


def timeline_json(result: TimelineResult) -> JSON:
    return {
        "today": _iso(result.today),
        "from": _iso(result.start),
        "to": _iso(result.end),
        "states": list(result.states),
        "entries": [
            {
                "date": _iso(e.date),
                "state": e.state,
                "kind": e.kind,
                "text": entry_text(e),
                "article": e.article,
                "computed": e.computed,
                "legal_effect": e.legal_effect,
                "source": e.source,
                "past": e.date <= result.today,
            }
            for e in result.entries
        ],
        "treaty": result.dataset.treaty.id,
        "kinds": sorted(result.kinds),
    } | verification_json(result.dataset, result.today)


def parties_json(result: PartiesResult) -> JSON:
    out: JSON = {
        "changes": [
            {
                "date": _iso(c.date),
                "parties": c.parties,
                "change": c.change,
                "joined": list(c.joined),
                "left": list(c.left),
            }
            for c in result.changes
        ],
        # `parties_at_end` is counted on `as_of`: 31 Dec, or the window's last day.
        "years": [
            {"year": y, "parties_at_end": n, "as_of": _iso(day)} for y, n, day in result.years
        ],
        "treaty": result.dataset.treaty.id,
    } | verification_json(result.dataset, result.end or result.today)
    if result.start is not None:
        out["start"] = {"date": _iso(result.start), "parties": result.at_start}
    return out


def withdraw_json(result: WithdrawResult) -> JSON:
    outcome = result.outcome
    return {
        "received": _iso(outcome.received),
        "period_expires": _iso(outcome.period_expires),
        "takes_effect": _iso(outcome.takes_effect),
        "suspended_by_armed_conflict": outcome.suspended_by_armed_conflict,
        "steps": said(outcome.steps),
        "treaty": result.dataset.treaty.id,
        # The later date the notice was said to name, and whether it decided the day.
        "later_date": _iso(outcome.later_date),
        "later_date_applies": outcome.later_date_applies,
    } | verification_json(result.dataset, outcome.received)


def join_json(result: JoinResult) -> JSON:
    return {
        "deposited": _iso(result.deposited),
        "entry_into_force": _iso(result.entry_into_force),
        "deadlines": [
            {
                "duty": d.duty.id,
                "article": d.duty.article,
                "title": d.duty.title,
                "due": _iso(d.due),
                "annually_on": d.duty.annually_on,
                "first_due": _iso(d.first_due),
                "applies_if": d.duty.applies_if,
                "may_be_extended_under": d.duty.may_be_extended_under,
            }
            for d in result.deadlines
        ],
        "steps": said(result.steps),
        "treaty": result.dataset.treaty.id,
    } | verification_json(result.dataset, result.deposited)


def export_json(result: ExportResult) -> JSON:
    """`export --format json`: every State object with its aliases and deadlines."""
    states = []
    for row in result.rows:
        record = position_json(row.position, result.dataset)
        record["aliases"] = list(row.position.state.aliases)
        record["deadlines"] = {d.duty.id: d.due.isoformat() for d in row.deadlines}
        record["deadline_details"] = deadlines_json(row.deadlines)
        states.append(record)
    dataset = result.dataset
    return {
        "as_of": result.as_of.isoformat(),
        "treaty": {"id": dataset.treaty.id, "title": dataset.treaty.title},
        "verified": {
            "against": dataset.verified.against,
            "as_at": dataset.verified.as_at.isoformat(),
        },
        "states": states,
    } | verification_json(dataset, result.as_of)


def _changes_json(result: Any) -> JSON:
    from ottawa_cli.output.changes import changes_json

    return changes_json(result)


# Each result's shape, by the result's `kind`.
def held_json(result: HeldResult) -> JSON:
    """`ottawa update --list --json`: each treaty's overlay."""
    return {
        "folder": result.folder,
        "updates": [
            {
                "treaty": o.treaty,
                "facts": len(o.facts),
                "as_at": _iso(o.as_at),
                "reviewed": False,
                "file": o.file,
                "page": o.page,
            }
            for o in result.overlays
        ],
    }


SHAPES: dict[str, Callable[[Any], Any]] = {
    "status": status_json,
    "status-everywhere": status_everywhere_json,
    "pending-everywhere": pending_everywhere_json,
    "treaties": treaties_json,
    "list": list_json,
    "pending": pending_json,
    "sources": sources_json,
    "timeline": timeline_json,
    "parties": parties_json,
    "withdraw": withdraw_json,
    "join": join_json,
    "update-list": held_json,
    "export": export_json,
    "changes": _changes_json,
}


def to_json(result: Any) -> Any:
    shape = SHAPES.get(result.kind)
    if shape is None:
        # `--treaty all` for timeline, list, parties, and `calc withdraw --state`: built from
        # the shapes above.
        from ottawa_cli.output import across, whatif

        shape = {**across.SHAPES, **whatif.SHAPES}[result.kind]
    return shape(result)
