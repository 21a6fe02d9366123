"""Everything a static website shows on one day (`ottawa site`, `ottawa serve`): the answers the
commands give, gathered once. `ottawa_cli.output.site` writes them as pages, JSON, CSV and a
feed; nothing here is computed that a command does not compute the same way."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import ClassVar

from ottawa_cli.api import DatedQuery
from ottawa_cli.api.history import TimelineResult
from ottawa_cli.api.pictures import ChartResult, MapResult
from ottawa_cli.api.states import ListResult, PendingEverywhereResult, PendingResult
from ottawa_cli.api.status import StatusEverywhereResult, StatusResult
from ottawa_cli.api.treaties import TreatiesResult
from ottawa_cli.store.bundled import StrPath


@dataclass(frozen=True, kw_only=True)
class SiteQuery(DatedQuery):
    # A data file of the user's own (`--data`); None: every bundled treaty.
    data: StrPath | None = None


@dataclass(frozen=True, kw_only=True)
class TreatyAnswers:
    """One treaty's page: what `list`, `pending`, `map`, `chart` and `timeline` answer."""

    listing: ListResult
    pending: PendingResult
    map: MapResult
    chart: ChartResult
    timeline: TimelineResult

    @property
    def id(self) -> str:
        return self.listing.dataset.treaty.id


@dataclass(frozen=True, kw_only=True)
class StateAnswers:
    """One State's page: `status STATE --treaty all` (or `--data`)."""

    # The file name the State's page and JSON have: its alpha-3 code, else its alpha-2.
    key: str
    name: str
    answer: StatusEverywhereResult | StatusResult

    @property
    def results(self) -> tuple[StatusResult, ...]:
        answer = self.answer
        return answer.results if isinstance(answer, StatusEverywhereResult) else (answer,)


@dataclass(frozen=True, kw_only=True)
class SiteResult:
    kind: ClassVar[str] = "site"
    as_of: dt.date
    today: dt.date
    # `ottawa treaties` on the day (None for a data file of one's own, which is no bundled one).
    treaties: TreatiesResult | None
    # `pending --treaty all` (bundled), else `pending --data`.
    pending: PendingEverywhereResult | PendingResult
    pages: tuple[TreatyAnswers, ...]
    states: tuple[StateAnswers, ...]


# A code as a file name: the registry's codes are letters, but a data file of one's own is
# read as it is, and a name in a path must never climb out of the site.
_FILE_NAME = re.compile(r"^[A-Za-z0-9]{2,3}$")


def _key(iso3: str | None, iso2: str, taken: set[str]) -> str:
    for code in (iso3, iso2):
        if code and _FILE_NAME.match(code) and code.upper() not in taken:
            return code.upper()
    n = len(taken)
    while f"S{n}" in taken:
        n += 1
    return f"S{n}"


def site(query: SiteQuery) -> SiteResult:
    """Every answer the site shows for the day: each treaty's States, pending withdrawals, map,
    chart and recorded history, and each State's position under every treaty."""
    from ottawa_cli.api import load
    from ottawa_cli.api.history import TimelineQuery, timeline
    from ottawa_cli.api.pictures import ChartQuery, MapQuery, chart, world_map
    from ottawa_cli.api.states import ListQuery, PendingQuery, list_states, pending
    from ottawa_cli.api.states import pending_everywhere as pending_all
    from ottawa_cli.api.status import StatusQuery, status, status_everywhere
    from ottawa_cli.api.treaties import TreatiesQuery, treaties
    from ottawa_cli.store.bundled import treaty_ids, treaty_path

    day, today = query.day, query.today
    files = [query.data] if query.data is not None else [treaty_path(t) for t in treaty_ids()]
    pages = []
    for path in files:
        dataset = load(path, query.evidence)
        pages.append(
            TreatyAnswers(
                listing=list_states(
                    path, ListQuery(as_of=day, today=today, evidence=query.evidence)
                ),
                pending=pending(
                    path, PendingQuery(as_of=day, today=today, evidence=query.evidence)
                ),
                map=world_map(dataset, MapQuery(as_of=day, today=today, evidence=query.evidence)),
                # The chart runs to the later of the day asked and the last change recorded.
                chart=chart(dataset, ChartQuery(today=day, evidence=query.evidence)),
                # What was recorded by the day: the history a reader could have known then.
                timeline=timeline(dataset, TimelineQuery(end=day, today=day)),
            )
        )
    # Every participant once, in the order of the first treaty that names it.
    seen: dict[str, tuple[str | None, str]] = {}
    for page in pages:
        for state in page.listing.dataset.states:
            seen.setdefault(state.name, (state.iso3, state.iso2))
    taken: set[str] = set()
    states = []
    for name, (iso3, iso2) in sorted(seen.items(), key=lambda item: item[0].casefold()):
        key = _key(iso3, iso2, taken)
        taken.add(key)
        # Asked by name, as `ottawa status NAME` is: the code may name another in a data file.
        asked = StatusQuery(state=name, as_of=day, today=today, evidence=query.evidence)
        answer = status(query.data, asked) if query.data is not None else status_everywhere(asked)
        states.append(StateAnswers(key=key, name=name, answer=answer))
    return SiteResult(
        as_of=day,
        today=today,
        # "Today" for `ottawa treaties` is the day the site is about (`OTTAWA_TODAY=DAY`).
        treaties=None
        if query.data is not None
        else treaties(TreatiesQuery(today=day, evidence=query.evidence)),
        pending=pending(query.data, PendingQuery(as_of=day, today=today, evidence=query.evidence))
        if query.data is not None
        else pending_all(PendingQuery(as_of=day, today=today, evidence=query.evidence)),
        pages=tuple(pages),
        states=tuple(states),
    )
