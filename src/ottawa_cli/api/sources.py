"""Every recorded fact about a State with its source (`ottawa sources`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ottawa_cli.api import Data, find_state
from ottawa_cli.law.model import Dataset, State


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
