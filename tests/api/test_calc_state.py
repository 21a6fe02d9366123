"""A what-if about a real State: `calc withdraw --state STATE --received DATE` reads the State's
record (a Party that day? an armed conflict recorded? a notice already pending? the clause its
instrument is read under) and says when a notice received that day would take effect, or why it
would have none."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from ottawa_cli.cli.app import app

TODAY = {"OTTAWA_TODAY": "2026-12-04"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["calc", "withdraw", *args], env=TODAY)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def what_if(*args: str) -> Any:
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_ukraine_giving_notice_today_takes_effect_in_six_months_unless_its_armed_conflict_holds_it() -> (  # noqa: E501
    None
):
    got = what_if("--state", "Ukraine", "--received", "today")
    assert got["state"] == "Ukraine" and got["treaty"] == "apmbc"
    assert got["status"] == "party" and got["refused"] is None
    assert got["received"] == "2026-12-04"
    assert got["period_expires"] == got["takes_effect"] == "2027-06-04"
    assert (
        got["at_risk_from"] == ["international armed conflict with the Russian Federation"]
        and not got["suspended_by_armed_conflict"]
    )
    assert any("will not take effect before the end of that conflict" in s for s in got["steps"])


def test_ukraine_notice_whose_period_ended_during_its_armed_conflict_is_held_with_no_date() -> None:
    got = what_if("--state", "Ukraine", "--received", "2025-07-18")
    assert got["period_expires"] == "2026-01-18"
    assert got["takes_effect"] is None
    assert got["suspended_by_armed_conflict"] is True
    assert got["held_by"] == ["international armed conflict with the Russian Federation"]


def test_ukraine_text_names_the_state_the_status_and_the_hold() -> None:
    code, out, _ = run("--state", "Ukraine", "--received", "today")
    assert code == 0
    assert out.splitlines()[0] == "Ukraine — a notice of withdrawal received 4 Dec 2026"
    assert "Status that day:    party" in out
    assert "Takes effect:       4 Jun 2027 (unless the armed conflict recorded holds it)" in out
    assert "Data verified against UNTC as at 3 Feb 2026" in out


def test_an_armed_conflict_changes_nothing_under_a_clause_without_one() -> None:
    got = what_if("--state", "Ukraine", "--treaty", "rome", "--received", "today")
    assert got["takes_effect"] == "2027-12-04"  # Art. 127(1): one year
    assert any("has no armed-conflict clause: it changes nothing" in s for s in got["steps"])


def test_a_state_that_never_joined_has_nothing_to_withdraw_from() -> None:
    got = what_if("--state", "United States", "--received", "today")
    assert got["status"] == "not-a-party"
    assert got["takes_effect"] is None and got["period_expires"] is None
    assert got["refused"] == (
        "United States of America is not a Party on 4 Dec 2026: it has no membership to "
        "withdraw from"
    )
    code, out, _ = run("--state", "United States", "--received", "today")
    assert code == 0
    assert "No effect: United States of America is not a Party on 4 Dec 2026" in out


def test_a_signatory_has_nothing_to_withdraw_from_but_may_give_notice_of_non_intention() -> None:
    got = what_if("--state", "United States", "--treaty", "icc", "--received", "today")
    assert got["status"] == "signatory"
    assert "a signatory may notify that it does not intend to become a party" in got["refused"]


def test_a_state_the_treaty_is_not_yet_in_force_for_has_nothing_to_end() -> None:
    got = what_if("--state", "Vanuatu", "--treaty", "ccm", "--received", "2026-01-15")
    assert got["status"] == "pending-entry-into-force"
    assert got["takes_effect"] is None
    assert "not yet in force for Vanuatu on 15 Jan 2026 (from 1 Mar 2026)" in got["refused"]


def test_a_state_that_has_withdrawn_is_no_longer_a_party() -> None:
    got = what_if("--state", "Finland", "--received", "today")
    assert got["status"] == "withdrawn"
    assert (
        got["refused"] == "Finland withdrew (in effect from 10 Jan 2026): it is no longer a Party"
    )


def test_a_notice_already_pending_is_named_and_a_second_one_brings_nothing_forward() -> None:
    got = what_if("--state", "Finland", "--received", "2025-09-01")
    assert got["status"] == "withdrawing"
    assert got["pending_notice"] == {"received": "2025-07-10", "takes_effect": "2026-01-10"}
    assert "already pending and takes effect 10 Jan 2026" in got["refused"]


def test_a_treaty_without_a_withdrawal_clause_gives_no_date_for_a_party() -> None:
    got = what_if("--state", "France", "--treaty", "iccpr", "--received", "today")
    assert got["status"] == "party"
    assert got["takes_effect"] is None
    assert "has no withdrawal clause" in got["refused"]


def test_a_right_of_withdrawal_reserved_in_the_instrument_is_the_clause_read() -> None:
    got = what_if("--state", "United States", "--treaty", "who", "--received", "2024-06-01")
    assert got["takes_effect"] == "2025-06-01"
    assert any("the reservation in its acceptance of 21 Jun 1948" in s for s in got["steps"])


def test_an_assumed_armed_conflict_is_weighed_with_the_record() -> None:
    got = what_if(
        "--state", "Norway", "--received", "2026-12-04", "--armed-conflict-until", "2027-09-01"
    )
    assert got["takes_effect"] == "2027-09-01"
    assert [c["name"] for c in got["armed_conflicts"]] == ["the armed conflict assumed"]


def test_an_unknown_state_is_a_usage_error() -> None:
    code, out, err = run("--state", "Atlantis", "--received", "today")
    assert code == 2 and out == ""
    assert "no State called 'Atlantis'" in err


def test_without_a_state_the_what_if_is_the_treatys_clause_alone() -> None:
    got = what_if("--received", "2026-12-04")
    assert "state" not in got
    assert got["takes_effect"] == "2027-06-04"
