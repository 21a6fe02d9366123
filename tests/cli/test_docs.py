"""The README documents every command, every finding code and the exit codes."""

from __future__ import annotations

import os
import re
import shlex

import pytest
import typer.main
from typer.testing import CliRunner

from ottawa_cli.cli.app import app
from ottawa_cli.codes import CODES
from tests.support import ROOT

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


def test_the_readme_table_of_finding_codes_is_the_registry() -> None:
    rows = re.findall(r"^\| `(OTT\d{3})` \| (error|warning) \| (.+) \|$", README, re.M)
    assert rows == [(c.code, c.severity, c.summary) for c in CODES.values()]


def test_exit_codes_are_documented_in_the_readme_and_in_help() -> None:
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in README
    assert "Exit codes: 0 ok; 1 invalid data or findings; 2 usage error." in (app.info.help or "")


# The README's examples are real output: each `$ ottawa ...` in a console block is run again and
# must print exactly what the README shows, on the README's day: today is pinned, not the machine's
# clock (a timeline marks today; a countdown's header names its day when that is not today), so
# every example is checked, whatever the day. Abbreviated JSON is left out.
# OTTAWA_UPDATE_GOLDEN=1 rewrites them.
README_DAY = "2026-12-04"
_BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def _examples() -> list[tuple[str, str]]:
    examples = []
    for block in _BLOCK.findall(README):
        segments = re.split(r"^(?=\$ )", block, flags=re.M)
        for segment in segments:
            if not segment.startswith("$ ottawa "):
                continue
            command, _, output = segment.partition("\n")
            command = command[2:]
            if '"..."' in output:
                continue
            examples.append((command, output.rstrip("\n")))
    return examples


@pytest.mark.parametrize(("command", "shown"), _examples(), ids=[c for c, _ in _examples()])
def test_readme_example_is_real_output(
    command: str, shown: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("OTTAWA_TODAY", README_DAY)
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    printed = (result.stdout + result.stderr).rstrip("\n")
    if os.environ.get("OTTAWA_UPDATE_GOLDEN") and printed != shown:
        path = ROOT / "README.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace(f"$ {command}\n{shown}\n", f"$ {command}\n{printed}\n", 1),
            encoding="utf-8",
        )
        return
    assert printed == shown


def test_the_readme_architecture_table_is_the_import_linter_contract() -> None:
    import tomllib

    contract = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    # The contract by trade: the one layers contract over the whole package.
    (layers,) = (
        c["layers"]
        for c in contract["tool"]["importlinter"]["contracts"]
        if c["type"] == "layers" and "containers" not in c
    )
    shown = re.findall(r"^\| \d+ \| (.+?) \| .+ \|$", README.split("## Architecture")[1], re.M)
    as_contract = [re.sub(r"`(\w+)`", r"ottawa_cli.\1", row).replace("\\|", "|") for row in shown]
    assert as_contract == layers


def test_the_lowest_versions_ci_installs_are_pyproject_s_lower_bounds() -> None:
    import tomllib

    from packaging.requirements import Requirement
    from packaging.version import Version

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    bounds = {}
    for text in project["dependencies"]:
        requirement = Requirement(text)
        (low,) = [s.version for s in requirement.specifier if s.operator == ">="]
        bounds[requirement.name.lower()] = Version(low)
    pinned = {}
    for line in (ROOT / ".ci" / "lowest.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pinned[name.lower()] = Version(version)
    # Every dependency is pinned at its bound (24.6 is the 24.6.x line's first, 24.6.1); click
    # beside them, for typer.
    assert set(bounds) <= set(pinned) and set(pinned) - set(bounds) == {"click"}
    for name, low in bounds.items():
        assert pinned[name].release[: len(low.release)] == low.release, name
