"""The Mine Ban Convention (`apmbc`): its data file complete, self-consistent and true to the
rules it records; Art. 17 and Art. 20 against the published dates (Finland's, Poland's and the
Baltic States' withdrawals of 2025, Ukraine's suspension notice, the Landmine Monitor's and the
UNTC's counts of States Parties)."""

from __future__ import annotations

import datetime as dt

import pytest

from ottawa_cli.law.clauses import entry_into_force, withdrawal_takes_effect
from ottawa_cli.law.model import Dataset
from ottawa_cli.law.position import deadlines, pending_withdrawals, position
from ottawa_cli.store.load import load
from tests.support import (
    DATA,
    assert_parties,
    assert_status,
    assert_takes_effect,
    position_of,
    state_named,
)

D = dt.date


def test_every_state_that_signed_or_joined_is_there(real: Dataset) -> None:
    assert sum(1 for s in real.states if s.events) == 166
    signed = [s for s in real.states if any(e.kind == "signature" for e in s.events)]
    assert len(signed) == 133
    # Every signatory has since ratified, accepted or approved (Marshall Islands last, 2025).
    assert all(any(e.is_consent for e in s.events) for s in signed)
    kinds = [e.kind for s in real.states for e in s.events if e.is_consent]
    assert kinds.count("accession") + kinds.count("succession") == 33


def test_the_real_file_has_no_findings_but_the_one_it_accepts() -> None:
    from ottawa_cli.check.dataset import check_file_accepting

    findings, accepted = check_file_accepting(DATA, dt.date.today())
    assert findings == []
    # The one known gap: Montenegro's succession date is not on the UNTC page read.
    participants = load(DATA).parsed.value["participants"]
    montenegro = next(i for i, p in enumerate(participants) if p["state"] == "Montenegro")
    assert [(f.code, f.field) for f, _ in accepted] == [
        ("OTT132", f"participants[{montenegro}].events[0].kind")
    ]


def test_the_threshold_instrument_is_the_one_the_data_dates_so(real: Dataset) -> None:
    from ottawa_cli.law.clauses import threshold_instrument

    held, nth = threshold_instrument(real.treaty, real.states)
    assert nth == real.treaty.entry_into_force.threshold_deposit.date == dt.date(1998, 9, 16)
    assert held >= real.treaty.entry_into_force.instruments_required


def test_every_published_entry_into_force_equals_the_art17_date(real: Dataset) -> None:
    published = [
        (s.name, e) for s in real.states for e in s.events if e.entry_into_force is not None
    ]
    assert len(published) >= 150
    for name, event in published:
        assert event.entry_into_force is not None
        computed = entry_into_force(real.treaty.entry_into_force, event.date)
        assert computed == event.entry_into_force.date, name


def test_every_published_withdrawal_date_equals_the_art20_date(real: Dataset) -> None:
    from ottawa_cli.law.clauses import withdrawal_takes_effect

    withdrawals = [(s, e) for s in real.states for e in s.events if e.kind == "withdrawal"]
    assert {s.name for s, _ in withdrawals} == {
        "Estonia",
        "Latvia",
        "Lithuania",
        "Finland",
        "Poland",
    }
    for state, event in withdrawals:
        assert event.takes_effect is not None and event.notification is not None
        outcome = withdrawal_takes_effect(real.treaty.withdrawal, event.date, state.armed_conflicts)
        assert outcome.takes_effect == event.takes_effect.date, state.name


def test_every_date_names_a_defined_source(real: Dataset) -> None:
    for state in real.states:
        for event in state.events:
            for key in event.cited():
                assert key in real.sources, (state.name, key)


def test_data_states_when_it_was_verified_against_the_un_record(real: Dataset) -> None:
    assert real.verified.against == "untc"
    assert real.verified.as_at == dt.date(2026, 2, 3)


@pytest.mark.parametrize(
    ("deposited", "in_force"),
    [
        (D(2012, 1, 9), D(2012, 7, 1)),  # Finland
        (D(2012, 12, 27), D(2013, 6, 1)),  # Poland
        (D(2005, 7, 1), D(2006, 1, 1)),  # Latvia
        (D(2005, 12, 27), D(2006, 6, 1)),  # Ukraine
        (D(2025, 3, 12), D(2025, 9, 1)),  # Marshall Islands
        (D(2025, 6, 25), D(2025, 12, 1)),  # Tonga
    ],
)
def test_art17_2_first_day_of_sixth_month_after_deposit(
    real: Dataset, deposited: dt.date, in_force: dt.date
) -> None:
    assert entry_into_force(real.treaty.entry_into_force, deposited) == in_force


@pytest.mark.parametrize("deposited", [D(1997, 12, 3), D(1998, 9, 16)])
def test_art17_1_deposits_up_to_the_40th_instrument_give_1_march_1999(
    real: Dataset, deposited: dt.date
) -> None:
    assert entry_into_force(real.treaty.entry_into_force, deposited) == D(1999, 3, 1)


def test_deposit_after_the_40th_in_the_same_month_also_gives_1_march_1999(real: Dataset) -> None:
    assert entry_into_force(real.treaty.entry_into_force, D(1998, 9, 30)) == D(1999, 3, 1)


@pytest.mark.parametrize(
    ("received", "effective"),
    [
        (D(2025, 6, 27), D(2025, 12, 27)),  # Estonia, Latvia, Lithuania
        (D(2025, 7, 10), D(2026, 1, 10)),  # Finland
        (D(2025, 8, 20), D(2026, 2, 20)),  # Poland
    ],
)
def test_art20_3_withdrawal_takes_effect_six_months_after_receipt(
    real: Dataset, received: dt.date, effective: dt.date
) -> None:
    assert withdrawal_takes_effect(real.treaty.withdrawal, received).takes_effect == effective


@pytest.mark.parametrize(
    ("name", "before", "on"),
    [
        ("Estonia", D(2025, 12, 26), D(2025, 12, 27)),
        ("Latvia", D(2025, 12, 26), D(2025, 12, 27)),
        ("Lithuania", D(2025, 12, 26), D(2025, 12, 27)),
        ("Finland", D(2026, 1, 9), D(2026, 1, 10)),
        ("Poland", D(2026, 2, 19), D(2026, 2, 20)),
    ],
)
def test_2025_withdrawals_are_withdrawing_until_the_day_they_take_effect(
    name: str, before: dt.date, on: dt.date
) -> None:
    assert_status(name, "apmbc", before, "withdrawing")
    assert_takes_effect(name, "apmbc", on)


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (D(2011, 6, 1), "not-a-party"),
        (D(2012, 1, 9), "pending-entry-into-force"),
        (D(2012, 6, 30), "pending-entry-into-force"),
        (D(2012, 7, 1), "party"),
        (D(2025, 7, 9), "party"),
        (D(2025, 7, 10), "withdrawing"),
        (D(2026, 1, 10), "withdrawn"),
    ],
)
def test_finland_through_time(as_of: dt.date, status: str) -> None:
    assert_status("Finland", "apmbc", as_of, status)


def test_poland_is_a_signatory_between_signature_and_ratification() -> None:
    assert_status("Poland", "apmbc", D(2005, 1, 1), "signatory")


def test_ukraine_suspension_notice_leaves_it_a_party() -> None:
    pos = position_of("Ukraine", "apmbc", D(2026, 1, 1))
    assert pos.status == "party"
    assert pos.withdrawal is None
    assert [e.kind for e in pos.events][-1] == "notification"


@pytest.mark.parametrize(
    ("as_of", "parties"),
    [
        (D(2013, 6, 1), 161),  # Landmine Monitor 2013: Poland makes 161 States Parties
        (D(2024, 6, 1), 164),
        (D(2025, 12, 15), 166),  # after Marshall Islands and Tonga, before the withdrawals
        (D(2025, 12, 27), 163),  # Estonia, Latvia, Lithuania
        (D(2026, 1, 10), 162),  # Finland; UNTC "Parties: 162" as at 3 Feb 2026
        (D(2026, 2, 20), 161),  # Poland
    ],
)
def test_number_of_states_parties_on_dates_with_published_figures(
    as_of: dt.date, parties: int
) -> None:
    assert_parties("apmbc", as_of, parties)


def test_pending_on_1_september_2025_lists_baltics_then_finland_then_poland(
    real: Dataset,
) -> None:
    names = [p.state.name for p in pending_withdrawals(real.treaty, real.states, D(2025, 9, 1))]
    assert names == ["Estonia", "Latvia", "Lithuania", "Finland", "Poland"]


def test_no_duty_falls_due_before_the_treaty_is_in_force_for_the_state(real: Dataset) -> None:
    # Marshall Islands: ratified 12 Mar 2025, in force 1 Sep 2025. On 1 Apr 2025 its first
    # annual report is the 30 April after entry into force, not the 30 April of that month.
    marshall = state_named(real, "Marshall Islands")
    pos = position(real.treaty, marshall, D(2025, 4, 1))
    assert pos.status == "pending-entry-into-force"
    due = {d.duty.id: d.due for d in deadlines(real.treaty, pos)}
    assert due["annual-transparency-report"] == D(2026, 4, 30)
    assert min(due.values()) > D(2025, 9, 1)
