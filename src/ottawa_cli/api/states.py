"""Every State on a date (`ottawa list`) and the withdrawals pending on it (`ottawa pending`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import ClassVar, Literal

from ottawa_cli.api import EVERY_FACT, Data, DatedQuery, find_states, load
from ottawa_cli.frozen import dataclass
from ottawa_cli.law.evidence import Evidence
from ottawa_cli.law.model import Dataset
from ottawa_cli.law.position import STATUSES, Position, Status, pending_withdrawals, positions

Sort = Literal["name", "date"]
SORTS: tuple[Sort, ...] = ("name", "date")


@dataclass(frozen=True, kw_only=True)
class ListQuery(DatedQuery):
    # Only States with one of these statuses; empty: every State.
    statuses: frozenset[Status] = frozenset()
    sort: Sort = "name"


@dataclass(frozen=True, kw_only=True)
class ListResult:
    kind: ClassVar[str] = "list"
    dataset: Dataset
    as_of: dt.date
    # States Parties on the day, whatever the filter shows.
    parties: int
    positions: tuple[Position, ...]
    today: dt.date
    evidence: Evidence = EVERY_FACT


def list_states(data: Data, query: ListQuery) -> ListResult:
    """Every State's status on the day, filtered and sorted, with the number of States Parties."""
    from ottawa_cli.store.lookup import normalize

    dataset = load(data, query.evidence)
    unknown = query.statuses - set(STATUSES)
    if unknown:
        from ottawa_cli.errors import UsageError

        raise UsageError(f"unknown status {', '.join(sorted(unknown))}")
    every = positions(dataset.treaty, dataset.states, query.day)
    shown = [p for p in every if not query.statuses or p.status in query.statuses]
    if query.sort == "date":
        shown.sort(key=lambda p: (p.since or dt.date.min, normalize(p.state.name)))
    else:
        shown.sort(key=lambda p: normalize(p.state.name))
    return ListResult(
        dataset=dataset,
        as_of=query.day,
        parties=sum(1 for p in every if p.bound),
        positions=tuple(shown),
        today=query.today,
        evidence=query.evidence,
    )


@dataclass(frozen=True, kw_only=True)
class PendingQuery(DatedQuery):
    """A day's question: `as_of`, else today."""


@dataclass(frozen=True, kw_only=True)
class PendingResult:
    kind: ClassVar[str] = "pending"
    dataset: Dataset
    as_of: dt.date
    # Soonest first; withdrawals held (or that may be held) by an armed conflict last.
    positions: tuple[Position, ...]
    today: dt.date
    # Withdrawals pending on every recorded fact that `--evidence` leaves out, as they read on
    # every fact (so the reader learns how many and why).
    left_out: tuple[Position, ...] = ()
    evidence: Evidence = EVERY_FACT


def pending(data: Data, query: PendingQuery) -> PendingResult:
    """Withdrawals received but not yet in effect on the day."""
    dataset = load(data, query.evidence)
    found = pending_withdrawals(dataset.treaty, dataset.states, query.day)
    left_out: list[Position] = []
    if query.evidence != EVERY_FACT:
        shown = {p.state.name for p in found}
        every = load(data)
        left_out = [
            p
            for p in pending_withdrawals(every.treaty, every.states, query.day)
            if p.state.name not in shown
        ]
    return PendingResult(
        dataset=dataset,
        as_of=query.day,
        positions=tuple(found),
        today=query.today,
        left_out=tuple(left_out),
        evidence=query.evidence,
    )


def _only(path: str, names: list[str]) -> Dataset | str:
    """A treaty's data holding only the participants named (each as `find_state` reads it, a
    protocol's following withdrawals included); the whole file where one is not found by its
    own name."""
    from ottawa_cli.store.lookup import UnknownState

    try:
        header, states = find_states(path, names)
    except UnknownState:
        return path  # a name another participant also answers to: the file says which
    if [state.name for state in states] != names:
        return path
    return dataclasses.replace(header, states=states)


@dataclass(frozen=True, kw_only=True)
class PendingEverywhereResult:
    kind: ClassVar[str] = "pending-everywhere"
    as_of: dt.date
    # Every bundled treaty's, soonest first (held ones last), each with its treaty's data.
    rows: tuple[tuple[Dataset, Position], ...]
    today: dt.date
    # Every treaty asked (how current each one's data is is said even when none is pending).
    datasets: tuple[Dataset, ...] = ()
    left_out: tuple[tuple[Dataset, Position], ...] = ()
    evidence: Evidence = EVERY_FACT
    # Treaties whose data could not be read, each with why: the others are still answered.
    failed: tuple[tuple[str, str], ...] = ()


def pending_everywhere(query: PendingQuery) -> PendingEverywhereResult:
    """Withdrawals pending under any bundled treaty (`--treaty all`)."""
    from ottawa_cli.api.index import open_index
    from ottawa_cli.errors import DataError
    from ottawa_cli.store.bundled import treaty_path
    from ottawa_cli.store.index_file import answers_everything
    from ottawa_cli.store.plain import from_plain

    results: list[PendingResult] = []
    datasets: list[Dataset] = []
    failed: list[tuple[str, str]] = []
    # The index says which participants have a withdrawal pending on the day under any
    # `--evidence` level: only they are read (one row each), and a treaty with none answers
    # "none" from its header (how current its data is). With an overlay of `ottawa update`,
    # every treaty's file is read (the index holds the curated data).
    every = not answers_everything()
    with open_index() as index:
        for treaty, error in index.treaties():
            if error is not None:
                failed.append((treaty, error))
                continue
            # None: the whole file is read.
            names = None if every else index.withdrawing(treaty, query.day)
            if names == []:
                datasets.append(from_plain(Dataset, index.header(treaty)))
                continue
            try:
                path = treaty_path(treaty)
                result = pending(path if names is None else _only(path, names), query)
            except DataError as error:
                failed.append((treaty, str(error)))
                continue
            results.append(result)
            datasets.append(result.dataset)
    rows = [(result.dataset, p) for result in results for p in result.positions]
    left_out = [(result.dataset, p) for result in results for p in result.left_out]

    def order(row: tuple[Dataset, Position]) -> tuple[bool, dt.date, str, str]:
        dataset, p = row
        assert p.outcome is not None
        held = p.outcome.suspended_by_armed_conflict or bool(p.outcome.at_risk_from)
        return (held, p.outcome.takes_effect or dt.date.max, p.state.name, dataset.treaty.id)

    return PendingEverywhereResult(
        as_of=query.day,
        rows=tuple(sorted(rows, key=order)),
        today=query.today,
        datasets=tuple(datasets),
        left_out=tuple(sorted(left_out, key=order)),
        evidence=query.evidence,
        failed=tuple(failed),
    )
