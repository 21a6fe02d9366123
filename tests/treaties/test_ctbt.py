"""The Comprehensive Nuclear-Test-Ban Treaty (`ctbt`), a treaty not in force: no State bound,
every answer saying what it awaits, what-ifs refused; and a ratification withdrawn before it
bound the State (the Russian Federation's, 2023). Malaysia's accession to the Rome Statute,
withdrawn likewise, is tests/treaties/test_icc.py's."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from tests.support import assert_parties, assert_status, status_json

runner = CliRunner()


def test_no_state_is_bound_by_a_treaty_not_in_force() -> None:
    assert_parties("ctbt", "2026-02-03", 0)
    got = status_json("France", "ctbt", "2026-02-03")
    assert (got["status"], got["entry_into_force"]) == ("pending-entry-into-force", None)
    assert any("is not in force" in r and "Annex 2" in r for r in got["reasons"])


def test_every_answer_says_what_the_treaty_awaits() -> None:
    for args in (["status", "France"], ["list"], ["pending"]):
        out = runner.invoke(app, [*args, "--treaty", "ctbt"]).stdout
        assert "is not in force (Art. XIV)" in out, args
        assert "India" in out and "Pakistan" in out, args
    rows = json.loads(runner.invoke(app, ["treaties", "--json"]).stdout)["treaties"]
    ctbt = next(r for r in rows if r["id"] == "ctbt")
    assert (ctbt["in_force"], ctbt["entry_into_force"], ctbt["parties"]) == (False, None, 0)


def test_what_ifs_a_treaty_not_in_force_cannot_answer_are_refused() -> None:
    for args in (
        ["calc", "join", "--deposited", "2026-01-05"],
        ["calc", "withdraw", "--received", "2026-01-05"],
    ):
        result = runner.invoke(app, [*args, "--treaty", "ctbt"])
        assert result.exit_code == 2 and "is not in force" in result.stderr


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("2000-06-29", "signatory"),
        ("2000-06-30", "pending-entry-into-force"),
        ("2023-11-03", "signatory"),
    ],
)
def test_the_russian_federation_withdrew_its_ratification_in_2023(day: str, status: str) -> None:
    assert_status("Russian Federation", "ctbt", day, status)


def test_the_answer_says_the_ratification_was_withdrawn_and_what_that_rests_on() -> None:
    got = status_json("Russian Federation", "ctbt", "2026-12-04")
    assert any(
        "ratification deposited 30 Jun 2000, withdrawn 3 Nov 2023" in r for r in got["reasons"]
    )
    assert {f["kind"] for f in got["rests_on"]} == {"ratification", "consent-withdrawal"}
