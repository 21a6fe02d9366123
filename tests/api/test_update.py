"""`ottawa update`: the depositary's page against the bundled data, what it adds kept in the
user's overlay, every answer saying so; what it contradicts a finding, nothing overwritten; and
the depositary watch's `ottawa` steps run against a server of our own on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import yaml
from typer.testing import CliRunner

from ottawa_cli.api import load
from ottawa_cli.api.status import StatusQuery, status
from ottawa_cli.api.update import UpdateQuery, update
from ottawa_cli.cli.app import app
from tests.support import FIXTURES, ROOT, TREATIES
from tests.untc.test_untc_fetch import Server, send, server  # noqa: F401  (the fixture)

UNTC = FIXTURES / "untc"
TODAY = "2026-12-04"
runner = CliRunner()

CHINA = (
    b'\t<tr class="trBWhite">\r\n\t\t<td>China<br></td>\r\n\t\t<td><br></td>\r\n'
    b"\t\t<td>20 Jan\t 2026 a<br></td>\r\n\t</tr>\r\n"
)
MAURITIUS_NOTE_END = (
    b"for the text of the above-mentioned communication.<br><br><br><br><text /><br></div>"
)
WITHDRAWAL = (
    b"On 15 January 2026, the Government of Mauritius deposited with the Secretary-General a "
    b"notification of withdrawal (see depositary notification C.N.20.2026.TREATIES-XXVI-5 of 16 "
    b"January 2026). The withdrawal will take effect for Mauritius on 15 July 2026 in accordance "
    b"with article 20 (3) of the Convention."
)
REVOCATION = (
    b"On 30 January 2026, the Government of Mauritius notified the Secretary-General of its "
    b"decision to withdraw its notification of withdrawal."
)


def _page(*, china: bool = False, note: bytes = b"", rename: bool = False) -> bytes:
    """A copy of the Mine Ban Convention's page of 3 Feb 2026, changed as a later one would be."""
    page = (UNTC / "ottawa.html").read_bytes()
    if china:
        chile = page.index(b">Chile</A>")
        after = page.index(b"</tr>\r\n", chile) + len(b"</tr>\r\n")
        page = page[:after] + CHINA + page[after:]
        page = re.sub(rb"(Parties :\s+)162", rb"\g<1>163", page, count=1)
    if note:
        at = page.index(MAURITIUS_NOTE_END, page.index(b"relating to the Chagos Archipelago"))
        changed = MAURITIUS_NOTE_END.replace(
            b"<br><br><br><br>", b"<br><br>" + note + b"<br><br>", 1
        )
        page = page[:at] + changed + page[at + len(MAURITIUS_NOTE_END) :]
    if rename:
        page = page.replace(b"<td>T\xc3\xbcrkiye<br>", b"<td>Republic of T\xc3\xbcrkiye<br>", 1)
    return page


def _pages(tmp_path: Path, page: bytes, treaty: str = "apmbc") -> Path:
    folder = tmp_path / "pages"
    folder.mkdir(exist_ok=True)
    (folder / f"{treaty}.html").write_bytes(page)
    return folder


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"OTTAWA_TODAY": TODAY})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _overlay_folder() -> Path:
    return Path(os.environ["OTTAWA_DATA_HOME"]) / "updates"


def _status(state: str, *args: str) -> dict:
    code, out, err = _run("status", state, "--json", *args)
    assert code == 0, err
    return json.loads(out)


def test_a_new_accession_and_a_new_withdrawal_in_an_end_note_are_answered_from_the_overlay(
    tmp_path: Path,
) -> None:
    pages = _pages(tmp_path, _page(china=True, note=WITHDRAWAL))
    code, out, err = _run("update", "--from", str(pages), "--treaty", "apmbc")
    assert code == 0, out + err
    assert "2 facts from XXVI-5 as at 3 Feb 2026, not reviewed" in err
    assert "China: accession deposited 20 Jan 2026 (row China)" in err
    assert "Mauritius: withdrawal received 15 Jan 2026, taking effect 15 Jul 2026" in err

    mauritius = _status("Mauritius")
    assert (mauritius["status"], mauritius["since"]) == ("withdrawn", "2026-07-15")
    assert mauritius["withdrawal"]["notification"] == "C.N.20.2026.TREATIES-XXVI-5"
    assert mauritius["updates"]["facts"] == 2
    assert mauritius["updates"]["as_at"] == "2026-02-03"
    assert mauritius["updates"]["reviewed"] is False
    assert mauritius["rests_on"] == [
        {
            "kind": "withdrawal",
            "date": "2026-01-15",
            "evidence": "depositary",
            "source": "ottawa:update",
            "reviewed": False,
        }
    ]
    assert _status("China")["status"] == "party"

    code, text, _ = _run("status", "Mauritius")
    assert "Includes 2 facts imported from the UNTC page as at 3 Feb 2026, not reviewed" in text
    assert "the depositary's page, imported by `ottawa update`, not reviewed" in text
    assert "UNTC page XXVI-5 as at 3 Feb 2026, imported, not reviewed" in text  # the Record


def test_update_fetches_the_page_from_the_base_address_given(
    server: Server,  # noqa: F811
) -> None:
    server.respond = lambda handler: send(handler, 200, _page(note=WITHDRAWAL))
    code, out, err = _run("update", "--treaty", "apmbc", "--base-url", server.url)
    assert code == 0, out + err
    assert server.reference() == "XXVI-5" and len(server.requests) == 1
    assert f"{server.url}/Pages/ViewDetails.aspx" in _status("Mauritius")["updates"]["page"]


def test_a_page_that_cannot_be_fetched_is_a_usage_error_and_writes_nothing(
    server: Server,  # noqa: F811
) -> None:
    server.respond = lambda handler: send(handler, 404, b"<html>Not found</html>")
    code, _, err = _run("update", "--treaty", "apmbc", "--base-url", server.url)
    assert code == 2 and "Error: apmbc:" in err and "404" in err
    assert not (_overlay_folder() / "apmbc.json").exists()


def test_no_updates_answers_from_the_bundled_data_alone(tmp_path: Path) -> None:
    _run("update", "--from", str(_pages(tmp_path, _page(note=WITHDRAWAL))), "--treaty", "apmbc")
    assert _status("Mauritius")["status"] == "withdrawn"
    plain = _status("Mauritius", "--no-updates")
    assert plain["status"] == "party" and plain["updates"] is None
    result = runner.invoke(
        app, ["list", "--json"], env={"OTTAWA_TODAY": TODAY, "OTTAWA_NO_UPDATES": "1"}
    )
    assert json.loads(result.stdout)["updates"] is None


def test_every_reading_command_says_it_includes_the_overlay(tmp_path: Path) -> None:
    _run("update", "--from", str(_pages(tmp_path, _page(note=WITHDRAWAL))), "--treaty", "apmbc")
    for command in (["list"], ["pending"], ["timeline", "Mauritius"], ["parties"], ["treaties"]):
        code, out, err = _run(*command)
        assert code == 0, err
        assert "1 fact imported from the UNTC page as at 3 Feb 2026, not reviewed" in out, command
        code, out, err = _run(*command, "--json")
        shown = json.loads(out)
        updates = shown["treaties"][0]["updates"] if command == ["treaties"] else shown["updates"]
        assert updates is not None and updates["facts"] == 1, command
    code, _, err = _run("export", "--format", "json", "-o", str(tmp_path / "x.json"))
    assert json.loads((tmp_path / "x.json").read_text())["updates"]["facts"] == 1
    code, out, _ = _run("sources", "Mauritius")
    assert "1 fact imported from the UNTC page as at 3 Feb 2026, not reviewed" in out
    for picture in ("map", "chart"):
        code, _, err = _run(picture, "-o", str(tmp_path / f"{picture}.svg"))
        assert code == 0, err
        svg = (tmp_path / f"{picture}.svg").read_text()
        assert "1 fact imported from the UNTC page as at 3 Feb 2026, not reviewed" in svg, picture


def test_the_start_up_path_applies_the_overlay_and_says_so(tmp_path: Path) -> None:
    _run("update", "--from", str(_pages(tmp_path, _page(note=WITHDRAWAL))), "--treaty", "apmbc")
    env = os.environ | {"OTTAWA_TODAY": TODAY}
    ran = subprocess.run(
        [sys.executable, "-m", "ottawa_cli", "status", "Mauritius", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert json.loads(ran.stdout)["status"] == "withdrawn"
    ran = subprocess.run(
        [sys.executable, "-m", "ottawa_cli", "status", "Mauritius", "--no-updates"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "party" in ran.stdout.splitlines()[0] and "imported" not in ran.stdout


def test_a_revoked_notice_is_imported_with_its_revocation(tmp_path: Path) -> None:
    pages = _pages(tmp_path, _page(note=WITHDRAWAL + b"<br><br>" + REVOCATION))
    code, out, err = _run("update", "--from", str(pages), "--treaty", "apmbc")
    assert code == 0, out + err
    assert "Mauritius: withdrawal revoked 30 Jan 2026 (end note 5)" in err
    mauritius = _status("Mauritius")
    assert mauritius["status"] == "party"
    assert [e["kind"] for e in mauritius["events"]][-2:] == [
        "withdrawal",
        "withdrawal-revocation",
    ]


def test_a_renamed_participant_is_answered_by_both_names(tmp_path: Path) -> None:
    code, out, err = _run(
        "update", "--from", str(_pages(tmp_path, _page(rename=True))), "--treaty", "apmbc"
    )
    assert code == 0, out + err
    assert "Türkiye: the page's name for it is 'Republic of Türkiye'" in err
    assert _status("Türkiye")["name"] == "Republic of Türkiye"
    assert _status("Turkey")["name"] == "Republic of Türkiye"


def test_a_page_that_contradicts_the_data_is_a_finding_and_overwrites_nothing(
    tmp_path: Path,
) -> None:
    # Japan's acceptance moved a day, and China added: the same made-up page `untc diff` shows.
    pages = _pages(tmp_path, (UNTC / "ottawa-changed.html").read_bytes())
    code, out, err = _run("update", "--from", str(pages), "--treaty", "apmbc")
    assert code == 1
    assert "OTT306 error: Japan: instrument: the page has acceptance deposited 1 Oct 1998" in out
    assert "nothing was overwritten" in err
    japan = _status("Japan")
    assert japan["consent"] == {"kind": "acceptance", "deposited": "1998-09-30"}
    assert japan["updates"]["facts"] == 1  # China's accession, which contradicts nothing


def test_list_shows_and_clear_removes_only_what_update_wrote(tmp_path: Path) -> None:
    _run("update", "--from", str(_pages(tmp_path, _page(note=WITHDRAWAL))), "--treaty", "apmbc")
    code, out, _ = _run("update", "--list", "--json")
    assert code == 0
    (held,) = json.loads(out)["updates"]
    assert (held["treaty"], held["facts"], held["as_at"], held["reviewed"]) == (
        "apmbc",
        1,
        "2026-02-03",
        False,
    )
    code, out, _ = _run("update", "--list")
    assert "apmbc" in out and "3 Feb 2026" in out
    mine = _overlay_folder() / "notes.txt"
    mine.write_text("the user's own")
    code, _, err = _run("update", "--clear", "--treaty", "apmbc")
    assert code == 0 and "Removed" in err
    assert not (_overlay_folder() / "apmbc.json").exists() and mine.exists()
    assert _status("Mauritius")["status"] == "party"
    code, out, _ = _run("update", "--list")
    assert "No updates held" in out


def test_a_page_with_nothing_new_removes_the_overlay_it_supersedes(tmp_path: Path) -> None:
    _run("update", "--from", str(_pages(tmp_path, _page(note=WITHDRAWAL))), "--treaty", "apmbc")
    assert (_overlay_folder() / "apmbc.json").exists()
    code, _, err = _run("update", "--from", str(_pages(tmp_path, _page())), "--treaty", "apmbc")
    assert code == 0 and "nothing the bundled data lacks" in err
    assert not (_overlay_folder() / "apmbc.json").exists()


def test_an_overlay_in_a_folder_others_may_write_is_refused_never_read(tmp_path: Path) -> None:
    _run("update", "--from", str(_pages(tmp_path, _page(note=WITHDRAWAL))), "--treaty", "apmbc")
    folder = _overlay_folder()
    folder.chmod(0o777)
    try:
        code, _, err = _run("status", "Mauritius")
        assert code == 2
        assert "the overlay is not trusted" in err and "apmbc.json" in err
        assert _status("Mauritius", "--no-updates")["status"] == "party"
    finally:
        folder.chmod(0o700)


def test_a_damaged_overlay_is_invalid_data_naming_the_file(tmp_path: Path) -> None:
    _run("update", "--from", str(_pages(tmp_path, _page(note=WITHDRAWAL))), "--treaty", "apmbc")
    file = _overlay_folder() / "apmbc.json"
    held = json.loads(file.read_text())
    held["facts"][0]["date"] = "2026-02-30"
    file.write_text(json.dumps(held))
    code, _, err = _run("status", "Mauritius")
    assert code == 1
    assert f"{file}: invalid overlay: facts[0].date: expected a date" in err
    file.write_text("{not json")
    code, _, err = _run("status", "Mauritius")
    assert code == 1 and str(file) in err


def test_the_overlay_folder_is_private_and_the_file_written_whole(tmp_path: Path) -> None:
    _run("update", "--from", str(_pages(tmp_path, _page(note=WITHDRAWAL))), "--treaty", "apmbc")
    folder = _overlay_folder()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert [p.name for p in folder.iterdir()] == ["apmbc.json"]
    held = json.loads((folder / "apmbc.json").read_text())
    assert held["reviewed"] is False
    assert all(f["evidence"] == "depositary" and f["reviewed"] is False for f in held["facts"])


def test_a_data_file_of_ones_own_is_never_changed_by_the_overlay(tmp_path: Path) -> None:
    _run("update", "--from", str(_pages(tmp_path, _page(note=WITHDRAWAL))), "--treaty", "apmbc")
    own = tmp_path / "treaties" / "apmbc.yaml"
    own.parent.mkdir()
    shutil.copy(TREATIES["apmbc"], own)
    shown = _status("Mauritius", "--data", str(own))
    assert shown["status"] == "party" and shown["updates"] is None


def _older(tmp_path: Path, before: str) -> Path:
    """A copy of the Mine Ban Convention's file as it stood before `before`: every instrument
    deposited and notice received since, removed."""
    data = yaml.safe_load(TREATIES["apmbc"].read_text(encoding="utf-8"))
    for participant in data["participants"]:
        participant["events"] = [
            e for e in participant.get("events", ()) if str(e["date"]) < before
        ]
    older = tmp_path / "older" / "treaties" / "apmbc.yaml"
    older.parent.mkdir(parents=True)
    older.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return older


def test_update_from_the_page_of_3_february_2026_brings_older_data_to_todays_answers(
    tmp_path: Path,
) -> None:
    """Real history: the data as it stood at the end of 2024, against the depositary's page as
    at 3 Feb 2026: the ratification of the Marshall Islands, Tonga's accession and the
    withdrawals of Estonia, Finland, Latvia, Lithuania and Poland (their dates from the end
    notes) are imported, and every answer about those States equals the bundled data's."""
    older = _older(tmp_path, "2025-01-01")
    states = ("Marshall Islands", "Tonga", "Estonia", "Finland", "Latvia", "Lithuania", "Poland")
    before = load(older)
    assert status(before, StatusQuery(state="Finland")).position.status == "party"

    pages = _pages(tmp_path, (UNTC / "ottawa.html").read_bytes())
    result = update(UpdateQuery(treaty="apmbc", pages=pages, data=older))
    (outcome,) = result.outcomes
    assert not result.contradicted, result.findings
    assert {f.state for f in outcome.facts} == set(states)

    from ottawa_cli.store import overlay

    updated = overlay.merge(before, overlay.read(str(_overlay_folder() / "apmbc.json")))
    for state in states:
        for as_of in ("2025-06-30", "2026-02-03", TODAY):
            query = StatusQuery(state=state, as_of=dt.date.fromisoformat(as_of))
            now = status(load(TREATIES["apmbc"], updates=False), query).position
            then = status(updated, query).position
            assert (then.status, then.since, then.entry_into_force) == (
                now.status,
                now.since,
                now.entry_into_force,
            ), (state, as_of)
            if now.outcome is not None:
                assert then.outcome is not None
                assert then.outcome.takes_effect == now.outcome.takes_effect


# --- the depositary watch ---------------------------------------------------------------------

WORKFLOW = ROOT / ".github" / "workflows" / "depositary.yml"


def test_the_watch_runs_weekly_and_on_demand() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"][0]["cron"] and "workflow_dispatch" in triggers
    steps = workflow["jobs"]["watch"]["steps"]
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in steps)
    # Data reaches `gh` through a file, never through the command line.
    issue = next(s for s in steps if "gh issue" in s.get("run", ""))
    assert "--body-file" in issue["run"] and "${{" not in issue["run"]


def test_the_watch_steps_that_run_ottawa_work_against_a_local_server(
    server: Server,  # noqa: F811
    tmp_path: Path,
) -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    steps = [
        s
        for s in workflow["jobs"]["watch"]["steps"]
        if any(line.strip().startswith("ottawa ") for line in s.get("run", "").splitlines())
    ]
    assert [s["run"].split()[0] for s in steps] == ["ottawa", "status=0"]
    output = tmp_path / "github-output"
    env = os.environ | {
        "OTTAWA_UNTC_URL": server.url,
        "GITHUB_OUTPUT": str(output),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    fetch, diff = steps
    ran = subprocess.run(
        ["bash", "-e", "-c", fetch["run"]], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    # Each saved page is fetched; the treaties the fixtures have no page of are one line each.
    written = sorted(p.stem for p in (tmp_path / "pages").glob("*.html"))
    assert "apmbc" in written and "ccm" in written and len(written) >= 25, ran.stderr
    assert all(
        "HTTP 404" in line
        for line in ran.stderr.splitlines()
        if line.startswith("Error: ") and "pages could not be fetched" not in line
    )
    ran = subprocess.run(
        ["bash", "-e", "-c", diff["run"]], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert ran.returncode == 0, ran.stderr
    assert output.read_text() == "differences=0\n", (tmp_path / "diff.txt").read_text()


def test_a_withdrawal_imported_for_the_parent_treaty_is_one_from_its_protocol_and_says_so() -> None:
    folder = _overlay_folder()
    folder.mkdir(mode=0o700, parents=True)
    held = {
        "written_by": "ottawa update",
        "format": 1,
        "treaty": "unfccc",
        "page": {"address": "unfccc.html", "reference": "XXVII-7", "as_at": "2026-06-01"},
        "written_on": TODAY,
        "reviewed": False,
        "facts": [
            {
                "state": "Germany",
                "kind": "withdrawal",
                "date": "2026-03-02",
                "where": "end note 9",
                "evidence": "depositary",
                "reviewed": False,
            }
        ],
    }
    (folder / "unfccc.json").write_text(json.dumps(held))
    (folder / "unfccc.json").chmod(0o600)
    kyoto = _status("Germany", "--treaty", "kyoto")
    assert kyoto["status"] == "withdrawing"
    assert kyoto["updates"]["file"].endswith("unfccc.json")
    assert _status("Germany", "--treaty", "kyoto", "--no-updates")["status"] == "party"


def test_the_saved_pages_of_3_february_2026_add_nothing_to_the_bundled_data(tmp_path: Path) -> None:
    """The bundled data was verified against these pages: `update` finds nothing to import,
    no difference, and writes no overlay (no fact is invented from a page the data agrees
    with)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for treaty in TREATIES:
        saved = UNTC / ("ottawa.html" if treaty == "apmbc" else f"{treaty}.html")
        if saved.is_file():
            shutil.copy(saved, folder / f"{treaty}.html")
    code, out, err = _run("update", "--from", str(folder))
    assert (code, out) == (0, ""), err
    assert err.count("nothing the bundled data lacks") == len(list(folder.iterdir()))
    assert not _overlay_folder().exists() or not list(_overlay_folder().iterdir())


def test_a_folder_of_pages_that_is_not_there_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = _run("update", "--from", str(tmp_path / "missing"))
    assert code == 2 and "no such folder of saved pages" in err


def test_untc_diff_compares_the_data_as_curated_without_the_overlay(tmp_path: Path) -> None:
    pages = _pages(tmp_path, _page(china=True))
    assert _run("update", "--from", str(pages), "--treaty", "apmbc")[0] == 0
    assert _status("China")["status"] == "party"
    code, out, _ = _run("untc", "diff", str(pages / "apmbc.html"))
    assert code == 1 and "OTT306 error: China: instrument: the page has accession" in out


def test_the_answers_across_every_treaty_include_the_overlay_not_the_index(tmp_path: Path) -> None:
    """The bundled data's index holds the data as curated: where an overlay applies, `pending`,
    `status` and `treaties` across every treaty are read from the files, the overlay merged."""
    _run("update", "--from", str(_pages(tmp_path, _page(note=WITHDRAWAL))), "--treaty", "apmbc")
    code, out, err = _run("pending", "--treaty", "all", "--as-of", "2026-03-01", "--json")
    assert code == 0, err
    assert "Mauritius" in [s["name"] for s in json.loads(out)["states"]]
    code, out, err = _run(
        "status", "Mauritius", "--treaty", "all", "--as-of", "2026-03-01", "--json"
    )
    apmbc = next(r for r in json.loads(out) if r["treaty"] == "apmbc")
    assert apmbc["status"] == "withdrawing"
    assert apmbc["updates"]["facts"] == 1

    def parties(*extra: str) -> int:
        code, out, err = _run("treaties", "--json", *extra)
        assert code == 0, err
        return next(t["parties"] for t in json.loads(out)["treaties"] if t["id"] == "apmbc")

    assert parties() == parties("--no-updates") - 1


def test_a_saved_xml_record_without_its_html_page_is_refused_as_undated(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copyfile(UNTC / "xml" / "apmbc.xml", folder / "apmbc.xml")
    code, out, err = _run("update", "--from", str(folder), "--treaty", "apmbc")
    assert code == 2, out + err
    assert "says no 'status as at' day" in err and "save the HTML page beside it" in err
    assert not _overlay_folder().exists() or not list(_overlay_folder().iterdir())
    # With the HTML page beside it, the HTML is read.
    shutil.copyfile(UNTC / "ottawa.html", folder / "apmbc.html")
    code, out, err = _run("update", "--from", str(folder), "--treaty", "apmbc")
    assert code == 0, out + err
