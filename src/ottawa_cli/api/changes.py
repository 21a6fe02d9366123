"""What changed, for those who want to be told (`ottawa changes`): every recorded instrument,
notice and revocation, and every effect the rules compute from them (an entry into force, a
withdrawal taking effect or held), dated by when it happened or by when the data recorded it.

Nothing here walks a State's events: each event's entries are `law.timeline.event_entries`, which
reads the one fold of the record (`law.history.history`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from ottawa_cli.api import Data, load, today
from ottawa_cli.errors import Named, UsageError
from ottawa_cli.law.evidence import Evidence, of_event, weakest
from ottawa_cli.law.model import Dataset, Event, Source, State
from ottawa_cli.law.timeline import Entry, EntryKind

By = Literal["happened", "recorded"]
BYS: tuple[By, ...] = ("happened", "recorded")
# How a change's `recorded` date was found: the earliest dated source that records the event,
# or, where none of its sources is dated, the day the data was verified (the depositary's record
# for a depositary fact, the other sources' for the rest): the latest the record can have had it.
RecordedFrom = Literal["source", "verification"]

# What a reader is told of: instruments, notices, revocations and their effects under the
# treaty; not domestic milestones, communications with no effect, or deadlines.
TOLD: frozenset[EntryKind] = frozenset(
    {
        "signature",
        "provisional-application",
        "consent",
        "consent-withdrawn",
        "entry-into-force",
        "withdrawal-received",
        "withdrawal-takes-effect",
        "withdrawal-held",
        "withdrawal-revoked",
        "non-intention",
    }
)


@dataclass(frozen=True, kw_only=True)
class ChangesQuery:
    since: dt.date
    # The last day shown; None: today.
    until: dt.date | None = None
    by: By = "happened"
    today: dt.date = field(default_factory=today)

    @property
    def last(self) -> dt.date:
        return self.today if self.until is None else self.until


@dataclass(frozen=True, kw_only=True)
class Change:
    """One thing that happened under a treaty: a recorded event, or an effect computed from one."""

    dataset: Dataset
    state: State
    entry: Entry
    # The recorded event the entry is, or follows from (the notice a withdrawal's effect
    # follows from).
    event: Event
    # The day the data's sources recorded the event (for an effect, the event it follows from).
    recorded: dt.date
    recorded_from: RecordedFrom
    # The weakest class among the facts the entry rests on (a withdrawal's effect: the
    # instrument and the notice).
    evidence: Evidence
    # For a notice or an instrument: the day it takes effect, as the rules compute it.
    effect: dt.date | None = None

    @property
    def date(self) -> dt.date:
        return self.entry.date

    @property
    def source(self) -> Source | None:
        return self.dataset.sources.get(self.event.source)


@dataclass(frozen=True, kw_only=True)
class ChangesResult:
    kind: ClassVar[str] = "changes"
    # In the order of the date asked for (`by`), then treaty, State and the order of the record.
    changes: tuple[Change, ...]
    # Every treaty asked, so that how current each one's data is is said even when nothing
    # changed.
    datasets: tuple[Dataset, ...]
    since: dt.date
    until: dt.date
    by: By
    today: dt.date
    # The treaty asked: an id, or "all".
    treaty: str
    # Treaties whose data could not be read, each with why: the others are still answered.
    failed: tuple[tuple[str, str], ...] = ()


def recorded_on(event: Event, dataset: Dataset) -> tuple[dt.date, RecordedFrom]:
    """The day the data's sources recorded an event: the earliest dated source among its own
    (`source`, `see_also`) dated on or after it (before it, only for an announced event); else
    the day the data was verified, never before the event itself."""
    dates = [
        source.date
        for key in (event.source, *event.see_also)
        if (source := dataset.sources.get(key)) is not None
        and source.date is not None
        and (event.announced or source.date >= event.date)
    ]
    if dates:
        return min(dates), "source"
    verified = dataset.verified
    others = verified.others_to or verified.as_at
    depositary = of_event(event, dataset.sources) == "depositary"
    day = verified.as_at if depositary and event.date <= verified.as_at else others
    return max(day, event.date), "verification"


def _consent_of(dataset: Dataset, state: State, notice: Event) -> Event | None:
    from ottawa_cli.law.history import history

    return next(
        (
            period.consent
            for period in history(dataset.treaty, state.events, state.armed_conflicts)
            if any(n.event is notice for n in period.notices)
        ),
        None,
    )


def state_changes(dataset: Dataset, state: State, today: dt.date) -> list[Change]:
    """Every change of one State under the treaty, whatever its date."""
    from ottawa_cli.law.timeline import event_entries

    out: list[Change] = []
    for event in sorted(state.events, key=lambda e: e.date):
        entries = [e for e in event_entries(dataset.treaty, state, event, today) if e.kind in TOLD]
        if not entries:
            continue
        recorded, basis = recorded_on(event, dataset)
        own = of_event(event, dataset.sources)
        rests_on = own
        if event.kind == "withdrawal":
            consent = _consent_of(dataset, state, event)
            if consent is not None:
                rests_on = weakest((own, of_event(consent, dataset.sources)))
        effect = next(
            (
                e.date
                for e in entries
                if e.computed and e.kind in ("entry-into-force", "withdrawal-takes-effect")
            ),
            None,
        )
        for entry in entries:
            out.append(
                Change(
                    dataset=dataset,
                    state=state,
                    entry=entry,
                    event=event,
                    recorded=recorded,
                    recorded_from=basis,
                    evidence=rests_on if entry.computed else own,
                    effect=None if entry.computed else effect,
                )
            )
    return out


def _day(change: Change, by: By) -> dt.date:
    return change.recorded if by == "recorded" else change.date


def _order(change: Change, by: By) -> tuple[dt.date, dt.date, str, str, int]:
    from ottawa_cli.store.lookup import normalize

    return (
        _day(change, by),
        change.date,
        change.dataset.treaty.id,
        normalize(change.state.name),
        _KINDS.index(change.entry.kind),
    )


_KINDS: tuple[EntryKind, ...] = (
    "signature",
    "consent",
    "consent-withdrawn",
    "provisional-application",
    "entry-into-force",
    "non-intention",
    "withdrawal-received",
    "withdrawal-held",
    "withdrawal-takes-effect",
    "withdrawal-revoked",
)


def _check(query: ChangesQuery) -> None:
    if query.since > query.last:
        until = Named("until") if query.until is not None else "today"
        raise UsageError(
            Named("since"),
            f" {query.since.isoformat()} is after ",
            until,
            f" ({query.last.isoformat()}): nothing can be shown",
        )


def _within(dataset: Dataset, query: ChangesQuery) -> list[Change]:
    return [
        c
        for state in dataset.states
        for c in state_changes(dataset, state, query.today)
        if query.since <= _day(c, query.by) <= query.last
    ]


def changes(data: Data, query: ChangesQuery) -> ChangesResult:
    """One treaty's changes from `since` to `until`, by the date asked for."""
    _check(query)
    dataset = load(data)
    found = sorted(_within(dataset, query), key=lambda c: _order(c, query.by))
    return ChangesResult(
        changes=tuple(found),
        datasets=(dataset,),
        since=query.since,
        until=query.last,
        by=query.by,
        today=query.today,
        treaty=dataset.treaty.id,
    )


def changes_everywhere(query: ChangesQuery) -> ChangesResult:
    """Every bundled treaty's changes (`--treaty all`); a treaty whose data cannot be read is
    named, and the others are still answered."""
    from ottawa_cli.errors import DataError
    from ottawa_cli.store.bundled import ALL, treaty_ids, treaty_path

    _check(query)
    found: list[Change] = []
    datasets: list[Dataset] = []
    failed: list[tuple[str, str]] = []
    for treaty in treaty_ids():
        try:
            dataset = load(treaty_path(treaty))
        except DataError as error:
            failed.append((treaty, str(error)))
            continue
        datasets.append(dataset)
        found.extend(_within(dataset, query))
    return ChangesResult(
        changes=tuple(sorted(found, key=lambda c: _order(c, query.by))),
        datasets=tuple(datasets),
        since=query.since,
        until=query.last,
        by=query.by,
        today=query.today,
        treaty=ALL,
        failed=tuple(failed),
    )
