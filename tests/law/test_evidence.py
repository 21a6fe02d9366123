"""What each answer rests on: a source's class, an event's (its strongest source), a position's
(its weakest event), `--evidence` narrowing the record, and both readings where they differ."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from tests.support import FIXTURES

runner = CliRunner()

# Three made-up States under the minimal treaty: one whose accession the depositary records,
# one whose accession only its government announced, one whose accession only the press
# reported; and a fourth whose withdrawal the depositary records but whose revocation of it
# only the press reported.
STATES = """
  depositary-page: {title: the depositary's status page, note: test, evidence: depositary}
  ministry: {title: a ministry's release, note: test, evidence: official}
  newspaper: {title: a newspaper, note: test, evidence: reported}
states:
  - name: Finland
    iso2: FI
    iso3: FIN
    events:
      - {kind: accession, date: 2010-03-15, source: depositary-page}
  - name: Sweden
    iso2: SE
    iso3: SWE
    events:
      - {kind: accession, date: 2010-03-15, source: ministry, see_also: [newspaper]}
  - name: Norway
    iso2: "NO"
    iso3: NOR
    events:
      - {kind: accession, date: 2010-03-15, source: newspaper, reported_only: "a test"}
  - name: Hungary
    iso2: HU
    iso3: HUN
    events:
      - {kind: accession, date: 2010-03-15, source: depositary-page}
      - {kind: withdrawal, date: 2025-06-02, source: depositary-page}
      - {kind: withdrawal-revocation, date: 2025-11-20, source: newspaper, reported_only: "a test"}
"""


@pytest.fixture
def data(tmp_path: Path) -> str:
    text = (
        (FIXTURES / "minimal.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "  fixture: {title: a test fixture, note: made up for the tests}\n",
            "  fixture: {title: a test fixture, note: made up for the tests}\n" + STATES,
        )
    )
    path = tmp_path / "evidence.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("name", "evidence"),
    [("Finland", "depositary"), ("Sweden", "official"), ("Norway", "reported")],
)
def test_a_position_is_as_well_established_as_its_instrument(
    data: str, name: str, evidence: str
) -> None:
    got = _json("status", name, "--data", data, "--as-of", "2020-01-01")
    assert got["status"] == "party"
    assert got["evidence"] == evidence
    assert got["events"][0]["evidence"] == evidence
    assert got["rests_on"] == (
        []
        if evidence == "depositary"
        else [
            {
                "kind": "accession",
                "date": "2010-03-15",
                "evidence": evidence,
                "source": got["events"][0]["source"],
            }
        ]
    )


def test_an_event_is_as_strong_as_its_strongest_source(data: str) -> None:
    # Sweden's accession: the ministry's release (official) and a newspaper (reported).
    assert _json("status", "Sweden", "--data", data)["events"][0]["evidence"] == "official"


def test_the_text_names_the_fact_and_its_source_when_it_rests_on_less(data: str) -> None:
    result = runner.invoke(app, ["status", "Norway", "--data", data, "--as-of", "2020-01-01"])
    assert "Rests on:" in result.stdout
    assert "accession deposited 15 Mar 2010: reported (press, NGOs, trackers), a newspaper" in (
        result.stdout
    )
    result = runner.invoke(app, ["status", "Finland", "--data", data, "--as-of", "2020-01-01"])
    assert "Rests on" not in result.stdout


@pytest.mark.parametrize(
    ("evidence", "parties"),
    [(None, 4), ("reported", 4), ("official", 3), ("depositary", 2)],
)
def test_evidence_narrows_the_count(data: str, evidence: str | None, parties: int) -> None:
    more = ["--evidence", evidence] if evidence else []
    got = _json("list", "--data", data, "--as-of", "2020-01-01", *more)
    assert got["parties"] == parties
    assert got["evidence_asked"] == (evidence or "unclassified")


def test_a_revocation_only_reported_shows_both_readings(data: str) -> None:
    got = _json("status", "Hungary", "--data", data, "--as-of", "2026-12-04")
    assert got["status"] == "party"
    assert got["evidence"] == "reported"
    assert got["depositary_reading"] == {"status": "withdrawn", "since": "2025-12-02"}
    text = runner.invoke(app, ["status", "Hungary", "--data", data, "--as-of", "2026-12-04"])
    assert "On the depositary's record alone: withdrawn since 2 Dec 2025." in text.stdout
    on_the_record = _json(
        "status", "Hungary", "--data", data, "--as-of", "2026-12-04", "--evidence", "depositary"
    )
    assert on_the_record["status"] == "withdrawn"


def test_pending_on_the_depositary_record_says_what_it_left_out(data: str) -> None:
    got = _json("pending", "--data", data, "--as-of", "2025-12-01", "--evidence", "depositary")
    assert [s["name"] for s in got["states"]] == ["Hungary"]
    got = _json("pending", "--data", data, "--as-of", "2025-12-01")
    # On every fact, the reported revocation leaves Hungary a party: nothing is pending.
    assert got["states"] == []
    text = runner.invoke(
        app, ["pending", "--data", data, "--as-of", "2025-12-01", "--evidence", "depositary"]
    ).stdout
    assert "Hungary" in text and "depositary" in text


def test_the_csv_has_an_evidence_column(data: str) -> None:
    result = runner.invoke(
        app, ["export", "--format", "csv", "--data", data, "--as-of", "2020-01-01"]
    )
    rows = {r["name"]: r["evidence"] for r in csv.DictReader(io.StringIO(result.stdout))}
    assert (rows["Finland"], rows["Sweden"], rows["Norway"]) == (
        "depositary",
        "official",
        "reported",
    )


def test_json_says_both_dates_of_currency(tmp_path: Path, data: str) -> None:
    text = (
        Path(data)
        .read_text(encoding="utf-8")
        .replace(
            "verified: {against: untc, as_at: 2026-02-03}",
            "verified: {against: untc, as_at: 2026-02-03, others_to: 2026-11-30}",
        )
    )
    path = tmp_path / "later.yaml"
    path.write_text(text, encoding="utf-8")
    got = _json("status", "Finland", "--data", str(path), "--as-of", "2026-06-01")
    assert (got["data_verified_as_at"], got["data_others_to"], got["stale"]) == (
        "2026-02-03",
        "2026-11-30",
        True,
    )
    shown = runner.invoke(app, ["status", "Finland", "--data", str(path), "--as-of", "2026-06-01"])
    assert "other sources read to 30 Nov 2026" in shown.stdout
    assert "rests on those other sources" in shown.stdout
