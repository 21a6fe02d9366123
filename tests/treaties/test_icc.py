"""The Rome Statute of the International Criminal Court (`icc`) against the outcomes the
depositary, the Court and the parties published: a later deposit's entry into force
(Art. 126(2)), Burundi's and the Philippines' withdrawals a year after receipt (Art. 127(1)),
South Africa's and the Gambia's revoked notices, Hungary's notice until its reported
revocation, Malaysia's accession withdrawn before it took effect, the United States' notice of
non-intention, the count of States Parties; and what-if withdrawals."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support import (
    assert_enters_into_force,
    assert_status,
    assert_takes_effect,
    assert_what_if_refused_naming,
    assert_what_if_takes_effect,
    cli_json,
    position_of,
    run,
    status_json,
)

D = dt.date


@pytest.mark.parametrize(
    ("name", "treaty", "in_force"),
    [
        # Rome Statute Art. 126(2): the first day of the month after the 60th day (25 Oct 2024).
        ("Ukraine", "icc", "2025-01-01"),
    ],
)
def test_a_later_deposit_enters_into_force_under_the_treatys_own_rule(
    name: str, treaty: str, in_force: str
) -> None:
    assert position_of(name, treaty).entry_into_force == D.fromisoformat(in_force)
    assert_enters_into_force(name, treaty, in_force)


@pytest.mark.parametrize(
    ("name", "received", "takes_effect"),
    [("Burundi", "2016-10-27", "2017-10-27"), ("Philippines", "2018-03-17", "2019-03-17")],
)
def test_the_rome_statute_withdrawals_take_effect_a_year_after_receipt(
    name: str, received: str, takes_effect: str
) -> None:
    day_before = (D.fromisoformat(received) - dt.timedelta(days=1)).isoformat()
    assert_status(name, "icc", day_before, "party")
    assert_status(name, "icc", received, "withdrawing")
    assert_takes_effect(name, "icc", takes_effect)


@pytest.mark.parametrize(
    ("name", "received", "revoked"),
    [("South Africa", "2016-10-19", "2017-03-07"), ("Gambia", "2016-11-10", "2017-02-10")],
)
def test_the_revoked_rome_statute_notices_leave_the_state_a_party(
    name: str, received: str, revoked: str
) -> None:
    assert_status(name, "icc", received, "withdrawing")
    day_before = (D.fromisoformat(revoked) - dt.timedelta(days=1)).isoformat()
    assert_status(name, "icc", day_before, "withdrawing")
    assert_status(name, "icc", revoked, "party")
    assert_status(name, "icc", "2026-12-02", "party")


def test_hungarys_rome_statute_withdrawal_was_pending_until_its_reported_revocation() -> None:
    pending = cli_json("pending", "--treaty", "icc", "--as-of", "2026-01-01")["states"]
    assert [(s["name"], s["withdrawal"]["takes_effect"]) for s in pending] == [
        ("Hungary", "2026-06-02")
    ]
    assert_status("Hungary", "icc", "2026-05-28", "withdrawing")
    # Revoked on 29 May 2026, as reported: a party, and the answer says what it rests on and
    # what the record gives without the revocation.
    got = cli_json("status", "Hungary", "--treaty", "icc", "--as-of", "2026-12-04")
    assert (got["status"], got["evidence"]) == ("party", "reported")
    assert [(r["without"]["kind"], r["status"], r["since"]) for r in got["readings"]] == [
        ("withdrawal-revocation", "withdrawn", "2026-06-02")
    ]
    _, text, _ = run("status", "Hungary", "--treaty", "icc")
    assert "Without the revocation of 29 May 2026" in text and "withdrawn since 2 Jun 2026" in text


def test_the_rome_statute_had_125_parties_at_the_start_of_2026() -> None:
    parties = cli_json("parties", "--treaty", "icc", "--from", "2026-01-01", "--to", "2026-01-01")
    assert parties["start"] == {"date": "2026-01-01", "parties": 125}


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("2019-03-04", "pending-entry-into-force"),
        ("2019-04-29", "not-a-party"),
        ("2019-06-01", "not-a-party"),
    ],
)
def test_malaysias_accession_to_the_rome_statute_was_withdrawn_before_it_took_effect(
    day: str, status: str
) -> None:
    assert_status("Malaysia", "icc", day, status)


def test_a_notice_of_non_intention_is_shown_with_the_status() -> None:
    got = status_json("United States of America", "icc", "2026-02-03")
    assert got["status"] == "signatory"
    assert got["non_intention"] == {"date": "2002-05-06", "source": got["non_intention"]["source"]}


@pytest.mark.parametrize(
    ("treaty", "received", "extra", "takes_effect"),
    [("icc", "2026-01-05", ["--later-date", "2027-06-30"], "2027-06-30")],
)
def test_what_if_withdrawals_follow_each_treatys_clause(
    treaty: str, received: str, extra: list[str], takes_effect: str | None
) -> None:
    assert_what_if_takes_effect(treaty, received, extra, takes_effect)


@pytest.mark.parametrize(
    ("treaty", "option", "article"),
    [("icc", ["--armed-conflict-until", "ongoing"], "Art. 127(1)")],
)
def test_a_clause_the_treaty_lacks_is_a_usage_error_naming_its_article(
    treaty: str, option: list[str], article: str
) -> None:
    assert_what_if_refused_naming(treaty, option, article)
