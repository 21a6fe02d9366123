"""The treaty's clauses as pure functions: entry into force for an instrument, and what the
withdrawal clause makes of a notice (its period, a later date it names, an armed conflict that
holds it, the windows and minimum membership it requires).

Every clause reads its parameters (article, months, the treaty's own entry into force) from the
data's `Treaty`, so a second treaty with a similar clause is new data, not new code. Each step of
the reasoning is returned as data (`law.steps`); `reasons` words it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from dateutil.relativedelta import relativedelta

from ottawa_cli.dates import human
from ottawa_cli.english import period_in_figures
from ottawa_cli.errors import UsageError
from ottawa_cli.frozen import dataclass
from ottawa_cli.law.model import (
    CONSENT_KINDS,
    ArmedConflict,
    EntryIntoForceRule,
    Event,
    Period,
    State,
    Treaty,
    WithdrawalRule,
)
from ottawa_cli.law.steps import Step, step


class OutOfCalendar(UsageError, ValueError):
    """A computed date falls after 9999-12-31, the last day Python's calendar (and ISO) can hold."""


def add_period(start: dt.date, period: Period) -> dt.date:
    """Add calendar years, months and days; a day the month lacks becomes its last day.

    dateutil's relativedelta clamps: 31 Aug + 6 months is 28 Feb (29 Feb in a leap year).
    """
    try:
        return start + relativedelta(years=period.years, months=period.months, days=period.days)
    except (ValueError, OverflowError):
        raise OutOfCalendar(
            f"{_describe(period)} after {start.isoformat()} is later than 9999-12-31, "
            "the last date this tool can represent"
        ) from None


def _describe(period: Period) -> str:
    return period_in_figures(period.years, period.months, period.days)


class BeforeTheTreaty(UsageError, ValueError):
    """A date on which the instrument in question could not exist under the treaty."""


def check_possible(treaty: Treaty, kind: Literal["deposit", "withdrawal"], day: dt.date) -> None:
    """Refuse what-if dates the treaty rules out: a deposit before it was opened for signature,
    a withdrawal before it entered into force (only a State Party may withdraw)."""
    if kind == "deposit" and day < treaty.opened_for_signature.date:
        raise BeforeTheTreaty(
            f"{day.isoformat()} is before {treaty.called} was opened for signature "
            f"({treaty.opened_for_signature.date.isoformat()}): no instrument could be deposited"
        )
    in_force = treaty.entry_into_force.treaty_in_force
    if kind == "withdrawal" and in_force is None:
        raise BeforeTheTreaty(
            f"{treaty.called} is not in force: there is no State Party to withdraw (it awaits "
            f"{treaty.entry_into_force.awaits})"
        )
    if kind == "withdrawal" and in_force is not None and day < in_force.date:
        raise BeforeTheTreaty(
            f"{day.isoformat()} is before {treaty.called} entered into force "
            f"({in_force.date.isoformat()}): there was no State "
            "Party to withdraw"
        )


class NotInForce(UsageError, ValueError):
    """A date that only a treaty in force can give (an entry into force for a State)."""

    def __init__(self, rule: EntryIntoForceRule) -> None:
        super().__init__(
            f"the treaty is not in force ({rule.article}): it awaits {rule.awaits}; no State is "
            "bound by it yet"
        )


def _with_the_treaty(rule: EntryIntoForceRule, deposited: dt.date) -> bool:
    """Whether an instrument deposited that day enters into force with the treaty itself: up to
    the threshold deposit, or, where the rule for later deposits is for those after the
    treaty's entry into force, up to that day."""
    if rule.threshold_deposit is None or rule.treaty_in_force is None:
        raise NotInForce(rule)
    if deposited <= rule.threshold_deposit.date:
        return True
    later = rule.for_later_deposits
    # A deposit on the day of entry into force is "subsequent to" it, not before (the CWC's
    # Art. XXI(2): Cuba's ratification of 29 Apr 1997 entered into force on 29 May 1997).
    return later.applies_after == "entry-into-force" and deposited < rule.treaty_in_force.date


def entry_into_force_article(rule: EntryIntoForceRule, deposited: dt.date) -> str:
    """The provision that decides the date: the treaty's own entry into force for the first
    instruments, the rule for later ones after them (Art. 17(1) and (2) in the Mine Ban
    Convention), as the data names them."""
    if _with_the_treaty(rule, deposited):
        return rule.treaty_article or rule.article
    return rule.later_article or rule.article


def entry_into_force(rule: EntryIntoForceRule, deposited: dt.date) -> dt.date:
    """The date the treaty enters into force for a State that deposited on `deposited`.

    The first instruments give the treaty's own date; later ones, the treaty's rule for later
    deposits (`models.LaterDeposits`): a period from the deposit or from the first day of its
    month, and then, if the text says so, the first day of the next month.
    """
    if _with_the_treaty(rule, deposited):
        assert rule.treaty_in_force is not None
        return rule.treaty_in_force.date
    later = rule.for_later_deposits
    start = deposited.replace(day=1) if later.counted_from == "month-of-deposit" else deposited
    day = add_period(start, later.period)
    if later.then == "first-of-next-month":
        day = add_period(day.replace(day=1), Period(months=1))
    return day


def explain_entry_into_force(rule: EntryIntoForceRule, deposited: dt.date) -> tuple[dt.date, Step]:
    """The date of entry into force, and the step citing the provision behind it."""
    in_force = entry_into_force(rule, deposited)
    article = entry_into_force_article(rule, deposited)
    assert rule.threshold_deposit is not None
    if deposited <= rule.threshold_deposit.date:
        return in_force, step(
            "in-force-with-the-treaty-threshold",
            deposited=deposited,
            nth=rule.instruments_required,
            threshold=rule.threshold_deposit.date,
            in_force=in_force,
            article=article,
        )
    if _with_the_treaty(rule, deposited):
        return in_force, step(
            "in-force-with-the-treaty", deposited=deposited, in_force=in_force, article=article
        )
    later = rule.for_later_deposits
    return in_force, step(
        "in-force-later-deposit",
        deposited=deposited,
        counted_from=later.counted_from,
        period=later.period,
        then=later.then,
        in_force=in_force,
        article=article,
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class WithdrawalOutcome:
    """What the withdrawal clause makes of an instrument of withdrawal, as known on `as_of`."""

    received: dt.date
    # The period counted from receipt (six months in the Mine Ban Convention's Art. 20(3)).
    period_expires: dt.date
    # None while held by an armed conflict with no recorded end.
    takes_effect: dt.date | None
    # The conflict the State is engaged in when the period expires (held), if any.
    held_by: tuple[ArmedConflict, ...] = ()
    # A conflict recorded as ongoing on `as_of` before the period expires: it may yet hold it.
    at_risk_from: tuple[ArmedConflict, ...] = ()
    steps: tuple[Step, ...] = ()
    # A later date the notice names, and whether it decides the day (it must fall after the
    # period's end: an earlier one gives way to the period).
    later_date: dt.date | None = None
    later_date_applies: bool = False

    @property
    def suspended_by_armed_conflict(self) -> bool:
        return bool(self.held_by)


def withdrawal_takes_effect(
    rule: WithdrawalRule,
    received: dt.date,
    armed_conflicts: Iterable[ArmedConflict] = (),
    as_of: dt.date | None = None,
    later_date: dt.date | None = None,
) -> WithdrawalOutcome:
    """In effect a period after receipt, but, where the treaty has an armed-conflict clause, not
    before the end of an armed conflict the State is engaged in when the period expires.

    The period ends on the same day of the month; where that month has no such day (31 Aug + 6
    months), on its last day. If the State is engaged in an armed conflict on the day the period
    expires, the withdrawal takes effect on the day that conflict is recorded as ended, and has no
    date while no end is recorded. Conflicts are taken as known on `as_of`: an end recorded after
    `as_of` is not yet known then.
    """
    counted = add_period(received, rule.period)
    steps = [
        step(
            "period-counted",
            received=received,
            period=rule.period,
            expires=counted,
            article=rule.article,
        )
    ]
    period_expires = counted
    if rule.then == "first-of-next-month":
        period_expires = add_period(counted.replace(day=1), Period(months=1))
        steps.append(step("first-of-next-month", day=period_expires, article=rule.article))
    elif rule.on_day is not None:
        month, day = (int(x) for x in rule.on_day.split("-"))
        last_day = counted.replace(month=month, day=day)
        # The text's day is the last day of membership; the State is out from the next one.
        period_expires = add_period(last_day, Period(days=1))
        steps.append(
            step(
                "on-day",
                last_day=last_day,
                no_longer_bound=period_expires,
                article=rule.article,
            )
        )
    # The day the withdrawal would take effect but for an armed conflict: a later date the
    # notice names, where the treaty allows one, or the period's end.
    effect_from = period_expires
    named = later_date if rule.later_date_allowed else None
    if named is not None and named > period_expires:
        effect_from = named
        steps.append(step("later-date-named", named=named, article=rule.article))
    elif named is not None:
        steps.append(
            step(
                "later-date-not-later",
                named=named,
                period_expires=period_expires,
                article=rule.article,
            )
        )
    words = rule.armed_conflict_words or "engaged in an armed conflict"
    known = [c for c in armed_conflicts if as_of is None or c.start <= as_of]

    def end_known(conflict: ArmedConflict) -> dt.date | None:
        if conflict.end is None or (as_of is not None and conflict.end > as_of):
            return None
        return conflict.end

    def outcome(
        takes_effect: dt.date | None, **more: tuple[ArmedConflict, ...]
    ) -> WithdrawalOutcome:
        return WithdrawalOutcome(
            received=received,
            period_expires=period_expires,
            takes_effect=takes_effect,
            steps=tuple(steps),
            later_date=named,
            later_date_applies=named is not None and named > period_expires,
            **more,
        )

    if not rule.armed_conflict_clause:
        return outcome(effect_from)

    if as_of is not None and as_of < effect_from:
        at_risk = tuple(c for c in known if end_known(c) is None)
        for conflict in at_risk:
            steps.append(
                step(
                    "conflict-may-hold",
                    words=words,
                    conflict=conflict.name,
                    start=conflict.start,
                    effect_from=effect_from,
                    article=rule.article,
                )
            )
        return outcome(effect_from, at_risk_from=at_risk)

    held = tuple(
        c
        for c in known
        if c.start <= effect_from and ((end := end_known(c)) is None or end > effect_from)
    )
    if not held:
        steps.append(step("takes-effect", day=effect_from, article=rule.article))
        return outcome(effect_from)

    ends = [end_known(c) for c in held]
    takes_effect = None if None in ends else max(e for e in ends if e is not None)
    for conflict, end in zip(held, ends, strict=True):
        if end is None:
            steps.append(
                step("held-no-end", words=words, conflict=conflict.name, article=rule.article)
            )
        else:
            steps.append(
                step(
                    "held-ended",
                    words=words,
                    conflict=conflict.name,
                    end=end,
                    article=rule.article,
                )
            )
    if takes_effect is not None:
        steps.append(step("takes-effect-at-conflict-end", day=takes_effect))
    return outcome(takes_effect, held_by=held)


def withdrawal_rule(treaty: Treaty, consent: Event | None) -> WithdrawalRule:
    """The clause a State's notice is read under: the treaty's, or, where the treaty has none,
    a right of withdrawal the State reserved in its instrument (the United States' acceptance
    of the WHO's Constitution: one year's notice)."""
    reserved = consent.reserved_withdrawal if consent is not None else None
    if treaty.withdrawal.clause != "none" or reserved is None:
        return treaty.withdrawal
    assert consent is not None
    return WithdrawalRule(
        article=f"the reservation in its {consent.kind} of {human(consent.date)}",
        period=reserved.period,
    )


def notice_refused(
    treaty: Treaty, received: dt.date, in_force: dt.date | None, consent: Event | None = None
) -> Step | None:
    """Why a notice of withdrawal received on a day can have no effect under the treaty, or
    None: the treaty provides for no withdrawal (and the instrument reserved no right to);
    the notice comes before the membership the treaty requires (`notice_not_before`); or
    outside its windows (`window_every`)."""
    rule = withdrawal_rule(treaty, consent)
    if not treaty.entry_into_force.in_force:
        return step(
            "refused-treaty-not-in-force",
            called=treaty.called,
            awaits=treaty.entry_into_force.awaits,
        )
    if rule.clause == "none":
        return step("refused-no-clause", called=treaty.called, article=rule.article)
    if rule.notice_not_before is not None and in_force is not None:
        try:
            earliest = add_period(in_force, rule.notice_not_before)
        except OutOfCalendar:
            earliest = dt.date.max  # never, within the calendar this tool can hold
        if received < earliest:
            return step(
                "refused-too-early",
                received=received,
                earliest=earliest,
                after=rule.notice_not_before,
                article=rule.article,
            )
    if rule.window_every is not None and rule.window_open is not None:
        assert treaty.entry_into_force.treaty_in_force is not None
        start = treaty.entry_into_force.treaty_in_force.date
        try:
            opens = _window_for(start, rule.window_every, rule.window_open, received)
        except OutOfCalendar:
            return step("refused-no-window", received=received, article=rule.article)
        if received < opens:
            return step(
                "refused-outside-window", received=received, opens=opens, article=rule.article
            )
    return None


def _nth_window(start: dt.date, every: Period, n: int) -> dt.date:
    """The day the nth window opens: n periods after `start`, counted at once (not by steps, so
    that a day the month lacks is clamped once, as the text counts "each period of ten years")."""
    return add_period(
        start, Period(years=every.years * n, months=every.months * n, days=every.days * n)
    )


def _window_for(start: dt.date, every: Period, open_for: Period, received: dt.date) -> dt.date:
    """The day the window that holds `received`, or else the next one, opens.

    Found by arithmetic from an estimate, never by stepping through every window: a window of a
    day and a date near 9999 cost as little as ten years and 2030.
    """
    approx = every.years * 365.2425 + every.months * 30.436875 + every.days
    n = max(1, int((received - start).days // approx))
    while n > 1 and _nth_window(start, every, n) > received:
        n -= 1
    try:
        while _nth_window(start, every, n + 1) <= received:
            n += 1
    except OutOfCalendar:
        pass
    opens = _nth_window(start, every, n)
    if received < opens or received < add_period(opens, open_for):
        return opens
    return _nth_window(start, every, n + 1)


def in_force_for(treaty: Treaty, consent: Event, steps: list[Step] | None = None) -> dt.date | None:
    """The day the instrument binds the State; None for a succession whose date is not recorded.
    The steps that say why are added to `steps`, where given."""
    if steps is None:
        steps = []
    rule = treaty.entry_into_force
    if not rule.in_force:
        steps.append(
            step(
                "not-in-force",
                kind=consent.kind,
                deposited=consent.date,
                called=treaty.called,
                article=rule.article,
                awaits=rule.awaits,
            )
        )
        return None
    if consent.kind == "succession":
        if consent.bound_from is None:
            steps.append(step("succession-undated", deposited=consent.date))
            return None
        steps.append(
            step(
                "succession-bound-from",
                deposited=consent.date,
                bound_from=consent.bound_from.date,
                article=treaty.entry_into_force.article,
            )
        )
        return consent.bound_from.date
    in_force, reason = explain_entry_into_force(treaty.entry_into_force, consent.date)
    steps.append(step("in-force", kind=consent.kind, reason=reason))
    return in_force


def threshold_instrument(treaty: Treaty, states: Iterable[State]) -> tuple[int, dt.date | None]:
    """How many instruments of consent the data holds, and the date of the Nth (the one whose
    deposit brought the treaty into force), None when the data holds fewer than N."""
    rule = treaty.entry_into_force
    counted = rule.threshold_count
    not_counted = set(counted.not_counted) if counted is not None else set()
    dates = sorted(
        [
            e.date
            for s in states
            if s.name not in not_counted
            for e in s.events
            if e.kind in CONSENT_KINDS
        ]
        + list(counted.not_recorded if counted is not None else ())
    )
    # Those whose day is not known were deposited by the threshold deposit.
    n = rule.instruments_required - (counted.not_recorded_undated if counted is not None else 0)
    return len(dates), (dates[n - 1] if 0 < n <= len(dates) else None)
