"""What-if calculators: the treaty's rules applied to any date (`ottawa calc`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar, Literal

from ottawa_cli.api import Data, load
from ottawa_cli.dates import human
from ottawa_cli.errors import UsageError
from ottawa_cli.models import ArmedConflict, Dataset, Duty
from ottawa_cli.rules import (
    WithdrawalOutcome,
    check_possible,
    duty_due,
    explain_entry_into_force,
    notice_refused,
    withdrawal_takes_effect,
)

ONGOING: Literal["ongoing"] = "ongoing"


@dataclass(frozen=True, kw_only=True)
class WithdrawQuery:
    received: dt.date
    # The State is engaged in an armed conflict from receipt until this day, or with no end.
    armed_conflict_until: dt.date | Literal["ongoing"] | None = None
    # A later date the notice names for the withdrawal to take effect.
    later_date: dt.date | None = None


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
        raise UsageError(refused)
    conflicts = []
    until = query.armed_conflict_until
    if until is not None:
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
        conflicts.append(
            ArmedConflict(
                name="the armed conflict assumed",
                start=query.received,
                end=None if until == ONGOING else until,
                source="calculator",
            )
        )
    if query.later_date is not None:
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
    outcome = withdrawal_takes_effect(
        treaty.withdrawal, query.received, conflicts, later_date=query.later_date
    )
    return WithdrawResult(dataset=dataset, outcome=outcome)


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
    steps: tuple[str, ...]


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
