"""Issue 21, item 6: a duty is shown where it may bind, and as no more than that: its condition
when the data does not record whether the State meets it, its end when the State's membership
ends, and an original deadline that may have been extended labelled as the original one."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ottawa_cli.cli.app import app

runner = CliRunner()
TODAY = {"OTTAWA_TODAY": "2026-12-04"}


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args), env=TODAY)
    assert result.exit_code == 0, result.output
    return result.stdout


def _deadlines(*args: str) -> dict[str, dict]:  # type: ignore[type-arg]
    return {d["duty"]: d for d in json.loads(_run(*args, "--json"))["deadlines"]}


def _section(out: str) -> str:
    return out[out.index("Deadlines") :]


def test_a_duty_that_depends_on_what_the_data_does_not_record_says_its_condition() -> None:
    out = _section(_run("status", "Ukraine", "--as-of", "2026-02-03"))
    assert "if it owns or possesses stockpiled anti-personnel mines" in out
    assert "if there are mined areas under its jurisdiction or control" in out
    due = _deadlines("status", "Ukraine", "--as-of", "2026-02-03")
    assert due["stockpile-destruction"]["applies_if"].startswith("if it owns or possesses")
    assert due["initial-transparency-report"]["applies_if"] is None


def test_an_original_deadline_that_may_have_been_extended_is_labelled_the_original() -> None:
    out = _section(_run("status", "Ukraine", "--as-of", "2026-02-03"))
    line = next(x for x in out.splitlines() if "mined areas" in x)
    assert "original deadline" in line and "Art. 5(3)" in line
    stockpile = next(x for x in out.splitlines() if "stockpiled" in x)
    assert "original deadline" not in stockpile  # Art. 4 provides no extension
    due = _deadlines("status", "Ukraine", "--as-of", "2026-02-03")
    clearance = due["mine-clearance"]
    assert clearance["may_be_extended_under"] == "Art. 5(3)"
    assert clearance["original_deadline"] is True
    assert due["stockpile-destruction"]["original_deadline"] is False


def test_a_withdrawn_state_has_no_running_duty_each_ended_when_the_withdrawal_took_effect() -> None:
    out = _section(_run("status", "Finland"))
    assert "ago" not in out
    rows = [x for x in out.splitlines()[2:] if x.strip()]
    rows = rows[: rows.index(next(r for r in rows if r.startswith("Data verified")))]
    assert rows and all("ended 10 Jan 2026" in row for row in rows), rows
    due = _deadlines("status", "Finland")
    assert {d["ended"] for d in due.values()} == {"2026-01-10"}


def test_a_withdrawing_state_s_duties_run_until_its_withdrawal_takes_effect() -> None:
    due = _deadlines("status", "Poland", "--as-of", "2025-09-01")
    assert {d["ended"] for d in due.values()} == {None}
    out = _section(_run("status", "Poland", "--as-of", "2025-09-01"))
    assert "— ended" not in out


def test_calc_join_says_each_duty_s_condition_and_that_its_deadline_may_be_extended() -> None:
    out = _run("calc", "join", "--deposited", "2026-11-23")
    assert "if there are mined areas under its jurisdiction or control" in out
    assert "original deadline" in out
    got = json.loads(_run("calc", "join", "--deposited", "2026-11-23", "--json"))
    clearance = next(d for d in got["deadlines"] if d["duty"] == "mine-clearance")
    assert clearance["applies_if"] and clearance["may_be_extended_under"] == "Art. 5(3)"
