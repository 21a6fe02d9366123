"""The treaty's history as dated entries: what was recorded, what follows from it, and counts.

Pure: builds on `law.position` and `law.history`; knows nothing of files or terminals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Literal, TypeVar

from ottawa_cli.frozen import dataclass
from ottawa_cli.law.clauses import (
    entry_into_force,
    entry_into_force_article,
    withdrawal_rule,
    withdrawal_takes_effect,
)
from ottawa_cli.law.history import history
from ottawa_cli.law.model import Event, State, Treaty
from ottawa_cli.law.position import BOUND, Position, deadlines, position
from ottawa_cli.law.steps import Step, step

EntryKind = Literal[
    "treaty",
    "signature",
    "provisional-application",
    "consent",
    # An instrument of consent withdrawn before it bound the State (Malaysia and the Rome
    # Statute, 2019): no entry into force follows.
    "consent-withdrawn",
    "entry-into-force",
    "withdrawal-received",
    "withdrawal-takes-effect",
    "withdrawal-held",
    "withdrawal-revoked",
    "non-intention",
    "notification",
    "milestone",
    "deadline",
    "extension",
    "completion",
]


@dataclass(frozen=True, kw_only=True, slots=True)
class Entry:
    date: dt.date
    state: str | None  # None for the treaty's own entries
    kind: EntryKind
    # What happened, as data: `reasons.entry_text` words it.
    what: Step
    # Why, where the law gives a reason (a notice with no effect): worded after it.
    reason: Step | None = None
    article: str | None = None
    # A recorded fact with a source, or a date computed by the rules.
    computed: bool = False
    # False for notifications and domestic milestones: no effect under the treaty.
    legal_effect: bool = True
    source: str | None = None


def treaty_entries(treaty: Treaty) -> list[Entry]:
    rule = treaty.entry_into_force
    entries = [
        Entry(
            date=treaty.opened_for_signature.date,
            state=None,
            kind="treaty",
            what=step("opened-for-signature"),
            source=treaty.opened_for_signature.source,
        )
    ]
    if rule.threshold_deposit is None or rule.treaty_in_force is None:
        return entries  # not in force: nothing more of its own to date
    entries += [
        Entry(
            date=rule.threshold_deposit.date,
            state=None,
            kind="treaty",
            what=step("threshold-instrument", nth=rule.instruments_required),
            article=rule.article,
            source=rule.threshold_deposit.source,
        ),
        Entry(
            date=rule.treaty_in_force.date,
            state=None,
            kind="treaty",
            what=step("treaty-in-force", called=treaty.called),
            article=rule.treaty_article or rule.article,
            source=rule.treaty_in_force.source,
        ),
    ]
    return entries


def state_entries(
    treaty: Treaty, state: State, today: dt.date, annual: bool = False
) -> list[Entry]:
    """A State's recorded events and every date the rules derive from them.

    Conflicts are taken as known today, so a withdrawal held by an armed conflict reads as held.
    Annual duties (reports) are listed only when `annual` is set: one a year per State would
    drown a treaty-wide timeline.
    """
    out: list[Entry] = []
    name = state.name
    for event in sorted(state.events, key=lambda e: e.date):
        out.extend(_event_entries(treaty, state, event, today))
    for extension in state.extensions:
        if extension.granted_on is not None:
            out.append(
                Entry(
                    date=extension.granted_on,
                    state=name,
                    kind="extension",
                    what=step(
                        "deadline-extended",
                        duty=extension.duty,
                        until=extension.until,
                        by=extension.granted_by,
                    ),
                    source=extension.source,
                )
            )
    for completion in state.completions:
        out.append(
            Entry(
                date=completion.date,
                state=name,
                kind="completion",
                what=step("duty-completed", duty=completion.duty),
                source=completion.source,
            )
        )
    for pos in _periods(treaty, state, today):
        for deadline in deadlines(treaty, pos):
            if deadline.duty.annually_on is not None and not annual:
                continue
            out.append(
                Entry(
                    date=deadline.due,
                    state=name,
                    kind="deadline",
                    what=step(
                        "duty-due",
                        title=deadline.duty.title,
                        applies_if=deadline.duty.applies_if,
                        original_under=deadline.duty.may_be_extended_under
                        if deadline.original_deadline
                        else None,
                        binding=deadline.binding,
                    ),
                    article=deadline.duty.article,
                    computed=True,
                    legal_effect=deadline.binding,
                )
            )
    return out


def _periods(treaty: Treaty, state: State, today: dt.date) -> list[Position]:
    """One position per period as a party: the deadlines of each follow from its own consent."""
    result = []
    consents = [e for e in state.events if e.is_consent]
    for index, consent in enumerate(consents):
        later = (
            consents[index + 1].date - dt.timedelta(days=1) if index + 1 < len(consents) else None
        )
        as_of = today if later is None else min(today, later)
        if as_of < consent.date:
            as_of = consent.date
        result.append(position(treaty, state, as_of))
    return result


def event_entries(treaty: Treaty, state: State, event: Event, today: dt.date) -> list[Entry]:
    """The entries one recorded event gives: the event itself, then what the rules make of it
    (an entry into force, a withdrawal taking effect or held), each dated."""
    return _event_entries(treaty, state, event, today)


def _event_entries(treaty: Treaty, state: State, event: Event, today: dt.date) -> list[Entry]:
    name = state.name
    if event.kind == "signature":
        return [
            Entry(
                date=event.date,
                state=name,
                kind="signature",
                what=step("signature-recorded"),
                source=event.source,
            )
        ]
    if event.kind == "withdrawal-revocation":
        return [
            Entry(
                date=event.date,
                state=name,
                kind="withdrawal-revoked",
                what=step("revocation-recorded"),
                article=treaty.withdrawal.article,
                source=event.source,
            )
        ]
    if event.kind == "non-intention":
        return [
            Entry(
                date=event.date,
                state=name,
                kind="non-intention",
                what=step("non-intention-recorded"),
                source=event.source,
            )
        ]
    if event.kind == "provisional-application":
        return [
            Entry(
                date=event.date,
                state=name,
                kind="provisional-application",
                what=step("provisional-recorded", applies=event.applies),
                article=treaty.provisional_application_article,
                source=event.source,
            )
        ]
    if event.kind in ("notification", "milestone"):
        return [
            Entry(
                date=event.date,
                state=name,
                kind=event.kind,
                what=step("communication-recorded", title=event.title, kind=event.kind),
                legal_effect=False,
                source=event.source,
            )
        ]
    if event.kind == "consent-withdrawal":
        return [
            Entry(
                date=event.date,
                state=name,
                kind="consent-withdrawn",
                what=step("consent-withdrawn-recorded"),
                source=event.source,
            )
        ]
    if event.is_consent:
        entries = [
            Entry(
                date=event.date,
                state=name,
                kind="consent",
                what=step("consent-recorded", kind=event.kind),
                source=event.source,
            )
        ]
        periods = history(treaty, state.events, state.armed_conflicts)
        if any(p.consent is event and p.withdrawn_by is not None for p in periods):
            return entries  # withdrawn before it bound the State: it never enters into force
        if event.kind == "succession":
            if event.bound_from is not None:
                entries.append(
                    Entry(
                        date=event.bound_from.date,
                        state=name,
                        kind="entry-into-force",
                        what=step("bound-from-succession"),
                        source=event.bound_from.source,
                    )
                )
        elif treaty.entry_into_force.in_force:
            entries.append(
                Entry(
                    date=entry_into_force(treaty.entry_into_force, event.date),
                    state=name,
                    kind="entry-into-force",
                    what=step("in-force-for-it", called=treaty.called),
                    article=entry_into_force_article(treaty.entry_into_force, event.date),
                    computed=True,
                )
            )
        return entries
    # A withdrawal: nothing follows from one the clause gives no effect, or one revoked before
    # it took effect; the one reading of the record (`law.history.history`) says which it is.
    found = next(
        (
            (n, period.consent)
            for period in history(treaty, state.events, state.armed_conflicts)
            for n in period.notices
            if n.event is event
        ),
        None,
    )
    notice, consent = found if found is not None else (None, None)
    refused = notice.refused if notice is not None else None
    if notice is None:
        refused = step("refused-not-a-party")
    if refused is not None:
        return [
            Entry(
                date=event.date,
                state=name,
                kind="withdrawal-received",
                what=step("withdrawal-recorded", notification=None),
                reason=refused,
                article=treaty.withdrawal.article,
                legal_effect=False,
                source=event.source,
            )
        ]
    rule = withdrawal_rule(treaty, consent)
    outcome = withdrawal_takes_effect(
        rule, event.date, state.armed_conflicts, today, later_date=event.later_date
    )
    article = rule.article
    period = rule.period
    entries = [
        Entry(
            date=event.date,
            state=name,
            kind="withdrawal-received",
            what=step("withdrawal-recorded", notification=event.notification),
            source=event.source,
        )
    ]

    def computed(day: dt.date, kind: EntryKind, what: Step) -> Entry:
        return Entry(date=day, state=name, kind=kind, what=what, article=article, computed=True)

    if notice is not None and notice.revoked_by is not None:
        return entries  # revoked before it took effect: it never does

    if outcome.takes_effect is not None and not outcome.held_by:
        entries.append(
            computed(outcome.takes_effect, "withdrawal-takes-effect", step("withdrawal-in-effect"))
        )
    elif outcome.takes_effect is not None:
        entries.append(
            computed(
                outcome.period_expires,
                "withdrawal-held",
                step("withdrawal-held", period=period),
            )
        )
        entries.append(
            computed(
                outcome.takes_effect,
                "withdrawal-takes-effect",
                step("withdrawal-in-effect-at-conflict-end"),
            )
        )
    else:
        entries.append(
            computed(
                outcome.period_expires,
                "withdrawal-held",
                step("withdrawal-held-no-end", period=period),
            )
        )
    return entries


def timeline(
    treaty: Treaty,
    states: Sequence[State],
    today: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
    whole_treaty: bool = False,
) -> list[Entry]:
    """Entries for the States (and the treaty's own, for the whole treaty), in date order."""
    entries: list[Entry] = treaty_entries(treaty) if whole_treaty else []
    annual = len(states) == 1
    for state in states:
        entries.extend(state_entries(treaty, state, today, annual=annual))
    return sorted(
        within(entries, start, end), key=lambda e: (e.date, e.state or "", _ORDER.index(e.kind))
    )


_ORDER: tuple[EntryKind, ...] = (
    "treaty",
    "milestone",
    "notification",
    "signature",
    "consent",
    "consent-withdrawn",
    "provisional-application",
    "entry-into-force",
    "withdrawal-received",
    "withdrawal-held",
    "withdrawal-takes-effect",
    "withdrawal-revoked",
    "non-intention",
    "extension",
    "completion",
    "deadline",
)


Dated = TypeVar("Dated", Entry, "PartyCount")


def within(items: Sequence[Dated], start: dt.date | None, end: dt.date | None) -> list[Dated]:
    """The items dated from `start` to `end`, both included; an open end is no bound."""
    return [
        i for i in items if (start is None or i.date >= start) and (end is None or i.date <= end)
    ]


@dataclass(frozen=True, kw_only=True, slots=True)
class PartyCount:
    date: dt.date
    parties: int
    change: int
    joined: tuple[str, ...]
    left: tuple[str, ...]


def parties_over_time(treaty: Treaty, states: Sequence[State], today: dt.date) -> list[PartyCount]:
    """The number of States Parties at every day it changed, and who joined or left that day.

    A State's status changes only on its own dates (deposits, entries into force, withdrawals
    taking effect, conflicts ending), so each State is evaluated on those days alone.
    """
    joined: dict[dt.date, list[str]] = {}
    left: dict[dt.date, list[str]] = {}
    for state in states:
        was_bound = False
        for day in sorted(_state_days(treaty, state, today)):
            bound = position(treaty, state, day).status in BOUND
            if bound != was_bound:
                (joined if bound else left).setdefault(day, []).append(state.name)
            was_bound = bound
    result: list[PartyCount] = []
    total = 0
    for day in sorted(joined.keys() | left.keys()):
        came, went = tuple(sorted(joined.get(day, ()))), tuple(sorted(left.get(day, ())))
        total += len(came) - len(went)
        result.append(
            PartyCount(
                date=day, parties=total, change=len(came) - len(went), joined=came, left=went
            )
        )
    return result


def parties_on(counts: Sequence[PartyCount], day: dt.date) -> int:
    """States Parties on `day`, from the counts at each change."""
    before = [c.parties for c in counts if c.date <= day]
    return before[-1] if before else 0


def first_fall(counts: Sequence[PartyCount]) -> PartyCount | None:
    """The first day in the treaty's history the number of States Parties fell."""
    return next((c for c in counts if c.change < 0), None)


def _state_days(treaty: Treaty, state: State, today: dt.date) -> set[dt.date]:
    """The days the State's events fall on or lead to; deadlines change no status."""
    days = {e.date for event in state.events for e in _event_entries(treaty, state, event, today)}
    days.update(c.end for c in state.armed_conflicts if c.end is not None)
    return days


def yearly(counts: Sequence[PartyCount], first: int, last: int) -> list[tuple[int, int]]:
    """States Parties at the end of each year (31 Dec), from the counts at each change."""
    return [(year, parties_on(counts, dt.date(year, 12, 31))) for year in range(first, last + 1)]


# What `timeline --kind` shows: a group of entry kinds by the word people use, or one kind.
# "withdrawal" is a withdrawal taking effect (or held past its period by an armed conflict);
# "notice" is a notice received (of withdrawal, its revocation, or of non-intention).
KIND_GROUPS: dict[str, tuple[EntryKind, ...]] = {
    "withdrawal": ("withdrawal-takes-effect", "withdrawal-held"),
    "notice": ("withdrawal-received", "withdrawal-revoked", "non-intention"),
}
KINDS: tuple[str, ...] = (*KIND_GROUPS, *_ORDER)


def of_kinds(entries: Sequence[Entry], kinds: Collection[str]) -> list[Entry]:
    """The entries of the kinds asked for (`KINDS`: a group stands for each kind in it); none
    asked: every entry."""
    if not kinds:
        return list(entries)
    wanted = {k for kind in kinds for k in KIND_GROUPS.get(kind, (kind,))}
    return [e for e in entries if e.kind in wanted]
