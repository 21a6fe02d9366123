"""Files the tool writes (issue 21, item 9): what `export` and `untc import` create and refuse,
and the calendar: when it was made, revoked notices, its sources, an empty one, the treaty."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import stat
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from tests.support import FIXTURES, REGISTRY, TREATIES

runner = CliRunner()
PAGE = FIXTURES / "untc" / "ottawa.html"


def _calendar(*args: str, env: dict[str, str] | None = None) -> icalendar.Calendar:
    result = runner.invoke(app, ["export", "--format", "ics", *args], env=env)
    assert result.exit_code == 0, result.output
    return icalendar.Calendar.from_ical(result.stdout)


def _events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_dtstamp_is_when_the_file_was_made_and_the_same_under_ottawa_today() -> None:
    made = _calendar("--as-of", "2025-09-01", env={"OTTAWA_TODAY": "2026-12-04"})
    stamps = {e.decoded("dtstamp") for e in made.walk("VEVENT")}
    assert stamps == {dt.datetime(2026, 12, 4, tzinfo=dt.UTC)}


def test_dtstamp_without_ottawa_today_is_the_time_of_the_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OTTAWA_TODAY", raising=False)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    made = _calendar("--as-of", "2025-09-01")
    after = dt.datetime.now(dt.UTC)
    stamps = {e.decoded("dtstamp") for e in made.walk("VEVENT")}
    assert len(stamps) == 1 and before <= stamps.pop() <= after


def test_a_revoked_notice_is_its_event_cancelled_with_a_higher_sequence() -> None:
    # Hungary's notice of 2 Jun 2025 under the Rome Statute, revoked on 29 May 2026.
    uid = "icc-withdrawal-takes-effect-HUN@ottawa-cli"
    pending = _events(_calendar("--treaty", "icc", "--as-of", "2026-01-01"))[uid]
    assert pending.get("status") is None and int(pending.get("sequence", 0)) == 0
    revoked = _events(_calendar("--treaty", "icc", "--as-of", "2026-12-04"))[uid]
    assert str(revoked["status"]) == "CANCELLED"
    assert int(revoked["sequence"]) > int(pending.get("sequence", 0))
    assert revoked.decoded("dtstart") == pending.decoded("dtstart") == dt.date(2026, 6, 2)
    assert "revoked on 2026-05-29" in str(revoked["description"])


def test_the_description_carries_the_source_and_the_depositary_reference() -> None:
    poland = _events(_calendar("--as-of", "2025-09-01"))[
        "apmbc-withdrawal-takes-effect-POL@ottawa-cli"
    ]
    description = str(poland["description"])
    assert "United Nations Treaty Collection, chapter XXVI-5" in description
    assert "https://treaties.un.org/Pages/ViewDetails.aspx" in description
    assert "C.N.421.2025.TREATIES-XXVI-5" in description


def test_an_empty_selection_is_said_and_still_a_valid_calendar() -> None:
    result = runner.invoke(app, ["export", "--format", "ics", "--treaty", "enmod"])
    assert result.exit_code == 0, result.output
    assert "Note: no date to come under the Environmental Modification Convention" in (
        result.stderr
    )
    calendar = icalendar.Calendar.from_ical(result.stdout)
    assert str(calendar["version"]) == "2.0" and calendar.get("prodid")
    # RFC 5545: a calendar holds at least one component.
    assert calendar.subcomponents and not calendar.walk("VEVENT")
    (journal,) = calendar.walk("VJOURNAL")
    assert "Data verified against" in str(journal["description"])


def test_the_csv_and_the_calendar_name_the_treaty() -> None:
    out = runner.invoke(app, ["export", "--format", "csv", "--treaty", "ccm"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert {(r["treaty"], r["treaty_title"]) for r in rows} == {
        ("ccm", "Convention on Cluster Munitions")
    }
    events = _calendar("--treaty", "apmbc", "--as-of", "2025-09-01").walk("VEVENT")
    assert events and all(str(e["x-ottawa-treaty"]) == "apmbc" for e in events)
    assert all(
        str(e["description"]).startswith("Convention on the Prohibition of the Use") for e in events
    )


def test_export_refuses_to_write_over_the_registry_it_reads(tmp_path: Path) -> None:
    (tmp_path / "treaties").mkdir()
    shutil.copy(REGISTRY, tmp_path / "states.yaml")
    shutil.copy(TREATIES["apmbc"], tmp_path / "treaties" / "apmbc.yaml")
    before = (tmp_path / "states.yaml").read_bytes()
    data = str(tmp_path / "treaties" / "apmbc.yaml")
    for target in ("states.yaml", "registry-link.yaml"):
        if target == "registry-link.yaml":
            (tmp_path / target).symlink_to(tmp_path / "states.yaml")
        result = runner.invoke(
            app, ["export", "--data", data, "--format", "csv", "-o", str(tmp_path / target)]
        )
        assert result.exit_code == 2, target
        assert "being read" in result.stderr
    assert (tmp_path / "states.yaml").read_bytes() == before


@pytest.mark.parametrize("how", ["symlink", "hardlink"])
def test_untc_import_refuses_the_page_it_reads_by_another_name(tmp_path: Path, how: str) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.read_bytes())
    other = tmp_path / "other.html"
    if how == "symlink":
        other.symlink_to(page)
    else:
        os.link(page, other)
    result = runner.invoke(app, ["untc", "import", str(page), "--id", "x", "-o", str(other)])
    assert result.exit_code == 2 and "is the page being read" in result.stderr
    assert page.read_bytes() == PAGE.read_bytes()


@pytest.mark.skipif(not hasattr(os, "umask"), reason="no umask")
@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077])
def test_export_and_untc_import_create_files_as_the_umask_says(tmp_path: Path, mask: int) -> None:
    old = os.umask(mask)
    try:
        exported = runner.invoke(app, ["export", "-o", str(tmp_path / "out.json")])
        imported = runner.invoke(
            app, ["untc", "import", str(PAGE), "--id", "x", "-o", str(tmp_path / "x.yaml")]
        )
    finally:
        os.umask(old)
    assert exported.exit_code == imported.exit_code == 0, imported.output
    for name in ("out.json", "x.yaml"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o666 & ~mask


@pytest.mark.skipif(not hasattr(os, "umask"), reason="no umask")
def test_the_cache_stays_private_whatever_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("OTTAWA_CACHE_DIR", str(cache))
    monkeypatch.delenv("OTTAWA_NO_CACHE", raising=False)
    old = os.umask(0)
    try:
        result = runner.invoke(app, ["status", "Finland", "--json"])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert files and all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in files)
