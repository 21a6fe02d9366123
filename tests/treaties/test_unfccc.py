"""The UNFCCC, the Kyoto Protocol and the Paris Agreement against the outcomes the depositary
and the secretariat published: the United States' two exits from the Paris Agreement with a
return between, Canada's exit from Kyoto, and the published counts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from tests.support import REGISTRY, TREATIES, assert_parties, assert_status

US = "United States of America"


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("2016-11-03", "pending-entry-into-force"),
        ("2016-11-04", "party"),
        # Notice on 4 Nov 2019, the first day Art. 28(1) allows (three years after 4 Nov 2016).
        ("2019-11-04", "withdrawing"),
        ("2020-11-03", "withdrawing"),
        ("2020-11-04", "withdrawn"),
        # Accepted again on 20 Jan 2021: in force on the 30th day (Art. 21(3)).
        ("2021-02-18", "pending-entry-into-force"),
        ("2021-02-19", "party"),
        ("2026-01-26", "withdrawing"),
        ("2026-01-27", "withdrawn"),
    ],
)
def test_the_united_states_left_the_paris_agreement_twice(day: str, status: str) -> None:
    assert_status(US, "paris", day, status)


@pytest.mark.parametrize(("day", "parties"), [("2026-01-26", 195), ("2026-01-27", 194)])
def test_the_paris_agreement_had_195_parties_before_the_united_states_left(
    day: str, parties: int
) -> None:
    assert_parties("paris", day, parties)


def test_the_unfccc_has_198_parties() -> None:
    assert_parties("unfccc", "2026-02-03", 198)


@pytest.mark.parametrize(
    ("day", "status"), [("2012-12-14", "withdrawing"), ("2012-12-15", "withdrawn")]
)
def test_canada_left_kyoto_a_year_after_its_notice(day: str, status: str) -> None:
    assert_status("Canada", "kyoto", day, status)


@pytest.mark.parametrize(
    ("day", "parties"), [("2012-12-14", 192), ("2012-12-15", 191), ("2026-02-03", 192)]
)
def test_kyoto_had_192_parties_after_canada_once_afghanistan_joined(day: str, parties: int) -> None:
    assert_parties("kyoto", day, parties)


def test_the_european_union_answers_as_itself() -> None:
    assert_status("European Union", "paris", "2026-02-03", "party")
    assert_status("EU", "unfccc", "2026-02-03", "party")


def test_withdrawing_from_the_convention_is_withdrawing_from_its_protocols(
    tmp_path: Path,
) -> None:
    # Art. 25(3) of the UNFCCC, Art. 27(3) of Kyoto, Art. 28(3) of Paris: a made-up notice of
    # Japan's from the Convention, in a copy of the data, takes it out of both.
    data = tmp_path / "data"
    (data / "treaties").mkdir(parents=True)
    shutil.copy(REGISTRY, data / "states.yaml")
    for treaty in ("kyoto", "paris"):
        shutil.copy(TREATIES[treaty], data / "treaties" / f"{treaty}.yaml")
    text = TREATIES["unfccc"].read_text(encoding="utf-8")
    anchor = '  - state: "Japan"\n    events:\n'
    assert anchor in text
    text = text.replace(
        anchor,
        anchor
        + "      - {kind: withdrawal, date: 2030-01-10, source: untc-2014, announced: true}\n",
        1,
    )
    (data / "treaties" / "unfccc.yaml").write_text(text, encoding="utf-8")
    runner = CliRunner()
    for treaty in ("kyoto", "paris"):
        path = str(data / "treaties" / f"{treaty}.yaml")
        for day, status in (
            ("2030-01-09", "party"),
            ("2030-06-01", "withdrawing"),
            ("2031-01-10", "withdrawn"),
        ):
            result = runner.invoke(
                app, ["status", "Japan", "--data", path, "--as-of", day, "--json"]
            )
            assert result.exit_code == 0, result.output
            got = json.loads(result.stdout)
            assert got["status"] == status, (treaty, day)
        listed = runner.invoke(app, ["list", "--data", path, "--as-of", "2031-01-10", "--json"])
        japan = next(s for s in json.loads(listed.stdout)["states"] if s["name"] == "Japan")
        assert japan["status"] == "withdrawn"
        notice = next(e for e in got["events"] if e["kind"] == "withdrawal")
        assert (
            "a withdrawal from UN Framework Convention on Climate Change is one from"
            in (notice["note"])
        )
