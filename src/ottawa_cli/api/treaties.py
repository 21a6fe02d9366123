"""The bundled treaties (`ottawa treaties`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from ottawa_cli.api import load, today
from ottawa_cli.bundled import DEFAULT_TREATY, treaty_ids, treaty_path
from ottawa_cli.models import Dataset


@dataclass(frozen=True, kw_only=True)
class TreatiesQuery:
    today: dt.date = field(default_factory=today)


@dataclass(frozen=True, kw_only=True)
class TreatyRow:
    dataset: Dataset
    # States Parties today.
    parties: int
    default: bool


@dataclass(frozen=True, kw_only=True)
class TreatiesResult:
    kind: ClassVar[str] = "treaties"
    rows: tuple[TreatyRow, ...]
    today: dt.date


def treaties(query: TreatiesQuery) -> TreatiesResult:
    """Each bundled treaty: what it is, its depositary and entry into force, how many States
    Parties it has today, and when its data was last verified against the depositary."""
    from ottawa_cli.rules import count_parties

    rows = []
    for treaty in treaty_ids():
        dataset = load(treaty_path(treaty))
        rows.append(
            TreatyRow(
                dataset=dataset,
                parties=count_parties(dataset.treaty, dataset.states, query.today),
                default=treaty == DEFAULT_TREATY,
            )
        )
    return TreatiesResult(rows=tuple(rows), today=query.today)
