"""The one fold of a State's record: its events, in order, become periods of membership (an
instrument, the notices given under it and what became of each). Every view reads the periods:
the position on a day, the timeline, the counts, the changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Literal

from ottawa_cli.frozen import dataclass
from ottawa_cli.law.clauses import (
    in_force_for,
    notice_refused,
    withdrawal_rule,
    withdrawal_takes_effect,
)
from ottawa_cli.law.model import (
    ArmedConflict,
    Event,
    State,
    Treaty,
)
from ottawa_cli.law.steps import Step


@dataclass(frozen=True, kw_only=True, slots=True)
class Notice:
    """A notice of withdrawal, as the rest of the State's record leaves it."""

    event: Event
    # A revocation received before the notice took effect: the State stays a party.
    revoked_by: Event | None = None
    # Why the clause gives the notice no effect (no clause, too early, outside a window).
    refused: Step | None = None

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


AnomalyKind = Literal[
    # A signature after the State signed, or was bound.
    "signed-again",
    # An instrument of consent while one is in effect, with no withdrawal before it.
    "consent-while-bound",
    # A revocation with no notice of withdrawal before it to revoke.
    "nothing-to-revoke",
    # An instrument withdrawn (before it bound the State) with none deposited before it.
    "nothing-to-withdraw",
    # Provisional application declared before the State signed or deposited an instrument.
    "provisional-before-signature",
    # A notice of withdrawal with no instrument in effect (a second notice, or one before any).
    "notice-without-consent",
]


@dataclass(frozen=True, slots=True)
class Anomaly:
    """An event the record's order does not allow."""

    kind: AnomalyKind
    event: Event


@dataclass(frozen=True, slots=True)
class Record:
    """A State's record, folded once: its periods of membership; what in it is out of order;
    and each notice of withdrawal with the instrument in effect when it was given (the one it
    would end), for the notices that have one."""

    periods: tuple[Membership, ...]
    anomalies: tuple[Anomaly, ...]
    notices: tuple[tuple[Event, Event], ...]


def fold(
    treaty: Treaty,
    events: Iterable[Event],
    armed_conflicts: Iterable[ArmedConflict] = (),
    *,
    order_only: bool = False,
) -> Record:
    """The one reading of a State's record: its events, in order, folded into periods of
    membership. Every view (position, timeline, counts, changes, `ottawa check`) reads these
    periods and anomalies; nothing else walks the events.

    A new instrument starts a new period (a State that withdrew and re-acceded, or one that
    denounced and re-acceded on the same day); a notice belongs to the period it was given in;
    a revocation revokes the latest notice of its period that still stands and has not yet taken
    effect (one received after the notice took effect has nothing left to revoke).

    `order_only` reads the order alone, without the periods (no date is computed, so a record
    whose dates the calendar cannot hold is still read): what `ottawa check` asks.
    """
    conflicts = tuple(armed_conflicts)
    periods: list[Membership] = []
    anomalies: list[Anomaly] = []
    notices_given: list[tuple[Event, Event]] = []
    # The order the record must follow: the instrument in effect (not withdrawn), the notice
    # pending against it, and the instrument that notice would end.
    signed = False
    in_effect: Event | None = None
    pending: Event | None = None
    pending_against: Event | None = None
    for event in sorted(events, key=lambda e: e.date):
        if event.kind == "signature":
            if signed or in_effect or pending:
                anomalies.append(Anomaly("signed-again", event))
            signed = True
        elif event.is_consent:
            if in_effect is not None:
                anomalies.append(Anomaly("consent-while-bound", event))
            in_effect, pending = event, None
            if order_only:
                continue
            periods.append(Membership(consent=event, in_force=in_force_for(treaty, event)))
        elif event.kind == "provisional-application":
            if in_effect is None and not signed:
                anomalies.append(Anomaly("provisional-before-signature", event))
            if periods:
                periods[-1] = dataclasses.replace(periods[-1], provisional=event)
        elif event.kind == "consent-withdrawal":
            if in_effect is None:
                anomalies.append(Anomaly("nothing-to-withdraw", event))
            in_effect = None
            if periods:
                current = periods[-1]
                # Only an instrument that has not yet bound the State can be withdrawn so (a
                # succession with no recorded date binds from its deposit: it cannot).
                not_yet = current.in_force is None or event.date < current.in_force
                if not_yet and (
                    current.consent.kind != "succession" or current.in_force is not None
                ):
                    periods[-1] = dataclasses.replace(current, withdrawn_by=event)
        elif event.kind == "withdrawal":
            if in_effect is None:
                anomalies.append(Anomaly("notice-without-consent", event))
            else:
                notices_given.append((event, in_effect))
            in_effect, pending, pending_against = None, event, in_effect
            if periods:
                current = periods[-1]
                notice = Notice(
                    event=event,
                    refused=notice_refused(treaty, event.date, current.in_force, current.consent),
                )
                periods[-1] = dataclasses.replace(current, notices=(*current.notices, notice))
        elif event.kind == "withdrawal-revocation":
            if pending is None or in_effect is not None:
                anomalies.append(Anomaly("nothing-to-revoke", event))
            else:
                in_effect, pending = pending_against, None
            if periods:
                periods[-1] = _revoked(treaty, periods[-1], event, conflicts)
    return Record(tuple(periods), tuple(anomalies), tuple(notices_given))


def _revoked(
    treaty: Treaty, current: Membership, event: Event, conflicts: tuple[ArmedConflict, ...]
) -> Membership:
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
    return dataclasses.replace(current, notices=tuple(notices))


def history(
    treaty: Treaty, events: Iterable[Event], armed_conflicts: Iterable[ArmedConflict] = ()
) -> list[Membership]:
    """The periods of `fold`: what the views read."""
    return list(fold(treaty, events, armed_conflicts).periods)


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
