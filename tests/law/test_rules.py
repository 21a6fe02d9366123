"""The rules under the Mine Ban Convention's clauses: month ends and leap years, successions,
armed conflicts, a State that leaves and returns, duties and their deadlines; then properties.
The Convention's published outcomes are tests/treaties/test_apmbc.py's."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ottawa_cli.law.clauses import OutOfCalendar, entry_into_force, withdrawal_takes_effect
from ottawa_cli.law.model import (
    ArmedConflict,
    Completion,
    Dataset,
    Event,
    Extension,
    State,
    Treaty,
)
from ottawa_cli.law.position import (
    STATUSES,
    Deadline,
    deadlines,
    pending_withdrawals,
    position,
)
from ottawa_cli.output import render, views
from ottawa_cli.reasons import say
from tests.support import state_named

D = dt.date


def test_withdrawal_received_on_31_august_takes_effect_end_of_february(real: Dataset) -> None:
    outcome = withdrawal_takes_effect(real.treaty.withdrawal, D(2026, 8, 31))
    assert outcome.takes_effect == D(2027, 2, 28)
    assert "February has no 31st, the last day of the month is used" in say(outcome.steps[0])


def test_withdrawal_received_31_august_before_a_leap_year_ends_29_february(real: Dataset) -> None:
    assert withdrawal_takes_effect(real.treaty.withdrawal, D(2027, 8, 31)).takes_effect == D(
        2028, 2, 29
    )


def test_withdrawal_received_on_29_february_takes_effect_29_august(real: Dataset) -> None:
    assert withdrawal_takes_effect(real.treaty.withdrawal, D(2028, 2, 29)).takes_effect == D(
        2028, 8, 29
    )


def test_succession_binds_from_the_recorded_date_not_an_art17_date(real: Dataset) -> None:
    state = State(
        name="Successor",
        iso2="XS",
        iso3="XSS",
        events=(
            Event(
                kind="succession",
                date=D(2011, 11, 11),
                source="untc",
                bound_from=_published(D(2011, 7, 9)),
            ),
        ),
    )
    pos = position(real.treaty, state, D(2011, 12, 1))
    assert pos.status == "party"
    assert pos.entry_into_force == D(2011, 7, 9)
    assert position(real.treaty, state, D(2011, 8, 1)).status == "not-a-party"


def _published(day: dt.date) -> object:
    from ottawa_cli.law.model import SourcedDate

    return SourcedDate(date=day, source="untc")


def _hypothetical_ukraine_withdrawal(
    real: Dataset, conflict_end: dt.date | None, received: dt.date = dt.date(2026, 3, 1)
) -> State:
    ukraine = state_named(real, "Ukraine")
    conflict = ArmedConflict(
        name="test conflict", start=D(2022, 2, 24), source="fixture", end=conflict_end
    )
    return State(
        name=ukraine.name,
        iso2=ukraine.iso2,
        iso3=ukraine.iso3,
        events=(*ukraine.events, Event(kind="withdrawal", date=received, source="fixture")),
        armed_conflicts=(conflict,),
    )


def test_withdrawal_by_a_state_in_armed_conflict_is_suspended_never_withdrawn(
    real: Dataset,
) -> None:
    state = _hypothetical_ukraine_withdrawal(real, None)
    assert position(real.treaty, state, D(2026, 8, 31)).status == "withdrawing"
    for later in (D(2026, 9, 1), D(2030, 1, 1), D(9999, 12, 31)):
        pos = position(real.treaty, state, later)
        assert pos.status == "withdrawal-suspended"
        assert pos.outcome is not None and pos.outcome.takes_effect is None


def test_withdrawal_takes_effect_when_the_armed_conflict_ends_after_six_months(
    real: Dataset,
) -> None:
    state = _hypothetical_ukraine_withdrawal(real, D(2027, 5, 9))
    assert position(real.treaty, state, D(2027, 5, 8)).status == "withdrawal-suspended"
    pos = position(real.treaty, state, D(2027, 5, 9))
    assert pos.status == "withdrawn"
    assert pos.outcome is not None and pos.outcome.takes_effect == D(2027, 5, 9)


def test_armed_conflict_ended_before_six_months_does_not_delay_withdrawal(real: Dataset) -> None:
    state = _hypothetical_ukraine_withdrawal(real, D(2026, 4, 1))
    pos = position(real.treaty, state, D(2026, 9, 1))
    assert pos.status == "withdrawn"
    assert pos.outcome is not None and not pos.outcome.suspended_by_armed_conflict


def test_conflict_end_recorded_after_as_of_is_not_yet_known(real: Dataset) -> None:
    state = _hypothetical_ukraine_withdrawal(real, D(2028, 1, 1))
    pos = position(real.treaty, state, D(2027, 1, 1))
    assert pos.status == "withdrawal-suspended"
    assert pos.outcome is not None and pos.outcome.takes_effect is None


def test_state_that_withdraws_and_rejoins_is_a_party_again(real: Dataset) -> None:
    state = State(
        name="Returner",
        iso2="XR",
        iso3="XRR",
        events=(
            Event(kind="accession", date=D(2000, 1, 10), source="untc"),
            Event(kind="withdrawal", date=D(2010, 1, 10), source="untc"),
            Event(kind="accession", date=D(2015, 2, 3), source="untc"),
        ),
    )
    assert position(real.treaty, state, D(2012, 1, 1)).status == "withdrawn"
    assert position(real.treaty, state, D(2015, 3, 1)).status == "pending-entry-into-force"
    rejoined = position(real.treaty, state, D(2015, 8, 1))
    assert rejoined.status == "party"
    assert rejoined.withdrawal is None
    assert rejoined.entry_into_force == D(2015, 8, 1)


def test_withdrawal_held_by_armed_conflict_is_listed_last_in_pending(real: Dataset) -> None:
    held = _hypothetical_ukraine_withdrawal(real, None, received=D(2025, 7, 1))
    states = [s if s.name != "Ukraine" else held for s in real.states]
    names = [p.state.name for p in pending_withdrawals(real.treaty, states, D(2025, 9, 1))]
    assert names[-1] == "Ukraine"


def test_six_months_after_the_last_representable_day_is_a_clear_error(real: Dataset) -> None:
    with pytest.raises(OutOfCalendar, match="9999-12-31"):
        withdrawal_takes_effect(real.treaty.withdrawal, D(9999, 12, 31))


# Properties ----------------------------------------------------------------------------------

receipts = st.dates(min_value=D(1999, 3, 1), max_value=D(9999, 6, 30))


@given(received=receipts)
def test_effective_date_is_six_calendar_months_later_or_that_months_last_day(
    treaty: Treaty, received: dt.date
) -> None:
    effective = withdrawal_takes_effect(treaty.withdrawal, received).takes_effect
    assert effective is not None
    months = (effective.year - received.year) * 12 + effective.month - received.month
    assert months == 6
    if effective.day != received.day:
        assert effective.day < received.day
        assert (effective + dt.timedelta(days=1)).day == 1


@given(deposited=st.dates(min_value=D(1997, 12, 3), max_value=D(9999, 6, 30)))
def test_entry_into_force_is_the_first_of_a_month_after_the_deposit(
    treaty: Treaty, deposited: dt.date
) -> None:
    in_force = entry_into_force(treaty.entry_into_force, deposited)
    assert in_force.day == 1
    assert in_force > deposited
    assert in_force >= D(1999, 3, 1)


_ORDER = list(STATUSES)


@given(
    signed=st.one_of(st.none(), st.dates(D(1997, 12, 3), D(1999, 2, 28))),
    deposited=st.dates(D(1997, 12, 3), D(2030, 1, 1)),
    withdraw_after=st.one_of(st.none(), st.integers(0, 5000)),
    conflict=st.booleans(),
    days=st.lists(st.dates(D(1997, 1, 1), D(2050, 1, 1)), min_size=2, max_size=8),
)
def test_status_over_time_only_moves_forward_without_a_new_instrument(
    treaty: Treaty,
    signed: dt.date | None,
    deposited: dt.date,
    withdraw_after: int | None,
    conflict: bool,
    days: list[dt.date],
) -> None:
    events = [Event(kind="accession", date=deposited, source="fixture")]
    if signed is not None and signed < deposited:
        events.insert(0, Event(kind="signature", date=signed, source="fixture"))
    if withdraw_after is not None:
        received = entry_into_force(treaty.entry_into_force, deposited) + dt.timedelta(
            days=withdraw_after
        )
        events.append(Event(kind="withdrawal", date=received, source="fixture"))
    conflicts = (ArmedConflict(name="c", start=deposited, source="fixture"),) if conflict else ()
    state = State(name="X", iso2="XX", iso3="XXX", events=tuple(events), armed_conflicts=conflicts)
    ranks = [_ORDER.index(position(treaty, state, day).status) for day in sorted(days)]
    assert ranks == sorted(ranks)
    if conflict and withdraw_after is not None:
        assert _ORDER.index("withdrawn") not in ranks


def _mine_affected(
    extensions: tuple[Extension, ...] = (), completions: tuple[Completion, ...] = ()
) -> State:
    return State(
        name="Mineland",
        iso2="XM",
        iso3="XMM",
        events=(Event(kind="accession", date=D(2004, 1, 15), source="fixture"),),
        extensions=extensions,
        completions=completions,
    )


def _clearance(real: Dataset, state: State, as_of: dt.date) -> Deadline:
    pos = position(real.treaty, state, as_of)
    return next(d for d in deadlines(real.treaty, pos) if d.duty.id == "mine-clearance")


def test_art5_deadline_is_ten_years_after_entry_into_force(real: Dataset) -> None:
    assert _clearance(real, _mine_affected(), D(2020, 1, 1)).due == D(2014, 7, 1)


def test_an_art5_extension_moves_the_deadline_from_the_day_it_is_granted(real: Dataset) -> None:
    extension = Extension(
        duty="mine-clearance",
        until=D(2019, 7, 1),
        source="fixture",
        granted_by="Twelfth Meeting of the States Parties",
        granted_on=D(2012, 12, 7),
    )
    state = _mine_affected(extensions=(extension,))
    before = _clearance(real, state, D(2012, 12, 6))
    assert (before.due, before.extension) == (D(2014, 7, 1), None)
    after = _clearance(real, state, D(2013, 1, 1))
    assert (after.due, after.original, after.extension) == (D(2019, 7, 1), D(2014, 7, 1), extension)


def test_the_latest_of_several_extensions_applies(real: Dataset) -> None:
    first = Extension(
        duty="mine-clearance", until=D(2019, 7, 1), source="fixture", granted_on=D(2012, 12, 7)
    )
    second = Extension(
        duty="mine-clearance", until=D(2024, 7, 1), source="fixture", granted_on=D(2018, 11, 30)
    )
    state = _mine_affected(extensions=(second, first))
    assert _clearance(real, state, D(2020, 1, 1)).due == D(2024, 7, 1)


def test_a_declared_completion_is_shown_from_its_date(real: Dataset) -> None:
    done = Completion(duty="mine-clearance", date=D(2010, 5, 1), source="fixture")
    state = _mine_affected(completions=(done,))
    assert _clearance(real, state, D(2010, 4, 30)).completion is None
    assert _clearance(real, state, D(2010, 5, 1)).completion == done


def test_a_deadline_after_the_withdrawal_takes_effect_says_it_no_longer_binds(
    real: Dataset,
) -> None:
    # Accession 2020-01-15 → in force 2020-07-01; Art. 5 due 2030-07-01; withdrawal effective
    # 2027-03-01, before it. The next annual report after the withdrawal is not listed at all.
    state = State(
        name="Leaver",
        iso2="XL",
        iso3="XLL",
        events=(
            Event(kind="accession", date=D(2020, 1, 15), source="fixture"),
            Event(kind="withdrawal", date=D(2026, 9, 1), source="fixture"),
        ),
    )
    pos = position(real.treaty, state, D(2027, 6, 1))
    due = {d.duty.id: d for d in deadlines(real.treaty, pos)}
    assert (due["mine-clearance"].due, due["mine-clearance"].binding) == (D(2030, 7, 1), False)
    assert due["stockpile-destruction"].binding  # 2024-07-01, before the withdrawal
    assert "annual-transparency-report" not in due
    text = render.plain([views.deadlines_table(tuple(due.values()), pos.as_of)])
    assert "1 Jul 2030 — no longer binding: withdrawn before" in text


@given(in_force=st.dates(D(1999, 3, 1), D(2100, 12, 31)), later=st.integers(0, 2000))
def test_the_next_annual_report_is_never_before_entry_into_force_nor_the_day_asked(
    in_force: dt.date, later: int
) -> None:
    from ottawa_cli.law.model import Duty
    from ottawa_cli.law.position import duty_due

    duty = Duty(id="annual", article="Art. 7(2)", title="report", annually_on="04-30")
    asked = in_force + dt.timedelta(days=later)
    due = duty_due(duty, in_force, asked)
    assert due is not None
    assert due > in_force and due >= asked
    assert (due.month, due.day) == (4, 30)
    assert (due - max(asked, in_force + dt.timedelta(days=1))).days < 366
