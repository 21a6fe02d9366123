"""The Constitution of the WHO (`who`): the United States' withdrawal resting on the right
reserved in its acceptance of 1948, its effect disputed by the Organization, and Argentina's
notice with no clause to take effect under."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from tests.support import assert_status, status_json

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
