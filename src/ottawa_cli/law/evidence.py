"""What each fact rests on: the class of its sources, and of the answers built from it.

A source is the depositary's own record, an official one (the State, the treaty's organisation,
a parliament) or a third party's report (`models.EvidenceClass`). An event is as strong as the
strongest of its sources; a position, a count or a date is as weak as the weakest event it
depends on. A source that does not say what it is counts as `unclassified`, below `reported`:
nothing unclassified passes for the depositary's record.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Literal

from ottawa_cli.law.model import Dataset, Event, Source, State

Evidence = Literal["depositary", "official", "reported", "unclassified"]
# Strongest first.
EVIDENCE: tuple[Evidence, ...] = ("depositary", "official", "reported", "unclassified")
_RANK: dict[str, int] = {name: rank for rank, name in enumerate(EVIDENCE)}


def of_source(sources: Mapping[str, Source], key: str) -> Evidence:
    source = sources.get(key)
    return source.evidence if source is not None and source.evidence else "unclassified"


def of_event(event: Event, sources: Mapping[str, Source]) -> Evidence:
    """The strongest class among the event's own sources (its `source` and `see_also`)."""
    return strongest(of_source(sources, key) for key in (event.source, *event.see_also))


def strongest(classes: Iterable[Evidence]) -> Evidence:
    return min(classes, key=_RANK.__getitem__, default="unclassified")


def weakest(classes: Iterable[Evidence]) -> Evidence:
    """The weakest class; the depositary's where nothing is depended on."""
    return max(classes, key=_RANK.__getitem__, default="depositary")


def of_events(events: Iterable[Event], sources: Mapping[str, Source]) -> Evidence:
    """What an answer resting on these events rests on: the weakest of them."""
    return weakest(of_event(e, sources) for e in events)


def at_least(evidence: Evidence, level: Evidence) -> bool:
    return _RANK[evidence] <= _RANK[level]


def state_at_least(state: State, sources: Mapping[str, Source], level: Evidence) -> State:
    """The State with only the events whose evidence is at least `level`."""
    if level == EVIDENCE[-1]:
        return state
    kept = tuple(e for e in state.events if at_least(of_event(e, sources), level))
    return state if len(kept) == len(state.events) else dataclasses.replace(state, events=kept)


def dataset_at_least(dataset: Dataset, level: Evidence) -> Dataset:
    """The dataset as a record of only the facts at least as strong as `level`."""
    if level == EVIDENCE[-1]:
        return dataset
    states = tuple(state_at_least(s, dataset.sources, level) for s in dataset.states)
    return dataclasses.replace(dataset, states=states)


def left_out(dataset: Dataset, level: Evidence) -> list[tuple[State, Event]]:
    """The events `level` leaves out, with their State."""
    return [
        (state, event)
        for state in dataset.states
        for event in state.events
        if not at_least(of_event(event, dataset.sources), level)
    ]
