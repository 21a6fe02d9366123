"""The one fold of a State's record: its events, in order, become periods of membership (an
instrument, the notices given under it and what became of each). Every view reads the periods:
the position on a day, the timeline, the counts, the changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

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
