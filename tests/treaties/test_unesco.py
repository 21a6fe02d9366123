"""The Constitution of UNESCO (`unesco`): notices taking effect on 31 December of the following
year (Art. II(6)), the United States' and the United Kingdom's exits and returns, and the
counts of Member States after each exit."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from tests.support import assert_parties, assert_status

US = "United States of America"


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
