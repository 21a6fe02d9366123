"""What-if calculators: the treaty's rules applied to any date (`ottawa calc`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from ottawa_cli.api import Data, load, today
from ottawa_cli.dates import human
from ottawa_cli.errors import UsageError
from ottawa_cli.law.clauses import (
    WithdrawalOutcome,
    check_possible,
    explain_entry_into_force,
    notice_refused,
    withdrawal_takes_effect,
)
from ottawa_cli.law.model import ArmedConflict, Dataset, Duty
from ottawa_cli.law.position import Position, duty_due
from ottawa_cli.law.steps import Step, step

ONGOING: Literal["ongoing"] = "ongoing"


@dataclass(frozen=True, kw_only=True)
class WithdrawQuery:
    received: dt.date
    # The State is engaged in an armed conflict from receipt until this day, or with no end.
    armed_conflict_until: dt.date | Literal["ongoing"] | None = None
    # A later date the notice names for the withdrawal to take effect.
    later_date: dt.date | None = None
    # The day the record is read as known (`withdraw_for_state`: a conflict recorded as ongoing
    # may yet end before a period ending after it).
    today: dt.date = field(default_factory=today)


@dataclass(frozen=True, kw_only=True)
class WithdrawResult:
    kind: ClassVar[str] = "withdraw"
    dataset: Dataset
    outcome: WithdrawalOutcome


def withdraw(data: Data, query: WithdrawQuery) -> WithdrawResult:
    """When a withdrawal received on a day would take effect, step by step."""
    dataset = load(data)
    treaty = dataset.treaty
    check_possible(treaty, "withdrawal", query.received)
    # A what-if has no State, so no membership to count; the windows are the treaty's own.
    if (refused := notice_refused(treaty, query.received, None)) is not None:
        from ottawa_cli.reasons import say

        raise UsageError(say(refused))
    conflicts = []
    if query.armed_conflict_until is not None:
        conflicts.append(_assumed_conflict(dataset, query))
    _check_later_date(dataset, query)
    outcome = withdrawal_takes_effect(
        treaty.withdrawal, query.received, conflicts, later_date=query.later_date
    )
    return WithdrawResult(dataset=dataset, outcome=outcome)


@dataclass(frozen=True, kw_only=True)
class StateWithdrawResult:
    kind: ClassVar[str] = "withdraw-state"
    # The treaty's data; read through the cache it holds no States, only the header.
    dataset: Dataset
    received: dt.date
    # The State's position on the day the notice would be received, before it.
    position: Position
    # When the notice would take effect; None where it would have none (`refused` says why).
    outcome: WithdrawalOutcome | None
    refused: Step | None
    # The armed conflicts the clause weighs: those recorded for the State, and one assumed.
    armed_conflicts: tuple[ArmedConflict, ...]
    steps: tuple[Step, ...]


def withdraw_for_state(data: Data, query: WithdrawQuery, state: str) -> StateWithdrawResult:
    """When a notice of withdrawal the State gave on a day would take effect, on its record:
    whether it is a Party that day (a non-party, a State the treaty is not yet in force for,
    one that has withdrawn, or one with a notice already pending has nothing to give notice
    of), the clause its instrument is read under, and the armed conflicts recorded for it
    (with the one assumed, if any)."""
    from ottawa_cli.api import find_state
    from ottawa_cli.law.clauses import withdrawal_rule
    from ottawa_cli.law.position import position

    dataset, found = find_state(data, state)
    treaty = dataset.treaty
    received = query.received
    pos = position(treaty, found, received)
    # The conflicts recorded for the State that could still hold a notice given that day, as
    # known today (one recorded as ongoing may yet end before the period does); or the one
    # `--armed-conflict-until` assumes, which replaces them: the question is then "what if".
    conflicts = [c for c in found.armed_conflicts if c.end is None or c.end > received]
    known_on: dt.date | None = max(query.today, received)
    steps = [_standing(pos, treaty.called)]
    # A communication that is no instrument (Ukraine's "suspension" of the Mine Ban Convention,
    # 2025) is said, and changes nothing.
    steps += [
        step("communication-no-effect", day=e.date, title=e.title, called=treaty.called)
        for e in pos.events
        if e.kind == "notification" and not e.has_legal_effect
    ]
    if query.armed_conflict_until is not None:
        assumed = _assumed_conflict(dataset, query)
        if conflicts:
            steps.append(
                step("assumed-conflict-replaces", conflicts=tuple(c.name for c in conflicts))
            )
        conflicts, known_on = [assumed], None
    _check_later_date(dataset, query)
    # A treaty not in force at all: the clause's own reason says so (no State is a Party).
    refused = _why_no_notice(pos, treaty.called) if treaty.entry_into_force.in_force else None
    if refused is None:
        refused = notice_refused(treaty, received, pos.entry_into_force, pos.consent)
    outcome = None
    if refused is None:
        rule = withdrawal_rule(treaty, pos.consent)
        if conflicts and not rule.armed_conflict_clause:
            steps.append(
                step(
                    "conflict-no-clause",
                    conflicts=tuple(c.name for c in conflicts),
                    article=rule.article,
                )
            )
        outcome = withdrawal_takes_effect(
            rule, received, conflicts, as_of=known_on, later_date=query.later_date
        )
        steps.extend(outcome.steps)
    else:
        steps.append(refused)
    return StateWithdrawResult(
        dataset=dataset,
        received=received,
        position=pos,
        outcome=outcome,
        refused=refused,
        armed_conflicts=tuple(conflicts),
        steps=tuple(steps),
    )


def _standing(pos: Position, called: str) -> Step:
    """The State's standing on the day, from its record."""
    return step(
        "standing",
        state=pos.state.name,
        day=pos.as_of,
        status=pos.status,
        consent=pos.consent.kind if pos.consent is not None else None,
        deposited=pos.consent.date if pos.consent is not None else None,
        in_force=pos.entry_into_force,
        called=called,
    )


def _why_no_notice(pos: Position, called: str) -> Step | None:
    """Why the State, as it stands on the day, has no membership a notice could end; or None."""
    name, day = pos.state.name, pos.as_of
    if pos.status == "not-a-party":
        return step("no-membership", state=name, day=day)
    if pos.status == "signatory":
        return step("no-membership-signatory", state=name, day=day)
    if pos.status == "pending-entry-into-force":
        return step(
            "no-membership-not-yet-in-force",
            called=called,
            state=name,
            day=day,
            in_force=pos.entry_into_force,
        )
    if pos.status == "withdrawn":
        return step("no-membership-withdrawn", state=name, since=pos.since)
    if pos.outcome is not None and pos.status in ("withdrawing", "withdrawal-suspended"):
        pending = pos.outcome
        return step(
            "no-membership-pending", received=pending.received, takes_effect=pending.takes_effect
        )
    return None


def _assumed_conflict(dataset: Dataset, query: WithdrawQuery) -> ArmedConflict:
    """The armed conflict `--armed-conflict-until` assumes, from receipt; refused where the
    treaty has no armed-conflict clause or where it ends before receipt."""
    treaty = dataset.treaty
    until = query.armed_conflict_until
    assert until is not None
    if not treaty.withdrawal.armed_conflict_clause:
        raise UsageError(
            f"{treaty.short_title} has no armed-conflict clause in its withdrawal article "
            f"({treaty.withdrawal.article}): an armed conflict changes nothing"
        )
    if until != ONGOING and until < query.received:
        raise UsageError(
            f"the armed conflict assumed ends {human(until)}, before the withdrawal is "
            f"received ({human(query.received)}): it could not hold it"
        )
    return ArmedConflict(
        name="the armed conflict assumed",
        start=query.received,
        end=None if until == ONGOING else until,
        source="calculator",
    )


def _check_later_date(dataset: Dataset, query: WithdrawQuery) -> None:
    treaty = dataset.treaty
    if query.later_date is None:
        return
    if not treaty.withdrawal.later_date_allowed:
        raise UsageError(
            f"{treaty.short_title}'s withdrawal article ({treaty.withdrawal.article}) lets "
            "no notice name a later date"
        )
    if query.later_date <= query.received:
        raise UsageError(
            f"the later date {human(query.later_date)} is not after the notice's receipt "
            f"({human(query.received)})"
        )


@dataclass(frozen=True, kw_only=True)
class JoinQuery:
    deposited: dt.date


@dataclass(frozen=True, kw_only=True)
class DutyDue:
    duty: Duty
    # A one-off duty's date; None for an annual one.
    due: dt.date | None
    # The first date the duty falls due: `due`, or an annual duty's first day after entry into
    # force; None if it would pass the calendar's end.
    first_due: dt.date | None


@dataclass(frozen=True, kw_only=True)
class JoinResult:
    kind: ClassVar[str] = "join"
    dataset: Dataset
    deposited: dt.date
    entry_into_force: dt.date
    # In the order they fall due.
    deadlines: tuple[DutyDue, ...]
    steps: tuple[Step, ...]


def join(data: Data, query: JoinQuery) -> JoinResult:
    """When the treaty would enter into force for a State depositing on a day, and what
    follows."""
    dataset = load(data)
    treaty = dataset.treaty
    check_possible(treaty, "deposit", query.deposited)
    in_force, reason = explain_entry_into_force(treaty.entry_into_force, query.deposited)
    due = [
        DutyDue(
            duty=duty,
            due=duty_due(duty, in_force) if duty.annually_on is None else None,
            first_due=duty_due(duty, in_force),
        )
        for duty in treaty.duties
    ]
    due.sort(key=lambda d: d.first_due or dt.date.max)
    return JoinResult(
        dataset=dataset,
        deposited=query.deposited,
        entry_into_force=in_force,
        deadlines=tuple(due),
        steps=(reason,),
    )
