"""The bundled treaties (`ottawa treaties`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from ottawa_cli.api import EVERY_FACT, load, today
from ottawa_cli.bundled import DEFAULT_TREATY, treaty_ids, treaty_path
from ottawa_cli.evidence import Evidence
from ottawa_cli.models import Dataset


@dataclass(frozen=True, kw_only=True)
class TreatiesQuery:
    today: dt.date = field(default_factory=today)
    evidence: Evidence = EVERY_FACT


@dataclass(frozen=True, kw_only=True)
class TreatyRow:
    dataset: Dataset
    # States Parties today.
    parties: int
    default: bool
    # How many of those Parties' positions rest on less than the depositary's record.
    parties_on_less: int = 0


@dataclass(frozen=True, kw_only=True)
class TreatiesResult:
    kind: ClassVar[str] = "treaties"
    rows: tuple[TreatyRow, ...]
    today: dt.date
    # Treaties whose data could not be read, each with why: the others are still listed.
    failed: tuple[tuple[str, str], ...] = ()


def treaties(query: TreatiesQuery) -> TreatiesResult:
    """Each bundled treaty: what it is, its depositary and entry into force, how many States
    Parties it has today, and when its data was last verified against the depositary."""
    from ottawa_cli.errors import DataError
    from ottawa_cli.evidence import of_events
    from ottawa_cli.rules import positions

    rows = []
    failed: list[tuple[str, str]] = []
    for treaty in treaty_ids():
        try:
            dataset = load(treaty_path(treaty), query.evidence)
        except DataError as error:
            failed.append((treaty, str(error)))
            continue
        bound = [p for p in positions(dataset.treaty, dataset.states, query.today) if p.bound]
        rows.append(
            TreatyRow(
                dataset=dataset,
                parties=len(bound),
                default=treaty == DEFAULT_TREATY,
                parties_on_less=sum(
                    of_events(p.depends_on, dataset.sources) != "depositary" for p in bound
                ),
            )
        )
    return TreatiesResult(rows=tuple(rows), today=query.today, failed=tuple(failed))
