"""Issue 21, item 8: small slips in what the commands say (each test fails on the slip)."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from ottawa_cli.cli.app import app

runner = CliRunner()
TODAY = {"OTTAWA_TODAY": "2026-12-04"}


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=TODAY)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_a_later_date_the_clause_does_not_allow_yet_is_said_to_give_way_to_the_period() -> None:
    # Rome Statute Art. 127(1): one year after receipt "unless the notification specifies a later
    # date"; 1 Mar 2026 is not later than 1 Jan 2027.
    args = ("calc", "withdraw", "--treaty", "icc", "--received", "2026-01-01")
    code, out, _ = _run(*args, "--later-date", "2026-03-01")
    assert code == 0
    assert "1 Mar 2026" in out and "Takes effect:" in out
    assert re.search(r"1 Mar 2026.*not later than.*1 Jan 2027", out)
    _, out, _ = _run(*args, "--later-date", "2026-03-01", "--json")
    answer = json.loads(out)
    assert answer["takes_effect"] == "2027-01-01"
    assert answer["later_date"] == "2026-03-01"
    assert answer["later_date_applies"] is False
    assert any("1 Mar 2026" in step for step in answer["steps"])


def test_a_later_date_the_clause_allows_is_said_to_apply() -> None:
    args = ("calc", "withdraw", "--treaty", "icc", "--received", "2026-01-01", "--json")
    _, out, _ = _run(*args, "--later-date", "2027-03-01")
    answer = json.loads(out)
    assert (answer["takes_effect"], answer["later_date_applies"]) == ("2027-03-01", True)


def test_calc_join_on_a_treaty_without_dated_duties_says_so_instead_of_an_empty_table() -> None:
    code, out, _ = _run("calc", "join", "--treaty", "att", "--deposited", "2026-01-05")
    assert code == 0
    assert "Due" not in out and "Deadlines" not in out
    assert "no dated duty" in out


def test_days_counted_from_an_as_of_day_that_is_not_today_name_that_day() -> None:
    _, out, _ = _run("status", "Finland", "--as-of", "2025-09-01")
    assert "ago" not in out and "in 131 days" not in out
    assert "10 Jul 2025 (53 days before 1 Sep 2025)" in out
    assert "10 Jan 2026 (131 days after 1 Sep 2025)" in out
    _, out, _ = _run("pending", "--as-of", "2025-09-01")
    assert "Countdown from 1 Sep 2025" in out


def test_days_counted_from_today_say_ago() -> None:
    _, out, _ = _run("status", "Finland")
    assert "10 Jan 2026 (328 days ago)" in out


def test_party_bars_start_at_zero_and_are_proportional() -> None:
    _, out, _ = _run("parties", "--from", "2025-01-01")
    bars = {m.group(1): len(m.group(2)) for m in re.finditer(r"^\S.*?(\d{3})\s+(█+)$", out, re.M)}
    assert set(bars) == {"163", "161"}
    # 163 and 161 are within 2% of each other: so are their bars.
    assert bars["163"] - bars["161"] <= 1
    assert "bars from" not in out or "bars from 0" in out


def test_a_pipe_is_not_told_that_past_entries_are_dimmed() -> None:
    _, out, _ = _run("timeline", "Poland", "--from", "2025-01-01")
    assert "dimmed" not in out


def test_a_state_name_given_as_a_command_suggests_the_status_command() -> None:
    code, _, err = _run("Finland")
    assert code == 2
    assert "ottawa status Finland" in err
    code, _, err = _run("frobnicate")
    assert code == 2 and "No such command" in err and "ottawa status" not in err
