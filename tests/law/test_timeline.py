"""Timelines, parties over time, the calculator and exports: real cases and round trips."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import os
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from ottawa_cli.api.export import ExportQuery, ExportResult, export
from ottawa_cli.api.history import TimelineQuery
from ottawa_cli.api.history import timeline as ask_timeline
from ottawa_cli.cli.app import app
from ottawa_cli.law.model import Dataset
from ottawa_cli.law.position import count_parties
from ottawa_cli.law.timeline import parties_over_time, timeline, yearly
from ottawa_cli.output import exports, render, views
from ottawa_cli.output.contract import timeline_json
from ottawa_cli.reasons import entry_text
from tests.support import TESTS, state_named

GOLDEN = TESTS / "golden"
TODAY = dt.date(2026, 11, 23)
runner = CliRunner()


@pytest.mark.parametrize("name", ["Finland", "Poland", "South Sudan"])
def test_timeline_of_a_real_state_matches_its_golden_output(real: Dataset, name: str) -> None:
    result = ask_timeline(real, TimelineQuery(states=(name,), today=TODAY))
    got = json.dumps(timeline_json(result), indent=2, ensure_ascii=False) + "\n"
    text = render.plain(views.timeline_document(result))
    stem = name.lower().replace(" ", "-")
    if os.environ.get("OTTAWA_UPDATE_GOLDEN"):
        (GOLDEN / f"timeline-{stem}.json").write_text(got, encoding="utf-8")
        (GOLDEN / f"timeline-{stem}.txt").write_text(text, encoding="utf-8")
    assert got == (GOLDEN / f"timeline-{stem}.json").read_text(encoding="utf-8")
    assert text == (GOLDEN / f"timeline-{stem}.txt").read_text(encoding="utf-8")


def test_poland_timeline_tells_the_story_from_signature_to_effect(real: Dataset) -> None:
    entries = timeline(real.treaty, [state_named(real, "Poland")], TODAY)
    kinds = [e.kind for e in entries if e.kind != "deadline"]
    assert kinds[:3] == ["signature", "consent", "entry-into-force"]
    assert kinds[-2:] == ["withdrawal-received", "withdrawal-takes-effect"]
    effect = next(e for e in entries if e.kind == "withdrawal-takes-effect")
    assert (effect.date, effect.article, effect.computed) == (
        dt.date(2026, 2, 20),
        "Art. 20(3)",
        True,
    )


def test_poland_timeline_tells_the_road_to_withdrawal_with_no_legal_effect_marked(
    real: Dataset,
) -> None:
    entries = timeline(real.treaty, [state_named(real, "Poland")], TODAY, start=dt.date(2025, 1, 1))
    road = [(e.date, e.kind, e.legal_effect) for e in entries]
    assert road == [
        (dt.date(2025, 3, 7), "milestone", False),
        (dt.date(2025, 3, 18), "milestone", False),
        (dt.date(2025, 6, 25), "milestone", False),
        (dt.date(2025, 7, 23), "milestone", False),
        (dt.date(2025, 8, 5), "milestone", False),
        (dt.date(2025, 8, 20), "withdrawal-received", True),
        (dt.date(2026, 2, 20), "withdrawal-takes-effect", True),
    ]
    assert "413-15-3" in entry_text(entries[2])


def test_finland_parliament_vote_is_recorded_with_its_tally(real: Dataset) -> None:
    vote = next(
        e
        for e in state_named(real, "Finland").events
        if e.kind == "milestone" and e.date == dt.date(2025, 6, 19)
    )
    assert vote.title == "Eduskunta consents to withdrawal, 157-18"
    assert vote.source in real.sources


def test_south_sudan_is_bound_from_its_recorded_succession_date(real: Dataset) -> None:
    entries = timeline(real.treaty, [state_named(real, "South Sudan")], TODAY)
    bound = next(e for e in entries if e.kind == "entry-into-force")
    assert bound.date == dt.date(2011, 7, 9)
    assert not bound.computed
    assert bound.source == "isu-south-sudan"


def test_treaty_timeline_from_2025_reads_the_withdrawal_wave_in_order(real: Dataset) -> None:
    entries = timeline(
        real.treaty, real.states, TODAY, start=dt.date(2025, 1, 1), whole_treaty=True
    )
    effects = [(e.date, e.state) for e in entries if e.kind == "withdrawal-takes-effect"]
    assert effects == [
        (dt.date(2025, 12, 27), "Estonia"),
        (dt.date(2025, 12, 27), "Latvia"),
        (dt.date(2025, 12, 27), "Lithuania"),
        (dt.date(2026, 1, 10), "Finland"),
        (dt.date(2026, 2, 20), "Poland"),
    ]
    notice = next(e for e in entries if e.state == "Ukraine" and e.kind == "notification")
    assert notice.date == dt.date(2025, 7, 18) and not notice.legal_effect


def test_timeline_marks_today_between_past_and_future(real: Dataset) -> None:
    result = ask_timeline(real, TimelineQuery(states=("Tonga",), today=TODAY))
    lines = render.plain(views.timeline_document(result)).splitlines()
    today_at = next(i for i, line in enumerate(lines) if "── today ──" in line)
    assert "30 May 2026" in lines[today_at - 1]  # Art. 7(1): 180 days after 1 Dec 2025
    assert "30 Apr 2027" in lines[today_at + 1]  # Art. 7(2): the next annual report


def test_parties_over_time_agree_with_the_published_counts(real: Dataset) -> None:
    counts = parties_over_time(real.treaty, real.states, TODAY)
    for change in counts:
        assert change.parties == count_parties(real.treaty, real.states, change.date)
    by_year = dict(yearly(counts, 2013, 2026))
    assert by_year[2013] == 161
    assert by_year[2018] == 164
    assert by_year[2024] == 164
    assert by_year[2025] == 163
    assert by_year[2026] == 161
    first_fall = next(c for c in counts if c.change < 0)
    assert (first_fall.date, first_fall.left) == (
        dt.date(2025, 12, 27),
        ("Estonia", "Latvia", "Lithuania"),
    )


def test_parties_command_shows_the_first_fall() -> None:
    result = runner.invoke(app, ["parties", "--from", "2025-01-01"])
    assert result.exit_code == 0
    assert "The first fall in the treaty's history: 27 Dec 2025, -3" in result.stdout
    got = json.loads(runner.invoke(app, ["parties", "--json"]).stdout)
    assert got["changes"][0] == {
        "date": "1999-03-01",
        "parties": 45,
        "change": 45,
        "joined": got["changes"][0]["joined"],
        "left": [],
    }


# Calculator -------------------------------------------------------------------------------------


def _calc(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["calc", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("received", "effective"),
    [
        ("2026-08-31", "2027-02-28"),
        ("2027-08-31", "2028-02-29"),  # leap year
        ("2028-02-29", "2028-08-29"),
        ("2025-12-31", "2026-06-30"),
        ("2026-03-31", "2026-09-30"),
        ("2025-06-27", "2025-12-27"),
    ],
)
def test_calc_withdraw_month_ends_and_leap_years(received: str, effective: str) -> None:
    assert _calc("withdraw", "--received", received)["takes_effect"] == effective


def test_calc_withdraw_explains_the_month_end() -> None:
    steps = _calc("withdraw", "--received", "2026-08-31")["steps"]
    assert isinstance(steps, list)
    assert steps[0] == (
        "received 31 Aug 2026 + 6 months → 28 Feb 2027: February has no 31st, "
        "the last day of the month is used (Art. 20(3))"
    )


def test_calc_withdraw_with_an_ongoing_armed_conflict_has_no_effective_date() -> None:
    got = _calc("withdraw", "--received", "2026-03-01", "--armed-conflict-until", "ongoing")
    assert got["takes_effect"] is None
    assert got["suspended_by_armed_conflict"] is True


def test_calc_withdraw_with_a_conflict_ending_after_six_months_waits_for_its_end() -> None:
    got = _calc("withdraw", "--received", "2026-03-01", "--armed-conflict-until", "2027-01-15")
    assert got["period_expires"] == "2026-09-01"
    assert got["takes_effect"] == "2027-01-15"


def test_calc_withdraw_with_a_conflict_ending_before_six_months_is_not_delayed() -> None:
    got = _calc("withdraw", "--received", "2026-03-01", "--armed-conflict-until", "2026-05-01")
    assert got["takes_effect"] == "2026-09-01"
    assert got["suspended_by_armed_conflict"] is False


@pytest.mark.parametrize(
    ("deposited", "in_force"),
    [
        ("2012-01-09", "2012-07-01"),
        ("1998-09-16", "1999-03-01"),
        ("2024-02-29", "2024-08-01"),
        ("2026-12-31", "2027-06-01"),
    ],
)
def test_calc_join(deposited: str, in_force: str) -> None:
    got = _calc("join", "--deposited", deposited)
    assert got["entry_into_force"] == in_force


def test_calc_join_lists_the_deadlines_that_follow() -> None:
    got = _calc("join", "--deposited", "2012-01-09")
    due = {d["duty"]: d["due"] for d in got["deadlines"]}  # type: ignore[attr-defined]
    assert due == {
        "initial-transparency-report": "2012-12-28",
        "stockpile-destruction": "2016-07-01",
        "mine-clearance": "2022-07-01",
        "annual-transparency-report": None,
    }


@pytest.mark.parametrize(
    "args", [["withdraw", "--received", "9999-12-31"], ["join", "--deposited", "9999-08-01"]]
)
def test_calc_beyond_the_calendar_is_a_clear_error(args: list[str]) -> None:
    result = runner.invoke(app, ["calc", *args])
    assert result.exit_code == 2
    assert "9999-12-31" in result.stderr
    assert "Traceback" not in result.stderr


# Exports -----------------------------------------------------------------------------------------


def _export(real: Dataset, day: dt.date) -> ExportResult:
    return export(real, ExportQuery(as_of=day))


def test_csv_export_parses_back_to_the_same_facts(real: Dataset) -> None:
    text = exports.as_csv(_export(real, TODAY))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 197
    assert sum(1 for r in rows if r["status"] != "not-a-party") == 166
    assert tuple(rows[0]) == (
        *exports.CSV_COLUMNS,
        "stockpile_destruction_due",
        "mine_clearance_due",
        "initial_transparency_report_due",
        "annual_transparency_report_due",
        "as_of",
        "treaty",
        "treaty_title",
    )
    finland = next(r for r in rows if r["name"] == "Finland")
    assert finland["status"] == "withdrawn"
    assert finland["withdrawal_effective"] == "2026-01-10"
    assert finland["entry_into_force"] == "2012-07-01"
    assert next(r for r in rows if r["iso3"] == "CIV")["name"] == "Côte d'Ivoire"


def test_json_export_parses_back_to_the_same_facts(real: Dataset) -> None:
    got = json.loads(exports.as_json(_export(real, TODAY)))
    by_name = {s["name"]: s for s in got["states"]}
    assert len(by_name) == 197
    assert by_name["United States of America"]["status"] == "not-a-party"
    assert by_name["Poland"]["withdrawal"]["effective"] == "2026-02-20"
    assert by_name["Tonga"]["deadlines"]["stockpile-destruction"] == "2029-12-01"
    assert by_name["Türkiye"]["aliases"][0] == "Turkey"


def test_ics_export_parses_with_a_real_icalendar_parser(real: Dataset) -> None:
    text = exports.as_ics(_export(real, dt.date(2025, 9, 1)))
    calendar = icalendar.Calendar.from_ical(text)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    poland = events["apmbc-withdrawal-takes-effect-POL@ottawa-cli"]
    assert poland["DTSTART"].dt == dt.date(2026, 2, 20)
    assert str(poland["SUMMARY"]) == (
        "Poland: withdrawal from the Anti-Personnel Mine Ban Convention takes effect"
    )
    tonga = events["apmbc-entry-into-force-TON@ottawa-cli"]
    assert tonga["DTSTART"].dt == dt.date(2025, 12, 1)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_ics_uids_are_stable_so_a_reimport_updates_events(real: Dataset) -> None:
    first = icalendar.Calendar.from_ical(exports.as_ics(_export(real, dt.date(2025, 9, 1))))
    later = icalendar.Calendar.from_ical(exports.as_ics(_export(real, dt.date(2025, 10, 1))))
    uids = {str(e["UID"]) for e in first.walk("VEVENT")}
    assert uids == {str(e["UID"]) for e in later.walk("VEVENT")}
    assert len(uids) == len(first.walk("VEVENT"))


def test_ics_escapes_text_a_calendar_would_read_as_structure(real: Dataset, tmp_path: Path) -> None:
    poland = next(s for s in real.states if s.name == "Poland")
    odd = dataclasses.replace(poland, name="Po,land;\nEND:VEVENT")
    result = _export(dataclasses.replace(real, states=(odd,)), dt.date(2025, 9, 1))
    calendar = icalendar.Calendar.from_ical(exports.as_ics(result))
    (event,) = [e for e in calendar.walk("VEVENT") if "withdrawal" in str(e["UID"])]
    assert str(event["SUMMARY"]).startswith("Po,land;\nEND:VEVENT: withdrawal")


def test_export_writes_a_file_with_output(tmp_path: Path) -> None:
    target = tmp_path / "states.csv"
    result = runner.invoke(app, ["export", "--format", "csv", "--output", str(target)])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("name,iso2,iso3")
