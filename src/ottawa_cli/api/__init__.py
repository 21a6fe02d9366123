"""The library: one function per question, each taking a treaty's data and a query object and
returning a typed result. The command line only parses arguments into a query, calls one of
these, and emits the result (`ottawa_cli.output`); so can any other program.

- a State's position on a date: `api.status.status(data, StatusQuery) -> StatusResult`
- a State's facts and their sources: `api.sources.sources(data, SourcesQuery) -> SourcesResult`
- every State on a date: `api.states.list_states(data, ListQuery) -> ListResult`
- withdrawals pending on a date: `api.states.pending(data, PendingQuery) -> PendingResult`
- dated entries: `api.history.timeline(data, TimelineQuery) -> TimelineResult`
- States Parties over time: `api.history.parties(data, PartiesQuery) -> PartiesResult`
- what-if, a withdrawal: `api.calc.withdraw(data, WithdrawQuery) -> WithdrawResult`
- what-if, joining: `api.calc.join(data, JoinQuery) -> JoinResult`
- the whole dataset, computed: `api.export.export(data, ExportQuery) -> ExportResult`
- what happened from a date, by the day it happened or was recorded:
  `api.changes.changes(data, ChangesQuery) -> ChangesResult` (every bundled treaty:
  `api.changes.changes_everywhere(ChangesQuery)`)
- every State on a date, for a map: `api.pictures.world_map(data, MapQuery) -> MapResult`
- States Parties over time and each withdrawal, for a chart:
  `api.pictures.chart(data, ChartQuery) -> ChartResult`
- the data files' findings: `api.check.check(CheckQuery) -> CheckResult`
- a UNTC status page, saved or fetched, against the data: `api.untc.untc_diff(data, UntcDiffQuery)
  -> CheckResult`
- the current status pages, fetched and written: `api.untc.untc_fetch(UntcFetchQuery) ->
  UntcFetchResult` (the only question that touches the network, with `untc.diff`'s fetch and
  `update.update`'s)
- what a status page adds to the bundled data, into the user's overlay:
  `api.update.update(UpdateQuery) -> UpdateResult`; what the overlay holds: `api.update.held()`
- what happened from a date, under one treaty or all: `api.changes.changes(data, ChangesQuery)`,
  `api.changes.changes_everywhere(ChangesQuery) -> ChangesResult`
- one question under every bundled treaty (`--treaty all`): `api.status.status_everywhere`,
  `api.states.pending_everywhere`, `api.across.timeline_everywhere`, `list_everywhere`,
  `parties_everywhere`, `export_everywhere`; the first two and `api.treaties.treaties` read the
  bundled data's index (`api.index`)

Each family is its own module so that `ottawa status` imports only what it answers with. Data
is a loaded `Dataset`, or the path of a data file (read through the cache). Errors derive from
`ottawa_cli.errors.OttawaError` and carry their exit code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import field

from ottawa_cli.frozen import dataclass
from ottawa_cli.law.evidence import EVIDENCE, Evidence
from ottawa_cli.law.model import Dataset, Source, State
from ottawa_cli.store.bundled import StrPath, data_path

Data = Dataset | StrPath | None


def today() -> dt.date:
    """What "today" is when a query is made without one: the machine's local date. A front end
    passes its own (`cli.clock`: `OTTAWA_TODAY` where it is set); the library reads no
    environment for it."""
    return dt.date.today()


def made_at() -> dt.datetime:
    """When a file is made, when a query is made without it: now, in UTC."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


# Every recorded fact, whatever its sources: what `--evidence` does not narrow.
EVERY_FACT: Evidence = EVIDENCE[-1]


def load(data: Data, evidence: Evidence = EVERY_FACT, *, updates: bool = True) -> Dataset:
    """Every State of a treaty's data: the dataset given, or the file (None: the packaged one),
    with only the facts at least as strong as `evidence`; a bundled treaty's with the facts of
    its overlay (`ottawa update`) unless `updates` is False."""
    if isinstance(data, Dataset):
        dataset = data
    else:
        from ottawa_cli.store.cache import load_dataset

        dataset = load_dataset(data_path(data))
        if updates:
            dataset = _with_updates(dataset, data_path(data))
        if (parent := _parent(dataset, data_path(data), updates)) is not None:
            on_parent = {s.name: s for s in parent.states}
            states = tuple(
                _following(dataset, parent, s, on_parent.get(s.name)) for s in dataset.states
            )
            dataset = dataclasses.replace(dataset, states=states, sources=_sources(dataset, parent))
            if dataset.updates is None and parent.updates is not None:
                # A withdrawal the parent's overlay imported is one from the protocol too: the
                # answer says where it came from.
                from ottawa_cli.store.overlay_folder import SOURCE

                if any(e.source == SOURCE for s in states for e in s.events):
                    dataset = dataclasses.replace(dataset, updates=parent.updates)
    if evidence == EVERY_FACT:
        return dataset
    from ottawa_cli.law.evidence import dataset_at_least

    return dataset_at_least(dataset, evidence)


def find_state(data: Data, query: str, evidence: Evidence = EVERY_FACT) -> tuple[Dataset, State]:
    """One State by name, alias or code, with its treaty's data (from a file: only the header,
    through the cache's index, so one State costs one row whatever the file's size), with only
    the facts at least as strong as `evidence`."""
    if isinstance(data, Dataset) or _updated(data_path(data)):
        from ottawa_cli.store.lookup import StateIndex

        # An overlay applies: the State is found among the merged data, not the file's index.
        data = load(data)
        dataset, state = data, StateIndex(data.states, data.not_listed).find(query)
    else:
        from ottawa_cli.store.cache import load_state

        dataset, state = load_state(data_path(data), query)
        link = dataset.treaty.protocol_to
        if link is not None and link.withdrawal_follows:
            from ottawa_cli.store.lookup import UnknownState

            try:
                parent, on_parent = load_state(_parent_path(dataset, data_path(data)), state.name)
            except UnknownState:
                pass  # not a participant in the parent: nothing follows
            else:
                state = _following(dataset, parent, state, on_parent)
                dataset = dataclasses.replace(dataset, sources=_sources(dataset, parent))
    if evidence == EVERY_FACT:
        return dataset, state
    from ottawa_cli.law.evidence import state_at_least

    return dataset, state_at_least(state, dataset.sources, evidence)


def find_states(path: StrPath, names: Sequence[str]) -> tuple[Dataset, tuple[State, ...]]:
    """Several participants of a treaty's file, each as `find_state` finds it, with every fact;
    the header is read once where no overlay applies and the treaty is no protocol whose
    parent's withdrawals are its own (each is then found as `find_state` finds it)."""
    path = data_path(path)
    if not _updated(path):
        from ottawa_cli.store.cache import load_states

        header, states = load_states(path, names)
        link = header.treaty.protocol_to
        if link is None or not link.withdrawal_follows:
            return header, states
    found = [find_state(path, name) for name in names]
    return found[0][0], tuple(state for _, state in found)


def read_files(data: StrPath | None) -> tuple[str, ...]:
    """The files a treaty's data is read from: its file, the State registry read with it, and,
    for a protocol whose parent's withdrawals are its own, the parent's file."""
    from ottawa_cli.store.bundled import registry_for
    from ottawa_cli.store.cache import load_dataset

    path = data_path(data)
    files = [path, registry_for(path)]
    if _parent(load_dataset(path), path) is not None:
        files.append(_parent_path(load_dataset(path), path))
    return tuple(files)


def _parent_path(dataset: Dataset, path: str) -> str:
    """A protocol's parent treaty: beside its file (`data/treaties/unfccc.yaml` for Kyoto),
    else the bundled one."""
    import os

    link = dataset.treaty.protocol_to
    assert link is not None
    beside = os.path.join(os.path.dirname(os.path.abspath(path)), f"{link.treaty}.yaml")
    if os.path.isfile(beside):
        return beside
    from ottawa_cli.store.bundled import treaty_path

    return treaty_path(link.treaty)


def _parent(dataset: Dataset, path: str, updates: bool = True) -> Dataset | None:
    """The parent treaty's data, where leaving it is leaving this protocol; else None."""
    link = dataset.treaty.protocol_to
    if link is None or not link.withdrawal_follows:
        return None
    from ottawa_cli.store.cache import load_dataset

    parent = _parent_path(dataset, path)
    return _with_updates(load_dataset(parent), parent) if updates else load_dataset(parent)


def _with_updates(dataset: Dataset, path: str) -> Dataset:
    """The one place an overlay of `ottawa update` is merged into data read from a file."""
    from ottawa_cli.store.overlay_folder import applies

    if applies(path) is None:
        return dataset  # the overlay's module (its models, its reader) is not loaded for nothing
    from ottawa_cli.store.overlay import merged

    return merged(dataset, path)


def _updated(path: str) -> bool:
    from ottawa_cli.store.overlay_folder import may_change

    return may_change(path)


def _following(dataset: Dataset, parent: Dataset, state: State, on_parent: State | None) -> State:
    from ottawa_cli.law.history import withdrawals_following

    if on_parent is None:
        return state
    derived = withdrawals_following(dataset.treaty, parent.treaty, state, on_parent)
    if not derived:
        return state
    events = tuple(sorted((*state.events, *derived), key=lambda e: e.date))
    return dataclasses.replace(state, events=events)


def _sources(dataset: Dataset, parent: Dataset) -> dict[str, Source]:
    """The protocol's sources and the parent's, which derived withdrawals cite."""
    return {**parent.sources, **dataset.sources}


@dataclass(frozen=True, kw_only=True)
class DatedQuery:
    """A question about one day: `as_of`, or today when it names none."""

    as_of: dt.date | None = None
    today: dt.date = field(default_factory=today)
    # Only facts at least this well established (`--evidence`): "what the depositary's record
    # shows" is `depositary`; the default is every recorded fact.
    evidence: Evidence = EVERY_FACT

    @property
    def day(self) -> dt.date:
        return self.today if self.as_of is None else self.as_of
