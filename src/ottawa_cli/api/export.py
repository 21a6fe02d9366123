"""The whole dataset with computed fields (`ottawa export`); `ottawa_cli.output.exports` writes
it as JSON, CSV or iCalendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from ottawa_cli.api import Data, DatedQuery, load, made_at
from ottawa_cli.law.model import Dataset
from ottawa_cli.law.position import Deadline, Position, deadlines, positions


@dataclass(frozen=True, kw_only=True)
class ExportQuery(DatedQuery):
    """A day's question: `as_of`, else today."""

    # When the file is made (a calendar's DTSTAMP).
    made: dt.datetime = field(default_factory=made_at)


@dataclass(frozen=True, kw_only=True)
class ExportRow:
    position: Position
    deadlines: tuple[Deadline, ...]


@dataclass(frozen=True, kw_only=True)
class ExportResult:
    kind: ClassVar[str] = "export"
    dataset: Dataset
    as_of: dt.date
    rows: tuple[ExportRow, ...]
    made: dt.datetime


def export(data: Data, query: ExportQuery) -> ExportResult:
    """Every State's position on the day, with its deadlines."""
    dataset = load(data, query.evidence)
    rows = tuple(
        ExportRow(position=pos, deadlines=tuple(deadlines(dataset.treaty, pos)))
        for pos in positions(dataset.treaty, dataset.states, query.day)
    )
    return ExportResult(dataset=dataset, as_of=query.day, rows=rows, made=query.made)
