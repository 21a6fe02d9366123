"""A State's position on one day (`position`: the period that holds that day, and why), the
counts and pending notices built from it, and the deadlines that follow from entry into force."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable
from typing import Literal

from ottawa_cli.frozen import dataclass
from ottawa_cli.law.clauses import (
    WithdrawalOutcome,
    add_period,
    in_force_for,
    withdrawal_rule,
    withdrawal_takes_effect,
)
from ottawa_cli.law.history import Membership, history
from ottawa_cli.law.model import (
    Completion,
    Duty,
    Event,
    Extension,
    State,
    Treaty,
)
from ottawa_cli.law.steps import Step, step

Status = Literal[
    "not-a-party",
    "signatory",
    "pending-entry-into-force",
    "party",
    "withdrawing",
    "withdrawal-suspended",
    "withdrawn",
]


# In the order a State moves through them: a status never goes back without a new instrument.
STATUSES: tuple[Status, ...] = typing.get_args(Status)


# Statuses in which a State is bound by the treaty on the day: a withdrawing State is still a
# State Party until its withdrawal takes effect (Art. 20(3)).
BOUND: frozenset[Status] = frozenset({"party", "withdrawing", "withdrawal-suspended"})


@dataclass(frozen=True, kw_only=True, slots=True)
class Position:
    """A State's legal position under the treaty on one date, and why."""

    state: State
    as_of: dt.date
    status: Status
    # The day the current status began, as far as the record says.
    since: dt.date | None
    signed: dt.date | None
    # The instrument of the State's current (or last) period as a party.
    consent: Event | None
    entry_into_force: dt.date | None
    withdrawal: Event | None
    outcome: WithdrawalOutcome | None
    # A declaration of provisional application in the current period as a party (it binds
    # until the treaty enters into force for the State).
    provisional: Event | None
    # The State's history up to and including `as_of`.
    events: tuple[Event, ...]
    steps: tuple[Step, ...]
    # The events the status and its date rest on (the signature, the instrument, the notice of
    # withdrawal and a revocation of it): an answer is only as well established as they are.
    depends_on: tuple[Event, ...] = ()

    @property
    def bound(self) -> bool:
        return self.status in BOUND


def position(treaty: Treaty, state: State, as_of: dt.date) -> Position:
    """The State's status on `as_of` from its history as recorded up to that day.

    A succession binds from the date the depositary records (`bound_from`), not from a date
    computed under the entry-into-force rule. A State that withdraws and later deposits a new
    instrument starts a new period as a party.
    """
    events = tuple(sorted((e for e in state.events if e.date <= as_of), key=lambda e: e.date))
    signature = next((e for e in events if e.kind == "signature"), None)
    signed = signature.date if signature is not None else None
    periods = history(treaty, events, state.armed_conflicts)
    withdrawn = [p for p in periods if p.withdrawn_by is not None]
    periods = [p for p in periods if p.withdrawn_by is None]
    current = (
        periods[-1]
        if periods
        and periods[-1].consent.date
        > max(
            (p.withdrawn_by.date for p in withdrawn if p.withdrawn_by is not None),
            default=dt.date.min,
        )
        else None
    )
    consent = current.consent if current is not None else None
    provisional = current.provisional if current is not None else None
    standing = current.standing if current is not None else None
    withdrawal = standing.event if standing is not None else None
    notices = current.notices if current is not None else ()
    if current is None:
        # Declared on signing, before any instrument (the ATT's Art. 23).
        provisional = next(
            (e for e in reversed(events) if e.kind == "provisional-application"), None
        )

    steps: list[Step] = []
    if signed is not None:
        steps.append(step("signed", day=signed))
    for period in withdrawn:
        assert period.withdrawn_by is not None
        steps.append(
            step(
                "instrument-withdrawn",
                kind=period.consent.kind,
                deposited=period.consent.date,
                withdrawn=period.withdrawn_by.date,
            )
        )
    for declared in (e for e in events if e.kind == "non-intention"):
        steps.append(step("non-intention", day=declared.date))
    in_force: dt.date | None = None
    outcome: WithdrawalOutcome | None = None
    since: dt.date | None
    if consent is None:
        status: Status = "signatory" if signed else "not-a-party"
        since = signed
    else:
        in_force = in_force_for(treaty, consent, steps)
        for notice in notices:
            if notice.revoked_by is not None:
                steps.append(
                    step(
                        "notice-revoked",
                        received=notice.event.date,
                        revoked=notice.revoked_by.date,
                    )
                )
            elif notice.refused is not None:
                steps.append(notice.refused)
        previous = _still_bound_by(treaty, state, periods[:-1], as_of)
        if withdrawal is None:
            # A succession with no recorded date binds at the latest from its deposit.
            not_in_force = not treaty.entry_into_force.in_force
            if (
                not_in_force
                or (in_force is None and consent.kind != "succession")
                or (in_force is not None and as_of < in_force)
            ):
                status, since = "pending-entry-into-force", consent.date
                if previous is not None:
                    # Re-acceded while its denunciation was pending (Trinidad and Tobago and
                    # the ICCPR's first Optional Protocol, 1998): bound by the earlier
                    # instrument until the denunciation takes effect.
                    outcome = previous
                    withdrawal = next(
                        n.event
                        for p in periods[:-1]
                        for n in p.notices
                        if n.event.date == previous.received
                    )
                    status, since = "withdrawing", previous.received
                    steps.append(
                        step(
                            "re-acceded-while-pending",
                            kind=consent.kind,
                            deposited=consent.date,
                            received=previous.received,
                        )
                    )
            else:
                status, since = "party", in_force or consent.date
        else:
            outcome = withdrawal_takes_effect(
                withdrawal_rule(treaty, consent),
                withdrawal.date,
                state.armed_conflicts,
                as_of,
                later_date=withdrawal.later_date,
            )
            steps.extend(outcome.steps)
            named_later = not outcome.held_by and outcome.takes_effect is not None
            if as_of < outcome.period_expires or (
                named_later and outcome.takes_effect is not None and as_of < outcome.takes_effect
            ):
                status, since = "withdrawing", outcome.received
            elif outcome.takes_effect is None or as_of < outcome.takes_effect:
                status, since = "withdrawal-suspended", outcome.period_expires
            else:
                status, since = "withdrawn", outcome.takes_effect
    if consent is None:
        depends_on: tuple[Event, ...] = (
            *((signature,) if signature is not None else ()),
            *(e for p in withdrawn for e in (p.consent, p.withdrawn_by) if e is not None),
        )
    else:
        revoked = [(n.event, n.revoked_by) for n in notices if n.revoked_by is not None]
        depends_on = (
            consent,
            *((withdrawal,) if withdrawal is not None else ()),
            *(e for pair in revoked for e in pair if e is not None),
        )
    return Position(
        state=state,
        as_of=as_of,
        status=status,
        since=since,
        signed=signed,
        consent=consent,
        entry_into_force=in_force,
        withdrawal=withdrawal,
        outcome=outcome,
        provisional=provisional,
        events=events,
        steps=tuple(steps),
        depends_on=depends_on,
    )


def _still_bound_by(
    treaty: Treaty, state: State, earlier: list[Membership], as_of: dt.date
) -> WithdrawalOutcome | None:
    """The pending notice of an earlier period, if the State is still bound by it on `as_of`."""
    if not earlier or (notice := earlier[-1].standing) is None:
        return None
    outcome = withdrawal_takes_effect(
        withdrawal_rule(treaty, earlier[-1].consent),
        notice.event.date,
        state.armed_conflicts,
        as_of,
        later_date=notice.event.later_date,
    )
    if outcome.takes_effect is None or as_of < outcome.takes_effect:
        return outcome
    return None


def positions(treaty: Treaty, states: Iterable[State], as_of: dt.date) -> list[Position]:
    return [position(treaty, s, as_of) for s in states]


def count_parties(treaty: Treaty, states: Iterable[State], as_of: dt.date) -> int:
    """States bound on `as_of`: parties, including those whose withdrawal is not yet in effect."""
    return sum(1 for p in positions(treaty, states, as_of) if p.bound)


def pending_withdrawals(treaty: Treaty, states: Iterable[State], as_of: dt.date) -> list[Position]:
    """Withdrawals received but not in effect on `as_of`, soonest first; held ones last."""
    pending = [
        p
        for p in positions(treaty, states, as_of)
        if p.status in ("withdrawing", "withdrawal-suspended")
    ]

    def order(p: Position) -> tuple[bool, dt.date, str]:
        assert p.outcome is not None
        held = p.outcome.suspended_by_armed_conflict or bool(p.outcome.at_risk_from)
        return (held, p.outcome.takes_effect or dt.date.max, p.state.name)

    return sorted(pending, key=order)


@dataclass(frozen=True, kw_only=True, slots=True)
class Deadline:
    duty: Duty
    due: dt.date
    # False when the State is no longer bound on the due date (it withdrew before).
    binding: bool
    # The date the treaty itself sets, when an extension moved `due`.
    original: dt.date | None = None
    extension: Extension | None = None
    # The State declared the duty fulfilled, on or before `as_of`.
    completion: Completion | None = None
    # The day the State's membership ended (its withdrawal took effect) on or before `as_of`:
    # from then no duty runs, whatever its date.
    ended: dt.date | None = None

    @property
    def original_deadline(self) -> bool:
        """The date the treaty sets, where it may have been extended and no extension is
        recorded: the original deadline, not necessarily the one in force."""
        return self.duty.may_be_extended_under is not None and self.extension is None


def duty_due(duty: Duty, in_force: dt.date, on_or_after: dt.date | None = None) -> dt.date | None:
    """When a duty falls due for a State the treaty entered into force for on `in_force`.

    A one-off duty: a period after entry into force. An annual one (Art. 7(2) of the Mine Ban
    Convention: by 30 April each year): the next such day on or after `on_or_after`, and never
    before the first one after entry into force, since no duty falls due before the State is
    bound. None for an annual duty whose next day would pass the calendar's end.
    """
    if duty.after_entry_into_force is not None:
        return add_period(in_force, duty.after_entry_into_force)
    if duty.annually_on is None:
        return None
    month, day = (int(x) for x in duty.annually_on.split("-"))
    start = in_force if on_or_after is None or on_or_after <= in_force else on_or_after
    due = dt.date(start.year, month, day)
    # The first report falls due after entry into force, not on its day.
    if due < start or (due == in_force and start == in_force):
        if due.year == dt.MAXYEAR:
            return None
        due = due.replace(year=due.year + 1)
    return due


def deadlines(treaty: Treaty, pos: Position) -> list[Deadline]:
    """The deadlines that follow from entry into force for the State, in date order.

    Annual duties give the next date on or after `as_of`, if the State is still bound then.
    """
    if pos.entry_into_force is None or pos.status in ("not-a-party", "signatory"):
        return []
    no_longer_bound_from = pos.outcome.takes_effect if pos.outcome else None
    ended = (
        no_longer_bound_from
        if no_longer_bound_from is not None and no_longer_bound_from <= pos.as_of
        else None
    )
    result = []
    for duty in treaty.duties:
        completion = next(
            (c for c in pos.state.completions if c.duty == duty.id and c.date <= pos.as_of), None
        )
        due = duty_due(duty, pos.entry_into_force, pos.as_of)
        if due is None:
            continue
        if duty.after_entry_into_force is not None:
            extension = _latest_extension(pos, duty)
            if extension is not None and extension.until > due:
                result.append(
                    Deadline(
                        duty=duty,
                        due=extension.until,
                        binding=_binding(extension.until, no_longer_bound_from),
                        original=due,
                        extension=extension,
                        completion=completion,
                        ended=ended,
                    )
                )
                continue
        elif not _binding(due, no_longer_bound_from):
            continue  # no next report: the State is no longer bound by then
        result.append(
            Deadline(
                duty=duty,
                due=due,
                binding=_binding(due, no_longer_bound_from),
                completion=completion,
                ended=ended,
            )
        )
    return sorted(result, key=lambda d: d.due)


def _binding(due: dt.date, no_longer_bound_from: dt.date | None) -> bool:
    return no_longer_bound_from is None or due < no_longer_bound_from


def _latest_extension(pos: Position, duty: Duty) -> Extension | None:
    """The extension in force on `as_of`: the latest granted by then."""
    known = [
        e
        for e in pos.state.extensions
        if e.duty == duty.id and (e.granted_on is None or e.granted_on <= pos.as_of)
    ]
    return max(known, key=lambda e: e.until, default=None)
