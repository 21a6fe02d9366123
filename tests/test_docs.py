"""The README documents every command, every finding code and the exit codes."""

from __future__ import annotations

import typer.main

from ottawa_cli.checks import CODES
from ottawa_cli.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    names = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(command, "commands", None)
        names.extend(f"{name} {s}" for s in sub) if sub else names.append(name)
    return names


def test_every_command_is_in_the_readme() -> None:
    missing = [c for c in _commands() if f"`ottawa {c}" not in README]
    assert missing == []


def test_every_finding_code_is_in_the_readme() -> None:
    assert [c for c in CODES if f"`{c}`" not in README] == []


def test_exit_codes_are_documented_in_the_readme_and_in_help() -> None:
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in README
    assert "Exit codes: 0 ok; 1 invalid data or findings; 2 usage error." in (app.info.help or "")
