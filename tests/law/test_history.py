"""One reading of a State's record (`law.history.fold`): status, list, parties, pending and the
timeline read the same periods of membership, so they agree on every day, however the State
came and went."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ottawa_cli.law.history import fold, history
from ottawa_cli.law.model import Dataset, Event, State
from ottawa_cli.law.position import BOUND, pending_withdrawals, position
from ottawa_cli.law.timeline import parties_on, parties_over_time, timeline
from ottawa_cli.store.load import load
from tests.support import FIXTURES

D = dt.date
TODAY = D(2026, 12, 4)


@pytest.fixture(scope="module")
def minimal(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    path = tmp_path_factory.mktemp("history") / "minimal.yaml"
    path.write_text(
        (FIXTURES / "minimal.yaml").read_text(encoding="utf-8") + "states: []\n", encoding="utf-8"
    )
    dataset = load(path).dataset
    assert dataset is not None
    return dataset


def _state(*events: tuple[str, dt.date]) -> State:
    return State(
        name="Testland",
        iso2="TL",
        iso3="TLD",
        events=tuple(Event(kind=kind, date=day, source="fixture") for kind, day in events),  # type: ignore[arg-type]
    )


# The reproduction: accedes, withdraws, accedes again, gives a second notice, revokes it.
CAME_AND_WENT = _state(
    ("accession", D(2000, 3, 15)),
    ("withdrawal", D(2005, 1, 10)),
    ("accession", D(2010, 2, 1)),
    ("withdrawal", D(2015, 5, 5)),
    ("withdrawal-revocation", D(2015, 9, 1)),
)


def _days(start: dt.date, end: dt.date, step: int = 1) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range(0, (end - start).days + 1, step)]


def _agree(dataset: Dataset, state: State, days: list[dt.date]) -> None:
    """On every day: status, the count, the parties series, pending and the timeline agree."""
    treaty = dataset.treaty
    counts = parties_over_time(treaty, [state], TODAY)
    entries = timeline(treaty, [state], TODAY)
    effects = {e.date for e in entries if e.kind == "withdrawal-takes-effect"}
    for day in days:
        pos = position(treaty, state, day)
        bound = pos.status in BOUND
        assert parties_on(counts, day) == int(bound), day
        pending = pending_withdrawals(treaty, [state], day)
        assert bool(pending) == (pos.status in ("withdrawing", "withdrawal-suspended")), day
        if pos.status == "withdrawn":
            assert pos.since in effects, day


def test_a_state_that_came_went_and_came_back_is_counted_out_between(minimal: Dataset) -> None:
    treaty = minimal.treaty
    assert position(treaty, CAME_AND_WENT, D(2005, 7, 9)).status == "withdrawing"
    assert position(treaty, CAME_AND_WENT, D(2005, 7, 10)).status == "withdrawn"
    assert position(treaty, CAME_AND_WENT, D(2012, 12, 31)).status == "party"
    assert position(treaty, CAME_AND_WENT, D(2009, 12, 31)).status == "withdrawn"
    counts = parties_over_time(treaty, [CAME_AND_WENT], TODAY)
    assert [(c.date, c.change) for c in counts] == [
        (D(2000, 9, 1), 1),
        (D(2005, 7, 10), -1),
        (D(2010, 8, 1), 1),
    ]
    # The first withdrawal's effect is in the timeline though a later notice was revoked.
    kinds = [(e.date, e.kind) for e in timeline(treaty, [CAME_AND_WENT], TODAY)]
    assert (D(2005, 7, 10), "withdrawal-takes-effect") in kinds
    assert (D(2015, 11, 5), "withdrawal-takes-effect") not in kinds
    _agree(minimal, CAME_AND_WENT, _days(D(1999, 1, 1), D(2017, 1, 1), 7))


def test_a_revocation_revokes_the_notice_of_its_own_period(minimal: Dataset) -> None:
    first, second = history(minimal.treaty, CAME_AND_WENT.events)
    assert first.standing is not None and first.standing.event.date == D(2005, 1, 10)
    assert second.standing is None
    assert second.notices[0].revoked_by is not None


def test_a_denunciation_and_a_re_accession_on_the_same_day(minimal: Dataset) -> None:
    # Guyana's shape under the ICCPR's first Optional Protocol: the denunciation takes effect
    # the day the new accession is deposited; the new period starts that day.
    state = _state(
        ("accession", D(2000, 3, 15)),
        ("withdrawal", D(2004, 10, 5)),
        ("accession", D(2005, 4, 5)),
    )
    periods = history(minimal.treaty, state.events)
    assert len(periods) == 2 and periods[1].notices == ()
    _agree(minimal, state, _days(D(2000, 1, 1), D(2007, 1, 1), 3))


def test_a_state_that_leaves_returns_and_leaves_again(minimal: Dataset) -> None:
    # The United States and the Paris Agreement: out, back, out again.
    state = _state(
        ("accession", D(2001, 1, 1)),
        ("withdrawal", D(2010, 1, 1)),
        ("accession", D(2012, 1, 1)),
        ("withdrawal", D(2020, 1, 1)),
    )
    statuses = [
        position(minimal.treaty, state, d).status
        for d in (D(2010, 6, 30), D(2010, 7, 1), D(2012, 7, 1), D(2020, 7, 1))
    ]
    assert statuses == ["withdrawing", "withdrawn", "party", "withdrawn"]
    _agree(minimal, state, _days(D(2000, 1, 1), D(2021, 1, 1), 11))


KINDS = ["accession", "withdrawal", "withdrawal-revocation", "signature"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(KINDS), st.integers(min_value=0, max_value=20 * 365)),
        min_size=1,
        max_size=7,
    )
)
def test_every_view_agrees_on_every_day_for_any_history(
    minimal: Dataset, raw: list[tuple[str, int]]
) -> None:
    start = D(1999, 3, 1)
    events = sorted(((k, start + dt.timedelta(days=n)) for k, n in raw), key=lambda e: e[1])
    state = _state(*events)
    days = sorted({d for _, d in events} | {d + dt.timedelta(days=1) for _, d in events})
    days += _days(start, start + dt.timedelta(days=21 * 365), 61)
    _agree(minimal, dataclasses.replace(state), days)


def test_the_fold_says_what_in_a_record_is_out_of_order(minimal: Dataset) -> None:
    """`ottawa check` reads the order from the one fold: nothing else walks the events."""
    record = fold(
        minimal.treaty,
        _state(
            ("withdrawal-revocation", D(1999, 6, 1)),
            ("accession", D(2000, 3, 15)),
            ("signature", D(2001, 1, 1)),
            ("accession", D(2002, 1, 1)),
            ("withdrawal", D(2005, 1, 10)),
            ("withdrawal", D(2005, 2, 10)),
        ).events,
    )
    assert [(a.kind, a.event.date) for a in record.anomalies] == [
        ("nothing-to-revoke", D(1999, 6, 1)),
        ("signed-again", D(2001, 1, 1)),
        ("consent-while-bound", D(2002, 1, 1)),
        ("notice-without-consent", D(2005, 2, 10)),
    ]
    # The first notice would end the second accession; the second has no instrument to end.
    assert [(n.date, c.date) for n, c in record.notices] == [(D(2005, 1, 10), D(2002, 1, 1))]
    # The reproduction of the issue is in order.
    assert fold(minimal.treaty, CAME_AND_WENT.events).anomalies == ()


def test_a_record_whose_dates_the_calendar_cannot_hold_is_still_read_for_its_order(
    minimal: Dataset,
) -> None:
    late = _state(("accession", D(9999, 12, 1)), ("accession", D(9999, 12, 2)))
    record = fold(minimal.treaty, late.events, order_only=True)
    assert [a.kind for a in record.anomalies] == ["consent-while-bound"]
    assert record.periods == ()
