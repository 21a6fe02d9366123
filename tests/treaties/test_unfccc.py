"""The UN Framework Convention on Climate Change (`unfccc`): the published count of Parties, the
European Union answering as itself, and a withdrawal from the Convention being one from its
protocols (Kyoto, Paris: tests/treaties/test_kyoto.py and test_paris.py hold their own)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from tests.support import REGISTRY, TREATIES, assert_parties, assert_status


def test_the_unfccc_has_198_parties() -> None:
    assert_parties("unfccc", "2026-02-03", 198)


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
