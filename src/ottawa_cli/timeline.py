"""The treaty's history as dated entries: what was recorded, what follows from it, and counts.

Pure: builds on `rules`; knows nothing of files or terminals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal, NamedTuple, TypeVar

from ottawa_cli.dates import human
from ottawa_cli.models import Event, State, Treaty
from ottawa_cli.rules import (
    BOUND,
    Position,
    art17_paragraph,
    deadlines,
    entry_into_force,
    position,
    withdrawal_takes_effect,
)

EntryKind = Literal[
    "treaty",
    "signature",
    "consent",
    "entry-into-force",
    "withdrawal-received",
    "withdrawal-takes-effect",
    "withdrawal-held",
    "notification",
    "milestone",
    "deadline",
    "extension",
    "completion",
]


class Entry(NamedTuple):
    date: dt.date
    state: str | None  # None for the treaty's own entries
    kind: EntryKind
    text: str
    article: str | None
    # A recorded fact with a source, or a date computed by the rules.
    computed: bool
    # False for notifications and domestic milestones: no effect under the treaty.
    legal_effect: bool
    source: str | None = None


_CONSENT_TEXT = {
    "ratification": "ratification deposited",
    "acceptance": "acceptance deposited",
    "approval": "approval deposited",
    "accession": "accession deposited",
    "succession": "succession deposited",
}


def treaty_entries(treaty: Treaty) -> list[Entry]:
    rule = treaty.entry_into_force
    return [
        Entry(
            treaty.opened_for_signature.date,
            None,
            "treaty",
            "opened for signature",
            None,
            False,
            True,
            treaty.opened_for_signature.source,
        ),
        Entry(
            rule.threshold_deposit.date,
            None,
            "treaty",
            f"{rule.instruments_required}th instrument deposited",
            rule.article,
            False,
            True,
            rule.threshold_deposit.source,
        ),
        Entry(
            rule.treaty_in_force.date,
            None,
            "treaty",
            "the Convention enters into force",
            f"{rule.article}(1)",
            False,
            True,
            rule.treaty_in_force.source,
        ),
    ]


def state_entries(
    treaty: Treaty, state: State, today: dt.date, annual: bool = False
) -> list[Entry]:
    """A State's recorded events and every date the rules derive from them.

    Conflicts are taken as known today, so a withdrawal held by Art. 20(3) reads as held.
    Annual Art. 7(2) reports are listed only when `annual` is set: one a year per State would
    drown a treaty-wide timeline.
    """
    out: list[Entry] = []
    name = state.name
    for event in sorted(state.events, key=lambda e: e.date):
        out.extend(_event_entries(treaty, state, event, today))
    for extension in state.extensions:
        if extension.granted_on is not None:
            by = f" by the {extension.granted_by}" if extension.granted_by else ""
            out.append(
                Entry(
                    extension.granted_on,
                    name,
                    "extension",
                    f"{extension.duty} deadline extended to {human(extension.until)}{by}",
                    None,
                    False,
                    True,
                    extension.source,
                )
            )
    for completion in state.completions:
        out.append(
            Entry(
                completion.date,
                name,
                "completion",
                f"declares {completion.duty} completed",
                None,
                False,
                True,
                completion.source,
            )
        )
    for pos in _periods(treaty, state, today):
        for deadline in deadlines(treaty, pos):
            if deadline.duty.annually_on is not None and not annual:
                continue
            text = deadline.duty.title
            if not deadline.binding:
                text += " (no longer binding: withdrawn before)"
            out.append(
                Entry(
                    deadline.due,
                    name,
                    "deadline",
                    text,
                    deadline.duty.article,
                    True,
                    deadline.binding,
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


def _event_entries(treaty: Treaty, state: State, event: Event, today: dt.date) -> list[Entry]:
    name = state.name
    if event.kind == "signature":
        return [Entry(event.date, name, "signature", "signed", None, False, True, event.source)]
    if event.kind in ("notification", "milestone"):
        return [
            Entry(
                event.date,
                name,
                event.kind,
                event.title or event.kind,
                None,
                False,
                False,
                event.source,
            )
        ]
    if event.is_consent:
        text = _CONSENT_TEXT[event.kind]
        entries = [Entry(event.date, name, "consent", text, None, False, True, event.source)]
        if event.kind == "succession":
            if event.bound_from is not None:
                entries.append(
                    Entry(
                        event.bound_from.date,
                        name,
                        "entry-into-force",
                        "bound from (succession, as the depositary records)",
                        None,
                        False,
                        True,
                        event.bound_from.source,
                    )
                )
        else:
            in_force = entry_into_force(treaty.entry_into_force, event.date)
            entries.append(
                Entry(
                    in_force,
                    name,
                    "entry-into-force",
                    "the Convention enters into force for it",
                    art17_paragraph(treaty.entry_into_force, event.date),
                    True,
                    True,
                )
            )
        return entries
    # A withdrawal.
    outcome = withdrawal_takes_effect(treaty.withdrawal, event.date, state.armed_conflicts, today)
    article = treaty.withdrawal.article
    text = "withdrawal received" + (f" ({event.notification})" if event.notification else "")
    entries = [
        Entry(event.date, name, "withdrawal-received", text, None, False, True, event.source)
    ]
    if outcome.takes_effect is not None and not outcome.held_by:
        entries.append(
            Entry(
                outcome.takes_effect,
                name,
                "withdrawal-takes-effect",
                "withdrawal takes effect",
                article,
                True,
                True,
            )
        )
    elif outcome.takes_effect is not None:
        entries.append(
            Entry(
                outcome.period_expires,
                name,
                "withdrawal-held",
                "six months expire, armed conflict: withdrawal held",
                article,
                True,
                True,
            )
        )
        entries.append(
            Entry(
                outcome.takes_effect,
                name,
                "withdrawal-takes-effect",
                "withdrawal takes effect at the end of the armed conflict",
                article,
                True,
                True,
            )
        )
    else:
        entries.append(
            Entry(
                outcome.period_expires,
                name,
                "withdrawal-held",
                "six months expire, armed conflict: withdrawal held until it ends "
                "(no end recorded)",
                article,
                True,
                True,
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
    "entry-into-force",
    "withdrawal-received",
    "withdrawal-held",
    "withdrawal-takes-effect",
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


class PartyCount(NamedTuple):
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
        result.append(PartyCount(day, total, len(came) - len(went), came, went))
    return result


def _state_days(treaty: Treaty, state: State, today: dt.date) -> set[dt.date]:
    """The days the State's events fall on or lead to; deadlines change no status."""
    days = {e.date for event in state.events for e in _event_entries(treaty, state, event, today)}
    days.update(c.end for c in state.armed_conflicts if c.end is not None)
    return days


def yearly(counts: Sequence[PartyCount], first: int, last: int) -> list[tuple[int, int]]:
    """States Parties at the end of each year (31 Dec), from the counts at each change."""
    out = []
    for year in range(first, last + 1):
        end = dt.date(year, 12, 31)
        before = [c.parties for c in counts if c.date <= end]
        out.append((year, before[-1] if before else 0))
    return out
