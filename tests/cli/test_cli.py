"""Every command end to end through Typer's CliRunner: output, JSON contract, exit codes."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from tests.support import REGISTRY, ROOT, TREATIES

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_status_json_for_finland_on_the_day_its_withdrawal_took_effect() -> None:
    code, out, _ = run("status", "Finland", "--as-of", "2026-01-10", "--json")
    assert code == 0
    got = json.loads(out)
    expected = {
        "name": "Finland",
        "iso2": "FI",
        "iso3": "FIN",
        "as_of": "2026-01-10",
        "status": "withdrawn",
        "signed": None,
        "consent": {"kind": "accession", "deposited": "2012-01-09"},
        "entry_into_force": "2012-07-01",
        "withdrawal": {
            "received": "2025-07-10",
            "effective": "2026-01-10",
            "suspended_by_armed_conflict": False,
        },
    }
    # Keys may be added to the contract, never renamed or changed in meaning.
    for key, value in expected.items():
        if isinstance(value, dict):
            assert {k: got[key][k] for k in value} == value
        else:
            assert got[key] == value
    assert list(got)[: len(expected)] == list(expected)


def test_status_shows_instruments_dates_sources_and_the_article() -> None:
    code, out, _ = run("status", "Finland", "--as-of", "2025-09-01")
    assert code == 0
    assert "Finland — withdrawing" in out
    assert "received 10 Jul 2025" in out
    assert "takes effect 10 Jan 2026 (131 days after 1 Sep 2025), Art. 20(3)" in out
    assert (
        "deposited 9 Jan 2012 → first day of the 6th month after → 1 Jul 2012 (Art. 17(2))" in out
    )
    assert "United Nations Treaty Collection" in out
    assert "Data verified against UNTC as at 3 Feb 2026; other sources read to 20 Feb 2026." in out


def test_status_hides_instruments_deposited_after_as_of() -> None:
    _, out, _ = run("status", "Finland", "--as-of", "2012-03-01", "--json")
    got = json.loads(out)
    assert got["status"] == "pending-entry-into-force"
    assert got["withdrawal"] is None
    assert [e["kind"] for e in got["events"]] == ["accession"]


@pytest.mark.parametrize("query", ["Turkey", "türkiye", "TURKIYE", "TR", "tur"])
def test_status_finds_a_state_by_alias_code_case_and_accent(query: str) -> None:
    code, out, _ = run("status", query, "--json")
    assert code == 0
    assert json.loads(out)["name"] == "Türkiye"


def test_status_finds_netherlands_by_its_common_name() -> None:
    _, out, _ = run("status", "Holland", "--json")
    assert json.loads(out)["name"] == "Netherlands (Kingdom of the)"


def test_unknown_state_exits_2_and_suggests_the_closest_name() -> None:
    code, out, err = run("status", "Finlnd")
    assert code == 2
    assert out == ""
    assert "did you mean Finland?" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("bad", ["2025-02-29", "29/02/2023", "soon", "2025-1-1", "Jan 2026"])
def test_invalid_date_exits_2_with_the_expected_format(bad: str) -> None:
    code, _, err = run("status", "Finland", "--as-of", bad)
    assert code == 2
    assert "YYYY-MM-DD" in err or "day, month and year" in err


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-01-10", "2026-01-10"),
        ("10 Jan 2026", "2026-01-10"),
        ("2026/01/10", "2026-01-10"),
        ("January 10, 2026", "2026-01-10"),
        ("13/02/2026", "2026-02-13"),
        ("29/02/2024", "2024-02-29"),
    ],
)
def test_dates_are_accepted_as_users_write_them(typed: str, day: str) -> None:
    code, out, err = run("status", "Finland", "--as-of", typed, "--json")
    assert code == 0, err
    assert json.loads(out)["as_of"] == day


def test_today_and_yesterday_are_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    # Today is the command's (OTTAWA_TODAY where set): pinned, so midnight cannot move it.
    monkeypatch.setenv("OTTAWA_TODAY", "2024-03-01")
    for word, day in (("today", "2024-03-01"), ("yesterday", "2024-02-29")):
        _, out, _ = run("status", "Finland", "--as-of", word, "--json")
        assert json.loads(out)["as_of"] == day


def test_a_date_the_locale_decides_is_refused_saying_why() -> None:
    code, _, err = run("status", "Finland", "--as-of", "01/02/2026")
    assert code == 2
    assert "ambiguous: 1 Feb or 2 Jan 2026" in err


def test_ukraine_status_shows_the_suspension_notice_and_that_it_has_no_effect() -> None:
    code, out, _ = run("status", "Ukraine", "--as-of", "2026-01-01")
    assert code == 0
    assert "Ukraine — party" in out
    assert "Communication of 18 Jul 2025, not an instrument under the Convention" in out
    assert "No effect under the Convention, which allows no suspension" in out


def test_pending_on_1_september_2025_in_order_of_effect() -> None:
    code, out, _ = run("pending", "--as-of", "2025-09-01", "--json")
    assert code == 0
    got = json.loads(out)
    assert got["as_of"] == "2025-09-01"
    assert [s["name"] for s in got["states"]] == [
        "Estonia",
        "Latvia",
        "Lithuania",
        "Finland",
        "Poland",
    ]


def test_pending_table_counts_down_to_each_effective_date() -> None:
    _, out, _ = run("pending", "--as-of", "2025-12-26")
    assert "Estonia" in out and "in 1 day" in out
    assert "Poland" in out and "in 56 days" in out


def test_pending_counts_one_withdrawal_in_the_singular() -> None:
    code, out, _ = run("pending", "--as-of", "2026-02-01")
    assert code == 0
    assert "1 withdrawal pending on 1 Feb 2026." in out


def test_pending_says_so_when_nothing_is_pending() -> None:
    code, out, _ = run("pending", "--as-of", "2024-01-01")
    assert code == 0
    assert "No withdrawal pending on 1 Jan 2024." in out


def test_list_counts_states_parties_and_filters_by_status() -> None:
    code, out, _ = run(
        "list",
        "--as-of",
        "2026-02-03",
        "--status",
        "withdrawn",
        "--status",
        "withdrawing",
        "--json",
    )
    assert code == 0
    got = json.loads(out)
    assert got["parties"] == 162
    assert {s["name"]: s["status"] for s in got["states"]} == {
        "Estonia": "withdrawn",
        "Latvia": "withdrawn",
        "Lithuania": "withdrawn",
        "Finland": "withdrawn",
        "Poland": "withdrawing",
    }


def test_list_sorted_by_date_puts_the_newest_status_last() -> None:
    _, out, _ = run("list", "--as-of", "2026-03-01", "--sort", "date", "--json")
    names = [s["name"] for s in json.loads(out)["states"]]
    assert names[-1] == "Poland"


def test_list_plain_output_has_every_state_and_a_summary_line() -> None:
    code, out, _ = run("list", "--as-of", "2025-12-15")
    assert code == 0
    assert "166 States Parties on 15 Dec 2025; 197 States shown." in out
    assert "\x1b[" not in out


def test_list_rejects_an_unknown_status_with_exit_2() -> None:
    code, _, err = run("list", "--status", "member")
    assert code == 2
    assert "withdrawal-suspended" in err


def test_sources_lists_each_fact_with_its_source() -> None:
    code, out, _ = run("sources", "Poland", "--json")
    assert code == 0
    got = json.loads(out)
    assert got["events"][-1]["notification"] == "C.N.421.2025.TREATIES-XXVI-5"
    assert got["events"][-1]["takes_effect"] == {"date": "2026-02-20", "source": "untc"}
    assert "untc" in got["sources"]


def test_data_option_and_environment_variable_select_the_data_file(
    write_data: Callable[[str], Path],
) -> None:
    path = write_data("""\
        states:
          - name: Testland
            iso2: "TL"
            iso3: "TLS"
            events:
              - {kind: accession, date: 2000-01-10, source: fixture}
        """)
    _, out, _ = run("status", "Testland", "--data", str(path), "--json")
    assert json.loads(out)["entry_into_force"] == "2000-07-01"
    _, out, _ = run("status", "Testland", "--json", env={"OTTAWA_DATA": str(path)})
    assert json.loads(out)["status"] == "party"


def test_malformed_data_file_names_file_line_and_field_and_exits_1(
    write_data: Callable[[str], Path],
) -> None:
    path = write_data("""\
        states:
          - name: Testland
            iso2: "TL"
            iso3: "TLS"
            events:
              - {kind: accession, date: 2000-02-30, source: fixture}
        """)
    code, out, err = run("status", "Testland", "--data", str(path))
    assert code == 1
    assert out == ""
    line = (
        path.read_text()
        .splitlines()
        .index("      - {kind: accession, date: 2000-02-30, source: fixture}")
        + 1
    )
    assert f"{path}:{line}:" in err
    assert "states[0].events[0].date" in err
    assert "2000-02-30" in err
    assert "Traceback" not in err


def test_missing_data_file_is_a_usage_error() -> None:
    code, _, err = run("status", "Finland", "--data", "/nonexistent/states.yaml")
    assert code == 2
    assert "cannot read" in err


def test_markup_in_a_name_is_shown_literally(write_data: Callable[[str], Path]) -> None:
    path = write_data("""\
        states:
          - name: "[red]Evil[/red] \\e[2J"
            iso2: "EV"
            iso3: "EVL"
        """)
    code, out, _ = run("status", "EV", "--data", str(path))
    assert code == 0
    assert "[red]Evil[/red] \\u001b[2J" in out
    assert "\x1b" not in out


def test_check_without_paths_checks_the_data_option_or_its_environment_variable(
    write_data: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_data("states:\n  - {name: Testland, iso2: TL, iso3: TLS, note: '[red]x[/red]'}\n")
    # Outside a checkout, the environment variable names the file ...
    elsewhere = path.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, out, _ = run("check", "--format", "json", env={"OTTAWA_DATA": str(path)})
    assert code == 0
    assert json.loads(out)["files"] == [str(path)]
    # ... inside one, the checkout's own files are checked, whatever the environment says.
    monkeypatch.chdir(ROOT)
    for env in ({"OTTAWA_DATA": str(path)}, {"OTTAWA_TREATY": "ccm"}, {"OTTAWA_TREATY": "all"}):
        code, out, _ = run("check", "--format", "json", "--today", "2026-12-04", env=env)
        assert code == 0, env
        assert json.loads(out)["files"][0] == os.path.join("data", "states.yaml")
    code, out, _ = run("check", "--data", str(path), "--strict")
    assert code == 1  # the markup warning fails with --strict


def test_version_prints_the_package_version() -> None:
    from ottawa_cli import __version__

    code, out, _ = run("--version")
    assert (code, out) == (0, f"ottawa {__version__}\n")


def test_h_is_help() -> None:
    code, out, _ = run("-h")
    assert code == 0
    assert "Usage: ottawa" in out
    code, out, _ = run("status", "-h")
    assert code == 0 and "Usage: ottawa status" in out


def test_shell_completion_offers_the_registrys_state_names(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "_OTTAWA_COMPLETE": "complete_bash",
        "COMP_WORDS": "ottawa status Finl",
        "COMP_CWORD": "2",
        "OTTAWA_CACHE_DIR": str(tmp_path),
    }
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.argv = ['ottawa']; from ottawa_cli.cli.main import main; main()",
        ],
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    assert out.split() == ["Finland"]


def test_a_date_before_the_treaty_existed_says_so() -> None:
    code, out, _ = run("status", "Finland", "--as-of", "1900-01-01")
    assert code == 0
    assert "1 Jan 1900 is before the Convention was opened for signature (3 Dec 1997)" in out


@pytest.mark.parametrize(("day", "stale"), [("2026-01-15", False), ("2026-11-01", True)])
def test_an_answer_after_the_data_was_verified_says_it_may_be_stale(day: str, stale: bool) -> None:
    _, out, _ = run("status", "Finland", "--as-of", day, "--json")
    got = json.loads(out)
    assert (got["stale"], got["data_verified_as_at"]) == (stale, "2026-02-03")
    _, out, _ = run("status", "Finland", "--as-of", day)
    assert ("is not known here" in out) == stale
    for args in (["list"], ["pending"], ["parties"], ["timeline", "Finland"]):
        _, out, _ = run(*args, "--json")
        assert "data_verified_as_at" in json.loads(out), args


def test_parties_from_a_day_starts_with_the_count_on_that_day() -> None:
    _, out, _ = run("parties", "--from", "2026-01-01", "--to", "2026-01-01", "--json")
    got = json.loads(out)
    assert got["start"] == {"date": "2026-01-01", "parties": 163}
    assert got["changes"] == []
    assert got["years"] == [{"year": 2026, "parties_at_end": 163, "as_of": "2026-01-01"}]
    _, out, _ = run("parties", "--from", "2026-01-01", "--to", "2026-01-01")
    assert "States Parties on 1 Jan 2026: 163." in out
    assert "No change in the number of States Parties in that period." in out


def test_the_chart_draws_a_fall_of_two_states_as_small_as_it_is() -> None:
    _, out, _ = run("parties", "--from", "2025-01-01", "--to", "2026-12-31")
    bars = {line.split()[0]: line.count("█") for line in out.splitlines() if "█" in line}
    assert bars["2025"] - bars["2026"] <= 1  # 163 → 161, on 40 blocks from zero
    assert "(bars from 0)" in out


def test_a_bare_check_outside_a_checkout_refuses_to_guess(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OTTAWA_DATA", raising=False)
    code, out, err = run("check")
    assert (code, out) == (2, "")
    assert "no data files here" in err and "--treaty all" in err


def test_a_data_repository_without_a_data_folder_is_a_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "treaties").mkdir()
    shutil.copy(REGISTRY, tmp_path / "states.yaml")
    broken = (TREATIES["ccm"].read_text(encoding="utf-8")).replace("format: 1", "format: one", 1)
    (tmp_path / "treaties" / "ccm.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "--format", "json", env={"OTTAWA_TREATY": "ccm"})
    assert code == 1
    got = json.loads(out)
    assert got["files"] == ["states.yaml", os.path.join("treaties", "ccm.yaml")]


def test_checking_the_registry_checks_every_treaty_file_that_names_its_states(
    tmp_path: Path,
) -> None:
    # The pre-commit hook passes only the changed files: a State renamed in the registry
    # orphans participants in the treaty files beside it.
    (tmp_path / "treaties").mkdir()
    registry = REGISTRY.read_text(encoding="utf-8").replace(
        'name: "Finland"', 'name: "Suomi Finland"'
    )
    (tmp_path / "states.yaml").write_text(registry, encoding="utf-8")
    shutil.copy(TREATIES["apmbc"], tmp_path / "treaties" / "apmbc.yaml")
    code, out, _ = run("check", str(tmp_path / "states.yaml"), "--format", "json")
    assert code == 1
    got = json.loads(out)
    assert str(tmp_path / "treaties" / "apmbc.yaml") in got["files"]
    assert any(f["code"] == "OTT106" for f in got["findings"])


def test_a_year_before_1000_is_printed_and_read_back_in_four_digits() -> None:
    code, out, _ = run("status", "Finland", "--as-of", "1 Jan 0001", "--json")
    assert code == 0 and json.loads(out)["as_of"] == "0001-01-01"
    code, out, _ = run("status", "Finland", "--as-of", "0001-01-01")
    assert "1 Jan 0001" in out
    code, _, err = run("status", "Finland", "--as-of", "10 Jan 26")
    assert code == 2 and "write the year in full" in err


def test_today_and_yesterday_follow_ottawa_today() -> None:
    for word, day in (("today", "2020-01-01"), ("yesterday", "2019-12-31")):
        code, out, _ = run(
            "status", "Finland", "--as-of", word, "--json", env={"OTTAWA_TODAY": "2020-01-01"}
        )
        assert code == 0 and json.loads(out)["as_of"] == day


def test_the_calendar_holds_an_event_on_the_last_day_it_can(
    write_data: Callable[[str], Path],
) -> None:
    path = write_data(
        "states:\n  - name: Testland\n    iso2: TL\n    iso3: TLS\n    events:\n"
        "      - {kind: accession, date: 2000-01-10, source: fixture}\n"
        "      - {kind: withdrawal, date: 9999-06-30, source: fixture, announced: true}\n"
    )
    text = path.read_text(encoding="utf-8").replace(
        "period: {months: 6}", "period: {months: 6, days: 1}"
    )
    path.write_text(text, encoding="utf-8")
    code, out, err = run("export", "--format", "ics", "--data", str(path), "--as-of", "9999-07-01")
    assert code == 0, err
    assert "DTSTART;VALUE=DATE:99991231" in out


def test_two_files_of_one_treaty_are_a_finding(tmp_path: Path) -> None:
    (tmp_path / "treaties").mkdir()
    shutil.copy(REGISTRY, tmp_path / "states.yaml")
    shutil.copy(TREATIES["ccm"], tmp_path / "treaties" / "ccm.yaml")
    shutil.copy(TREATIES["ccm"], tmp_path / "treaties" / "ccm-copy.yaml")
    code, out, _ = run(
        "check", str(tmp_path / "states.yaml"), "--format", "json", "--today", "2026-12-04"
    )
    assert code == 1
    found = [f for f in json.loads(out)["findings"] if f["code"] == "OTT147"]
    assert [f["message"] for f in found] == ["treaty id 'ccm' is also another file's"]
