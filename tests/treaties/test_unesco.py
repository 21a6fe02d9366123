"""The constitutions of the WHO and UNESCO: a withdrawal resting on a right reserved in the
instrument, an effect in dispute, a notice taking effect on 31 December of the following year,
and exits and returns."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from tests.support import assert_parties, assert_status, status_json

US = "United States of America"


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("2020-07-06", "withdrawing"),
        # Retracted on 20 Jan 2021, before the year was over: a Member throughout.
        ("2021-01-20", "party"),
        ("2025-01-22", "withdrawing"),
        ("2026-01-21", "withdrawing"),
        ("2026-01-22", "withdrawn"),
    ],
)
def test_the_united_states_withdrew_from_the_who_under_its_1948_reservation(
    day: str, status: str
) -> None:
    assert_status(US, "who", day, status)


def test_the_who_disputes_the_united_states_withdrawal_and_the_answer_shows_both() -> None:
    got = status_json(US, "who", "2026-12-04")
    (dispute,) = [e["dispute"] for e in got["events"] if e["dispute"]]
    assert dispute["by"] == "the World Health Organization"
    text = CliRunner().invoke(app, ["status", US, "--treaty", "who", "--as-of", "2026-12-04"])
    assert "Disputed by the World Health Organization" in text.stdout
    assert "the reservation in its acceptance of 21 Jun 1948" in text.stdout


def test_argentinas_notice_to_the_who_has_no_clause_to_take_effect_under() -> None:
    got = status_json("Argentina", "who", "2026-12-04")
    assert got["status"] == "party"
    assert any("has no withdrawal clause" in r for r in got["reasons"])


@pytest.mark.parametrize(
    ("name", "day", "status"),
    [
        # Art. II(6): a Member through 31 December of the year after the notice.
        (US, "2026-12-31", "withdrawing"),
        (US, "2027-01-01", "withdrawn"),
        ("Nicaragua", "2026-12-31", "withdrawing"),
        ("Nicaragua", "2027-01-01", "withdrawn"),
        # The United States' earlier exits, at the ends of 1984 and 2018, and returns.
        (US, "1984-12-31", "withdrawing"),
        (US, "1985-01-01", "withdrawn"),
        (US, "2003-10-01", "party"),
        (US, "2019-01-01", "withdrawn"),
        (US, "2023-07-10", "party"),
        ("United Kingdom of Great Britain and Northern Ireland", "1986-01-01", "withdrawn"),
        ("United Kingdom of Great Britain and Northern Ireland", "1997-07-01", "party"),
    ],
)
def test_unesco_withdrawals_take_effect_at_the_end_of_the_following_year(
    name: str, day: str, status: str
) -> None:
    assert_status(name, "unesco", day, status)


@pytest.mark.parametrize(
    ("day", "members"),
    [("2018-12-31", 195), ("2019-01-01", 193), ("2026-12-31", 194), ("2027-01-01", 192)],
)
def test_unesco_member_counts_after_each_exit(day: str, members: int) -> None:
    assert_parties("unesco", day, members)


def test_pending_today_lists_the_unesco_notices() -> None:
    result = CliRunner().invoke(
        app, ["pending", "--treaty", "all", "--as-of", "2026-12-04", "--json"]
    )
    import json

    got = {(s["name"], s["treaty"]) for s in json.loads(result.stdout)["states"]}
    assert {(US, "unesco"), ("Nicaragua", "unesco")} <= got
