"""The Chemical Weapons Convention (`cwc`) against the outcomes the depositary and the OPCW
published: a later deposit's entry into force (Art. XXI(2)), a deposit on the day the Convention
entered into force, Palestine's accession where the sources disagree, Montenegro's succession,
the OPCW's count of States Parties; and what-if withdrawals under Art. XVI(2)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support import (
    assert_enters_into_force,
    assert_parties,
    assert_status,
    assert_what_if_refused_naming,
    assert_what_if_takes_effect,
    bundled_data,
    cli_json,
    position_of,
    state_named,
)

D = dt.date


@pytest.mark.parametrize(
    ("name", "treaty", "in_force"),
    [
        # CWC Art. XXI(2): the 30th day following the deposit (16 Sep 2015).
        ("Angola", "cwc", "2015-10-16"),
    ],
)
def test_a_later_deposit_enters_into_force_under_the_treatys_own_rule(
    name: str, treaty: str, in_force: str
) -> None:
    assert position_of(name, treaty).entry_into_force == D.fromisoformat(in_force)
    assert_enters_into_force(name, treaty, in_force)


def test_palestines_cwc_accession_follows_the_depositary_and_says_why() -> None:
    # The UNTC page: 29 Dec 2017; the OPCW: deposited 17 May 2018, in force 16 Jun 2018.
    got = cli_json("status", "State of Palestine", "--treaty", "cwc")
    assert got["consent"]["deposited"] == "2017-12-29"
    assert got["entry_into_force"] == "2018-01-28"
    (accession,) = state_named(bundled_data("cwc"), "State of Palestine").events
    assert accession.note is not None
    assert "Sources disagree" in accession.note and "17 May 2018" in accession.note


def test_a_cwc_deposit_on_the_day_of_entry_into_force_is_subsequent_to_it() -> None:
    # Art. XXI(2): "subsequent to the entry into force", the 30th day after deposit. Cuba
    # deposited on 29 Apr 1997, the day the Convention entered into force.
    got = cli_json("status", "Cuba", "--treaty", "cwc", "--as-of", "1997-04-29")
    assert (got["status"], got["entry_into_force"]) == ("pending-entry-into-force", "1997-05-29")
    assert not any("before the treaty entered into force" in r for r in got["reasons"])
    assert_status("Cuba", "cwc", "1997-05-29", "party")


@pytest.mark.parametrize(("day", "parties"), [("1997-04-29", 87), ("1997-05-29", 88)])
def test_the_cwc_had_87_parties_on_the_day_it_entered_into_force(day: str, parties: int) -> None:
    # The OPCW's own figure: 87 States Parties on 29 Apr 1997; Cuba counts from 29 May.
    assert_parties("cwc", day, parties)


def test_montenegro_is_bound_by_the_cwc_from_its_independence_as_the_opcw_states() -> None:
    # OPCW release PR86/2006: succession deposited 23 Oct 2006, "The Convention will enter into
    # force for Montenegro as of 3 June 2006, the date of the nation's independence."
    pos = position_of("Montenegro", "cwc", D(2006, 11, 1))
    assert (pos.status, pos.entry_into_force) == ("party", D(2006, 6, 3))
    assert bundled_data("cwc").sources["opcw-2006-montenegro"].evidence == "official"


@pytest.mark.parametrize(
    ("treaty", "received", "extra", "takes_effect"),
    [
        ("cwc", "2026-01-05", [], "2026-04-05"),  # Art. XVI(2): 90 days
    ],
)
def test_what_if_withdrawals_follow_each_treatys_clause(
    treaty: str, received: str, extra: list[str], takes_effect: str | None
) -> None:
    assert_what_if_takes_effect(treaty, received, extra, takes_effect)


@pytest.mark.parametrize(
    ("treaty", "option", "article"),
    [
        ("cwc", ["--armed-conflict-until", "ongoing"], "Art. XVI(2)"),
        ("cwc", ["--later-date", "2027-01-01"], "Art. XVI(2)"),
    ],
)
def test_a_clause_the_treaty_lacks_is_a_usage_error_naming_its_article(
    treaty: str, option: list[str], article: str
) -> None:
    assert_what_if_refused_naming(treaty, option, article)
