"""`ottawa --help` is answered from a text written from the Typer app (no Typer loaded): the
text must be what the app prints, and narrower lines still go to the app."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ottawa_cli.cli.help_text import HELP
from tests.support import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import write_help


def test_the_written_help_is_what_the_typer_app_prints() -> None:
    assert write_help.typer_help() == HELP, "run: python scripts/write_help.py"


def _ottawa(*args: str, columns: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    if columns is not None:
        env["COLUMNS"] = columns
    run = "import sys; sys.argv[0] = 'ottawa'; from ottawa_cli.cli.main import main; main()"
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-c", run, *args],
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_on_a_wide_line_is_printed_without_loading_typer(flag: str) -> None:
    done = _ottawa(flag, columns="120")
    assert done.returncode == 0
    assert done.stdout == HELP
    assert "typer" not in done.stderr and "click" not in done.stderr


def test_help_on_a_narrow_line_is_wrapped_by_the_typer_app() -> None:
    done = _ottawa("--help", columns="60")
    assert done.returncode == 0
    assert done.stdout != HELP
    assert "Usage: ottawa" in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 60
