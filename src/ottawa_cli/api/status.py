"""A State's position on a date (`ottawa status`) and the sources of its facts (`sources`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from ottawa_cli.api import Data, find_state, today
from ottawa_cli.models import Dataset, State
from ottawa_cli.rules import Deadline, Position, deadlines, position


@dataclass(frozen=True, kw_only=True)
class StatusQuery:
    state: str
    # None: today.
    as_of: dt.date | None = None
    today: dt.date = field(default_factory=today)

    @property
    def day(self) -> dt.date:
        return self.today if self.as_of is None else self.as_of


@dataclass(frozen=True, kw_only=True)
class StatusResult:
    kind: ClassVar[str] = "status"
    # The treaty's data; read through the cache it holds no States, only the header.
    dataset: Dataset
    position: Position
    deadlines: tuple[Deadline, ...]
    today: dt.date


def status(data: Data, query: StatusQuery) -> StatusResult:
    """The State's status on the day asked, the instruments behind it, the reasoning, and the
    deadlines that follow."""
    dataset, state = find_state(data, query.state)
    pos = position(dataset.treaty, state, query.day)
    return StatusResult(
        dataset=dataset,
        position=pos,
        deadlines=tuple(deadlines(dataset.treaty, pos)),
        today=query.today,
    )


@dataclass(frozen=True, kw_only=True)
class SourcesQuery:
    state: str


@dataclass(frozen=True, kw_only=True)
class SourcesResult:
    kind: ClassVar[str] = "sources"
    dataset: Dataset
    state: State
    # Every source key the State's facts cite, in the order first cited.
    cited: tuple[str, ...]


def sources(data: Data, query: SourcesQuery) -> SourcesResult:
    """Every recorded fact about the State, each with the source it comes from."""
    dataset, state = find_state(data, query.state)
    keys = [k for e in state.events for k in e.cited()]
    keys.extend(c.source for c in state.armed_conflicts)
    keys.extend(e.source for e in state.extensions)
    keys.extend(c.source for c in state.completions)
    return SourcesResult(dataset=dataset, state=state, cited=tuple(dict.fromkeys(keys)))
