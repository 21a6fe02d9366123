"""A State's position on a date (`ottawa status`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import ClassVar

from ottawa_cli.api import EVERY_FACT, Data, DatedQuery, find_state
from ottawa_cli.frozen import dataclass
from ottawa_cli.law.evidence import Evidence
from ottawa_cli.law.model import Dataset, Event
from ottawa_cli.law.position import Deadline, Position, deadlines, position
from ottawa_cli.store.bundled import StrPath, data_path, is_all, treaty_path


@dataclass(frozen=True, kw_only=True)
class StatusQuery(DatedQuery):
    state: str


@dataclass(frozen=True, kw_only=True)
class StatusResult:
    kind: ClassVar[str] = "status"
    # The treaty's data; read through the cache it holds no States, only the header.
    dataset: Dataset
    position: Position
    deadlines: tuple[Deadline, ...]
    today: dt.date
    # The position on the depositary's record alone, where the answer rests on less and that
    # record reads otherwise (a revocation only reported, say): both readings are shown.
    depositary_reading: Position | None = None
    # The `--evidence` asked for.
    evidence: Evidence = EVERY_FACT
    # Each fact below the depositary's record that the answer turns on, with the position the
    # record gives without it (a revocation only reported: withdrawn, had it not been made).
    readings: tuple[tuple[Event, Position], ...] = ()


def status(data: Data, query: StatusQuery) -> StatusResult:
    """The State's status on the day asked, the instruments behind it, the reasoning, and the
    deadlines that follow."""
    from ottawa_cli.law.evidence import of_event, of_events, state_at_least

    dataset, state = find_state(data, query.state, query.evidence)
    pos = position(dataset.treaty, state, query.day)
    other = None
    if of_events(pos.depends_on, dataset.sources) != "depositary":
        on_the_record = state_at_least(state, dataset.sources, "depositary")
        other = position(dataset.treaty, on_the_record, query.day)
        if (other.status, other.since) == (pos.status, pos.since):
            other = None
    readings = []
    for fact in pos.depends_on:
        if of_event(fact, dataset.sources) == "depositary":
            continue
        without = dataclasses.replace(state, events=tuple(e for e in state.events if e is not fact))
        reading = position(dataset.treaty, without, query.day)
        if (reading.status, reading.since) != (pos.status, pos.since):
            readings.append((fact, reading))
    return StatusResult(
        dataset=dataset,
        position=pos,
        deadlines=tuple(deadlines(dataset.treaty, pos)),
        today=query.today,
        depositary_reading=other,
        evidence=query.evidence,
        readings=tuple(readings),
    )


@dataclass(frozen=True, kw_only=True)
class StatusEverywhereResult:
    kind: ClassVar[str] = "status-everywhere"
    # One answer a bundled treaty, in the order `ottawa treaties` lists them.
    results: tuple[StatusResult, ...]
    today: dt.date
    # Treaties whose data could not be read, each with why: the others are still answered.
    failed: tuple[tuple[str, str], ...] = ()
    # Treaties the participant is not in (a participant that is not a State, under a treaty
    # open to States only).
    absent: tuple[str, ...] = ()


def status_everywhere(query: StatusQuery) -> StatusEverywhereResult:
    """The State's position under every bundled treaty (`--treaty all`); one treaty that cannot
    be read is reported, never the end of every answer.

    The bundled data's index (`api.index`) says which treaties record anything of the State:
    only their files are read; under the others it is a participant with nothing recorded,
    answered from the treaty's header."""
    from ottawa_cli.api.index import open_index
    from ottawa_cli.errors import DataError
    from ottawa_cli.law.model import State
    from ottawa_cli.store.index_file import answers_everything
    from ottawa_cli.store.lookup import NotAParticipant, UnknownState, normalize
    from ottawa_cli.store.plain import from_plain

    results: list[StatusResult] = []
    failed: list[tuple[str, str]] = []
    absent: list[str] = []
    unknown: UnknownState | None = None
    with open_index() as index:
        # With an overlay of `ottawa update`, every treaty's file is read, the overlay merged.
        name = index.only_name(normalize(query.state)) if answers_everything() else None
        bare: State | None = None
        for treaty, error in index.treaties():
            if error is not None:
                failed.append((treaty, error))
                continue
            record = None if name is None else index.member(treaty, name)
            if name is not None and record is None:
                absent.append(treaty)
                continue
            if record is False and name is not None:
                if bare is None:
                    bare = from_plain(State, index.bare(name))
                header = from_plain(Dataset, index.header(treaty))
                results.append(status(dataclasses.replace(header, states=(bare,)), query))
                continue
            try:
                results.append(status(treaty_path(treaty), query))
            except DataError as error:
                failed.append((treaty, str(error)))
            except NotAParticipant:
                raise
            except UnknownState as error:
                absent.append(treaty)
                unknown = error
    if not results and unknown is not None and not failed:
        raise unknown
    if not results and name is not None and not failed:
        raise UnknownState(query.state, [])
    return StatusEverywhereResult(
        results=tuple(results), today=query.today, failed=tuple(failed), absent=tuple(absent)
    )


def answer(
    query: StatusQuery, *, data: StrPath | None = None, treaty: str | None = None
) -> StatusResult | StatusEverywhereResult:
    """`ottawa status`: under the file given, else the bundled treaty named, or all of them."""
    if data is None and is_all(treaty):
        return status_everywhere(query)
    return status(data_path(data, treaty), query)
