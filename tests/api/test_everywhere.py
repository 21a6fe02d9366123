"""`--treaty all` answers every treaty it can: one treaty's unreadable data is said, and ends
the run non-zero, but takes no other treaty's answer with it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

PACKAGE = ROOT / "src" / "ottawa_cli"


@pytest.fixture
def broken_install(tmp_path: Path) -> dict[str, str]:
    """A copy of the package whose bundled CCM file is broken."""
    copy = tmp_path / "ottawa_cli"
    shutil.copytree(PACKAGE, copy, symlinks=False)
    ccm = copy / "data" / "treaties" / "ccm.yaml"
    ccm.write_text(ccm.read_text(encoding="utf-8").replace("format: 1", "format: one", 1))
    return {**os.environ, "PYTHONPATH": str(tmp_path), "OTTAWA_NO_CACHE": "1"}


@pytest.mark.parametrize(
    "args",
    [
        ["status", "Lithuania", "--treaty", "all"],
        ["pending", "--treaty", "all"],
        ["treaties"],
    ],
    ids=" ".join,
)
def test_one_unreadable_treaty_is_said_and_the_others_answered(
    broken_install: dict[str, str], args: list[str]
) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "ottawa_cli", *args],
        capture_output=True,
        text=True,
        env=broken_install,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    assert "ccm: its data could not be read" in run.stdout
    assert (
        "Traceback" not in run.stderr and "Error: the data of ccm could not be read" in run.stderr
    )
    assert "apmbc" in run.stdout  # the other treaties answered, each named
    as_json = subprocess.run(
        [sys.executable, "-m", "ottawa_cli", *args, "--json"],
        capture_output=True,
        text=True,
        env=broken_install,
        timeout=120,
    )
    assert as_json.returncode == 1
    got = json.loads(as_json.stdout)
    failed = got if isinstance(got, list) else got["failed"]
    assert [f["treaty"] for f in failed if "error" in f] == ["ccm"]


def test_a_participant_that_is_not_a_state_is_answered_where_it_takes_part() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "ottawa_cli", "status", "European Union", "--treaty", "all"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Paris Agreement" in run.stdout and "Not a participant in: apmbc" in run.stdout
