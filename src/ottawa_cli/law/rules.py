"""The treaty's rules as pure functions: no files, no terminal, no argument parsing.

Every rule reads its parameters (article, months, the treaty's own entry into force) from the
data's `Treaty`, so a second treaty with a similar withdrawal clause is new data, not new code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Iterable
from typing import Literal

from dateutil.relativedelta import relativedelta

from ottawa_cli.dates import human
from ottawa_cli.english import ordinal, period_in_words
from ottawa_cli.errors import UsageError
from ottawa_cli.frozen import dataclass
from ottawa_cli.law.model import (
    CONSENT_KINDS,
    ArmedConflict,
    Completion,
    Duty,
    EntryIntoForceRule,
    Event,
    Extension,
    Period,
    State,
    Treaty,
    WithdrawalRule,
)

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
    parts = [
        f"{n} {unit}{'' if n == 1 else 's'}"
        for n, unit in ((period.years, "year"), (period.months, "month"), (period.days, "day"))
        if n
    ]
    return " ".join(parts) or "0 days"


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


def explain_entry_into_force(rule: EntryIntoForceRule, deposited: dt.date) -> tuple[dt.date, str]:
    """The date of entry into force, and one sentence citing the provision behind it."""
    in_force = entry_into_force(rule, deposited)
    article = entry_into_force_article(rule, deposited)
    assert rule.threshold_deposit is not None
    if deposited <= rule.threshold_deposit.date:
        return in_force, (
            f"deposited {human(deposited)}, not after the {ordinal(rule.instruments_required)} "
            f"instrument ({human(rule.threshold_deposit.date)}) → in force with the treaty on "
            f"{human(in_force)} ({article})"
        )
    if _with_the_treaty(rule, deposited):
        return in_force, (
            f"deposited {human(deposited)}, before the treaty entered into force → in force "
            f"with the treaty on {human(in_force)} ({article})"
        )
    later = rule.for_later_deposits
    period = later.period
    if later.counted_from == "month-of-deposit" and not (period.years or period.days):
        # The Mine Ban Convention's words: "the first day of the sixth month after".
        steps = f"first day of the {ordinal(period.months)} month after"
    else:
        counted = "the first day of its month" if later.counted_from == "month-of-deposit" else ""
        steps = f"{counted + ' ' if counted else ''}+ {_describe(period)}"
        if later.then == "first-of-next-month":
            steps += " → first day of the next month"
    return in_force, f"deposited {human(deposited)} → {steps} → {human(in_force)} ({article})"


def period_expiry_label(rule: WithdrawalRule) -> str:
    """'Six months expire', 'One year expires': the withdrawal period in the treaty's terms."""
    period = rule.period
    words = period_in_words(period.years, period.months, period.days)
    single = [period.years, period.months, period.days].count(0) == 2 and 1 in (
        period.years,
        period.months,
        period.days,
    )
    return f"{words[:1].upper()}{words[1:]} {'expires' if single else 'expire'}"


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
    steps: tuple[str, ...] = ()
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
    steps = [_explain_period(rule, received, counted)]
    period_expires = counted
    if rule.then == "first-of-next-month":
        period_expires = add_period(counted.replace(day=1), Period(months=1))
        steps.append(f"→ first day of the next month → {human(period_expires)} ({rule.article})")
    elif rule.on_day is not None:
        month, day = (int(x) for x in rule.on_day.split("-"))
        last_day = counted.replace(month=month, day=day)
        # The text's day is the last day of membership; the State is out from the next one.
        period_expires = add_period(last_day, Period(days=1))
        steps.append(
            f"→ takes effect on {human(last_day)}, the last day bound: no longer bound from "
            f"{human(period_expires)} ({rule.article})"
        )
    # The day the withdrawal would take effect but for an armed conflict: a later date the
    # notice names, where the treaty allows one, or the period's end.
    effect_from = period_expires
    named = later_date if rule.later_date_allowed else None
    if named is not None and named > period_expires:
        effect_from = named
        steps.append(
            f"the notice names a later date, {human(named)}: it takes effect then ({rule.article})"
        )
    elif named is not None:
        steps.append(
            f"the notice names {human(named)}, not later than the period's end "
            f"({human(period_expires)}): the period decides, not the date named ({rule.article})"
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
                f"recorded as {words} ({conflict.name}) since "
                f"{human(conflict.start)}: if it still is on {human(effect_from)}, the "
                f"withdrawal will not take effect before the end of that conflict ({rule.article})"
            )
        return outcome(effect_from, at_risk_from=at_risk)

    held = tuple(
        c
        for c in known
        if c.start <= effect_from and ((end := end_known(c)) is None or end > effect_from)
    )
    if not held:
        steps.append(f"takes effect {human(effect_from)} ({rule.article})")
        return outcome(effect_from)

    ends = [end_known(c) for c in held]
    takes_effect = None if None in ends else max(e for e in ends if e is not None)
    for conflict, end in zip(held, ends, strict=True):
        if end is None:
            steps.append(
                f"{words} ({conflict.name}) when the period expired and no "
                f"end is recorded: the withdrawal does not take effect before it ends "
                f"({rule.article})"
            )
        else:
            steps.append(
                f"{words} ({conflict.name}) when the period expired; it "
                f"ended {human(end)} ({rule.article})"
            )
    if takes_effect is not None:
        steps.append(f"takes effect {human(takes_effect)}, at the end of the armed conflict")
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
) -> str | None:
    """Why a notice of withdrawal received on a day can have no effect under the treaty, or
    None: the treaty provides for no withdrawal (and the instrument reserved no right to);
    the notice comes before the membership the treaty requires (`notice_not_before`); or
    outside its windows (`window_every`)."""
    rule = withdrawal_rule(treaty, consent)
    if not treaty.entry_into_force.in_force:
        return (
            f"{treaty.called} is not in force: no State is a Party that could withdraw (it "
            f"awaits {treaty.entry_into_force.awaits})"
        )
    if rule.clause == "none":
        return (
            f"{treaty.called} has no withdrawal clause ({rule.article}): the tool computes no "
            "date for the notice (whether one is possible is for the law of treaties to say)"
        )
    if rule.notice_not_before is not None and in_force is not None:
        try:
            earliest = add_period(in_force, rule.notice_not_before)
        except OutOfCalendar:
            earliest = dt.date.max  # never, within the calendar this tool can hold
        if received < earliest:
            return (
                f"received {human(received)}, before {human(earliest)}, the first day a notice "
                f"may be given ({_describe(rule.notice_not_before)} after entry into force for "
                f"the State, {rule.article}): it has no effect"
            )
    if rule.window_every is not None and rule.window_open is not None:
        assert treaty.entry_into_force.treaty_in_force is not None
        start = treaty.entry_into_force.treaty_in_force.date
        try:
            opens = _window_for(start, rule.window_every, rule.window_open, received)
        except OutOfCalendar:
            return (
                f"received {human(received)}: no window in which notice may be given opens "
                f"before 31 Dec 9999 ({rule.article}): it has no effect"
            )
        if received < opens:
            return (
                f"received {human(received)}, outside the windows in which notice may be given "
                f"(the next opens {human(opens)}, {rule.article}): it has no effect"
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


def _explain_period(rule: WithdrawalRule, received: dt.date, expires: dt.date) -> str:
    text = f"received {human(received)} + {_describe(rule.period)} → {human(expires)}"
    if expires.day != received.day:
        month = expires.strftime("%B")
        text += f": {month} has no {ordinal(received.day)}, the last day of the month is used"
    return text + f" ({rule.article})"


@dataclass(frozen=True, kw_only=True, slots=True)
class Notice:
    """A notice of withdrawal, as the rest of the State's record leaves it."""

    event: Event
    # A revocation received before the notice took effect: the State stays a party.
    revoked_by: Event | None = None
    # Why the clause gives the notice no effect (no clause, too early, outside a window).
    refused: str | None = None

    @property
    def standing(self) -> bool:
        return self.revoked_by is None and self.refused is None


@dataclass(frozen=True, kw_only=True, slots=True)
class Membership:
    """One period of a State's membership: an instrument of consent, and every notice of
    withdrawal given under it, up to the next instrument."""

    consent: Event
    in_force: dt.date | None
    notices: tuple[Notice, ...] = ()
    # A declaration of provisional application made in this period.
    provisional: Event | None = None
    # The instrument withdrawn before it bound the State: the period never began.
    withdrawn_by: Event | None = None

    @property
    def standing(self) -> Notice | None:
        """The notice that ends this period, if one stands: the last neither revoked nor
        refused."""
        return next((n for n in reversed(self.notices) if n.standing), None)


def history(
    treaty: Treaty, events: Iterable[Event], armed_conflicts: Iterable[ArmedConflict] = ()
) -> list[Membership]:
    """The one reading of a State's record: its events, in order, folded into periods of
    membership. Every view (position, timeline, counts, checks) reads these periods; nothing
    else walks the events.

    A new instrument starts a new period (a State that withdrew and re-acceded, or one that
    denounced and re-acceded on the same day); a notice belongs to the period it was given in;
    a revocation revokes the latest notice of its period that still stands and has not yet taken
    effect (one received after the notice took effect has nothing left to revoke).
    """
    conflicts = tuple(armed_conflicts)
    periods: list[Membership] = []
    for event in sorted(events, key=lambda e: e.date):
        if event.is_consent:
            periods.append(Membership(consent=event, in_force=in_force_for(treaty, event)))
        elif event.kind == "provisional-application" and periods:
            periods[-1] = dataclasses.replace(periods[-1], provisional=event)
        elif event.kind == "consent-withdrawal" and periods:
            current = periods[-1]
            # Only an instrument that has not yet bound the State can be withdrawn so (a
            # succession with no recorded date binds from its deposit: it cannot).
            not_yet = current.in_force is None or event.date < current.in_force
            if not_yet and (current.consent.kind != "succession" or current.in_force is not None):
                periods[-1] = dataclasses.replace(current, withdrawn_by=event)
        elif event.kind == "withdrawal" and periods:
            current = periods[-1]
            notice = Notice(
                event=event,
                refused=notice_refused(treaty, event.date, current.in_force, current.consent),
            )
            periods[-1] = dataclasses.replace(current, notices=(*current.notices, notice))
        elif event.kind == "withdrawal-revocation" and periods:
            current = periods[-1]
            notices = list(current.notices)
            for k in range(len(notices) - 1, -1, -1):
                if notices[k].standing:
                    given = notices[k].event
                    effect = withdrawal_takes_effect(
                        withdrawal_rule(treaty, current.consent),
                        given.date,
                        conflicts,
                        later_date=given.later_date,
                    ).takes_effect
                    if effect is None or event.date < effect:
                        notices[k] = dataclasses.replace(notices[k], revoked_by=event)
                    break
            periods[-1] = dataclasses.replace(current, notices=tuple(notices))
    return periods


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
    steps: tuple[str, ...]
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

    steps: list[str] = []
    if signed is not None:
        steps.append(f"signed {human(signed)}")
    for period in withdrawn:
        assert period.withdrawn_by is not None
        steps.append(
            f"{period.consent.kind} deposited {human(period.consent.date)}, withdrawn "
            f"{human(period.withdrawn_by.date)} before it bound the State: no instrument stands"
        )
    for declared in (e for e in events if e.kind == "non-intention"):
        steps.append(
            f"notice of {human(declared.date)}: does not intend to become a party (its signature "
            "no longer binds it to refrain from defeating the treaty's object and purpose)"
        )
    in_force: dt.date | None = None
    outcome: WithdrawalOutcome | None = None
    since: dt.date | None
    if consent is None:
        status: Status = "signatory" if signed else "not-a-party"
        since = signed
    else:
        in_force = _in_force_for(treaty, consent, steps)
        for notice in notices:
            if notice.revoked_by is not None:
                steps.append(
                    f"withdrawal received {human(notice.event.date)}, revoked "
                    f"{human(notice.revoked_by.date)}, before it took effect: the State stays a "
                    "party"
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
                        f"a new {consent.kind} deposited {human(consent.date)}, while the "
                        f"notice of {human(previous.received)} is pending: still bound until "
                        "that notice takes effect"
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


def withdrawals_following(
    protocol: Treaty, parent: Treaty, state: State, on_parent: State
) -> tuple[Event, ...]:
    """The withdrawals a State's withdrawal from a parent treaty makes from its protocol, where
    the protocol says so (`protocol_to.withdrawal_follows`; the UNFCCC's Art. 25(3): "Any Party
    that withdraws from the Convention shall be considered as also having withdrawn from any
    protocol to which it is a Party"): each a notice of the same day, derived, in a period of
    membership of the protocol it was given in."""
    link = protocol.protocol_to
    if link is None or not link.withdrawal_follows or link.treaty != parent.id:
        return ()
    own = history(protocol, state.events, state.armed_conflicts)
    derived = []
    for period in history(parent, on_parent.events, on_parent.armed_conflicts):
        notice = period.standing
        if notice is None:
            continue
        given = notice.event
        if not any(p.consent.date <= given.date for p in own):
            continue  # not a Party to the protocol when it was given
        derived.append(
            dataclasses.replace(
                given,
                derived_from=parent.id,
                see_also=(),
                notification=None,
                takes_effect=None,
                conflicting_dates=(),
                dispute=None,
                accept={},
                note=f"{link.article}: a withdrawal from {parent.short_title} is one from "
                f"{protocol.called} too",
            )
        )
    return tuple(derived)


def in_force_for(treaty: Treaty, consent: Event) -> dt.date | None:
    """The day the instrument binds the State; None for a succession whose date is not recorded."""
    return _in_force_for(treaty, consent, [])


def _in_force_for(treaty: Treaty, consent: Event, steps: list[str]) -> dt.date | None:
    rule = treaty.entry_into_force
    if not rule.in_force:
        steps.append(
            f"{consent.kind} deposited {human(consent.date)}: {treaty.called} is not in force "
            f"({rule.article}): it awaits {rule.awaits}; the State is not bound by it yet"
        )
        return None
    if consent.kind == "succession":
        if consent.bound_from is None:
            steps.append(
                f"succession deposited {human(consent.date)}: bound at the latest from then; the "
                "date it binds from is not recorded"
            )
            return None
        steps.append(
            f"succession deposited {human(consent.date)}: bound from "
            f"{human(consent.bound_from.date)}, as the depositary records (not an "
            f"{treaty.entry_into_force.article} instrument)"
        )
        return consent.bound_from.date
    in_force, reason = explain_entry_into_force(treaty.entry_into_force, consent.date)
    steps.append(f"{consent.kind}: {reason}")
    return in_force


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
