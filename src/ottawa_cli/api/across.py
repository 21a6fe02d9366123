"""Questions across every bundled treaty in one answer (`--treaty all` for `timeline`, `list`,
`parties` and `export`), as `status` and `pending` answer them: each treaty asked as one would
ask it alone, its answer kept whole with its data (so each says how current it is), and a
treaty whose data cannot be read reported beside the others, never the end of every answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ClassVar, Generic, Protocol, TypeVar

from ottawa_cli.api.export import ExportQuery, ExportResult, export
from ottawa_cli.api.history import (
    PartiesQuery,
    PartiesResult,
    TimelineQuery,
    TimelineResult,
    parties,
    timeline,
)
from ottawa_cli.api.states import ListQuery, ListResult, list_states
from ottawa_cli.frozen import dataclass
from ottawa_cli.law.model import Dataset
from ottawa_cli.law.position import Position
from ottawa_cli.law.timeline import Entry


class _Answer(Protocol):
    @property
    def dataset(self) -> Dataset: ...


Answer = TypeVar("Answer", bound=_Answer)


@dataclass(frozen=True, kw_only=True)
class Everywhere(Generic[Answer]):
    """One answer a bundled treaty, in the order `ottawa treaties` lists them."""

    results: tuple[Answer, ...]
    # Treaties whose data could not be read, each with why: the others are still answered.
    failed: tuple[tuple[str, str], ...] = ()
    # Treaties none of the States asked about is a participant in (a participant that is not a
    # State, under a treaty open to States only).
    absent: tuple[str, ...] = ()

    @property
    def datasets(self) -> tuple[Dataset, ...]:
        return tuple(r.dataset for r in self.results)


def _each_treaty(ask: Callable[[str], Answer]) -> tuple[list[Answer], list[tuple[str, str]]]:
    from ottawa_cli.errors import DataError
    from ottawa_cli.store.bundled import treaty_ids, treaty_path

    results: list[Answer] = []
    failed: list[tuple[str, str]] = []
    for treaty in treaty_ids():
        try:
            results.append(ask(treaty_path(treaty)))
        except DataError as error:
            failed.append((treaty, str(error)))
    return results, failed


@dataclass(frozen=True, kw_only=True)
class TimelineEverywhereResult(Everywhere[TimelineResult]):
    kind: ClassVar[str] = "timeline-everywhere"
    query: TimelineQuery

    @property
    def rows(self) -> list[tuple[Dataset, Entry]]:
        """Every treaty's entries in one date order, each with its treaty's data."""
        rows = [(r.dataset, e) for r in self.results for e in r.entries]
        order = {d.treaty.id: i for i, d in enumerate(self.datasets)}
        rows.sort(key=lambda row: (row[1].date, order[row[0].treaty.id]))
        return rows


def timeline_everywhere(query: TimelineQuery) -> TimelineEverywhereResult:
    """`timeline --treaty all`: the entries of every bundled treaty, in one date order (for the
    States asked about, each under the treaties it takes part in; else every treaty whole)."""
    from ottawa_cli.errors import DataError
    from ottawa_cli.store.bundled import treaty_ids, treaty_path
    from ottawa_cli.store.lookup import NotAParticipant, UnknownState

    results: list[TimelineResult] = []
    failed: list[tuple[str, str]] = []
    absent: list[str] = []
    unknown: UnknownState | None = None
    for treaty in treaty_ids():
        try:
            results.append(timeline(treaty_path(treaty), query))
        except DataError as error:
            failed.append((treaty, str(error)))
        except NotAParticipant:
            raise
        except UnknownState as error:
            absent.append(treaty)
            unknown = error
    if not results and unknown is not None and not failed:
        raise unknown
    return TimelineEverywhereResult(
        results=tuple(results), failed=tuple(failed), absent=tuple(absent), query=query
    )


@dataclass(frozen=True, kw_only=True)
class ListEverywhereResult(Everywhere[ListResult]):
    kind: ClassVar[str] = "list-everywhere"
    query: ListQuery

    @property
    def rows(self) -> list[tuple[Dataset, Position]]:
        """Every treaty's States in one table: by State then treaty, or by the date the status
        began (`--sort date`)."""
        from ottawa_cli.store.lookup import normalize

        order = {d.treaty.id: i for i, d in enumerate(self.datasets)}
        rows = [(r.dataset, p) for r in self.results for p in r.positions]
        rows.sort(key=lambda row: (normalize(row[1].state.name), order[row[0].treaty.id]))
        if self.query.sort == "date":
            rows.sort(key=lambda row: row[1].since or dt.date.min)
        return rows


def list_everywhere(query: ListQuery) -> ListEverywhereResult:
    """`list --treaty all`: every State under every bundled treaty, filtered alike."""
    results, failed = _each_treaty(lambda path: list_states(path, query))
    return ListEverywhereResult(results=tuple(results), failed=tuple(failed), query=query)


@dataclass(frozen=True, kw_only=True)
class PartiesEverywhereResult(Everywhere[PartiesResult]):
    kind: ClassVar[str] = "parties-everywhere"
    query: PartiesQuery


def parties_everywhere(query: PartiesQuery) -> PartiesEverywhereResult:
    """`parties --treaty all`: the States Parties over time of every bundled treaty."""
    results, failed = _each_treaty(lambda path: parties(path, query))
    return PartiesEverywhereResult(results=tuple(results), failed=tuple(failed), query=query)


@dataclass(frozen=True, kw_only=True)
class ExportEverywhereResult(Everywhere[ExportResult]):
    kind: ClassVar[str] = "export-everywhere"
    as_of: dt.date


def export_everywhere(query: ExportQuery) -> ExportEverywhereResult:
    """`export --treaty all`: every bundled treaty's dataset with its computed fields."""
    results, failed = _each_treaty(lambda path: export(path, query))
    return ExportEverywhereResult(results=tuple(results), failed=tuple(failed), as_of=query.day)
