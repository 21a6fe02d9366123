"""The treaty's history: dated entries (`ottawa timeline`) and States Parties over time
(`ottawa parties`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import field
from typing import ClassVar

from ottawa_cli.api import EVERY_FACT, Data, find_states, load, today
from ottawa_cli.errors import Named, UsageError
from ottawa_cli.frozen import dataclass
from ottawa_cli.law.evidence import Evidence
from ottawa_cli.law.model import Dataset, State
from ottawa_cli.law.timeline import (
    Entry,
    PartyCount,
    first_fall,
    parties_on,
    parties_over_time,
    within,
    yearly,
)
from ottawa_cli.store.bundled import data_path


def _check_window(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and start > end:
        raise UsageError(
            Named("start"),
            f" {start.isoformat()} is after ",
            Named("end"),
            f" {end.isoformat()}: nothing can be shown",
        )


@dataclass(frozen=True, kw_only=True)
class TimelineQuery:
    # Names, aliases or codes; empty: the whole treaty, its own entries included.
    states: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    today: dt.date = field(default_factory=today)
    evidence: Evidence = EVERY_FACT
    # Only entries of these kinds (`timeline.KINDS`); empty: every entry.
    kinds: frozenset[str] = frozenset()


@dataclass(frozen=True, kw_only=True)
class TimelineResult:
    kind: ClassVar[str] = "timeline"
    dataset: Dataset
    # The States asked for, by their names in the data, each once; empty for the whole treaty.
    states: tuple[str, ...]
    entries: tuple[Entry, ...]
    start: dt.date | None
    end: dt.date | None
    today: dt.date
    kinds: frozenset[str] = frozenset()


def timeline(data: Data, query: TimelineQuery) -> TimelineResult:
    """Signatures, instruments, entries into force, withdrawals, notices and deadlines, in order."""
    from ottawa_cli.law.timeline import KINDS, of_kinds
    from ottawa_cli.law.timeline import timeline as entries

    _check_window(query.start, query.end)
    if unknown := query.kinds - set(KINDS):
        raise UsageError(
            f"unknown kind {', '.join(sorted(unknown))}; the kinds: {', '.join(KINDS)}"
        )
    dataset, chosen = _chosen(data, query)
    found = entries(
        dataset.treaty,
        chosen if query.states else dataset.states,
        query.today,
        query.start,
        query.end,
        whole_treaty=not query.states,
    )
    return TimelineResult(
        dataset=dataset,
        states=tuple(s.name for s in chosen),
        entries=tuple(of_kinds(found, query.kinds)),
        start=query.start,
        end=query.end,
        today=query.today,
        kinds=query.kinds,
    )


def _chosen(data: Data, query: TimelineQuery) -> tuple[Dataset, list[State]]:
    """The treaty's data and the States asked for, each once (`timeline Finland FI` names one
    State twice). From a file, only their records are read (`find_states`: one row each), not
    every State's; the whole treaty is read where none is named."""
    if not query.states or isinstance(data, Dataset):
        from ottawa_cli.store.lookup import StateIndex

        dataset = load(data, query.evidence)
        index = StateIndex(dataset.states, dataset.not_listed)
        found: Sequence[State] = [index.find(q) for q in query.states]
    else:
        from ottawa_cli.law.evidence import state_at_least

        dataset, found = find_states(data_path(data), query.states)
        found = [state_at_least(s, dataset.sources, query.evidence) for s in found]
    return dataset, list({s.name: s for s in found}.values())


@dataclass(frozen=True, kw_only=True)
class PartiesQuery:
    start: dt.date | None = None
    end: dt.date | None = None
    today: dt.date = field(default_factory=today)
    evidence: Evidence = EVERY_FACT


@dataclass(frozen=True, kw_only=True)
class PartiesResult:
    kind: ClassVar[str] = "parties"
    dataset: Dataset
    # The changes dated within the window.
    changes: tuple[PartyCount, ...]
    # States Parties at the end of each year of the window: (year, parties, the day counted),
    # the day being 31 Dec, or the window's last day for a year the window ends in.
    years: tuple[tuple[int, int, dt.date], ...]
    # States Parties on the window's first day, when it has one.
    at_start: int | None
    # The first fall in the treaty's whole history, wherever the window is.
    first_fall: PartyCount | None
    start: dt.date | None
    end: dt.date | None
    today: dt.date


def parties(data: Data, query: PartiesQuery) -> PartiesResult:
    """The number of States Parties at every change and at the end of each year."""
    _check_window(query.start, query.end)
    dataset = load(data, query.evidence)
    counts = parties_over_time(dataset.treaty, dataset.states, query.today)
    own = dataset.treaty.entry_into_force.treaty_in_force
    first_year = (
        query.start or (own.date if own is not None else dataset.treaty.opened_for_signature.date)
    ).year
    last_day = query.end or query.today
    years = tuple(
        (year, n, min(dt.date(year, 12, 31), last_day))
        for year, n in yearly(counts, first_year, last_day.year)
    )
    # The window's last year is counted on its last day, not on a 31 Dec outside it.
    if years and years[-1][2] != dt.date(years[-1][0], 12, 31):
        year, _, day = years[-1]
        years = (*years[:-1], (year, parties_on(counts, day), day))
    return PartiesResult(
        dataset=dataset,
        changes=tuple(within(counts, query.start, query.end)),
        years=years,
        at_start=None if query.start is None else parties_on(counts, query.start),
        first_fall=first_fall(counts),
        start=query.start,
        end=query.end,
        today=query.today,
    )
