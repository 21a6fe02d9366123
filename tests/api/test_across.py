"""Cross-treaty questions in one command: `--treaty all` for `timeline`, `list`, `parties` and
`export`, and `timeline --kind`: one table with a Treaty column, JSON that keeps each
single-treaty shape's keys and names the treaty in every entry, CSV and iCalendar with the
treaty, and how current each treaty's data is in every output."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ottawa_cli.cli.app import KindChoice, app
from ottawa_cli.law.timeline import KINDS
from tests.support import ROOT, TREATIES

TODAY = {"OTTAWA_TODAY": "2026-12-04"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=TODAY)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def as_json(*args: str) -> Any:
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_every_withdrawal_taking_effect_in_2026_under_every_treaty_in_one_answer() -> None:
    got = as_json(
        "timeline", "--treaty", "all", "--kind", "withdrawal", "--from", "2026-01-01",
        "--to", "2026-12-31",
    )  # fmt: skip
    assert [(e["date"], e["treaty"], e["state"]) for e in got["entries"]] == [
        ("2026-01-10", "apmbc", "Finland"),
        ("2026-01-22", "who", "United States of America"),
        ("2026-01-27", "paris", "United States of America"),
        ("2026-02-20", "apmbc", "Poland"),
    ]
    assert {e["kind"] for e in got["entries"]} == {"withdrawal-takes-effect"}
    assert got["treaty"] == "all" and got["kinds"] == ["withdrawal"]


def test_the_cross_treaty_timeline_is_one_table_with_a_treaty_column() -> None:
    code, out, _ = run(
        "timeline", "--treaty", "all", "--kind", "withdrawal", "--from", "2026-01-01",
        "--to", "2026-12-31",
    )  # fmt: skip
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Date", "Treaty", "State", "Event", "Basis"]
    assert lines[1].startswith("10 Jan 2026  apmbc   Finland")
    assert "4 entries under 3 treaties" in out


def test_withdrawal_held_by_an_armed_conflict_is_a_withdrawal_too() -> None:
    import datetime as dt

    from ottawa_cli.law.steps import step
    from ottawa_cli.law.timeline import Entry, of_kinds

    day = dt.date(2026, 1, 1)
    entries = [
        Entry(date=day, state="X", kind=kind, what=step("withdrawal-in-effect"))
        for kind in ("withdrawal-received", "withdrawal-held", "withdrawal-takes-effect")
    ]
    assert [e.kind for e in of_kinds(entries, {"withdrawal"})] == [
        "withdrawal-held",
        "withdrawal-takes-effect",
    ]
    assert of_kinds(entries, set()) == entries


def test_a_notice_is_a_withdrawal_received_revoked_or_a_non_intention() -> None:
    got = as_json("timeline", "--treaty", "icc", "--kind", "notice", "--from", "2016-01-01")
    kinds = {e["kind"] for e in got["entries"]}
    assert kinds == {"withdrawal-received", "withdrawal-revoked"}
    assert ("Hungary", "withdrawal-revoked") in {(e["state"], e["kind"]) for e in got["entries"]}


def test_one_entry_kind_narrows_a_single_treaty_timeline() -> None:
    got = as_json("timeline", "Finland", "--kind", "consent", "--kind", "entry-into-force")
    assert [(e["date"], e["kind"]) for e in got["entries"]] == [
        ("2012-01-09", "consent"),
        ("2012-07-01", "entry-into-force"),
    ]


def test_an_unknown_kind_is_a_usage_error_naming_the_kinds() -> None:
    code, _, err = run("timeline", "--kind", "withdrawals")
    assert code == 2
    assert "'withdrawals'" in err and "withdrawal" in err


def test_the_kind_choices_of_the_command_line_are_the_timelines() -> None:
    assert tuple(k.value for k in KindChoice) == KINDS


def test_a_state_under_every_treaty_is_its_timeline_in_each_it_takes_part_in() -> None:
    got = as_json("timeline", "Poland", "--treaty", "all", "--kind", "consent")
    treaties = [e["treaty"] for e in got["entries"]]
    assert "apmbc" in treaties and "icc" in treaties
    assert all(e["state"] == "Poland" for e in got["entries"])
    assert got["states"] == ["Poland"]


def test_every_cross_treaty_json_keeps_the_single_treaty_keys() -> None:
    for args in (
        ["timeline", "--kind", "withdrawal", "--from", "2026-01-01"],
        ["list", "--status", "withdrawing", "--as-of", "2026-12-04"],
        ["parties", "--from", "2026-01-01"],
    ):
        one = as_json(*args, "--treaty", "apmbc")
        every = as_json(*args, "--treaty", "all")
        assert set(one) <= set(every), args
        for rows in ("entries", "states", "changes", "years"):
            if one.get(rows) and every.get(rows):
                assert set(one[rows][0]) | {"treaty"} <= set(every[rows][0]), (args, rows)
                assert all("treaty" in row for row in every[rows])


def test_every_cross_treaty_json_says_how_current_each_treatys_data_is() -> None:
    for args in (["timeline", "--kind", "withdrawal"], ["list"], ["parties"]):
        got = as_json(*args, "--treaty", "all")
        assert got["data_verified_as_at"] == "1987-02-13"  # UNESCO's record, the oldest
        assert got["stale"] is True
        each = {t["treaty"]: t["data_verified_as_at"] for t in got["treaties"]}
        assert each["apmbc"] == "2026-02-03" and each["icc"] == "2014-01-27"
        assert len(each) == len(TREATIES)


def test_the_cross_treaty_list_names_each_treaty_and_counts_each_treatys_parties() -> None:
    got = as_json("list", "--treaty", "all", "--status", "withdrawing", "--as-of", "2026-12-04")
    assert [(s["name"], s["treaty"]) for s in got["states"]] == [
        ("Burkina Faso", "icc"),
        ("Chad", "icc"),
        ("Mali", "icc"),
        ("Nauru", "icc"),
        ("Nicaragua", "unesco"),
        ("Niger", "icc"),
        ("United States of America", "unesco"),
        ("Venezuela (Bolivarian Republic of)", "icc"),
    ]
    assert got["parties"]["apmbc"] == 161
    assert (
        got["parties"]["icc"]
        == as_json("list", "--treaty", "icc", "--as-of", "2026-12-04")["parties"]
    )


def test_the_cross_treaty_list_text_has_a_treaty_column_and_each_data_date() -> None:
    args = ["--status", "withdrawing", "--as-of", "2026-12-04"]
    code, out, _ = run("list", "--treaty", "all", *args)
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["State", "Treaty", "Status"]
    assert "8 rows on 4 Dec 2026, under 36 treaties." in out
    assert "as at 13 Feb 1987" in out and "(unesco)" in out


def test_the_cross_treaty_parties_count_each_treaty_as_it_alone_would() -> None:
    every = as_json("parties", "--treaty", "all", "--from", "2025-01-01", "--to", "2026-12-04")
    one = as_json("parties", "--treaty", "ccm", "--from", "2025-01-01", "--to", "2026-12-04")
    assert [{**y, "treaty": "ccm"} for y in one["years"]] == [
        y for y in every["years"] if y["treaty"] == "ccm"
    ]
    assert every["start"]["date"] == one["start"]["date"] == "2025-01-01"
    assert every["start"]["parties"]["ccm"] == one["start"]["parties"] == 112
    dates = [c["date"] for c in every["changes"]]
    assert dates == sorted(dates)
    code, out, _ = run("parties", "--treaty", "all", "--from", "2026-01-01", "--to", "2026-12-31")
    assert code == 0
    assert "10 Jan 2026  apmbc" in out and "left: Finland" in out


def test_the_cross_treaty_csv_names_the_treaty_and_its_data_date_on_every_row() -> None:
    code, out, _ = run("export", "--treaty", "all", "--format", "csv", "--as-of", "2026-12-04")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["treaty"] for r in rows} == set(TREATIES)
    header = out.splitlines()[0].split(",")
    assert header[0] == "treaty" and header[-2:] == ["as_of", "data_verified_as_at"]
    finland = [r for r in rows if r["name"] == "Finland" and r["treaty"] == "apmbc"]
    assert finland[0]["status"] == "withdrawn"
    assert finland[0]["data_verified_as_at"] == "2026-02-03"
    # A duty of one treaty is empty under another.
    assert all(r["mine_clearance_due"] == "" for r in rows if r["treaty"] == "icc")


def test_the_cross_treaty_calendar_holds_every_treatys_events_and_their_data_dates() -> None:
    from icalendar import Calendar

    code, out, _ = run("export", "--treaty", "all", "--format", "ics", "--as-of", "2026-12-04")
    assert code == 0
    calendar = Calendar.from_ical(out)
    uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert {u.split("-")[0] for u in uids} >= {"apmbc", "icc", "unesco"}
    assert "icc-withdrawal-takes-effect-NER@ottawa-cli" in uids
    description = str(calendar["x-wr-caldesc"])
    assert "13 Feb 1987 (unesco)" in description


def test_the_cross_treaty_export_json_keeps_the_single_keys_and_names_each_treaty() -> None:
    code, out, _ = run("export", "--treaty", "all", "--as-of", "2026-12-04")
    assert code == 0
    every = json.loads(out)
    _, out, _ = run("export", "--treaty", "ccm", "--as-of", "2026-12-04")
    one = json.loads(out)
    assert set(one) <= set(every)
    assert every["treaty"]["id"] == "all"
    ccm = [s for s in every["states"] if s["treaty"] == "ccm"]
    assert ccm == one["states"]
    assert {t["id"] for t in every["treaties"]} == set(TREATIES)


@pytest.fixture
def broken_install(tmp_path: Path) -> dict[str, str]:
    """A copy of the package whose bundled CCM file is broken."""
    copy = tmp_path / "ottawa_cli"
    shutil.copytree(ROOT / "src" / "ottawa_cli", copy, symlinks=False)
    ccm = copy / "data" / "treaties" / "ccm.yaml"
    ccm.write_text(ccm.read_text(encoding="utf-8").replace("format: 1", "format: one", 1))
    return {**os.environ, **TODAY, "PYTHONPATH": str(tmp_path), "OTTAWA_NO_CACHE": "1"}


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--treaty", "all", "--kind", "withdrawal"],
        ["list", "--treaty", "all", "--status", "withdrawing"],
        ["parties", "--treaty", "all", "--from", "2026-01-01"],
        ["export", "--treaty", "all", "--format", "json"],
    ],
    ids=" ".join,
)
def test_one_unreadable_treaty_is_said_and_the_others_answered_exit_1(
    broken_install: dict[str, str], args: list[str]
) -> None:
    def ottawa(*more: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ottawa_cli", *args, *more],
            capture_output=True,
            text=True,
            env=broken_install,
            timeout=300,
        )

    json_shape = args[0] == "export"
    answer = ottawa() if json_shape else ottawa("--json")
    assert answer.returncode == 1, answer.stderr
    assert "Traceback" not in answer.stderr
    assert "Error: the data of ccm could not be read" in answer.stderr
    got = json.loads(answer.stdout)
    assert [f["treaty"] for f in got["failed"]] == ["ccm"]
    assert "apmbc" in answer.stdout
    if not json_shape:
        text = ottawa()
        assert text.returncode == 1
        assert "ccm: its data could not be read" in text.stdout


def test_treaty_all_elsewhere_still_asks_for_one() -> None:
    code, _, err = run("map", "--treaty", "all")
    assert code == 2
    assert "`timeline`, `list`, `parties` and `export`; name one" in err


def test_the_readme_cross_treaty_timeline_is_real_output() -> None:
    """tests/cli/test_docs.py leaves timelines out (they mark today): this one is run on the day
    the README says it was."""
    import re
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "ottawa timeline --treaty all --kind withdrawal --from 2026-01-01 --to 2026-12-31"
    shown = re.search(rf"^\$ {re.escape(command)}\n(.*?)^```", readme, re.M | re.S)
    assert shown is not None
    code, out, err = run(*shlex.split(command)[1:])
    assert code == 0
    assert (out + err) == shown.group(1)


def test_the_cross_treaty_export_never_writes_over_a_data_file_it_reads(tmp_path: Path) -> None:
    from ottawa_cli.store.bundled import treaty_path

    target = tmp_path / "icc.yaml"
    target.symlink_to(treaty_path("icc"))
    before = Path(treaty_path("icc")).read_bytes()
    code, _, err = run("export", "--treaty", "all", "--format", "csv", "-o", str(target))
    assert code == 2
    assert "is a data file being read: choose another --output" in err
    assert Path(treaty_path("icc")).read_bytes() == before


def test_a_cross_treaty_calendar_with_no_date_to_come_keeps_each_treatys_journal_entry() -> None:
    """RFC 5545 asks for a component: where no treaty has a date to come (here the CTBT alone,
    not in force and with no duty), each treaty's journal entry says so."""
    import datetime as dt

    from icalendar import Calendar

    from ottawa_cli.api.across import ExportEverywhereResult
    from ottawa_cli.api.export import ExportQuery, export
    from ottawa_cli.output.across import as_ics
    from ottawa_cli.store.bundled import treaty_path

    day = dt.date(2026, 12, 4)
    one = export(treaty_path("ctbt"), ExportQuery(as_of=day, today=day))
    calendar = Calendar.from_ical(as_ics(ExportEverywhereResult(results=(one,), as_of=day)))
    assert not calendar.walk("VEVENT")
    assert [str(j["uid"]) for j in calendar.walk("VJOURNAL")] == [
        "ctbt-no-upcoming-date@ottawa-cli"
    ]
