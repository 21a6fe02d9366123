"""The bundled treaties (`ottawa treaties`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from typing import ClassVar

from ottawa_cli.api import EVERY_FACT, today
from ottawa_cli.frozen import dataclass
from ottawa_cli.law.evidence import Evidence
from ottawa_cli.law.model import Dataset
from ottawa_cli.store.bundled import DEFAULT_TREATY


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
    Parties it has today, and when its data was last verified against the depositary.

    Read from the bundled data's index (`api.index`): a treaty's header and its count on the
    day, never its States, so the answer costs the same with six treaties or six hundred."""
    from ottawa_cli.api.index import open_index
    from ottawa_cli.store.index_file import answers_everything
    from ottawa_cli.store.plain import from_plain

    if not answers_everything():
        return _treaties_from_files(query)
    rows = []
    failed: list[tuple[str, str]] = []
    with open_index() as index:
        for treaty, error in index.treaties():
            if error is not None:
                failed.append((treaty, error))
                continue
            counts = index.counts(treaty, query.evidence, query.today)
            rows.append(
                TreatyRow(
                    dataset=from_plain(Dataset, index.header(treaty)),
                    parties=counts.parties,
                    default=treaty == DEFAULT_TREATY,
                    parties_on_less=counts.parties_on_less,
                )
            )
    return TreatiesResult(rows=tuple(rows), today=query.today, failed=tuple(failed))


def _treaties_from_files(query: TreatiesQuery) -> TreatiesResult:
    """The same answer from every treaty's data, where an overlay of `ottawa update` may change
    it (the index holds the bundled data as curated)."""
    from ottawa_cli.api import load
    from ottawa_cli.errors import DataError
    from ottawa_cli.law.evidence import of_events
    from ottawa_cli.law.position import positions
    from ottawa_cli.store.bundled import treaty_ids, treaty_path

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
