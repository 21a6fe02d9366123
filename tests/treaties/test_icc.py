"""The four treaties bundled with the clause vocabulary (the CWC, the ATT, the TPNW, the Rome
Statute), against the outcomes the depositary and the parties published."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from ottawa_cli.store.load import load
from tests.support import TREATIES

D = dt.date
runner = CliRunner()


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _status(name: str, treaty: str, day: str) -> str:
    return str(_json("status", name, "--treaty", treaty, "--as-of", day)["status"])


@pytest.mark.parametrize(
    ("name", "treaty", "in_force"),
    [
        # CWC Art. XXI(2): the 30th day following the deposit (16 Sep 2015).
        ("Angola", "cwc", "2015-10-16"),
        # ATT Art. 22(2): ninety days following the deposit (19 Jun 2019).
        ("Canada", "att", "2019-09-17"),
        # Deposited 17 Dec 2014, between the 50th instrument and the ATT's entry into force.
        ("Poland", "att", "2014-12-24"),
        # TPNW Art. 15(2): 90 days after the deposit (11 Dec 2020), before the Treaty's own
        # entry into force on 22 Jan 2021.
        ("Benin", "tpnw", "2021-03-11"),
        # Rome Statute Art. 126(2): the first day of the month after the 60th day (25 Oct 2024).
        ("Ukraine", "icc", "2025-01-01"),
    ],
)
def test_a_later_deposit_enters_into_force_under_the_treatys_own_rule(
    name: str, treaty: str, in_force: str
) -> None:
    assert _json("status", name, "--treaty", treaty)["entry_into_force"] == in_force
    before = (D.fromisoformat(in_force) - dt.timedelta(days=1)).isoformat()
    assert _status(name, treaty, before) == "pending-entry-into-force"
    assert _status(name, treaty, in_force) == "party"


@pytest.mark.parametrize(
    ("name", "received", "takes_effect"),
    [("Burundi", "2016-10-27", "2017-10-27"), ("Philippines", "2018-03-17", "2019-03-17")],
)
def test_the_rome_statute_withdrawals_take_effect_a_year_after_receipt(
    name: str, received: str, takes_effect: str
) -> None:
    day_before = (D.fromisoformat(received) - dt.timedelta(days=1)).isoformat()
    assert _status(name, "icc", day_before) == "party"
    assert _status(name, "icc", received) == "withdrawing"
    last = (D.fromisoformat(takes_effect) - dt.timedelta(days=1)).isoformat()
    assert _status(name, "icc", last) == "withdrawing"
    assert _status(name, "icc", takes_effect) == "withdrawn"


@pytest.mark.parametrize(
    ("name", "received", "revoked"),
    [("South Africa", "2016-10-19", "2017-03-07"), ("Gambia", "2016-11-10", "2017-02-10")],
)
def test_the_revoked_rome_statute_notices_leave_the_state_a_party(
    name: str, received: str, revoked: str
) -> None:
    assert _status(name, "icc", received) == "withdrawing"
    day_before = (D.fromisoformat(revoked) - dt.timedelta(days=1)).isoformat()
    assert _status(name, "icc", day_before) == "withdrawing"
    assert _status(name, "icc", revoked) == "party"
    assert _status(name, "icc", "2026-12-02") == "party"


def test_hungarys_rome_statute_withdrawal_was_pending_until_its_reported_revocation() -> None:
    pending = _json("pending", "--treaty", "icc", "--as-of", "2026-01-01")["states"]
    assert [(s["name"], s["withdrawal"]["takes_effect"]) for s in pending] == [
        ("Hungary", "2026-06-02")
    ]
    assert _status("Hungary", "icc", "2026-05-28") == "withdrawing"
    # Revoked on 29 May 2026, as reported: a party, and the answer says what it rests on and
    # what the record gives without the revocation.
    got = _json("status", "Hungary", "--treaty", "icc", "--as-of", "2026-12-04")
    assert (got["status"], got["evidence"]) == ("party", "reported")
    assert [(r["without"]["kind"], r["status"], r["since"]) for r in got["readings"]] == [
        ("withdrawal-revocation", "withdrawn", "2026-06-02")
    ]
    text = runner.invoke(app, ["status", "Hungary", "--treaty", "icc"]).stdout
    assert "Without the revocation of 29 May 2026" in text and "withdrawn since 2 Jun 2026" in text


def test_the_rome_statute_had_125_parties_at_the_start_of_2026() -> None:
    parties = _json("parties", "--treaty", "icc", "--from", "2026-01-01", "--to", "2026-01-01")
    assert parties["start"] == {"date": "2026-01-01", "parties": 125}


def test_the_united_states_notice_on_the_att_leaves_it_a_signatory_and_says_so() -> None:
    got = _json("status", "United States of America", "--treaty", "att")
    assert got["status"] == "signatory"
    assert any(
        "18 Jul 2019" in s and "does not intend to become a party" in s for s in got["reasons"]
    )


def test_palestines_cwc_accession_follows_the_depositary_and_says_why() -> None:
    # The UNTC page: 29 Dec 2017; the OPCW: deposited 17 May 2018, in force 16 Jun 2018.
    got = _json("status", "State of Palestine", "--treaty", "cwc")
    assert got["consent"]["deposited"] == "2017-12-29"
    assert got["entry_into_force"] == "2018-01-28"
    dataset = load(TREATIES["cwc"]).dataset
    assert dataset is not None
    (accession,) = next(s for s in dataset.states if s.name == "State of Palestine").events
    assert accession.note is not None
    assert "Sources disagree" in accession.note and "17 May 2018" in accession.note


@pytest.mark.parametrize(
    ("treaty", "received", "extra", "takes_effect"),
    [
        ("cwc", "2026-01-05", [], "2026-04-05"),  # Art. XVI(2): 90 days
        ("att", "2026-01-05", [], "2026-04-05"),  # Art. 24(2): ninety days
        ("att", "2026-01-05", ["--later-date", "2026-12-31"], "2026-12-31"),
        ("icc", "2026-01-05", ["--later-date", "2027-06-30"], "2027-06-30"),
        ("tpnw", "2026-01-05", [], "2027-01-05"),  # Art. 17(3): 12 months
        ("tpnw", "2026-01-05", ["--armed-conflict-until", "2027-03-01"], "2027-03-01"),
        ("tpnw", "2026-01-05", ["--armed-conflict-until", "ongoing"], None),
    ],
)
def test_what_if_withdrawals_follow_each_treatys_clause(
    treaty: str, received: str, extra: list[str], takes_effect: str | None
) -> None:
    got = _json("calc", "withdraw", "--treaty", treaty, "--received", received, *extra)
    assert got["takes_effect"] == takes_effect


@pytest.mark.parametrize(
    ("treaty", "option", "article"),
    [
        ("cwc", ["--armed-conflict-until", "ongoing"], "Art. XVI(2)"),
        ("att", ["--armed-conflict-until", "2027-01-01"], "Art. 24(2)"),
        ("icc", ["--armed-conflict-until", "ongoing"], "Art. 127(1)"),
        ("cwc", ["--later-date", "2027-01-01"], "Art. XVI(2)"),
        ("tpnw", ["--later-date", "2027-06-30"], "Art. 17(3)"),
    ],
)
def test_a_clause_the_treaty_lacks_is_a_usage_error_naming_its_article(
    treaty: str, option: list[str], article: str
) -> None:
    result = runner.invoke(
        app, ["calc", "withdraw", "--treaty", treaty, "--received", "2026-01-05", *option]
    )
    assert result.exit_code == 2
    assert f"({article})" in result.stderr


def test_a_cwc_deposit_on_the_day_of_entry_into_force_is_subsequent_to_it() -> None:
    # Art. XXI(2): "subsequent to the entry into force", the 30th day after deposit. Cuba
    # deposited on 29 Apr 1997, the day the Convention entered into force.
    got = _json("status", "Cuba", "--treaty", "cwc", "--as-of", "1997-04-29")
    assert (got["status"], got["entry_into_force"]) == ("pending-entry-into-force", "1997-05-29")
    assert not any("before the treaty entered into force" in r for r in got["reasons"])
    assert _status("Cuba", "cwc", "1997-05-29") == "party"


@pytest.mark.parametrize(("day", "parties"), [("1997-04-29", 87), ("1997-05-29", 88)])
def test_the_cwc_had_87_parties_on_the_day_it_entered_into_force(day: str, parties: int) -> None:
    # The OPCW's own figure: 87 States Parties on 29 Apr 1997; Cuba counts from 29 May.
    assert _json("list", "--treaty", "cwc", "--as-of", day)["parties"] == parties
