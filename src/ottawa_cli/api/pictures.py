"""Pictures: every State's status on a day as a world map (`ottawa map`), and the number of
States Parties over time with each withdrawal marked (`ottawa chart`). The library answers with
the same facts `ottawa list` and `ottawa parties` give; `output.svg` draws them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from ottawa_cli.api import EVERY_FACT, Data, DatedQuery, today
from ottawa_cli.law.evidence import Evidence
from ottawa_cli.law.model import Dataset
from ottawa_cli.law.position import Position


@dataclass(frozen=True, kw_only=True)
class MapQuery(DatedQuery):
    """A day's question: `as_of`, else today."""


@dataclass(frozen=True, kw_only=True)
class MapResult:
    kind: ClassVar[str] = "map"
    dataset: Dataset
    as_of: dt.date
    # Every State's position on the day, by name: the rows of `ottawa list` for that day.
    positions: tuple[Position, ...]
    parties: int
    today: dt.date
    evidence: Evidence = EVERY_FACT


def world_map(data: Data, query: MapQuery) -> MapResult:
    """Every State's status on the day, as `ottawa list` gives it, for a map."""
    from ottawa_cli.api.states import ListQuery, list_states

    listing = list_states(
        data, ListQuery(as_of=query.as_of, today=query.today, evidence=query.evidence)
    )
    return MapResult(
        dataset=listing.dataset,
        as_of=listing.as_of,
        positions=listing.positions,
        parties=listing.parties,
        today=listing.today,
        evidence=listing.evidence,
    )


@dataclass(frozen=True, kw_only=True)
class ChartQuery:
    start: dt.date | None = None
    end: dt.date | None = None
    today: dt.date = field(default_factory=today)
    evidence: Evidence = EVERY_FACT


# A withdrawal the chart marks: one that took effect by today, one pending today that takes
# effect on a known day, and one held (an armed conflict with no recorded end).
MarkKind = Literal["took-effect", "pending", "held"]


@dataclass(frozen=True, kw_only=True, slots=True)
class WithdrawalMark:
    kind: MarkKind
    # The day it takes (or took) effect; None while held.
    date: dt.date | None
    # The State's position on that day (took effect) or today (pending, held): what the mark
    # rests on.
    position: Position


@dataclass(frozen=True, kw_only=True)
class ChartResult:
    kind: ClassVar[str] = "chart"
    dataset: Dataset
    # The days drawn: `--from` (else the first change), `--to` (else the last change or today,
    # whichever is later).
    start: dt.date
    end: dt.date
    # States Parties on `start`, then at every change after it up to `end`: (day, count).
    steps: tuple[tuple[dt.date, int], ...]
    # Every withdrawal that took effect within the window, and every one pending today,
    # wherever it falls (the chart says which are outside it).
    marks: tuple[WithdrawalMark, ...]
    today: dt.date
    evidence: Evidence = EVERY_FACT


def chart(data: Data, query: ChartQuery) -> ChartResult:
    """States Parties over time, from `ottawa parties`, with each withdrawal's effect and each
    pending withdrawal, from `ottawa pending`."""
    from ottawa_cli.api import load
    from ottawa_cli.api.history import PartiesQuery, parties
    from ottawa_cli.api.states import PendingQuery, pending
    from ottawa_cli.law.position import position

    dataset = load(data, query.evidence)
    # The dataset is narrowed to `--evidence` once; both questions are asked of it.
    counts = parties(dataset, PartiesQuery(start=query.start, end=query.end, today=query.today))
    waiting = pending(dataset, PendingQuery(as_of=query.today, today=query.today))
    changes = counts.changes
    own = dataset.treaty.entry_into_force.treaty_in_force
    # A treaty not in force (the CTBT) has neither a change nor a day of its own: its chart
    # begins when it was opened for signature.
    opened = own.date if own is not None else dataset.treaty.opened_for_signature.date
    first = query.start or (changes[0].date if changes else opened)
    last = query.end or max([query.today, first, *(c.date for c in changes)])
    # A window that ends before the treaty's first change is drawn from its own last day.
    first = min(first, last)
    if counts.at_start is not None:
        at_first = counts.at_start
    else:
        at_first = changes[0].parties if changes else 0
    steps = [(first, at_first), *((c.date, c.parties) for c in changes if c.date > first)]
    by_name = {s.name: s for s in dataset.states}
    marks = [
        WithdrawalMark(
            kind="took-effect", date=c.date, position=position(dataset.treaty, by_name[n], c.date)
        )
        for c in changes
        if c.date <= query.today
        for n in c.left
    ]
    for pos in waiting.positions:
        assert pos.outcome is not None
        effect = pos.outcome.takes_effect
        marks.append(
            WithdrawalMark(kind="pending" if effect else "held", date=effect, position=pos)
        )
    return ChartResult(
        dataset=dataset,
        start=first,
        end=last,
        steps=tuple(steps),
        marks=tuple(marks),
        today=query.today,
        evidence=query.evidence,
    )
